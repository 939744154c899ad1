"""Shared fixtures: small datasets built in code, and paths to the named fixture files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from _helpers import rel
from graph.model import Actor, Dataset, Source

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def hand_graph() -> Dataset:
    """Four actors whose metrics are worked out by hand in tests/test_centrality.py.

    Alignment: A–B 0.5, B–C 0.5, A–C 0.2 (distances 2, 2, 5). Tension: A–D 0.6, A–B 0.3.
    """
    actors = tuple(Actor(x, f"Actor {x}", "state") for x in "ABCD")
    relations = (
        rel("ab", "A", "B", "alignment", 0.5),
        rel("bc", "B", "C", "alignment", 0.5),
        rel("ac", "A", "C", "alignment", 0.2),
        rel("ad", "A", "D", "tension", 0.6, "security"),
        rel("ab-t", "A", "B", "tension", 0.3, "security"),
    )
    return Dataset(title="hand", sources={"s": Source("s", "Test source", "2025", publisher="tests")},
                   actors=actors, relations=relations)


# --------------------------------------------------------------------------------------------
# slow tests: the long fuzz run and the like, run before a release with --slow or GEOGRAPH_SLOW=1


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False,
                     help="Also run the tests marked slow (the long fuzz run); or set GEOGRAPH_SLOW=1.")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: a long run (minutes), skipped unless --slow or GEOGRAPH_SLOW=1")


def slow_enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("--slow", default=False)) or os.environ.get("GEOGRAPH_SLOW", "") not in ("", "0")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if slow_enabled(config):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow or GEOGRAPH_SLOW=1 (before a release)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)

"""The text reports (graph/report/): typed on the result classes, and callable from Python alone.

The bytes of every report are pinned by the golden records (tests/golden/); these tests check what
the library offers beside the command line: the names and the evidence of a balance report built
from the dataset itself, and one import path for every format.
"""

from __future__ import annotations

import pytest

import graph
from graph.analysis.balance import balance
from graph.analysis.temporal import diff
from graph.errors import OptionError
from graph.report import balance_evidence, format_balance, format_diff


@pytest.fixture(scope="module")
def bundled():
    return graph.load()


def _evidence_as_the_cli_built_it(ds, at):
    """What cli.py's balance command computed itself before the library offered it."""
    evidence: dict[tuple[str, str], list[str]] = {}
    for r in graph.snapshot(ds, at).relations if at else ds.relations:
        evidence.setdefault(r.pair, []).append(f"{r.kind}, {r.domain} ({r.weight:g}): {r.evidence}")
    return evidence


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_format_balance_with_the_dataset_equals_names_and_evidence_given(bundled, fmt):
    report = balance(bundled, at="2025-03-01")
    names = {a.id: a.name for a in bundled.actors}
    given = format_balance(report, fmt, names, _evidence_as_the_cli_built_it(bundled, report.at))
    assert format_balance(report, fmt, dataset=bundled) == given


def test_format_balance_cites_up_to_three_evidence_lines_per_tie_under_strain(bundled):
    report = balance(bundled, at="2025-03-01")
    text = format_balance(report, "table", dataset=bundled)
    tie = report.to_dict()["frustrated"][0]
    cited = balance_evidence(bundled, report.at)[tie["source"], tie["target"]][:3]
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {bundled.actor(tie['source']).name} ("))
    assert lines[start + 1:start + 1 + len(cited)] == [f"      {c}" for c in cited]


def test_format_balance_given_names_win_over_the_dataset(bundled):
    report = balance(bundled, at="2025-03-01")
    text = format_balance(report, "table", {}, {}, dataset=bundled)
    assert text == format_balance(report, "table")


def test_balance_evidence_without_a_day_reads_every_relation(bundled):
    evidence = balance_evidence(bundled)
    assert sum(len(v) for v in evidence.values()) == len(bundled.relations)
    assert list(evidence) == list(dict.fromkeys(r.pair for r in bundled.relations))


def test_format_diff_with_the_dataset_names_the_actors(bundled):
    change = diff(bundled, "2021", "2025-03")
    names = {a.id: a.name for a in bundled.actors}
    assert format_diff(change, "markdown", dataset=bundled) == format_diff(change, "markdown", names)


def test_unknown_format_names_the_choices(bundled):
    with pytest.raises(OptionError, match="^unknown format 'csv'; choose one of: table, json, markdown$"):
        format_balance(balance(bundled, at="2025-03-01"), "csv")


def test_every_format_is_importable_from_graph_report():
    import graph.report as report

    for name in ("format_frame", "records", "format_balance", "format_explanation", "format_timeline",
                 "format_diff", "format_comparison", "balance_evidence", "FORMATS", "DIGITS"):
        assert name in report.__all__ and hasattr(report, name), name

"""Sign-aware layout (graph/layout.py): seeded, allies closer than rivals, isolated actors set aside."""

import math
import statistics

import graph
from graph.layout import FORCE_LIMIT, signed_layout
from graph.model import Actor, Dataset

from _helpers import rel


def test_signed_layout_draws_allies_closer_than_rivals_on_bundled_data():
    snap = graph.snapshot(graph.load(), "2025-03-01")
    pos = signed_layout(snap)
    mean = lambda kind: statistics.mean(  # noqa: E731
        math.dist(pos[r.source], pos[r.target]) for r in snap.relations if r.kind == kind)
    assert mean("alignment") < 0.75 * mean("tension")


def test_signed_layout_is_seeded():
    snap = graph.snapshot(graph.load(), "2025-03-01")
    assert signed_layout(snap, seed=3) == signed_layout(snap, seed=3)
    assert signed_layout(snap, seed=3) != signed_layout(snap, seed=4)


def test_signed_layout_sets_isolated_actors_below():
    ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABCZ"), relations=(
        rel("ab", "A", "B", "alignment", 1.0), rel("bc", "B", "C", "tension", 1.0)))
    pos = signed_layout(ds)
    assert pos["Z"][1] > max(pos[n][1] for n in "ABC")
    assert all(abs(c) <= 500 for n in "ABC" for c in pos[n])


def test_signed_layout_large_graph_uses_the_fast_path():
    n = FORCE_LIMIT + 50
    actors = tuple(Actor(f"A{i}", f"A{i}", "state") for i in range(n))
    relations = tuple(rel(f"r{i}", f"A{i}", f"A{(i + 1) % n}", "alignment", 0.5) for i in range(n))
    pos = signed_layout(Dataset(actors=actors, relations=relations))
    assert len(pos) == n and len(set(pos.values())) > n * 0.9

"""Sign-aware layout (graph/layout.py): seeded, allies closer than rivals, isolated actors set aside."""

import hashlib
import math
import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

import graph
from graph.layout import FORCE_LIMIT, signed_layout
from graph.model import Actor, Dataset

from _helpers import rel


@pytest.mark.parametrize("with_arenas", [False, True])
def test_signed_layout_draws_allies_closer_than_rivals_on_bundled_data(with_arenas):
    from graph.network import Model, network

    net = network(graph.load(), "2025-03-01", model=Model(with_arenas=with_arenas))
    pos = signed_layout(net)
    mean = lambda kind: statistics.mean(  # noqa: E731
        math.dist(pos[r.source], pos[r.target]) for r in net.relations if r.kind == kind)
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


# --------------------------------------------------------------------------------------------
# above FORCE_LIMIT: the sampled simulation


def _random_signed(n: int, seed: int = 1) -> Dataset:
    """``n`` actors and about five relations each between random pairs, 60 % alignment (as in
    benchmarks/page_load.py, where the old spectral layout drew all but six of 2,000 on one point)."""
    rnd = random.Random(seed)
    actors = tuple(Actor(f"A{i:04d}", f"A{i}", "state") for i in range(n))
    relations = []
    for j in range(5 * n):
        a, b = rnd.sample(range(n), 2)
        relations.append(rel(f"r{j}", actors[a].id, actors[b].id,
                             "alignment" if rnd.random() < 0.6 else "tension", round(rnd.uniform(0.1, 1.0), 2)))
    return Dataset(actors=actors, relations=tuple(relations))


def _two_camps(n: int, seed: int = 2) -> tuple[Dataset, set[str]]:
    """Two camps of ``n / 2``: each actor allies itself with three others of its camp (alignment)
    and opposes one of the other camp (tension)."""
    rnd = random.Random(seed)
    actors = tuple(Actor(f"A{i:04d}", f"A{i}", "state") for i in range(n))
    west, east = list(range(n // 2)), list(range(n // 2, n))
    relations = []
    for i in range(n):
        own, other = (west, east) if i < n // 2 else (east, west)
        for j in rnd.sample(own, 3):
            if j != i:
                relations.append(rel(f"a{i}-{j}", actors[i].id, actors[j].id, "alignment", 0.8))
        relations.append(rel(f"t{i}", actors[i].id, actors[rnd.choice(other)].id, "tension", 0.8))
    return Dataset(actors=actors, relations=tuple(relations)), {actors[i].id for i in west}


def _piled(pos: dict[str, tuple[float, float]]) -> float:
    """Share of actors drawn within 1 px of another actor."""
    xy = sorted(pos.values())
    close = set()
    for i, p in enumerate(xy):
        for q in xy[i + 1:]:
            if q[0] - p[0] > 1.0:
                break
            if math.dist(p, q) <= 1.0:
                close.update((p, q))
    return sum(1 for p in xy if p in close) / len(xy)


def test_signed_layout_large_graph_is_not_piled_up():
    ds = _random_signed(1_000)
    pos = signed_layout(ds)
    assert len(pos) == 1_000
    # the spectral layout used here before drew 980 of these 1,000 actors within 1 px of another
    assert _piled(pos) < 0.01
    # spread over the box (an even disc of radius 500 has 250), not crushed into the middle by a few
    # far-flung actors
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    assert statistics.pstdev(xs) > 150 and statistics.pstdev(ys) > 150
    assert max(map(abs, xs + ys)) <= 500


def test_signed_layout_large_graph_with_rivals_on_the_fringe_fills_the_box():
    # 1,003 actors, a tenth tied only by tension: with a count like this the actor just past the
    # nearest 90 % was once scaled as if inside them, eight times beyond the rim, and the whole
    # picture shrank to fit it
    rnd = random.Random(5)
    n, core = 1_003, 903
    actors = tuple(Actor(f"A{i:04d}", f"A{i}", "state") for i in range(n))
    relations = [rel(f"a{j}", actors[a].id, actors[b].id, "alignment", 0.6)
                 for j, (a, b) in enumerate(rnd.sample(range(core), 2) for _ in range(5 * core))]
    relations += [rel(f"t{i}", actors[i].id, actors[rnd.randrange(core)].id, "tension", 0.9) for i in range(core, n)]
    pos = signed_layout(Dataset(actors=actors, relations=tuple(relations)))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    assert max(map(abs, xs + ys)) <= 500
    assert statistics.pstdev(xs) > 150 and statistics.pstdev(ys) > 150


def test_signed_layout_large_graph_draws_camps_apart():
    ds, west = _two_camps(1_000)
    pos = signed_layout(ds)
    ally = statistics.mean(math.dist(pos[r.source], pos[r.target]) for r in ds.relations if r.kind == "alignment")
    rival = statistics.mean(math.dist(pos[r.source], pos[r.target]) for r in ds.relations if r.kind == "tension")
    # seeds 1-7 give rivals about 17 times as far apart as allies, and every actor on its camp's side
    assert rival > 5 * ally
    # each camp is a region of its own: almost every actor is nearer its camp's centre
    centre = {side: tuple(statistics.mean(pos[a][c] for a in pos if (a in west) == side) for c in (0, 1))
              for side in (True, False)}
    home = sum(math.dist(pos[a], centre[a in west]) < math.dist(pos[a], centre[a not in west]) for a in pos)
    assert home > 0.99 * len(pos)


def test_signed_layout_large_graph_is_seeded():
    ds = _random_signed(FORCE_LIMIT + 100)
    assert signed_layout(ds, seed=3) == signed_layout(ds, seed=3)
    assert signed_layout(ds, seed=3) != signed_layout(ds, seed=4)


#: Lays out the same large graph as the test below and prints a digest of the positions.
_IN_A_PROCESS = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from test_layout import _random_signed
from graph.layout import signed_layout
print(hashlib.sha256(repr(sorted(signed_layout(_random_signed(700)).items())).encode()).hexdigest())
"""


def test_signed_layout_large_graph_is_the_same_in_every_process():
    # the spectral layout used here before started ARPACK from a random vector: mirrored or
    # different positions from one run to the next
    here = str(Path(__file__).parent)
    runs = [subprocess.Popen([sys.executable, "-c", _IN_A_PROCESS, here], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONHASHSEED": hash_seed}) for hash_seed in ("0", "4242")]
    digests = [run.communicate(timeout=120)[0] for run in runs]
    expected = hashlib.sha256(repr(sorted(signed_layout(_random_signed(700)).items())).encode()).hexdigest()
    assert [run.returncode for run in runs] == [0, 0]
    assert digests == [expected + "\n"] * 2

"""Sign-aware layout (graph/layout.py): seeded, allies closer than rivals, no actor or label on another,
isolated actors beside the drawing."""

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
from graph.layout import FORCE_LIMIT, label_width, signed_layout
from graph.model import Actor, Dataset
from graph.render.scene import snapshot_scene

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


def test_signed_layout_sets_isolated_actors_beside_the_drawing_in_view():
    # they used to stand in a row under the drawing, below the fold of the page
    ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABCYZ"), relations=(
        rel("ab", "A", "B", "alignment", 1.0), rel("bc", "B", "C", "tension", 1.0)))
    pos = signed_layout(ds)
    linked = [pos[n] for n in "ABC"]
    right = max(x for x, _ in linked)
    for n in "YZ":
        x, y = pos[n]
        # just right of the drawing and within its height, give or take one actor's box (a node of
        # radius 20 with its 15 px label under it, and the gap of 12 px: 67 px)
        assert right < x < right + 150
        assert min(y for _, y in linked) - 20 - 67 <= y <= max(y for _, y in linked) + 35 + 67


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
    _assert_fills_a_disc_without_overlaps(pos)


def _assert_fills_a_disc_without_overlaps(pos: dict[str, tuple[float, float]], radius: float = 20.0) -> None:
    """Spread over the drawing (an even disc has a standard deviation of half its radius in x and in y),
    not crushed into the middle by a few far-flung actors, and no two discs of ``radius`` overlapping."""
    from scipy.spatial import cKDTree

    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    extent = max(map(abs, xs + ys))
    assert statistics.pstdev(xs) > 0.3 * extent and statistics.pstdev(ys) > 0.3 * extent
    assert not cKDTree(list(pos.values())).query_pairs(2 * radius)


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
    _assert_fills_a_disc_without_overlaps(pos)


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


#: Lays out the same graphs as the test below (a large one, sampled, and Gahuku-Gama, stress and
#: overlap removal) and prints a digest of the positions.
_IN_A_PROCESS = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from test_layout import _digest
print(_digest())
"""


def _digest() -> str:
    both = [signed_layout(_random_signed(700)), signed_layout(_reference("gahuku_gama_read1954.csv"))]
    return hashlib.sha256(repr([sorted(pos.items()) for pos in both]).encode()).hexdigest()


def test_signed_layout_is_the_same_in_every_process():
    # the spectral layout used here before started ARPACK from a random vector: mirrored or
    # different positions from one run to the next
    here = str(Path(__file__).parent)
    runs = [subprocess.Popen([sys.executable, "-c", _IN_A_PROCESS, here], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONHASHSEED": hash_seed}) for hash_seed in ("0", "4242")]
    digests = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert digests == [_digest() + "\n"] * 2


# --------------------------------------------------------------------------------------------
# legible by construction: what the page opens with (benchmarks/page_legibility.py measures it in Chromium)

REFERENCE = Path(__file__).parent / "fixtures" / "reference"
COW = Path(__file__).parent.parent / "benchmarks" / "data" / "cow_doreian_mrvar_1946_1999_all_windows.csv"


def _reference(name: str) -> Dataset:
    ds, problems = graph.read_edgelist(REFERENCE / name)
    assert problems == []
    return ds


def _cow_window(window: str = "88-91") -> Dataset:
    """One Correlates of War window (alliances +, disputes -): 141 states in 1988-91."""
    import csv

    with COW.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["window"] == window]
    ids = sorted({r["source"] for r in rows} | {r["target"] for r in rows})
    return Dataset(actors=tuple(Actor(x, x, "state") for x in ids), relations=tuple(
        rel(f"r{i}", r["source"], r["target"], "alignment" if r["sign"] == "1" else "tension", 1.0)
        for i, r in enumerate(rows)))


def _sahel() -> Dataset:
    """Eight Sahel states, 2024, by hand: the Alliance of Sahel States against ECOWAS's core."""
    ties = [("MLI", "BFA", 1), ("MLI", "NER", 1), ("BFA", "NER", 1), ("NGA", "SEN", 1), ("NGA", "CIV", 1),
            ("SEN", "CIV", 1), ("MLI", "CIV", -1), ("NER", "NGA", -1), ("BFA", "CIV", -1), ("MLI", "MRT", -1),
            ("TCD", "NER", 1), ("TCD", "NGA", 1), ("MRT", "SEN", 1), ("NER", "CIV", -1)]
    ids = sorted({a for a, _, _ in ties} | {b for _, b, _ in ties})
    return Dataset(actors=tuple(Actor(x, x, "state") for x in ids), relations=tuple(
        rel(f"r{i}", a, b, "alignment" if s > 0 else "tension", 1.0) for i, (a, b, s) in enumerate(ties)))


def _page_boxes(nodes: list[dict]) -> dict[str, tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each node with its label, as Chromium's getBoundingBox gives them
    (test_page_box_model_matches_chromium): the shape is a square of the node's ``size`` round its
    centre, the label a 15 px line under it, as wide as its text."""
    out = {}
    for n in nodes:
        half = max(n["size"], label_width(n.get("label", "")) / 2)
        out[n["id"]] = (n["x"] - half, n["y"] - n["size"], n["x"] + half, n["y"] + n["size"] + (15 if n.get("label") else 0))
    return out


def _overlapping(boxes: dict[str, tuple[float, float, float, float]]) -> list[tuple[str, str]]:
    ids = sorted(boxes)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
            if boxes[a][0] < boxes[b][2] and boxes[b][0] < boxes[a][2] and boxes[a][1] < boxes[b][3] and boxes[b][1] < boxes[a][3]]


def _spread(points) -> float:
    """Minor over major axis of the cloud: sqrt of the eigenvalue ratio of the positions' covariance."""
    import numpy as np

    low, high = np.linalg.eigvalsh(np.cov(np.array(list(points), dtype=float).T))
    return math.sqrt(low / high)


SMALL = {
    "gahuku_gama": lambda: _reference("gahuku_gama_read1954.csv"),
    "slovene": lambda: _reference("slovene_parliamentary_parties_1994.csv"),
    "sampson": lambda: _reference("sampson_everett_borgatti2014_symmetrized.csv"),
    "bundled": graph.load,
    "sahel": _sahel,
}


@pytest.mark.parametrize("name", sorted(SMALL))
def test_page_draws_no_actor_or_label_on_another(name):
    # before: Gahuku-Gama drew 32 pairs of overlapping boxes, the Slovene parties 11, the bundled data 5
    scene = snapshot_scene(SMALL[name]())
    assert _overlapping(_page_boxes(scene.nodes)) == []


@pytest.mark.parametrize("name", sorted(SMALL))
def test_page_spreads_actors_in_two_dimensions(name):
    # before: Gahuku-Gama 0.15 (two heaps, top and bottom), the Slovene parties 0.06 (nearly a line)
    assert _spread(snapshot_scene(SMALL[name]()).positions.values()) >= 0.3


def test_page_draws_no_two_of_141_states_on_each_other():
    # the 1988-91 window drew 2,031 pairs of states on top of each other, one blob in the middle
    scene = snapshot_scene(_cow_window())
    assert len(scene.nodes) == 141
    at = {n["id"]: (n["x"], n["y"], n["size"]) for n in scene.nodes}
    ids = sorted(at)
    assert [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
            if math.dist(at[a][:2], at[b][:2]) < at[a][2] + at[b][2]] == []


def test_page_draws_long_names_whole_and_apart_with_arenas():
    # the bundled page with arenas printed "Nakhchivan" on "East Zangezur–Nakhchivan corridor via Iran":
    # names are drawn whole (the search and the tooltip read them), and their boxes are given room
    from graph.network import Model, network

    scene = snapshot_scene(network(graph.load(), None, model=Model(with_arenas=True)))
    labels = {n["id"]: n["label"] for n in scene.nodes}
    assert labels["ZANGEZUR-IR"] == "East Zangezur–Nakhchivan corridor via Iran"
    assert _overlapping(_page_boxes(scene.nodes)) == []


def test_signed_layout_parts_camps_of_gahuku_gama():
    # Read (1954): the sixteen tribes fall in three camps; allies are drawn nearer than enemies
    ds = _reference("gahuku_gama_read1954.csv")
    pos = signed_layout(ds)
    mean = lambda kind: statistics.mean(  # noqa: E731
        math.dist(pos[r.source], pos[r.target]) for r in ds.relations if r.kind == kind)
    assert mean("alignment") < 0.6 * mean("tension")


def test_signed_layout_gives_the_same_boxes_room_whatever_their_size():
    # the page's biggest nodes (radius 40) with the longest labels the page draws still do not overlap
    ds = _sahel()
    sizes = {a.id: 40.0 for a in ds.actors}
    labels = {a.id: "W" * 20 for a in ds.actors}
    pos = signed_layout(ds, sizes=sizes, labels=labels)
    nodes = [{"id": n, "x": x, "y": y, "size": 40.0, "label": "W" * 20} for n, (x, y) in pos.items()]
    assert _overlapping(_page_boxes(nodes)) == []


def _planted(n: int = 2_000, contrary: float = 0.1, seed: int = 3) -> tuple[Dataset, set[str]]:
    """Two camps of ``n / 2``; each actor has three ties in its camp and three across, alignment inside and
    tension across but for ``contrary`` of them."""
    rnd = random.Random(seed)
    ids = [f"A{i:05d}" for i in range(n)]
    half = n // 2
    relations = []
    for i in range(n):
        own, other = (range(half), range(half, n)) if i < half else (range(half, n), range(half))
        for k in range(3):
            for pool, inside in ((own, True), (other, False)):
                j = rnd.choice(pool)
                if j != i:
                    kind = "alignment" if inside != (rnd.random() < contrary) else "tension"
                    relations.append(rel(f"r{i}-{k}-{inside}", ids[i], ids[j], kind, 1.0))
    return Dataset(actors=tuple(Actor(x, x, "state") for x in ids), relations=tuple(relations)), set(ids[:half])


def test_signed_layout_2000_planted_camps_with_contrary_ties_stay_apart():
    ds, west = _planted()
    pos = signed_layout(ds)
    centre = {side: tuple(statistics.mean(pos[a][c] for a in pos if (a in west) == side) for c in (0, 1))
              for side in (True, False)}
    home = sum(math.dist(pos[a], centre[a in west]) < math.dist(pos[a], centre[a not in west]) for a in pos)
    assert home >= 0.97 * len(pos)


@pytest.fixture(scope="module")
def browser():
    from test_browser import browser as make

    yield from make.__wrapped__()


@pytest.mark.parametrize("name", ["gahuku_gama", "bundled"])
def test_page_box_model_matches_chromium(browser, tmp_path, name):
    # the box model the tests above use is what vis-network measures in the page, within a pixel
    from test_browser import open_offline

    ds = SMALL[name]()
    out = graph.write_html(ds, tmp_path / "page.html")
    page, requests, errors = open_offline(browser, out)
    drawn = page.evaluate("""() => { const net = window.geograph.network, out = {};
        window.geograph.nodes.getIds().forEach(id => { const b = net.getBoundingBox(id);
          out[id] = [b.left, b.top, b.right, b.bottom]; }); return out; }""")
    page.close()
    model = _page_boxes(snapshot_scene(ds).nodes)
    assert sorted(drawn) == sorted(model) and requests == [] and errors == []
    assert max(abs(a - b) for n in model for a, b in zip(model[n], drawn[n])) < 1.0

"""The engines behind the report (graph/analysis/_engines.py, _spectral.py): same numbers either way.

igraph is optional: the tests that need it are skipped without it, and one test hides it to check
that everything works as before.
"""

from __future__ import annotations

import random
import warnings

import networkx as nx
import numpy as np
import pytest

import graph
from _helpers import rel
from graph.analysis import _engines, _spectral, signed_centrality
from graph.analysis._engines import betweenness_pivots, path_measures, pivot_error_bound, resolve_engine
from graph.analysis.centrality import eigenvector
from graph.analysis.signed_centrality import pn_centrality, signed_eigenvector
from graph.errors import OptionError
from graph.metrics import METRIC_NAMES
from graph.model import Actor, Dataset
from graph.network import Network, layer, layers, snapshot

needs_igraph = pytest.mark.skipif(not _engines.has_igraph(), reason="python-igraph is not installed")
#: The scale of the bundled data: decimal weights, so sums of distances tie often.
STEPS = (0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 1.0)


def random_dataset(seed: int, n: int = 60, clusters: int = 3, isolated: int = 4, per_actor: float = 3.0,
                   steps: bool = True, directed: float = 0.2) -> Dataset:
    """Clusters with no tie between them, a few isolated actors, several relations per pair."""
    rng = random.Random(seed)
    ids = [f"N{i:03d}" for i in range(n)]
    live = ids[: n - isolated]
    relations = []
    for k in range(int(per_actor * len(live))):
        c = rng.randrange(clusters)
        members = live[c::clusters]
        a, b = rng.sample(members, 2)
        weight = rng.choice(STEPS) if steps else rng.uniform(0.05, 1.0)
        kind = "alignment" if rng.random() < 0.7 else "tension"
        relations.append(rel(f"r{k}", a, b, kind, weight, rng.choice(["economic", "security", "energy"]),
                             directed=rng.random() < directed))
    return Dataset(actors=tuple(Actor(x, x, "state") for x in ids), relations=tuple(relations))


def assert_same_report(a, b, tol: float = 1e-9) -> None:
    assert list(a.index) == list(b.index)
    for column in METRIC_NAMES:
        np.testing.assert_allclose(a[column].to_numpy(float), b[column].to_numpy(float), rtol=0, atol=tol,
                                   err_msg=column)


# --------------------------------------------------------------------------------------------
# the two engines give the same report


@needs_igraph
@pytest.mark.parametrize("at", ["1995", "2005", "2015", "2022", "2025-03-01", "2026"])
def test_centrality_same_whichever_engine_on_bundled_data(at):
    ds = graph.load()
    assert_same_report(graph.centrality(ds, at=at, engine="networkx"), graph.centrality(ds, at=at, engine="igraph"))


@needs_igraph
@pytest.mark.parametrize("seed", range(6))
def test_centrality_same_whichever_engine_on_random_disconnected_graphs(seed):
    ds = random_dataset(seed, steps=seed % 2 == 0)
    py = graph.centrality(ds, at="2025", engine="networkx")
    ig = graph.centrality(ds, at="2025", engine="igraph")
    assert (py.attrs["engine"], ig.attrs["engine"]) == ("networkx", "igraph")
    assert_same_report(py, ig)
    # the isolated actors have no path measure at all
    assert py.loc[["N059"], ["betweenness", "closeness"]].isna().all(axis=None)


@needs_igraph
def test_estimated_betweenness_same_whichever_engine(monkeypatch):
    monkeypatch.setattr(_engines, "_MIN_PIVOTS", 40)       # 40 pivots of 120 nodes
    monkeypatch.setattr(_engines, "PIVOT_WORK", 1)
    ds = random_dataset(7, n=120)
    py = graph.centrality(ds, at="2025", engine="networkx", exact=False)
    ig = graph.centrality(ds, at="2025", engine="igraph", exact=False)
    assert py.attrs["betweenness"] == ig.attrs["betweenness"] == "estimated"
    assert_same_report(py, ig)


def test_python_engine_equals_networkx_without_near_ties():
    # continuous random weights: no two path lengths within 1e-10 unless equal, so NetworkX's
    # exact float comparison and the engines' relative epsilon count the same paths
    for seed in range(4):
        al = layer(snapshot(random_dataset(seed, steps=False), "2025"), "alignment")
        between, close, info = path_measures(al, "networkx")
        assert info == {"engine": "networkx", "betweenness": "exact", "closeness": "exact", "pivots": al.number_of_nodes()}
        ref_b = nx.betweenness_centrality(al, weight="distance", normalized=True)
        ref_c = nx.closeness_centrality(al, distance="distance")
        assert between == pytest.approx(ref_b, abs=1e-12)
        assert close == pytest.approx(ref_c, abs=1e-12)


@pytest.mark.parametrize("engine", ["networkx", pytest.param("igraph", marks=needs_igraph)])
def test_betweenness_counts_paths_equal_up_to_rounding_as_ties(engine):
    # A–B–D (1/0.5 + 1/0.75) and A–D (1/0.3) are both 10/3 long, but the float sums differ in the
    # last bit (3.333333333333333 and 3.3333333333333335): two shortest paths, B is on one of them.
    ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABD"), relations=(
        rel("ab", "A", "B", "alignment", 0.5), rel("bd", "B", "D", "alignment", 0.75),
        rel("ad", "A", "D", "alignment", 0.3)))
    al = layer(ds, "alignment")
    assert 1 / 0.5 + 1 / 0.75 != 1 / 0.3
    between, _, _ = path_measures(al, engine)
    # normalised by (n-1)(n-2) = 2 over ordered pairs: (A, D) and (D, A) each give B one half
    assert between["B"] == 0.5
    assert nx.betweenness_centrality(al, weight="distance")["B"] == 1.0   # NetworkX sees one path


# --------------------------------------------------------------------------------------------
# choosing the engine


def test_resolve_engine_names_and_errors(monkeypatch):
    assert resolve_engine("networkx") == "networkx"
    with pytest.raises(OptionError, match="unknown engine 'fast'; choose one of: auto, networkx, igraph"):
        resolve_engine("fast")
    monkeypatch.setenv("GEOGRAPH_ENGINE", "networkx")
    assert resolve_engine() == "networkx"
    monkeypatch.setattr(_engines, "has_igraph", lambda: False)
    with pytest.raises(OptionError, match=r'needs python-igraph. Hint: pip install "geograph\[fast\]"'):
        resolve_engine("igraph")
    assert resolve_engine("auto", work=10**9) == "networkx"


@needs_igraph
def test_auto_engine_picks_igraph_only_for_large_graphs():
    assert resolve_engine("auto", work=_engines.AUTO_IGRAPH_WORK) == "networkx"
    assert resolve_engine("auto", work=_engines.AUTO_IGRAPH_WORK + 1) == "igraph"


def test_centrality_works_without_igraph(monkeypatch):
    import sys

    ds = random_dataset(3)
    before = graph.centrality(ds, at="2025", engine="networkx")
    monkeypatch.setitem(sys.modules, "igraph", None)      # import igraph now fails
    monkeypatch.setattr(_engines, "has_igraph", lambda: False)
    monkeypatch.setattr(_engines, "AUTO_IGRAPH_WORK", 0)
    after = graph.centrality(ds, at="2025")
    assert after.attrs["engine"] == "networkx"
    assert_same_report(before, after, tol=0)


# --------------------------------------------------------------------------------------------
# estimated betweenness above the documented size


def test_betweenness_pivots_exact_up_to_the_documented_size():
    limit = _engines.EXACT_BETWEENNESS_WORK
    assert betweenness_pivots(5_000, limit // 5_000) is None
    # one edge more: ceil(50,000,000 / 20,001) = 2,500 pivots
    assert len(betweenness_pivots(5_000, limit // 5_000 + 1)) == 2_500
    assert betweenness_pivots(10_000, 40_000, exact=True) is None
    assert betweenness_pivots(500, 1_000, exact=False) is None       # 1,000 pivots >= 500 nodes: exact


def test_estimated_betweenness_within_its_stated_bound(monkeypatch):
    # 150 pivots out of the 376 actors with an alignment tie (the isolated ones are left out): the bound (delta 0.01, every actor at once) is 0.19; the error
    # found is far below it, and the estimate is unbiased, so its mean error is near zero
    monkeypatch.setattr(_engines, "_MIN_PIVOTS", 150)
    monkeypatch.setattr(_engines, "PIVOT_WORK", 1)
    ds = random_dataset(11, n=400, clusters=1, isolated=10, per_actor=2.5)
    exact = graph.centrality(ds, at="2025", engine="networkx", exact=True)
    estimate = graph.centrality(ds, at="2025", engine="networkx", exact=False)
    assert estimate.attrs["pivots"] == 150 and estimate.attrs["betweenness"] == "estimated"
    bound = estimate.attrs["betweenness_error_bound"]
    assert bound == pytest.approx(pivot_error_bound(376, 150)) == pytest.approx(0.1940, abs=1e-4)
    error = (estimate["betweenness"] - exact["betweenness"]).abs()
    assert error.max() < bound / 4
    assert abs((estimate["betweenness"] - exact["betweenness"]).mean()) < 0.005
    # every other column is the same (closeness then comes from SciPy's Dijkstra: rounding differs)
    assert_same_report(exact.drop(columns="betweenness").assign(betweenness=0.0),
                       estimate.drop(columns="betweenness").assign(betweenness=0.0), tol=1e-12)


def test_estimated_betweenness_is_seeded():
    al = layer(snapshot(random_dataset(5, n=200), "2025"), "alignment")
    first, _, info = path_measures(al, "networkx", exact=False)
    again, _, _ = path_measures(al, "networkx", exact=False)
    assert first == again and info["betweenness"] == "exact"      # 1,000 pivots cover all 200 nodes


def _two_parts(seed: int) -> nx.Graph:
    """A connected part of 300 actors and one of 40 (continuous weights: no near ties)."""
    big = random_dataset(seed, n=300, clusters=1, isolated=0, per_actor=3.0, steps=False)
    al = layer(snapshot(big, "2025"), "alignment")
    small = layer(snapshot(random_dataset(seed + 1, n=40, clusters=1, isolated=0, steps=False), "2025"), "alignment")
    g = nx.union(al.subgraph(max(nx.connected_components(al), key=len)).copy(),
                 nx.relabel_nodes(small.subgraph(max(nx.connected_components(small), key=len)), lambda v: "S" + v))
    return g


@pytest.mark.parametrize("engine", ["networkx", pytest.param("igraph", marks=needs_igraph)])
def test_sampled_path_measures_within_their_stated_bounds(engine):
    # what a large page shows: both measures from 120 sources per part; the small part (at most
    # 120 actors) is computed exactly, the large one estimated within the bounds, without bias
    g = _two_parts(3)
    exact_b, exact_c, _ = path_measures(g, engine)
    b, c, info = path_measures(g, engine, sample=120)
    small = [v for v in g if v.startswith("S")]
    big = [v for v in g if not v.startswith("S")]
    assert info["betweenness"] == info["closeness"] == "estimated" and info["pivots"] == 120 + len(small)
    assert all(b[v] == pytest.approx(exact_b[v], abs=1e-12) and c[v] == pytest.approx(exact_c[v], rel=1e-12)
               for v in small)
    error_b = np.array([abs(b[v] - exact_b[v]) for v in big])
    error_c = np.array([abs(c[v] / exact_c[v] - 1) for v in big])
    assert 0 < error_b.max() < info["error_bound"] and 0 < error_c.max() < info["closeness_relative_error_bound"]
    assert abs(np.mean([b[v] - exact_b[v] for v in big])) < 0.002
    assert abs(np.mean([c[v] / exact_c[v] - 1 for v in big])) < 0.03     # one sample for all: errors move together
    # the standard error says what the error typically is: the largest error is a few of them
    assert 0 < info["closeness_relative_standard_error"] < error_c.max() < 4 * info["closeness_relative_standard_error"]
    # betweenness: the big part's share of the pivot bound
    n = g.number_of_nodes()
    s = len(big)
    assert info["error_bound"] == pytest.approx(s * (s - 2) / ((n - 1) * (n - 2)) * pivot_error_bound(n, 120) * (n - 1) / n)
    assert info["closeness_relative_error_bound"] < float("inf")


@needs_igraph
def test_sampled_path_measures_same_in_both_engines_and_seeded():
    g = _two_parts(5)
    py = path_measures(g, "networkx", sample=50)
    ig = path_measures(g, "igraph", sample=50)
    for v in g:
        assert py[0][v] == pytest.approx(ig[0][v], abs=1e-12) and py[1][v] == ig[1][v]
    assert path_measures(g, "igraph", sample=50) == ig
    assert path_measures(g, "igraph", sample=50, seed=1)[0] != ig[0]


def test_sample_larger_than_every_part_is_exact():
    g = _two_parts(7)
    b, c, info = path_measures(g, "networkx", sample=1_000)
    assert (info["betweenness"], info["closeness"]) == ("exact", "exact")
    assert (b, c) == path_measures(g, "networkx")[:2]


def test_centrality_sample_reports_how_it_estimated():
    ds = random_dataset(11, n=400, clusters=1, isolated=10, per_actor=2.5)
    exact = graph.centrality(ds, at="2025", engine="networkx")
    estimate = graph.centrality(ds, at="2025", engine="networkx", sample=100)
    assert exact.attrs["closeness"] == "exact" and "closeness_relative_error_bound" not in exact.attrs
    assert (estimate.attrs["betweenness"], estimate.attrs["closeness"]) == ("estimated", "estimated")
    assert estimate.attrs["closeness_relative_error_bound"] > 0 and estimate.attrs["betweenness_error_bound"] > 0
    assert 0 < estimate.attrs["closeness_relative_standard_error"] < 0.05
    # only the path measures move; the isolated actors still have none
    same = [m for m in METRIC_NAMES if m not in ("betweenness", "closeness")]
    assert_same_report(exact[same].assign(**{m: 0.0 for m in ("betweenness", "closeness")}),
                       estimate[same].assign(**{m: 0.0 for m in ("betweenness", "closeness")}), tol=1e-12)
    assert estimate.loc[["N399"], ["betweenness", "closeness"]].isna().all(axis=None)


# --------------------------------------------------------------------------------------------
# sparse paths: the same results as the dense ones


@pytest.mark.parametrize("seed", range(4))
def test_eigenvector_sparse_equals_dense(monkeypatch, seed):
    for name in ("alignment", "tension"):
        g = layer(snapshot(random_dataset(seed, n=90), "2025"), name)
        dense = eigenvector(g)
        monkeypatch.setattr(_spectral, "DENSE_LIMIT", 0)
        monkeypatch.setattr(_spectral, "_SMALL_COMPONENT", 3)
        sparse = eigenvector(g)
        monkeypatch.undo()
        assert sparse == pytest.approx(dense, abs=1e-9)


def test_eigenvector_sparse_projects_on_tied_components(monkeypatch):
    # two identical triangles and an isolated node: the eigenspace has dimension 2, and the
    # projection of the uniform vector scores all six corners alike
    g = nx.Graph()
    g.add_weighted_edges_from([(a, b, 0.5) for a, b in ("AB", "BC", "AC", "DE", "EF", "DF")])
    g.add_node("G")
    monkeypatch.setattr(_spectral, "DENSE_LIMIT", 0)
    monkeypatch.setattr(_spectral, "_SMALL_COMPONENT", 0)
    x = eigenvector(g)
    assert x["G"] is None          # no tie: no score
    assert [x[k] for k in "ABCDEF"] == pytest.approx([1 / 6 ** 0.5] * 6, abs=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_signed_eigenvector_sparse_equals_dense(monkeypatch, seed):
    ds = snapshot(random_dataset(seed, n=90), "2025")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        dense = signed_eigenvector(ds)
        monkeypatch.setattr(signed_centrality, "DENSE_LIMIT", 0)
        monkeypatch.setattr(_spectral, "_SMALL_COMPONENT", 3)
        sparse = signed_eigenvector(ds)
    assert sparse == pytest.approx(dense, abs=1e-9)


def test_signed_eigenvector_sparse_keeps_the_tie_rule(monkeypatch):
    # a path A - B - C of tension is bipartite: eigenvalues sqrt(2) and -sqrt(2) tie; the rule
    # picks the positive one and warns, in both paths
    ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABCD"), relations=(
        rel("ab", "A", "B", "tension", 1.0), rel("bc", "B", "C", "tension", 1.0)))
    with pytest.warns(RuntimeWarning, match="no dominant eigenvalue"):
        dense = signed_eigenvector(ds)
    monkeypatch.setattr(signed_centrality, "DENSE_LIMIT", 0)
    monkeypatch.setattr(_spectral, "_SMALL_COMPONENT", 0)
    with pytest.warns(RuntimeWarning, match="no dominant eigenvalue"):
        sparse = signed_eigenvector(ds)
    assert sparse == pytest.approx(dense, abs=1e-12)


@pytest.mark.parametrize("mode", ["all", "in", "out"])
@pytest.mark.parametrize("seed", range(3))
def test_pn_iterative_equals_dense_solve(monkeypatch, mode, seed):
    ds = snapshot(random_dataset(seed, n=80, directed=0.4), "2025")
    dense = pn_centrality(ds, mode)
    monkeypatch.setattr(signed_centrality, "PN_DENSE_LIMIT", 0)
    iterative = pn_centrality(ds, mode)
    assert iterative == pytest.approx(dense, abs=1e-12)


def test_pn_iterative_declines_when_the_walk_sum_converges_slowly():
    # two actors in full tension: beta * |A| = 1, the singular edge case; the dense path handles it
    ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")),
                 relations=(rel("ab", "A", "B", "tension", 1.0),))
    assert signed_centrality._pn_sparse(Network.of(ds), ("all", "in", "out")) is None


def test_layers_equal_layer_one_by_one():
    snap = snapshot(graph.load(), "2025-03-01")
    together = layers(snap)
    for name in ("alignment", "tension", "signed"):
        alone = layer(snap, name)
        assert list(together[name].edges(data=True)) == list(alone.edges(data=True))
        assert list(together[name].nodes(data=True)) == list(alone.nodes(data=True))
        assert together[name].graph == alone.graph

"""The centrality report (graph/analysis/centrality.py), checked against hand computation."""

import json
import math

import networkx as nx
import pandas as pd
import pytest

import graph
from graph.analysis.centrality import eigenvector
from graph.errors import OptionError
from graph.metrics import METRIC_NAMES
from graph.network import network

from _helpers import rel


def test_centrality_strengths_by_hand(hand_graph):
    df = graph.centrality(hand_graph, at="2025")
    # A: alignment 0.5 (B) + 0.2 (C); tension 0.6 (D) + 0.3 (B)
    assert df.loc["A", "alignment_strength"] == pytest.approx(0.7)
    assert df.loc["A", "tension_strength"] == pytest.approx(0.9)
    assert df.loc["A", "net_strength"] == pytest.approx(-0.2)
    assert df.loc["A", "tension_share"] == pytest.approx(0.9 / 1.6)
    assert df.loc["D", "tension_share"] == 1.0
    assert (df.loc["A", "degree"], df.loc["A", "alignment_degree"], df.loc["A", "tension_degree"]) == (3, 2, 2)


def test_centrality_betweenness_reads_strength_as_distance(hand_graph):
    # Distances 1/strength: A–B 2, B–C 2, A–C 5. The shortest A→C path (4) runs through B, so B
    # carries the one pair of the other two aligned actors: normalised 1 / ((n-1)(n-2)/2) = 1 with
    # n = 3 (D has no alignment tie and is not counted). Read as a distance, the raw strength
    # would make the weak direct A–C tie (0.2) the shortest, and B's betweenness would be 0.
    df = graph.centrality(hand_graph, at="2025")
    assert df.loc["B", "betweenness"] == pytest.approx(1.0)
    assert df.loc["A", "betweenness"] == 0
    assert math.isnan(df.loc["D", "betweenness"])     # tension never makes a path: no value


def test_centrality_closeness_by_hand(hand_graph):
    # Wasserman–Faust: (r / sum of distances) * (r / (n - 1)), r reachable actors, n = 3 aligned
    # actors (D, without an alignment tie, would otherwise scale everyone down by 2/3).
    df = graph.centrality(hand_graph, at="2025")
    assert df.loc["B", "closeness"] == pytest.approx((2 / 4) * (2 / 2))   # B: 2 + 2
    assert df.loc["A", "closeness"] == pytest.approx((2 / 6) * (2 / 2))   # A: 2 + 4 (via B)
    assert math.isnan(df.loc["D", "closeness"])


def test_centrality_pagerank_sums_to_one_over_the_aligned_actors(hand_graph):
    # A, B, C: the triangle's PageRank by its weights; D, without an alignment tie, takes no
    # teleport share from them (counted, it would take 0.15 / 4 and lower everyone)
    df = graph.centrality(hand_graph, at="2025")
    ref = nx.pagerank(nx.Graph([("A", "B", {"weight": 0.5}), ("B", "C", {"weight": 0.5}),
                                ("A", "C", {"weight": 0.2})]), weight="weight")
    assert df.loc[["A", "B", "C"], "pagerank"].to_dict() == pytest.approx(ref, abs=1e-9)
    assert df["pagerank"].sum() == pytest.approx(1.0)
    assert math.isnan(df.loc["D", "pagerank"])
    assert df["pagerank"].idxmax() == "B"


def test_centrality_unconnected_actors_get_no_value_and_change_no_one_elses():
    # E has no relation at all: adding it changes no actor's figures, and it has a true 0 only
    # where a count or a sum is meant (degree, strengths, tension share)
    from graph.model import Actor, Dataset

    base = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABCD"), relations=(
        rel("ab", "A", "B", "alignment", 0.5), rel("bc", "B", "C", "alignment", 0.5),
        rel("cd", "C", "D", "tension", 0.6), rel("ad", "A", "D", "alignment", 0.3)))
    plus = Dataset(actors=base.actors + (Actor("E", "E", "state"),), relations=base.relations)
    one, two = graph.centrality(base, at="2025"), graph.centrality(plus, at="2025")
    pd.testing.assert_frame_equal(one, two.drop(index="E"))
    e = two.loc["E"]
    counts = ["degree", "alignment_degree", "tension_degree", "alignment_strength", "tension_strength",
              "net_strength", "tension_share"]
    assert (e[counts] == 0).all()
    assert e[[m for m in METRIC_NAMES if m not in counts]].isna().all()


def test_centrality_per_metric_layer_decides_connected(hand_graph):
    # D has a tension tie only: values on the tension layer and PN, none on the alignment layer
    df = graph.centrality(hand_graph, at="2025")
    d = df.loc["D"]
    assert d[["betweenness", "closeness", "eigenvector", "pagerank"]].isna().all()
    assert d["tension_eigenvector"] > 0 and d["pn"] < 1 and not math.isnan(d["signed_eigenvector"])


def test_eigenvector_matches_networkx_on_connected_graph():
    g = nx.Graph()
    g.add_weighted_edges_from([("A", "B", 0.5), ("B", "C", 0.5), ("A", "C", 0.2), ("C", "E", 0.9)])
    ours = eigenvector(g)
    ref = nx.eigenvector_centrality_numpy(g, weight="weight")
    assert ours == pytest.approx(ref, abs=1e-9)


def test_eigenvector_disconnected_scores_outside_leading_component_zero():
    # two components of different strength: the weaker one is tied but outside the leading
    # eigenspace (a true 0); the actor without a tie has no score
    g = nx.Graph()
    g.add_weighted_edges_from([("A", "B", 0.9), ("C", "D", 0.2)])
    g.add_node("E")
    x = eigenvector(g)
    assert (x["C"], x["D"], x["E"]) == (0.0, 0.0, None)
    assert x["A"] == pytest.approx(2 ** -0.5)


def test_eigenvector_unit_norm_over_the_tied(hand_graph):
    df = graph.centrality(hand_graph, at="2025")
    assert math.isnan(df.loc["D", "eigenvector"])
    assert (df["eigenvector"] ** 2).sum() == pytest.approx(1.0)
    # on the tension layer D is opposed only by A, the most opposed actor
    assert df["tension_eigenvector"].idxmax() == "A"


def test_eigenvector_refuses_negative_weights():
    g = nx.Graph()
    g.add_edge("A", "B", weight=-1)
    with pytest.raises(ValueError, match="non-negative"):
        eigenvector(g)


def test_centrality_sort_top_and_unknown_metric(hand_graph):
    df = graph.centrality(hand_graph, at="2025", sort="tension_strength", top=2)
    assert list(df.index) == ["A", "D"]
    # top without sort ranks by the default metric, alignment strength (B 1.0, A 0.7, C 0.7, D 0),
    # ties by id, not the first two ids of the alphabet
    assert graph.centrality(hand_graph, at="2025", top=2).index.tolist() == ["B", "A"]
    assert graph.centrality(hand_graph, at="2025").index.tolist() == ["A", "B", "C", "D"]   # no top: by id
    with pytest.raises(OptionError, match="unknown metric 'fame'; choose one of: degree, "):
        graph.centrality(hand_graph, sort="fame")


def test_centrality_sort_puts_missing_values_last_by_id():
    from graph.model import Actor, Dataset

    ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ZYXAB"), relations=(
        rel("ab", "A", "B", "alignment", 0.5), rel("xy", "X", "Y", "tension", 0.5)))
    df = graph.centrality(ds, at="2025", sort="betweenness")
    # A and B tie at 0 (ties by id); X, Y and Z have no alignment tie: last, by id
    assert df.index.tolist() == ["A", "B", "X", "Y", "Z"]
    assert graph.centrality(ds, at="2025", sort="pagerank", top=3).index.tolist() == ["A", "B", "X"]


def test_centrality_covers_every_metric_and_actor_of_bundled_data():
    ds = graph.load()
    net = network(ds, "2025-03-01")
    df = graph.centrality(net)
    assert list(df.columns) == ["name", "kind", *METRIC_NAMES]
    assert sorted(df.index) == sorted(a.id for a in net.actors)      # the agents: arenas are left out
    # Azerbaijan is the hub of its own story: most aligned and highest betweenness
    assert df["alignment_strength"].idxmax() == "AZE"
    assert df["betweenness"].idxmax() == "AZE"
    # and Iran is the most opposed state in it
    assert df["tension_strength"].idxmax() == "IRN"


def test_centrality_at_changes_the_result():
    ds = graph.load()
    before = graph.centrality(ds, at="1995")
    after = graph.centrality(ds, at="2025-03")
    assert before.loc["AZE", "alignment_degree"] < after.loc["AZE", "alignment_degree"]

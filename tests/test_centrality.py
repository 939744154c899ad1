"""The centrality report (graph/analysis/centrality.py), checked against hand computation."""

import json

import networkx as nx
import pytest

import graph
from graph.analysis.centrality import eigenvector
from graph.errors import OptionError
from graph.metrics import METRIC_NAMES


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
    # carries the one pair of the other three actors: normalised 1 / ((n-1)(n-2)/2) = 1/3 with n=4.
    # Read as a distance, the raw strength would make the weak direct A–C tie (0.2) the shortest,
    # and B's betweenness would be 0.
    df = graph.centrality(hand_graph, at="2025")
    assert df.loc["B", "betweenness"] == pytest.approx(1 / 3)
    assert df.loc["A", "betweenness"] == 0
    assert df.loc["D", "betweenness"] == 0     # tension never makes a path


def test_centrality_closeness_by_hand(hand_graph):
    # Wasserman–Faust: (r / sum of distances) * (r / (n - 1)), r reachable actors.
    df = graph.centrality(hand_graph, at="2025")
    assert df.loc["B", "closeness"] == pytest.approx((2 / 4) * (2 / 3))   # B: 2 + 2
    assert df.loc["A", "closeness"] == pytest.approx((2 / 6) * (2 / 3))   # A: 2 + 4 (via B)
    assert df.loc["D", "closeness"] == 0


def test_centrality_pagerank_sums_to_one_and_isolated_get_teleport_share(hand_graph):
    df = graph.centrality(hand_graph, at="2025")
    assert df["pagerank"].sum() == pytest.approx(1.0)
    assert df.loc["D", "pagerank"] == pytest.approx(df["pagerank"].min())
    assert df["pagerank"].idxmax() == "B"


def test_eigenvector_matches_networkx_on_connected_graph():
    g = nx.Graph()
    g.add_weighted_edges_from([("A", "B", 0.5), ("B", "C", 0.5), ("A", "C", 0.2), ("C", "E", 0.9)])
    ours = eigenvector(g)
    ref = nx.eigenvector_centrality_numpy(g, weight="weight")
    assert ours == pytest.approx(ref, abs=1e-9)


def test_eigenvector_disconnected_scores_outside_leading_component_zero(hand_graph):
    df = graph.centrality(hand_graph, at="2025")
    assert df.loc["D", "eigenvector"] == 0
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
    with pytest.raises(OptionError, match="unknown metric 'fame'; choose one of: degree, "):
        graph.centrality(hand_graph, sort="fame")


def test_centrality_covers_every_metric_and_actor_of_bundled_data():
    ds = graph.load()
    df = graph.centrality(ds, at="2025-03-01")
    assert list(df.columns) == ["name", "kind", *METRIC_NAMES]
    assert sorted(df.index) == sorted(a.id for a in ds.actors)
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

"""Snapshots, the multigraph and the aggregated layers (graph/network.py)."""

import datetime as dt

import pytest

import graph
from graph.errors import OptionError
from graph.model import Actor, Dataset
from graph.network import combine, layer, multigraph, resolve_date, snapshot

from _helpers import rel


def test_combine_noisy_or_stays_in_unit_interval():
    assert combine([0.5, 0.5]) == 0.75
    assert combine([0.2]) == 0.2
    assert combine([1.0, 0.3]) == 1.0
    assert 0 < combine([1e-9] * 3) <= 1


def test_layer_combines_relations_of_one_pair(hand_graph):
    # A–B has alignment 0.5 and tension 0.3; adding a second alignment of 0.5 gives 0.75.
    ds = Dataset(actors=hand_graph.actors, relations=hand_graph.relations + (
        rel("ab2", "A", "B", "alignment", 0.5, "transport"),))
    al = layer(ds, "alignment")
    assert al["A"]["B"]["weight"] == pytest.approx(0.75)
    assert al["A"]["B"]["distance"] == pytest.approx(1 / 0.75)
    assert sorted(al["A"]["B"]["relations"]) == ["ab", "ab2"]


def test_layer_signed_has_sign_apart_from_positive_magnitude(hand_graph):
    s = layer(hand_graph, "signed")
    assert (s["A"]["B"]["sign"], s["A"]["B"]["weight"]) == (1, pytest.approx(0.2))   # 0.5 - 0.3
    assert (s["A"]["D"]["sign"], s["A"]["D"]["weight"]) == (-1, pytest.approx(0.6))
    # no negative weight can reach a NetworkX path or spectral method
    assert all(d["weight"] > 0 for *_, d in s.edges(data=True))


def test_layer_signed_leaves_out_pairs_that_cancel():
    actors = (Actor("A", "A", "state"), Actor("B", "B", "state"))
    ds = Dataset(actors=actors, relations=(rel("p", "A", "B", "alignment", 0.4),
                                           rel("n", "A", "B", "tension", 0.4, "security")))
    s = layer(ds, "signed")
    assert s.number_of_edges() == 0
    assert s.graph["ambivalent"] == [("A", "B")]


def test_layer_keeps_isolated_actors_as_nodes(hand_graph):
    assert set(layer(hand_graph, "alignment")) == {"A", "B", "C", "D"}


def test_layer_unknown_name_lists_choices(hand_graph):
    with pytest.raises(OptionError, match="unknown layer 'friends'; choose one of: alignment, tension, signed"):
        layer(hand_graph, "friends")


def test_multigraph_keeps_every_relation_with_its_attributes(hand_graph):
    g = multigraph(hand_graph)
    assert g.number_of_edges() == 5
    assert g.number_of_edges("A", "B") == 2
    assert g["A"]["B"]["ab-t"]["kind"] == "tension"
    assert g["A"]["B"]["ab-t"]["sign"] == -1


def test_snapshot_boundaries_partial_dates_and_exclusive_until():
    actors = (Actor("A", "A", "state"), Actor("B", "B", "state"))
    ds = Dataset(actors=actors, relations=(rel("r", "A", "B", "tension", 0.5, since="2022", until="2023-06"),))
    assert len(snapshot(ds, "2021-12-31").relations) == 0
    assert len(snapshot(ds, "2022").relations) == 1          # since 2022 starts on 2022-01-01
    assert len(snapshot(ds, "2023-05-31").relations) == 1
    assert len(snapshot(ds, "2023-06").relations) == 0       # until is exclusive
    assert snapshot(ds, "2022").at == dt.date(2022, 1, 1)


def test_resolve_date_rejects_bad_text_with_hint():
    with pytest.raises(OptionError, match="'2023-13' is not a date"):
        resolve_date("2023-13")


def test_snapshot_of_bundled_data_drops_ended_relations():
    ds = graph.load()
    in_1919 = {r.id for r in snapshot(ds, "1919-06").relations}
    assert "aze-irn-diplomatic-1919" in in_1919
    assert "aze-irn-diplomatic-1919" not in {r.id for r in snapshot(ds, "2025-03").relations}

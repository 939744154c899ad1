"""Snapshots, the multigraph and the aggregated layers (graph/network.py)."""

import datetime as dt
from pathlib import Path

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


# ---------------------------------------------------------------------------------------------
# the network built once: every analysis reads the layers it is handed


@pytest.fixture
def builds(monkeypatch):
    """Every call of the one layer builder, by the layer names it was asked for."""
    import graph.network as network_module

    calls = []
    real = network_module._build

    def counting(dataset, names, model):
        calls.append(names)
        return real(dataset, names, model)

    monkeypatch.setattr(network_module, "_build", counting)
    return calls


@pytest.fixture
def solves(monkeypatch):
    """Every solve of the frustration index, as (weighted, camps)."""
    from graph.analysis import balance as balance_module

    calls = []
    real = balance_module._solve

    def counting(ties, **options):
        calls.append((options["weighted"], options["camps"]))
        return real(ties, **options)

    monkeypatch.setattr(balance_module, "_solve", counting)
    return calls


def story() -> Dataset:
    """A–B aligned from 2020, B–C from 2021, A–C in tension from 2022: every year a new state."""
    return Dataset(actors=tuple(Actor(x, x, "state") for x in "ABC"), relations=(
        rel("ab", "A", "B", "alignment", 0.5, since="2020"),
        rel("bc", "B", "C", "alignment", 0.5, since="2021"),
        rel("ac", "A", "C", "tension", 0.8, "security", since="2022")))


def test_balance_builds_one_signed_layer_and_solves_once_per_split(builds, solves):
    from graph.analysis.balance import balance

    balance(graph.load(), at="2025-03-01")
    assert len(builds) == 1
    # the report gives the fewest contradicting ties and the least magnitude: two splits
    assert solves == [(False, 2), (True, 2)]
    solves.clear()
    balance(graph.load(), at="2025-03-01", camps=3, weighted=True)
    assert solves == [(False, 2), (True, 2), (False, 3), (True, 3)]  # K-camp index for both objectives


def test_analyses_handed_a_network_build_nothing(builds, solves):
    from graph.analysis.balance import balance, balance_score
    from graph.analysis.explain import explain
    from graph.analysis.signed_centrality import pn_centrality, signed_eigenvector
    from graph.layout import signed_layout
    from graph.network import network

    net = network(graph.load(), at="2025-03-01")
    assert len(builds) == 1
    graph.centrality(net)
    balance(net)
    balance_score(net, "walk")
    explain(net, "AZE", "IRN")
    pn_centrality(net)
    signed_eigenvector(net)
    signed_layout(net)
    assert len(builds) == 1


def test_a_page_builds_the_layers_once(builds):
    graph.render_html(graph.load(), at="2025-03-01", color_by="faction")
    assert len(builds) == 1


def test_a_timeline_of_n_periods_builds_n_networks_shared_by_table_and_page(builds):
    from graph.analysis.temporal import timeline_states

    states = timeline_states(story(), "2019", "2022")
    assert len(states.periods) == len(builds) == 4
    rows = graph.timeline(states, metrics=["pn", "camp"])
    assert sorted(set(rows.period)) == ["2019-01-01", "2020-01-01", "2021-01-01", "2022-01-01"]
    assert len(builds) == 4
    page = graph.render_timeline_html(states)
    # the layout of every relation shown reads the last period's network, which holds them all
    assert len(builds) == 4
    assert page == graph.render_timeline_html(story(), "2019", "2022")


def test_a_timeline_page_lays_out_every_relation_shown_with_one_more_build(builds):
    # A–C ends before B–C starts: no period holds every relation shown, so their union is built for
    # the layout that keeps each actor in its place
    ds = Dataset(actors=story().actors, relations=(
        rel("ab", "A", "B", "alignment", 0.5, since="2020"),
        rel("ac", "A", "C", "tension", 0.8, "security", since="2020", until="2021"),
        rel("bc", "B", "C", "alignment", 0.5, since="2021")))
    graph.render_timeline_html(ds, "2020", "2021")
    assert len(builds) == 3


def test_periods_with_the_same_relations_share_one_network(builds):
    from graph.analysis.temporal import timeline_states

    # 2019 and 2020 have the same relations in force (none before 2020-06, the first relation)
    ds = Dataset(actors=story().actors, relations=(rel("ab", "A", "B", "alignment", 0.5, since="2020-06"),))
    states = timeline_states(ds, "2019", "2021")
    assert [p.state for p in states.periods] == [0, 0, 1]
    assert len(builds) == 2


def test_network_refuses_another_day():
    from graph.network import network

    net = network(graph.load(), at="2025")
    assert network(net, at="2025-01-01") is net
    with pytest.raises(OptionError, match=r"^at 2024-01-01 asks for another day than the network's \(2025-01-01\)"):
        network(net, at="2024")


def test_a_network_remembers_the_dataset_it_was_taken_from():
    from graph.network import Network, network

    ds = graph.load()
    net = network(ds, at="2021")
    assert net.whole is ds and len(net.relations) < len(ds.relations)
    assert Network.of(ds).whole is ds
    # explain lists the pair's relations out of force too, as it does from the dataset
    assert graph.explain(net, "AZE", "IRN").to_dict() == graph.explain(ds, "AZE", "IRN", at="2021").to_dict()


def test_compare_reads_a_network_of_the_baseline(builds):
    from graph.network import network
    from graph.scenario import load_scenario

    ds = graph.load()
    scenario = load_scenario(Path(__file__).parent.parent / "data" / "scenarios" / "zangezur_route_opens.yaml", ds)
    net = network(ds, at="2025-03-01")
    from_net = graph.compare(net, scenario, top=3).to_dict()
    assert len(builds) == 2        # the baseline's network, and the scenario's
    assert from_net == graph.compare(ds, scenario, at="2025-03-01", top=3).to_dict()

"""Camp numbers that keep their meaning from one period to the next (graph/analysis/camps.py)."""

import graph
from graph.analysis.temporal import timeline
from graph.model import Actor, Dataset
from graph.render import render_timeline_html

from _helpers import page_data, rel


def _growing() -> Dataset:
    # 2020: {A, B} against {C}; from 2022 D and E join C's camp, which becomes the larger one
    actors = tuple(Actor(x, x, "state") for x in "ABCDE")
    return Dataset(actors=actors, relations=(
        rel("ab", "A", "B", "alignment", 0.8, since="2020"),
        rel("ac", "A", "C", "tension", 0.8, since="2020"),
        rel("bc", "B", "C", "tension", 0.8, since="2020"),
        rel("cd", "C", "D", "alignment", 0.8, since="2022"),
        rel("ce", "C", "E", "alignment", 0.8, since="2022"),
        rel("de", "D", "E", "alignment", 0.8, since="2022"),
        rel("ad", "A", "D", "tension", 0.8, since="2022")))


def test_timeline_camp_numbers_follow_the_period_before_not_the_camp_sizes():
    rows = timeline(_growing(), "2020", "2023", metrics=["camp"])
    camp = {(r.period[:4], r.actor): r.value for r in rows.itertuples() if r.metric == "camp"}
    assert camp["2020", "A"] == camp["2023", "A"] == 1      # largest first would make {C, D, E} camp 1
    assert camp["2020", "C"] == camp["2023", "C"] == camp["2023", "D"] == 2
    sizes = {r.period[:4]: r.value for r in rows.itertuples() if r.metric == "camp_1_size"}
    assert sizes["2023"] == 3  # the size columns still list the largest camp first


def test_timeline_page_keeps_each_camp_colour():
    data = page_data(render_timeline_html(_growing(), "2020", "2023", color_by="faction"))
    states = data["timeline"]["states"]
    first, last = states[0]["colours"], states[-1]["colours"]
    assert first["A"] == last["A"] and first["C"] == last["C"] and first["A"] != first["C"]


def test_page_marks_the_swing_actors_of_every_optimum():
    from graph.analysis.balance import balance
    from graph.network import Model, network
    from graph.render import render_html

    net = network(graph.load(), "2025-03-01", model=Model(with_arenas=True))
    swing = set(balance(net).optima.swing)
    assert swing  # with arenas as nodes, Turkey, Israel and Iran's Azerbaijanis can sit in either camp
    nodes = page_data(render_html(net, color_by="faction"))["nodes"]
    marked = {n["id"] for n in nodes if n.get("swing")}
    assert marked == swing
    assert all("\n\nSWING: " in n["title"] for n in nodes if n["id"] in swing)
    assert not any(n.get("swing") for n in page_data(render_html(net))["nodes"])  # only with camps shown

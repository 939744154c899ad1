"""The side panel's data (graph/render/panel.py), the short tooltips and the legend's shapes."""

from __future__ import annotations

import json
import re

import pytest

import graph
from graph.analysis.balance import frustration_index
from graph.analysis.centrality import centrality
from graph.analysis.explain import explain
from graph.model import Actor, Dataset, Event, Source
from graph.dates import parse_date
from graph.network import Model, Network, network
from graph.render import render_html
from graph.render.panel import MAX_TRIADS, metric_ranks, pair_stories, panel_data
from graph.report import format_explanation

from _helpers import page_data, rel, start_tags


@pytest.fixture(scope="module")
def bundled_net():
    return network(graph.load(), "2025-03-01")


@pytest.mark.parametrize("model", [Model(), Model(with_arenas=True)], ids=["agents", "arenas"])
def test_pair_stories_equal_explain_for_every_drawn_pair(model):
    net = network(graph.load(), "2025-03-01", model=model)
    pairs = sorted({r.pair for r in net.dataset.relations})
    stories = pair_stories(net, pairs, frustration_index(net))
    assert len(pairs) > 20
    for a, b in pairs:
        assert stories[a, b].to_dict() == explain(net, a, b).to_dict(), (a, b)


def test_metric_ranks_share_a_rank_on_ties_and_skip_actors_without_a_value():
    nan = float("nan")
    rows = {"A": {"betweenness": 0.5}, "B": {"betweenness": 0.9}, "C": {"betweenness": 0.5},
            "D": {"betweenness": 0.1}, "E": {"betweenness": nan}}
    ranks = metric_ranks(rows, [m for m in graph.METRICS if m.name == "betweenness"])
    # 0.9 first; the two 0.5 share 2nd; 0.1 is 4th (competition ranking); E has no value, so 4 ranked
    assert {a: r.get("betweenness") for a, r in ranks.items()} == {
        "A": (2, 4, 2), "B": (1, 4, 1), "C": (2, 4, 2), "D": (4, 4, 1), "E": None}


def test_panel_profile_gives_the_strongest_metrics_in_words_with_their_rank(bundled_net):
    rows = centrality(bundled_net).to_dict(orient="index")
    data = panel_data(bundled_net, rows)
    drawn = len(bundled_net.dataset.actors)
    aze = data["actors"]["AZE"]
    # Azerbaijan has the most allies (7) of the 14 agents drawn, alone: a place held alone comes first
    assert aze["strongest"][0] == [1, f"1st of {drawn} in alignment_degree (alignment layer): 7"]
    assert len(aze["strongest"]) == 3
    # ranks are among the actors with a value: betweenness has none for actors without an alignment tie
    with_value = sum(1 for r in rows.values() if r["betweenness"] == r["betweenness"])
    names = [m["name"] for m in data["metrics"]]
    betweenness = names.index("betweenness")
    assert aze["ranks"][betweenness] == 1 and data["metrics"][betweenness]["of"] == with_value < drawn
    # the signed eigenvector's sign is a side, not a rank
    told = " ".join(s for a in data["actors"].values() for _, s in a["strongest"])
    assert "signed_eigenvector" not in told and "pn_in" in told     # the bundled data has directed relations
    assert all(re.fullmatch(r"(joint )?\d+(st|nd|rd|th)( \(with \d+ others?\))? of \d+ in \w+ \([a-z ]+\): \S+", s)
               for a in data["actors"].values() for _, s in a["strongest"])


def test_panel_profile_leaves_out_pn_in_and_out_when_every_relation_is_mutual(hand_graph):
    net = Network.of(hand_graph)
    data = panel_data(net, centrality(net).to_dict(orient="index"))
    told = " ".join(s for a in data["actors"].values() for _, s in a["strongest"])
    assert " in pn " in told and "pn_in" not in told and "pn_out" not in told


def test_panel_profile_lists_the_actor_relations_events_and_sources(bundled_net):
    data = panel_data(bundled_net, centrality(bundled_net).to_dict(orient="index"))
    whole = bundled_net.whole
    expected = [i for i, e in enumerate(whole.events) if "AZE" in e.actors]
    assert data["actors"]["AZE"]["events"] == expected and expected
    event = data["events"][expected[0]]
    assert event["title"] == whole.events[expected[0]].title
    # every relation drawn is there with its evidence and sources, and each source has its label
    for r in bundled_net.dataset.relations:
        row = data["relations"][r.id]
        assert (row["a"], row["b"], row["evidence"], row["sources"]) == (r.source, r.target, r.evidence, list(r.sources))
        assert "off" not in row
        assert all(data["sources"][s]["label"] == whole.sources[s].label for s in r.sources)
    # relations of a drawn pair no longer in force are there for its story, marked off
    off = [rid for rid, row in data["relations"].items() if row.get("off")]
    assert off and not set(off) & {r.id for r in bundled_net.dataset.relations}


def test_panel_links_a_source_only_for_an_http_address():
    sources = {"w": Source("w", "Web", "2025", url="https://example.org/a?b=1"),
               "j": Source("j", "Script", "2025", url="javascript:alert(1)"),
               "n": Source("n", "Book", "2025")}
    ds = Dataset(sources=sources, actors=(Actor("A", "A", "state"), Actor("B", "B", "state")),
                 relations=(rel("ab", "A", "B", "alignment", 0.5),))
    shown = panel_data(Network.of(ds))["sources"]
    assert shown == {"j": {"label": "Script (2025)", "url": "javascript:alert(1)"},
                     "n": {"label": "Book (2025)", "url": ""},
                     "w": {"label": "Web (2025)", "href": "https://example.org/a?b=1"}}


def test_panel_pair_story_is_the_text_of_explain(bundled_net):
    split = frustration_index(bundled_net)
    scene_side = {a: k for k, camp in enumerate(split.factions) for a in camp}
    data = panel_data(bundled_net, side=scene_side, split=split)
    story = next(p for p in data["pairs"] if (p["a"], p["b"]) == ("ARM", "AZE"))
    text = format_explanation(explain(bundled_net, "ARM", "AZE"))
    said = lambda i: data["texts"][i]  # noqa: E731
    assert said(story["tie"]) in text.splitlines()
    balance = text.split("What balance theory says\n------------------------\n\n")[1].rstrip("\n").split("\n")
    assert [said(i) for i in story["balance"]] == balance
    assert balance[-1] == "The best two-camp split puts them in opposite camps; their tie fits that split."
    # the line looks its relations up: every relation of the pair, drawn or not
    index = data["pairs"].index(story)
    assert ({rid for rid, r in data["relations"].items() if r.get("pair") == index}
            == {r.id for r in explain(bundled_net, "ARM", "AZE").relations})
    # strained pairs are flagged: those whose tie contradicts the split
    flagged = {(p["a"], p["b"]) for p in data["pairs"] if p.get("strained")}
    assert flagged == {(t.source, t.target) for t in split.frustrated}


def test_panel_without_camps_on_the_page_says_nothing_of_camps(bundled_net):
    data = panel_data(bundled_net, centrality(bundled_net).to_dict(orient="index"))
    assert data["camps"] is False and not any("camp" in a for a in data["actors"].values())
    assert not any("camp" in data["texts"][i] for p in data["pairs"] for i in p["balance"])
    assert not any(p.get("strained") for p in data["pairs"])


def test_panel_camp_says_how_sure_the_split_is():
    net = network(graph.load(), "2025-03-01", model=Model(with_arenas=True))
    data = page_data(render_html(net, color_by="faction"))
    camps = {a: p["camp"] for a, p in json.loads(data["panel"])["actors"].items()}
    swinging = {n["id"] for n in data["nodes"] if n.get("swing")}
    assert swinging
    for n in data["nodes"]:
        if n["id"] in swinging:
            assert re.match(r"Camp [12] of the best split into two camps\. SWING: .* sits in the other camp", camps[n["id"]])
        elif n["color"]["background"] != "#cccccc":
            assert re.fullmatch(r"Camp [12] of the best split into two camps: the same in every equally optimal split found\.",
                                camps[n["id"]])
        else:
            assert camps[n["id"]].startswith("No camp: no signed tie")


def test_panel_caps_the_triads_a_story_lists():
    # A and B share eight third actors, all allies of both
    thirds = [f"T{i}" for i in range(8)]
    actors = tuple(Actor(x, x, "state") for x in ["A", "B", *thirds])
    relations = [rel("ab", "A", "B", "alignment", 0.5)]
    relations += [rel(f"{x}{t}", x, t, "alignment", 0.5) for t in thirds for x in "AB"]
    net = Network.of(Dataset(actors=actors, relations=tuple(relations)))
    data = panel_data(net)
    story = next(p for p in data["pairs"] if (p["a"], p["b"]) == ("A", "B"))
    assert len(story["triads"]) == MAX_TRIADS and story["more_triads"] == 8 - MAX_TRIADS
    assert data["texts"][story["triads"][0]] == "T0: A + T0 + B pushes towards alignment; balanced"
    # the balance sentence still weighs all eight triads: 8 × 0.5 × 0.5
    assert data["texts"][story["balance"][0]] == "The rest of the graph pushes the pair towards alignment (weight 2), and the pair's net sign agrees."


def test_panel_events_of_the_future_are_marked():
    ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")),
                 relations=(rel("ab", "A", "B", "alignment", 0.5),),
                 events=(Event("past", parse_date("2024-05"), ("A", "B"), "Talks", "cooperative"),
                         Event("later", parse_date("2025-12"), ("A",), "Summit", "neutral")))
    data = panel_data(network(ds, "2025-03-01"))
    assert [(e["title"], e.get("future", False)) for e in data["events"]] == [("Talks", False), ("Summit", True)]
    assert data["actors"]["A"]["events"] == [0, 1] and data["actors"]["B"]["events"] == [0]
    assert data["pairs"][0]["events"] == [0]
    assert data["relations"]["ab"]["sources"] == ["s"] and "period" not in data["relations"]["ab"]


def test_panel_without_stories_for_the_timeline_keeps_profiles_and_relations(bundled_net):
    data = panel_data(Network.of(graph.load()), stories=False)
    assert data["pairs"] == [] and data["at"] is None
    assert not any("pair" in r or r.get("off") for r in data["relations"].values())
    assert len(data["relations"]) == len(Network.of(graph.load()).dataset.relations)


def test_tooltips_are_short_for_one_relation_and_for_a_line_of_several(hand_graph):
    from graph.render.style import _edge_title, _node_title

    names = {a.id: a.name for a in hand_graph.actors}
    rels = [r for r in hand_graph.relations if r.pair == ("A", "B")] * 3   # six relations on one line
    tip = _edge_title(rels, names, dict(hand_graph.sources)).splitlines()
    assert tip == ["Actor A – Actor B", "alignment, economic; weight 0.5; confidence medium",
                   "tension, security; weight 0.3; confidence medium", "alignment, economic; weight 0.5; confidence medium",
                   "tension, security; weight 0.3; confidence medium", "and 2 more",
                   "Click the line for evidence, sources and the pair's story."]
    long = rel("x", "A", "B", "tension", 0.4, evidence="word " * 40, directed=True)
    one = _edge_title(long, names, {}).splitlines()
    assert one[0] == "Actor A → Actor B" and one[2].endswith("…") and len(one[2]) <= 90
    actor = hand_graph.actors[0]
    assert _node_title(actor, {"degree": 3, "alignment_degree": 2, "tension_degree": 2}, {}, camp=2).splitlines() == [
        "Actor A (A)", "kind: state; camp 2", "ties with 3 actors: aligned with 2, in tension with 2", "Click for details."]
    assert _node_title(actor, {"degree": 0, "alignment_degree": 0, "tension_degree": 0}, {}).splitlines()[2] == "no tie"


def test_legend_draws_each_shape_as_vis_network_does():
    ds = Dataset(actors=tuple(Actor(k[:3].upper(), k, k) for k in graph.model.ACTOR_KINDS))
    tags = start_tags(render_html(network(ds, "2025", model=Model(with_arenas=True))))
    glyphs, i = {}, 0
    while i < len(tags):
        tag, attrs = tags[i]
        if tag == "svg" and "glyph" in (attrs.get("class") or ""):
            glyphs[attrs["data-shape"]] = tags[i + 1]
        i += 1
    points = {shape: len(a["points"].split()) for shape, (t, a) in glyphs.items() if t == "polygon"}
    assert points == {"hexagon": 6, "triangle": 3, "star": 10, "diamond": 4, "triangleDown": 3}
    assert glyphs["dot"][0] == "circle" and glyphs["square"][0] == "rect"
    from graph.render import KIND_STYLE
    assert glyphs["hexagon"][1]["fill"] == KIND_STYLE["bloc"][0]
    # the triangle points up and triangleDown down, as vis-network draws them
    ys = lambda shape: [float(p.split(",")[1]) for p in glyphs[shape][1]["points"].split()]  # noqa: E731
    assert ys("triangle")[0] < min(ys("triangle")[1:]) and ys("triangleDown")[0] > max(ys("triangleDown")[1:])


def test_panel_data_stays_escaped_in_the_page():
    from test_render import PAYLOAD, hostile_dataset

    page = render_html(hostile_dataset(), at="2025")
    assert PAYLOAD not in page and "\\u003cscript\\u003ewindow.__xss=1" in page
    data = json.loads(page_data(page)["panel"])     # the page parses it when the panel first opens
    assert data["relations"]["ab"]["evidence"] == "Evidence " + PAYLOAD
    assert data["events"][0]["title"] == PAYLOAD and data["actors"]["A"]["attributes"] == [["note", PAYLOAD]]


def test_panel_on_a_page_of_three_camps_says_the_page_split():
    ds = graph.load()
    data = json.loads(page_data(render_html(ds, at="2025-03-01", color_by="faction", camps=3))["panel"])
    net = network(ds, "2025-03-01")
    split = frustration_index(net, camps=3)
    said = [data["texts"][p["balance"][-1]] for p in data["pairs"]]
    assert not any("two-camp" in s for s in said)
    assert sum("into up to 3 camps" in s for s in said) == sum(1 for p in data["pairs"]
                                                               if p["a"] in split.side and p["b"] in split.side)
    assert ({(p["a"], p["b"]) for p in data["pairs"] if p.get("strained")}
            == {(t.source, t.target) for t in split.frustrated})


def _panel_of(page: str) -> dict:
    return json.loads(page_data(page)["panel"])


def test_large_page_estimates_its_path_measures_and_says_so(monkeypatch):
    # a page above PAGE_EXACT_ACTORS: betweenness and closeness from a few sources per part, the
    # panel saying from how many and how sure; exact=True (--exact-paths) gives the report's values
    from graph.render import scene

    monkeypatch.setattr(scene, "PAGE_EXACT_ACTORS", 5)
    monkeypatch.setattr(scene, "PAGE_SOURCES", 6)
    ds = graph.load()
    estimated = _panel_of(render_html(ds, at="2025-03-01"))
    exact = _panel_of(render_html(ds, at="2025-03-01", exact=True))
    notes = {m["name"]: m.get("estimate") for m in estimated["metrics"]}
    assert notes["betweenness"].startswith("Estimated from ") and "within" in notes["betweenness"]
    assert "standard error at most" in notes["closeness"] and "geograph centrality computes it exactly" in notes["closeness"]
    assert all(note is None for name, note in notes.items() if name not in ("betweenness", "closeness"))
    assert not any("estimate" in m for m in exact["metrics"])
    # the exact page lists what the report says; the estimated one differs, but only there
    report = centrality(ds, at="2025-03-01").to_dict(orient="index")
    names = [m["name"] for m in exact["metrics"]]
    i, j = names.index("betweenness"), names.index("closeness")
    valued = [a for a in exact["actors"] if report[a]["betweenness"] == report[a]["betweenness"]]   # not NaN
    assert len(valued) > 5 and all(float(exact["actors"][a]["values"][i]) == pytest.approx(report[a]["betweenness"], abs=1e-3)
                                   for a in valued)
    moved = [a for a in exact["actors"]
             if estimated["actors"][a]["values"][i] != exact["actors"][a]["values"][i]
             or estimated["actors"][a]["values"][j] != exact["actors"][a]["values"][j]]
    assert moved
    others = [k for k in range(len(names)) if k not in (i, j)]
    assert all([estimated["actors"][a]["values"][k] for k in others] == [exact["actors"][a]["values"][k] for k in others]
               for a in exact["actors"])


def test_small_page_path_measures_are_exact(hand_graph):
    panel = _panel_of(render_html(hand_graph, at="2025"))
    assert not any("estimate" in m for m in panel["metrics"])


def test_render_help_states_the_page_estimate_sizes():
    # the help text is written out (cli.py imports nothing heavy for --help): it must follow the constants
    from click.testing import CliRunner

    import cli
    from graph.render import PAGE_EXACT_ACTORS, PAGE_SOURCES

    text = " ".join(CliRunner().invoke(cli.main, ["render", "--help"]).output.split())
    assert f"above {PAGE_EXACT_ACTORS:,} actors they are estimated from {PAGE_SOURCES} sources per connected part" in text

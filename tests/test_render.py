"""The HTML page (graph/render/): offline, escaped, deterministic, written atomically."""

import json
import re

import pytest

import graph
from graph.errors import OptionError, OutputError
from graph.model import Actor, Dataset, Event, Source
from graph.dates import parse_date
from graph.render import inline, render_html, write_html

from _helpers import page_data, rel, start_tags

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def hostile_dataset() -> Dataset:
    """Script payloads in every text field that reaches the page."""
    return Dataset(
        title="Title " + PAYLOAD,
        description="About " + PAYLOAD,
        sources={"s": Source("s", "Source " + PAYLOAD, "2025", publisher="Pub " + PAYLOAD)},
        actors=(Actor("A", "Name " + PAYLOAD, "state", tags=("tag" + PAYLOAD,), attributes={"note": PAYLOAD}),
                Actor("B", "Bee", "group")),
        relations=(rel("ab", "A", "B", "tension", 0.5, evidence="Evidence " + PAYLOAD),),
        events=(Event("e", parse_date("2025"), ("A",), PAYLOAD, "hostile", sources=("s",)),),
    )


def test_render_html_has_no_external_reference():
    page = render_html(graph.load(), at="2025-03-01")
    assert "<script src" not in page and "<link" not in page
    # no URL the browser would fetch: every http(s) address is inside vis-network's licence comments
    fetchable = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, flags=re.I)
    assert fetchable == []
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    csp = [a["content"] for t, a in start_tags(page) if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].startswith("default-src 'none'; script-src 'unsafe-inline';")
    assert not any(t in ("link", "iframe", "object", "embed", "img") for t, _ in start_tags(page))


def test_render_html_escapes_every_data_text():
    page = render_html(hostile_dataset(), at="2025", edges="relations")   # the evidence is in a relation's tooltip
    # only our two script elements (vis-network and the page's own) exist, and no image
    tags = [t for t, _ in start_tags(page)]
    assert tags.count("script") == 2 and "img" not in tags
    assert "Title &lt;script&gt;window.__xss=1&lt;/script&gt;" in page    # heading, as text
    assert "About &lt;script&gt;" in page                                  # description
    assert "\\u003cscript\\u003ewindow.__xss=1" in page                      # JSON data: no '<' at all
    assert "Evidence \\u003cscript\\u003e" in page


def test_render_html_is_byte_identical_for_same_input():
    ds = graph.load()
    assert render_html(ds, at="2025-03-01") == render_html(ds, at="2025-03-01")
    assert render_html(ds, at="2025-03-01", seed=1) != render_html(ds, at="2025-03-01", seed=2)


def test_render_html_draws_every_agent_and_relation_between_agents_in_force():
    from graph.model import ARENA_KINDS
    from graph.network import Model, network

    ds = graph.load()
    snap = network(ds, "2025-03-01").dataset
    page = render_html(ds, at="2025-03-01")
    assert f"{len(snap.actors)} actors, {len(snap.relations)} relations" in page
    drawn = {n["id"] for n in page_data(page)["nodes"]}
    assert drawn == {a.id for a in snap.actors} and "CASPIAN" not in drawn
    # one line per pair and kind, together holding every relation once
    assert sorted(r for e in page_data(page)["edges"] for r in e["relations"]) == sorted(r.id for r in snap.relations)
    # with arenas, every actor and relation in force is drawn, as one-mode data
    whole = graph.snapshot(ds, "2025-03-01")
    page = render_html(network(ds, "2025-03-01", model=Model(with_arenas=True)))
    assert {n["id"] for n in page_data(page)["nodes"]} == {a.id for a in whole.actors}
    assert any(a.kind in ARENA_KINDS for a in whole.actors)
    assert f"{len(whole.actors)} actors, {len(whole.relations)} relations" in page


def test_render_html_styles_alignment_solid_green_and_tension_dashed_red(hand_graph):
    page = render_html(hand_graph, at="2025", edges="relations")
    edges = {e["id"]: e for e in page_data(page)["edges"]}
    assert (edges["ab"]["color"]["color"], edges["ab"]["dashes"]) == ("#2e7d32", False)
    assert (edges["ad"]["color"]["color"], edges["ad"]["dashes"]) == ("#c62828", True)
    assert edges["ab"]["width"] == 1 + 5 * 0.5 and edges["ac"]["width"] == 1 + 5 * 0.2
    # A–B has two relations: the second is drawn as a curve so both stay visible
    assert [edges[i]["smooth"]["enabled"] for i in ("ab", "ab-t")] == [False, True]


def test_render_html_tooltips_are_short_and_the_panel_has_the_rest(hand_graph):
    data = page_data(render_html(hand_graph, at="2025", size_by="betweenness", edges="relations"))
    edge = {e["id"]: e for e in data["edges"]}["ab"]
    assert edge["title"].splitlines() == ["Actor A – Actor B", "alignment, economic; weight 0.5; confidence medium",
                                          "test", "Click the line for evidence, sources and the pair's story."]
    node = {n["id"]: n for n in data["nodes"]}
    # B: aligned with A and C, in tension with A (ab-t)
    assert node["B"]["title"].splitlines() == ["Actor B (B)", "kind: state",
                                               "ties with 2 actors: aligned with 2, in tension with 1", "Click for details."]
    # the evidence, dates, sources and metrics are in the side panel's data (tests/test_panel.py)
    panel = json.loads(data["panel"])    # JSON text: the page parses it when the panel first opens
    assert panel["relations"]["ab"]["sources"] == ["s"] and panel["sources"]["s"]["label"] == "Test source (tests, 2025)"
    # D has only a tension tie: betweenness is normalised over A, B, C
    assert "1st of 3 in betweenness (alignment layer): 1" in [s for _, s in panel["actors"]["B"]["strongest"]]
    # size follows --size-by: B (the only broker) is largest, the others smallest
    assert node["B"]["size"] == 40 and node["A"]["size"] == node["D"]["size"] == 12


def test_render_html_unknown_size_metric_lists_choices(hand_graph):
    with pytest.raises(OptionError, match="unknown metric 'fame' for size_by; choose one of: "):
        render_html(hand_graph, size_by="fame")


def test_write_html_writes_only_the_file(tmp_path, hand_graph):
    out = write_html(hand_graph, tmp_path / "g.html", at="2025")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.html"]     # no lib/ (pyvis #174), no temp
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_write_html_failure_keeps_previous_file(tmp_path, hand_graph):
    target = tmp_path / "g.html"
    target.write_text("previous")
    with pytest.raises(OptionError):
        write_html(hand_graph, target, size_by="fame")
    assert target.read_text() == "previous"
    with pytest.raises(OutputError, match="the folder .* does not exist"):
        write_html(hand_graph, tmp_path / "missing" / "g.html")


def test_inline_uses_escaped_srcdoc_iframe(hand_graph):
    shown = inline(render_html(hand_graph, at="2025"))._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "<script" not in shown


def test_render_html_color_by_faction_marks_strained_ties():
    ds = graph.load()
    data = page_data(render_html(ds, at="2025-03-01", color_by="faction"))
    from graph.analysis.balance import frustration
    from graph.render import FACTION_COLOURS

    split = frustration(graph.Network.of(graph.snapshot(ds, "2025-03-01")))
    colour = {n["id"]: n["color"]["background"] for n in data["nodes"]}
    for k, camp in enumerate(split.factions):
        assert {colour[a] for a in camp} == {FACTION_COLOURS[k]}
    strained_pairs = {(t.source, t.target) for t in split.frustrated}
    marked = {tuple(sorted((e["from"], e["to"]))) for e in data["edges"] if e.get("strained")}
    assert marked == strained_pairs
    tip = next(e["title"] for e in data["edges"] if e.get("strained") and {e["from"], e["to"]} == {"AZE", "IND"})
    assert tip.startswith("UNDER STRAIN: Azerbaijan and India are aligned on balance, yet the\nbest split puts them in opposite camps")


# --- the timeline page -------------------------------------------------------------------------------

from graph.render import render_timeline_html, write_timeline_html  # noqa: E402

YEARS = range(1990, 2026)


@pytest.fixture(scope="module")
def bundled_timeline():
    ds = graph.load()
    return ds, render_timeline_html(ds, "1990", "2025")


def dated_dataset() -> Dataset:
    """Relations that start, end and change between 2020 and 2021, month by month."""
    actors = tuple(Actor(x, f"Actor {x}", "state") for x in "ABCD")
    relations = (
        rel("ab", "A", "B", "alignment", 0.5, since="2020-03", until="2020-09"),
        rel("ab-t", "A", "B", "tension", 0.8, "security", since="2020-09"),
        rel("bc", "B", "C", "alignment", 0.4),
        rel("cd", "C", "D", "tension", 0.6, since="2020-06-15"),
        rel("ad", "A", "D", "alignment", 0.3, until="2020-02"),
    )
    return Dataset(title="dated", sources={"s": Source("s", "Test source", "2025", publisher="tests")},
                   actors=actors, relations=relations)


def state_of(data: dict, i: int) -> dict:
    timeline = data["timeline"]
    return timeline["states"][timeline["periods"][i]["state"]]


def test_timeline_periods_are_the_snapshots_of_each_period(bundled_timeline):
    from graph.analysis.balance import frustration

    ds, page = bundled_timeline
    data = page_data(page)
    assert {"nodes", "edges", "options", "timeline"} <= set(data)
    periods = data["timeline"]["periods"]
    assert [p["label"] for p in periods] == [str(y) for y in YEARS]
    assert [p["day"] for p in periods] == [f"{y}-01-01" for y in YEARS]
    seen = set()
    for i, year in enumerate(YEARS):
        snap = graph.Network.of(graph.snapshot(ds, str(year))).dataset  # the agents and the relations between them
        state = state_of(data, i)
        assert state["relations"] == sorted(r.id for r in snap.relations), year
        assert state["frustration"] == frustration(snap).frustration and state["optimal"] is True
        assert state["counts"] == {"relations": len(snap.relations),
                                   "alignment": sum(r.kind == "alignment" for r in snap.relations),
                                   "tension": sum(r.kind == "tension" for r in snap.relations),
                                   "signed": graph.layer(snap, "signed").number_of_edges()}
        seen |= set(state["relations"])
    # lines: every relation in force in at least one period, in one line each; a line is hidden
    # unless one of its relations is in force in the first period
    assert sorted(r for e in data["edges"] for r in e["relations"]) == sorted(seen)
    first = set(state_of(data, 0)["relations"])
    assert {e["id"] for e in data["edges"] if not e["hidden"]} == {e["id"] for e in data["edges"]
                                                                   if first & set(e["relations"])}
    assert sorted(n["id"] for n in data["nodes"]) == sorted(a.id for a in graph.Network.of(ds).actors)
    # periods with the same relations share one state; the counts really change over the range
    assert len(data["timeline"]["states"]) == len({tuple(state_of(data, i)["relations"]) for i in range(len(YEARS))})
    assert len({state_of(data, i)["counts"]["relations"] for i in range(len(YEARS))}) > 5
    tags = start_tags(page)
    slider = [a for t, a in tags if t == "input" and a.get("type") == "range"]
    assert len(slider) == 1 and (slider[0]["min"], slider[0]["max"]) == ("0", str(len(YEARS) - 1))
    assert [a["id"] for t, a in tags if t == "button" and a.get("id") == "play"] == ["play"]
    assert dict(tags)["body"]["data-period"] == "0"
    assert '<label for="period">Period</label>' in page


def test_timeline_sizes_follow_the_metric_of_each_period_on_one_scale():
    ds = dated_dataset()
    data = page_data(render_timeline_html(ds, "2020-01", "2020-12", "month", size_by="alignment_strength"))
    values = {}
    for i, p in enumerate(data["timeline"]["periods"]):
        report = graph.centrality(ds, at=p["day"])
        values[i] = report["alignment_strength"].to_dict()
    low = min(v for row in values.values() for v in row.values())
    high = max(v for row in values.values() for v in row.values())
    for i, row in values.items():
        sizes = state_of(data, i)["sizes"]
        assert sizes == {a: round(12 + 28 * (v - low) / (high - low), 2) for a, v in row.items()}
    assert {n["id"]: n["size"] for n in data["nodes"]} == state_of(data, 0)["sizes"]
    # tooltips carry each period's metrics, exactly as the snapshot page of that day shows them
    for i in (0, 6, 11):
        day = data["timeline"]["periods"][i]["day"]
        snapshot_titles = {n["id"]: n["title"] for n in page_data(render_html(ds, at=day))["nodes"]}
        assert state_of(data, i)["titles"] == snapshot_titles


def test_timeline_shows_relations_starting_and_ending_month_by_month():
    data = page_data(render_timeline_html(dated_dataset(), "2020", "2020-12", "month"))
    labels = [p["label"] for p in data["timeline"]["periods"]]
    assert labels == [f"2020-{m:02d}" for m in range(1, 13)]
    in_force = {p["label"]: state_of(data, i)["relations"] for i, p in enumerate(data["timeline"]["periods"])}
    assert in_force["2020-01"] == ["ad", "bc"]
    assert in_force["2020-02"] == ["bc"]                     # until is exclusive
    assert in_force["2020-03"] == ["ab", "bc"]
    assert in_force["2020-06"] == ["ab", "bc"]               # cd starts mid-month: from the next period
    assert in_force["2020-07"] == ["ab", "bc", "cd"]
    assert in_force["2020-09"] == ["ab-t", "bc", "cd"]       # A–B turns from alignment to tension
    # nodes keep one position: the layout of every relation of the range, independent of the period
    x = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    later = page_data(render_timeline_html(dated_dataset(), "2020", "2020-12", "month"))
    assert x == {n["id"]: (n["x"], n["y"]) for n in later["nodes"]}
    quarters = page_data(render_timeline_html(dated_dataset(), "2020-02-10", "2020-12", "quarter"))["timeline"]
    assert [(p["day"], p["label"]) for p in quarters["periods"]] == [
        ("2020-02-10", "2020-Q1"), ("2020-04-01", "2020-Q2"), ("2020-07-01", "2020-Q3"), ("2020-10-01", "2020-Q4")]


def test_timeline_is_byte_identical_for_same_input(bundled_timeline):
    ds, page = bundled_timeline
    assert render_timeline_html(ds, "1990", "2025") == page
    assert render_timeline_html(ds, "1990", "2025", seed=1) != render_timeline_html(ds, "1990", "2025", seed=2)


def test_timeline_has_no_external_reference(bundled_timeline):
    _, page = bundled_timeline
    assert "<script src" not in page and "<link" not in page
    assert re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, flags=re.I) == []
    csp = [a["content"] for t, a in start_tags(page) if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].startswith("default-src 'none'; script-src 'unsafe-inline';")
    assert not any(t in ("link", "iframe", "object", "embed", "img") for t, _ in start_tags(page))


def test_timeline_escapes_every_data_text():
    page = render_timeline_html(hostile_dataset(), "2024", "2025", color_by="faction", edges="relations")
    tags = [t for t, _ in start_tags(page)]
    assert tags.count("script") == 2 and "img" not in tags
    assert "Title &lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    assert "About &lt;script&gt;" in page
    assert "\\u003cscript\\u003ewindow.__xss=1" in page and "Evidence \\u003cscript\\u003e" in page
    data = page_data(page)
    assert data["timeline"]["states"][0]["titles"]["A"].startswith("Name " + PAYLOAD)


def test_timeline_color_by_faction_follows_each_period():
    from graph.analysis.balance import frustration
    from graph.render import FACTION_COLOURS

    from graph.analysis.balance import frustrated_ties, signed_ties

    ds = graph.load()
    data = page_data(render_timeline_html(ds, "2000", "2025", "year", color_by="faction", edges="relations"))
    for i, p in enumerate(data["timeline"]["periods"]):
        snap = graph.snapshot(ds, p["day"])
        split = frustration(snap)
        state = state_of(data, i)
        # each period shows an optimal split (among equal ones, the one nearest the period before)
        side = {a: FACTION_COLOURS.index(c) for a, c in state["colours"].items() if c in FACTION_COLOURS}
        assert set(side) == set(split.side)
        shown = frustrated_ties(signed_ties(snap), side)
        assert len(shown) == split.frustration
        pairs = {(t.source, t.target) for t in shown}
        assert set(state["strained"]) == {r.id for r in snap.relations if r.pair in pairs}
        assert state["counts"]["strained"] == len(pairs)
        assert all(why.startswith("UNDER STRAIN: ") for why in state["strained"].values())
    # the plain tooltips travel with the edges; the page prefixes the strain of the period shown
    assert not any(e["title"].startswith("UNDER STRAIN") or e.get("strained") for e in data["edges"])


def test_timeline_options_are_checked():
    ds = dated_dataset()
    with pytest.raises(OptionError, match="^every 'week' is not a step; choose one of: year, quarter, month$"):
        render_timeline_html(ds, "2020", "2021", "week")
    with pytest.raises(OptionError, match=r"^end 2019-01-01 comes before start 2020-01-01\. Hint: swap them\.$"):
        render_timeline_html(ds, "2020", "2019")
    with pytest.raises(OptionError, match="^start '2020-13' is not a date") as caught:
        render_timeline_html(ds, "2020-13", "2021")
    assert caught.value.naming({"start": "--from"}).startswith("--from '2020-13' is not a date")
    with pytest.raises(OptionError, match="^end is required for a range"):
        render_timeline_html(ds, "2020", None)
    with pytest.raises(OptionError, match="unknown metric 'fame' for size_by"):
        render_timeline_html(ds, "2020", "2021", size_by="fame")


def test_write_timeline_html_writes_only_the_file(tmp_path):
    out = write_timeline_html(dated_dataset(), tmp_path / "t.html", "2020", "2021", "quarter")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.html"]
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    out.write_text("previous")
    with pytest.raises(OptionError):
        write_timeline_html(dated_dataset(), out, "2021", "2020")
    assert out.read_text() == "previous"


def test_snapshot_page_has_no_timeline(hand_graph):
    page = render_html(hand_graph, at="2025")
    assert set(page_data(page)) == {"nodes", "edges", "options", "lines", "panel"}
    tags = start_tags(page)
    assert not any(t == "output" or a.get("type") == "range" or a.get("id") == "play" for t, a in tags)
    assert "data-period" not in dict(tags)["body"]


def test_render_html_controls_offer_the_values_present(hand_graph):
    tags = start_tags(render_html(hand_graph, at="2025"))
    boxes = {(a["data-filter"], a["value"]) for t, a in tags if t == "input" and "data-filter" in a}
    # the hand graph has alignment and tension in two domains, one actor kind, medium confidence
    assert boxes == {("kind", "alignment"), ("kind", "tension"), ("domain", "economic"), ("domain", "security"),
                     ("actor", "state"), ("confidence", "medium")}
    options = [a["value"] for t, a in tags if t == "option" and "value" in a and "(" in a["value"]]
    assert options == [f"Actor {x} ({x})" for x in "ABCD"]
    assert {a["id"] for t, a in tags if t == "button"} >= {"focus", "clear-focus", "physics", "reset", "save-png"}


def test_dataset_repr_html_summarises_and_escapes():
    shown = hostile_dataset()._repr_html_()
    assert shown.startswith("<div><strong>Title &lt;script&gt;")
    assert "<script" not in shown
    assert "<td style='text-align:left'>2 (1 group, 1 state)</td>" in shown


# --- large graphs: above LARGE_GRAPH actors the page carries and draws less ---------------------------

def large_mode(monkeypatch, actors: int = 1) -> None:
    """Large-graph mode for any graph above ``actors`` actors (the real threshold needs 1,001)."""
    import graph.render.style

    monkeypatch.setattr(graph.render.style, "LARGE_GRAPH", actors)


def packed_data(page: str) -> dict:
    """The nodes, edges and options of a large page: base64 of gzip-compressed JSON."""
    import base64
    import gzip
    import json

    packed = re.findall(r'unpack\("([^"]*)"\)', page)
    assert len(packed) == 1 and re.fullmatch(r"[A-Za-z0-9+/]+=*", packed[0])
    return json.loads(gzip.decompress(base64.b64decode(packed[0])))


def test_large_graph_edges_carry_only_what_differs_from_the_defaults(monkeypatch, hand_graph):
    from dataclasses import replace

    ds = replace(hand_graph, relations=hand_graph.relations + (rel("cd", "C", "D", "tension", 0.4, directed=True),))
    small_data = page_data(render_html(ds, at="2025", edges="relations"))
    small = {e["id"]: e for e in small_data["edges"]}
    large_mode(monkeypatch)
    data = packed_data(render_html(ds, at="2025", edges="relations"))
    edges = {e["id"]: e for e in data["edges"]}
    assert set(edges) == set(small)
    # the colour is one string, the same as the small page's line, highlight and hover colour
    assert edges["ab"] == {"id": "ab", "from": "A", "to": "B", "title": small["ab"]["title"], "color": "#2e7d32",
                           "width": 1.0, "kind": "alignment", "domain": "economic", "confidence": "medium"}
    # width 0.5 + weight: 0.5 to 1.5 px; dashes, arrows and curves only where there are any
    assert (edges["ad"]["color"], edges["ad"]["dashes"], edges["ad"]["width"]) == ("#c62828", True, 1.1)
    assert edges["ab-t"]["smooth"] == small["ab-t"]["smooth"] == {"enabled": True, "type": "curvedCW",
                                                                   "roundness": 0.12}
    assert edges["cd"]["arrows"] == "to" and "arrows" not in edges["ad"]
    options = data["options"]
    assert options["edges"] == {"selectionWidth": 2, "smooth": False,
                                "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}}}
    assert options["physics"] == {"enabled": False} and options["layout"]["improvedLayout"] is False
    assert options["nodes"] == small_data["options"]["nodes"] == {"font": {"size": 15, "face": "sans-serif"},
                                                                   "borderWidth": 1}
    assert options["interaction"]["hideEdgesOnDrag"] is True and options["interaction"]["hover"] is False
    # the nodes are the small page's (shapes, colours, sizes, positions, tooltips), but the page draws
    # the names itself, from 18 px on screen: vis-network would measure every label at load
    assert data["nodes"] == [{("name" if k == "label" else k): v for k, v in n.items()} for n in small_data["nodes"]]
    assert data["names"] == {"size": 15, "face": "sans-serif", "color": "#343434", "threshold": 18, "max": 30}
    assert "names" not in small_data


def test_large_graph_page_packs_its_data_and_stays_escaped_and_deterministic(monkeypatch):
    ds = replace_actor_name(hostile_dataset(), "B", "Azərbaycan – Ιράν")
    small_page = render_html(ds, at="2025")
    small = page_data(small_page)
    large_mode(monkeypatch)
    page = render_html(ds, at="2025")
    assert page == render_html(ds, at="2025")
    # the data travels as base64; the title, legend and controls are escaped HTML as on small pages
    assert "var DATA" not in page and "<script>window" not in page and 'onerror="' not in page
    assert "Title &lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    data = packed_data(page)
    # the same texts reach the page
    assert [n["title"] for n in data["nodes"]] == [n["title"] for n in small["nodes"]]
    assert [e["title"] for e in data["edges"]] == [e["title"] for e in small["edges"]]
    assert data["nodes"][0]["title"].startswith("Name " + PAYLOAD)
    assert data["nodes"][1]["name"] == "Azərbaycan – Ιράν"
    tags = [t for t, _ in start_tags(page)]
    assert tags.count("script") == 2 and "img" not in tags
    assert 'id="large-note"' in page and 'id="large-note"' not in small_page


def replace_actor_name(ds: Dataset, actor: str, name: str) -> Dataset:
    from dataclasses import replace

    return replace(ds, actors=tuple(replace(a, name=name) if a.id == actor else a for a in ds.actors))

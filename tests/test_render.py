"""The HTML page (graph/render.py): offline, escaped, deterministic, written atomically."""

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
    page = render_html(hostile_dataset(), at="2025")
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


def test_render_html_draws_every_actor_and_relation_in_force():
    ds = graph.load()
    snap = graph.snapshot(ds, "2025-03-01")
    page = render_html(ds, at="2025-03-01")
    assert f"{len(snap.actors)} actors, {len(snap.relations)} relations" in page
    for r in snap.relations:
        assert f'"id":"{r.id}"' in page


def test_render_html_styles_alignment_solid_green_and_tension_dashed_red(hand_graph):
    page = render_html(hand_graph, at="2025")
    edges = {e["id"]: e for e in page_data(page)["edges"]}
    assert (edges["ab"]["color"]["color"], edges["ab"]["dashes"]) == ("#2e7d32", False)
    assert (edges["ad"]["color"]["color"], edges["ad"]["dashes"]) == ("#c62828", True)
    assert edges["ab"]["width"] == 1 + 5 * 0.5 and edges["ac"]["width"] == 1 + 5 * 0.2
    # A–B has two relations: the second is drawn as a curve so both stay visible
    assert [edges[i]["smooth"]["enabled"] for i in ("ab", "ab-t")] == [False, True]


def test_render_html_tooltips_carry_evidence_dates_and_sources(hand_graph):
    data = page_data(render_html(hand_graph, at="2025", size_by="betweenness"))
    edge = {e["id"]: e for e in data["edges"]}["ab"]
    assert edge["title"].splitlines()[:2] == ["Actor A – Actor B", "alignment, economic; weight 0.5; confidence medium"]
    assert "test" in edge["title"] and "- Test source (tests, 2025)" in edge["title"]
    node = {n["id"]: n for n in data["nodes"]}
    assert node["B"]["title"].splitlines()[:2] == ["Actor B (B)", "kind: state"]
    assert "betweenness: 0.333" in node["B"]["title"]
    # size follows --size-by: B (the only broker) is largest, the others smallest
    assert node["B"]["size"] == 40 and node["A"]["size"] == node["D"]["size"] == 12


def test_render_html_unknown_size_metric_lists_choices(hand_graph):
    with pytest.raises(OptionError, match="unknown metric 'fame' for --size-by; choose one of: "):
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

    split = frustration(graph.snapshot(ds, "2025-03-01"))
    colour = {n["id"]: n["color"]["background"] for n in data["nodes"]}
    for k, camp in enumerate(split.factions):
        assert {colour[a] for a in camp} == {FACTION_COLOURS[k]}
    strained_pairs = {(t.source, t.target) for t in split.frustrated}
    marked = {tuple(sorted((e["from"], e["to"]))) for e in data["edges"] if e.get("strained")}
    assert marked == strained_pairs
    tip = next(e["title"] for e in data["edges"] if e.get("strained") and {e["from"], e["to"]} == {"AZE", "TUR"})
    assert tip.startswith("UNDER STRAIN: Azerbaijan and Turkey are aligned on balance, yet the\nbest split puts them in opposite camps (1 and 2).")

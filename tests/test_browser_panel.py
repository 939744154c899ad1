"""The side panel in a real browser: click an actor or a line, read it, close it; the legend's shapes.

Headless Chromium (Debian's package) through Playwright, every network request refused, as in
tests/test_browser.py (whose fixture and page opener these tests share).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

import graph
from graph.model import Actor, Dataset, Event, Source
from graph.dates import parse_date
from graph.render import write_html, write_timeline_html

from _helpers import rel
from test_browser import browser, open_offline  # noqa: F401  (browser is a fixture)
from test_render import PAYLOAD, hostile_dataset

playwright_api = pytest.importorskip("playwright.sync_api")


def small_dataset() -> Dataset:
    """Three states far apart on a line of two ties, one source on the web, one event."""
    sources = {"web": Source("web", "A web report", "2025", publisher="News", url="https://example.org/report"),
               "book": Source("book", "A book", "2024")}
    actors = (Actor("AAA", "Alpha", "state"), Actor("BBB", "Beta", "bloc"), Actor("CCC", "Gamma", "state"))
    relations = (replace(rel("ab", "AAA", "BBB", "alignment", 0.8, evidence="Alpha backs Beta."), sources=("web", "book")),
                 replace(rel("bc", "BBB", "CCC", "tension", 0.6, "security", evidence="Beta and Gamma quarrel."),
                         sources=("book",)))
    return Dataset(title="small", sources=sources, actors=actors, relations=relations,
                   events=(Event("summit", parse_date("2024-06"), ("AAA", "BBB"), "Alpha–Beta summit", "cooperative",
                                 sources=("book",)),))


@pytest.fixture(scope="module")
def small_page(tmp_path_factory):
    return write_html(small_dataset(), tmp_path_factory.mktemp("panel") / "small.html", at="2025-03-01",
                      color_by="faction")


def click_canvas(page, point):
    """Click the drawing at a point in canvas coordinates, with the mouse. The drawing is scrolled
    into view first: the click focuses it, and a browser scrolls a focused element into view,
    which would move the point under the pointer."""
    x, y = page.evaluate("""p => { document.querySelector('#mynetwork').scrollIntoView();
        const d = geograph.network.canvasToDOM(p);
        const r = document.querySelector('#mynetwork').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""", point)
    page.mouse.click(x, y)


def panel_text(page) -> str:
    return " ".join(page.inner_text("#panel").split())


def test_clicking_an_actor_opens_its_profile_and_escape_closes_it(browser, small_page):
    page, requests, errors = open_offline(browser, small_page)
    assert page.is_hidden("#panel")
    click_canvas(page, page.evaluate("() => geograph.network.getPositions(['BBB']).BBB"))
    page.wait_for_selector("#panel", state="visible", timeout=5_000)
    assert page.get_attribute("body", "data-panel") == "actor:BBB"
    assert page.inner_text("#panel-title") == "Beta"
    # focus moves into the panel, onto its heading, which names the region
    assert page.evaluate("() => document.activeElement.id") == "panel-title"
    assert page.evaluate("() => document.getElementById('panel').getAttribute('role')") == "region"
    text = panel_text(page)
    assert "bloc · id BBB" in text
    # Beta, in the middle of the line, alone has two ties; one ally, shared with Alpha
    assert "1st of 3 in degree (alignment and tension layers): 2" in text
    assert "joint 1st (with 1 other) of 3 in alignment_degree (alignment layer): 1" in text
    assert "Camp 1 of the best split into two camps: the same in every equally optimal split found." in text
    assert "alignment with Alpha: economic, weight 0.8, … to now, confidence medium Alpha backs Beta." in text
    assert "2024-06: Alpha–Beta summit (cooperative)" in text
    # the web source is a link that opens apart from the page; the book is text
    links = page.evaluate("""() => [...document.querySelectorAll('#panel a')].map(a =>
        [a.textContent, a.getAttribute('href'), a.target, a.rel])""")
    assert ["A web report (News, 2025)", "https://example.org/report", "_blank", "noopener noreferrer"] in links
    assert not any(label.startswith("A book") for label, *_ in links)
    # from a relation of the profile to its line
    page.click("#panel li:has-text('Alpha backs Beta.') >> button:has-text(\"The pair's line and story\")")
    assert page.get_attribute("body", "data-panel") == "line:AAA|BBB|alignment" and page.inner_text("#panel-title") == "Alpha – Beta"
    page.keyboard.press("Escape")
    assert page.is_hidden("#panel") and page.get_attribute("body", "data-panel") is None
    assert requests == [] and errors == []
    page.close()


def test_clicking_a_line_tells_the_pair_story(browser, small_page):
    page, requests, errors = open_offline(browser, small_page)
    a, b = page.evaluate("() => { const p = geograph.network.getPositions(['BBB', 'CCC']); return [p.BBB, p.CCC]; }")
    click_canvas(page, {"x": (a["x"] + b["x"]) / 2, "y": (a["y"] + b["y"]) / 2})
    page.wait_for_selector("#panel", state="visible", timeout=5_000)
    assert page.get_attribute("body", "data-panel") == "line:BBB|CCC|tension"
    assert page.inner_text("#panel-title") == "Beta – Gamma"
    text = panel_text(page)
    assert "Combined alignment 0, combined tension 0.6: net tension." in text
    assert "tension: security, weight 0.6, … to now, confidence medium Beta and Gamma quarrel." in text
    assert "None: no third actor has a signed tie with both." in text
    assert ("The best two-camp split puts them in opposite camps; their tie fits that split." in text)
    # the close button closes it too, and the actor buttons open a profile
    page.click("#panel-close")
    assert page.is_hidden("#panel")
    page.evaluate("() => geograph.panel.openLine('bc')")
    page.click("#panel button.link >> text=Gamma")
    assert page.inner_text("#panel-title") == "Gamma" and page.get_attribute("body", "data-panel") == "actor:CCC"
    assert requests == [] and errors == []
    page.close()


def test_search_focus_opens_the_actor_panel_and_keyboard_reaches_it(browser, small_page):
    page, requests, errors = open_offline(browser, small_page)
    page.fill("#search", "gamma")
    page.press("#search", "Enter")
    assert page.get_attribute("body", "data-focus") == "CCC"
    assert page.get_attribute("body", "data-panel") == "actor:CCC"
    assert page.evaluate("() => document.activeElement.id") == "panel-title"
    page.keyboard.press("Tab")            # the next stop is the close button
    assert page.evaluate("() => document.activeElement.id") == "panel-close"
    page.keyboard.press("Escape")
    # the focus goes back where it was
    assert page.is_hidden("#panel") and page.evaluate("() => document.activeElement.id") == "search"
    page.click("#focus")
    assert page.get_attribute("body", "data-panel") == "actor:CCC"
    assert requests == [] and errors == []
    page.close()


def test_bundled_page_panel_gives_ranks_sources_and_strain(browser, tmp_path):
    out = write_html(graph.load(), tmp_path / "caucasus.html", at="2025-03-01", color_by="faction")
    page, requests, errors = open_offline(browser, out)
    page.evaluate("() => geograph.panel.openActor('AZE')")
    text = panel_text(page)
    assert "1st of 14 in alignment_degree (alignment layer): 7" in text
    assert "Azerbaijan and Iran: diplomacy, business and geopolitics (Unattributed online analysis, 2025-02)" in text
    # a strained line says so, with what balance says
    strained = page.evaluate("() => geograph.edges.get({filter: e => e.strained === true}).map(e => e.id)")
    assert strained
    page.evaluate("id => geograph.panel.openLine(id)", strained[0])
    text = panel_text(page)
    assert "Under strain: their tie contradicts the best split." in text
    assert "their tie contradicts that split: it is under strain" in text
    assert requests == [] and errors == []
    page.close()


def test_panel_shows_hostile_text_literally_and_runs_none_of_it(browser, tmp_path):
    out = write_html(hostile_dataset(), tmp_path / "hostile.html", at="2025")
    page, requests, errors = open_offline(browser, out)
    page.evaluate("() => geograph.panel.openActor('A')")
    assert page.inner_text("#panel-title") == "Name " + PAYLOAD
    text = page.inner_text("#panel")
    assert "Evidence " + PAYLOAD in text and "note: " + PAYLOAD in text and "tag" + PAYLOAD in text
    assert "2025: " + PAYLOAD + " (hostile)" in text and "Source " + PAYLOAD in text
    page.evaluate("() => geograph.panel.openLine('ab')")
    assert page.inner_text("#panel-title") == "Name " + PAYLOAD + " – Bee"
    assert "Evidence " + PAYLOAD in page.inner_text("#panel")
    assert page.evaluate("() => document.querySelectorAll('#panel img, #panel script, #panel a').length") == 0
    assert page.evaluate("() => window.__xss") is None
    assert requests == [] and errors == []
    page.close()


def test_legend_draws_each_actor_shape_as_the_graph_does(browser, tmp_path):
    from graph.network import Model, network

    ds = Dataset(actors=tuple(Actor(k[:3].upper(), k, k) for k in graph.model.ACTOR_KINDS))
    out = write_html(network(ds, "2025", model=Model(with_arenas=True)), tmp_path / "kinds.html")
    page, requests, errors = open_offline(browser, out)
    shapes = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#legend svg.glyph')].map(s => {
        const g = s.firstElementChild;
        return [s.dataset.shape, [g.tagName, g.points ? g.points.numberOfItems : 0, g.getAttribute('fill')]]; }))""")
    from graph.render import KIND_STYLE
    assert shapes["hexagon"] == ["polygon", 6, KIND_STYLE["bloc"][0]]
    assert shapes["star"][:2] == ["polygon", 10] and shapes["triangle"][:2] == ["polygon", 3]
    assert shapes["triangleDown"][:2] == ["polygon", 3] and shapes["diamond"][:2] == ["polygon", 4]
    assert shapes["dot"][0] == "circle" and shapes["square"][0] == "rect"
    # drawn at the size of a swatch, in view
    box = page.evaluate("() => { const r = document.querySelector('#legend svg.glyph').getBoundingClientRect();"
                        " return [r.width, r.height]; }")
    assert box == [16, 16]
    assert requests == [] and errors == []
    page.close()


def test_timeline_page_panel_marks_relations_not_in_force_in_the_period(browser, tmp_path):
    """The timeline page's panel: profiles and relations, no pair stories; the slider redraws the marks."""
    ds = Dataset(actors=(Actor("A", "Alpha", "state"), Actor("B", "Beta", "state")), sources={"s": Source("s", "S", "2020")},
                 relations=(rel("old", "A", "B", "alignment", 0.5, since="2020", until="2021", evidence="Old friends."),
                            rel("new", "A", "B", "tension", 0.7, since="2021", evidence="New rivals.")))
    out = write_timeline_html(ds, tmp_path / "t.html", "2020", "2021")
    page, requests, errors = open_offline(browser, out)
    page.evaluate("() => geograph.panel.openActor('A')")
    off = lambda: page.evaluate("() => [...document.querySelectorAll('#panel li.off')].map(li => li.textContent)")  # noqa: E731
    assert "Old friends." in page.inner_text("#panel") and "New rivals." in page.inner_text("#panel")
    assert len(off()) == 1 and "New rivals." in off()[0]         # 2020: the tension is not yet in force
    page.evaluate("() => geograph.timeline.show(1)")
    assert len(off()) == 1 and "Old friends." in off()[0]        # 2021: the alignment has ended
    page.evaluate("() => geograph.panel.openLine('new')")
    assert "belongs to one day: run geograph explain A B --at DAY" in page.inner_text("#panel")
    assert requests == [] and errors == []
    page.close()


def test_panel_shows_every_payload_of_the_xss_corpus_as_text(browser, tmp_path):
    from test_hostile import PAYLOADS, WEB_URLS, assert_nothing_ran, open_watched, xss_dataset

    ds = xss_dataset(PAYLOADS)
    out = write_html(graph.network.network(ds, "2025", model=graph.Model(with_arenas=True)), tmp_path / "xss.html",
                     color_by="faction", edges="relations")   # one relation a line: its evidence is its payload
    page, seen = open_watched(browser, out)
    shown = page.evaluate("""() => geograph.nodes.getIds().sort().map(id => {
        geograph.panel.openActor(id);
        const panel = document.getElementById('panel');
        const line = geograph.edges.get({filter: e => e.from === id})[0];
        const items = sel => [...panel.querySelectorAll(sel)].map(e => e.textContent);
        const actor = [document.getElementById('panel-title').textContent, items('li')];
        geograph.panel.openLine(line.id);
        return [id, actor, line.id, items('p.evidence'),
                [...panel.querySelectorAll('*')].map(e => e.tagName).filter(t => !/^(H2|H3|P|UL|LI|SPAN|DIV|BUTTON|A|DETAILS|SUMMARY|TABLE|TR|TD|TH)$/.test(t)),
                [...panel.querySelectorAll('a')].map(a => a.getAttribute('href'))]; })""")
    assert len(shown) == len(PAYLOADS)
    for actor_id, (heading, items), line, evidence, strange, links in shown:
        assert heading == actor_id                           # every actor is named after its payload,
        assert f"{actor_id}: {actor_id}" in items            # which is also an attribute's name and value
        assert evidence[0] == line                           # each relation's evidence is its payload
        assert strange == [] and set(links) <= set(WEB_URLS)
    assert_nothing_ran(page, seen)
    page.close()


def test_large_page_panel_opens_on_a_click_and_shows_hostile_text_literally(browser, tmp_path):
    from test_browser import agents, large_dataset

    ds = large_dataset()
    snap = agents(ds, "2025")
    out = write_html(ds, tmp_path / "large.html", at="2025", edges="relations")   # A–B: two lines
    page, requests, errors = open_offline(browser, out)
    # Actor 700, moved far left of the rest so the pointer finds it alone, clicked with the mouse
    page.evaluate("""() => { const net = geograph.network, pos = Object.values(net.getPositions());
        net.moveNode('L0700', Math.min(...pos.map(p => p.x)) - 600, 0); net.fit({animation: false}); }""")
    click_canvas(page, page.evaluate("() => geograph.network.getPosition('L0700')"))
    page.wait_for_selector("#panel", state="visible", timeout=5_000)
    assert page.inner_text("#panel-title") == "Actor 700"
    mine = [r for r in snap.relations if "L0700" in (r.source, r.target)]
    assert page.inner_text("#panel").count("synthetic") == len(mine) > 0
    assert re.search(r"\n(joint )?\d+(st|nd|rd|th)( \(with \d+ others?\))? of \d+ in \w+ \(", page.inner_text("#panel"))
    # the pair A–B: two lines, one story, the hostile text as text
    page.evaluate("() => geograph.panel.openLine('ab-2')")
    text = page.inner_text("#panel")
    assert page.inner_text("#panel-title") == "Name " + PAYLOAD + " – Bee"
    headings = page.evaluate("() => [...document.querySelectorAll('#panel h3')].map(h => h.textContent)")
    assert "Evidence " + PAYLOAD in text and "Other relations of the pair (1)" in headings
    assert page.evaluate("() => document.querySelectorAll('#panel img, #panel script').length") == 0
    assert page.evaluate("() => window.__xss") is None
    assert requests == [] and errors == []
    page.close()


def test_estimated_metrics_are_marked_in_the_panel(browser, tmp_path, monkeypatch):
    # a page above PAGE_EXACT_ACTORS (lowered here): the profile marks betweenness and closeness
    # as estimates, with from how many sources and how sure, in the table and below it
    from graph.render import scene

    monkeypatch.setattr(scene, "PAGE_EXACT_ACTORS", 5)
    monkeypatch.setattr(scene, "PAGE_SOURCES", 6)
    out = write_html(graph.load(), tmp_path / "estimated.html", at="2025-03-01")
    page, requests, errors = open_offline(browser, out)
    page.evaluate("() => geograph.panel.openActor('AZE')")
    page.click("#panel summary:has-text('All metrics')")
    cells = page.evaluate("""() => [...document.querySelectorAll('#panel details tr')].map(
        tr => [...tr.children].map(td => td.textContent))""")
    values = {row[0]: row[1] for row in cells[1:]}
    assert values["betweenness"].startswith("\u2248 ") and values["closeness"].startswith("\u2248 ")
    assert not values["degree"].startswith("\u2248")
    text = panel_text(page)
    assert "\u2248 betweenness: Estimated from " in text and "\u2248 closeness: Estimated from " in text
    assert "standard error at most" in text
    assert requests == [] and errors == []
    page.close()

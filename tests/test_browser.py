"""The page in a real browser: headless Chromium (Debian's package) driven by Playwright.

Every network request is blocked; the page must draw from the file alone. These tests need the
``chromium`` executable (``apt-get install chromium``; ``.ci/run`` installs it) and fail, not
skip, without it, so a broken install cannot pass unnoticed.
"""

from __future__ import annotations

import shutil

import pytest

import graph
from graph.render import write_html, write_timeline_html

from _helpers import rel
from test_render import PAYLOAD, hostile_dataset

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "Debian's chromium is required for the browser tests: apt-get install chromium"
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-quic"])
        yield b
        b.close()


def agents(ds, day):
    """What a page draws on a day: the agents and the relations between them in force."""
    return graph.Network.of(graph.snapshot(ds, day)).dataset


def open_offline(browser, path):
    """Open a page from disk with every request other than the file itself refused."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests, errors = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url == path.as_uri():
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-drawn=true]", timeout=15_000)
    return page, requests, errors


def test_page_draws_every_node_and_edge_offline(browser, tmp_path):
    ds = graph.load()
    snap = agents(ds, "2025-03-01")
    out = write_html(ds, tmp_path / "caucasus.html", at="2025-03-01")
    page, requests, errors = open_offline(browser, out)
    drawn = page.evaluate("() => [geograph.network.body.nodeIndices.length, geograph.network.body.edgeIndices.length]")
    assert drawn == [len(snap.actors), len({(*r.pair, r.kind) for r in snap.relations})]   # a line per pair and kind
    assert requests == [] and errors == []
    # the canvas really has pixels on it: vis-network drew, not just loaded
    size = page.evaluate("() => { const c = document.querySelector('#mynetwork canvas'); return [c.width, c.height]; }")
    assert size[0] > 500 and size[1] > 500
    page.screenshot(path=str(tmp_path / "caucasus.png"))
    assert (tmp_path / "caucasus.png").stat().st_size > 20_000
    page.close()


def test_page_shows_hostile_text_literally_and_runs_none_of_it(browser, tmp_path):
    out = write_html(hostile_dataset(), tmp_path / "hostile.html", at="2025")
    page, requests, errors = open_offline(browser, out)
    assert page.evaluate("() => window.__xss") is None
    assert page.inner_text("#title").startswith("Title <script>window.__xss=1</script>")
    # hover actor A: its tooltip shows the payload as text
    x, y = page.evaluate("""() => { const p = geograph.network.canvasToDOM(geograph.network.getPosition('A'));
                                    const r = document.querySelector('#mynetwork').getBoundingClientRect();
                                    return [r.left + p.x, r.top + p.y]; }""")
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    tip = page.inner_text("div.vis-tooltip")
    assert tip.startswith('Name <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> (A)')
    assert page.evaluate("() => document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip script').length") == 0
    assert page.evaluate("() => window.__xss") is None
    assert requests == [] and errors == []
    page.close()


# --- the timeline page: a slider and a play button across the periods --------------------------------

VISIBLE_EDGES = """() => [geograph.edges.get({filter: e => e.hidden !== true}).map(e => e.id).sort(),
                          geograph.network.body.edgeIndices.length]"""


@pytest.fixture(scope="module")
def timeline_file(tmp_path_factory):
    ds = graph.load()
    # one edge per relation: these tests follow relations one by one (lines: tests/test_browser_edges.py)
    out = write_timeline_html(ds, tmp_path_factory.mktemp("timeline") / "timeline.html", "1990", "2025", edges="relations")
    days = [graph.network.resolve_date(str(y)) for y in range(1990, 2026)]
    return out, [agents(ds, d) for d in days]


def set_slider(page, index):
    page.evaluate("""i => { const s = document.querySelector('input[type=range]');
                            s.value = String(i); s.dispatchEvent(new Event('input', {bubbles: true})); }""", index)
    page.wait_for_selector(f"body[data-period='{index}']", timeout=5_000)


def test_timeline_slider_shows_the_relations_in_force_in_each_period(browser, timeline_file):
    from graph.analysis.balance import frustration

    out, snaps = timeline_file
    page, requests, errors = open_offline(browser, out)
    slider = page.locator("input[type=range]")
    assert slider.get_attribute("min") == "0" and slider.get_attribute("max") == str(len(snaps) - 1)
    assert page.evaluate("() => document.querySelector('label[for=period]').textContent") == "Period"
    assert page.get_attribute("body", "data-period") == "0"
    positions = page.evaluate("() => geograph.network.getPositions()")
    counts = []
    for i in [*range(len(snaps)), 3, 0]:       # forwards, then back: edges disappear again
        set_slider(page, i)
        snap = snaps[i]
        visible, drawn = page.evaluate(VISIBLE_EDGES)
        assert visible == sorted(r.id for r in snap.relations), snap.at
        assert drawn == len(snap.relations)
        assert page.evaluate("() => geograph.network.body.nodeIndices.length") == len(snap.actors)
        assert page.evaluate("() => geograph.network.getPositions()") == positions    # nodes stay put
        legend = page.inner_text("#legend")
        label = str(snap.at.year)
        assert page.inner_text("#period-label") == label and label in legend
        assert f"Frustration index: {frustration(snap).frustration:g}" in legend
        assert f"{len(snap.relations)} relations in force" in legend
        counts.append(drawn)
    assert len(set(counts)) > 5              # the bundled relations start at different dates
    assert requests == [] and errors == []
    page.close()


def test_timeline_keyboard_moves_the_slider(browser, timeline_file):
    out, snaps = timeline_file
    page, requests, errors = open_offline(browser, out)
    page.focus("input[type=range]")
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("body[data-period='1']", timeout=5_000)
    assert page.evaluate(VISIBLE_EDGES)[1] == len(snaps[1].relations)
    page.keyboard.press("End")
    page.wait_for_selector(f"body[data-period='{len(snaps) - 1}']", timeout=5_000)
    assert page.evaluate(VISIBLE_EDGES)[1] == len(snaps[-1].relations)
    assert requests == [] and errors == []
    page.close()


def test_timeline_play_button_advances_and_pauses(browser, timeline_file, tmp_path):
    out, snaps = timeline_file
    page, requests, errors = open_offline(browser, out)
    play = page.locator("#play")
    assert play.get_attribute("aria-pressed") == "false"
    play.click()
    assert play.get_attribute("aria-pressed") == "true" and "Pause" in play.inner_text()
    page.wait_for_selector("body[data-period='2']", timeout=10_000)
    play.click()                                  # pause
    assert play.get_attribute("aria-pressed") == "false" and "Play" in play.inner_text()
    stopped = int(page.get_attribute("body", "data-period"))
    page.wait_for_timeout(1_500)
    assert int(page.get_attribute("body", "data-period")) == stopped
    assert page.evaluate(VISIBLE_EDGES)[1] == len(snaps[stopped].relations)
    # at the last period, play stops there; pressed again, it starts over from the first
    set_slider(page, len(snaps) - 2)
    play.click()
    page.wait_for_selector(f"body[data-period='{len(snaps) - 1}']", timeout=10_000)
    page.wait_for_function("() => document.querySelector('#play').getAttribute('aria-pressed') === 'false'",
                           timeout=5_000)
    play.click()
    assert page.get_attribute("body", "data-period") == "0"
    play.click()
    page.screenshot(path=str(tmp_path / "timeline.png"))
    assert (tmp_path / "timeline.png").stat().st_size > 20_000
    assert requests == [] and errors == []
    page.close()


def test_timeline_faction_colours_follow_each_period(browser, tmp_path):
    from graph.analysis.balance import frustrated_ties, frustration, signed_ties
    from graph.render import FACTION_COLOURS

    ds = graph.load()
    out = write_timeline_html(ds, tmp_path / "factions.html", "2020", "2025", color_by="faction")
    page, requests, errors = open_offline(browser, out)
    for i, year in enumerate(range(2020, 2026)):
        set_slider(page, i)
        snap = graph.snapshot(ds, str(year))
        split = frustration(snap)
        colours = page.evaluate("() => Object.fromEntries(geograph.nodes.get().map(n => [n.id, n.color.background]))")
        # the page shows an optimal split (among equal ones, the one nearest the period before)
        side = {a: FACTION_COLOURS.index(c) for a, c in colours.items() if c in FACTION_COLOURS}
        assert set(side) == set(split.side)
        shown = frustrated_ties(signed_ties(snap), side)
        assert len(shown) == split.frustration
        strained = page.evaluate("() => geograph.edges.get({filter: e => e.strained === true && !e.hidden})"
                                 ".map(e => [e.from, e.to].sort().join('|'))")
        assert set(strained) == {f"{t.source}|{t.target}" for t in shown}
        assert page.inner_text("#legend-strained") == str(len(shown))
    assert requests == [] and errors == []
    page.close()


def test_timeline_shows_hostile_text_literally_and_runs_none_of_it(browser, tmp_path):
    out = write_timeline_html(hostile_dataset(), tmp_path / "hostile.html", "2024", "2025", color_by="faction")
    page, requests, errors = open_offline(browser, out)
    set_slider(page, 1)
    set_slider(page, 0)
    assert page.evaluate("() => window.__xss") is None
    assert page.inner_text("#title").startswith("Title <script>window.__xss=1</script>")
    assert page.evaluate("() => geograph.nodes.get('A').title").startswith("Name <script>window.__xss=1</script>")
    assert page.evaluate("() => document.querySelectorAll('#legend img, #legend script, #timeline img').length") == 0
    assert requests == [] and errors == []
    page.close()


# --- the analyst's controls: search and focus, filters, physics, reset, PNG --------------------

@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory):
    # one edge per relation: these tests follow relations one by one (lines: tests/test_browser_edges.py)
    return write_html(graph.load(), tmp_path_factory.mktemp("controls") / "caucasus.html", at="2025-03-01",
                      edges="relations")


def visible_edges(page):
    return page.evaluate("() => geograph.edges.get({filter: e => !e.hidden}).map(e => e.id).sort()")


def test_search_focuses_the_actor_and_its_neighbourhood(browser, bundled_page):
    page, requests, errors = open_offline(browser, bundled_page)
    page.fill("#search", "turkey")                    # by name, in any case
    page.click("#focus")
    assert page.get_attribute("body", "data-focus") == "TUR"
    assert page.evaluate("() => geograph.network.getSelectedNodes()") == ["TUR"]
    snap = agents(graph.load(), "2025-03-01")
    near = {r.target if r.source == "TUR" else r.source for r in snap.relations if "TUR" in (r.source, r.target)}
    focused = page.evaluate("() => geograph.focused")
    assert focused[0] == "TUR" and set(focused[1:]) == near
    # dimmed, as vis-network draws them: every other actor, and every line not inside the neighbourhood
    assert set(drawn_dim(page, "nodes")) == {a.id for a in snap.actors} - near - {"TUR"}
    inside = near | {"TUR"}
    assert set(drawn_dim(page, "edges")) == {r.id for r in snap.relations
                                             if not (r.source in inside and r.target in inside)}
    assert page.inner_text("#search-status").startswith(f"Turkey (TUR): {len(near)} actors within 1 step(s).")
    page.select_option("#depth", "2")
    wider = page.evaluate("() => geograph.focused")
    assert len(wider) > len(focused)
    assert page.inner_text("#search-status").startswith(f"Turkey (TUR): {len(wider) - 1} actors within 2 step(s).")
    # hiding the focused actor's kind ends the focus
    page.click("#filters summary")
    page.uncheck('input[data-filter="actor"][value="state"]')
    assert page.evaluate("() => geograph.focused") == [] and page.get_attribute("body", "data-focus") is None
    assert page.inner_text("#search-status") == "" and drawn_dim(page, "nodes") == []
    page.check('input[data-filter="actor"][value="state"]')
    page.fill("#search", "IRN")                       # by id, with Enter
    page.press("#search", "Enter")
    assert page.get_attribute("body", "data-focus") == "IRN"
    page.fill("#search", "Atlantis")
    page.click("#focus")
    assert page.inner_text("#search-status") == "No actor matches \u201cAtlantis\u201d."
    page.click("#clear-focus")
    assert page.evaluate("() => geograph.focused") == [] and page.get_attribute("body", "data-focus") is None
    assert drawn_dim(page, "nodes") == [] and drawn_dim(page, "edges") == []
    assert requests == [] and errors == []
    page.close()


def test_focus_filters_and_reset_each_draw_the_graph_once(browser, large_page):
    # vis-network with physics off draws everything again after each change: focus made four or five
    # changes, so at 2,000 actors it took 1.4 s where one drawing takes a tenth of that
    out, _ = large_page
    page, requests, errors = open_offline(browser, out)
    page.evaluate("() => { window.__draws = 0; geograph.network.on('afterDrawing', () => window.__draws++); }")
    actions = {
        "focus": "() => geograph.focusOn('L0700')",
        "depth": "() => { const d = document.getElementById('depth'); d.value = '2'; d.dispatchEvent(new Event('change')); }",
        "filter": """() => { const b = document.querySelector('input[data-filter="kind"][value="tension"]');
                     b.checked = false; b.dispatchEvent(new Event('change')); }""",
        "clear": "() => geograph.clearFocus()",
        "reset": "() => document.getElementById('reset').click()",
    }
    for name, action in actions.items():
        page.evaluate("() => { window.__draws = 0; }")
        page.evaluate(action)
        # two frames later every drawing the action asked for is done
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert page.evaluate("() => window.__draws") == 1, name
    assert page.evaluate("() => geograph.focused") == []
    assert requests == [] and errors == []
    page.close()


def drawn_dim(page, items: str) -> list[str]:
    """The nodes or edges vis-network draws dimmed (its own options, whatever the page set them through)."""
    return page.evaluate("""(items) => {
        const body = geograph.network.body[items];
        const opacity = (x) => items === "nodes" ? x.options.opacity : x.options.color.opacity;
        return Object.keys(body).filter((id) => opacity(body[id]) < 1).sort();
    }""", items)


@pytest.mark.parametrize("name, value", [("kind", "tension"), ("domain", "security"), ("confidence", "low"),
                                         ("actor", "group")])
def test_each_filter_hides_exactly_its_edges(browser, bundled_page, name, value):
    page, requests, errors = open_offline(browser, bundled_page)
    snap = agents(graph.load(), "2025-03-01")
    assert visible_edges(page) == sorted(r.id for r in snap.relations)
    page.click("#filters summary")
    page.uncheck(f'input[data-filter="{name}"][value="{value}"]')
    kinds = {a.id: a.kind for a in snap.actors}
    if name == "actor":
        expected = [r for r in snap.relations if kinds[r.source] != value and kinds[r.target] != value]
        hidden_nodes = page.evaluate("() => geograph.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()")
        assert hidden_nodes == sorted(a for a, k in kinds.items() if k == value)
    else:
        expected = [r for r in snap.relations if getattr(r, name) != value]
    assert visible_edges(page) == sorted(r.id for r in expected)
    drawn = page.evaluate("() => geograph.network.body.edgeIndices.length")
    assert drawn == len(expected)
    page.click("#reset")                              # reset brings everything back
    assert visible_edges(page) == sorted(r.id for r in snap.relations)
    assert requests == [] and errors == []
    page.close()


def test_physics_toggle_and_png_download(browser, bundled_page, tmp_path):
    page, requests, errors = open_offline(browser, bundled_page)
    assert page.evaluate("() => geograph.network.physics.options.enabled") is False   # off at load
    page.click("#physics")
    assert page.evaluate("() => geograph.network.physics.options.enabled") is True
    assert page.inner_text("#physics") == "Physics: on"
    page.click("#physics")
    with page.expect_download() as info:
        page.click("#save-png")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name.endswith(".png") and target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert target.stat().st_size > 10_000
    assert requests == [] and errors == []
    page.close()


def test_filters_combine_with_the_timeline_slider(browser, timeline_file):
    page, requests, errors = open_offline(browser, timeline_file[0])
    set_slider(page, 20)
    in_force = set(page.evaluate("() => geograph.edges.get({filter: e => !e.hidden}).map(e => e.id)"))
    page.click("#filters summary")
    page.uncheck('input[data-filter="kind"][value="alignment"]')
    shown = set(visible_edges(page))
    tension = set(page.evaluate("() => geograph.edges.get({filter: e => e.kind === 'tension'}).map(e => e.id)"))
    assert shown == in_force & tension
    set_slider(page, 30)                              # the filter holds while the period moves
    assert all(e in tension for e in visible_edges(page))
    assert requests == [] and errors == []
    page.close()


# --- large graphs: above LARGE_GRAPH actors the page draws in large-graph mode ----------------------

def large_dataset(n: int = 1500):
    """The hostile dataset's actors A and B, with two relations (one a curve), plus n - 2 actors with
    four relations each (seeded, every tenth directed): 1,500 actors draw in large-graph mode."""
    import random
    from dataclasses import replace

    from graph.model import Actor, Relation

    hostile = hostile_dataset()
    rnd = random.Random(5)
    others = tuple(Actor(f"L{i:04d}", f"Actor {i}", "state") for i in range(n - 2))
    relations = [rel("ab-2", "A", "B", "tension", 0.8, "security")]
    for j in range(4 * len(others)):
        a, b = rnd.sample(others, 2)
        relations.append(Relation(f"r{j}", a.id, b.id, j % 10 == 0, "alignment" if rnd.random() < 0.6 else "tension",
                                  "economic", round(rnd.uniform(0.1, 1.0), 2), evidence="synthetic", sources=("s",)))
    return replace(hostile, actors=hostile.actors + others, relations=hostile.relations + tuple(relations))


@pytest.fixture(scope="module")
def large_page(tmp_path_factory):
    ds = large_dataset()
    return (write_html(ds, tmp_path_factory.mktemp("large") / "large.html", at="2025", edges="relations"),
            agents(ds, "2025"))


def test_large_page_holds_every_actor_and_relation_with_physics_off(browser, large_page):
    from graph.render import LARGE_GRAPH

    out, snap = large_page
    assert len(snap.actors) == 1500 > LARGE_GRAPH
    page, requests, errors = open_offline(browser, out)
    ids = page.evaluate("() => [geograph.nodes.getIds().sort(), geograph.edges.getIds().sort()]")
    assert ids == [sorted(a.id for a in snap.actors), sorted(r.id for r in snap.relations)]
    drawn = page.evaluate("() => [geograph.network.body.nodeIndices.length, geograph.network.body.edgeIndices.length]")
    assert drawn == [len(snap.actors), len(snap.relations)]
    assert page.evaluate("() => geograph.network.physics.options.enabled") is False
    # straight lines, but the second relation of a pair curves and directed ones keep their arrow
    lines = page.evaluate("""() => Object.fromEntries(['ab', 'ab-2', 'r0', 'r1'].map(id => {
        const o = geograph.network.body.edges[id].options;
        return [id, [o.smooth.enabled, o.arrows.to.enabled, o.dashes, o.color.color]]; }))""")
    tension_r1 = next(r for r in snap.relations if r.id == "r1").kind == "tension"
    assert lines["ab"] == [False, False, True, "#c62828"] and lines["ab-2"][:2] == [True, False]
    assert lines["r0"][:2] == [False, True] and lines["r1"][:3] == [False, False, tension_r1]
    assert page.inner_text("#large-note").startswith("A large graph: names show when you zoom in")
    assert requests == [] and errors == []
    page.close()


def test_large_page_search_focuses_the_actor_and_filters_hide_its_edges(browser, large_page):
    out, snap = large_page
    page, requests, errors = open_offline(browser, out)
    page.fill("#search", "actor 700")
    page.press("#search", "Enter")
    assert page.get_attribute("body", "data-focus") == "L0700"
    near = {r.target if r.source == "L0700" else r.source for r in snap.relations if "L0700" in (r.source, r.target)}
    focused = page.evaluate("() => geograph.focused")
    assert focused[0] == "L0700" and set(focused[1:]) == near
    assert page.inner_text("#search-status").startswith(f"Actor 700 (L0700): {len(near)} actors within 1 step(s).")
    assert set(drawn_dim(page, "nodes")) == {a.id for a in snap.actors} - near - {"L0700"}
    inside = near | {"L0700"}
    assert set(drawn_dim(page, "edges")) == {r.id for r in snap.relations
                                             if not (r.source in inside and r.target in inside)}
    # focus moves: the first neighbourhood is dimmed again, the new one shown in full
    page.fill("#search", "L0701")
    page.press("#search", "Enter")
    near2 = {r.target if r.source == "L0701" else r.source for r in snap.relations if "L0701" in (r.source, r.target)}
    assert set(drawn_dim(page, "nodes")) == {a.id for a in snap.actors} - near2 - {"L0701"}
    page.click("#clear-focus")
    assert drawn_dim(page, "nodes") == [] and drawn_dim(page, "edges") == []
    page.click("#filters summary")
    page.uncheck('input[data-filter="kind"][value="tension"]')
    assert visible_edges(page) == sorted(r.id for r in snap.relations if r.kind != "tension")
    page.click("#reset")
    assert visible_edges(page) == sorted(r.id for r in snap.relations)
    assert requests == [] and errors == []
    page.close()


def test_large_page_tooltips_show_hostile_text_literally(browser, large_page):
    out, _ = large_page
    page, requests, errors = open_offline(browser, out)
    # A and B, tied only to each other, are moved left of everything else so the pointer finds them
    page.evaluate("""() => { const net = geograph.network, pos = Object.values(net.getPositions());
        const left = Math.min(...pos.map(p => p.x)) - 600, top = Math.min(...pos.map(p => p.y));
        net.moveNode('A', left, top); net.moveNode('B', left, top + 600); net.fit({animation: false}); }""")

    def hover(canvas_point, expected):
        x, y = page.evaluate("""p => { const d = geograph.network.canvasToDOM(p);
            const r = document.querySelector('#mynetwork').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y]; }""", canvas_point)
        page.mouse.move(x, y)
        page.wait_for_function("t => { const tip = document.querySelector('div.vis-tooltip');"
                               " return tip && tip.style.visibility !== 'hidden' && tip.innerText.startsWith(t); }",
                               arg=expected, timeout=5_000)
        return page.inner_text("div.vis-tooltip")

    a = page.evaluate("() => geograph.network.getPosition('A')")
    tip = hover(a, "Name <script>")
    assert tip.startswith('Name <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> (A)')
    page.mouse.move(5, 5)
    b = page.evaluate("() => geograph.network.getPosition('B')")
    tip = hover({"x": a["x"], "y": (a["y"] + b["y"]) / 2}, "Name <script>window.__xss=1</script><img src=x "
                'onerror="window.__xss=2"> – Bee')           # the middle of the straight line A–B
    assert "tension, economic; weight 0.5" in tip
    assert 'Evidence <script>window.__xss=1</script><img src=x onerror="window.__xss=2">' in " ".join(tip.split())
    assert page.evaluate("() => document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip script').length") == 0
    assert page.evaluate("() => window.__xss") is None
    assert requests == [] and errors == []
    page.close()


def test_large_page_says_why_in_a_browser_that_cannot_unpack_it(browser, large_page):
    out, _ = large_page
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script("delete window.DecompressionStream")         # as in browsers before 2023
    page.route("**/*", lambda r: r.continue_() if r.request.url == out.as_uri() else r.abort())
    page.goto(out.as_uri())
    assert page.inner_text("#mynetwork").startswith("This graph is large: its data is compressed, and this browser "
                                                    "cannot read it. Open the page in Chrome or Edge 80")
    assert errors == [] and page.get_attribute("body", "data-drawn") is None
    page.close()


def test_large_page_draws_names_only_when_zoomed_in(browser, large_page):
    out, _ = large_page
    page, requests, errors = open_offline(browser, out)
    # every text the canvas draws, at a scale where names would hide one another and zoomed in
    names = page.evaluate("""() => {
        const texts = [], fill = CanvasRenderingContext2D.prototype.fillText, net = geograph.network;
        CanvasRenderingContext2D.prototype.fillText = function (text) { texts.push(String(text));
                                                                       return fill.apply(this, arguments); };
        const drawn = {}, far = net.getPosition('L0700');
        net.moveNode('A', far.x + 5000, far.y);            // far out of view once zoomed in on Actor 700
        net.moveTo({scale: 1, animation: false}); net.redraw(); drawn.fit = texts.splice(0);
        net.moveTo({position: net.getPosition('L0700'), scale: 3, animation: false}); net.redraw();
        drawn.zoomed = texts.splice(0);
        CanvasRenderingContext2D.prototype.fillText = fill;
        return drawn; }""")
    assert names["fit"] == []
    # zoomed in: the names in view, Actor 700's among them, and not the name of an actor out of view
    assert "Actor 700" in names["zoomed"] and "Name " + PAYLOAD not in names["zoomed"]
    assert set(names["zoomed"]) <= {f"Actor {i}" for i in range(1498)} | {"Bee"}
    assert requests == [] and errors == []
    page.close()

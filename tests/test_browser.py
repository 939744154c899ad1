"""The page in a real browser: headless Chromium (Debian's package) driven by Playwright.

Every network request is blocked; the page must draw from the file alone. These tests need the
``chromium`` executable (``apt-get install chromium``; ``.ci/run`` installs it) and fail, not
skip, without it, so a broken install cannot pass unnoticed.
"""

from __future__ import annotations

import shutil

import pytest

import graph
from graph.render import write_html

from test_render import hostile_dataset

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
    snap = graph.snapshot(ds, "2025-03-01")
    out = write_html(ds, tmp_path / "caucasus.html", at="2025-03-01")
    page, requests, errors = open_offline(browser, out)
    drawn = page.evaluate("() => [geograph.network.body.nodeIndices.length, geograph.network.body.edgeIndices.length]")
    assert drawn == [len(snap.actors), len(snap.relations)]
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

"""Regenerate the README's pictures of the bundled graph, each as headless Chromium shows it.

- docs/screenshot.png: the page, coloured by camp, with Azerbaijan's side panel open;
- docs/map.png: the page drawn with ``--layout geo`` (states at their capitals);
- docs/figure.png: the static figure of ``geograph render --format svg``, the SVG as a browser draws it.

Run from the repository root:  python docs/make_screenshot.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import graph

HERE = Path(__file__).parent
AT = "2025-03-01"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        page_path = graph.write_html(graph.load(), tmp / "caucasus.html", at=AT, size_by="betweenness",
                                     color_by="faction")
        map_path = graph.write_html(graph.load(), tmp / "map.html", at=AT, color_by="faction", layout="geo")
        svg_path = graph.render_figure(graph.load(), tmp / "caucasus.svg", AT, color_by="faction")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-drawn=true]")
            page.fill("#search", "Azerbaijan")
            page.click("#focus")       # focuses the actor and opens its side panel
            page.click("#clear-focus")
            page.evaluate("() => geograph.network.fit({animation: false})")
            page.screenshot(path=str(HERE / "screenshot.png"))
            page.goto(map_path.as_uri())
            page.wait_for_selector("body[data-drawn=true]")
            page.screenshot(path=str(HERE / "map.png"))
            page.set_viewport_size({"width": 1000, "height": 700})
            page.goto(svg_path.as_uri())
            page.screenshot(path=str(HERE / "figure.png"))
            browser.close()


if __name__ == "__main__":
    main()

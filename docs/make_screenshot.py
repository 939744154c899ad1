"""Regenerate docs/screenshot.png: the bundled graph rendered by headless Chromium.

Run from the repository root:  python docs/make_screenshot.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import graph

HERE = Path(__file__).parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page_path = graph.write_html(graph.load(), Path(tmp) / "caucasus.html", at="2025-03-01",
                                     size_by="betweenness", color_by="faction")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-drawn=true]")
            page.fill("#search", "Azerbaijan")
            page.click("#focus")
            page.click("#clear-focus")
            page.evaluate("() => geograph.network.fit({animation: false})")
            page.screenshot(path=str(HERE / "screenshot.png"))
            browser.close()


if __name__ == "__main__":
    main()

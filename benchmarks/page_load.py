"""How fast the HTML page becomes interactive, for 100, 500, 2,000 and 5,000 actors.

For each size a seeded synthetic dataset (about five relations an actor, both kinds) is rendered
by geograph (the Python time is printed), then opened in headless Chromium (Debian's package,
driven by Playwright) from disk with the network blocked. The page marks its network's first
``afterDrawing`` event with ``<body data-drawn="true">``; a script installed before the page loads
notes the time of that mark (*drawn*) and of the next animation frame (*interactive*: the first
frame is painted, so the graph is on screen and the page answers the mouse), both from navigation
start and read in the page, so Playwright's polling does not add to them. Physics is off at load
(positions come from the seeded layout), so there is no settling phase. The reference in the same
run is the same page with every node and edge removed: what vis-network and the page cost before
any data. Median of ``--repeat`` runs.

    python benchmarks/page_load.py [--sizes 100 500 2000 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import graph
from graph.model import Actor, Dataset, Relation

DOMAINS = ("diplomatic", "economic", "security", "transport", "energy")


def synthetic(n: int, seed: int = 1) -> Dataset:
    rnd = random.Random(seed)
    actors = tuple(Actor(f"A{i:05d}", f"Actor {i}", "state") for i in range(n))
    relations = []
    for j in range(n * 5):
        a, b = rnd.randrange(n), rnd.randrange(n)
        if a != b:
            relations.append(Relation(f"r{j}", actors[a].id, actors[b].id, False,
                                      "alignment" if rnd.random() < 0.6 else "tension", rnd.choice(DOMAINS),
                                      round(rnd.uniform(0.1, 1.0), 2), evidence="synthetic", sources=("s",)))
    return Dataset(title=f"{n} actors", actors=actors, relations=tuple(relations))


#: Runs before the page's own scripts: notes when the page marks its first drawing, and the frame after.
_TIMER = """
new MutationObserver(function (records, observer) {
  if (document.body && document.body.getAttribute("data-drawn") === "true") {
    observer.disconnect();
    window.__drawn = performance.now();
    requestAnimationFrame(function () { window.__interactive = performance.now(); });
  }
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-drawn"] });
"""


def launch(playwright, script: str):
    """Debian's Chromium, headless, through Playwright; exits with a hint when it is missing."""
    if not shutil.which("chromium"):
        sys.exit(f"{script}: no `chromium` on PATH; install Debian's package (apt-get install chromium): "
                 "Playwright's own browser download is not used")
    return playwright.chromium.launch(executable_path=shutil.which("chromium"), args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def open_interactive(browser, path: Path):
    """A new tab showing the page at ``path``, every other request blocked, once it is interactive."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.add_init_script(_TIMER)
    page.route("**/*", lambda r: r.continue_() if r.request.url == path.as_uri() else r.abort())
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__interactive !== undefined", timeout=120_000)
    return page


def time_page(browser, path: Path) -> tuple[float, float]:
    """Seconds from navigation start to the first drawing and to the first frame after it."""
    page = open_interactive(browser, path)
    drawn, interactive = page.evaluate("() => [window.__drawn, window.__interactive]")
    page.close()
    return drawn / 1000, interactive / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp())
    empty = graph.write_html(Dataset(title="empty"), folder / "empty.html", at="2025")
    print(f"{'actors':>7} {'relations':>9} {'render s':>9} {'page MB':>8} {'drawn s':>8} {'interactive s':>13} "
          f"{'empty page s':>12}")
    with sync_playwright() as p:
        browser = launch(p, "page_load.py")
        for n in args.sizes:
            ds = synthetic(n)
            t0 = time.perf_counter()
            out = graph.write_html(ds, folder / f"g{n}.html", at="2025")
            render_s = time.perf_counter() - t0
            runs = [time_page(browser, out) for _ in range(args.repeat)]
            drawn = statistics.median(r[0] for r in runs)
            ours = statistics.median(r[1] for r in runs)
            ref = statistics.median(time_page(browser, empty)[1] for _ in range(args.repeat))
            print(f"{n:7d} {len(ds.relations):9d} {render_s:9.2f} {out.stat().st_size / 1e6:8.1f} {drawn:8.2f} "
                  f"{ours:13.2f} {ref:12.2f}")
        browser.close()
    print("target (issue #5): 2,000 actors interactive within 2 s")


if __name__ == "__main__":
    main()

"""How fast the HTML page becomes interactive, for 100, 500, 2,000 and 5,000 actors.

For each size a seeded synthetic dataset (about five relations an actor, both kinds) is rendered
by geograph (the Python time is printed), then opened in headless Chromium (Debian's package,
driven by Playwright) from disk with the network blocked; the figure is the time from navigation
start to the network's first ``afterDrawing`` event, when the graph is on screen and answers the
mouse. Physics is off at load (positions come from the seeded layout), so there is no settling
phase. The reference in the same run is the same page with every node and edge removed: what
vis-network and the page cost before any data. Median of ``--repeat`` runs.

    python benchmarks/page_load.py [--sizes 100 500 2000 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
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


def time_page(browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url == path.as_uri() else r.abort())
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-drawn=true]", timeout=120_000)
    ms = page.evaluate("() => performance.now()")
    page.close()
    return ms / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp())
    empty = graph.write_html(Dataset(title="empty"), folder / "empty.html", at="2025")
    print(f"{'actors':>7} {'relations':>9} {'render s':>9} {'page MB':>8} {'interactive s':>13} {'empty page s':>12}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for n in args.sizes:
            ds = synthetic(n)
            t0 = time.perf_counter()
            out = graph.write_html(ds, folder / f"g{n}.html", at="2025")
            render_s = time.perf_counter() - t0
            ours = statistics.median(time_page(browser, out) for _ in range(args.repeat))
            ref = statistics.median(time_page(browser, empty) for _ in range(args.repeat))
            print(f"{n:7d} {len(ds.relations):9d} {render_s:9.2f} {out.stat().st_size / 1e6:8.1f} {ours:13.2f} "
                  f"{ref:12.2f}")
        browser.close()
    print("target (issue #5): 2,000 actors interactive within 2 s")


if __name__ == "__main__":
    main()

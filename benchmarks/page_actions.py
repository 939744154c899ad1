"""How fast the page answers what an analyst does in it: focus, clear focus, filter, for 100 to 5,000 actors.

The pages are those of ``page_load.py`` (the same seeded datasets, rendered by geograph), opened
from disk in headless Chromium (Debian's package, driven by Playwright) with the network blocked.
Once a page is interactive, each action runs in the page as a user's would (the search box and
Enter, the *Clear* button, a filter's checkbox and its ``change`` event) and is timed in the page
from just before the action to the second animation frame after it: the page draws the graph
once, at the end of the action, and the second frame starts once that drawing is on screen. The reference in the same run is
the same sequence on the 100-actor page. Median of ``--repeat`` rounds of every action.

    python benchmarks/page_actions.py [--sizes 100 500 2000 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import graph  # noqa: E402
from page_load import launch, open_interactive, synthetic  # noqa: E402

#: The actions, as scripts run in the page; each leaves the page as it found it for the next round
#: but for the focus, which the clear that follows undoes.
ACTIONS = {
    "focus an actor (depth 1)": """() => { const s = document.getElementById("search"); s.value = "A00001";
        s.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter"})); }""",
    "clear the focus": """() => document.getElementById("clear-focus").click()""",
    "hide tension (filter)": """() => { const b = document.querySelector('input[data-filter="kind"][value="tension"]');
        b.checked = false; b.dispatchEvent(new Event("change")); }""",
    "show tension again": """() => { const b = document.querySelector('input[data-filter="kind"][value="tension"]');
        b.checked = true; b.dispatchEvent(new Event("change")); }""",
}

#: Runs an action and resolves with the milliseconds until the second animation frame after it.
_TIMED = """(action) => new Promise((done) => {
  const t0 = performance.now();
  (eval(action))();
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
})"""


def time_actions(browser, path: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each action of :data:`ACTIONS` on the page at ``path``."""
    page = open_interactive(browser, path)
    times: dict[str, list[float]] = {name: [] for name in ACTIONS}
    for _ in range(repeat):
        for name, action in ACTIONS.items():
            times[name].append(page.evaluate(_TIMED, action) / 1000)
    if page.evaluate("() => document.body.getAttribute('data-focus')") is not None:
        sys.exit("page_actions.py: the focus was not cleared; the actions no longer match the page")
    page.close()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp())
    sizes = sorted(set(args.sizes) | {100})
    print(f"{'actors':>7} {'relations':>9}  " + "  ".join(f"{name:>26}" for name in ACTIONS) + "   (seconds)")
    with sync_playwright() as p:
        browser = launch(p, "page_actions.py")
        reference = None
        for n in sizes:
            ds = synthetic(n)
            out = graph.write_html(ds, folder / f"g{n}.html", at="2025")
            figures = time_actions(browser, out, args.repeat)
            reference = reference or figures
            print(f"{n:7d} {len(ds.relations):9d}  "
                  + "  ".join(f"{figures[name]:9.3f} ({figures[name] / reference[name]:5.1f}x 100)"
                              for name in ACTIONS))
        browser.close()


if __name__ == "__main__":
    main()

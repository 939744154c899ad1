"""Every stage of geograph timed against a reference measured in the same run, on 100 to 10,000 actors.

Stages: start-up, load + validate, network build, centrality report, balance, render, export, and the
exact frustration index on the Correlates of War windows. Each figure is the median of several runs
(one run when a run takes more than 10 s) with the peak memory the call added (resident set, from
``/proc/self/status`` after resetting its high-water mark), and a ratio against a reference:

* start-up: ``geograph --help`` against ``python -c "import click"``, both the installed commands;
* load, build, report, render, export: the same work written by hand with pandas and NetworkX
  (``benchmarks/handwritten.py``: what a user would script), and with python-igraph for the
  report (what a user would pick for speed); for loading also the floor, libyaml parsing alone;
* frustration: the figures recorded before (benchmarks/README.md, issue on balance).

The synthetic datasets come from ``benchmarks/generate.py`` (seeded; about ten relations per
actor), written once under ``--data`` and reused.

    python benchmarks/run.py                          # bundled data, 100 and 1,000 actors (~3 min)
    python benchmarks/run.py --sizes 5000 10000       # the big sizes (~15 min with igraph)
    python benchmarks/run.py --networkx-max 5000      # also the pure-Python paths at 5,000 (long)
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import handwritten  # noqa: E402

AT = generate.AT
#: Seconds recorded for the exact frustration index of all 51 COW windows before this issue
#: (benchmarks/README.md, frustration_cow.py).
COW_PREVIOUS_S = 17.9


# ----------------------------------------------------------------------------------------------
# measuring


def _status(key: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(key):
                return int(line.split()[1])
    return 0


def _reset_peak() -> int:
    """Reset the resident high-water mark (Linux); return the current resident set in KiB."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass
    return _status("VmRSS:")


class Figure:
    """Median seconds and peak added memory (MiB) of one measured call."""

    def __init__(self, seconds: list[float], peak_kib: int, value: Any = None):
        self.seconds, self.peak, self.value = seconds, peak_kib / 1024, value

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure(call: Callable[[], Any], runs: int, long: float = 10.0) -> Figure:
    """Run once (warm-up, kept when it took more than ``long`` seconds), then ``runs`` times."""
    gc.collect()
    before = _reset_peak()
    t0 = time.perf_counter()
    value = call()
    first = time.perf_counter() - t0
    peak = _status("VmHWM:") - before
    if first > long or runs <= 0:
        return Figure([first], peak, value)
    times = []
    for _ in range(runs):
        # free the previous run's result first: its deallocation is not this run's work
        value = None
        gc.collect()
        before = _reset_peak()
        t0 = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - t0)
        peak = max(peak, _status("VmHWM:") - before)
    return Figure(times, peak, value)


_TIME = shutil.which("time", path="/usr/bin:/bin")


def measure_process(argv: list[str], runs: int) -> Figure:
    """Median wall time and peak resident set of a command (its whole process).

    The peak comes from GNU time when it is there (``%M``): a child forked from this process
    would report this process's size as its own peak.
    """
    times, peak = [], 0
    with tempfile.NamedTemporaryFile("r") as report:
        wrapped = [_TIME, "-f", "%M", "-o", report.name, *argv] if _TIME else argv
        for _ in range(runs):
            t0 = time.perf_counter()
            done = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            times.append(time.perf_counter() - t0)
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(argv)} failed with exit code {done.returncode}")
            if _TIME:
                report.seek(0)
                lines = report.read().split()
                peak = max(peak, int(lines[-1]) if lines else 0)
    return Figure(times, peak)


def _interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, Figure]:
    """Run commands in turn, ``runs`` rounds, so drifts of the machine hit all alike."""
    out: dict[str, list[Figure]] = {name: [] for name in commands}
    for name, argv in commands.items():    # warm the file cache
        measure_process(argv, 1)
    for _ in range(runs):
        for name, argv in commands.items():
            out[name].append(measure_process(argv, 1))
    return {name: Figure([f.seconds[0] for f in figs], max(int(f.peak * 1024) for f in figs))
            for name, figs in out.items()}


# ----------------------------------------------------------------------------------------------
# printing

ROWS: list[tuple[str, ...]] = []


def row(stage: str, size: str, ours: Figure | None, what: str, ref: Figure | None, note: str = "") -> None:
    """Print one line: our figure, the reference's, and the ratio (ours / reference)."""
    o = f"{ours.median:9.3f} s {ours.peak:7.1f} MB" if ours else f"{'-':>9}   {'':>7}   "
    r = f"{ref.median:9.3f} s {ref.peak:7.1f} MB" if ref else f"{'-':>9}   {'':>7}   "
    ratio = f"{ours.median / ref.median:6.2f}" if ours and ref and ref.median > 0 else f"{'-':>6}"
    print(f"{stage:<22} {size:>7} | {o} | {what:<26} {r} | {ratio} {note}", flush=True)
    ROWS.append((stage, size, f"{ours.median:.3f}" if ours else "-", what, f"{ref.median:.3f}" if ref else "-",
                 ratio.strip(), note))


def header(title: str) -> None:
    print(f"\n{title}\n{'stage':<22} {'size':>7} | {'geograph':>9}   {'peak':>7}    | {'reference':<26} "
          f"{'time':>9}   {'peak':>7}    | {'ratio':>6}", flush=True)


# ----------------------------------------------------------------------------------------------
# stages


def startup(runs: int) -> None:
    bindir = Path(sys.executable).parent
    command = shutil.which("geograph", path=str(bindir)) or shutil.which("geograph")
    if command is None:
        print("start-up: no installed 'geograph' command (pip install -e .); skipped")
        return
    figs = _interleaved({"geograph": [command, "--help"], "click": [sys.executable, "-c", "import click"],
                         "python": [sys.executable, "-c", "pass"]}, runs)
    row("start-up --help", "-", figs["geograph"], "python -c 'import click'", figs["click"],
        f"(bare python {figs['python'].median:.3f} s; target <= 2)")


def bundled(runs: int) -> None:
    import graph

    day = "2025-03-01"
    script = [sys.executable, str(HERE / "handwritten.py"), "--at", day]
    bindir = Path(sys.executable).parent
    command = shutil.which("geograph", path=str(bindir)) or shutil.which("geograph")
    if command:
        figs = _interleaved({"geograph": [command, "centrality", "--at", day, "--format", "csv"],
                             "script": script}, runs)
        row("report, end to end", "bundled", figs["geograph"], "hand-written nx script", figs["script"],
            "(processes; target <= 1.1)")
    ours = measure(lambda: graph.centrality(graph.load(), at=day), runs)
    ref = measure(lambda: handwritten.report_networkx(*handwritten.read_dataset(graph.loading.bundled_path()), day),
                  runs)
    row("load + report", "bundled", ours, "hand-written nx, in process", ref, "(warm)")


def _agreement(ours, ref) -> str:
    import numpy as np

    worst = max(float(np.max(np.abs(ours[c].to_numpy(float) - ref[c].to_numpy(float))))
                for c in handwritten.COLUMNS if c != "pagerank")
    return f"agrees to {worst:.0e}"


def sizes(n: int, args: argparse.Namespace) -> None:
    import graph
    from graph.analysis._engines import has_igraph
    from graph.network import layers, snapshot

    folder, csv_path = generate.ensure(n, args.data)
    runs = args.runs
    size = f"{n:,}"
    # load + validate
    ds = None
    if "load" in args.stages:
        # the CSV first, while no other dataset is alive: a collection landing in the load would
        # otherwise walk the YAML dataset's millions of objects, which are no part of reading the CSV
        ours_csv = measure(lambda: graph.load(csv_path), runs)
        ours_csv.value = None
        ref_csv = measure(lambda: handwritten.read_dataset(csv_path), runs)
        ours = measure(lambda: graph.load(folder), runs)
        ds = ours.value
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        files = sorted(folder.glob("*.yaml"))
        floor = measure(lambda: [yaml.load(f.read_text(encoding="utf-8"), Loader=loader) for f in files], runs)
        ref = measure(lambda: handwritten.read_dataset(folder), runs)
        rels = len(ds.relations)
        row("load + validate YAML", size, ours, "yaml C load + DataFrame", ref, f"({rels:,} relations)")
        row("", "", ours, "floor: libyaml parse only", floor, "(target <= 3 s at 5,000)" if n == 5000 else "")
        row("load + validate CSV", size, ours_csv, "pandas.read_csv", ref_csv)
    if ds is None:
        ds = graph.load(folder)       # the CSV names only actors with a relation: the YAML has them all
    actors, relations = handwritten.read_dataset(folder)
    # network build
    if "build" in args.stages:
        ours = measure(lambda: layers(snapshot(ds, AT)), runs)

        def by_hand():
            import networkx as nx

            live = handwritten._in_force(relations, AT)
            pairs = handwritten._combine(live, ["a", "b", "kind"])
            out = {}
            for kind in ("alignment", "tension"):
                part = pairs[pairs["kind"] == kind]
                g = nx.Graph()
                g.add_nodes_from(actors["id"])
                g.add_edges_from((a, b, {"weight": w, "distance": 1 / w})
                                 for a, b, w in zip(part["a"], part["b"], part["w"]))
                out[kind] = g
            signed = pairs.assign(v=pairs["w"].where(pairs["kind"] == "alignment", -pairs["w"]))
            net = signed.groupby(["a", "b"])["v"].sum().reset_index()
            g = nx.Graph()
            g.add_nodes_from(actors["id"])
            g.add_edges_from((a, b, {"weight": abs(v), "sign": 1 if v > 0 else -1})
                             for a, b, v in zip(net["a"], net["b"], net["v"]) if v != 0)
            out["signed"] = g
            return out

        row("network build", size, ours, "pandas + nx.Graph by hand", measure(by_hand, runs))
    # the centrality report
    if "report" in args.stages:
        exact = True if args.exact else None
        auto = measure(lambda: graph.centrality(ds, at=AT, exact=exact), runs)
        engine, mode = auto.value.attrs["engine"], auto.value.attrs["betweenness"]
        note = f"(engine {engine}, betweenness {mode})"
        if has_igraph():
            ig = measure(lambda: handwritten.report_igraph(actors, relations, AT), runs)
            row("centrality report", size, auto, "igraph + scipy by hand", ig,
                note + f" {_agreement(auto.value, ig.value)}; target <= 1.5")
        if n <= args.networkx_max:
            pure = measure(lambda: graph.centrality(ds, at=AT, engine="networkx", exact=exact), runs)
            nx_ref = measure(lambda: handwritten.report_networkx(actors, relations, AT), runs)
            row("", "", auto, "networkx + scipy by hand", nx_ref, note)
            row("  engine=networkx", "", pure, "networkx + scipy by hand", nx_ref,
                f"(betweenness {pure.value.attrs['betweenness']}) {_agreement(pure.value, nx_ref.value)}")
            if has_igraph():
                import numpy as np

                same = max(float(np.max(np.abs(pure.value[c].to_numpy(float) - auto.value[c].to_numpy(float))))
                           for c in handwritten.COLUMNS)
                print(f"{'':<31}engines agree to {same:.0e}")
        if mode == "estimated":
            exact_run = measure(lambda: graph.centrality(ds, at=AT, exact=True), 0) if args.exact_check else None
            if exact_run is not None:
                import numpy as np

                err = float(np.max(np.abs(exact_run.value["betweenness"] - auto.value["betweenness"])))
                row("  exact betweenness", "", exact_run, "igraph + scipy by hand", ig if has_igraph() else None,
                    f"(estimate's max error {err:.1e}, bound {auto.value.attrs['betweenness_error_bound']:.3f})")
    # balance
    if "balance" in args.stages and n <= args.balance_max:
        from graph.analysis.balance import balance

        b = measure(lambda: balance(ds, at=AT, method="heuristic"), min(runs, 3))
        row("balance (heuristic)", size, b, "-", None, f"(L = {b.value.frustration_index:g})")
    # render
    if "render" in args.stages:
        from graph.render import render_html

        ours = measure(lambda: render_html(ds, at=AT), runs)

        def pyvis_page() -> str:
            from pyvis.network import Network

            live = handwritten._in_force(relations, AT)
            net = Network(height="780px", directed=False)
            for a, name in zip(actors["id"], actors["name"]):
                net.add_node(a, label=name, title=name)
            for s, t, k, w in zip(live["source"], live["target"], live["kind"], live["weight"]):
                net.add_edge(s, t, color="green" if k == "alignment" else "red", width=1 + 4 * w,
                             dashes=k == "tension")
            return net.generate_html()

        if n <= args.pyvis_max:
            row("render HTML", size, ours, "pyvis by hand (no metrics)", measure(pyvis_page, runs),
                "(ours also computes the report for sizes and tooltips)")
        else:
            row("render HTML", size, ours, "-", None, f"(pyvis skipped above {args.pyvis_max:,}: quadratic)")
    # export
    if "export" in args.stages:
        from graph.export import to_gexf

        def nx_gexf() -> bytes:
            import io

            import networkx as nx

            g = nx.MultiGraph()
            for a, name, kind in zip(actors["id"], actors["name"], actors["kind"]):
                g.add_node(a, label=name, kind=kind)
            for i, (s, t, k, w) in enumerate(zip(relations["source"], relations["target"], relations["kind"],
                                                 relations["weight"])):
                g.add_edge(s, t, key=i, kind=k, weight=w)
            out = io.BytesIO()
            nx.write_gexf(g, out)
            return out.getvalue()

        row("export GEXF", size, measure(lambda: to_gexf(ds), runs), "nx.write_gexf by hand", measure(nx_gexf, runs))


def cow(runs: int) -> None:
    from frustration_cow import windows

    from graph.analysis.balance import frustration

    data = windows()

    def solve_all() -> int:
        return sum(frustration(ds, time_limit=600).optimal for ds in data.values())

    fig = measure(solve_all, 0)
    previous = Figure([COW_PREVIOUS_S], 0)
    row("frustration, 51 COW", "64-155", fig, "previous figure (README)", previous,
        f"({fig.value} of {len(data)} proven optimal)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000],
                        help="actors of the synthetic datasets (default: 100 1000; the issue's: 100 1000 5000 10000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure after a warm-up (median)")
    parser.add_argument("--startup-runs", type=int, default=15)
    parser.add_argument("--stages", nargs="*", default=["startup", "bundled", "load", "build", "report", "balance",
                                                        "render", "export", "cow"])
    parser.add_argument("--networkx-max", type=int, default=1000,
                        help="largest size for the pure-Python engine and the networkx reference (slow above)")
    parser.add_argument("--balance-max", type=int, default=1000)
    parser.add_argument("--pyvis-max", type=int, default=5000)
    parser.add_argument("--exact", action="store_true", help="exact betweenness at every size")
    parser.add_argument("--exact-check", action="store_true",
                        help="where betweenness is estimated, also time the exact one and print the error")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "geograph-bench",
                        help="where the synthetic datasets are written once and reused")
    args = parser.parse_args()
    describe()
    header("Figures: median of the runs, peak memory added by the call; ratio = geograph / reference "
           "(lower is better)")
    if "startup" in args.stages:
        startup(args.startup_runs)
    if "bundled" in args.stages:
        bundled(max(args.runs, 10))
    for n in args.sizes:
        try:
            sizes(n, args)
        except Exception as exc:      # a stage broken by work in progress elsewhere: say so, go on
            print(f"{n:,} actors: stopped by {type(exc).__name__}: {exc}", flush=True)
    if "cow" in args.stages:
        cow(args.runs)


def describe() -> None:
    """The machine and the versions, for the README table."""
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "absent"

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as handle:
            mem = int(next(line for line in handle if line.startswith("MemTotal")).split()[1]) // (1024 * 1024)
    except (OSError, StopIteration):
        pass
    import yaml

    print(f"machine: {cpu}, {os.cpu_count()} cores, {mem} GB; {platform.python_implementation()} "
          f"{platform.python_version()}; networkx {v('networkx')}, igraph {v('igraph')}, pandas {v('pandas')}, "
          f"scipy {v('scipy')}, numpy {v('numpy')}, PyYAML {v('pyyaml')} (libyaml: "
          f"{'yes' if getattr(yaml, '__with_libyaml__', False) else 'no'}), pyvis {v('pyvis')}")


if __name__ == "__main__":
    main()

"""How long the camp-computing commands take on a 60-actor tension clique, and walk balance's memory at 100,000 rows.

Issue #18: on a clique of 60 actors whose 1,770 pairs are all in tension, ``balance`` took 122 s,
``explain`` 62 s, ``render --color-by faction`` 62 s, ``diff`` 244 s and ``timeline`` over six years
more than 300 s, each waiting out the exact solver's 60 s limit; and ``balance`` on a 100,000-row
edge list allocated a dense 100,001 x 100,001 matrix for walk balance. This script times each
command in this process (click's CliRunner, after a warm-up), on the clique and on a reference of
the same size (60 actors, 1,770 ties, signs at random: a shape the exact solver cannot prove
quickly, so it shows the budget's hand-over), and prints the optimum found and its status. Then, in
child processes (peak memory is per process), walk balance and the whole ``balance`` on 100,000
random signed ties among 20,000 actors, against dense walk balance at the size limit (2,000 actors).

    python benchmarks/clique_balance.py [--actors 60] [--rows 100000] [--skip-large]

The ``balance`` command is run as a user types it: with the CLI's own ``--time-limit`` default.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cli import main  # noqa: E402


def write_edges(path: Path, rows) -> Path:
    with path.open("w") as out:
        out.write("source,target,weight,since\n")
        for a, b, w in rows:
            out.write(f"{a},{b},{w},2019\n")
    return path


def clique_rows(n: int):
    return [(f"A{i}", f"A{j}", -1) for i, j in itertools.combinations(range(n), 2)]


def random_rows(n: int, seed: int = 0):
    rng = random.Random(seed)
    return [(f"A{i}", f"A{j}", rng.choice((-1, 1))) for i, j in itertools.combinations(range(n), 2)]


def run(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = CliRunner().invoke(main, args)
    elapsed = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"{' '.join(args)}: exit {result.exit_code}\n{result.output}")
    return elapsed, result.output


def commands(path: Path, out: Path) -> list[tuple[str, list[str]]]:
    p = str(path)
    return [
        ("balance", ["balance", p, "--format", "json"]),
        ("explain A0 A1", ["explain", p, "A0", "A1"]),
        ("render --color-by faction", ["render", p, "--color-by", "faction", "-o", str(out / "page.html")]),
        ("diff --from 2020 --to 2025", ["diff", p, "--from", "2020", "--to", "2025"]),
        ("timeline 2020..2025 (6 years)", ["timeline", p, "--from", "2020", "--to", "2025"]),
    ]


CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import graph
from graph.analysis.cycles import walk_balance_estimate
from graph.analysis.balance import balance
ds = graph.load({path!r})
start = time.perf_counter()
if {what!r} == "walk":
    w = walk_balance_estimate(ds)
    out = {{"value": w.value, "method": w.method, "error": w.error}}
else:
    r = balance(ds).to_dict()
    out = {{k: r[k] for k in ("walk_balance", "walk_balance_method", "walk_balance_error", "status", "frustration_index",
                              "lower_bound")}}
out["seconds"] = time.perf_counter() - start
out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def child(path: Path, what: str) -> dict:
    code = CHILD.format(root=str(ROOT), path=str(path), what=what)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def large_rows(rows: int, actors: int, seed: int = 0):
    rng = random.Random(seed)
    seen: set[tuple[int, int]] = set()
    while len(seen) < rows:
        a, b = rng.randrange(actors), rng.randrange(actors)
        if a != b:
            seen.add((min(a, b), max(a, b)))
    return [(f"N{a}", f"N{b}", rng.choice((-1, 1)) * rng.randint(1, 5)) for a, b in sorted(seen)]


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=60)
    parser.add_argument("--rows", type=int, default=100_000, help="ties of the large edge list")
    parser.add_argument("--skip-large", action="store_true", help="only the clique timings")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, {platform.machine()}; the machine may be shared: timings are upper bounds")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shapes = {"tension clique": write_edges(tmp / "clique.csv", clique_rows(args.actors)),
                  "random signs (reference)": write_edges(tmp / "random.csv", random_rows(args.actors))}
        run(["balance", str(write_edges(tmp / "warm.csv", clique_rows(6)))])  # warm-up: imports, first solver call
        n = args.actors
        print(f"\n{n} actors, {n * (n - 1) // 2} ties; known optimum of the clique: two camps of {n // 2} "
              f"and {n - n // 2}, L = {(n // 2) * (n // 2 - 1) // 2 + (n - n // 2) * (n - n // 2 - 1) // 2}")
        print(f"{'command':32} " + " ".join(f"{name:>26}" for name in shapes))
        results: dict[str, dict[str, float]] = {}
        reports: dict[str, dict] = {}
        for name, path in shapes.items():
            for label, argv in commands(path, tmp):
                seconds, output = run(argv)
                results.setdefault(label, {})[name] = seconds
                if label == "balance":
                    reports[name] = json.loads(output)
        for label, by_shape in results.items():
            print(f"{label:32} " + " ".join(f"{by_shape[name]:>25.2f}s" for name in shapes))
        for name, data in reports.items():
            print(f"  {name}: L = {data['frustration_index']}, status {data['status']}"
                  f" (proof: {data['proof']}), lower bound {data['lower_bound']:g}, time limit {data['time_limit']:g} s")
        # the library's own default budget, which the CLI passes on once its --time-limit defaults to None
        import graph
        from graph.analysis.balance import DEFAULT_TIME_LIMIT, balance

        for name, path in shapes.items():
            ds = graph.load(path)
            start = time.perf_counter()
            data = balance(ds).to_dict()
            print(f"  library balance(), default {DEFAULT_TIME_LIMIT:g} s budget, {name}: "
                  f"{time.perf_counter() - start:.2f} s, L = {data['frustration_index']}, {data['status']}")
        if args.skip_large:
            return
        big = write_edges(tmp / "big.csv", large_rows(args.rows, 20_000))
        limit = write_edges(tmp / "limit.csv", large_rows(8_000, 2_000, seed=1))
        print(f"\nwalk balance, peak memory of a child process (resource.getrusage max RSS, load included)")
        for label, path, what in ((f"{args.rows:,} ties among 20,000 actors: walk balance", big, "walk"),
                                  ("reference: 8,000 ties among 2,000 actors (dense, the limit)", limit, "walk"),
                                  (f"{args.rows:,} ties: the whole balance()", big, "balance")):
            r = child(path, what)
            detail = (f"{r['method']} {r['value']:.4f} ± {r['error']:.4f}" if what == "walk" else
                      f"walk {r['walk_balance_method']} {r['walk_balance']:.4f}, L {r['frustration_index']} "
                      f"({r['status']}, bound {r['lower_bound']:g})")
            print(f"  {label:62} {r['seconds']:7.1f} s  {r['max_rss_mb']:7.0f} MB  {detail}")


if __name__ == "__main__":
    main_()

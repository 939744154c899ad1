"""Structural balance at scale: planted two-camp graphs of 1,000 to 100,000 actors.

Each graph has two camps drawn at random, ten ties per actor (``10 n`` ties, each counted once,
as in benchmarks/generate.py), alignment inside a camp and tension across, with 10 % of the ties
the other way round. The planted split contradicts exactly those, so the optimum is at most the
planted figure, and a heuristic that finds within 1 % of it has found the camps.

For each size, in a fresh process (so peak memory is the run's own): building the network from
the dataset, then `graph.frustration_index` with ``method="heuristic"`` (the split, its frustration
and lower bound), then the whole `graph.balance` report with the defaults (``method="auto"``, 1 s
budget: both figures, the count of optima, triangles and walk balance). Then the graph of issue
#20 — 2,000 actors, 8,000 ties, 10 % contrary — with ``method="exact"`` and a 60 s limit: the run
must stop near its limit with a split no worse than the heuristic's. The exact solver on the 51
Correlates of War windows is benchmarks/frustration_cow.py.

    python benchmarks/balance_scale.py                       # 1,000, 10,000 and 100,000 actors (~3 min)
    python benchmarks/balance_scale.py --sizes 1000 10000 --exact-limit 10

Targets (issue #20, 2 cores): 10,000 actors split in 5 s or less within 1 % of the planted figure;
100,000 actors in 60 s or less; the exact run inside its limit (a few seconds' grace) and no worse
than the heuristic.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np

SIZES = (1_000, 10_000, 100_000)
TIES_PER_ACTOR = 10
CONTRARY = 0.1
TARGETS = {10_000: 5.0, 100_000: 60.0}
WITHIN = 0.01


def planted(n: int, ties: int, contrary: float = CONTRARY, seed: int = 0):
    """A seeded planted two-camp dataset of ``n`` actors and ``ties`` distinct ties, and how many of
    them contradict the planted split.

    Examples
    --------
    >>> ds, against = planted(100, 400)
    >>> len(ds.actors), len(ds.relations), 0 < against < 80
    (100, 400, True)
    """
    from graph.model import Actor, Dataset, Relation

    rng = np.random.default_rng(seed)
    camp = rng.integers(2, size=n)
    u, v = rng.integers(n, size=(2, 2 * ties + 100))
    keep = u != v
    lo, hi = np.minimum(u, v)[keep], np.maximum(u, v)[keep]
    _, first = np.unique(lo.astype(np.int64) * n + hi, return_index=True)
    first = np.sort(first)[:ties]          # the first draw of each pair, in the order drawn
    lo, hi = lo[first], hi[first]
    flip = rng.random(len(lo)) < contrary
    aligned = (camp[lo] == camp[hi]) != flip
    width = len(str(n - 1))
    ids = [f"a{i:0{width}d}" for i in range(n)]
    relations = tuple(Relation(f"r{k}", ids[a], ids[b], False, "alignment" if ok else "tension", "general", 1.0)
                      for k, (a, b, ok) in enumerate(zip(lo.tolist(), hi.tolist(), aligned.tolist())))
    return Dataset(title=f"planted, {n} actors", actors=tuple(Actor(x, x, "state") for x in ids),
                   relations=relations), int(flip.sum())


def child(task: str, n: int, ties: int, limit: float) -> dict:
    import resource

    from graph.analysis.balance import balance, frustration_index
    from graph.network import network

    ds, against = planted(n, ties)
    start = time.perf_counter()
    net = network(ds)
    built = time.perf_counter() - start
    out = {"actors": n, "ties": ties, "planted": against, "network_s": built}
    if task == "scale":
        start = time.perf_counter()
        split = frustration_index(net, method="heuristic")
        out.update(split_s=time.perf_counter() - start, found=split.frustration, bound=split.lower_bound)
        start = time.perf_counter()
        report = balance(net)
        out.update(report_s=time.perf_counter() - start, report_found=report.frustration_index,
                   solver=report.split.solver)
    else:
        fast = frustration_index(net, method="heuristic")
        start = time.perf_counter()
        split = frustration_index(net, method="exact", time_limit=limit)
        out.update(exact_s=time.perf_counter() - start, found=split.frustration, bound=split.lower_bound,
                   heuristic=fast.frustration, status=split.status)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run(task: str, n: int, ties: int, limit: float = 0.0) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", task, str(n), str(ties), str(limit)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="actors of the planted graphs")
    parser.add_argument("--exact-limit", type=float, default=60.0, help="seconds for the exact run on 2,000 actors")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task, n, ties, limit = args.child
        print(json.dumps(child(task, int(n), int(ties), float(limit))))
        return
    print(f"{os.cpu_count()} cores, Python {platform.python_version()}; planted two camps, "
          f"{TIES_PER_ACTOR} ties per actor, {CONTRARY:.0%} contrary")
    print(f"{'actors':>8} {'ties':>9} {'network s':>9} {'split s':>8} {'found':>8} {'planted':>8} {'vs planted':>10} "
          f"{'bound':>8} {'report s':>8} {'peak MB':>8}  target")
    failed = False
    for n in args.sizes:
        f = run("scale", n, TIES_PER_ACTOR * n)
        excess = f["found"] / f["planted"] - 1
        target = TARGETS.get(n)
        met = (target is None or f["split_s"] <= target) and (n != 10_000 or excess <= WITHIN)
        failed |= not met
        goal = f"<= {target:g} s" + (f", within {WITHIN:.0%}" if n == 10_000 else "") if target else ""
        print(f"{n:>8,} {f['ties']:>9,} {f['network_s']:>9.2f} {f['split_s']:>8.2f} {f['found']:>8,.0f} "
              f"{f['planted']:>8,} {excess:>+10.2%} {f['bound']:>8,.0f} {f['report_s']:>8.2f} {f['peak_mb']:>8.0f}  "
              f"{goal + (': met' if met else ': NOT met') if goal else ''}")
    e = run("exact", 2_000, 8_000, args.exact_limit)
    inside = e["exact_s"] <= args.exact_limit + 5
    no_worse = e["found"] <= e["heuristic"]
    failed |= not (inside and no_worse)
    print(f"exact, 2,000 actors / 8,000 ties, --time-limit {args.exact_limit:g}: {e['exact_s']:.1f} s, status "
          f"{e['status']}, frustration {e['found']:,.0f} (heuristic {e['heuristic']:,.0f}, planted {e['planted']:,}), "
          f"bound {e['bound']:,.0f}, peak {e['peak_mb']:.0f} MB: "
          f"{'met' if inside and no_worse else 'NOT met'} (inside the limit + 5 s, no worse than the heuristic)")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()

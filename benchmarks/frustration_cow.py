"""Exact frustration index of all 51 Correlates of War windows, against a straightforward MILP.

Data: Correlates of War signed international networks (alliances +, militarized disputes −) in 51
overlapping 4-year windows, 1946–49 … 1996–99, as used by Doreian & Mrvar (2015) and shipped as R
signnet's ``cowList`` (benchmarks/data/, copied from the project's reference data).

For each window it prints actors, ties, the frustration index, whether optimality was proven, and
the time. The reference is the textbook formulation (one binary per actor and per tie, no
decomposition, no symmetry breaking) solved by the same HiGHS in the same process, on every
``--reference-every``-th window (all of them with 1; it takes about 100 s here).

    python benchmarks/frustration_cow.py [--reference-every N]
"""

from __future__ import annotations

import argparse
import csv
import platform
import time
from pathlib import Path

import numpy as np

from graph.analysis.balance import frustration, signed_ties
from graph.model import Actor, Dataset, Relation

DATA = Path(__file__).parent / "data" / "cow_doreian_mrvar_1946_1999_all_windows.csv"


def windows() -> dict[str, Dataset]:
    rows: dict[str, list[dict[str, str]]] = {}
    with DATA.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(row["window"], []).append(row)
    out = {}
    for window, items in rows.items():
        ids = sorted({r["source"] for r in items} | {r["target"] for r in items})
        relations = tuple(
            Relation(f"r{i}", r["source"], r["target"], False, "alignment" if int(r["sign"]) > 0 else "tension",
                     "general", 1.0)
            for i, r in enumerate(items))
        out[window] = Dataset(actors=tuple(Actor(x, x, "state") for x in ids), relations=relations)
    return out


def reference_milp(ds: Dataset) -> float:
    """One binary per actor and per tie; frustrated-tie indicators bounded below by four inequalities."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    ties = signed_ties(ds)
    nodes = sorted({t.source for t in ties} | {t.target for t in ties})
    idx = {n: i for i, n in enumerate(nodes)}
    n, m = len(nodes), len(ties)
    rows, cols, vals, lb = [], [], [], []
    for e, t in enumerate(ties):
        i, j, f = idx[t.source], idx[t.target], n + e
        if t.sign > 0:   # f >= x_i - x_j and f >= x_j - x_i
            pairs = [((f, 1), (i, -1), (j, 1), 0), ((f, 1), (j, -1), (i, 1), 0)]
        else:            # f >= x_i + x_j - 1 and f >= 1 - x_i - x_j
            pairs = [((f, 1), (i, -1), (j, -1), -1), ((f, 1), (i, 1), (j, 1), 1)]
        for *terms, low in pairs:
            r = len(lb)
            for c, v in terms:
                rows.append(r)
                cols.append(c)
                vals.append(v)
            lb.append(low)
    a = coo_array((vals, (rows, cols)), shape=(len(lb), n + m)).tocsr()
    res = milp(np.r_[np.zeros(n), np.ones(m)], constraints=LinearConstraint(a, lb, np.inf),
               integrality=np.ones(n + m), bounds=Bounds(0, 1), options={"disp": False, "mip_rel_gap": 0})
    return float(round(res.fun))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-every", type=int, default=5, help="time the reference on every Nth window")
    args = parser.parse_args()
    data = windows()
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}")
    print(f"{'window':>7} {'actors':>6} {'ties':>5} {'L':>4} {'proven':>6} {'geograph s':>10} {'reference s':>11}")
    total = ref_total = ours_on_ref = 0.0
    proven = 0
    for k, (window, ds) in enumerate(sorted(data.items())):
        t0 = time.perf_counter()
        split = frustration(ds, time_limit=600)
        took = time.perf_counter() - t0
        total += took
        proven += split.optimal
        ref = ""
        if k % args.reference_every == 0:
            t0 = time.perf_counter()
            ref_value = reference_milp(ds)
            ref_took = time.perf_counter() - t0
            assert ref_value == split.frustration, (window, ref_value, split.frustration)
            ref_total += ref_took
            ours_on_ref += took
            ref = f"{ref_took:11.2f}"
        print(f"{window:>7} {len(ds.actors):6d} {len(signed_ties(ds)):5d} {split.frustration:4.0f} "
              f"{'yes' if split.optimal else 'NO':>6} {took:10.2f} {ref}")
    print(f"all {len(data)} windows: {proven} proven optimal, {total:.1f} s in total (target: under 30 s)")
    if ref_total:
        print(f"on the windows timed for both: geograph {ours_on_ref:.1f} s, reference {ref_total:.1f} s, "
              f"ratio {ours_on_ref / ref_total:.2f} (lower is better)")


if __name__ == "__main__":
    main()

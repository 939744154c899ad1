"""How long ``geograph robustness`` takes on the bundled data, against one plain analysis in the same run.

The bundled dataset on 2025-03-01 (24 actors, 73 relations in force, 44 signed ties) is drawn
``--samples`` times (default 500, the command's default). Each draw builds its layers, solves the
two-camp split exactly (once per distinct sign pattern: the count-minimising split depends only on
the signs) and computes the full centrality report. The references, timed in the same process
after a warm-up (imports and first calls excluded everywhere): one network build, and one plain
``balance()`` + ``centrality()`` on the data as given, the two calls a user would otherwise make.
Target (issue #16): 500 draws in seconds, not minutes.

    python benchmarks/robustness.py [--samples 500] [--seed 0] [--repeat 3] [--weighted]
"""

from __future__ import annotations

import argparse
import platform
import time
from typing import Callable

import graph
from graph.analysis.balance import balance
from graph.analysis.centrality import centrality
from graph.analysis.robustness import robustness
from graph.network import network

AT = "2025-03-01"


def best(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (this machine is shared and noisy)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500, help="draws per robustness run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best is kept")
    parser.add_argument("--weighted", action="store_true", help="count camps in the magnitude-minimising split "
                        "(one exact solve per draw, no sharing)")
    args = parser.parse_args()

    ds = graph.load()
    net = network(ds, AT)
    balance(net), centrality(net), robustness(ds, AT, samples=2)  # warm-up: imports, first solver call

    build = best(lambda: network(ds, AT), max(args.repeat, 20))
    plain = best(lambda: (balance(net), centrality(net)), max(args.repeat, 5))
    total = best(lambda: robustness(ds, AT, samples=args.samples, seed=args.seed, weighted=args.weighted),
                 args.repeat)
    per_draw = total / args.samples
    result = robustness(ds, AT, samples=args.samples, seed=args.seed, weighted=args.weighted)

    print(f"Python {platform.python_version()}, {platform.machine()}; bundled data on {AT}: "
          f"{len(net.actors)} actors, {len(net.relations)} relations, {net.signed.number_of_edges()} signed ties")
    print(f"{'what':<44}{'time':>12}")
    print(f"{'one network build':<44}{build * 1e3:>10.2f} ms")
    print(f"{'one balance() + centrality()':<44}{plain * 1e3:>10.2f} ms")
    print(f"{f'robustness, {args.samples} draws' + (' (weighted)' if args.weighted else ''):<44}{total:>10.2f} s")
    print(f"{'  per draw':<44}{per_draw * 1e3:>10.2f} ms")
    print(f"ratio per draw / one balance() + centrality(): {per_draw / plain:.2f}")
    print(f"ratio per draw / one network build: {per_draw / build:.1f}")
    f = result.frustration
    print(f"frustration index: {f.baseline:g} in the data, {f.minimum:g}–{f.maximum:g} in the draws "
          f"(median {f.median:g}); {result.unproven} draws unproven")


if __name__ == "__main__":
    main()

"""Engines timed in turn, each run a fresh child process: the shared loop of the ingest benchmarks.

A child prints one JSON object as its last line, with at least ``seconds``; the engines take turns
for ``repeat`` rounds, so load from elsewhere on a shared machine hits them alike, and each keeps
its best time. Memory figures are each engine's worst over the rounds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Callable, Sequence


def best_of_rounds(engines: Sequence[str], command: Callable[[str], list[str]], repeat: int,
                   worst: Sequence[str] = ("peak_mb",)) -> dict[str, dict]:
    """Each engine's figures from its fastest run, with ``worst`` keys at their maximum over the runs
    and ``all_seconds`` listing every run's time; ``command(engine)`` is the child's argument list
    (after the Python executable)."""
    runs: dict[str, list[dict]] = {e: [] for e in engines}
    for _ in range(repeat):
        for engine in engines:
            done = subprocess.run([sys.executable, *command(engine)], capture_output=True, text=True, check=True)
            runs[engine].append(json.loads(done.stdout.strip().splitlines()[-1]))
    out = {}
    for engine, figures in runs.items():
        best = dict(min(figures, key=lambda r: r["seconds"]))
        for key in worst:
            best[key] = max(r[key] for r in figures)
        best["all_seconds"] = [round(r["seconds"], 2) for r in figures]
        out[engine] = best
    return out

"""How fast geograph refuses (or reads) each hostile file of issue #9, against the 1 s target.

The files are those of ``tests/test_hostile.py`` (built by ``tests/hostile_cases.py``: alias bombs,
deep nesting, 10-million-character lines, binary and non-UTF-8 files, UTF-16, BOM, CR and CRLF
line ends, tabs) plus one 100 MB file read as a dataset, an edge list, a workbook and a scenario.
Each is validated ``--repeat`` times in this process and the best time kept. The reference in the
same run is the validation of the bundled Caucasus dataset (24 actors, 74 relations): the ratio
says how many "normal" validations a hostile file costs. Peak memory is the process's high-water
mark after each file (it only grows, so a jump names the file that caused it).

    python benchmarks/hostile_files.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import graph  # noqa: E402
from graph.scenario import validate_scenario  # noqa: E402
from hostile_cases import CASES, write_case, write_huge  # noqa: E402

TARGET_S = 1.0


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _best(check, path: Path, repeat: int) -> tuple[float, list[str]]:
    best, codes = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        codes = [p.code for p in check(path)]
        best = min(best, time.perf_counter() - start)
    return best, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    reference, _ = _best(graph.validate, graph.loading.bundled_path(), args.repeat)
    baseline = _peak_mb()
    print(f"reference: validate the bundled dataset {reference * 1000:.1f} ms; peak memory {baseline} MB\n")
    print(f"{'file':<26} {'result':<16} {'best s':>8} {'x ref':>8} {'peak MB':>8}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        huge = write_huge(folder)
        rows = [(f"100 MB as {kind}", graph.validate, huge[kind]) for kind in ("yaml", "csv", "xlsx")]
        rows.append(("100 MB as scenario", validate_scenario, huge["scenario"]))
        rows += [(name, graph.validate, write_case(folder, name)) for name in sorted(CASES)]
        for label, check, path in rows:
            seconds, codes = _best(check, path, args.repeat)
            worst = max(worst, seconds)
            result = ",".join(codes) or "read"
            print(f"{label:<26} {result:<16} {seconds:>8.3f} {seconds / reference:>8.1f} {_peak_mb():>8}")
    verdict = "met" if worst < TARGET_S else "MISSED"
    print(f"\nslowest file {worst:.3f} s against the {TARGET_S:g} s target: {verdict}; "
          f"peak memory {_peak_mb() - baseline} MB above the reference's")


if __name__ == "__main__":
    main()

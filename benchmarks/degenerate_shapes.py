"""Every command on the shapes that used to take minutes, against a random graph of the star's size.

Three edge-list datasets (CSV, ``source,target,sign,since``), written to a temporary folder:

clique
    60 actors, every pair in tension (1,770 ties): a bloc all hostile to one another.
star
    One hub tied to 3,000 leaves (``--star-sign``: allied to all, in tension with all, or mixed,
    alternating): an event feed where one country is in every row.
random
    The reference: a uniformly random tree (seeded) on the star's 3,001 actors, so as many ties,
    carrying the star's signs and dates in the same order.

Each tie's ``since`` runs through 2019–2024, so the timeline's six yearly periods differ. Every
command runs through the command line's own entry point (``cli.main``), each in a fresh process
that first imports everything and runs every command once on a tiny graph, so start-up and imports
are not timed; a run still going after ``--timeout`` seconds is killed (shown as ``>N s``). The times of one run are comparable with each other; this machine is shared, so absolute
figures vary from run to run. Target (issue #18): every command under 10 s on the clique and the
star, and the star no slower than the random graph (ratio about 1 or below).

    python benchmarks/degenerate_shapes.py [--star-sign mixed|alignment|tension] [--timeout 120]
                                           [--repeat 1] [--only COMMAND ...]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# the checkout this script sits in, not an installed copy: before and after figures come from two trees
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LEAVES = 3000
CLIQUE = 60
YEARS = range(2019, 2025)
#: seconds a worker may take to import and warm up, on top of the timeout
_WARM_UP = 60

#: name -> arguments after the dataset; {out} is a fresh path in the temporary folder
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{data}"],
    "centrality": ["centrality", "{data}"],
    "balance": ["balance", "{data}"],
    "explain": ["explain", "{data}", "{a}", "{b}"],
    "render": ["render", "{data}", "-o", "{out}.html"],
    "export csv": ["export", "{data}", "--format", "csv", "-o", "{out}"],
    "timeline (6 years)": ["timeline", "{data}", "--from", "2019", "--to", "2024"],
    "diff": ["diff", "{data}", "--from", "2020", "--to", "2024"],
}


def _signs(kind: str, count: int) -> list[int]:
    if kind == "alignment":
        return [1] * count
    if kind == "tension":
        return [-1] * count
    return [1 if i % 2 else -1 for i in range(count)]


def _write(path: Path, ties: list[tuple[str, str]], signs: list[int]) -> Path:
    lines = ["source,target,sign,since"]
    lines += [f"{a},{b},{s},{YEARS[i % len(YEARS)]}" for i, ((a, b), s) in enumerate(zip(ties, signs))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def random_tree(n: int, seed: int) -> list[tuple[int, int]]:
    """A uniformly random labelled tree on ``n`` nodes (a random Prüfer sequence, decoded): ``n - 1`` edges.

    A tree, as the star is: the same actors (an edge list names only actors with a tie, so a
    G(n, m) graph's isolated actors would be missing) and the same number of ties, but a maximum
    degree of a handful instead of ``n - 1``.

    >>> edges = random_tree(5, 0)
    >>> len(edges), sorted({v for e in edges for v in e})
    (4, [0, 1, 2, 3, 4])
    """
    import heapq

    rng = random.Random(seed)
    code = [rng.randrange(n) for _ in range(n - 2)]
    degree = [1] * n
    for v in code:
        degree[v] += 1
    leaves = [v for v in range(n) if degree[v] == 1]
    heapq.heapify(leaves)
    edges = []
    for v in code:
        leaf = heapq.heappop(leaves)
        edges.append((leaf, v))
        degree[v] -= 1
        if degree[v] == 1:
            heapq.heappush(leaves, v)
    edges.append((heapq.heappop(leaves), heapq.heappop(leaves)))
    return edges


def shapes(folder: Path, star_sign: str, seed: int = 1) -> dict[str, tuple[Path, str, str]]:
    """The three datasets, each with the two actors ``explain`` is asked about."""
    clique_ids = [f"A{i}" for i in range(CLIQUE)]
    clique = [(a, b) for i, a in enumerate(clique_ids) for b in clique_ids[i + 1:]]
    star = [("HUB", f"L{i}") for i in range(LEAVES)]
    nodes = ["HUB"] + [f"L{i}" for i in range(LEAVES)]
    uniform = [(nodes[a], nodes[b]) for a, b in random_tree(len(nodes), seed)]
    signs = _signs(star_sign, len(star))
    return {
        "clique": (_write(folder / "clique.csv", clique, [-1] * len(clique)), "A0", "A1"),
        "star": (_write(folder / "star.csv", star, signs), "HUB", "L1"),
        "random": (_write(folder / "random.csv", uniform, signs), "HUB", "L1"),
    }


def _invoke(args: list[str]) -> int:
    """Run the command line in this process, its output thrown away; its exit code."""
    import click

    import cli

    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            cli.main.main(args, prog_name="geograph", standalone_mode=False)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 1
        except click.ClickException as exc:
            return exc.exit_code
        except click.exceptions.Exit as exc:
            return exc.exit_code
    return 0


def timed(args: list[str], folder: Path, timeout: float) -> tuple[float | None, int | None]:
    """Seconds and exit code of one run in a fresh process; (None, None) when killed at ``timeout``.

    The process imports everything and runs every command on a tiny graph first (not timed), then
    times the one run. A fresh process each time: a forked one would share numpy's thread pool.
    """
    command = [sys.executable, __file__, "--worker", str(folder), "--", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout + _WARM_UP, check=False)
    except subprocess.TimeoutExpired:
        return None, None
    seconds, code = done.stdout.split()[-2:]
    return (float(seconds), int(code)) if float(seconds) <= timeout else (None, None)


def _worker(folder: Path, args: list[str]) -> None:
    _warm(folder)
    start = time.perf_counter()
    code = _invoke(args)
    print(f"{time.perf_counter() - start:.6f} {code}")


def _arguments(template: list[str], data: Path, a: str, b: str, out: Path) -> list[str]:
    return [t.format(data=data, a=a, b=b, out=out) for t in template]


def _warm(folder: Path) -> None:
    """Every command once on a four-actor graph: imports and first calls are not timed."""
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        tiny = _write(Path(tmp) / "tiny.csv", [("A", "B"), ("B", "C"), ("C", "D"), ("A", "C")], [1, -1, 1, -1])
        for k, template in enumerate(COMMANDS.values()):
            _invoke(_arguments(template, tiny, "A", "B", Path(tmp) / f"warm{k}"))


def _cell(seconds: float | None, code: int | None, timeout: float) -> str:
    if seconds is None:
        return f">{timeout:.0f} s"
    return f"{seconds:.2f} s" + (f" (exit {code})" if code else "")


def _ratio(star: float | None, reference: float | None, timeout: float) -> str:
    """star / random; a killed run counts as the timeout, so the ratio is then a bound."""
    if star is None and reference is None:
        return "—"
    if star is None:
        return f">{timeout / reference:.2f}"
    if reference is None:
        return f"<{star / timeout:.2f}"
    return f"{star / reference:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--star-sign", choices=("mixed", "alignment", "tension"), default="mixed",
                        help="the hub's ties: alternating alignment and tension (default), or all of one kind")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is killed")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each timing; the best is kept")
    parser.add_argument("--only", action="append", choices=tuple(COMMANDS), help="time only this command (repeat)")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker, args.command)
        return

    with tempfile.TemporaryDirectory(prefix="geograph-shapes-") as tmp:
        folder = Path(tmp)
        data = shapes(folder, args.star_sign)
        print(f"Python {platform.python_version()}, {os.cpu_count()} cores; star: hub and {LEAVES:,} leaves, "
              f"{args.star_sign}; random: {LEAVES + 1:,} actors, {LEAVES:,} ties; clique: {CLIQUE} actors, "
              f"{CLIQUE * (CLIQUE - 1) // 2:,} tension ties; best of {args.repeat}, killed after {args.timeout:.0f} s")
        print(f"{'command':<20}{'clique':>16}{'star':>16}{'random':>16}{'star / random':>15}")
        run = 0
        for name, template in COMMANDS.items():
            if args.only and name not in args.only:
                continue
            cells = {}
            for shape, (path, a, b) in data.items():
                best: tuple[float | None, int | None] = (None, None)
                for _ in range(args.repeat):
                    run += 1
                    seconds, code = timed(_arguments(template, path, a, b, folder / f"out{run}"), folder, args.timeout)
                    if seconds is not None and (best[0] is None or seconds < best[0]):
                        best = (seconds, code)
                cells[shape] = best
            ratio = _ratio(cells["star"][0], cells["random"][0], args.timeout)
            print(f"{name:<20}" + "".join(f"{_cell(*cells[s], args.timeout):>16}" for s in data) + f"{ratio:>15}",
                  flush=True)


if __name__ == "__main__":
    main()

"""Golden outputs: every command on the bundled data, the fixtures and the reference networks.

Each case is a command line; running it records its exit code, standard output, standard error and
every file it writes. ``tests/test_golden.py`` runs every case again and compares the record with
the one stored here byte for byte, so a refactor that changes what a user sees cannot pass unseen.

Regenerate the records after a change *meant* to alter an output (and say so in the commit)::

    python tests/golden/cases.py            # every case
    python tests/golden/cases.py balance    # the cases whose name starts with 'balance'

Cases run in a scratch folder holding links to ``data`` and ``tests``, so every path in a message
is relative, and the checkout's own path (where the bundled dataset is read from) is written
``<repo>``: the records are the same in every clone. A snapshot command always names its day
(``--at``): without one it would take today's snapshot and change every day. The vendored
vis-network library (a few hundred kB per page, and the same in every page) is recorded by its
length and SHA-256 instead of in full; every other byte of a page is stored as written.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORDS = Path(__file__).resolve().parent / "records"

#: Lines longer than this are the vendored library; a record keeps their hash, not their bytes.
_LONG_LINE = 100_000

AT = "2025-03-01"
REF = "tests/fixtures/reference"
GDELT = "tests/fixtures/gdelt"
UNVOTES = "tests/fixtures/unvotes_golden"
IMPORT = "tests/fixtures/import"


@dataclass(frozen=True)
class Case:
    """One command line and the name its record is stored under."""

    name: str
    args: tuple[str, ...]
    #: a case whose output files this one reads (they are in its `out/` before it starts)
    needs: str | None = None


def _cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, *args: str, needs: str | None = None) -> None:
        cases.append(Case(name, tuple(args), needs))

    # --- validate: the bundled data, every valid and every invalid fixture
    add("validate-bundled", "validate")
    add("validate-bundled-json", "validate", "--format", "json")
    add("validate-folder", "validate", "data/caucasus")
    for path in sorted(glob.glob("tests/fixtures/invalid/*.yaml", root_dir=ROOT)) + [
            "tests/fixtures/invalid/split_dataset", "tests/fixtures/valid/minimal.yaml"]:
        add(f"validate-{Path(path).stem}", "validate", path)
    add("validate-weight_nan-json", "validate", "tests/fixtures/invalid/weight_nan.yaml", "--format", "json")
    for path in sorted(glob.glob("tests/fixtures/csv/*/*.csv", root_dir=ROOT)):
        add(f"validate-csv-{Path(path).parent.name}-{Path(path).stem}", "validate", path)

    # --- centrality in every format
    for fmt in ("table", "csv", "json", "markdown"):
        add(f"centrality-bundled-{fmt}", "centrality", "--at", AT, "--format", fmt)
    add("centrality-bundled-sorted", "centrality", "--at", AT, "--sort", "betweenness", "--top", "5")
    add("centrality-bundled-2010", "centrality", "--at", "2010", "--format", "csv")
    add("centrality-bundled-file", "centrality", "--at", AT, "--format", "json", "-o", "out/centrality.json")
    add("centrality-minimal", "centrality", "tests/fixtures/valid/minimal.yaml", "--at", AT, "--format", "csv")
    for path in sorted(glob.glob(f"{REF}/*.csv", root_dir=ROOT)) + sorted(
            glob.glob("tests/fixtures/csv/valid/*.csv", root_dir=ROOT)):
        add(f"centrality-{Path(path).stem}", "centrality", path, "--at", AT, "--format", "csv")
    for scenario in sorted(glob.glob("data/scenarios/*.yaml", root_dir=ROOT)):
        add(f"centrality-scenario-{Path(scenario).stem}", "centrality", "--at", "2026-06-01", "--scenario",
            scenario, "--format", "csv")

    # --- render: snapshot pages, camps, time sliders, scenarios, reference networks
    add("render-bundled", "render", "--at", AT, "-o", "out/page.html")
    add("render-bundled-faction", "render", "--at", AT, "--size-by", "betweenness", "--color-by", "faction",
        "-o", "out/page.html")
    add("render-bundled-seed", "render", "--at", "2020", "--seed", "3", "--title", "<b>Seeded</b> & titled",
        "-o", "out/page.html")
    add("render-bundled-timeline", "render", "--from", "2015", "--to", "2025", "--color-by", "faction",
        "-o", "out/page.html")
    add("render-bundled-timeline-quarter", "render", "--from", "2023", "--to", "2025", "--every", "quarter",
        "-o", "out/page.html")
    add("render-scenario", "render", "--at", "2026-06-01", "--scenario", "data/scenarios/zangezur_route_opens.yaml",
        "-o", "out/page.html")
    add("render-bundled-relations", "render", "--at", AT, "--edges", "relations", "-o", "out/page.html")
    add("render-bundled-geo", "render", "--at", AT, "--layout", "geo", "--color-by", "faction", "-o", "out/page.html")
    add("render-minimal", "render", "tests/fixtures/valid/minimal.yaml", "--at", AT, "-o", "out/page.html")
    for path in sorted(glob.glob(f"{REF}/*.csv", root_dir=ROOT)):
        add(f"render-{Path(path).stem}", "render", path, "--at", AT, "--color-by", "faction", "-o", "out/page.html")

    # --- balance: every variant and format
    for fmt in ("table", "json", "markdown"):
        add(f"balance-bundled-{fmt}", "balance", "--at", AT, "--format", fmt)
    add("balance-bundled-weighted", "balance", "--at", AT, "--weighted")
    add("balance-bundled-camps3", "balance", "--at", AT, "--camps", "3", "--format", "json")
    add("balance-bundled-heuristic", "balance", "--at", AT, "--method", "heuristic", "--format", "json")
    add("balance-bundled-2000", "balance", "--at", "2000", "--format", "json")
    add("balance-scenario", "balance", "--at", "2026-06-01", "--scenario", "data/scenarios/israel_ties_cool.yaml")
    for path in sorted(glob.glob(f"{REF}/*.csv", root_dir=ROOT)):
        add(f"balance-{Path(path).stem}", "balance", path, "--at", AT, "--format", "json")
        add(f"balance-{Path(path).stem}-table", "balance", path, "--at", AT)

    # --- the model and the filters (issue 16): arenas, combining rules, ambivalence, selections
    for fmt in ("table", "json", "markdown"):
        add(f"arenas-bundled-{fmt}", "arenas", "--at", AT, "--format", fmt)
    add("balance-bundled-with-arenas", "balance", "--at", AT, "--with-arenas", "--format", "json")
    for rule in ("noisy-or", "max", "mean"):
        add(f"balance-bundled-combine-{rule}", "balance", "--at", AT, "--combine", rule, "--format", "json")
    add("balance-bundled-no-band", "balance", "--at", AT, "--ambivalence", "0")
    add("centrality-bundled-filtered", "centrality", "--at", AT, "--min-confidence", "medium", "--exclude-source",
        "general-knowledge", "--kinds", "state,bloc", "--format", "csv")
    add("centrality-bundled-with-arenas", "centrality", "--at", AT, "--with-arenas", "--format", "csv")
    add("render-bundled-with-arenas", "render", "--at", AT, "--with-arenas", "--color-by", "faction",
        "-o", "out/page.html")
    add("usage-bad-domain", "balance", "--at", AT, "--domain", "nautical")

    # --- explain
    for fmt in ("table", "json", "markdown"):
        add(f"explain-AZE-IRN-{fmt}", "explain", "AZE", "IRN", "--at", AT, "--format", fmt)
    add("explain-AZE-TUR-2023", "explain", "data/caucasus", "AZE", "TUR", "--at", "2023")
    add("explain-unknown", "explain", "AZE", "IRM", "--at", AT)

    # --- timeline and diff
    for fmt in ("table", "csv", "json"):
        add(f"timeline-bundled-{fmt}", "timeline", "--from", "2015", "--to", "2025", "--format", fmt)
    add("timeline-quarter-actors", "timeline", "--from", "2023", "--to", "2025", "--every", "quarter",
        "--metric", "betweenness", "--metric", "camp", "--actor", "AZE", "--actor", "IRN", "--format", "csv")
    add("timeline-gahuku", "timeline", f"{REF}/gahuku_gama_read1954.csv", "--from", "2024", "--to", "2025",
        "--format", "csv")
    for fmt in ("table", "json", "markdown"):
        add(f"diff-bundled-{fmt}", "diff", "--from", "2021", "--to", "2025-03", "--format", fmt)
    add("diff-bundled-long", "diff", "--from", "2000", "--to", "2025", "--top", "3")

    # --- scenarios: every shipped one, every format, every invalid fixture
    for scenario in sorted(glob.glob("data/scenarios/*.yaml", root_dir=ROOT)):
        add(f"scenario-{Path(scenario).stem}", "scenario", scenario, "--at", "2026-06-01")
    for fmt in ("json", "markdown"):
        add(f"scenario-zangezur-{fmt}", "scenario", "data/scenarios/zangezur_route_opens.yaml", "--at",
            "2026-06-01", "--format", fmt)
    for path in sorted(glob.glob("tests/fixtures/scenarios/invalid/*.yaml", root_dir=ROOT)):
        add(f"scenario-invalid-{Path(path).stem}", "scenario", path, "--at", AT)

    # --- export in every format
    for fmt, out in (("gexf", "out/graph.gexf"), ("graphml", "out/graph.graphml"), ("json", "out/graph.json"),
                     ("csv", "out/tables")):
        add(f"export-bundled-{fmt}", "export", "--format", fmt, "-o", out)
        add(f"export-bundled-{fmt}-at-metrics", "export", "--format", fmt, "--at", AT, "--with-metrics", "-o", out)
    add("export-gahuku-gexf", "export", f"{REF}/gahuku_gama_read1954.csv", "--format", "gexf", "-o", "out/g.gexf")

    # --- import: the fixtures' sheets, valid and not
    mapping = ("--map", "Trade USD=attributes.trade_usd", "--map", "Population=attributes.population")
    add("import-csv", "import", "csv", f"{IMPORT}/relations.csv", "--actors", f"{IMPORT}/actors.csv", *mapping,
        "-o", "out/imported.yaml")
    add("import-csv-unmapped", "import", "csv", f"{IMPORT}/relations.csv", "--actors", f"{IMPORT}/actors.csv",
        "-o", "out/imported.yaml")
    add("import-xlsx", "import", "xlsx", f"{IMPORT}/relations.xlsx", "--actors", f"{IMPORT}/relations.xlsx",
        "--actors-sheet", "Actors", *mapping, "-o", "out/imported.yaml")
    add("import-minimal", "import", "csv", f"{IMPORT}/minimal.csv", "-o", "out/imported.yaml")
    add("import-pair", "import", "csv", f"{IMPORT}/pair.csv", "--source-title", "Pair sheet", "--source-date",
        "2024-05", "-o", "out/imported.yaml")
    for path in sorted(glob.glob(f"{IMPORT}/invalid/*", root_dir=ROOT)):
        fmt = "xlsx" if path.endswith(".xlsx") else "csv"
        add(f"import-invalid-{Path(path).stem}-{fmt}", "import", fmt, path, "-o", "out/imported.yaml")

    # --- ingest: GDELT files, an event table, aggregates
    add("ingest-gdelt", "ingest", "gdelt", f"{GDELT}/caucasus_20201113-15.tsv", "-o", "out/gdelt.yaml",
        "--aggregates", "out/gdelt.csv")
    add("ingest-gdelt-zip-year", "ingest", "gdelt", f"{GDELT}/caucasus_20201113-15.zip", "--period", "year",
        "--min-events", "5", "--root-only", "-o", "out/gdelt.yaml")
    add("ingest-gdelt-map", "ingest", "gdelt", f"{GDELT}/gdelt1_georgia_statedyads_201106-201305.tsv",
        "--actors", f"{GDELT}/actors_map.yaml", "--period", "quarter", "-o", "out/gdelt.yaml")
    add("ingest-gdelt-malformed", "ingest", "gdelt", f"{GDELT}/malformed.tsv", "-o", "out/gdelt.yaml")
    add("ingest-gdelt-badmap", "ingest", "gdelt", f"{GDELT}/malformed.tsv", "--actors",
        f"{GDELT}/actors_map_invalid.yaml", "-o", "out/gdelt.yaml")
    add("ingest-csv", "ingest", "csv", f"{GDELT}/icews_style_20201113-15.tab", "--source-col", "Source Country",
        "--target-col", "Target Country", "--date-col", "Event Date", "--score-col", "Intensity", "--name",
        "ICEWS", "-o", "out/icews.yaml", "--aggregates", "out/icews.csv")
    add("ingest-aggregates", "ingest", "aggregates", "out/gdelt.csv", "--period", "year", "-o", "out/agg.yaml",
        needs="ingest-gdelt")
    # --- ingest: UN votes (a slice of the shipped data: 1963 and 2015, eleven members and Zanzibar)
    add("ingest-unvotes", "ingest", "unvotes", f"{UNVOTES}/votes.csv", f"{UNVOTES}/roll_calls.csv",
        f"{UNVOTES}/issues.csv", "-o", "out/unga.yaml", "--pairs", "out/unga.csv")
    add("ingest-unvotes-session", "ingest", "unvotes", f"{UNVOTES}/votes.csv", f"{UNVOTES}/roll_calls.csv",
        f"{UNVOTES}/issues.csv", "--period", "session", "--measure", "kappa", "--issue", "me", "--issue", "hr",
        "--threshold", "0.1", "-o", "out/unga.yaml")
    add("ingest-unvotes-split", "ingest", "unvotes", f"{UNVOTES}/votes.csv", f"{UNVOTES}/roll_calls.csv",
        "--split", "year", "-o", "out/")

    # --- every command's help: the CLI's options, defaults and choices as a user reads them
    add("help-main", "--help")
    for command in ("validate", "centrality", "render", "balance", "explain", "scenario", "export", "import",
                    "timeline", "diff", "ingest"):
        add(f"help-{command}", command, "--help")
    for command in ("gdelt", "csv", "aggregates", "unvotes"):
        add(f"help-ingest-{command}", "ingest", command, "--help")

    # --- usage errors the CLI itself reports
    add("usage-render-from-only", "render", "--from", "2015", "-o", "out/page.html")
    add("usage-bad-date", "centrality", "--at", "2025-13")
    add("usage-timeline-reversed", "timeline", "--from", "2025", "--to", "2020")
    add("usage-diff-reversed", "diff", "--from", "2025", "--to", "2020")
    add("usage-render-reversed", "render", "--from", "2025", "--to", "2020", "-o", "out/page.html")
    add("usage-render-at-and-range", "render", "--at", "2020", "--from", "2015", "--to", "2020", "-o", "out/p.html")
    return cases


CASES = _cases()


def _here(data: bytes) -> bytes:
    """`data` with the checkout's own path (where the bundled dataset lives) written as <repo>."""
    return data.replace(str(ROOT).encode(), b"<repo>")


def _stable(data: bytes) -> bytes:
    """The bytes of an output with the vendored library's lines replaced by their length and hash."""
    lines = data.split(b"\n")
    for i, line in enumerate(lines):
        if len(line) > _LONG_LINE:
            lines[i] = b"<<%d bytes, sha256 %s>>" % (len(line), hashlib.sha256(line).hexdigest().encode())
    return b"\n".join(lines)


def run(case: Case, scratch: Path) -> dict[str, bytes]:
    """Run one case in `scratch` (made fresh) and return its record: file name → bytes."""
    from click.testing import CliRunner

    import cli

    if case.needs:
        run(next(c for c in CASES if c.name == case.needs), scratch)
    else:
        if scratch.exists():
            shutil.rmtree(scratch)
        (scratch / "out").mkdir(parents=True)
        for name in ("data", "tests"):
            os.symlink(ROOT / name, scratch / name)
    before = set(_files(scratch / "out"))
    cwd = os.getcwd()
    os.chdir(scratch)
    try:
        result = CliRunner(env={"COLUMNS": "80"}).invoke(cli.main, list(case.args), prog_name="geograph",
                                                        catch_exceptions=True)
    finally:
        os.chdir(cwd)
    record = {
        "command": ("geograph " + " ".join(case.args) + "\n").encode(),
        "exit_code": f"{result.exit_code}\n".encode(),
        "stdout": _here(result.stdout_bytes),
        "stderr": _here(result.stderr_bytes),
    }
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        record["traceback"] = "".join(traceback.format_exception(result.exception)).encode()
    for rel in _files(scratch / "out"):
        if rel not in before:
            record[f"out/{rel}"] = _stable(_here((scratch / "out" / rel).read_bytes()))
    return record


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def stored(case: Case) -> dict[str, bytes]:
    """The record of `case` as stored under tests/golden/records."""
    folder = RECORDS / case.name
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write(case: Case, record: dict[str, bytes]) -> None:
    folder = RECORDS / case.name
    if folder.exists():
        shutil.rmtree(folder)
    for rel, data in record.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main(prefixes: list[str]) -> None:
    chosen = [c for c in CASES if not prefixes or c.name.startswith(tuple(prefixes))]
    names = {c.name for c in CASES}
    if not prefixes and RECORDS.exists():
        for old in RECORDS.iterdir():
            if old.name not in names:
                shutil.rmtree(old)
    with tempfile.TemporaryDirectory() as tmp:
        for case in chosen:
            record = run(case, Path(tmp) / "case")
            changed = record != (stored(case) if (RECORDS / case.name).exists() else None)
            write(case, record)
            print(f"{'changed ' if changed else 'same    '} {case.name}", file=sys.stderr)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])

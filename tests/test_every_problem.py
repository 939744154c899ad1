"""Every problem at once, across every phase: one dataset and one scenario break every rule they can,
and the first report names them all (graph.read.dataset, graph.read.scenario, graph.scenario).

Structure, field, reference and uniqueness checks all run; only a check that cannot run on a broken
record is skipped (a relation with one end has no pair to compare). A rule that stops a whole file
(binary, not UTF-8, a YAML syntax error …) is broken in a file of its own in the same folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import graph
from graph.errors import CATALOGUE
from graph.scenario import validate_scenario

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
EVERY = FIXTURES / "every_problem"

#: Codes that stop a whole file: each is broken by a file of its own in the dataset folder.
WHOLE_FILE = {
    "binary": ("binary.yaml", b"\x00\x01 binary"),
    "encoding": ("latin1.yaml", b"actors:\n  - id: caf\xe9\n"),
    "empty": ("empty.yaml", b"# nothing\n"),  # also raised in dataset.yaml, by an empty evidence
    "structure": ("list.yaml", b"- a\n- b\n"),
    "yaml-syntax": ("syntax.yaml", b"actors: [\n"),
    "yaml-recursive": ("recursive.yaml", b"a: &x [1, *x]\n"),
    "yaml-depth": ("deep.yaml", b"a: " + b"[" * 200 + b"]" * 200 + b"\n"),
    "yaml-size": ("bomb.yaml", (FIXTURES / "invalid" / "alias_bomb.yaml").read_bytes()),
}
#: Codes that dataset.yaml and restated.yaml raise, with how often.
IN_RECORDS = {
    "bad-choice": 3, "bad-date": 2, "bad-id": 1, "bad-url": 1, "conflicting-attribute": 1, "duplicate-id": 1,
    "duplicate-key": 1, "empty": 1, "endpoints": 1, "integer-range": 1, "missing-key": 2, "not-list": 1, "not-mapping": 1,
    "not-number": 1, "not-text": 1, "self-relation": 1, "unknown-actor": 1, "unknown-key": 1,
    "unknown-source": 1, "until-before-since": 1, "weight-range": 1, "yaml-key": 1, "yaml-merge": 1,
    "yaml-tag": 1,
}
#: Codes of the dataset as a whole, or of a file that cannot be made everywhere: each stops
#: everything, or needs a file the test makes only when it can.
ALONE = {
    "missing-file": "the dataset is not there: nothing else is read",
    "no-yaml": "the folder holds no YAML file: nothing else is read",
    "too-large": "made as a sparse file of 50 MB in the folder (below)",
    "unreadable": "made as a link to /proc/self/mem, which no one can read at offset 0 (below, Linux)",
}
#: Codes no YAML dataset raises, and what does.
ELSEWHERE = {
    "bad-sign": "CSV edge lists", "conflicting-columns": "CSV edge lists", "csv-syntax": "CSV files",
    "duplicate-column": "CSV files", "missing-column": "CSV files and ingest", "missing-header": "CSV edge lists",
    "no-rows": "CSV edge lists", "row-length": "CSV files", "separator": "CSV files",
    "sign-mismatch": "CSV edge lists", "unknown-column": "CSV edge lists", "not-xlsx": "import xlsx",
    "unknown-sheet": "import xlsx", "unknown-field": "import --map", "unmapped-column": "import --map",
    "conflicting-actor": "ingest --actors", "coordinate-range": "render --layout geo",
    "scenario-conflict": "scenarios", "unknown-relation": "scenarios",
}


def test_every_catalogue_code_is_broken_here_or_said_why_not():
    accounted = set(WHOLE_FILE) | set(IN_RECORDS) | set(ALONE) | set(ELSEWHERE)
    new = sorted(set(CATALOGUE) - accounted)
    assert not new, f"break the rule of {new} in tests/fixtures/every_problem/ (or say here why it cannot be)"
    assert not accounted - set(CATALOGUE)


def broken_folder(folder: Path) -> Path:
    """A dataset folder breaking every rule a dataset can break in one pass."""
    folder.mkdir()
    for name in ("dataset.yaml", "restated.yaml"):
        shutil.copy(EVERY / name, folder / name)
    for name, data in WHOLE_FILE.values():
        (folder / name).write_bytes(data)
    (folder / "utf16.yaml").write_bytes("actors: []\n".encode("utf-16"))
    with open(folder / "large.yaml", "wb") as handle:  # sparse: refused by its size, never read
        handle.truncate(50_000_001)
    if Path("/proc/self/mem").exists():
        os.symlink("/proc/self/mem", folder / "unreadable.yaml")
    return folder


def test_validate_reports_every_dataset_problem_at_once(tmp_path):
    folder = broken_folder(tmp_path / "ds")
    problems = graph.validate(folder)
    found: dict[str, int] = {}
    for p in problems:
        found[p.code] = found.get(p.code, 0) + 1
    expected = dict(IN_RECORDS)
    for code, (name, _) in WHOLE_FILE.items():
        expected[code] = expected.get(code, 0) + 1
    expected["encoding"] += 1  # utf16.yaml
    expected["too-large"] = 1
    if (folder / "unreadable.yaml").is_symlink():
        expected["unreadable"] = 1
    assert found == expected
    files = {Path(p.path).name for p in problems}
    assert files == {name for name, _ in WHOLE_FILE.values()} | {"dataset.yaml", "restated.yaml", "utf16.yaml",
                                                                  "large.yaml"} | (
        {"unreadable.yaml"} if "unreadable" in expected else set())


def test_a_duplicate_id_of_a_broken_relation_is_in_the_first_report():
    """The relation with the repeated id is also too strong: it is not built, but its id still counts."""
    problems = [p for p in graph.validate(EVERY / "dataset.yaml") if p.line == 53]
    assert [(p.code, p.message) for p in problems] == [
        ("duplicate-id", f"duplicate relation id 'dup' (first defined at {EVERY / 'dataset.yaml'}:46:5)")]
    assert any(p.code == "weight-range" and p.message == "relation dup: weight 1.5 is outside (0, 1]"
               for p in graph.validate(EVERY / "dataset.yaml"))


def test_cli_validate_lists_every_problem_in_one_run(tmp_path):
    folder = broken_folder(tmp_path / "ds")
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "validate", str(folder)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[-1] == f"{len(graph.validate(folder))} problems found."
    assert any("duplicate relation id 'dup'" in line for line in lines)
    assert any("actor AZE: attribute 'capital' is 'Ganja' here but 'Baku'" in line for line in lines)


#: Codes the scenario file raises against tests/fixtures/valid/minimal.yaml, with how often.
SCENARIO_CODES = {
    "bad-choice": 3, "bad-date": 1, "bad-id": 1, "bad-url": 1, "duplicate-id": 4, "duplicate-key": 1, "empty": 1,
    "endpoints": 1, "integer-range": 1, "missing-key": 2, "not-list": 1, "not-mapping": 1, "not-number": 1, "not-text": 1,
    "scenario-conflict": 3, "self-relation": 1, "unknown-actor": 2, "unknown-key": 2, "unknown-relation": 2,
    "unknown-source": 1, "until-before-since": 1, "weight-range": 3, "yaml-key": 1, "yaml-merge": 1, "yaml-tag": 1,
}
#: What a scenario file cannot raise with anything else: the file cannot be read as a scenario.
SCENARIO_ALONE = {"binary", "encoding", "missing-file", "structure", "too-large", "unreadable", "yaml-depth",
                  "yaml-recursive", "yaml-size", "yaml-syntax"}
#: Codes of datasets, CSV files, spreadsheets, ingest and the map that a scenario never raises.
NOT_SCENARIO = {"bad-sign", "conflicting-actor", "conflicting-attribute", "conflicting-columns", "coordinate-range",
                "csv-syntax", "duplicate-column", "missing-column", "missing-header", "no-rows", "no-yaml",
                "not-xlsx", "row-length", "separator", "sign-mismatch", "unknown-column", "unknown-field",
                "unknown-sheet", "unmapped-column"}


def test_every_catalogue_code_is_broken_by_the_scenario_or_said_why_not():
    new = sorted(set(CATALOGUE) - set(SCENARIO_CODES) - SCENARIO_ALONE - NOT_SCENARIO)
    assert not new, f"break the rule of {new} in tests/fixtures/every_problem/scenario.yaml (or say why not)"


def test_validate_scenario_reports_every_problem_at_once():
    problems = validate_scenario(EVERY / "scenario.yaml", graph.load(FIXTURES / "valid" / "minimal.yaml"))
    found: dict[str, int] = {}
    for p in problems:
        found[p.code] = found.get(p.code, 0) + 1
    assert found == SCENARIO_CODES


@pytest.mark.parametrize("message", [
    "change: unknown relation 'aze-irn-trde'",                      # its change is also out of range
    "change of relation aze-irn-trde: weight 1.5 is outside (0, 1]",
    "add: relation id 'aze-irn-trade' already exists in the dataset",  # the added relation is broken too
    "relation aze-irn-trade: weight 1.5 is outside (0, 1]",
    "duplicate relation id 'r-twice' (first defined at",               # the second r-twice is broken
    "change of relation aze-irn-trde: changed twice (first at line 83)",  # both changes broken
    "add: actor id 'IRN' already exists in the dataset",                # a broken added actor
])
def test_scenario_problems_of_broken_records_are_in_the_first_report(message):
    problems = validate_scenario(EVERY / "scenario.yaml", graph.load(FIXTURES / "valid" / "minimal.yaml"))
    assert any(p.message.startswith(message) for p in problems)


def test_cli_scenario_reports_the_dataset_and_the_scenario_together(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "scenario", str(EVERY / "dataset.yaml"),
                           str(EVERY / "scenario.yaml")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert "duplicate relation id 'dup'" in done.stderr       # the dataset's
    assert "scenario: unknown key 'colour'" in done.stderr    # and the scenario's own, in one run

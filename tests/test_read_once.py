"""Every input is read once: pipes, FIFOs, /dev/stdin, process substitution and '-' (graph.read.files)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import graph
from graph.errors import OptionError
from graph.read.dataset import bundled_path, input_format
from graph.read.files import is_stream, same_stream, shown_name
from graph.scenario import load_dataset_and_scenario, read_scenario

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, str(ROOT / "cli.py")]
SCENARIO = bundled_path().parent / "scenarios" / "israel_ties_cool.yaml"
#: The bundled dataset as one YAML document: its four files share no top-level key.
DATASET = "".join(p.read_text("utf-8") for p in sorted(bundled_path().glob("*.yaml")))
EDGES = "source,target,sign\nAZE,IRN,-1\nAZE,TUR,1\n"
SUMMARY = "24 actors, 84 relations, 21 events, 2 sources"


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_validate_reads_a_pipe(name):
    done = run("validate", name, stdin=DATASET)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"ok: {'<stdin>' if name == '-' else name}: {SUMMARY}\n"


def test_validate_pipe_names_stdin_in_problems():
    done = run("validate", "-", stdin="actors:\n  - id: A\n    name: A\n    kind: stat\n")
    assert done.returncode == 1
    assert done.stderr.startswith("<stdin>:4:11: actor A: kind 'stat' is not one of:")


def test_validate_an_edge_list_on_stdin_is_told_by_its_first_line():
    done = run("validate", "-", stdin=EDGES)
    assert done.stdout == "ok: <stdin>: 3 actors, 2 relations, 0 events, 1 source\n", done.stderr
    bad = run("validate", "-", stdin=EDGES + "AZE,GEO,2\n")
    assert bad.returncode == 1
    assert bad.stderr.startswith("<stdin>:4:3: row 4, column 'sign': '2' is not 1 or -1.")


def test_centrality_reads_a_pipe_as_json():
    done = run("centrality", "-", "--format", "json", stdin=DATASET)
    assert done.returncode == 0, done.stderr
    assert '"id": "AZE"' in done.stdout


def test_render_reads_a_pipe(tmp_path):
    out = tmp_path / "page.html"
    done = run("render", "/dev/stdin", "-o", str(out), stdin=DATASET)
    assert done.returncode == 0, done.stderr
    assert "Azerbaijan" in out.read_text("utf-8")


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_scenario_reads_the_scenario_from_a_pipe(name):
    done = run("scenario", name, stdin=SCENARIO.read_text("utf-8"))
    assert done.returncode == 0, done.stderr
    assert f"({'<stdin>' if name == '-' else name})" in done.stdout.splitlines()[2]


def test_scenario_option_reads_a_pipe():
    piped = run("centrality", "--scenario", "/dev/stdin", "--format", "json", stdin=SCENARIO.read_text("utf-8"))
    named = run("centrality", "--scenario", str(SCENARIO), "--format", "json")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == named.stdout  # the same scenario applied, whether piped or named


def test_scenario_dataset_from_a_pipe_and_scenario_from_a_file():
    done = run("scenario", "-", str(SCENARIO), stdin=DATASET)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("args", [("centrality", "-", "--scenario", "-"),
                                  ("centrality", "-", "--scenario", "/dev/stdin"),
                                  ("scenario", "-", "-"),
                                  ("scenario", "/dev/stdin", "-")])
def test_dataset_and_scenario_cannot_both_be_stdin(args):
    done = run(*args, stdin=DATASET)
    assert done.returncode == 2
    assert "the dataset and the scenario both read standard input; only one can" in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_reads_a_fifo_with_a_writer(tmp_path):
    fifo = tmp_path / "edges"  # no suffix: told by its content
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write(EDGES)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        done = run("validate", str(fifo))
    finally:
        writer.join(timeout=30)
    assert done.stdout == f"ok: {fifo}: 3 actors, 2 relations, 0 events, 1 source\n", done.stderr


def test_library_load_reads_a_yaml_fifo(tmp_path):
    fifo = tmp_path / "dataset.yaml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(DATASET, "utf-8"))
    writer.start()
    try:
        ds = graph.load(fifo)  # a second open would wait for a writer that has gone: one read only
    finally:
        writer.join(timeout=30)
    assert ds.summary() == SUMMARY


@pytest.mark.skipif(shutil.which("bash") is None, reason="process substitution needs bash")
def test_process_substitution_for_dataset_and_scenario():
    command = (f"{sys.executable} cli.py scenario <(cat data/caucasus/*.yaml) <(cat {SCENARIO}) --format json "
               f"&& {sys.executable} cli.py validate <(cat data/caucasus/*.yaml)")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(SUMMARY)


def test_missing_dataset_and_folder_as_scenario_are_located():
    assert run("validate", "no/such.yaml").stderr.startswith("no/such.yaml: no such file or folder")
    done = run("scenario", str(SCENARIO.parent))
    assert done.returncode == 1
    assert f"{SCENARIO.parent} is a folder, not a scenario file" in done.stderr


def test_invalid_dataset_and_scenario_report_together(tmp_path):
    broken = tmp_path / "s.yaml"
    broken.write_text(SCENARIO.read_text("utf-8").replace("scenario:", "scenari:", 1), "utf-8")
    with pytest.raises(graph.DataError) as caught:
        load_dataset_and_scenario(str(tmp_path / "nope.yaml"), broken)
    codes = {p.code for p in caught.value.problems}
    assert {"missing-file", "unknown-key", "missing-key"} <= codes  # the dataset's and the scenario's


def test_same_stream_library_refusal():
    with pytest.raises(OptionError):
        load_dataset_and_scenario("-", "-")
    assert not same_stream(str(SCENARIO), str(SCENARIO))  # a regular file can be read twice
    assert not same_stream(None, "-")


def test_helpers_name_and_tell_streams(tmp_path):
    assert shown_name("-") == "<stdin>"
    assert is_stream("/dev/null") and not is_stream(str(SCENARIO)) and not is_stream(str(tmp_path))
    assert input_format("x.csv") == "csv" and input_format("-", b"actors: []\n") == "yaml"
    assert input_format("-", b'"source","target","sign"\n') == "csv"
    assert input_format("-", b"title: a, b and c\n") == "yaml"  # a colon key: YAML, though it has commas


def test_read_scenario_from_stdin_in_process(monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SCENARIO.read_bytes())))
    scenario, _, problems = read_scenario("-")
    assert problems == [] and scenario.path == "<stdin>"


def test_a_pipe_larger_than_the_limit_is_refused_after_50_mb():
    done = run("validate", "-", stdin="# " + "x" * 50_000_000 + "\n")
    assert done.returncode == 1
    assert done.stderr.startswith("<stdin>: the file holds more than the 50 MB geograph reads. Hint: save it to a "
                                  "file; a larger dataset is split into several files in one folder.")


def test_a_file_named_dash_is_read_as_dot_slash_dash(tmp_path):
    (tmp_path / "-").write_text(DATASET, "utf-8")
    done = run("validate", "./-", cwd=tmp_path)
    assert done.stdout == f"ok: ./-: {SUMMARY}\n", done.stderr

"""The command line (cli.py): thin over the library, clear errors, documented examples."""

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import graph
from cli import main
from graph.metrics import METRIC_NAMES
from graph.report import records

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"geograph, version {graph.__version__}\n"


def test_validate_bundled_ok(runner):
    result = runner.invoke(main, ["validate"])
    ds = graph.load()
    assert result.exit_code == 0
    assert result.output == (f"ok: the bundled Azerbaijan–Iran dataset: {len(ds.actors)} actors, "
                             f"{len(ds.relations)} relations, {len(ds.events)} events, {len(ds.sources)} sources\n")


def test_validate_mistyped_actor_exits_1_with_location_and_hint(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "sources:\n  s: {title: T, publisher: P, date: 2025}\n"
        "actors:\n  - {id: AZE, name: Azerbaijan, kind: state}\n  - {id: IRN, name: Iran, kind: state}\n"
        "relations:\n  - between: [AZE, IRM]\n    kind: tension\n    domain: security\n"
        "    weight: 0.5\n    evidence: x\n    sources: [s]\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.stderr == (f"{bad}:7:20: relation AZE–IRM: unknown actor 'IRM'. Hint: did you mean 'IRN'?\n"
                             "1 problem found.\n")
    assert "Traceback" not in result.output


def test_centrality_json_equals_library_result(runner):
    result = runner.invoke(main, ["centrality", "--at", "2025-03-01", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    expected = records(graph.centrality(graph.load(), at="2025-03-01"))
    assert rows == expected
    # one row per agent: projects and regions are arenas, outside the agent network
    assert {r["id"] for r in rows} == {a.id for a in graph.Network.of(graph.snapshot(graph.load(), "2025-03-01")).actors}
    assert set(rows[0]) == {"id", "name", "kind", *METRIC_NAMES}


def test_centrality_sort_top_and_formats(runner, tmp_path):
    result = runner.invoke(main, ["centrality", "--at", "2025-03", "--sort", "betweenness", "--top", "3",
                                  "--format", "csv", "-o", str(tmp_path / "c.csv")])
    assert result.exit_code == 0
    lines = (tmp_path / "c.csv").read_text().splitlines()
    assert lines[0].split(",")[:3] == ["id", "name", "kind"] and len(lines) == 4
    assert lines[1].startswith("AZE,Azerbaijan,state,")
    md = runner.invoke(main, ["centrality", "--at", "2025-03", "--top", "2", "--format", "markdown"]).stdout
    assert md.splitlines()[0].startswith("| id | name | kind | degree |")


def test_centrality_bad_options_are_usage_errors(runner):
    result = runner.invoke(main, ["centrality", "--sort", "fame"])
    assert result.exit_code == 2 and "'fame' is not one of" in result.stderr
    result = runner.invoke(main, ["centrality", "--at", "2023-13"])
    assert result.exit_code == 2
    assert "'2023-13' is not a date (month 13 does not exist)" in result.stderr


def test_render_writes_identical_files(runner, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert runner.invoke(main, ["render", "--at", "2025-03", "-o", str(a)]).exit_code == 0
    assert runner.invoke(main, ["render", "--at", "2025-03", "-o", str(b)]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]


def test_render_invalid_dataset_leaves_no_output(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {id: A, name: A, kind: nation}\n")
    out = tmp_path / "out.html"
    result = runner.invoke(main, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert "kind 'nation' is not one of" in result.stderr


def test_render_missing_folder_is_clear(runner, tmp_path):
    result = runner.invoke(main, ["render", "-o", str(tmp_path / "no" / "g.html")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write {tmp_path / 'no' / 'g.html'}: the folder")


def test_missing_dataset_path(runner):
    result = runner.invoke(main, ["centrality", "no/such/place.yaml"])
    assert result.exit_code == 1
    assert result.stderr.startswith("no/such/place.yaml: no such file or folder: no/such/place.yaml.")


def test_every_command_help_ends_with_example(runner):
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:\n" in result.output, name
        assert f"geograph {name}" in result.output.split("Example:")[1], name


def test_installed_command_renders_bundled_graph(tmp_path):
    exe = Path(sys.executable).parent / "geograph"
    assert exe.exists(), "the geograph console script is not installed: pip install -e .[test]"
    out = tmp_path / "caucasus.html"
    done = subprocess.run([str(exe), "render", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"wrote {out}\n"
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_python_cli_py_works_in_a_clone():
    root = Path(__file__).parent.parent
    done = subprocess.run([sys.executable, "cli.py", "validate"], cwd=root, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("ok: ")


def test_render_from_to_writes_a_slider_page(runner, tmp_path):
    from _helpers import page_data

    out = tmp_path / "slider.html"
    result = runner.invoke(main, ["render", "--from", "2020", "--to", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text("utf-8"))
    assert [p["label"] for p in data["timeline"]["periods"]] == [str(y) for y in range(2020, 2026)]
    assert data == page_data(graph.render_timeline_html(graph.load(), "2020", "2025"))


def test_render_range_options_are_checked(runner, tmp_path):
    out = str(tmp_path / "x.html")
    half = runner.invoke(main, ["render", "--from", "2020", "-o", out])
    assert half.exit_code == 2 and "--from and --to go together" in half.stderr
    both = runner.invoke(main, ["render", "--at", "2020", "--from", "2020", "--to", "2021", "-o", out])
    assert both.exit_code == 2 and "give one or the other" in both.stderr


def test_centrality_sample_says_how_sure_on_stderr_and_keeps_the_table(runner):
    # --sample estimates betweenness and closeness (2 sources per part here): stderr says from how
    # many and how sure; stdout is the same table, only those two columns moved
    exact = runner.invoke(main, ["centrality", "--at", "2025-03-01", "--format", "csv"])
    quick = runner.invoke(main, ["centrality", "--at", "2025-03-01", "--format", "csv", "--sample", "2"])
    assert exact.exit_code == quick.exit_code == 0 and exact.stderr == ""
    notes = quick.stderr.splitlines()
    assert notes[0].startswith("note: betweenness estimated from ") and "with probability 0.99" in notes[0]
    assert notes[1].startswith("note: closeness estimated from ") and "standard error at most" in notes[1]
    assert all(n.endswith("drop --sample to compute it exactly") for n in notes)
    header = exact.stdout.splitlines()[0].split(",")
    a = [dict(zip(header, line.split(","))) for line in exact.stdout.splitlines()[1:]]
    b = [dict(zip(header, line.split(","))) for line in quick.stdout.splitlines()[1:]]
    moved = {k for x, y in zip(a, b) for k in x if x[k] != y[k]}
    assert moved == {"betweenness", "closeness"}


def test_centrality_exact_and_sample_refuse_each_other(runner):
    result = runner.invoke(main, ["centrality", "--exact", "--sample", "5"])
    assert result.exit_code == 2 and "give one or the other" in result.stderr
    assert runner.invoke(main, ["centrality", "--exact", "--top", "3"]).exit_code == 0

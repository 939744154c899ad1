"""Outputs on the command line (issue #18): ``-o -`` for every command, and no output that destroys an input.

``-o -`` writes the output to standard output, text or bytes (a PNG page too), and says nothing
about it on standard error; a CSV export, a folder of three files, refuses it. An output that is
one of the command's inputs, a file of a dataset folder it reads, a folder holding an input, or
another output of the same run is a usage error (exit 2) that names both, and nothing is written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = str(FIXTURES / "valid" / "minimal.yaml")
ICEWS = str(FIXTURES / "gdelt" / "icews_style_20201113-15.tab")
GDELT = str(FIXTURES / "gdelt" / "caucasus_20201113-15.tsv")
ICEWS_COLUMNS = ["--source-col", "Source Country", "--target-col", "Target Country", "--date-col", "Event Date",
                 "--score-col", "Intensity"]

from test_writes import SCENARIO  # noqa: E402  (the one test overlay of the output tests)


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An empty current folder holding a scenario, so a file named '-' would show."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "what_if.yaml").write_text(SCENARIO, encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------------------------
# -o -: every command that takes -o

#: Each command with -o -, and how its output begins.
TO_STDOUT = {
    "centrality": (["centrality", MINIMAL, "--at", "2025", "--format", "csv"], b"id,name"),
    "balance": (["balance", MINIMAL, "--at", "2025", "--format", "json"], b"{"),
    "robustness": (["robustness", MINIMAL, "--at", "2025", "--samples", "5", "--format", "json"], b"{"),
    "arenas": (["arenas", MINIMAL, "--at", "2025", "--format", "json"], b"{"),
    "explain": (["explain", MINIMAL, "AZE", "IRN", "--at", "2025", "--format", "json"], b"{"),
    "scenario": (["scenario", MINIMAL, "what_if.yaml", "--at", "2025", "--format", "json"], b"{"),
    "timeline": (["timeline", MINIMAL, "--from", "2020", "--to", "2022", "--format", "csv"], b"period,"),
    "diff": (["diff", MINIMAL, "--from", "2020", "--to", "2025", "--format", "json"], b"{"),
    "render": (["render", MINIMAL, "--at", "2025"], b"<!DOCTYPE html>"),
    "render-timeline": (["render", MINIMAL, "--from", "2020", "--to", "2022"], b"<!DOCTYPE html>"),
    "render-png": (["render", MINIMAL, "--at", "2025", "--format", "png", "--dpi", "30"], b"\x89PNG\r\n"),
    "render-svg": (["render", MINIMAL, "--at", "2025", "--format", "svg"], b"<?xml"),
    "export-gexf": (["export", MINIMAL, "--format", "gexf"], b"<?xml"),
    "export-graphml": (["export", MINIMAL, "--format", "graphml"], b"<?xml"),
    "export-json": (["export", MINIMAL, "--format", "json"], b"{"),
    "import": (["import", "csv", str(FIXTURES / "import" / "minimal.csv")], b"# "),
    "ingest-csv": (["ingest", "csv", ICEWS, *ICEWS_COLUMNS], b"# Relations derived"),
    "ingest-gdelt": (["ingest", "gdelt", GDELT], b"# Relations derived"),
}


@pytest.mark.parametrize("name", sorted(TO_STDOUT))
def test_dash_writes_every_output_to_standard_output_and_says_nothing(name, folder):
    args, start = TO_STDOUT[name]
    result = invoke(*args, "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.lstrip()[:len(start)] == start
    assert "wrote" not in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["what_if.yaml"]    # no file named '-'


@pytest.mark.parametrize("name", ["ingest-csv", "ingest-gdelt"])
def test_dash_ingest_says_nothing_of_standard_output(name, folder):
    args, _ = TO_STDOUT[name]
    assert "wrote -" not in invoke(*args, "-o", "-").stderr


def test_dash_ingest_aggregates_to_standard_output(folder):
    assert invoke("ingest", "csv", ICEWS, *ICEWS_COLUMNS, "-o", "f.yaml", "--aggregates", "agg.csv").exit_code == 0
    result = invoke("ingest", "aggregates", "agg.csv", "--period", "year", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Relations derived from GDELT")
    # and the table itself to standard output, the fragment to a file
    result = invoke("ingest", "csv", ICEWS, *ICEWS_COLUMNS, "-o", "g.yaml", "--aggregates", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("source,target,period") and Path("g.yaml").read_text().startswith("# ")


def test_timeline_plot_to_standard_output_beside_a_report_file(folder):
    result = invoke("timeline", MINIMAL, "--from", "2020", "--to", "2022", "--plot", "-", "-o", "report.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\x89PNG\r\n") and Path("report.csv").read_text().startswith("period")
    assert result.stderr == "wrote report.csv\n"


def test_a_csv_export_to_standard_output_is_a_usage_error(folder):
    result = invoke("export", MINIMAL, "--format", "csv", "-o", "-")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: a CSV export is a folder of three files: it cannot go to "
                                              "standard output (-); give the name of a folder, or choose the "
                                              "format gexf, graphml or json")
    assert sorted(p.name for p in folder.iterdir()) == ["what_if.yaml"]


def test_a_file_output_still_says_what_it_wrote(folder):
    result = invoke("centrality", MINIMAL, "-o", "report.txt")
    assert result.exit_code == 0 and result.stderr == "wrote report.txt\n"


# --------------------------------------------------------------------------------------------
# an output that is an input: refused, exit 2, both named, nothing written


def refused(result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Usage: " in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_import_onto_its_own_spreadsheet(folder):
    shutil.copy(FIXTURES / "import" / "minimal.csv", "s.csv")
    before = Path("s.csv").read_bytes()
    refused(invoke("import", "csv", "s.csv", "-o", "s.csv"),
            "--output s.csv is also RELATIONS s.csv, an input of this command: writing it would destroy it; "
            "give the output another name")
    shutil.copy(FIXTURES / "import" / "actors.csv", "a.csv")
    refused(invoke("import", "csv", "s.csv", "--actors", "a.csv", "-o", "./a.csv"),
            "--output ./a.csv is also --actors a.csv, an input of this command: writing it would destroy it; "
            "give the output another name")
    assert Path("s.csv").read_bytes() == before


def test_export_onto_its_dataset_through_a_hard_link_and_a_symlink(folder):
    shutil.copy(MINIMAL, "b.yaml")
    os.link("b.yaml", "hard.yaml")
    os.symlink("b.yaml", "soft.yaml")
    before = Path("b.yaml").read_bytes()
    for output in ("b.yaml", "hard.yaml", "soft.yaml", f"{folder}/sub/../b.yaml"):
        if "sub" in output:
            os.makedirs("sub", exist_ok=True)
        refused(invoke("export", "b.yaml", "--format", "gexf", "-o", output),
                f"--output {output} is also DATASET b.yaml, an input of this command: writing it would destroy it; "
                "give the output another name")
    refused(invoke("export", "soft.yaml", "--format", "gexf", "-o", "b.yaml"),
            "--output b.yaml is also DATASET soft.yaml, an input of this command: writing it would destroy it; "
            "give the output another name")
    assert Path("b.yaml").read_bytes() == before and Path("soft.yaml").is_symlink()


def test_scenario_onto_its_scenario_or_its_dataset(folder):
    shutil.copy(MINIMAL, "b.yaml")
    refused(invoke("scenario", "b.yaml", "what_if.yaml", "-o", "what_if.yaml"),
            "--output what_if.yaml is also SCENARIO what_if.yaml, an input of this command: writing it would "
            "destroy it; give the output another name")
    refused(invoke("scenario", "b.yaml", "what_if.yaml", "-o", "b.yaml"),
            "--output b.yaml is also DATASET b.yaml, an input of this command: writing it would destroy it; "
            "give the output another name")
    refused(invoke("scenario", "what_if.yaml", "-o", "what_if.yaml"),
            "--output what_if.yaml is also SCENARIO what_if.yaml, an input of this command: writing it would "
            "destroy it; give the output another name")
    refused(invoke("centrality", "b.yaml", "--scenario", "what_if.yaml", "-o", "what_if.yaml"),
            "--output what_if.yaml is also --scenario what_if.yaml, an input of this command: writing it would "
            "destroy it; give the output another name")
    assert Path("what_if.yaml").read_text() == SCENARIO


def test_explain_actor_ids_are_not_inputs(folder):
    """explain's last two arguments are actor ids: a file of that name is no input, and is written."""
    shutil.copy(MINIMAL, "b.yaml")
    Path("AZE").write_text("old")
    result = invoke("explain", "b.yaml", "AZE", "IRN", "--at", "2025", "-o", "AZE")
    assert result.exit_code == 0, result.output
    assert Path("AZE").read_text() != "old"
    refused(invoke("explain", "b.yaml", "AZE", "IRN", "-o", "b.yaml"),
            "--output b.yaml is also DATASET b.yaml, an input of this command: writing it would destroy it; "
            "give the output another name")


def test_ingest_onto_its_input_its_actor_map_or_its_other_output(folder):
    shutil.copy(ICEWS, "in.tsv")
    shutil.copy(FIXTURES / "gdelt" / "actors_map.yaml", "map.yaml")
    before = Path("in.tsv").read_bytes()
    refused(invoke("ingest", "gdelt", "in.tsv", "-o", "in.tsv"),
            "--output in.tsv is also FILE in.tsv, an input of this command: writing it would destroy it; "
            "give the output another name")
    refused(invoke("ingest", "csv", "in.tsv", *ICEWS_COLUMNS, "-o", "f.yaml", "--aggregates", "in.tsv"),
            "--aggregates in.tsv is also FILE in.tsv, an input of this command: writing it would destroy it; "
            "give the output another name")
    refused(invoke("ingest", "csv", "in.tsv", *ICEWS_COLUMNS, "--actors", "map.yaml", "-o", "map.yaml"),
            "--output map.yaml is also --actors map.yaml, an input of this command: writing it would destroy it; "
            "give the output another name")
    refused(invoke("ingest", "csv", "in.tsv", *ICEWS_COLUMNS, "-o", "f.yaml", "--aggregates", "f.yaml"),
            "--output f.yaml and --aggregates f.yaml are one file: one output would overwrite the other; "
            "give each its own name")
    refused(invoke("ingest", "csv", "in.tsv", *ICEWS_COLUMNS, "-o", "-", "--aggregates", "-"),
            "--output - and --aggregates - both go to standard output, where they would mix; "
            "give one of them a file name")
    assert Path("in.tsv").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["in.tsv", "map.yaml", "what_if.yaml"]


def test_timeline_plot_and_report_on_one_file_or_both_on_standard_output(folder):
    Path("t.png").write_bytes(b"old")
    refused(invoke("timeline", MINIMAL, "--from", "2020", "--to", "2022", "--plot", "t.png", "-o", "t.png"),
            "--plot t.png and --output t.png are one file: one output would overwrite the other; "
            "give each its own name")
    refused(invoke("timeline", MINIMAL, "--from", "2020", "--to", "2022", "--plot", "-"),
            "--plot - and the report (no --output) both go to standard output, where they would mix; "
            "give one of them a file name")
    assert Path("t.png").read_bytes() == b"old"


def test_render_onto_its_positions(folder):
    Path("layout.json").write_text('{"AZE": [0, 0]}')
    refused(invoke("render", MINIMAL, "--positions", "layout.json", "-o", "layout.json"),
            "--output layout.json is also --positions layout.json, an input of this command: writing it would "
            "destroy it; give the output another name")


def test_an_output_inside_a_dataset_folder_that_the_folder_would_read(folder):
    data = folder / "data"
    data.mkdir()
    shutil.copy(MINIMAL, data / "ties.yaml")
    before = (data / "ties.yaml").read_bytes()
    refused(invoke("centrality", "data", "-o", "data/ties.yaml"),
            "--output data/ties.yaml is a file of DATASET data, an input of this command: writing it would "
            "destroy it; give the output another name")
    (data / "more").mkdir()
    refused(invoke("export", "data", "--format", "json", "-o", "data/more/new.yml"),
            "--output data/more/new.yml is inside DATASET data, a dataset folder this command reads, and would "
            "become part of it; write the output elsewhere")
    refused(invoke("export", "data", "--format", "csv", "-o", "data"),
            "--output data is also DATASET data, an input of this command: writing it would destroy it; "
            "give the output another name")
    # what the folder does not read may go there: a page, a hidden file
    assert invoke("render", "data", "--at", "2025", "-o", "data/page.html").exit_code == 0
    assert invoke("centrality", "data", "-o", "data/.report.yaml").exit_code == 0
    assert (data / "ties.yaml").read_bytes() == before


def test_the_bundled_dataset_is_an_input_too(folder):
    from graph.read.dataset import bundled_path

    target = bundled_path() / "actors.yaml"
    before = target.read_bytes()
    refused(invoke("centrality", "-o", str(target)),
            f"--output {target} is a file of the bundled dataset {bundled_path()}, an input of this command: "
            "writing it would destroy it; give the output another name")
    assert target.read_bytes() == before


def test_a_folder_export_over_the_folder_of_its_input(folder):
    """`export tables/relations.csv --format csv -o tables` would replace the folder its input is in."""
    assert invoke("export", MINIMAL, "--format", "csv", "-o", "tables").exit_code == 0
    refused(invoke("export", "tables/relations.csv", "--format", "csv", "-o", "tables"),
            "--output tables is a folder holding DATASET tables/relations.csv, which this command reads: replacing "
            "the folder would destroy the input; give the output another name")


def test_standard_input_and_output_are_not_one_file(folder):
    """/dev/stdin and /dev/stdout may be one terminal: devices are never compared as files."""
    from graph.files import same_file

    assert not same_file("/dev/stdin", "/dev/stdout") and not same_file("-", "-")
    assert not same_file("/dev/null", "/dev/null")

"""The documentation agrees with the code: commands, metrics, fields, codes and quoted figures."""

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph
from _codes import raised_codes
from cli import main
from graph.errors import CATALOGUE
from graph.metrics import METRICS
from graph.read import fields

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text("utf-8")
DATA_README = (ROOT / "data" / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_readme_documents_every_command_with_an_example(name):
    assert f"### `geograph {name}" in README
    assert re.search(rf"^\$ geograph {name}\b", README, flags=re.M), f"no example of geograph {name}"


@pytest.mark.parametrize("metric", METRICS, ids=[m.name for m in METRICS])
def test_readme_metric_table_gives_layer_and_weight(metric):
    row = f"| `{metric.name}` | {metric.layer} | {metric.weight} |"
    assert row in README


def test_readme_console_examples_match_real_output():
    # every example that starts with '$ geograph centrality' or '$ geograph validate' (bundled data)
    # prints exactly what the README shows
    blocks = re.findall(r"```console\n(.*?)```", README, flags=re.S)
    checked = 0
    for block in blocks:
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("$ geograph ") or "my_region" in line or " -o " in line:
                continue
            expected = []
            for following in lines[i + 1:]:
                if following.startswith("$ "):
                    break
                expected.append(following)
            if not expected:
                continue
            result = CliRunner().invoke(main, shlex.split(line[len("$ geograph "):]))
            assert result.exit_code == 0, line
            assert result.stdout.splitlines() == expected, line
            checked += 1
    assert checked >= 2


def test_readme_seed_figures_match_the_data():
    from graph.analysis.arenas import arenas

    df = graph.centrality(graph.load(), at="2025-03-01")
    old = graph.centrality(graph.load(), at="2010")
    assert f"highest betweenness ({df.loc['AZE', 'betweenness']:.2f})" in README
    assert f"alignment strength ({df.loc['AZE', 'alignment_strength']:.1f})" in README
    assert f"tension strength {df.loc['IRN', 'tension_strength']:.2f}" in README
    assert f"tension eigenvector {df.loc['IRN', 'tension_eigenvector']:.2f}" in README
    assert (f"tension share falls from {old.loc['IRN', 'tension_share']:.2f} in 2010 to "
            f"{df.loc['IRN', 'tension_share']:.2f}") in README
    assert df["betweenness"].idxmax() == "AZE" and df["tension_strength"].idxmax() == "IRN"
    assert "CASPIAN" not in df.index  # an arena: read apart
    caspian = {a.id: a for a in arenas(graph.load(), at="2025-03-01")}["CASPIAN"]
    assert f"yet {round(100 * caspian.contested)} % of its stakeholder pairs are at odds" in README.replace("\n", " ")


@pytest.mark.parametrize("section, keys", [
    ("actors", fields.ACTOR_KEYS), ("relations", fields.RELATION_KEYS),
    ("events", fields.EVENT_KEYS), ("sources", fields.SOURCE_KEYS),
])
def test_data_readme_documents_every_field(section, keys):
    body = DATA_README.split(f"## `{section}`")[1].split("\n## ")[0]
    for key in keys:
        assert f"`{key}" in body, f"{section}.{key} is not documented in data/README.md"


def _code_table() -> dict[str, list[str]]:
    """data/README.md's table of codes: code → [title, raised when, hint], markdown escapes undone."""
    section = DATA_README.split("\n## What validation checks\n")[1].split("\n## ")[0]
    rows = {}
    for line in section.splitlines():
        cells = [re.sub(r"\\(.)", r"\1", c.strip()) for c in line.strip().strip("|").split(" | ")]
        if re.fullmatch(r"`[a-z-]+`", cells[0]) and len(cells) == 4:
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_data_readme_lists_every_problem_code():
    # every code written in a code position anywhere under graph/ (read from the source, not from a
    # list of modules), and every code of the catalogue, has its row
    raised = {s.code for s in raised_codes(ROOT / "graph") if not s.pattern}
    assert len(raised) >= 40
    table = _code_table()
    assert sorted(raised - set(table)) == []
    assert list(table) == list(CATALOGUE)


def test_data_readme_code_tables_name_only_catalogued_codes():
    # the scenario and edge-list sections have tables of their own codes: each must be a real one
    named, in_code_table = [], False
    for line in DATA_README.splitlines():
        if line.startswith("| code |"):
            in_code_table = True
        elif not line.startswith("|"):
            in_code_table = False
        elif in_code_table:
            named += re.findall(r"`([^`]+)`", line.split(" | ")[0])
    assert len(named) > len(CATALOGUE)
    assert sorted(set(named) - set(CATALOGUE)) == []


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_data_readme_code_row_has_the_catalogue_title_and_hint(code):
    title, when, hint = _code_table()[code]
    assert (title, hint) == (CATALOGUE[code].title, CATALOGUE[code].hint or "—")
    assert when.endswith(".")


def test_readme_balance_figures_match_the_data():
    report = graph.balance(graph.load(), at="2025-03-01")
    story = graph.explain(graph.load(), "AZE", "IRN", at="2025-03-01")
    text = README.replace("\n", " ")
    assert (f"triangle balance {report.triangle_balance:.2f}, frustration index {report.frustration_index:.0f} "
            f"of {report.edges} signed ties") in text
    assert f"combined alignment ({story.alignment:.3f}) and tension ({story.tension:.3f})" in text
    side = report.split.side
    assert side["AZE"] == side["TUR"] == side["ISR"] == side["WEST"] == side["IRN-AZ"] != side["IRN"]
    assert side["IRN"] == side["RUS"] == side["ARM"] == side["IND"]
    assert [(t.source, t.target) for t in report.optima.always_strained] == [("AZE", "IND")]
    assert f"There are {report.optima.count} equally optimal splits" in text
    assert report.optima.swing == ("KAZ", "TKM")
    assert {(a["source"], a["target"]) for a in report.ambivalent} == {("AZE", "IRN"), ("AZE", "RUS")}
    assert report.optimal


def test_readme_timeline_figures_match_the_data():
    rows = graph.timeline(graph.load(), "1990", "2025", metrics=[])
    f = {r.period[:4]: r.value for r in rows[rows.metric == "frustration_index"].itertuples()}
    assert (f["1995"], f["2001"], f["2005"], f["2021"], f["2022"]) == (4, 3, 5, 5, 4)
    assert ("4 through the 1990s (the five Caspian rivals cannot be split into two camps without strain), 3 when "
            "the North–South corridor is agreed (2001), 5 once Azerbaijan joins it (2005), 4 from 2022") \
        in README.replace("\n", " ")


def test_ci_runs_the_readme_test_command_exactly():
    # CI proves the README's set-up on a fresh machine only if it runs the README's own line
    readme_blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    test_command = next(b for b in readme_blocks if "pytest" in b and "GEOGRAPH_SLOW" not in b)
    assert test_command.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    ci_lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert test_command in ci_lines

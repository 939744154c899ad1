"""One vocabulary everywhere (issue #18, items 5 and 6): the same header rule in every CSV, --scenario on
every analysis command, did-you-mean for every actor and option value, bounded problem lists, and
did-you-mean that stays fast on 10,000 unknown references."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph
from cli import main
from graph.commands.problems import SHOWN_PROBLEMS
from graph.rules import did_you_mean

ROOT = Path(__file__).resolve().parent.parent
ZANGEZUR = str(ROOT / "data" / "scenarios" / "zangezur_route_opens.yaml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _json(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- --scenario on explain, timeline and diff ---------------------------------------------------


def test_explain_scenario_shows_the_relation_the_scenario_adds(runner):
    args = ["explain", "ZANGEZUR-IR", "AZE", "--at", "2026-06-01", "--format", "json"]
    before = _json(runner, args)
    after = _json(runner, [*args, "--scenario", ZANGEZUR])
    assert "zangezur-aze-open" not in [r["id"] for r in before["relations"]]
    assert "zangezur-aze-open" in [r["id"] for r in after["relations"]]
    assert after["tie"]["alignment"] == 0.9  # the operating route (0.9) outweighs the planned one (0.8)


def test_timeline_scenario_equals_the_library_on_the_scenario_dataset(runner):
    from graph.analysis.temporal import timeline
    from graph.report import format_timeline

    args = ["timeline", "--from", "2025", "--to", "2027", "--actor", "ZANGEZUR-IR", "--metric", "alignment_strength",
            "--with-arenas", "--format", "json"]
    rows = _json(runner, [*args, "--scenario", ZANGEZUR])
    ds = graph.load_with_scenario(None, ZANGEZUR)
    expected = timeline(ds, "2025", "2027", "year", metrics=("alignment_strength",), actors=["ZANGEZUR-IR"],
                        model=graph.Model(with_arenas=True))
    assert rows == json.loads(format_timeline(expected, "json"))
    assert rows != _json(runner, args)  # the route's new ties change its strength in 2027


def test_diff_scenario_lists_the_relations_the_scenario_adds(runner):
    args = ["diff", "--from", "2025", "--to", "2027", "--format", "json"]
    appeared = {r["id"] for r in _json(runner, [*args, "--scenario", ZANGEZUR])["appeared"]}
    assert "irn-aze-transit-leverage" in appeared
    assert "irn-aze-transit-leverage" not in {r["id"] for r in _json(runner, args)["appeared"]}


# -- did-you-mean for actors and option values --------------------------------------------------


def test_timeline_actor_by_name_suggests_its_id(runner):
    result = runner.invoke(main, ["timeline", "--from", "2020", "--to", "2022", "--actor", "Iran"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: unknown actor 'Iran'; did you mean 'IRN'?"


def test_timeline_mistyped_actor_suggests_the_id(runner):
    result = runner.invoke(main, ["timeline", "--from", "2020", "--to", "2022", "--actor", "IRM"])
    assert result.stderr.splitlines()[-1] == "Error: unknown actor 'IRM'; did you mean 'IRN'?"


@pytest.mark.parametrize("args, meant", [
    (["centrality", "--sort", "betweeness"], "betweenness"),
    (["centrality", "--metric", "PageRank"], "pagerank"),
    (["timeline", "--from", "2020", "--to", "2021", "--metric", "tension_strenght"], "tension_strength"),
    (["ingest", "csv", "x.csv", "--source-col", "a", "--target-col", "b", "--date-col", "c", "--score-col", "d",
      "-o", "x.yaml", "--period", "quater"], "quarter"),
])
def test_mistyped_choice_names_the_value_meant(runner, args, meant):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(f"; did you mean '{meant}'?")


def test_choice_without_a_near_value_lists_them_as_click_does(runner):
    result = runner.invoke(main, ["centrality", "--sort", "zzz"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: Invalid value for '--sort': 'zzz' is not one of")
    assert "did you mean" not in result.stderr


# -- centrality --metric -------------------------------------------------------------------------


def test_centrality_metric_shows_only_those_columns_in_order(runner):
    result = runner.invoke(main, ["centrality", "--at", "2025-03-01", "--metric", "pagerank", "--metric",
                                  "betweenness", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "id,name,kind,pagerank,betweenness"


def test_centrality_metric_values_equal_the_full_report(runner):
    full = {r["id"]: r for r in _json(runner, ["centrality", "--at", "2025-03-01", "--format", "json"])}
    some = _json(runner, ["centrality", "--at", "2025-03-01", "--metric", "closeness", "--sort", "pagerank",
                          "--top", "3", "--format", "json"])
    assert [set(r) for r in some] == [{"id", "name", "kind", "closeness", "pagerank"}] * 3
    assert all(r["closeness"] == full[r["id"]]["closeness"] for r in some)
    assert [r["pagerank"] for r in some] == sorted((r["pagerank"] for r in full.values() if r["pagerank"] is not None),
                                                   reverse=True)[:3]


def test_centrality_metric_with_top_shows_the_metric_it_ranks_by(runner):
    # --top without --sort ranks by alignment_strength: that column is shown, or the order looks arbitrary
    rows = _json(runner, ["centrality", "--metric", "pagerank", "--top", "2", "--format", "json"])
    assert [list(r) for r in rows] == [["id", "name", "kind", "pagerank", "alignment_strength"]] * 2


def test_centrality_metric_table_is_narrow(runner):
    # the full table is ~260 characters wide; two metrics fit a terminal
    result = runner.invoke(main, ["centrality", "--metric", "betweenness", "--metric", "pagerank"])
    assert max(len(line) for line in result.stdout.splitlines()) < 80


# -- --help names every dataset form -------------------------------------------------------------


def test_help_lists_every_dataset_form(runner):
    text = runner.invoke(main, ["--help"]).stdout
    for form in ("a YAML file", "a folder", "a CSV edge list", "standard input", "--scenario"):
        assert form in text


# -- headers: case and spaces aside in every CSV -------------------------------------------------


def test_positions_csv_header_case_and_spaces_aside(tmp_path):
    path = tmp_path / "layout.csv"
    path.write_text(" ID ,X,Y\nAZE,1.5,-2\n", encoding="utf-8")
    assert graph.read_positions(path) == {"AZE": (1.5, -2.0)}


def test_ingest_csv_columns_case_and_spaces_aside(tmp_path):
    from graph.ingest import ingest_table

    path = tmp_path / "events.csv"
    path.write_text(" SOURCE ,target,Event Date,INTENSITY\nAZE,IRN,2020-11-13,-5\nAZE,IRN,2020-11-14,3\n",
                    encoding="utf-8")
    result = ingest_table(path, source_col="source", target_col="Target", date_col="event_date", score_col="intensity")
    assert result.rows == 2 and result.events_kept == 2


def test_import_and_edgelist_read_the_same_header(runner, tmp_path):
    sheet = tmp_path / "ties.csv"
    sheet.write_text("Source, Target ,Kind\nAZE,IRN,tension\n", encoding="utf-8")
    ds = graph.load(sheet)  # an edge list
    assert [(r.source, r.target, r.kind) for r in ds.relations] == [("AZE", "IRN", "tension")]
    result = runner.invoke(main, ["import", "csv", str(sheet), "-o", str(tmp_path / "ties.yaml")])
    assert result.exit_code == 0, result.output


# -- bounded problem lists -----------------------------------------------------------------------


def _unknown_refs(tmp_path: Path, n: int) -> Path:
    """A dataset of n actors A00000… and n relations, each naming B… for the A… actor it means."""
    lines = ["sources:", "  s1: {title: S, publisher: P, date: 2020}", "actors:"]
    lines += [f"  - {{id: A{i:05d}, name: Actor {i}, kind: state}}" for i in range(n)]
    lines.append("relations:")
    lines += [f"  - {{id: r{i}, between: [B{i:05d}, A{(i + 1) % n:05d}], kind: tension, domain: security, "
              f"weight: 0.5, evidence: e, sources: [s1]}}" for i in range(n)]
    path = tmp_path / "unknown.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_validate_prints_the_first_problems_and_counts_the_rest(runner, tmp_path):
    path = _unknown_refs(tmp_path, 300)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 2
    assert lines[0] == f"{path}:305:24: relation r0: unknown actor 'B00000'. Hint: did you mean 'A00000'?"
    assert lines[-2] == "… and 100 more problems (--format json lists them all)"
    assert lines[-1] == "300 problems found."


def test_other_commands_count_the_rest_too(runner, tmp_path):
    result = runner.invoke(main, ["centrality", str(_unknown_refs(tmp_path, 250))])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == ["… and 50 more problems", "250 problems found."]


def test_validate_json_lists_every_problem(runner, tmp_path):
    result = runner.invoke(main, ["validate", str(_unknown_refs(tmp_path, 300)), "--format", "json"])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 300


# -- did-you-mean from an index -----------------------------------------------------------------


def test_did_you_mean_on_10000_ids_compares_each_typo_with_a_shortlist(monkeypatch):
    # counted, not timed: the full difflib scan compared each of 10,000 typos with all 10,000 ids
    # (~300 s); the index compares each with its SHORTLIST only. Seconds are for benchmarks/.
    import difflib

    import graph.rules as rules

    compared = []

    class Counting(difflib.SequenceMatcher):
        def set_seq1(self, a):
            compared.append(a)
            super().set_seq1(a)

    monkeypatch.setattr(rules.difflib, "SequenceMatcher", Counting)
    ids = [f"A{i:05d}" for i in range(10_000)]
    hints = [did_you_mean(f"B{i:05d}", ids) for i in range(10_000)]
    assert hints[0] == "did you mean 'A00000'?" and hints[9_999] == "did you mean 'A09999'?"
    assert len(compared) <= 10_000 * 2 * rules.SHORTLIST   # the full scan: 100,000,000


def test_validate_names_10000_unknown_references_each_with_its_guess(runner, tmp_path):
    # the whole path: the reader sorts the ids once, not once per unknown reference (297 s before)
    path = _unknown_refs(tmp_path, 10_000)
    result = runner.invoke(main, ["validate", str(path), "--format", "json"])
    problems = json.loads(result.stdout)
    assert result.exit_code == 1 and len(problems) == 10_000
    assert problems[-1]["hint"] == "did you mean 'A09999'?"


def test_did_you_mean_large_set_still_prefers_case_and_names():
    ids = [f"X{i}" for i in range(1_000)] + ["IRN"]
    assert did_you_mean("irn", ids) == "did you mean 'IRN'?"
    assert did_you_mean("Iran", ids, {"iran": "IRN"}) == "did you mean 'IRN'?"
    assert did_you_mean("qqqqqqqq", ids) == ""


def test_did_you_mean_sees_a_changed_list():
    ids = ["AZE", "IRN"]
    assert did_you_mean("TUR", ids) == ""
    ids.append("TUR")  # the same list object, grown: the answer follows it
    assert did_you_mean("TUR", ids) == "did you mean 'TUR'?"


def test_did_you_mean_sees_a_list_changed_in_place():
    ids = ["AZE", "IRN", "RUS"]
    assert did_you_mean("TUR", ids) == ""
    ids[2] = "TUR"  # same object, same length: its last id changed
    assert did_you_mean("TUR", ids) == "did you mean 'TUR'?"


def test_ingest_csv_command_names_the_lines_of_malformed_rows(runner, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("Source,Target,Date,Score\nAZE,IRN,2020-11-13,-5\nAZE,IRN,2020-13-45,3\nAZE,IRN,2020-11-14,x\n",
                    encoding="utf-8")
    result = runner.invoke(main, ["ingest", "csv", str(path), "--source-col", "source", "--target-col", "target",
                                  "--date-col", "date", "--score-col", "score", "-o", str(tmp_path / "f.yaml")])
    assert result.exit_code == 0, result.output
    assert "malformed 2 rows: bad date 1; bad number 1\n" in result.stderr
    assert f"  bad date at {path}:3\n  bad number at {path}:4\n" in result.stderr

"""Tests of graph.loading: the valid fixture, one invalid fixture per rule, merging and the CLI.

Every file in fixtures/invalid/ is a copy of fixtures/valid/minimal.yaml that breaks exactly one
rule; its first comment line says which. The expected problems are written out in full, so a
change in a message, a hint or a position shows up here.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
import graph
from graph.errors import DataError, Problem

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid" / "minimal.yaml"
INVALID = FIXTURES / "invalid"

SCALE_HINT = "Hint: weight is a strength: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining."
DATE_HINT = "Hint: write YYYY, YYYY-MM or YYYY-MM-DD."
UNTIL_HINT = "Hint: until is exclusive: the relation holds from since up to the day before until."
UNIQUE_HINT = "Hint: ids must be unique across all files of a dataset."
ACTOR_UNIQUE_HINT = ("Hint: ids must be unique across all files of a dataset; an actor may be restated only "
                     "with the same name and kind.")
DOMAINS = ("diplomatic, economic, energy, transport, security, military, intelligence, ethnic, "
           "cultural, religious, territorial, humanitarian, general")
KINDS = "state, organisation, bloc, group, project, region, person, company"

#: fixture name -> [(code, the text of str(problem) after "path")], one entry per problem.
#: Each fixture breaks one rule and yields exactly one problem.
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "norway_between": [(
        "not-text",
        # col 20 is the NO inside `    between: [AZE, NO]`: the list has two items, one a boolean
        ":36:20: relation aze-irn-trade: between holds NO, which was read as a boolean, not an id. "
        "Hint: quote it: 'NO'.",
    )],
    "empty": [(
        "empty",
        # a whole-file problem has no line: the path is followed directly by the message
        ": the file holds no YAML data. Hint: add actors: and relations:, or remove the file.",
    )],
    "tab_indent": [(
        "yaml-syntax",
        # line 26 starts with a tab where PyYAML would only say "cannot start any token"
        ":26:1: YAML syntax error: a tab is used for indentation; YAML allows spaces only. "
        "Hint: replace the tab with spaces.",
    )],
    "yaml_syntax": [(
        "yaml-syntax",
        # line 42 is `    evidence: Note: trade …`; col 19 is the second ': '
        ":42:19: YAML syntax error: mapping values are not allowed in this context. Hint: check the "
        "indentation, and quote text that contains ': ' or starts with a symbol.",
    )],
    "unknown_key": [(
        "unknown-key",
        ":41:5: relation aze-irn-trade: unknown key 'confidance'. Hint: did you mean 'confidence'?",
    )],
    "missing_key": [(
        "missing-key",
        # points at the start of the record (its `- id:` line), which lacks evidence
        ":55:5: relation rus-nstc-transport: missing required key 'evidence'. "
        "Hint: add evidence: one sentence in your own words.",
    )],
    "unknown_actor": [(
        "unknown-actor",
        # col 20 is IRM inside `    between: [AZE, IRM]`
        ":46:20: relation aze-irn-security: unknown actor 'IRM'. Hint: did you mean 'IRN'?",
    )],
    "unknown_source": [(
        "unknown-source",
        ":71:15: event visit-2025: unknown source 'test-scr'. Hint: did you mean 'test-src'?",
    )],
    "duplicate_actor_id": [(
        "duplicate-id",
        ":34:5: duplicate actor id 'RUS' (first defined at {path}:26:5). " + ACTOR_UNIQUE_HINT,
    )],
    "duplicate_relation_id": [(
        "duplicate-id",
        ":45:5: duplicate relation id 'aze-irn-trade' (first defined at {path}:35:5). " + UNIQUE_HINT,
    )],
    "duplicate_yaml_key": [(
        "duplicate-key",
        ":50:5: duplicate key 'kind' in the same mapping (first at line 47). "
        "Hint: most YAML readers keep only the last one silently; remove or rename one of them.",
    )],
    "weight_above_one": [(
        "weight-range", ":39:13: relation aze-irn-trade: weight 1.7 is outside (0, 1]. "
        "Hint: 1.0 is the strongest (defining); write hostility as kind: tension, not as a larger weight.",
    )],
    "weight_negative": [(
        "weight-range",
        ":49:13: relation aze-irn-security: weight -0.5 is outside (0, 1]. "
        "Hint: the sign comes from kind: write kind: tension with a positive weight.",
    )],
    "weight_zero": [(
        "weight-range", ":60:13: relation rus-nstc-transport: weight 0 is outside (0, 1]. "
        "Hint: a relation of no strength is no relation: leave it out, or use a small weight such as 0.2.",
    )],
    "weight_bool": [(
        "not-number",
        ":39:13: relation aze-irn-trade: weight must be a number, but yes was read as a boolean. " + SCALE_HINT,
    )],
    "weight_text": [(
        "not-number",
        ":39:13: relation aze-irn-trade: weight 1e3 was read as text, not a number. Hint: write a plain "
        "decimal such as 0.5 (YAML 1.1 reads forms like 1e3 and -.5 as text).",
    )],
    "weight_nan": [(
        "not-number", ":39:13: relation aze-irn-trade: weight .nan is not a finite number. "
        "Hint: weight is a strength: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining.",
    )],
    "huge_integer": [(
        "integer-range", ":25:12: the integer 0xffffffffffffffffffff is beyond 2**63 in size (at most "
        "9,223,372,036,854,775,807), which GEXF, GraphML and spreadsheets cannot hold. Hint: quote it to keep "
        "it as text: write it between double quotes.",
    )],
    "bad_date": [(
        "bad-date",
        ":51:12: relation aze-irn-security: until '2023-13' is not a valid date (month 13 does not exist). "
        + DATE_HINT,
    )],
    "impossible_day": [(
        "bad-date",
        ":66:11: event visit-2025: date '2025-02-30' is not a valid date (day 30 does not exist in 2025-02). "
        + DATE_HINT,
    )],
    "until_before_since": [(
        "until-before-since",
        ":51:12: relation aze-irn-security: until 2019-06 is not after since 2020. " + UNTIL_HINT,
    )],
    "until_equals_since": [(
        "until-before-since",
        ":51:12: relation aze-irn-security: until 2020 is not after since 2020. " + UNTIL_HINT,
    )],
    "self_relation": [(
        "self-relation",
        ":36:14: relation aze-irn-trade: relates AZE to itself. Hint: a relation links two different actors.",
    )],
    "unsafe_tag": [(
        "yaml-tag",
        ":24:16: the tag !!python/object/apply:os.system is not allowed. Hint: geograph reads plain YAML "
        "only: text, numbers, booleans, dates, lists and mappings.",
    )],
    "norway_id": [(
        "not-text",
        ':34:9: actor at line 34: id must be text, but NO was read as a boolean. Hint: quote it: id: "NO".',
    )],
    "bad_kind": [(
        "bad-choice",
        f":28:11: actor RUS: kind 'stat' is not one of: {KINDS}. Hint: did you mean 'state'?",
    )],
    "bad_domain": [(
        "bad-choice",
        f":38:13: relation aze-irn-trade: domain 'economy' is not one of: {DOMAINS}. "
        "Hint: did you mean 'economic'?",
    )],
    "both_endpoint_forms": [(
        "endpoints",
        ":56:5: relation rus-nstc-transport: uses both between and from/to. Hint: write between: [A, B] "
        "for a mutual relation, or from: A and to: B for a directed one.",
    )],
    "between_three": [(
        "endpoints",
        ":36:14: relation aze-irn-trade: between must list exactly two actor ids. "
        "Hint: write between: [AZE, IRN].",
    )],
    "bad_url": [(
        "bad-url",
        ":11:10: source test-src: url 'javascript:alert(1)' is not an http(s) address. "
        "Hint: write a full address starting with https://.",
    )],
    "multi_document": [(
        "yaml-syntax",
        # line 13 is the second document's '---'
        ":13:1: YAML syntax error: the file holds more than one YAML document. "
        "Hint: remove the '---' line, or split the documents into separate files.",
    )],
    "not_a_mapping": [(
        "structure",
        ":1:1: the file must be a mapping with the keys title, description, combine, sources, actors, relations, "
        "events. Hint: start the file with 'actors:' or 'relations:'.",
    )],
    "alias_bomb": [(
        "yaml-size",
        # 25:10 is the anchor &a, the innermost block that the aliases repeat
        ":25:10: aliases repeat blocks more than 10,000 times (a YAML alias bomb?). Hint: aliases (*name) "
        "that repeat large blocks are the usual cause; write the data out.",
    )],
    "bad_id": [(
        "bad-id",
        ":34:9: actor at line 34: id 'ARM <script>' is not a short code (a letter or digit, then letters, digits, _ . -; at most 40). "
        "Hint: use a code such as AZE or nstc; put the full name in 'name'.",
    )],
    "not_utf8": [(
        "encoding",
        # line 30 is `    name: "Astaraçay bridge"` in Latin-1; col 18 is the byte of ç
        ":30:18: the file is not UTF-8 text (byte 0xe7). Hint: save the file as UTF-8.",
    )],
    "binary": [(
        "binary",
        # a whole-file problem: no line, so the text starts with the bare path
        ": this is a binary file, not YAML text. Hint: a dataset is UTF-8 text.",
    )],
}


def expected_texts(name: str, path: Path) -> list[str]:
    return [f"{path}{tail.format(path=path)}" for _, tail in EXPECTED[name]]


def run_cli(*args: str):
    return CliRunner().invoke(cli.main, list(args))


# --------------------------------------------------------------------------------------------
# the fixtures themselves


def test_fixtures_invalid_one_file_per_rule():
    on_disk = {p.stem for p in INVALID.glob("*.yaml")}
    assert on_disk == set(EXPECTED)


# --------------------------------------------------------------------------------------------
# valid data


def test_validate_minimal_fixture_has_no_problem():
    assert graph.validate(str(VALID)) == []


def test_load_minimal_fixture_reads_every_record():
    ds = graph.load(str(VALID))
    assert ds.title == "Minimal test dataset"
    assert [a.id for a in ds.actors] == ["AZE", "IRN", "NSTC", "RUS"]
    assert [r.id for r in ds.relations] == ["aze-irn-trade", "aze-irn-security", "rus-nstc-transport"]
    assert [e.id for e in ds.events] == ["visit-2025"]
    assert list(ds.sources) == ["test-src"]
    directed = {r.id: r.directed for r in ds.relations}
    assert directed == {"aze-irn-trade": False, "aze-irn-security": False, "rus-nstc-transport": True}
    security = ds.relations[1]
    assert (str(security.since), str(security.until), security.weight) == ("2020", "2023-01", 0.5)
    assert ds.relations[0].confidence == "high" and ds.relations[1].confidence == "medium"
    assert str(ds.events[0].date) == "2025-02-17"


def test_load_bundled_dataset_has_no_problem():
    assert graph.validate() == []
    ds = graph.load()
    assert {"AZE", "IRN"} <= set(ds.actor_ids)
    assert ds.relations and ds.events and ds.sources


# --------------------------------------------------------------------------------------------
# one problem per invalid fixture


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_invalid_fixture_reports_located_problem(name):
    path = INVALID / f"{name}.yaml"
    problems = graph.validate(str(path))
    assert [str(p) for p in problems] == expected_texts(name, path)
    assert [p.code for p in problems] == [code for code, _ in EXPECTED[name]]
    assert all(p.path == str(path) for p in problems)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_invalid_fixture_raises_data_error(name):
    path = INVALID / f"{name}.yaml"
    with pytest.raises(DataError) as info:
        graph.load(str(path))
    assert [str(p) for p in info.value.problems] == expected_texts(name, path)
    assert str(info.value) == "\n".join(expected_texts(name, path))


def test_validate_split_dataset_cites_first_file_of_duplicate():
    folder = INVALID / "split_dataset"
    first, second = folder / "01_actors.yaml", folder / "02_relations.yaml"
    problems = graph.validate(str(folder))
    assert [str(p) for p in problems] == [
        f"{second}:4:5: duplicate actor id 'IRN' (first defined at {first}:19:5). {ACTOR_UNIQUE_HINT}"
    ]


def test_validate_norway_trap_points_at_unquoted_no():
    path = INVALID / "norway_id.yaml"
    (problem,) = graph.validate(str(path))
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.col - 1:] == "NO"
    assert problem.hint == 'quote it: id: "NO"'


def test_load_norway_quoted_is_valid(tmp_path):
    text = (INVALID / "norway_id.yaml").read_text(encoding="utf-8").replace("id: NO\n", 'id: "NO"\n')
    (tmp_path / "norway.yaml").write_text(text, encoding="utf-8")
    ds = graph.load(str(tmp_path / "norway.yaml"))
    assert "NO" in ds.actor_ids


def test_validate_duplicate_yaml_key_is_not_silently_dropped():
    path = INVALID / "duplicate_yaml_key.yaml"
    (problem,) = graph.validate(str(path))
    assert problem.code == "duplicate-key"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "kind: alignment"
    assert lines[47 - 1].strip() == "kind: tension"  # the first one, named in the message


def test_validate_alias_bomb_is_refused_fast():
    path = INVALID / "alias_bomb.yaml"
    start = time.perf_counter()
    problems = graph.validate(str(path))
    elapsed = time.perf_counter() - start
    assert [p.code for p in problems] == ["yaml-size"]
    assert elapsed < 5  # a bomb expanded naively would take minutes and gigabytes


def test_validate_unsafe_tag_runs_nothing(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    problems = graph.validate(str(INVALID / "unsafe_tag.yaml"))
    assert [p.code for p in problems] == ["yaml-tag"]
    assert calls == []


def test_validate_missing_path_reports_it(tmp_path):
    path = tmp_path / "nothing.yaml"
    assert [str(p) for p in graph.validate(str(path))] == [
        f"{path}: no such file or folder: {path}. Hint: check the path; run 'geograph validate' "
        "with no argument for the bundled data."
    ]


# --------------------------------------------------------------------------------------------
# folders, ordering, generated ids


def _split_minimal(folder: Path) -> None:
    """Write minimal.yaml as two files: sources and actors, then relations and events."""
    text = VALID.read_text(encoding="utf-8")
    cut = text.index("\nrelations:\n")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a_actors.yaml").write_text(text[:cut + 1], encoding="utf-8")
    (folder / "b_relations.yaml").write_text(text[cut + 1:], encoding="utf-8")


def test_load_directory_merges_files(tmp_path):
    _split_minimal(tmp_path / "ds")
    merged = graph.load(str(tmp_path / "ds"))
    single = graph.load(str(VALID))
    assert merged.actors == single.actors
    assert merged.relations == single.relations
    assert merged.events == single.events
    assert dict(merged.sources) == dict(single.sources)
    assert merged.title == single.title
    # each record remembers the file it came from
    assert merged.relations[0].location.path == str(tmp_path / "ds" / "b_relations.yaml")


def test_load_directory_skips_hidden_files_and_non_yaml(tmp_path):
    _split_minimal(tmp_path / "ds")
    (tmp_path / "ds" / ".hidden.yaml").write_text("not: [valid", encoding="utf-8")
    (tmp_path / "ds" / "notes.txt").write_text("not: [valid", encoding="utf-8")
    assert graph.validate(str(tmp_path / "ds")) == []


def test_validate_problems_sorted_by_file_then_line(tmp_path):
    text = VALID.read_text(encoding="utf-8")
    # in a.yaml: a weight problem (line 60) found while reading, and an unknown actor (line 46)
    # found later, when references are checked: the report must still read top to bottom.
    bad = text.replace("between: [AZE, IRN]\n    kind: tension", "between: [AZE, IRM]\n    kind: tension")
    bad = bad.replace("weight: 0.8", "weight: 0")
    (tmp_path / "a.yaml").write_text(bad, encoding="utf-8")
    # b.yaml repeats a key on its line 2
    (tmp_path / "b.yaml").write_text("title: x\ntitle: y\n", encoding="utf-8")
    problems = graph.validate(str(tmp_path))
    located = [(Path(p.path).name, p.line, p.code) for p in problems]
    assert located == [
        ("a.yaml", 46, "unknown-actor"),
        ("a.yaml", 60, "weight-range"),
        ("b.yaml", 2, "duplicate-key"),
    ]
    with pytest.raises(DataError) as info:
        graph.load(str(tmp_path))
    assert list(info.value.problems) == problems


def test_data_error_sorts_its_problems():
    late, early = Problem("b.yaml", 1, 1, "x", "late"), Problem("a.yaml", 9, 1, "x", "early")
    assert DataError([late, early]).problems == (early, late)


def test_load_relations_without_id_get_stable_ids(tmp_path):
    text = VALID.read_text(encoding="utf-8")
    for rid in ("aze-irn-trade", "aze-irn-security", "rus-nstc-transport"):
        text = text.replace(f"  - id: {rid}\n    ", "  - ")
    # a second economic alignment between the same pair, also without id
    extra = ("  - between: [IRN, AZE]\n    kind: alignment\n    domain: economic\n    weight: 0.2\n"
             "    evidence: \"A second, weaker link.\"\n    sources: [test-src]\n\n")
    text = text.replace("\nevents:\n", "\n" + extra + "events:\n")
    (tmp_path / "noid.yaml").write_text(text, encoding="utf-8")
    first = [r.id for r in graph.load(str(tmp_path / "noid.yaml")).relations]
    again = [r.id for r in graph.load(str(tmp_path / "noid.yaml")).relations]
    # pair sorted, then kind and domain, lower case; -2 for the second of the same pattern
    assert first == [
        "aze-irn-alignment-economic",
        "aze-irn-tension-security",
        "nstc-rus-alignment-transport",
        "aze-irn-alignment-economic-2",
    ]
    assert again == first


def test_load_generated_id_avoids_explicit_ids(tmp_path):
    text = VALID.read_text(encoding="utf-8")
    text = text.replace("  - id: aze-irn-trade\n    ", "  - ")  # loses its id …
    text = text.replace("id: aze-irn-security", "id: aze-irn-alignment-economic")  # … which is now taken
    (tmp_path / "taken.yaml").write_text(text, encoding="utf-8")
    ids = [r.id for r in graph.load(str(tmp_path / "taken.yaml")).relations]
    assert ids == ["aze-irn-alignment-economic-2", "aze-irn-alignment-economic", "rus-nstc-transport"]


# --------------------------------------------------------------------------------------------
# the command line


def test_cli_validate_valid_fixture_exits_0():
    result = run_cli("validate", str(VALID))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"ok: {VALID}: 4 actors, 3 relations, 1 ")
    assert result.stderr == ""


def test_cli_validate_bad_fixture_exits_1_with_located_lines():
    path = INVALID / "unknown_actor.yaml"
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "\n".join(expected_texts("unknown_actor", path)) + "\n1 problem found.\n"
    assert result.stderr.startswith(f"{path}:46:20: ")
    assert "Traceback" not in result.output


def test_cli_validate_split_dataset_counts_problems():
    result = run_cli("validate", str(INVALID / "split_dataset"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "1 problem found."


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_validate_every_invalid_fixture_without_traceback(name):
    path = INVALID / f"{name}.yaml"
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == expected_texts(name, path)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_validate_json_lists_problems():
    path = INVALID / "weight_above_one.yaml"
    result = run_cli("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{
        "path": str(path),
        "line": 39,
        "col": 13,
        "code": "weight-range",
        "message": "relation aze-irn-trade: weight 1.7 is outside (0, 1]",
        "hint": "1.0 is the strongest (defining); write hostility as kind: tension, not as a larger weight",
    }]


def test_cli_validate_json_valid_is_empty_list():
    result = run_cli("validate", str(VALID), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_load_directory_merges_an_actor_restated_identically(tmp_path):
    # a fragment (e.g. event-derived relations) restates the actors it uses so it validates alone
    (tmp_path / "a.yaml").write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "sources:\n  frag: {title: Fragment, publisher: tests, date: 2025}\n"
        "actors:\n  - {id: AZE, name: Azerbaijan, kind: state, tags: [fragment], sources: [frag]}\n"
        "relations:\n  - {id: frag-1, between: [AZE, IRN], kind: alignment, domain: general, weight: 0.3,\n"
        "     evidence: From a fragment., sources: [frag]}\n", encoding="utf-8")
    first = graph.load(VALID).actor("AZE")
    ds = graph.load(tmp_path)
    aze = ds.actor("AZE")
    assert (aze.name, aze.kind) == (first.name, first.kind)
    assert "fragment" in aze.tags and aze.sources[-1] == "frag"
    assert "frag-1" in {r.id for r in ds.relations}


def test_validate_directory_restated_actor_with_other_attribute_conflicts(tmp_path):
    (tmp_path / "a.yaml").write_text("actors:\n  - {id: A, name: A, kind: state, attributes: {capital: X}}\n")
    (tmp_path / "b.yaml").write_text("actors:\n  - {id: A, name: A, kind: state, attributes: {capital: Y}}\n")
    problems = graph.validate(tmp_path)
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'b.yaml'}:2:5: actor A: attribute 'capital' is 'Y' here but 'X' at {tmp_path / 'a.yaml'}:2:5. "
        "Hint: a restated actor must agree with its first definition."]


# -- the one-step reader of usual relations ----------------------------------------------------

_RELATION_VARIANTS = """
relations:
  - {id: r1, between: [AZE, IRN], kind: tension, domain: security, weight: 0.7, since: 2023, evidence: e, sources: [s]}
  - {id: r2, from: AZE, to: ISR, kind: alignment, domain: energy, weight: 1, since: 2020-05, until: 2024-01-02,
     confidence: high, evidence: " padded ", sources: [s, t], tags: [oil, " gas "]}
  - {id: r3, between: [" AZE ", IRN], kind: alignment, domain: economic, weight: 0.5, evidence: e, sources: [s]}
  - {id: r4, between: [AZE, IRN], kind: alignment, domain: economic, weight: 0.5, confidence: , evidence: e,
     sources: [s]}
  - {id: r5, between: [AZE, IRN], kind: alignment, domain: economic, weight: "0.5", evidence: e, sources: [s]}
  - {id: r6, between: [AZE, AZE], kind: alignment, domain: economic, weight: 0.5, evidence: e, sources: [s]}
  - {id: r7, between: [AZE, IRN], kind: alignment, domain: economic, weight: 0.5, since: 2024, until: 2020,
     evidence: e, sources: [s]}
  - {id: r8, between: [AZE, IRN], from: AZE, kind: alignment, domain: economic, weight: 0.5, evidence: e,
     sources: [s]}
  - {id: r9, between: [AZE, IRN], kind: alignment, domain: economic, weight: 0, evidence: e, sources: [s]}
  - {id: r10, between: [AZE, IRN], kind: Alignment, domain: economic, weight: 0.5, evidence: "  ", sources: []}
  - {id: r11, between: [AZE, IRN], kind: alignment, domain: economic, weight: 0.5, evidence: e, sources: s,
     attributes: {a: 1}}
  - {id: r12, between: [AZE, IRN], kind: alignment, domain: economic, weight: true, since: 2024-13,
     evidence: e, sources: [s, 3]}
  - {id: r13, from: AZE, to: "", kind: tension, domain: military, weight: 0.2, evidence: e, sources: [s]}
  - {id: r14, between: [AZE, IRN], kind: tension, domain: military, weight: 0.2, since: 2021-02-30, evidence: e,
     sources: [s]}
  - {id: toString, between: [AZE, IRN], kind: tension, domain: military, weight: 0.2, evidence: e, sources: [s]}
  - {between: [AZE, IRN], kind: tension, domain: military, weight: 0.2, evidence: e, sources: [s]}
"""


def _read_relations_both_ways(text: str):
    from graph.read.fields import Checker, Raw
    from graph.read.yaml_reader import read_yaml

    value, found = read_yaml(text, "r.yaml")
    assert not found
    usual = general = 0
    for item, pos in zip(value["relations"], value["relations"].item_pos):
        raw_a, raw_b, problems_a, problems_b = Raw(), Raw(), [], []
        one_step = Checker("r.yaml", problems_a, raw_a)._usual_relation(item, pos)
        by_field = Checker("r.yaml", problems_b, raw_b)._relation(item, pos)
        assert not problems_a  # the one-step reader never reports: it leaves that to the field readers
        if one_step is None:
            assert not raw_a.actor_refs and not raw_a.source_refs
            general += 1
            continue
        usual += 1
        assert one_step == by_field and not problems_b
        assert raw_a.actor_refs == raw_b.actor_refs and raw_a.source_refs == raw_b.source_refs
    return usual, general


def test_usual_relations_read_as_the_field_readers_read_them():
    # every odd record (a problem, from and between together, attributes) goes to the field readers
    assert _read_relations_both_ways(_RELATION_VARIANTS) == (4, 12)


def test_bundled_relations_read_in_one_step_as_the_field_readers_read_them():
    text = "relations:\n" + "".join(
        Path(p).read_text(encoding="utf-8").split("relations:\n", 1)[1].split("\nevents:", 1)[0] + "\n"
        for p in sorted(graph.loading.dataset_files(graph.loading.bundled_path()))
        if "relations:\n" in Path(p).read_text(encoding="utf-8"))
    usual, general = _read_relations_both_ways(text)
    # records with attributes (the arena of a rivalry, a link's kind) take the field readers: 27 of 84
    assert usual >= 50 and usual > 2 * general


def test_check_reads_once_problems_and_dataset():
    result = graph.check(INVALID / "duplicate_yaml_key.yaml")
    assert result.dataset is None and not result.valid
    assert result.problems == graph.validate(INVALID / "duplicate_yaml_key.yaml")
    valid = graph.check()
    assert valid.valid and valid.dataset.actor_ids == graph.load().actor_ids

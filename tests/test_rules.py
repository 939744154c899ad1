"""Tests of graph.rules: one bad value through every reader gives the same verdict.

Each reader names the place its own way (``relation r: weight 1.7 …`` in YAML, ``row 2, column
'weight': '1.7' …`` in a CSV file, ``cell F2, column 'weight': …`` in a workbook); what follows the
name, and the problem code, come from graph.rules and must be the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import graph
from graph import rules
from graph.errors import DataError, Problem
from graph.importer import import_table
from graph.read.edgelist import read_edgelist
from graph.scenario import validate_scenario

#: The relation every reader is given, as (field, value as written); one field is then made bad.
GOOD = {"id": "a-b", "source": "AZE", "target": "IRN", "kind": "tension", "weight": "0.5", "since": "2020",
        "confidence": "high"}
_DATASET = """sources:
  s: {title: T, publisher: P, date: 2025}
actors:
  - {id: AZE, name: Azerbaijan, kind: state, sources: [s]}
  - {id: IRN, name: Iran, kind: state, sources: [s]}
relations:
"""
_SCENARIO = """scenario:
  title: T
  rationale: R
  sources: [s]
sources:
  s: {title: T, publisher: P, date: 2025}
add:
  relations:
"""


def _yaml_relation(fields: dict[str, str]) -> str:
    lines = [f"    - id: {fields['id']}", f"      between: [{fields['source']}, {fields['target']}]"]
    lines += [f"      {key}: {fields[key]}" for key in ("kind", "weight", "since", "confidence")]
    lines += ["      domain: economic", "      evidence: E", "      sources: [s]"]
    return "\n".join(lines) + "\n"


def _yaml(tmp_path: Path, fields: dict[str, str]) -> list[Problem]:
    path = tmp_path / "d.yaml"
    path.write_text(_DATASET + _yaml_relation(fields).replace("\n    ", "\n  ")[2:], encoding="utf-8")
    return graph.validate(path)


def _scenario(tmp_path: Path, fields: dict[str, str]) -> list[Problem]:
    path = tmp_path / "s.yaml"
    path.write_text(_SCENARIO + _yaml_relation(fields), encoding="utf-8")
    return validate_scenario(path)


def _csv_text(fields: dict[str, str], columns: tuple[str, ...]) -> str:
    return ",".join(columns) + "\n" + ",".join(fields[c] for c in columns) + "\n"


def _edgelist(tmp_path: Path, fields: dict[str, str]) -> list[Problem]:
    path = tmp_path / "e.csv"
    path.write_text(_csv_text(fields, ("id", "source", "target", "kind", "weight", "since", "confidence")), "utf-8")
    return read_edgelist(path)[1]


def _imported(path: Path, fmt: str) -> list[Problem]:
    try:
        import_table(path, fmt)
    except DataError as err:
        return list(err.problems)
    return []


def _csv_import(tmp_path: Path, fields: dict[str, str]) -> list[Problem]:
    path = tmp_path / "i.csv"
    path.write_text(_csv_text(fields, tuple(GOOD)), "utf-8")
    return _imported(path, "csv")


def _xlsx_import(tmp_path: Path, fields: dict[str, str]) -> list[Problem]:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(GOOD))
    # numbers as numbers, as a person types them in a spreadsheet
    sheet.append([float(v) if k == "weight" else v for k, v in fields.items()])
    path = tmp_path / "i.xlsx"
    book.save(path)
    return _imported(path, "xlsx")


READERS = {"yaml": _yaml, "scenario": _scenario, "edgelist": _edgelist, "csv-import": _csv_import,
           "xlsx-import": _xlsx_import}


def _verdicts(tmp_path: Path, field: str, value: str, readers=READERS) -> dict[str, Problem]:
    """The one problem each reader reports for ``field`` written as ``value``."""
    out = {}
    for name, read in readers.items():
        folder = tmp_path / name
        folder.mkdir(parents=True)
        problems = read(folder, {**GOOD, field: value})
        assert len(problems) == 1, (name, [str(p) for p in problems])
        out[name] = problems[0]
    return out


def _same(verdicts: dict[str, Problem], code: str, tail: str, hint: str | None = None) -> None:
    for name, problem in verdicts.items():
        assert problem.code == code, name
        assert problem.message.endswith(tail), (name, problem.message)
        if hint is not None:
            assert problem.hint == hint, (name, problem.hint)


def test_readers_valid_relation_has_no_problem(tmp_path):
    for name, read in READERS.items():
        folder = tmp_path / name
        folder.mkdir()
        assert read(folder, dict(GOOD)) == [], name


def test_rules_unknown_kind_same_in_every_reader(tmp_path):
    verdicts = _verdicts(tmp_path, "kind", "tensoin")
    _same(verdicts, "bad-choice", "'tensoin' is not one of: alignment, tension", "did you mean 'tension'?")
    assert verdicts["yaml"].message == "relation a-b: kind 'tensoin' is not one of: alignment, tension"
    assert verdicts["edgelist"].message == "row 2, column 'kind': 'tensoin' is not one of: alignment, tension"
    assert verdicts["xlsx-import"].message == "cell D2, column 'kind': 'tensoin' is not one of: alignment, tension"


def test_rules_unknown_confidence_same_in_every_reader(tmp_path):
    verdicts = _verdicts(tmp_path, "confidence", "certain")
    _same(verdicts, "bad-choice", "'certain' is not one of: low, medium, high")


def test_rules_bad_id_same_in_every_reader(tmp_path):
    # a JavaScript name: the page could not draw it (the actor's id in YAML, the source cell in a table)
    yaml_like = {"yaml": _yaml, "scenario": _scenario}
    _same(_verdicts(tmp_path / "id", "id", "toString", yaml_like), "bad-id", rules.id_rule("toString", ""))
    tables = {k: v for k, v in READERS.items() if k not in yaml_like}
    _same(_verdicts(tmp_path / "cell", "id", "toString", tables), "bad-id", rules.id_rule("toString", ""))


def test_rules_bad_date_same_in_every_reader(tmp_path):
    verdicts = _verdicts(tmp_path, "since", "2025-13")
    _same(verdicts, "bad-date", "'2025-13' is not a valid date (month 13 does not exist)", rules.DATE_HINT)


def test_rules_weight_above_one_same_where_the_scale_is_fixed(tmp_path):
    fixed = {k: v for k, v in READERS.items() if k != "edgelist"}
    verdicts = _verdicts(tmp_path, "weight", "1.7", fixed)
    _same(verdicts, "weight-range", rules.WEIGHT_OUTSIDE)
    assert verdicts["yaml"].message == "relation a-b: weight 1.7 is outside (0, 1]"
    assert verdicts["csv-import"].message == "row 2, column 'weight': '1.7' is outside (0, 1]"
    # an edge list takes weights on any scale: it divides them by the largest
    (tmp_path / "e").mkdir()
    assert _edgelist(tmp_path / "e", {**GOOD, "weight": "1.7"}) == []


def test_rules_weight_below_the_weakest_same_in_every_reader(tmp_path):
    _same(_verdicts(tmp_path, "weight", "0.0000001"), "weight-range",
          "is below 1e-06, the weakest tie geograph analyses")


def test_rules_weight_zero_and_negative_same_where_the_scale_is_fixed(tmp_path):
    fixed = {k: v for k, v in READERS.items() if k != "edgelist"}
    for value in ("0", "-0.5"):
        verdicts = _verdicts(tmp_path / value, "weight", value, fixed)
        _same(verdicts, "weight-range", rules.WEIGHT_OUTSIDE)
        assert verdicts["yaml"].message == f"relation a-b: weight {value} {rules.WEIGHT_OUTSIDE}"
        assert verdicts["csv-import"].message == f"row 2, column 'weight': '{value}' {rules.WEIGHT_OUTSIDE}"


def test_rules_edgelist_weight_on_its_own_scale(tmp_path):
    # an edge list's weight is any non-zero number: its size the strength, a minus sign tension
    (problem,) = _edgelist(tmp_path, {**GOOD, "weight": "0"})
    assert (problem.code, problem.message) == (
        "weight-range", "row 2, column 'weight': '0' is zero: a tie of no strength is no tie")
    ds, problems = read_edgelist(_write(tmp_path / "n.csv", "source,target,weight\nAZE,IRN,-0.5\n"))
    assert problems == [] and ds.relations[0].kind == "tension"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_weight_problem_names_each_rule():
    assert [rules.weight_problem(w) for w in (rules.MIN_WEIGHT, 1, 1.0000001, 0, -1, 5e-324)] == [
        None, None, "above", "zero", "negative", "below"]


def test_match_choice_case_only_when_asked():
    assert rules.match_choice("Tension", ("tension",)) is None
    assert rules.match_choice("Tension", ("tension",), ignore_case=True) == "tension"

"""Tests of graph.importer: spreadsheets (CSV and xlsx) turned into YAML datasets.

Every file in fixtures/import/invalid/ breaks exactly one rule and yields exactly one problem; the
expected problems are written out in full. The valid spreadsheets come in pairs, a CSV file and an
xlsx workbook with the same data, both written by fixtures/import/make_fixtures.py.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import graph
from cli import main
from graph.errors import DataError, OptionError
from graph.importer import IMPORT_FORMATS, UNDATED, import_table, parse_mapping, read_table

FIXTURES = Path(__file__).parent / "fixtures" / "import"
INVALID = FIXTURES / "invalid"
MAP = {"Trade USD": "attributes.trade_usd", "Population": "attributes.population"}

ID_RULE = "is not a short code (a letter or digit, then letters, digits, _ . -; at most 40)"
DOMAIN_LIST = ("diplomatic, economic, energy, transport, security, military, intelligence, ethnic, "
               "cultural, religious, territorial, humanitarian, general")
ACTOR_KIND_LIST = "state, organisation, bloc, group, project, region, person, company"
FIELD_LIST = ("source, target, sign, kind, weight, since, until, domain, id, confidence, evidence, sources, "
              "tags, name, attributes.<name> and ignore")
SCALE = "a weight is a strength: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining"

#: fixture name -> (code, the text of str(problem) after the file name). Fixtures named actors_*
#: are actors files, imported with pair.csv (AZE–IRN); unknown_actor.csv is imported with actors.csv.
EXPECTED: dict[str, tuple[str, str]] = {
    # -- the header
    "unmapped_column.csv": ("unmapped-column", ":1:4: column 'Notes' is not mapped to a field of a relation. "
                            "Hint: did you mean --map Notes=evidence? Otherwise keep it as an attribute "
                            "(--map Notes=attributes.notes) or leave it out (--map Notes=ignore)."),
    "unmapped_column.xlsx": ("unmapped-column", ":1:5: column E 'Notes' is not mapped to a field of a relation. "
                             "Hint: did you mean --map Notes=evidence? Otherwise keep it as an attribute "
                             "(--map Notes=attributes.notes) or leave it out (--map Notes=ignore)."),
    "unnamed_column.csv": ("unknown-column", ":1:4: column 4 has no header, but row 3 holds 'Baku, Ankara'. "
                           'Hint: give the column a header; a cell that holds a comma is quoted: "Baku, Azerbaijan".'),
    "duplicate_column.csv": ("duplicate-column", ":1:5: column 'Weight' gives weight, as column 'weight' does. "
                             "Hint: map one of them to another field or to ignore."),
    "missing_target.csv": ("missing-column", ":1:1: no column gives the relations' target. Hint: map the column "
                           "of the second actor to target: --map 'To=target'."),
    "no_kind_column.csv": ("missing-column", ":1:1: no column gives the kind of a relation. Hint: map a column "
                           "to kind (alignment or tension) or to sign (1 or -1)."),
    "sign_and_kind.csv": ("conflicting-columns", ":1:4: both sign and kind columns are given. Hint: keep one: "
                          "sign (1 / -1) or kind (alignment / tension); map the other to ignore."),
    "semicolons.csv": ("separator", ":1:1: the header is one cell, 'source;target;kind': its cells are separated "
                       "by ';', not by commas. Hint: save the file as comma-separated CSV (CSV UTF-8, "
                       "comma-delimited)."),
    "no_rows.csv": ("no-rows", ": the file has a header but no rows. Hint: add one row per relation below the "
                    "header."),
    "unclosed_quote.csv": ("csv-syntax", ":2:4: row 2, column 'evidence': a quoted cell is never closed. "
                           'Hint: close the quote with "; inside a quoted cell write a quote as "".'),
    # -- cells of relations
    "bad_weight.csv": ("weight-range", f":4:4: row 4, column 'weight': '1.7' is outside (0, 1]. Hint: {SCALE}; "
                       "rescale the column (divide it by its largest value)."),
    "bad_weight.xlsx": ("weight-range", f":4:4: cell D4, column 'weight': '1.7' is outside (0, 1]. Hint: {SCALE}; "
                        "rescale the column (divide it by its largest value)."),
    "weight_text.csv": ("not-number", ":4:4: row 4, column 'weight': 'strong' is not a number. "
                        "Hint: write a number such as 0.5."),
    "negative_weight.csv": ("weight-range", ":2:4: row 2, column 'weight': '-0.5' is outside (0, 1]. Hint: the sign "
                            "comes from kind: give tension a positive weight."),
    "unknown_kind.csv": ("bad-choice", ":3:3: row 3, column 'kind': 'alliance' is not one of: alignment, "
                         "tension. Hint: did you mean 'alignment'?"),
    "bad_sign.csv": ("bad-sign", ":3:3: row 3, column 'sign': '2' is not 1 or -1. Hint: write 1 for a positive "
                     "tie (alignment), -1 for a negative one (tension)."),
    "impossible_date.csv": ("bad-date", ":2:4: row 2, column 'since': '2023-02-30' is not a valid date (day 30 "
                            "does not exist in 2023-02). Hint: write YYYY, YYYY-MM or YYYY-MM-DD."),
    "time_of_day.xlsx": ("bad-date", ":2:4: cell D2, column 'since': '2023-05-01 14:30:00' is not a valid date "
                         "(a date is YYYY, YYYY-MM or YYYY-MM-DD; the time of day is not kept). Hint: the cell holds a time of day: format it "
                         "as a date only."),
    "until_before_since.csv": ("until-before-since", ":2:5: row 2, column 'until': 2019-06 is not after since "
                               "2020. Hint: until is exclusive: the relation holds from since up to the day "
                               "before until."),
    "bad_domain.csv": ("bad-choice", f":3:4: row 3, column 'domain': 'economy' is not one of: {DOMAIN_LIST}. "
                       "Hint: did you mean 'economic'?"),
    "bad_confidence.csv": ("bad-choice", ":2:4: row 2, column 'confidence': 'certain' is not one of: low, medium, "
                           "high. Hint: write low, medium or high; leave it empty for medium."),
    "bad_id.csv": ("bad-id", f":2:2: row 2, column 'target': 'Iran (Islamic Republic)' {ID_RULE}. "
                   "Hint: use a code such as AZE or nstc."),
    "empty_cell.csv": ("empty", ":3:2: row 3, column 'target': the cell is empty. Hint: name the actor with an id "
                       "such as AZE."),
    "self_relation.csv": ("self-relation", ":3:2: row 3, column 'target': relates 'AZE' to itself. "
                          "Hint: a relation links two different actors."),
    "duplicate_id.csv": ("duplicate-id", ":4:1: row 4, column 'id': duplicate relation id 'aze-irn' (first at "
                         "row 2). Hint: ids must be unique; leave the cell empty to have one made."),
    "unknown_source.csv": ("unknown-source", ":2:4: row 2, column 'sources': unknown source 'bbc-2024': the "
                           "import defines one source, 'unknown_source' (this spreadsheet). Hint: define it in "
                           "the YAML after the import, or map the column to attributes.sources to keep the text."),
    "unknown_actor.csv": ("unknown-actor", ":3:2: row 3, column 'target': unknown actor 'IRM'. "
                          "Hint: did you mean 'IRN'?"),
    # -- cells of actors
    "actors_bad_kind.csv": ("bad-choice", f":2:3: row 2, column 'kind': 'country' is not one of: {ACTOR_KIND_LIST}. "
                            "Hint: did you mean 'state'?"),
    "actors_duplicate_id.csv": ("duplicate-id", ":4:1: row 4, column 'id': duplicate actor id 'AZE' (first at "
                                "row 2). Hint: ids must be unique."),
}


def run_fixture(name: str):
    path = INVALID / name
    fmt = path.suffix[1:]
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    if name.startswith("actors_"):
        return import_table(FIXTURES / "pair.csv", "csv", actors_path=path)
    if name == "unknown_actor.csv":
        return import_table(path, fmt, actors_path=FIXTURES / "actors.csv",
                            mapping={"Population": "attributes.population"})
    return import_table(path, fmt)


def problems_of(call) -> list[str]:
    with pytest.raises(DataError) as caught:
        call()
    return [str(p) for p in caught.value.problems]


def write(tmp_path: Path, text: str, name: str = "ties.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def caucasus(fmt: str, tmp_path: Path | None = None) -> tuple[str, graph.Dataset]:
    """The relations and actors fixtures imported from CSV files or from one workbook of two sheets."""
    output = tmp_path / "caucasus.yaml" if tmp_path else "caucasus.yaml"
    if fmt == "csv":
        return import_table(FIXTURES / "relations.csv", "csv", actors_path=FIXTURES / "actors.csv",
                            mapping=MAP, output=output)
    pytest.importorskip("openpyxl")
    return import_table(FIXTURES / "relations.xlsx", "xlsx", actors_path=FIXTURES / "relations.xlsx",
                        actors_sheet="Actors", mapping=MAP, output=output)


# --------------------------------------------------------------------------------------------
# one problem per invalid fixture


def test_import_table_fixtures_one_invalid_file_per_rule():
    assert {p.name for p in INVALID.iterdir() if p.suffix in (".csv", ".xlsx")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_import_table_invalid_fixture_reports_located_problem(name):
    code, tail = EXPECTED[name]
    with pytest.raises(DataError) as caught:
        run_fixture(name)
    problems = caught.value.problems
    assert [str(p) for p in problems] == [f"{INVALID / name}{tail}"]
    assert [p.code for p in problems] == [code]


def test_import_table_collects_every_problem_sorted(tmp_path):
    path = write(tmp_path, "source,target,kind,weight,Colour\n"
                           "AZE,IRN,alliance,0.5,red\n"
                           "AZE,AZE,tension,2,blue\n")
    assert problems_of(lambda: import_table(path, "csv")) == [
        f"{path}:1:5: column 'Colour' is not mapped to a field of a relation. Hint: map it to a field, keep it as an "
        "attribute (--map Colour=attributes.colour) or leave it out (--map Colour=ignore).",
        f"{path}:2:3: row 2, column 'kind': 'alliance' is not one of: alignment, tension. "
        "Hint: did you mean 'alignment'?",
        f"{path}:3:2: row 3, column 'target': relates 'AZE' to itself. Hint: a relation links two different actors.",
        f"{path}:3:4: row 3, column 'weight': '2' is outside (0, 1]. Hint: {SCALE}; rescale the column "
        "(divide it by its largest value).",
    ]


def test_import_table_names_a_mapped_column_by_header_and_field(tmp_path):
    path = write(tmp_path, "From,To,Relation,Strength\nAZE,IRN,tension,strong\n")
    mapping = {"From": "source", "To": "target", "Relation": "kind", "Strength": "weight"}
    assert problems_of(lambda: import_table(path, "csv", mapping=mapping)) == [
        f"{path}:2:4: row 2, column 'Strength' (weight): 'strong' is not a number. Hint: write a number such as 0.5."]


def test_import_table_map_to_unknown_field_lists_the_fields():
    with pytest.raises(OptionError) as caught:
        import_table(FIXTURES / "relations.csv", "csv", mapping={"Trade USD": "trade"})
    assert str(caught.value) == (f"--map 'Trade USD=trade': unknown field 'trade'; the fields are: {FIELD_LIST}. "
                                 "Hint: map each column to one of them.")


def test_parse_mapping_rejects_what_it_cannot_read():
    for items, message in [
        (["Trade USD"], "--map 'Trade USD' is not column=field. Hint: write --map 'Trade USD=attributes.trade_usd'."),
        (["=weight"], "--map '=weight': the column is empty. Hint: name a header of the sheet before the '='."),
        (["Notes=attributes."], "--map 'Notes=attributes.': the attribute has no name. Hint: write "
                                "attributes.<name>, such as attributes.trade_usd."),
        (["Notes=ignore", "notes=evidence"], "--map 'notes=evidence': the column 'Notes' is mapped twice. "
                                             "Hint: map each column once."),
    ]:
        with pytest.raises(OptionError) as caught:
            parse_mapping(items)
        assert str(caught.value) == message


def test_parse_mapping_splits_at_the_last_equals_sign():
    assert parse_mapping(["a=b=Attributes.X", " Weight = WEIGHT "]) == {"a=b": "Attributes.X", "Weight": "WEIGHT"}


def test_import_table_mapped_column_that_no_sheet_has(tmp_path):
    path = write(tmp_path, "source,target,kind\nAZE,IRN,tension\n")
    assert problems_of(lambda: import_table(path, "csv", mapping={"Sorce": "source"})) == [
        f"{path}:1:1: --map names the column 'Sorce', which is not among the headers of ties.csv. "
        "Hint: did you mean 'source'?"]


def test_import_table_field_of_the_other_sheet(tmp_path):
    path = write(tmp_path, "source,target,kind,Country\nAZE,IRN,tension,Azerbaijan\n")
    assert problems_of(lambda: import_table(path, "csv", mapping={"Country": "name"})) == [
        f"{path}:1:4: column 'Country' is mapped to 'name', which is not a field of a relation. Hint: the fields "
        "of a relation: source, target, sign, kind, weight, since, until, domain, id, confidence, evidence, "
        "sources, tags, attributes.<name>."]


def test_import_table_unknown_format_and_sheet_of_a_csv():
    with pytest.raises(OptionError, match="unknown format 'ods'; choose one of: csv, xlsx"):
        import_table(FIXTURES / "relations.csv", "ods")
    with pytest.raises(OptionError, match=r"a sheet \('Ties'\) was given for relations.csv"):
        import_table(FIXTURES / "relations.csv", "csv", sheet="Ties")


def test_import_table_bad_source_date():
    with pytest.raises(OptionError) as caught:
        import_table(FIXTURES / "minimal.csv", "csv", source_date="2025-13")
    assert str(caught.value) == ("source date '2025-13' is not a date (month 13 does not exist). "
                                 "Hint: write YYYY, YYYY-MM or YYYY-MM-DD.")


def test_import_table_wrong_format_for_the_file():
    pytest.importorskip("openpyxl")
    xlsx, csv_file = FIXTURES / "minimal.xlsx", FIXTURES / "minimal.csv"
    assert problems_of(lambda: import_table(xlsx, "csv")) == [
        f"{xlsx}: this is an xlsx workbook (or another zip file), not CSV text. "
        f"Hint: import it as a workbook: geograph import xlsx {xlsx}."]
    assert problems_of(lambda: import_table(csv_file, "xlsx")) == [
        f"{csv_file}: this is not an xlsx workbook. Hint: a CSV file is imported with geograph import csv; "
        "save an .xls or .ods file as .xlsx."]


def test_import_table_unknown_sheet_suggests_one():
    pytest.importorskip("openpyxl")
    path = FIXTURES / "relations.xlsx"
    assert problems_of(lambda: import_table(path, "xlsx", sheet="actors")) == [
        f"{path}: no sheet 'actors' in the workbook (sheets: Relations, Actors). Hint: did you mean 'Actors'?"]


def test_import_table_missing_file(tmp_path):
    for fmt in IMPORT_FORMATS:
        if fmt == "xlsx":
            pytest.importorskip("openpyxl")
        path = tmp_path / f"nothing.{fmt}"
        assert problems_of(lambda: import_table(path, fmt)) == [f"{path}: no such file: {path}. Hint: check the path."]


def test_import_table_xlsx_without_openpyxl(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    with pytest.raises(OptionError) as caught:
        import_table(FIXTURES / "relations.xlsx", "xlsx")
    assert str(caught.value) == "import xlsx needs openpyxl. Hint: pip install 'geograph[xlsx]'"


# --------------------------------------------------------------------------------------------
# valid spreadsheets


@pytest.mark.parametrize("fmt", IMPORT_FORMATS)
def test_import_table_round_trip_equals_graph_load(fmt, tmp_path):
    text, ds = caucasus(fmt, tmp_path)
    output = tmp_path / "caucasus.yaml"
    output.write_text(text, encoding="utf-8")
    assert graph.validate(output) == []
    assert graph.load(output) == ds
    assert ds.path == str(output)


def test_import_table_reads_every_field():
    _, ds = caucasus("csv")
    assert ds.title == "relations.csv"
    source = ds.sources["relations"]
    # no date given: the latest date in the sheet, since 2025-02 of row 4
    assert (source.title, source.publisher, source.date) == ("relations.csv", "spreadsheet import", "2025-02")
    trade, spies, energy, road = ds.relations
    assert (trade.id, trade.source, trade.target, trade.kind, trade.domain, trade.weight) == (
        "aze-irn-trade", "AZE", "IRN", "alignment", "economic", 0.6)
    assert (str(trade.since), trade.until, trade.confidence, trade.directed) == ("1991", None, "high", False)
    assert trade.evidence == "Trade kept rising through 2024, despite political friction."
    assert dict(trade.attributes) == {"trade_usd": 580000000} and trade.sources == ("relations",)
    assert (spies.id, spies.confidence, dict(spies.attributes)) == ("aze-irn-tension-intelligence", "medium", {})
    # row 4 has an empty evidence cell: the placeholder names the row
    assert (energy.target, str(energy.since), energy.evidence) == ("NO", "2025-02", "relations.csv, row 4")
    assert (road.id, str(road.until)) == ("arm-irn-alignment-transport", "2024-09-01")
    assert [(a.id, a.name, a.kind, a.tags) for a in ds.actors] == [
        ("ARM", "Armenia", "state", ("south-caucasus",)), ("AZE", "Azerbaijan", "state", ("south-caucasus", "caspian")),
        ("IRN", "Iran", "state", ("caspian",)), ("NO", "Norway", "state", ()),
    ]


def test_import_table_attributes_mapping():
    _, ds = caucasus("csv")
    assert {a.id: dict(a.attributes) for a in ds.actors} == {
        "ARM": {}, "AZE": {"population": 10000000}, "IRN": {}, "NO": {"population": 5500000}}
    assert [dict(r.attributes) for r in ds.relations] == [{"trade_usd": 580000000}, {}, {}, {}]


def test_import_table_attribute_values_keep_their_type(tmp_path):
    path = write(tmp_path, "source,target,kind,code,share,note,big\n"
                           "AZE,IRN,tension,0123,0.25,\"580 million\",12345678901234567890\n")
    mapping = {c: f"attributes.{c}" for c in ("code", "share", "note", "big")}
    _, ds = import_table(path, "csv", mapping=mapping)
    assert dict(ds.relations[0].attributes) == {"code": "0123", "share": 0.25, "note": "580 million",
                                                "big": "12345678901234567890"}   # beyond 2**63: text


def test_import_table_xlsx_and_csv_give_the_same_yaml():
    from_csv, ds_csv = caucasus("csv")
    from_xlsx, ds_xlsx = caucasus("xlsx")

    def body(text: str, name: str) -> str:
        # the header comment names the files and the command; the rest names the file only
        return text[text.index("\ntitle:"):].replace(name, "FILE")

    assert body(from_csv, "relations.csv") == body(from_xlsx, "relations.xlsx")
    assert ds_csv.relations == tuple(replace(r, evidence=r.evidence.replace("relations.xlsx", "relations.csv"))
                                     for r in ds_xlsx.relations)
    assert ds_csv.actors == ds_xlsx.actors


def test_import_table_minimal_xlsx_matches_csv():
    pytest.importorskip("openpyxl")
    from_csv, _ = import_table(FIXTURES / "minimal.csv", "csv")
    from_xlsx, _ = import_table(FIXTURES / "minimal.xlsx", "xlsx")
    assert from_csv.replace("minimal.csv", "F").replace("import csv", "import X") == \
        from_xlsx.replace("minimal.xlsx", "F").replace("import xlsx", "import X")


@pytest.mark.parametrize("fmt", IMPORT_FORMATS)
def test_import_table_byte_identical_twice(fmt):
    assert caucasus(fmt)[0].encode() == caucasus(fmt)[0].encode()


def test_import_table_minimal_yaml_as_a_person_would_write_it():
    text, ds = import_table(FIXTURES / "minimal.csv", "csv", output="minimal.yaml")
    assert text == MINIMAL_YAML.replace("FIXTURES", str(FIXTURES / "minimal.csv"))
    assert ds.sources["minimal"].date == UNDATED


MINIMAL_YAML = """\
# A geograph dataset imported from minimal.csv (relations) with:
#   geograph import csv FIXTURES -o minimal.yaml
# Check it with: geograph validate minimal.yaml

title: "minimal.csv"

sources:
  minimal:
    title: "minimal.csv"
    publisher: spreadsheet import
    date: "0001"  # the sheet records no date: write the date the spreadsheet was compiled

actors:
  # The ids named in minimal.csv, each named by its id. Three upper-case letters
  # give kind state (read as a country code), any other id group: check names and kinds.
  - id: "1"
    name: "1"
    kind: group

  - id: "2"
    name: "2"
    kind: group

  - id: AZE
    name: AZE
    kind: state

  - id: IRN
    name: IRN
    kind: state

  - id: TUR
    name: TUR
    kind: state

relations:
  # minimal.csv has no weight column: every weight is 1.0 (defining). Set each on the scale
  # 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining.
  # minimal.csv has no evidence column: each evidence below only names its row.
  # Replace it with one sentence in your own words: what shows the relation.
  - id: aze-irn-tension-general  # row 2
    between: [AZE, IRN]
    kind: tension
    domain: general
    weight: 1.0
    evidence: "minimal.csv, row 2"
    sources: [minimal]

  - id: aze-tur-alignment-general  # row 3
    between: [AZE, TUR]
    kind: alignment
    domain: general
    weight: 1.0
    evidence: "minimal.csv, row 3"
    sources: [minimal]

  - id: 1-2-alignment-general  # row 4
    between: ["1", "2"]
    kind: alignment
    domain: general
    weight: 1.0
    evidence: "minimal.csv, row 4"
    sources: [minimal]
"""


def test_import_table_norway_like_ids_are_quoted(tmp_path):
    path = write(tmp_path, "source,target,kind\nNO,YES,tension\nON,off,alignment\n1e3,0x1F,tension\n"
                           "y,null,alignment\n")
    text, ds = import_table(path, "csv")
    assert '  - id: "NO"\n' in text and '    between: ["NO", "YES"]\n' in text
    assert '    between: ["ON", "off"]\n' in text and '    between: ["1e3", "0x1F"]\n' in text
    assert '    between: ["y", "null"]\n' in text
    assert [(r.source, r.target) for r in ds.relations] == [
        ("NO", "YES"), ("ON", "off"), ("1e3", "0x1F"), ("y", "null")]
    # plain YAML reads the file back with the same text, not booleans or numbers
    plain = yaml.safe_load(text)
    assert [a["id"] for a in plain["actors"]] == ["0x1F", "1e3", "NO", "ON", "YES", "null", "off", "y"]


def test_import_table_partial_dates_are_quoted(tmp_path):
    path = write(tmp_path, "source,target,kind,since,until\nAZE,IRN,tension,2025-02,2026\n"
                           "AZE,TUR,alignment,1991,2025-02-17\n")
    text, ds = import_table(path, "csv")
    assert '    since: "2025-02"\n    until: 2026\n' in text
    assert "    since: 1991\n    until: 2025-02-17\n" in text
    assert [(str(r.since), str(r.until)) for r in ds.relations] == [("2025-02", "2026"), ("1991", "2025-02-17")]
    # the source date is the latest of those dates, as written
    assert ds.sources["ties"].date == "2026"


def test_import_table_text_survives_any_character(tmp_path):
    names = ['Côte d\'Ivoire', 'a: b', '# not a comment', '- dash', 'yes', '"quoted"', 'back\\slash',
             'tab\there', 'line\u2028separator', '[list]', '{map}', '&anchor', '*alias', '!tag', '%', '@', '`',
             '~', '?', "x'", 'Türkiye', '2025-02', '1:20', '.5', 'multi\nline']
    rows = "".join(f'A{i},"{n.replace(chr(34), chr(34) * 2)}"\n' for i, n in enumerate(names))
    actors = write(tmp_path, "id,name\n" + rows, "actors.csv")
    relations = write(tmp_path, "source,target,kind\n" + "".join(f"A{i},A{i + 1},alignment\n"
                                                               for i in range(len(names) - 1)))
    text, ds = import_table(relations, "csv", actors_path=actors, output=tmp_path / "out.yaml")
    assert [ds.actor(f"A{i}").name for i in range(len(names))] == names
    (tmp_path / "out.yaml").write_text(text, encoding="utf-8")
    assert graph.load(tmp_path / "out.yaml") == ds


def test_import_table_headers_match_fields_whatever_their_case(tmp_path):
    path = write(tmp_path, " Source ,TARGET,Kind,Since,attributes.Trade_USD\nAZE,IRN,Tension,2020,5\n")
    _, ds = import_table(path, "csv")
    (rel,) = ds.relations
    assert (rel.source, rel.target, rel.kind, str(rel.since)) == ("AZE", "IRN", "tension", "2020")
    assert dict(rel.attributes) == {"Trade_USD": 5}


def test_import_table_ignored_column_is_named_in_the_header(tmp_path):
    path = write(tmp_path, "source,target,kind,Notes\nAZE,IRN,tension,ask Leyla\n")
    text, ds = import_table(path, "csv", mapping={"Notes": "ignore"})
    assert "# Columns of ties.csv left out on purpose (mapped to ignore): Notes.\n" in text
    assert "Leyla" not in text and len(ds.relations) == 1


def test_import_table_line_breaks_stay_out_of_comments(tmp_path):
    # a workbook header often holds a line break (Alt+Enter); the header comment names it on one line
    path = write(tmp_path, 'source,target,kind,"Trade\nUSD"\nAZE,IRN,tension,5\n', "two\nlines.csv")
    text, ds = import_table(path, "csv", mapping={"Trade USD": "ignore"}, source_title="A\ntitle",
                            output=tmp_path / "out.yaml")
    assert "# Columns of two lines.csv left out on purpose (mapped to ignore): Trade USD.\n" in text
    (tmp_path / "out.yaml").write_text(text, encoding="utf-8")
    assert graph.load(tmp_path / "out.yaml") == ds and ds.title == "A\ntitle"


def test_import_table_source_title_date_and_sources_column(tmp_path):
    path = write(tmp_path, "source,target,kind,sources\nAZE,IRN,tension,ties\n")
    text, ds = import_table(path, "csv", source_title="Regional ties, 2025", source_date="2025-03-01")
    source = ds.sources["ties"]
    assert (source.title, source.date) == ("Regional ties, 2025", "2025-03-01")
    assert "    date: 2025-03-01\n" in text  # given: no comment asks to replace it
    assert ds.relations[0].sources == ("ties",)


def test_import_table_source_id_from_an_awkward_file_name(tmp_path):
    path = write(tmp_path, "source,target,kind\nAZE,IRN,tension\n", "My Relations (2025).csv")
    _, ds = import_table(path, "csv")
    assert list(ds.sources) == ["my-relations-2025"]


def test_import_table_evidence_placeholder_names_the_sheet_when_given():
    pytest.importorskip("openpyxl")
    _, ds = import_table(FIXTURES / "relations.xlsx", "xlsx", sheet="Relations", mapping={"Trade USD": "ignore"})
    assert ds.relations[2].evidence == "relations.xlsx, sheet Relations, row 4"


def test_import_table_generated_ids_avoid_explicit_ones(tmp_path):
    path = write(tmp_path, "id,source,target,kind\n,AZE,IRN,tension\naze-irn-tension-general,IRN,AZE,tension\n")
    _, ds = import_table(path, "csv")
    assert [r.id for r in ds.relations] == ["aze-irn-tension-general-2", "aze-irn-tension-general"]


def test_import_table_overlong_generated_id_is_left_to_the_loader(tmp_path):
    a, b = "A" * 40, "B" * 40
    path = write(tmp_path, f"source,target,kind\n{a},{b},tension\n")
    text, ds = import_table(path, "csv")
    assert f"  - between: [{a}, {b}]  # row 2\n" in text
    assert ds.relations[0].id == f"{a}-{b}-tension-general".lower()


def test_import_table_tiny_weight_reads_back(tmp_path):
    path = write(tmp_path, "source,target,kind,weight\nAZE,IRN,tension,1e-5\nAZE,TUR,alignment,1\n")
    text, ds = import_table(path, "csv")
    assert "    weight: 1.0e-05\n" in text and "    weight: 1.0\n" in text
    assert [r.weight for r in ds.relations] == [1e-05, 1.0]


def test_read_table_xlsx_cells_as_text():
    pytest.importorskip("openpyxl")
    rows = read_table(FIXTURES / "relations.xlsx", "xlsx")
    assert rows[0] == (1, ("ID", "Source", "Target", "Kind", "Weight", "Since", "Until", "Domain", "Confidence",
                           "Evidence", "Trade USD"))
    # numbers as written, a date cell as YYYY-MM-DD, empty cells as ""
    assert rows[4] == (5, ("", "IRN", "ARM", "alignment", "0.5", "1992", "2024-09-01", "transport", "",
                           "Armenia's road to Iran is its lifeline.", ""))
    assert read_table(FIXTURES / "relations.xlsx", "xlsx", sheet="Actors")[3] == (
        4, ("NO", "Norway", "state", "", "5500000"))


def test_read_table_csv_matches_xlsx():
    pytest.importorskip("openpyxl")
    assert read_table(FIXTURES / "relations.csv", "csv") == read_table(FIXTURES / "relations.xlsx", "xlsx")


def test_validate_command_accepts_the_imported_yaml(tmp_path):
    text, _ = caucasus("csv", tmp_path)
    output = tmp_path / "caucasus.yaml"
    output.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"ok: {output}: 4 actors, 4 relations, 0 events, 1 source\n"


def test_write_import_writes_the_yaml_import_table_returns(tmp_path):
    from graph.importer import write_import

    (tmp_path / "ties.csv").write_text("source,target,kind\nAZE,IRN,tension\n", encoding="utf-8")
    text, expected = import_table(tmp_path / "ties.csv", "csv", output=tmp_path / "ties.yaml")
    path, ds = write_import(tmp_path / "ties.csv", "csv", tmp_path / "ties.yaml")
    assert path == tmp_path / "ties.yaml" and path.read_text(encoding="utf-8") == text
    assert ds.relations == expected.relations


def test_write_import_writes_nothing_when_the_sheet_has_a_problem(tmp_path):
    from graph.errors import DataError
    from graph.importer import write_import

    (tmp_path / "bad.csv").write_text("source,target,kind\nAZE,IRN,tensoin\n", encoding="utf-8")
    with pytest.raises(DataError):
        write_import(tmp_path / "bad.csv", "csv", tmp_path / "bad.yaml")
    assert not (tmp_path / "bad.yaml").exists()

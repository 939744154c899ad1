"""Tests of graph.edgelist: CSV edge lists read as datasets.

Every file in fixtures/csv/invalid/ breaks exactly one rule and yields exactly one problem; the
expected problems are written out in full, so a change in a message, a hint or a position shows
up here. The reference networks in fixtures/reference/ are published data (see the README there).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from graph.edgelist import SOURCE_ID, read_edgelist
from graph.read.edgelist import EDGE_LIST_COLUMNS
from graph.model import DOMAINS, Actor

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "csv" / "valid"
INVALID = FIXTURES / "csv" / "invalid"
REFERENCE = FIXTURES / "reference"

ID_RULE = "is not a short code (a letter or digit, then letters, digits, _ . -; at most 40)"
DOMAIN_LIST = ("diplomatic, economic, energy, transport, security, military, intelligence, ethnic, "
               "cultural, religious, territorial, humanitarian, general")
COLUMN_LIST = "source, target, sign, kind, weight, since, until, domain, id, confidence, evidence, directed"
SIGN_HINT = "Hint: write 1 for a positive tie (alignment), -1 for a negative one (tension)."
QUOTE_HINT = 'Hint: close the quote with "; inside a quoted cell write a quote as "".'
MISMATCH_HINT = "Hint: a negative weight means tension: make the tie negative, or drop the minus sign."

#: fixture name -> (code, the text of str(problem) after the file name, how many relations still load)
EXPECTED: dict[str, tuple[str, str, int]] = {
    # -- reading the file
    "empty": ("empty", ": the file is empty. Hint: write a header row such as source,target,sign, "
              "then one row per tie.", 0),
    "binary": ("binary", ": this is a binary file, not CSV text. Hint: an edge list is UTF-8 text with "
               "comma-separated cells.", 0),
    "utf16": ("encoding", ": the file is UTF-16 text, not UTF-8. Hint: save it as CSV UTF-8 (comma-delimited).", 0),
    # row 2, column 4 is the evidence cell `Astaraçay bridge` written in Latin-1
    "not_utf8": ("encoding", ":2:4: the file is not UTF-8 text (byte 0xe7). Hint: save the file as UTF-8 "
                 "(in a spreadsheet: CSV UTF-8).", 0),
    "unclosed_quote": ("csv-syntax", ":3:4: row 3, column 'evidence': a quoted cell is never closed. "
                       + QUOTE_HINT, 1),
    "text_after_quote": ("csv-syntax", ":2:3: row 2, column 'sign': text follows the closing quote of a cell. "
                         'Hint: quote the whole cell, and write a quote inside it as "".', 0),
    "no_rows": ("no-rows", ": the file has a header but no rows. Hint: add one row per tie below the header, "
                "such as AZE,IRN,-1.", 0),
    # -- the header
    "blank_first_line": ("missing-header", ":1:1: line 1 is empty: the first line must be the header row. "
                         "Hint: start the file with a header such as source,target,sign.", 0),
    "not_a_header": ("missing-header", f":1:1: line 1 is not a header: it names none of the columns "
                     f"{COLUMN_LIST}. Hint: add a header row such as source,target,sign as the first line.", 0),
    "semicolons": ("separator", ":1:1: the header is one cell, 'source;target;sign': its cells are separated "
                   "by ';', not by commas. Hint: save the file as comma-separated CSV (CSV UTF-8, "
                   "comma-delimited).", 0),
    "unknown_column": ("unknown-column", ":1:4: unknown column 'wieght'. Hint: did you mean 'weight'?", 1),
    "unknown_column_no_guess": ("unknown-column", f":1:4: unknown column 'window'. Hint: allowed columns: "
                                f"{COLUMN_LIST}.", 1),
    "unnamed_column": ("unknown-column", ":1:4: column 4 has no name. Hint: name it, or delete the column "
                       "(a trailing comma makes an empty one).", 1),
    "duplicate_column": ("duplicate-column", ":1:4: column 'sign' appears twice (first as column 3). "
                         "Hint: keep one of them.", 1),
    "missing_target": ("missing-column", ":1:1: missing required column 'target'. Hint: the header must "
                       "name source and target, the two actors of each tie.", 0),
    "sign_and_kind": ("conflicting-columns", ":1:4: both sign and kind columns are given. Hint: keep one: "
                      "sign (1 / -1) or kind (alignment / tension).", 0),
    "no_sign_column": ("missing-column", ":1:1: no column gives the sign of a tie. Hint: add a column sign "
                       "(1 or -1), kind (alignment or tension) or weight (negative for tension).", 0),
    # -- rows
    "row_too_long": ("row-length", ':3:4: row 3 has 4 cells, but the header has 3. Hint: quote a cell that '
                     'holds a comma: "Baku, Azerbaijan".', 1),
    "row_too_short": ("row-length", ":3:3: row 3 has 2 cells, but the header has 3. Hint: give every column "
                      "a cell, an empty one where the value is optional (AZE,IRN,-1,,).", 1),
    "empty_cell": ("empty", ":3:2: row 3, column 'target': the cell is empty. Hint: name the actor with an id "
                   "such as AZE.", 1),
    "bad_id": ("bad-id", f":2:2: row 2, column 'target': 'Iran (Islamic Republic)' {ID_RULE}. "
               "Hint: use a code such as AZE or nstc.", 1),
    "self_relation": ("self-relation", ":3:2: row 3, column 'target': relates 'AZE' to itself. "
                      "Hint: a relation links two different actors.", 1),
    "bad_sign": ("bad-sign", f":3:3: row 3, column 'sign': '2' is not 1 or -1. {SIGN_HINT}", 2),
    "unicode_minus": ("bad-sign", ":2:3: row 2, column 'sign': '\u22121' is not 1 or -1. "
                      "Hint: write the minus sign as a plain '-'.", 0),
    "bad_kind": ("bad-choice", ":3:3: row 3, column 'kind': 'alliance' is not one of: alignment, tension. "
                 "Hint: did you mean 'alignment'?", 1),
    "weight_text": ("not-number", ":3:4: row 3, column 'weight': 'strong' is not a number. "
                    "Hint: write a number such as 0.5 or -3.", 1),
    "weight_decimal_comma": ("not-number", ":2:4: row 2, column 'weight': '0,5' is not a number. "
                             "Hint: write a decimal point, not a comma: 0.5.", 0),
    "weight_zero": ("weight-range", ":3:3: row 3, column 'weight': '0' is zero: a tie of no strength is no tie. "
                    "Hint: leave the row out, or give the tie a small weight.", 1),
    "weight_nan": ("not-number", ":3:3: row 3, column 'weight': 'NaN' is not a finite number. "
                   "Hint: give the strength as an ordinary number.", 1),
    "weight_empty": ("empty", ":3:4: row 3, column 'weight': the cell is empty. Hint: give a number: its size "
                     "is the strength, a minus sign means tension.", 1),
    "sign_weight_mismatch": ("sign-mismatch", ":3:4: row 3, column 'weight': '-3' is negative, but sign is 1. "
                             + MISMATCH_HINT, 1),
    "kind_weight_mismatch": ("sign-mismatch", ":3:4: row 3, column 'weight': '-0.5' is negative, but kind is "
                             "alignment. " + MISMATCH_HINT, 1),
    "bad_domain": ("bad-choice", f":3:4: row 3, column 'domain': 'economy' is not one of: {DOMAIN_LIST}. "
                   "Hint: did you mean 'economic'?", 1),
    "bad_confidence": ("bad-choice", ":3:4: row 3, column 'confidence': 'certain' is not one of: low, medium, "
                       "high. Hint: write low, medium or high; leave it empty for medium.", 1),
    "bad_date": ("bad-date", ":2:5: row 2, column 'until': '2023-13' is not a valid date (month 13 does not "
                 "exist). Hint: write YYYY, YYYY-MM or YYYY-MM-DD.", 0),
    "until_before_since": ("until-before-since", ":2:5: row 2, column 'until': 2019-06 is not after since 2020. "
                           "Hint: until is exclusive: the relation holds from since up to the day before until.", 0),
    "bad_relation_id": ("bad-id", f":2:1: row 2, column 'id': 'trade deal' {ID_RULE}. "
                        "Hint: use a code such as aze-irn-trade.", 0),
    "duplicate_id": ("duplicate-id", ":4:1: row 4, column 'id': duplicate relation id 'aze-irn' (first at row 2). "
                     "Hint: ids must be unique; leave the cell empty to have one made.", 2),
    "bad_directed": ("bad-choice", ":3:4: row 3, column 'directed': 'both' is not one of: true, false, yes, no, 1, "
                     "0. Hint: write true (or yes, 1) for a tie from source to target only; false (no, 0) or an "
                     "empty cell for a mutual one.", 1),
}


def read(path: Path):
    """Read a fixture, naming it by its file name in problems."""
    return read_edgelist(path, display=path.name)


def texts(problems) -> list[str]:
    return [str(p) for p in problems]


def write(tmp_path: Path, text: str | bytes, name: str = "ties.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


# --------------------------------------------------------------------------------------------
# the fixtures themselves


def test_read_edgelist_fixtures_one_invalid_file_per_rule():
    assert {p.stem for p in INVALID.glob("*.csv")} == set(EXPECTED)


def test_read_edgelist_general_domain_is_in_the_model():
    # the default domain of an edge list row; graph.model must offer it
    assert "general" in DOMAINS


# --------------------------------------------------------------------------------------------
# valid files


@pytest.mark.parametrize("name", ["sign", "kind_weight_dates", "weights_only"])
def test_read_edgelist_valid_fixture_has_no_problem(name):
    ds, problems = read(VALID / f"{name}.csv")
    assert problems == []
    assert ds.relations


def test_read_edgelist_sign_fixture_reads_every_row():
    path = VALID / "sign.csv"
    ds, _ = read_edgelist(path)
    assert ds.title == "sign.csv" and ds.path == str(path)
    assert ds.description == "Edge list sign.csv: no weight column, so every weight is 1.0."
    assert ds.actor_ids == ("ARM", "AZE", "IRN", "RUS", "TUR")
    assert [(a.name, a.kind) for a in ds.actors][:2] == [("ARM", "state"), ("AZE", "state")]
    # 1, -1, +1, 1.0 and -1.0 are all signs; the empty row 4 (",,") is skipped
    assert [(r.source, r.target, r.kind) for r in ds.relations] == [
        ("AZE", "IRN", "tension"), ("AZE", "TUR", "alignment"), ("ARM", "AZE", "tension"),
        ("IRN", "RUS", "alignment"), ("TUR", "RUS", "alignment"),
    ]
    assert [r.location.line for r in ds.relations] == [2, 3, 5, 6, 7]
    assert [r.id for r in ds.relations] == [
        "aze-irn-tension-general", "aze-tur-alignment-general", "arm-aze-tension-general",
        "irn-rus-alignment-general", "rus-tur-alignment-general",
    ]
    first = ds.relations[0]
    assert (first.directed, first.weight, first.domain, first.confidence) == (False, 1.0, "general", "medium")
    assert (first.since, first.until, first.evidence) == (None, None, "sign.csv, row 2")
    assert first.sources == (SOURCE_ID,) and dict(first.attributes) == {}
    source = ds.sources[SOURCE_ID]
    assert (source.title, source.publisher, source.date) == ("sign.csv", "edge list", "n.d.")


def test_read_edgelist_kind_weight_dates_fixture_reads_optional_columns():
    ds, _ = read(VALID / "kind_weight_dates.csv")
    trade, security, corridor = ds.relations
    assert trade.id == "aze-irn-trade"
    assert (trade.kind, trade.domain, trade.weight, str(trade.since), trade.until, trade.confidence) == (
        "alignment", "economic", 0.6, "1991", None, "high")
    assert trade.evidence == "Trade between the two neighbours keeps rising."
    # the evidence of row 3 is a quoted cell over two lines, so the next row starts on line 5
    assert security.id == "aze-irn-tension-security"
    assert (str(security.since), str(security.until), security.confidence) == ("2020", "2023-01", "medium")
    assert security.evidence == "Recurring friction over border security,\nwritten over two lines."
    assert (corridor.id, corridor.location.line, corridor.evidence) == (
        "nstc-rus-alignment-transport", 5, "kind_weight_dates.csv, row 5")
    # no magnitude above 1: the weights are kept as written
    assert [r.weight for r in ds.relations] == [0.6, 0.5, 0.8]
    assert [r.attributes["weight_raw"] for r in ds.relations] == [0.6, 0.5, 0.8]
    assert ds.description == "Edge list kind_weight_dates.csv: weights as written (none is above 1)."
    assert {a.id: a.kind for a in ds.actors} == {"AZE": "state", "IRN": "state", "NSTC": "group", "RUS": "state"}


def test_read_edgelist_weights_only_negative_means_tension_and_is_scaled():
    ds, _ = read(VALID / "weights_only.csv")
    assert [(r.source, r.target, r.kind, r.weight, r.attributes["weight_raw"]) for r in ds.relations] == [
        ("A", "B", "alignment", 1.0, 4.0),
        ("B", "C", "tension", 0.5, -2.0),
        ("A", "C", "tension", 0.375, -1.5),
        ("C", "D", "alignment", 0.125, 0.5),
    ]
    assert ds.description == "Edge list weights_only.csv: weights divided by 4, the largest magnitude."
    assert all(a.kind == "group" for a in ds.actors)


def test_read_edgelist_bom_crlf_and_blank_lines(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfsource,target,sign\r\nAZE,IRN,-1\r\n\r\n , ,\r\nAZE,TUR,1\r\n")
    ds, problems = read_edgelist(path)
    assert problems == []
    assert [(r.source, r.target, r.location.line) for r in ds.relations] == [("AZE", "IRN", 2), ("AZE", "TUR", 5)]


def test_read_edgelist_cells_are_stripped(tmp_path):
    path = write(tmp_path, "source , target,kind\n AZE , IRN , tension \n")
    ds, problems = read_edgelist(path)
    assert problems == []
    assert [(r.source, r.target, r.kind) for r in ds.relations] == [("AZE", "IRN", "tension")]


def test_read_edgelist_sign_with_positive_weight_is_magnitude(tmp_path):
    # with a sign column, a weight is a magnitude: -1 with 3 is tension of strength 3
    path = write(tmp_path, "source,target,sign,weight\nAZE,IRN,-1,3\nAZE,TUR,1,1.5\n")
    ds, problems = read_edgelist(path)
    assert problems == []
    assert [(r.kind, r.weight, r.attributes["weight_raw"]) for r in ds.relations] == [
        ("tension", 1.0, 3.0), ("alignment", 0.5, 1.5)]


def test_read_edgelist_generated_ids_avoid_explicit_ids(tmp_path):
    path = write(tmp_path, "id,source,target,sign\n,AZE,IRN,1\naze-irn-alignment-general,IRN,AZE,1\n"
                           ",IRN,AZE,1\n")
    ds, problems = read_edgelist(path)
    assert problems == []
    assert [r.id for r in ds.relations] == [
        "aze-irn-alignment-general-2", "aze-irn-alignment-general", "aze-irn-alignment-general-3"]


def test_read_edgelist_generated_ids_are_stable(tmp_path):
    path = write(tmp_path, (REFERENCE / "sampson_everett_borgatti2014_directed.csv").read_text("utf-8"))
    first = [r.id for r in read_edgelist(path)[0].relations]
    assert first == [r.id for r in read_edgelist(path)[0].relations]
    assert len(set(first)) == len(first)


# --------------------------------------------------------------------------------------------
# one problem per invalid fixture


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_read_edgelist_invalid_fixture_reports_located_problem(name):
    path = INVALID / f"{name}.csv"
    code, tail, loaded = EXPECTED[name]
    ds, problems = read(path)
    assert texts(problems) == [f"{name}.csv{tail}"]
    assert [p.code for p in problems] == [code]
    # the rows without a problem still load (none when the header or the file is broken)
    assert len(ds.relations) == loaded


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_read_edgelist_invalid_fixture_names_its_path(name):
    path = INVALID / f"{name}.csv"
    ds, problems = read_edgelist(path)
    assert [p.path for p in problems] == [str(path)]
    assert ds.path == str(path) and ds.title == f"{name}.csv"


def test_read_edgelist_collects_every_problem_sorted(tmp_path):
    path = write(tmp_path, "source,target,sign,domain,colour\n"
                           "AZE,IRN,2,economy,red\n"
                           "AZE,AZE,1,,blue\n"
                           "AZE,TUR,1,security,green\n")
    ds, problems = read(path)
    assert texts(problems) == [
        f"ties.csv:1:5: unknown column 'colour'. Hint: allowed columns: {COLUMN_LIST}.",
        f"ties.csv:2:3: row 2, column 'sign': '2' is not 1 or -1. {SIGN_HINT}",
        f"ties.csv:2:4: row 2, column 'domain': 'economy' is not one of: {DOMAIN_LIST}. "
        "Hint: did you mean 'economic'?",
        "ties.csv:3:2: row 3, column 'target': relates 'AZE' to itself. "
        "Hint: a relation links two different actors.",
    ]
    assert [(r.source, r.target, r.domain) for r in ds.relations] == [("AZE", "TUR", "security")]
    assert ds.actor_ids == ("AZE", "TUR")


def test_read_edgelist_misspelt_column_is_read_as_the_one_meant(tmp_path):
    # one slip, one problem: 'from'-style names do not also make 'target' missing
    path = write(tmp_path, "source,to,wieght\nAZE,IRN,3\n")
    _, problems = read(path)
    assert texts(problems) == [
        "ties.csv:1:2: unknown column 'to'. Hint: did you mean 'target'?",
        "ties.csv:1:3: unknown column 'wieght'. Hint: did you mean 'weight'?",
    ]


def test_read_edgelist_header_case_and_spaces_aside(tmp_path):
    # a spreadsheet's 'Source' and ' TARGET ' are the columns source and target, as import csv reads them
    path = write(tmp_path, "Source, TARGET ,Sign,Since \nAZE,IRN,-1,2020\n")
    ds, problems = read(path)
    assert problems == []
    [r] = ds.relations
    assert (r.source, r.target, r.kind, str(r.since)) == ("AZE", "IRN", "tension", "2020")


def test_read_edgelist_same_column_in_two_spellings_is_a_duplicate(tmp_path):
    path = write(tmp_path, "source,target,sign,Sign\nAZE,IRN,-1,1\n")
    _, problems = read(path)
    assert texts(problems) == ["ties.csv:1:4: columns 'sign' and 'Sign' are both sign (first as column 3). "
                               "Hint: keep one of them."]


def test_read_edgelist_missing_source_still_checks_the_rows(tmp_path):
    path = write(tmp_path, "target,sign\nIRN,2\n")
    ds, problems = read(path)
    assert texts(problems) == [
        "ties.csv:1:1: missing required column 'source'. Hint: the header must name source and target, "
        "the two actors of each tie.",
        f"ties.csv:2:2: row 2, column 'sign': '2' is not 1 or -1. {SIGN_HINT}",
    ]
    assert ds.relations == ()


def test_read_edgelist_quoted_cell_over_lines_gives_the_row_its_first_line(tmp_path):
    path = write(tmp_path, 'source,target,sign,evidence\nAZE,IRN,1,"one\ntwo\nthree"\nAZE,TUR,7,x\n')
    _, problems = read(path)
    assert texts(problems) == [f"ties.csv:5:3: row 5, column 'sign': '7' is not 1 or -1. {SIGN_HINT}"]


def test_read_edgelist_overlong_cell_is_one_problem(tmp_path):
    path = write(tmp_path, "source,target,sign,evidence\nAZE,IRN,1," + "x" * 200_000 + "\n")
    _, problems = read(path)
    assert texts(problems) == [
        "ties.csv:2:4: row 2, column 'evidence': a cell is longer than 131,072 characters. "
        "Hint: check for a quote that is never closed; a cell holds one value."]


def test_read_edgelist_missing_file(tmp_path):
    path = tmp_path / "nothing.csv"
    ds, problems = read_edgelist(path)
    assert texts(problems) == [f"{path}: no such file: {path}. Hint: check the path."]
    assert ds.relations == () and ds.actors == ()


def test_read_edgelist_folder_is_unreadable(tmp_path):
    (tmp_path / "folder.csv").mkdir()
    _, problems = read(tmp_path / "folder.csv")
    assert [(p.code, p.line) for p in problems] == [("unreadable", 0)]


def test_read_edgelist_never_raises_on_odd_bytes(tmp_path):
    for i, data in enumerate([b'"', b"\xef\xbb\xbf", b",,,\n,,,\n", b"source\n\xff", b'source,target,sign\n"a""b,c\n']):
        path = write(tmp_path, data, f"odd{i}.csv")
        _, problems = read_edgelist(path)
        assert problems, data


# --------------------------------------------------------------------------------------------
# the reference networks


def test_read_edgelist_gahuku_gama_has_16_actors_and_58_relations():
    ds, problems = read(REFERENCE / "gahuku_gama_read1954.csv")
    assert problems == []
    assert len(ds.actors) == 16 and len(ds.relations) == 58
    assert Counter(r.kind for r in ds.relations) == {"alignment": 29, "tension": 29}
    assert ds.actor_ids == ("ALIKA", "ASARO", "GAHUK", "GAMA", "GAVEV", "GEHAM", "KOHIK", "KOTUN", "MASIL",
                            "NAGAD", "NAGAM", "NOTOH", "OVE", "SEUVE", "UHETO", "UKUDZ")
    assert all(not r.directed and r.weight == 1.0 and r.domain == "general" for r in ds.relations)
    # three upper-case letters read as a state code: OVE, a tribe, shows the limit of that rule
    assert ds.actor("GAVEV") == Actor("GAVEV", "GAVEV", "group", sources=(SOURCE_ID,))
    assert ds.actor("OVE").kind == "state"


def test_read_edgelist_everett_borgatti_numeric_ids():
    ds, problems = read(REFERENCE / "everett_borgatti2014_example10.csv")
    assert problems == []
    assert ds.actor_ids == ("1", "10", "2", "3", "4", "5", "6", "7", "8", "9")
    assert Counter(r.kind for r in ds.relations) == {"alignment": 13, "tension": 13}


def test_read_edgelist_sampson_pairs_with_both_signs_load_as_two_relations():
    ds, problems = read(REFERENCE / "sampson_everett_borgatti2014_symmetrized.csv")
    assert problems == []
    assert len(ds.actors) == 18
    assert Counter(r.kind for r in ds.relations) == {"alignment": 62, "tension": 72}
    both = [r for r in ds.relations if r.pair == ("AMBROSE", "WINFRID")]
    assert [(r.id, r.kind) for r in both] == [
        ("ambrose-winfrid-alignment-general", "alignment"), ("ambrose-winfrid-tension-general", "tension")]
    kinds_by_pair: dict[tuple[str, str], set[str]] = {}
    for r in ds.relations:
        kinds_by_pair.setdefault(r.pair, set()).add(r.kind)
    assert sum(len(k) == 2 for k in kinds_by_pair.values()) == 14


def test_read_edgelist_sampson_directed_arcs_load_as_mutual_relations():
    ds, problems = read(REFERENCE / "sampson_everett_borgatti2014_directed.csv")
    assert problems == []
    assert len(ds.actors) == 18 and len(ds.relations) == 178
    assert Counter(r.kind for r in ds.relations) == {"alignment": 86, "tension": 92}
    assert not any(r.directed for r in ds.relations)
    # BONAVENTURE→AMBROSE (row 6) and AMBROSE→BONAVENTURE (row 13), both positive: one pair, two relations
    both = [(r.id, r.location.line) for r in ds.relations if r.pair == ("AMBROSE", "BONAVENTURE")]
    assert both == [("ambrose-bonaventure-alignment-general", 6), ("ambrose-bonaventure-alignment-general-2", 13)]


def test_read_edgelist_directed_column_makes_one_way_relations(tmp_path):
    # every spelling the column takes, in any case; an empty cell is a mutual tie
    rows = ["true", "TRUE", "yes", "Yes", "1", "false", "No", "0", ""]
    text = "source,target,sign,directed\n" + "".join(f"A{i},B{i},1,{v}\n" for i, v in enumerate(rows))
    ds, problems = read(write(tmp_path, text))
    assert problems == []
    assert [r.directed for r in ds.relations] == [True] * 5 + [False] * 4
    # a one-way relation keeps its direction as written: from source to target
    ds, _ = read(write(tmp_path, "source,target,kind,directed\nIRN,IRN-AZ,tension,true\n"))
    (r,), = [ds.relations]
    assert (r.source, r.target, r.directed) == ("IRN", "IRN-AZ", True)


def test_read_edgelist_bad_directed_value_names_file_line_value_and_hint(tmp_path):
    path = write(tmp_path, "source,target,sign,directed\nAZE,IRN,-1,ture\nAZE,TUR,1,maybe\n")
    ds, problems = read(path)
    assert texts(problems) == [
        "ties.csv:2:4: row 2, column 'directed': 'ture' is not one of: true, false, yes, no, 1, 0. "
        "Hint: did you mean 'true'?",
        "ties.csv:3:4: row 3, column 'directed': 'maybe' is not one of: true, false, yes, no, 1, 0. "
        "Hint: write true (or yes, 1) for a tie from source to target only; false (no, 0) or an empty cell "
        "for a mutual one.",
    ]
    assert ds.relations == ()


def test_read_edgelist_misspelt_directed_column_is_read_as_directed(tmp_path):
    ds, problems = read(write(tmp_path, "source,target,sign,Direction\nA,B,1,yes\n"))
    assert texts(problems) == ["ties.csv:1:4: unknown column 'Direction'. Hint: did you mean 'directed'?"]
    assert [r.directed for r in ds.relations] == [True]


def test_read_edgelist_sampson_directed_fixture_is_the_reference_with_a_directed_column():
    # tests/fixtures/csv/valid/sampson_directed.csv: Everett & Borgatti's directed Sampson arcs, row
    # for row, with directed=true added; its PN is checked against Table 7 in test_signed_centrality
    reference, _ = read(REFERENCE / "sampson_everett_borgatti2014_directed.csv")
    ds, problems = read(VALID / "sampson_directed.csv")
    assert problems == []
    assert all(r.directed for r in ds.relations) and len(ds.relations) == 178
    assert [(r.source, r.target, r.kind) for r in ds.relations] == [
        (r.source, r.target, r.kind) for r in reference.relations]


def test_read_edgelist_slovene_weights_scaled_with_raw_kept():
    ds, problems = read(REFERENCE / "slovene_parliamentary_parties_1994.csv")
    assert problems == []
    assert len(ds.actors) == 10 and len(ds.relations) == 45
    assert Counter(r.kind for r in ds.relations) == {"alignment": 18, "tension": 27}
    assert ds.description == ("Edge list slovene_parliamentary_parties_1994.csv: weights divided by 254, "
                              "the largest magnitude.")
    first = ds.relations[0]
    assert (first.source, first.target, first.kind) == ("SKD", "ZLSD", "tension")
    assert first.attributes["weight_raw"] == -215.0
    assert first.weight == pytest.approx(215 / 254)
    strongest = max(ds.relations, key=lambda r: r.weight)
    assert (strongest.pair, strongest.weight, strongest.attributes["weight_raw"]) == (("LDS", "SPS"), 1.0, -254.0)
    # ratios are kept: every weight times 254 gives the magnitude written
    assert all(r.weight * 254 == pytest.approx(abs(r.attributes["weight_raw"])) for r in ds.relations)
    assert all(0 < r.weight <= 1 for r in ds.relations)


def test_read_edgelist_reference_readme_keeps_origin_and_results():
    readme = (REFERENCE / "README.md").read_text("utf-8")
    for path in REFERENCE.glob("*.csv"):
        short = path.name.replace("sampson_everett_borgatti2014_directed", "..._directed")
        assert f"`{short}`" in readme, path.name
    assert "keep the origin line" in readme
    assert "frustration **0.7586207**" in readme


# --------------------------------------------------------------------------------------------
# documentation


def test_read_edgelist_documented_in_data_readme():
    readme = (Path(__file__).parent.parent / "data" / "README.md").read_text("utf-8")
    if "## CSV edge lists" not in readme:
        pytest.skip("data/README.md has no 'CSV edge lists' section yet")
    section = readme.split("## CSV edge lists")[1].split("\n## ")[0]
    for column in EDGE_LIST_COLUMNS:
        assert f"`{column}`" in section, column
    graph_dir = Path(__file__).parent.parent / "graph"
    source = "".join((graph_dir / f).read_text("utf-8") for f in ("read/edgelist.py", "read/edgelist_cells.py", "rules.py"))
    codes = set(re.findall(r'(?:self\.add\((?:\([^)]*\)|[^,()]+), |bad\([^,]+, |cell_problem\([a-z_\[\]]+, "[a-z]+",\s+|problem\()"([a-z][a-z-]+)"',
                           source))
    assert len(codes) == 24
    assert sorted(c for c in codes if f"`{c}`" not in section) == []


def test_repeated_cells_are_read_alike_and_every_bad_one_reported(tmp_path):
    # a cell is read once per distinct text: the same text gives the same value on every row, and a
    # bad cell is reported on each row it is on (never remembered as good)
    rows = ["source,target,sign,weight,since,until,domain"]
    for i in range(6):
        rows.append(f"AZE,T{i},{'-1' if i % 2 else '1'},0.5,2001,{'1999' if i == 5 else ''},{'trade' if i in (2, 4) else 'energy'}")
    rows.append("AZE,T9,2,0.5,2001,,energy")
    rows.append("AZE,T8,2,0.5,2001,,energy")
    ds, problems = read_edgelist(write(tmp_path, "\n".join(rows) + "\n"))
    assert [(r.target, r.kind, r.weight, str(r.since), r.domain) for r in ds.relations] == [
        ("T0", "alignment", 0.5, "2001", "energy"), ("T1", "tension", 0.5, "2001", "energy"),
        ("T3", "tension", 0.5, "2001", "energy")]
    assert [(p.line, p.col, p.code) for p in problems] == [
        (4, 7, "bad-choice"), (6, 7, "bad-choice"), (7, 6, "until-before-since"), (8, 3, "bad-sign"), (9, 3, "bad-sign")]


def test_until_of_the_first_day_is_out_of_order_even_beside_a_bad_since(tmp_path):
    # a since that is no date reads as none: an until of 0001 is then still before any day
    ds, problems = read_edgelist(write(tmp_path, "source,target,sign,since,until\nAZE,IRN,1,2001-13,0001\n"))
    assert [(p.col, p.code) for p in problems] == [(4, "bad-date"), (5, "until-before-since")]
    assert ds.relations == ()


def test_relations_read_fast_are_the_relations_the_constructor_builds(tmp_path):
    # the reader builds relations with Relation.of_fields (no per-field setattr): each must be the
    # object Relation(...) gives, field for field, frozen all the same
    import dataclasses

    from graph.model import Relation

    ds, _ = read_edgelist(write(tmp_path, "source,target,weight,since,directed\nAZE,IRN,-2,2001,yes\nAZE,TUR,1,,\n"))
    for r in ds.relations:
        again = Relation(*(getattr(r, f.name) for f in dataclasses.fields(Relation)))
        assert r == again and repr(r) == repr(again) and r.__dict__ == again.__dict__
        with pytest.raises(dataclasses.FrozenInstanceError):
            r.weight = 0.1

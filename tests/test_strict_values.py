"""Values no writer can carry, and numbers and dates written loosely (issue #18, items 2 and 9).

Each case is the input a user or an attacker gave, run through the command line as a user runs it:
a located message naming the value (abbreviated when long), exit 1 for data and 2 for an option,
and never a traceback.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import cli
from graph.read import yaml_reader
from graph.read.plain_yaml import read_plain_yaml
from graph.read.yaml_reader import read_yaml

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml"
GDELT = Path(__file__).parent / "fixtures" / "gdelt"
IMPORT = Path(__file__).parent / "fixtures" / "import"
SURROGATE = "\udcff"  # what os.fsdecode makes of the byte 0xff


def run(*args: str):
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def dataset(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text()
    assert old in text
    path = tmp_path / "data.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


# -- integers beyond 2**63 ------------------------------------------------------------------

HUGE = {"hex": "0x" + "f" * 5000, "octal": "0" + "7" * 5000, "decimal": "9" * 5000, "just-over": str(2**63)}


@pytest.mark.parametrize("kind", HUGE)
@pytest.mark.parametrize("command", [["validate"], ["render", "-o", "{out}.html"],
                                     ["export", "--format", "gexf", "-o", "{out}.gexf"],
                                     ["export", "--format", "graphml", "-o", "{out}.graphml"]])
def test_huge_integer_attribute_is_refused_at_its_line(tmp_path, kind, command):
    path = dataset(tmp_path, "      capital: Tehran", f"      capital: Tehran\n      gdp: {HUGE[kind]}")
    args = [a.replace("{out}", str(tmp_path / "out")) for a in command]
    result = run(*args, path)
    assert result.exit_code == 1
    line = line_of(path, "gdp:")
    first = result.output.splitlines()[0]
    assert first.startswith(f"{path}:{line}:12: the integer {HUGE[kind][:20]}")
    assert "is beyond 2**63 in size" in first and "quote it to keep it as text" in first
    assert len(first) < 400  # the 5,000 digits are not echoed
    assert not list(tmp_path.glob("out*"))


def test_largest_integer_is_kept_and_a_quoted_huge_one_is_text(tmp_path):
    # 2**63 - 1 is GEXF's largest long; the hint's way out (quoting) gives text, exported as string
    path = dataset(tmp_path, "      capital: Tehran",
                   f"      capital: Tehran\n      gdp: {2**63 - 1}\n      debt: \"0x{'f' * 5000}\"")
    out = tmp_path / "out.gexf"
    result = run("export", path, "--format", "gexf", "-o", out)
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    types = {a.get("title"): a.get("type") for a in root.iterfind(".//g:attributes[@class='node']/g:attribute", ns)}
    assert types["attr_gdp"] == "long" and types["attr_debt"] == "string"
    values = [v.get("value") for v in root.iterfind(".//g:attvalue", ns)]
    assert str(2**63 - 1) in values and "0x" + "f" * 5000 in values


@pytest.mark.parametrize("text, where", [
    (f"a: {'9' * 5000}\n", (1, 4)), (f"a: 0x{'f' * 5000}\n", (1, 4)), (f"a: [1, 0x{'f' * 30}]\n", (1, 8)),
    (f"a:\n  - {-2**63}\n", (2, 5)), (f"0x{'f' * 30}: 1\n", (1, 1)),
])
def test_huge_integer_both_yaml_readers_agree(text, where):
    # the fast reader leaves the value to PyYAML's path, which reports it at its line and column
    assert read_plain_yaml(text, "f.yaml") is None
    _, problems = read_yaml(text, "f.yaml")
    assert [(p.code, p.line, p.col) for p in problems] == [("integer-range", *where)]


def test_integer_in_range_reads_the_same_in_both_readers():
    text = f"a: {2**63 - 1}\nb: [{-(2**63 - 1)}, 0x10]\n"
    fast = read_plain_yaml(text, "f.yaml")
    assert fast == {"a": 2**63 - 1, "b": [-(2**63 - 1), 16]}
    assert read_yaml(text, "f.yaml") == (fast, [])


# -- lone surrogates --------------------------------------------------------------------------


def test_surrogate_escape_in_a_data_file_is_refused_with_its_location(tmp_path, monkeypatch):
    # libyaml refuses the escape as a syntax error; PyYAML's pure-Python loader (used when libyaml is
    # missing) builds the surrogate, which the writers could not encode: both give a located problem
    path = dataset(tmp_path, "name: Iran", 'name: "Ir\\udcffan"')
    line = line_of(path, "Ir\\udcff")
    for loader in (yaml_reader._Loader, yaml.SafeLoader):
        monkeypatch.setattr(yaml_reader, "_Loader", loader)
        result = run("render", path, "-o", tmp_path / "out.html")
        assert result.exit_code == 1
        assert result.output.startswith(f"{path}:{line}:")
        assert not (tmp_path / "out.html").exists()
    assert "U+DCFF, a lone surrogate" in result.output and "'Ir\\udcffan'" in result.output


def test_surrogate_in_title_option_is_replaced(tmp_path):
    out = tmp_path / "page.html"
    result = run("render", "--title", f"Caucasus {SURROGATE}", "-o", out)
    assert result.exit_code == 0, result.output
    assert "<title>Caucasus \ufffd</title>" in out.read_text(encoding="utf-8")


def test_surrogate_in_import_source_title_is_replaced(tmp_path):
    out = tmp_path / "ties.yaml"
    result = run("import", "csv", IMPORT / "minimal.csv", "--source-title", f"Ties{SURROGATE}", "-o", out)
    assert result.exit_code == 0, result.output
    assert 'title: "Ties\ufffd"' in out.read_text(encoding="utf-8")
    assert run("validate", out).exit_code == 0


def test_surrogate_in_ingest_name_and_publisher_is_replaced(tmp_path):
    out = tmp_path / "icews.yaml"
    result = run("ingest", "csv", GDELT / "icews_style_20201113-15.tab", "--source-col", "Source Country",
                 "--target-col", "Target Country", "--date-col", "Event Date", "--score-col", "Intensity",
                 "--name", f"IC{SURROGATE}EWS", "--publisher", f"P{SURROGATE}", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "IC\ufffdEWS events" in text and "P\ufffd" in text
    assert run("validate", out).exit_code == 0


# -- seeds and numeric options ----------------------------------------------------------------

SEED_RANGE = "is not at least 0 and at most 4,294,967,295"


@pytest.mark.parametrize("command", [["render", "-o", "{out}"], ["export", "--format", "gexf", "-o", "{out}"],
                                     ["robustness", "--samples", "2"]])
@pytest.mark.parametrize("seed, message", [
    ("-1", f"-1 {SEED_RANGE}"), (str(2**32), f"4294967296 {SEED_RANGE}"),
    ("9" * 5000, f"'99999999999999999999… (5,000 characters)' {SEED_RANGE}"),
    ("٥", "'٥' is not a whole number: its digits are not ASCII. Hint: write the digits as ASCII 0-9."),
])
def test_seed_outside_its_range_is_a_usage_error(tmp_path, command, seed, message):
    args = [a.replace("{out}", str(tmp_path / "out")) for a in command]
    result = run(*args, "--seed", seed)
    assert result.exit_code == 2
    assert f"Invalid value for '--seed': {message}" in result.output
    assert not (tmp_path / "out").exists()


def test_largest_seed_is_accepted():
    result = run("robustness", "--samples", "2", "--seed", str(2**32 - 1))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args, message", [
    (["balance", "--time-limit", "nan"], "'--time-limit': 'nan' is not a finite number"),
    (["balance", "--time-limit", "inf"], "'--time-limit': 'inf' is not a finite number"),
    (["balance", "--time-limit", "-Infinity"], "'--time-limit': '-Infinity' is not a finite number"),
    (["balance", "--time-limit", "1e400"], "'--time-limit': '1e400' is not a finite number"),
    (["balance", "--time-limit", "١"], "'--time-limit': '١' is not a number: its digits are not ASCII"),
    (["balance", "--time-limit", "0.05"], "'--time-limit': 0.05 is not at least 0.1"),
    (["centrality", "--ambivalence", "nan"], "'--ambivalence': 'nan' is not a finite number"),
    (["centrality", "--ambivalence", "1"], "'--ambivalence': 1 is not at least 0 and below 1"),
    (["centrality", "--top", "٥"], "'--top': '٥' is not a whole number: its digits are not ASCII"),
    (["centrality", "--top", "1_000"], "'--top': '1_000' is not a whole number"),
    (["balance", "--camps", "１"], "'--camps': '１' is not a whole number: its digits are not ASCII"),
    (["robustness", "--samples", "٣"], "'--samples': '٣' is not a whole number: its digits are not ASCII"),
])
def test_numeric_option_is_finite_in_range_and_ascii(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert f"Invalid value for {message}" in result.output


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, reason", [
    ("٢٠٢٥", "the digits must be ASCII 0-9"),
    ("2001-12-14T21:59:43", "a date is YYYY, YYYY-MM or YYYY-MM-DD; the time of day is not kept"),
    ("2001-12-14 21:59", "a date is YYYY, YYYY-MM or YYYY-MM-DD; the time of day is not kept"),
])
def test_date_option_refuses_other_digits_and_times(value, reason):
    result = run("centrality", "--at", value)
    assert result.exit_code == 2
    assert f"Invalid value for '--at': '{value}' is not a date ({reason})" in result.output


@pytest.mark.parametrize("written, shown, reason", [
    ('"１９９１"', "１９９１", "the digits must be ASCII 0-9"),
    ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00", "the time of day is not kept"),
    ("2001-12-14 21:59:43", "2001-12-14 21:59:43", "the time of day is not kept"),
    ('"2001-12-14T21:59:43"', "2001-12-14T21:59:43", "the time of day is not kept"),
])
def test_data_date_refuses_other_digits_and_timestamps(tmp_path, written, shown, reason):
    path = dataset(tmp_path, "    since: 1991\n", f"    since: {written}\n")
    result = run("validate", path)
    assert result.exit_code == 1
    line = line_of(path, "since: " + written[:4])
    assert re.search(rf"^{re.escape(str(path))}:{line}:12: relation aze-irn-trade: since '{re.escape(shown)}' "
                     rf"is not a valid date \([^)]*{reason}\)", result.output, re.MULTILINE), result.output


@pytest.mark.parametrize("until", ["0001", "0001-01", "0001-01-01"])
def test_until_on_the_first_day_is_refused(tmp_path, until):
    # its last day in force, the day before, is before the calendar's first: no writer can give it
    path = dataset(tmp_path, "    since: 1991\n", f"    until: {until}\n")
    result = run("export", path, "--format", "gexf", "-o", tmp_path / "out.gexf")
    assert result.exit_code == 1
    assert f"relation aze-irn-trade: until {until} is not after 0001-01-01, the first day geograph reads" \
        in result.output


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json", "csv"])
@pytest.mark.parametrize("since, until, start, end", [
    ("0001-01-01", "0001-01-02", "0001-01-01", "0001-01-01"),
    ("0001", "0002", "0001-01-01", "0001-12-31"),
    ("9999-12-30", "9999-12-31", "9999-12-30", "9999-12-30"),
    ("9999", None, "9999-01-01", None),
])
def test_export_at_both_ends_of_the_date_range(tmp_path, fmt, since, until, start, end):
    dates = f"    since: {since}\n" + (f"    until: {until}\n" if until else "")
    path = dataset(tmp_path, "    since: 1991\n", dates)
    out = tmp_path / f"out.{fmt}"
    result = run("export", path, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    if fmt == "gexf":
        edge = ET.parse(out).getroot().find(".//{http://gexf.net/1.3}edge[@id='aze-irn-trade']")
        assert (edge.get("start"), edge.get("end")) == (start, end)
    if fmt == "graphml":
        assert f">{start}<" in out.read_text() and (end is None or f">{end}<" in out.read_text())


@pytest.mark.parametrize("start, end, every, first, last", [
    ("0001", "0002", "year", "0001", "0002"),
    ("9998", "9999", "year", "9998", "9999"),
    ("9999-10", "9999-12-31", "month", "9999-10", "9999-12"),
    ("9999-01", "9999-12-31", "quarter", "9999-Q1", "9999-Q4"),
])
def test_render_timeline_at_both_ends_of_the_date_range(tmp_path, start, end, every, first, last):
    out = tmp_path / "page.html"
    result = run("render", "--from", start, "--to", end, "--every", every, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert f'"{first}"' in page and f'"{last}"' in page


@pytest.mark.parametrize("start, end, every, periods", [
    ("0001", "0002-06", "year", ["0001-01-01", "0002-01-01"]),
    ("9999-10", "9999-12-31", "month", ["9999-10-01", "9999-11-01", "9999-12-01"]),
    ("9998-11-15", "9999", "quarter", ["9998-11-15", "9999-01-01"]),
])
def test_timeline_at_both_ends_of_the_date_range(start, end, every, periods):
    result = run("timeline", "--from", start, "--to", end, "--every", every, "--format", "csv")
    assert result.exit_code == 0, result.output
    seen = sorted({line.split(",")[0] for line in result.output.splitlines()[1:]})
    assert seen == periods


# -- numbers in tables, and long values in messages -------------------------------------------


def edgelist(tmp_path: Path, weight: str, since: str = "1991") -> Path:
    path = tmp_path / "ties.csv"
    path.write_text(f"source,target,kind,weight,since\nAZE,IRN,alignment,{weight},{since}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("weight, message", [
    ("٥", "'٥' is not a number: its digits are not ASCII. Hint: write the digits as ASCII 0-9."),
    ("０.５", "'０.５' is not a number: its digits are not ASCII. Hint: write the digits as ASCII 0-9."),
    ("9" * 5000, "'9999999999999999999999999999999999999999… (5,000 characters)' is not a finite number"),
    ("x" * 5000, "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (5,000 characters)' is not a number"),
])
def test_edgelist_weight_ascii_and_abbreviated(tmp_path, weight, message):
    result = run("validate", edgelist(tmp_path, weight))
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output) < 600


def test_edgelist_date_ascii(tmp_path):
    result = run("validate", edgelist(tmp_path, "0.5", "١٩٩١"))
    assert result.exit_code == 1
    assert "'١٩٩١' is not a valid date (the digits must be ASCII 0-9)" in result.output


@pytest.mark.parametrize("old, new, message", [
    ("weight: 0.6", "weight: " + "9" * 5000 + ".5", "weight 9999999999999999999999999999999999999999… "
                                                     "(5,002 characters) is not a finite number"),
    ("weight: 0.6", "weight: '" + "9" * 5000 + "'", "weight 9999999999999999999999999999999999999999… "
                                                     "(5,000 characters) was read as text"),
    ("kind: alignment", "kind: " + "a" * 5000, "kind 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… (5,000 characters)' "
                                                "is not one of"),
    ("    since: 1991\n", "    since: " + "1" * 5000 + "\n", "(5,000 characters)' is not a valid date"),
    ("name: Iran", "name: 1." + "5" * 100, "name must be text, but 1.55555555555555555555555555555555555555… "
                                            "(102 characters) was read as a number. Hint: quote it: write it "
                                            "between quotes."),
])
def test_long_values_are_abbreviated_in_yaml_messages(tmp_path, old, new, message):
    result = run("validate", dataset(tmp_path, old, new))
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert len(result.output) < 800


# -- every YAML file geograph reads, by either reader ------------------------------------------

SCENARIO = Path(__file__).parent.parent / "data" / "scenarios" / "israel_ties_cool.yaml"


@pytest.mark.parametrize("old, new, needle, message", [
    ("  at: 2026-06-01", "  at: 2026-06-01 10:00:00", "at: 2026", "scenario: at '2026-06-01 10:00:00' is not a valid date (a date "
                                                      "is YYYY, YYYY-MM or YYYY-MM-DD; the time of day is not kept)"),
    ("      weight: 0.3\n", f"      weight: 0x{'f' * 5000}\n", "weight: 0x", "the integer 0xffffffffffffffffffffffffffffffffffffff… "
                                                              "(5,002 characters) is beyond 2**63 in size"),
    ("      weight: 0.3\n", "      weight: 0.3\n      until: 0001\n", "until: 0001",
     "change of relation aze-isr-security: until 0001 is not after 0001-01-01, the first day geograph reads"),
])
def test_scenario_values_are_strict(tmp_path, old, new, needle, message):
    path = tmp_path / "what_if.yaml"
    path.write_text(SCENARIO.read_text().replace(old, new, 1), encoding="utf-8")
    result = run("scenario", path)
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:{line_of(path, needle)}:")
    assert message in result.output


def test_actor_map_huge_integer_key_is_refused(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text((GDELT / "actors_map.yaml").read_text() + f"0x{'f' * 50}: WEST\n", encoding="utf-8")
    result = run("ingest", "gdelt", GDELT / "caucasus_20201113-15.tsv", "--actors", path, "-o", tmp_path / "g.yaml")
    assert result.exit_code == 1
    assert f"{path}:{line_of(path, '0xfff')}:1: the integer 0x{'f' * 50} is beyond 2**63 in size" in result.output
    assert not (tmp_path / "g.yaml").exists()


@pytest.mark.parametrize("old, new", [
    ("    since: 1991\n", "    since: 2001-12-14t21:59:43.10-05:00\n"),
    ("    since: 1991\n", "    since: 2001-12-14 21:59:43\n"),
    ("    since: 1991\n", '    since: "１９９１"\n'),
    ("weight: 0.6", "weight: 0x" + "f" * 5000),
    ("weight: 0.6", "weight: '" + "9" * 5000 + "'"),
    ("      capital: Tehran", f"      capital: Tehran\n      gdp: {2**63}\n      tags: [1, {2**64}]"),
])
def test_fast_reader_and_pyyaml_report_the_same(tmp_path, monkeypatch, old, new):
    # the dataset read by the fast reader where it can, then by PyYAML alone: the same report
    path = dataset(tmp_path, old, new)
    first = run("validate", path, "--format", "json")
    monkeypatch.setattr(yaml_reader, "read_plain_yaml", lambda text, name: None)
    second = run("validate", path, "--format", "json")
    assert first.exit_code == second.exit_code == 1
    assert first.output == second.output


# -- the XML writers, given a dataset built in Python -------------------------------------------


def _built(attributes: dict):
    from types import MappingProxyType

    from graph.model import Actor, Dataset, Relation

    return Dataset(actors=(Actor("A", "Aland", "state", attributes=MappingProxyType(attributes)),
                           Actor("B", "Bland", "state")),
                   relations=(Relation("ab", "A", "B", False, "alignment", "economic", 0.5),))


@pytest.mark.parametrize("writer", ["to_gexf", "to_graphml"])
@pytest.mark.parametrize("attributes, message", [
    ({"gdp": 16 ** 5000}, "actor A, attributes holds an integer beyond 2**63 in size (an integer of about 6,021 "
                          "digits; at most 9,223,372,036,854,775,807)"),
    ({"gdp": [1, -2**63]}, "actor A, attributes holds an integer beyond 2**63 in size (-9223372036854775808;"),
    ({"name": "Ir" + SURROGATE + "an"}, "actor A, attributes holds the lone surrogate U+DCFF, which XML does not allow"),
])
def test_xml_writers_refuse_what_they_cannot_carry(writer, attributes, message):
    # the readers refuse these at load; a dataset built in Python gets an OutputError, not a traceback
    from graph.errors import OutputError
    from graph.export import xml_formats

    with pytest.raises(OutputError) as err:
        getattr(xml_formats, writer)(_built(attributes))
    assert message in str(err.value)


@pytest.mark.parametrize("writer", ["to_gexf", "to_graphml"])
def test_xml_writers_keep_the_largest_long(writer):
    from graph.export import xml_formats

    xml = getattr(xml_formats, writer)(_built({"gdp": 2**63 - 1, "debt": -(2**63 - 1)})).decode()
    assert str(2**63 - 1) in xml and str(-(2**63 - 1)) in xml

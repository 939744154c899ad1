"""What ``ingest`` and ``import`` write validates, always, and reads back as the values given.

Every value a user controls reaches the YAML they write: ``--name``, ``--publisher`` and
``--source-title``, the names in an actor map or an actors sheet, evidence and tags in a sheet,
and the input file's own name (in the header comments, the source title and the source id).
Hypothesis makes those values hostile: line breaks of every kind, ``#``, ``: ``, quotes,
backslashes, YAML's indicators (``- & * ! % @ ` | > { } [ ] ? ~``), document markers (``---``,
``...``), words YAML 1.1 reads as booleans or null, numbers and dates, control characters, a
byte-order mark, bidirectional overrides, combining marks and astral characters (lone surrogates
are refused at load, a separate rule). For each, the command either refuses the input with a
problem located in the input, or writes a file that ``graph.check`` finds no problem in, whose
values are exactly the ones given (the loader trims surrounding white space, as for every text
field), and in which nothing became a key of its own.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import cli
import graph
from graph.errors import DataError, OptionError
from graph.importer import import_table
from graph.ingest import ingest_aggregates, ingest_table
from graph.yaml_text import one_line, scalar

#: Each case writes and reads files: shrinking a failure could take minutes, so the quick run reports
#: the case as generated (the printed blob reproduces it); the long run, before a release, shrinks.
QUICK = dict(deadline=None, database=None, derandomize=True, print_blob=True,
             suppress_health_check=list(HealthCheck), phases=(Phase.explicit, Phase.reuse, Phase.generate))
LONG = dict(QUICK, derandomize=False, max_examples=2_000, phases=tuple(Phase))

#: Pieces YAML gives a meaning to, or that a writer could mangle.
PIECES = ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\t", " ", "#", " #", "# ", ": ", ":",
          '"', "'", "\\", "\\n", "- ", "-", "&a", "*a", "!", "!!str", "%YAML", "@", "`", "|", ">", "{", "}", "[",
          "]", ",", "?", "~", "---", "...", "<<", "null", "yes", "NO", "off", "1e3", "-.5", ".inf", "0x1F", "0o17",
          "1_000", "2025-02", "2001-12-14t21:59:43.10-05:00", "12:30", "title: Injected", "\x00", "\x07", "\x1b",
          "\x7f", "\x9f", "\ufeff", "\ufffe", "\u202e", "e\u0301", "日本語", "🙂", "=HYPERLINK(1)", "<script>"]
#: Any character but a lone surrogate (refused at load with its location: another rule).
CHAR = st.characters(exclude_categories=("Cs",))
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(CHAR, min_size=1, max_size=4)),
                   min_size=1, max_size=6).map("".join)
#: Text a field keeps: the loader refuses a field left empty and trims the ends of every text.
field_text = hostile.filter(lambda t: t.strip() != "")
#: A file name the file system takes: no '/' or NUL, not '.' or '..', at most 200 bytes with its suffix.
file_stem = hostile.map(lambda t: t.replace("/", "_").replace("\x00", "_")).filter(
    lambda t: t not in (".", "..") and 0 < len(t.encode("utf-8", "surrogatepass")) <= 200)


def _assert_validates(path: Path) -> graph.Dataset:
    checked = graph.check(path)
    assert not checked.problems, "\n".join(str(p) for p in checked.problems) + "\n---\n" + path.read_text("utf-8")
    return checked.dataset


def _assert_only_documented_keys(path: Path) -> None:
    """Top-level keys are a fragment's own: a value that escaped its line would add one (``title: Injected``)."""
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            assert line.split(":")[0] in ("title", "sources", "actors", "relations"), line


def _refused_blank_publisher(publisher: str, ingest, out: Path) -> bool:
    """A blank publisher leaves the source without author or publisher: refused, nothing written."""
    if publisher.strip():
        return False
    with pytest.raises(OptionError, match=r"the publisher is empty\. Hint: give who published the events"):
        ingest()
    assert not out.exists()
    return True


def _write_map(path: Path, names: list[str]) -> None:
    # the codes XA, XB name two new actors: their names are the hostile values
    path.write_text("".join(f"X{c}: {{id: Q{c}, name: {scalar(n)}, kind: state}}\n" for c, n in zip("AB", names)),
                    encoding="utf-8")


def _ingest_table_case(name: str, publisher: str, stem: str, names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        table = folder / f"{stem}.tsv"
        table.write_text("src\ttgt\tday\tscore\nXA\tXB\t2020-11-13\t-5\nXB\tXA\t2020-12-14\t3\n", encoding="utf-8")
        _write_map(folder / "map.yaml", names)
        out = folder / "out.yaml"
        ingest = lambda: ingest_table(table, source_col="src", target_col="tgt", date_col="day",  # noqa: E731
                                      score_col="score", actor_map=folder / "map.yaml", name=name,
                                      publisher=publisher, output=out)
        if _refused_blank_publisher(publisher, ingest, out):
            return
        result = ingest()
        ds = _assert_validates(out)
        _assert_only_documented_keys(out)
        assert ds.title in (None, "")  # a fragment has no title: no --name can give it one
        assert {a.id: a.name for a in ds.actors} == {"QA": names[0].strip(), "QB": names[1].strip()}
        source = ds.sources[result.source.id]
        assert source.title == result.source.title.strip()
        # the whole file name, a ':' in it too (only an archive's 'events.zip:member' is cut)
        shown = f"{stem}.tsv"
        assert source.title.startswith(name.strip()) and shown.strip() in source.title
        assert (source.publisher or "") == publisher.strip()
        assert [(r.id, r.evidence) for r in ds.relations] == [(r.id, r.evidence.strip()) for r in result.relations]
        assert len(ds.relations) == 2  # a conflict in November, a cooperation in December
        # the header keeps every value, on one comment line each
        header = out.read_text("utf-8").split("\n\n")[0].splitlines()
        assert all(line.startswith("#") for line in header) and one_line(shown) in header[1]


def _cases(prop, quick: int, **strategies):
    """The quick run of a property (in the normal suite) and the long one (marked slow, before a release)."""
    return (settings(**QUICK, max_examples=quick)(given(**strategies)(prop)),
            pytest.mark.slow(settings(**LONG)(given(**strategies)(prop))))


test_ingest_csv_writes_a_fragment_that_validates_whatever_the_values, test_ingest_csv_long_run = _cases(
    _ingest_table_case, 60, name=hostile, publisher=hostile, stem=file_stem,
    names=st.lists(field_text, min_size=2, max_size=2))


@pytest.mark.parametrize("name, stem", [("ICEWS\ntitle: Injected #", "events"), ("ICEWS", "events\nx"),
                                        ("a: b\r\n- c", "x\u2028y: z"), ("ICEWS", "bell\x07\x1b[31m")])
def test_ingest_csv_the_issue_cases(name, stem):
    _ingest_table_case(name, "event table", stem, ["Armenia", "Azerbaijan"])


def _ingest_aggregates_case(name: str, publisher: str, stem: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        table = folder / f"{stem}.csv"
        table.write_text("source,target,period,events,goldstein_sum,goldstein_mean,quad1,quad2,quad3,quad4,mentions,"
                         "tone_mean\nARM,AZE,2020-11,10,-20,-2,1,1,4,4,30,-1.5\n", encoding="utf-8")
        out = folder / "out.yaml"
        ingest = lambda: ingest_aggregates([table], name=name, publisher=publisher, output=out)  # noqa: E731
        if _refused_blank_publisher(publisher, ingest, out):
            return
        result = ingest()
        ds = _assert_validates(out)
        _assert_only_documented_keys(out)
        source = ds.sources[result.source.id]
        assert source.title == result.source.title.strip() and (source.publisher or "") == publisher.strip()
        assert [r.evidence for r in ds.relations] == [r.evidence.strip() for r in result.relations]


test_ingest_aggregates_writes_a_fragment_that_validates_whatever_the_values, test_ingest_aggregates_long_run = \
    _cases(_ingest_aggregates_case, 40, name=hostile, publisher=hostile, stem=file_stem)


# --------------------------------------------------------------------------------------------
# import


def _import_case(title: str | None, stem: str, names: list[str], evidence: str, tag: str, column: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        relations, actors = folder / f"{stem}.csv", folder / "actors.csv"
        with open(relations, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["source", "target", "kind", "evidence", "tags", column],
                                          ["QA", "QB", "tension", evidence, tag, evidence]])
        with open(actors, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["id", "name", "kind"], ["QA", names[0], "state"], ["QB", names[1], "state"]])
        out = folder / "out.yaml"
        if title is not None and not title.strip():
            with pytest.raises(OptionError, match="^the source title is empty. Hint: give one, or leave out "):
                import_table(relations, "csv", actors_path=actors, source_title=title, output=out)
            return
        try:
            # the header named on the command line (--map) is in the header comment, as the command
            text, imported = import_table(relations, "csv", actors_path=actors, source_title=title, output=out,
                                          mapping={column: "attributes.note"})
        except DataError as exc:
            # a refusal names a cell of the input, never the YAML the import wrote for itself
            assert all(p.path in (str(relations), str(actors)) for p in exc.problems), exc
            return
        out.write_text(text, encoding="utf-8")
        ds = _assert_validates(out)
        assert (ds.actors, ds.relations) == (imported.actors, imported.relations)  # what import_table returned
        assert {a.id: a.name for a in ds.actors} == {"QA": names[0].strip(), "QB": names[1].strip()}
        assert ds.relations[0].evidence == evidence.strip()
        note = ds.relations[0].attributes["note"]  # a cell that reads as a number is kept as one
        assert note == evidence.strip() or not isinstance(note, str)
        (source,) = ds.sources.values()
        assert source.title == (title if title is not None else relations.name).strip()
        assert ds.title == source.title


test_import_writes_a_dataset_that_validates_whatever_the_values, test_import_long_run = _cases(
    _import_case, 60, title=st.one_of(st.none(), hostile), stem=file_stem.filter(lambda s: s.strip() != ""),
    names=st.lists(field_text, min_size=2, max_size=2), evidence=field_text,
    tag=st.sampled_from(["", "south-caucasus", "a: b", "#x", "- y"]),
    column=field_text.filter(lambda c: c.strip().lower() not in ("source", "target", "kind", "evidence", "tags")))


@pytest.mark.parametrize("stem", ["ties\ntitle: Injected #", "a: b", "- x", "---", "...", "bell\x07", "#"])
def test_import_file_names_that_yaml_would_misread(stem):
    _import_case(None, stem, ["Armenia", "Azerbaijan"], "One sentence.", "", "Note")


@pytest.mark.parametrize("title", ["", " ", "\n"])
def test_import_blank_source_title_is_refused_as_an_option(title):
    # before: problems located in a YAML file that was never written ("out.yaml:5:8: the file: title is empty")
    _import_case(title, "ties", ["Armenia", "Azerbaijan"], "One sentence.", "", "Note")


# --------------------------------------------------------------------------------------------
# the command line, as the issue ran it

GDELT = Path(__file__).parent / "fixtures" / "gdelt"


def test_cli_ingest_csv_hostile_name_and_file_name_give_a_fragment_that_validates(tmp_path):
    table = tmp_path / "events\nx.tsv"
    table.write_bytes((GDELT / "icews_style_20201113-15.tab").read_bytes())
    out = tmp_path / "f.yaml"
    result = CliRunner().invoke(cli.main, ["ingest", "csv", str(table), "--source-col", "Source Country",
                                           "--target-col", "Target Country", "--date-col", "Event Date",
                                           "--score-col", "Intensity", "--name", "ICEWS\ntitle: Injected #",
                                           "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 457 rows from 1 file: events x.tsv (table)\n" in result.stderr  # one line, as the name is shown
    checked = CliRunner().invoke(cli.main, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
    ds = graph.load(out)
    assert ds.title == "" and "Injected" not in {k.split(":")[0] for k in out.read_text("utf-8").splitlines()}
    (source,) = ds.sources.values()
    assert source.title == "ICEWS\ntitle: Injected # events, 2020-11-13 to 2020-11-15: events\nx.tsv"


def test_cli_ingest_blank_publisher_is_refused_and_nothing_written(tmp_path):
    out = tmp_path / "f.yaml"
    result = CliRunner().invoke(cli.main, ["ingest", "csv", str(GDELT / "icews_style_20201113-15.tab"),
                                           "--source-col", "Source Country", "--target-col", "Target Country",
                                           "--date-col", "Event Date", "--score-col", "Intensity",
                                           "--publisher", " ", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "the publisher is empty. Hint: give who published the events (--publisher)" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("stem", ["caucasus\ntitle: Injected #", "a: b # c", "---", "bell\x07\x1b[31m"])
def test_ingest_gdelt_file_names_that_yaml_would_misread(stem, tmp_path):
    from graph.ingest import ingest_gdelt

    path = tmp_path / f"{stem}.tsv"
    path.write_bytes((GDELT / "caucasus_20201113-15.tsv").read_bytes())
    result = ingest_gdelt([path], output=tmp_path / "out.yaml")
    ds = _assert_validates(tmp_path / "out.yaml")
    _assert_only_documented_keys(tmp_path / "out.yaml")
    assert ds.sources[result.source.id].title == result.source.title and len(ds.relations) == len(result.relations)

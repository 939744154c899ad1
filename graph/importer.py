"""Spreadsheets as datasets: a CSV file or an xlsx workbook of relations into YAML a person would write.

``geograph import csv|xlsx RELATIONS`` reads a table of relations (a header row, then one row per
relation), maps its columns to the fields of a relation, checks every cell, and writes a YAML
dataset in the format of ``data/README.md``: sources, actors and relations in that order, keys in
the documented order, short lists in flow style, partial dates and ids that YAML would misread
quoted, and comments where the import had to fill something in. The YAML is then read back by the
loader, so the dataset returned is exactly the one ``graph.load`` gives for the file written.

Problems are located as ``file:ROW:COLUMN``, ROW being the spreadsheet's row (in a CSV file the
line the row starts on, as for edge lists) and COLUMN the 1-based column number; the message names
the place as the spreadsheet shows it (``cell C5`` in a workbook, ``row 5`` in a CSV file) and the
column by its header. The rules are in ``data/README.md`` (section "Spreadsheets").
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any, Mapping

from .files import atomic_write
from .dates import PartialDate, parse_date
from .errors import DataError, OptionError, Problem
from .model import Dataset
from .read.dataset import Raw, assemble, read_document
from .read.sheet import ACTOR_FIELDS, IGNORE, RELATION_FIELDS, Record, Sheet, check_mapping, norm_header, parse_mapping
from .read.sheet import read_actors, read_relations
from .read.files import shown_name
from .read.table import IMPORT_FORMATS, XLSX_SUFFIXES, read_rows, read_table
from .rules import DATE_HINT, ID_PATTERN, did_you_mean, guess_actor_kind, replace_surrogates
from .yaml_text import flow, one_line, quoted, scalar

__all__ = [
    "IMPORT_FORMATS", "RELATION_FIELDS", "ACTOR_FIELDS", "IGNORE", "PUBLISHER", "UNDATED",
    "read_table", "parse_mapping", "import_table", "write_import",
]

#: The publisher of the source that stands for the spreadsheet.
PUBLISHER = "spreadsheet import"
#: The source date of a sheet that records no date at all (and none was given): plainly not a real one.
UNDATED = "0001"


def import_table(relations_path: str | Path, fmt: str, *, actors_path: str | Path | None = None,
                 mapping: Mapping[str, str] | None = None, sheet: str | None = None,
                 actors_sheet: str | None = None, source_title: str | None = None,
                 source_date: str | None = None, output: str | Path | None = None) -> tuple[str, Dataset]:
    """Turn a spreadsheet of relations (and optionally one of actors) into a validated YAML dataset.

    Columns are matched to fields by ``mapping`` (header → field, see :func:`parse_mapping`), or
    by their header when it already is a field name (case aside; spaces and underscores alike); any
    other column is a problem, so nothing is dropped silently (map it to ``ignore`` to leave it out).
    Each row becomes a mutual relation. The spreadsheet itself becomes the one source that every
    relation cites: id from the file name (``relations.xlsx`` → ``relations``), title
    ``source_title`` or the file name, publisher :data:`PUBLISHER`, date ``source_date`` or else
    the latest ``since``/``until`` date in the sheet (it was written no earlier), or else
    :data:`UNDATED`; a comment beside the date says to replace it.

    Defaults, as for CSV edge lists: ``domain`` general, ``confidence`` medium (not written),
    ``weight`` 1.0 when there is no weight column, ``id`` ``a-b-kind-domain``; an empty or missing
    evidence becomes ``"relations.csv, row 5"`` with a comment asking for a sentence. Without an
    actors file, the actors are the ids named, each named by its id, kind ``state`` for three
    upper-case letters and ``group`` otherwise.

    Parameters
    ----------
    relations_path : str or Path
        The relations spreadsheet; needs columns for source, target and one of kind or sign.
    fmt : {"csv", "xlsx"}
        Its format. The actors file's format follows its suffix (``.csv``, ``.xlsx``), else ``fmt``.
    actors_path : str or Path, optional
        A sheet of actors: columns id (required), name, kind, tags, sources and attributes.
    mapping : mapping of str to str, optional
        Column header → field, applied to both sheets.
    sheet, actors_sheet : str, optional
        The sheet to read in each workbook; default the first.
    source_title, source_date : str, optional
        Title and date of the source that stands for the spreadsheet.
    output : str or Path, optional
        Where the YAML will be written: it names the dataset (``Dataset.path``) and completes the
        command in the header comment. Default: the relations file with the suffix ``.yaml``.

    Returns
    -------
    (str, Dataset)
        The YAML text (byte-identical for the same input) and the dataset it loads as.

    Raises
    ------
    DataError
        With every problem found, each located as ``file:row:column``.
    OptionError
        For an unknown format or field, a bad source date, an empty source title, or xlsx without
        openpyxl.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ties.csv").write_text("Source,Target,Kind,Weight,Since\\nAZE,NO,tension,0.5,2025-02\\n")
    >>> text, ds = import_table(folder / "ties.csv", "csv", output="ties.yaml")
    >>> print(text[text.index("relations:"):])
    relations:
      # ties.csv has no evidence column: each evidence below only names its row.
      # Replace it with one sentence in your own words: what shows the relation.
      - id: aze-no-tension-general  # row 2
        between: [AZE, "NO"]
        kind: tension
        domain: general
        weight: 0.5
        since: "2025-02"
        evidence: "ties.csv, row 2"
        sources: [ties]
    <BLANKLINE>
    >>> [(r.source, r.target, r.kind, r.weight) for r in ds.relations]
    [('AZE', 'NO', 'tension', 0.5)]
    >>> _ = (folder / "bad.csv").write_text("source,target,kind,colour\\nAZE,IRN,tension,red\\n")
    >>> import_table(folder / "bad.csv", "csv")
    Traceback (most recent call last):
    ...
    graph.errors.DataError: ...bad.csv:1:4: column 'colour' is not mapped to a field of a relation. Hint: ...
    """
    if fmt not in IMPORT_FORMATS:
        raise OptionError(f"unknown format '{fmt}'; choose one of: {', '.join(IMPORT_FORMATS)}")
    mapping = dict(mapping or {})
    check_mapping(mapping)
    if source_title is not None and not source_title.strip():
        # the loader refuses an empty title: refused here, before a problem names a file never written
        raise OptionError("the source title is empty. Hint: give one, or leave out --source-title to use the "
                          "file name")
    date = _source_date(source_date)
    rel_path = Path(relations_path)
    problems: list[Problem] = []
    rows, found = read_rows(rel_path, shown_name(relations_path), fmt, sheet)
    problems += found
    relations = Sheet(shown_name(relations_path), replace_surrogates(rel_path.name), fmt, sheet, "relation", RELATION_FIELDS, rows, problems)
    actors = None
    actors_fmt = fmt
    if actors_path is not None:
        suffix = Path(actors_path).suffix.lower()
        actors_fmt = "csv" if suffix == ".csv" else "xlsx" if suffix in XLSX_SUFFIXES else fmt
        rows, found = read_rows(Path(actors_path), shown_name(actors_path), actors_fmt, actors_sheet)
        problems += found
        actors = Sheet(shown_name(actors_path), replace_surrogates(Path(actors_path).name), actors_fmt, actors_sheet, "actor",
                        ACTOR_FIELDS, rows, problems)
    if problems:  # a file that cannot be read: its rows cannot be checked
        raise DataError(problems)
    used: set[str] = set()
    for one in (relations, actors):
        if one is not None:
            used |= one.match_columns(mapping)
    for column in mapping:
        if norm_header(column) not in used:
            headers = [h for h in relations.header if h]
            guess = did_you_mean(column, headers) if headers else ""
            where = "the headers of " + " or ".join(s.name for s in (relations, actors) if s)
            problems.append(Problem(relations.path, relations.header_line, 1, "unknown-column",
                                    f"--map names the column '{column}', which is not among {where}",
                                    guess or "headers: " + ", ".join(headers)))
    if relations.broken or (actors is not None and actors.broken):
        raise DataError(problems)
    source_id = _source_id(rel_path)
    people = read_actors(actors, source_id) if actors is not None else None
    records = read_relations(relations, source_id, people, actors.name if actors else "")
    if problems:
        raise DataError(problems)
    if people is None:  # the ids named, as for edge lists
        named = sorted({end for rec in records for end in rec.fields["between"]})
        people = {aid: Record(0, aid, {"name": aid, "kind": guess_actor_kind(aid)})
                  for aid in named}
    when = date or max((d for r in records for d in (r.since, r.until) if d), default=None)
    # a file name is text the YAML writer must encode: a byte that was not UTF-8 becomes U+FFFD
    source = {"title": source_title or replace_surrogates(rel_path.name), "publisher": PUBLISHER,
              "date": when or parse_date(UNDATED), "dated_by": "given" if date else "sheet" if when else "none"}
    shown = str(output) if output is not None else str(rel_path.with_suffix(".yaml"))
    command = _command(fmt, relations_path, actors_path, actors_fmt, sheet, actors_sheet, mapping,
                       source_title, source_date, output)
    text = _Writer(relations, actors, source_id, source, command, shown if output is not None else None).write(
        records, people)
    return text, _load_text(text, shown)


# --------------------------------------------------------------------------------------------
# reading files


def write_import(relations_path: str | Path, fmt: str, output: str | Path, *,
                 actors_path: str | Path | None = None, mapping: Mapping[str, str] | None = None,
                 sheet: str | None = None, actors_sheet: str | None = None, source_title: str | None = None,
                 source_date: str | None = None) -> tuple[Path, Dataset]:
    """Import a spreadsheet (:func:`import_table`) and write its YAML to ``output`` atomically.

    Nothing is written unless the whole sheet imports: any problem raises before the file is
    touched, and the file is written to a temporary name and renamed over ``output``.

    Parameters
    ----------
    relations_path, fmt
        As for :func:`import_table`.
    output : str or Path
        The YAML file to write.
    actors_path, mapping, sheet, actors_sheet, source_title, source_date
        As for :func:`import_table`.

    Returns
    -------
    (Path, Dataset)
        The file written and the dataset it loads as.

    Raises
    ------
    DataError, OptionError
        As :func:`import_table` does; :class:`~graph.errors.OutputError` when the file cannot be written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ties.csv").write_text("source,target,kind\\nAZE,IRN,tension\\n")
    >>> path, ds = write_import(folder / "ties.csv", "csv", folder / "ties.yaml")
    >>> path.name, len(ds.relations), path.read_text().startswith("# A geograph dataset imported from ties.csv")
    ('ties.yaml', 1, True)
    """
    text, dataset = import_table(relations_path, fmt, actors_path=actors_path, mapping=mapping, sheet=sheet,
                                 actors_sheet=actors_sheet, source_title=source_title, source_date=source_date,
                                 output=output)
    return atomic_write(output, text), dataset


# --------------------------------------------------------------------------------------------
# the source


def _source_id(path: Path) -> str:
    """The file name as a source id: ``My relations (2025).xlsx`` → ``my-relations-2025``."""
    sid = re.sub(r"[^a-z0-9_.\-]+", "-", path.stem.lower()).strip("-._")[:40].rstrip("-._")
    return sid if sid and ID_PATTERN.match(sid) else "spreadsheet"


def _source_date(value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise OptionError(f"source date '{value}' is not a date ({exc}). Hint: {DATE_HINT}.") from None



def _command(fmt: str, relations: str | Path, actors: str | Path | None, actors_fmt: str, sheet: str | None,
             actors_sheet: str | None, mapping: Mapping[str, str], title: str | None, date: str | None,
             output: str | Path | None) -> str:
    """The command line that makes this import, for the header comment."""
    args = ["geograph", "import", fmt, str(relations)]
    if actors is not None:
        args += ["--actors", str(actors)]
    if sheet is not None:
        args += ["--sheet", sheet]
    if actors_sheet is not None:
        args += ["--actors-sheet", actors_sheet]
    for column, target in mapping.items():
        args += ["--map", f"{column}={target}"]
    if title is not None:
        args += ["--source-title", title]
    if date is not None:
        args += ["--source-date", str(date)]
    if output is not None:
        args += ["-o", str(output)]
    return " ".join(shlex.quote(a) for a in args)


# --------------------------------------------------------------------------------------------
# writing YAML


class _Writer:
    """The YAML of one import, as lines; every choice depends on the input only."""

    def __init__(self, relations: Sheet, actors: Sheet | None, source_id: str, source: dict[str, Any],
                 command: str, output: str | None):
        self.relations, self.actors = relations, actors
        self.source_id, self.source = source_id, source
        self.command, self.output = command, output
        self.lines: list[str] = []

    def out(self, text: str = "", note: str = "") -> None:
        if text.lstrip().startswith("#"):
            text = one_line(text)
        self.lines.append(f"{text}  # {one_line(note)}" if note else text)

    def comment(self, text: str) -> None:
        self.lines.append(f"# {one_line(text)}")

    def write(self, records: list[Record], people: dict[str, Record]) -> str:
        self.header()
        self.out(f"title: {quoted(self.source['title'])}")
        self.out()
        self.write_source()
        self.out()
        self.write_actors(people)
        self.out()
        self.write_relations(records)
        return "\n".join(self.lines) + "\n"

    def header(self) -> None:
        files = " and ".join(f"{s.name}{f', sheet {s.sheet}' if s.sheet else ''} ({s.what}s)"
                             for s in (self.relations, self.actors) if s is not None)
        self.comment(f"A geograph dataset imported from {files} with:")
        self.comment(f"  {self.command}")
        for one in (self.relations, self.actors):
            if one is not None and one.ignored:
                self.comment(f"Columns of {one.name} left out on purpose (mapped to {IGNORE}): "
                             + ", ".join(one.ignored) + ".")
        if self.output is not None:
            self.comment(f"Check it with: geograph validate {shlex.quote(self.output)}")
        self.out()

    def write_source(self) -> None:
        src = self.source
        note = {"given": "",
                "sheet": "the latest date in the sheet: write the date the spreadsheet was compiled",
                "none": "the sheet records no date: write the date the spreadsheet was compiled"}[src["dated_by"]]
        self.out("sources:")
        self.out(f"  {scalar(self.source_id)}:")
        self.out(f"    title: {quoted(src['title'])}")
        self.out(f"    publisher: {scalar(src['publisher'])}")
        self.out(f"    date: {scalar(src['date'])}", note)

    def write_actors(self, people: dict[str, Record]) -> None:
        self.out("actors:")
        if self.actors is None:
            self.out(f"  # The ids named in {self.relations.name}, each named by its id. Three upper-case letters")
            self.out("  # give kind state (read as a country code), any other id group: check names and kinds.")
        first = True
        for rec in people.values():
            if not first:
                self.out()
            first = False
            f = rec.fields
            self.out(f"  - id: {scalar(rec.id)}", f"row {rec.line}" if rec.line else "")
            self.out(f"    name: {scalar(f['name'])}")
            self.out(f"    kind: {f['kind']}")
            if f.get("tags"):
                self.out(f"    tags: {flow(f['tags'])}")
            self.write_attributes(rec)
            if f.get("sources"):
                self.out(f"    sources: {flow(f['sources'])}")

    def write_relations(self, records: list[Record]) -> None:
        self.out("relations:")
        name = self.relations.name
        if "weight" not in self.relations.columns:
            self.out(f"  # {name} has no weight column: every weight is 1.0 (defining). Set each on the scale")
            self.out("  # 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining.")
        if "evidence" not in self.relations.columns:
            self.out(f"  # {name} has no evidence column: each evidence below only names its row.")
            self.out("  # Replace it with one sentence in your own words: what shows the relation.")
        first = True
        for rec in records:
            if not first:
                self.out()
            first = False
            f = rec.fields
            row = f"row {rec.line}"
            if rec.id:
                self.out(f"  - id: {scalar(rec.id)}", row)
                self.out(f"    between: {flow(f['between'])}")
            else:
                self.out(f"  - between: {flow(f['between'])}", row)
            self.out(f"    kind: {f['kind']}")
            self.out(f"    domain: {f['domain']}")
            self.out(f"    weight: {scalar(f['weight'])}")
            for key in ("since", "until", "confidence"):
                if f[key] is not None:
                    self.out(f"    {key}: {scalar(f[key])}")
            self.out(f"    evidence: {quoted(f['evidence'])}", rec.notes.get("evidence", ""))
            self.out(f"    sources: {flow(f['sources'])}")
            self.write_attributes(rec)
            if f.get("tags"):
                self.out(f"    tags: {flow(f['tags'])}")

    def write_attributes(self, rec: Record) -> None:
        if not rec.attributes:
            return
        pairs = [f"{scalar(k)}: {scalar(v)}" for k, v in rec.attributes.items()]
        flow = "{" + ", ".join(pairs) + "}"
        if len(flow) <= 60:
            self.out(f"    attributes: {flow}")
            return
        self.out("    attributes:")
        for pair in pairs:
            self.out(f"      {pair}")


def _load_text(text: str, shown: str) -> Dataset:
    """Read the YAML back with the loader, naming it ``shown``: the dataset ``graph.load`` would give."""
    raw = Raw()
    problems: list[Problem] = []
    read_document(text, shown, raw, problems)
    dataset = assemble(raw, shown, problems)
    if problems:  # every rule is checked on the cells first; this is the loader's last word
        raise DataError(problems)
    return dataset

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

import csv
import datetime as _dt
import difflib
import io
import math
import re
import shlex
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from . import loading
from .dates import PartialDate, parse_date
from .edgelist import (
    _DATE_HINT, _KIND_ALIASES, _SIGN_RE, _STATE_ID, COLUMNS, DEFAULT_DOMAIN, _column_guess,
    _EdgeList, _fresh_id, _id_rule, _minus_hint, _number,
)
from .errors import DataError, OptionError, Problem
from .loading import ID_PATTERN, _did_you_mean
from .model import ACTOR_KINDS, CONFIDENCE, DOMAINS, RELATION_KINDS, Dataset

__all__ = [
    "IMPORT_FORMATS", "RELATION_FIELDS", "ACTOR_FIELDS", "IGNORE", "PUBLISHER", "UNDATED",
    "read_table", "parse_mapping", "import_table",
]

#: The spreadsheet formats ``import_table`` reads.
IMPORT_FORMATS = ("csv", "xlsx")
#: The fields a column of the relations sheet can give (besides ``attributes.<name>``).
RELATION_FIELDS = (*COLUMNS, "sources", "tags")
#: The fields a column of the actors sheet can give (besides ``attributes.<name>``).
ACTOR_FIELDS = ("id", "name", "kind", "tags", "sources")
#: Map a column to this to leave it out on purpose.
IGNORE = "ignore"
#: The publisher of the source that stands for the spreadsheet.
PUBLISHER = "spreadsheet import"
#: The source date of a sheet that records no date at all (and none was given): plainly not a real one.
UNDATED = "0001"

_ATTR = "attributes."
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_LIST_SPLIT = re.compile(r"[;,]")
_ID_SPLIT = re.compile(r"[;,\s]+")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?")
#: Words people write for actor kinds (lower case → the kind meant).
_ACTOR_KIND_ALIASES = {"country": "state", "nation": "state", "organization": "organisation",
                       "alliance": "bloc", "individual": "person", "firm": "company"}
_WEIGHT_HINT = "a weight is a strength: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining"
_ROW = tuple[int, tuple[str, ...]]
#: An xlsx workbook is a zip of XML: one that unpacks to more than this is refused unread.
_MAX_UNPACKED = 500_000_000


def read_table(path: str | Path, fmt: str, sheet: str | None = None) -> list[tuple[int, tuple[str, ...]]]:
    """The rows of a CSV file or of one sheet of an xlsx workbook, each with its row number.

    Cells are text as the spreadsheet shows them, stripped: numbers as written (``1991``, ``0.6``),
    dates as ``YYYY-MM-DD``, booleans as ``TRUE``/``FALSE``, empty cells as ``""``. Rows whose cells
    are all empty are left out; the first row returned is the header.

    Parameters
    ----------
    path : str or Path
        The file.
    fmt : {"csv", "xlsx"}
        ``csv``: UTF-8 text, comma-separated (the row number is the line the row starts on).
        ``xlsx``: a workbook read with openpyxl, read-only, cached values only (not formulas).
    sheet : str, optional
        The sheet of a workbook; default the first one.

    Returns
    -------
    list of (int, tuple of str)

    Raises
    ------
    DataError
        When the file is missing or cannot be read as that format, or the sheet does not exist.
    OptionError
        For an unknown format, a sheet given for a CSV file, or xlsx without openpyxl installed.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = path.write_text("source,target,kind\\nAZE,IRN,tension\\n\\n , ,\\nAZE,TUR,alignment\\n")
    >>> read_table(path, "csv")
    [(1, ('source', 'target', 'kind')), (2, ('AZE', 'IRN', 'tension')), (5, ('AZE', 'TUR', 'alignment'))]
    """
    rows, problems = _read(Path(path), str(path), fmt, sheet)
    if problems:
        raise DataError(problems)
    return rows


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """Read ``--map column=field`` options into a mapping from column header to field.

    The text after the last ``=`` is the field: one of :data:`RELATION_FIELDS` or
    :data:`ACTOR_FIELDS`, ``attributes.<name>``, or ``ignore``.

    Raises
    ------
    OptionError
        For an item without ``=``, an empty column, a column mapped twice or an unknown field.

    Examples
    --------
    >>> parse_mapping(["Trade USD=attributes.trade_usd", "From=source", "Notes=ignore"])
    {'Trade USD': 'attributes.trade_usd', 'From': 'source', 'Notes': 'ignore'}
    >>> parse_mapping(["Strength=wieght"])
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: --map 'Strength=wieght': unknown field 'wieght'; the fields are: source, target,
    sign, kind, weight, since, until, domain, id, confidence, evidence, sources, tags, name, attributes.<name>
    and ignore. Hint: did you mean 'weight'?
    """
    mapping: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise OptionError(f"--map '{item}' is not column=field. "
                              "Hint: write --map 'Trade USD=attributes.trade_usd'.")
        column, target = item.rsplit("=", 1)
        mapping[column.strip()] = target.strip()
    _check_mapping(mapping)
    return mapping


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
        For an unknown format or field, a bad source date, or xlsx without openpyxl.

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
    _check_mapping(mapping)
    date = _source_date(source_date)
    rel_path = Path(relations_path)
    problems: list[Problem] = []
    rows, found = _read(rel_path, str(relations_path), fmt, sheet)
    problems += found
    relations = _Sheet(str(relations_path), rel_path.name, fmt, sheet, "relation", RELATION_FIELDS, rows, problems)
    actors = None
    actors_fmt = fmt
    if actors_path is not None:
        suffix = Path(actors_path).suffix.lower()
        actors_fmt = "csv" if suffix == ".csv" else "xlsx" if suffix in _XLSX_SUFFIXES else fmt
        rows, found = _read(Path(actors_path), str(actors_path), actors_fmt, actors_sheet)
        problems += found
        actors = _Sheet(str(actors_path), Path(actors_path).name, actors_fmt, actors_sheet, "actor",
                        ACTOR_FIELDS, rows, problems)
    if problems:  # a file that cannot be read: its rows cannot be checked
        raise DataError(problems)
    used: set[str] = set()
    for one in (relations, actors):
        if one is not None:
            used |= one.match_columns(mapping)
    for column in mapping:
        if _norm(column) not in used:
            headers = [h for h in relations.header if h]
            guess = _did_you_mean(column, headers) if headers else ""
            where = "the headers of " + " or ".join(s.name for s in (relations, actors) if s)
            problems.append(Problem(relations.path, relations.header_line, 1, "unknown-column",
                                    f"--map names the column '{column}', which is not among {where}",
                                    guess or "headers: " + ", ".join(headers)))
    if relations.broken or (actors is not None and actors.broken):
        raise DataError(problems)
    source_id = _source_id(rel_path)
    people = _read_actors(actors, source_id) if actors is not None else None
    records = _read_relations(relations, source_id, people, actors.name if actors else "")
    if problems:
        raise DataError(problems)
    if people is None:  # the ids named, as for edge lists
        named = sorted({end for rec in records for end in rec.fields["between"]})
        people = {aid: _Record(0, aid, {"name": aid, "kind": "state" if _STATE_ID.match(aid) else "group"})
                  for aid in named}
    when = date or max((d for r in records for d in (r.since, r.until) if d), default=None)
    source = {"title": source_title or rel_path.name, "publisher": PUBLISHER,
              "date": when or parse_date(UNDATED), "dated_by": "given" if date else "sheet" if when else "none"}
    shown = str(output) if output is not None else str(rel_path.with_suffix(".yaml"))
    command = _command(fmt, relations_path, actors_path, actors_fmt, sheet, actors_sheet, mapping,
                       source_title, source_date, output)
    text = _Writer(relations, actors, source_id, source, command, shown if output is not None else None).write(
        records, people)
    return text, _load_text(text, shown)


# --------------------------------------------------------------------------------------------
# reading files


def _read(path: Path, shown: str, fmt: str, sheet: str | None) -> tuple[list[_ROW], list[Problem]]:
    if fmt not in IMPORT_FORMATS:
        raise OptionError(f"unknown format '{fmt}'; choose one of: {', '.join(IMPORT_FORMATS)}")
    if fmt == "csv" and sheet is not None:
        raise OptionError(f"a sheet ('{sheet}') was given for {path.name}, but a CSV file has no sheets. "
                          "Hint: choose a sheet only in an xlsx workbook.")
    rows, problems = _read_csv(path, shown) if fmt == "csv" else _read_xlsx(path, shown, sheet)
    # every row as wide as the widest one, the last cells that hold something included
    width = max((len(c) - next((i for i, v in enumerate(reversed(c)) if v), len(c)) for _, c in rows), default=0)
    return [(n, (c + ("",) * width)[:width]) for n, c in rows], problems


def _read_csv(path: Path, shown: str) -> tuple[list[_ROW], list[Problem]]:
    if path.is_file() and _head(path) == b"PK\x03\x04":
        return [], [Problem(shown, 0, 0, "binary", "this is an xlsx workbook (or another zip file), not CSV text",
                            f"import it as a workbook: geograph import xlsx {shlex.quote(shown)}")]
    reader = _EdgeList(shown, path.name)  # bytes to text, with located encoding problems
    text = reader.read_text(path)
    if text is None:
        return [], reader.problems
    rows: list[_ROW] = []
    cells_reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for cells in cells_reader:
            line, start = start, cells_reader.line_num + 1
            stripped = tuple(c.strip() for c in cells)
            if any(stripped):
                rows.append((line, stripped))
    except csv.Error as exc:
        reader.names = list(rows[0][1]) if rows else []
        reader.syntax_error(str(exc), start, cells_reader.line_num, io.StringIO(text, newline="").readlines())
        return [], reader.problems
    return rows, []


def _head(path: Path) -> bytes:
    """The first four bytes of a file (a zip file's signature), without reading the rest."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4)
    except OSError:
        return b""  # the CSV reader reports why the file cannot be read


def _read_xlsx(path: Path, shown: str, sheet: str | None) -> tuple[list[_ROW], list[Problem]]:
    try:
        import openpyxl
    except ImportError:
        raise OptionError("import xlsx needs openpyxl. Hint: pip install 'geograph[xlsx]'") from None
    if not path.exists():
        return [], [Problem(shown, 0, 0, "missing-file", f"no such file: {shown}", "check the path")]
    not_xlsx = Problem(shown, 0, 0, "not-xlsx", "this is not an xlsx workbook",
                       "a CSV file is imported with geograph import csv; save an .xls or .ods file as .xlsx")
    problems: list[Problem] = []
    try:
        data = loading.read_bounded(path, shown, problems, "save the sheet of relations alone, or split it")
    except OSError as exc:
        return [], [Problem(shown, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}")]
    if data is None:
        return [], problems
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return [], [not_xlsx]
    if unpacked > _MAX_UNPACKED:
        return [], [Problem(shown, 0, 0, "too-large", f"the workbook unpacks to {unpacked / 1e6:,.0f} MB, more than "
                            f"the {_MAX_UNPACKED // 1_000_000} MB geograph reads (a zip bomb?)",
                            "save the sheet of relations alone, or as CSV")]
    with io.BytesIO(data) as handle:
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception:  # a damaged workbook fails deep inside openpyxl, zipfile or the XML parser
            return [], [not_xlsx]
        try:
            if sheet is None:
                if not book.worksheets:
                    return [], [Problem(shown, 0, 0, "empty", "the workbook has no sheet of cells",
                                        "put the relations on the first sheet")]
                ws = book.worksheets[0]
            elif sheet in book.sheetnames:
                ws = book[sheet]
            else:
                guess = _did_you_mean(sheet, book.sheetnames)
                return [], [Problem(shown, 0, 0, "unknown-sheet", f"no sheet '{sheet}' in the workbook "
                                    f"(sheets: {', '.join(book.sheetnames)})", guess)]
            if not hasattr(ws, "reset_dimensions"):  # a chart sheet
                return [], [Problem(shown, 0, 0, "unknown-sheet", f"sheet '{ws.title}' holds no cells",
                                    "give the sheet of relations with --sheet")]
            ws.reset_dimensions()  # writers that record a wrong size would otherwise cut rows off
            rows = []
            try:
                for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                    cells = tuple(_cell_text(v) for v in values)
                    if any(cells):
                        rows.append((number, cells))
            except Exception:  # damaged sheet XML fails inside openpyxl or the XML parser
                return [], [Problem(shown, 0, 0, "not-xlsx", f"the sheet '{ws.title}' is damaged and cannot be read",
                                    "open the workbook in a spreadsheet and save it again, or save the sheet as CSV")]
        finally:
            book.close()
    if not rows:
        return [], [Problem(shown, 0, 0, "empty", f"the sheet '{ws.title}' is empty",
                            "write a header row such as source,target,kind, then one row per relation")]
    return rows, []


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value) if math.isfinite(value) else str(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value).strip()


# --------------------------------------------------------------------------------------------
# columns


def _norm(name: str) -> str:
    """A header as compared with field names: lower case, spaces and underscores alike."""
    return re.sub(r"[\s_]+", "_", name.strip().lower())


def _field(target: str) -> str:
    """A mapping target with its field name in lower case (an attribute keeps its name)."""
    low = target.strip().lower()
    if low.startswith(_ATTR):
        return _ATTR + target.strip()[len(_ATTR):].strip()
    return low


def _check_mapping(mapping: Mapping[str, str]) -> None:
    known = tuple(dict.fromkeys((*RELATION_FIELDS, *ACTOR_FIELDS)))
    seen: dict[str, str] = {}
    for column, target in mapping.items():
        shown = f"--map '{column}={target}'"
        if not column.strip():
            raise OptionError(f"{shown}: the column is empty. Hint: name a header of the sheet before the '='.")
        if _norm(column) in seen:
            raise OptionError(f"{shown}: the column '{seen[_norm(column)]}' is mapped twice. "
                              "Hint: map each column once.")
        seen[_norm(column)] = column
        fld = _field(target)
        if fld.startswith(_ATTR):
            if not fld[len(_ATTR):]:
                raise OptionError(f"{shown}: the attribute has no name. Hint: write attributes.<name>, "
                                  "such as attributes.trade_usd.")
            continue
        if fld not in known and fld != IGNORE:
            guess = _did_you_mean(fld, (*known, IGNORE))
            raise OptionError(f"{shown}: unknown field '{target}'; the fields are: {', '.join(known)}, "
                              f"{_ATTR}<name> and {IGNORE}. Hint: {guess or 'map each column to one of them.'}")


@dataclass
class _Sheet:
    """One table being imported: its rows, which column gives which field, and where to report."""

    path: str
    name: str
    fmt: str
    sheet: str | None
    what: str  # "relation" or "actor"
    fields: tuple[str, ...]
    rows: list[_ROW]
    problems: list[Problem]
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    attributes: dict[str, int] = field(default_factory=dict)  # attribute name -> column, in column order
    ignored: list[str] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # column -> how messages name it
    broken: bool = False  # the header cannot be read: the rows are not checked

    @property
    def header(self) -> tuple[str, ...]:
        return self.rows[0][1] if self.rows else ()

    @property
    def header_line(self) -> int:
        return self.rows[0][0] if self.rows else 1

    @property
    def body(self) -> list[_ROW]:
        return self.rows[1:]

    @property
    def kind_of_file(self) -> str:
        return "sheet" if self.fmt == "xlsx" else "file"

    @property
    def a_what(self) -> str:
        return f"an {self.what}" if self.what[0] in "aeiou" else f"a {self.what}"

    @staticmethod
    def letter(i: int) -> str:
        """The spreadsheet letter of the 0-based column ``i``: A … Z, AA …"""
        text = ""
        i += 1
        while i:
            i, rest = divmod(i - 1, 26)
            text = chr(ord("A") + rest) + text
        return text

    def column_ref(self, i: int) -> str:
        """``column 'Notes'`` (CSV) or ``column D 'Notes'`` (xlsx); a column without a header by position."""
        name = self.header[i] if i < len(self.header) else ""
        pos = self.letter(i) if self.fmt == "xlsx" else str(i + 1)
        if not name:
            return f"column {pos}"
        return f"column {pos} '{name}'" if self.fmt == "xlsx" else f"column '{name}'"

    def add(self, line: int, i: int, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, i + 1, code, message, hint))

    def bad(self, line: int, fld: str, code: str, message: str, hint: str = "") -> None:
        """A problem in one cell: ``row 5, column 'weight': …`` or ``cell C5, column 'weight': …``."""
        i = self.columns[fld]
        place = f"cell {self.letter(i)}{line}" if self.fmt == "xlsx" else f"row {line}"
        self.add(line, i, code, f"{place}, column {self.labels[i]}: {message}", hint)

    def match_columns(self, mapping: Mapping[str, str]) -> set[str]:
        """Give each column its field; report the ones that cannot be placed. Returns the mapped
        columns found (normalised), so that a mapping matching no sheet can be reported."""
        by_norm = {_norm(column): _field(target) for column, target in mapping.items()}
        used: set[str] = set()
        line = self.header_line
        width = max((len(cells) for _, cells in self.rows), default=0)
        if len(self.header) == 1 and re.search(r"[;\t]", self.header[0]):
            self.broken = True
            sep = "';'" if ";" in self.header[0] else "tabs"
            self.add(line, 0, "separator", f"the header is one cell, '{self.header[0]}': its cells are separated "
                     f"by {sep}, not by commas", "save the file as comma-separated CSV (CSV UTF-8, comma-delimited)")
            return used
        for i in range(width):
            name = self.header[i] if i < len(self.header) else ""
            if not name:
                filled = next(((n, c[i]) for n, c in self.body if i < len(c) and c[i]), None)
                if filled:
                    cell = f"{self.letter(i)}{filled[0]}" if self.fmt == "xlsx" else f"row {filled[0]}"
                    hint = ("give the column a header, or clear it" if self.fmt == "xlsx" else
                            "give the column a header; a cell that holds a comma is quoted: \"Baku, Azerbaijan\"")
                    self.add(line, i, "unknown-column", f"{self.column_ref(i)} has no header, but {cell} holds "
                             f"'{filled[1]}'", hint)
                continue
            key = _norm(name)
            if key in by_norm:
                used.add(key)
                target = by_norm[key]
            elif key in self.fields or key.startswith(_ATTR):
                target = _field(name) if key.startswith(_ATTR) else key
            else:
                guess = _column_guess(key)
                if guess not in self.fields:
                    guess = next(iter(difflib.get_close_matches(key, self.fields, n=1, cutoff=0.75)), None)
                slug = re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_") or "value"
                keep = f"(--map {_arg(name, _ATTR + slug)}) or leave it out (--map {_arg(name, IGNORE)})"
                hint = (f"did you mean --map {_arg(name, guess)}? Otherwise keep it as an attribute {keep}" if guess
                        else f"map it to a field, keep it as an attribute {keep}")
                self.add(line, i, "unmapped-column", f"{self.column_ref(i)} is not mapped to a field of "
                         f"{self.a_what}", hint)
                continue
            self.place(i, name, target)
        return used

    def place(self, i: int, name: str, target: str) -> None:
        if target == IGNORE:
            self.ignored.append(name)
            return
        self.labels[i] = f"'{name}'" if _norm(name) == _norm(target) else f"'{name}' ({target})"
        if target.startswith(_ATTR):
            attr = target[len(_ATTR):]
            if attr in self.attributes:
                first = self.attributes[attr]
                self.add(self.header_line, i, "duplicate-column", f"{self.column_ref(i)} gives the attribute "
                         f"'{attr}', as {self.column_ref(first)} does",
                         f"map one of them to another attribute or to {IGNORE}")
            else:
                self.attributes[attr] = i
            return
        if target not in self.fields:
            self.add(self.header_line, i, "unknown-field", f"{self.column_ref(i)} is mapped to '{target}', "
                     f"which is not a field of {self.a_what}",
                     f"the fields of {self.a_what}: {', '.join(self.fields)}, {_ATTR}<name>")
            return
        if target in self.columns:
            first = self.columns[target]
            self.add(self.header_line, i, "duplicate-column", f"{self.column_ref(i)} gives {target}, as "
                     f"{self.column_ref(first)} does", f"map one of them to another field or to {IGNORE}")
            return
        self.columns[target] = i

    def cells(self, cells: tuple[str, ...]) -> dict[str, str]:
        """A row's cells by field (attributes under ``attributes.<name>``)."""
        out = {f: cells[i] if i < len(cells) else "" for f, i in self.columns.items()}
        out.update({_ATTR + a: cells[i] if i < len(cells) else "" for a, i in self.attributes.items()})
        return out

    def require(self, fld: str, hint: str) -> bool:
        if fld in self.columns:
            return True
        self.add(self.header_line, 0, "missing-column", f"no column gives the {self.what}s' {fld}", hint)
        return False


# --------------------------------------------------------------------------------------------
# rows


@dataclass
class _Record:
    """A relation or an actor read from one row, in the order its YAML keys are written."""

    line: int
    id: str
    fields: dict[str, Any] = field(default_factory=dict)
    attributes: dict[str, Any] = field(default_factory=dict)
    since: PartialDate | None = None
    until: PartialDate | None = None
    notes: dict[str, str] = field(default_factory=dict)  # field -> trailing YAML comment


def _choice(sheet: _Sheet, line: int, fld: str, value: str, choices: tuple[str, ...],
            aliases: Mapping[str, str] | None = None, hint: str = "") -> str | None:
    """A value of a closed set, matched regardless of case (``Tension`` is ``tension``)."""
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered:
        return lowered[value.lower()]
    sheet.bad(line, fld, "bad-choice", f"'{value}' is not one of: " + ", ".join(choices),
              _did_you_mean(value, choices, aliases) or hint)
    return None


def _ids(sheet: _Sheet, line: int, text: str, source_id: str) -> list[str]:
    """The source ids of a ``sources`` cell, the spreadsheet's own first."""
    out = [source_id]
    for sid in (s for s in _ID_SPLIT.split(text) if s):
        if sid in out:
            continue
        if not ID_PATTERN.match(sid):
            sheet.bad(line, "sources", "bad-id", _id_rule(sid), "separate source ids with commas")
        else:
            sheet.bad(line, "sources", "unknown-source", f"unknown source '{sid}': the import defines one source, "
                      f"'{source_id}' (this spreadsheet)", "define it in the YAML after the import, or map the "
                      f"column to {_ATTR}sources to keep the text")
    return out


def _common(sheet: _Sheet, rec: _Record, cell: dict[str, str], source_id: str) -> None:
    """Tags, sources and attributes: read the same way in both sheets."""
    if cell.get("tags"):
        rec.fields["tags"] = [t.strip() for t in _LIST_SPLIT.split(cell["tags"]) if t.strip()]
    if "sources" in cell:
        rec.fields["sources"] = _ids(sheet, rec.line, cell["sources"], source_id)
    for attr in sheet.attributes:
        if cell[_ATTR + attr]:
            rec.attributes[attr] = _attr_value(cell[_ATTR + attr])


def _attr_value(text: str) -> Any:
    """A number as a number (``580000000``, ``0.6``); anything else, ``0123`` included, as text."""
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text) and math.isfinite(float(text)):
        return float(text)
    return text


def _read_actors(sheet: _Sheet, source_id: str) -> dict[str, _Record]:
    actors: dict[str, _Record] = {}
    sheet.require("id", "map the column of actor ids to id: --map 'Code=id'")
    for line, cells in sheet.body:
        cell = sheet.cells(cells)
        aid = cell.get("id", "")
        if "id" in cell:
            if not aid:
                sheet.bad(line, "id", "empty", "the cell is empty", "give each actor an id such as AZE")
            elif not ID_PATTERN.match(aid):
                sheet.bad(line, "id", "bad-id", _id_rule(aid),
                          "use a code such as AZE; put the full name in name")
                aid = ""
            elif aid in actors:
                sheet.bad(line, "id", "duplicate-id", f"duplicate actor id '{aid}' (first at row {actors[aid].line})",
                          "ids must be unique")
                aid = ""
        rec = _Record(line, aid)
        rec.fields["name"] = cell.get("name") or aid
        kind = cell.get("kind", "")
        if kind:
            kind = _choice(sheet, line, "kind", kind, ACTOR_KINDS, _ACTOR_KIND_ALIASES,
                           "leave it empty to have it guessed from the id")
        rec.fields["kind"] = kind or ("state" if _STATE_ID.match(aid) else "group")
        _common(sheet, rec, cell, source_id)
        if aid:
            actors[aid] = rec
    if not sheet.body:
        sheet.add(0, -1, "no-rows", f"the {sheet.kind_of_file} has a header but no rows", "add one row per actor")
    return actors


def _read_relations(sheet: _Sheet, source_id: str, people: dict[str, _Record] | None,
                    actors_name: str = "") -> list[_Record]:
    sheet.require("source", "map the column of the first actor to source: --map 'From=source'")
    sheet.require("target", "map the column of the second actor to target: --map 'To=target'")
    if "sign" in sheet.columns and "kind" in sheet.columns:
        later = max(sheet.columns["sign"], sheet.columns["kind"])
        sheet.add(sheet.header_line, later, "conflicting-columns", "both sign and kind columns are given",
                  "keep one: sign (1 / -1) or kind (alignment / tension); map the other to ignore")
    elif not {"sign", "kind"} & set(sheet.columns):
        sheet.add(sheet.header_line, 0, "missing-column", "no column gives the kind of a relation",
                  "map a column to kind (alignment or tension) or to sign (1 or -1)")
    names = {rec.fields["name"].lower(): aid for aid, rec in (people or {}).items()}
    records: list[_Record] = []
    explicit: dict[str, int] = {}
    for line, cells in sheet.body:
        cell = sheet.cells(cells)
        ok = len(sheet.problems)
        ends = []
        for end in ("source", "target"):
            value = cell.get(end, "")
            if end not in cell:
                continue
            if not value:
                sheet.bad(line, end, "empty", "the cell is empty", "name the actor with an id such as AZE")
            elif not ID_PATTERN.match(value):
                sheet.bad(line, end, "bad-id", _id_rule(value), "use a code such as AZE or nstc")
            elif people is not None and value not in people:
                sheet.bad(line, end, "unknown-actor", f"unknown actor '{value}'",
                          _did_you_mean(value, sorted(people), names) or f"add it to {actors_name}")
            ends.append(value)
        if len(ends) == 2 and ends[0] and ends[0] == ends[1]:
            sheet.bad(line, "target", "self-relation", f"relates '{ends[0]}' to itself",
                      "a relation links two different actors")
        kind = None
        if "sign" in cell:
            if not cell["sign"]:
                sheet.bad(line, "sign", "empty", "the cell is empty", "write 1 for alignment, -1 for tension")
            elif _SIGN_RE.match(cell["sign"]):
                kind = "tension" if cell["sign"].startswith("-") else "alignment"
            else:
                sheet.bad(line, "sign", "bad-sign", f"'{cell['sign']}' is not 1 or -1", _minus_hint(cell["sign"])
                          or "write 1 for a positive tie (alignment), -1 for a negative one (tension)")
        if "kind" in cell:
            if not cell["kind"]:
                sheet.bad(line, "kind", "empty", "the cell is empty", "write alignment or tension")
            else:
                kind = _choice(sheet, line, "kind", cell["kind"], RELATION_KINDS, _KIND_ALIASES,
                               "alignment for cooperation or support, tension for opposition or conflict")
        weight = _weight(sheet, line, cell)
        domain = DEFAULT_DOMAIN
        if cell.get("domain"):
            domain = _choice(sheet, line, "domain", cell["domain"], DOMAINS,
                             hint=f"leave it empty for {DEFAULT_DOMAIN}")
        confidence = None
        if cell.get("confidence"):
            confidence = _choice(sheet, line, "confidence", cell["confidence"], CONFIDENCE,
                                 hint="write low, medium or high; leave it empty for medium")
        dates: dict[str, PartialDate | None] = {"since": None, "until": None}
        for name in dates:
            if cell.get(name):
                try:
                    dates[name] = parse_date(cell[name])
                except ValueError as exc:
                    timed = sheet.fmt == "xlsx" and re.match(r"\d{4}-\d\d-\d\d \d", cell[name])
                    sheet.bad(line, name, "bad-date", f"'{cell[name]}' is not a valid date ({exc})",
                              "the cell holds a time of day: format it as a date only" if timed else _DATE_HINT)
        since, until = dates["since"], dates["until"]
        if since and until and until.start <= since.start:
            sheet.bad(line, "until", "until-before-since", f"{until} is not after since {since}",
                      "until is exclusive: the relation holds from since up to the day before until")
        rid = cell.get("id", "")
        if rid:
            if not ID_PATTERN.match(rid):
                sheet.bad(line, "id", "bad-id", _id_rule(rid), "use a code such as aze-irn-trade")
            elif rid in explicit:
                sheet.bad(line, "id", "duplicate-id", f"duplicate relation id '{rid}' (first at row {explicit[rid]})",
                          "ids must be unique; leave the cell empty to have one made")
            else:
                explicit[rid] = line
        rec = _Record(line, rid, since=since, until=until)
        _common(sheet, rec, cell, source_id)
        if len(sheet.problems) > ok or len(ends) != 2 or kind is None:
            continue
        evidence = cell.get("evidence", "")
        if not evidence:
            evidence = f"{sheet.name}, {f'sheet {sheet.sheet}, ' if sheet.sheet else ''}row {line}"
            if "evidence" in cell:
                rec.notes["evidence"] = "empty in the sheet: write one sentence of evidence"
        rec.fields = {"between": ends, "kind": kind, "domain": domain, "weight": weight,
                      "since": since, "until": until, "confidence": confidence, "evidence": evidence,
                      "sources": rec.fields.get("sources", [source_id]), "tags": rec.fields.get("tags")}
        records.append(rec)
    if not sheet.body:
        sheet.add(0, -1, "no-rows", f"the {sheet.kind_of_file} has a header but no rows",
                  "add one row per relation below the header")
    taken = set(explicit)
    for rec in records:
        if not rec.id:
            a, b = sorted(rec.fields["between"])
            new = _fresh_id(f"{a}-{b}-{rec.fields['kind']}-{rec.fields['domain']}".lower(), taken)
            rec.id = new if ID_PATTERN.match(new) else ""  # too long: the loader makes the same id
    return records


def _weight(sheet: _Sheet, line: int, cell: dict[str, str]) -> float:
    if "weight" not in cell:
        return 1.0
    text = cell["weight"]
    if not text:
        sheet.bad(line, "weight", "empty", "the cell is empty", _WEIGHT_HINT)
        return 1.0

    def problem(code: str, message: str, hint: str) -> None:
        sheet.bad(line, "weight", code, message, hint.replace(" or -3", ""))

    value = _EdgeList.weight(text, problem)
    if value is None:
        return 1.0
    if value < 0:
        sheet.bad(line, "weight", "weight-range", f"'{text}' is negative",
                  "the sign comes from kind: give tension a positive weight")
    elif value > 1:
        sheet.bad(line, "weight", "weight-range", f"'{text}' is outside (0, 1]",
                  f"{_WEIGHT_HINT}; rescale the column (divide it by its largest value)")
    elif value < loading.MIN_WEIGHT:
        sheet.bad(line, "weight", "weight-range", f"'{text}' is below {loading.MIN_WEIGHT:g}, the weakest tie "
                  "geograph analyses", "a tie this weak is no tie: leave the row out")
    return value


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
        raise OptionError(f"source date '{value}' is not a date ({exc}). Hint: {_DATE_HINT}.") from None


def _arg(column: str, target: str) -> str:
    """A ``--map`` value as it is typed in a shell."""
    return shlex.quote(f"{column}={target}")


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

#: Words that YAML 1.1 reads as booleans or null, in any of its readers (PyYAML leaves y and n as text).
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "<<", "="}
_PLAIN = re.compile(r"[\w(][\w .()/&+'’–—-]*")
_NUMERIC = re.compile(r"[-+.]?[0-9][0-9a-fA-F_xXoObB.,:+\-eE]*|[-+]?\.(?:inf|nan|Inf|NaN|INF|NAN)")
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff\"\\\\]")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_STR_TAG = "tag:yaml.org,2002:str"


def _quoted(text: str) -> str:
    """Text in double quotes, every character that YAML would not keep as it is escaped."""
    def escape(m: re.Match) -> str:
        ch = m.group()
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return '"' + _ESCAPE.sub(escape, text) + '"'


def _plain_ok(text: str) -> bool:
    """Whether text can be written without quotes and read back as the same text by any YAML reader."""
    if not _PLAIN.fullmatch(text) or text != text.strip() or text.lower() in _YAML_WORDS:
        return False
    if _NUMERIC.fullmatch(text):
        return False
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def _scalar(value: Any) -> str:
    if isinstance(value, PartialDate):
        text = str(value)
        # a year (not 0001) and a full day read back as written; "2025-02" is quoted as data/README.md asks
        if value.precision == 3 or (value.precision == 1 and not text.startswith("0")):
            return text
        return f'"{text}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text:  # YAML 1.1 reads 1e-05 as text: it wants 1.0e-05
            mantissa, exp = text.split("e")
            text = f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exp if exp[0] in '+-' else '+' + exp}"
        return text
    return value if _plain_ok(value) else _quoted(value)


def _flow(items: Iterable[Any]) -> str:
    return "[" + ", ".join(_scalar(v) for v in items) + "]"


class _Writer:
    """The YAML of one import, as lines; every choice depends on the input only."""

    def __init__(self, relations: _Sheet, actors: _Sheet | None, source_id: str, source: dict[str, Any],
                 command: str, output: str | None):
        self.relations, self.actors = relations, actors
        self.source_id, self.source = source_id, source
        self.command, self.output = command, output
        self.lines: list[str] = []

    def out(self, text: str = "", note: str = "") -> None:
        if text.lstrip().startswith("#"):
            text = _one_line(text)
        self.lines.append(f"{text}  # {_one_line(note)}" if note else text)

    def comment(self, text: str) -> None:
        self.lines.append(f"# {_one_line(text)}")

    def write(self, records: list[_Record], people: dict[str, _Record]) -> str:
        self.header()
        self.out(f"title: {_quoted(self.source['title'])}")
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
        self.out(f"  {_scalar(self.source_id)}:")
        self.out(f"    title: {_quoted(src['title'])}")
        self.out(f"    publisher: {_scalar(src['publisher'])}")
        self.out(f"    date: {_scalar(src['date'])}", note)

    def write_actors(self, people: dict[str, _Record]) -> None:
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
            self.out(f"  - id: {_scalar(rec.id)}", f"row {rec.line}" if rec.line else "")
            self.out(f"    name: {_scalar(f['name'])}")
            self.out(f"    kind: {f['kind']}")
            if f.get("tags"):
                self.out(f"    tags: {_flow(f['tags'])}")
            self.write_attributes(rec)
            if f.get("sources"):
                self.out(f"    sources: {_flow(f['sources'])}")

    def write_relations(self, records: list[_Record]) -> None:
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
                self.out(f"  - id: {_scalar(rec.id)}", row)
                self.out(f"    between: {_flow(f['between'])}")
            else:
                self.out(f"  - between: {_flow(f['between'])}", row)
            self.out(f"    kind: {f['kind']}")
            self.out(f"    domain: {f['domain']}")
            self.out(f"    weight: {_scalar(f['weight'])}")
            for key in ("since", "until", "confidence"):
                if f[key] is not None:
                    self.out(f"    {key}: {_scalar(f[key])}")
            self.out(f"    evidence: {_quoted(f['evidence'])}", rec.notes.get("evidence", ""))
            self.out(f"    sources: {_flow(f['sources'])}")
            self.write_attributes(rec)
            if f.get("tags"):
                self.out(f"    tags: {_flow(f['tags'])}")

    def write_attributes(self, rec: _Record) -> None:
        if not rec.attributes:
            return
        pairs = [f"{_scalar(k)}: {_scalar(v)}" for k, v in rec.attributes.items()]
        flow = "{" + ", ".join(pairs) + "}"
        if len(flow) <= 60:
            self.out(f"    attributes: {flow}")
            return
        self.out("    attributes:")
        for pair in pairs:
            self.out(f"      {pair}")


def _one_line(text: str) -> str:
    """Text for a comment: a line break would end the comment and start a line of YAML."""
    return re.sub("[\r\n\x85\u2028\u2029]+", " ", text)


def _load_text(text: str, shown: str) -> Dataset:
    """Read the YAML back with the loader, naming it ``shown``: the dataset ``graph.load`` would give."""
    raw = loading._Raw()
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "import.yaml"
        file.write_text(text, encoding="utf-8")
        loading._read_file(file, shown, raw, problems)
    dataset = loading._assemble(raw, shown, problems)
    if problems:  # every rule is checked on the cells first; this is the loader's last word
        raise DataError(problems)
    return dataset

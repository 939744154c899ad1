"""Spreadsheets into rows: a CSV file or one sheet of an xlsx workbook as located rows of cell text.

:mod:`graph.read.sheet` matches the rows' columns to fields and checks every cell;
:mod:`graph.importer` writes the result as a YAML dataset.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import math
import shlex
import zipfile
from pathlib import Path
from typing import Any

from ..choices import IMPORT_FORMATS
from ..errors import DataError, OptionError, Problem
from ..rules import did_you_mean, number_text
from .edgelist import EdgeListReader
from .files import input_path, missing, read_bounded, shown_name

__all__ = ["IMPORT_FORMATS", "XLSX_SUFFIXES", "Row", "read_table", "read_rows"]

#: The spreadsheet formats ``import_table`` reads.
#: The suffixes of a workbook.
XLSX_SUFFIXES = (".xlsx", ".xlsm")
#: A row: its number in the spreadsheet and its cells' text.
Row = tuple[int, tuple[str, ...]]
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
        The file, read once (``-``: standard input, a pipe or FIFO too).
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
    rows, problems = read_rows(input_path(path), shown_name(path), fmt, sheet)
    if problems:
        raise DataError(problems)
    return rows



def read_rows(path: Path, shown: str, fmt: str, sheet: str | None) -> tuple[list[Row], list[Problem]]:
    """The rows of a table (as :func:`read_table` gives them, every row as wide as the widest) and the
    problems that kept them from being read, instead of raising them."""
    if fmt not in IMPORT_FORMATS:
        raise OptionError(f"unknown format '{fmt}'; choose one of: {', '.join(IMPORT_FORMATS)}")
    if fmt == "csv" and sheet is not None:
        raise OptionError(f"a sheet ('{sheet}') was given for {path.name}, but a CSV file has no sheets. "
                          "Hint: choose a sheet only in an xlsx workbook.")
    rows, problems = _read_csv(path, shown) if fmt == "csv" else _read_xlsx(path, shown, sheet)
    # every row as wide as the widest one, the last cells that hold something included
    width = max((len(c) - next((i for i, v in enumerate(reversed(c)) if v), len(c)) for _, c in rows), default=0)
    return [(n, (c + ("",) * width)[:width]) for n, c in rows], problems


def _read_csv(path: Path, shown: str) -> tuple[list[Row], list[Problem]]:
    reader = EdgeListReader(shown, path.name)  # bytes to text, with located encoding problems
    if missing(path):
        return [], [Problem(shown, 0, 0, "missing-file", f"no such file: {shown}", "check the path")]
    try:  # read once: a pipe or /dev/stdin gives its bytes only once
        data = read_bounded(path, shown, reader.problems,
                            "split it into several files, or for event data use geograph ingest, which "
                            "reads files of any size")
    except OSError as exc:
        return [], [Problem(shown, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}")]
    if data is None:
        return [], reader.problems
    if data.startswith(b"PK\x03\x04"):
        return [], [Problem(shown, 0, 0, "binary", "this is an xlsx workbook (or another zip file), not CSV text",
                            f"import it as a workbook: geograph import xlsx {shlex.quote(shown)}")]
    text = reader.read_text(path, data)
    if text is None:
        return [], reader.problems
    rows: list[Row] = []
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


def _read_xlsx(path: Path, shown: str, sheet: str | None) -> tuple[list[Row], list[Problem]]:
    try:
        import openpyxl
    except ImportError:
        raise OptionError("import xlsx needs openpyxl. Hint: pip install 'geograph[xlsx]'") from None
    if missing(path):
        return [], [Problem(shown, 0, 0, "missing-file", f"no such file: {shown}", "check the path")]
    not_xlsx = Problem(shown, 0, 0, "not-xlsx", "this is not an xlsx workbook",
                       "a CSV file is imported with geograph import csv; save an .xls or .ods file as .xlsx")
    problems: list[Problem] = []
    try:
        data = read_bounded(path, shown, problems, "save the sheet of relations alone, or split it")
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
                guess = did_you_mean(sheet, book.sheetnames)
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
        return number_text(value) if math.isfinite(value) else str(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value).strip()

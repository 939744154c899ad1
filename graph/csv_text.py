"""Writing CSV a spreadsheet opens safely: one rule for formula-like cells, for every CSV geograph writes.

A spreadsheet (Excel, LibreOffice Calc, Google Sheets, Numbers) runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula, and a tab or carriage return at the start can hide
one: a name such as ``=HYPERLINK("http://evil.example/?x","Click")`` becomes a link, and
``-2+3+cmd|' /C calc'!A0`` a command, when the file is opened (OWASP, "CSV Injection"). Every
CSV geograph writes goes through :func:`csv_table`, so every text cell that starts so is written
with a leading ``'``: the spreadsheet shows it as text, and a program gets the text back by
removing that one ``'`` (text that already starts with ``'`` gets one more, so the rule is always
undone the same way). Numbers are not formulas: a cell that holds a number (an ``int`` or a
``float``, not text that looks like one) is written as the number it is, ``-0.25`` stays
``-0.25``. The mode :data:`FORMULA_MODES` chooses otherwise.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any, Iterable, Sequence

from .errors import OptionError

__all__ = ["FORMULA_MODES", "FORMULA_START", "csv_cell", "csv_table", "check_formulas"]

#: How formula-like cells are written: ``text`` (the default) prefixes text cells and leaves numbers
#: as numbers; ``all`` prefixes every cell that starts so, numbers too (``'-0.25``: the letter of
#: OWASP's rule, for a file that no spreadsheet policy may flag, at the cost of numbers read as
#: text); ``off`` writes every cell as it is (a file for programs, never to be opened in a spreadsheet).
FORMULA_MODES = ("text", "all", "off")
#: First characters that make a spreadsheet read a cell as a formula (OWASP's list, a line feed and
#: the full-width forms some spreadsheets also accept), and ``'`` itself so that removing one
#: leading ``'`` always gives the text back.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20", "'")


def check_formulas(formulas: str) -> None:
    """Refuse a mode that is not one of :data:`FORMULA_MODES`, naming the valid ones.

    >>> check_formulas("none")
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: unknown formulas mode 'none'; choose one of: text, all, off
    """
    if formulas not in FORMULA_MODES:
        raise OptionError(f"unknown formulas mode '{formulas}'; choose one of: {', '.join(FORMULA_MODES)}")


def _formula_like(text: str) -> bool:
    # leading spaces do not stop a spreadsheet that trims them on import (LibreOffice's option)
    return text.lstrip(" ").startswith(FORMULA_START)


def csv_cell(value: Any, formulas: str = "text") -> str:
    """One cell's text: ``None`` empty, booleans ``true``/``false``, numbers as numbers, and text that
    a spreadsheet would run as a formula with a leading ``'``.

    Floats are written as Python's shortest round trip (``0.1``, ``1e-07``); NaN and the infinities
    as ``NaN``, ``Infinity`` and ``-Infinity``, as XML Schema and the other exports write them.

    Parameters
    ----------
    value : str, int, float, bool or None
        A numpy scalar is read as the Python value it holds.
    formulas : {"text", "all", "off"}
        :data:`FORMULA_MODES`.

    Examples
    --------
    >>> [csv_cell(v) for v in ("=1+1", "-2+3+cmd|' /C calc'!A0", "'quoted", "Iran", -0.25, 3, None, True)]
    ["'=1+1", "'-2+3+cmd|' /C calc'!A0", "''quoted", 'Iran', '-0.25', '3', '', 'true']
    >>> csv_cell(-0.25, "all"), csv_cell("=1+1", "off")
    ("'-0.25", '=1+1')
    """
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity") if math.isinf(value) \
            else repr(value)
    elif isinstance(value, int):
        text = str(value)
    else:  # text, and anything else (a date, say) is written as its text
        text = str(value)
        return "'" + text if formulas != "off" and _formula_like(text) else text
    return "'" + text if formulas == "all" and _formula_like(text) else text


def csv_table(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, line_end: str = "\n",
              formulas: str = "text") -> str:
    """A header and rows as CSV text, every cell written by :func:`csv_cell`.

    Quoting is the ``csv`` module's (RFC 4180): a cell holding the separator, a quote, a carriage
    return or a line feed is quoted, so no text can start a new cell or row.

    Parameters
    ----------
    header : sequence
        The column names (neutralised as any text cell is).
    rows : iterable of sequences
        One sequence of values per row.
    line_end : str
        ``"\\n"`` (the reports) or ``"\\r\\n"`` (the export, as RFC 4180 writes it).
    formulas : {"text", "all", "off"}
        :data:`FORMULA_MODES`.

    Raises
    ------
    OptionError
        For a ``formulas`` that is not one of :data:`FORMULA_MODES`.

    Examples
    --------
    >>> print(csv_table(["name", "net"], [["=HYPERLINK(\\"http://evil.example\\")", -0.25]]), end="")
    name,net
    "'=HYPERLINK(""http://evil.example"")",-0.25
    """
    check_formulas(formulas)
    # the writer quotes a cell holding a character of its line terminator: with both CR and LF there,
    # a cell holding either is quoted, and each row's terminator is then swapped for line_end
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    out = []
    for row in (header, *rows):
        writer.writerow([csv_cell(v, formulas) for v in row])
        out.append(buffer.getvalue()[:-2] + line_end)
        buffer.seek(0)
        buffer.truncate()
    return "".join(out)

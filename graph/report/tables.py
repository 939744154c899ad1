"""Metric tables (a DataFrame, one row per actor) as aligned text, CSV, JSON or Markdown."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..choices import REPORT_FORMATS
from ..csv_text import check_formulas, csv_table
from .text import DIGITS, _check_format, _clean, markdown_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "format_frame", "records"]

#: The formats of a metric table.
FORMATS = REPORT_FORMATS


def records(frame: "pd.DataFrame", digits: int = DIGITS) -> list[dict[str, Any]]:
    """The rows as JSON-ready dicts, the index first (``id``), floats rounded to ``digits``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"name": ["Iran"], "x": [1/3]}, index=pd.Index(["IRN"], name="id"))
    >>> records(df)
    [{'id': 'IRN', 'name': 'Iran', 'x': 0.333333}]
    """
    index_name = frame.index.name or "id"
    out = []
    for key, row in zip(frame.index, frame.to_dict(orient="records")):
        out.append({index_name: _clean(key, digits), **{k: _clean(v, digits) for k, v in row.items()}})
    return out


def format_frame(frame: "pd.DataFrame", fmt: str = "table", digits: int = DIGITS, *,
                 formulas: str = "text") -> str:
    """Format a report in one of :data:`FORMATS`; the text ends with a newline.

    ``json`` is a list of objects, one per row, with the index (``id``) and every column;
    ``csv`` has a header row and ``\\n`` line ends, and text a spreadsheet would run as a formula
    gets a leading ``'`` (``formulas``, :data:`graph.csv_text.FORMULA_MODES`; numbers stay
    numbers); ``table`` is aligned plain text; ``markdown`` a pipe table, every text escaped
    (:func:`~graph.report.text.markdown_text`).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"name": ["Iran", "Azerbaijan"], "degree": [3, 4]},
    ...                   index=pd.Index(["IRN", "AZE"], name="id"))
    >>> print(format_frame(df, "markdown"), end="")
    | id | name | degree |
    |---|---|---:|
    | IRN | Iran | 3 |
    | AZE | Azerbaijan | 4 |
    >>> print(format_frame(df, "csv"), end="")
    id,name,degree
    IRN,Iran,3
    AZE,Azerbaijan,4
    """
    _check_format(fmt, FORMATS)
    check_formulas(formulas)
    rows = records(frame, digits)
    columns = [frame.index.name or "id", *map(str, frame.columns)]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_table(columns, ([row[c] for c in columns] for row in rows), formulas=formulas)
    # a column of numbers stays right-aligned where some cells are blank (an actor without a value)
    numeric = {c: any(r[c] is not None for r in rows) and all(
        r[c] is None or (isinstance(r[c], (int, float)) and not isinstance(r[c], bool)) for r in rows)
        for c in columns}
    cells = [[_cell(r[c], fmt) for c in columns] for r in rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(map(markdown_text, columns)) + " |",
                 "|" + "|".join("---:" if numeric[c] else "---" for c in columns) + "|"]
        lines += ["| " + " | ".join(map(markdown_text, row)) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if numeric[c] else v.ljust(w)
                         for v, w, c in zip(values, widths, columns)).rstrip()
    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]) + "\n"


def _cell(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}" if fmt == "table" else repr(value)
    text = str(value)
    if fmt == "table" and len(text) > 32:
        text = text[:31] + "…"
    return text

"""Column headers as every CSV reader compares them: case aside, surrounding spaces aside.

Spreadsheets capitalise headers (``Source``, ``Weight``) and leave stray spaces (``" target "``);
a column is the same column either way. Edge lists, spreadsheet imports, event tables
(``ingest csv``) and positions files all match their columns through :func:`header_key`, so a
header one of them accepts, every one accepts.
"""

from __future__ import annotations

import re

__all__ = ["header_key"]

_SEPARATORS = re.compile(r"[\s_]+")


def header_key(name: str) -> str:
    """A header as compared with column and field names: trimmed, lower case, and each run of
    spaces or underscores one ``_`` (``Trade USD`` is ``trade_usd``).

    Examples
    --------
    >>> header_key(" Source "), header_key("TARGET"), header_key(" Trade  USD"), header_key("trade_usd")
    ('source', 'target', 'trade_usd', 'trade_usd')
    >>> header_key("\\ufeffid")   # a byte-order mark a spreadsheet left before the first header
    'id'
    """
    return _SEPARATORS.sub("_", name.strip().lstrip("\ufeff").strip().lower())

"""What every text report shares: the format check, rounding for JSON, numbers in prose, headings, and
the one Markdown escape every Markdown report uses."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import OptionError

if TYPE_CHECKING:
    from ..model import Dataset

__all__ = ["DIGITS", "markdown_text", "markdown_or_plain"]

#: Reports round floats to this many decimals so that files diff cleanly across machines.
DIGITS = 6


def _check_format(fmt: str, choices: Sequence[str]) -> None:
    if fmt not in choices:
        raise OptionError(f"unknown format '{fmt}'; choose one of: {', '.join(choices)}")


def _clean(value: Any, digits: int) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = round(value, digits)
        return 0.0 if value == 0 else value  # no "-0.0"
    return value


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rounded(value: Any, digits: int = DIGITS) -> Any:
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v, digits) for v in value]
    return _clean(value, digits)


def _json(data: Any) -> str:
    """The JSON contract of a report: floats rounded to :data:`DIGITS`, indented by 2, one final newline."""
    return json.dumps(_rounded(data), ensure_ascii=False, indent=2) + "\n"


def _num(value: float | None, digits: int = 4) -> str:
    if value is None:
        return "n/a (no triangle)"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _heading(markdown: bool) -> Callable[[str], str]:
    """A section heading: ``## Title`` in Markdown, the title underlined with dashes in plain text."""
    return (lambda t: f"## {t}") if markdown else (lambda t: f"{t}\n{'-' * len(t)}")


def _names(dataset: Dataset) -> dict[str, str]:
    return {a.id: a.name for a in dataset.actors}


#: Line breaks as Python's str.splitlines knows them: inside a table cell any of them would end the row.
_LINE_BREAK = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
#: What an inline span of Markdown reads as syntax (GitHub's and Jupyter's: code, emphasis, links,
#: strikethrough, math, table cells, headings) or as HTML, and ``&`` only where it starts an entity.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]|~$#<>]|&(?=#|[A-Za-z][A-Za-z0-9]*;)")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
#: What starts a block at the start of a line: a list item (bullet or number) and a line of only - or =.
_BLOCK_START = re.compile(r"^(?:[-+=](?=\s|$)|[-+=]+\s*$|\d{1,9}[.)](?=\s|$))")


def _alnum(ch: str) -> bool:
    return ch.isalnum()


def _md_escape(m: re.Match) -> str:
    ch = m.group()
    if ch in _ENTITIES:
        return _ENTITIES[ch]
    if ch == "_":  # inside a word an underscore is never emphasis (CommonMark): snake_case stays as written
        text, i = m.string, m.start()
        if 0 < i < len(text) - 1 and _alnum(text[i - 1]) and _alnum(text[i + 1]):
            return ch
    return "\\" + ch


def markdown_text(text: str) -> str:
    r"""Text as Markdown that renders as exactly that text, on one line, with no markup and no HTML.

    Line breaks become spaces (in a table cell a line break would end the row; in prose Markdown
    renders one as a space anyway) and the ends are trimmed (a renderer trims them; leading spaces
    would start a code block). ``<``, ``>`` and an ``&`` that starts an entity become entities, so
    no tag (``<script>``, ``<img onerror=…>``) reaches the HTML; the characters of code spans,
    emphasis, links, strikethrough, math, table cells and headings (``\ ` * _ [ ] | ~ $ #``) are
    backslash-escaped (``_`` inside a word is left, as no renderer reads it there); a leading list
    marker (``- ``, ``+ ``, ``1. ``) or a run of ``-`` or ``=`` alone is escaped too, for text that
    starts a line. Everything else is left as written, so ordinary names read the same.

    Examples
    --------
    >>> print(markdown_text("<script>alert(1)</script>"))
    &lt;script&gt;alert(1)&lt;/script&gt;
    >>> print(markdown_text("*bold* [link](javascript:alert(1)) a|b"))
    \*bold\* \[link\](javascript:alert(1)) a\|b
    >>> print(markdown_text("two\nlines"), markdown_text("Bosnia & Herzegovina"), markdown_text("net_strength"))
    two lines Bosnia & Herzegovina net_strength
    >>> print(markdown_text("- a list?"), markdown_text("1. first"), markdown_text("-0.25"))
    \- a list? 1\. first -0.25
    """
    text = _LINE_BREAK.sub(" ", str(text)).strip()
    text = _MD_SPECIAL.sub(_md_escape, text)
    return _BLOCK_START.sub(lambda m: m.group().replace(".", "\\.").replace(")", "\\)")
                            if m.group()[0].isdigit() else "\\" + m.group(), text, count=1)


def _escape_values(data: Any, escape: Callable[[str], str]) -> Any:
    """Every text in a report's data (values, not keys) escaped: the Markdown reports format escaped data."""
    if isinstance(data, dict):
        return {k: _escape_values(v, escape) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_escape_values(v, escape) for v in data]
    return escape(data) if isinstance(data, str) else data


def markdown_or_plain(markdown: bool) -> Callable[[str], str]:
    """The escape for a report's values: :func:`markdown_text` in Markdown, the text as it is otherwise.

    >>> markdown_or_plain(True)("a*b"), markdown_or_plain(False)("a*b")
    ('a\\\\*b', 'a*b')
    """
    return markdown_text if markdown else str

"""What every text report shares: the format check, rounding for JSON, numbers in prose, headings."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import OptionError

if TYPE_CHECKING:
    from ..model import Dataset

__all__ = ["DIGITS"]

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

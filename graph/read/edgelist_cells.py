"""How each cell of a CSV edge list is read: one reader per column, text to value or a problem.

:class:`graph.read.edgelist.EdgeListReader` calls a column's reader once per distinct text of the
column (a reader is pure: the same text gives the same value and the same problem), with a
``problem(code, message, hint)`` that locates what it reports at the row and column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..dates import parse_date
from ..model import CONFIDENCE, DOMAINS, RELATION_KINDS
from ..rules import (
    DATE_HINT, DEFAULT_CONFIDENCE, ID_CELL_HINT, ID_PATTERN, KIND_ALIASES, SIGN_PATTERN, bad_date, did_you_mean,
    id_rule, match_choice, minus_hint, not_one_of, weight_number,
)

__all__ = ["CELL_READERS", "BAD", "DIRECTED_VALUES", "DEFAULT_DOMAIN", "unsaid"]

#: What a ``directed`` cell may say (case aside): a one-way tie from source to target, or a mutual one.
DIRECTED_VALUES = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}
#: The domain of a row whose ``domain`` column is absent or empty: unspecified or mixed.
DEFAULT_DOMAIN = "general"


def unsaid(code: str, message: str, hint: str = "") -> None:
    """A cell reader's ``problem`` that reports nothing: the first read of each distinct text only
    learns whether it is good."""


#: What a cell reader returns for a cell with a problem (reported through its ``problem``).
BAD = object()
#: How a cell reader reports: ``problem(code, message, hint)``.
Problems = Callable[..., None]


def _empty(text: str, problem: Problems, hint: str) -> bool:
    """Whether a required cell is empty, reported with ``hint``."""
    if text:
        return False
    problem("empty", "the cell is empty", hint)
    return True


def _end(text: str, problem: Problems) -> Any:
    if _empty(text, problem, "name the actor with an id such as AZE"):
        return BAD
    if not ID_PATTERN.match(text):
        problem("bad-id", id_rule(text, ""), ID_CELL_HINT)
        return BAD
    return text


def _sign(text: str, problem: Problems) -> Any:
    if _empty(text, problem, "write 1 for a positive tie, -1 for a negative one"):
        return BAD
    if SIGN_PATTERN.match(text):
        return -1 if text.startswith("-") else 1
    hint = "write 1 for a positive tie (alignment), -1 for a negative one (tension)"
    problem("bad-sign", f"'{text}' is not 1 or -1", minus_hint(text) or hint)
    return BAD


def _kind(text: str, problem: Problems) -> Any:
    if _empty(text, problem, "write alignment or tension"):
        return BAD
    kind = match_choice(text, RELATION_KINDS)
    if kind is None:
        problem("bad-choice", not_one_of(text, RELATION_KINDS),
            did_you_mean(text, RELATION_KINDS, KIND_ALIASES) or "alignment for a positive tie, tension for a negative one")
        return BAD
    return kind


def _weight(text: str, problem: Problems) -> Any:
    if _empty(text, problem, "give a number: its size is the strength, a minus sign means tension"):
        return BAD
    weight = weight_number(text, problem)
    if weight is None:
        return BAD
    if weight == 0:  # any other magnitude is a strength on the list's own scale
        problem("weight-range", f"'{text}' is zero: a tie of no strength is no tie", "leave the row out, or give the tie a small weight")
        return BAD
    return weight


def _choice(choices: tuple[str, ...], default: str, hint: str) -> Callable[[str, Problems], Any]:
    def read(text: str, problem: Problems) -> Any:
        if not text:
            return default
        if match_choice(text, choices) is None:
            problem("bad-choice", not_one_of(text, choices), did_you_mean(text, choices) or hint)
            return BAD
        return text
    return read


def _date(text: str, problem: Problems) -> Any:
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        problem("bad-date", bad_date(text, exc), DATE_HINT)
        return BAD


def _directed(text: str, problem: Problems) -> Any:
    if not text:
        return False
    said = DIRECTED_VALUES.get(text.lower())
    if said is None:
        problem("bad-choice", not_one_of(text, DIRECTED_VALUES),
            did_you_mean(text.lower(), DIRECTED_VALUES)
            or "write true (or yes, 1) for a tie from source to target only; false (no, 0) or an empty "
               "cell for a mutual one")
        return BAD
    return said


#: How each column's cell is read (stripped text → value, or ``BAD`` after reporting), in the
#: order a row's problems are found. ``id`` (unique per file) and ``evidence`` (free text) are read
#: in the row.
CELL_READERS: dict[str, Callable[[str, Problems], Any]] = {
    "source": _end, "target": _end, "sign": _sign, "kind": _kind, "weight": _weight,
    "domain": _choice(DOMAINS, DEFAULT_DOMAIN, f"leave it empty for {DEFAULT_DOMAIN}"),
    "confidence": _choice(CONFIDENCE, DEFAULT_CONFIDENCE, "write low, medium or high; leave it empty for medium"),
    "since": _date, "until": _date, "directed": _directed,
}

"""Strict click types for option values: whole and finite numbers in ASCII digits, seeds, free text.

click's own ``int`` and ``float`` take what Python's ``int()`` and ``float()`` take: ``٥`` (an
Arabic-Indic five) and ``１`` (a full-width one) as numbers, and ``nan`` and ``inf`` as floats, which
no range check refuses (every comparison with NaN is false). These types take ASCII digits only and
finite numbers only, and name the option and the value (abbreviated) when they refuse one: a usage
error, exit 2.

Free text (``--title``, ``--name``, ``--publisher``, ``--source-title`` …) comes from the command
line through ``os.fsdecode``: a byte that is no UTF-8 arrives as a lone surrogate (``\\udcff``), which
no UTF-8 writer can encode. :data:`TEXT` replaces each with U+FFFD, the replacement character, as a
decoder replaces a byte it cannot read.
"""

from __future__ import annotations

import math
import re
from typing import Any

import click

from ..rules import ASCII_DIGITS_HINT, abbreviate, replace_surrogates

__all__ = ["Whole", "Finite", "SEED", "SEED_MAX", "TEXT", "FreeText", "shown"]

# ASCII digits only, an optional sign; no spaces or underscores inside (int() takes "1_000")
_WHOLE = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)

#: Seeds are 32-bit: numpy's and the layouts' generators take 0 ≤ seed < 2**32.
SEED_MAX = 2**32 - 1


def shown(value: Any) -> str:
    """An option's value for a message: abbreviated, and any lone surrogate written as its escape.

    >>> shown("9" * 100), shown("A" + chr(0xDCFF))
    ('99999999999999999999… (100 characters)', 'A\\\\udcff')
    """
    return abbreviate(replace_surrogates(str(value), escape=True), 40)


class FreeText(click.ParamType):
    """Text for a title or a name, with each lone surrogate replaced by U+FFFD (see the module notes).

    >>> FreeText().convert("Ab" + chr(0xDCFF), None, None)
    'Ab�'
    """

    name = "TEXT"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        return replace_surrogates(value if isinstance(value, str) else str(value))


TEXT = FreeText()


def _range_text(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    """``at least 0 and at most 4,294,967,295``: the range a value must be in."""
    def number(v: float) -> str:
        return f"{v:,}" if isinstance(v, int) else f"{v:g}"

    parts = []
    if low is not None:
        parts.append(f"above {number(low)}" if low_open else f"at least {number(low)}")
    if high is not None:
        parts.append(f"below {number(high)}" if high_open else f"at most {number(high)}")
    return " and ".join(parts)


class Whole(click.IntRange):
    """A whole number in ASCII digits, within ``min`` and ``max`` (both included; None: open).

    >>> Whole(min=1).convert("12", None, None)
    12
    >>> Whole(min=1).convert("٥", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: '٥' is not a whole number: its digits are not ASCII. Hint: write the digits as ASCII 0-9.
    """

    def __init__(self, min: int | None = None, max: int | None = None, name: str | None = None):
        # click's range type, for the range its --help shows ("x>=1"); the values are read here.
        # Without a range, --help names it as click's int ("INTEGER").
        super().__init__(min=min, max=max)
        self.name = name or ("integer range" if min is not None or max is not None else "integer")

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not text.isascii() and any(ch.isdigit() for ch in text):
                self.fail(f"'{shown(text)}' is not a whole number: its digits are not ASCII. "
                          f"Hint: {ASCII_DIGITS_HINT}.", param, ctx)
            if not _WHOLE.fullmatch(text):
                self.fail(f"'{shown(text)}' is not a whole number", param, ctx)
            if len(text.lstrip("+-")) > 30:  # no option takes such a number; int() of 5,000 digits raises
                self.fail(f"'{shown(text)}' is not {_range_text(self.min, self.max, False, False)}"
                          if self.min is not None or self.max is not None else
                          f"'{shown(text)}' is too long a number", param, ctx)
            number = int(text)
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            self.fail(f"{shown(number)} is not {_range_text(self.min, self.max, False, False)}", param, ctx)
        return number

    def __repr__(self) -> str:
        return f"Whole({self.min!r}, {self.max!r})"


#: A random seed: 0 ≤ seed < 2**32 (what numpy's generators take).
SEED = Whole(0, SEED_MAX)


class Finite(click.FloatRange):
    """A finite number (no NaN, no infinity) in ASCII digits, within a range whose ends may be open.

    >>> Finite(min=0.1).convert("2.5", None, None)
    2.5
    >>> Finite(min=0.1).convert("nan", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'nan' is not a finite number. Hint: write a number such as 0.5 or 60.
    >>> Finite(min=0, max=1, max_open=True).convert("1", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 1 is not at least 0 and below 1
    """

    def __init__(self, min: float | None = None, max: float | None = None, *, min_open: bool = False,
                 max_open: bool = False, name: str = "float range"):
        super().__init__(min=min, max=max, min_open=min_open, max_open=max_open)
        self.name = name

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
            text = repr(value)
        else:
            text = str(value).strip()
            if not text.isascii() and any(ch.isdigit() for ch in text):
                self.fail(f"'{shown(text)}' is not a number: its digits are not ASCII. "
                          f"Hint: {ASCII_DIGITS_HINT}.", param, ctx)
            if not _DECIMAL.fullmatch(text):
                try:
                    float(text)
                    special = True  # nan, inf, infinity …
                except ValueError:
                    special = False
                if special:
                    self.fail(f"'{shown(text)}' is not a finite number. Hint: write a number such as 0.5 or 60.",
                              param, ctx)
                self.fail(f"'{shown(text)}' is not a number", param, ctx)
            number = float(text)
        if not math.isfinite(number):  # 1e400, or a float given as a default
            self.fail(f"'{shown(text)}' is not a finite number. Hint: write a number such as 0.5 or 60.",
                      param, ctx)
        low = self.min is not None and (number <= self.min if self.min_open else number < self.min)
        high = self.max is not None and (number >= self.max if self.max_open else number > self.max)
        if low or high:
            self.fail(f"{shown(text)} is not {_range_text(self.min, self.max, self.min_open, self.max_open)}",
                      param, ctx)
        return number

    def __repr__(self) -> str:
        return f"Finite({self.min!r}, {self.max!r})"

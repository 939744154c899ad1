"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and the rule for when a relation is in force."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["PartialDate", "parse_date", "in_force"]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    A partial date stands for the first day of its period: ``2022`` starts on 2022-01-01 and
    ``2022-06`` on 2022-06-01. Ordering and comparison use that first day, then the precision.

    Examples
    --------
    >>> d = parse_date("2022-06")
    >>> str(d), d.start
    ('2022-06', datetime.date(2022, 6, 1))
    >>> parse_date(2022) < parse_date("2022-01-02")
    True
    """

    start: _dt.date
    precision: int  # 1 year, 2 month, 3 day

    def __str__(self) -> str:
        if self.precision == 1:
            return f"{self.start.year:04d}"
        if self.precision == 2:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()


def parse_date(value: object) -> PartialDate:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (text, an int year, or a ``datetime.date``).

    Raises
    ------
    ValueError
        When the value is not one of those forms or names a day that does not exist.

    Examples
    --------
    >>> parse_date("2025-02-17").start
    datetime.date(2025, 2, 17)
    >>> parse_date("2023-13")
    Traceback (most recent call last):
    ...
    ValueError: month 13 does not exist
    """
    if isinstance(value, bool):
        raise ValueError("a boolean is not a date")
    if isinstance(value, _dt.datetime):
        return PartialDate(value.date(), 3)
    if isinstance(value, _dt.date):
        return PartialDate(value, 3)
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{type(value).__name__} is not a date")
    match = _DATE_RE.match(value.strip())
    if not match:
        raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < 1:
        raise ValueError("year 0000 does not exist")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist")
    try:
        start = _dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"day {day} does not exist in {year:04d}-{month:02d}") from None
    return PartialDate(start, 1 + (month is not None) + (day is not None))


def in_force(since: PartialDate | None, until: PartialDate | None, at: _dt.date) -> bool:
    """Whether an interval holds on day ``at``: ``since <= at < until``, either end open.

    ``until`` is exclusive, so a relation that ends ``until: 2023`` no longer holds on 2023-01-01.

    Examples
    --------
    >>> import datetime as dt
    >>> in_force(parse_date(2022), parse_date(2023), dt.date(2022, 12, 31))
    True
    >>> in_force(parse_date(2022), parse_date(2023), dt.date(2023, 1, 1))
    False
    >>> in_force(None, None, dt.date(1900, 1, 1))
    True
    """
    if since is not None and at < since.start:
        return False
    if until is not None and at >= until.start:
        return False
    return True

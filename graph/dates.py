"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and the rule for when a relation is in force."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["PartialDate", "parse_date", "in_force", "STEPS", "periods", "period_label", "FIRST_DAY", "LAST_DAY",
           "NO_TIME"]

# ASCII digits only: Python's \d also matches ٢٠٢٥ and １９９１, which int() reads as numbers
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
# a day followed by a time of day, as YAML timestamps and spreadsheets write them
_TIMESTAMP_RE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]")

#: The range of days geograph reads and writes: the years 0001 to 9999 of the proleptic Gregorian
#: calendar (Python's ``datetime.date``). An ``until`` of 0001-01-01 is refused by the readers
#: (:func:`graph.rules.out_of_order`): its last day in force would be before the first day.
FIRST_DAY = _dt.date.min
LAST_DAY = _dt.date.max
#: Why a date with a time of day is refused (a timestamp cut to its day would move it, by time zone).
NO_TIME = "a date is YYYY, YYYY-MM or YYYY-MM-DD; the time of day is not kept"


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
    >>> parse_date("2001-12-14 21:59:43")
    Traceback (most recent call last):
    ...
    ValueError: a date is YYYY, YYYY-MM or YYYY-MM-DD; the time of day is not kept

    Digits are ASCII (``0``–``9``): ``٢٠٢٥`` and ``１９９１`` are not years. A ``datetime`` (a YAML
    timestamp such as ``2001-12-14t21:59:43.10-05:00``) is refused rather than cut to its day.
    """
    if isinstance(value, bool):
        raise ValueError("a boolean is not a date")
    if isinstance(value, _dt.datetime):
        raise ValueError(NO_TIME)
    if isinstance(value, _dt.date):
        return PartialDate(value, 3)
    if isinstance(value, int):
        if not 0 <= value <= 9999:  # str() of a 5,000-digit integer raises, and it is no year anyway
            raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{type(value).__name__} is not a date")
    text = value.strip()
    match = _DATE_RE.match(text)
    if not match:
        if _TIMESTAMP_RE.match(text):
            raise ValueError(NO_TIME)
        if not text.isascii() and any(ch.isdigit() for ch in text):
            raise ValueError("the digits must be ASCII 0-9")
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


#: The steps a timeline can take.
STEPS = ("year", "quarter", "month")


def _advance(day: _dt.date, every: str) -> _dt.date | None:
    """The first day of the period after the one starting on ``day``; None past :data:`LAST_DAY`."""
    months = {"year": 12, "quarter": 3, "month": 1}[every]
    total = day.year * 12 + (day.month - 1) + months
    if total // 12 > LAST_DAY.year:
        return None
    return _dt.date(total // 12, total % 12 + 1, 1)


def periods(start: _dt.date, end: _dt.date, every: str = "year") -> list[_dt.date]:
    """The first day of each period from ``start`` to ``end`` (both included), a step apart.

    The first period starts on ``start``; the next ones on the first day of each following year,
    quarter or month, so steps stay on calendar boundaries.

    Raises
    ------
    ValueError
        When ``every`` is not one of :data:`STEPS` or ``end`` comes before ``start``.

    Examples
    --------
    >>> import datetime as dt
    >>> periods(dt.date(2022, 1, 1), dt.date(2024, 6, 1))
    [datetime.date(2022, 1, 1), datetime.date(2023, 1, 1), datetime.date(2024, 1, 1)]
    >>> [str(d) for d in periods(dt.date(2024, 2, 15), dt.date(2024, 9, 1), "quarter")]
    ['2024-02-15', '2024-04-01', '2024-07-01']
    >>> periods(dt.date(9999, 1, 1), dt.date.max, "month")[-1]      # no step past the last day
    datetime.date(9999, 12, 1)
    """
    if every not in STEPS:
        raise ValueError(f"unknown step '{every}'; choose one of: {', '.join(STEPS)}")
    if end < start:
        raise ValueError(f"the end {end} comes before the start {start}")
    out = [start]
    boundary = {"year": _dt.date(start.year, 1, 1),
                "quarter": _dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1),
                "month": _dt.date(start.year, start.month, 1)}[every]
    day = _advance(boundary, every)
    while day is not None and day <= end:
        out.append(day)
        day = _advance(day, every)
    return out


def period_label(day: _dt.date, every: str) -> str:
    """A short label for the period starting on ``day``: ``2024``, ``2024-Q2`` or ``2024-05``.

    Examples
    --------
    >>> import datetime as dt
    >>> period_label(dt.date(2024, 4, 1), "quarter")
    '2024-Q2'
    """
    if every == "year":
        return f"{day.year:04d}"
    if every == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}-{day.month:02d}"

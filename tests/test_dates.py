"""Partial dates and the in-force rule (graph/dates.py)."""

import datetime as dt

import pytest

from graph.dates import in_force, parse_date


def test_parse_date_partial_forms_start_on_first_day():
    assert parse_date("2022").start == dt.date(2022, 1, 1)
    assert parse_date(2022).start == dt.date(2022, 1, 1)
    assert parse_date("2022-06").start == dt.date(2022, 6, 1)
    assert parse_date(dt.date(2025, 2, 17)).start == dt.date(2025, 2, 17)
    assert [str(parse_date(x)) for x in ("2022", "2022-06", "2022-06-09")] == ["2022", "2022-06", "2022-06-09"]


@pytest.mark.parametrize("text, message", [
    ("2023-13", "month 13 does not exist"),
    ("2025-02-30", "day 30 does not exist in 2025-02"),
    ("22", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2024/01/01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_parse_date_rejects_impossible_dates(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_in_force_until_is_exclusive_and_ends_open():
    since, until = parse_date("2022"), parse_date("2023-06")
    assert not in_force(since, until, dt.date(2021, 12, 31))
    assert in_force(since, until, dt.date(2022, 1, 1))
    assert in_force(since, until, dt.date(2023, 5, 31))
    assert not in_force(since, until, dt.date(2023, 6, 1))
    assert in_force(None, until, dt.date(1800, 1, 1))
    assert in_force(since, None, dt.date(2999, 1, 1))


# -- strict forms and the range (issue #18) ---------------------------------------------------

from graph.dates import FIRST_DAY, LAST_DAY, periods  # noqa: E402
from graph.rules import not_after, out_of_order  # noqa: E402


@pytest.mark.parametrize("value", ["٢٠٢٥", "１９９１", "2025-٠٢", "२०२५-01-01"])
def test_parse_date_takes_ascii_digits_only(value):
    # Python's \d and int() read these as 2025 and 1991: a date is written in ASCII digits
    with pytest.raises(ValueError, match="the digits must be ASCII 0-9"):
        parse_date(value)


@pytest.mark.parametrize("value", [
    "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43", "2001-12-14 21:59:43", "2001-12-14  1:00",
    dt.datetime(2001, 12, 14, 21, 59, 43), dt.datetime(2001, 12, 14),
])
def test_parse_date_refuses_a_time_of_day(value):
    # a timestamp cut to its day would silently move it (by its time zone); it is refused instead
    with pytest.raises(ValueError, match="^a date is YYYY, YYYY-MM or YYYY-MM-DD; the time of day is not kept$"):
        parse_date(value)


def test_parse_date_huge_int_is_no_year():
    with pytest.raises(ValueError, match="expected YYYY"):
        parse_date(16 ** 5000)  # str() of it would raise Python's digit-limit error


def test_date_range_ends_parse():
    assert (FIRST_DAY, LAST_DAY) == (dt.date(1, 1, 1), dt.date(9999, 12, 31))
    assert parse_date("0001").start == FIRST_DAY and parse_date("9999-12-31").start == LAST_DAY


@pytest.mark.parametrize("every, start, expected", [
    ("year", dt.date(9998, 6, 1), [dt.date(9998, 6, 1), dt.date(9999, 1, 1)]),
    ("quarter", dt.date(9999, 8, 1), [dt.date(9999, 8, 1), dt.date(9999, 10, 1)]),
    ("month", dt.date(9999, 11, 15), [dt.date(9999, 11, 15), dt.date(9999, 12, 1)]),
])
def test_periods_stop_at_the_last_day(every, start, expected):
    # the step after December 9999 would be year 10000, which no date holds
    assert periods(start, LAST_DAY, every) == expected


def test_periods_start_at_the_first_day():
    assert periods(FIRST_DAY, dt.date(3, 2, 1), "year") == [dt.date(1, 1, 1), dt.date(2, 1, 1), dt.date(3, 1, 1)]
    assert len(periods(FIRST_DAY, LAST_DAY, "month")) == 9999 * 12


def test_until_on_the_first_day_is_out_of_order():
    # its last day in force would be 0000-12-31: no writer can give it
    until = parse_date("0001")
    assert out_of_order(None, until) and out_of_order(parse_date("0001-01-01"), until)
    assert not out_of_order(None, parse_date("0001-01-02"))
    assert not_after(None, until) == "0001 is not after 0001-01-01, the first day geograph reads"

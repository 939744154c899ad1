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

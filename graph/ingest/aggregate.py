"""Aggregating events per directed pair of actors and period: counts, Goldstein, QuadClass, tone.

Events are added in chunks (:meth:`Totals.add_events`) or as ready-made aggregates
(:meth:`Totals.add_aggregates`); sums are kept per month, or per the input's own period, and
rolled up into months, quarters or years at the end (:meth:`Totals.table`). Every figure is a sum,
so chunks, files and months combine exactly; means are computed last.

QuadClass is GDELT's four-way class of an event: 1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict.
"""

from __future__ import annotations

import re
import numpy as np
import pandas as pd

from ..choices import PERIODS

__all__ = ["AGGREGATE_COLUMNS", "PERIODS", "Totals", "mutual", "period_label", "period_bounds", "parse_period"]

#: The columns of the aggregates table, in order (the SQL query produces the same).
AGGREGATE_COLUMNS = ("source", "target", "period", "events", "goldstein_sum", "goldstein_mean",
                     "quad1", "quad2", "quad3", "quad4", "mentions", "tone_mean")
#: The periods events can be grouped by, finest first.

_SUMS = ("events", "goldstein_sum", "quad1", "quad2", "quad3", "quad4", "mentions", "tone_sum", "tone_n")
_KEYS = ["source", "target", "start"]
_PERIOD_RE = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$")


def period_label(start: int, period: str) -> str:
    """The label of the period that holds month ``start`` (``YYYYMM``): ``2020-11``, ``2020-Q4``, ``2020``.

    Examples
    --------
    >>> period_label(202011, "month"), period_label(202011, "quarter"), period_label(202011, "year")
    ('2020-11', '2020-Q4', '2020')
    """
    year, month = divmod(int(start), 100)
    if period == "year":
        return f"{year:04d}"
    if period == "quarter":
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    return f"{year:04d}-{month:02d}"


def parse_period(label: str) -> tuple[int, str]:
    """The first month (``YYYYMM``) and the kind of a period label; ValueError if it is none.

    Examples
    --------
    >>> parse_period("2020-11"), parse_period("2020-Q4"), parse_period("2020")
    ((202011, 'month'), (202010, 'quarter'), (202001, 'year'))
    """
    match = _PERIOD_RE.match(label.strip())
    if not match:
        raise ValueError(f"'{label}' is not a period: write YYYY-MM, YYYY-Qn or YYYY")
    year, month, quarter = match.groups()
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"month {month} does not exist")
        return int(year) * 100 + int(month), "month"
    if quarter is not None:
        return int(year) * 100 + 3 * (int(quarter) - 1) + 1, "quarter"
    return int(year) * 100 + 1, "year"


def period_bounds(label: str) -> tuple[str, str]:
    """``since`` and ``until`` (exclusive) of a period, as partial dates.

    Examples
    --------
    >>> period_bounds("2020-12"), period_bounds("2020-Q4"), period_bounds("2020")
    (('2020-12', '2021-01'), ('2020-10', '2021-01'), ('2020', '2021'))
    """
    start, kind = parse_period(label)
    year, month = divmod(start, 100)
    if kind == "year":
        return f"{year:04d}", f"{year + 1:04d}"
    months = 3 if kind == "quarter" else 1
    total = year * 12 + month - 1 + months
    return f"{year:04d}-{month:02d}", f"{total // 12:04d}-{total % 12 + 1:02d}"


def _roll(start: np.ndarray | pd.Series, period: str) -> np.ndarray:
    """First month of the ``period`` holding each month ``YYYYMM``."""
    start = np.asarray(start, dtype=np.int64)
    year, month = np.divmod(start, 100)
    if period == "year":
        month = np.ones_like(month)
    elif period == "quarter":
        month = 3 * ((month - 1) // 3) + 1
    return year * 100 + month


class Totals:
    """Running sums per directed pair and month (or coarser period) of the input.

    Examples
    --------
    >>> import numpy as np
    >>> t = Totals()
    >>> t.add_events(np.array(["ARM", "ARM", "AZE"], dtype=object), np.array(["AZE", "AZE", "ARM"], dtype=object),
    ...              np.array([202011, 202011, 202012]), np.array([7.0, -10.0, 1.0]), np.array([2, 4, 1]),
    ...              np.array([3, 1, 2]), np.array([-2.0, -4.0, 1.0]))
    >>> t.table("quarter").iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'source': 'ARM', 'target': 'AZE', 'period': '2020-Q4', 'events': 2, 'goldstein_sum': -3.0,
     'goldstein_mean': -1.5, 'quad1': 0, 'quad2': 1, 'quad3': 0, 'quad4': 1, 'mentions': 4,
     'tone_mean': -3.0}
    """

    def __init__(self) -> None:
        self._parts: list[pd.DataFrame] = []
        self._rows = 0
        self.granularity = "month"

    def add_events(self, source: np.ndarray, target: np.ndarray, month: np.ndarray, goldstein: np.ndarray,
                   quad: np.ndarray, mentions: np.ndarray, tone: np.ndarray | None = None) -> None:
        """Add one chunk of events: actor ids, month ``YYYYMM``, Goldstein, QuadClass, mentions, tone."""
        if len(source) == 0:
            return
        quad = np.asarray(quad)
        frame = pd.DataFrame({
            "source": source, "target": target, "start": np.asarray(month, dtype=np.int64),
            "events": np.ones(len(source), dtype=np.int64),
            "goldstein_sum": np.asarray(goldstein, dtype=np.float64),
            "quad1": (quad == 1).astype(np.int64), "quad2": (quad == 2).astype(np.int64),
            "quad3": (quad == 3).astype(np.int64), "quad4": (quad == 4).astype(np.int64),
            "mentions": np.asarray(mentions, dtype=np.int64),
        })
        if tone is None:
            frame["tone_sum"] = 0.0
            frame["tone_n"] = 0
        else:
            tone = np.asarray(tone, dtype=np.float64)
            known = ~np.isnan(tone)
            frame["tone_sum"] = np.where(known, tone, 0.0)
            frame["tone_n"] = known.astype(np.int64)
        self._append(frame.groupby(_KEYS, sort=False, observed=True).sum())

    def add_aggregates(self, frame: pd.DataFrame, granularity: str) -> None:
        """Add rows of an aggregates table (:data:`AGGREGATE_COLUMNS`, with ``start`` = first month)."""
        if frame.empty:
            return
        self.granularity = max(self.granularity, granularity, key=PERIODS.index)
        tone = frame["tone_mean"].to_numpy(dtype=np.float64)
        known = ~np.isnan(tone)
        part = pd.DataFrame({
            "source": frame["source"].to_numpy(object), "target": frame["target"].to_numpy(object),
            "start": frame["start"].to_numpy(np.int64),
            **{c: frame[c].to_numpy(np.int64) for c in ("events", "quad1", "quad2", "quad3", "quad4", "mentions")},
            "goldstein_sum": frame["goldstein_sum"].to_numpy(np.float64),
            "tone_sum": np.where(known, tone * frame["events"].to_numpy(np.float64), 0.0),
            "tone_n": np.where(known, frame["events"].to_numpy(np.int64), 0),
        })
        self._append(part.groupby(_KEYS, sort=False, observed=True).sum())

    def _append(self, grouped: pd.DataFrame) -> None:
        self._parts.append(grouped)
        self._rows += len(grouped)
        # keep memory bounded: fold the partial sums once they outnumber a few hundred thousand rows
        if len(self._parts) > 1 and self._rows > 400_000:
            merged = pd.concat(self._parts).groupby(level=[0, 1, 2], sort=False).sum()
            self._parts, self._rows = [merged], len(merged)

    @property
    def empty(self) -> bool:
        """Whether no event was added."""
        return not self._parts

    def table(self, period: str = "month") -> pd.DataFrame:
        """The aggregates table: one row per directed pair and period, sorted.

        Columns are :data:`AGGREGATE_COLUMNS`; ``goldstein_mean`` and ``tone_mean`` are means over
        the events (``tone_mean`` is NaN when no event had a tone); floats are rounded to 6 decimals.

        Raises
        ------
        ValueError
            When ``period`` is finer than the input's periods (quarters cannot be split into months).
        """
        if PERIODS.index(period) < PERIODS.index(self.granularity):
            raise ValueError(f"the input holds {self.granularity}s, which cannot be split into {period}s")
        if not self._parts:
            return _empty_table()
        whole = pd.concat(self._parts).reset_index()
        whole["start"] = _roll(whole["start"], period)
        whole = whole.groupby(_KEYS, sort=True).sum().reset_index()
        events = whole["events"].to_numpy(np.float64)
        tone_n = whole["tone_n"].to_numpy(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            tone_mean = np.where(tone_n > 0, whole["tone_sum"].to_numpy() / tone_n, np.nan)
        out = pd.DataFrame({
            "source": whole["source"].astype(object), "target": whole["target"].astype(object),
            "period": [period_label(s, period) for s in whole["start"]],
            "events": whole["events"].astype(np.int64),
            "goldstein_sum": whole["goldstein_sum"].round(6),
            "goldstein_mean": (whole["goldstein_sum"] / events).round(6),
            **{c: whole[c].astype(np.int64) for c in ("quad1", "quad2", "quad3", "quad4", "mentions")},
            "tone_mean": np.round(tone_mean, 6),
        })
        return out.sort_values(["source", "target", "period"], kind="stable").reset_index(drop=True)


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object if c in ("source", "target", "period") else
                                      np.float64 if c in ("goldstein_sum", "goldstein_mean", "tone_mean")
                                      else np.int64) for c in AGGREGATE_COLUMNS})


def mutual(table: pd.DataFrame) -> pd.DataFrame:
    """Both directions of each pair summed: one row per pair (``a < b``) and period.

    Adds ``a``, ``b`` and, for the evidence, ``coop_ab``, ``coop_ba``, ``conflict_ab``,
    ``conflict_ba``: cooperation (QuadClass 1–2) and conflict (3–4) events by direction.
    """
    if table.empty:
        return pd.DataFrame(columns=["a", "b", "period", "events", "goldstein_sum", "quad1", "quad2",
                                     "quad3", "quad4", "mentions", "tone_sum", "tone_n", "coop_ab",
                                     "coop_ba", "conflict_ab", "conflict_ba"])
    t = table
    forward = t["source"] < t["target"]
    a = np.where(forward, t["source"], t["target"])
    b = np.where(forward, t["target"], t["source"])
    coop = t["quad1"] + t["quad2"]
    conflict = t["quad3"] + t["quad4"]
    known = t["tone_mean"].notna()
    frame = pd.DataFrame({
        "a": a, "b": b, "period": t["period"],
        **{c: t[c] for c in ("events", "goldstein_sum", "quad1", "quad2", "quad3", "quad4", "mentions")},
        "tone_sum": np.where(known, t["tone_mean"].fillna(0.0) * t["events"], 0.0),
        "tone_n": np.where(known, t["events"], 0),
        "coop_ab": np.where(forward, coop, 0), "coop_ba": np.where(forward, 0, coop),
        "conflict_ab": np.where(forward, conflict, 0), "conflict_ba": np.where(forward, 0, conflict),
    })
    return frame.groupby(["a", "b", "period"], sort=True).sum().reset_index()

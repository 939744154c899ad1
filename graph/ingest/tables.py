"""Reading event tables with a header (ICEWS, POLECAT, anything) and aggregates tables, in chunks.

An event table has one event per row and a header naming its columns: the two actors (codes or
names), the date, a score on the Goldstein scale (−10 most conflictual … +10 most cooperative;
ICEWS calls it ``Intensity``) and, optionally, the kind of event. Without a kind column the
QuadClass comes from the score: cooperation when it is 0 or more, conflict below, material when
its size is :data:`MATERIAL_SCORE` or more. On the 22,766 events of the GDELT reference samples
this rule agrees with GDELT's own QuadClass for 83 % of the events, and on cooperation versus
conflict for 97 %.

An aggregates table is what ``--aggregates`` writes and what the SQL query in
``graph/sql/gdelt_aggregate.sql`` returns: one row per directed pair and period.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections import Counter
from typing import Iterator

import numpy as np
import pandas as pd

from ..errors import DataError, Problem
from ..read.headers import header_key
from ._files import Member, Ticker, open_members
from .aggregate import AGGREGATE_COLUMNS, parse_period

__all__ = ["MATERIAL_SCORE", "KIND_WORDS", "MALFORMED_LINES", "quad_from_score", "quad_from_kind", "read_table",
           "read_aggregates", "detect_separator", "note_lines"]

#: A score of this size or more is a material act (cooperation or conflict), below it a verbal one.
MATERIAL_SCORE = 5.0
#: Words a kind column may hold (lower case, spaces for ``_`` and ``-``) → QuadClass; 0 means
#: "cooperation" and 5 "conflict", whose verbal or material side then comes from the score.
KIND_WORDS = {
    "1": 1, "2": 2, "3": 3, "4": 4,
    "verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3, "material conflict": 4,
    "cooperation": 0, "cooperative": 0, "alignment": 0, "conflict": 5, "conflictual": 5, "hostile": 5,
    "tension": 5,
}
CHUNK_ROWS = 100_000
_SKIPPED_LINE = re.compile(r"Skipping line (\d+)")
#: How many lines an ingest names per reason a row was malformed (the rest are counted only).
MALFORMED_LINES = 5


def note_lines(located: dict[str, list[str]], reason: str, name: str, lines, limit: int = MALFORMED_LINES) -> None:
    """Add ``name:line`` for the first ``lines`` of a reason to ``located``, up to ``limit`` per reason.

    Examples
    --------
    >>> located = {}
    >>> note_lines(located, "bad date", "events.csv", [4, 9, 12], limit=2)
    >>> note_lines(located, "bad date", "events.csv", [20], limit=2)
    >>> located
    {'bad date': ['events.csv:4', 'events.csv:9']}
    """
    kept = located.setdefault(reason, [])
    for line in lines:
        if len(kept) >= limit:
            break
        kept.append(f"{name}:{int(line)}")


def detect_separator(header: str) -> str:
    """Tab, semicolon or comma: whichever the header line is split by.

    Examples
    --------
    >>> detect_separator("Event ID\\tEvent Date\\tSource Country"), detect_separator("a;b;c"), detect_separator("a,b")
    ('\\t', ';', ',')
    """
    if "\t" in header:
        return "\t"
    return ";" if header.count(";") > header.count(",") else ","


def quad_from_score(score: np.ndarray) -> np.ndarray:
    """QuadClass from a Goldstein-scale score (see the module's notes).

    Examples
    --------
    >>> quad_from_score(np.array([0.0, 3.4, 7.0, -2.0, -10.0])).tolist()
    [1, 1, 2, 3, 4]
    """
    score = np.asarray(score, dtype=np.float64)
    material = np.abs(score) >= MATERIAL_SCORE
    return np.where(score >= 0, np.where(material, 2, 1), np.where(material, 4, 3)).astype(np.int8)


def quad_from_kind(kind: pd.Series, score: np.ndarray) -> np.ndarray:
    """QuadClass from a kind column (:data:`KIND_WORDS`), the score deciding verbal or material
    where the kind only says cooperation or conflict; 0 where the kind is not understood.

    Examples
    --------
    >>> quad_from_kind(pd.Series(["4", "Verbal_Cooperation", "conflict", "war"]), np.array([0, 0, -8, 0])).tolist()
    [4, 1, 4, 0]
    """
    words = kind.astype(str).str.strip().str.lower().str.replace(r"[_\-]+", " ", regex=True)
    words = words.str.replace(r"^(\d)\.0*$", r"\1", regex=True)
    quad = words.map(KIND_WORDS).fillna(-1).to_numpy(dtype=np.int64)
    by_score = quad_from_score(score)
    side = np.where(quad == 0, np.where(by_score <= 2, by_score, 1),
                    np.where(quad == 5, np.where(by_score >= 3, by_score, 3), quad))
    return np.where(quad < 0, 0, side).astype(np.int8)


def _header_line(member: Member) -> str:
    head = member.stream.read(1 << 16)
    return head.decode("utf-8-sig", errors="replace").splitlines()[0] if head.strip() else ""


def _find_columns(shown: str, header: list[str], wanted: dict[str, str]) -> dict[str, int]:
    """The position in the header of each wanted column: exact, else by :func:`header_key` (case and
    surrounding spaces aside, as every CSV reader of geograph), else with no ``_`` at all
    (``EventDate`` for ``Event Date``)."""
    keyed: dict[str, int] = {}
    loose: dict[str, int] = {}
    for i, h in enumerate(header):
        keyed.setdefault(header_key(h), i)
        loose.setdefault(header_key(h).replace("_", ""), i)
    out, problems = {}, []
    for role, name in wanted.items():
        if name in header:
            out[role] = header.index(name)
        elif header_key(name) in keyed:
            out[role] = keyed[header_key(name)]
        elif header_key(name).replace("_", "") in loose:
            out[role] = loose[header_key(name).replace("_", "")]
        else:
            close = difflib.get_close_matches(name, header, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "the header has: " + ", ".join(header[:20])
            what = f"no column '{name}'" + (f" (the {role} column)" if role != name else "")
            problems.append(Problem(shown, 1, 1, "missing-column", what, hint))
    if problems:
        raise DataError(problems)
    return out


def read_table(shown: str, path, columns: dict[str, str], ticker: Ticker,
               offset: int = 0) -> Iterator[tuple[str, pd.DataFrame, Counter, dict[str, list[int]]]]:
    """Chunks of a table with a header: (member name, frame of the wanted columns, malformed counts,
    the lines of the malformed rows by reason).

    ``columns`` maps a role (``source``, ``target`` …) to a column name; the frames are keyed by
    role and hold the cells as stripped text, and ``line`` holds each row's line in the file (the
    header is line 1; a quoted cell over several lines counts as one). Rows with more cells than
    the header are counted as ``wrong column count`` and left out; a row with too few cells reads
    as empty cells (which the caller finds as a bad date, a bad number or a missing code); a line
    of nothing but separators is blank. A missing column raises :class:`DataError`.
    """
    for member in open_members(shown, path, offset):
        header = _header_line(member)
        member.raise_damage()  # a compressed stream damaged in its first lines
        if not header.strip():
            continue
        sep = detect_separator(header)
        names = [h.strip().strip('"') for h in header.split(sep)]
        found = _find_columns(member.name, names, columns)
        extra = len(names)  # one column past the header: filled only by rows that are too long
        member.stream.seek(0)
        # every column is read (pandas checks row lengths only then); chunks stay small for it
        # blank lines are kept as rows (and dropped below) so that a row's index gives its line
        reader = pd.read_csv(member.stream, sep=sep, header=None, skiprows=1, names=range(extra + 1),
                             dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS, encoding="utf-8-sig",
                             encoding_errors="replace", skipinitialspace=True, on_bad_lines="warn", engine="c",
                             skip_blank_lines=False)
        shifts: list[int] = []  # per line pandas skipped: how many rows were read before it
        while True:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", pd.errors.ParserWarning)
                chunk = next(reader, None)
            bad: Counter[str] = Counter()
            skipped = [int(n) for w in caught if issubclass(w.category, pd.errors.ParserWarning)
                       for n in _SKIPPED_LINE.findall(str(w.message))]
            where: dict[str, list[int]] = {"wrong column count": skipped} if skipped else {}
            shifts.extend(n - 2 - len(shifts) for n in skipped)
            longer = len(skipped)
            if chunk is not None:
                index = chunk.index.to_numpy()
                line = 2 + index + np.searchsorted(np.array(shifts, dtype=np.int64), index, side="right")
                cells = chunk.fillna("")
                blank = cells[0].eq("").to_numpy().copy()  # only a row whose first cell is empty can be blank
                if blank.any():
                    blank[blank] = cells[blank].eq("").all(axis=1).to_numpy()
                long_rows = (cells[extra].str.strip() != "").to_numpy()
                if long_rows.any():  # in line order with those pandas skipped
                    where["wrong column count"] = sorted([*skipped, *line[long_rows][:MALFORMED_LINES].tolist()])
                longer += int(long_rows.sum())
                keep = ~long_rows & ~blank
                chunk, line = chunk[keep], line[keep]
            if longer:
                bad["wrong column count"] += longer
            if chunk is None:
                member.raise_damage()  # the stream ended at damage (cut short, bad CRC): not its true end
                if bad:
                    empty = pd.DataFrame({role: pd.Series(dtype=object) for role in (*found, "line")})
                    yield member.name, empty, bad, where
                break
            frame = pd.DataFrame({role: chunk[i].fillna("").str.strip() for role, i in found.items()})
            frame["line"] = line
            yield member.name, frame, bad, where
            ticker.at(member.done(0))


def read_aggregates(shown: str, path, ticker: Ticker, offset: int = 0
                    ) -> Iterator[tuple[str, pd.DataFrame, Counter, dict[str, list[int]]]]:
    """Chunks of an aggregates table, checked: (member name, good rows, malformed counts, the lines
    of the malformed rows by reason, as :func:`read_table` gives them).

    Good rows have typed columns and ``start``, the first month (``YYYYMM``) of their period,
    and ``granularity`` (``month``, ``quarter`` or ``year``).
    """
    columns = {c: c for c in AGGREGATE_COLUMNS}
    for name, frame, bad, where in read_table(shown, path, columns, ticker, offset):
        starts, kinds, good_period = [], [], []
        for label in frame["period"]:
            try:
                start, kind = parse_period(label)
                starts.append(start), kinds.append(kind), good_period.append(True)
            except ValueError:
                starts.append(0), kinds.append("month"), good_period.append(False)
        good_period = np.array(good_period, dtype=bool)
        numbers = {c: pd.to_numeric(frame[c], errors="coerce") for c in
                   ("events", "goldstein_sum", "quad1", "quad2", "quad3", "quad4", "mentions")}
        tone = pd.to_numeric(frame["tone_mean"].replace("", np.nan), errors="coerce")
        good_number = np.ones(len(frame), dtype=bool)
        for c, values in numbers.items():
            ok = values.notna() & np.isfinite(values.fillna(0))
            if c != "goldstein_sum":
                ok &= (values >= 0) & (values == values.round())
            good_number &= ok.to_numpy()
        good_number &= (numbers["events"] >= 1).to_numpy()
        good_number &= (frame["tone_mean"].eq("") | tone.notna()).to_numpy()
        lines = frame["line"].to_numpy()
        for reason, mask in (("bad period", ~good_period), ("bad number", good_period & ~good_number)):
            if mask.any():
                bad[reason] += int(mask.sum())
                where.setdefault(reason, []).extend(lines[mask][:MALFORMED_LINES].tolist())
        keep = good_period & good_number
        out = pd.DataFrame({
            "source": frame["source"], "target": frame["target"], "period": frame["period"],
            **{c: numbers[c] for c in numbers}, "tone_mean": tone,
            "start": np.array(starts, dtype=np.int64), "granularity": kinds,
        })[keep]
        out = out.astype({c: np.int64 for c in ("events", "quad1", "quad2", "quad3", "quad4", "mentions")})
        yield name, out, bad, where

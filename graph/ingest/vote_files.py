"""Reading UN General Assembly vote files: the ``unvotes`` layout and Voeten's Dataverse layout.

``unvotes``
    The ``unvotes`` R package's tables (as ``.rda``, ``.rds`` or CSV, plain or compressed):
    votes (``rcid``, ``country``, ``country_code``, ``vote`` as ``yes``/``abstain``/``no``), roll
    calls (``rcid``, ``session``, ``date``, ``importantvote`` …) and, optionally, issues (``rcid``,
    ``short_name``).
``voeten``
    Voeten's own Dataverse file: one row per member and roll call with ``rcid``, ``vote`` (1 yes,
    2 abstain, 3 no, 8 absent, 9 not a member), ``Country`` (alpha-3), ``Countryname``,
    ``session``, ``date`` (or ``year``), ``importantvote`` and the issue columns ``me`` … ``ec``
    (1 when the roll call is on that issue). The roll-call and issue files are then optional.

Every cell is read as text, so ``NA`` (Namibia's code) stays ``NA``; a value that cannot be read
is a :class:`~graph.errors.DataError` naming its file and line (for R data, its row).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, OptionError, Problem
from ..yaml_text import one_line
from ._files import check_paths
from .agreement import ABSENT, ABSTAIN, NO, YES

__all__ = ["UN_ISSUES", "read_votes", "read_roll_calls", "read_issues"]

#: The issue codes of the data (Voeten's): Palestinian conflict, nuclear weapons and material, arms
#: control and disarmament, human rights, colonialism, economic development.
UN_ISSUES = {"me": "Palestinian conflict", "nu": "nuclear weapons and nuclear material",
             "di": "arms control and disarmament", "hr": "human rights", "co": "colonialism",
             "ec": "economic development"}

_VOTE_WORDS = {"yes": YES, "abstain": ABSTAIN, "no": NO}
_VOETEN_CODES = {"1": YES, "2": ABSTAIN, "3": NO, "8": ABSENT, "9": ABSENT}
_R_SUFFIXES = (".rda", ".rdata", ".rds")




def _read_frame(shown: str, path: Path, wanted: tuple[str, ...]) -> tuple[pd.DataFrame, bool]:
    """The file's columns as text (``NA`` stays Namibia), and whether it is R data (rows, not lines)."""
    if path.suffix.lower() in _R_SUFFIXES:
        try:
            import pyreadr
        except ImportError:
            raise OptionError(f"{shown}: reading R data files needs pyreadr. Hint: pip install pyreadr "
                              "(or geograph[unvotes]), or give the CSV files") from None
        try:
            frames = pyreadr.read_r(str(path))
        except Exception as exc:  # pyreadr raises its own LibrdataError for anything unreadable
            raise DataError([Problem(shown, 0, 0, "unreadable", f"not a readable R data file ({exc})",
                                     "give the .rda file of the unvotes package, or a CSV file")]) from None
        frame = next((f for f in frames.values() if set(wanted) <= set(f.columns)), None)
        if frame is None:
            frame = next(iter(frames.values()), pd.DataFrame())
        return _as_text(frame), True
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError([Problem(shown, 0, 0, "unreadable", "not UTF-8 text", "save the file as UTF-8")]) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, OSError, EOFError) as exc:
        raise DataError([Problem(shown, 0, 0, "unreadable", f"not a readable CSV file ({exc})",
                                 "give the CSV file as shipped (comma separated, with a header)")]) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame, False


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """R data as the CSV reader gives it: text cells, R's missing values empty, whole numbers without '.0'."""
    out = {}
    for name, column in frame.items():
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_float_dtype(column):
            whole = column.dropna()
            text = column.map(lambda v: "" if v != v else (str(int(v)) if float(v).is_integer() else repr(v)))
            out[name] = text if len(whole) else column.astype(object).where(column.notna(), "").astype(str)
        else:
            out[name] = column.astype(object).where(column.notna(), "").map(
                lambda v: v.isoformat() if isinstance(v, dt.date) else str(v))
    return pd.DataFrame(out, columns=list(frame.columns))


def _column(frame: pd.DataFrame, shown: str, name: str, layout: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    folded = {c.casefold(): c for c in frame.columns}
    if name.casefold() in folded:
        return frame[folded[name.casefold()]]
    raise DataError([Problem(shown, 1, 1, "missing-column", f"no column '{name}' (the {layout} layout needs it)",
                             "the header has: " + ", ".join(map(str, frame.columns[:20])))])


def _where(shown: str, rda: bool, index: int) -> tuple[str, int]:
    """(file, line) of a row: a CSV row's line (after its header), an R data row's number."""
    return (f"{shown} (row {index + 1})", 0) if rda else (shown, index + 2)


def _bad_values(shown: str, rda: bool, values: pd.Series, bad: np.ndarray, what: str, hint: str) -> DataError:
    rows = np.flatnonzero(bad)
    problems = []
    for index in rows[:5]:
        name, line = _where(shown, rda, int(index))
        problems.append(Problem(name, line, 1 if line else 0, "bad-choice",
                                f"{what} {one_line(str(values.iloc[index]))!r}", hint))
    if len(rows) > 5:
        problems[-1] = Problem(problems[-1].path, problems[-1].line, problems[-1].col, "bad-choice",
                               f"{problems[-1].message} (and {len(rows) - 5:,} more rows like it)", hint)
    return DataError(problems)


def _integers(shown: str, rda: bool, values: pd.Series, what: str) -> np.ndarray:
    text = values.str.strip()
    good = text.str.fullmatch(r"\d{1,9}").to_numpy(dtype=bool)
    if not good.all():
        raise _bad_values(shown, rda, values, ~good, f"{what} is not a whole number:", "write it in digits, e.g. 3")
    return text.astype(np.int64).to_numpy()


def _dates(shown: str, rda: bool, values: pd.Series) -> np.ndarray:
    text = values.str.strip().str[:10]
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    bad = parsed.isna().to_numpy()
    if bad.any():
        raise _bad_values(shown, rda, values, bad, "date is not YYYY-MM-DD:", "write dates as 1960-10-12")
    return parsed.dt.strftime("%Y-%m-%d").to_numpy(dtype=object)


def read_votes(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame | None, str, int]:
    """The votes of a file (either layout), and the roll calls it carries (Voeten's layout only).

    Returns
    -------
    votes : DataFrame
        ``rcid`` (int), ``code``, ``name`` (text) and ``vote`` (:data:`~graph.ingest.agreement.YES`,
        ``ABSTAIN`` or ``NO``), one row per vote cast.
    roll_calls : DataFrame or None
        ``rcid``, ``session``, ``date``, ``important`` and one 0/1 column per issue, for Voeten's layout.
    layout : str
    rows : int
        Rows read (for Voeten's layout, absences and non-membership included).

    Raises
    ------
    DataError
        Naming the file and line of a vote, roll-call id or date that cannot be read, or the
        column that is missing.
    """
    (shown, file), = check_paths([path])
    frame, rda = _read_frame(shown, file, ("rcid", "vote"))
    columns = {c.casefold() for c in frame.columns}
    if {"rcid", "vote", "country_code"} <= columns:
        vote_text = _column(frame, shown, "vote", "unvotes").str.strip().str.casefold()
        vote = vote_text.map(_VOTE_WORDS)
        bad = vote.isna().to_numpy()
        if bad.any():
            raise _bad_values(shown, rda, _column(frame, shown, "vote", "unvotes"), bad, "vote is not yes, abstain or no:",
                              "the unvotes layout writes each vote as yes, abstain or no (absences are left out)")
        votes = pd.DataFrame({"rcid": _integers(shown, rda, _column(frame, shown, "rcid", "unvotes"), "rcid"),
                              "code": _column(frame, shown, "country_code", "unvotes").str.strip().to_numpy(),
                              "name": _column(frame, shown, "country", "unvotes").str.strip().to_numpy(),
                              "vote": vote.to_numpy(dtype=np.int8)})
        return votes, None, "unvotes", len(frame)
    if {"rcid", "vote"} <= columns and ({"country", "countryname"} & columns):
        raw = _column(frame, shown, "vote", "voeten").str.strip().str.replace(r"\.0$", "", regex=True)
        vote = raw.map(_VOETEN_CODES)
        bad = vote.isna().to_numpy()
        if bad.any():
            raise _bad_values(shown, rda, _column(frame, shown, "vote", "voeten"), bad, "vote is not 1, 2, 3, 8 or 9:",
                              "Voeten's layout codes 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member")
        code = (_column(frame, shown, "Country", "voeten") if "country" in columns
                else pd.Series([""] * len(frame), index=frame.index))
        name = (_column(frame, shown, "Countryname", "voeten") if "countryname" in columns else code)
        rcid = _integers(shown, rda, _column(frame, shown, "rcid", "voeten"), "rcid")
        votes = pd.DataFrame({"rcid": rcid, "code": code.str.strip().to_numpy(), "name": name.str.strip().to_numpy(),
                              "vote": vote.to_numpy(dtype=np.int8)})
        first = ~pd.Series(rcid).duplicated().to_numpy()
        roll_calls = _roll_call_columns(shown, rda, frame.loc[first].reset_index(drop=True), rcid[first], "voeten")
        return votes[votes["vote"].to_numpy() != ABSENT].reset_index(drop=True), roll_calls, "voeten", len(frame)
    raise DataError([Problem(shown, 1, 1, "missing-column", "neither vote layout: no 'rcid', 'vote' and "
                             "'country_code' (unvotes) or 'Country' (Voeten's Dataverse file) columns",
                             "the header has: " + ", ".join(map(str, frame.columns[:20])))])


def _roll_call_columns(shown: str, rda: bool, frame: pd.DataFrame, rcid: np.ndarray, layout: str) -> pd.DataFrame:
    columns = {c.casefold(): c for c in frame.columns}
    if "date" in columns:
        date = _dates(shown, rda, frame[columns["date"]])
    elif "year" in columns:  # some extracts give the year alone: the roll call is placed on 1 July
        years = _integers(shown, rda, frame[columns["year"]], "year")
        date = np.array([f"{y:04d}-07-01" for y in years], dtype=object)
    else:
        raise DataError([Problem(shown, 1, 1, "missing-column", f"no column 'date' (the {layout} layout needs it)",
                                 "the header has: " + ", ".join(map(str, frame.columns[:20])))])
    session = _integers(shown, rda, _column(frame, shown, "session", layout), "session")
    important = (frame[columns["importantvote"]].str.strip().isin(["1", "1.0", "TRUE", "True"]).to_numpy()
                 if "importantvote" in columns else np.zeros(len(frame), dtype=bool))
    out = pd.DataFrame({"rcid": rcid, "session": session, "date": date, "important": important})
    for issue in UN_ISSUES:
        if issue in columns:
            out[issue] = frame[columns[issue]].str.strip().isin(["1", "1.0"]).to_numpy()
    return out


def read_roll_calls(path: str | Path) -> tuple[pd.DataFrame, int]:
    """The roll calls of the ``unvotes`` layout: ``rcid``, ``session``, ``date``, ``important``."""
    (shown, file), = check_paths([path])
    frame, rda = _read_frame(shown, file, ("rcid", "session", "date"))
    rcid = _integers(shown, rda, _column(frame, shown, "rcid", "roll-call"), "rcid")
    return _roll_call_columns(shown, rda, frame, rcid, "roll-call"), len(frame)


def read_issues(path: str | Path) -> tuple[pd.DataFrame, int]:
    """The issue table of the ``unvotes`` layout: ``rcid`` and ``short_name`` (``me`` … ``ec``)."""
    (shown, file), = check_paths([path])
    frame, rda = _read_frame(shown, file, ("rcid", "short_name"))
    rcid = _integers(shown, rda, _column(frame, shown, "rcid", "issue"), "rcid")
    issue = _column(frame, shown, "short_name", "issue").str.strip().str.casefold()
    bad = ~issue.isin(list(UN_ISSUES)).to_numpy()
    if bad.any():
        raise _bad_values(shown, rda, _column(frame, shown, "short_name", "issue"), bad, "issue is not one of "
                          + ", ".join(UN_ISSUES) + ":", "the issue codes are Voeten's: " + ", ".join(UN_ISSUES))
    return pd.DataFrame({"rcid": rcid, "issue": issue.to_numpy()}), len(frame)

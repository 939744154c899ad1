"""UN General Assembly roll-call votes into yearly (or per-session), sourced alignment and tension.

Reads Erik Voeten's "United Nations General Assembly Voting Data" (Harvard Dataverse,
hdl:1902.1/12379) in the ``unvotes`` layout or Voeten's own (:mod:`graph.ingest.vote_files`).
Members map to state ids with :func:`graph.ingest.un_members.member_id`; a member no id stands
for is reported with its votes (:attr:`UnVotesResult.unmapped`), never dropped silently. For each
pair of members and period the agreement figures of :mod:`graph.ingest.agreement` are computed;
a pair whose chance-corrected similarity is clearly above (below) zero gets an alignment
(tension) relation (:func:`derive_vote_relations`).

>>> from graph.ingest import ingest_unvotes
>>> result = ingest_unvotes("un_votes.csv.gz", "un_roll_calls.csv.gz")          # doctest: +SKIP
>>> result.pairs.query("a == 'AZE' and b == 'IRN'")                             # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

from ..csv_text import csv_table
from ..dates import parse_date
from ..errors import DataError, OptionError, Problem
from ..files import STDOUT, atomic_write_all, check_output_folders
from ..model import Actor, Relation, Source
from ..read.dataset import load
from ..read.files import MAX_FILE_BYTES
from ..rules import did_you_mean, replace_surrogates
from ..yaml_text import one_line
from ._files import Progress
from .agreement import MEASURES, PAIR_COLUMNS, Z_95, pair_table, tie_signs
from .fragment import render_fragment
from .relations import _relation_id
from .un_members import SERBIA_FROM, member_id, member_name
from .vote_files import UN_ISSUES, read_issues, read_roll_calls, read_votes

__all__ = ["ingest_unvotes", "UnVotesResult", "UN_PERIODS", "SPLITS", "UN_ISSUES", "derive_vote_relations",
           "pairs_csv", "VOETEN_URL", "CONFIDENCE_WIDTH"]

#: The periods one relation can span.
UN_PERIODS = ("year", "session")
#: How a fragment can be split into files of one folder.
SPLITS = ("decade", "year")
VOETEN_URL = "https://hdl.handle.net/1902.1/12379"
#: Half-widths of the 95 % interval under which a relation's confidence is ``high``, then ``medium``.
CONFIDENCE_WIDTH = (0.1, 0.2)
#: The domain of every vote-derived relation.
DOMAIN = "diplomatic"

_MEASURE_NAMES = {"kappa": "Cohen's kappa", "pi": "Scott's pi", "s": "S"}


@dataclass(frozen=True)
class VoteFile:
    """One input read: its name, its layout (``unvotes``, ``voeten``, ``roll calls``, ``issues``) and rows."""

    path: str
    layout: str
    rows: int


@dataclass(frozen=True, eq=False)
class UnVotesResult:
    """What :func:`ingest_unvotes` produced and what it left out.

    Attributes
    ----------
    fragments : mapping
        The dataset fragment as YAML text, under the key ``""``; or, split, one fragment per file
        name (``unga-1960s`` …). :attr:`fragment` is the single one.
    pairs : DataFrame
        One row per pair of members (``a`` < ``b``) and period with a shared vote
        (:data:`~graph.ingest.agreement.PAIR_COLUMNS`), sorted by period, then pair.
    relations, actors : tuple
        The derived relations and the actors they use.
    source : Source or None
    votes_read : int
        Votes in the input (yes, abstain, no; for Voeten's layout, absences aside).
    votes_kept : int
        Votes that entered the agreement figures.
    left_out : mapping
        Votes left out, by reason (``unmapped member``, ``roll call not in the roll-call file``,
        ``other issues``, ``not an important vote``, ``outside the years asked for``, ``other
        members than those asked for``).
    unmapped : mapping
        Members no state id stands for (``code name``), with their votes, most first.
    files : tuple of VoteFile
    period, measure : str
    rule : str
        The tie rule in words, as the fragment's header states it.
    """

    fragments: Mapping[str, str]
    pairs: pd.DataFrame
    relations: tuple[Relation, ...]
    actors: tuple[Actor, ...]
    source: Source | None
    votes_read: int
    votes_kept: int
    roll_calls: int
    left_out: Mapping[str, int]
    unmapped: Mapping[str, int]
    files: tuple[VoteFile, ...]
    period: str
    measure: str
    rule: str = ""
    members: tuple[str, ...] = field(default=())

    @property
    def fragment(self) -> str:
        """The fragment, YAML text ready to write (OptionError when it was split into several files)."""
        if "" not in self.fragments:
            raise OptionError(f"the fragment is split into {len(self.fragments)} files: see .fragments")
        return self.fragments[""]

    def summary(self, top: int = 8) -> str:
        """What was read, kept, left out and derived, as a few lines for the terminal."""
        shown = ", ".join(f"{one_line(Path(f.path).name)} ({f.layout})" for f in self.files)
        lines = [f"read {_plural(self.votes_read, 'vote')} from {shown}",
                 f"kept {_plural(self.votes_kept, 'vote')} of {_plural(len(self.members), 'member')} "
                 f"on {_plural(self.roll_calls, 'roll call')}"]
        total = sum(self.left_out.values())
        lines.append(f"left out {_plural(total, 'vote')}" + (":" if total else ""))
        for reason, count in self.left_out.items():
            line = f"  {reason:<36}  {count:>9,}"
            if reason == "unmapped member" and self.unmapped:
                items = list(self.unmapped.items())
                line += "  (" + ", ".join(f"{one_line(c)} {n:,}" for c, n in items[:top])
                line += (", …" if len(items) > top else "") + ")"
            lines.append(line)
        periods = sorted(set(self.pairs["period"]), key=_period_order) if len(self.pairs) else []
        span = f" in {_plural(len(periods), self.period)} ({periods[0]} to {periods[-1]})" if periods else ""
        lines.append(f"agreement for {_plural(len(self.pairs), 'pair-' + self.period)}{span}")
        kinds = [r.kind for r in self.relations]
        lines.append(f"derived {_plural(len(kinds), 'relation')} ({kinds.count('alignment'):,} alignment, "
                     f"{kinds.count('tension'):,} tension): {self.rule}")
        return "\n".join(lines) + "\n"


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _period_order(label: str) -> tuple[int, str]:
    digits = "".join(ch for ch in label if ch.isdigit())
    return (int(digits) if digits else 0, label)


# --------------------------------------------------------------------------------------------
# the ingest


def ingest_unvotes(votes: str | Path, roll_calls: str | Path | None = None, issues: str | Path | None = None, *,
                   period: str = "year", issue: str | tuple[str, ...] | None = None, important_only: bool = False,
                   measure: str = "pi", threshold: float = 0.2, min_votes: int = 10,
                   actors: tuple[str, ...] | list[str] | None = None, start: int | str | None = None,
                   end: int | str | None = None, split: str | None = None, progress: Progress | None = None,
                   output: str | Path | None = None, pairs_out: str | Path | None = None) -> UnVotesResult:
    """Alignment and tension between UN members from how they voted in the General Assembly.

    Parameters
    ----------
    votes : path
        The votes: the ``unvotes`` layout (with ``roll_calls``) or Voeten's Dataverse file.
    roll_calls, issues : path, optional
        The roll-call and issue tables (the ``unvotes`` layout). Voeten's file carries both.
    period : {"year", "session"}
        One relation per pair and calendar year of the vote's date, or per General Assembly
        session (which runs from September into the next year).
    issue : str or tuple of str, optional
        Keep only roll calls on these issues (:data:`UN_ISSUES`: ``me``, ``nu``, ``di``, ``hr``,
        ``co``, ``ec``); needs the issue table (or Voeten's layout).
    important_only : bool
        Keep only the votes the US State Department calls important (recorded from session 39, 1984).
    measure : {"pi", "kappa", "s"}
        The similarity a signed tie is read from (:mod:`graph.ingest.agreement`: why pi by default).
    threshold : float
        Smallest size of that similarity for a tie, in [0, 1].
    min_votes : int
        Fewest roll calls the two members both voted in for a tie (the agreement table keeps every
        pair with one shared vote or more).
    actors : list of str, optional
        Keep only pairs of these state ids (``USA``, ``RUS`` …); default every member.
    start, end : int or str, optional
        First and last year (of the vote's date) to keep: ``1991`` or ``"1991"``.
    split : {"decade", "year"}, optional
        Write one fragment per decade (``unga-1960s.yaml``) or per year into the folder ``output``;
        the default when ``output`` is a folder (an existing one, or a name ending in ``/``) is
        ``decade``. Each file restates the source and the actors it uses, so the folder loads as
        one dataset and each file alone validates. The whole membership over 1946–2019 is about
        240,000 relations (150 MB): more than one dataset file may hold
        (:data:`graph.read.files.MAX_FILE_BYTES`), so a single file is refused (OptionError)
        before anything is written.
    progress : callable, optional
        ``progress(done, total)`` once per period.
    output, pairs_out : path, optional
        Also write the fragment (YAML) and the pair table (CSV) here, atomically; their folders are
        checked before anything is read.

    Returns
    -------
    UnVotesResult

    Raises
    ------
    DataError
        For a file that is missing, lacks a column, or holds a value that cannot be read (with its
        file and line), or two votes of one member on one roll call.
    OptionError
        For an unknown period, issue or measure, a threshold outside [0, 1] or ``min_votes`` below 1.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> rows = ["rcid,country,country_code,vote"] + [f"{r},{n},{c},{v}" for r in range(1, 21)
    ...         for n, c, v in (("United States", "US", "yes" if r % 4 else "no"), ("France", "FR", "yes"),
    ...                         ("Russia", "RU", "no" if r % 4 else "yes"), ("Namibia", "NA", "no" if r % 4 else "yes"))]
    >>> _ = (folder / "votes.csv").write_text("\\n".join(rows) + "\\n", encoding="utf-8")
    >>> calls = ["rcid,session,importantvote,date"] + [f"{r},15,0,1960-10-{r:02d}" for r in range(1, 21)]
    >>> _ = (folder / "calls.csv").write_text("\\n".join(calls) + "\\n", encoding="utf-8")
    >>> result = ingest_unvotes(folder / "votes.csv", folder / "calls.csv")
    >>> [(r.id, r.weight) for r in result.relations]
    [('unga-fra-nam-tension-1960', 0.6), ('unga-fra-rus-tension-1960', 0.6), ('unga-nam-rus-alignment-1960', 1.0), ('unga-nam-usa-tension-1960', 1.0), ('unga-rus-usa-tension-1960', 1.0)]

    France voted yes every time: kappa, which takes that habit as given, sees no tie at all.

    >>> fra_usa = result.pairs.query("a == 'FRA' and b == 'USA'").iloc[0]
    >>> round(float(fra_usa["agreement"]), 2), round(float(fra_usa["pi"]), 2), round(float(fra_usa["kappa"]), 2)
    (0.75, -0.14, 0.0)
    """
    _check_options(period, issue, measure, threshold, min_votes, output, pairs_out)
    start, end = _year(start, "start"), _year(end, "end")
    if start is not None and end is not None and end < start:
        raise OptionError(f"{{end}} {end} comes before {{start}} {start}", parameters=("start", "end"))
    if split is not None and split not in SPLITS:
        raise OptionError(f"unknown split '{split}'; choose one of: {', '.join(SPLITS)}", parameters=("split",))
    if split is not None and (output is None or str(output) == STDOUT):
        raise OptionError("{split} writes several files: give a folder as {output}", parameters=("split", "output"))
    issue_set = _issues(issue)
    vote_frame, carried, layout, rows = read_votes(votes)
    files = [VoteFile(str(votes), layout, rows)]
    if roll_calls is not None:
        calls, n = read_roll_calls(roll_calls)
        files.append(VoteFile(str(roll_calls), "roll calls", n))
    elif carried is not None:
        calls = carried
    else:
        raise OptionError("the unvotes layout keeps roll calls apart: give the roll-call file (un_roll_calls) "
                          "after the votes file", parameters=("roll_calls",))
    if issues is not None:
        table, n = read_issues(issues)
        files.append(VoteFile(str(issues), "issues", n))
        for code in UN_ISSUES:
            calls[code] = calls["rcid"].isin(table.loc[table["issue"] == code, "rcid"]).to_numpy()
    if issue_set and not set(issue_set) <= set(calls.columns):
        raise OptionError("{issue} needs the issue of each roll call: give the issue file (un_roll_call_issues) "
                          "after the roll-call file", parameters=("issue",))
    calls = calls.drop_duplicates("rcid", keep="first")
    left_out: Counter[str] = Counter()
    unmapped: Counter[str] = Counter()
    known = vote_frame["rcid"].isin(calls["rcid"]).to_numpy()
    if not known.all():
        left_out["roll call not in the roll-call file"] += int((~known).sum())
        vote_frame = vote_frame[known]
    merged = vote_frame.merge(calls, on="rcid", how="left", validate="many_to_one")
    ids = _member_ids(merged)
    lost = pd.isna(ids)
    if lost.any():
        left_out["unmapped member"] += int(lost.sum())
        lost_frame = merged.loc[lost]
        labels = (lost_frame["code"].where(lost_frame["code"] != "", "(no code)") + " " + lost_frame["name"]).str.strip()
        unmapped.update(labels.value_counts().to_dict())
    merged = merged.assign(member=ids)[~lost]
    # named from the whole input, before any filter: two runs over the same files name a state alike,
    # so their fragments merge in one folder
    names = _member_names(merged)
    merged = _filtered(merged, issue_set, important_only, start, end, left_out)
    if actors:
        _check_members(actors, merged["member"])
        chosen = merged["member"].isin(set(actors)).to_numpy()
        if (~chosen).any():
            left_out["other members than those asked for"] += int((~chosen).sum())
        merged = merged[chosen]
    _check_duplicates(merged, votes)
    merged = merged.assign(period=_period_labels(merged, period))
    pairs = _pair_tables(merged, progress)
    source = _source(merged, files)
    relations = (derive_vote_relations(pairs, names, source_id=source.id, measure=measure, threshold=threshold,
                                       min_votes=min_votes, bounds=_period_bounds(merged))
                 if source is not None else [])
    used = sorted({r.source for r in relations} | {r.target for r in relations})
    actor_records = tuple(Actor(a, names[a], "state") for a in used)
    rule = (f"{_MEASURE_NAMES[measure]} of size {threshold:g} or more, its 95 % interval clear of 0, "
            f"at least {min_votes} shared votes")
    what = (f"{'important ' if important_only else ''}votes"
            + (f" on {', '.join(UN_ISSUES[i] for i in issue_set)}" if issue_set else ""))
    header = [
        f"Relations derived from UN General Assembly {what} by geograph ingest unvotes (period {period}).",
        f"Input: {', '.join(sorted({replace_surrogates(Path(f.path).name) for f in files}))}; "
        f"{files[0].rows:,} rows of votes read, {len(merged):,} votes kept.",
        f"A tie where {rule}; weight = its size. See the README (UN votes).",
        "Generated: re-run the ingest rather than edit; relation ids are stable across runs.",
    ]
    parts = _split_parts(relations, split or _folder_split(output), period)
    fragments = {}
    for name, chosen in parts.items():
        ids = sorted({r.source for r in chosen} | {r.target for r in chosen})
        part_header = header + ([f"Part: relations of the {name[5:]} (one file per {split or 'decade'})."] if name else [])
        fragments[name] = render_fragment(chosen, tuple(Actor(a, names[a], "state") for a in ids), source, part_header)
    result = UnVotesResult(
        fragments=fragments, pairs=pairs, relations=tuple(relations), actors=actor_records, source=source,
        votes_read=int(len(vote_frame) + (~known).sum()), votes_kept=len(merged), roll_calls=int(merged["rcid"].nunique()),
        left_out=dict(sorted(left_out.items())), unmapped=dict(sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0]))),
        files=tuple(files), period=period, measure=measure, rule=rule, members=tuple(sorted(set(merged["member"]))))
    writes = [(pairs_out, pairs_csv(pairs))] if pairs_out is not None else []
    if output is not None:
        _check_sizes(fragments, output)
        if len(fragments) > 1 or "" not in fragments:
            Path(output).mkdir(exist_ok=True)
            writes += [(Path(output) / f"{name}.yaml", text) for name, text in fragments.items()]
        else:
            writes.append((output, fragments[""]))
    atomic_write_all(writes)
    return result


def _folder_split(output: str | Path | None) -> str | None:
    """``decade`` when ``output`` names a folder (an existing one, or a name ending in ``/``)."""
    if output is None or str(output) == STDOUT:
        return None
    text = str(output)
    return "decade" if text.endswith(("/", os.sep)) or Path(text).is_dir() else None


def _split_parts(relations: list[Relation], split: str | None, period: str) -> dict[str, list[Relation]]:
    """The relations by the file they go to: ``{"": all}``, or one ``unga-1960s`` (``unga-1960``) per decade (year).

    A session-long relation goes with the year it starts in.
    """
    if split is None:
        return {"": list(relations)}
    parts: dict[str, list[Relation]] = {}
    for r in relations:
        year = r.since.start.year if r.since is not None else 0
        key = f"unga-{year // 10 * 10}s" if split == "decade" else f"unga-{year}"
        parts.setdefault(key, []).append(r)
    return dict(sorted(parts.items())) or {"unga-empty": []}


def _check_sizes(fragments: dict[str, str], output: str | Path) -> None:
    """OptionError, before anything is written, for a fragment too large for a dataset file."""
    for name, text in fragments.items():
        size = len(text.encode("utf-8"))
        if size > MAX_FILE_BYTES:
            where = f"{Path(output) / (name + '.yaml')}" if name else str(output)
            hint = ("write one file per year (split='year', --split year)" if name.endswith("s") else
                    "narrow it (--from/--to, --members, a higher --threshold)") if name else (
                   "write one file per decade into a folder ({output} FOLDER/), or narrow it (--from/--to, "
                   "--members, a higher --threshold)")
            raise OptionError(f"{where} would be {size / 1e6:.0f} MB, more than the {MAX_FILE_BYTES // 1_000_000} MB "
                              f"one dataset file may hold. Hint: {hint}", parameters=("output",))


def _check_options(period: str, issue: str | tuple[str, ...] | None, measure: str, threshold: float, min_votes: int,
                   *outputs: str | Path | None) -> None:
    # a new folder ("un/") is made when written: its parent is what must exist
    check_output_folders(*(str(o).rstrip("/" + os.sep) if o is not None and _folder_split(o) else o for o in outputs))
    if period not in UN_PERIODS:
        raise OptionError(f"unknown period '{period}'; choose one of: {', '.join(UN_PERIODS)}", parameters=("period",))
    unknown = [i for i in _issues(issue) if i not in UN_ISSUES]
    if unknown:
        raise OptionError(f"unknown issue '{unknown[0]}'; choose from: {', '.join(UN_ISSUES)}", parameters=("issue",))
    if measure not in MEASURES:
        raise OptionError(f"unknown measure '{measure}'; choose one of: {', '.join(MEASURES)}", parameters=("measure",))
    if not (isinstance(threshold, (int, float)) and 0 <= threshold <= 1):
        raise OptionError(f"{{threshold}} must be between 0 and 1, not {threshold!r}", parameters=("threshold",))
    if not isinstance(min_votes, int) or min_votes < 1:
        raise OptionError(f"{{min_votes}} must be a whole number of at least 1, not {min_votes!r}",
                          parameters=("min_votes",))


def _year(value: int | str | None, name: str) -> int | None:
    """A year option as an int: ``1960`` and ``"1960"`` both do (Python callers write either)."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise OptionError(f"{{{name}}} must be a year such as 1991, not {value!r}", parameters=(name,))


def _check_members(actors: tuple[str, ...] | list[str], members: pd.Series) -> None:
    """OptionError for an id in ``actors`` that no member of the data maps to (a typo, or a name)."""
    known = sorted(set(members))
    unknown = [a for a in actors if a not in set(known)]
    if unknown:
        hint = did_you_mean(unknown[0], known) or "give state ids (ISO alpha-3: USA, RUS, AZE …)"
        raise OptionError(f"no member of the vote data is '{unknown[0]}' in {{actors}}. Hint: {hint}",
                          parameters=("actors",))


def _issues(issue: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if issue is None:
        return ()
    items = [issue] if isinstance(issue, str) else list(issue)
    return tuple(sorted({i.strip().casefold() for item in items for i in item.split(",") if i.strip()}))


def _member_ids(frame: pd.DataFrame) -> np.ndarray:
    """The state id of every vote (None where none), looked up once per member and era."""
    era = np.where(frame["date"].to_numpy(dtype=object) >= SERBIA_FROM, SERBIA_FROM, "")
    keys = pd.DataFrame({"code": frame["code"].to_numpy(), "name": frame["name"].to_numpy(), "era": era})
    unique = keys.drop_duplicates().reset_index(drop=True)
    unique["member"] = [member_id(c, n, e) for c, n, e in unique.itertuples(index=False)]
    return keys.merge(unique, on=["code", "name", "era"], how="left")["member"].to_numpy(dtype=object)


def _filtered(frame: pd.DataFrame, issue_set: tuple[str, ...], important_only: bool, start: int | None,
              end: int | None, left_out: Counter) -> pd.DataFrame:
    if issue_set:
        on = np.zeros(len(frame), dtype=bool)
        for code in issue_set:
            on |= frame[code].to_numpy(dtype=bool)
        if (~on).any():
            left_out["other issues"] += int((~on).sum())
        frame = frame[on]
    if important_only:
        keep = frame["important"].to_numpy(dtype=bool)
        if (~keep).any():
            left_out["not an important vote"] += int((~keep).sum())
        frame = frame[keep]
    if start is not None or end is not None:
        year = frame["date"].str[:4].astype(int).to_numpy()
        keep = np.ones(len(frame), dtype=bool)
        if start is not None:
            keep &= year >= start
        if end is not None:
            keep &= year <= end
        if (~keep).any():
            left_out["outside the years asked for"] += int((~keep).sum())
        frame = frame[keep]
    return frame


def _check_duplicates(frame: pd.DataFrame, votes: str | Path) -> None:
    twice = frame.duplicated(["rcid", "member"], keep=False).to_numpy()
    if twice.any():
        first = frame[twice].iloc[0]
        raise DataError([Problem(str(votes), 0, 0, "duplicate-id",
                                 f"{first['member']} has two votes on roll call {first['rcid']} "
                                 f"({', '.join(sorted(set(frame[twice]['name'].head(4))))})",
                                 "each member votes once per roll call: remove the repeated row")])


def _period_labels(frame: pd.DataFrame, period: str) -> np.ndarray:
    if period == "year":
        return frame["date"].str[:4].to_numpy(dtype=object)
    return np.array([f"S{s}" for s in frame["session"].to_numpy()], dtype=object)


def _pair_tables(frame: pd.DataFrame, progress: Progress | None) -> pd.DataFrame:
    """Every pair's figures in every period: one vote matrix per period (members × roll calls)."""
    members = np.array(sorted(set(frame["member"])), dtype=object)
    row_of = pd.Index(members)
    labels = sorted(set(frame["period"]), key=_period_order)
    tables = []
    grouped = dict(tuple(frame.groupby("period", sort=False)))
    for done, label in enumerate(labels, 1):
        part = grouped[label]
        calls, column = np.unique(part["rcid"].to_numpy(), return_inverse=True)
        rows = row_of.get_indexer(part["member"].to_numpy())
        present = np.unique(rows)
        matrix = np.zeros((len(members), len(calls)), dtype=np.int8)
        matrix[rows, column] = part["vote"].to_numpy()
        # only the members who voted in the period: the products stay members-in-session squared
        tables.append(pair_table(matrix[present], members[present], label))
        if progress is not None:
            progress(done, len(labels))
    if not tables:
        return pd.DataFrame({c: [] for c in PAIR_COLUMNS})
    return pd.concat(tables, ignore_index=True)


def _member_names(frame: pd.DataFrame) -> dict[str, str]:
    """Each state's name: the bundled dataset's (so the fragment merges with it), else the data's latest."""
    bundled = {a.id: a.name for a in load().actors if a.kind == "state"}
    latest = frame.sort_values("date", kind="stable").drop_duplicates("member", keep="last")
    names = {}
    for member, name in zip(latest["member"], latest["name"]):
        names[member] = bundled.get(member) or (name if name and len(name) > 3 else member_name(member))
    return names


def _period_bounds(frame: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Each period's ``since`` and ``until`` (exclusive): a calendar year, or a session's first vote to the
    day after its last."""
    out = {}
    for label, dates in frame.groupby("period")["date"]:
        if label.startswith("S"):
            last = dt.date.fromisoformat(dates.max()) + dt.timedelta(days=1)
            out[label] = (dates.min(), last.isoformat())
        else:
            out[label] = (label, str(int(label) + 1))
    return out


def _source(frame: pd.DataFrame, files: list[VoteFile]) -> Source | None:
    if frame.empty:
        return None
    first, last = frame["date"].min(), frame["date"].max()
    names = ", ".join(sorted({replace_surrogates(Path(f.path).name) for f in files}))
    return Source(f"voeten-unga-{first[:4]}-{last[:4]}",
                  f"United Nations General Assembly Voting Data, roll calls {first} to {last}: {names}",
                  last, author="Erik Voeten", publisher="Harvard Dataverse", url=VOETEN_URL)


def derive_vote_relations(pairs: pd.DataFrame, names: dict[str, str], *, source_id: str, measure: str = "pi",
                          threshold: float = 0.2, min_votes: int = 10,
                          bounds: dict[str, tuple[str, str]] | None = None) -> list[Relation]:
    """Signed, dated relations from the pair table: the tie rule of :func:`~graph.ingest.agreement.tie_signs`.

    A pair with at least ``min_votes`` shared roll calls whose ``measure`` is ``threshold`` or more
    in size, with a 95 % interval clear of 0, is an alignment (positive) or a tension (negative),
    of weight ``|measure|`` (rounded to 3 decimals, at least 0.001). Its confidence is ``high``
    when the interval's half-width is under :data:`CONFIDENCE_WIDTH` [0], ``medium`` under [1],
    else ``low``. Its attributes hold the figures: ``votes``, ``agreement``, ``s``, ``pi``,
    ``kappa`` and the interval of the measure (``low``, ``high``).

    Examples
    --------
    >>> row = {"a": "AZE", "b": "IRN", "period": "2015", "votes": 80, "agreement": 0.925, "s": 0.85,
    ...        "pi": 0.4, "kappa": 0.41, "se_s": 0.03, "se_pi": 0.1, "se_kappa": 0.1}
    >>> rel, = derive_vote_relations(pd.DataFrame([row]), {"AZE": "Azerbaijan", "IRN": "Iran"}, source_id="v")
    >>> rel.id, rel.kind, rel.weight, rel.confidence, str(rel.since), str(rel.until)
    ('unga-aze-irn-alignment-2015', 'alignment', 0.4, 'medium', '2015', '2016')
    """
    if measure not in MEASURES:
        raise OptionError(f"unknown measure '{measure}'; choose one of: {', '.join(MEASURES)}", parameters=("measure",))
    enough = pairs[pairs["votes"].to_numpy() >= min_votes]
    value, se = enough[measure].to_numpy(dtype=np.float64), enough[f"se_{measure}"].to_numpy(dtype=np.float64)
    sign = tie_signs(value, se, threshold)
    kept = enough.assign(sign=sign)[sign != 0]
    kept = kept.assign(order=[_period_order(p) for p in kept["period"]]).sort_values(["a", "b", "order"], kind="stable")
    out: list[Relation] = []
    taken: set[str] = set()
    dates: dict[str, object] = {}
    label = _MEASURE_NAMES[measure]
    for row in kept.itertuples(index=False):
        kind = "alignment" if row.sign > 0 else "tension"
        size, err = float(getattr(row, measure)), float(getattr(row, f"se_{measure}"))
        low, high = size - Z_95 * err, size + Z_95 * err
        half = Z_95 * err
        confidence = "high" if half < CONFIDENCE_WIDTH[0] else "medium" if half < CONFIDENCE_WIDTH[1] else "low"
        since, until = (bounds or {}).get(row.period) or _default_bounds(row.period)
        for text in (since, until):
            if text not in dates:  # a few dozen periods for hundreds of thousands of relations
                dates[text] = parse_date(text)
        name_a, name_b = names.get(row.a, row.a), names.get(row.b, row.b)
        when = f"session {row.period[1:]}" if row.period.startswith("S") else row.period
        evidence = (f"UN General Assembly, {when}: agreement {row.agreement:.2f} between {name_a} and {name_b} "
                    f"over the {int(row.votes):,} roll calls both voted in; {label} {size:+.2f} (95 % interval "
                    f"{low:+.2f} to {high:+.2f}; 0 is the agreement chance gives on that agenda).")
        attributes = {"votes": int(row.votes), "agreement": round(float(row.agreement), 3),
                      "s": round(float(row.s), 3)}
        for key in ("pi", "kappa"):
            v = float(getattr(row, key))
            if v == v:
                attributes[key] = round(v, 3)
        attributes.update({"low": round(low, 3), "high": round(high, 3)})
        rid = _relation_id("unga", row.a, row.b, kind, row.period, taken)
        out.append(Relation(rid, row.a, row.b, False, kind, DOMAIN, max(0.001, min(1.0, round(abs(size), 3))),
                            dates[since], dates[until], confidence, evidence, (source_id,),
                            attributes, ("vote-derived",)))
    return out


def _default_bounds(label: str) -> tuple[str, str]:
    if label.startswith("S"):  # a session without dates: the 1st session was 1946, and each starts in September
        year = 1945 + int(label[1:])
        return (f"{year}-09", f"{year + 1}-09")
    return (label, str(int(label) + 1))


def pairs_csv(pairs: pd.DataFrame) -> str:
    """The pair table as CSV (:data:`~graph.ingest.agreement.PAIR_COLUMNS`); figures to 6 decimals,
    an undefined one empty.

    Examples
    --------
    >>> row = ["AZE", "IRN", "2015", 80, 0.925, 0.85, 0.4, 0.41, 0.03, 0.1, float("nan")]
    >>> print(pairs_csv(pd.DataFrame([row], columns=list(PAIR_COLUMNS))), end="")
    a,b,period,votes,agreement,s,pi,kappa,se_s,se_pi,se_kappa
    AZE,IRN,2015,80,0.925,0.85,0.4,0.41,0.03,0.1,
    """
    figures = list(PAIR_COLUMNS[4:])
    table = pairs.loc[:, list(PAIR_COLUMNS)].copy()
    table[figures] = table[figures].round(6)
    rows = table.to_dict(orient="split")["data"]
    return csv_table(PAIR_COLUMNS, ([None if isinstance(v, float) and v != v else v for v in row] for row in rows))

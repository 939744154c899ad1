"""The three ingests: GDELT files, event tables with a header, and aggregates tables.

Each one reads its input in chunks, maps the actor columns to actors (:mod:`.actors`), adds the
events it keeps to per-pair, per-month sums (:mod:`.aggregate`), derives relations
(:mod:`.relations`) and renders the dataset fragment (:mod:`.fragment`).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from ..errors import OptionError
from ..files import atomic_write_all, check_output_folders
from ..model import Source
from ..rules import replace_surrogates
from ._files import Progress, Ticker, check_paths
from .actors import ActorMap, as_actor_map
from .aggregate import PERIODS, Totals
from .fragment import MALFORMED_REASONS, SKIP_REASONS, IngestResult, InputFile, aggregates_csv, render_fragment
from .gdelt import GdeltReader
from .relations import derive_relations
from .tables import note_lines, quad_from_kind, quad_from_score, read_aggregates, read_table

__all__ = ["ingest_gdelt", "ingest_table", "ingest_aggregates"]

GDELT_URL = "https://www.gdeltproject.org/"
GDELT_PUBLISHER = "The GDELT Project"


def ingest_gdelt(paths: str | Path | Iterable[str | Path], *, actor_map: ActorMap | str | Path | None = None,
                 period: str = "month", min_events: int = 1, root_only: bool = False,
                 progress: Progress | None = None, workers: int | None = None,
                 output: str | Path | None = None, aggregates_out: str | Path | None = None) -> IngestResult:
    """Relations between actors from GDELT event files.

    Keeps the events whose two actor country codes (Actor1CountryCode, Actor2CountryCode) map to
    two different actors, adds them up per directed pair and period, and derives one alignment
    and one tension relation per pair and period where there are events of that kind
    (:func:`~graph.ingest.relations.derive_relations`).

    Parameters
    ----------
    paths : path or list of paths
        GDELT event files: 57, 58 or 61 tab-separated columns (detected per file), plain, ``.zip``
        or ``.gz``.
    actor_map : ActorMap, path, optional
        Code → actor. Default: every state of the bundled dataset by its id (ISO alpha-3, as in
        CAMEO); a YAML map file adds codes (:func:`~graph.ingest.actors.load_actor_map`).
    period : {"month", "quarter", "year"}
        The span of one relation.
    min_events : int
        Fewest events of its kind (cooperation or conflict, both directions) a relation needs.
    root_only : bool
        Keep only root events (IsRootEvent = 1: the events of an article's lead paragraph).
    progress : callable, optional
        ``progress(step, 100)``, called once per percent of the bytes read.
    workers : int, optional
        Processes parsing plain files (:class:`~graph.ingest.gdelt.GdeltReader`); default one per
        core once the input reaches 256 MB. The result does not depend on it.
    output : str or Path, optional
        Also write the fragment here (:func:`~graph.ingest.fragment.write_fragment`, atomically).
    aggregates_out : str or Path, optional
        Also write the per-pair, per-period table here as CSV. The folders of both outputs are
        checked before anything is read, so a mistyped folder fails at once, not after the read.

    Returns
    -------
    IngestResult
        The fragment, the aggregates table, and the counts of what was skipped and why.

    Raises
    ------
    DataError
        When a file is missing or an archive is corrupt (malformed rows are counted, not raised).
    OptionError
        For an unknown period or a ``min_events`` below 1.
    OutputError
        When the folder of ``output`` or ``aggregates_out`` does not exist (before reading).

    Notes
    -----
    Skipped events are counted by the first reason that applies (:data:`SKIP_REASONS`): not a root
    event (with ``root_only``), a country code missing, the same code on both sides, a regional
    code (EUR, WST, CAU …) that the map does not name, a code the map does not name, or two codes
    that map to the same actor. Malformed rows (wrong column count, bad date, bad number) are
    counted apart.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> def row(a, b, quad, goldstein):   # a GDELT 2.0 row: 61 tab-separated columns
    ...     cells = [""] * 61
    ...     cells[1], cells[7], cells[17], cells[25], cells[26] = "20201113", a, b, "1", "190"
    ...     cells[29], cells[30], cells[31], cells[34] = str(quad), str(goldstein), "3", "-4.2"
    ...     return "\\t".join(cells)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.tsv"
    >>> rows = [row("ARM", "AZE", 4, -10.0), row("AZE", "ARM", 1, 1.0), row("USA", "AZE", 1, 1.0)]
    >>> _ = path.write_text("\\n".join(rows) + "\\n", encoding="utf-8")
    >>> result = ingest_gdelt(path)
    >>> [(r.id, r.weight, r.confidence) for r in result.relations]
    [('gdelt-arm-aze-alignment-2020-11', 0.042, 'low'), ('gdelt-arm-aze-tension-2020-11', 0.083, 'low')]
    >>> dict(result.skipped), dict(result.unmapped)
    ({'unmapped code': 1}, {'USA': 1})
    """
    _check_options(period, min_events, output, aggregates_out)
    amap = as_actor_map(actor_map)
    reader = GdeltReader(_as_list(paths), progress, workers=workers)
    totals = Totals()
    skipped: Counter[str] = Counter()
    unmapped: Counter[str] = Counter()
    first, last = None, None
    for frame in reader:
        if root_only:
            root = frame["IsRootEvent"].to_numpy() == 1
            if not root.all():
                skipped["not a root event"] += int((~root).sum())
                frame = frame[root]
        source, target, keep = _classify(frame["Actor1CountryCode"], frame["Actor2CountryCode"], amap,
                                         skipped, unmapped)
        if not keep.any():
            continue
        kept = frame[keep]
        dates = kept["SQLDATE"].to_numpy()
        first = min(first, int(dates.min())) if first is not None else int(dates.min())
        last = max(last, int(dates.max())) if last is not None else int(dates.max())
        totals.add_events(source[keep], target[keep], dates // 100, kept["GoldsteinScale"].to_numpy(),
                          kept["QuadClass"].to_numpy(), kept["NumMentions"].to_numpy(), kept["AvgTone"].to_numpy())
    files = tuple(reader.files)
    source = None
    if first is not None:
        start, end = _iso(first), _iso(last)
        layouts = " and ".join(sorted({f.layout for f in files if f.layout.startswith("GDELT")}))
        source = Source(f"gdelt-{first}-{last}", f"{layouts or 'GDELT'} events, {start} to {end}: {_names(files)}",
                        end, publisher=GDELT_PUBLISHER, url=GDELT_URL)
    return _written(output, aggregates_out, totals, amap, reader.rows, skipped, reader.malformed, unmapped, files, source,
                   period=period, min_events=min_events, label="GDELT", prefix="gdelt",
                   command=f"geograph ingest gdelt (period {period}, min-events {min_events}"
                           f"{', root events only' if root_only else ''})",
                   malformed_at=reader.malformed_at)


def ingest_table(path: str | Path, *, source_col: str, target_col: str, date_col: str, score_col: str,
                 kind_col: str | None = None, actor_map: ActorMap | str | Path | None = None,
                 period: str = "month", min_events: int = 1, name: str = "events",
                 publisher: str = "event table", progress: Progress | None = None,
                 output: str | Path | None = None, aggregates_out: str | Path | None = None) -> IngestResult:
    """Relations between actors from an event table with a header (ICEWS, POLECAT or any other).

    One row per event: the two actors (codes or names, mapped by ``actor_map``), a date
    (``YYYY-MM-DD``, ``YYYYMMDD``, or ISO date and time), a Goldstein-scale score (−10 … +10), and
    optionally a kind (QuadClass 1–4, or words such as ``material conflict``, ``cooperation``;
    :data:`~graph.ingest.tables.KIND_WORDS`). Without a kind, the QuadClass comes from the score
    (:func:`~graph.ingest.tables.quad_from_score`). Comma, semicolon or tab separated (told from
    the header), plain, ``.zip`` or ``.gz``.

    Parameters
    ----------
    path : str or Path
    source_col, target_col, date_col, score_col : str
        Column names (matched exactly, else ignoring case, spaces and underscores).
    kind_col : str, optional
    actor_map, period, min_events, progress, output, aggregates_out
        As for :func:`ingest_gdelt`.
    name : str
        The data's name: the start of relation ids (lower case) and the evidence's label.
    publisher : str
        Who published the table, for the fragment's source.

    Returns
    -------
    IngestResult
        ``mentions`` counts one per event (tables have no mention counts) and ``tone_mean`` is
        empty.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "icews.tab"
    >>> _ = path.write_text("Source Country\\tTarget Country\\tEvent Date\\tIntensity\\n"
    ...                     "Armenia\\tAzerbaijan\\t2020-11-13\\t-10\\nAzerbaijan\\tArmenia\\t2020-11-14\\t3.4\\n",
    ...                     encoding="utf-8")
    >>> result = ingest_table(path, source_col="Source Country", target_col="Target Country",
    ...                       date_col="Event Date", score_col="Intensity", name="ICEWS")
    >>> [(r.id, r.weight) for r in result.relations]
    [('icews-arm-aze-alignment-2020-11', 0.042), ('icews-arm-aze-tension-2020-11', 0.083)]
    """
    _check_options(period, min_events, output, aggregates_out, publisher=publisher)
    amap = as_actor_map(actor_map)
    (shown, file), = check_paths([path])
    prefix = _slug(name)
    columns = {"source": source_col, "target": target_col, "date": date_col, "score": score_col}
    if kind_col:
        columns["kind"] = kind_col
    ticker = Ticker(progress, file.stat().st_size)
    totals = Totals()
    skipped: Counter[str] = Counter()
    malformed: Counter[str] = Counter()
    located: dict[str, list[str]] = {}  # the first lines of each reason a row was malformed
    unmapped: Counter[str] = Counter()
    rows = 0
    members: Counter[str] = Counter()
    first, last = None, None
    for member, frame, bad, where in read_table(shown, file, columns, ticker):
        malformed.update(bad)
        for reason, lines in where.items():
            note_lines(located, reason, member, lines)
        rows += len(frame) + sum(bad.values())
        members[member] += len(frame) + sum(bad.values())
        if frame.empty:
            continue
        day = _parse_days(frame["date"])
        score = pd.to_numeric(frame["score"], errors="coerce").to_numpy(dtype=np.float64)
        good_date = day > 0
        good_score = good_date & np.isfinite(score) & (np.abs(score) <= 10)
        quad = (quad_from_kind(frame["kind"], score) if kind_col else quad_from_score(np.nan_to_num(score)))
        good_kind = good_score & (quad > 0)
        for reason, mask in (("bad date", ~good_date), ("bad number", good_date & ~good_score),
                             ("bad kind", good_score & ~good_kind)):
            if mask.any():
                malformed[reason] += int(mask.sum())
                note_lines(located, reason, member, frame["line"].to_numpy()[mask])
        frame, day, score, quad = frame[good_kind], day[good_kind], score[good_kind], quad[good_kind]
        source, target, keep = _classify(_codes(frame["source"]), _codes(frame["target"]), amap, skipped, unmapped)
        if not keep.any():
            continue
        day = day[keep]
        first = int(day.min()) if first is None else min(first, int(day.min()))
        last = int(day.max()) if last is None else max(last, int(day.max()))
        totals.add_events(source[keep], target[keep], day // 100, score[keep], quad[keep],
                          np.ones(int(keep.sum()), dtype=np.int64))
    ticker.finish()
    files = tuple(InputFile(m, "table", None, n) for m, n in members.items()) or (InputFile(shown, "empty", None, 0),)
    source = None
    if first is not None:
        start, end = _iso(int(first)), _iso(int(last))
        source = Source(f"{prefix}-{int(first)}-{int(last)}", f"{name} events, {start} to {end}: {_names(files)}",
                        end, publisher=publisher)
    return _written(output, aggregates_out, totals, amap, rows, skipped, malformed, unmapped, files, source, period=period,
                   min_events=min_events, label=name, prefix=prefix,
                   command=f"geograph ingest csv (period {period}, min-events {min_events})",
                   malformed_at=located)


def ingest_aggregates(paths: str | Path | Iterable[str | Path], *, actor_map: ActorMap | str | Path | None = None,
                      period: str = "month", min_events: int = 1, name: str = "GDELT",
                      publisher: str = GDELT_PUBLISHER, progress: Progress | None = None,
                      output: str | Path | None = None, aggregates_out: str | Path | None = None) -> IngestResult:
    """Relations between actors from aggregates tables, such as the SQL query's result.

    Each file has the columns of :data:`~graph.ingest.aggregate.AGGREGATE_COLUMNS` (extra columns
    are ignored), one row per directed pair and period; ``source`` and ``target`` are codes that
    ``actor_map`` maps to actors, exactly as for :func:`ingest_gdelt`. Rows for the same pair and
    period add up (so a query split by year, or BigQuery's sharded export, can be given as
    several files). Monthly rows roll up into quarters or years; coarser ones cannot be split.
    ``actor_map``, ``period``, ``min_events``, ``progress``, ``output`` and ``aggregates_out`` are
    as for :func:`ingest_gdelt`.

    Skipped counts are in events (the ``events`` of the rows left out); malformed counts are rows.

    Raises
    ------
    DataError
        When a file is missing or lacks a column.
    OptionError
        When ``period`` is finer than the input's periods.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "agg.csv"
    >>> _ = path.write_text("source,target,period,events,goldstein_sum,goldstein_mean,quad1,quad2,quad3,"
    ...                     "quad4,mentions,tone_mean\\nARM,AZE,2020-11,104,92.2,0.886538,42,24,18,20,900,-4.0\\n"
    ...                     "USA,AZE,2020-11,5,5.0,1.0,5,0,0,0,9,1.0\\n", encoding="utf-8")
    >>> result = ingest_aggregates(path, period="year")
    >>> [r.id for r in result.relations], dict(result.skipped)
    (['gdelt-arm-aze-alignment-2020', 'gdelt-arm-aze-tension-2020'], {'unmapped code': 5})
    """
    _check_options(period, min_events, output, aggregates_out, publisher=publisher)
    amap = as_actor_map(actor_map)
    inputs = check_paths(_as_list(paths))
    ticker = Ticker(progress, sum(p.stat().st_size for _, p in inputs))
    totals = Totals()
    skipped: Counter[str] = Counter()
    malformed: Counter[str] = Counter()
    located: dict[str, list[str]] = {}
    unmapped: Counter[str] = Counter()
    members: Counter[str] = Counter()
    rows = 0
    first, last = None, None
    offset = 0
    for shown, file in inputs:
        for member, frame, bad, where in read_aggregates(shown, file, ticker, offset):
            malformed.update(bad)
            for reason, lines in where.items():
                note_lines(located, reason, member, lines)
            count = len(frame) + sum(bad.values())
            rows += count
            members[member] += count
            if frame.empty:
                continue
            weight = frame["events"].to_numpy()
            source, target, keep = _classify(_codes(frame["source"]), _codes(frame["target"]), amap, skipped,
                                              unmapped, weight)
            kept = frame[keep].assign(source=source[keep], target=target[keep])
            for granularity, part in kept.groupby("granularity"):
                totals.add_aggregates(part, str(granularity))
            if len(kept):
                low = int(kept["start"].min())
                high = max(_period_end(s, g) for s, g in zip(kept["start"], kept["granularity"]))
                first = low if first is None else min(first, low)
                last = high if last is None else max(last, high)
        offset += file.stat().st_size
    ticker.finish()
    if PERIODS.index(period) < PERIODS.index(totals.granularity):
        raise OptionError(f"the aggregates hold {totals.granularity}s, which cannot be split into {period}s; "
                          f"choose {{period}} {totals.granularity} or coarser", parameters=("period",))
    files = tuple(InputFile(m, "aggregates", None, n) for m, n in members.items())
    source = None
    if first is not None:
        start, end = f"{first // 100:04d}-{first % 100:02d}", f"{last // 100:04d}-{last % 100:02d}"
        source = Source(f"{_slug(name)}-{first}-{last}", f"{name} event aggregates, {start} to {end}: {_names(files)}",
                        end, publisher=publisher, url=GDELT_URL if publisher == GDELT_PUBLISHER else "")
    return _written(output, aggregates_out, totals, amap, rows, skipped, malformed, unmapped, files, source, period=period,
                   min_events=min_events, label=name, prefix=_slug(name),
                   command=f"geograph ingest aggregates (period {period}, min-events {min_events})",
                   malformed_at=located)


# --------------------------------------------------------------------------------------------
# shared steps


def _check_options(period: str, min_events: int, *outputs: str | Path | None, publisher: str = GDELT_PUBLISHER) -> None:
    check_output_folders(*outputs)
    if not publisher.strip():  # refused before a large input is read, not when the fragment is written
        raise OptionError("the publisher is empty. Hint: give who published the events (--publisher)")
    if period not in PERIODS:
        raise OptionError(f"unknown period '{period}'; choose one of: {', '.join(PERIODS)}")
    if not isinstance(min_events, int) or min_events < 1:
        raise OptionError(f"min_events must be a whole number of at least 1, not {min_events!r}")


def _written(output: str | Path | None, aggregates_out: str | Path | None, *parts: Any, **options: Any) -> IngestResult:
    """The result of the ingest, written to the outputs that were asked for.

    Both temporary files are written before either is renamed, the aggregates table first, and the
    fragment is renamed last: it is the output a dataset loads, so a new fragment always has its
    new table beside it. A process killed between the two renames (microseconds apart) leaves the
    new table beside the old fragment, which shows: the table is then newer (its modification
    time) than the fragment, while after a complete run the fragment is never older than its
    table. Re-running the ingest puts them back in step.
    """
    result = _finish(*parts, **options)
    writes = [(aggregates_out, aggregates_csv(result.aggregates))] if aggregates_out is not None else []
    writes += [(output, result.fragment)] if output is not None else []
    atomic_write_all(writes)
    return result


def _as_list(paths: str | Path | Iterable[str | Path]) -> list[str | Path]:
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not items:
        raise OptionError("no input file given")
    return items


def _codes(values: pd.Series) -> pd.Series:
    """Text cells as a categorical, empty cells missing."""
    return values.replace("", np.nan).astype("category")


_STATUS = {"mapped": 0, "regional code": 1, "unmapped code": 2}


def _classify(a: pd.Series, b: pd.Series, amap: ActorMap, skipped: Counter, unmapped: Counter,
              weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Actor ids for two categorical code columns, and which rows to keep.

    Counts every row left out under the first reason that applies (weighted by ``weight`` if
    given) and every unmapped code it met.
    """
    ids, status, raw = [], [], []
    for column in (a, b):
        cats = [str(c).strip() for c in column.cat.categories]
        codes = column.cat.codes.to_numpy()
        lookup = np.array([amap.resolve(c) or "" for c in cats] + [""], dtype=object)
        state = np.array([_STATUS[amap.status(c)] for c in cats] + [3], dtype=np.int8)
        text = np.array(cats + [""], dtype=object)
        ids.append(lookup[codes])   # code -1 (missing) takes the last entry
        status.append(state[codes])
        raw.append(text[codes])
    weights = np.ones(len(a), dtype=np.int64) if weight is None else np.asarray(weight, dtype=np.int64)
    missing = (status[0] == 3) | (status[1] == 3)
    same_code = ~missing & (raw[0] == raw[1])
    rest = ~missing & ~same_code
    regional = rest & ((status[0] == 1) | (status[1] == 1))
    unmapped_code = rest & ~regional & ((status[0] == 2) | (status[1] == 2))
    mapped = rest & ~regional & ~unmapped_code
    same_actor = mapped & (ids[0] == ids[1])
    keep = mapped & ~same_actor
    for reason, mask in (("missing country code", missing), ("same country", same_code),
                         ("regional code", regional), ("unmapped code", unmapped_code), ("same actor", same_actor)):
        if mask.any():
            skipped[reason] += int(weights[mask].sum())
    lost = regional | unmapped_code
    if lost.any():
        for side in (0, 1):
            hit = lost & (status[side] != 0)
            if hit.any():
                counts = pd.Series(weights[hit]).groupby(raw[side][hit]).sum()
                unmapped.update({str(k): int(v) for k, v in counts.items()})
    return ids[0], ids[1], keep


def _parse_days(values: pd.Series) -> np.ndarray:
    """``YYYYMMDD`` integers from dates written ``YYYY-MM-DD`` (time allowed) or ``YYYYMMDD``; 0 if bad."""
    text = values.astype(str).str.strip()
    compact = text.str.fullmatch(r"\d{8}")
    parsed = pd.to_datetime(text.where(~compact), format="ISO8601", errors="coerce", utc=True)
    parsed = parsed.fillna(pd.to_datetime(text.where(compact), format="%Y%m%d", errors="coerce", utc=True))
    day = (parsed.dt.year * 10000 + parsed.dt.month * 100 + parsed.dt.day).fillna(0)
    return day.to_numpy(dtype=np.int64)


def _period_end(start: int, granularity: str) -> int:
    year, month = divmod(int(start), 100)
    months = {"month": 1, "quarter": 3, "year": 12}[granularity]
    total = year * 12 + month - 1 + months - 1
    return (total // 12) * 100 + total % 12 + 1


def _iso(day: int) -> str:
    return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"


def _names(files: tuple[InputFile, ...]) -> str:
    """The input files' names (not their folders, so the text does not depend on where they lie)."""
    # a name is written into the fragment: a byte that was not UTF-8 becomes U+FFFD
    names = sorted({replace_surrogates(Path(_file_of(f.path)).name) for f in files})
    if len(names) <= 3:
        return ", ".join(names)
    return f"{names[0]} … {names[-1]} ({len(names)} files)"


def _file_of(name: str) -> str:
    """The input file a member's name comes from: ``events.zip:a.csv`` → ``events.zip``; a file whose
    own name holds a ``:`` (``a: b.tsv``) stays whole.

    >>> _file_of("no/such/events.zip:a.csv"), _file_of("a: b.tsv")
    ('no/such/events.zip:a.csv', 'a: b.tsv')
    """
    head = name
    while not os.path.exists(head) and ":" in head:
        head = head.rsplit(":", 1)[0]
    return head if os.path.exists(head) else name


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:12] or "events"


def _finish(totals: Totals, amap: ActorMap, rows: int, skipped: Counter, malformed: Counter, unmapped: Counter,
            files: tuple[InputFile, ...], source: Source | None, *, period: str, min_events: int, label: str,
            prefix: str, command: str, malformed_at: dict[str, list[str]] | None = None) -> IngestResult:
    table = totals.table(period)
    names = {aid: actor.name for aid, actor in amap.actors.items()}
    relations = (derive_relations(table, names, source_id=source.id, label=label, prefix=prefix,
                                  min_events=min_events) if source is not None else [])
    used = sorted({r.source for r in relations} | {r.target for r in relations})
    actors = tuple(amap.actor(a) for a in used)
    kept = int(table["events"].sum()) if len(table) else 0
    header = [
        f"Relations derived from {label} events by {command}.",
        f"Input: {_names(files)}; {rows:,} rows read, {kept:,} events kept.",
        "Weight = (0.5 x verbal + material events of the kind) / (all events of the pair + 10): see the README.",
        "Generated: re-run the ingest rather than edit; relation ids are stable across runs.",
    ]
    fragment = render_fragment(relations, actors, source, header)
    return IngestResult(
        fragment=fragment, aggregates=table, relations=tuple(relations), actors=actors, source=source,
        rows=rows, events_kept=kept,
        skipped={r: skipped[r] for r in SKIP_REASONS if skipped.get(r)},
        malformed={r: malformed[r] for r in MALFORMED_REASONS if malformed.get(r)},
        unmapped=dict(sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0]))),
        files=files, period=period, label=label,
        malformed_at={r: tuple(malformed_at[r]) for r in MALFORMED_REASONS if (malformed_at or {}).get(r)})

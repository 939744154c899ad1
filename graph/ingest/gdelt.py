"""Reading GDELT event files: plain, ``.zip`` or ``.gz``, any of the three layouts, in chunks.

GDELT event files are tab-separated with no header, one event per line. The number of columns
tells the layout: 57 (GDELT 1.0 backfile, 1979–2013), 58 (1.0 daily files, which add SOURCEURL)
and 61 (2.0, which adds an ADM2 code to each of the three geographies). The columns read here sit
at the same place in all three (0-based): SQLDATE 1, Actor1CountryCode 7, Actor2CountryCode 17,
IsRootEvent 25, EventCode 26 (kept as text: ``"040"``, not 40), QuadClass 29, GoldsteinScale 30,
NumMentions 31, AvgTone 34 (GDELT Event Codebook V2.0; GDELT 1.0 data format codebook).

Files are read in blocks of 16 MB, never whole. A block whose tab count shows every line has the
file's column count is parsed at C speed by pandas; any other block is split line by line, and
rows with the wrong number of columns, a bad date or a bad number are counted as malformed and
left out, never fatal. Large plain files are parsed by one process per core, each mapping the
file and reading its own blocks.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd

from ._files import BLOCK, Member, Progress, Ticker, blocks, check_paths, line_ranges, open_members
from .fragment import InputFile
from .tables import MALFORMED_LINES, note_lines

__all__ = ["LAYOUTS", "FIELDS", "PARALLEL_BYTES", "gdelt_columns", "detect_layout", "GdeltReader"]

#: Column count → layout name.
LAYOUTS = {57: "GDELT 1.0 backfile", 58: "GDELT 1.0", 61: "GDELT 2.0"}
#: The columns read, by 0-based position (the same in every layout).
FIELDS = {1: "SQLDATE", 7: "Actor1CountryCode", 17: "Actor2CountryCode", 25: "IsRootEvent",
          26: "EventCode", 29: "QuadClass", 30: "GoldsteinScale", 31: "NumMentions", 34: "AvgTone"}

#: From this many bytes of input on, plain files are parsed by several processes (one per core, up to 4).
PARALLEL_BYTES = 256 << 20
_CODES = (7, 17)
# country codes are categorical (a few hundred values); EventCode is text ("040"), read only on request
_FAST_TYPES = {1: "int64", 7: "category", 17: "category", 25: "int8", 26: str, 29: "int8",
               30: "float64", 31: "int64", 34: "float64"}
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def gdelt_columns(columns: int = 61) -> list[str]:
    """GDELT's column names for a layout of 57, 58 or 61 columns (for Spark, DuckDB …).

    Examples
    --------
    >>> names = gdelt_columns(61)
    >>> len(names), names[1], names[26], names[59], names[60]
    (61, 'SQLDATE', 'EventCode', 'DATEADDED', 'SOURCEURL')
    >>> gdelt_columns(57)[-1], len(gdelt_columns(58))
    ('DATEADDED', 58)
    """
    if columns not in LAYOUTS:
        raise ValueError(f"GDELT files have 57, 58 or 61 columns, not {columns}")
    names = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    for actor in ("Actor1", "Actor2"):
        names += [f"{actor}{x}" for x in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                           "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                           "Type3Code")]
    names += ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
              "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    geo = _GEO if columns == 61 else tuple(g for g in _GEO if g != "ADM2Code")
    for where in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        names += [f"{where}_{g}" for g in geo]
    names.append("DATEADDED")
    if columns > 57:
        names.append("SOURCEURL")
    return names


def detect_layout(sample: bytes) -> int | None:
    """The column count (57, 58 or 61) most lines of a sample have, or None.

    Examples
    --------
    >>> detect_layout(b"\\t".join([b"x"] * 61) + b"\\n")
    61
    >>> detect_layout(b"a,b,c\\n") is None
    True
    """
    counts = Counter(line.count(b"\t") + 1 for line in sample.split(b"\n")[:200] if line.strip())
    for columns, _ in counts.most_common():
        if columns in LAYOUTS:
            return columns
    return None


class GdeltReader:
    """Iterate over the events of GDELT files, one pandas DataFrame per block.

    Each frame has the columns of :data:`FIELDS` by name: ``SQLDATE`` (int), the two country
    codes (categorical, missing as NaN), ``IsRootEvent`` and ``QuadClass`` (small ints),
    ``GoldsteinScale`` and ``AvgTone`` (floats), ``NumMentions`` (int) and, with
    ``event_codes=True``, ``EventCode`` as text (``"040"``, never the number 40). Only
    well-formed rows are yielded; after the iteration, :attr:`files` describes each input and
    :attr:`malformed` counts the rows left out by reason.

    Parameters
    ----------
    paths : list of str or Path
        Plain, ``.zip`` (every member) or ``.gz`` files, recognised by their first bytes.
    progress : callable, optional
        Called as ``progress(step, 100)`` once per percent of the input's bytes read, the last
        call with ``step == 100``.
    event_codes : bool
        Also read EventCode (the aggregation does not need it; reading it costs about a fifth
        more time).
    workers : int, optional
        Processes that parse plain (uncompressed) files: each maps the file and parses its own
        blocks, and the frames come back in file order. Default: one per core (up to 4) once the
        input reaches :data:`PARALLEL_BYTES`, else 1 (no extra process). Compressed files are
        always read by this process.
    block_size : int
        Bytes per block (a block ends at a line end).

    Raises
    ------
    DataError
        Before reading anything, when a file is missing or is a folder; while reading, when an
        archive is corrupt.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> row = ["0"] * 61
    >>> row[1], row[7], row[17], row[26], row[29], row[30], row[34] = "20201113", "ARM", "AZE", "040", "1", "1.0", "2.5"
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.tsv"
    >>> _ = path.write_text("\\t".join(row) + "\\n" + "too\\tshort\\n", encoding="utf-8")
    >>> reader = GdeltReader([path], event_codes=True)
    >>> frames = list(reader)
    >>> frames[0][["SQLDATE", "Actor1CountryCode", "EventCode", "QuadClass"]].values.tolist()
    [[20201113, 'ARM', '040', 1]]
    >>> reader.files[0].layout, dict(reader.malformed)
    ('GDELT 2.0', {'wrong column count': 1})
    """

    def __init__(self, paths: list[str | Path], progress: Progress | None = None, event_codes: bool = False,
                 workers: int | None = None, block_size: int = BLOCK):
        self.inputs = check_paths(list(paths))
        self.progress = progress
        self.fields = {k: v for k, v in FIELDS.items() if event_codes or k != 26}
        self.workers = workers
        self.block_size = block_size
        self.files: list[InputFile] = []
        self.malformed: Counter[str] = Counter()
        self.malformed_at: dict[str, list[str]] = {}  # the first lines of each reason, as file:line
        self.rows = 0

    def __iter__(self) -> Iterator[pd.DataFrame]:
        total = sum(path.stat().st_size for _, path in self.inputs)
        ticker = Ticker(self.progress, total)
        workers = self.workers if self.workers is not None else (
            min(os.cpu_count() or 1, 4) if total >= PARALLEL_BYTES else 1)
        pool = ProcessPoolExecutor(workers) if workers > 1 else None
        try:
            offset = 0
            for shown, path in self.inputs:
                for member in open_members(shown, path, offset):
                    if pool is not None and member.plain:
                        yield from self._read_in_parallel(member, ticker, pool, workers)
                    else:
                        yield from self._read_member(member, ticker)
                offset += path.stat().st_size
                ticker.at(offset)
            ticker.finish()
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    def _read_member(self, member: Member, ticker: Ticker) -> Iterator[pd.DataFrame]:
        columns: int | None = None
        rows = 0
        lines = 0  # lines before this block: blocks end at a line end
        for buf in blocks(member, ticker, self.block_size):
            if columns is None:
                columns = detect_layout(buf[:1 << 20]) or 0
            frame, count, bad, where = _parse(buf, columns, self.fields)
            rows += count
            self._note(member, bad, where, lines)
            lines += buf.count(b"\n") + (not buf.endswith(b"\n"))
            if frame is not None and len(frame):
                yield frame
        self._done(member, columns, rows)

    def _read_in_parallel(self, member: Member, ticker: Ticker, pool: ProcessPoolExecutor,
                          workers: int) -> Iterator[pd.DataFrame]:
        """Blocks of a plain file parsed by worker processes, each mapping the file itself; the
        frames come back in file order, a few blocks at a time."""
        path = str(Path(member.stream.name).resolve())
        ranges = line_ranges(member, self.block_size)
        columns = 0
        if ranges:
            member.stream.seek(0)
            columns = detect_layout(member.stream.read(1 << 20)) or 0
        rows = 0
        lines = 0
        pending: deque = deque()
        todo = iter(ranges)
        while True:
            while len(pending) < 2 * workers:
                span = next(todo, None)
                if span is None:
                    break
                pending.append((span, pool.submit(_parse_range, path, span[0], span[1], columns, self.fields)))
            if not pending:
                break
            (start, end), future = pending.popleft()
            frame, count, bad, where, newlines = future.result()
            rows += count
            self._note(member, bad, where, lines)
            lines += newlines
            ticker.at(member.offset + end)
            if frame is not None and len(frame):
                yield frame
        self._done(member, columns, rows)

    def _note(self, member: Member, bad: Counter, where: dict[str, list[int]], lines_before: int) -> None:
        """Count a block's malformed rows, and keep the first lines of each reason."""
        self.malformed.update(bad)
        for reason, found in where.items():
            note_lines(self.malformed_at, reason, member.name, [lines_before + n for n in found])

    def _done(self, member: Member, columns: int | None, rows: int) -> None:
        self.rows += rows
        layout = "empty" if rows == 0 else LAYOUTS.get(columns or 0, "unknown")
        self.files.append(InputFile(member.name, layout, columns or None, rows))


def _parse_range(path: str, start: int, end: int, columns: int, fields: dict[int, str]
                 ) -> tuple[pd.DataFrame | None, int, Counter, dict[str, list[int]], int]:
    """:func:`_parse` on bytes ``start:end`` of a plain file (run in a worker process), and the
    number of lines those bytes hold."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        buf = mapped[start:end]
    if not buf.endswith(b"\n"):
        buf += b"\n"
    return (*_parse(buf, columns, fields), buf.count(b"\n"))


def _parse(buf: bytes, columns: int, fields: dict[int, str]
           ) -> tuple[pd.DataFrame | None, int, Counter, dict[str, list[int]]]:
    """Well-formed rows of one block of whole lines, the number of non-blank lines, the
    malformed rows by reason, and the first lines (1-based in the block) of each reason."""
    bad: Counter[str] = Counter()
    where: dict[str, list[int]] = {}
    if columns:
        try:
            frame = _read(buf, columns, fields, fast=True)
            # pandas refuses a line with too many fields but pads one with too few: the tab
            # count shows whether every row had exactly the file's number of columns
            if buf.count(b"\t") == (columns - 1) * len(frame):
                # pandas skips blank lines: the lines of the rows are counted only if one is bad
                return _checked(frame, bad, where, lambda: _filled_lines(buf)), len(frame), bad, where
        except (ValueError, pd.errors.ParserError):
            pass  # an odd line or value somewhere: read this block the careful way
    good: list[bytes] = []
    good_lines: list[int] = []
    count = 0
    for number, line in enumerate(buf.split(b"\n"), 1):
        if not line.strip():
            continue
        count += 1
        if line.count(b"\t") + 1 == columns:
            good.append(line)
            good_lines.append(number)
        else:
            bad["wrong column count"] += 1
            if len(where.setdefault("wrong column count", [])) < MALFORMED_LINES:
                where["wrong column count"].append(number)
    if not good:
        return None, count, bad, where
    frame = _read(b"\n".join(good) + b"\n", columns, fields, fast=False)
    return _checked(frame, bad, where, lambda: np.array(good_lines)), count, bad, where


def _filled_lines(buf: bytes) -> np.ndarray:
    """The 1-based numbers of the lines of ``buf`` that are not blank (the rows pandas reads)."""
    return np.array([n for n, line in enumerate(buf.split(b"\n"), 1) if line.strip()], dtype=np.int64)


def _checked(frame: pd.DataFrame, bad: Counter, where: dict[str, list[int]],
             lines: Callable[[], np.ndarray]) -> pd.DataFrame:
    """Drop and count rows whose date or numbers are not GDELT's, noting the first lines of each
    (``lines()`` gives each row's line); give every column its type."""
    date = frame["SQLDATE"]
    month = (date // 100) % 100
    day = date % 100
    good_date = date.between(10000101, 99991231) & month.between(1, 12) & day.between(1, 31)
    good_number = (frame["QuadClass"].isin((1, 2, 3, 4)) & frame["IsRootEvent"].isin((0, 1))
                   & frame["GoldsteinScale"].between(-10.0, 10.0) & (frame["NumMentions"] >= 0)
                   & np.isfinite(frame["AvgTone"]))
    bad_date = int((~good_date).sum())
    bad_number = int((good_date & ~good_number).sum())
    if bad_date or bad_number:
        numbers = lines()
        for reason, count, mask in (("bad date", bad_date, ~good_date), ("bad number", bad_number,
                                                                          good_date & ~good_number)):
            if count:
                bad[reason] += count
                where[reason] = numbers[np.flatnonzero(mask.to_numpy())[:MALFORMED_LINES]].tolist()
        frame = frame[good_date & good_number]
    types = {"SQLDATE": "int64", "QuadClass": "int8", "IsRootEvent": "int8", "NumMentions": "int64"}
    if any(frame[c].dtype != t for c, t in types.items()):
        frame = frame.astype(types)
    return frame


def _read(buf: bytes, columns: int, fields: dict[int, str], fast: bool) -> pd.DataFrame:
    """Parse whole lines of ``columns`` tab-separated fields; the fast way raises on any odd value."""
    kwargs = dict(sep="\t", header=None, names=range(columns), usecols=list(fields), quoting=csv.QUOTE_NONE,
                  keep_default_na=False, na_values={c: [""] for c in fields}, engine="c",
                  encoding="utf-8", encoding_errors="replace", on_bad_lines="error")
    if fast:
        frame = pd.read_csv(io.BytesIO(buf), dtype={c: _FAST_TYPES[c] for c in fields}, **kwargs)
    else:
        frame = pd.read_csv(io.BytesIO(buf), dtype={c: object for c in fields}, **kwargs)
        for col in fields:
            if col in _CODES:
                frame[col] = frame[col].astype("category")
            elif col != 26:
                frame[col] = pd.to_numeric(frame[col], errors="coerce")
    return frame.rename(columns=fields)

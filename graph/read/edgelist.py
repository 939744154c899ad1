"""CSV edge lists as datasets: one row per tie, ``source,target,sign`` and optional columns.

Analysts keep relations in spreadsheets, and published signed networks come as edge lists. A
``.csv`` file with a header row naming ``source``, ``target`` and the sign of each tie (``sign``,
``kind`` or a signed ``weight``) reads as a :class:`~graph.model.Dataset` whose actors are the ids it
names. Every problem is collected and located as ``file:row:column``, where the column is the
1-based position of the CSV column; nothing is raised on bad data.

The format, its defaults and its problem codes are described in ``data/README.md``
(section "CSV edge lists").
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import Problem
from ..model import Actor, Dataset, Location, Relation, Source
from ..rules import (
    DEFAULT_CONFIDENCE, ID_PATTERN, MIN_WEIGHT, UNTIL_HINT, fresh_id, guess_actor_kind, id_rule, not_after, number_text,
    out_of_order, replace_surrogates, weight_below,
)
from .files import STDIN_NAME, is_stdin, missing, read_bounded
from .edgelist_cells import BAD, CELL_READERS, DEFAULT_DOMAIN, DIRECTED_VALUES, unsaid
from .headers import header_key

__all__ = ["COLUMNS", "EDGE_LIST_COLUMNS", "DIRECTED_VALUES", "DEFAULT_DOMAIN", "SOURCE_ID", "read_edgelist",
           "EdgeListReader", "column_guess", "broken_cell"]

#: The columns an edge list shares with spreadsheet imports, in the order the documentation lists them.
COLUMNS = ("source", "target", "sign", "kind", "weight", "since", "until", "domain", "id",
           "confidence", "evidence")
#: Every column an edge list may have: the shared ones and ``directed`` (a spreadsheet import
#: writes mutual relations only, so it does not take that column).
EDGE_LIST_COLUMNS = (*COLUMNS, "directed")
#: The id of the one implicit source that every relation of an edge list cites.
SOURCE_ID = "edgelist"

#: Column names people write for the ones geograph knows (lower case → suggestion).
_COLUMN_ALIASES = {
    "from": "source", "src": "source", "to": "target", "dst": "target", "tgt": "target",
    "start": "since", "begin": "since", "from_date": "since", "end": "until", "to_date": "until",
    "polarity": "sign", "valence": "sign", "value": "weight", "strength": "weight",
    "relation": "kind", "ties": "kind", "note": "evidence", "notes": "evidence", "comment": "evidence",
    "direction": "directed", "oneway": "directed", "one_way": "directed", "arc": "directed",
}
_QUOTE_OR_COMMA = re.compile('[",]')
_SURROGATE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept by surrogateescape


def read_edgelist(path: str | Path, display: str | None = None,
                  data: bytes | None = None) -> tuple[Dataset, list[Problem]]:
    """Read a CSV edge list; return the dataset built from its valid rows and every problem.

    The file is UTF-8 (a byte-order mark is allowed), comma-separated, with a header row. Columns:
    ``source`` and ``target`` (actor ids) are required; the sign comes from exactly one of ``sign``
    (``1`` / ``-1``) or ``kind`` (``alignment`` / ``tension``), or, when neither is there, from
    the sign of ``weight``. Optional: ``weight`` (any non-zero number; its magnitude is the
    strength), ``since``, ``until``, ``domain`` (default ``general``), ``id``, ``confidence``
    (default ``medium``), ``evidence`` (default ``"<file>, row <n>"``) and ``directed``.

    A row is a mutual relation unless its ``directed`` cell says ``true``, ``yes`` or ``1``
    (case aside): then it is a one-way relation from ``source`` to ``target``, as ``from:``/``to:``
    in YAML. ``false``, ``no``, ``0`` or an empty cell mean mutual. When a magnitude exceeds 1, every
    magnitude is divided by the largest one, so the strongest tie has weight 1.0 and ratios are
    kept; the weight as written stays in ``attributes["weight_raw"]`` and the divisor is stated
    in the dataset's description. Actors are the ids named, sorted; an id of three upper-case
    letters (``AZE``) is taken for a state, any other for a group.

    Parameters
    ----------
    path : str or Path
        The ``.csv`` file.
    display : str, optional
        How to name the file in problems and in ``Dataset.path``; default ``str(path)``.
    data : bytes, optional
        The file's bytes when the caller has read them already (a pipe can be read only once).

    Returns
    -------
    (Dataset, list of Problem)
        The dataset (relations in row order, only from rows without a problem) and every
        problem, sorted by line and column. Row ``n`` is line ``n`` of the file: the header is
        line 1.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = path.write_text("source,target,sign\\nAZE,IRN,-1\\nAZE,TUR,1\\n", encoding="utf-8")
    >>> ds, problems = read_edgelist(path)
    >>> [(r.source, r.target, r.kind, r.weight, r.domain) for r in ds.relations]
    [('AZE', 'IRN', 'tension', 1.0, 'general'), ('AZE', 'TUR', 'alignment', 1.0, 'general')]
    >>> ds.actor_ids, problems
    (('AZE', 'IRN', 'TUR'), [])
    >>> _ = path.write_text("source,target,sign\\nAZE,IRN,2\\n", encoding="utf-8")
    >>> print(read_edgelist(path, display="ties.csv")[1][0])
    ties.csv:2:3: row 2, column 'sign': '2' is not 1 or -1. Hint: write 1 for a positive tie
    (alignment), -1 for a negative one (tension).
    >>> _ = path.write_text("source,target,sign,directed\\nIRN,IRN-AZ,-1,yes\\nAZE,TUR,1,\\n", encoding="utf-8")
    >>> [(r.source, r.target, r.directed) for r in read_edgelist(path)[0].relations]
    [('IRN', 'IRN-AZ', True), ('AZE', 'TUR', False)]
    """
    path = Path(path)
    shown = display if display is not None else str(path)
    # a file name is text the writers must encode: a byte that was not UTF-8 becomes U+FFFD
    reader = EdgeListReader(shown, STDIN_NAME if is_stdin(path) else replace_surrogates(path.name))
    text = reader.read_text(path, data)
    if text is not None:
        reader.parse(text)
    return reader.dataset(), sorted(reader.problems)


# --------------------------------------------------------------------------------------------
# reading


#: The columns of :attr:`EdgeListReader.valid`, in the order :meth:`EdgeListReader.dataset` reads them.
_VALID = ("line", "source", "target", "kind", "weight", "id", "since", "until", "evidence", "domain", "confidence",
          "directed")


class EdgeListReader:
    """One read of an edge list (also the CSV text reader of spreadsheets): the state of one read: problems found so far, the header, and the valid rows."""

    def __init__(self, path: str, name: str):
        self.path = path
        self.name = name
        self.problems: list[Problem] = []
        self.columns: dict[str, int] = {}  # column name -> 0-based index (first occurrence)
        self.width = 0
        self.names: list[str] = []
        self.fatal = False  # the header does not allow any relation to be built
        # the rows without a problem, by column: line, source, target, kind, weight (as written, or
        # None), id, since, until, evidence, domain, confidence, directed (None: the default)
        self.valid: dict[str, list[Any]] = dict.fromkeys(_VALID, [])
        self.ids: dict[str, int] = {}  # explicit relation id -> row
        self.cols: dict[str, int] = {}  # column name -> 1-based column, as problems locate cells
        self.records: list[tuple[int, list[str]]] = []  # the rows of the header's width: line, cells
        self.read_columns: list[tuple[str, int]] = []  # the columns a cell reader reads, in reading order

    def add(self, at: tuple[int, int], code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, at[0], at[1], code, message, hint))

    # -- bytes to text -------------------------------------------------------------------

    def read_text(self, file: Path, data: bytes | None = None) -> str | None:
        """The file's text, read once (``-`` is standard input); ``data``: its bytes, already read."""
        whole = (0, 0)
        if data is None:
            if missing(file):
                self.add(whole, "missing-file", f"no such file: {self.path}", "check the path")
                return None
            try:
                data = read_bounded(file, self.path, self.problems,
                                    "split it into several files, or for event data use geograph ingest, which "
                                    "reads files of any size")
            except OSError as exc:
                self.add(whole, "unreadable", f"cannot read the file: {exc.strerror or exc}")
                return None
            if data is None:
                return None
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.add(whole, "encoding", "the file is UTF-16 text, not UTF-8",
                     "save it as CSV UTF-8 (comma-delimited)")
            return None
        if b"\x00" in data:
            self.add(whole, "binary", "this is a binary file, not CSV text",
                     "an edge list is UTF-8 text with comma-separated cells")
            return None
        if not data.strip(b" \t\r\n\xef\xbb\xbf"):
            self.add(whole, "empty", "the file is empty",
                     "write a header row such as source,target,sign, then one row per tie")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.not_utf8(data, exc)
            return None

    def not_utf8(self, data: bytes, exc: UnicodeDecodeError) -> None:
        """One problem at the row and CSV column of the first byte that is not UTF-8."""
        byte = data[exc.start]
        before = data[: exc.start]
        line, col = before.count(b"\n") + 1, 1
        text = data.decode("utf-8-sig", errors="surrogateescape")
        try:
            reader = csv.reader(io.StringIO(text, newline=""))
            start = 1
            for cells in reader:
                hit = next((i for i, c in enumerate(cells) if _SURROGATE.search(c)), None)
                if hit is not None:
                    line, col = start, hit + 1
                    break
                start = reader.line_num + 1
        except csv.Error:
            pass
        self.add((line, col), "encoding", f"the file is not UTF-8 text (byte 0x{byte:02x})",
                 "save the file as UTF-8 (in a spreadsheet: CSV UTF-8)")

    # -- text to rows --------------------------------------------------------------------

    def parse(self, text: str) -> None:
        if '"' not in text and "\r" not in text:
            lines = text.split("\n")
            if lines and not lines[-1]:
                lines.pop()      # the final line end
            if max(map(len, lines), default=0) <= csv.field_size_limit():
                # no quote, no carriage return, no cell over the limit: a row is a line split at its
                # commas, exactly as the csv module reads it, in a fraction of the time
                self.parse_rows((i, line.split(",")) for i, line in enumerate(lines, 1))
                return
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        start = [1]   # the line the next row starts on (a quoted cell may span lines)

        def rows() -> Iterator[tuple[int, list[str]]]:
            for cells in reader:
                line, start[0] = start[0], reader.line_num + 1
                yield line, cells

        try:
            self.parse_rows(rows())
        except csv.Error as exc:
            self.syntax_error(str(exc), start[0], reader.line_num, io.StringIO(text, newline="").readlines())
            self.read_rows(self.records)   # the rows before the error are read as before it

    def parse_rows(self, rows: Iterable[tuple[int, list[str]]]) -> None:
        """The header, then each row (its line and cells): blank ones skipped, those of another
        width than the header's reported, the others read (:meth:`read_rows`)."""
        rows = iter(rows)
        first = next(rows, None)
        if first is None or not self.header(first[1]):
            return
        data_rows = 0
        for line, cells in rows:
            if not "".join(cells).strip():
                continue
            data_rows += 1
            if len(cells) == self.width:
                self.records.append((line, cells))
            else:
                self.row_length(line, cells)
        if data_rows == 0:
            self.add((0, 0), "no-rows", "the file has a header but no rows",
                     "add one row per tie below the header, such as AZE,IRN,-1")
        self.read_rows(self.records)

    def syntax_error(self, error: str, start: int, line: int, lines: list[str]) -> None:
        text = "".join(lines[start - 1: line])
        col = broken_cell(text)
        name = self.names[col - 1] if col <= len(self.names) and self.names[col - 1] else ""
        where = f"row {start}, column '{name}'" if name and start > 1 else f"row {start}, column {col}"
        if "field larger" in error:
            self.add((start, col), "csv-syntax", f"{where}: a cell is longer than {csv.field_size_limit():,} "
                     "characters", "check for a quote that is never closed; a cell holds one value")
        elif "end of data" in error:
            self.add((start, col), "csv-syntax", f"{where}: a quoted cell is never closed",
                     "close the quote with \"; inside a quoted cell write a quote as \"\"")
        else:
            self.add((start, col), "csv-syntax", f"{where}: text follows the closing quote of a cell",
                     "quote the whole cell, and write a quote inside it as \"\"")

    # -- the header ----------------------------------------------------------------------

    def header(self, cells: list[str]) -> bool:
        """Check the header row; False when it is no header at all (rows are then not read).

        A misspelt column that has a clear suggestion (``Source``, ``wieght``, ``from``) is
        reported once and then read as the column suggested, so one slip gives one problem.
        """
        shown = [c.strip() for c in cells]
        self.names = shown
        self.width = len(shown)
        # ' Source ' and 'TARGET' are the columns source and target, as in every CSV geograph reads
        names = [header_key(c) if header_key(c) in EDGE_LIST_COLUMNS else c for c in shown]
        guesses = [column_guess(n, EDGE_LIST_COLUMNS) if n not in EDGE_LIST_COLUMNS else None for n in names]
        if not any(names):
            self.add((1, 1), "missing-header", "line 1 is empty: the first line must be the header row",
                     "start the file with a header such as source,target,sign")
            return False
        if not any(n in EDGE_LIST_COLUMNS for n in names) and not any(guesses):
            if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
                sep = "';'" if ";" in names[0] else "tabs"
                self.add((1, 1), "separator", f"the header is one cell, '{names[0]}': its cells are separated by "
                         f"{sep}, not by commas", "save the file as comma-separated CSV (CSV UTF-8, comma-delimited)")
            else:
                self.add((1, 1), "missing-header", "line 1 is not a header: it names none of the columns "
                         + ", ".join(EDGE_LIST_COLUMNS), "add a header row such as source,target,sign as the first line")
            return False
        for i, name in enumerate(names):
            at = (1, i + 1)
            if not name:
                self.add(at, "unknown-column", f"column {i + 1} has no name",
                         "name it, or delete the column (a trailing comma makes an empty one)")
            elif name not in EDGE_LIST_COLUMNS:
                self.add(at, "unknown-column", f"unknown column '{name}'",
                         f"did you mean '{guesses[i]}'?" if guesses[i] else
                         "allowed columns: " + ", ".join(EDGE_LIST_COLUMNS))
            elif name in self.columns:
                first = self.columns[name]
                twice = f"column '{name}' appears twice" if shown[i] == shown[first] else \
                    f"columns '{shown[first]}' and '{shown[i]}' are both {name}"
                self.add(at, "duplicate-column", f"{twice} (first as column {first + 1})", "keep one of them")
            else:
                self.columns[name] = i
        for i, guess in enumerate(guesses):
            if guess and guess not in self.columns:
                self.columns[guess] = i
        for name in ("source", "target"):
            if name not in self.columns:
                self.fatal = True
                self.add((1, 1), "missing-column", f"missing required column '{name}'",
                         "the header must name source and target, the two actors of each tie")
        if "sign" in self.columns and "kind" in self.columns:
            self.fatal = True
            later = max(self.columns["sign"], self.columns["kind"])
            self.add((1, later + 1), "conflicting-columns", "both sign and kind columns are given",
                     "keep one: sign (1 / -1) or kind (alignment / tension)")
        elif not ({"sign", "kind", "weight"} & set(self.columns)):
            self.fatal = True
            self.add((1, 1), "missing-column", "no column gives the sign of a tie",
                     "add a column sign (1 or -1), kind (alignment or tension) or weight (negative for tension)")
        self.cols = {name: i + 1 for name, i in self.columns.items()}
        self.read_columns = [(name, self.columns[name]) for name in CELL_READERS if name in self.columns]
        return True

    # -- one row -------------------------------------------------------------------------

    def row_length(self, line: int, cells: list[str]) -> None:
        more = len(cells) > self.width
        at = (line, min(len(cells), self.width) + 1)  # the first cell too many, or the first missing
        self.add(at, "row-length",
                 f"row {line} has {len(cells)} cells, but the header has {self.width}",
                 "quote a cell that holds a comma: \"Baku, Azerbaijan\"" if more else
                 "give every column a cell, an empty one where the value is optional (AZE,IRN,-1,,)")

    def cell_problem(self, line: int, name: str, code: str, message: str, hint: str = "") -> None:
        """A problem of row ``line``'s cell in column ``name``, located at that cell."""
        self.add((line, self.cols[name]), code, f"row {line}, column '{name}': {message}", hint)

    def read_rows(self, records: list[tuple[int, list[str]]]) -> None:
        """Read the rows of the header's width: column by column, each distinct cell text once
        (a column of 50,000 rows holds a few hundred dates, ids and weights), then the checks
        across a row's cells, then the rows without a problem, by column, as :attr:`valid`."""
        bad_rows: set[int] = set()
        value: dict[str, list[Any]] = {}
        table = list(zip(*(cells for _, cells in records)))   # the cells by column
        for name, i in self.read_columns if records else ():
            texts = table[i]
            read = CELL_READERS[name]
            known = {text: read(text.strip(), unsaid) for text in set(texts)}
            value[name] = list(map(known.__getitem__, texts))
            if any(v is BAD for v in known.values()):
                # each row a bad text is on says so, at its own line: read again, reporting (rare)
                for j, text in enumerate(texts):
                    if known[text] is BAD:
                        line = records[j][0]
                        read(text.strip(), lambda code, message, hint="", line=line, name=name:
                             self.cell_problem(line, name, code, message, hint))
                        bad_rows.add(j)
        n = len(records)
        none = [None] * n
        sources, targets = value.get("source", none), value.get("target", none)
        signs, kinds, weights = value.get("sign", none), value.get("kind", none), value.get("weight", none)
        sinces, untils = value.get("since", none), value.get("until", none)
        ids, evidence = self.columns.get("id"), self.columns.get("evidence")
        # the checks across a row's cells, each on the rows it can concern (a pass over a column
        # or two in C, then Python only for the rows that fail)
        line_of = [line for line, _ in records]
        for j in [j for j, (a, b) in enumerate(zip(sources, targets)) if a == b and a is not None and a is not BAD]:
            self.cell_problem(line_of[j], "target", "self-relation", f"relates '{sources[j]}' to itself",
                              "a relation links two different actors")
            bad_rows.add(j)
        if "weight" in value and ("sign" in value or "kind" in value):
            for j in [j for j, w in enumerate(weights) if w.__class__ is float and w < 0]:
                sign, kind = signs[j], kinds[j]
                if sign == 1 or kind == "alignment":
                    said = "sign is 1" if sign == 1 else "kind is alignment"
                    self.cell_problem(line_of[j], "weight", "sign-mismatch",
                                      f"'{records[j][1][self.columns['weight']].strip()}' is negative, but {said}",
                                      "a negative weight means tension: make the tie negative, or drop the minus sign")
                    bad_rows.add(j)
        if "until" in value:   # with no since, an until of 0001-01-01 is still out of order
            for j in [j for j, until in enumerate(untils) if until is not None and until is not BAD]:
                since, until = sinces[j], untils[j]
                since = None if since is BAD else since     # a bad since reads as none, as in YAML
                if out_of_order(since, until):
                    self.cell_problem(line_of[j], "until", "until-before-since", not_after(since, until), UNTIL_HINT)
                    bad_rows.add(j)
        rids = [c.strip() for c in table[ids]] if ids is not None and records else [""] * n
        given = set(rids) - {""}
        if given and len(given) == n and not self.ids and all(map(ID_PATTERN.match, given)):
            self.ids = dict(zip(rids, line_of))   # every row has its own valid id: nothing to report
        elif given:
            for j, rid in enumerate(rids):
                if not rid:
                    continue
                line = line_of[j]
                if not ID_PATTERN.match(rid):
                    self.cell_problem(line, "id", "bad-id", id_rule(rid, ""), "use a code such as aze-irn-trade")
                elif rid in self.ids:
                    self.cell_problem(line, "id", "duplicate-id",
                                      f"duplicate relation id '{rid}' (first at row {self.ids[rid]})",
                                      "ids must be unique; leave the cell empty to have one made")
                else:
                    self.ids[rid] = line
                    continue
                bad_rows.add(j)
        if self.fatal:
            return
        kept = [j for j in range(n) if j not in bad_rows] if bad_rows else None

        def keep(column: list[Any]) -> list[Any]:
            return column if kept is None else [column[j] for j in kept]

        notes = [c.strip() for c in table[evidence]] if evidence is not None and records else none
        if "sign" in value:
            said = [None if x is None or x is BAD else "alignment" if x > 0 else "tension" for x in signs]
        elif "kind" in value:
            said = kinds
        else:   # the sign of the weight
            said = [None if w is None or w is BAD else "alignment" if w > 0 else "tension" for w in weights]
        self.valid = {
            "line": keep(line_of), "source": keep(sources), "target": keep(targets), "kind": keep(said),
            "weight": keep(weights),
            "id": keep(rids), "since": keep(sinces), "until": keep(untils), "evidence": keep(notes),
            "domain": keep(value.get("domain", none)), "confidence": keep(value.get("confidence", none)),
            "directed": keep(value.get("directed", none)),
        }

    # -- the dataset ---------------------------------------------------------------------

    def dataset(self) -> Dataset:
        weighted = "weight" in self.columns
        valid = self.valid
        largest = max(map(abs, valid["weight"]), default=1.0) if weighted else 1.0
        divisor = largest if largest > 1 else 1.0
        if not weighted:
            note = "no weight column, so every weight is 1.0"
        elif divisor != 1.0:
            note = f"weights divided by {number_text(divisor)}, the largest magnitude"
        else:
            note = "weights as written (none is above 1)"
        taken = set(self.ids)
        relations = []
        actors: dict[str, Actor] = {}
        cited = (SOURCE_ID,)
        unweighted: Mapping[str, Any] = MappingProxyType({})
        written: dict[float, Mapping[str, Any]] = {}   # one attributes mapping per weight as written
        path, name, cols = self.path, self.name, self.cols
        source_col, target_col = cols.get("source", 1), cols.get("target", 2)
        for line, source, target, kind, raw, rid, since, until, evidence, domain, confidence, directed in zip(
                *(valid[k] for k in _VALID)):
            weight = abs(raw) / divisor if raw is not None else 1.0
            if weight < MIN_WEIGHT:
                scaled = f" divided by {divisor:g}, the largest magnitude," if divisor != 1.0 else ""
                self.add((line, cols["weight"]), "weight-range",
                         f"row {line}, column 'weight': '{number_text(raw)}'{scaled} {weight_below()}",
                         "a tie this weak is no tie: leave the row out")
                continue
            if not rid:
                a, b = (source, target) if source <= target else (target, source)
                rid = fresh_id(f"{a}-{b}-{kind}-{domain or DEFAULT_DOMAIN}".lower(), taken)
            if weighted:
                attributes = written.get(raw) or written.setdefault(raw, MappingProxyType({"weight_raw": raw}))
            else:
                attributes = unweighted
            relations.append(Relation.of_fields(
                rid, source, target, directed or False, kind, domain or DEFAULT_DOMAIN, weight, since, until,
                confidence or DEFAULT_CONFIDENCE, evidence or f"{name}, row {line}", cited, attributes, (),
                Location(path, line, 1),
            ))
            if source not in actors:
                actors[source] = Actor(source, source, guess_actor_kind(source), sources=cited,
                                       location=Location(path, line, source_col))
            if target not in actors:
                actors[target] = Actor(target, target, guess_actor_kind(target), sources=cited,
                                       location=Location(path, line, target_col))
        source = Source(SOURCE_ID, self.name, "n.d.", publisher="edge list", location=Location(self.path))
        return Dataset(
            title=self.name,
            description=f"Edge list {self.name}: {note}.",
            sources=MappingProxyType({SOURCE_ID: source}),
            actors=tuple(sorted(actors.values(), key=lambda a: a.id)),
            relations=tuple(relations),
            path=self.path,
        )


# --------------------------------------------------------------------------------------------
# helpers


def column_guess(name: str, columns: tuple[str, ...] = COLUMNS) -> str | None:
    """The column of ``columns`` a misspelt header name most likely means, or None when nothing is close.

    >>> column_guess("Source"), column_guess("wieght"), column_guess("from"), column_guess("colour")
    ('source', 'weight', 'source', None)
    >>> column_guess("Directed"), column_guess("Directed", EDGE_LIST_COLUMNS)   # only edge lists have it
    (None, 'directed')
    """
    low = header_key(name)
    if low in columns:
        return low
    if _COLUMN_ALIASES.get(low) in columns:
        return _COLUMN_ALIASES[low]
    close = difflib.get_close_matches(low, columns, n=1, cutoff=0.75)
    return close[0] if close else None


def broken_cell(text: str) -> int:
    """The 1-based column of the cell where a CSV quoting error starts, in one row's text.

    It jumps from quote to comma with ``str.find`` and a regex rather than stepping through every
    character: the row may be a cell of ten million characters whose quote is never closed.

    >>> broken_cell('AZE,"IRN,-1'), broken_cell('AZE,IRN,"-1"x')    # a quote never closed; text after one
    (2, 3)
    """
    col, i, cell_start, quoted = 1, 0, 0, False
    while True:
        if quoted:
            j = text.find('"', i)
            if j < 0:
                return col
            after = text[j + 1: j + 2]
            if after == '"':
                i = j + 2
                continue
            if after not in ("", ",", "\r", "\n"):
                return col
            quoted, i = False, j + 1
            continue
        m = _QUOTE_OR_COMMA.search(text, i)
        if m is None:
            return col
        j = m.start()
        if text[j] == ",":
            col, cell_start = col + 1, j + 1
        elif j == cell_start:  # a quote opens a quoted cell only as the cell's first character
            quoted = True
        i = j + 1


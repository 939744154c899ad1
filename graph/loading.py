"""Loading and validating datasets: YAML files (or a folder of them) into a :class:`Dataset`."""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import gc
import math
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from ._yaml import YMap, YSeq, read_yaml
from .dates import PartialDate, parse_date
from .errors import DataError, Problem
from .model import (
    ACTOR_KINDS,
    CONFIDENCE,
    DOMAINS,
    EVENT_KINDS,
    RELATION_KINDS,
    Actor,
    Dataset,
    Event,
    Location,
    Relation,
    Source,
)

__all__ = ["load", "validate", "bundled_path", "dataset_files", "ID_PATTERN", "JS_RESERVED", "MAX_FILE_BYTES",
           "MIN_WEIGHT", "read_bounded", "id_rule", "id_hint"]

#: Names that every JavaScript object already has. The page's vis-network keeps nodes and edges in
#: plain objects keyed by id, so an actor with one of these ids silently vanishes from the page and
#: a relation with one stops the page from drawing at all: they are not ids.
JS_RESERVED = frozenset({"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString",
                         "toLocaleString", "valueOf", "__proto__", "__defineGetter__", "__defineSetter__",
                         "__lookupGetter__", "__lookupSetter__"})
#: Ids are short codes: they reach HTML, file names and command lines, so keep them plain.
ID_PATTERN = re.compile(r"^(?!(?:%s)$)[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$" % "|".join(sorted(JS_RESERVED)))

#: The largest input file geograph reads: 50 MB. A YAML dataset costs about 2 s and 80 MB of memory
#: per MB to read, so a larger file is split into several files of one folder; a larger one is
#: refused at once, before a byte of it is read (event data of any size goes through ``ingest``).
MAX_FILE_BYTES = 50_000_000
#: The weakest weight a relation may have: 1/weight is a distance, and weights near the smallest
#: float (5e-324) make distances infinite and PageRank diverge.
MIN_WEIGHT = 1e-6

_TOP_KEYS = ("title", "description", "sources", "actors", "relations", "events")
_SOURCE_KEYS = ("title", "author", "publisher", "date", "url")
_ACTOR_KEYS = ("id", "name", "kind", "tags", "attributes", "sources")
_RELATION_KEYS = (
    "id", "between", "from", "to", "kind", "domain", "weight", "since", "until",
    "confidence", "evidence", "sources", "attributes", "tags",
)
_EVENT_KEYS = ("id", "date", "actors", "title", "kind", "description", "places", "attributes", "sources")
_YAML_SUFFIXES = (".yaml", ".yml")
_MISSING_HINTS = {
    "id": "add id: a short code such as AZE",
    "name": "add name: the name shown on the graph",
    "kind": "add kind: one of the kinds listed in data/README.md",
    "domain": "add domain: economic, security, transport … (see data/README.md)",
    "weight": "add weight: a strength in (0, 1]: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining",
    "evidence": "add evidence: one sentence in your own words",
    "sources": "add sources: [id] naming at least one source",
    "title": "add title: a short title",
    "date": "add date: YYYY, YYYY-MM or YYYY-MM-DD",
    "actors": "add actors: [A, B]",
}


def bundled_path() -> Path:
    """The folder of the bundled Azerbaijan–Iran dataset.

    In a clone (or an editable install) it is ``data/caucasus`` beside the package; a regular
    install copies it to ``<prefix>/share/geograph/caucasus``.

    Examples
    --------
    >>> bundled_path().name
    'caucasus'
    """
    here = Path(__file__).resolve().parent.parent / "data" / "caucasus"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "geograph" / "caucasus"


def dataset_files(path: str | Path) -> list[Path]:
    """The YAML files that make up a dataset: the file itself, or every ``*.yaml``/``*.yml``
    below a folder in sorted order (hidden files and folders are skipped)."""
    path = Path(path)
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*")
            if p.suffix.lower() in _YAML_SUFFIXES and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return [path]


def load(path: str | Path | None = None) -> Dataset:
    """Load and validate a dataset; raise :class:`~graph.errors.DataError` listing every problem.

    Parameters
    ----------
    path : str or Path, optional
        A YAML file, a folder of YAML files that are merged, or a CSV edge list
        (:func:`graph.edgelist.read_edgelist`). Default: the bundled dataset.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        With every problem found, each located as ``file:line:col``.

    Examples
    --------
    >>> ds = load()
    >>> "AZE" in ds.actor_ids and "IRN" in ds.actor_ids
    True
    """
    dataset, problems = _load(path)
    if problems:
        raise DataError(problems)
    return dataset


def validate(path: str | Path | None = None) -> list[Problem]:
    """Every problem in a dataset, sorted by file, line and column (empty when it is valid).

    Examples
    --------
    >>> validate()
    []
    """
    return sorted(_load(path)[1])


# --------------------------------------------------------------------------------------------
# reading


@dataclass
class _Raw:
    title: str = ""
    description: str = ""
    sources: list[Source] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    relations: list[tuple[Relation, YMap]] = field(default_factory=list)
    events: list[tuple[Event, YMap]] = field(default_factory=list)
    #: every id that refers to an actor or a source, with where it was written (file, (line, col))
    #: and what wrote it; a Location is made only for the few that turn out to be unknown
    actor_refs: list[tuple[str, str, tuple[int, int], str]] = field(default_factory=list)
    source_refs: list[tuple[str, str, tuple[int, int], str]] = field(default_factory=list)
    #: actor ids declared, even by records that broke other rules (no cascade of unknown-actor)
    declared: set[str] = field(default_factory=set)


def _load(path: str | Path | None) -> tuple[Dataset, list[Problem]]:
    root = Path(path) if path is not None else bundled_path()
    shown = str(path) if path is not None else str(root)
    problems: list[Problem] = []
    raw = _Raw()
    if not root.exists():
        problems.append(Problem(shown, 0, 0, "missing-file", f"no such file or folder: {shown}",
                                "check the path; run 'geograph validate' with no argument for the bundled data"))
        return Dataset(path=shown), problems
    if root.is_file() and root.suffix.lower() == ".csv":
        from .edgelist import read_edgelist  # edgelist imports this module: import here, not at the top

        return read_edgelist(root, shown)
    files = dataset_files(root)
    if root.is_dir() and not files:
        problems.append(Problem(shown, 0, 0, "no-yaml", "the folder holds no .yaml or .yml file", ""))
    # Reading builds millions of small containers and none of them is garbage: the cyclic
    # collector would walk them all again and again (half the time of a large load). Paused.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for file in files:
            display = shown if file == root else str(Path(shown) / file.relative_to(root))
            _read_file(file, display, raw, problems)
        dataset = _assemble(raw, shown, problems)
    finally:
        if collecting:
            gc.enable()
    return dataset, problems


def read_bounded(file: Path, display: str, problems: list[Problem], hint: str) -> bytes | None:
    """A file's bytes, or None with a ``too-large`` problem when it is larger than
    :data:`MAX_FILE_BYTES`: checked before reading, and again while reading, since a device such as
    ``/dev/zero`` reports no size. An ``OSError`` (no permission …) is left to the caller.
    """
    with open(file, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = b"" if size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES // 1_000_000} MB"
        message = (f"the file is {size / 1e6:,.0f} MB, larger than the {limit} geograph reads"
                   if size > MAX_FILE_BYTES else f"the file holds more than the {limit} geograph reads")
        problems.append(Problem(display, 0, 0, "too-large", message, hint))
        return None
    return data


def read_text(file: Path, display: str, problems: list[Problem], what: str = "a dataset") -> str | None:
    """A file's UTF-8 text (a byte-order mark is dropped), or None with a located problem."""
    try:
        data = read_bounded(file, display, problems,
                            "split it into several files in one folder, which geograph reads as one dataset")
    except OSError as exc:
        problems.append(Problem(display, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}", ""))
        return None
    if data is None:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(display, 0, 0, "encoding", "the file is UTF-16 text, not UTF-8",
                                "save the file as UTF-8"))
        return None
    if b"\x00" in data[:8192]:
        problems.append(Problem(display, 0, 0, "binary", "this is a binary file, not YAML text",
                                f"{what} is UTF-8 text"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.append(Problem(display, line, col, "encoding",
                                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                                "save the file as UTF-8"))
        return None


def _read_file(file: Path, display: str, raw: _Raw, problems: list[Problem]) -> None:
    text = read_text(file, display, problems)
    if text is None:
        return
    value, found = read_yaml(text, display)
    problems.extend(found)
    if value is None:
        if not found:
            problems.append(Problem(display, 0, 0, "empty", "the file holds no YAML data",
                                    "add actors: and relations:, or remove the file"))
        return
    checker = _Checker(display, problems, raw)
    if not isinstance(value, YMap):
        problems.append(Problem(display, 1, 1, "structure",
                                "the file must be a mapping with the keys " + ", ".join(_TOP_KEYS),
                                "start the file with 'actors:' or 'relations:'"))
        return
    checker.unknown_keys(value, _TOP_KEYS, "the file")
    for key in ("title", "description"):
        text_value = checker.text(value, key, "the file", required=False)
        if text_value and not getattr(raw, key):
            setattr(raw, key, text_value)
    if "sources" in value:
        for src in checker.mapping_of(value, "sources", "sources"):
            raw.sources.append(src)
    for item, pos in checker.list_of(value, "actors"):
        actor = checker.actor(item, pos)
        if actor is not None:
            raw.actors.append(actor)
    for item, pos in checker.list_of(value, "relations"):
        rel = checker.relation(item, pos)
        if rel is not None:
            raw.relations.append((rel, item))
    for item, pos in checker.list_of(value, "events"):
        ev = checker.event(item, pos)
        if ev is not None:
            raw.events.append((ev, item))


def _plain(value: Any) -> Any:
    """Located YAML values as plain, JSON-ready Python values (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def _did_you_mean(value: str, candidates: Iterable[str], aliases: Mapping[str, str] | None = None) -> str:
    candidates = list(candidates)
    lowered = {c.lower(): c for c in candidates}
    if value.lower() in lowered:
        return f"did you mean '{lowered[value.lower()]}'?"
    if aliases and value.lower() in aliases:
        return f"did you mean '{aliases[value.lower()]}'?"
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    if not close:
        close = [lowered[c] for c in difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)]
    return f"did you mean '{close[0]}'?" if close else ""


#: The keys of a relation :meth:`_Checker._usual_relation` reads in one step.
_USUAL_RELATION_KEYS = frozenset(_RELATION_KEYS) - {"attributes"}
_NO_ATTRIBUTES: Mapping[str, Any] = MappingProxyType({})


@functools.lru_cache(maxsize=None)
def _key_set(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


#: Dates repeat (a year or a month is written on thousands of relations), and a PartialDate is
#: immutable: each text is parsed once. Typed, so True is never taken for the year 1.
_parse_date = functools.lru_cache(maxsize=65536, typed=True)(parse_date)


def id_rule(value: str, what: str = "id ") -> str:
    """Why ``value`` is not an id (it fails :data:`ID_PATTERN`), as the middle of a message.

    >>> id_rule("toString")
    "id 'toString' is a name that every JavaScript object has, and the page could not draw it"
    """
    if value in JS_RESERVED:
        return f"{what}'{value}' is a name that every JavaScript object has, and the page could not draw it"
    return f"{what}'{value}' is not a short code (a letter or digit, then letters, digits, _ . -; at most 40)"


def id_hint(value: str) -> str:
    """How to mend an id that :func:`id_rule` refused."""
    if value in JS_RESERVED:
        return f"use another id, such as {value.upper()} or {value}-1"
    return "use a code such as AZE or nstc; put the full name in 'name'"


def _short(text: Any, limit: int = 60) -> str:
    """A value as written, cut short for a message (a weight of 400 digits is not read in full)."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "a date"
    if value is None:
        return "empty (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


class _Checker:
    """Field readers for one file; each records a located problem instead of raising."""

    def __init__(self, path: str, problems: list[Problem], raw: _Raw):
        self.path = path
        self.problems = problems
        self.actor_refs = raw.actor_refs
        self.source_refs = raw.source_refs
        self.declared = raw.declared

    # -- primitives ----------------------------------------------------------------------

    def add(self, pos: tuple[int, int], code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], code, message, hint))

    def loc(self, pos: tuple[int, int]) -> Location:
        return Location(self.path, pos[0], pos[1])

    def unknown_keys(self, m: YMap, allowed: tuple[str, ...], ctx: str) -> None:
        if m.keys() <= _key_set(allowed):  # the usual case, checked in one step
            return
        for key in m:
            if key not in allowed:
                guess = _did_you_mean(str(key), allowed)
                hint = guess or "allowed keys: " + ", ".join(allowed)
                self.add(m.key_pos[key], "unknown-key", f"{ctx}: unknown key '{key}'", hint)

    def present(self, m: YMap, key: str, ctx: str, required: bool) -> bool:
        if m.get(key) is not None:
            return True
        if required:
            pos = m.key_pos.get(key, m.pos)
            self.add(pos, "missing-key", f"{ctx}: missing required key '{key}'",
                     _MISSING_HINTS.get(key, "see data/README.md for the fields of each record"))
        return False

    def text(self, m: YMap, key: str, ctx: str, required: bool = True) -> str | None:
        if not self.present(m, key, ctx, required):
            return None
        value = m[key]
        if not isinstance(value, str):
            raw = m.raw.get(key)
            if raw is not None:
                self.add(m.value_pos[key], "not-text",
                         f"{ctx}: {key} must be text, but {raw} was read as {_type_name(value)}",
                         f"quote it: {key}: \"{raw}\"")
            else:
                self.add(m.value_pos[key], "not-text", f"{ctx}: {key} must be text, not {_type_name(value)}")
            return None
        if not value.strip():
            self.add(m.value_pos[key], "empty", f"{ctx}: {key} is empty")
            return None
        return value.strip()

    def ident(self, m: YMap, key: str, ctx: str, required: bool = True) -> str | None:
        value = self.text(m, key, ctx, required)
        if value is not None and not ID_PATTERN.match(value):
            self.add(m.value_pos[key], "bad-id", f"{ctx}: " + id_rule(value), id_hint(value))
            return None
        return value

    def choice(self, m: YMap, key: str, ctx: str, choices: tuple[str, ...],
               required: bool = True, default: str | None = None) -> str | None:
        value = m.get(key)
        if value in choices:  # the usual case: a valid choice written plainly
            return value
        if not self.present(m, key, ctx, required):
            return default
        if isinstance(value, str) and value.strip() in choices:
            return value.strip()
        shown = m.raw.get(key, value)
        guess = _did_you_mean(str(shown), choices) if isinstance(shown, str) else ""
        self.add(m.value_pos[key], "bad-choice",
                 f"{ctx}: {key} '{shown}' is not one of: " + ", ".join(choices), guess)
        return None

    def weight(self, m: YMap, ctx: str) -> float | None:
        if not self.present(m, "weight", ctx, True):
            return None
        value, pos, raw = m["weight"], m.value_pos["weight"], m.raw.get("weight", "")
        scale = "weight is a strength: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining"
        if isinstance(value, bool):
            self.add(pos, "not-number", f"{ctx}: weight must be a number, but {raw} was read as a boolean", scale)
            return None
        if isinstance(value, str):
            try:
                float(value)
                numeric = True
            except ValueError:
                numeric = False
            if numeric:
                self.add(pos, "not-number", f"{ctx}: weight {value} was read as text, not a number",
                         "write a plain decimal such as 0.5 (YAML 1.1 reads forms like 1e3 and -.5 as text)")
            else:
                self.add(pos, "not-number", f"{ctx}: weight must be a number, got '{value}'", scale)
            return None
        if not isinstance(value, (int, float)):
            self.add(pos, "not-number", f"{ctx}: weight must be a number, not {_type_name(value)}", scale)
            return None
        raw = _short(raw)
        if isinstance(value, float) and not math.isfinite(value):  # an int of any size compares exactly
            self.add(pos, "not-number", f"{ctx}: weight {raw} is not a finite number", scale)
            return None
        if 0 < value < MIN_WEIGHT:
            self.add(pos, "weight-range", f"{ctx}: weight {raw} is below {MIN_WEIGHT:g}, the weakest tie geograph "
                     "analyses", "a tie this weak is no tie: leave it out, or use a small weight such as 0.2")
            return None
        if not 0 < value <= 1:
            if value < 0:
                hint = "the sign comes from kind: write kind: tension with a positive weight"
            elif value == 0:
                hint = "a relation of no strength is no relation: leave it out, or use a small weight such as 0.2"
            else:
                hint = "1.0 is the strongest (defining); write hostility as kind: tension, not as a larger weight"
            self.add(pos, "weight-range", f"{ctx}: weight {raw} is outside (0, 1]", hint)
            return None
        return float(value)

    def date(self, m: YMap, key: str, ctx: str, required: bool = False) -> PartialDate | None:
        if not self.present(m, key, ctx, required):
            return None
        raw = m.raw.get(key)
        value = m[key]
        try:
            if isinstance(value, bool) or isinstance(value, (dict, list)):
                raise ValueError("not a date")
            # Read the text as written: YAML 1.1 turns 0123 into 83 and 1:20 into 80.
            return _parse_date(raw if raw is not None and not isinstance(value, _dt.date) else value)
        except ValueError as exc:
            self.add(m.value_pos[key], "bad-date", f"{ctx}: {key} '{raw if raw is not None else value}' "
                     f"is not a valid date ({exc})", "write YYYY, YYYY-MM or YYYY-MM-DD")
            return None

    def id_list(self, m: YMap, key: str, ctx: str, required: bool,
                refs: list[tuple[str, str, tuple[int, int], str]]) -> tuple[str, ...]:
        """A list of ids; each one is queued in ``refs`` with its position for a later check."""
        if not self.present(m, key, ctx, required):
            return ()
        value = m[key]
        if isinstance(value, str):  # a lone id where a list was meant: accept, as people write it
            refs.append((value, self.path, m.value_pos[key], ctx))
            return (value,)
        if not isinstance(value, YSeq) or (required and not value):
            self.add(m.value_pos[key], "not-list", f"{ctx}: {key} must be a list of ids",
                     f"write {key}: [a, b]")
            return ()
        out = []
        for item, pos, raw in zip(value, value.item_pos, value.raw):
            if not isinstance(item, str):
                self.add(pos, "not-text", f"{ctx}: {key} holds {raw if raw is not None else item}, "
                         f"which was read as {_type_name(item)}, not an id", f"quote it: '{raw}'")
                continue
            refs.append((item, self.path, pos, ctx))
            out.append(item)
        return tuple(out)

    def text_list(self, m: YMap, key: str, ctx: str) -> tuple[str, ...]:
        if not self.present(m, key, ctx, False):
            return ()
        value = m[key]
        if not isinstance(value, YSeq) or not all(isinstance(v, str) for v in value):
            self.add(m.value_pos[key], "not-list", f"{ctx}: {key} must be a list of text",
                     f"write {key}: [first, second]")
            return ()
        return tuple(v.strip() for v in value)

    def attributes(self, m: YMap, ctx: str) -> Mapping[str, Any]:
        if not self.present(m, "attributes", ctx, False):
            return MappingProxyType({})
        value = m["attributes"]
        if not isinstance(value, YMap):
            self.add(m.value_pos["attributes"], "not-mapping", f"{ctx}: attributes must be a mapping",
                     "write attributes: {population: 10000000}")
            return MappingProxyType({})
        for key in value:
            if not isinstance(key, str):
                self.add(value.key_pos[key], "not-text", f"{ctx}: attribute name {key} must be text")
        return MappingProxyType(_plain(value))

    # -- containers ----------------------------------------------------------------------

    def list_of(self, top: YMap, key: str) -> Iterable[tuple[YMap, tuple[int, int]]]:
        if key not in top or top[key] is None:
            return
        value = top[key]
        if not isinstance(value, YSeq):
            self.add(top.value_pos[key], "not-list", f"{key} must be a list of records",
                     f"write each record on a line starting with '- ' under '{key}:'")
            return
        for item, pos in zip(value, value.item_pos):
            if not isinstance(item, YMap):
                self.add(pos, "not-mapping", f"each entry of {key} must be a mapping of fields",
                         "write '- id: …' and the other fields indented under it")
                continue
            yield item, pos

    def mapping_of(self, top: YMap, key: str, what: str) -> Iterable[Source]:
        value = top[key]
        if value is None:
            return
        if not isinstance(value, YMap):
            self.add(top.value_pos[key], "not-mapping", "sources must be a mapping from id to source",
                     "write 'sources:' then '  seed-2025: {title: …, publisher: …, date: 2025}'")
            return
        for sid, body in value.items():
            pos = value.key_pos[sid]
            ctx = f"source {sid}"
            if not isinstance(sid, str) or not ID_PATTERN.match(sid):
                if sid in JS_RESERVED:
                    self.add(pos, "bad-id", "source " + id_rule(sid), id_hint(sid))
                else:
                    self.add(pos, "bad-id", f"source id '{sid}' is not a short code (letters, digits, _ . -)",
                             "quote ids that YAML could read as numbers or booleans")
                continue
            if not isinstance(body, YMap):
                self.add(value.value_pos[sid], "not-mapping", f"{ctx}: must be a mapping with title, publisher, date")
                continue
            self.unknown_keys(body, _SOURCE_KEYS, ctx)
            title = self.text(body, "title", ctx)
            author = self.text(body, "author", ctx, required=False) or ""
            publisher = self.text(body, "publisher", ctx, required=False) or ""
            if not author and not publisher and "author" not in body and "publisher" not in body:
                self.add(body.pos, "missing-key", f"{ctx}: needs an author or a publisher",
                         "add 'publisher: …' (or 'author: …')")
            date = self.date(body, "date", ctx, required=True)
            url = self.text(body, "url", ctx, required=False) or ""
            if url and not re.match(r"^https?://[^\s<>\"']+$", url):
                self.add(body.value_pos["url"], "bad-url", f"{ctx}: url '{url}' is not an http(s) address",
                         "write a full address starting with https://")
                url = ""
            if title and date:
                yield Source(sid, title, str(date), author, publisher, url, self.loc(pos))

    # -- records -------------------------------------------------------------------------

    def actor(self, m: YMap, pos: tuple[int, int]) -> Actor | None:
        aid = self.ident(m, "id", f"actor at line {pos[0]}")
        if aid:
            self.declared.add(aid)
        ctx = f"actor {aid}" if aid else f"actor at line {pos[0]}"
        self.unknown_keys(m, _ACTOR_KEYS, ctx)
        name = self.text(m, "name", ctx)
        kind = self.choice(m, "kind", ctx, ACTOR_KINDS)
        tags = self.text_list(m, "tags", ctx)
        attrs = self.attributes(m, ctx)
        sources = self.id_list(m, "sources", ctx, False, self.source_refs)
        if not (aid and name and kind):
            return None
        return Actor(aid, name, kind, tags, attrs, sources, self.loc(pos))

    def relation(self, m: YMap, pos: tuple[int, int]) -> Relation | None:
        """A relation, or None with its problems recorded."""
        return self._usual_relation(m, pos) or self._relation(m, pos)

    def _usual_relation(self, m: YMap, pos: tuple[int, int]) -> Relation | None:
        """The relation of a record written the usual way, read in one step; None for any other.

        Most records of a large dataset are plain: an id, two ends, known kind, domain and
        confidence, a weight in (0, 1], dates in order, evidence and a list of sources. The field
        readers take 25 µs a record (1.2 s for 50,000 relations), this about half. Anything else (a
        missing or odd value, both ``between`` and ``from``, attributes) returns None without
        recording anything, and :meth:`_relation` reads it and reports. Both give the same relation
        and queue the same references (``tests/test_loading.py``, "one-step reader").
        """
        get = m.get
        rid, between, kind, domain = get("id"), get("between"), get("kind"), get("domain")
        weight, evidence, sources = get("weight"), get("evidence"), get("sources")
        confidence, tags = get("confidence"), get("tags", ())
        if confidence is None:  # left out or left empty: the default, as the field reader takes it
            confidence = "medium"
        if not (m.keys() <= _USUAL_RELATION_KEYS and type(rid) is str and ID_PATTERN.match(rid)
                and kind in RELATION_KINDS
                and domain in DOMAINS and confidence in CONFIDENCE and type(evidence) is str and evidence.strip()
                and type(weight) in (int, float) and MIN_WEIGHT <= weight <= 1
                and type(sources) is YSeq and sources and all(type(s) is str for s in sources)
                and (tags == () or type(tags) is YSeq and all(type(t) is str for t in tags))):
            return None
        if between is not None:
            if type(between) is not YSeq or len(between) != 2 or "from" in m or "to" in m:
                return None
            (a, b), (at_a, at_b), directed = between, between.item_pos, False
        elif "between" not in m:
            a, b, directed = get("from"), get("to"), True
            at_a, at_b = m.value_pos.get("from"), m.value_pos.get("to")
        else:
            return None
        if type(a) is not str or type(b) is not str:
            return None
        a, b = a.strip(), b.strip()
        if not a or not b or a == b:
            return None
        try:
            since, until = self._usual_date(m, "since"), self._usual_date(m, "until")
        except ValueError:
            return None
        if since and until and until.start <= since.start:
            return None
        ctx = f"relation {rid}"
        path, refs = self.path, self.actor_refs
        refs.append((a, path, at_a, ctx))
        refs.append((b, path, at_b, ctx))
        self.source_refs.extend([(s, path, p, ctx) for s, p in zip(sources, sources.item_pos)])
        return Relation(rid, a, b, directed, kind, domain, float(weight), since, until, confidence,
                        evidence.strip(), tuple(sources), _NO_ATTRIBUTES, tuple(t.strip() for t in tags),
                        Location(path, pos[0], pos[1]))

    @staticmethod
    def _usual_date(m: YMap, key: str) -> PartialDate | None:
        """:meth:`date` of a date written as YAML reads it plainly; ValueError for any other."""
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, (bool, dict, list)):
            raise ValueError("not a date")
        raw = m.raw.get(key)
        return _parse_date(raw if raw is not None and not isinstance(value, _dt.date) else value)

    def _relation(self, m: YMap, pos: tuple[int, int]) -> Relation | None:
        rid = self.ident(m, "id", "relation", required=False)
        ends: tuple[str, str] | None = None
        directed = False
        label = rid
        pending: list[tuple[str, tuple[int, int]]] = []
        if "between" in m and ("from" in m or "to" in m):
            self.add(m.key_pos["between"], "endpoints", f"relation {rid or 'at line ' + str(pos[0])}: "
                     "uses both between and from/to", "write between: [A, B] for a mutual relation, "
                     "or from: A and to: B for a directed one")
        elif "between" in m:
            value = m["between"]
            if isinstance(value, YSeq) and len(value) == 2 and all(isinstance(v, str) for v in value):
                ends = (value[0].strip(), value[1].strip())
                pending.extend(zip(ends, value.item_pos))
            elif isinstance(value, YSeq) and len(value) == 2:
                for item, p, raw_item in zip(value, value.item_pos, value.raw):
                    if not isinstance(item, str):
                        self.add(p, "not-text", f"relation {rid or 'at line ' + str(pos[0])}: between holds "
                                 f"{raw_item}, which was read as {_type_name(item)}, not an id",
                                 f"quote it: '{raw_item}'")
            else:
                self.add(m.value_pos["between"], "endpoints",
                         f"relation {rid or 'at line ' + str(pos[0])}: between must list exactly two actor ids",
                         "write between: [AZE, IRN]")
        elif "from" in m or "to" in m:
            a = self.text(m, "from", f"relation {rid or 'at line ' + str(pos[0])}")
            b = self.text(m, "to", f"relation {rid or 'at line ' + str(pos[0])}")
            if a and b:
                ends, directed = (a, b), True
                pending.extend([(a, m.value_pos["from"]), (b, m.value_pos["to"])])
        else:
            self.add(pos, "missing-key", f"relation {rid or 'at line ' + str(pos[0])}: "
                     "names no actors", "add between: [A, B] or from: A and to: B")
        if label is None and ends:
            label = f"{ends[0]}–{ends[1]}"
        ctx = f"relation {label or 'at line ' + str(pos[0])}"
        for end, end_pos in pending:
            self.actor_refs.append((end, self.path, end_pos, ctx))
        self.unknown_keys(m, _RELATION_KEYS, ctx)
        kind = self.choice(m, "kind", ctx, RELATION_KINDS)
        domain = self.choice(m, "domain", ctx, DOMAINS)
        weight = self.weight(m, ctx)
        since = self.date(m, "since", ctx)
        until = self.date(m, "until", ctx)
        confidence = self.choice(m, "confidence", ctx, CONFIDENCE, required=False, default="medium")
        evidence = self.text(m, "evidence", ctx)
        sources = self.id_list(m, "sources", ctx, True, self.source_refs)
        attrs = self.attributes(m, ctx)
        tags = self.text_list(m, "tags", ctx)
        if ends and ends[0] == ends[1]:
            where = m.value_pos.get("between") or m.value_pos.get("to") or pos
            self.add(where, "self-relation", f"{ctx}: relates {ends[0]} to itself",
                     "a relation links two different actors")
            ends = None
        if since and until and until.start <= since.start:
            self.add(m.value_pos["until"], "until-before-since",
                     f"{ctx}: until {until} is not after since {since}",
                     "until is exclusive: the relation holds from since up to the day before until")
            until = None
        if None in (ends, kind, domain, weight, evidence, confidence) or not sources:
            return None
        return Relation(rid or "", ends[0], ends[1], directed, kind, domain, weight, since, until,
                        confidence, evidence, sources, attrs, tags, self.loc(pos))

    def event(self, m: YMap, pos: tuple[int, int]) -> Event | None:
        eid = self.ident(m, "id", "event", required=False)
        title = self.text(m, "title", f"event {eid or 'at line ' + str(pos[0])}")
        ctx = f"event {eid or repr(title) if (eid or title) else 'at line ' + str(pos[0])}"
        self.unknown_keys(m, _EVENT_KEYS, ctx)
        date = self.date(m, "date", ctx, required=True)
        actors = self.id_list(m, "actors", ctx, True, self.actor_refs)
        kind = self.choice(m, "kind", ctx, EVENT_KINDS)
        description = self.text(m, "description", ctx, required=False) or ""
        places = self.text_list(m, "places", ctx)
        attrs = self.attributes(m, ctx)
        sources = self.id_list(m, "sources", ctx, True, self.source_refs)
        if None in (title, date, kind) or not actors or not sources:
            return None
        return Event(eid or "", date, actors, title, kind, description, places, attrs, sources, self.loc(pos))


# --------------------------------------------------------------------------------------------
# merging and cross-checks


def _assemble(raw: _Raw, shown: str, problems: list[Problem]) -> Dataset:
    sources = _unique(raw.sources, "source", problems)
    actors = _unique(raw.actors, "actor", problems)
    # relations and events keep file order; only their ids' uniqueness is checked here
    _unique([r for r, _ in raw.relations if r.id], "relation", problems)
    _unique([e for e, _ in raw.events if e.id], "event", problems)
    actor_ids = {a.id for a in actors.values()} | raw.declared
    names = {a.name.lower(): a.id for a in actors.values()}
    for refs, known, what, aliases in (
        (raw.actor_refs, actor_ids, "actor", names),
        (raw.source_refs, set(sources), "source", None),
    ):
        for value, path, (line, col), ctx in refs:
            if value not in known:
                guess = _did_you_mean(value, sorted(known), aliases)
                hint = guess or ("define it under sources" if what == "source" else "add it to the actors")
                problems.append(Problem(path, line, col, f"unknown-{what}",
                                        f"{ctx}: unknown {what} '{value}'", hint))
    relations_out = tuple(_with_ids([r for r, _ in raw.relations], _relation_id))
    events_out = tuple(sorted(_with_ids([e for e, _ in raw.events], _event_id),
                              key=lambda e: (e.date.start, e.id)))
    return Dataset(
        title=raw.title,
        description=raw.description,
        sources=MappingProxyType(dict(sorted(sources.items()))),
        actors=tuple(sorted(actors.values(), key=lambda a: a.id)),
        relations=relations_out,
        events=events_out,
        path=shown,
    )


def _unique(records: list, what: str, problems: list[Problem]) -> dict[str, Any]:
    """Index records by id; a repeated id is an error, except a repeated actor or source whose
    definition agrees (same name and kind; same title, date and publisher), which is merged: dataset
    fragments, such as event-derived relations, restate the actors they use so they validate alone."""
    out: dict[str, Any] = {}
    for rec in records:
        if rec.id in out:
            first = out[rec.id]
            loc = rec.location
            merged = _merge(first, rec, problems) if what in ("actor", "source") else None
            if merged is not None:
                out[rec.id] = merged
                continue
            if what in ("actor", "source") and any(p.code == "conflicting-attribute" and p.line == loc.line
                                                     and p.path == loc.path for p in problems):
                continue
            hint = "ids must be unique across all files of a dataset"
            if what == "actor":
                hint += "; an actor may be restated only with the same name and kind"
            elif what == "source":
                hint += "; a source may be restated only with the same title, date and publisher"
            problems.append(Problem(loc.path, loc.line, loc.col, "duplicate-id",
                                    f"duplicate {what} id '{rec.id}' (first defined at {first.location})", hint))
            continue
        out[rec.id] = rec
    return out


def _merge(first: Any, again: Any, problems: list[Problem]) -> Any | None:
    """The union of two agreeing definitions of one actor or source, or None if they differ."""
    if isinstance(first, Source):
        same = (first.title, first.date, first.author, first.publisher, first.url) == (
            again.title, again.date, again.author, again.publisher, again.url)
        return first if same else None
    if (first.name, first.kind) != (again.name, again.kind):
        return None
    attributes = dict(first.attributes)
    for key, value in again.attributes.items():
        if key in attributes and attributes[key] != value:
            loc = again.location
            problems.append(Problem(loc.path, loc.line, loc.col, "conflicting-attribute",
                                    f"actor {again.id}: attribute '{key}' is {value!r} here but "
                                    f"{attributes[key]!r} at {first.location}",
                                    "a restated actor must agree with its first definition"))
            return None
        attributes[key] = value
    return replace(first, tags=tuple(dict.fromkeys(first.tags + again.tags)),
                   sources=tuple(dict.fromkeys(first.sources + again.sources)),
                   attributes=MappingProxyType(attributes))


def _with_ids(records: list, base_of) -> list:
    """Give each record written without an id a stable one from ``base_of(record)``, with ``-2``,
    ``-3``… appended when that id is taken (relations: ``a-b-kind-domain``; events: date and actors)."""
    taken = {r.id for r in records if r.id}
    out = []
    for rec in records:
        if not rec.id:
            base = base_of(rec)
            new_id, n = base, 2
            while new_id in taken:
                new_id, n = f"{base}-{n}", n + 1
            taken.add(new_id)
            rec = replace(rec, id=new_id)
        out.append(rec)
    return out


def _relation_id(r: Relation) -> str:
    a, b = r.pair
    return f"{a}-{b}-{r.kind}-{r.domain}".lower()


def _event_id(e: Event) -> str:
    return f"{e.date}-" + "-".join(e.actors).lower()

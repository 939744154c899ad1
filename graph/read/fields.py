"""The dataset checker: the field readers of YAML records, each recording a located problem instead of raising.

Each field reader applies the rule of :mod:`graph.rules` and names the field by its record and key
(``relation aze-irn: weight 1.7 is outside (0, 1]``). :mod:`graph.read.dataset` reads datasets with
it and :mod:`graph.read.scenario` scenarios.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from ..dates import PartialDate, parse_date
from ..errors import Problem
from ..model import (
    ACTOR_KINDS,
    CONFIDENCE,
    DOMAINS,
    EVENT_KINDS,
    RELATION_KINDS,
    Actor,
    Event,
    Location,
    Relation,
    Source,
)
from ..rules import (
    ASCII_DIGITS_HINT, DATE_HINT, DEFAULT_CONFIDENCE, ID_PATTERN, JS_RESERVED, UNTIL_HINT, WEIGHT_OUTSIDE, abbreviate,
    bad_date, did_you_mean, id_hint, id_rule, match_choice, not_after, not_one_of, out_of_order, weight_below,
    weight_problem,
)
from .located import LongInteger, YMap, YSeq

__all__ = ["Checker", "Raw", "TOP_KEYS", "SOURCE_KEYS", "ACTOR_KEYS", "RELATION_KEYS", "EVENT_KEYS"]

#: The keys of each part of a dataset file, in the order data/README.md documents them.
TOP_KEYS = ("title", "description", "combine", "sources", "actors", "relations", "events")
SOURCE_KEYS = ("title", "author", "publisher", "date", "url")
ACTOR_KEYS = ("id", "name", "kind", "tags", "attributes", "sources")
RELATION_KEYS = (
    "id", "between", "from", "to", "kind", "domain", "weight", "since", "until",
    "confidence", "evidence", "sources", "attributes", "tags",
)
EVENT_KEYS = ("id", "date", "actors", "title", "kind", "description", "places", "attributes", "sources")
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



@dataclass
class Raw:
    """What the files of one dataset hold so far, before the checks across files."""

    title: str = ""
    description: str = ""
    combine: str | None = None
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


def _plain(value: Any) -> Any:
    """Located YAML values as plain, JSON-ready Python values (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


#: How to mend a weight outside (0, 1], by the rule it breaks (:func:`graph.rules.weight_problem`).
_WEIGHT_HINTS = {
    "negative": "the sign comes from kind: write kind: tension with a positive weight",
    "zero": "a relation of no strength is no relation: leave it out, or use a small weight such as 0.2",
    "above": "1.0 is the strongest (defining); write hostility as kind: tension, not as a larger weight",
}
#: The keys of a relation :meth:`Checker._usual_relation` reads in one step.
_USUALRELATION_KEYS = frozenset(RELATION_KEYS) - {"attributes"}
_NO_ATTRIBUTES: Mapping[str, Any] = MappingProxyType({})


@functools.lru_cache(maxsize=None)
def _key_set(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


#: Dates repeat (a year or a month is written on thousands of relations), and a PartialDate is
#: immutable: each text is parsed once. Typed, so True is never taken for the year 1.
_parse_date = functools.lru_cache(maxsize=65536, typed=True)(parse_date)


_short = abbreviate


def _quote_hint(raw: Any, written: str) -> str:
    """``quote it: <written>``, the value quoted as it should be written; a long value is not
    repeated (its message already shows it abbreviated)."""
    return f"quote it: {written}" if len(str(raw)) <= 40 else "quote it: write it between quotes"


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


class Checker:
    """Field readers for one file; each records a located problem instead of raising."""

    def __init__(self, path: str, problems: list[Problem], raw: Raw):
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
                guess = did_you_mean(str(key), allowed)
                hint = guess or "allowed keys: " + ", ".join(allowed)
                self.add(m.key_pos[key], "unknown-key", f"{ctx}: unknown key '{_short(key)}'", hint)

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
                         f"{ctx}: {key} must be text, but {_short(raw)} was read as {_type_name(value)}",
                         _quote_hint(raw, f"{key}: \"{raw}\""))
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
        found = match_choice(value, choices) if isinstance(value, str) else None
        if found is not None:
            return found
        shown = m.raw.get(key, value)
        guess = did_you_mean(str(shown), choices) if isinstance(shown, str) else ""
        self.add(m.value_pos[key], "bad-choice", f"{ctx}: {key} " + not_one_of(_short(shown), choices), guess)
        return None

    def weight(self, m: YMap, ctx: str) -> float | None:
        if not self.present(m, "weight", ctx, True):
            return None
        value, pos, raw = m["weight"], m.value_pos["weight"], _short(m.raw.get("weight", ""))
        scale = "weight is a strength: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining"
        if isinstance(value, LongInteger):  # the YAML reader has reported it
            return None
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
                self.add(pos, "not-number", f"{ctx}: weight {_short(value)} was read as text, not a number",
                         "write a plain decimal such as 0.5 (YAML 1.1 reads forms like 1e3 and -.5 as text)")
            elif not value.isascii() and any(ch.isdigit() for ch in value):
                self.add(pos, "not-number", f"{ctx}: weight '{_short(value)}' is not a number: its digits are not "
                         "ASCII", ASCII_DIGITS_HINT)
            else:
                self.add(pos, "not-number", f"{ctx}: weight must be a number, got '{_short(value)}'", scale)
            return None
        if not isinstance(value, (int, float)):
            self.add(pos, "not-number", f"{ctx}: weight must be a number, not {_type_name(value)}", scale)
            return None
        if isinstance(value, float) and not math.isfinite(value):  # an int of any size compares exactly
            self.add(pos, "not-number", f"{ctx}: weight {raw} is not a finite number", scale)
            return None
        broken = weight_problem(value)
        if broken == "below":
            self.add(pos, "weight-range", f"{ctx}: weight {raw} {weight_below()}",
                     "a tie this weak is no tie: leave it out, or use a small weight such as 0.2")
            return None
        if broken is not None:
            self.add(pos, "weight-range", f"{ctx}: weight {raw} {WEIGHT_OUTSIDE}", _WEIGHT_HINTS[broken])
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
            self.add(m.value_pos[key], "bad-date", f"{ctx}: {key} " + bad_date(raw if raw is not None else value, exc),
                     DATE_HINT)
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
                self.add(pos, "not-text", f"{ctx}: {key} holds {_short(raw if raw is not None else item)}, "
                         f"which was read as {_type_name(item)}, not an id",
                         _quote_hint(raw, f"'{raw}'"))
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
                    self.add(pos, "bad-id", f"source id '{_short(sid)}' is not a short code (letters, digits, _ . -)",
                             "quote ids that YAML could read as numbers or booleans")
                continue
            if not isinstance(body, YMap):
                self.add(value.value_pos[sid], "not-mapping", f"{ctx}: must be a mapping with title, publisher, date")
                continue
            self.unknown_keys(body, SOURCE_KEYS, ctx)
            title = self.text(body, "title", ctx)
            author = self.text(body, "author", ctx, required=False) or ""
            publisher = self.text(body, "publisher", ctx, required=False) or ""
            if not author and not publisher and "author" not in body and "publisher" not in body:
                self.add(body.pos, "missing-key", f"{ctx}: needs an author or a publisher",
                         "add 'publisher: …' (or 'author: …')")
            date = self.date(body, "date", ctx, required=True)
            url = self.text(body, "url", ctx, required=False) or ""
            if url and not re.match(r"^https?://[^\s<>\"']+$", url):
                self.add(body.value_pos["url"], "bad-url", f"{ctx}: url '{_short(url)}' is not an http(s) address",
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
        self.unknown_keys(m, ACTOR_KEYS, ctx)
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
            confidence = DEFAULT_CONFIDENCE
        if not (m.keys() <= _USUALRELATION_KEYS and type(rid) is str and ID_PATTERN.match(rid)
                and kind in RELATION_KINDS
                and domain in DOMAINS and confidence in CONFIDENCE and type(evidence) is str and evidence.strip()
                and type(weight) in (int, float) and weight_problem(weight) is None
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
        if out_of_order(since, until):
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
                                 f"{_short(raw_item)}, which was read as {_type_name(item)}, not an id",
                                 _quote_hint(raw_item, f"'{raw_item}'"))
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
        self.unknown_keys(m, RELATION_KEYS, ctx)
        kind = self.choice(m, "kind", ctx, RELATION_KINDS)
        domain = self.choice(m, "domain", ctx, DOMAINS)
        weight = self.weight(m, ctx)
        since = self.date(m, "since", ctx)
        until = self.date(m, "until", ctx)
        confidence = self.choice(m, "confidence", ctx, CONFIDENCE, required=False, default=DEFAULT_CONFIDENCE)
        evidence = self.text(m, "evidence", ctx)
        sources = self.id_list(m, "sources", ctx, True, self.source_refs)
        attrs = self.attributes(m, ctx)
        tags = self.text_list(m, "tags", ctx)
        if ends and ends[0] == ends[1]:
            where = m.value_pos.get("between") or m.value_pos.get("to") or pos
            self.add(where, "self-relation", f"{ctx}: relates {ends[0]} to itself",
                     "a relation links two different actors")
            ends = None
        if out_of_order(since, until):
            self.add(m.value_pos["until"], "until-before-since", f"{ctx}: until {not_after(since, until)}", UNTIL_HINT)
            until = None
        if None in (ends, kind, domain, weight, evidence, confidence) or not sources:
            return None
        return Relation(rid or "", ends[0], ends[1], directed, kind, domain, weight, since, until,
                        confidence, evidence, sources, attrs, tags, self.loc(pos))

    def event(self, m: YMap, pos: tuple[int, int]) -> Event | None:
        eid = self.ident(m, "id", "event", required=False)
        title = self.text(m, "title", f"event {eid or 'at line ' + str(pos[0])}")
        ctx = f"event {eid or repr(title) if (eid or title) else 'at line ' + str(pos[0])}"
        self.unknown_keys(m, EVENT_KEYS, ctx)
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

"""Scenarios: YAML overlays that add, remove or change actors and relations of a dataset.

A scenario is a *what if*: "the Zangezur route through Iran opens", "Baku's ties with Israel
cool". It is written as a small YAML file beside a dataset (the format is in ``data/README.md``,
section *Scenarios*), validated like a dataset, with every problem located as ``file:line:col``,
and applied to a dataset to give a new one; the dataset itself is never changed.

>>> from graph import load
>>> sc = Scenario("Israel ties cool", "Tehran presses Baku.", ("seed-2025",),
...               change_relations=(Change("aze-isr-security", {"weight": 0.3}),))
>>> after = apply_scenario(load(), sc)
>>> [r.weight for r in after.relations if r.id == "aze-isr-security"]
[0.3]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from ._yaml import YMap, read_yaml
from .dates import PartialDate
from .errors import DataError, Problem
from .loading import (
    _Checker,
    _did_you_mean,
    _event_id,
    _Raw,
    _relation_id,
    _with_ids,
    read_text,
)
from .model import ACTOR_KINDS, CONFIDENCE, DOMAINS, RELATION_KINDS, Actor, Dataset, Event, Location, Relation, Source

__all__ = [
    "Change",
    "Reference",
    "Scenario",
    "load_scenario",
    "apply_scenario",
    "validate_scenario",
    "TOP_KEYS",
    "HEADER_KEYS",
    "RELATION_CHANGE_KEYS",
    "ACTOR_CHANGE_KEYS",
]

#: The top-level keys of a scenario file.
TOP_KEYS = ("scenario", "sources", "add", "remove", "change")
#: The keys of the ``scenario:`` header.
HEADER_KEYS = ("title", "rationale", "sources", "at")
_ADD_KEYS = ("actors", "relations", "events")
_REMOVE_KEYS = ("relations", "actors")
_CHANGE_KEYS = ("relations", "actors")
#: What a change may set on a relation: everything but its id and its actors.
RELATION_CHANGE_KEYS = ("id", "kind", "domain", "weight", "since", "until", "confidence", "evidence", "sources",
                        "attributes", "tags")
#: What a change may set on an actor: everything but its id.
ACTOR_CHANGE_KEYS = ("id", "name", "kind", "tags", "attributes", "sources")
_ENDPOINT_KEYS = ("between", "from", "to")
_CLEARABLE = ("since", "until")
_HINTS = {
    "scenario": "start the file with 'scenario:' and, under it, title, rationale and sources",
    "rationale": "add rationale: why this future is plausible, in your own words",
    "title": "add title: a short title such as 'The Zangezur route through Iran opens'",
    "sources": "add sources: [id] naming at least one source",
}


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Change:
    """A change to one actor or relation of the dataset: the fields it sets.

    ``fields`` maps a field name to its new value, as the model holds it (``since``/``until`` as
    :class:`~graph.dates.PartialDate`, or ``None`` to remove the bound; ``sources`` and ``tags`` as
    tuples). ``attributes`` is merged into the record's own, key by key; a key set to ``None`` is
    removed. ``positions`` tells where the id and each field were written.

    Examples
    --------
    >>> Change("aze-isr-security", {"weight": 0.3}).fields["weight"]
    0.3
    """

    id: str
    fields: Mapping[str, Any] = field(default_factory=_empty)
    location: Location = field(default=Location(), compare=False)
    positions: Mapping[str, Location] = field(default_factory=_empty, compare=False)


@dataclass(frozen=True)
class Reference:
    """An id a scenario refers to, where it was written, and the record that wrote it.

    ``what`` is ``actor``, ``source``, ``remove-relation``, ``remove-actor``, ``change-relation`` or
    ``change-actor``.

    Examples
    --------
    >>> Reference("actor", "IRN", Location("s.yaml", 4, 12), "relation irn-aze-x").location.line
    4
    """

    what: str
    id: str
    location: Location
    context: str


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: what it adds, removes and changes, and why.

    Build it with :func:`load_scenario`; apply it with :func:`apply_scenario`. Relations added
    without ``since`` hold as written: at every date, like a dataset relation without ``since``.

    Attributes
    ----------
    title, rationale : str
        What the scenario is, and why it is plausible.
    sources : tuple of str
        The source ids the scenario as a whole rests on.
    at : PartialDate or None
        The day the scenario is meant to be read on (``geograph scenario`` uses it without ``--at``).
    new_sources : mapping of id to Source
        Sources the scenario defines, added to the dataset's.
    add_actors, add_relations, add_events : tuple
        Records added, with the same fields as in a dataset.
    remove_relations, remove_actors : tuple of str
        Ids removed; removing an actor removes its relations and takes it out of events.
    change_relations, change_actors : tuple of Change
        Fields set on existing records.
    path : str
        The file, as named by the user.
    references : tuple of Reference
        Every id the file refers to, with its position, for the checks against a dataset.

    Examples
    --------
    >>> sc = Scenario("A", "B", ("seed-2025",), remove_relations=("aze-isr-security",))
    >>> sc.remove_relations
    ('aze-isr-security',)
    """

    title: str
    rationale: str
    sources: tuple[str, ...]
    at: PartialDate | None = None
    new_sources: Mapping[str, Source] = field(default_factory=_empty)
    add_actors: tuple[Actor, ...] = ()
    add_relations: tuple[Relation, ...] = ()
    add_events: tuple[Event, ...] = ()
    remove_relations: tuple[str, ...] = ()
    remove_actors: tuple[str, ...] = ()
    change_relations: tuple[Change, ...] = ()
    change_actors: tuple[Change, ...] = ()
    path: str = ""
    references: tuple[Reference, ...] = field(default=(), compare=False)


# --------------------------------------------------------------------------------------------
# reading


class _ScenarioChecker(_Checker):
    """The dataset checker, with the hints and records of a scenario file."""

    #: where the ``scenario:`` key was written: missing header keys are reported there
    header_pos: tuple[int, int] | None = None

    def present(self, m: YMap, key: str, ctx: str, required: bool) -> bool:
        if required and (key not in m or m[key] is None) and key in _HINTS and ctx in ("the file", "scenario"):
            where = m.key_pos.get(key) or (self.header_pos if ctx == "scenario" else None) or m.pos
            self.add(where, "missing-key", f"{ctx}: missing required key '{key}'", _HINTS[key])
            return False
        return super().present(m, key, ctx, required)

    def section(self, top: YMap, key: str, allowed: tuple[str, ...]) -> YMap | None:
        """A mapping section (``add``, ``remove``, ``change``), or None when absent or malformed."""
        if key not in top or top[key] is None:
            return None
        value = top[key]
        if not isinstance(value, YMap):
            self.add(top.value_pos[key], "not-mapping", f"{key} must be a mapping with the keys " + ", ".join(allowed),
                     f"write '{key}:' then '  {allowed[0]}:' indented under it")
            return None
        self.unknown_keys(value, allowed, key)
        return value

    def nulls(self, m: YMap, ctx: str, clearable: tuple[str, ...]) -> set[str]:
        """Keys written with no value: an error, except for bounds a change may clear."""
        empty = set()
        for key, value in m.items():
            if value is None and key not in clearable and key != "id":
                self.add(m.value_pos[key], "empty", f"{ctx}: {key} is empty",
                         "give a value, or leave the key out to keep the current one")
                empty.add(key)
        return empty

    def change(self, m: YMap, pos: tuple[int, int], what: str) -> Change | None:
        where = f"change of {what} at line {pos[0]}"
        if "id" not in m or m["id"] is None:
            self.add(m.key_pos.get("id", m.pos), "missing-key", f"{where}: missing required key 'id'",
                     f"add id: the id of the {what} to change")
            cid = None
        else:
            cid = self.ident(m, "id", where)
        ctx = f"change of {what} {cid}" if cid else where
        allowed = RELATION_CHANGE_KEYS if what == "relation" else ACTOR_CHANGE_KEYS
        for key in m:
            if what == "relation" and key in _ENDPOINT_KEYS:
                self.add(m.key_pos[key], "unknown-key", f"{ctx}: a change cannot set '{key}': it keeps the "
                         "relation's actors", "remove the relation and add a new one between the other actors")
            elif key not in allowed:
                hint = _did_you_mean(str(key), allowed) or "a change may set: " + ", ".join(allowed[1:])
                self.add(m.key_pos[key], "unknown-key", f"{ctx}: unknown key '{key}'", hint)
        skip = self.nulls(m, ctx, _CLEARABLE if what == "relation" else ())
        fields: dict[str, Any] = {}
        positions = {k: self.loc(m.value_pos[k]) for k in m if k in allowed}
        ok = True

        def put(key: str, value: Any) -> None:
            nonlocal ok
            if value is None:
                ok = False
            else:
                fields[key] = value

        for key in [k for k in allowed if k in m and k != "id" and k not in skip]:
            if key in ("kind", "domain", "confidence"):
                choices = {"domain": DOMAINS, "confidence": CONFIDENCE}.get(
                    key, RELATION_KINDS if what == "relation" else ACTOR_KINDS)
                put(key, self.choice(m, key, ctx, choices))
            elif key == "weight":
                put(key, self.weight(m, ctx))
            elif key in _CLEARABLE:
                if m[key] is None:
                    fields[key] = None
                else:
                    put(key, self.date(m, key, ctx))
            elif key in ("evidence", "name"):
                put(key, self.text(m, key, ctx))
            elif key == "sources":
                before = len(self.problems)
                ids = self.id_list(m, key, ctx, True, self.source_refs)
                put(key, ids if ids and len(self.problems) == before else None)
            elif key == "tags":
                before = len(self.problems)
                tags = self.text_list(m, key, ctx)
                put(key, tags if len(self.problems) == before else None)
            elif key == "attributes":
                before = len(self.problems)
                attrs = self.attributes(m, ctx)
                put(key, attrs if len(self.problems) == before else None)
        since, until = fields.get("since"), fields.get("until")
        if since and until and until.start <= since.start:
            self.add(m.value_pos["until"], "until-before-since", f"{ctx}: until {until} is not after since {since}",
                     "until is exclusive: the relation holds from since up to the day before until")
            ok = False
        if cid and ok and not fields and not skip and len(m) == 1:
            self.add(m.key_pos["id"], "empty", f"{ctx}: changes nothing",
                     "add the fields to change (weight, evidence …), or delete the entry")
            ok = False
        if not cid or not ok:
            return None
        return Change(cid, MappingProxyType(fields), self.loc(pos), MappingProxyType(positions))


def _read_text(file: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file as UTF-8 text, or None with a located problem."""
    if not file.is_file():
        problems.append(Problem(shown, 0, 0, "missing-file", f"no such scenario file: {shown}",
                                "check the path; the shipped scenarios are in data/scenarios/"))
        return None
    return read_text(file, shown, problems, "a scenario")


def _read(path: str | Path) -> tuple[Scenario, set[str], list[Problem]]:
    """The scenario as far as it could be read, the actor ids it declares, and its problems."""
    shown = str(path)
    problems: list[Problem] = []
    empty = Scenario("", "", (), path=shown)
    text = _read_text(Path(path), shown, problems)
    if text is None:
        return empty, set(), problems
    value, found = read_yaml(text, shown)
    problems.extend(found)
    if value is None:
        if not found:
            problems.append(Problem(shown, 0, 0, "empty", "the file holds no YAML data",
                                    "start with 'scenario:' and a title, a rationale and sources"))
        return empty, set(), problems
    if not isinstance(value, YMap):
        problems.append(Problem(shown, 1, 1, "structure", "a scenario file must be a mapping with the keys "
                                + ", ".join(TOP_KEYS), "start the file with 'scenario:'"))
        return empty, set(), problems
    raw = _Raw()
    ck = _ScenarioChecker(shown, problems, raw)
    for key in value:
        if key in ("actors", "relations", "events"):
            ck.add(value.key_pos[key], "unknown-key", f"the file: unknown key '{key}'",
                   f"in a scenario, {key} to add go under 'add:', ids to remove under 'remove:'")
        elif key not in TOP_KEYS:
            ck.add(value.key_pos[key], "unknown-key", f"the file: unknown key '{key}'",
                   _did_you_mean(str(key), TOP_KEYS) or "allowed keys: " + ", ".join(TOP_KEYS))
    refs: list[Reference] = []
    title = rationale = ""
    cited: tuple[str, ...] = ()
    at = None
    if ck.present(value, "scenario", "the file", True):
        header = value["scenario"]
        ck.header_pos = value.key_pos["scenario"]
        if not isinstance(header, YMap):
            ck.add(value.value_pos["scenario"], "not-mapping", "scenario must be a mapping with the keys "
                   + ", ".join(HEADER_KEYS), "write 'scenario:' then '  title: …' indented under it")
        else:
            ck.unknown_keys(header, HEADER_KEYS, "scenario")
            title = ck.text(header, "title", "scenario") or ""
            rationale = ck.text(header, "rationale", "scenario") or ""
            cited = ck.id_list(header, "sources", "scenario", True, raw.source_refs)
            at = ck.date(header, "at", "scenario")
    new_sources = list(ck.mapping_of(value, "sources", "sources")) if "sources" in value else []
    add = ck.section(value, "add", _ADD_KEYS)
    actors, relations, events = [], [], []
    if add is not None:
        for item, pos in ck.list_of(add, "actors"):
            actor = ck.actor(item, pos)
            if actor is not None:
                actors.append(actor)
        for item, pos in ck.list_of(add, "relations"):
            rel = ck.relation(item, pos)
            if rel is not None:
                relations.append(rel)
        for item, pos in ck.list_of(add, "events"):
            ev = ck.event(item, pos)
            if ev is not None:
                events.append(ev)
    removed: dict[str, list[str]] = {"relations": [], "actors": []}
    remove = ck.section(value, "remove", _REMOVE_KEYS)
    if remove is not None:
        for key in _REMOVE_KEYS:
            queued: list[tuple[str, str, tuple[int, int], str]] = []
            ck.id_list(remove, key, "remove", False, queued)
            what = "remove-" + key[:-1]
            seen: dict[str, Location] = {}
            for rid, path, (line, col), ctx in queued:
                loc = Location(path, line, col)
                if rid in seen:
                    twice = f"remove: {key[:-1]} '{rid}' is listed twice (first at line {seen[rid].line})"
                    problems.append(Problem(shown, loc.line, loc.col, "scenario-conflict", twice, "list each id once"))
                    continue
                seen[rid] = loc
                removed[key].append(rid)
                refs.append(Reference(what, rid, loc, ctx))
    changes: dict[str, list[Change]] = {"relations": [], "actors": []}
    change = ck.section(value, "change", _CHANGE_KEYS)
    if change is not None:
        for key in _CHANGE_KEYS:
            what = key[:-1]
            first: dict[str, Change] = {}
            for item, pos in ck.list_of(change, key):
                ch = ck.change(item, pos, what)
                if ch is None:
                    continue
                where = ch.positions["id"]
                if ch.id in first:
                    problems.append(Problem(shown, where.line, where.col, "scenario-conflict",
                                            f"change of {what} {ch.id}: changed twice (first at line "
                                            f"{first[ch.id].location.line})", "merge the two entries into one"))
                    continue
                if ch.id in removed[key]:
                    line = next(r.location.line for r in refs if r.what == "remove-" + what and r.id == ch.id)
                    problems.append(Problem(shown, where.line, where.col, "scenario-conflict",
                                            f"change of {what} {ch.id}: the scenario also removes it (line {line})",
                                            "either change it or remove it"))
                    continue
                first[ch.id] = ch
                changes[key].append(ch)
                refs.append(Reference("change-" + what, ch.id, where, f"change of {what} {ch.id}"))
    _unique_in_file(shown, [("source", s) for s in new_sources] + [("actor", a) for a in actors]
                    + [("relation", r) for r in relations if r.id] + [("event", e) for e in events if e.id], problems)
    refs += [Reference("actor", v, Location(path, *pos), ctx) for v, path, pos, ctx in raw.actor_refs]
    refs += [Reference("source", v, Location(path, *pos), ctx) for v, path, pos, ctx in raw.source_refs]
    scenario = Scenario(
        title=title,
        rationale=rationale,
        sources=cited,
        at=at,
        new_sources=MappingProxyType({s.id: s for s in new_sources}),
        add_actors=tuple(actors),
        add_relations=tuple(relations),
        add_events=tuple(events),
        remove_relations=tuple(removed["relations"]),
        remove_actors=tuple(removed["actors"]),
        change_relations=tuple(changes["relations"]),
        change_actors=tuple(changes["actors"]),
        path=shown,
        references=tuple(refs),
    )
    return scenario, set(raw.declared), problems


def _unique_in_file(shown: str, records: list[tuple[str, Any]], problems: list[Problem]) -> None:
    first: dict[tuple[str, str], Location] = {}
    for what, rec in records:
        key = (what, rec.id)
        if key in first:
            loc = rec.location
            problems.append(Problem(shown, loc.line, loc.col, "duplicate-id",
                                    f"duplicate {what} id '{rec.id}' (first defined at {first[key]})",
                                    "ids must be unique within a scenario"))
            continue
        first[key] = rec.location


def load_scenario(path: str | Path, dataset: Dataset | None = None) -> Scenario:
    """Read and validate a scenario file; raise :class:`~graph.errors.DataError` listing every problem.

    Parameters
    ----------
    path : str or Path
        A scenario YAML file (see ``data/README.md``, *Scenarios*).
    dataset : Dataset, optional
        When given, the scenario is also checked against it (ids it removes, changes and refers
        to), so every problem is reported in one pass; :func:`apply_scenario` checks the same.

    Returns
    -------
    Scenario

    Raises
    ------
    DataError
        With every problem, each located in the scenario file as ``file:line:col``.

    Examples
    --------
    >>> from graph.loading import bundled_path
    >>> sc = load_scenario(bundled_path().parent / "scenarios" / "israel_ties_cool.yaml")
    >>> sc.sources, [c.id for c in sc.change_relations][:1]
    (('seed-2025',), ['aze-isr-security'])
    """
    scenario, declared, problems = _read(path)
    if dataset is not None:
        problems += _apply(dataset, scenario, declared)[1]
    if problems:
        raise DataError(problems)
    return scenario


def validate_scenario(path: str | Path, dataset: Dataset | None = None) -> list[Problem]:
    """Every problem in a scenario file (and, with ``dataset``, against that dataset), sorted.

    Examples
    --------
    >>> from graph import load
    >>> from graph.loading import bundled_path
    >>> validate_scenario(bundled_path().parent / "scenarios" / "israel_ties_cool.yaml", load())
    []
    """
    scenario, declared, problems = _read(path)
    if dataset is not None:
        problems += _apply(dataset, scenario, declared)[1]
    return sorted(problems)


# --------------------------------------------------------------------------------------------
# applying


def _references(scenario: Scenario) -> list[Reference]:
    """The ids a scenario refers to: as read from its file, or derived from a scenario built in code."""
    if scenario.references:
        return list(scenario.references)
    refs = [Reference("source", s, Location(scenario.path), "scenario") for s in scenario.sources]
    refs += [Reference("remove-relation", r, Location(scenario.path), "remove") for r in scenario.remove_relations]
    refs += [Reference("remove-actor", a, Location(scenario.path), "remove") for a in scenario.remove_actors]
    for what, changes in (("relation", scenario.change_relations), ("actor", scenario.change_actors)):
        for c in changes:
            ctx = f"change of {what} {c.id}"
            refs.append(Reference("change-" + what, c.id, c.location, ctx))
            refs += [Reference("source", s, c.location, ctx) for s in c.fields.get("sources", ())]
    for a in scenario.add_actors:
        refs += [Reference("source", s, a.location, f"actor {a.id}") for s in a.sources]
    for r in scenario.add_relations:
        ctx = f"relation {r.id or r.source + '–' + r.target}"
        refs += [Reference("actor", x, r.location, ctx) for x in (r.source, r.target)]
        refs += [Reference("source", s, r.location, ctx) for s in r.sources]
    for e in scenario.add_events:
        ctx = f"event {e.id or repr(e.title)}"
        refs += [Reference("actor", x, e.location, ctx) for x in e.actors]
        refs += [Reference("source", s, e.location, ctx) for s in e.sources]
    return refs


def _problem(loc: Location, fallback: str, code: str, message: str, hint: str = "") -> Problem:
    return Problem(loc.path or fallback, loc.line, loc.col, code, message, hint)


def _changed(record: Any, change: Change) -> Any:
    fields = dict(change.fields)
    if "attributes" in fields:
        merged = dict(record.attributes)
        for key, value in fields["attributes"].items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        fields["attributes"] = MappingProxyType(merged)
    for key in ("sources", "tags"):
        if key in fields:
            fields[key] = tuple(fields[key])
    return replace(record, **fields)


def _apply(dataset: Dataset, scenario: Scenario, declared: Iterable[str] = ()) -> tuple[Dataset, list[Problem]]:
    problems: list[Problem] = []
    path = scenario.path or "scenario"
    refs = _references(scenario)
    relations = {r.id: r for r in dataset.relations}
    actors = {a.id: a for a in dataset.actors}
    removed_actor_at = {r.id: r.location for r in refs if r.what == "remove-actor"}
    removed_relation_ids = set(scenario.remove_relations)
    for ref in refs:
        if ref.what in ("remove-relation", "change-relation") and ref.id not in relations:
            guess = _did_you_mean(ref.id, sorted(relations))
            problems.append(_problem(ref.location, path, "unknown-relation",
                                     f"{ref.context.split(' of ')[0]}: unknown relation '{ref.id}'",
                                     guess or "relation ids are listed by 'geograph explain A B'"))
        elif ref.what in ("remove-actor", "change-actor") and ref.id not in actors:
            guess = _did_you_mean(ref.id, sorted(actors), {a.name.lower(): a.id for a in actors.values()})
            problems.append(_problem(ref.location, path, "unknown-actor",
                                     f"{ref.context.split(' of ')[0]}: unknown actor '{ref.id}'",
                                     guess or "the actors are listed by 'geograph centrality'"))
    gone = set(scenario.remove_actors) & set(actors)
    dropped = {r.id for r in dataset.relations if r.source in gone or r.target in gone}
    changes = {c.id: c for c in scenario.change_relations}
    for c in scenario.change_relations:
        rel = relations.get(c.id)
        if rel is None:
            continue
        if c.id in dropped and c.id not in removed_relation_ids:
            actor = rel.source if rel.source in gone else rel.target
            where = c.positions.get("id", c.location)
            problems.append(_problem(where, path, "scenario-conflict",
                                     f"change of relation {c.id}: its actor {actor} is removed by this scenario "
                                     f"(line {removed_actor_at[actor].line})",
                                     "removing an actor removes its relations; drop the change or keep the actor"))
            continue
        new = _changed(rel, c)
        if new.since and new.until and new.until.start <= new.since.start:
            key = "until" if "until" in c.fields else "since"
            where = c.positions.get(key, c.location)
            problems.append(_problem(where, path, "until-before-since",
                                     f"change of relation {c.id}: until {new.until} is not after since {new.since}",
                                     "until is exclusive: the relation holds from since up to the day before until"))
    kept_relations = [r for r in dataset.relations if r.id not in removed_relation_ids and r.id not in dropped]
    out_relations = [(_changed(r, changes[r.id]) if r.id in changes else r) for r in kept_relations]
    actor_changes = {c.id: c for c in scenario.change_actors}
    out_actors = {a.id: (_changed(a, actor_changes[a.id]) if a.id in actor_changes else a)
                  for a in dataset.actors if a.id not in gone}
    sources = dict(dataset.sources)
    taken_relations = {r.id: r for r in out_relations}
    taken_events = {e.id: e for e in dataset.events}
    for what, records, taken in (
        ("source", scenario.new_sources.values(), sources),
        ("actor", scenario.add_actors, out_actors),
        ("relation", [r for r in scenario.add_relations if r.id], taken_relations),
        ("event", [e for e in scenario.add_events if e.id], taken_events),
    ):
        existing = set(taken)  # ids twice within the scenario are the file check's to report
        for rec in records:
            if rec.id in existing:
                first = taken[rec.id].location
                fix = {"actor": "change it under change: actors, or remove it first",
                       "relation": "change it under change: relations, remove it first, or choose another id"}
                problems.append(_problem(rec.location, path, "duplicate-id",
                                         f"add: {what} id '{rec.id}' already exists in the dataset"
                                         + (f" ({first})" if first.line else ""),
                                         fix.get(what, "choose another id")))
                continue
            taken[rec.id] = rec
    known_actors = set(out_actors) | set(declared)
    names = {a.name.lower(): a.id for a in out_actors.values()}
    for ref in refs:
        if ref.what == "actor" and ref.id not in known_actors:
            if ref.id in removed_actor_at:
                hint = f"this scenario removes {ref.id} (line {removed_actor_at[ref.id].line})"
            else:
                hint = _did_you_mean(ref.id, sorted(known_actors), names) or "add it under add: actors"
            problems.append(_problem(ref.location, path, "unknown-actor", f"{ref.context}: unknown actor '{ref.id}'",
                                     hint))
        elif ref.what == "source" and ref.id not in sources:
            guess = _did_you_mean(ref.id, sorted(sources))
            problems.append(_problem(ref.location, path, "unknown-source", f"{ref.context}: unknown source '{ref.id}'",
                                     guess or "define it under sources"))
    added = _with_ids(out_relations + list(scenario.add_relations), _relation_id)[len(out_relations):]
    events = []
    for e in dataset.events:
        if gone & set(e.actors):
            left = tuple(a for a in e.actors if a not in gone)
            if not left:
                continue
            e = replace(e, actors=left)
        events.append(e)
    new_events = _with_ids(events + list(scenario.add_events), _event_id)[len(events):]
    title = f"{dataset.title} (scenario: {scenario.title})" if dataset.title else f"Scenario: {scenario.title}"
    result = replace(
        dataset,
        title=title,
        sources=MappingProxyType(dict(sorted(sources.items()))),
        actors=tuple(sorted(out_actors.values(), key=lambda a: a.id)),
        relations=tuple(out_relations) + tuple(added),
        events=tuple(sorted(events + list(new_events), key=lambda e: (e.date.start, e.id))),
    )
    if dataset.at is not None:
        result = result.snapshot(dataset.at)
    return result, problems


def apply_scenario(dataset: Dataset, scenario: Scenario) -> Dataset:
    """The dataset as the scenario imagines it: a new :class:`~graph.model.Dataset`.

    Removals come first (removing an actor removes its relations and takes it out of events;
    events left with no actor are dropped), then changes, then additions. An id may be removed and
    added again: the added record replaces the old one. The dataset is not changed.

    Parameters
    ----------
    dataset : Dataset
        The baseline. When it is a snapshot (``dataset.at`` set), so is the result.
    scenario : Scenario
        From :func:`load_scenario`, or built in code.

    Returns
    -------
    Dataset
        Its title names the scenario; relations keep the dataset's order, changed in place, with the
        added ones last.

    Raises
    ------
    DataError
        When the scenario removes or changes an id the dataset does not have (with a did-you-mean),
        adds an id the dataset already has, or refers to an unknown actor or source; every problem
        is located in the scenario file.

    Examples
    --------
    >>> from graph.model import Actor
    >>> from graph.dates import parse_date
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state"), Actor("C", "C", "state")),
    ...              relations=(Relation("ab", "A", "B", False, "alignment", "economic", 0.5, sources=("s",)),
    ...                         Relation("bc", "B", "C", False, "tension", "security", 0.5, sources=("s",))),
    ...              sources={"s": Source("s", "S", "2025", publisher="p")})
    >>> after = apply_scenario(ds, Scenario("No C", "", ("s",), remove_actors=("C",)))
    >>> [r.id for r in after.relations], after.actor_ids, [r.id for r in ds.relations]
    (['ab'], ('A', 'B'), ['ab', 'bc'])
    >>> apply_scenario(ds, Scenario("x", "", ("s",), remove_relations=("a-b",)))
    Traceback (most recent call last):
    ...
    graph.errors.DataError: scenario: remove: unknown relation 'a-b'. Hint: did you mean 'ab'?
    """
    result, problems = _apply(dataset, scenario)
    if problems:
        raise DataError(problems)
    return result

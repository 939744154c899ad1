"""Reading scenario files: YAML overlays that add, remove or change actors and relations of a dataset.

A scenario file (``data/README.md``, section *Scenarios*) is read and checked like a dataset, with
the field readers of :mod:`graph.read.fields`, every problem located as ``file:line:col``. The
records it holds are the :class:`Scenario` value; :mod:`graph.scenario` checks it against a
dataset and applies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..dates import PartialDate
from ..errors import Problem
from ..model import ACTOR_KINDS, CONFIDENCE, DOMAINS, RELATION_KINDS, Actor, Event, Location, Relation, Source
from ..rules import ID_PATTERN, UNTIL_HINT, did_you_mean, not_after, out_of_order
from .dataset import Unbuilt, keep_id
from .fields import Checker, Raw
from .files import input_path, is_stdin, missing, read_text, shown_name
from .located import YMap
from .yaml_reader import read_yaml_value

__all__ = [
    "Change",
    "Reference",
    "Scenario",
    "read_scenario",
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

    ``what`` is ``actor``, ``source``, ``remove-relation``, ``remove-actor``, ``change-relation``,
    ``change-actor``, or ``add-actor`` / ``add-relation`` / ``add-event`` for an added record that
    broke a rule (so was not built) but whose id is still checked against the dataset's.

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


class _ScenarioChecker(Checker):
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
                hint = did_you_mean(str(key), allowed) or "a change may set: " + ", ".join(allowed[1:])
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
        if out_of_order(since, until):
            self.add(m.value_pos["until"], "until-before-since", f"{ctx}: until {not_after(since, until)}", UNTIL_HINT)
            ok = False
        if cid and ok and not fields and not skip and len(m) == 1:
            self.add(m.key_pos["id"], "empty", f"{ctx}: changes nothing",
                     "add the fields to change (weight, evidence …), or delete the entry")
            ok = False
        if not cid or not ok:
            return None
        return Change(cid, MappingProxyType(fields), self.loc(pos), MappingProxyType(positions))


def _read_text(file: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file as UTF-8 text, read once (``-`` is standard input), or None with a located problem."""
    if missing(file):
        problems.append(Problem(shown, 0, 0, "missing-file", f"no such scenario file: {shown}",
                                "check the path; the shipped scenarios are in data/scenarios/"))
        return None
    if not is_stdin(file) and file.is_dir():
        problems.append(Problem(shown, 0, 0, "unreadable", f"{shown} is a folder, not a scenario file",
                                "give the scenario's YAML file; the shipped ones are in data/scenarios/"))
        return None
    return read_text(file, shown, problems, "a scenario")


def read_scenario(path: str | Path) -> tuple[Scenario, set[str], list[Problem]]:
    """The scenario as far as it could be read, the actor ids it declares, and its problems.

    The problems are those of the file alone; :func:`graph.scenario.validate_scenario` adds the
    checks against a dataset.

    Examples
    --------
    >>> from graph.read.dataset import bundled_path
    >>> scenario, declared, problems = read_scenario(bundled_path().parent / "scenarios" / "israel_ties_cool.yaml")
    >>> scenario.sources, problems
    (('seed-2025',), [])
    """
    shown = shown_name(path)
    problems: list[Problem] = []
    empty = Scenario("", "", (), path=shown)
    text = _read_text(input_path(path), shown, problems)
    if text is None:
        return empty, set(), problems
    value = read_yaml_value(text, shown, problems, "start with 'scenario:' and a title, a rationale and sources")
    if value is None:
        return empty, set(), problems
    if not isinstance(value, YMap):
        problems.append(Problem(shown, 1, 1, "structure", "a scenario file must be a mapping with the keys "
                                + ", ".join(TOP_KEYS), "start the file with 'scenario:'"))
        return empty, set(), problems
    raw = Raw()
    ck = _ScenarioChecker(shown, problems, raw)
    for key in value:
        if key in ("actors", "relations", "events"):
            ck.add(value.key_pos[key], "unknown-key", f"the file: unknown key '{key}'",
                   f"in a scenario, {key} to add go under 'add:', ids to remove under 'remove:'")
        elif key not in TOP_KEYS:
            ck.add(value.key_pos[key], "unknown-key", f"the file: unknown key '{key}'",
                   did_you_mean(str(key), TOP_KEYS) or "allowed keys: " + ", ".join(TOP_KEYS))
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
    # records that broke a rule are not built, but their ids are checked all the same (unique in
    # the file, new to the dataset), so every problem is in the first report
    unbuilt: list[Unbuilt] = []
    if add is not None:
        for item, pos in ck.list_of(add, "actors"):
            actor = ck.actor(item, pos)
            if actor is not None:
                actors.append(actor)
            else:
                keep_id(unbuilt, "actor", item, ck.loc(pos))
        for item, pos in ck.list_of(add, "relations"):
            rel = ck.relation(item, pos)
            if rel is not None:
                relations.append(rel)
            else:
                keep_id(unbuilt, "relation", item, ck.loc(pos))
        for item, pos in ck.list_of(add, "events"):
            ev = ck.event(item, pos)
            if ev is not None:
                events.append(ev)
            else:
                keep_id(unbuilt, "event", item, ck.loc(pos))
    refs += [Reference("add-" + u.what, u.id, u.location, f"add: {u.what} {u.id}") for u in unbuilt]
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
            first: dict[str, int] = {}  # id → line of its first change
            for item, pos in ck.list_of(change, key):
                ch = ck.change(item, pos, what)
                # a change that broke a rule is not built, but its id is checked all the same:
                # against the rest of the file here, against the dataset by its reference
                raw_id = item.get("id")
                cid = ch.id if ch is not None else (raw_id.strip() if isinstance(raw_id, str) else "")
                if not ID_PATTERN.match(cid):
                    continue
                where = ch.positions["id"] if ch is not None else ck.loc(item.value_pos["id"])
                if cid in first:
                    problems.append(Problem(shown, where.line, where.col, "scenario-conflict",
                                            f"change of {what} {cid}: changed twice (first at line "
                                            f"{first[cid]})", "merge the two entries into one"))
                    continue
                if cid in removed[key]:
                    line = next(r.location.line for r in refs if r.what == "remove-" + what and r.id == cid)
                    problems.append(Problem(shown, where.line, where.col, "scenario-conflict",
                                            f"change of {what} {cid}: the scenario also removes it (line {line})",
                                            "either change it or remove it"))
                    continue
                first[cid] = pos[0]
                refs.append(Reference("change-" + what, cid, where, f"change of {what} {cid}"))
                if ch is not None:
                    changes[key].append(ch)
    added = [("actor", a) for a in actors] + [("relation", r) for r in relations if r.id]
    added += [("event", e) for e in events if e.id] + [(u.what, u) for u in unbuilt]
    added.sort(key=lambda pair: (pair[1].location.line, pair[1].location.col))
    _unique_in_file(shown, [("source", s) for s in new_sources] + added, problems)
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

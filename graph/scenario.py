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

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable

from .errors import DataError, OptionError, Problem
from .model import Dataset, Location, Relation, Source  # noqa: F401  (Relation, Source: for the doctests)
from .read.dataset import check, event_id, load, relation_id, with_ids
from .read.files import same_stream
from .read.scenario import (
    ACTOR_CHANGE_KEYS,
    HEADER_KEYS,
    RELATION_CHANGE_KEYS,
    TOP_KEYS,
    Change,
    Reference,
    Scenario,
    read_scenario,
)
from .rules import UNTIL_HINT, did_you_mean, not_after, out_of_order

__all__ = [
    "load_with_scenario",
    "load_dataset_and_scenario",
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
    >>> from graph.read.dataset import bundled_path
    >>> sc = load_scenario(bundled_path().parent / "scenarios" / "israel_ties_cool.yaml")
    >>> sc.sources, [c.id for c in sc.change_relations][:1]
    (('seed-2025',), ['aze-isr-security'])
    """
    scenario, declared, problems = read_scenario(path)
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
    >>> from graph.read.dataset import bundled_path
    >>> validate_scenario(bundled_path().parent / "scenarios" / "israel_ties_cool.yaml", load())
    []
    """
    scenario, declared, problems = read_scenario(path)
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
    removedrelation_ids = set(scenario.remove_relations)
    # the candidates of did-you-mean, made once: 10,000 unknown ids must not sort 10,000 times
    relation_ids, actor_ids = sorted(relations), sorted(actors)
    actor_names = {a.name.lower(): a.id for a in actors.values()}
    for ref in refs:
        if ref.what in ("remove-relation", "change-relation") and ref.id not in relations:
            guess = did_you_mean(ref.id, relation_ids)
            problems.append(_problem(ref.location, path, "unknown-relation",
                                     f"{ref.context.split(' of ')[0]}: unknown relation '{ref.id}'",
                                     guess or "relation ids are listed by 'geograph explain A B'"))
        elif ref.what in ("remove-actor", "change-actor") and ref.id not in actors:
            guess = did_you_mean(ref.id, actor_ids, actor_names)
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
        if c.id in dropped and c.id not in removedrelation_ids:
            actor = rel.source if rel.source in gone else rel.target
            where = c.positions.get("id", c.location)
            problems.append(_problem(where, path, "scenario-conflict",
                                     f"change of relation {c.id}: its actor {actor} is removed by this scenario "
                                     f"(line {removed_actor_at[actor].line})",
                                     "removing an actor removes its relations; drop the change or keep the actor"))
            continue
        new = _changed(rel, c)
        if out_of_order(new.since, new.until):
            key = "until" if "until" in c.fields else "since"
            where = c.positions.get(key, c.location)
            problems.append(_problem(where, path, "until-before-since",
                                     f"change of relation {c.id}: until {not_after(new.since, new.until)}", UNTIL_HINT))
    kept_relations = [r for r in dataset.relations if r.id not in removedrelation_ids and r.id not in dropped]
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
        for ref in refs:  # an added record that broke a rule: its id must be new all the same
            if ref.what == "add-" + what and ref.id in existing:
                problems.append(_problem(ref.location, path, "duplicate-id",
                                         f"add: {what} id '{ref.id}' already exists in the dataset",
                                         "choose another id, or change the existing one under change:"))
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
    known_ids, source_ids = sorted(known_actors), sorted(sources)
    for ref in refs:
        if ref.what == "actor" and ref.id not in known_actors:
            if ref.id in removed_actor_at:
                hint = f"this scenario removes {ref.id} (line {removed_actor_at[ref.id].line})"
            else:
                hint = did_you_mean(ref.id, known_ids, names) or "add it under add: actors"
            problems.append(_problem(ref.location, path, "unknown-actor", f"{ref.context}: unknown actor '{ref.id}'",
                                     hint))
        elif ref.what == "source" and ref.id not in sources:
            guess = did_you_mean(ref.id, source_ids)
            problems.append(_problem(ref.location, path, "unknown-source", f"{ref.context}: unknown source '{ref.id}'",
                                     guess or "define it under sources"))
    added = with_ids(out_relations + list(scenario.add_relations), relation_id)[len(out_relations):]
    events = []
    for e in dataset.events:
        if gone & set(e.actors):
            left = tuple(a for a in e.actors if a not in gone)
            if not left:
                continue
            e = replace(e, actors=left)
        events.append(e)
    new_events = with_ids(events + list(scenario.add_events), event_id)[len(events):]
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


def load_with_scenario(path: str | Path | None = None, scenario: str | Path | None = None) -> Dataset:
    """A dataset read from `path` (default: the bundled one), with the scenario file applied when one is given.

    Either may be ``-`` (standard input), not both. The problems of both files are reported
    together (:func:`load_dataset_and_scenario`).

    Examples
    --------
    >>> import graph
    >>> load_with_scenario().summary() == graph.load().summary()
    True
    """
    if not scenario:
        return load(path)
    dataset, sc = load_dataset_and_scenario(path, scenario)
    return apply_scenario(dataset, sc)


def load_dataset_and_scenario(path: str | Path | None, scenario: str | Path) -> tuple[Dataset, Scenario]:
    """A dataset and a scenario checked against it, each file read once; every problem of both at once.

    Parameters
    ----------
    path : str or Path or None
        The dataset (see :func:`graph.load`); None for the bundled one.
    scenario : str or Path
        The scenario file. ``-`` reads standard input, as ``path`` may: not both.

    Returns
    -------
    (Dataset, Scenario)

    Raises
    ------
    OptionError
        When both would read standard input (or one pipe): the second would find it empty.
    DataError
        With the problems of the dataset and of the scenario together: when the dataset is
        invalid, the scenario's own problems (those it has without the dataset) come with them.

    Examples
    --------
    >>> from graph.read.dataset import bundled_path
    >>> ds, sc = load_dataset_and_scenario(None, bundled_path().parent / "scenarios" / "israel_ties_cool.yaml")
    >>> sc.title
    "Baku's ties with Israel cool under Tehran's pressure"
    >>> load_dataset_and_scenario("-", "-")
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: the dataset and the scenario both read standard input; only one can. Hint: save one of them to a file and give its name
    """
    if same_stream(path, scenario):
        raise OptionError("the dataset and the scenario both read standard input; only one can. "
                          "Hint: save one of them to a file and give its name")
    checked = check(path)
    if not checked.valid:
        raise DataError(list(checked.problems) + read_scenario(scenario)[2])
    return checked.dataset, load_scenario(scenario, checked.dataset)


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

"""The dataset model: frozen records for sources, actors, relations and events."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any, Mapping

from .dates import PartialDate, in_force

__all__ = [
    "ACTOR_KINDS",
    "ARENA_KINDS",
    "AGENT_KINDS",
    "RELATION_KINDS",
    "DOMAINS",
    "CONFIDENCE",
    "EVENT_KINDS",
    "Location",
    "Source",
    "Actor",
    "Relation",
    "Event",
    "Dataset",
]

#: What an actor is. States use ISO 3166-1 alpha-3 ids.
ACTOR_KINDS = ("state", "organisation", "bloc", "group", "project", "region", "person", "company")
#: Arenas are what agents have stakes in (a project, a region): they hold no stance of their own,
#: so balance, camps and the path and spectral measures leave them out (see graph.network).
ARENA_KINDS = ("project", "region")
#: Agents hold stances: every kind that is not an arena.
AGENT_KINDS = tuple(k for k in ACTOR_KINDS if k not in ARENA_KINDS)
#: Alignment is cooperation or support; tension is opposition or conflict. Both carry a strength.
RELATION_KINDS = ("alignment", "tension")
#: The field a relation belongs to; ``general`` is unspecified or mixed (edge lists without a domain).
DOMAINS = (
    "diplomatic",
    "economic",
    "energy",
    "transport",
    "security",
    "military",
    "intelligence",
    "ethnic",
    "cultural",
    "religious",
    "territorial",
    "humanitarian",
    "general",
)
CONFIDENCE = ("low", "medium", "high")
EVENT_KINDS = ("cooperative", "hostile", "neutral")



def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record was written: file and 1-based line and column.

    Slotted: a dataset has one per record (a million for a large edge list), and an instance
    without a ``__dict__`` is half the objects for the collector to walk.
    """

    path: str = ""
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path


@dataclass(frozen=True)
class Source:
    """A publication that supports actors, relations or events.

    Examples
    --------
    >>> Source("seed-2025", "Azerbaijan and Iran", "2025-02", publisher="A magazine").label
    'Azerbaijan and Iran (A magazine, 2025-02)'
    """

    id: str
    title: str
    date: str
    author: str = ""
    publisher: str = ""
    url: str = ""
    location: Location = field(default=Location(), compare=False)

    @property
    def label(self) -> str:
        """Title, who published it and when, as one line for tooltips and reports."""
        by = ", ".join(x for x in (self.author, self.publisher) if x)
        return f"{self.title} ({by}, {self.date})" if by else f"{self.title} ({self.date})"


@dataclass(frozen=True)
class Actor:
    """A node: a state, organisation, bloc, group, project, region …

    Examples
    --------
    >>> Actor("AZE", "Azerbaijan", "state").kind
    'state'
    """

    id: str
    name: str
    kind: str
    tags: tuple[str, ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=_empty)
    sources: tuple[str, ...] = ()
    location: Location = field(default=Location(), compare=False)


@dataclass(frozen=True)
class Relation:
    """An edge: alignment or tension of a given strength in one domain, over a period.

    ``weight`` is a strength in (0, 1]; the sign comes from ``kind``, never from the weight.
    A mutual relation (``between``) has ``directed=False``; ``source``/``target`` keep the order
    it was written in.

    Examples
    --------
    >>> r = Relation("r1", "AZE", "IRN", False, "tension", "security", 0.6)
    >>> r.pair, r.sign
    (('AZE', 'IRN'), -1)
    """

    id: str
    source: str
    target: str
    directed: bool
    kind: str
    domain: str
    weight: float
    since: PartialDate | None = None
    until: PartialDate | None = None
    confidence: str = "medium"
    evidence: str = ""
    sources: tuple[str, ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=_empty)
    tags: tuple[str, ...] = ()
    location: Location = field(default=Location(), compare=False)

    @classmethod
    def of_fields(cls, *values: Any) -> "Relation":
        """A relation from all its fields in order, built without the frozen dataclass's
        ``object.__setattr__`` per field (half the cost of ``Relation(...)``): for readers that build
        hundreds of thousands. The same object ``Relation(*values)`` gives (the class has no
        ``__post_init__`` to skip; tests/test_edgelist.py compares the two).

        >>> Relation.of_fields("r1", "A", "B", False, "tension", "security", 0.6, None, None, "medium", "",
        ...                    (), {}, (), Location()) == Relation("r1", "A", "B", False, "tension", "security", 0.6)
        True
        """
        relation = object.__new__(cls)
        relation.__dict__.update(zip(_RELATION_FIELDS, values))
        return relation

    @property
    def pair(self) -> tuple[str, str]:
        """The two actor ids, sorted: the key of the pair whatever the direction."""
        a, b = self.source, self.target
        return (a, b) if a <= b else (b, a)

    @property
    def sign(self) -> int:
        """+1 for alignment, -1 for tension."""
        return 1 if self.kind == "alignment" else -1

    def in_force(self, at: _dt.date) -> bool:
        """Whether the relation holds on day ``at`` (``since <= at < until``)."""
        return in_force(self.since, self.until, at)


#: Relation's fields in order (:meth:`Relation.of_fields`).
_RELATION_FIELDS = tuple(f.name for f in fields(Relation))


@dataclass(frozen=True)
class Event:
    """A dated happening that involves one or more actors.

    Examples
    --------
    >>> from graph.dates import parse_date
    >>> Event("e1", parse_date("2025-02-17"), ("AZE", "IRN"), "Talks", "cooperative").actors
    ('AZE', 'IRN')
    """

    id: str
    date: PartialDate
    actors: tuple[str, ...]
    title: str
    kind: str
    description: str = ""
    places: tuple[str, ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=_empty)
    sources: tuple[str, ...] = ()
    location: Location = field(default=Location(), compare=False)


@dataclass(frozen=True)
class Dataset:
    """A validated dataset. Build it with :func:`graph.load`; derive new ones, never mutate.

    Examples
    --------
    >>> ds = Dataset(actors=(Actor("AZE", "Azerbaijan", "state"), Actor("IRN", "Iran", "state")))
    >>> ds.actor("IRN").name
    'Iran'
    """

    title: str = ""
    description: str = ""
    sources: Mapping[str, Source] = field(default_factory=_empty)
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    path: str = ""
    at: _dt.date | None = None
    #: the dataset's own combining rule (its ``combine:`` key), or None for the default
    combine: str | None = None

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (``KeyError`` when absent)."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Every actor id, sorted."""
        return tuple(sorted(a.id for a in self.actors))

    def summary(self, *records: str) -> str:
        """How many of each kind of record, as a phrase (all four kinds unless `records` names some).

        Examples
        --------
        >>> Dataset(actors=(Actor("AZE", "Azerbaijan", "state"),)).summary()
        '1 actor, 0 relations, 0 events, 0 sources'
        >>> Dataset().summary("actors", "relations")
        '0 actors, 0 relations'
        """
        parts = []
        for kind in records or ("actors", "relations", "events", "sources"):
            n = len(getattr(self, kind))
            parts.append(f"{n} {kind if n != 1 else kind[:-1]}")
        return ", ".join(parts)

    def _repr_html_(self) -> str:
        """A summary table for Jupyter (JupyterLab, classic Notebook, VS Code); every text escaped."""
        from html import escape

        kinds: dict[str, int] = {}
        for a in self.actors:
            kinds[a.kind] = kinds.get(a.kind, 0) + 1
        relation_kinds = {k: sum(r.kind == k for r in self.relations) for k in RELATION_KINDS}
        rows = [
            ("actors", f"{len(self.actors)} (" + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")"),
            ("relations", f"{len(self.relations)} (" + ", ".join(f"{n} {k}" for k, n in relation_kinds.items()) + ")"),
            ("events", str(len(self.events))),
            ("sources", str(len(self.sources))),
            ("snapshot", self.at.isoformat() if self.at else "all dates"),
            ("path", self.path or "(built in Python)"),
        ]
        body = "".join(f"<tr><th style='text-align:left'>{escape(k)}</th><td style='text-align:left'>{escape(v)}</td></tr>"
                       for k, v in rows)
        return f"<div><strong>{escape(self.title or 'geograph dataset')}</strong><table>{body}</table></div>"

    def snapshot(self, at: _dt.date) -> "Dataset":
        """The dataset as it stood on ``at``: only relations in force that day.

        Actors and events are kept whole; events are history, not ties.
        """
        return replace(self, relations=tuple(r for r in self.relations if r.in_force(at)), at=at)

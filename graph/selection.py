"""Which records an analysis reads: filters by confidence, domain, source and actor kind.

A filter returns a smaller :class:`~graph.model.Dataset`, so every analysis, page and export reads
the selection as it would read any dataset, and a timeline or a scenario of a selection stays
within it. The CLI's ``--min-confidence``, ``--domain``, ``--exclude-source`` and ``--kinds`` are
:func:`select`; with ``--combine``, ``--ambivalence`` and ``--with-arenas`` (the
:class:`~graph.network.Model`) they make a :class:`View`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from typing import Iterable

from .errors import OptionError
from .model import ACTOR_KINDS, CONFIDENCE, DOMAINS, Dataset
from .network import Model, Network, network
from .rules import did_you_mean

__all__ = ["select", "View"]


def _closed(values: Iterable[str], allowed: Iterable[str], parameter: str, what: str) -> tuple[str, ...]:
    allowed = tuple(allowed)
    values = tuple(dict.fromkeys(values))
    for value in values:
        if value not in allowed:
            guess = did_you_mean(value, sorted(allowed))
            raise OptionError(f"{{{parameter}}} '{value}' is not {what}; choose from: {', '.join(allowed)}"
                              + (f". Hint: {guess}" if guess else ""), parameters=(parameter,))
    return values


def select(dataset: Dataset, *, min_confidence: str | None = None, domains: Iterable[str] = (),
           exclude_sources: Iterable[str] = (), kinds: Iterable[str] = ()) -> Dataset:
    """The dataset with only the records the filters keep.

    Parameters
    ----------
    dataset : Dataset
    min_confidence : {"low", "medium", "high"}, optional
        Keep relations of at least this confidence.
    domains : iterable of str
        Keep relations in these domains (default: every domain).
    exclude_sources : iterable of str
        Source ids to leave out: a relation or event goes when every source it cites is left out
        (one still backed by another source stays); actors are kept.
    kinds : iterable of str
        Keep actors of these kinds (default: every kind), and the relations and events between
        the actors kept.

    Raises
    ------
    OptionError
        When a value is not a confidence, domain, kind or source of the dataset.

    Examples
    --------
    >>> from graph import load
    >>> ds = load()
    >>> picked = select(ds, min_confidence="high", exclude_sources=["general-knowledge"])
    >>> len(picked.relations) < len(ds.relations), {r.confidence for r in picked.relations}
    (True, {'high'})
    >>> select(ds, domains=["nautical"])
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: domains 'nautical' is not a domain; choose from: ...
    """
    if min_confidence is not None:
        _closed((min_confidence,), CONFIDENCE, "min_confidence", "a confidence")
    domains = _closed(domains, DOMAINS, "domains", "a domain")
    kinds = _closed(kinds, ACTOR_KINDS, "kinds", "an actor kind")
    excluded = set(_closed(exclude_sources, dataset.sources, "exclude_sources", "a source of the dataset"))
    floor = CONFIDENCE.index(min_confidence) if min_confidence else 0
    actors = tuple(a for a in dataset.actors if not kinds or a.kind in kinds)
    kept = {a.id for a in actors}

    def backed(sources: tuple[str, ...]) -> bool:
        return not sources or not excluded or any(s not in excluded for s in sources)

    relations = tuple(r for r in dataset.relations
                      if r.source in kept and r.target in kept and CONFIDENCE.index(r.confidence) >= floor
                      and (not domains or r.domain in domains) and backed(r.sources))
    events = tuple(e for e in dataset.events if all(a in kept for a in e.actors) and backed(e.sources))
    if len(actors) == len(dataset.actors) and len(relations) == len(dataset.relations) and len(events) == len(
            dataset.events):
        return dataset
    return replace(dataset, actors=actors, relations=relations, events=events)


@dataclass(frozen=True)
class View:
    """What an analysis reads: the filters of :func:`select` and the :class:`~graph.network.Model`.

    Examples
    --------
    >>> from graph import load
    >>> view = View(Model(with_arenas=True), min_confidence="medium")
    >>> net = view.network(load(), "2025-03-01")
    >>> any(a.kind == "region" for a in net.actors), {r.confidence for r in net.relations} <= {"medium", "high"}
    (True, True)
    """

    model: Model = field(default_factory=Model)
    min_confidence: str | None = None
    domains: tuple[str, ...] = ()
    exclude_sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def dataset(self, dataset: Dataset) -> Dataset:
        """The dataset with the view's filters applied (every date kept)."""
        return select(dataset, min_confidence=self.min_confidence, domains=self.domains,
                      exclude_sources=self.exclude_sources, kinds=self.kinds)

    def network(self, dataset: Dataset, at: str | _dt.date | None = None) -> Network:
        """The filtered dataset on day ``at`` as a network built with the view's model."""
        return network(self.dataset(dataset), at, model=self.model)

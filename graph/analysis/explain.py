"""Everything between two actors: their relations, shared events, triads, and what balance says."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..errors import OptionError
from ..rules import did_you_mean as _did_you_mean
from ..model import Actor, Dataset, Event, Relation
from ..network import Network, combine_records, is_ambivalent, network
from .balance import Split, frustration_index, signed_ties

__all__ = ["ThirdParty", "Explanation", "explain"]


@dataclass(frozen=True)
class ThirdParty:
    """A triad the pair belongs to: actor ``third`` and its net signs towards each of the two."""

    third: str
    sign_a: int
    sign_b: int
    weight: float  # product of the two magnitudes: how hard this triad pushes

    @property
    def pushes(self) -> int:
        """The sign balance theory asks of the pair: friend of a friend (or enemy of an enemy) is a
        friend (+1); friend of an enemy is an enemy (-1)."""
        return self.sign_a * self.sign_b


@dataclass(frozen=True)
class Explanation:
    """The story of one pair; ``to_dict()`` is the JSON of ``geograph explain``."""

    a: Actor
    b: Actor
    at: str | None
    relations: tuple[Relation, ...]
    in_force: tuple[str, ...]
    events: tuple[Event, ...]
    alignment: float
    tension: float
    triads: tuple[ThirdParty, ...]
    split: Split
    sources: dict[str, str]
    future: tuple[str, ...] = ()
    ambivalence: float = 0.0
    #: how the layers were built (graph.network.Model.describe), for the report to state
    model: str = ""
    # sign, pushed and the rest are cached: the JSON and the page's panel read each several times,
    # on tens of thousands of pairs (the fields are frozen, so a cached value never goes stale)

    @cached_property
    def ambivalent(self) -> bool:
        """Whether alignment and tension are too even to give the pair a sign (see :mod:`graph.network`)."""
        return is_ambivalent(self.alignment, self.tension, self.ambivalence)

    @cached_property
    def sign(self) -> int:
        """The pair's net sign in the snapshot: +1, -1, or 0 (no tie, or ambivalent: no sign)."""
        if self.ambivalent:
            return 0
        net = self.alignment - self.tension
        return (net > 0) - (net < 0)

    @cached_property
    def pushed(self) -> float:
        """Sum of the triads' pushes weighted by their magnitudes: > 0 towards alignment."""
        return sum(t.pushes * t.weight for t in self.triads)

    @cached_property
    def consistent(self) -> bool | None:
        """Whether the pair's sign is the one its triads push towards (None if either is 0)."""
        pushed = (self.pushed > 0) - (self.pushed < 0)
        if self.sign == 0 or pushed == 0:
            return None
        return self.sign == pushed

    @property
    def same_camp(self) -> bool | None:
        """Whether the best two-camp split puts both in one camp (None if either is unplaced)."""
        side = self.split.side
        if self.a.id not in side or self.b.id not in side:
            return None
        return side[self.a.id] == side[self.b.id]

    @property
    def frustrated(self) -> bool:
        """Whether the pair's tie contradicts the best split: it is under structural strain."""
        # a set lookup: a page asks this of every pair, and a clique of tension has hundreds of such ties
        a, b = self.a.id, self.b.id
        return ((a, b) if a <= b else (b, a)) in self.split.frustrated_pairs

    def to_dict(self) -> dict[str, Any]:
        return {**self.head_dict(), **self.record_dict(), **self.balance_dict()}

    def head_dict(self) -> dict[str, Any]:
        """The pair and its tie: ``to_dict``'s ``a``, ``b``, ``at``, ``model`` and ``tie``."""
        return {
            "a": {"id": self.a.id, "name": self.a.name, "kind": self.a.kind},
            "b": {"id": self.b.id, "name": self.b.name, "kind": self.b.kind},
            "at": self.at,
            "model": self.model,
            "tie": {"sign": self.sign, "alignment": self.alignment, "tension": self.tension,
                    "weight": abs(self.alignment - self.tension), "ambivalent": self.ambivalent},
        }

    def record_dict(self) -> dict[str, Any]:
        """What is on record: ``to_dict``'s ``relations`` and ``events``."""
        return {
            "relations": [{
                "id": r.id, "kind": r.kind, "domain": r.domain, "weight": r.weight,
                "from": r.source if r.directed else None, "to": r.target if r.directed else None,
                "since": str(r.since) if r.since else None, "until": str(r.until) if r.until else None,
                "in_force": r.id in self.in_force, "confidence": r.confidence, "evidence": r.evidence,
                "sources": [{"id": s, "label": self.sources.get(s, s)} for s in r.sources],
            } for r in self.relations],
            "events": [{"id": e.id, "date": str(e.date), "title": e.title, "kind": e.kind,
                        "sources": list(e.sources), "future": e.id in self.future} for e in self.events],
        }

    def balance_dict(self, triads: int | None = None) -> dict[str, Any]:
        """What balance theory says: ``to_dict``'s ``triads`` (the first ``triads`` of them, heaviest
        first; default all) and ``balance``: all a page's panel needs besides the tie, without
        building every relation's record."""
        sign = self.sign
        return {
            "triads": [{"third": t.third, "sign_a": t.sign_a, "sign_b": t.sign_b, "pushes": t.pushes,
                        "balanced": t.pushes == sign if sign else None} for t in self.triads[:triads]],
            "balance": {"pushed": self.pushed, "consistent": self.consistent, "same_camp": self.same_camp,
                        "frustrated": self.frustrated,
                        # whether the split behind same_camp/frustrated is proven (budgeted solve)
                        "split_status": self.split.status, "split_lower_bound": self.split.lower_bound},
        }


def _actor(dataset: Dataset, actor_id: str) -> Actor:
    try:
        return dataset.actor(actor_id)
    except KeyError:
        names = {a.name.lower(): a.id for a in dataset.actors}
        guess = _did_you_mean(actor_id, dataset.actor_ids, names)
        raise OptionError(f"unknown actor '{actor_id}'" + (f"; {guess}" if guess else "")) from None


def explain(dataset: Dataset | Network, a: str, b: str, at: str | _dt.date | None = None) -> Explanation:
    """Everything between actors ``a`` and ``b`` in one snapshot.

    Lists every relation of the pair (marking those in force on the snapshot day), the events
    that involve both (marking as ``future`` those dated after the snapshot day: an event's partial
    date stands for its first day, as in the in-force rule, so ``2025-12`` is future on
    2025-03-01 and not on 2025-12-01), each triad the pair forms with a third actor on the signed
    layer, and what
    balance theory says: the sign the triads push the pair towards (friend of a friend is a friend,
    friend of an enemy an enemy, weighted by the ties' magnitudes), whether the pair's actual net
    sign agrees, and whether the best two-camp split leaves its tie frustrated.

    ``dataset`` may be a :class:`~graph.network.Network` (its layers are read as built; the
    relations listed are those of the dataset it was taken from). The pair's combined alignment
    and tension follow the network's model (its combining rule; a pair whose two sides are within
    its ambivalence band has no sign), so they are the strengths every other measure reads.

    Raises
    ------
    OptionError
        When an actor id is unknown (with a did-you-mean) or ``a == b``.

    Examples
    --------
    >>> from graph import load
    >>> story = explain(load(), "AZE", "IRN", at="2025-03-01")
    >>> {r.kind for r in story.relations} == {"alignment", "tension"}
    True
    >>> [e.id for e in story.events if e.id in story.future]     # forecast for December 2025
    ['rasht-astara-completion']
    """
    full = dataset.whole if isinstance(dataset, Network) else dataset
    actor_a, actor_b = _actor(full, a), _actor(full, b)
    if a == b:
        raise OptionError(f"explain needs two different actors, got {a} twice")
    net = network(dataset, at)
    snap = net.dataset
    dataset = full
    pair = tuple(sorted((a, b)))
    relations = tuple(r for r in dataset.relations if r.pair == pair)
    # the snapshot with its arenas, so a stake in an arena is in force and has its strength too
    live = [r for r in (net.full or snap).relations if r.pair == pair]
    rule = net.model.combine

    def strength(kind: str) -> float:
        records = [r for r in live if r.kind == kind]
        return combine_records(records, rule) if records else 0.0

    alignment, tension = strength("alignment"), strength("tension")
    ties = {(t.source, t.target): t for t in signed_ties(net)}

    def tie(x: str, y: str):
        return ties.get(tuple(sorted((x, y))))

    triads = []
    for other in snap.actor_ids:
        if other in (a, b):
            continue
        ta, tb = tie(a, other), tie(b, other)
        if ta and tb:
            triads.append(ThirdParty(other, ta.sign, tb.sign, ta.weight * tb.weight))
    events = tuple(e for e in dataset.events if a in e.actors and b in e.actors)
    future = tuple(e.id for e in events if snap.at is not None and e.date.start > snap.at)
    return Explanation(
        a=actor_a, b=actor_b, at=snap.at.isoformat() if snap.at else None,
        relations=tuple(sorted(relations, key=lambda r: (r.kind, -r.weight, r.id))),
        in_force=tuple(r.id for r in live), events=events, alignment=alignment, tension=tension,
        triads=tuple(sorted(triads, key=lambda t: (-t.weight, t.third))),
        split=frustration_index(net), sources={s.id: s.label for s in dataset.sources.values()},
        future=future, ambivalence=net.model.ambivalence, model=net.model.describe(),
    )

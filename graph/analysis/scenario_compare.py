"""A dataset against a scenario of it: what the scenario changes in centrality, camps and strain.

:func:`compare` applies a :class:`~graph.scenario.Scenario` to a baseline dataset and reads both on
the same day: the relations the scenario adds, removes and changes, the centrality of every actor
before and after, the camps of the best two-camp split and the actors that change camp, the
frustration index and the ties that come under strain or leave it.
:func:`graph.report.format_comparison` writes it as a short report, Markdown or JSON.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Mapping

from ..errors import OptionError
from ..metrics import METRIC_NAMES
from ..model import Dataset, Relation
from ..network import Model, Network, network, resolve_date
from ..scenario import Scenario, apply_scenario
from .balance import BalanceReport, SignedTie, balance, signed_ties
from .camps import match_labels, numbered, settle
from .centrality import centrality

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "HEADLINE_METRICS",
    "Move",
    "CampChange",
    "StrainChange",
    "RelationChange",
    "Comparison",
    "compare",
]

#: The metrics a table or Markdown report shows by default (JSON has every metric).
HEADLINE_METRICS = ("alignment_strength", "tension_strength", "tension_share", "betweenness", "eigenvector",
                    "signed_eigenvector")
_RELATION_FIELDS = ("kind", "domain", "weight", "since", "until", "confidence", "evidence", "sources", "attributes",
                    "tags")
_ACTOR_FIELDS = ("name", "kind", "tags", "attributes", "sources")
#: Centrality changes smaller than this are rounding noise, not movement.
_EPS = 1e-9


@dataclass(frozen=True)
class Move:
    """One actor's value of one metric, in the baseline and in the scenario."""

    id: str
    metric: str
    before: float
    after: float

    @property
    def change(self) -> float:
        """``after - before``."""
        return self.after - self.before


@dataclass(frozen=True)
class CampChange:
    """An actor whose camp differs: camps are numbered as the baseline's (1 = the larger); ``None``
    means no camp (no signed tie that day, or not in that graph)."""

    id: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class StrainChange:
    """A tie that comes under strain or leaves it, with the pair's signed tie on each side.

    ``reason`` is ``new tie``, ``tie gone``, ``sign flipped``, or ``camps changed`` (the tie is the
    same, an actor moved).
    """

    source: str
    target: str
    before: SignedTie | None
    after: SignedTie | None
    reason: str


@dataclass(frozen=True)
class RelationChange:
    """A relation the scenario adds, removes or changes.

    ``what`` is ``added``, ``removed``, ``removed with <actor id>`` or ``changed``; ``fields`` names
    the changed fields; ``in_force`` says whether the relation (as it stands after the scenario, or
    before it when removed) holds on the day compared.
    """

    id: str
    what: str
    before: Relation | None
    after: Relation | None
    fields: tuple[str, ...] = ()
    in_force: bool = True


@dataclass(frozen=True, eq=False)
class Comparison:
    """A baseline and a scenario read on the same day; ``to_dict()`` is the JSON report.

    Attributes
    ----------
    scenario : Scenario
    at : str
        The day both were read, ISO format.
    baseline, outcome : BalanceReport
        Balance of the baseline and of the scenario. The scenario's split is, among the best ones,
        the one that keeps actors in their baseline camp when moving them back costs nothing.
    camps_before, camps_after : tuple of tuple of str
        The camps, numbered as the baseline's (camp 1 first): scenario camps are matched to
        baseline camps by the overlap of their members, not by label.
    camp_changes : tuple of CampChange
    entered_strain, left_strain : tuple of StrainChange
        Ties under strain in the scenario and not in the baseline, and the reverse.
    relations : tuple of RelationChange
    actors_added, actors_removed : tuple of str
    actors_changed : tuple of (id, fields)
    before, after : pandas.DataFrame
        The centrality reports (:func:`graph.analysis.centrality.centrality`).
    movers : mapping of metric to tuple of Move
        The ``top`` largest absolute changes of each metric.
    names : mapping of id to name
    source_labels : mapping of source id to its one-line label
    """

    scenario: Scenario
    at: str
    baseline: BalanceReport
    outcome: BalanceReport
    camps_before: tuple[tuple[str, ...], ...]
    camps_after: tuple[tuple[str, ...], ...]
    camp_changes: tuple[CampChange, ...]
    entered_strain: tuple[StrainChange, ...]
    left_strain: tuple[StrainChange, ...]
    relations: tuple[RelationChange, ...]
    actors_added: tuple[str, ...]
    actors_removed: tuple[str, ...]
    actors_changed: tuple[tuple[str, tuple[str, ...]], ...]
    before: "pd.DataFrame"
    after: "pd.DataFrame"
    movers: Mapping[str, tuple[Move, ...]]
    top: int
    names: Mapping[str, str] = field(default_factory=dict)
    source_labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def deltas(self) -> "pd.DataFrame":
        """The full delta table: one row per actor of either graph, one column per metric,
        ``after - before`` (NaN for an actor present on one side only)."""
        index = sorted(set(self.before.index) | set(self.after.index))
        metrics = list(METRIC_NAMES)
        before = self.before[metrics].reindex(index).astype(float)
        after = self.after[metrics].reindex(index).astype(float)
        frame = after - before
        frame.index.name = "id"
        return frame

    @property
    def scores(self) -> dict[str, tuple[float | None, float | None]]:
        """Graph-level scores, baseline and scenario."""
        b, s = self.baseline, self.outcome
        keys = ("nodes", "edges", "positive", "negative", "triangle_balance", "walk_balance", "frustration_index",
                "weighted_frustration", "frustration_score")
        return {k: (getattr(b, k), getattr(s, k)) for k in keys}

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data (floats unrounded; :func:`graph.report.format_comparison` rounds)."""
        sc = self.scenario
        return {
            "scenario": {"title": sc.title, "rationale": sc.rationale, "sources": list(sc.sources),
                         "path": sc.path, "at": str(sc.at) if sc.at else None},
            "at": self.at,
            "relations": {
                "added": [_relation_dict(c.after, c.in_force) for c in self.relations if c.what == "added"],
                "removed": [{**_relation_dict(c.before, c.in_force), "why": c.what} for c in self.relations
                            if c.what.startswith("removed")],
                "changed": [{"id": c.id, "source": c.after.source, "target": c.after.target,
                             "directed": c.after.directed, "in_force": c.in_force,
                             "fields": {f: {"before": _plain(getattr(c.before, f)),
                                            "after": _plain(getattr(c.after, f))} for f in c.fields}}
                            for c in self.relations if c.what == "changed"],
            },
            "actors": {"added": list(self.actors_added), "removed": list(self.actors_removed),
                       "changed": [{"id": a, "fields": list(f)} for a, f in self.actors_changed]},
            "scores": {k: {"before": b, "after": a, "change": None if b is None or a is None else a - b}
                       for k, (b, a) in self.scores.items()},
            "camps": {"before": [list(c) for c in self.camps_before], "after": [list(c) for c in self.camps_after]},
            "camp_changes": [{"id": c.id, "before": c.before, "after": c.after} for c in self.camp_changes],
            "strain": {
                "entered": [_strain_dict(s) for s in self.entered_strain],
                "left": [_strain_dict(s) for s in self.left_strain],
                "still": len(self.outcome.split.frustrated) - len(self.entered_strain),
            },
            "centrality": {
                "top": self.top,
                "movers": {m: [{"id": v.id, "before": v.before, "after": v.after, "change": v.change} for v in moves]
                           for m, moves in self.movers.items()},
            },
        }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return str(value)


def _relation_dict(r: Relation, in_force: bool) -> dict[str, Any]:
    return {"id": r.id, "source": r.source, "target": r.target, "directed": r.directed, "kind": r.kind,
            "domain": r.domain, "weight": r.weight, "since": _plain(r.since), "until": _plain(r.until),
            "confidence": r.confidence, "evidence": r.evidence, "sources": list(r.sources), "in_force": in_force}


def _tie_dict(t: SignedTie | None) -> dict[str, Any] | None:
    return None if t is None else {"sign": t.sign, "weight": t.weight}


def _strain_dict(s: StrainChange) -> dict[str, Any]:
    return {"source": s.source, "target": s.target, "before": _tie_dict(s.before), "after": _tie_dict(s.after),
            "reason": s.reason}


# --------------------------------------------------------------------------------------------
# camps


# --------------------------------------------------------------------------------------------
# the comparison


def _relation_changes(baseline: Dataset, applied: Dataset, scenario: Scenario, day: _dt.date) -> list[RelationChange]:
    before = {r.id: r for r in baseline.relations}
    after = {r.id: r for r in applied.relations}
    gone = set(scenario.remove_actors)
    explicit = set(scenario.remove_relations)
    out: list[RelationChange] = []
    for r in baseline.relations:
        if r.id in explicit:
            out.append(RelationChange(r.id, "removed", r, None, (), r.in_force(day)))
        elif r.source in gone or r.target in gone:
            actor = r.source if r.source in gone else r.target
            out.append(RelationChange(r.id, f"removed with {actor}", r, None, (), r.in_force(day)))
    for c in scenario.change_relations:
        old, new = before[c.id], after[c.id]
        fields = tuple(f for f in _RELATION_FIELDS if _plain(getattr(old, f)) != _plain(getattr(new, f)))
        out.append(RelationChange(c.id, "changed", old, new, fields, new.in_force(day)))
    added_ids = [r.id for r in applied.relations if r.id not in before or r.id in explicit]
    out += [RelationChange(i, "added", None, after[i], (), after[i].in_force(day)) for i in added_ids]
    return out


def compare(baseline: Dataset | Network, scenario: Scenario, at: str | _dt.date | None = None, *, top: int = 10,
            weighted: bool = False, model: Model | None = None) -> Comparison:
    """Compare a dataset with a scenario of it on one day.

    Parameters
    ----------
    baseline : Dataset or Network
        The dataset as it is (e.g. :func:`graph.load`), or a network of it on the day compared
        (:func:`graph.network.network`): its layers are then read as built, and the scenario is
        applied to the dataset it was taken from.
    scenario : Scenario
        From :func:`graph.scenario.load_scenario`; applied with :func:`graph.scenario.apply_scenario`.
    at : date or text, optional
        The day both are read. Default: the scenario's own ``at``, else today; with a network, the
        network's day (the scenario's own ``at`` is then not used).
    top : int
        How many of the largest centrality changes to keep per metric.
    weighted : bool
        Camps and strain from the split of least magnitude rather than fewest ties (as
        ``geograph balance --weighted``).
    model : Model, optional
        How both sides' networks are built (default: a network's own model, else the defaults).

    Returns
    -------
    Comparison

    Raises
    ------
    DataError
        When the scenario does not fit the dataset (see :func:`graph.scenario.apply_scenario`).
    OptionError
        When ``top`` is below 1 or ``at`` is not a date.

    Notes
    -----
    Centrality is computed on both graphs with :func:`graph.analysis.centrality.centrality`;
    balance with :func:`graph.analysis.balance.balance` on the signed layer. Camps have no names,
    so the scenario's camps are matched to the baseline's by the overlap of their members (an
    assignment that maximises the shared actors). When several splits are equally good, the
    scenario's is settled towards the baseline: an actor whose move back to its baseline camp
    adds no contradicting tie is moved back. A camp change reported is thus forced by the
    scenario, as far as single moves can tell.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> from graph.scenario import Scenario
    >>> ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABC"), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("bc", "B", "C", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0)))
    >>> c = compare(ds, Scenario("Peace", "", (), remove_relations=("ac",)), at="2025")
    >>> c.baseline.frustration_index, c.outcome.frustration_index, len(c.left_strain)
    (1.0, 0.0, 1)
    """
    if top < 1:
        raise OptionError(f"{{top}} must be at least 1, got {top}", parameters=("top",))
    if isinstance(baseline, Network):
        if baseline.at is None:
            raise OptionError("compare reads both sides on one day: give a network taken on a day. "
                              "Hint: network(dataset, at).")
        if baseline.origin is None:
            # a scenario may add relations from later days: it is applied to the whole dataset
            raise OptionError("compare applies the scenario to the whole dataset, which this network does not "
                              "remember. Hint: network(dataset, at), or pass the dataset and at=.")
        base_net = network(baseline, at, model=model)
        day, baseline = base_net.at, base_net.whole
    else:
        day = resolve_date(at if at is not None else (scenario.at.start if scenario.at else None))
        base_net = network(baseline, day, model=model)
    applied = apply_scenario(baseline, scenario)
    # each side's layers are built once and read by balance, the signed ties and centrality
    scen_net = network(applied, day, model=base_net.model)
    report_before = balance(base_net, weighted=weighted)
    report_after = balance(scen_net, weighted=weighted)
    numbers = numbered(report_before.split.factions)
    ties_after = signed_ties(scen_net)
    settled = settle(report_after.split, ties_after, numbers, weighted)
    report_after = replace(report_after, split=settled)
    mapping = match_labels(numbers, settled.side)
    after_numbers = {a: mapping[label] for a, label in settled.side.items()}
    camps_before = tuple(tuple(f) for f in report_before.split.factions)
    count = max(list(after_numbers.values()) + [len(camps_before)], default=0)
    camps_after = tuple(tuple(sorted(a for a, n in after_numbers.items() if n == k)) for k in range(1, count + 1))
    everyone = sorted({a.id for a in baseline.actors} | {a.id for a in applied.actors})
    camp_changes = tuple(CampChange(a, numbers.get(a), after_numbers.get(a)) for a in everyone
                         if numbers.get(a) != after_numbers.get(a))
    ties_before = {(t.source, t.target): t for t in signed_ties(base_net)}
    ties_now = {(t.source, t.target): t for t in ties_after}
    strained_before = {(t.source, t.target) for t in report_before.split.frustrated}
    strained_after = {(t.source, t.target) for t in settled.frustrated}

    def strain(pair: tuple[str, str]) -> StrainChange:
        b, a = ties_before.get(pair), ties_now.get(pair)
        if b is None or a is None:
            reason = "new tie" if b is None else "tie gone"
        elif b.sign != a.sign:
            reason = "sign flipped"
        else:
            reason = "camps changed"
        return StrainChange(pair[0], pair[1], b, a, reason)

    def heaviest(pairs: set[tuple[str, str]], ties: Mapping[tuple[str, str], SignedTie]) -> list[tuple[str, str]]:
        return sorted(pairs, key=lambda p: (-(ties[p].weight if p in ties else 0.0), p))

    entered = tuple(strain(p) for p in heaviest(strained_after - strained_before, ties_now))
    left = tuple(strain(p) for p in heaviest(strained_before - strained_after, ties_before))
    before_frame = centrality(base_net)
    after_frame = centrality(scen_net)
    movers: dict[str, tuple[Move, ...]] = {}
    common = sorted(set(before_frame.index) & set(after_frame.index))
    for metric in METRIC_NAMES:
        moves = [Move(a, metric, float(before_frame.at[a, metric]), float(after_frame.at[a, metric])) for a in common]
        moves = [m for m in moves if math.isfinite(m.change) and abs(m.change) > _EPS]
        # rounded: changes equal on paper can differ in the last bit, and ids must decide then
        moves.sort(key=lambda m: (-round(abs(m.change), 9), m.id))
        movers[metric] = tuple(moves[:top])
    names = {a.id: a.name for a in baseline.actors} | {a.id: a.name for a in applied.actors}
    actors_changed = []
    for c in scenario.change_actors:
        old, new = baseline.actor(c.id), applied.actor(c.id)
        fields = tuple(f for f in _ACTOR_FIELDS if _plain(getattr(old, f)) != _plain(getattr(new, f)))
        actors_changed.append((c.id, fields))
    return Comparison(
        scenario=scenario,
        at=day.isoformat(),
        baseline=report_before,
        outcome=report_after,
        camps_before=camps_before,
        camps_after=camps_after,
        camp_changes=camp_changes,
        entered_strain=entered,
        left_strain=left,
        relations=tuple(_relation_changes(baseline, applied, scenario, day)),
        actors_added=tuple(a.id for a in scenario.add_actors),
        actors_removed=tuple(scenario.remove_actors),
        actors_changed=tuple(actors_changed),
        before=before_frame,
        after=after_frame,
        movers=movers,
        top=top,
        names=names,
        source_labels={k: v.label for k, v in applied.sources.items()},
    )

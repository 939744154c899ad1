"""Change over time: a timeline of snapshots, and the difference between two dates.

:func:`timeline_states` is the one period engine: the timeline table here and the time-slider page
(:func:`graph.render.render_timeline_html`) both take their periods, their range check and their
networks from it, one network per distinct set of relations in force.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from ..dates import STEPS, period_label, periods
from ..errors import OptionError
from ..metrics import METRIC_NAMES
from ..model import Dataset, Relation
from ..network import Model, Network, is_ambivalent, network, resolve_date
from ..rules import unknown_value
from .balance import BalanceReport, balance, signed_ties
from .camps import stable_numbers
from .centrality import centrality

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GRAPH_METRICS", "ACTOR_METRICS", "MAX_PERIODS", "date_range", "count_periods", "Period", "TimelineStates",
           "timeline_states", "timeline", "Diff", "DIFF_STAGES", "diff"]

#: The most periods a timeline or a time-slider page takes: a century by month. Each period is a
#: snapshot with a row per actor and metric (and a state on the page); ``--from 0001 --to 9999
#: --every month`` would be 119,977 of them, hours of work, so a longer range is refused up front.
MAX_PERIODS = 1200

#: Graph-level metrics of each timeline step (rows with ``actor`` None).
GRAPH_METRICS = (
    "actors", "relations", "alignment_relations", "tension_relations", "density", "triangle_balance",
    "walk_balance", "frustration_index", "weighted_frustration", "frustration_score", "camp_1_size",
    "camp_2_size",
)
#: Actor metrics a timeline can follow: every centrality column, and ``camp`` (1 = the larger camp of
#: the best two-camp split, 2 = the other, 0 = no signed tie).
ACTOR_METRICS = METRIC_NAMES + ("camp",)


def date_range(start: str | _dt.date | None, end: str | _dt.date | None) -> tuple[_dt.date, _dt.date]:
    """The first and last day of a range, checked: both given, both dates, in order.

    Raises
    ------
    OptionError
        Naming the parameter ``start`` or ``end`` that is missing or not a date, or both when
        ``end`` comes before ``start``.

    Examples
    --------
    >>> date_range("2020", "2021-06")
    (datetime.date(2020, 1, 1), datetime.date(2021, 6, 1))
    >>> date_range("2025", "2020")
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: end 2020-01-01 comes before start 2025-01-01. Hint: swap them.
    """
    days = []
    for value, parameter in ((start, "start"), (end, "end")):
        if value is None:
            raise OptionError("{%s} is required for a range. Hint: write YYYY, YYYY-MM or YYYY-MM-DD." % parameter,
                              parameters=(parameter,))
        days.append(resolve_date(value, parameter))
    first, last = days
    if last < first:
        raise OptionError(f"{{end}} {last} comes before {{start}} {first}. Hint: swap them.",
                          parameters=("start", "end"))
    return first, last


def count_periods(start: _dt.date, end: _dt.date, every: str) -> int:
    """How many periods :func:`graph.dates.periods` gives from ``start`` to ``end``, without making them.

    The first period starts on ``start``, the others on each calendar boundary up to ``end``.

    Examples
    --------
    >>> count_periods(_dt.date(1, 1, 1), _dt.date(9999, 1, 1), "month")
    119977
    >>> count_periods(_dt.date(2024, 2, 15), _dt.date(2024, 9, 1), "quarter")
    3
    """
    steps_per_year = {"year": 1, "quarter": 4, "month": 12}[every]
    months_per_step = 12 // steps_per_year

    def index(day: _dt.date) -> int:
        return day.year * steps_per_year + (day.month - 1) // months_per_step

    return index(end) - index(start) + 1


def _check_count(first: _dt.date, last: _dt.date, every: str) -> None:
    """Refuse a range of more than :data:`MAX_PERIODS` periods, saying how many it would take."""
    count = count_periods(first, last, every)
    if count <= MAX_PERIODS:
        return
    coarser = next((step for step in STEPS[:STEPS.index(every)][::-1]
                    if count_periods(first, last, step) <= MAX_PERIODS), None)
    hint = (f"use {{every}} {coarser} or a shorter range" if coarser else
            f"use a shorter range: at most {MAX_PERIODS:,} {every}s")
    raise OptionError(f"{count:,} periods from {first} to {last} by {every}; the limit is {MAX_PERIODS:,}. "
                      f"Hint: {hint}.", parameters=("every",))


@dataclass(frozen=True)
class Period:
    """One period of a timeline: its first day, its label (``2024``, ``2024-Q2``, ``2024-05``) and
    the index of its state in :attr:`TimelineStates.states`."""

    day: _dt.date
    label: str
    state: int


@dataclass(frozen=True, eq=False)
class TimelineStates:
    """The periods of a range, and one network per distinct set of relations in force.

    Periods with the same relations in force share a state, so each state is built and analysed
    once; ``relations[k]`` are the sorted ids in force in state ``k`` that its network reads (no stake
    of an arena the model leaves out). Hand one value to both
    :func:`timeline` and :func:`graph.render.render_timeline_html` and they share its networks.
    """

    dataset: Dataset
    start: _dt.date
    end: _dt.date
    every: str
    periods: tuple[Period, ...]
    states: tuple[Network, ...]
    relations: tuple[tuple[str, ...], ...]

    def network(self, k: int) -> Network:
        """The network of period ``k``."""
        return self.states[self.periods[k].state]


def timeline_states(dataset: "Dataset | Network | TimelineStates", start: str | _dt.date | None = None,
                    end: str | _dt.date | None = None, every: str | None = None, *,
                    model: Model | None = None,
                    progress: Callable[[int, int], None] | None = None) -> TimelineStates:
    """The periods from ``start`` to ``end`` a year, quarter or month apart, each with its network.

    The periods are :func:`graph.dates.periods`; each is the snapshot on its first day. Periods
    whose relations in force are the same share one :class:`~graph.network.Network`, so a range
    of N periods builds at most N. A TimelineStates is returned as it is, with its own range and
    step (``start`` and ``end`` must then be left out). Every network is built with ``model``
    (default: a Network's own model, else :class:`~graph.network.Model`'s defaults).
    ``progress`` is called as ``progress(done, total)`` after each period is built.

    Raises
    ------
    OptionError
        When ``every`` is not a step of :data:`graph.dates.STEPS`, the range is not one
        (:func:`date_range`), or it holds more than :data:`MAX_PERIODS` periods (the message
        gives the count, and a coarser step that fits).

    Examples
    --------
    >>> from graph import load
    >>> states = timeline_states(load(), "2020", "2025")
    >>> [p.label for p in states.periods][:3], len(states.states) <= len(states.periods)
    (['2020', '2021', '2022'], True)
    """
    if isinstance(dataset, TimelineStates):
        if start is not None or end is not None:
            raise OptionError("{start} and {end} are those of the timeline states given; leave them out",
                              parameters=("start", "end"))
        if every is not None and every != dataset.every:
            raise OptionError(f"{{every}} '{every}' is not the step of the timeline states given "
                              f"('{dataset.every}'); leave it out", parameters=("every",))
        return dataset
    if isinstance(dataset, Network):  # a range is read from the whole dataset, not one day of it
        model = model or dataset.model
        dataset = dataset.whole
    every = STEPS[0] if every is None else every
    if every not in STEPS:
        raise OptionError(f"{{every}} '{every}' is not a step; choose one of: {', '.join(STEPS)}",
                          parameters=("every",))
    first, last = date_range(start, end)
    _check_count(first, last, every)
    resolved = (model or Model()).resolved(dataset)
    keys: dict[tuple[str, ...], int] = {}
    states: list[Network] = []
    found = []
    days = periods(first, last, every)
    for day in days:
        snap = dataset.snapshot(day)
        # keyed by what the layers read: a stake of an arena left out changes no network
        key = tuple(sorted(r.id for r in resolved.kept(snap).relations))
        if key not in keys:
            keys[key] = len(states)
            states.append(network(snap, model=resolved))
        found.append(Period(day, period_label(day, every), keys[key]))
        if progress:
            progress(len(found), len(days))
    return TimelineStates(dataset, first, last, every, tuple(found), tuple(states), tuple(keys))


def _graph_row(net: Network) -> tuple[dict[str, float | None], BalanceReport]:
    report = balance(net, optima=False)  # a row shows no swing: only what it outputs is computed
    snap = net.dataset
    n = len(snap.actors)
    pairs = {r.pair for r in snap.relations}
    sizes = [len(f) for f in report.split.factions] + [0, 0]
    values: dict[str, float | int | None] = {
        "actors": len({a for r in snap.relations for a in (r.source, r.target)}),
        "relations": len(snap.relations),
        "alignment_relations": sum(r.kind == "alignment" for r in snap.relations),
        "tension_relations": sum(r.kind == "tension" for r in snap.relations),
        "density": len(pairs) / (n * (n - 1) / 2) if n > 1 else 0.0,
        "triangle_balance": report.triangle_balance,
        "walk_balance": report.walk_balance,
        "frustration_index": int(report.frustration_index),
        "weighted_frustration": report.weighted_frustration,
        "frustration_score": report.frustration_score,
        "camp_1_size": sizes[0],
        "camp_2_size": sizes[1],
    }
    return values, report


def timeline(dataset: "Dataset | Network | TimelineStates", start: str | _dt.date | None = None,
             end: str | _dt.date | None = None, every: str | None = None, *,
             metrics: Sequence[str] = ("alignment_strength", "tension_strength"),
             actors: Iterable[str] | None = None, model: Model | None = None,
             progress: Callable[[int, int], None] | None = None) -> "pd.DataFrame":
    """Snapshots from ``start`` to ``end``, one per year, quarter or month, as long-format rows.

    Parameters
    ----------
    dataset : Dataset or TimelineStates
        A :class:`TimelineStates` (:func:`timeline_states`) is read with its own range and step,
        and its networks are not built again.
    start, end : date or text
        The first and last day; partial dates stand for their first day.
    every : {"year", "quarter", "month"}, optional
        The step (default: year); steps fall on calendar boundaries after the first (see
        :func:`graph.dates.periods`). Given with timeline states, it must be theirs.
    metrics : sequence of str
        Actor metrics to follow (:data:`ACTOR_METRICS`); the graph-level ones
        (:data:`GRAPH_METRICS`) are always there.
    actors : iterable of str, optional
        Follow only these actors (default: every actor in the network; an actor the model leaves
        out, such as an arena, has no values).
    model : Model, optional
        How each period's network is built (see :func:`timeline_states`).
    progress : callable, optional
        Called as ``progress(done, total)`` after each period is built (its snapshot and, the first
        time its relations are seen, its network), then after each is analysed: ``total`` is twice
        the number of periods (given timeline states, only the analysis is counted).

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` (YYYY-MM-DD, the snapshot day), ``actor`` (None for graph-level rows),
        ``metric``, ``value`` (None where a value is undefined, e.g. triangle balance without a
        triangle), sorted by period, then graph rows, then actor and metric.

    Examples
    --------
    >>> from graph import load
    >>> rows = timeline(load(), "2021", "2025", metrics=[])
    >>> rows[rows.metric == "frustration_index"].value.tolist()
    [5, 4, 4, 4, 4]
    """
    import pandas as pd

    unknown = [m for m in metrics if m not in ACTOR_METRICS]
    if unknown:
        raise OptionError(f"unknown metric '{unknown[0]}'; choose from: {', '.join(ACTOR_METRICS)}")
    built = 0 if isinstance(dataset, TimelineStates) else 1
    states = timeline_states(dataset, start, end, every, model=model,
                             progress=(lambda done, total: progress(done, 2 * total)) if progress else None)
    dataset = states.dataset
    offset, total = built * len(states.periods), (1 + built) * len(states.periods)
    chosen = sorted(set(actors)) if actors is not None else None
    # the network's actors: the agents, unless the model keeps arenas (every state has the same)
    followed = [a.id for a in states.states[0].actors] if states.states else []
    in_network = set(followed)
    if chosen is not None:
        missing = [a for a in chosen if a not in dataset.actor_ids]
        if missing:  # the id meant: an id in other case, or an actor's name (Iran → IRN)
            names = {a.name.lower(): a.id for a in dataset.actors}
            raise OptionError(unknown_value("actor", missing[0], dataset.actor_ids, names))
    wanted = [m for m in metrics if m != "camp"]
    analysed: dict[int, tuple[dict[str, Any], BalanceReport, Any]] = {}
    rows: list[dict[str, Any]] = []
    camp: dict[str, int] = {}
    shown_state = None
    for k, period in enumerate(states.periods):
        if period.state not in analysed:  # periods with the same relations share one analysis
            net = states.states[period.state]
            analysed[period.state] = (*_graph_row(net), centrality(net, metrics=wanted) if wanted else None)
        values, report, table = analysed[period.state]
        label = period.day.isoformat()
        rows += [{"period": label, "actor": None, "metric": m, "value": values[m]} for m in GRAPH_METRICS]
        if period.state != shown_state:  # camps numbered after the period before: camp 1 stays camp 1
            net = states.states[period.state]
            (_, camp), = stable_numbers([(report.split, signed_ties(net))], before=camp or None)
            shown_state = period.state
        for actor in chosen if chosen is not None else sorted(followed):
            for m in sorted(metrics):
                if actor not in in_network:
                    value = None
                elif m == "camp":
                    value = camp.get(actor, 0)
                else:
                    value = table.loc[actor, m].item()
                    value = None if value != value else value   # NaN: no tie in the metric's layer
                rows.append({"period": label, "actor": actor, "metric": m, "value": value})
        if progress:
            progress(offset + k + 1, total)
    # object columns keep None as None (not NaN) and counts as ints
    return pd.DataFrame(rows, columns=["period", "actor", "metric", "value"], dtype=object)


#: The stages :func:`diff` counts for its ``progress``: the two networks, then each day's metrics and balance.
DIFF_STAGES = 5


@dataclass(frozen=True)
class Diff:
    """What changed between two snapshots; ``to_dict()`` is the JSON of ``geograph diff``."""

    start: str
    end: str
    appeared: tuple[Relation, ...]
    ended: tuple[Relation, ...]
    changed: tuple[dict[str, Any], ...]
    movers: dict[str, list[dict[str, Any]]]
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        def rel(r: Relation) -> dict[str, Any]:
            return {"id": r.id, "source": r.source, "target": r.target, "kind": r.kind, "domain": r.domain,
                    "weight": r.weight, "since": str(r.since) if r.since else None,
                    "until": str(r.until) if r.until else None, "evidence": r.evidence}

        def side(report: Any) -> dict[str, Any]:
            return {"frustration_index": report.frustration_index,
                    "weighted_frustration": report.weighted_frustration,
                    "triangle_balance": report.triangle_balance, "factions": report.split.factions,
                    "optimal": report.optimal}

        return {"from": self.start, "to": self.end,
                "appeared": [rel(r) for r in self.appeared], "ended": [rel(r) for r in self.ended],
                "changed": list(self.changed), "movers": self.movers,
                "before": side(self.before), "after": side(self.after)}


def _pair_strengths(net: Network) -> dict[tuple[str, str], tuple[float, float]]:
    """Each related pair's combined alignment and tension, as the network's layers hold them."""
    found: dict[tuple[str, str], list[float]] = {}
    for k, g in enumerate((net.alignment, net.tension)):
        for u, v, w in g.edges(data="weight"):
            found.setdefault((u, v) if u <= v else (v, u), [0.0, 0.0])[k] = w
    return {pair: (a, t) for pair, (a, t) in found.items()}


def _moves(before: "pd.Series", after: "pd.Series", top: int) -> list[dict[str, Any]]:
    """The ``top`` actors whose rank moved most among those whose value moved (see :func:`diff`)."""
    # ranked on values rounded to 9 places: equal on paper, they may differ in the last bit
    r0 = before.round(9).rank(ascending=False, method="min")
    r1 = after.round(9).rank(ascending=False, method="min")
    moves = []
    for a in sorted(set(before.index) & set(after.index)):
        v0, v1 = before[a], after[a]
        if math.isnan(v0) or math.isnan(v1) or math.isclose(v0, v1, rel_tol=1e-9, abs_tol=1e-12):
            continue  # no value on one day, or the same value: a rank change is the others' doing
        moved = int(r0[a] - r1[a])
        if moved:
            moves.append((moved, a))
    moves.sort(key=lambda x: (-abs(x[0]), x[1]))
    return [{"actor": a, "rank_before": int(r0[a]), "rank_after": int(r1[a]), "moved_up": d,
             "before": float(before[a]), "after": float(after[a])} for d, a in moves[:top]]


def diff(dataset: Dataset | Network, start: str | _dt.date, end: str | _dt.date, *, top: int = 5,
         metrics: Sequence[str] = ("alignment_strength", "tension_strength", "betweenness", "eigenvector",
                                   "pagerank", "pn"), model: Model | None = None,
         progress: Callable[[int, int], None] | None = None) -> Diff:
    """The difference between the snapshots on ``start`` and ``end``.

    Reports the relations that appeared and ended, the pairs whose combined alignment or tension
    changed, for each metric the ``top`` actors whose rank moved most (rank 1 = highest value; ties
    share the better rank), and factions, frustration and triangle balance before and after.

    A rank move is listed only where the actor's own value moved: when others rise past an actor
    whose value stayed, or tied actors (many at 0) take other ranks because the tie shrank, nothing
    happened to that actor. Actors without a value on either day (no tie in the metric's layer, see
    :func:`graph.analysis.centrality.centrality`) are not ranked that day and have no move.

    Parameters
    ----------
    model : Model, optional
        How both days' networks are built; default ``Model()``, or the network's own when
        ``dataset`` is a :class:`~graph.network.Network`. The pairs' strengths and signs are
        those of its layers (a pair inside the ambivalence band has sign 0).
    metrics : sequence of str
        The metrics whose rank movers are listed; only these are computed.
    progress : callable, optional
        Called as ``progress(done, total)`` before the first of :data:`DIFF_STAGES` stages
        (``done`` 0) and after each: both networks, each day's metrics, each day's balance.

    Examples
    --------
    >>> from graph import load
    >>> d = diff(load(), "2021", "2025-03")
    >>> "aze-irn-agriculture" in {r.id for r in d.appeared}
    True
    >>> all(m["before"] != m["after"] for moves in d.movers.values() for m in moves)
    True
    """
    unknown = [m for m in metrics if m not in METRIC_NAMES]
    if unknown:
        raise OptionError(f"unknown metric '{unknown[0]}'; choose from: {', '.join(METRIC_NAMES)}")
    a_day, b_day = date_range(start, end)
    if isinstance(dataset, Network):  # two days are read from the whole dataset, not one day of it
        model = model or dataset.model
        dataset = dataset.whole
    progress = progress or _quiet
    progress(0, DIFF_STAGES)
    a_net = network(dataset, a_day, model=model)
    b_net = network(dataset, b_day, model=a_net.model)
    progress(1, DIFF_STAGES)
    a_snap, b_snap = a_net.dataset, b_net.dataset
    a_ids, b_ids = {r.id for r in a_snap.relations}, {r.id for r in b_snap.relations}
    appeared = tuple(r for r in b_snap.relations if r.id not in a_ids)
    ended = tuple(r for r in a_snap.relations if r.id not in b_ids)
    before, after = _pair_strengths(a_net), _pair_strengths(b_net)
    band = a_net.model.ambivalence

    def sign(x: float, y: float) -> int:
        return 0 if is_ambivalent(x, y, band) else (x > y) - (x < y)

    changed = []
    for pair in sorted(set(before) | set(after)):
        (a0, t0), (a1, t1) = before.get(pair, (0.0, 0.0)), after.get(pair, (0.0, 0.0))
        if not (math.isclose(a0, a1) and math.isclose(t0, t1)):
            changed.append({"source": pair[0], "target": pair[1], "alignment_before": a0, "alignment_after": a1,
                            "tension_before": t0, "tension_after": t1, "sign_before": sign(a0, t0),
                            "sign_after": sign(a1, t1)})
    c0 = centrality(a_net, metrics=metrics)
    progress(2, DIFF_STAGES)
    c1 = centrality(b_net, metrics=metrics)
    progress(3, DIFF_STAGES)
    movers = {m: _moves(c0[m], c1[m], top) for m in metrics}
    before = balance(a_net)
    progress(4, DIFF_STAGES)
    after = balance(b_net)
    progress(5, DIFF_STAGES)
    return Diff(a_day.isoformat(), b_day.isoformat(), appeared, ended, tuple(changed), movers, before, after)


def _quiet(done: int, total: int) -> None:
    """A ``progress`` that shows nothing."""

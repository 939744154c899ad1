"""How sure each conclusion is: the dataset drawn many times within its stated uncertainty.

Every relation says how sure its author was (``confidence``: high, medium or low). A conclusion
drawn from the data as given — Azerbaijan's camp, the sign of a pair, who ranks first — may hold
only because each weight sits where it was written. :func:`robustness` redraws the dataset many
times within that uncertainty, recomputes the conclusions on every draw, and says how often each
one holds: the method of Borgatti, Carley & Krackhardt (2006), who measured how centrality ranks
survive edges that are wrong or missing, applied here to every figure geograph reports.

The draws (the tool's declared assumption, :data:`BANDS` and :data:`DROP`)
    Each relation in force keeps its kind and pair; its weight is drawn uniformly within ±0.1 of
    the stated weight when its confidence is high, ±0.2 when medium and ±0.3 when low, and kept in
    ``[MIN_WEIGHT, 1]``. Each low-confidence relation is also left out, independently, with
    probability 0.5: it may simply not be true. The layers of each draw are then built from the
    drawn relations exactly as from the data (:func:`graph.network.network`), with the same
    combining rule and ambivalence.

What is counted on each draw
    The two-camp split of the signed layer with the fewest contradicting ties (the frustration
    index, solved exactly, as :func:`graph.analysis.balance.balance` does), each tied pair's net
    sign, and the rank of every actor on every metric of :func:`graph.analysis.centrality.centrality`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Callable, Mapping

import networkx as nx
import numpy as np

from ..errors import OptionError
from ..metrics import METRIC_NAMES
from ..model import Dataset
from ..network import Network, network
from .balance import Split, frustration_index
from .centrality import centrality
from .cycles import signed_ties
from .optima import optimal_splits

__all__ = ["BANDS", "DROP", "MIN_WEIGHT", "NEAR", "INTERVAL", "REFERENCE", "RankInterval", "ActorCamp",
           "PairSign", "Spread", "Robustness", "robustness"]

#: Half-width of the uniform band a relation's weight is drawn in, by its confidence.
BANDS: Mapping[str, float] = MappingProxyType({"high": 0.1, "medium": 0.2, "low": 0.3})
#: The probability that a relation of this confidence is left out of a draw.
DROP: Mapping[str, float] = MappingProxyType({"low": 0.5})
#: A drawn weight never falls below this: weights are strengths in (0, 1].
MIN_WEIGHT = 0.01
#: A pair whose net is within this of zero is listed as one a small change would flip.
NEAR = 0.2
#: At most this many optimal splits of one draw are counted (each draw's share is split evenly over them).
MAX_OPTIMA = 64
#: The quantiles that bound a rank interval.
INTERVAL = (0.05, 0.95)
#: The method's reference.
REFERENCE = ("Borgatti, S. P., Carley, K. M. & Krackhardt, D. (2006). On the robustness of centrality measures "
             "under conditions of imperfect data. Social Networks 28:124. doi:10.1016/j.socnet.2005.05.001")


@dataclass(frozen=True)
class RankInterval:
    """An actor's rank on one metric (1 is the largest value; equal values share the best rank).

    ``rank`` is in the data as given; ``low`` and ``high`` bound it in 90 % of the draws (their
    5th and 95th percentiles, ranks actually drawn). None where the actor has no value.
    """

    rank: int | None
    low: int | None
    high: int | None

    def to_dict(self) -> dict[str, int | None]:
        return {"rank": self.rank, "low": self.low, "high": self.high}


@dataclass(frozen=True)
class ActorCamp:
    """An actor's camp across the draws, and its rank intervals.

    Camps are numbered as in the split of the data as given (1 is its larger camp). ``camp`` is the
    modal camp over the draws, ``camp_probability`` the share of all draws that put the actor
    there, ``unplaced`` the share in which it has no signed tie (so the two add up to at most 1).
    """

    id: str
    camp: int | None
    camp_probability: float | None
    unplaced: float
    baseline: int | None
    ranks: Mapping[str, RankInterval]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "camp": self.camp, "camp_probability": self.camp_probability,
                "unplaced": self.unplaced, "baseline_camp": self.baseline,
                "ranks": {m: r.to_dict() for m, r in self.ranks.items()}}


@dataclass(frozen=True)
class PairSign:
    """A tied pair: its strengths as given, and how often each net sign came out.

    ``p_positive + p_negative + p_ambivalent + p_absent == 1``: ambivalent draws are those where
    the pair's alignment and tension cancel (it is in the signed layer's ``ambivalent`` list),
    absent ones those where every relation of the pair was left out. ``same_camp`` is the share of
    draws that put both actors in one camp.
    """

    source: str
    target: str
    alignment: float
    tension: float
    sign: int
    p_positive: float
    p_negative: float
    p_ambivalent: float
    p_absent: float
    same_camp: float

    @property
    def net(self) -> float:
        """Alignment minus tension, as given."""
        return self.alignment - self.tension

    @property
    def flip(self) -> float:
        """The strength that cancels the net sign: add it to the weaker side or take it from the
        stronger; any more turns the sign over."""
        return abs(self.net)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "p_positive": self.p_positive,
                "p_negative": self.p_negative, "p_ambivalent": self.p_ambivalent, "p_absent": self.p_absent,
                "same_camp": self.same_camp, "sign": self.sign, "alignment": self.alignment,
                "tension": self.tension, "net": self.net, "flip": self.flip}


@dataclass(frozen=True)
class Spread:
    """A figure's distribution over the draws, beside its value in the data as given.

    Quantiles are values actually drawn (numpy's ``inverted_cdf``); ``histogram`` counts the
    draws of each value (whole numbers only, else empty).
    """

    baseline: float
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    mean: float
    histogram: tuple[tuple[float, int], ...] = ()

    @classmethod
    def of(cls, baseline: float, values: np.ndarray, *, counts: bool = False) -> "Spread":
        q = np.quantile(values, [0.25, 0.5, 0.75], method="inverted_cdf")
        histogram = ()
        if counts:
            found, n = np.unique(values, return_counts=True)
            histogram = tuple((float(v), int(k)) for v, k in zip(found, n))
        return cls(float(baseline), float(values.min()), float(q[0]), float(q[1]), float(q[2]), float(values.max()),
                   float(values.mean()), histogram)

    def to_dict(self) -> dict[str, Any]:
        whole = int if self.histogram else float  # a count of ties is written as one
        return {"baseline": whole(self.baseline), "min": whole(self.minimum), "q1": whole(self.q1),
                "median": whole(self.median), "q3": whole(self.q3), "max": whole(self.maximum), "mean": self.mean,
                "histogram": [{"value": whole(v), "draws": k} for v, k in self.histogram]}


@dataclass(frozen=True, eq=False)
class Robustness:
    """Everything :func:`robustness` finds; ``to_dict()`` is the JSON of ``geograph robustness``."""

    at: str | None
    samples: int
    seed: int
    weighted: bool
    bands: Mapping[str, float]
    drop: Mapping[str, float]
    actors: tuple[ActorCamp, ...]
    pairs: tuple[PairSign, ...]
    frustration: Spread
    weighted_frustration: Spread | None
    metrics: tuple[str, ...]
    unproven: int = 0
    #: how the layers were built (graph.network.Model.describe), for the report to state
    model: str = ""
    #: per draw, its optimal splits (rows) oriented to the data's: camp index per actor, -1 unplaced
    camp_draws: list = field(default_factory=list, repr=False)

    def actor(self, actor_id: str) -> ActorCamp:
        """One actor's figures (``KeyError`` when it is not in the network)."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    def pair(self, a: str, b: str) -> PairSign:
        """One tied pair's figures, either order (``KeyError`` when the pair has no tie)."""
        key = (a, b) if a <= b else (b, a)
        for p in self.pairs:
            if (p.source, p.target) == key:
                return p
        raise KeyError(key)

    def same_camp(self, a: str, b: str) -> float:
        """The share of draws that put actors ``a`` and ``b`` in one camp (tied or not)."""
        ids = [x.id for x in self.actors]
        if a not in ids or b not in ids:
            raise KeyError(a if a not in ids else b)
        return _together(self.camp_draws, ids.index(a), ids.index(b))

    @property
    def fragile(self) -> tuple[PairSign, ...]:
        """The tied pairs whose net is within :data:`NEAR` of zero, the closest first."""
        near = [p for p in self.pairs if p.flip <= NEAR + 1e-9]  # 0.5 - 0.3 is 0.2 to the eye
        return tuple(sorted(near, key=lambda p: (p.flip, p.source, p.target)))

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (``samples``, ``seed``, ``actors``, ``pairs``), then the other figures."""
        return {
            "samples": self.samples,
            "seed": self.seed,
            "actors": [a.to_dict() for a in self.actors],
            "pairs": [p.to_dict() for p in self.pairs],
            "at": self.at,
            "weighted": self.weighted,
            "frustration_index": self.frustration.to_dict(),
            "weighted_frustration": self.weighted_frustration.to_dict() if self.weighted_frustration else None,
            "unproven": self.unproven,
            "fragile": [{"source": p.source, "target": p.target, "net": p.net, "flip": p.flip} for p in self.fragile],
            "metrics": list(self.metrics),
            "model": self.model,
            "method": {"bands": dict(self.bands), "drop": dict(self.drop), "min_weight": MIN_WEIGHT,
                       "near": NEAR, "interval": list(INTERVAL), "reference": REFERENCE},
        }


def _quiet(done: int, total: int) -> None:
    """A ``progress`` that shows nothing."""


def _check(samples: int, seed: int, bands: Mapping[str, float], drop: Mapping[str, float]) -> None:
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise OptionError(f"{{samples}} must be a whole number of at least 1, got {samples!r}", parameters=("samples",))
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise OptionError(f"{{seed}} must be a whole number of at least 0, got {seed!r}", parameters=("seed",))
    for name, table in (("bands", bands), ("drop", drop)):
        for key, value in table.items():
            if not 0 <= value <= 1:
                raise OptionError(f"{{{name}}} for {key} confidence must be in [0, 1], got {value}",
                                  parameters=(name,))


def _draw_weights(relations: tuple, bands: Mapping[str, float], drop: Mapping[str, float], samples: int,
                  seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Each draw's weights (samples × relations) and which relations it keeps.

    One ``(samples, relations, 2)`` block of uniforms from ``numpy.random.default_rng(seed)``: draw
    ``k`` is the same whatever the number of samples, so a longer run extends a shorter one.
    """
    unknown = sorted({r.confidence for r in relations} - set(bands))
    if unknown:
        raise OptionError(f"no weight band for confidence {', '.join(map(repr, unknown))}; {{bands}} gives one for: "
                          f"{', '.join(sorted(bands))}", parameters=("bands",))
    weight = np.array([r.weight for r in relations], dtype=float)
    band = np.array([bands[r.confidence] for r in relations], dtype=float)
    leave = np.array([drop.get(r.confidence, 0.0) for r in relations], dtype=float)
    u = np.random.default_rng(seed).random((samples, len(relations), 2))
    weights = np.clip(weight + band * (2 * u[:, :, 0] - 1), MIN_WEIGHT, 1.0)
    return weights, u[:, :, 1] >= leave


def _orient(side: Mapping[str, int], components: list[set[str]], base: Mapping[str, int]) -> dict[str, int]:
    """A draw's split with each connected part's camps swapped where that agrees with ``base`` on
    more actors: camp labels carry no meaning, and separate parts may be swapped independently."""
    out: dict[str, int] = {}
    for part in components:
        members = [n for n in part if n in side]
        agree = sum(side[n] == base[n] for n in members if n in base)
        disagree = sum(side[n] != base[n] for n in members if n in base)
        swap = disagree > agree
        for n in members:
            out[n] = 1 - side[n] if swap else side[n]
    return out


def _ranks(values: np.ndarray) -> np.ndarray:
    """Competition ranks of each column, largest first (1 + how many are larger); 0 where NaN.

    Values are rounded to 12 decimals first, so floating-point noise does not split equal values.
    """
    out = np.zeros(values.shape, dtype=np.int32)
    for j in range(values.shape[1]):
        column = np.round(values[:, j], 12)
        known = ~np.isnan(column)
        order = np.sort(-column[known])
        out[known, j] = np.searchsorted(order, -column[known], side="left") + 1
    return out


def robustness(dataset: Dataset | Network, at: str | _dt.date | None = None, *, samples: int = 500, seed: int = 0,
               model: Any = None, weighted: bool = False, bands: Mapping[str, float] = BANDS,
               drop: Mapping[str, float] = DROP, progress: Callable[[int, int], None] | None = None) -> Robustness:
    """How sure each conclusion is: camps, pair signs, ranks and frustration over seeded redraws.

    Parameters
    ----------
    dataset : Dataset or Network
        A Network is redrawn from the relations it was built from; a dataset is first taken on day
        ``at`` (default: its own snapshot day, else today).
    samples : int
        How many draws (at least 1).
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same result, to the byte.
    model : graph.network.Model, optional
        Passed to :func:`graph.network.network` for the data and for every draw.
    weighted : bool
        Count camps in the split that minimises the magnitude of contradicting ties (as
        ``balance --weighted``) rather than their number; its distribution is then reported too.
    bands, drop : mapping, optional
        Confidence → half-width of the weight band, and → probability of being left out
        (default :data:`BANDS` and :data:`DROP`).
    progress : callable, optional
        Called as ``progress(done, samples)`` before the first draw and after each.

    Returns
    -------
    Robustness
        Per actor its modal camp, ``camp_probability`` and rank intervals; per tied pair the
        probabilities of each net sign and ``flip``; the frustration index's distribution.

    Raises
    ------
    OptionError
        When ``samples`` is below 1, ``seed`` negative, a band or probability outside [0, 1], or a
        relation's confidence has no band.

    Notes
    -----
    Camp labels are arbitrary, so each draw's split is oriented to the split of the data as given
    before counting: each connected part of the draw's signed layer keeps or swaps its two camps,
    whichever agrees with the data's split on more actors (a part may be swapped alone, since no
    tie joins it to the rest; a part with none of the data's actors keeps the solver's labels).
    ``camp`` is then the camp most draws give the actor (the data's camp on a tie).

    The split minimises the number of contradicting ties, exactly, as ``geograph balance`` does;
    where several splits tie for the fewest, each draw counts every one of them equally (up to
    :data:`MAX_OPTIMA`, :func:`graph.analysis.optima.optimal_splits`), so no tie-break of the
    solver decides a camp: an actor the data leave free shows 50 %. The optima depend only on the
    signs, so they are found once per distinct sign pattern among the draws. With ``weighted`` the
    weighted split of each draw is counted alone.

    Ranks are competition ranks, largest value first. A pair's ``flip`` is read from its combined
    strengths as given: ``|alignment − tension|`` of strength added to the weaker side (or taken
    from the stronger) cancels its net sign; more turns it over. How much one record's weight must
    change to move the strength that far depends on the combining rule (see :mod:`graph.network`).

    References
    ----------
    Borgatti, S. P., Carley, K. M. & Krackhardt, D. (2006). On the robustness of centrality
    measures under conditions of imperfect data. Social Networks 28:124.
    doi:10.1016/j.socnet.2005.05.001

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABC"), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 0.9, confidence="high"),
    ...     Relation("bc", "B", "C", False, "tension", "security", 0.8, confidence="high"),
    ...     Relation("ac", "A", "C", False, "tension", "security", 0.8, confidence="high")))
    >>> r = robustness(ds, at="2025", samples=20)
    >>> [(a.id, a.camp, a.camp_probability) for a in r.actors]
    [('A', 1, 1.0), ('B', 1, 1.0), ('C', 2, 1.0)]
    >>> r.pair("A", "B").p_positive, r.frustration.maximum
    (1.0, 0.0)
    """
    _check(samples, seed, bands, drop)
    progress = progress or _quiet
    net = network(dataset, at, model=model)
    snap = net.dataset
    # a draw is built with the data's own model (a Network's, when one is given), never the defaults
    build = (lambda d: network(d, model=net.model)) if snap.at is not None else (lambda d: Network.of(d, net.model))
    weights, keep = _draw_weights(snap.relations, bands, drop, samples, seed)
    progress(0, samples)

    counts: dict[tuple, Split] = {}
    optima: dict[tuple, tuple[Mapping[str, int], ...]] = {}

    def key_of(draw: Network) -> tuple:
        return tuple((t.source, t.target, t.sign) for t in signed_ties(draw))

    def count_split(draw: Network) -> Split:
        key = key_of(draw)
        if key not in counts:
            counts[key] = frustration_index(draw)
        return counts[key]

    def optimal_sides(draw: Network, split: Split) -> tuple[Mapping[str, int], ...]:
        """Every optimal split of the draw (the count objective), or the weighted split alone."""
        if weighted:
            return (split.side,)
        key = key_of(draw)
        if key not in optima:  # the optima depend on the signs only: once per sign pattern
            found = optimal_splits(signed_ties(draw), reference=split.side, max_splits=MAX_OPTIMA)
            optima[key] = found.splits or (split.side,)
        return optima[key]

    def split_of(draw: Network) -> tuple[Split, Split]:
        count = count_split(draw)
        return count, frustration_index(draw, weighted=True) if weighted else count

    base_count, base_split = split_of(net)
    actors = sorted(net.signed.nodes)
    column = {a: i for i, a in enumerate(actors)}
    base_side = dict(base_split.side)
    first = base_split.factions[0][0] if base_split.side else None
    if first is not None and base_side[first] == 1:  # camp 1 is the data's larger camp, as balance lists it
        base_side = {n: 1 - s for n, s in base_side.items()}
    pair_keys = sorted({tuple(sorted(e)) for g in (net.alignment, net.tension) for e in g.edges()})
    pair_column = {p: i for i, p in enumerate(pair_keys)}
    metrics = tuple(METRIC_NAMES)
    base_ranks = _rank_table(centrality(net), actors, metrics)

    # per draw, every optimal split oriented to the data's: rows are optima, -1 where unplaced
    camp_draws: list[np.ndarray] = []
    sign_draws = np.full((samples, len(pair_keys)), 2, dtype=np.int8)  # 2: absent; 0 ambivalent; ±1
    rank_draws = np.zeros((samples, len(actors), len(metrics)), dtype=np.int32)
    frustration = np.zeros(samples)
    weighted_frustration = np.zeros(samples)
    unproven = 0
    for k in range(samples):
        relations = tuple(replace(r, weight=float(w)) for r, w, kept in zip(snap.relations, weights[k], keep[k])
                          if kept)
        draw = build(replace(snap, relations=relations))
        count, split = split_of(draw)
        frustration[k] = count.frustration
        weighted_frustration[k] = split.frustration
        unproven += not (count.optimal and split.optimal)
        parts = list(nx.connected_components(draw.signed))
        sides = optimal_sides(draw, split)
        table = np.full((len(sides), len(actors)), -1, dtype=np.int8)
        for row, side in enumerate(sides):
            for n, c in _orient(side, parts, base_side).items():
                if n in column:
                    table[row, column[n]] = c
        camp_draws.append(table)
        g = draw.signed
        for a, b, d in g.edges(data=True):
            key = (a, b) if a <= b else (b, a)
            if key in pair_column:
                sign_draws[k, pair_column[key]] = d["sign"]
        for key in g.graph.get("ambivalent", ()):
            if tuple(key) in pair_column:
                sign_draws[k, pair_column[tuple(key)]] = 0
        rank_draws[k] = _rank_table(centrality(draw), actors, metrics)
        progress(k + 1, samples)

    return Robustness(
        at=snap.at.isoformat() if snap.at else None,
        samples=samples, seed=int(seed), weighted=weighted,
        bands=MappingProxyType(dict(sorted(bands.items()))), drop=MappingProxyType(dict(sorted(drop.items()))),
        actors=tuple(_actor(a, _shares(camp_draws, i), base_side.get(a), base_ranks[i], rank_draws[:, i], metrics)
                     for i, a in enumerate(actors)),
        pairs=tuple(_pair(p, net, sign_draws[:, j], _together(camp_draws, column[p[0]], column[p[1]]))
                    for j, p in enumerate(pair_keys)),
        frustration=Spread.of(base_count.frustration, frustration, counts=True),
        weighted_frustration=Spread.of(base_split.frustration, weighted_frustration) if weighted else None,
        metrics=metrics, unproven=unproven, camp_draws=camp_draws, model=net.model.describe(),
    )


def _rank_table(frame: Any, actors: list[str], metrics: tuple[str, ...]) -> np.ndarray:
    """Ranks (actors × metrics) of a centrality report, 0 for an actor without a value."""
    if list(frame.index) != actors:  # the report covers the network's actors; reindex only when it differs
        frame = frame.reindex(actors)
    values = frame[list(metrics)].to_numpy(dtype=float, na_value=np.nan)
    return _ranks(values)


def _shares(draws: list[np.ndarray], i: int) -> np.ndarray:
    """Per draw, the share of its optimal splits that put actor ``i`` in camp 1 and in camp 2
    (rows: draws; 0, 0 where it has no signed tie)."""
    return np.array([[np.mean(t[:, i] == 0), np.mean(t[:, i] == 1)] for t in draws]).reshape(len(draws), 2)


def _together(draws: list[np.ndarray], i: int, j: int) -> float:
    """The share of draws (each split evenly over its optimal splits) that put ``i`` and ``j`` in one camp."""
    return float(np.mean([np.mean((t[:, i] >= 0) & (t[:, i] == t[:, j])) for t in draws])) if draws else 0.0


def _actor(actor: str, shares: np.ndarray, baseline: int | None, base_ranks: np.ndarray, ranks: np.ndarray,
           metrics: tuple[str, ...]) -> ActorCamp:
    samples = len(shares)
    placed = shares.sum(axis=1) > 0
    ones, twos = float(np.sum(shares[:, 0])), float(np.sum(shares[:, 1]))
    if ones + twos == 0:
        camp, probability = None, None
    else:
        side = 0 if ones > twos else 1 if twos > ones else (baseline if baseline is not None else 0)
        camp, probability = side + 1, (ones if side == 0 else twos) / samples
    intervals = {}
    for j, metric in enumerate(metrics):
        drawn = ranks[:, j][ranks[:, j] > 0]
        rank = int(base_ranks[j]) or None
        if len(drawn):
            low, high = (int(x) for x in np.quantile(drawn, INTERVAL, method="inverted_cdf"))
        else:
            low = high = None
        intervals[metric] = RankInterval(rank, low, high)
    return ActorCamp(actor, camp, probability, float(np.mean(~placed)),
                     None if baseline is None else baseline + 1, MappingProxyType(intervals))


def _pair(key: tuple[str, str], net: Network, signs: np.ndarray, together: float) -> PairSign:
    a, b = key
    plus = net.alignment[a][b]["weight"] if net.alignment.has_edge(a, b) else 0.0
    minus = net.tension[a][b]["weight"] if net.tension.has_edge(a, b) else 0.0
    sign = net.signed[a][b]["sign"] if net.signed.has_edge(a, b) else 0
    share = lambda mask: float(np.mean(mask))  # noqa: E731
    return PairSign(a, b, float(plus), float(minus), int(sign), share(signs == 1), share(signs == -1),
                    share(signs == 0), share(signs == 2), together)

"""Structural balance of the signed layer: signed triangles, walks, the frustration index, factions.

Balance theory (Heider 1946; Cartwright & Harary 1956): a signed graph is balanced when its actors
split into two camps with every positive tie inside a camp and every negative tie between them.
Real graphs rarely are; these measures say how far they are, and where the strain lies.

Every measure here reads the ``signed`` layer of :mod:`graph.network`: one tie per pair, with the
pair's net sign (alignment minus tension) and its magnitude. Unweighted measures use the signs
only (as signnet does); weighted ones use sign × magnitude. The ties, triangles and walks are in
:mod:`graph.analysis.cycles` (and importable from here); this module adds the frustration index,
:func:`balance_score` and the report of :func:`balance`.
"""

from __future__ import annotations

import datetime as _dt
import math
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import networkx as nx
import numpy as np

from ..choices import BALANCE_METHODS
from ..errors import OptionError
from ..model import Dataset
from ..network import Network, network
from .optima import Optima, k_camp_program, optimal_splits, two_camp_program
from .cycles import TRIAD_TYPES, SignedTie, Triad, signed_ties, signed_triangles, triads, triangle_balance, walk_balance

__all__ = [
    "TRIAD_TYPES",
    "BALANCE_METHODS",
    "BALANCE_SCORES",
    "SignedTie",
    "Triad",
    "Split",
    "BalanceReport",
    "Optima",
    "signed_ties",
    "signed_triangles",
    "triangle_balance",
    "walk_balance",
    "frustrated_ties",
    "frustration_index",
    "frustration",
    "balance_score",
    "balance",
    "optimal_splits",
]

#: The measures of :func:`balance_score` (signnet's ``balance_score(g, method = ...)``).
BALANCE_SCORES = ("triangles", "walk", "frustration")


# ---------------------------------------------------------------------------------------------
# the frustration index


@dataclass(frozen=True)
class Split:
    """A split of the actors into camps, and how far the signed layer is from fitting it.

    ``frustration`` is the number of ties that contradict the split (or their total magnitude when
    ``weighted``); ``lower_bound`` is what is proven about the minimum: equal to ``frustration``
    when ``optimal``.
    """

    camps: int
    weighted: bool
    frustration: float
    lower_bound: float
    optimal: bool
    method: str
    side: Mapping[str, int]
    frustrated: tuple[SignedTie, ...]

    @property
    def factions(self) -> list[list[str]]:
        """The camps as sorted lists of actor ids, largest first (ties: by first id)."""
        groups: dict[int, list[str]] = {}
        for actor, camp in self.side.items():
            groups.setdefault(camp, []).append(actor)
        return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))


def frustrated_ties(ties: Iterable[SignedTie], side: Mapping[str, int]) -> tuple[SignedTie, ...]:
    """The ties that contradict a split (positive between camps, negative within one), heaviest first.

    Examples
    --------
    >>> ties = [SignedTie("A", "B", 1, 0.5), SignedTie("A", "C", -1, 1.0)]
    >>> frustrated_ties(ties, {"A": 0, "B": 1, "C": 1})
    (SignedTie(source='A', target='B', sign=1, weight=0.5),)
    """
    bad = [t for t in ties if (side[t.source] == side[t.target]) != (t.sign > 0)]
    return tuple(sorted(bad, key=lambda t: (-t.weight, t.source, t.target)))


def frustration_index(dataset: Dataset | Network, *, weighted: bool = False, camps: int = 2,
                      method: str = "exact", time_limit: float = 60.0, seed: int = 0) -> Split:
    """The frustration index and the split that attains it (also importable as ``frustration``).

    The frustration index L is the fewest ties whose sign contradicts a split of the actors into
    two camps (positive ties between camps, negative ties within one); the weighted version is the
    least total magnitude of such ties. With ``camps=k`` the split may use up to k camps
    (generalised balance, Davis 1967).

    Parameters
    ----------
    dataset : Dataset or Network
        Read through its signed layer (a Network's as built, a dataset's relations as given).
    weighted : bool
        Minimise the total magnitude of the contradicting ties instead of their number.
    camps : int
        Up to this many camps (2 or more).
    method : {"exact", "heuristic"}
        ``exact`` solves a mixed-integer program with HiGHS (``scipy.optimize.milp``) and says
        whether optimality was proven within ``time_limit`` seconds; where it was not, the best
        split found and the solver's lower bound are reported. ``heuristic`` runs seeded local
        search from a spectral start and bounds L from below by a packing of edge-disjoint
        unbalanced triangles: fast on graphs too large for the exact solver.
    time_limit : float
        Seconds for the whole exact solve.
    seed : int
        Seed of the heuristic's random restarts.

    Notes
    -----
    The index adds up over the biconnected components (blocks) of the signed layer, since every
    cycle lies in one block; each block is solved on its own and the splits are joined at the cut
    vertices. The two-camp program is the binary linear model of Aref, Mason & Wilson (2018):
    one binary per actor, one continuous product variable per tie, and one actor of the largest
    degree fixed to break the symmetry of swapping the camps.

    References
    ----------
    Aref, S., Mason, A. J. & Wilson, M. C. (2018). An exact method for computing the frustration
    index in signed networks using binary programming. arXiv:1611.09030.
    Davis, J. A. (1967). Clustering and structural balance in graphs. Human Relations 20:181.
    doi:10.1177/001872676702000206

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> A = tuple(Actor(x, x, "state") for x in "ABC")
    >>> ds = Dataset(actors=A, relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("bc", "B", "C", False, "alignment", "economic", 0.5),
    ...     Relation("ac", "A", "C", False, "tension", "security", 0.25)))
    >>> s = frustration_index(ds)
    >>> s.frustration, s.optimal
    (1.0, True)
    >>> frustration_index(ds, weighted=True).frustrated[0].weight    # the weakest tie takes the strain
    0.25
    """
    _check_split(camps, method)
    return _solve(signed_ties(dataset), weighted=weighted, camps=camps, method=method, time_limit=time_limit,
                  seed=seed)


#: Today's name of :func:`frustration_index`, kept so no caller breaks.
frustration = frustration_index


def _check_split(camps: int, method: str) -> None:
    if method not in BALANCE_METHODS:
        raise OptionError(f"unknown method '{method}'; choose one of: {', '.join(BALANCE_METHODS)}")
    if camps < 2:
        raise OptionError(f"{{camps}} must be at least 2, got {camps}", parameters=("camps",))


def _solve(ties: list[SignedTie], *, weighted: bool, camps: int, method: str, time_limit: float,
           seed: int) -> Split:
    """The best split of the signed ties: one solve of the frustration index (tests count them)."""
    g = nx.Graph()
    for t in ties:
        g.add_edge(t.source, t.target, sign=t.sign, w=t.weight if weighted else 1.0)
    deadline = time.monotonic() + time_limit
    side: dict[str, int] = {}
    lower = 0.0
    optimal = True
    node_blocks: dict[str, list[int]] = {}
    blocks = [sorted(b) for b in nx.biconnected_components(g)]
    blocks.sort(key=lambda b: (-len(b), b))
    for i, block in enumerate(blocks):
        for n in block:
            node_blocks.setdefault(n, []).append(i)
    solved: list[dict[str, int] | None] = [None] * len(blocks)
    for i, block in enumerate(blocks):
        sub = g.subgraph(block)
        if sub.number_of_edges() == 1:
            (u, v), = sub.edges()
            solved[i] = {u: 0, v: 0 if sub[u][v]["sign"] > 0 else 1}
            continue
        if method == "exact":
            remaining = max(0.5, deadline - time.monotonic())
            part, bound, proven = _solve_exact(sub, camps, remaining)
            if part is None:  # no feasible point within the time: fall back to the heuristic
                part, bound = _solve_heuristic(sub, camps, seed)
        else:
            part, bound = _solve_heuristic(sub, camps, seed)
            proven = False
        solved[i] = part
        lower += bound
        optimal = optimal and proven
    side = _join(blocks, solved, node_blocks, camps)
    bad = frustrated_ties(ties, side)
    value = sum(t.weight for t in bad) if weighted else float(len(bad))
    if method == "heuristic":
        optimal = math.isclose(value, lower, abs_tol=1e-9)
    if optimal:
        lower = value
    return Split(camps, weighted, value, lower, optimal, method, dict(sorted(side.items())), bad)


def _join(blocks: list[list[str]], solved: list[dict[str, int] | None], node_blocks: dict[str, list[int]],
          camps: int) -> dict[str, int]:
    """Join block splits at their cut vertices: relabel each block so shared actors agree."""
    side: dict[str, int] = {}
    done = [False] * len(blocks)
    for start in range(len(blocks)):
        if done[start]:
            continue
        queue = [start]
        done[start] = True
        while queue:
            i = queue.pop(0)
            part = solved[i] or {}
            anchor = next((n for n in blocks[i] if n in side), None)
            relabel = {c: c for c in range(camps)}
            if anchor is not None and part[anchor] != side[anchor]:
                a, b = part[anchor], side[anchor]
                relabel[a], relabel[b] = b, a
            for n in blocks[i]:
                side.setdefault(n, relabel[part[n]])
                for j in node_blocks[n]:
                    if not done[j]:
                        done[j] = True
                        queue.append(j)
    return side


def _solve_exact(g: nx.Graph, camps: int, time_limit: float) -> tuple[dict[str, int] | None, float, bool]:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    nodes = sorted(g, key=lambda n: (-g.degree(n), n))
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted((index[u], index[v], d["sign"], d["w"]) for u, v, d in g.edges(data=True))
    n, m = len(nodes), len(edges)
    if camps == 2:
        c, constant, rows, cols, vals, lb, ub = two_camp_program(n, edges)
        integrality = np.r_[np.ones(n), np.zeros(m)]
        low = np.zeros(n + m)
        high = np.ones(n + m)
        low[0] = 1  # the busiest actor sits in camp 1: swapping the camps gives nothing new
    else:
        k = camps
        nz = n * k
        c, constant, rows, cols, vals, lb, ub = k_camp_program(n, k, edges)
        integrality = np.r_[np.ones(nz), np.zeros(m)]
        low = np.zeros(nz + m)
        high = np.r_[np.ones(nz), np.ones(m)]
        for i in range(n):  # actor i may only open camps 0..i: labels carry no meaning
            for q in range(i + 1, k):
                high[i * k + q] = 0
    a = coo_array((vals, (rows, cols)), shape=(len(lb), len(c))).tocsr()
    res = milp(c, constraints=LinearConstraint(a, lb, ub), integrality=integrality, bounds=Bounds(low, high),
               options={"time_limit": time_limit, "disp": False, "mip_rel_gap": 0})
    if res.x is None:
        return None, 0.0, False
    x = np.round(res.x).astype(int)
    if camps == 2:
        part = {nodes[i]: int(x[i]) for i in range(n)}
    else:
        part = {nodes[i]: int(np.argmax(x[i * camps:(i + 1) * camps])) for i in range(n)}
    proven = res.status == 0
    bound = float(res.fun) + constant if proven else float(getattr(res, "mip_dual_bound", 0.0) or 0.0) + constant
    return part, max(0.0, bound), proven


def _cost(g: nx.Graph, side: Mapping[str, int]) -> float:
    return sum(d["w"] for u, v, d in g.edges(data=True) if (side[u] == side[v]) != (d["sign"] > 0))


def _local_search(g: nx.Graph, side: dict[str, int], camps: int) -> dict[str, int]:
    """Move one actor at a time to the camp that frees the most strain, until none helps."""
    improved = True
    while improved:
        improved = False
        for n in sorted(g):
            gains = []
            for q in range(camps):
                delta = 0.0
                for v, d in g[n].items():
                    before = (side[n] == side[v]) != (d["sign"] > 0)
                    after = (q == side[v]) != (d["sign"] > 0)
                    delta += d["w"] * (after - before)
                gains.append((delta, q))
            best = min(gains)
            if best[0] < -1e-12:
                side[n] = best[1]
                improved = True
    return side


def _solve_heuristic(g: nx.Graph, camps: int, seed: int, restarts: int = 20) -> tuple[dict[str, int], float]:
    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    a = np.zeros((len(nodes), len(nodes)))
    for u, v, d in g.edges(data=True):
        a[index[u], index[v]] = a[index[v], index[u]] = d["sign"] * d["w"]
    vector = np.linalg.eigh(a)[1][:, -1]
    starts = [{n: int(vector[index[n]] < 0) for n in nodes}]
    rng = np.random.default_rng(seed)
    starts += [{n: int(rng.integers(camps)) for n in nodes} for _ in range(restarts)]
    best, best_cost = None, math.inf
    for start in starts:
        result = _local_search(g, dict(start), camps)
        cost = _cost(g, result)
        if cost < best_cost - 1e-12:
            best, best_cost = result, cost
    return best, _triangle_packing_bound(g) if camps == 2 else 0.0


def _triangle_packing_bound(g: nx.Graph) -> float:
    """A lower bound on the frustration index: each unbalanced triangle needs one of its ties cut,
    so edge-disjoint ones need distinct ties (the lightest tie of each, when weighted)."""
    used: set[frozenset[str]] = set()
    bound = 0.0
    for triad in triads(g.__class__(g)):
        if triad.balanced:
            continue
        u, v, w = triad.members
        pairs = [frozenset(p) for p in ((u, v), (u, w), (v, w))]
        if any(p in used for p in pairs):
            continue
        used.update(pairs)
        bound += min(g[a][b]["w"] for a, b in ((u, v), (u, w), (v, w)))
    return bound


# ---------------------------------------------------------------------------------------------
# the report


@dataclass(frozen=True)
class BalanceReport:
    """Everything :func:`balance` finds; ``to_dict()`` is the JSON of ``geograph balance``."""

    at: str | None
    nodes: int
    edges: int
    positive: int
    negative: int
    triangles: Mapping[str, int]
    unbalanced_triads: tuple[Triad, ...]
    triangle_balance: float | None
    walk_balance: float
    frustration_index: float
    weighted_frustration: float
    split: Split
    unplaced: tuple[str, ...] = field(default=())
    optima: Optima | None = None
    frustration_index_two_camps: float | None = None
    weighted_frustration_two_camps: float | None = None
    ambivalent: tuple[Mapping[str, Any], ...] = field(default=())
    #: how the layers were built (graph.network.Model.describe), for the report to state
    model: str = ""

    @property
    def frustration_score(self) -> float:
        """signnet's normalised score ``1 - L / (m / 2)``; 1 when balanced."""
        return 1 - self.frustration_index / (self.edges / 2) if self.edges else 1.0

    @property
    def two_camps(self) -> float:
        """The two-camp frustration index (``frustration_index`` is the K-camp one with ``camps=K``)."""
        return self.frustration_index if self.frustration_index_two_camps is None else self.frustration_index_two_camps

    @property
    def optimal(self) -> bool:
        """Whether the reported split and indices are proven optimal."""
        return self.split.optimal

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: the keys listed in the README, then extra detail keys."""
        optima = self.optima.to_dict() if self.optima else {}
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "positive": self.positive,
            "negative": self.negative,
            "triangles": dict(self.triangles),
            "triangle_balance": self.triangle_balance,
            "walk_balance": self.walk_balance,
            "frustration_index": int(self.frustration_index),  # a count of ties
            "weighted_frustration": self.weighted_frustration,
            "frustration_score": self.frustration_score,
            "optimal": self.optimal,
            "factions": self.split.factions,
            "frustrated": [t.to_dict() for t in self.split.frustrated],
            "at": self.at,
            "camps": self.split.camps,
            "weighted": self.split.weighted,
            "method": self.split.method,
            "lower_bound": self.split.lower_bound,
            "unbalanced_triads": [{"members": list(t.members), "signs": t.signs} for t in self.unbalanced_triads],
            "unplaced": list(self.unplaced),
            "frustration_index_two_camps": int(self.two_camps),
            "weighted_frustration_two_camps": (self.weighted_frustration if self.weighted_frustration_two_camps
                                               is None else self.weighted_frustration_two_camps),
            "ambivalent": [dict(a) for a in self.ambivalent],
            "model": self.model,
            **optima,
            "optimal_splits_camps": 2,
        }


def balance(dataset: Dataset | Network, at: str | _dt.date | None = None, *, weighted: bool = False,
            camps: int = 2, method: str = "exact", time_limit: float = 60.0, seed: int = 0,
            max_splits: int = 256) -> BalanceReport:
    """Structural balance of a snapshot: triangles, walks, frustration, factions and strained ties.

    ``frustration_index`` is the fewest contradicting ties and ``weighted_frustration`` the least
    total magnitude, both for splits into up to ``camps`` camps (the two-camp figures stay in
    ``frustration_index_two_camps`` and ``weighted_frustration_two_camps``). The reported
    ``factions`` and ``frustrated`` ties come from the split that minimises the count, or the
    magnitude when ``weighted``. Actors with no signed tie are ``unplaced``; pairs whose alignment
    and tension cancel are ``ambivalent`` (no signed tie, listed with both strengths).

    ``optima`` (:class:`~graph.analysis.optima.Optima`) says how many two-camp splits are equally
    optimal under the same objective (exact up to ``max_splits``), which actors swing between them
    (oriented against the reported two-camp split) and which ties are under strain in every
    optimum or only in some; it is always about two camps, also with ``camps`` above 2.

    A :class:`~graph.network.Network` is read as built; a dataset is first taken on day ``at``
    (default: its own snapshot day, else today). The signed layer is read once, and the frustration
    index solved once per figure: twice with two camps, four times with more.

    Examples
    --------
    >>> from graph import load
    >>> report = balance(load(), at="2025-03-01")
    >>> report.optimal, len(report.split.factions)
    (True, 2)
    >>> report.optima.count >= 1 and set(report.optima.swing) <= set(report.split.side)
    True
    """
    _check_split(camps, method)
    if max_splits < 1:
        raise OptionError(f"{{max_splits}} must be at least 1, got {max_splits}", parameters=("max_splits",))
    net = network(dataset, at)
    snap = net.dataset
    ties = signed_ties(net)
    census, unbalanced = signed_triangles(net)
    solve = dict(method=method, time_limit=time_limit, seed=seed)
    count = _solve(ties, weighted=False, camps=2, **solve)
    magnitude = _solve(ties, weighted=True, camps=2, **solve)
    two = magnitude if weighted else count
    many_count, many_magnitude = count, magnitude
    if camps > 2:
        many_count = _solve(ties, weighted=False, camps=camps, **solve)
        many_magnitude = _solve(ties, weighted=True, camps=camps, **solve)
    split = many_magnitude if weighted else many_count
    if not all(s.optimal for s in (count, magnitude, many_count, many_magnitude)):
        split = Split(split.camps, split.weighted, split.frustration, split.lower_bound, False, split.method,
                      split.side, split.frustrated)
    placed = set(split.side)
    optima = optimal_splits(ties, weighted=weighted, reference=two.side, max_splits=max_splits,
                            time_limit=time_limit)
    return BalanceReport(
        at=snap.at.isoformat() if snap.at else None,
        nodes=len(snap.actors),
        edges=len(ties),
        positive=sum(t.sign > 0 for t in ties),
        negative=sum(t.sign < 0 for t in ties),
        triangles=census,
        unbalanced_triads=tuple(unbalanced),
        triangle_balance=triangle_balance(census),
        walk_balance=walk_balance(net),
        frustration_index=many_count.frustration,
        weighted_frustration=many_magnitude.frustration,
        split=split,
        unplaced=tuple(sorted(a.id for a in snap.actors if a.id not in placed)),
        optima=optima,
        frustration_index_two_camps=count.frustration,
        weighted_frustration_two_camps=magnitude.frustration,
        ambivalent=_ambivalent(net),
        model=net.model.describe(),
    )


def _ambivalent(net: Network) -> tuple[dict[str, Any], ...]:
    """The pairs left out of the signed layer as ambivalent, with both strengths (0.0 where none)."""
    def strength(g: nx.Graph, a: str, b: str) -> float:
        return float(g[a][b]["weight"]) if g.has_edge(a, b) else 0.0

    return tuple({"source": a, "target": b, "alignment": strength(net.alignment, a, b),
                  "tension": strength(net.tension, a, b)}
                 for a, b in sorted(tuple(sorted(p)) for p in net.signed.graph.get("ambivalent", ())))


def balance_score(dataset: Dataset | Network, method: str = "triangles", *, weighted: bool = False,
                  solver: str = "exact", time_limit: float = 60.0, seed: int = 0) -> float | None:
    """One balance score in [0, 1], 1 when balanced, by signnet's name and ``method``.

    ``"triangles"`` is the share of balanced triangles (:func:`triangle_balance`; None without a
    triangle), ``"walk"`` the walk measure (:func:`walk_balance`), ``"frustration"`` the
    normalised frustration ``1 - L / (m / 2)`` of :func:`frustration_index` (``m`` ties, 1 with
    none; weighted, ``m`` is their total magnitude). ``weighted`` reads magnitudes (walk,
    frustration); ``solver``, ``time_limit`` and ``seed`` are :func:`frustration_index`'s
    ``method``, ``time_limit`` and ``seed``. The layer is read as given
    (a dataset's relations, or a Network as built): take the snapshot first with
    :func:`graph.network.network`.

    Raises
    ------
    OptionError
        When ``method`` is not one of :data:`BALANCE_SCORES`.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> A = tuple(Actor(x, x, "state") for x in "ABC")
    >>> ds = Dataset(actors=A, relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("bc", "B", "C", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0)))
    >>> balance_score(ds, "triangles"), round(balance_score(ds, "frustration"), 4)
    (0.0, 0.3333)
    """
    if method not in BALANCE_SCORES:
        raise OptionError(f"unknown balance score method '{method}'; choose one of: {', '.join(BALANCE_SCORES)}")
    net = Network.of(dataset)
    if method == "triangles":
        return triangle_balance(signed_triangles(net)[0])
    if method == "walk":
        return walk_balance(net, weighted=weighted)
    split = frustration_index(net, weighted=weighted, method=solver, time_limit=time_limit, seed=seed)
    total = net.signed.size(weight="weight") if weighted else net.signed.number_of_edges()
    return 1 - split.frustration / (total / 2) if total else 1.0

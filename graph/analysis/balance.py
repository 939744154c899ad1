"""Structural balance of the signed layer: signed triangles, walks, the frustration index, factions.

Balance theory (Heider 1946; Cartwright & Harary 1956): a signed graph is balanced when its actors
split into two camps with every positive tie inside a camp and every negative tie between them.
Real graphs rarely are; these measures say how far they are, and where the strain lies.

Every measure here reads the ``signed`` layer of :mod:`graph.network`: one tie per pair, with the
pair's net sign (alignment minus tension) and its magnitude. Unweighted measures use the signs
only (as signnet does); weighted ones use sign × magnitude.
"""

from __future__ import annotations

import datetime as _dt
import math
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import networkx as nx
import numpy as np

from ..errors import OptionError
from ..model import Dataset
from ..network import layer, snapshot

__all__ = [
    "TRIAD_TYPES",
    "SignedTie",
    "Triad",
    "Split",
    "BalanceReport",
    "signed_ties",
    "signed_triangles",
    "triangle_balance",
    "walk_balance",
    "frustration",
    "balance",
]

#: Signed triangle types, by their signs: balanced are "+++" and "+--".
TRIAD_TYPES = ("+++", "++-", "+--", "---")
_METHODS = ("exact", "heuristic")


@dataclass(frozen=True, order=True)
class SignedTie:
    """One tie of the signed layer: ``source < target``, ``sign`` ±1, ``weight`` the magnitude."""

    source: str
    target: str
    sign: int
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "sign": self.sign, "weight": self.weight}


@dataclass(frozen=True, order=True)
class Triad:
    """Three actors whose three pairs all have a net sign; ``signs`` sorted "+" first."""

    members: tuple[str, str, str]
    signs: str

    @property
    def balanced(self) -> bool:
        """An even number of negative ties: "+++" (all friends) or "+--" (two friends, one enemy)."""
        return self.signs.count("-") % 2 == 0


def _signed_graph(dataset: Dataset) -> nx.Graph:
    return layer(dataset, "signed")


def signed_ties(dataset: Dataset) -> list[SignedTie]:
    """The ties of the signed layer, sorted by pair.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")), relations=(
    ...     Relation("r", "A", "B", False, "tension", "security", 0.5),))
    >>> signed_ties(ds)
    [SignedTie(source='A', target='B', sign=-1, weight=0.5)]
    """
    g = _signed_graph(dataset)
    return sorted(SignedTie(*sorted((a, b)), d["sign"], d["weight"]) for a, b, d in g.edges(data=True))


def _triads(g: nx.Graph) -> Iterable[Triad]:
    order = {n: i for i, n in enumerate(sorted(g))}
    for u in sorted(g):
        later = [v for v in g[u] if order[v] > order[u]]
        for v in sorted(later, key=order.get):
            for w in sorted(set(g[u]) & set(g[v]), key=order.get):
                if order[w] > order[v]:
                    signs = sorted("+" if g[a][b]["sign"] > 0 else "-" for a, b in ((u, v), (u, w), (v, w)))
                    yield Triad((u, v, w), "".join(signs))


def signed_triangles(dataset: Dataset) -> tuple[dict[str, int], list[Triad]]:
    """The signed triangle census and the unbalanced triads.

    Returns
    -------
    census : dict
        Counts keyed by ``"+++"``, ``"++-"``, ``"+--"``, ``"---"``.
    unbalanced : list of Triad
        Triads with an odd number of negative ties ("++-" and "---"), sorted by members.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> A = tuple(Actor(x, x, "state") for x in "ABC")
    >>> ds = Dataset(actors=A, relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("bc", "B", "C", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0)))
    >>> census, unbalanced = signed_triangles(ds)
    >>> census["++-"], unbalanced[0].members
    (1, ('A', 'B', 'C'))
    """
    census = {t: 0 for t in TRIAD_TYPES}
    unbalanced = []
    for triad in _triads(_signed_graph(dataset)):
        census[triad.signs] += 1
        if not triad.balanced:
            unbalanced.append(triad)
    return census, unbalanced


def triangle_balance(census: Mapping[str, int]) -> float | None:
    """Share of balanced triangles, ("+++" + "+--") / all; None when there is no triangle.

    This is signnet's ``balance_score(g, method = "triangles")``.

    Examples
    --------
    >>> triangle_balance({"+++": 3, "++-": 1, "+--": 0, "---": 0})
    0.75
    """
    total = sum(census.values())
    return (census["+++"] + census["+--"]) / total if total else None


def _matrix(dataset: Dataset, weighted: bool) -> np.ndarray:
    g = _signed_graph(dataset)
    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    a = np.zeros((len(nodes), len(nodes)))
    for u, v, d in g.edges(data=True):
        value = d["sign"] * (d["weight"] if weighted else 1.0)
        a[index[u], index[v]] = a[index[v], index[u]] = value
    return a


def walk_balance(dataset: Dataset, weighted: bool = False) -> float:
    """Walk-based balance: ``tr exp(A) / tr exp(|A|)`` (Estrada & Benzi 2014).

    Closed walks of every length, each weighted by ``1/k!``, with negative walks counting against;
    1 means balanced. This is signnet's ``balance_score(g, method = "walk")``. ``A`` is the signed
    adjacency matrix of the signed layer: entries ±1, or ± magnitude when ``weighted``.

    References
    ----------
    Estrada, E. & Benzi, M. (2014). Walk-based measure of balance in signed networks: Detecting
    lack of balance in social networks. Phys. Rev. E 90, 042802. doi:10.1103/PhysRevE.90.042802

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> A = tuple(Actor(x, x, "state") for x in "AB")
    >>> walk_balance(Dataset(actors=A, relations=(Relation("r", "A", "B", False, "tension", "security", 1.0),)))
    1.0
    """
    a = _matrix(dataset, weighted)
    if a.size == 0:
        return 1.0
    signed = np.linalg.eigvalsh(a)
    absolute = np.linalg.eigvalsh(np.abs(a))
    # log-sum-exp keeps large spectra from overflowing
    return float(math.exp(_logsumexp(signed) - _logsumexp(absolute)))


def _logsumexp(values: np.ndarray) -> float:
    top = float(values.max())
    return top + math.log(float(np.exp(values - top).sum()))


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


def _frustrated(ties: Iterable[SignedTie], side: Mapping[str, int]) -> tuple[SignedTie, ...]:
    bad = [t for t in ties if (side[t.source] == side[t.target]) != (t.sign > 0)]
    return tuple(sorted(bad, key=lambda t: (-t.weight, t.source, t.target)))


def frustration(dataset: Dataset, *, weighted: bool = False, camps: int = 2, method: str = "exact",
                time_limit: float = 60.0, seed: int = 0) -> Split:
    """The frustration index and the split that attains it.

    The frustration index L is the fewest ties whose sign contradicts a split of the actors into
    two camps (positive ties between camps, negative ties within one); the weighted version is the
    least total magnitude of such ties. With ``camps=k`` the split may use up to k camps
    (generalised balance, Davis 1967).

    Parameters
    ----------
    dataset : Dataset
        Read through its signed layer.
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
    >>> s = frustration(ds)
    >>> s.frustration, s.optimal
    (1.0, True)
    >>> frustration(ds, weighted=True).frustrated[0].weight    # the weakest tie takes the strain
    0.25
    """
    if method not in _METHODS:
        raise OptionError(f"unknown method '{method}'; choose one of: {', '.join(_METHODS)}")
    if camps < 2:
        raise OptionError(f"--camps must be at least 2, got {camps}")
    ties = signed_ties(dataset)
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
    bad = _frustrated(ties, side)
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
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lb: list[float] = []
    ub: list[float] = []

    def constraint(terms: list[tuple[int, float]], low: float, high: float) -> None:
        r = len(lb)
        for c, v in terms:
            rows.append(r)
            cols.append(c)
            vals.append(v)
        lb.append(low)
        ub.append(high)

    if camps == 2:
        # x_i in {0,1}: the actor's camp; y_e in [0,1] stands for x_i * x_j.
        # positive tie frustrated: x_i + x_j - 2 y_e; negative: 1 - x_i - x_j + 2 y_e.
        c = np.zeros(n + m)
        constant = 0.0
        for e, (i, j, sign, w) in enumerate(edges):
            if sign > 0:
                c[i] += w
                c[j] += w
                c[n + e] -= 2 * w
                constraint([(n + e, 1), (i, -1)], -np.inf, 0)
                constraint([(n + e, 1), (j, -1)], -np.inf, 0)
            else:
                constant += w
                c[i] -= w
                c[j] -= w
                c[n + e] += 2 * w
                constraint([(i, 1), (j, 1), (n + e, -1)], -np.inf, 1)
        integrality = np.r_[np.ones(n), np.zeros(m)]
        low = np.zeros(n + m)
        high = np.ones(n + m)
        low[0] = 1  # the busiest actor sits in camp 1: swapping the camps gives nothing new
    else:
        # z_{i,k} in {0,1}: actor i in camp k; f_e >= 0 is the tie's frustration.
        k = camps
        nz = n * k
        c = np.r_[np.zeros(nz), np.array([w for *_, w in edges], dtype=float)]
        constant = 0.0
        for i in range(n):
            constraint([(i * k + q, 1) for q in range(k)], 1, 1)
        for e, (i, j, sign, _) in enumerate(edges):
            for q in range(k):
                if sign > 0:
                    constraint([(nz + e, 1), (i * k + q, -1), (j * k + q, 1)], 0, np.inf)
                else:
                    constraint([(nz + e, 1), (i * k + q, -1), (j * k + q, -1)], -1, np.inf)
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
    for triad in _triads(g.__class__(g)):
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

    @property
    def frustration_score(self) -> float:
        """signnet's normalised score ``1 - L / (m / 2)``; 1 when balanced."""
        return 1 - self.frustration_index / (self.edges / 2) if self.edges else 1.0

    @property
    def optimal(self) -> bool:
        """Whether the reported split and indices are proven optimal."""
        return self.split.optimal

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: the keys listed in the README, then extra detail keys."""
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
        }


def balance(dataset: Dataset, at: str | _dt.date | None = None, *, weighted: bool = False, camps: int = 2,
            method: str = "exact", time_limit: float = 60.0, seed: int = 0) -> BalanceReport:
    """Structural balance of a snapshot: triangles, walks, frustration, factions and strained ties.

    ``frustration_index`` is always the fewest contradicting ties (two camps) and
    ``weighted_frustration`` the least total magnitude; the reported ``factions`` and
    ``frustrated`` ties come from the split that minimises the count, or the magnitude when
    ``weighted``, into up to ``camps`` camps. Actors with no signed tie are ``unplaced``.

    Examples
    --------
    >>> from graph import load
    >>> report = balance(load(), at="2025-03-01")
    >>> report.optimal, len(report.split.factions)
    (True, 2)
    """
    snap = snapshot(dataset, at) if at is not None or dataset.at is None else dataset
    ties = signed_ties(snap)
    census, unbalanced = signed_triangles(snap)
    count = frustration(snap, weighted=False, camps=2, method=method, time_limit=time_limit, seed=seed)
    magnitude = frustration(snap, weighted=True, camps=2, method=method, time_limit=time_limit, seed=seed)
    if camps == 2:
        split = magnitude if weighted else count
    else:
        split = frustration(snap, weighted=weighted, camps=camps, method=method, time_limit=time_limit, seed=seed)
    if not (count.optimal and magnitude.optimal):
        split = Split(split.camps, split.weighted, split.frustration, split.lower_bound, False, split.method,
                      split.side, split.frustrated)
    placed = set(split.side)
    return BalanceReport(
        at=snap.at.isoformat() if snap.at else None,
        nodes=len(snap.actors),
        edges=len(ties),
        positive=sum(t.sign > 0 for t in ties),
        negative=sum(t.sign < 0 for t in ties),
        triangles=census,
        unbalanced_triads=tuple(unbalanced),
        triangle_balance=triangle_balance(census),
        walk_balance=walk_balance(snap),
        frustration_index=count.frustration,
        weighted_frustration=magnitude.frustration,
        split=split,
        unplaced=tuple(sorted(a.id for a in snap.actors if a.id not in placed)),
    )

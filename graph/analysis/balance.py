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
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Callable, Iterable, Mapping

import networkx as nx

from ..choices import BALANCE_METHODS
from ..errors import OptionError
from ..model import Dataset
from ..network import Network, network
from ._frustration import AUTO_EXACT_ACTORS, AUTO_EXACT_TIES, DEFAULT_TIME_LIMIT, decomposition, solve_block
from .optima import Optima, optimal_splits
from .cycles import (TRIAD_TYPES, SignedTie, Triad, WalkBalance, signed_ties, signed_triangles, triangle_balance,
                     walk_balance, walk_balance_estimate)

__all__ = [
    "TRIAD_TYPES",
    "BALANCE_METHODS",
    "DEFAULT_TIME_LIMIT",
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
    "walk_balance_estimate",
    "WalkBalance",
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
    when ``optimal``. ``proof`` says how optimality was proven (``"lower bound"``: the split meets
    a bound computed without the solver; ``"exact solver"``: HiGHS proved it; both when blocks
    differ; ``""`` when not proven). ``stopped`` says exact solving ran out of ``time_limit``
    seconds before a proof and handed over to the heuristic's split, reported with its bound.
    ``method`` is what was asked; ``solver`` what the blocks were given (``"exact"``,
    ``"heuristic"``, ``"exact and heuristic"`` when ``auto`` chose both by block size, ``""`` when
    every block was a single tie). ``gap_percent`` is the gap between the split and its bound as a
    share of the split's frustration.
    """

    camps: int
    weighted: bool
    frustration: float
    lower_bound: float
    optimal: bool
    method: str
    side: Mapping[str, int]
    frustrated: tuple[SignedTie, ...]
    stopped: bool = False
    time_limit: float | None = None
    proof: str = ""
    solver: str = ""

    @property
    def status(self) -> str:
        """``"proven"`` (optimal), ``"time-limit"`` (the budget ran out: best found and its bound) or
        ``"heuristic"`` (``method="heuristic"`` found no proof)."""
        return "proven" if self.optimal else "time-limit" if self.stopped else "heuristic"

    @cached_property
    def frustrated_pairs(self) -> frozenset[tuple[str, str]]:
        """The sorted pairs of the frustrated ties, to ask about one pair in constant time."""
        return frozenset((t.source, t.target) for t in self.frustrated)

    @property
    def gap(self) -> float:
        """How far the reported frustration may be above the optimum (0 when proven)."""
        return max(0.0, self.frustration - self.lower_bound)

    @property
    def gap_percent(self) -> float:
        """The gap as a share of the frustration found, in % (as MIP solvers state it; 0 when proven).

        Examples
        --------
        >>> Split(2, False, 800.0, 200.0, False, "auto", {}, ()).gap_percent
        75.0
        """
        return 100.0 * self.gap / self.frustration if self.frustration > 0 else 0.0

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
                      method: str = "auto", time_limit: float | None = None, seed: int = 0) -> Split:
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
    method : {"auto", "exact", "heuristic"}
        All first bound L from below (a spectral bound and a packing of edge-disjoint unbalanced
        triangles) and run seeded local search from a spectral start, stopping as soon as a split
        meets the bound: it is then proven optimal without a solver. ``exact`` then gives the
        mixed-integer program (HiGHS, ``scipy.optimize.milp``) the rest of ``time_limit`` to find a
        better split or prove this one; ``heuristic`` stops there, fast on graphs too large for the
        exact solver. ``auto`` (the default) is ``exact`` on each block of up to
        :data:`~graph.analysis._frustration.AUTO_EXACT_ACTORS` (1,000) actors and
        :data:`~graph.analysis._frustration.AUTO_EXACT_TIES` (10,000) ties, ``heuristic`` on larger
        ones; :attr:`Split.solver` says which ran. The exact solver is never worse than the
        heuristic: it searches only below the heuristic's split, and that split stands when the
        time runs out.
    time_limit : float, optional
        Seconds for the whole solve; default :data:`DEFAULT_TIME_LIMIT` (1 s). When it runs out
        before a proof, the best split found is reported with its lower bound, ``optimal`` False
        and ``stopped`` True (``status`` ``"time-limit"``). Kept within about a second even where
        HiGHS would overrun it (a large program is solved in a child process that is ended).
    seed : int
        Seed of the heuristic's random restarts.

    Notes
    -----
    On a clique of n tension ties the optimum is known: camps as equal as possible, so
    ``2 C(n/2, 2)`` for two camps (870 for 60 actors) and ``k C(n/k, 2)`` for k camps dividing n;
    the spectral bound equals it there, so such a clique is proven in milliseconds.

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


def _check_time_limit(time_limit: float | None) -> float:
    """The budget in seconds: the caller's, or :data:`DEFAULT_TIME_LIMIT`."""
    if time_limit is None:
        return DEFAULT_TIME_LIMIT
    if not time_limit > 0:  # also NaN
        raise OptionError(f"{{time_limit}} must be a positive number of seconds, got {time_limit}",
                          parameters=("time_limit",))
    return float(time_limit)


def _solve(ties: list[SignedTie], *, weighted: bool, camps: int, method: str, time_limit: float | None,
           seed: int) -> Split:
    """The best split of the signed ties: one solve of the frustration index (tests count them)."""
    budget = _check_time_limit(time_limit)
    deadline = time.monotonic() + budget
    lower = 0.0
    proofs: set[str] = set()
    solvers: set[str] = set()
    proven, stopped = True, False
    layer = decomposition(tuple(ties))
    blocks, node_blocks, arrays = layer.blocks, layer.node_blocks, layer.arrays
    solved: list[dict[str, int] | None] = [None] * len(blocks)
    for i, block in enumerate(blocks):
        if len(block) == 2:  # one tie (a bridge)
            u, v = block
            solved[i] = {u: 0, v: 0 if arrays[i][2][0] > 0 else 1}
            continue
        result = solve_block(layer.block(i, weighted), camps, method=method, deadline=deadline, seed=seed)
        solved[i] = result.side
        lower += result.bound
        proven = proven and result.proven
        stopped = stopped or result.stopped
        proofs.add(result.proof)
        solvers.add(result.solver)
    side = _join(blocks, solved, node_blocks, camps)
    bad = frustrated_ties(ties, side)
    value = sum(t.weight for t in bad) if weighted else float(len(bad))
    proven = proven or math.isclose(value, lower, abs_tol=1e-9)
    if proven:
        lower = value
    proof = " and ".join(p for p in ("lower bound", "exact solver") if p in proofs) if proven else ""
    return Split(camps, weighted, value, lower, proven, method, dict(sorted(side.items())), bad,
                 stopped=stopped and not proven, time_limit=budget, proof=proof or ("lower bound" if proven else ""),
                 solver=" and ".join(m for m in ("exact", "heuristic") if m in solvers))


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
    #: "exact" or "estimated" (stochastic Lanczos quadrature above WALK_DENSE_LIMIT actors per component)
    walk_balance_method: str = "exact"
    #: the estimate's standard error, 0.0 when exact
    walk_balance_error: float = 0.0
    #: when a figure is not proven optimal: why, and what is known (None when every one is proven)
    note: str | None = None

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
            "status": self.split.status,
            "proof": self.split.proof or None,
            "time_limit": self.split.time_limit,
            "gap": self.split.gap,
            "gap_percent": self.split.gap_percent,
            "solver": self.split.solver or None,
            "note": self.note,
            "walk_balance_method": self.walk_balance_method,
            "walk_balance_error": self.walk_balance_error,
        }


def balance(dataset: Dataset | Network, at: str | _dt.date | None = None, *, weighted: bool = False,
            camps: int = 2, method: str = "auto", time_limit: float | None = None, seed: int = 0,
            max_splits: int = 256, optima: bool = True,
            progress: Callable[[int, int], None] | None = None, spent: float = 0.0) -> BalanceReport:
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
    optimum or only in some; it is always about two camps, also with ``camps`` above 2. With
    ``optima=False`` it is None and not computed (a timeline's rows show no swing: counting the
    optima would spend a second budget per period).

    A :class:`~graph.network.Network` is read as built; a dataset is first taken on day ``at``
    (default: its own snapshot day, else today). The signed layer is read once, and the frustration
    index solved once per figure: twice with two camps, four times with more. ``time_limit``
    seconds (default :data:`DEFAULT_TIME_LIMIT`; see :func:`frustration_index`) is the budget of
    the whole report: each figure, then the count of optima, gets an equal share of what is left,
    so time a figure proven early does not need passes to the next; ``spent`` seconds of it are
    already gone (the command line's reading and building). ``progress(done, total)`` is called
    after each of those stages.
    ``optimal`` is True when every figure is proven; otherwise ``split.status`` says whether exact
    solving stopped at the budget (``"time-limit"``: the heuristic's split and its lower bound are
    reported, and :attr:`BalanceReport.note` says so) or the heuristic found no proof.
    Walk balance is exact up to :data:`~graph.analysis.cycles.WALK_DENSE_LIMIT` actors per
    component and estimated beyond (``walk_balance_method``, ``walk_balance_error``).

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
    budget = _check_time_limit(time_limit)
    deadline = time.monotonic() + budget - max(0.0, spent)
    stages = 2 + 2 * (camps > 2) + bool(optima)
    done = 0

    def share() -> float:
        """An equal share of the time left for each stage left (a floor, so a late stage still runs)."""
        return max(0.01, (deadline - time.monotonic()) / (stages - done))

    def solve(weighted: bool, k: int) -> Split:
        nonlocal done
        found = replace(_solve(ties, weighted=weighted, camps=k, method=method, time_limit=share(), seed=seed),
                        time_limit=budget)
        done += 1
        if progress is not None:
            progress(done, stages)
        return found

    net = network(dataset, at)
    snap = net.dataset
    ties = signed_ties(net)
    census, unbalanced = signed_triangles(net)
    count = solve(False, 2)
    magnitude = solve(True, 2)
    two = magnitude if weighted else count
    many_count, many_magnitude = count, magnitude
    if camps > 2:
        many_count = solve(False, camps)
        many_magnitude = solve(True, camps)
    split = many_magnitude if weighted else many_count
    solves = (count, magnitude, many_count, many_magnitude)
    if not all(s.optimal for s in solves):
        split = replace(split, optimal=False, proof="", stopped=any(s.stopped for s in solves))
    figures = [("frustration index", count), ("weighted frustration", magnitude)]
    if camps > 2:
        figures += [(f"frustration index (up to {camps} camps)", many_count),
                    (f"weighted frustration (up to {camps} camps)", many_magnitude)]
    placed = set(split.side)
    found = optimal_splits(ties, weighted=weighted, reference=two.side, max_splits=max_splits,
                           time_limit=share(), method=method) if optima else None
    if optima and progress is not None:
        progress(stages, stages)
    walk = walk_balance_estimate(net)
    return BalanceReport(
        at=snap.at.isoformat() if snap.at else None,
        nodes=len(snap.actors),
        edges=len(ties),
        positive=sum(t.sign > 0 for t in ties),
        negative=sum(t.sign < 0 for t in ties),
        triangles=census,
        unbalanced_triads=tuple(unbalanced),
        triangle_balance=triangle_balance(census),
        walk_balance=walk.value,
        frustration_index=many_count.frustration,
        weighted_frustration=many_magnitude.frustration,
        split=split,
        unplaced=tuple(sorted(a.id for a in snap.actors if a.id not in placed)),
        optima=found,
        frustration_index_two_camps=count.frustration,
        weighted_frustration_two_camps=magnitude.frustration,
        ambivalent=_ambivalent(net),
        model=net.model.describe(),
        walk_balance_method=walk.method,
        walk_balance_error=walk.error,
        note=_note(figures),
    )


def _note(figures: list[tuple[str, Split]]) -> str | None:
    """What the report says when a figure is not proven: that the budget ran out, or that the
    heuristic ran (asked for, or chosen by ``auto`` for a large block), and each such figure with
    its lower bound and the gap between them."""
    unproven = [(name, s) for name, s in figures if not s.optimal]
    if not unproven:
        return None
    known = "; ".join(f"{name} {s.frustration:g}, lower bound {s.lower_bound:g}, gap {s.gap_percent:.0f} %"
                      for name, s in unproven)
    stopped = [s for _, s in unproven if s.stopped]
    if stopped:
        budget = stopped[0].time_limit
        return (f"exact solving stopped at its {budget:g} s budget before a proof: the best split found is "
                f"shown ({known}). Hint: give it more time with --time-limit SECONDS")
    if any(s.method == "auto" and "heuristic" in s.solver for _, s in unproven):
        return (f"method auto gave the blocks of more than {AUTO_EXACT_ACTORS:,} actors or {AUTO_EXACT_TIES:,} "
                f"ties to the heuristic, where the exact solver proves nothing in seconds: its best split, not "
                f"proven optimal ({known}). Hint: --method exact --time-limit SECONDS tries the solver anyway")
    return f"the heuristic's best split, not proven optimal ({known}). Hint: --method exact may prove it"


def _ambivalent(net: Network) -> tuple[dict[str, Any], ...]:
    """The pairs left out of the signed layer as ambivalent, with both strengths (0.0 where none)."""
    def strength(g: nx.Graph, a: str, b: str) -> float:
        return float(g[a][b]["weight"]) if g.has_edge(a, b) else 0.0

    return tuple({"source": a, "target": b, "alignment": strength(net.alignment, a, b),
                  "tension": strength(net.tension, a, b)}
                 for a, b in sorted(tuple(sorted(p)) for p in net.signed.graph.get("ambivalent", ())))


def balance_score(dataset: Dataset | Network, method: str = "triangles", *, weighted: bool = False,
                  solver: str = "auto", time_limit: float | None = None, seed: int = 0) -> float | None:
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

"""Every optimum of the two-camp frustration index: how many splits, who swings, which strain is certain.

One split of the frustration index is a tie-break among the splits that reach the minimum. This
module enumerates all of them (exactly, up to a cap) and says what is true of every one: the actors
whose camp never changes, the actors who **swing**, the ties under strain in every optimum and those
under strain only in some. :func:`graph.analysis.balance.balance` reports it as ``report.optima``.
"""

from __future__ import annotations

import heapq
import itertools
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

import numpy as np

from ._frustration import (DEFAULT_TIME_LIMIT, Block, decomposition, k_camp_program, local_search, solve_block,
                           two_camp_program)
from ._solver import quiet_milp
from .cycles import SignedTie

__all__ = ["Optima", "optimal_splits", "two_camp_program", "k_camp_program"]

#: Blocks of at most this many actors are enumerated split by split (2^(n-1) splits, vectorised);
#: larger ones with the exact solver and one no-good cut per optimum found.
_BRUTE_MAX = 18


@dataclass(frozen=True)
class Optima:
    """The optimal two-camp splits of a signed layer and what holds in all of them.

    ``count`` distinct partitions of the actors with a signed tie (a camp swap is the same
    partition) reach the minimum; when ``capped``, there are more than ``max_splits`` (or the time
    ran out) and ``count`` is how many were enumerated, the sets below then read from those.
    ``stopped`` says why counting stopped: ``""`` (complete), ``"max-splits"``, ``"time-limit"``
    (the enumeration ran out of time) or ``"unproven"`` (some block's optimum was not proven
    within the time: its best split found stands for it).
    ``splits`` are the enumerated optima, each oriented against the reference split (see
    :func:`optimal_splits`); ``swing`` are the actors whose camp differs between them, ``fixed``
    the others; ``always_strained`` the ties frustrated in every optimum, ``sometimes_strained``
    those frustrated in some but not all (both heaviest first).
    """

    count: int
    capped: bool
    weighted: bool
    swing: tuple[str, ...]
    fixed: tuple[str, ...]
    always_strained: tuple[SignedTie, ...]
    sometimes_strained: tuple[SignedTie, ...]
    splits: tuple[Mapping[str, int], ...] = field(default=(), repr=False)
    stopped: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The keys ``balance --format json`` adds (``optimal_splits``, ``optimal_splits_capped``,
        ``swing`` are contracts)."""
        return {
            "optimal_splits": self.count,
            "optimal_splits_capped": self.capped,
            "swing": list(self.swing),
            "always_strained": [t.to_dict() for t in self.always_strained],
            "sometimes_strained": [t.to_dict() for t in self.sometimes_strained],
            "optimal_splits_stopped": self.stopped or None,
        }


def optimal_splits(ties: Iterable[SignedTie], *, weighted: bool = False,
                   reference: Mapping[str, int] | None = None, max_splits: int = 256,
                   time_limit: float | None = None, method: str = "auto") -> Optima:
    """Every optimal two-camp split of the ties (exact up to ``max_splits``) and what they share.

    Parameters
    ----------
    ties : iterable of SignedTie
        The signed layer (:func:`graph.analysis.cycles.signed_ties`).
    weighted : bool
        Optimal for the total magnitude of the contradicting ties instead of their number.
    reference : mapping, optional
        A split (actor → 0 or 1) the optima are oriented against: the one a report shows
        (default: the first optimum enumerated).
    max_splits : int
        Enumerate at most this many optimal splits; ``capped`` says there are more.
    time_limit : float, optional
        Seconds for blocks too large to enumerate split by split (default
        :data:`~graph.analysis.balance.DEFAULT_TIME_LIMIT`): their optimum is bounded and searched
        as :func:`graph.analysis.balance.frustration_index` does, then more optima are met by
        seeded local search and the rest enumerated by the exact solver; ``stopped`` says when
        the time ran out first.
    method : {"auto", "exact", "heuristic"}
        How a large block's optimum is sought, as in :func:`graph.analysis.balance.frustration_index`:
        with ``auto`` a block above :data:`~graph.analysis._frustration.AUTO_EXACT_ACTORS` actors
        or :data:`~graph.analysis._frustration.AUTO_EXACT_TIES` ties is left at the heuristic's split,
        unproven (it counts as one optimum, ``stopped`` False); ``exact`` and ``heuristic`` both
        give every block to the solver, since only a proven optimum can be counted.

    Notes
    -----
    The frustration of a split adds up over the biconnected components (blocks) of the signed
    layer, since every cycle lies in one block. So a split is optimal exactly when its restriction to
    every block is, and the optimal partitions are the products of each block's: a block's
    partition fixes its camps up to a swap, and the swap is settled at the cut vertex it shares with
    the blocks before it. Each connected component after the first also sits either way round
    against the others, so with ``c`` components the count is ``2^(c-1)`` times the product of the
    blocks' counts. A block of one tie has one optimum; a block of up to 18 actors is enumerated over
    all its ``2^(n-1)`` splits; a larger one with the exact program of
    :func:`graph.analysis.balance.frustration_index`, re-solved with a no-good cut per optimum found
    until no split within the optimum is left. Weighted optima agree to within 1e-9 of the total
    magnitude (floating point), unweighted ones exactly.

    Orientation: each optimal split is turned so that it agrees with ``reference`` on more than
    half of the actors (on exactly half, so that the first actor by id keeps its reference camp). An
    actor swings when some optimum, so turned, puts it in the other camp. Actors in a component with
    no tie to the rest swing with it when it is the smaller side, since nothing fixes their camp
    relative to the others.

    Examples
    --------
    >>> ties = [SignedTie("A", "B", 1, 1.0), SignedTie("B", "C", 1, 1.0), SignedTie("A", "C", -1, 1.0)]
    >>> o = optimal_splits(ties)       # an unbalanced triangle: any one of its three ties takes the strain
    >>> o.count, o.capped, o.always_strained, len(o.sometimes_strained)
    (3, False, (), 3)
    """
    ties = sorted(ties)
    deadline = time.monotonic() + (DEFAULT_TIME_LIMIT if time_limit is None else time_limit)
    layer = decomposition(tuple(ties))
    components = layer.components
    component_of = {n: k for k, comp in enumerate(components) for n in comp}
    by_component: list[list[int]] = [[] for _ in components]
    for i, b in enumerate(layer.blocks):
        by_component[component_of[b[0]]].append(i)
    blocks: list[list[str]] = []
    picked: list[int] = []   # the layer's index of each block, in this function's order
    order: list[tuple[int, str | None]] = []  # (block, the actor it shares with those before it)
    for members in by_component:
        members = sorted(members, key=lambda i: layer.blocks[i][0])
        seen: set[str] = set()
        start = len(blocks)
        blocks += [layer.blocks[i] for i in members]
        picked += members
        of_actor: dict[str, list[int]] = {}
        for i in range(start, len(blocks)):
            for n in blocks[i]:
                of_actor.setdefault(n, []).append(i)
        # walk the block-cut tree: the next block is the first (by index) sharing an actor with those
        # placed; a heap of the reachable ones, since scanning every pending block is quadratic on a star
        ready, queued = [start], {start}
        while ready:
            i = heapq.heappop(ready)
            order.append((i, min(seen.intersection(blocks[i])) if seen else None))
            seen.update(blocks[i])
            for n in blocks[i]:
                for j in of_actor[n]:
                    if j not in queued:
                        queued.add(j)
                        heapq.heappush(ready, j)
    ends: set[str] = set()
    options: list[list[dict[str, int]]] = []
    for block, i in zip(blocks, picked):
        if len(block) == 2:  # one tie (a bridge) has one split
            u, v = block
            options.append([{u: 0, v: 0 if layer.arrays[i][2][0] > 0 else 1}])
            ends.add("complete")
            continue
        found, end = _block_optima(layer.block(i, weighted), max_splits + 1, deadline, reference, method)
        options.append(found)
        ends.add(end)
    total = 2 ** max(len(components) - 1, 0) * int(np.prod([len(o) for o in options], dtype=object))
    nodes = sorted(component_of)
    splits = list(itertools.islice(_products(components, blocks, order, options), max_splits))
    reference = dict(reference) if reference is not None else (dict(splits[0]) if splits else {})
    oriented = tuple(_orient(s, reference, nodes) for s in splits)
    swing = sorted({n for s in oriented for n in nodes if s[n] != reference[n]})
    strained = [frozenset(t for t in ties if (s[t.source] == s[t.target]) != (t.sign > 0)) for s in oriented]
    always = frozenset.intersection(*strained) if strained else frozenset()
    some = frozenset().union(*strained) - always
    heaviest = lambda ts: tuple(sorted(ts, key=lambda t: (-t.weight, t.source, t.target)))  # noqa: E731
    stopped = next((e for e in ("unproven", "time-limit") if e in ends), "max-splits" if total > max_splits else "")
    return Optima(count=min(total, max_splits), capped=bool(stopped), weighted=weighted,
                  swing=tuple(swing), fixed=tuple(n for n in nodes if n not in set(swing)),
                  always_strained=heaviest(always), sometimes_strained=heaviest(some), splits=oriented,
                  stopped=stopped)


def _orient(side: Mapping[str, int], reference: Mapping[str, int], nodes: list[str]) -> dict[str, int]:
    """Turn a split so it agrees with the reference on most actors (a tie: on the first actor)."""
    differ = sum(side[n] != reference[n] for n in nodes)
    flip = 2 * differ > len(nodes) or (bool(nodes) and 2 * differ == len(nodes) and side[nodes[0]] != reference[nodes[0]])
    return {n: side[n] ^ flip for n in nodes}


def _products(components: list[list[str]], blocks: list[list[str]], order: list[tuple[int, str | None]],
              options: list[list[dict[str, int]]]) -> Iterator[dict[str, int]]:
    """Every whole split: one optimum per block, joined at cut vertices, each component either way round."""
    first = {c[0]: k for k, c in enumerate(components)}
    for choice in itertools.product(*(range(len(o)) for o in options), *[(0, 1)] * max(len(components) - 1, 0)):
        turns = (0, *choice[len(options):])
        side: dict[str, int] = {}
        component = 0
        for i, anchor in order:
            part = options[i][choice[i]]
            if anchor is None:  # the first block of a component: the component's own turn
                component = first[blocks[i][0]]
                flip = turns[component]
            else:
                flip = part[anchor] ^ side[anchor]
            for n in blocks[i]:
                side.setdefault(n, part[n] ^ flip)
        yield side


def _block_optima(block: Block, limit: int, deadline: float, start: Mapping[str, int] | None = None,
                  method: str = "auto") -> tuple[list[dict[str, int]], str]:
    """Up to ``limit`` optimal splits of one block (first actor by id in camp 0), and how the search ended:
    ``"complete"`` (every optimum up to the limit, proven), ``"time-limit"`` or ``"unproven"`` (the
    optimum itself was not proven within the time: the best split found stands alone)."""
    nodes = block.nodes
    edges = [(i, j, 1 if a > 0 else -1, abs(a)) for i, j, a in zip(block.u.tolist(), block.v.tolist(),
                                                                   block.a.tolist())]
    tol = 1e-9 * max(1.0, sum(w for *_, w in edges))
    if len(edges) == 1:
        (i, j, sign, _), = edges
        return [{nodes[i]: 0, nodes[j]: 0 if sign > 0 else 1}], "complete"
    if len(nodes) <= _BRUTE_MAX:
        codes = np.arange(2 ** (len(nodes) - 1), dtype=np.int64)
        bits = np.zeros((len(codes), len(nodes)), dtype=np.int8)
        bits[:, 1:] = (codes[:, None] >> np.arange(len(nodes) - 1)) & 1
        cost = np.zeros(len(codes))
        for i, j, sign, w in edges:
            cost += w * ((bits[:, i] == bits[:, j]) != (sign > 0))
        best = np.flatnonzero(cost <= cost.min() + tol)[:limit]
        return [{n: int(bits[c, k]) for k, n in enumerate(nodes)} for c in best], "complete"
    # counting optima needs the solver's proof, whatever method found the report's split: only
    # "auto" leaves a block too large for it at the heuristic's split
    result = solve_block(block, 2, method="auto" if method == "auto" else "exact", deadline=deadline, start=start)
    first = _normal(result.side, nodes)
    if not result.proven:
        return [first], "time-limit" if result.stopped else "unproven"
    found = _plateau_optima(block, result.value, first, limit)
    if len(found) < limit:
        found = _restart_optima(block, result.value, found, limit, deadline)
    if len(found) >= limit:
        return found[:limit], "complete"
    return _block_optima_exact(nodes, edges, tol, limit, deadline, result.value, found)


def _normal(side: Mapping[str, int], nodes: list[str]) -> dict[str, int]:
    """The split with the first actor in camp 0 (a camp swap is the same partition)."""
    flip = side[nodes[0]]
    return {n: side[n] ^ flip for n in nodes}


#: Blocks up to this many actors have their optima explored move by move (a dense n x n matrix).
_PLATEAU_MAX = 400


def _plateau_optima(block: Block, value: float, first: dict[str, int], limit: int) -> list[dict[str, int]]:
    """Optimal splits reachable from ``first`` by moving one actor or swapping two at no cost, breadth first.

    With spins ``s = ±1`` the frustration is ``W/2 - s^T A s / 4``; moving actor i changes it by
    ``d_i = s_i (A s)_i`` and swapping the camps of i and j by ``d_i + d_j - 2 a_ij s_i s_j``. On a
    tension clique every optimum is a swap away from another, so the cap is met in milliseconds.
    """
    if block.n > _PLATEAU_MAX:
        return [first]
    tol = 1e-9 * max(1.0, float(block.w.sum()))
    a = block.matrix.toarray()
    start = 1 - 2 * block.array(first)
    seen = {tuple(start.tolist())}
    queue, found = [start], [first]
    upper = np.triu(np.ones((block.n, block.n), dtype=bool), 1)
    while queue and len(found) < limit:
        s = queue.pop(0)
        d = s * (a @ s)
        moves = [np.eye(block.n, dtype=bool)[i] for i in np.flatnonzero(np.abs(d) <= tol)]
        pair = d[:, None] + d[None, :] - 2 * a * np.outer(s, s)
        for i, j in zip(*np.nonzero((np.abs(pair) <= tol) & upper & (s[:, None] != s[None, :]))):
            move = np.zeros(block.n, dtype=bool)
            move[[i, j]] = True
            moves.append(move)
        for move in moves:
            t = np.where(move, -s, s)
            t = t * t[0]  # the first actor in camp 0: a camp swap is the same partition
            key = tuple(t.tolist())
            if key in seen:
                continue
            seen.add(key)
            queue.append(t)
            found.append(block.labels((1 - t) // 2))
            if len(found) >= limit:
                break
    return found


def _restart_optima(block: Block, value: float, found: list[dict[str, int]], limit: int, deadline: float
                    ) -> list[dict[str, int]]:
    """More distinct optimal splits met by seeded local search from random starts: each meets the proven
    optimum, so it is optimal; the exact enumeration then has fewer splits left to find and cut off."""
    tol = 1e-9 * max(1.0, float(block.w.sum()))
    found = {tuple(f[n] for n in block.nodes): f for f in found}
    rng = np.random.default_rng(0)
    misses = 0
    while len(found) < limit and misses < 20 and time.monotonic() < deadline:
        side = local_search(block, rng.integers(2, size=block.n), 2)
        if block.cost(side) > value + tol:
            misses += 1
            continue
        side = side ^ side[0]
        key = tuple(int(x) for x in side)
        if key in found:
            misses += 1
            continue
        found[key] = block.labels(side)
    return list(found.values())


def _block_optima_exact(nodes: list[str], edges: list[tuple[int, int, int, float]], tol: float, limit: int,
                        deadline: float, best: float, found: list[dict[str, int]]) -> tuple[list[dict[str, int]], str]:
    """The exact program restricted to splits within the optimum ``best``, re-solved with a no-good cut
    per split found (those already ``found`` cut from the start), until none is left."""
    from scipy.optimize import Bounds, LinearConstraint
    from scipy.sparse import coo_array

    n = len(nodes)
    c, constant, rows, cols, vals, lb, ub = two_camp_program(n, edges)
    low, high = np.zeros(len(c)), np.ones(len(c))
    high[0] = 0  # the first actor in camp 0: a camp swap is the same partition
    integrality = np.r_[np.ones(n), np.zeros(len(edges))]
    r = len(lb)  # only splits within the optimum are feasible
    rows += [r] * len(c)
    cols += list(range(len(c)))
    vals += list(c)
    lb.append(-np.inf)
    ub.append(best - constant + tol)
    found = list(found)

    def cut(x: list[int]) -> None:  # no-good cut: at least one actor differs from this split
        r = len(lb)
        rows.extend([r] * n)
        cols.extend(range(n))
        vals.extend(-1.0 if x[k] else 1.0 for k in range(n))
        lb.append(1.0 - sum(x))
        ub.append(np.inf)

    for side in found:
        cut([side[v] for v in nodes])
    while len(found) < limit:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return found, "time-limit"
        a = coo_array((vals, (rows, cols)), shape=(len(lb), len(c))).tocsr()
        res = quiet_milp(c, constraints=LinearConstraint(a, lb, ub), integrality=integrality, bounds=Bounds(low, high),
                   options={"time_limit": remaining, "disp": False, "mip_rel_gap": 0})
        if res.status == 2:  # infeasible: no split left within the optimum
            return found, "complete"
        if res.status != 0 and res.x is None:
            return found, "time-limit"
        x = np.round(res.x[:n]).astype(int).tolist()
        found.append({nodes[k]: int(x[k]) for k in range(n)})
        cut(x)
    return found, "complete"

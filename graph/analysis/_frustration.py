"""The frustration index of one block within a time budget: heuristic first, a lower bound, then the exact program.

:func:`graph.analysis.balance.frustration_index` splits the signed layer into its blocks
(biconnected components) and hands each to :func:`solve_block`, which

1. bounds the block's index from below (:func:`lower_bound`: the larger of a spectral bound and a
   packing of edge-disjoint unbalanced triangles), in milliseconds;
2. runs seeded local search from a spectral start (:func:`heuristic`), and stops as soon as a split
   meets the bound: that split is then **proven** optimal without the solver (a clique of tension
   ties is proven this way: the spectral bound is exact there);
3. only otherwise, and only with ``method="exact"``, gives the mixed-integer program of
   :func:`graph.analysis.optima.two_camp_program` the time left, with the heuristic's value as a
   cutoff, and keeps the better of the two splits and the larger of the two bounds.

When the budget runs out first, the heuristic's split (or the solver's, if better) is reported with
its bound: ``optimal`` is then False and ``stopped`` True.
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

import networkx as nx
import numpy as np

from ._solver import quiet_milp

__all__ = ["two_camp_program", "k_camp_program", "DEFAULT_TIME_LIMIT", "BlockResult", "Block",
           "solve_block", "decomposition", "Layer", "lower_bound", "spectral_bound", "AUTO_EXACT_ACTORS", "AUTO_EXACT_TIES",
           "heuristic", "local_search"]

#: Seconds of solving per frustration index when the caller gives no ``time_limit``.
DEFAULT_TIME_LIMIT = 1.0
#: Blocks up to this many actors get the diagonally tuned spectral bound (dense eigh); larger ones
#: the plain one from ARPACK.
_DENSE = 400
#: Subgradient steps of the spectral bound: this many up to that many actors, else the last number.
_TUNING = (40, 150, 8)
#: At most this many local searches (spectral start, then seeded random restarts).
_RESTARTS = 20
#: ``method="auto"`` gives a block to the exact solver up to this many actors and ties; a larger one
#: gets the heuristic and its bound (the solver proves nothing there in seconds: on 2,000 actors and
#: 8,000 ties it ends its minute with the heuristic's split and a bound a fiftieth of it).
AUTO_EXACT_ACTORS = 1_000
AUTO_EXACT_TIES = 10_000


@dataclass(frozen=True)
class BlockResult:
    """One block's split, its frustration, a proven lower bound, and how the answer was reached.

    ``proof`` is ``"lower bound"`` (the split meets the bound), ``"exact solver"`` (HiGHS proved
    it) or ``""`` (not proven); ``stopped`` says the time ran out before a proof.
    """

    side: dict[str, int]
    value: float
    bound: float
    proof: str
    stopped: bool
    solver: str = "exact"

    @property
    def proven(self) -> bool:
        return bool(self.proof)


class Block:
    """A block of the signed layer as arrays: sorted actors, tie ends ``u < v``, signed weights ``a``.

    Examples
    --------
    >>> g = nx.Graph([("A", "B", {"sign": -1, "w": 1.0})])
    >>> b = Block(g)
    >>> b.nodes, b.a.tolist(), b.integral
    (['A', 'B'], [-1.0], True)
    """

    def __init__(self, g: nx.Graph | None = None, *, arrays: tuple[list[str], np.ndarray, np.ndarray, np.ndarray]
                 | None = None) -> None:
        if arrays is None:
            nodes = sorted(g)
            index = {x: i for i, x in enumerate(nodes)}
            ends = [(index[x], index[y], d["sign"] * d["w"]) for x, y, d in g.edges(data=True)]
            arrays = (nodes, *(np.array(c, dtype=float) for c in zip(*ends))) if ends else \
                (nodes, np.zeros(0), np.zeros(0), np.zeros(0))
        # ``arrays``: sorted actors, then each tie's two ends (indices into them) and signed weight
        self.nodes, x, y, a = arrays
        x, y = np.asarray(x, dtype=np.int64), np.asarray(y, dtype=np.int64)
        u, v = np.minimum(x, y), np.maximum(x, y)
        order = np.lexsort((np.asarray(a, dtype=float), v, u))
        self.n = len(self.nodes)
        self.u, self.v, self.a = u[order], v[order], np.asarray(a, dtype=float)[order]
        self.w = np.abs(self.a)
        # integer weights give an integer index: a fractional bound can be rounded up
        self.integral = bool(np.all(self.w == np.round(self.w)))
        from scipy.sparse import coo_array

        both = coo_array((np.r_[self.a, self.a], (np.r_[self.u, self.v], np.r_[self.v, self.u])),
                         shape=(self.n, self.n)).tocsr()
        both.sort_indices()
        self.matrix = both
        self.top: tuple[float, np.ndarray] | None = None

    def cost(self, side: np.ndarray) -> float:
        """Total magnitude of the ties the split contradicts."""
        bad = (side[self.u] == side[self.v]) != (self.a > 0)
        return float(self.w[bad].sum())

    def labels(self, side: np.ndarray) -> dict[str, int]:
        return {x: int(c) for x, c in zip(self.nodes, side)}

    def array(self, side: Mapping[str, int]) -> np.ndarray:
        return np.array([side[x] for x in self.nodes], dtype=np.int64)


@dataclass(frozen=True)
class Layer:
    """The signed ties cut into blocks (biconnected components), as :func:`decomposition` returns them.

    ``blocks``: each block's sorted actors, largest block first (ties: by actors); ``node_blocks``:
    the blocks each actor is in; ``arrays``: each block's ties as ``(ends, ends, sign, magnitude)``
    arrays, the ends as indices into the block's actors; ``components``: the connected components'
    sorted actors, by first actor.
    """

    blocks: list[list[str]]
    node_blocks: dict[str, list[int]]
    arrays: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]
    components: list[list[str]]

    def block(self, i: int, weighted: bool) -> "Block":
        """Block ``i`` as :class:`Block` arrays, magnitudes kept when ``weighted`` (else 1 each)."""
        iu, iv, sign, weight = self.arrays[i]
        return Block(arrays=(self.blocks[i], iu, iv, sign * weight if weighted else sign.astype(float)))


@lru_cache(maxsize=2)
def decomposition(ties: tuple[Any, ...]) -> Layer:
    """The blocks of the signed ties (:class:`~graph.analysis.cycles.SignedTie`), computed once per layer.

    The last two layers are kept (a million ties hold a few hundred MB): a balance report solves
    the same ties for several figures and counts their optima, and on a large graph the
    decomposition (NetworkX's depth-first search) is most of the work outside the solver.

    Examples
    --------
    >>> from graph.analysis.cycles import SignedTie
    >>> layer = decomposition((SignedTie("A", "B", 1, 1.0), SignedTie("A", "C", 1, 1.0),
    ...                        SignedTie("B", "C", -1, 1.0), SignedTie("C", "D", 1, 1.0)))
    >>> layer.blocks, layer.components
    ([['A', 'B', 'C'], ['C', 'D']], [['A', 'B', 'C', 'D']])
    """
    g = nx.Graph()
    g.add_edges_from((t.source, t.target) for t in ties)
    tie = {(t.source, t.target): t for t in ties}
    found = []
    for edges in nx.biconnected_component_edges(g):
        nodes = sorted({x for e in edges for x in e})
        index = {x: k for k, x in enumerate(nodes)}
        pairs = [(x, y) if (x, y) in tie else (y, x) for x, y in edges]
        found.append((nodes, (np.array([index[x] for x, _ in pairs], dtype=np.int64),
                              np.array([index[y] for _, y in pairs], dtype=np.int64),
                              np.array([tie[p].sign for p in pairs], dtype=np.int64),
                              np.array([tie[p].weight for p in pairs], dtype=float))))
    found.sort(key=lambda b: (-len(b[0]), b[0]))
    blocks = [nodes for nodes, _ in found]
    node_blocks: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        for n in block:
            node_blocks.setdefault(n, []).append(i)
    components = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: c[0])
    return Layer(blocks, node_blocks, [a for _, a in found], components)


def local_search(block: Block, side: np.ndarray, camps: int) -> np.ndarray:
    """Move one actor at a time to the camp that frees the most strain, until no move helps.

    ``pull[i, q]`` is what actor i pays for sitting in camp q, up to a constant: minus the signed
    weight of its ties into q. A move updates only its neighbours' rows, so a pass costs the
    actors that can improve, not the whole graph.

    Examples
    --------
    >>> g = nx.Graph([(x, y, {"sign": -1, "w": 1.0}) for x, y in ("AB", "AC", "BC", "AD", "BD", "CD")])
    >>> b = Block(g)
    >>> side = local_search(b, np.zeros(4, dtype=np.int64), 2)
    >>> b.cost(side)                # two against two: one tension tie inside each camp
    2.0
    """
    side = side.copy()
    m = block.matrix
    pull = np.zeros((block.n, camps))
    np.add.at(pull, (block.u, side[block.v]), -block.a)
    np.add.at(pull, (block.v, side[block.u]), -block.a)
    eps = 1e-12 * max(1.0, float(block.w.sum()))
    for _ in range(100 * block.n + 100):  # each move lowers the cost: a guard, never reached in practice
        rows = np.arange(block.n)
        best = pull.argmin(axis=1)
        movers = np.flatnonzero(pull[rows, best] < pull[rows, side] - eps)
        if not len(movers):
            break
        for i in movers:  # re-checked one by one: an earlier move may have changed this row
            here = side[i]
            there = int(pull[i].argmin())
            if pull[i, there] >= pull[i, here] - eps:
                continue
            lo, hi = m.indptr[i], m.indptr[i + 1]
            nbrs, vals = m.indices[lo:hi], m.data[lo:hi]
            pull[nbrs, here] += vals
            pull[nbrs, there] -= vals
            side[i] = there
    return side


def _leading(block: Block, shift: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """The largest eigenvalue of the signed adjacency (plus a diagonal) and its eigenvector."""
    if shift is None and block.top is not None:
        return block.top
    if block.n <= _DENSE:
        dense = block.matrix.toarray()
        if shift is not None:
            dense[np.diag_indices(block.n)] += shift
        values, vectors = np.linalg.eigh(dense)
        pair = float(values[-1]), vectors[:, -1]
    else:
        from scipy.sparse.linalg import eigsh

        values, vectors = eigsh(block.matrix.astype(float), k=1, which="LA", v0=np.ones(block.n), tol=1e-10)
        pair = float(values[0]), vectors[:, 0]
    if shift is None:  # the heuristic's spectral start and the bound's first step share it
        block.top = pair
    return pair


def spectral_bound(block: Block, camps: int, iterations: int | None = None, *, target: float = math.inf,
                   deadline: float | None = None) -> float:
    """A lower bound on the ``camps``-camp frustration index from the top eigenvalue of ``A + D``.

    Put camp q at vertex q of a regular simplex in R^(k-1) (unit vectors, pairwise products
    ``-1/(k-1)``); two actors share a camp exactly when ``((k-1) x_i . x_j + 1) / k`` is 1. Then
    ``F = W+ - S/k - (k-1)/(2k) * sum_ij a_ij x_i . x_j`` with ``W+`` the positive magnitude and
    ``S`` the signed sum of the ties, and the sum is at most ``n * lambda_max(A + D)`` for every
    diagonal ``D`` of trace 0 (the rows are unit vectors). For two camps this is the eigenvalue
    bound of max-cut (Mohar & Poljak 1990), ``F >= W/2 - n lambda/4``; ``D`` is tuned by a few
    subgradient steps on small blocks (a fixed number, :data:`_TUNING`, so the bound does not depend
    on the machine's speed, unless ``deadline`` passes first), stopping early once the bound reaches
    ``target`` (a split of that cost is then proven). On a clique of n tension ties, with k dividing n, it is
    ``n (n - k) / (2k)``: exactly the frustration of k equal camps, so it proves them optimal.

    References
    ----------
    Mohar, B. & Poljak, S. (1990). Eigenvalues and the max-cut problem. Czechoslovak Mathematical
    Journal 40(2):343-352. doi:10.21136/CMJ.1990.102386

    Examples
    --------
    >>> g = nx.complete_graph(6)
    >>> nx.set_edge_attributes(g, -1, "sign"); nx.set_edge_attributes(g, 1.0, "w")
    >>> round(spectral_bound(Block(g), 2), 9), round(spectral_bound(Block(g), 3), 9)   # 2 C(3,2), 3 C(2,2)
    (6.0, 3.0)
    """
    n, k = block.n, camps
    if n < 2 or not len(block.a):
        return 0.0
    positive = float(block.w[block.a > 0].sum())
    total = float(block.a.sum())
    top, vector = _leading(block)
    best = top

    def bound(top: float) -> float:
        return positive - total / k - (k - 1) / (2 * k) * n * top

    # a split costing `target` is proven once the bound, rounded up for integer weights, reaches it
    enough = target - (1 - 1e-6 if block.integral else 1e-9 * max(1.0, float(block.w.sum())))
    if n <= _DENSE and bound(best) < enough:
        shift = np.zeros(n)
        scale = max(1.0, abs(top))
        for step in range(_TUNING[0] if n <= _TUNING[1] else _TUNING[2]) if iterations is None else range(iterations):
            grad = vector * vector - 1.0 / n   # the subgradient of lambda_max on the trace-0 plane
            norm = float(np.linalg.norm(grad))
            if norm < 1e-12:
                break
            shift -= 0.5 * scale / math.sqrt(step + 1) * grad / norm
            top, vector = _leading(block, shift)
            best = min(best, top)
            if bound(best) >= enough or (deadline is not None and time.monotonic() > deadline):
                break
    return max(0.0, bound(best))


def _triangle_bound(block: Block, camps: int, deadline: float | None = None) -> float:
    """Edge-disjoint unbalanced triangles each need one of their ties frustrated (the lightest, when
    weighted). With more than two camps only "++-" triangles count: three camps satisfy "---".
    Greedy in sorted member order; stops at ``deadline`` (any packing found so far is a bound)."""
    m = block.matrix
    weight = {}
    for i, j, a in zip(block.u.tolist(), block.v.tolist(), block.a.tolist()):
        weight[i, j] = a
    later = [set(int(x) for x in m.indices[m.indptr[i]:m.indptr[i + 1]] if x > i) for i in range(block.n)]
    used: set[tuple[int, int]] = set()
    bound = 0.0
    for i in range(block.n):
        if deadline is not None and i % 256 == 0 and time.monotonic() > deadline:
            break
        for j in sorted(later[i]):
            if (i, j) in used:
                continue
            for k in sorted(later[i] & later[j]):
                if (i, k) in used or (j, k) in used:
                    continue
                signs = (weight[i, j] > 0) + (weight[i, k] > 0) + (weight[j, k] > 0)
                if signs == 3 or signs == 1 or (camps > 2 and signs != 2):  # balanced, or "---" with 3+ camps
                    continue
                used.update(((i, j), (i, k), (j, k)))
                bound += min(abs(weight[i, j]), abs(weight[i, k]), abs(weight[j, k]))
                break  # (i, j) is used now
    return bound


def lower_bound(block: Block, camps: int, deadline: float | None = None, target: float = math.inf) -> float:
    """The larger of :func:`spectral_bound` and the triangle packing, rounded up for integer weights.

    Examples
    --------
    >>> g = nx.Graph([("A", "B", {"sign": 1, "w": 1.0}), ("B", "C", {"sign": 1, "w": 1.0}),
    ...               ("A", "C", {"sign": -1, "w": 1.0})])
    >>> lower_bound(Block(g), 2)
    1.0
    """
    # a hair below, for rounding: a tenth of the tolerance splits are compared with
    tol = 1e-10 * max(1.0, float(block.w.sum()))

    def rounded(bound: float) -> float:
        return float(math.ceil(bound - tol)) if block.integral else max(0.0, bound - tol)

    bound = rounded(spectral_bound(block, camps, target=target, deadline=deadline))
    if bound >= target:  # proven already: no need to pack triangles
        return bound
    return max(bound, rounded(_triangle_bound(block, camps, deadline)))


def heuristic(block: Block, camps: int, seed: int = 0, *, target: float = -math.inf,
              deadline: float | None = None, start: Mapping[str, int] | None = None,
              restarts: int = _RESTARTS, spectral: bool = True) -> tuple[np.ndarray, float]:
    """The best split seeded local search finds: from ``start``, a spectral split, then random restarts.

    Stops early at a split whose cost is at most ``target`` (a proven bound: nothing can do better)
    or at ``deadline`` (after the first search, so there is always an answer).

    Examples
    --------
    >>> g = nx.Graph([("A", "B", {"sign": -1, "w": 1.0}), ("B", "C", {"sign": -1, "w": 1.0}),
    ...               ("A", "C", {"sign": -1, "w": 1.0})])
    >>> side, cost = heuristic(Block(g), 2)
    >>> cost
    1.0
    """
    starts = []
    if start is not None and all(x in start for x in block.nodes):
        starts.append(np.minimum(block.array(start), camps - 1))
    if spectral or not starts:
        _, vector = _leading(block)
        starts.append((vector < 0).astype(np.int64))
    rng = np.random.default_rng(seed)
    best, best_cost = None, math.inf
    tol = 1e-9 * max(1.0, float(block.w.sum()))
    for k in range(restarts + len(starts)):
        first = starts[k] if k < len(starts) else rng.integers(camps, size=block.n)
        side = local_search(block, first, camps)
        cost = block.cost(side)
        if cost < best_cost - tol:
            best, best_cost = side, cost
        if best_cost <= target + tol or (deadline is not None and time.monotonic() > deadline):
            break
    return best, best_cost



def _exact(block: Block, camps: int, deadline: float, cutoff: float
           ) -> tuple[np.ndarray | None, float, bool]:
    """The mixed-integer program on the time left, searching only below ``cutoff``.

    Returns a better split (or None), a lower bound on the block's index, and whether that bound is
    proven tight (the program solved, or found nothing below the cutoff: then the cutoff is optimal).
    """
    from scipy.optimize import Bounds, LinearConstraint
    from scipy.sparse import coo_array

    if deadline - time.monotonic() <= 0.05:  # not even time to build the program
        return None, 0.0, False
    # the busiest actor takes camp 1 (or opens camp 0): swapping camps gives nothing new
    degree = np.bincount(np.r_[block.u, block.v], minlength=block.n)
    order = sorted(range(block.n), key=lambda i: (-degree[i], i))
    position = {i: p for p, i in enumerate(order)}
    edges = sorted((min(position[i], position[j]), max(position[i], position[j]), 1 if a > 0 else -1, abs(a))
                   for i, j, a in zip(block.u.tolist(), block.v.tolist(), block.a.tolist()))
    n, m = block.n, len(edges)
    if camps == 2:
        c, constant, rows, cols, vals, lb, ub = two_camp_program(n, edges)
        integrality = np.r_[np.ones(n), np.zeros(m)]
        low, high = np.zeros(n + m), np.ones(n + m)
        low[0] = 1
    else:
        k = camps
        c, constant, rows, cols, vals, lb, ub = k_camp_program(n, k, edges)
        integrality = np.r_[np.ones(n * k), np.zeros(m)]
        low, high = np.zeros(n * k + m), np.ones(n * k + m)
        for i in range(n):  # actor i may only open camps 0..i: labels carry no meaning
            high[i * k + i + 1:(i + 1) * k] = 0
    # the cutoff row: only splits better than the heuristic's are worth the solver's time
    step = 1.0 if block.integral else 1e-9 * max(1.0, float(block.w.sum()))
    r = len(lb)
    nonzero = np.flatnonzero(c)
    rows = rows + [r] * len(nonzero)
    cols = cols + nonzero.tolist()
    vals = vals + c[nonzero].tolist()
    lb, ub = lb + [-np.inf], ub + [cutoff - step - constant + 1e-9]
    remaining = deadline - time.monotonic()
    if remaining <= 0.05:
        return None, 0.0, False
    a = coo_array((vals, (rows, cols)), shape=(len(lb), len(c))).tocsr()
    res = quiet_milp(c, constraints=LinearConstraint(a, lb, ub), integrality=integrality, bounds=Bounds(low, high),
               options={"time_limit": remaining, "disp": False, "mip_rel_gap": 0})
    if res.status == 2:  # nothing below the cutoff: the heuristic's split is optimal
        return None, cutoff, True
    found = None
    if res.x is not None:
        x = np.round(res.x).astype(np.int64)
        labels = x[:n] if camps == 2 else x[:n * camps].reshape(n, camps).argmax(axis=1)
        found = np.empty(n, dtype=np.int64)
        found[order] = labels
    if res.status == 0:
        return found, float(res.fun) + constant, True
    dual = getattr(res, "mip_dual_bound", None)
    bound = float(dual) + constant if dual is not None and np.isfinite(dual) else 0.0
    return found, max(0.0, min(bound, cutoff)), False


def solve_block(g: nx.Graph | Block, camps: int, *, method: str, deadline: float, seed: int = 0,
                start: Mapping[str, int] | None = None) -> BlockResult:
    """One block's best split within the deadline: bound, heuristic, then (``exact``) the solver.

    ``method="auto"`` is ``exact`` up to :data:`AUTO_EXACT_ACTORS` actors and
    :data:`AUTO_EXACT_TIES` ties, ``heuristic`` above; ``solver`` in the result says which ran.

    Examples
    --------
    >>> g = nx.complete_graph(8)
    >>> nx.set_edge_attributes(g, -1, "sign"); nx.set_edge_attributes(g, 1.0, "w")
    >>> r = solve_block(g, 2, method="exact", deadline=time.monotonic() + 5)
    >>> r.value, r.bound, r.proof            # four against four: 2 C(4,2) tension ties inside camps
    (12.0, 12.0, 'lower bound')
    """
    block = g if isinstance(g, Block) else Block(g)
    if method == "auto":
        method = "exact" if block.n <= AUTO_EXACT_ACTORS and len(block.a) <= AUTO_EXACT_TIES else "heuristic"
    tol = 1e-9 * max(1.0, float(block.w.sum()))
    # a first split, so the bound can stop as soon as it proves it (a tension clique: at once)
    side, value = heuristic(block, camps, seed, start=start, restarts=0)
    bound_deadline = time.monotonic() + 0.25 * max(0.0, deadline - time.monotonic())
    bound = lower_bound(block, camps, bound_deadline, target=value)
    if value > bound + tol:
        heuristic_deadline = time.monotonic() + 0.25 * max(0.0, deadline - time.monotonic())
        side, value = heuristic(block, camps, seed, target=bound, deadline=heuristic_deadline,
                                start=block.labels(side), spectral=False)
    if value <= bound + tol:
        return BlockResult(block.labels(side), value, value, "lower bound", False, method)
    if method != "exact":
        return BlockResult(block.labels(side), value, bound, "", False, method)
    found, solver_bound, tight = _exact(block, camps, deadline, value)
    if found is not None and block.cost(found) < value - tol:
        side, value = found, block.cost(found)
    bound = max(bound, solver_bound)
    if tight or value <= bound + tol:
        return BlockResult(block.labels(side), value, value, "exact solver", False, method)
    return BlockResult(block.labels(side), value, bound, "", True, method)


class _Rows:
    """The constraints of a linear program as sparse triplets with bounds, one row at a time."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lb: list[float] = []
        self.ub: list[float] = []

    def add(self, terms: list[tuple[int, float]], low: float, high: float) -> None:
        for col, v in terms:
            self.rows.append(len(self.lb))
            self.cols.append(col)
            self.vals.append(v)
        self.lb.append(low)
        self.ub.append(high)

    def triplets(self) -> tuple[list[int], list[int], list[float], list[float], list[float]]:
        return self.rows, self.cols, self.vals, self.lb, self.ub


def two_camp_program(n: int, edges: list[tuple[int, int, int, float]]
                     ) -> tuple[np.ndarray, float, list[int], list[int], list[float], list[float], list[float]]:
    """The binary linear program of the two-camp frustration index (Aref, Mason & Wilson 2018).

    ``x_i`` (columns ``0..n-1``) is actor i's camp, ``y_e`` (column ``n + e``) stands for
    ``x_i * x_j``; a positive tie is frustrated by ``x_i + x_j - 2 y_e``, a negative one by
    ``1 - x_i - x_j + 2 y_e``. Returns the objective ``c``, its constant, and the constraints as
    sparse triplets with lower and upper bounds.

    Examples
    --------
    >>> c, constant, *_ = two_camp_program(2, [(0, 1, -1, 0.5)])
    >>> c.tolist(), constant
    ([-0.5, -0.5, 1.0], 0.5)
    """
    c = np.zeros(n + len(edges))
    constant = 0.0
    program = _Rows()
    constraint = program.add
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
    return (c, constant, *program.triplets())


def k_camp_program(n: int, k: int, edges: list[tuple[int, int, int, float]]
                   ) -> tuple[np.ndarray, float, list[int], list[int], list[float], list[float], list[float]]:
    """The binary linear program of the K-camp frustration index (generalised balance, Davis 1967).

    ``z_{i,q}`` (column ``i * k + q``) says actor i is in camp q, ``f_e`` (column ``n * k + e``) is
    tie e's frustration: each actor in exactly one camp; a positive tie is frustrated when its ends
    are in different camps, a negative one when they share a camp. Returns what
    :func:`two_camp_program` returns.

    Examples
    --------
    >>> c, constant, rows, cols, vals, lb, ub = k_camp_program(2, 3, [(0, 1, -1, 0.5)])
    >>> c.tolist(), len(lb)   # two one-camp rows and three rows for the tie
    ([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5], 5)
    """
    nz = n * k
    c = np.r_[np.zeros(nz), np.array([w for *_, w in edges], dtype=float)]
    program = _Rows()
    for i in range(n):
        program.add([(i * k + q, 1) for q in range(k)], 1, 1)
    for e, (i, j, sign, _) in enumerate(edges):
        for q in range(k):
            if sign > 0:
                program.add([(nz + e, 1), (i * k + q, -1), (j * k + q, 1)], 0, np.inf)
            else:
                program.add([(nz + e, 1), (i * k + q, -1), (j * k + q, -1)], -1, np.inf)
    return (c, 0.0, *program.triplets())

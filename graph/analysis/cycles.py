"""Balance read from the cycles of the signed layer: its ties, signed triangles and closed walks.

Every measure here reads the ``signed`` layer of :mod:`graph.network` (one tie per pair, with the
pair's net sign and its magnitude), from a :class:`~graph.network.Network` as built or from a
dataset's relations as given. :mod:`graph.analysis.balance` gathers them with the frustration
index into one report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import networkx as nx
import numpy as np

from ..model import Dataset
from ..network import Network

__all__ = ["TRIAD_TYPES", "SignedTie", "Triad", "signed_ties", "triads", "signed_triangles", "triangle_balance",
           "walk_balance", "walk_balance_estimate", "WalkBalance", "WALK_DENSE_LIMIT"]

#: Signed triangle types, by their signs: balanced are "+++" and "+--".
TRIAD_TYPES = ("+++", "++-", "+--", "---")


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


def signed_ties(dataset: Dataset | Network) -> list[SignedTie]:
    """The ties of the signed layer, sorted by pair.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")), relations=(
    ...     Relation("r", "A", "B", False, "tension", "security", 0.5),))
    >>> signed_ties(ds)
    [SignedTie(source='A', target='B', sign=-1, weight=0.5)]
    """
    g = Network.of(dataset).signed
    # sorted as plain tuples (compared in C), then wrapped: the same order as SignedTie's, without a
    # Python-level comparison per step (a million ties: 6 s to under 2)
    rows = sorted((a, b, d["sign"], d["weight"]) if a < b else (b, a, d["sign"], d["weight"])
                  for a, b, d in g.edges(data=True))
    return [SignedTie(*row) for row in rows]


def triads(g: nx.Graph) -> Iterator[Triad]:
    """Every triangle of a graph whose edges carry ``sign``, in sorted member order.

    Examples
    --------
    >>> g = nx.Graph([("A", "B", {"sign": 1}), ("B", "C", {"sign": 1}), ("A", "C", {"sign": -1})])
    >>> list(triads(g))
    [Triad(members=('A', 'B', 'C'), signs='++-')]
    """
    order = {n: i for i, n in enumerate(sorted(g))}
    for u in sorted(g):
        later = [v for v in g[u] if order[v] > order[u]]
        for v in sorted(later, key=order.get):
            for w in sorted(set(g[u]) & set(g[v]), key=order.get):
                if order[w] > order[v]:
                    signs = sorted("+" if g[a][b]["sign"] > 0 else "-" for a, b in ((u, v), (u, w), (v, w)))
                    yield Triad((u, v, w), "".join(signs))


def signed_triangles(dataset: Dataset | Network) -> tuple[dict[str, int], list[Triad]]:
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
    g = Network.of(dataset).signed
    nodes = sorted(g)
    ends, negatives = _triangle_arrays(g, nodes)
    counts = np.bincount(negatives, minlength=4)
    census = {t: int(counts[t.count("-")]) for t in TRIAD_TYPES}
    odd = np.flatnonzero(negatives % 2 == 1)
    unbalanced = [Triad((nodes[i], nodes[j], nodes[k]), _SIGNS[c])
                  for (i, j, k), c in zip(ends[odd].tolist(), negatives[odd].tolist())]
    return census, unbalanced


#: A triangle's signs, sorted, by its number of negative ties.
_SIGNS = ("+++", "++-", "+--", "---")
#: Ties handled per batch of the triangle search: bounds its memory (a few wedges per tie each).
_TRIANGLE_BATCH = 100_000


def _triangle_arrays(g: nx.Graph, nodes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every triangle of ``g`` as member indices ``i < j < k`` into ``nodes`` (in lexicographic order,
    as :func:`triads` yields them) and its number of negative ties: vectorised, for the census of a
    million ties. Each tie (i, j) is extended by every later neighbour k of j, and kept where (i, k)
    is a tie too (a sorted search over the ties' keys)."""
    n = len(nodes)
    index = {x: i for i, x in enumerate(nodes)}
    m = g.number_of_edges()
    a = np.fromiter((index[x] for x, _ in g.edges()), dtype=np.int64, count=m)
    b = np.fromiter((index[y] for _, y in g.edges()), dtype=np.int64, count=m)
    neg = np.fromiter((d["sign"] < 0 for _, _, d in g.edges(data=True)), dtype=np.int64, count=m)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    key = lo * n + hi
    order = np.argsort(key, kind="stable")
    key, lo, hi, neg = key[order], lo[order], hi[order], neg[order]
    start = np.searchsorted(lo, np.arange(n + 1))       # tie positions of each actor's later neighbours
    found, signs = [], []
    for first in range(0, m, _TRIANGLE_BATCH):
        e = np.arange(first, min(m, first + _TRIANGLE_BATCH))
        j = hi[e]
        width = start[j + 1] - start[j]
        if not width.sum():
            continue
        tie_ij = np.repeat(e, width)
        offset = np.arange(int(width.sum())) - np.repeat(np.cumsum(width) - width, width)
        tie_jk = np.repeat(start[j], width) + offset
        wanted = lo[tie_ij] * n + hi[tie_jk]
        tie_ik = np.minimum(np.searchsorted(key, wanted), m - 1)
        hit = key[tie_ik] == wanted
        tie_ij, tie_jk, tie_ik = tie_ij[hit], tie_jk[hit], tie_ik[hit]
        found.append(np.stack([lo[tie_ij], hi[tie_ij], hi[tie_jk]], axis=1))
        signs.append(neg[tie_ij] + neg[tie_jk] + neg[tie_ik])
    if not found:
        return np.zeros((0, 3), dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(found), np.concatenate(signs)


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


#: Up to this many actors with a signed tie in one connected component, walk balance reads the
#: component's exact spectrum (dense, 8 n^2 bytes: 32 MB at 2,000); larger components are estimated
#: by stochastic Lanczos quadrature in O(ties + n * steps) memory (:func:`walk_balance_estimate`).
WALK_DENSE_LIMIT = 2_000
#: Random probe vectors and Lanczos steps of the estimate.
WALK_PROBES = 30
WALK_STEPS = 40


@dataclass(frozen=True)
class WalkBalance:
    """Walk balance, how it was computed (``"exact"`` or ``"estimated"``) and the estimate's
    standard error (0.0 when exact)."""

    value: float
    method: str
    error: float


def _sparse(dataset: Dataset | Network, weighted: bool):
    from scipy.sparse import coo_array

    g = Network.of(dataset).signed
    nodes = sorted(n for n in g if g.degree(n))  # an actor without a signed tie would add 1 to both traces
    index = {n: i for i, n in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, v, d in g.edges(data=True):
        rows.append(index[u])
        cols.append(index[v])
        vals.append(d["sign"] * (d["weight"] if weighted else 1.0))
    r, c, x = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=float)
    return coo_array((np.r_[x, x], (np.r_[r, c], np.r_[c, r])), shape=(len(nodes), len(nodes))).tocsr()


def _lanczos_nodes(a, v: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss quadrature nodes and weights of ``v^T f(A) v / |v|^2`` from ``steps`` Lanczos steps."""
    n = a.shape[0]
    steps = min(steps, n)
    q = np.zeros((steps, n))
    alpha, beta = np.zeros(steps), np.zeros(steps)
    q[0] = v / math.sqrt(float((v * v).sum()))
    k = steps
    for j in range(steps):
        w = a @ q[j]
        alpha[j] = q[j] @ w
        w -= q[:j + 1].T @ (q[:j + 1] @ w)  # full reorthogonalisation: steps are few, n is not
        if j + 1 == steps:
            break
        beta[j] = math.sqrt(float((w * w).sum()))
        if beta[j] < 1e-10:  # an invariant subspace: the quadrature is exact already
            k = j + 1
            break
        q[j + 1] = w / beta[j]
    from scipy.linalg import eigh_tridiagonal

    theta, y = eigh_tridiagonal(alpha[:k], beta[:k - 1])
    return theta, y[0] ** 2


def _estimate_log_traces(a, probes: int, steps: int, seed: int) -> tuple[float, float, float]:
    """log tr exp(A), log tr exp(|A|) by stochastic Lanczos quadrature, and the ratio's relative error.

    The same Rademacher probes serve both traces, so their errors partly cancel in the ratio.
    """
    n = a.shape[0]
    absolute = abs(a)
    rng = np.random.default_rng(seed)
    logs = np.zeros((2, probes))
    for p in range(probes):
        v = rng.choice((-1.0, 1.0), size=n)
        for row, m in enumerate((a, absolute)):
            theta, weight = _lanczos_nodes(m, v, steps)
            keep = weight > 0
            logs[row, p] = math.log(n) + _logsumexp(theta[keep] + np.log(weight[keep]))
    shift = logs.max()
    scaled = np.exp(logs - shift)  # each probe's estimate of the trace, divided by exp(shift)
    means = scaled.mean(axis=1)
    ratio = scaled[0] / means[1] - means[0] * scaled[1] / means[1] ** 2  # the delta method, per probe
    relative = float(ratio.std(ddof=1) / math.sqrt(probes) / (means[0] / means[1])) if probes > 1 else math.inf
    return shift + math.log(means[0]), shift + math.log(means[1]), relative


def walk_balance_estimate(dataset: Dataset | Network, weighted: bool = False, *, probes: int = WALK_PROBES,
                          steps: int = WALK_STEPS, seed: int = 0) -> WalkBalance:
    """Walk balance (:func:`walk_balance`) with how it was computed: exactly, or estimated when large.

    The traces add up over connected components. A component of at most :data:`WALK_DENSE_LIMIT`
    actors contributes its exact spectrum; a larger one an estimate by stochastic Lanczos
    quadrature (Ubaru, Chen & Saad 2017): ``probes`` seeded Rademacher vectors, ``steps`` Lanczos
    steps each, ``tr f(A) ~ n * mean(e1^T f(T) e1)``, for ``f = exp`` in log space. Memory stays at
    the sparse matrix plus ``steps`` vectors of length n (at 20,000 actors, 100,000 ties: a few MB),
    never the dense ``n x n`` matrix. ``error`` is the estimate's standard error over the probes
    (delta method on the ratio), 0.0 when exact.

    References
    ----------
    Ubaru, S., Chen, J. & Saad, Y. (2017). Fast estimation of tr(f(A)) via stochastic Lanczos
    quadrature. SIAM J. Matrix Anal. Appl. 38(4):1075-1099. doi:10.1137/16M1104974

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> A = tuple(Actor(x, x, "state") for x in "AB")
    >>> walk_balance_estimate(Dataset(actors=A, relations=(Relation("r", "A", "B", False, "tension", "security", 1.0),)))
    WalkBalance(value=1.0, method='exact', error=0.0)
    """
    from scipy.sparse.csgraph import connected_components

    a = _sparse(dataset, weighted)
    if a.shape[0] == 0:
        return WalkBalance(1.0, "exact", 0.0)
    count, label = connected_components(a, directed=False)
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(count + 1))
    signed, absolute, errors = [], [], []
    for c in range(count):
        members = order[bounds[c]:bounds[c + 1]]
        block = a[members][:, members]
        if len(members) <= WALK_DENSE_LIMIT:
            dense = block.toarray()
            signed.append(_logsumexp(np.linalg.eigvalsh(dense)))
            absolute.append(_logsumexp(np.linalg.eigvalsh(np.abs(dense))))
        else:
            log_a, log_b, relative = _estimate_log_traces(block, probes, steps, seed + c)
            signed.append(log_a)
            absolute.append(log_b)
            errors.append((log_b, relative))
    total_a, total_b = _logsumexp(np.array(signed)), _logsumexp(np.array(absolute))
    value = math.exp(total_a - total_b)
    if not errors:
        return WalkBalance(value, "exact", 0.0)
    # each estimated component's share of the denominator carries its relative error into the ratio
    relative = math.sqrt(sum((math.exp(log_b - total_b) * r) ** 2 for log_b, r in errors))
    return WalkBalance(value, "estimated", value * relative)


def walk_balance(dataset: Dataset | Network, weighted: bool = False) -> float:
    """Walk-based balance: ``tr exp(A) / tr exp(|A|)`` (Estrada & Benzi 2014).

    Closed walks of every length, each weighted by ``1/k!``, with negative walks counting against;
    1 means balanced. This is signnet's ``balance_score(g, method = "walk")``. ``A`` is the signed
    adjacency matrix of the signed layer over the actors with a signed tie (an actor without one
    would add 1 to both traces and pull the ratio towards 1): entries ±1, or ± magnitude when ``weighted``.
    Exact up to :data:`WALK_DENSE_LIMIT` actors per connected component, estimated beyond
    (:func:`walk_balance_estimate` says which, with the error).

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
    return walk_balance_estimate(dataset, weighted).value


def _logsumexp(values: np.ndarray) -> float:
    top = float(values.max())
    return top + math.log(float(np.exp(values - top).sum()))

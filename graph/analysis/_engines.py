"""The engines behind the path measures (betweenness, closeness): pure Python, or igraph when installed.

Both engines compute the same numbers (to 1e-9, checked by ``tests/test_engines.py``); igraph is
an optional accelerator (``pip install "geograph[fast]"``), some 40 times faster on betweenness,
and nothing needs it.

``networkx``
    Always there. The graph stays a NetworkX graph; betweenness and closeness come from one
    Brandes pass per source written here over integer-indexed adjacency lists, which is about
    four times as fast as NetworkX's own and yields the distances for closeness on the way.
``igraph``
    python-igraph's ``betweenness`` and ``closeness`` (C), on the same edges and distances.
``auto``
    igraph when it is installed and the graph is large enough for it to pay
    (nodes × edges above :data:`AUTO_IGRAPH_WORK`: importing igraph takes longer than the Python
    engine needs on small graphs), else networkx. The default, overridable with the environment
    variable ``GEOGRAPH_ENGINE``.

Shortest paths read ``distance = 1 / strength``. Two paths are equally short when their lengths
agree within a relative ``1e-10`` (igraph's ``IGRAPH_SHORTEST_PATH_EPSILON``; the Python engine
compares the same way): floating-point sums would otherwise split true ties such as
``1/0.6 + 1/0.6 = 1/0.3`` by one unit in the last place, and count one path instead of two.

Betweenness is exact up to :data:`EXACT_BETWEENNESS_WORK` (nodes × edges of the alignment layer,
about 5,000 actors with 20,000 alignment ties); above it, it is estimated from
:func:`betweenness_pivots` sources chosen with a fixed seed (Brandes & Pich 2007), the same in both
engines, so the report stays identical whichever engine ran. See :func:`pivot_error_bound`.
"""

from __future__ import annotations

import math
import os
import random
from heapq import heappop, heappush
from typing import TYPE_CHECKING, Mapping, Sequence

if TYPE_CHECKING:
    from scipy.sparse import csr_array

import networkx as nx

from ..errors import OptionError

__all__ = ["ENGINES", "AUTO_IGRAPH_WORK", "EXACT_BETWEENNESS_WORK", "PIVOT_WORK", "SHORTEST_PATH_EPSILON", "resolve_engine",
           "has_igraph", "betweenness_pivots", "pivot_error_bound", "path_measures", "sampled_sources",
           "sampled_error_bound", "sampled_closeness"]

#: Engine names accepted by :func:`graph.centrality` (``engine=``) and ``GEOGRAPH_ENGINE``.
ENGINES = ("auto", "networkx", "igraph")
#: Two path lengths within this relative difference are equal (igraph's epsilon).
SHORTEST_PATH_EPSILON = 1e-10
#: ``auto`` picks igraph when nodes × edges of the alignment layer pass this (the Python engine
#: takes about 0.3 s there, importing igraph about as long).
AUTO_IGRAPH_WORK = 300_000
#: Exact betweenness while (alignment-layer nodes) × (edges) stays at or below this.
EXACT_BETWEENNESS_WORK = 100_000_000
#: Above it, the number of pivot sources is ``ceil(PIVOT_WORK / edges)``, at least 1,000.
PIVOT_WORK = 50_000_000
_MIN_PIVOTS = 1_000


def has_igraph() -> bool:
    """Whether python-igraph is installed (the optional accelerator); nothing is imported."""
    from importlib.util import find_spec

    return find_spec("igraph") is not None


def resolve_engine(engine: str | None = None, work: int | None = None) -> str:
    """The engine that will run: ``"networkx"`` or ``"igraph"``.

    ``None`` reads the environment variable ``GEOGRAPH_ENGINE`` (default ``auto``); ``auto``
    is igraph when installed and ``work`` (nodes × edges; unknown: large) passes
    :data:`AUTO_IGRAPH_WORK`, else networkx.

    Examples
    --------
    >>> resolve_engine("networkx")
    'networkx'
    >>> resolve_engine("fast")
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: unknown engine 'fast'; choose one of: auto, networkx, igraph
    """
    name = engine if engine is not None else os.environ.get("GEOGRAPH_ENGINE", "auto")
    if name not in ENGINES:
        raise OptionError(f"unknown engine '{name}'; choose one of: {', '.join(ENGINES)}")
    if name == "auto":
        big = work is None or work > AUTO_IGRAPH_WORK
        return "igraph" if big and has_igraph() else "networkx"
    if name == "igraph" and not has_igraph():
        raise OptionError("the igraph engine needs python-igraph. Hint: pip install \"geograph[fast]\" "
                          "(or pip install igraph), or use engine='networkx'")
    return name


def betweenness_pivots(n: int, m: int, *, exact: bool | None = None, seed: int = 0) -> list[int] | None:
    """The sources betweenness is estimated from, or ``None`` for exact betweenness.

    ``n`` and ``m`` are the nodes and edges of the alignment layer. Exact while ``n * m`` is at most
    :data:`EXACT_BETWEENNESS_WORK` (or ``exact=True``); otherwise ``k = max(1000, ceil(PIVOT_WORK / m))``
    node indices drawn without replacement with ``random.Random(seed)`` (``exact=False`` forces
    the estimate whatever the size). ``k >= n`` means every node: exact.

    Examples
    --------
    >>> betweenness_pivots(1_000, 3_000) is None
    True
    >>> len(betweenness_pivots(10_000, 40_000))
    1250
    >>> betweenness_pivots(10_000, 40_000) == betweenness_pivots(10_000, 40_000)    # seeded
    True
    """
    if exact or (exact is None and n * m <= EXACT_BETWEENNESS_WORK) or m == 0:
        return None
    k = max(_MIN_PIVOTS, math.ceil(PIVOT_WORK / m))
    if k >= n:
        return None
    return sorted(random.Random(seed).sample(range(n), k))


def pivot_error_bound(n: int, k: int, delta: float = 0.01) -> float:
    """A bound on the error of the pivot estimate of normalised betweenness.

    With ``k`` pivots out of ``n`` nodes, every actor's estimate is within the returned ``epsilon``
    of its exact value with probability at least ``1 - delta``, all actors at once: each pivot adds
    a term in ``[0, n / (n - 1)]`` whose mean is the exact score, so Hoeffding's inequality (which
    holds for sampling without replacement) and a union bound over the ``n`` actors give
    ``epsilon = n / (n - 1) * sqrt(ln(2 n / delta) / (2 k))``. It is a worst case; the errors
    measured on the benchmark graphs are about a hundred times smaller (benchmarks/README.md).

    Examples
    --------
    >>> round(pivot_error_bound(10_000, 1_250), 3)
    0.076
    """
    return n / (n - 1) * math.sqrt(math.log(2 * n / delta) / (2 * k))


def _indexed(g: nx.Graph) -> tuple[list, list[tuple[int, int]], list[float]]:
    nodes = list(g)
    index = {v: i for i, v in enumerate(nodes)}
    edges, lengths = [], []
    for a, b, d in g.edges(data="distance"):
        edges.append((index[a], index[b]))
        lengths.append(float(d))
    return nodes, edges, lengths


def _rescale(raw: Sequence[float], n: int, pivots: list[int] | None,
             weights: Sequence[float] | None = None) -> list[float]:
    """Sums over sources of pair dependencies → NetworkX's normalised betweenness (undirected).

    With ``pivots`` (a uniform sample) each source stands for ``n / len(pivots)`` nodes; with
    ``weights`` (a sample stratified by part, :func:`sampled_sources`) each actor's sum is scaled
    by its own part's ``size / sources``."""
    if n < 3:
        return [0.0] * n
    scale = 1.0 / ((n - 1) * (n - 2))
    if weights is not None:
        return [x * scale * f for x, f in zip(raw, weights)]
    if pivots is not None:
        scale *= n / len(pivots)
    return [x * scale for x in raw]


def _python(n: int, edges: list[tuple[int, int]], lengths: list[float], pivots: list[int] | None,
            closeness: bool) -> tuple[list[float], list[float] | None]:
    """Brandes' algorithm with igraph's tie rule; the distances give closeness on the way."""
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for (a, b), d in zip(edges, lengths):
        adj[a].append((b, d))
        adj[b].append((a, d))
    eps = SHORTEST_PATH_EPSILON
    between = [0.0] * n
    totals = [0.0] * n if closeness and pivots is None else None
    reach = [0] * n
    for s in (range(n) if pivots is None else pivots):
        if not adj[s]:
            continue
        # like igraph, a distance is stored plus one, so 0.0 means "not reached yet"
        dist = {s: 1.0}
        sigma = {s: 1.0}
        preds: dict[int, list[int]] = {s: []}
        order = []
        heap = [(1.0, s)]
        while heap:
            d, v = heappop(heap)
            if d != dist[v]:
                continue            # a stale entry: v was reached again by a shorter path
            order.append(v)
            sv = sigma[v]
            for w, length in adj[v]:
                alt = d + length
                cur = dist.get(w, 0.0)
                if cur == 0.0:
                    dist[w] = alt
                    sigma[w] = sv
                    preds[w] = [v]
                    heappush(heap, (alt, w))
                    continue
                diff = alt - cur
                if diff == 0.0 or abs(diff) < eps * (alt + cur):
                    preds[w].append(v)
                    sigma[w] += sv
                elif diff < 0.0:
                    dist[w] = alt
                    sigma[w] = sv
                    preds[w] = [v]
                    heappush(heap, (alt, w))
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            coeff = (1.0 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                between[w] += delta[w]
        if totals is not None:
            totals[s] = sum(dist.values()) - len(dist)     # the stored distances are plus one
            reach[s] = len(dist) - 1
    return between, (_closeness(totals, reach, n) if totals is not None else None)


def _closeness(totals: Sequence[float], reach: Sequence[int], n: int) -> list[float]:
    """Wasserman–Faust closeness from each node's distance sum and reached count, as NetworkX."""
    out = []
    for total, r in zip(totals, reach):
        out.append(r / total * (r / (n - 1)) if total > 0.0 and n > 1 else 0.0)
    return out


def _distances(n: int, edges: list[tuple[int, int]], lengths: Sequence[float]) -> "csr_array":
    """The undirected edges as a symmetric SciPy CSR matrix of their lengths (for Dijkstra and parts)."""
    import numpy as np
    from scipy.sparse import coo_array

    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    w = np.asarray(lengths, dtype=float)
    return coo_array((np.r_[w, w], (np.r_[e[:, 0], e[:, 1]], np.r_[e[:, 1], e[:, 0]])), shape=(n, n)).tocsr()


def _scipy_closeness(n: int, edges: list[tuple[int, int]], lengths: list[float]) -> list[float]:
    """Closeness from SciPy's Dijkstra, a block of sources at a time (bounded memory)."""
    import numpy as np
    from scipy.sparse.csgraph import dijkstra

    if not edges:
        return [0.0] * n
    a = _distances(n, edges, lengths)
    totals, reach = np.zeros(n), np.zeros(n, dtype=int)
    block = max(1, 20_000_000 // max(n, 1))
    for start in range(0, n, block):
        rows = dijkstra(a, directed=False, indices=np.arange(start, min(n, start + block)))
        finite = np.isfinite(rows)
        reach[start:start + len(rows)] = finite.sum(axis=1) - 1
        totals[start:start + len(rows)] = np.where(finite, rows, 0.0).sum(axis=1)
    return _closeness(totals.tolist(), reach.tolist(), n)


def _igraph(n: int, edges: list[tuple[int, int]], lengths: list[float],
            pivots: list[int] | None, closeness: bool = True) -> tuple[list[float], list[float] | None]:
    import igraph as ig

    g = ig.Graph(n=n, edges=edges, directed=False)
    if not edges:
        return [0.0] * n, [0.0] * n
    # igraph halves undirected sums (each pair once); NetworkX's scale counts each pair twice
    raw = g.betweenness(weights=lengths, directed=False, sources=pivots)
    between = [2.0 * x for x in raw]
    if not closeness:
        return between, None
    # closeness over the reached actors only, (r - 1) / sum of distances; NaN when nothing is reached
    reached = g.closeness(weights=lengths, normalized=True)
    sizes = g.connected_components().membership
    counts: dict[int, int] = {}
    for c in sizes:
        counts[c] = counts.get(c, 0) + 1
    close = []
    for v, value in enumerate(reached):
        r = counts[sizes[v]] - 1
        close.append(0.0 if r == 0 or value != value else value * (r / (n - 1)))
    return between, close


def path_measures(g: nx.Graph, engine: str | None = None, *, exact: bool | None = None,
                  seed: int = 0, sample: int | None = None) -> tuple[dict, dict, dict]:
    """Betweenness and closeness of every node of ``g`` (edges carry ``distance``), and how.

    Parameters
    ----------
    g : networkx.Graph
        Undirected, every edge with a positive ``distance``.
    engine : {"auto", "networkx", "igraph"}, optional
        See the module notes; default ``GEOGRAPH_ENGINE`` or ``auto``.
    exact : bool, optional
        ``True`` always computes betweenness exactly, ``False`` always estimates it; default: exact
        up to :data:`EXACT_BETWEENNESS_WORK`.
    seed : int
        Seed of the pivot draw.
    sample : int, optional
        Estimate both measures from this many sources in each connected part of ``g``
        (:func:`sampled_sources`; a part that has no more is computed exactly), whatever
        ``exact`` says: what a page does on a large graph, where the report stays exact.

    Returns
    -------
    betweenness, closeness : dict
        Node to score: NetworkX's ``betweenness_centrality(g, weight="distance", normalized=True)``
        and ``closeness_centrality(g, distance="distance")`` (Wasserman–Faust), with the tie rule
        of the module notes.
    info : dict
        ``engine``, ``betweenness`` (``"exact"`` or ``"estimated"``), ``pivots`` and, when
        estimated, ``error_bound`` (:func:`pivot_error_bound`, delta 0.01). With ``sample`` also
        ``closeness`` (``"exact"`` or ``"estimated"``) and, when estimated,
        ``closeness_relative_error_bound`` and ``closeness_relative_standard_error``
        (:func:`sampled_closeness`; ``error_bound`` is then :func:`sampled_error_bound`'s).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge("A", "B", distance=2.0); g.add_edge("B", "C", distance=2.0); g.add_node("D")
    >>> b, c, info = path_measures(g, "networkx")
    >>> b["B"], round(c["A"], 6), info["betweenness"]     # B is on the one path between others
    (0.3333333333333333, 0.222222, 'exact')
    """
    nodes, edges, lengths = _indexed(g)
    n = len(nodes)
    name = resolve_engine(engine, n * len(edges))
    if sample is not None:
        labels = _labels(n, edges)
        sources = sampled_sources(labels, sample, seed)
        if sources is not None:
            return _sampled(nodes, edges, lengths, name, labels, sources)
    pivots = betweenness_pivots(n, len(edges), exact=exact, seed=seed)
    if name == "igraph":
        raw, close = _igraph(n, edges, lengths, pivots)
    else:
        raw, close = _python(n, edges, lengths, pivots, closeness=True)
        if close is None:
            close = _scipy_closeness(n, edges, lengths)
    between = _rescale(raw, n, pivots)
    info: dict[str, object] = {"engine": name, "betweenness": "exact" if pivots is None else "estimated",
                               "closeness": "exact", "pivots": n if pivots is None else len(pivots)}
    if pivots is not None:
        info["error_bound"] = pivot_error_bound(n, len(pivots))
    return dict(zip(nodes, between)), dict(zip(nodes, close)), info


def _labels(n: int, edges: list[tuple[int, int]]) -> list[int]:
    """Each node's connected part, numbered from 0 (SciPy's labels)."""
    from scipy.sparse.csgraph import connected_components

    return connected_components(_distances(n, edges, [1.0] * len(edges)), directed=False)[1].tolist()


def sampled_sources(labels: Sequence[int], k: int, seed: int = 0) -> list[int] | None:
    """The sources both path measures are estimated from: stratified by connected part.

    Every node of a part of at most ``k`` nodes (its measures come out exact), and ``k`` nodes of a
    larger part drawn without replacement with ``random.Random(seed)``, parts taken in label order.
    ``None`` when no part is larger than ``k``: nothing to estimate.

    Examples
    --------
    >>> sampled_sources([0, 0, 1], 2) is None
    True
    >>> src = sampled_sources([0, 0, 0, 0, 1, 1], 2)
    >>> len(src), src[-2:]                 # two of the first part, both of the second
    (4, [4, 5])
    """
    parts: dict[int, list[int]] = {}
    for v, c in enumerate(labels):
        parts.setdefault(c, []).append(v)
    if all(len(m) <= k for m in parts.values()):
        return None
    rng = random.Random(seed)
    return sorted(v for c in sorted(parts) for v in (parts[c] if len(parts[c]) <= k else rng.sample(parts[c], k)))


def sampled_error_bound(sizes: Mapping[int, int], drawn: Mapping[int, int], n: int, delta: float = 0.01) -> float:
    """A bound on the error of stratified sampled betweenness, every actor at once (probability ``1 - delta``).

    In a part of ``s`` nodes with ``k`` of them sources, the estimate of normalised betweenness is
    the mean over the sources of terms in ``[0, s (s - 2) / ((n - 1)(n - 2))]`` (a source's pair
    dependency on an actor counts at most ``s - 2`` targets) whose mean over the part is the exact
    score: Hoeffding's inequality (valid without replacement) and a union bound over the ``n``
    actors give ``s (s - 2) / ((n - 1)(n - 2)) * sqrt(ln(2 n / delta) / (2 k))``; the largest over
    the parts sampled. A part whose every node is a source contributes nothing. With one part this
    is :func:`pivot_error_bound`.

    Examples
    --------
    >>> round(sampled_error_bound({0: 10_000}, {0: 1_250}, 10_000), 3) == round(pivot_error_bound(10_000, 1_250), 3)
    True
    """
    if n < 3:
        return 0.0
    spread = math.sqrt(math.log(2 * n / delta) / 2)
    return max((s * (s - 2) / ((n - 1) * (n - 2)) * spread / math.sqrt(drawn[c])
                for c, s in sizes.items() if drawn.get(c, 0) < s), default=0.0)


def sampled_closeness(n: int, edges: list[tuple[int, int]], lengths: list[float], labels: Sequence[int],
                      sources: Sequence[int], delta: float = 0.01) -> tuple[list[float], float, float]:
    """Wasserman–Faust closeness estimated from ``sources`` (Eppstein & Wang 2004), and how sure it is.

    An actor's distance sum over its part of ``s`` nodes is ``s`` times the mean of its distances
    to the part's ``k`` sources (undirected: one Dijkstra per source gives every actor's distance
    to it), exact where every node of the part is a source. Closeness is the inverse of that mean
    (times a constant), so its error is relative. Two figures, the largest over the actors:

    * a bound that holds for every actor at once with probability ``1 - delta``: an actor's
      distances lie in ``[0, e]``, ``e`` its eccentricity, itself at most ``d(p, v) + ecc(p)`` for
      any source ``p``; Hoeffding's inequality (valid without replacement) and a union bound put
      the mean ``m`` within ``eta = e sqrt(ln(2 n / delta) / (2 k))`` of its estimate ``m'``, so
      closeness is within a relative ``eta / (m' - eta)`` (infinite where ``m' <= eta``: the
      sample says too little). A worst case, loose;
    * the relative standard error, ``sd / (m' sqrt(k)) * sqrt(1 - k / s)`` from the sampled
      distances' spread (the finite-population factor makes a fully sampled part exact): what
      the error typically is.

    Eppstein & Wang, "Fast approximation of centrality", J. Graph Algorithms Appl. 8(1):39–45
    (2004), doi:10.7155/jgaa.00081.

    Examples
    --------
    >>> close, bound, se = sampled_closeness(3, [(0, 1), (1, 2)], [1.0, 1.0], [0, 0, 0], [0, 1, 2])
    >>> [round(x, 3) for x in close], bound, se      # every node a source: exact
    ([0.667, 1.0, 0.667], 0.0, 0.0)
    """
    import numpy as np
    from scipy.sparse.csgraph import dijkstra

    if n == 0:
        return [], 0.0, 0.0
    lab = np.asarray(labels)
    src = np.asarray(sources, dtype=np.int64)
    size = np.bincount(lab)
    drawn = np.bincount(lab[src], minlength=len(size))
    a = _distances(n, edges, lengths)
    total, squares, reach_bound = np.zeros(n), np.zeros(n), np.full(n, np.inf)
    block = max(1, 20_000_000 // n)       # bounded memory: a block of sources at a time
    for start in range(0, len(src), block):
        rows = dijkstra(a, directed=False, indices=src[start:start + block])
        finite = np.isfinite(rows)
        rows = np.where(finite, rows, 0.0)
        total += rows.sum(axis=0)
        squares += (rows * rows).sum(axis=0)
        ecc = rows.max(axis=1, keepdims=True)
        reach_bound = np.minimum(reach_bound, np.where(finite, rows + ecc, np.inf).min(axis=0))
    s, k = size[lab], drawn[lab]
    mean = total / k                      # over the part's sources, the actor itself counted at 0
    reach = s - 1
    spread = math.sqrt(math.log(2 * n / delta) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        close = np.where((mean > 0) & (n > 1), reach / max(n - 1, 1) * reach / (mean * s), 0.0)
        sampled = (k < s) & (mean > 0)
        eta = reach_bound * spread / np.sqrt(k)
        bound = np.where(sampled, np.where(mean > eta, eta / (mean - eta), np.inf), 0.0)
        sd = np.sqrt(np.maximum(squares - k * mean * mean, 0.0) / np.maximum(k - 1, 1))
        se = np.where(sampled, sd / (mean * np.sqrt(k)) * np.sqrt(np.maximum(1 - k / s, 0.0)), 0.0)
    return close.tolist(), float(bound.max()), float(se.max())


def _sampled(nodes: list, edges: list[tuple[int, int]], lengths: list[float], engine: str, labels: list[int],
             sources: list[int]) -> tuple[dict, dict, dict]:
    """Both path measures estimated from stratified ``sources`` (:func:`path_measures` with ``sample``)."""
    n = len(nodes)
    if engine == "igraph":
        raw, _ = _igraph(n, edges, lengths, sources, closeness=False)
    else:
        raw, _ = _python(n, edges, lengths, sources, closeness=False)
    sizes: dict[int, int] = {}
    for c in labels:
        sizes[c] = sizes.get(c, 0) + 1
    drawn: dict[int, int] = {}
    for v in sources:
        drawn[labels[v]] = drawn.get(labels[v], 0) + 1
    # a source stands for size / drawn nodes of its own part: the estimate's weight, per actor
    between = _rescale(raw, n, sources, [sizes[c] / drawn[c] for c in labels])
    close, close_bound, close_se = sampled_closeness(n, edges, lengths, labels, sources)
    info: dict[str, object] = {"engine": engine, "betweenness": "estimated", "closeness": "estimated",
                               "pivots": len(sources), "error_bound": sampled_error_bound(sizes, drawn, n),
                               "closeness_relative_error_bound": close_bound,
                               "closeness_relative_standard_error": close_se}
    return dict(zip(nodes, between)), dict(zip(nodes, close)), info

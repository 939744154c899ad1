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
from typing import Sequence

import networkx as nx

from ..errors import OptionError

__all__ = ["ENGINES", "AUTO_IGRAPH_WORK", "EXACT_BETWEENNESS_WORK", "PIVOT_WORK", "SHORTEST_PATH_EPSILON", "resolve_engine",
           "has_igraph", "betweenness_pivots", "pivot_error_bound", "path_measures"]

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


def _rescale(raw: Sequence[float], n: int, pivots: list[int] | None) -> list[float]:
    """Sums over sources of pair dependencies → NetworkX's normalised betweenness (undirected)."""
    if n < 3:
        return [0.0] * n
    scale = 1.0 / ((n - 1) * (n - 2))
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


def _scipy_closeness(n: int, edges: list[tuple[int, int]], lengths: list[float]) -> list[float]:
    """Closeness from SciPy's Dijkstra, a block of sources at a time (bounded memory)."""
    import numpy as np
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import dijkstra

    if not edges:
        return [0.0] * n
    e = np.asarray(edges)
    w = np.asarray(lengths)
    a = coo_array((np.r_[w, w], (np.r_[e[:, 0], e[:, 1]], np.r_[e[:, 1], e[:, 0]])), shape=(n, n)).tocsr()
    totals, reach = np.zeros(n), np.zeros(n, dtype=int)
    block = max(1, 20_000_000 // max(n, 1))
    for start in range(0, n, block):
        rows = dijkstra(a, directed=False, indices=np.arange(start, min(n, start + block)))
        finite = np.isfinite(rows)
        reach[start:start + len(rows)] = finite.sum(axis=1) - 1
        totals[start:start + len(rows)] = np.where(finite, rows, 0.0).sum(axis=1)
    return _closeness(totals.tolist(), reach.tolist(), n)


def _igraph(n: int, edges: list[tuple[int, int]], lengths: list[float],
            pivots: list[int] | None) -> tuple[list[float], list[float]]:
    import igraph as ig

    g = ig.Graph(n=n, edges=edges, directed=False)
    if not edges:
        return [0.0] * n, [0.0] * n
    # igraph halves undirected sums (each pair once); NetworkX's scale counts each pair twice
    raw = g.betweenness(weights=lengths, directed=False, sources=pivots)
    between = [2.0 * x for x in raw]
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
                  seed: int = 0) -> tuple[dict, dict, dict]:
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

    Returns
    -------
    betweenness, closeness : dict
        Node to score: NetworkX's ``betweenness_centrality(g, weight="distance", normalized=True)``
        and ``closeness_centrality(g, distance="distance")`` (Wasserman–Faust), with the tie rule
        of the module notes.
    info : dict
        ``engine``, ``betweenness`` (``"exact"`` or ``"estimated"``), ``pivots`` and, when
        estimated, ``error_bound`` (:func:`pivot_error_bound`, delta 0.01).

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
    pivots = betweenness_pivots(n, len(edges), exact=exact, seed=seed)
    if name == "igraph":
        raw, close = _igraph(n, edges, lengths, pivots)
    else:
        raw, close = _python(n, edges, lengths, pivots, closeness=True)
        if close is None:
            close = _scipy_closeness(n, edges, lengths)
    between = _rescale(raw, n, pivots)
    info: dict[str, object] = {"engine": name, "betweenness": "exact" if pivots is None else "estimated",
                               "pivots": n if pivots is None else len(pivots)}
    if pivots is not None:
        info["error_bound"] = pivot_error_bound(n, len(pivots))
    return dict(zip(nodes, between)), dict(zip(nodes, close)), info

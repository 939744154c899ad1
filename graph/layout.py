"""Sign-aware, seeded positions for drawing: allies drawn together, rivals pushed apart.

A force-directed layout (Fruchterman & Reingold 1991) on the aggregated layers: every pair of
actors repels; alignment pulls a pair together in proportion to its strength; tension adds a
repulsion in proportion to its strength. The result is stable for a given seed, so a page drawn
from it is byte-identical across runs and opens without a physics settle.
"""

from __future__ import annotations

import math

import numpy as np

from .model import Dataset
from .network import layer

__all__ = ["signed_layout", "FORCE_LIMIT"]

#: Above this many connected actors the O(n^2)-a-step force simulation gives way to a spectral
#: layout (the alignment Laplacian's low eigenvectors, sparse and fast), so large graphs lay out in
#: seconds; allies still sit together, but tension no longer pushes rivals apart.
FORCE_LIMIT = 600


def signed_layout(dataset: Dataset, seed: int = 7, iterations: int | None = None,
                  scale: float = 500.0) -> dict[str, tuple[float, float]]:
    """Positions for every actor, rounded to 0.1, in a box of about ``[-scale, scale]``.

    Actors with no relation are set in rows under the drawing (a force model would fling them to
    the edges and crush the rest into the middle).

    Parameters
    ----------
    dataset : Dataset
        Usually a snapshot; its alignment and tension layers set the forces.
    seed : int
        Seed of the starting positions.
    iterations : int, optional
        Steps of the simulation; default more for small graphs, fewer for large ones.
    scale : float
        Half the width of the drawing, in page pixels.

    Notes
    -----
    Above :data:`FORCE_LIMIT` connected actors a spectral layout replaces the simulation.
    Forces use the optimal distance ``k = 1 / sqrt(n)`` of the unit square: repulsion ``k^2 / d``
    between every pair, attraction ``w d^2 / k`` along an alignment of strength ``w``, and an extra
    repulsion ``2 w k^2 / d`` across a tension. The step shrinks linearly ("cooling"). The cost
    is ``O(n^2)`` per step, so the number of steps falls as graphs grow.

    References
    ----------
    Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by force-directed placement.
    Softw. Pract. Exper. 21:1129. doi:10.1002/spe.4380211102

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABC"), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0),
    ...     Relation("bc", "B", "C", False, "tension", "security", 1.0)))
    >>> pos = signed_layout(ds)
    >>> d = lambda a, b: math.dist(pos[a], pos[b])
    >>> d("A", "B") < d("A", "C") and d("A", "B") < d("B", "C")
    True
    """
    ids = sorted(a.id for a in dataset.actors)
    al, te = layer(dataset, "alignment"), layer(dataset, "tension")
    linked = [n for n in ids if al.degree(n) or te.degree(n)]
    alone = [n for n in ids if not (al.degree(n) or te.degree(n))]
    positions: dict[str, tuple[float, float]] = {}
    if linked:
        if len(linked) > FORCE_LIMIT:
            xy = _spectral(linked, al, te)
        else:
            xy = _simulate(linked, al, te, seed, iterations)
        positions = {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in zip(linked, xy)}
    bottom = max((y for _, y in positions.values()), default=0.0) + 0.3 * scale
    per_row = max(1, int(math.ceil(math.sqrt(len(alone) * 3))))
    for i, n in enumerate(alone):
        row, col = divmod(i, per_row)
        x = -scale + col * 2 * scale / max(1, per_row - 1) if per_row > 1 else 0.0
        positions[n] = (round(x, 1), round(bottom + 0.18 * scale * row, 1))
    return positions


def _spectral(nodes: list[str], al, te) -> np.ndarray:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_weighted_edges_from((a, b, d["weight"]) for a, b, d in al.edges(data=True))
    g.add_weighted_edges_from((a, b, 0.05 * d["weight"]) for a, b, d in te.edges(data=True)
                              if not g.has_edge(a, b))
    pos = nx.spectral_layout(g, weight="weight")
    xy = np.array([pos[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    span = np.abs(xy).max() or 1.0
    return xy / span


def _simulate(nodes: list[str], al, te, seed: int, iterations: int | None) -> np.ndarray:
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    pull = np.zeros((n, n))
    push = np.zeros((n, n))
    for g, target in ((al, pull), (te, push)):
        for a, b, d in g.edges(data=True):
            if a in index and b in index:
                target[index[a], index[b]] = target[index[b], index[a]] = d["weight"]
    rng = np.random.default_rng(seed)
    xy = rng.uniform(-1, 1, size=(n, 2))
    k = 1.0 / math.sqrt(n)
    # about ten million pair-steps (a second here) at most, never fewer than 50 steps
    steps = iterations if iterations is not None else int(min(300, max(50, 10_000_000 // (n * n))))
    temperature = 0.2
    for step in range(steps):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1))
        np.fill_diagonal(dist, 1.0)
        dist = np.maximum(dist, 1e-3)
        # repulsion for every pair, extra across tension; attraction along alignment
        magnitude = (k * k * (1.0 + 2.0 * push)) / dist - pull * dist * dist / k
        np.fill_diagonal(magnitude, 0.0)
        force = (delta / dist[:, :, None] * magnitude[:, :, None]).sum(axis=1)
        # a weak pull to the centre keeps separate components on one page
        force -= 0.05 * xy
        length = np.maximum(np.sqrt((force ** 2).sum(-1)), 1e-9)
        step_size = temperature * (1 - step / steps)
        xy += force / length[:, None] * np.minimum(length, step_size)[:, None]
    xy -= xy.mean(axis=0)
    span = np.abs(xy).max() or 1.0
    return xy / span

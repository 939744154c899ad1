"""Sign-aware, seeded positions for drawing: allies drawn together, rivals pushed apart.

A force-directed layout (Fruchterman & Reingold 1991) on the aggregated layers: every pair of
actors repels; alignment pulls a pair together in proportion to its strength; tension adds a
repulsion in proportion to its strength. Up to :data:`FORCE_LIMIT` connected actors every pair is
computed; above it the repulsion of the whole is estimated from each actor's nearest neighbours
and a random sample of the others (Gove 2019), so the cost of a step grows with actors plus
relations rather than with their square. The result is stable for a given seed (every random draw
comes from one seeded generator), so a page drawn from it is byte-identical across runs and
processes and opens without a physics settle.
"""

from __future__ import annotations

import math

import numpy as np

from .model import Dataset
from .network import Network

__all__ = ["signed_layout", "FORCE_LIMIT"]

#: Above this many connected actors the exact O(n^2)-a-step simulation gives way to the same forces
#: with sampled repulsion (O(n + m) a step), so 10,000 actors lay out in seconds; the forces, tension
#: included, are the same, only estimated. Below it the exact path keeps the pictures it always drew.
FORCE_LIMIT = 600

#: Sampled path: how many nearest neighbours each actor remembers and repels exactly, and how many
#: random actors stand in for all the others at each step. Gove's d3-force-sampled defaults to 15
#: and n^(1/4) (10 at 10,000 actors); at 5,000 actors the quality figures of benchmarks/layout.py
#: are the same with 4 and 4, 8 and 8 or 15 and 10, and 8 and 8 take 15-30 % less time than 15 and 10.
_NEIGHBOURS = 8
_SAMPLES = 8
#: Sampled path: steps of the simulation. The quality figures of benchmarks/layout.py hardly move
#: between 100 and 300 steps; the time grows with them.
_SAMPLED_STEPS = 150


def signed_layout(dataset: Dataset | Network, seed: int = 7, iterations: int | None = None,
                  scale: float = 500.0) -> dict[str, tuple[float, float]]:
    """Positions for every actor, rounded to 0.1, in a box of about ``[-scale, scale]``.

    Actors with no relation are set in rows under the drawing (a force model would fling them to
    the edges and crush the rest into the middle).

    Parameters
    ----------
    dataset : Dataset or Network
        Usually a snapshot; its alignment and tension layers set the forces (a Network's as built).
    seed : int
        Seed of the starting positions and, on large graphs, of the sampled repulsion.
    iterations : int, optional
        Steps of the simulation. Default: up to :data:`FORCE_LIMIT` connected actors, from 300 for
        small graphs down to 50 (about ten million pair-steps in all); above it, 150.
    scale : float
        Half the width of the drawing, in page pixels.

    Notes
    -----
    Forces use the optimal distance ``k = 1 / sqrt(n)`` of the unit square: repulsion ``k^2 / d``
    between every pair, attraction ``w d^2 / k`` along an alignment of strength ``w``, an extra
    repulsion ``2 w k^2 / d`` across a tension, and a weak pull to the centre that keeps separate
    components on one page. The step shrinks linearly ("cooling").

    Up to :data:`FORCE_LIMIT` connected actors every pair is computed, ``O(n^2)`` a step, so the
    number of steps falls as graphs grow. Above it the same forces are estimated, in the manner of
    random vertex sampling (Gove 2019): each actor repels exactly the 8 nearest actors it has found
    so far, and 8 actors drawn at random each step stand in for all the others (their pushes
    scaled up by ``(n - 9) / 8``, and never counted as closer than the nearest eight, so one
    unlucky draw cannot fling an actor away); the draws also refresh each actor's nearest eight.
    Alignment and tension are summed over the edge lists, so a step costs ``O(n + m)``. With
    thousands of actors a tension's extra push is small beside the repulsion of all the others, so
    there rivals end up apart mostly because they are not drawn together as allies are.

    The large simulation leaves a dense core and a few actors far out (those tied only by
    tension, small separate groups), so its result is then spread over the box: distances from
    the centre are scaled so that the nearest 90 % of actors fill 90 % of the radius, the farthest
    10 % keep their direction and order in the outer ring, and actors closer than a third of the
    average spacing are pushed apart. Every random draw comes from
    ``numpy.random.default_rng(seed)``, so the positions are the same in every process.

    References
    ----------
    Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by force-directed placement.
    Softw. Pract. Exper. 21:1129. doi:10.1002/spe.4380211102

    Gove, R. (2019). A random sampling O(n) force-calculation algorithm for graph layouts.
    Computer Graphics Forum 38(3):739-751 (EuroVis 2019). doi:10.1111/cgf.13724

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
    net = Network.of(dataset)
    ids = sorted(a.id for a in net.actors)
    al, te = net.alignment, net.tension
    linked = [n for n in ids if al.degree(n) or te.degree(n)]
    alone = [n for n in ids if not (al.degree(n) or te.degree(n))]
    positions: dict[str, tuple[float, float]] = {}
    if linked:
        if len(linked) > FORCE_LIMIT:
            xy = _sampled(linked, al, te, seed, iterations)
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


def _sampled(nodes: list[str], al, te, seed: int, iterations: int | None) -> np.ndarray:
    """The forces of :func:`_simulate` with sampled repulsion, ``O(n + m)`` a step, spread over the unit disc."""
    n = len(nodes)
    if n < 2:
        return np.zeros((n, 2))
    index = {v: i for i, v in enumerate(nodes)}
    pull, push = _edge_list(al, index), _edge_list(te, index)
    rng = np.random.default_rng(seed)
    xy = rng.uniform(-1, 1, size=(n, 2))
    k = 1.0 / math.sqrt(n)
    near, drawn = min(_NEIGHBOURS, n - 1), min(_SAMPLES, n - 1)
    neighbours = rng.integers(0, n, size=(n, near))
    steps = iterations if iterations is not None else _SAMPLED_STEPS
    temperature = 0.2
    for step in range(steps):
        force, neighbours = _repulsion(xy, neighbours, rng.integers(0, n, size=(n, drawn)), k)
        force += _along(xy, pull, lambda w, d: -w * d * d / k)
        force += _along(xy, push, lambda w, d: 2.0 * w * k * k / d)
        force -= 0.05 * xy
        length = np.maximum(np.sqrt((force ** 2).sum(-1)), 1e-9)
        step_size = temperature * (1 - step / steps)
        xy += force / length[:, None] * np.minimum(length, step_size)[:, None]
    # a third of the spacing the unit disc would give n evenly spread actors
    xy = _separate(_spread(xy), gap=math.sqrt(math.pi / n) / 3)
    # parting a pair on the rim may push one a hair outside the disc, and so outside the box
    return xy / max(1.0, float(np.sqrt((xy ** 2).sum(-1)).max()))


def _edge_list(g, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sources, targets, weights) of a layer's edges between the given nodes, as arrays."""
    edges = [(index[a], index[b], d["weight"]) for a, b, d in g.edges(data=True) if a in index and b in index]
    a, b, w = zip(*edges) if edges else ((), (), ())
    return np.array(a, dtype=np.intp), np.array(b, dtype=np.intp), np.array(w, dtype=float)


def _along(xy: np.ndarray, edges, magnitude) -> np.ndarray:
    """Force on every node from its edges; ``magnitude(w, d) > 0`` pushes the two ends apart.

    >>> xy = np.array([[0.0, 0.0], [2.0, 0.0]])
    >>> edges = (np.array([0]), np.array([1]), np.array([1.0]))
    >>> _along(xy, edges, lambda w, d: -w * d).tolist()
    [[2.0, 0.0], [-2.0, 0.0]]
    """
    a, b, w = edges
    n = len(xy)
    dx, dy = xy[a, 0] - xy[b, 0], xy[a, 1] - xy[b, 1]
    d = np.maximum(np.sqrt(dx * dx + dy * dy), 1e-3)
    f = magnitude(w, d) / d
    return np.stack([np.bincount(a, dx * f, n) - np.bincount(b, dx * f, n),
                     np.bincount(a, dy * f, n) - np.bincount(b, dy * f, n)], axis=1)


def _repulsion(xy: np.ndarray, neighbours: np.ndarray, sample: np.ndarray,
               k: float) -> tuple[np.ndarray, np.ndarray]:
    """Estimated repulsion ``sum k^2 / d`` on every node, and each node's refreshed nearest neighbours.

    ``neighbours`` (n x K) are the nearest nodes found so far, ``sample`` (n x S) this step's random
    draws. The K nearest distinct others among both repel exactly; the sample stands for everyone
    else, scaled by ``(n - 1 - K) / S``, at distances no shorter than the K-th nearest.

    >>> xy = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0]])
    >>> force, nearest = _repulsion(xy, np.array([[1], [2], [0]]), np.array([[2], [0], [1]]), 1.0)
    >>> nearest.ravel().tolist()  # node 1 finds node 0 nearer than node 2, node 2 finds node 1
    [1, 0, 1]
    >>> force[0].round(3).tolist()  # one node to stand for, so the estimate is exact: 1/1 + 1/3
    [-1.333, 0.0]
    """
    n, near = neighbours.shape
    drawn = sample.shape[1]
    x, y = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
    # sorted, so a node found twice sits next to itself
    cand = np.sort(np.concatenate([neighbours, sample], axis=1), axis=1)
    dx, dy = x[:, None] - x[cand], y[:, None] - y[cand]
    d2 = dx * dx + dy * dy
    # a node is not its own neighbour, and one found twice must not take two of the K places
    skip = cand == np.arange(n)[:, None]
    skip[:, 1:] |= cand[:, 1:] == cand[:, :-1]
    d2[skip] = np.inf
    pick = np.argpartition(d2, near - 1, axis=1)[:, :near] + (np.arange(n) * cand.shape[1])[:, None]
    nearest, near_d2 = cand.ravel()[pick], d2.ravel()[pick]
    found = np.isfinite(near_d2)
    near_d2 = np.maximum(near_d2, 1e-12)
    w = np.where(found, k * k / near_d2, 0.0)
    fx, fy = (dx.ravel()[pick] * w).sum(1), (dy.ravel()[pick] * w).sum(1)
    floor = np.maximum(np.where(found, near_d2, 0.0).max(axis=1), 1e-12)
    sx, sy = x[:, None] - x[sample], y[:, None] - y[sample]
    # a node that draws itself has a zero delta, so it adds nothing
    w = (k * k * max(n - 1 - near, 0) / drawn) / np.maximum(sx * sx + sy * sy, floor[:, None])
    return np.stack([fx + (sx * w).sum(1), fy + (sy * w).sum(1)], axis=1), nearest


def _spread(xy: np.ndarray, inner: float = 0.9) -> np.ndarray:
    """Centre on the median and rescale distances from it so the nodes fill the unit disc.

    The nearest ``inner`` share of nodes is scaled as a whole to radius ``inner`` (their picture is
    unchanged); the rest keep direction and order and take their rank's quantile as radius, so a
    few far-flung nodes neither set the scale nor pile up on the rim.

    >>> out = _spread(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [-3.0, 0.0], [0.0, -1000.0]]), 0.8)
    >>> np.hypot(*out.T).round(2).tolist()
    [0.0, 0.27, 0.53, 0.8, 0.9]
    >>> far = _spread(np.array([[float(x), 0.0] for x in (*range(10), 100, 1000)]))
    >>> bool(np.hypot(*far.T).max() <= 1.0)    # the node at 100, just past the 90 %, stays inside
    True
    """
    xy = xy - np.median(xy, axis=0)
    r = np.sqrt((xy ** 2).sum(-1))
    order = np.argsort(r, kind="stable")
    rank = np.empty(len(r))
    rank[order] = (np.arange(len(r)) + 0.5) / len(r)
    edge = np.quantile(r, inner, method="lower") or 1.0
    # inner by the same distance that sets the scale, so no node past it is scaled beyond the rim
    radius = np.where(r <= edge, inner * r / edge, np.maximum(rank, inner))
    return xy * (radius / np.maximum(r, 1e-12))[:, None]


def _separate(xy: np.ndarray, gap: float, rounds: int = 10) -> np.ndarray:
    """Push apart every pair closer than ``gap`` by half the shortfall each, for a few rounds.

    >>> _separate(np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0]]), 1.0).round(2).tolist()
    [[-0.45, 0.0], [0.55, 0.0], [5.0, 5.0]]
    """
    from scipy.spatial import cKDTree

    xy = xy.copy()
    n = len(xy)
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(gap, output_type="ndarray")
        if not len(pairs):
            break
        # the tree's order is its own business; a fixed order keeps the sums the same everywhere
        pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[i] - xy[j]
        d = np.sqrt((delta ** 2).sum(-1))
        # two nodes on one point have no direction between them: part them along x
        same = d < 1e-12
        delta[same], d[same] = (1.0, 0.0), 1.0
        shift = delta / d[:, None] * ((gap - np.where(same, 0.0, d)) / 2)[:, None]
        xy += np.stack([np.bincount(i, shift[:, c], n) - np.bincount(j, shift[:, c], n) for c in (0, 1)], axis=1)
    return xy


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

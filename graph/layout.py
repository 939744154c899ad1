"""Sign-aware, seeded positions for drawing: allies together, rivals apart, no actor or label on another.

Up to :data:`FORCE_LIMIT` connected actors the layout is a stress majorization (Gansner, Koren &
North 2004) on sign-aware target distances: allies at one unit, rivals at :data:`RIVAL_LENGTH`,
everyone else at their distance through the graph of ties. Its picture is then set in page pixels
from the actors' boxes (the node's shape and its label under it, as vis-network draws them) and
the boxes still overlapping are pushed apart along the line between their centres (as PRISM does,
Gansner & Hu 2010), so no actor or label covers another at the view the page opens with. Above it
a force-directed simulation with sampled repulsion (Gove 2019) keeps the cost of a step linear,
and the actors' discs are then parted. Every random draw comes from one seeded generator, so a page
drawn from it is byte-identical across runs and processes and opens without a physics settle.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Mapping

import numpy as np

from .model import Dataset
from .network import Network

__all__ = ["signed_layout", "label_width", "FORCE_LIMIT", "RIVAL_LENGTH", "LABEL_FONT_PX"]

#: Above this many connected actors the stress layout (``O(n^2)`` memory and work a step) gives way
#: to a force simulation with sampled repulsion (``O(n + m)`` a step), so 10,000 actors lay out in
#: seconds; labels are not drawn at that size when the page opens (graph.render.style.LARGE_GRAPH).
FORCE_LIMIT = 600

#: Target distance of two rivals, in units of an ally's: far enough that camps part, near enough
#: that the drawing is not two far clusters joined by long lines (benchmarks/page_legibility.py).
RIVAL_LENGTH = 2.5

#: The page's label font size (15 px sans-serif) and the line under each node it is drawn on.
LABEL_FONT_PX = 15.0

#: Free space kept between two boxes, in page pixels, so that a font a little wider than Arial's
#: metrics (another operating system's sans-serif) still leaves the labels apart.
_GAP = 12.0
#: Each disc of an overlapping pair moves by this share of the shortfall: a little more than half, so
#: a crowd parts in tens of rounds rather than hundreds (benchmarks/layout.py, tests/test_layout.py).
_OVERSHOOT = 0.75

#: Advance widths of Arial (and Liberation Sans, what headless Chromium draws "sans-serif" with on
#: Debian) in thousandths of an em, for the printable ASCII characters from space to tilde; read in
#: the browser with ``measureText`` at 15 px, and within 0.1 px of its getBoundingBox widths.
_ADVANCE = (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
            556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
            722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
            278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)

#: Arial's widths of the punctuation outside ASCII that names often use.
_WIDE = {"…": 1000, "–": 556, "—": 1000, "‘": 222, "’": 222, "“": 333, "”": 333, "·": 278, "«": 556, "»": 556}

#: Sampled path: how many nearest neighbours each actor remembers and repels exactly, and how many
#: random actors stand in for all the others at each step. Gove's d3-force-sampled defaults to 15
#: and n^(1/4) (10 at 10,000 actors); at 5,000 actors the quality figures of benchmarks/layout.py
#: are the same with 4 and 4, 8 and 8 or 15 and 10, and 8 and 8 take 15-30 % less time than 15 and 10.
_NEIGHBOURS = 8
_SAMPLES = 8
#: Sampled path: steps of the simulation. The quality figures of benchmarks/layout.py hardly move
#: between 100 and 300 steps; the time grows with them.
_SAMPLED_STEPS = 150


def label_width(text: str, font_px: float = LABEL_FONT_PX) -> float:
    """Width in pixels of one line of ``text`` in the page's sans-serif (Arial's metrics).

    A letter with an accent is as wide as the letter; a wide East Asian character takes an em, any
    other character outside ASCII the width of a digit.

    >>> label_width("ALIKA")   # Chromium's getBoundingBox: 42.5 wide
    42.52
    >>> label_width("Çanakkale") == label_width("Canakkale")
    True
    >>> label_width("The West (United…")   # Chromium: 131.43 (kerning)
    131.7
    """
    total = 0
    for ch in text:
        code = ord(unicodedata.normalize("NFD", ch)[0])
        if 32 <= code < 127:
            total += _ADVANCE[code - 32]
        else:
            total += _WIDE.get(ch, 1000 if unicodedata.east_asian_width(ch) in "WF" else 556)
    return round(total * font_px / 1000, 2)


def _boxes(ids: list[str], sizes: Mapping[str, float], labels: Mapping[str, str]) -> np.ndarray:
    """Each actor's box relative to its centre, as vis-network's getBoundingBox gives it: (half width,
    above, below). The shape is a square of the node's radius; a label hangs under it, one line per
    line of text, as wide as its text."""
    out = np.empty((len(ids), 3))
    for i, n in enumerate(ids):
        size = float(sizes.get(n, 20.0))
        text = labels.get(n, "")
        lines = text.split("\n") if text else []
        width = max((label_width(line) for line in lines), default=0.0)
        out[i] = (max(size, width / 2), size, size + LABEL_FONT_PX * len(lines))
    return out


def signed_layout(dataset: Dataset | Network, seed: int = 7, iterations: int | None = None,
                  scale: float = 500.0, *, sizes: Mapping[str, float] | None = None,
                  labels: Mapping[str, str] | None = None) -> dict[str, tuple[float, float]]:
    """Positions for every actor, in whole page pixels, with no two boxes overlapping.

    Parameters
    ----------
    dataset : Dataset or Network
        Usually a snapshot; its alignment and tension layers set the distances (a Network's as built).
    seed : int
        Seed of the starting jitter and, on large graphs, of the starting positions and sampled repulsion.
    iterations : int, optional
        Steps of the stress majorization (default: until it settles; at most 300, fewer above 320
        connected actors, never fewer than 40) or, above :data:`FORCE_LIMIT` connected actors, of
        the simulation (default 150).
    scale : float
        Above :data:`FORCE_LIMIT` connected actors, the least half-width of the drawing; it grows
        when the actors' discs need more room. Smaller graphs are drawn at the size their boxes need.
    sizes : mapping of actor id to float, optional
        Each node's radius in page pixels (the page's ``size``); default 20.
    labels : mapping of actor id to str, optional
        The text drawn under each node (one line per line of text); default each actor's name,
        as the page draws it. Pass ``{}`` for nodes drawn without labels.

    Returns
    -------
    dict of actor id to (x, y)
        Page pixels, y downwards as on the canvas. Actors with no tie stand in columns just right
        of the drawing, from its top.

    Notes
    -----
    Target distances: a pair with an alignment is at ``1.5 - 0.5 w`` units (``w`` its strongest
    alignment), a pair with only a tension at :data:`RIVAL_LENGTH`, and any other pair at its
    shortest path through both kinds of tie, never nearer than :data:`RIVAL_LENGTH` for rivals;
    separate components are one unit further than the longest path. Stress majorization (each pair
    weighted by the inverse square of its target) starts from classical scaling of the targets with
    a little seeded jitter, so allies end up close, rivals across the drawing, and camps apart
    without being flung to the corners.

    A unit becomes 1.6 times the median box's larger side, plus :data:`_GAP`. Boxes that
    still overlap (with :data:`_GAP` between them) are pushed apart along the line between their
    centres by just enough to part them, for at most 400 rounds (PRISM's overlap factor, Gansner &
    Hu 2010, without its stress step: the pushes are small). The large path's simulation is that
    of :func:`_sampled`, spread over a disc with room for three times the area of the discs, whose
    overlaps are then removed by pushing each pair apart, for at most 100 rounds.

    References
    ----------
    Gansner, E. R., Koren, Y. & North, S. (2004). Graph drawing by stress majorization. Graph
    Drawing 2004, LNCS 3383:239-250. doi:10.1007/978-3-540-31843-9_25

    Gansner, E. R. & Hu, Y. (2010). Efficient, proximity-preserving node overlap removal.
    J. Graph Algorithms Appl. 14(1):53-74. doi:10.7155/jgaa.00198

    Gove, R. (2019). A random sampling O(n) force-calculation algorithm for graph layouts.
    Computer Graphics Forum 38(3):739-751 (EuroVis 2019). doi:10.1111/cgf.13724

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABCZ"), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0),
    ...     Relation("bc", "B", "C", False, "tension", "security", 1.0)))
    >>> pos = signed_layout(ds)
    >>> d = lambda a, b: math.dist(pos[a], pos[b])
    >>> d("A", "B") < d("A", "C") and d("A", "B") < d("B", "C")
    True
    >>> pos["Z"][0] > max(pos[n][0] for n in "ABC")   # no tie: beside the drawing
    True
    """
    net = Network.of(dataset)
    ids = sorted(a.id for a in net.actors)
    names = {a.id: a.name for a in net.actors}
    sizes = sizes if sizes is not None else {}
    labels = labels if labels is not None else names
    al, te = net.alignment, net.tension
    linked = [n for n in ids if al.degree(n) or te.degree(n)]
    alone = [n for n in ids if not (al.degree(n) or te.degree(n))]
    xy = np.zeros((0, 2))
    box = _boxes(linked, sizes, labels)
    if len(linked) > FORCE_LIMIT:
        radius = np.array([float(sizes.get(n, 20.0)) for n in linked])
        # room for three times the discs' area: their overlaps are then few and part in a few rounds
        room = max(scale, math.sqrt(3 * float(((radius + _GAP) ** 2).sum())))
        xy = _separate(_sampled(linked, al, te, seed, iterations) * room, radius + _GAP / 2)
    elif linked:
        unit = 1.6 * float(np.median(np.maximum(2 * box[:, 0], box[:, 1] + box[:, 2]))) + _GAP
        xy = _part(_stress(linked, al, te, seed, iterations) * unit, box)
    # whole pixels: vis-network drops the fraction of a position before it draws (9.1.2)
    positions = {n: (float(round(x)), float(round(y))) for n, (x, y) in zip(linked, xy)}
    positions.update(_beside(alone, xy, box, _boxes(alone, sizes, labels)))
    return positions


def _beside(alone: list[str], xy: np.ndarray, box: np.ndarray, own: np.ndarray) -> dict[str, tuple[float, float]]:
    """Actors without a tie in columns just right of the drawing, from its top down to its bottom.

    >>> _beside(["Z"], np.array([[0.0, 0.0]]), np.array([[20.0, 20.0, 35.0]]), np.array([[20.0, 20.0, 35.0]]))
    {'Z': (52.0, 0.0)}
    """
    if not alone:
        return {}
    if len(xy):
        right = float((xy[:, 0] + box[:, 0]).max()) + _GAP
        top, bottom = float((xy[:, 1] - box[:, 1]).min()), float((xy[:, 1] + box[:, 2]).max())
    else:
        right, top, bottom = 0.0, 0.0, 0.0
    # at least a few actors to a column (and a square of them when there are many), so a flat
    # drawing, or none, does not get a long row of them
    per_column = max(4, math.ceil(math.sqrt(len(alone))))
    bottom = max(bottom, top + per_column * float((own[:, 1] + own[:, 2]).max() + _GAP))
    # fill columns top down, then centre each column's nodes on one line
    columns: list[list[int]] = [[]]
    y = top
    for k, (_, above, below) in enumerate(own):
        if y + above + below > bottom and columns[-1]:
            columns.append([])
            y = top
        columns[-1].append(k)
        y += above + below + _GAP
    out, x = {}, right
    for column in columns:
        half = float(own[column, 0].max())
        y = top
        for k in column:
            out[alone[k]] = (float(round(x + half)), float(round(y + own[k, 1])))
            y += own[k, 1] + own[k, 2] + _GAP
        x += 2 * half + _GAP
    return out


def _stress(nodes: list[str], al, te, seed: int, iterations: int | None) -> np.ndarray:
    """Stress majorization on sign-aware target distances (see :func:`signed_layout`), in units."""
    from scipy.sparse.csgraph import shortest_path

    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    index = {v: i for i, v in enumerate(nodes)}
    pull, push = np.zeros((n, n)), np.zeros((n, n))
    for g, target in ((al, pull), (te, push)):
        for a, b, d in g.edges(data=True):
            if a in index and b in index and a != b:
                i, j = index[a], index[b]
                target[i, j] = target[j, i] = max(target[i, j], d["weight"])
    length = np.where(pull > 0, 1.5 - 0.5 * pull, np.where(push > 0, RIVAL_LENGTH, 0.0))
    target = shortest_path(length, method="D", directed=False)
    rivals = (push > 0) & (pull == 0)
    target[rivals] = np.maximum(target[rivals], RIVAL_LENGTH)
    finite = np.isfinite(target)
    target[~finite] = target[finite].max() + 1.0
    np.fill_diagonal(target, 0.0)
    weight = np.zeros_like(target)
    off = ~np.eye(n, dtype=bool)
    weight[off] = target[off] ** -2.0

    # classical scaling of the targets: the two leading eigenvectors of the double-centred squares
    centre = np.eye(n) - 1.0 / n
    values, vectors = np.linalg.eigh(-0.5 * centre @ (target ** 2) @ centre)
    xy = vectors[:, -2:][:, ::-1] * np.sqrt(np.maximum(values[-2:][::-1], 1e-9))
    # an eigenvector's sign is LAPACK's choice: fix it so the largest entry is positive
    xy *= np.where(xy[np.abs(xy).argmax(0), [0, 1]] < 0, -1.0, 1.0)
    rng = np.random.default_rng(seed)
    xy += rng.normal(0.0, 0.05, size=(n, 2))
    # about thirty million pair-steps at most (classical scaling starts it near the end), and it
    # stops once no actor moves more than a thousandth of a unit (a tenth of a pixel)
    steps = iterations if iterations is not None else int(min(300, max(40, 30_000_000 // (n * n))))
    total = weight.sum(1)[:, None]
    pulled = weight * target
    for _ in range(steps):
        square = (xy ** 2).sum(1)
        dist = np.sqrt(np.maximum(square[:, None] + square[None, :] - 2.0 * (xy @ xy.T), 1e-18))
        coef = pulled / dist
        np.fill_diagonal(coef, 0.0)
        moved = (weight @ xy + coef.sum(1)[:, None] * xy - coef @ xy) / total
        change = float(np.abs(moved - xy).max())
        xy = moved
        if iterations is None and change < 1e-3:
            break
    return xy - xy.mean(axis=0)


def _part(xy: np.ndarray, box: np.ndarray, rounds: int = 400) -> np.ndarray:
    """Push apart boxes that overlap, along the line between their centres, until none does.

    ``box`` rows are (half width, above, below) around each point; :data:`_GAP` is kept between
    boxes. Each round moves both boxes of an overlapping pair by half of what parts them (PRISM's
    overlap factor: the least stretch of their distance that separates them in x or in y). The
    result is centred on the median.

    >>> _part(np.array([[0.0, 0.0], [10.0, 0.0]]), np.array([[10.0, 5.0, 5.0], [10.0, 5.0, 5.0]])).tolist()
    [[-16.0, 0.0], [16.0, 0.0]]
    """
    from scipy.spatial import cKDTree

    xy = xy.astype(float).copy()
    n = len(xy)
    half_w = box[:, 0] + _GAP / 2
    half_h = (box[:, 1] + box[:, 2]) / 2 + _GAP / 2
    drop = (box[:, 2] - box[:, 1]) / 2   # a box's centre is under the node's, by half its label
    reach = 2 * float(np.hypot(half_w, half_h).max())
    for _ in range(rounds):
        centre = xy + np.stack([np.zeros(n), drop], 1)
        pairs = cKDTree(centre).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        # the tree's order is its own business; a fixed order keeps the sums the same everywhere
        pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
        i, j = pairs[:, 0], pairs[:, 1]
        delta = centre[i] - centre[j]
        need_x, need_y = half_w[i] + half_w[j], half_h[i] + half_h[j]
        over = (np.abs(delta[:, 0]) < need_x) & (np.abs(delta[:, 1]) < need_y)
        if not over.any():
            break
        i, j, delta, need_x, need_y = i[over], j[over], delta[over], need_x[over], need_y[over]
        # two boxes on one centre have no direction between them: part them along x
        same = np.hypot(*delta.T) < 1e-9
        delta[same] = (1e-3, 0.0)
        with np.errstate(divide="ignore"):
            stretch = np.minimum(need_x / np.abs(delta[:, 0]), need_y / np.abs(delta[:, 1]))
        shift = delta * ((stretch - 1.0) / 2)[:, None]
        xy += np.stack([np.bincount(i, shift[:, c], n) - np.bincount(j, shift[:, c], n) for c in (0, 1)], axis=1)
    return xy - np.median(xy, axis=0)


def _sampled(nodes: list[str], al, te, seed: int, iterations: int | None) -> np.ndarray:
    """A force simulation with sampled repulsion, ``O(n + m)`` a step, spread over the unit disc.

    Fruchterman-Reingold forces with the optimal distance ``k = 1 / sqrt(n)``: repulsion ``k^2 / d``
    between every pair, attraction ``w d^2 / k`` along an alignment of strength ``w``, an extra
    repulsion ``2 w k^2 / d`` across a tension, and a weak pull to the centre; the step shrinks
    linearly. The repulsion is estimated in the manner of random vertex sampling (Gove 2019): each
    actor repels exactly the 8 nearest actors it has found so far, and 8 actors drawn at random each
    step stand in for all the others (their pushes scaled up by ``(n - 9) / 8``, and never counted
    as closer than the nearest eight); the draws also refresh each actor's nearest eight.

    The simulation leaves a dense core and a few actors far out, so its result is spread over the
    disc by :func:`_spread`.
    """
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
    return _spread(xy)


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


def _separate(xy: np.ndarray, radius: np.ndarray, rounds: int = 100) -> np.ndarray:
    """Push apart every two discs that overlap (``radius`` each), each by :data:`_OVERSHOOT` of the
    shortfall, until none does or ``rounds`` have passed.

    >>> _separate(np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0]]), np.array([0.5, 0.5, 0.5])).round(2).tolist()
    [[-0.68, 0.0], [0.78, 0.0], [5.0, 5.0]]
    """
    from scipy.spatial import cKDTree

    xy = xy.copy()
    n = len(xy)
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(2 * float(radius.max()), output_type="ndarray")
        if not len(pairs):
            break
        # the tree's order is its own business; a fixed order keeps the sums the same everywhere
        pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[i] - xy[j]
        d = np.sqrt((delta ** 2).sum(-1))
        reach = radius[i] + radius[j]
        keep = d < reach
        if not keep.any():
            break
        i, j, delta, d, reach = i[keep], j[keep], delta[keep], d[keep], reach[keep]
        # two nodes on one point have no direction between them: part them along x
        same = d < 1e-12
        delta[same], d[same] = (1.0, 0.0), 1.0
        shift = delta / d[:, None] * ((reach - np.where(same, 0.0, d)) * _OVERSHOOT)[:, None]
        xy += np.stack([np.bincount(i, shift[:, c], n) - np.bincount(j, shift[:, c], n) for c in (0, 1)], axis=1)
    return xy

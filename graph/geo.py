"""Actors on a world map: states at their capitals, the others near the actors they are tied to.

:func:`geo_layout` gives canvas positions (vis-network's: x right, y down) and the outline of the
world's countries projected into the same coordinates, so a page can draw the map under the graph
and pan and zoom both together. The map, its projection (Equal Earth) and the capitals
table are :mod:`graph.worldmap`'s: Natural Earth's 1:110m countries (public domain) and the capitals
of 244 countries and territories from GeoNames (CC BY 4.0).
"""

from __future__ import annotations

import difflib
import functools
import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from .errors import DataError, OptionError, Problem
from .model import Actor, Dataset
from .network import Network
from .worldmap import ATTRIBUTION, X_MAX, Y_MAX, Capital, capitals, equal_earth, world_outline

__all__ = ["GeoLayout", "Capital", "geo_layout", "equal_earth", "capitals", "ATTRIBUTION", "PLACED_BY",
           "X_MAX", "Y_MAX"]

#: How an actor was placed: at its capital (``iso3`` / ``iso_a3`` attribute, or a state whose id is
#: an ISO 3166-1 alpha-3 code), at its own ``lat``/``lon`` attributes, at the weighted centre of
#: the placed actors it is tied to, or beside the map (nothing to place it by).
PLACED_BY = ("capital", "lat-lon", "stakeholders", "beside")

#: The drawing the page opens with holds about this many canvas pixels (the actors placed on the
#: map): at the view vis-network fits, nodes then show close to their own size.
_VIEW = (800.0, 480.0)
#: The typical distance between neighbouring capitals the scale aims for, in canvas pixels: about
#: two mid-sized nodes. Dense regions (Europe, the Caucasus) then need small nudges, not large ones.
_SPACING = 70.0
#: The scale at which the whole world is about 1,000 px wide, and the largest used (a region of a
#: few degrees, such as the South Caucasus alone, fills the view).
_MIN_SCALE = 1000.0 / (2 * X_MAX)
_MAX_SCALE = 6000.0
#: What a node occupies besides its radius: the label under it (vis-network's 15 px font, in
#: about 8.5 px a character) and a margin kept between any two actors.
_LABEL_HEIGHT, _CHAR_WIDTH, _PAD = 21.0, 8.5, 10.0
#: The radius assumed for an actor whose size is not given: the largest node the page draws.
_RADIUS = 40.0
#: The caption of the panel that holds the actors with nothing to place them by.
_BESIDE = "Not placed on the map: no coordinates, no capital, no tie to an actor on the map"


@dataclass(frozen=True)
class GeoLayout:
    """Where :func:`geo_layout` draws each actor, and the map under them.

    Attributes
    ----------
    positions : dict
        Actor id to canvas (x, y), y down, rounded to 0.1.
    outline : dict
        The world in the same coordinates: ``arcs``, a list of flat ``[x0, y0, x1, y1, …]``
        polylines (each border or coast once), ``countries``, a list of ``{"id": iso3, "rings":
        [[arc, …], …]}`` whose rings join arcs (``~i`` is arc ``i`` reversed, as in TopoJSON;
        filled even-odd; ``cut`` rings, the pieces of a ring that crosses the antimeridian, come as
        flat point lists), ``sphere``, the edge of the world as a flat point list, ``scale`` and
        ``attribution``; with actors beside the map, ``beside``: the ``box`` (left, top, right,
        bottom) that holds them and its ``label``.
    placed_by : dict
        Actor id to one of :data:`PLACED_BY`.
    moved : dict
        Actor id to how far, in canvas pixels, overlap removal moved it from the point it was
        placed at (its capital, its coordinates, the centre of its ties).
    scale : float
        Canvas pixels per projection unit (the world is ``2 * X_MAX * scale`` wide).
    """

    positions: dict[str, tuple[float, float]]
    outline: dict[str, Any]
    placed_by: dict[str, str]
    moved: dict[str, float]
    scale: float


def geo_layout(dataset: Dataset | Network, *, scale: float | None = None,
               sizes: Mapping[str, float] | None = None) -> GeoLayout:
    """Positions on a world map: states at their capitals, the other actors near their ties.

    Parameters
    ----------
    dataset : Dataset or Network
        Usually a snapshot; every actor gets a position. An actor is placed, in this order of
        preference, at its ``lat`` and ``lon`` attributes (decimal degrees, north and east
        positive), at the capital of the country its ``iso3`` (or ``iso_a3``) attribute names, or,
        for a state whose id is an ISO 3166-1 alpha-3 code (AZE, IRN), at that country's capital.
        An actor with none of these (a bloc, an organisation, a person, a project) goes to the
        weighted centre of the placed actors it is aligned with (weights: the alignment layer's
        combined strengths), or, with no alignment to any, of those it is in tension with;
        actors tied only to such actors follow in later rounds. An actor with no tie to anything
        placed is set in a row under the map's actors.
    scale : float, optional
        Canvas pixels per projection unit (the world is ``5.41 * scale`` pixels wide). Default:
        chosen so the actors placed by geography fill about 1,000 x 640 pixels, or more where
        capitals lie close together (neighbours then about 70 px apart on average), between a
        world about 1,000 px wide and 6,000 (a few degrees fill the view).
    sizes : mapping, optional
        Actor id to node radius in canvas pixels (vis-network's ``size``); default 40, the largest
        node the page draws. Overlap removal keeps every node, with its label under it, apart.

    Returns
    -------
    GeoLayout
        Positions, the projected outline, how each actor was placed and how far it was nudged.

    Raises
    ------
    DataError
        A ``lat`` or ``lon`` that is not a number or is out of range, one given without the
        other, or an ``iso3`` that is not in the capitals table, for every such actor at once,
        each naming the file and line of the actor.

    Notes
    -----
    The projection is Equal Earth (:func:`equal_earth`). An actor occupies a box: its node and the
    label under it, as wide as the name is long. Actors placed by geography that overlap are
    pushed apart along the axis where they overlap less, a hundred rounds at most (capitals a
    few pixels apart, such as Jerusalem and East Jerusalem, part by a node's width); in a crowd
    where pushes cancel out, those still overlapping then take, the largest first, the free spot
    nearest where they are. Then each actor placed by its ties, the largest first, takes the free
    spot nearest the centre of its ties, so it never pushes a capital off. Free spots are found
    on a grid of 4 px (8 px above 500 actors) with a summed-area table of what is taken, so the
    search costs the area round the spot, not the number of actors: 300 tie-placed actors round
    190 capitals take 0.4 s, 3,000 take 17 s. :attr:`GeoLayout.moved` says how far each ended from
    where it was placed. Nothing is random: the same data give the same positions.

    Examples
    --------
    >>> from graph import load, snapshot
    >>> geo = geo_layout(snapshot(load(), "2025-03-01"))
    >>> geo.placed_by["AZE"], geo.placed_by["WEST"]
    ('capital', 'stakeholders')
    >>> geo.positions["AZE"][0] > geo.positions["ARM"][0]  # Baku lies east of Yerevan
    True
    """
    net = Network.of(dataset)
    actors = sorted(net.actors, key=lambda a: a.id)
    points = _geographic(actors, net.dataset.path)
    if scale is not None and not (isinstance(scale, (int, float)) and math.isfinite(scale) and scale > 0):
        raise OptionError(f"{{scale}} must be a positive number of pixels per projection unit, not {scale!r}",
                          parameters=("scale",))
    lon = np.array([p[1] for p in points.values()], dtype=float)
    lat = np.array([p[0] for p in points.values()], dtype=float)
    px, py = equal_earth(lon, lat)
    scale = float(scale) if scale is not None else _auto_scale(px, py)
    ids = [a.id for a in actors]
    radius = np.array([float((sizes or {}).get(a, _RADIUS)) for a in ids])
    boxes = _Boxes(np.maximum(radius, np.array([len(a.name) * _CHAR_WIDTH / 2 for a in actors])),
                   radius + _LABEL_HEIGHT / 2, np.full(len(ids), _LABEL_HEIGHT / 2))
    index = {a: i for i, a in enumerate(ids)}
    home = {a: (float(x) * scale, -float(y) * scale) for a, x, y in zip(points, px, py)}
    placed_by = {a: "lat-lon" if "lat" in actors[index[a]].attributes else "capital" for a in points}
    xy = np.zeros((len(ids), 2))
    # largest first, wherever actors are taken one at a time: they are the hardest to fit in
    geo = sorted((index[a] for a in points), key=lambda i: (-radius[i], ids[i]))
    if geo:
        xy[geo] = _separate(np.array([home[ids[i]] for i in geo]), boxes.take(geo))
    floor = _Floor(np.array(list(home.values())) if home else np.zeros((1, 2)),
                   _COARSE_CELL if len(ids) > _COARSE_ABOVE else _CELL)
    placed: list[int] = []
    for i in geo:
        # a crowd that pushing could not part: the actors still overlapping take the nearest free spot
        xy[i] = floor.seat(xy[i], boxes, i)
        placed.append(i)
    for centres in _by_ties(net, ids, {ids[i] for i in placed}, lambda a: tuple(xy[index[a]])):
        home.update(centres)
        placed_by.update(dict.fromkeys(centres, "stakeholders"))
        for i in sorted((index[a] for a in centres), key=lambda i: (-radius[i], ids[i])):
            xy[i] = floor.seat(np.array(centres[ids[i]]), boxes, i)
            placed.append(i)
    beside = [i for i, a in enumerate(ids) if a not in home]
    outline = world_outline(scale)
    if beside:
        xy[beside], box = _row(xy[placed], boxes, placed, beside, scale)
        placed_by.update({ids[i]: "beside" for i in beside})
        outline["beside"] = {"box": [round(v, 1) for v in box], "label": _BESIDE}
    positions = {a: (round(float(x), 1) + 0.0, round(float(y), 1) + 0.0) for a, (x, y) in zip(ids, xy)}
    moved = {a: round(math.dist(positions[a], home[a]), 1) if a in home else 0.0 for a in ids}
    return GeoLayout(positions=positions, outline=outline, placed_by=dict(sorted(placed_by.items())),
                     moved=moved, scale=round(scale, 3))


@dataclass(frozen=True)
class _Boxes:
    """What actors occupy on the canvas: a box ``half_w`` either side of the node, ``half_h`` above
    and below its centre, which lies ``shift`` under the node (the label hangs below it)."""

    half_w: np.ndarray
    half_h: np.ndarray
    shift: np.ndarray

    def take(self, rows: list[int]) -> "_Boxes":
        return _Boxes(self.half_w[rows], self.half_h[rows], self.shift[rows])


def _geographic(actors: list[Actor], path: str) -> dict[str, tuple[float, float]]:
    """(lat, lon) of every actor placed by geography; every bad value of every actor in one DataError."""
    table = capitals()
    points: dict[str, tuple[float, float]] = {}
    problems: list[Problem] = []
    for actor in actors:
        attrs = actor.attributes
        where = actor.location
        problem = functools.partial(Problem, where.path or path or "(dataset)", where.line, where.col)
        if "lat" in attrs or "lon" in attrs:
            found = _coordinates(actor, problem)
            if isinstance(found, tuple):
                points[actor.id] = found
            else:
                problems += found
            continue
        key = "iso3" if "iso3" in attrs else "iso_a3" if "iso_a3" in attrs else None
        code = attrs[key] if key else (actor.id.upper() if actor.kind == "state" else None)
        if isinstance(code, str) and code.upper() in table:
            c = table[code.upper()]
            points[actor.id] = (c.lat, c.lon)
        elif key:
            guess = difflib.get_close_matches(str(code).upper(), table, n=1)
            problems.append(problem("bad-choice", f"actor {actor.id}: {key} '{code}' is not an ISO 3166-1 alpha-3 "
                                    "code of a country with a known capital",
                                    f"did you mean '{guess[0]}'?" if guess else
                                    "write a code such as AZE, or give lat and lon instead"))
    if problems:
        raise DataError(problems)
    return points


def _coordinates(actor: Actor, problem: Any) -> tuple[float, float] | list[Problem]:
    """An actor's (lat, lon) attributes, or the problems with them."""
    out, problems = [], []
    for key, limit, other in (("lat", 90.0, "lon"), ("lon", 180.0, "lat")):
        if key not in actor.attributes:
            problems.append(problem("missing-key", f"actor {actor.id}: missing required key '{key}' "
                                    f"(the attributes give {other})", "give both lat and lon, or neither"))
            continue
        raw = actor.attributes[key]
        value = _number(raw)
        if value is None:
            problems.append(problem("not-number", f"actor {actor.id}: {key} must be a number, but {raw!r} was read "
                                    f"as {type(raw).__name__}", "write decimal degrees, such as lat: 40.38"))
        elif not -limit <= value <= limit:
            problems.append(problem("coordinate-range", f"actor {actor.id}: {key} {raw} is outside "
                                    f"[-{limit:g}, {limit:g}]", "write decimal degrees: lat from -90 (south) to 90 "
                                    "(north), lon from -180 (west) to 180 (east)"))
        else:
            out.append(value)
    return problems or (out[0], out[1])


def _number(value: Any) -> float | None:
    """A coordinate as a number: a number, or text that is one (a CSV cell); None otherwise.

    >>> _number(40.5), _number(" -12.25 "), _number("north"), _number(True), _number(float("nan"))
    (40.5, -12.25, None, None, None)
    """
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _auto_scale(px: np.ndarray, py: np.ndarray) -> float:
    """Pixels per projection unit for the actors placed by geography (see :func:`geo_layout`)."""
    if len(px) == 0:
        return _MIN_SCALE
    w, h = float(np.ptp(px)), float(np.ptp(py))
    fit = min(_VIEW[0] / w if w > 0 else math.inf, _VIEW[1] / h if h > 0 else math.inf)
    spacing = 0.0
    distinct = np.unique(np.round(np.column_stack([px, py]), 9), axis=0)
    if len(distinct) > 1:
        from scipy.spatial import cKDTree

        nearest = cKDTree(distinct).query(distinct, k=2)[0][:, 1]
        spacing = _SPACING / float(np.mean(nearest))
    return float(min(_MAX_SCALE, max(_MIN_SCALE, min(fit, _MAX_SCALE), spacing)))


def _by_ties(net: Network, ids: list[str], placed: set[str], where: Any) -> Any:
    """Rounds of actors placed by their ties: each round, every actor not yet placed that is tied to
    placed actors, with the weighted centre of those (``where(actor)`` is a placed actor's
    position), its aligned ones if any, else those it is in tension with; then the next round."""
    placed = set(placed)
    while True:
        found = {}
        for a in ids:
            if a in placed:
                continue
            for layer in (net.alignment, net.tension):
                near = sorted(layer[a].items()) if a in layer else []
                ties = [(where(b), d["weight"]) for b, d in near if b in placed]
                if ties:
                    total = sum(w for _, w in ties)
                    found[a] = (sum(p[0] * w for p, w in ties) / total, sum(p[1] * w for p, w in ties) / total)
                    break
        if not found:
            return
        yield found
        # a round is computed before any of it is placed, so the order of ids decides nothing
        placed |= set(found)


#: The grid, in canvas pixels, on which free spots are looked for (4 px; 8 px above 500 actors,
#: a third of the time at 3,000 for nudges about a tenth longer), and how far round the actors
#: placed by geography it reaches (every centre of ties lies among them).
_CELL, _COARSE_CELL, _COARSE_ABOVE, _MARGIN = 4.0, 8.0, 500, 4000.0


class _Floor:
    """What the actors seated so far take of the canvas, on a grid of ``cell`` pixels, to find
    the free spot nearest a point for the next.

    >>> floor, one = _Floor(np.zeros((1, 2))), _Boxes(np.array([10.0]), np.array([10.0]), np.array([0.0]))
    >>> floor.seat(np.zeros(2), one, 0).tolist()   # a free spot: kept as it is
    [0.0, 0.0]
    >>> floor.seat(np.zeros(2), one, 0).tolist()   # taken: the nearest free one, 20 + 10 margin away
    [32.0, 0.0]
    """

    def __init__(self, points: np.ndarray, cell: float = _CELL):
        self.cell = cell
        self.origin = points.min(axis=0) - _MARGIN
        cols, rows = np.ceil((points.max(axis=0) + _MARGIN - self.origin) / cell).astype(int) + 1
        self.taken = np.zeros((rows, cols), dtype=bool)

    def _cells(self, x: float, y: float, half_w: float, half_h: float) -> tuple[int, int, int, int]:
        """Rows and columns (first, past the last) that a box of that centre and size touches."""
        (ox, oy), (rows, cols), cell = self.origin, self.taken.shape, self.cell
        clip = lambda v, n: min(n, max(0, v))  # noqa: E731
        return (clip(math.floor((y - half_h - oy) / cell), rows), clip(math.ceil((y + half_h - oy) / cell), rows),
                clip(math.floor((x - half_w - ox) / cell), cols), clip(math.ceil((x + half_w - ox) / cell), cols))

    def seat(self, at: np.ndarray, boxes: _Boxes, i: int) -> np.ndarray:
        """Seat actor ``i`` (its box in ``boxes``) at the free spot nearest ``at``, its node there;
        nearest on the grid, ``at`` itself when free. Returns the node's position."""
        hw, hh, shift = float(boxes.half_w[i]), float(boxes.half_h[i]), float(boxes.shift[i])
        x, y = float(at[0]), float(at[1])
        r0, r1, c0, c1 = self._cells(x, y + shift, hw + _PAD, hh + _PAD)
        if self.taken[r0:r1, c0:c1].any():
            x, y = self._nearest(x, y + shift, hw, hh)
            y -= shift
        r0, r1, c0, c1 = self._cells(x, y + shift, hw, hh)
        self.taken[r0:r1, c0:c1] = True
        return np.array([x, y])

    def _nearest(self, x: float, y: float, hw: float, hh: float) -> tuple[float, float]:
        """The free box centre nearest (x, y): from a summed-area table of a window round it, grown
        until the nearest free centre in it is nearer than the window's edge."""
        (ox, oy), (rows, cols) = self.origin, self.taken.shape
        aw, ah = math.ceil((hw + _PAD) / self.cell), math.ceil((hh + _PAD) / self.cell)
        row, col = round((y - oy) / self.cell), round((x - ox) / self.cell)
        reach = 64
        while True:
            r0, r1 = max(0, row - reach), min(rows, row + reach + 1)
            c0, c1 = max(0, col - reach), min(cols, col + reach + 1)
            table = np.zeros((r1 - r0 + 1, c1 - c0 + 1), dtype=np.int32)
            np.cumsum(self.taken[r0:r1, c0:c1], axis=0, dtype=np.int32, out=table[1:, 1:])
            np.cumsum(table[1:, 1:], axis=1, out=table[1:, 1:])
            whole = r0 == 0 and c0 == 0 and r1 == rows and c1 == cols
            h, w = 2 * ah + 1, 2 * aw + 1
            if table.shape[0] > h and table.shape[1] > w:
                # taken cells under a box centred on each cell (row ah, column aw of the window onwards)
                used = table[h:, w:] - table[:-h, w:] - table[h:, :-w] + table[:-h, :-w]
                dy = oy + (r0 + ah + np.arange(used.shape[0])) * self.cell - y
                dx = ox + (c0 + aw + np.arange(used.shape[1])) * self.cell - x
                d2 = np.where(used == 0, dy[:, None] ** 2 + dx[None, :] ** 2, np.inf)
                k = np.unravel_index(np.argmin(d2), d2.shape)
                if np.isfinite(d2[k]) and (whole or math.sqrt(d2[k]) <= (reach - max(aw, ah)) * self.cell):
                    return float(x + dx[k[1]]), float(y + dy[k[0]])
            if whole:
                return x, y   # no room anywhere: the actor stays where it is
            reach *= 2


def _separate(xy: np.ndarray, boxes: _Boxes, rounds: int = 100) -> np.ndarray:
    """Push overlapping boxes apart, each overlapping pair along the axis where it overlaps less,
    by the overlap and a margin, half each; all pairs at once, until no two overlap or for
    ``rounds`` rounds (pushes in a crowd can cancel out: what overlaps then is left to
    :class:`_Floor`).

    >>> two = _Boxes(np.array([10.0, 10.0]), np.array([5.0, 5.0]), np.array([0.0, 0.0]))
    >>> _separate(np.zeros((2, 2)), two).round(1).tolist()  # 10 px less overlap in height: parted vertically
    [[0.0, -10.0], [0.0, 10.0]]
    """
    from scipy.spatial import cKDTree

    xy = xy.astype(float).copy()
    hw, hh = boxes.half_w, boxes.half_h
    reach = 2 * float(max(hw.max(), hh.max())) + _PAD
    for _ in range(rounds):
        centre = xy + np.column_stack([np.zeros(len(xy)), boxes.shift])
        pairs = cKDTree(centre).query_pairs(reach, p=np.inf, output_type="ndarray")
        if len(pairs) == 0:
            break
        i, j = pairs[:, 0], pairs[:, 1]
        d = centre[j] - centre[i]
        over_x = hw[i] + hw[j] + _PAD - np.abs(d[:, 0])
        over_y = hh[i] + hh[j] + _PAD - np.abs(d[:, 1])
        hit = (over_x > 1e-6) & (over_y > 1e-6)
        if not hit.any():
            break
        i, j, d, over_x, over_y = i[hit], j[hit], d[hit], over_x[hit], over_y[hit]
        along_x = over_x < over_y
        axis = np.where(along_x, 0, 1)
        gap = np.where(along_x, over_x, over_y)
        # j to the right of (or below) i: j moves on, i moves back; a tie (same place) parts by index
        sign = np.sign(d[np.arange(len(d)), axis])
        sign[sign == 0] = 1.0
        push = np.zeros_like(xy)
        np.add.at(push, (j, axis), sign * gap / 2)
        np.add.at(push, (i, axis), -sign * gap / 2)
        # several pushes on one box add up: moving half of the sum keeps a crowded one from overshooting
        xy += push * 0.5
    return xy


def _row(on: np.ndarray, boxes: _Boxes, placed: list[int], beside: list[int],
         scale: float) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """Positions for the actors with nothing to place them by, in rows under the actors on the map,
    and the box (left, top, right, bottom) the page draws round them with :data:`_BESIDE`."""
    hw, hh, shift = boxes.half_w, boxes.half_h, boxes.shift
    if len(on):
        left = float(min(on[k, 0] - hw[i] for k, i in enumerate(placed)))
        width = max(800.0, float(max(on[k, 0] + hw[i] for k, i in enumerate(placed))) - left)
        top = float(max(on[k, 1] + shift[i] + hh[i] for k, i in enumerate(placed))) + 60.0
    else:
        left, width, top = -_VIEW[0] / 2, _VIEW[0], Y_MAX * scale + 60.0
    out = np.zeros((len(beside), 2))
    caption = 24.0   # room for the caption, at the top of the box
    x, y, tallest = left, top + caption, 0.0
    for k, i in enumerate(beside):
        if x > left and x + 2 * hw[i] > left + width:
            x, y, tallest = left, y + tallest + _PAD, 0.0
        # the node's top at y: its centre lies half its box, less the label's share, lower
        out[k] = (x + hw[i], y + hh[i] - shift[i])
        x += 2 * hw[i] + _PAD
        tallest = max(tallest, 2 * hh[i])
    # as wide as its caption, which the page writes in 13 px type (about 7 px a character)
    right = max(max(out[k, 0] + hw[i] for k, i in enumerate(beside)), left + 7.0 * len(_BESIDE))
    margin = 12.0
    return out, (left - margin, top - margin, float(right) + margin, y + tallest + margin)

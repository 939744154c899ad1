"""Actors on a world map: states at their capitals, the others near the actors they are tied to.

:func:`geo_layout` gives canvas positions (vis-network's: x right, y down) and the outline of the
world's countries projected into the same coordinates, so a page can draw the map under the graph
and pan and zoom both together. Two tables ship in ``graph/geodata/`` (see its README): Natural
Earth's 1:110m countries (public domain) as world-atlas's TopoJSON, and the capitals of 244
countries and territories from GeoNames (CC BY 4.0). The projection is Equal Earth.
"""

from __future__ import annotations

import csv
import difflib
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from .errors import DataError, OptionError, Problem
from .model import Actor, Dataset
from .network import Network

__all__ = ["GeoLayout", "Capital", "geo_layout", "equal_earth", "capitals", "ATTRIBUTION", "PLACED_BY"]

_DATA = Path(__file__).with_name("geodata")

#: The credit the sources ask for, drawn in a corner of every map.
ATTRIBUTION = "Map: Natural Earth 1:110m (public domain). Capitals: GeoNames (CC BY 4.0)"

#: How an actor was placed: at its capital (``iso3`` / ``iso_a3`` attribute, or a state whose id is
#: an ISO 3166-1 alpha-3 code), at its own ``lat``/``lon`` attributes, at the weighted centre of
#: the placed actors it is tied to, or beside the map (nothing to place it by).
PLACED_BY = ("capital", "lat-lon", "stakeholders", "beside")

# Equal Earth (Šavrič, Patterson & Jenny 2019): polynomial coefficients of the projection.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3.0) / 2.0
#: Half the width and half the height of the projected world, in projection units.
X_MAX = 2.0 * math.sqrt(3.0) * math.pi / (3.0 * _A1)
Y_MAX = (_A1 + _A2 * (math.pi / 3) ** 2 + _A3 * (math.pi / 3) ** 6 + _A4 * (math.pi / 3) ** 8) * math.pi / 3

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
class Capital:
    """One row of the shipped capitals table (``graph/geodata/capitals.csv``)."""

    iso3: str
    country: str
    capital: str
    lat: float
    lon: float


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


def equal_earth(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """The Equal Earth projection of longitudes and latitudes in degrees; y points north.

    An equal-area pseudocylindrical projection with straight parallels, meant for world maps: it
    keeps the look of the Robinson projection without its distortion of areas, and is a
    polynomial, so it needs no iteration. x lies in ``[-X_MAX, X_MAX]``, y in ``[-Y_MAX, Y_MAX]``.

    References
    ----------
    Šavrič, B., Patterson, T. & Jenny, B. (2019). The Equal Earth map projection. International
    Journal of Geographical Information Science 33(3):454-465. doi:10.1080/13658816.2018.1504949

    Examples
    --------
    The world is 2.05 times as wide as it is high, as the paper gives:

    >>> x, y = equal_earth([0.0, 180.0, 0.0], [0.0, 0.0, 90.0])
    >>> [round(float(v), 4) for v in x], [round(float(v), 4) for v in y]
    ([0.0, 2.7066, 0.0], [0.0, 0.0, 1.3174])
    """
    lam = np.radians(np.asarray(lon, dtype=float))
    theta = np.arcsin(_M * np.sin(np.radians(np.asarray(lat, dtype=float))))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * np.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


@functools.lru_cache(maxsize=1)
def _capital_table() -> tuple[Capital, ...]:
    with open(_DATA / "capitals.csv", encoding="utf-8", newline="") as f:
        return tuple(Capital(r["iso3"], r["country"], r["capital"], float(r["lat"]), float(r["lon"]))
                     for r in csv.DictReader(f))


def capitals() -> dict[str, Capital]:
    """The shipped capitals, by ISO 3166-1 alpha-3 code (a new dict each call).

    Examples
    --------
    >>> capitals()["AZE"]
    Capital(iso3='AZE', country='Azerbaijan', capital='Baku', lat=40.37767, lon=49.89201)
    """
    return {c.iso3: c for c in _capital_table()}


@functools.lru_cache(maxsize=1)
def _world() -> tuple[tuple[np.ndarray, ...], tuple[tuple[str, tuple[tuple[int, ...], ...], tuple[np.ndarray, ...]], ...]]:
    """world-atlas's countries-110m.json decoded, in (lon, lat): the arcs, and each country's ISO
    alpha-3 code ('' for Antarctica, and for N. Cyprus and Somaliland, which Natural Earth gives
    no code; Kosovo is named), its rings of arc indices, and its rings cut at the antimeridian as points.

    Natural Earth draws Russia, Fiji and Antarctica across the 180th meridian: on a flat map those
    rings are cut there (:func:`_cut`) and an arc that jumps from +180 to -180 is split in two, so
    no line runs across the world."""
    topo = json.loads((_DATA / "countries-110m.json").read_text("utf-8"))
    (kx, ky), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    # quantized and delta-encoded (TopoJSON specification 2.1.3)
    arcs = [np.cumsum(np.asarray(a, dtype=float), axis=0) * (kx, ky) + (tx, ty) for a in topo["arcs"]]
    with open(_DATA / "capitals.csv", encoding="utf-8", newline="") as f:
        by_number = {int(r["numeric"]): r["iso3"] for r in csv.DictReader(f) if r["numeric"]}
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        code = by_number.get(int(g["id"]), "") if g.get("id") else ("XKX" if g["properties"]["name"] == "Kosovo" else "")
        whole, cut = [], []
        for ring in (tuple(r) for polygon in polygons for r in polygon):
            points = _ring_points(arcs, ring)
            if _jumps(points).any():
                cut += _cut(points)
            else:
                whole.append(ring)
        countries.append((code, tuple(whole), tuple(cut)))
    for i in range(len(arcs)):
        jumps = np.flatnonzero(_jumps(arcs[i]))
        if len(jumps):
            parts = np.split(arcs[i], jumps + 1)
            arcs[i] = parts[0]
            arcs += parts[1:]   # only cut rings used the arc: no ring refers to the new indices
    return tuple(arcs), tuple(countries)


def _jumps(points: np.ndarray) -> np.ndarray:
    """Whether each step of a line crosses the antimeridian (goes more than half round the world)."""
    return np.abs(np.diff(points[:, 0])) > 180.0


def _ring_points(arcs: list[np.ndarray], ring: tuple[int, ...]) -> np.ndarray:
    """A ring's points, its arcs joined (``~i``: arc ``i`` reversed; each arc starts where the last ended)."""
    parts = [arcs[k] if k >= 0 else arcs[~k][::-1] for k in ring]
    return np.concatenate([parts[0]] + [p[1:] for p in parts[1:]])


def _cut(points: np.ndarray) -> list[np.ndarray]:
    """A closed ring that crosses the antimeridian, as the pieces on either side of it.

    Each piece ends where it meets the meridian, so closing it runs along the meridian; a ring
    that crosses once goes round a pole, and is closed along the pole.

    >>> ring = np.array([[170.0, 0.0], [-170.0, 0.0], [-170.0, 10.0], [170.0, 10.0], [170.0, 0.0]])
    >>> [p.tolist() for p in _cut(ring)]
    [[[180.0, 10.0], [170.0, 10.0], [170.0, 0.0], [180.0, 0.0]], [[-180.0, 0.0], [-170.0, 0.0], [-170.0, 10.0], [-180.0, 10.0]]]
    """
    pieces: list[list[tuple[float, float]]] = [[]]
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
        pieces[-1].append((x0, y0))
        if abs(x1 - x0) > 180.0:
            edge = 180.0 if x0 > 0 else -180.0
            # where the step meets the meridian, the far end moved round the world to be near
            far = x1 + (360.0 if x0 > 0 else -360.0)
            y = y0 if far == x0 else y0 + (y1 - y0) * (edge - x0) / (far - x0)
            pieces[-1].append((edge, y))
            pieces.append([(-edge, y)])
    pieces[0] = pieces.pop() + pieces[0]   # the ring began in the middle of its last piece
    if len(pieces) == 1:
        ends = pieces[0]
        pole = 90.0 if np.mean([p[1] for p in ends]) > 0 else -90.0
        pieces[0] = ends + [(ends[-1][0], pole), (ends[0][0], pole)]
    return [np.array(p) for p in pieces]


def _project(lines: list[np.ndarray] | tuple[np.ndarray, ...], scale: float) -> list[list[float]]:
    """Lines of (lon, lat) points as flat [x0, y0, x1, y1, …] lists in canvas pixels, y down, rounded
    to 0.1; points that rounding makes one are drawn once (a line keeps both its ends)."""
    points = np.concatenate(lines)
    x, y = equal_earth(points[:, 0], points[:, 1])
    xy = np.round(np.column_stack([x * scale, -y * scale]), 1) + 0.0
    keep = np.ones(len(xy), dtype=bool)
    keep[1:] = np.any(xy[1:] != xy[:-1], axis=1)
    ends = np.cumsum([len(line) for line in lines])
    keep[ends - 1] = True
    keep[ends[:-1]] = True
    return [part[keep_part].ravel().tolist() for part, keep_part in zip(np.split(xy, ends[:-1]), np.split(keep, ends[:-1]))]


def _outline(scale: float) -> dict[str, Any]:
    arcs, countries = _world()
    shapes = []
    for code, rings, cut in countries:
        shape: dict[str, Any] = {"id": code, "rings": [list(r) for r in rings]}
        if cut:
            shape["cut"] = _project(cut, scale)
        shapes.append(shape)
    return {"arcs": _project(arcs, scale), "countries": shapes, "sphere": _project([_SPHERE], scale)[0],
            "scale": round(scale, 3), "attribution": ATTRIBUTION}


#: The edge of the world on the map: the meridians ±180 from pole to pole, every two degrees.
_SPHERE = np.array([(180.0, lat) for lat in range(90, -91, -2)] + [(-180.0, lat) for lat in range(-90, 91, 2)])


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
    spot nearest the centre of its ties, so it never pushes a capital off. :attr:`GeoLayout.moved` says how far each ended from where it was
    placed. Nothing is random: the same data give the same positions.

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
    placed: list[int] = []
    for i in geo:
        # a crowd that pushing could not part: the actors still overlapping take the nearest free spot
        xy[i] = _free_spot(xy[i], boxes.take([i]), xy[placed], boxes.take(placed))
        placed.append(i)
    for centres in _by_ties(net, ids, {ids[i] for i in placed}, lambda a: tuple(xy[index[a]])):
        for a in sorted(centres, key=lambda a: (-radius[index[a]], a)):
            i = index[a]
            home[a], placed_by[a] = centres[a], "stakeholders"
            xy[i] = _free_spot(np.array(centres[a]), boxes.take([i]), xy[placed], boxes.take(placed))
            placed.append(i)
    beside = [i for i, a in enumerate(ids) if a not in home]
    outline = _outline(scale)
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
                ties = [(where(b), d["weight"]) for b, d in sorted(layer[a].items()) if b in placed] if a in layer else []
                if ties:
                    total = sum(w for _, w in ties)
                    found[a] = (sum(p[0] * w for p, w in ties) / total, sum(p[1] * w for p, w in ties) / total)
                    break
        if not found:
            return
        yield found
        # a round is computed before any of it is placed, so the order of ids decides nothing
        placed |= set(found)


def _overlaps(centre: np.ndarray, box: _Boxes, others: np.ndarray, boxes: _Boxes) -> np.ndarray:
    """For each candidate node position (k x 2), whether its box meets any of the others' boxes."""
    if len(others) == 0:
        return np.zeros(len(centre), dtype=bool)
    dx = np.abs((centre[:, None, 0]) - others[None, :, 0])
    dy = np.abs((centre[:, None, 1] + box.shift[0]) - (others[None, :, 1] + boxes.shift[None, :]))
    return ((dx < box.half_w[0] + boxes.half_w[None, :] + _PAD) &
            (dy < box.half_h[0] + boxes.half_h[None, :] + _PAD)).any(axis=1)


#: The search for a free spot round an actor's centre: rings this far apart, up to this radius.
_STEP, _REACH = 6.0, 5000.0


def _free_spot(centre: np.ndarray, box: _Boxes, others: np.ndarray, boxes: _Boxes) -> np.ndarray:
    """The free position nearest ``centre`` for one box, the others fixed: rings of candidates at
    growing distance, each ring starting below the centre and going round; the first free wins.

    >>> one = _Boxes(np.array([10.0]), np.array([10.0]), np.array([0.0]))
    >>> _free_spot(np.zeros(2), one, np.zeros((1, 2)), one).round(1).tolist()  # 20 + 10 margin below
    [0.0, 30.0]
    """
    near = np.flatnonzero(np.abs(others - centre).max(axis=1) < _REACH + 2 * float(
        max(boxes.half_w.max(initial=0), boxes.half_h.max(initial=0))) + 2 * float(max(box.half_w[0], box.half_h[0])))
    others, boxes = others[near], boxes.take(list(near))
    if not _overlaps(centre[None, :], box, others, boxes)[0]:
        return centre
    radii = np.arange(_STEP, _REACH, _STEP)
    for batch in np.array_split(radii, math.ceil(len(radii) / 8)):
        # eight rings at a time: most actors find a spot within the first few
        rings = []
        for r in batch:
            count = max(8, int(math.ceil(2 * math.pi * r / _STEP)))
            angle = math.pi / 2 + np.arange(count) * (2 * math.pi / count)
            rings.append(centre + r * np.column_stack([np.cos(angle), np.sin(angle)]))
        candidates = np.concatenate(rings)
        free = np.flatnonzero(~_overlaps(candidates, box, others, boxes))
        if len(free):
            return candidates[free[0]]
    return centre


def _separate(xy: np.ndarray, boxes: _Boxes, rounds: int = 100) -> np.ndarray:
    """Push overlapping boxes apart, each overlapping pair along the axis where it overlaps less,
    by the overlap and a margin, half each; all pairs at once, until no two overlap or for
    ``rounds`` rounds (pushes in a crowd can cancel out: what overlaps then is left to
    :func:`_free_spot`).

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
    right = max(out[k, 0] + hw[i] for k, i in enumerate(beside))
    margin = 12.0
    return out, (left - margin, top - margin, float(right) + margin, y + tallest + margin)

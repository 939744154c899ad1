"""The world map that :mod:`graph.geo` places actors on: the Equal Earth projection, the capitals
table and Natural Earth's 1:110m countries, both shipped in ``graph/geodata/`` (see its README).
"""

from __future__ import annotations

import csv
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["Capital", "capitals", "equal_earth", "world_outline", "ATTRIBUTION", "X_MAX", "Y_MAX"]

_DATA = Path(__file__).with_name("geodata")

#: The credit the sources ask for, drawn in a corner of every map.
ATTRIBUTION = "Map: Natural Earth 1:110m (public domain). Capitals: GeoNames (CC BY 4.0)"

# Equal Earth (Šavrič, Patterson & Jenny 2019): polynomial coefficients of the projection.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3.0) / 2.0
#: Half the width and half the height of the projected world, in projection units.
X_MAX = 2.0 * math.sqrt(3.0) * math.pi / (3.0 * _A1)
Y_MAX = (_A1 + _A2 * (math.pi / 3) ** 2 + _A3 * (math.pi / 3) ** 6 + _A4 * (math.pi / 3) ** 8) * math.pi / 3


@dataclass(frozen=True)
class Capital:
    """One row of the shipped capitals table (``graph/geodata/capitals.csv``)."""

    iso3: str
    country: str
    capital: str
    lat: float
    lon: float


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


_Country = tuple[str, tuple[tuple[int, ...], ...], tuple[np.ndarray, ...]]


@functools.lru_cache(maxsize=1)
def _world() -> tuple[tuple[np.ndarray, ...], tuple[_Country, ...]]:
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
    >>> east, west = _cut(ring)
    >>> east.tolist(), west.tolist()
    ([[180.0, 10.0], [170.0, 10.0], [170.0, 0.0], [180.0, 0.0]], [[-180.0, 0.0], [-170.0, 0.0], [-170.0, 10.0], [-180.0, 10.0]])
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
    return [part[kept].ravel().tolist() for part, kept in zip(np.split(xy, ends[:-1]), np.split(keep, ends[:-1]))]


def world_outline(scale: float) -> dict[str, Any]:
    """The countries projected into canvas pixels (``scale`` a projection unit, y down), as
    :attr:`graph.geo.GeoLayout.outline` describes, without ``beside``.

    Examples
    --------
    >>> out = world_outline(1000.0)
    >>> len(out["countries"]), out["scale"], out["attribution"].startswith("Map: Natural Earth")
    (177, 1000.0, True)
    """
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

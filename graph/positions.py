"""Layouts that last: positions saved from a page (or written by hand) read back, and new actors placed around them.

A page's *Save layout* button downloads ``{"format": "geograph-positions", "version": 1, "positions":
{"ID": [x, y], ...}}`` in the page's coordinates (pixels, y downwards). :func:`read_positions`
reads that file, or a CSV with the columns ``id,x,y``; :func:`keep_positions` keeps every saved
actor where it was and places the others near the kept actors they are tied to.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem
from .model import Dataset
from .network import Network, network

__all__ = ["POSITIONS_FORMAT", "KeptLayout", "read_positions", "keep_positions", "positions_json", "unknown_actors"]

#: The ``format`` field of a saved layout.
POSITIONS_FORMAT = "geograph-positions"
_VERSION = 1
_HINT = ('save the layout from the page (Save layout), or write {"format": "geograph-positions", "version": 1, '
         '"positions": {"AZE": [12.5, -40.0]}}')
_CSV_HINT = "write one row per actor under the header id,x,y, such as AZE,12.5,-40"

Positions = dict[str, tuple[float, float]]


def read_positions(path: str | Path) -> Positions:
    """The positions of a saved layout: a page's JSON (*Save layout*) or a CSV of ``id,x,y``.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` file is read as a table with a header naming ``id``, ``x`` and ``y`` (other
        columns are ignored); any other file as the JSON a page saves.

    Returns
    -------
    dict
        Actor id to ``(x, y)`` in page pixels (y downwards), sorted by id.

    Raises
    ------
    DataError
        With every problem found, each naming the file, line and column, and the value: a file
        that is missing or not UTF-8, JSON that does not parse, a file that is not a saved layout,
        a position that is not two finite numbers, an id given twice.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "layout.json"
    >>> _ = path.write_text(positions_json({"IRN": (10, 20.25), "AZE": (-3, 4)}))
    >>> read_positions(path)
    {'AZE': (-3.0, 4.0), 'IRN': (10.0, 20.2)}
    >>> _ = path.write_text('{"format": "geograph-positions", "version": 1,\\n "positions": {"AZE": [1, "left"]}}')
    >>> read_positions(path)
    Traceback (most recent call last):
    ...
    graph.errors.DataError: ...layout.json:2:23: actor AZE: position [1, "left"] is not two finite numbers [x, y]. ...
    """
    from .read.files import missing, read_text, shown_name

    path = Path(path)
    shown = shown_name(path)
    if path.suffix.lower() == ".csv":
        return _read_csv(path, shown)

    problems: list[Problem] = []
    if missing(path):  # a stat only: a pipe or '-' is read once, below
        raise DataError([Problem(shown, 0, 0, "missing-file", f"no such file: {shown}", "check the path")])
    text = read_text(path, shown, problems, "a saved layout")
    if text is None:
        raise DataError(problems)
    out = _read_json(text, shown, problems)
    if problems:
        raise DataError(problems)
    return dict(sorted(out.items()))


def positions_json(positions: Mapping[str, tuple[float, float]]) -> str:
    """A layout as the page's *Save layout* writes it: sorted ids, coordinates rounded to 0.1.

    Examples
    --------
    >>> print(positions_json({"B": (1.04, 2), "A": (0, -0.06)}))
    {"format": "geograph-positions", "version": 1, "positions": {"A": [0.0, -0.1], "B": [1.0, 2.0]}}
    """
    body = {k: [_round(x), _round(y)] for k, (x, y) in sorted(positions.items())}
    return json.dumps({"format": POSITIONS_FORMAT, "version": _VERSION, "positions": body}, ensure_ascii=False)


def _round(value: float) -> float:
    return round(float(value), 1) + 0.0  # + 0.0: no "-0.0" in files


# -- reading ------------------------------------------------------------------------------------


def _where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _members(text: str, start: int) -> list[tuple[str, int, int, object]]:
    """The members of the JSON object at ``start``: (key, where the key is, where its value is, value).

    ``json`` parses each value; this walk only finds where every key was written, so a problem
    names the line of the id it is about. ``text`` has already been parsed whole, so it is valid.
    """
    decoder = json.JSONDecoder()
    out = []
    i = _skip(text, start + 1)
    while text[i] != "}":
        key, after = decoder.raw_decode(text, i)
        at = _skip(text, _skip(text, after) + 1)  # past the colon
        value, end = decoder.raw_decode(text, at)
        out.append((key, i, at, value))
        i = _skip(text, end)
        i = _skip(text, i + 1) if text[i] == "," else i
    return out


def _skip(text: str, i: int) -> int:
    while text[i] in " \t\r\n":
        i += 1
    return i


def _read_json(text: str, shown: str, problems: list[Problem]) -> Positions:
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(shown, exc.lineno, exc.colno, "unreadable", f"cannot read the file: {exc.msg}", _HINT))
        return {}
    if not isinstance(whole, dict) or whole.get("format") != POSITIONS_FORMAT or not isinstance(
            whole.get("positions"), dict):
        problems.append(Problem(shown, 1, 1, "structure", "the file must be a mapping with the keys format "
                                f"(\"{POSITIONS_FORMAT}\"), version and positions", _HINT))
        return {}
    top = {key: at for key, _, at, _ in _members(text, _skip(text, 0))}
    if whole.get("version") != _VERSION:
        line, col = _where(text, top.get("version", 0))
        problems.append(Problem(shown, line, col, "structure", f"version {json.dumps(whole.get('version'))} is not "
                                f"a version geograph reads (it reads version {_VERSION})", _HINT))
    out: Positions = {}
    first: dict[str, tuple[int, int]] = {}
    for key, key_at, value_at, value in _members(text, top["positions"]):
        line, col = _where(text, value_at)
        if key in first:
            line, col = _where(text, key_at)
            problems.append(Problem(shown, line, col, "duplicate-id", f"duplicate actor id '{key}' (first defined at "
                                    f"line {first[key][0]})", "give each actor one position"))
            continue
        first[key] = (line, col)
        point = _point(value)
        if point is None:
            problems.append(Problem(shown, line, col, "not-number", f"actor {key}: position "
                                    f"{json.dumps(value, ensure_ascii=False)[:80]} is not two finite numbers [x, y]",
                                    "write the position as [x, y], such as [12.5, -40]"))
            continue
        out[key] = point
    return out


def _point(value: object) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value):
        return None
    return _round(value[0]), _round(value[1])


def _read_csv(path: Path, shown: str) -> Positions:
    from .read.headers import header_key
    from .read.table import read_rows

    rows, problems = read_rows(path, shown, "csv", None)
    if problems:
        raise DataError(problems)
    if not rows:
        raise DataError([Problem(shown, 0, 0, "empty", "the file is empty", _CSV_HINT)])
    (_, header), body = rows[0], rows[1:]
    names = [header_key(c) for c in header]  # ' ID ', 'X': case and spaces aside, as every CSV header
    missing = [c for c in ("id", "x", "y") if c not in names]
    for name in missing:
        problems.append(Problem(shown, 1, 1, "missing-column", f"missing required column '{name}'", _CSV_HINT))
    if missing:
        raise DataError(problems)
    col = {c: names.index(c) for c in ("id", "x", "y")}
    out: Positions = {}
    first: dict[str, int] = {}
    for line, cells in body:
        actor = cells[col["id"]]
        if actor in first:
            problems.append(Problem(shown, line, col["id"] + 1, "duplicate-id", f"duplicate actor id '{actor}' "
                                    f"(first defined at line {first[actor]})", "give each actor one position"))
            continue
        first[actor] = line
        point = []
        for axis in ("x", "y"):
            cell = cells[col[axis]]
            try:
                number = float(cell)
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                problems.append(Problem(shown, line, col[axis] + 1, "not-number",
                                        f"actor {actor}: {axis} '{cell}' is not a finite number", _CSV_HINT))
            point.append(number)
        if all(math.isfinite(v) for v in point):
            out[actor] = (_round(point[0]), _round(point[1]))
    if problems:
        raise DataError(problems)
    return dict(sorted(out.items()))


# -- keeping ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptLayout:
    """Where every drawn actor goes: ``positions`` (all of them), which were ``kept`` from the
    file, which were ``placed`` anew, and which ids of the file are ``unknown`` to the graph."""

    positions: Positions
    kept: tuple[str, ...]
    placed: tuple[str, ...]
    unknown: tuple[str, ...]


def keep_positions(kept: Mapping[str, tuple[float, float]], net: Dataset | Network, seed: int = 7, *,
                   layout: Callable[[Network, int], Mapping[str, tuple[float, float]]] | None = None,
                   gap: float = 60.0) -> KeptLayout:
    """Positions for every actor of ``net``: the kept ones exactly where they were, the others around them.

    A new actor goes where the layout puts it, carried into the kept drawing by the similarity
    (shift, turn, scale) that best maps the layout's positions of the kept actors onto their kept
    ones; an actor aligned with kept actors goes to the weighted centre of those instead. Then, if
    that spot is within ``gap`` of an actor already placed, it moves out along a spiral to the first
    free spot. New actors are placed in order of id, so the result does not depend on input order.

    Parameters
    ----------
    kept : mapping
        Actor id to ``(x, y)``, as :func:`read_positions` gives it.
    net : Dataset or Network
        What is drawn (a snapshot); ids of ``kept`` it does not hold are returned as ``unknown``.
    seed : int
        Seed of the layout.
    layout : callable, optional
        ``layout(network, seed)`` giving positions for every actor; default
        :func:`graph.layout.signed_layout`.
    gap : float
        The least distance, in page pixels, between a new actor and any other; less in a drawing
        too dense for it: four fifths of the kept actors' median distance to their nearest
        neighbour, but never under 24 (two of the smallest actors side by side).

    Returns
    -------
    KeptLayout

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state"), Actor("C", "C", "state")),
    ...              relations=(Relation("ac", "A", "C", False, "alignment", "economic", 0.5),))
    >>> out = keep_positions({"A": (0.0, 0.0), "B": (300.0, 0.0), "Z": (1.0, 1.0)}, ds)
    >>> out.positions["A"], out.positions["B"], out.placed, out.unknown
    ((0.0, 0.0), (300.0, 0.0), ('C',), ('Z',))
    >>> math.dist(out.positions["C"], (0, 0)) >= 60
    True
    """
    net = network(net)
    drawn = sorted(a.id for a in net.actors)
    unknown = unknown_actors(kept, net)
    skip = set(unknown)
    present = {k: (float(x), float(y)) for k, (x, y) in kept.items() if k not in skip}
    new = [a for a in drawn if a not in present]
    if not new:
        return KeptLayout(dict(sorted(present.items())), tuple(sorted(present)), (), unknown)
    if layout is None:
        from .layout import signed_layout as layout
    base = dict(layout(net, seed))
    if not present:
        return KeptLayout({a: base[a] for a in drawn}, (), tuple(new), unknown)
    carry = _similarity([base[a] for a in sorted(present)], [present[a] for a in sorted(present)])
    allies = _allies(net)
    placed = dict(present)
    # no nearer than two small actors' radii (12 each: graph.render.style), however dense the drawing
    grid = _Grid(min(gap, max(2 * 12.0, _spacing([present[a] for a in sorted(present)]))), present.values())
    for actor in new:
        friends = [(present[b], w) for b, w in allies.get(actor, {}).items() if b in present]
        if friends:
            total = sum(w for _, w in friends)
            spot = (sum(p[0] * w for p, w in friends) / total, sum(p[1] * w for p, w in friends) / total)
        else:
            spot = carry(base[actor])
        placed[actor] = _free(spot, grid)
    return KeptLayout({a: placed[a] for a in drawn}, tuple(sorted(present)), tuple(new), unknown)


def unknown_actors(kept: Mapping[str, tuple[float, float]], net: Dataset | Network) -> tuple[str, ...]:
    """The ids of a saved layout that ``net`` does not draw (sorted): a CLI warns about them.

    Examples
    --------
    >>> from graph.model import Actor
    >>> unknown_actors({"A": (0, 0), "Z": (1, 1)}, Dataset(actors=(Actor("A", "A", "state"),)))
    ('Z',)
    """
    drawn = {a.id for a in network(net).actors}
    return tuple(sorted(k for k in kept if k not in drawn))


def _spacing(points: list[tuple[float, float]]) -> float:
    """Four fifths of the median distance from a kept actor to its nearest kept neighbour (of up to 500
    of them, by id): the gap a dense drawing allows (2,000 actors in 1,000 by 1,000 pixels sit about
    20 pixels apart, not 60). Infinite for a single actor."""
    import numpy as np

    xy = np.asarray(points, dtype=float)
    if len(xy) < 2:
        return math.inf
    probe = xy[:500]
    d = np.sqrt(((probe[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    d[np.arange(len(probe)), np.arange(len(probe))] = np.inf
    return max(1.0, 0.8 * float(np.median(d.min(axis=1))))


def _allies(net: Network) -> dict[str, dict[str, float]]:
    """Each actor's aligned partners, with the tie's alignment weight (the network's alignment layer)."""
    out: dict[str, dict[str, float]] = {}
    for a, b, data in net.alignment.edges(data=True):
        w = float(data.get("weight", 1.0)) or 1.0
        out.setdefault(a, {})[b] = w
        out.setdefault(b, {})[a] = w
    return out


def _similarity(source: list[tuple[float, float]], target: list[tuple[float, float]]
                ) -> Callable[[tuple[float, float]], tuple[float, float]]:
    """The shift, turn and scale that best map ``source`` onto ``target`` (least squares, Umeyama 1991),
    as a function; one point gives a shift only."""
    n = len(source)
    sx, sy = sum(p[0] for p in source) / n, sum(p[1] for p in source) / n
    tx, ty = sum(p[0] for p in target) / n, sum(p[1] for p in target) / n
    # complex numbers: the best similarity is z -> c * z with c = sum(conj(s) t) / sum(|s|^2)
    s = [complex(x - sx, y - sy) for x, y in source]
    t = [complex(x - tx, y - ty) for x, y in target]
    spread = sum(abs(z) ** 2 for z in s)
    c = sum(a.conjugate() * b for a, b in zip(s, t)) / spread if n > 1 and spread > 0 else complex(1, 0)

    def carry(p: tuple[float, float]) -> tuple[float, float]:
        z = c * complex(p[0] - sx, p[1] - sy)
        return z.real + tx, z.imag + ty

    return carry


class _Grid:
    """Points in square cells of side ``gap``: whether a spot is free looks at nine cells, not at every point."""

    def __init__(self, gap: float, points: Iterable[tuple[float, float]]) -> None:
        self.gap = gap
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for p in points:
            self.add(p)

    def _cell(self, p: tuple[float, float]) -> tuple[int, int]:
        return math.floor(p[0] / self.gap), math.floor(p[1] / self.gap)

    def add(self, p: tuple[float, float]) -> None:
        self.cells.setdefault(self._cell(p), []).append(p)

    def free(self, p: tuple[float, float]) -> bool:
        cx, cy = self._cell(p)
        return all((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 >= self.gap ** 2
                   for dx in (-1, 0, 1) for dy in (-1, 0, 1) for q in self.cells.get((cx + dx, cy + dy), ()))


def _free(spot: tuple[float, float], grid: _Grid) -> tuple[float, float]:
    """The first point of a spiral out from ``spot`` (golden-angle steps) at least the grid's gap from
    every point in it, rounded as saved layouts are (a rounded point that falls short is passed over)."""
    golden = math.pi * (3 - math.sqrt(5))
    k = 0
    while True:
        r = grid.gap * 0.5 * math.sqrt(k)
        point = _round(spot[0] + r * math.cos(k * golden)), _round(spot[1] + r * math.sin(k * golden))
        if grid.free(point):
            grid.add(point)
            return point
        k += 1

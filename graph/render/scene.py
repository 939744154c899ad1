"""What one snapshot draws, before any file format: actors with positions and styles, lines, legend.

The interactive page (:mod:`graph.render.page`), the time-slider page (:mod:`graph.render.timeline`)
and the static figures all draw from a :class:`Scene`, so a picture is the same in every format:
the same positions, colours, shapes, sizes and legend.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Mapping
from typing import Any, Callable

from ..analysis.balance import frustration_index
from ..analysis.centrality import centrality, estimate_bounds
from ..choices import COLOR_BY, LAYOUTS
from ..errors import OptionError
from ..metrics import METRICS
from ..model import ACTOR_KINDS, Dataset
from ..network import Network, network
from .panel import panel_json
from .style import (KIND_STYLE, RELATION_STYLE, _ambivalent, _camps, _check_edges, _drawn_edges, _swing, _faction_legend,
                    _fmt, _is_large, _line_counts, _nodes, _options, _relation_counts, _scale, _size)

__all__ = ["Scene", "snapshot_scene", "DRAWN_METRICS", "PAGE_EXACT_ACTORS", "PAGE_SOURCES"]

#: The metrics every drawing reads, whatever sets node size: a node's tooltip counts its ties.
DRAWN_METRICS = ("degree", "alignment_degree", "tension_degree")
#: A page of more actors than this estimates the betweenness and closeness its panel lists (the
#: centrality report stays exact): exact, they are a shortest-path search from every actor, 5 of
#: the 12 seconds a 5,000-actor page took (benchmarks/README.md).
PAGE_EXACT_ACTORS = 2_000
#: How many sources in each connected part of the alignment layer those estimates start from
#: (:func:`graph.analysis._engines.sampled_sources`): 0.45 s at 5,000 actors with igraph.
PAGE_SOURCES = 300


@dataclass(frozen=True)
class Scene:
    """One snapshot, drawn: vis-network nodes and edges (positions, styles, tooltips), legend, options.

    ``rows`` are the actors' metrics that the drawing reads (:data:`DRAWN_METRICS` and the one that
    sets node size; :func:`graph.analysis.centrality.centrality`), ``side`` each actor's camp number
    from 0 (with ``color_by="faction"``), ``positions`` where each actor is drawn. :attr:`panel` is
    built on first use: it lists every metric, which a figure or an export's drawing does not need.
    """

    net: Network
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: dict[str, Any]
    subtitle: str
    options: dict[str, Any]
    positions: dict[str, tuple[float, float]]
    rows: dict[str, dict[str, Any]] = field(repr=False)
    side: dict[str, int] = field(repr=False)
    progress: Callable[[int, int], None] = field(repr=False, compare=False)
    #: With ``layout="geo"``: the world outline under the actors (:attr:`graph.geo.GeoLayout.outline`).
    map: dict[str, Any] | None = field(default=None, repr=False)
    #: builds :attr:`panel`
    panel_of: Callable[[], str] = field(default=lambda: "", repr=False, compare=False)

    @cached_property
    def panel(self) -> str:
        """What the side panel shows, as JSON text (:func:`graph.render.panel.panel_json`), built once."""
        return self.panel_of()


def snapshot_scene(dataset: Dataset | Network, at: str | _dt.date | None = None, *,
                   size_by: str = "alignment_strength", color_by: str = "kind", seed: int = 7, camps: int = 2,
                   progress: Callable[[int, int], None] | None = None,
                   positions: Mapping[str, tuple[float, float]] | None = None, edges: str = "pairs",
                   layout: str = "signed", exact: bool | None = None) -> Scene:
    """Everything :func:`graph.render.render_html` draws for one snapshot, without the page.

    Takes the options of :func:`graph.render.render_html` that change the picture; ``progress`` is
    called before the first of its stages and after each of three (metrics, layout, nodes and edges).
    ``positions`` (a saved layout, :func:`graph.positions.read_positions`) keeps the actors it holds
    where they were and places the others around them (:func:`graph.positions.keep_positions`).
    ``exact`` is how the panel's betweenness and closeness are computed: ``None`` exactly up to
    :data:`PAGE_EXACT_ACTORS` actors and estimated above, ``True`` always exactly, ``False``
    always estimated (from :data:`PAGE_SOURCES` sources per connected part, the bound stated).

    Examples
    --------
    >>> from graph import load
    >>> scene = snapshot_scene(load(), "2025-03-01")
    >>> len(scene.nodes) == len(scene.net.dataset.actors), sorted(scene.positions) == sorted(n["id"] for n in scene.nodes)
    (True, True)
    """
    _check_options(size_by, color_by)
    _check_edges(edges)
    if layout not in LAYOUTS:
        raise OptionError(f"unknown {{layout}} '{layout}'; choose one of: {', '.join(LAYOUTS)}", parameters=("layout",))
    _check_ids(dataset.whole if isinstance(dataset, Network) else dataset)
    progress = progress or _quiet
    progress(0, 4)
    net = network(dataset, at)  # built once: the metrics, the camps and the layout read it
    snap = net.dataset
    rows = centrality(net, metrics=(*DRAWN_METRICS, size_by)).to_dict(orient="index")
    names = {a.id: a.name for a in snap.actors}
    factions: list[list[str]] = []
    side: dict[str, int] = {}
    strained: dict[tuple[str, str], str] = {}
    swing: dict[str, str] = {}
    split = None
    if color_by == "faction":
        split = frustration_index(net, camps=camps)
        factions, side, strained = _camps(net, camps, names, split)
        swing = _swing(net, split) if camps == 2 else {}
    progress(1, 4)
    scale = _scale([rows[a.id][size_by] for a in snap.actors])
    outline = None
    if layout == "geo":
        from ..geo import geo_layout

        geo = geo_layout(net, sizes={a.id: _size(rows[a.id][size_by], *scale) for a in snap.actors})
        positions, outline = geo.positions, geo.outline
    elif positions is None:
        positions = _layout(net, seed, rows, size_by, scale)
    else:
        positions = _kept(positions, net, seed)
    progress(2, 4)
    large = _is_large(len(snap.actors))
    nodes = _nodes(snap, rows, size_by, scale, positions, color_by, side, large, swing)
    torn = _ambivalent(net)
    drawn = _drawn_edges(edges, snap, net, strained, large, torn)
    progress(3, 4)
    when = snap.at.isoformat() if snap.at else "all dates"
    legend = _legend(snap, _relation_counts(snap), color_by=color_by, size_by=size_by, factions=factions,
                     strained=len(strained), scale=scale, when=when, model=net.model.describe(),
                     ambivalent=len(torn), arenas=_arena_legend(net), swing=len(swing) if color_by == "faction" else None,
                     edges=edges, lines=_line_counts(snap))
    return Scene(net=net, nodes=nodes, edges=drawn, legend=legend, options=_options(seed, len(nodes)),
                 subtitle=f"Snapshot on {when}: {len(nodes)} actors, {_drawing(edges, snap)}",
                 positions=positions, rows=rows, side=side, progress=progress, map=outline,
                 panel_of=lambda: _panel(net, rows, _sample(len(snap.actors), exact), side=side, swing=swing,
                                         camps=camps, split=split))


def _panel(net: Network, rows: dict[str, dict[str, Any]], sample: int | None, **options: Any) -> str:
    """The side panel's JSON: every metric (:func:`_every_metric`), each estimate said."""
    every, estimates = _every_metric(net, rows, sample)
    return panel_json(net, every, estimates=estimates, **options)


def _sample(actors: int, exact: bool | None) -> int | None:
    """How many sources per part the panel's path measures start from; ``None``: exact."""
    if exact or (exact is None and actors <= PAGE_EXACT_ACTORS):
        return None
    return PAGE_SOURCES


def _every_metric(net: Network, rows: dict[str, dict[str, Any]], sample: int | None = None
                  ) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """``rows`` with the metrics they lack, computed on ``net`` (path measures estimated from
    ``sample`` sources per part): what the side panel lists, and what it says of each estimate."""
    have = next(iter(rows.values()), {})
    rest = [m.name for m in METRICS if m.name not in have]
    if not rest:
        return rows, {}
    frame = centrality(net, metrics=rest, sample=sample)
    more = frame.to_dict(orient="index")
    return {a: {**row, **more.get(a, {})} for a, row in rows.items()}, _estimates(frame.attrs)


def _estimates(attrs: Mapping[str, Any]) -> dict[str, str]:
    """What the panel says of each estimated path measure: from how many sources, how sure."""
    where = (f"Estimated from {attrs.get('pivots') or 0:,} sources ({PAGE_SOURCES} in each connected part larger than "
             f"that) on a page this large")
    return {name: f"{where}: {sure}; geograph centrality computes it exactly."
            for name, sure in estimate_bounds(attrs).items()}


def _layout(dataset: Dataset | Network, seed: int, rows: dict[str, dict[str, Any]] | None = None,
            size_by: str = "alignment_strength", scale: tuple[float, float] = (0.0, 0.0)) -> dict[str, tuple[float, float]]:
    """Seeded, sign-aware positions (:func:`graph.layout.signed_layout`): allies closer, rivals apart,
    no node or label on another. With ``rows`` (the metrics) each node's box is the one the page
    draws: its ``size`` as :func:`graph.render.style._nodes` sets it, under it its label. (A large
    page draws names only once zoomed in, but its layout ignores labels anyway.)"""
    from ..layout import signed_layout

    actors = (dataset.dataset if isinstance(dataset, Network) else dataset).actors
    sizes = {a.id: _size(rows[a.id][size_by], *scale) for a in actors if a.id in rows} if rows else None
    return signed_layout(dataset, seed=seed, sizes=sizes)


def _kept(kept: Mapping[str, tuple[float, float]], net: Network, seed: int) -> dict[str, tuple[float, float]]:
    """A saved layout for the actors it holds, the layout around them for the others."""
    from ..positions import keep_positions

    return keep_positions(kept, net, seed, layout=_layout).positions


def _check_options(size_by: str, color_by: str) -> None:
    names_ok = {m.name for m in METRICS}
    if size_by not in names_ok:
        raise OptionError(f"unknown metric '{size_by}' for {{size_by}}; choose one of: {', '.join(sorted(names_ok))}",
                          parameters=("size_by",))
    if color_by not in COLOR_BY:
        raise OptionError(f"unknown {{color_by}} '{color_by}'; choose one of: {', '.join(COLOR_BY)}",
                          parameters=("color_by",))


def _check_ids(dataset: Dataset) -> None:
    """Refuse ids the page cannot draw (a dataset built in code skips the loader, which refuses them):
    vis-network keys its nodes and edges by id in plain objects, so 'constructor' breaks the page."""
    from ..errors import DataError, Problem
    from ..rules import JS_RESERVED, id_hint, id_rule

    problems = [Problem(r.location.path or dataset.path or "(dataset)", r.location.line, r.location.col, "bad-id",
                        f"{what} {r.id}: {id_rule(r.id)}", id_hint(r.id))
                for what, records in (("actor", dataset.actors), ("relation", dataset.relations))
                for r in records if r.id in JS_RESERVED]
    if problems:
        raise DataError(problems)


def _arena_legend(net: Network) -> list[dict[str, Any]]:
    """Each arena left out of the drawing, with who backs and contests it (graph.analysis.arenas)."""
    from ..analysis.arenas import arenas

    names = {a.id: a.name for a in net.whole.actors}
    listed = lambda stakes: ", ".join(names.get(s.agent, s.agent) for s in stakes) or "nobody recorded"  # noqa: E731
    return [{"name": f"{a.name} ({a.kind})", "for": listed(a.supporters), "against": listed(a.opponents),
             "contested": "—" if a.contested is None else f"{a.contested:.0%}"} for a in arenas(net)]


def _legend(dataset: Dataset, counts: dict[str, int], *, color_by: str, size_by: str, factions: list[list[str]],
            strained: int | None, scale: tuple[float, float], when: str, model: str = "", ambivalent: int = 0,
            arenas: list[dict[str, Any]] | None = None, swing: int | None = None, edges: str = "relations",
            lines: dict[str, int] | None = None) -> dict[str, Any]:
    kinds_present = [k for k in ACTOR_KINDS if any(a.kind == k for a in dataset.actors)]
    return {
        "swing": swing,
        "model": model,
        "ambivalent": ambivalent,
        "arenas": arenas or [],
        "kinds": [{"name": k, "colour": KIND_STYLE[k][0] if color_by == "kind" else "#ffffff",
                   "shape": KIND_STYLE[k][1]} for k in kinds_present],
        "relations": [{"name": k, "colour": c, "dashed": d, "count": counts[k],
                       "lines": lines[k] if lines and edges == "pairs" else None} for k, (c, d) in RELATION_STYLE.items()],
        "edges": edges,
        "size_by": size_by,
        "factions": _faction_legend(factions),
        "strained": strained if color_by == "faction" else None,
        "size_range": f"{_fmt(scale[0])} to {_fmt(scale[1])}",
        "at": when,
    }


def _drawing(edges: str, dataset: Dataset) -> str:
    """The subtitle's count of what is drawn: relations, and with ``edges="pairs"`` the lines they make."""
    relations = f"{len(dataset.relations)} relations"
    return relations if edges == "relations" else f"{relations} ({sum(_line_counts(dataset).values())} lines)"


def _quiet(done: int, total: int) -> None:
    """A ``progress`` that shows nothing."""

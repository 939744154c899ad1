"""The interactive HTML graph: one self-contained, offline, deterministic page.

pyvis supplies vis-network 9.1.2 (its vendored copy, inlined into the page). The page comes from
geograph's own template rather than pyvis's, because pyvis's template loads Bootstrap from a CDN
even in ``in_line`` mode (pyvis #229), does not escape the heading, switches to an ``innerHTML``
popup when a tooltip contains ``href``, and ``write_html`` may write a ``lib/`` folder next to the
output (pyvis #174). Every text from the data reaches the page as JSON inside a script (``<``,
``>``, ``&`` and ``'`` escaped) and is shown by vis-network as text, never parsed as HTML.

:func:`render_html` draws one snapshot; :func:`render_timeline_html` draws a range of periods on
one page with a slider and a play button. Both build their nodes, edges, legend and page with the
same helpers below, so both draw actors and relations the same way and give the same tooltips.
"""

from __future__ import annotations

import base64
import datetime as _dt
import gzip
import html as _html
import json
import math
import re
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ._io import atomic_write
from .analysis.centrality import METRICS, centrality
from .errors import OptionError
from .model import ACTOR_KINDS, Dataset
from .network import Network, dataset_of, network

if TYPE_CHECKING:
    from .analysis.temporal import TimelineStates

__all__ = ["render_html", "write_html", "render_timeline_html", "write_timeline_html", "inline", "InlineHTML",
           "KIND_STYLE", "RELATION_STYLE", "FACTION_COLOURS"]

#: Colour and vis-network shape of each actor kind (colour-blind-safe where it matters most).
KIND_STYLE: dict[str, tuple[str, str]] = {
    "state": ("#1f77b4", "dot"),
    "organisation": ("#ff7f0e", "square"),
    "bloc": ("#9467bd", "hexagon"),
    "group": ("#8c564b", "triangle"),
    "project": ("#17becf", "diamond"),
    "region": ("#7f7f7f", "star"),
    "person": ("#bcbd22", "triangleDown"),
    "company": ("#e377c2", "square"),
}
#: Colour and dash of each relation kind.
RELATION_STYLE: dict[str, tuple[str, bool]] = {
    "alignment": ("#2e7d32", False),
    "tension": ("#c62828", True),
}
_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:")
#: What node colour can show (``color_by``): the actor's kind, or its camp.
COLOR_BY = ("kind", "faction")
#: Camp colours for ``color_by="faction"`` (ColorBrewer Dark2); actors with no signed tie are grey.
FACTION_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")
_UNPLACED = "#cccccc"
_STRAIN = "#ff9800"
_WRAP = 70
_LONG_WORD = 4 * _WRAP
#: The addresses a source may link to (the loader refuses any other: ``bad-url``).
_WEB_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
_LONG_WORD_RE = re.compile(r"\S{%d,}" % (_LONG_WORD + 1))


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text("utf-8")
    # A source-map comment makes developer tools fetch a file that is not there.
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL="))
    return js, (lib / "vis-network.css").read_text("utf-8")


def _script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no character can close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _packed(value: Any) -> str:
    """The data of a large page (:data:`LARGE_GRAPH`): JSON, gzip-compressed, in base64.

    Base64 has no character that could end a script or a string. The gzip header carries no time,
    so the same data gives the same text (with the same zlib: another implementation, such as
    zlib-ng, may compress the same data to other bytes).
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return base64.b64encode(gzip.compress(text.encode("ascii"), compresslevel=6, mtime=0)).decode("ascii")


def _fmt(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) >= 1000:
            return f"{int(value):,}"
        return f"{value:.3f}".rstrip("0").rstrip(".") if math.isfinite(value) else str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_fmt(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    return str(value)


def _sorted_items(attributes: Any) -> list[tuple[Any, Any]]:
    """Attributes by name: the page must not change when the keys are written in another order."""
    return sorted(attributes.items(), key=lambda kv: str(kv[0]))


def _wrap(text: str, indent: str = "") -> str:
    # textwrap breaks a long word by slicing what is left of it again for every line: quadratic, so a
    # word of a few megabytes takes minutes. Very long words are cut into line-sized pieces first.
    width = _WRAP - len(indent)
    if len(text) > _LONG_WORD:
        text = _LONG_WORD_RE.sub(lambda m: _pieces(m.group(), width), text)
    return "\n".join(textwrap.wrap(text, _WRAP, initial_indent=indent, subsequent_indent=indent or "")) or text


def _pieces(word: str, width: int) -> str:
    return " ".join(word[i:i + width] for i in range(0, len(word), width))


def _layout(dataset: Dataset | Network, seed: int) -> dict[str, tuple[float, float]]:
    """Seeded, sign-aware positions (:func:`graph.layout.signed_layout`): allies closer, rivals apart."""
    from .layout import signed_layout

    return signed_layout(dataset, seed=seed)


def _node_title(actor, row: dict[str, Any], sources: dict) -> str:
    lines = [f"{actor.name} ({actor.id})", f"kind: {actor.kind}"]
    if actor.tags:
        lines.append(_wrap("tags: " + ", ".join(actor.tags)))
    lines.append("")
    lines += [f"{m.name}: {_fmt(row[m.name])}" for m in METRICS]
    if actor.attributes:
        lines.append("")
        lines += [_wrap(f"{k}: {_fmt(v)}") for k, v in _sorted_items(actor.attributes)]
    if actor.sources:
        lines += ["", "Sources:"] + [_wrap(f"- {sources[s].label}" if s in sources else f"- {s}")
                                     for s in actor.sources]
    return "\n".join(lines)


def _edge_title(rel, names: dict[str, str], sources: dict) -> str:
    arrow = "→" if rel.directed else "–"
    period = f"{rel.since or 'open start'} to {rel.until or 'open end'}"
    lines = [
        f"{names[rel.source]} {arrow} {names[rel.target]}",
        f"{rel.kind}, {rel.domain}; weight {_fmt(rel.weight)}; confidence {rel.confidence}",
        f"in force: {period}" + (" (until is exclusive)" if rel.until else ""),
        "",
        _wrap(rel.evidence),
    ]
    if rel.attributes:
        lines.append("")
        lines += [_wrap(f"{k}: {_fmt(v)}") for k, v in _sorted_items(rel.attributes)]
    lines += ["", "Sources:"] + [_wrap(f"- {sources[s].label}" if s in sources else f"- {s}")
                                 for s in rel.sources]
    return "\n".join(lines)


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
    from .errors import DataError, Problem
    from .loading import JS_RESERVED, id_hint, id_rule

    problems = [Problem(r.location.path or dataset.path or "(dataset)", r.location.line, r.location.col, "bad-id",
                        f"{what} {r.id}: {id_rule(r.id)}", id_hint(r.id))
                for what, records in (("actor", dataset.actors), ("relation", dataset.relations))
                for r in records if r.id in JS_RESERVED]
    if problems:
        raise DataError(problems)


def _camps(net: Network, camps: int, names: dict[str, str], split: Any = None) -> tuple[
        list[list[str]], dict[str, int], dict[tuple[str, str], str]]:
    """The camps of the best split, each actor's camp, and why each pair under strain is strained."""
    if split is None:
        from .analysis.balance import frustration_index

        split = frustration_index(net, camps=camps)
    factions = split.factions
    side = {a: k for k, group in enumerate(factions) for a in group}
    strained: dict[tuple[str, str], str] = {}
    for t in split.frustrated:
        a_name, b_name = names[t.source], names[t.target]
        if t.sign > 0:
            why = (f"UNDER STRAIN: {a_name} and {b_name} are aligned on balance, yet the best split puts them "
                   f"in opposite camps ({side[t.source] + 1} and {side[t.target] + 1}).")
        else:
            why = (f"UNDER STRAIN: {a_name} and {b_name} are in tension on balance, yet the best split puts "
                   f"both in camp {side[t.source] + 1}.")
        strained[(t.source, t.target)] = why
    return factions, side, strained


def _scale(values: list[float]) -> tuple[float, float]:
    return (min(values), max(values)) if values else (0.0, 0.0)


def _size(value: float, low: float, high: float) -> float:
    return round(12 + 28 * (value - low) / (high - low) if high > low else 20, 2)


def _colour(actor, color_by: str, side: dict[str, int]) -> str:
    if color_by == "faction":
        return FACTION_COLOURS[side[actor.id] % len(FACTION_COLOURS)] if actor.id in side else _UNPLACED
    return KIND_STYLE[actor.kind][0]


def _nodes(dataset: Dataset, rows: dict[str, dict[str, Any]], size_by: str, scale: tuple[float, float],
           positions: dict[str, tuple[float, float]], color_by: str, side: dict[str, int],
           large: bool = False) -> list[dict[str, Any]]:
    """One vis-network node per actor: shape by kind, colour by kind or camp, size by ``size_by``.

    With ``large`` (:data:`LARGE_GRAPH`) the name is a ``name`` rather than vis-network's ``label``:
    the page draws names itself, and only when zoomed in enough to read them.
    """
    sources = dict(dataset.sources)
    nodes = []
    for actor in dataset.actors:
        x, y = positions[actor.id]
        nodes.append({
            "id": actor.id, "name" if large else "label": actor.name,
            "title": _node_title(actor, rows[actor.id], sources),
            "shape": KIND_STYLE[actor.kind][1], "color": {"background": _colour(actor, color_by, side), "border": "#333333"},
            "size": _size(rows[actor.id][size_by], *scale), "x": x, "y": y, "kind": actor.kind,
        })
    return nodes


def _strain_shadow() -> dict[str, Any]:
    return {"enabled": True, "color": _STRAIN, "size": 14, "x": 0, "y": 0}


def _edges(dataset: Dataset, strained: dict[tuple[str, str], str], large: bool = False) -> list[dict[str, Any]]:
    """One vis-network edge per relation; several relations of a pair become separate curves.

    With ``large`` (:data:`LARGE_GRAPH`), an edge carries only what differs from the defaults of
    :func:`_options`: a straight line, an arrow or a dash only when it has one, its colour as one
    string (vis-network reads it as the same colour for line, highlight and hover), and a thinner
    width, from 0.5 to 1.5 instead of 1 to 6 (see :data:`LARGE_GRAPH` for why).
    """
    sources = dict(dataset.sources)
    names = {a.id: a.name for a in dataset.actors}
    edges = []
    seen: dict[tuple[str, str], int] = {}
    for rel in sorted(dataset.relations, key=lambda r: (r.pair, r.kind, r.domain, r.id)):
        colour, dashed = RELATION_STYLE[rel.kind]
        k = seen.get(rel.pair, 0)
        seen[rel.pair] = k + 1
        curve = {"enabled": k > 0, "type": "curvedCW" if k % 2 else "curvedCCW",
                 "roundness": round(0.12 * ((k + 1) // 2), 2)}
        strain = strained.get(rel.pair)
        tip = _edge_title(rel, names, sources)
        extra: dict[str, Any] = {}
        if strain:
            tip = _wrap(strain) + "\n\n" + tip
            extra = {"shadow": _strain_shadow(), "strained": True}
        if large:
            edge = {**extra, "id": rel.id, "from": rel.source, "to": rel.target, "title": tip, "color": colour,
                    "width": round(0.5 + rel.weight, 2),
                    "kind": rel.kind, "domain": rel.domain, "confidence": rel.confidence}
            edge.update({"dashes": True} if dashed else {})
            edge.update({"smooth": curve} if k > 0 else {})
            edge.update({"arrows": "to"} if rel.directed else {})
            edges.append(edge)
            continue
        edges.append({
            **extra,
            "id": rel.id, "from": rel.source, "to": rel.target, "title": tip,
            "color": {"color": colour, "highlight": colour, "hover": colour},
            "dashes": dashed, "width": round(1 + 5 * rel.weight, 2), "smooth": curve,
            "arrows": {"to": {"enabled": rel.directed, "scaleFactor": 0.6}},
            "kind": rel.kind, "domain": rel.domain, "confidence": rel.confidence,
        })
    return edges


#: Above this many actors the page draws in large-graph mode, so that 2,000 actors with 10,000
#: relations are on screen within 2 s in headless Chromium (benchmarks/page_load.py, whose README
#: gives the figures; 2 cores, no GPU). Every actor and relation is still in the page's DataSets,
#: with its tooltip, and search and filters work as before; what changes is measured there:
#:
#: - the data travels gzip-compressed in base64 (:func:`_packed`): a quarter of the bytes for the
#:   browser to read and parse as script, 0.35 s of its main thread at 2,000 actors;
#: - the page draws the names itself, and only once zoomed in (``_NAMES``): vis-network measures
#:   every label at load, even one too small to draw, 0.25 s at 2,000 actors;
#: - edges carry only what differs from the defaults (:func:`_edges`), lines are straight (but a
#:   second relation of a pair) and 0.5 to 1.5 px wide instead of 1 to 6: thick anti-aliased lines
#:   slowed the first paint of a spread-out graph by 0.75 s;
#: - hover highlighting is off (tooltips still show), and lines are hidden while dragging or zooming,
#:   so that panning stays smooth.
#:
#: Physics is off at load at every size: positions come from the seeded layout, so nothing settles.
LARGE_GRAPH = 1000
_FONT = {"size": 15, "face": "sans-serif"}
#: How a large page draws names: in vis-network's default label colour and the small page's font,
#: once they are 18 px on screen (zoomed in past 120 %; the view that fits the graph at load is at
#: most 100 %, where a thousand names would hide one another), and never larger than 30 px.
_NAMES = {**_FONT, "color": "#343434", "threshold": 18, "max": 30}


def _is_large(actors: int) -> bool:
    return actors > LARGE_GRAPH


def _options(seed: int, actors: int = 0) -> dict[str, Any]:
    options: dict[str, Any] = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False}, "multiselect": True},
        "nodes": {"font": dict(_FONT), "borderWidth": 1},
        "edges": {"selectionWidth": 2},
        "layout": {"randomSeed": seed, "improvedLayout": False},
    }
    if _is_large(actors):
        # the defaults that large-mode edges leave out (see _edges)
        options["edges"].update({"smooth": False, "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}}})
        options["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": True, "hover": False})
    return options


def _relation_counts(dataset: Dataset) -> dict[str, int]:
    return {k: sum(r.kind == k for r in dataset.relations) for k in RELATION_STYLE}


def _faction_legend(factions: list[list[str]]) -> list[dict[str, Any]]:
    return [{"name": f"Camp {k + 1}", "colour": FACTION_COLOURS[k % len(FACTION_COLOURS)], "count": len(group)}
            for k, group in enumerate(factions)]


def _legend(dataset: Dataset, counts: dict[str, int], *, color_by: str, size_by: str, factions: list[list[str]],
            strained: int | None, scale: tuple[float, float], when: str) -> dict[str, Any]:
    kinds_present = [k for k in ACTOR_KINDS if any(a.kind == k for a in dataset.actors)]
    return {
        "kinds": [{"name": k, "colour": KIND_STYLE[k][0] if color_by == "kind" else "#ffffff",
                   "shape": KIND_STYLE[k][1]} for k in kinds_present],
        "relations": [{"name": k, "colour": c, "dashed": d, "count": counts[k]} for k, (c, d) in RELATION_STYLE.items()],
        "size_by": size_by,
        "factions": _faction_legend(factions),
        "strained": strained if color_by == "faction" else None,
        "size_range": f"{_fmt(scale[0])} to {_fmt(scale[1])}",
        "at": when,
    }


def _controls(dataset: Dataset) -> dict[str, Any]:
    """What the page's search and filters offer: actors by name, and the kinds, domains and
    confidence levels present (every value from the closed sets of the model, never free text)."""
    from .model import CONFIDENCE, DOMAINS, RELATION_KINDS

    present = lambda values, field: [v for v in values if any(getattr(r, field) == v  # noqa: E731
                                                               for r in dataset.relations)]
    return {
        "actors": sorted((f"{a.name} ({a.id})" for a in dataset.actors), key=str.lower),
        "relation_kinds": present(RELATION_KINDS, "kind"),
        "domains": present(DOMAINS, "domain"),
        "actor_kinds": [k for k in ACTOR_KINDS if any(a.kind == k for a in dataset.actors)],
        "confidence": present(CONFIDENCE, "confidence"),
    }


def _page(dataset: Dataset, *, title: str | None, legend: dict[str, Any], subtitle: str, data: dict[str, Any],
          height: str, timeline: dict[str, Any] | None = None) -> str:
    """Fill the template: every text from the data goes through autoescaping or :func:`_script_json`."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("graph", "templates"), autoescape=select_autoescape(default=True),
                      keep_trailing_newline=True)
    vis_js, vis_css = _vis_assets()
    large = _is_large(len(data["nodes"]))
    if large:
        data = {**data, "names": _NAMES}
    return env.get_template("page.html").render(
        csp=_CSP, title=title if title is not None else (dataset.title or "geograph"), legend=legend,
        subtitle=subtitle, description=dataset.description, vis_js=vis_js, vis_css=vis_css,
        data=None if large else _script_json(data), packed=_packed(data) if large else None, large=large,
        height=height, timeline=timeline, controls=_controls(dataset), sources=_source_list(dataset),
    )


def _source_list(dataset: Dataset) -> list[dict[str, str]]:
    """The sources for the legend: a link only for an http(s) address that the loader would accept
    (a dataset built in code may hold any url: ``javascript:`` and the like are shown as text)."""
    return [{"label": s.label, "url": s.url, "href": s.url if _WEB_URL.match(s.url) else ""}
            for _, s in sorted(dataset.sources.items())]


def render_html(dataset: Dataset | Network, at: str | _dt.date | None = None, *, size_by: str = "alignment_strength",
                color_by: str = "kind", title: str | None = None, seed: int = 7,
                height: str = "780px", camps: int = 2,
                progress: Callable[[int, int], None] | None = None) -> str:
    """The dataset's graph as one self-contained HTML page (vis-network inlined, no network access).

    Parameters
    ----------
    dataset : Dataset or Network
        A :class:`~graph.network.Network` is drawn as built (its layers are not built again).
    at : date or text, optional
        Snapshot day (default: the dataset's own snapshot, else today).
    size_by : str
        A metric of :data:`graph.METRICS` that sets node size.
    color_by : {"kind", "faction"}
        What node colour shows: the actor's kind, or its camp in the best split of the signed layer
        (:func:`graph.analysis.balance.frustration`); with ``faction`` the ties under strain (those
        contradicting the split) are marked with an orange halo and say why in their tooltip.
    camps : int
        With ``color_by="faction"``: split into up to this many camps.
    title : str, optional
        Page title; default the dataset's title.
    seed : int
        Seed of the layout: the same seed gives the same picture, byte for byte.
    height : str
        CSS height of the drawing area.
    progress : callable, optional
        Called as ``progress(done, total)`` before the first of four stages (``done`` 0) and after
        each: the metrics, the layout, the nodes and edges, the page. On thousands of actors the
        metrics take seconds.

    Returns
    -------
    str
        The page. Write it with :func:`write_html`, or show it in Jupyter with :func:`inline`.

    Notes
    -----
    Alignment relations are drawn green and solid, tension red and dashed, with width growing with
    weight; directed relations carry an arrow; several relations of one pair are drawn as separate
    curves. Node tooltips list every metric; edge tooltips the domain, weight, dates, evidence and
    sources. Physics is off: positions come from a seeded layout in Python, so the page opens
    without a settling phase and looks the same every time. Above :data:`LARGE_GRAPH` actors the
    page draws in large-graph mode: compressed data, names only when zoomed in, thin straight lines.

    Examples
    --------
    >>> from graph import load
    >>> page = render_html(load(), at="2025-03-01")
    >>> page.startswith("<!DOCTYPE html>") and "<script src" not in page and "<link" not in page
    True
    """
    _check_options(size_by, color_by)
    _check_ids(dataset_of(dataset))
    progress = progress or _quiet
    progress(0, 4)
    net = network(dataset, at)  # built once: the metrics, the camps and the layout read it
    snap = net.dataset
    rows = centrality(net).to_dict(orient="index")
    names = {a.id: a.name for a in snap.actors}
    factions: list[list[str]] = []
    side: dict[str, int] = {}
    strained: dict[tuple[str, str], str] = {}
    if color_by == "faction":
        factions, side, strained = _camps(net, camps, names)
    progress(1, 4)
    positions = _layout(net, seed)
    progress(2, 4)
    scale = _scale([rows[a.id][size_by] for a in snap.actors])
    large = _is_large(len(snap.actors))
    nodes = _nodes(snap, rows, size_by, scale, positions, color_by, side, large)
    edges = _edges(snap, strained, large)
    progress(3, 4)
    when = snap.at.isoformat() if snap.at else "all dates"
    legend = _legend(snap, _relation_counts(snap), color_by=color_by, size_by=size_by, factions=factions,
                     strained=len(strained), scale=scale, when=when)
    page = _page(dataset_of(dataset), title=title, legend=legend, height=height,
                 subtitle=f"Snapshot on {when}: {len(nodes)} actors, {len(edges)} relations",
                 data={"nodes": nodes, "edges": edges, "options": _options(seed, len(nodes))})
    progress(4, 4)
    return page


def _quiet(done: int, total: int) -> None:
    """A ``progress`` that shows nothing."""


def write_html(dataset: Dataset, path: str | Path, at: str | _dt.date | None = None, **options: Any) -> Path:
    """Render the page and write it to ``path`` atomically, as UTF-8; nothing else is written.

    Takes the same options as :func:`render_html`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graph import load
    >>> out = write_html(load(), pathlib.Path(tempfile.mkdtemp()) / "g.html", at="2025")
    >>> out.stat().st_size > 100_000
    True
    """
    return atomic_write(path, render_html(dataset, at, **options))


def render_timeline_html(dataset: "Dataset | TimelineStates", start: str | _dt.date | None = None,
                         end: str | _dt.date | None = None, every: str = "year", *,
                         size_by: str = "alignment_strength", color_by: str = "kind", title: str | None = None,
                         seed: int = 7, height: str = "780px", camps: int = 2,
                         progress: Callable[[int, int], None] | None = None) -> str:
    """The graph over time as one offline page, with a slider and a play button across the periods.

    The periods are :func:`graph.dates.periods` from ``start`` to ``end``, a year, quarter or month
    apart; each shows the relations in force on its first day (:func:`graph.snapshot`). Moving the
    slider shows relations appearing, ending and changing; every node keeps its place, from one
    seeded layout of every relation in force in at least one period. The legend gives the period,
    the frustration index of its signed layer (:func:`graph.analysis.balance.frustration`, exact,
    two camps) and its counts; node size follows ``size_by`` in each period, on one scale for the
    whole range, so growth shows. With ``color_by="faction"`` colours and strained ties follow each
    period's best split into up to ``camps`` camps.

    Parameters
    ----------
    dataset : Dataset or TimelineStates
        A :class:`~graph.analysis.temporal.TimelineStates` is drawn with its own range and step,
        from its networks as built: the same value can feed :func:`graph.analysis.temporal.timeline`.
    start, end : date or text
        First and last day of the range (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial date
        means its first day). A period starting after ``end`` is not shown.
    every : {"year", "quarter", "month"}
        The step between periods.
    progress : callable, optional
        Called as ``progress(done, total)``: 0 first, then after each distinct state is analysed
        (periods with the same relations in force share one), after the layout and after the page.

    The other options are those of :func:`render_html`.

    Notes
    -----
    The page's data (``var DATA``) holds ``nodes``, ``edges`` and ``options`` as in
    :func:`render_html` (edges: every relation in force in at least one period, ``hidden`` when not
    in force in the first period), plus ``timeline``: ``periods`` (``day``, ``label``, ``state``)
    and ``states``, one per distinct set of relations in force (periods with the same relations
    share one): ``relations`` (sorted ids), ``frustration``, ``optimal``, ``counts``, ``sizes`` and
    ``titles`` per actor, and with factions ``colours``, ``factions`` and ``strained`` (relation id
    to the reason shown in its tooltip; ``counts["strained"]`` is the number of pairs under strain). ``<body data-period>`` is the index of the period shown.

    Examples
    --------
    >>> from graph import load
    >>> page = render_timeline_html(load(), "2020", "2025")
    >>> '<input id="period" type="range" min="0" max="5"' in page, "<script src" in page
    (True, False)
    """
    from .analysis.balance import frustration_index
    from .analysis.temporal import timeline_states

    _check_options(size_by, color_by)
    # the periods, their range check and their networks come from the timeline's own engine
    timeline_of = timeline_states(dataset, start, end, every)
    dataset, every = timeline_of.dataset, timeline_of.every
    _check_ids(dataset)
    first, last, days = timeline_of.start, timeline_of.end, timeline_of.periods
    keys = timeline_of.relations
    timeline_periods = [{"day": p.day.isoformat(), "label": p.label, "state": p.state} for p in days]
    shown = {rid for key in keys for rid in key}
    union = replace(dataset, relations=tuple(r for r in dataset.relations if r.id in shown), at=None)
    names = {a.id: a.name for a in dataset.actors}

    # one step per distinct state analysed, then the layout, then the page
    progress = progress or _quiet
    total = len(timeline_of.states) + 2
    progress(0, total)
    analyses = []
    for net in timeline_of.states:
        rows = centrality(net).to_dict(orient="index")
        index = frustration_index(net)
        factions: list[list[str]] = []
        side: dict[str, int] = {}
        strained: dict[tuple[str, str], str] = {}
        if color_by == "faction":
            factions, side, strained = _camps(net, camps, names, index if camps == 2 else None)
        analyses.append((net, rows, index, factions, side, strained))
        progress(len(analyses), total)
    scale = _scale([rows[a.id][size_by] for _, rows, *_ in analyses for a in dataset.actors])

    sources = dict(dataset.sources)
    states = []
    for key, (net, rows, index, factions, side, strained) in zip(keys, analyses):
        snap = net.dataset
        state: dict[str, Any] = {
            "relations": list(key),
            "frustration": index.frustration,
            "optimal": index.optimal,
            "counts": {"relations": len(snap.relations), **_relation_counts(snap),
                       "signed": net.signed.number_of_edges()},
            "sizes": {a.id: _size(rows[a.id][size_by], *scale) for a in dataset.actors},
            "titles": {a.id: _node_title(a, rows[a.id], sources) for a in dataset.actors},
        }
        if color_by == "faction":
            state["colours"] = {a.id: _colour(a, color_by, side) for a in dataset.actors}
            state["factions"] = _faction_legend(factions)
            state["strained"] = {r.id: _wrap(strained[r.pair]) for r in snap.relations if r.pair in strained}
            state["counts"]["strained"] = len(strained)
        states.append(state)

    net0, rows0, _, factions0, side0, strained0 = analyses[0]
    large = _is_large(len(dataset.actors))
    positions = _layout(union, seed)
    progress(total - 1, total)
    nodes = _nodes(dataset, rows0, size_by, scale, positions, color_by, side0, large)
    in_force0 = set(states[0]["relations"])
    # Tooltips of strained ties are set per period by the page, so edges carry the plain ones here.
    edges = [{**e, "hidden": e["id"] not in in_force0} for e in _edges(union, {}, large)]
    steps = {"year": "yearly", "quarter": "quarterly", "month": "monthly"}
    first_label, last_label = timeline_periods[0]["label"], timeline_periods[-1]["label"]
    legend = _legend(dataset, _relation_counts(net0.dataset), color_by=color_by, size_by=size_by, factions=factions0,
                     strained=len(strained0), scale=scale, when=f"{first_label} to {last_label}, {steps[every]}")
    timeline = {"every": every, "from": first.isoformat(), "to": last.isoformat(), "start": 0, "interval": 1200,
                "periods": timeline_periods, "states": states, "strain_shadow": _strain_shadow()}
    page = _page(dataset, title=title, legend=legend, height=height,
                 subtitle=(f"Timeline from {first.isoformat()} to {last.isoformat()}, {steps[every]}: "
                           f"{len(nodes)} actors, {len(edges)} relations in {len(days)} periods"),
                 data={"nodes": nodes, "edges": edges, "options": _options(seed, len(nodes)), "timeline": timeline},
                 timeline={"last": len(days) - 1, "label": first_label, "day": timeline_periods[0]["day"]})
    progress(total, total)
    return page


def write_timeline_html(dataset: "Dataset | TimelineStates", path: str | Path, start: str | _dt.date | None = None,
                        end: str | _dt.date | None = None, every: str = "year", **options: Any) -> Path:
    """Render the timeline page and write it to ``path`` atomically, as UTF-8; nothing else is written.

    Takes the same options as :func:`render_timeline_html`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graph import load
    >>> out = write_timeline_html(load(), pathlib.Path(tempfile.mkdtemp()) / "t.html", "2020", "2025")
    >>> out.stat().st_size > 100_000
    True
    """
    return atomic_write(path, render_timeline_html(dataset, start, end, every, **options))


@dataclass(frozen=True)
class InlineHTML:
    """A page shown inline in Jupyter (JupyterLab, classic Notebook, VS Code) through an iframe's
    ``srcdoc``, sandboxed to scripts only."""

    html: str
    height: int = 620

    def _repr_html_(self) -> str:
        doc = _html.escape(self.html, quote=True)
        return (f'<iframe srcdoc="{doc}" sandbox="allow-scripts allow-downloads" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd"></iframe>')


def inline(page: str, height: int = 620) -> InlineHTML:
    """Wrap a page from :func:`render_html` so a notebook displays it inline.

    Examples
    --------
    >>> inline("<p>hi</p>")._repr_html_().startswith('<iframe srcdoc="&lt;p&gt;hi')
    True
    """
    return InlineHTML(page, height)

"""How the page draws actors and relations: styles, tooltips, vis-network nodes, edges and options.

Both pages (:mod:`graph.render.page` and :mod:`graph.render.timeline`) draw with these helpers, so
both draw actors and relations the same way and give the same tooltips.
"""

from __future__ import annotations

import math
import re
import textwrap
from typing import Any

from ..analysis.balance import frustration_index
from ..analysis.centrality import METRICS
from ..model import Dataset
from ..network import Network

__all__ = ["KIND_STYLE", "RELATION_STYLE", "FACTION_COLOURS", "LARGE_GRAPH", "AMBIVALENT_DASHES", "SWING_DASHES"]

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
#: Camp colours for ``color_by="faction"`` (ColorBrewer Dark2); actors with no signed tie are grey.
FACTION_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")
_UNPLACED = "#cccccc"
_STRAIN = "#ff9800"
_WRAP = 70
_LONG_WORD = 4 * _WRAP
_LONG_WORD_RE = re.compile(r"\S{%d,}" % (_LONG_WORD + 1))


def _fmt(value: Any) -> str:
    if isinstance(value, bool) or value is None or (isinstance(value, float) and math.isnan(value)):
        return str(None if value != value else value).lower()   # NaN: a metric the actor has no value of
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


def _camps(net: Network, camps: int, names: dict[str, str], split: Any = None,
           numbers: dict[str, int] | None = None) -> tuple[list[list[str]], dict[str, int], dict[tuple[str, str], str]]:
    """The camps of the best split, each actor's camp, and why each pair under strain is strained.

    ``numbers`` (actor → camp number from 1, :func:`graph.analysis.camps.stable_numbers`) names the
    camps after an earlier split's; without it camp 1 is the largest.
    """
    if split is None:
        split = frustration_index(net, camps=camps)
    if numbers:
        factions = [sorted(a for a, n in numbers.items() if n == k) for k in range(1, max(numbers.values()) + 1)]
    else:
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
    values = [v for v in values if v == v]   # an actor without a value (NaN) sets no end of the scale
    return (min(values), max(values)) if values else (0.0, 0.0)


def _size(value: float, low: float, high: float) -> float:
    if value != value:   # no value (no tie in the metric's layer): the smallest size
        return 12.0
    return round(12 + 28 * (value - low) / (high - low) if high > low else 20, 2)


def _colour(actor, color_by: str, side: dict[str, int]) -> str:
    if color_by == "faction":
        return FACTION_COLOURS[side[actor.id] % len(FACTION_COLOURS)] if actor.id in side else _UNPLACED
    return KIND_STYLE[actor.kind][0]


def _nodes(dataset: Dataset, rows: dict[str, dict[str, Any]], size_by: str, scale: tuple[float, float],
           positions: dict[str, tuple[float, float]], color_by: str, side: dict[str, int],
           large: bool = False, swing: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One vis-network node per actor: shape by kind, colour by kind or camp, size by ``size_by``.

    With ``large`` (:data:`LARGE_GRAPH`) the name is a ``name`` rather than vis-network's ``label``:
    the page draws names itself, and only when zoomed in enough to read them. A swing actor
    (``swing``: actor to reason) gets a dashed border (:data:`SWING_DASHES`) and its reason at the
    end of its tooltip.
    """
    sources = dict(dataset.sources)
    swing = swing or {}
    nodes = []
    for actor in dataset.actors:
        x, y = positions[actor.id]
        title = _node_title(actor, rows[actor.id], sources)
        node = {
            "id": actor.id, "name" if large else "label": actor.name,
            "title": _with_swing(title, swing.get(actor.id)),
            "shape": KIND_STYLE[actor.kind][1], "color": {"background": _colour(actor, color_by, side), "border": "#333333"},
            "size": _size(rows[actor.id][size_by], *scale), "x": x, "y": y, "kind": actor.kind,
        }
        if actor.id in swing:
            node.update({"swing": True, "borderWidth": 3, "shapeProperties": {"borderDashes": SWING_DASHES}})
        nodes.append(node)
    return nodes


def _with_swing(title: str, reason: str | None) -> str:
    """A node tooltip with the swing reason last (its first lines, name and kind, stay as they are)."""
    return f"{title}\n\n{_wrap(reason)}" if reason else title


#: The dash pattern of a swing actor's border: it sits in either camp in some optimal split.
SWING_DASHES = [4, 3]


def _swing(net: Network, split: Any) -> dict[str, str]:
    """Each swing actor of the two-camp optima (graph.analysis.optima) with the reason its tooltip gives."""
    from ..analysis.balance import signed_ties
    from ..analysis.optima import optimal_splits

    optima = optimal_splits(signed_ties(net), reference=split.side, max_splits=256, time_limit=10.0)
    names = {a.id: a.name for a in net.actors}
    many = f"{'at least ' if optima.capped else ''}{optima.count}"
    return {a: (f"SWING: {names.get(a, a)} sits in the other camp in some of the {many} equally optimal splits: "
                "the data do not decide its camp.") for a in optima.swing}


def _strain_shadow() -> dict[str, Any]:
    return {"enabled": True, "color": _STRAIN, "size": 14, "x": 0, "y": 0}


#: The dash pattern of an ambivalent pair's relations: dotted, whatever their kind.
AMBIVALENT_DASHES = [2, 5]


def _ambivalent(net: Network) -> dict[tuple[str, str], str]:
    """Each ambivalent pair of a network with the reason its tooltip gives."""
    names = {a.id: a.name for a in net.actors}
    out = {}
    for a, b in net.signed.graph.get("ambivalent", ()):
        plus, minus = net.alignment[a][b]["weight"], net.tension[a][b]["weight"]
        out[(a, b)] = (f"AMBIVALENT: {names.get(a, a)} and {names.get(b, b)} have alignment {plus:.2f} and tension "
                       f"{minus:.2f}, too close to call: no net sign, so balance, camps and signed measures leave "
                       "the pair out.")
    return out


def _edges(dataset: Dataset, strained: dict[tuple[str, str], str], large: bool = False,
           ambivalent: dict[tuple[str, str], str] | None = None) -> list[dict[str, Any]]:
    """One vis-network edge per relation; several relations of a pair become separate curves.

    The relations of an ambivalent pair (``ambivalent``: pair to reason) are dotted
    (:data:`AMBIVALENT_DASHES`), keep their kind's colour, and say why in their tooltip.

    With ``large`` (:data:`LARGE_GRAPH`), an edge carries only what differs from the defaults of
    :func:`_options`: a straight line, an arrow or a dash only when it has one, its colour as one
    string (vis-network reads it as the same colour for line, highlight and hover), and a thinner
    width, from 0.5 to 1.5 instead of 1 to 6 (see :data:`LARGE_GRAPH` for why).
    """
    sources = dict(dataset.sources)
    names = {a.id: a.name for a in dataset.actors}
    ambivalent = ambivalent or {}
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
        torn = ambivalent.get(rel.pair)
        if torn:
            tip = _wrap(torn) + "\n\n" + tip
            extra["ambivalent"] = True
            dashed = AMBIVALENT_DASHES
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

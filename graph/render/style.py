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
from ..model import Dataset
from ..network import Model, Network, combine_records

__all__ = ["KIND_STYLE", "RELATION_STYLE", "FACTION_COLOURS", "LARGE_GRAPH", "AMBIVALENT_DASHES", "SWING_DASHES",
           "SELECTED_BORDER"]

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
    if type(value) is float and abs(value) < 1000:   # most values (NaN fails the test): a page formats 100,000s
        return f"{value:.3f}".rstrip("0").rstrip(".")
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



def _node_title(actor, row: dict[str, Any], sources: dict, camp: int | None = None) -> str:
    """A node's tooltip, short: name and id, kind (and camp, numbered from 1), its ties in one line.

    The side panel (graph/render/panel.py) has the rest: metrics with their rank, relations with
    evidence and sources, events. ``sources`` is no longer read; it stays for the callers.
    """
    lines = [f"{actor.name} ({actor.id})", f"kind: {actor.kind}" + (f"; camp {camp}" if camp is not None else "")]
    degree, plus, minus = (int(row[m]) if row.get(m) == row.get(m) else 0
                           for m in ("degree", "alignment_degree", "tension_degree"))
    lines.append(f"ties with {degree} actor{'s' if degree != 1 else ''}: aligned with {plus}, in tension with {minus}"
                 if degree else "no tie")
    lines.append("Click for details.")
    return "\n".join(lines)


#: At most this many relations are listed in a line's tooltip, and its evidence cut to this many characters.
_TIP_RELATIONS = 4
_TIP_EVIDENCE = 90


def _edge_title(rel, names: dict[str, str], sources: dict) -> str:
    """A line's tooltip, short: the pair, each relation's kind, domain, weight and confidence, and
    one line of evidence; the side panel has the rest.

    ``rel`` is a relation or the relations of one line (a pair, one or several kinds). ``sources``
    is no longer read; it stays for the callers.
    """
    rels = list(rel) if isinstance(rel, (list, tuple)) else [rel]
    first = rels[0]
    one_way = all(r.directed and (r.source, r.target) == (first.source, first.target) for r in rels)
    lines = [f"{names[first.source]} {'→' if one_way else '–'} {names[first.target]}"]
    for r in rels[:_TIP_RELATIONS]:
        way = f", {r.source} → {r.target}" if r.directed and not one_way else ""
        lines.append(f"{r.kind}, {r.domain}; weight {_fmt(r.weight)}; confidence {r.confidence}{way}")
    if len(rels) > _TIP_RELATIONS:
        lines.append(f"and {len(rels) - _TIP_RELATIONS} more")
    if len(rels) == 1 and first.evidence:
        said = first.evidence.split("\n", 1)[0]
        cut = said if len(said) <= _TIP_EVIDENCE and said == first.evidence else said[:_TIP_EVIDENCE - 1] + "…"
        lines.append(cut)   # at most a line and a half: the tooltip wraps it
    lines.append("Click the line for evidence, sources and the pair's story.")
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
        title = _node_title(actor, rows[actor.id], sources, camp=side[actor.id] + 1 if actor.id in side else None)
        node = {
            "id": actor.id, "name" if large else "label": actor.name,
            "title": _with_swing(title, swing.get(actor.id)),
            "shape": KIND_STYLE[actor.kind][1], "color": _node_colour(_colour(actor, color_by, side)),
            "size": _size(rows[actor.id][size_by], *scale), "x": x, "y": y, "kind": actor.kind,
        }
        if actor.id in swing:
            node.update({"swing": True, "borderWidth": 3, "shapeProperties": {"borderDashes": SWING_DASHES}})
        nodes.append(node)
    return nodes


#: The border of a selected actor: darker than the usual one; its fill stays its own colour.
SELECTED_BORDER = "#000000"
_BORDER = "#333333"


def _node_colour(background: str) -> dict[str, Any]:
    """A node's colours: vis-network fills a selected or hovered node with its highlight and hover
    colours (a light blue by default), so both are the node's own, and a selection only darkens
    the border: a focused actor keeps its kind's or its camp's colour.

    >>> _node_colour("#1b9e77")["highlight"]
    {'background': '#1b9e77', 'border': '#000000'}
    """
    return {"background": background, "border": _BORDER,
            "highlight": {"background": background, "border": SELECTED_BORDER},
            "hover": {"background": background, "border": _BORDER}}


def _with_swing(title: str, reason: str | None) -> str:
    """A node tooltip with the swing reason last (its first lines, name and kind, stay as they are)."""
    return f"{title}\n\n{_wrap(reason)}" if reason else title


#: The dash pattern of a swing actor's border: it sits in either camp in some optimal split.
SWING_DASHES = [4, 3]


def _swing(net: Network, split: Any) -> dict[str, str]:
    """Each swing actor of the two-camp optima (graph.analysis.optima) with the reason its tooltip gives."""
    from ..analysis.balance import signed_ties
    from ..analysis.optima import optimal_splits

    optima = optimal_splits(signed_ties(net), reference=split.side, max_splits=256)
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
                    "width": _width(rel.weight, large),
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
            "dashes": dashed, "width": _width(rel.weight, large), "smooth": curve,
            "arrows": {"to": {"enabled": rel.directed, "scaleFactor": 0.6}},
            "kind": rel.kind, "domain": rel.domain, "confidence": rel.confidence,
        })
    return edges


def _check_edges(edges: str) -> None:
    """Refuse a way of drawing relations that is not one of :data:`graph.choices.EDGE_MODES`."""
    from ..choices import EDGE_MODES
    from ..errors import OptionError

    if edges not in EDGE_MODES:
        raise OptionError(f"unknown {{edges}} '{edges}'; choose one of: {', '.join(EDGE_MODES)}",
                          parameters=("edges",))


def _drawn_edges(edges: str, dataset: Dataset, net: Network | Model, strained: dict[tuple[str, str], str],
                 large: bool = False, ambivalent: dict[tuple[str, str], str] | None = None) -> list[dict[str, Any]]:
    """The page's edges: one per pair and kind (``"pairs"``, :func:`_lines`) or one per relation
    (``"relations"``, :func:`_edges`). ``net`` gives the lines' weights (:func:`_line_weights`)."""
    if edges == "relations":
        return _edges(dataset, strained, large, ambivalent)
    return _lines(dataset, net, strained, large, ambivalent)


#: Where the two lines of a pair with both kinds bow, seen from the first actor of the pair to the
#: second: to opposite sides of the straight line between them, so that neither hides the other.
_APART = {"alignment": "curvedCCW", "tension": "curvedCW"}
_FLIP = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}
_APART_ROUNDNESS = 0.2
#: Line width from weight, ``base + per * weight``: 1 to 6 px, or 0.5 to 1.5 px on large pages.
_WIDTH = {False: (1, 5), True: (0.5, 1)}
#: A line's tooltip lists at most this many relations, strongest first (the side panel lists all).
_LISTED = 12


def _width(weight: float, large: bool) -> float:
    base, per = _WIDTH[large]
    return round(base + per * weight, 2)


def _line_id(a: str, b: str, kind: str) -> str:
    """The id of the line of pair ``a``–``b`` (sorted) and ``kind``: the three joined by ``|``.

    A ``|`` or ``\\`` in an id (the loader refuses both; a dataset built in code may hold them) is
    escaped, so two lines never share an id.

    >>> _line_id("AZE", "IRN", "tension")
    'AZE|IRN|tension'
    """
    if "|" in a or "|" in b or "\\" in a or "\\" in b:
        a, b = (x.replace("\\", "\\\\").replace("|", "\\|") for x in (a, b))
    return f"{a}|{b}|{kind}"


def _groups(dataset: Dataset) -> dict[tuple[str, str, str], list[Any]]:
    """The relations of each line, keyed by (sorted pair, kind), in id order; lines by pair, then kind."""
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for rel in sorted(dataset.relations, key=lambda r: (r.pair, r.kind, r.id)):
        groups.setdefault((*rel.pair, rel.kind), []).append(rel)
    return groups


def _direction(rels: list[Any]) -> tuple[str, str, bool, bool]:
    """A line's ``from`` and ``to``, and whether it has an arrow at ``to`` and at ``from``.

    Every relation directed the same way: one arrow, that way. Every relation directed, both ways:
    an arrow at each end. Any relation mutual (``between``): no arrow; the tooltip gives the
    direction of each directed one.
    """
    a, b = rels[0].pair
    if all(r.directed for r in rels):
        ways = {(r.source, r.target) for r in rels}
        if len(ways) == 1:
            (source, target), = ways
            return source, target, True, False
        return a, b, True, True
    return a, b, False, False


def _dates(rel: Any) -> str:
    if rel.since and rel.until:
        return f"{rel.since} to {rel.until}"
    if rel.since or rel.until:
        return f"since {rel.since}" if rel.since else f"until {rel.until}"
    return "no dates"


def _line_title(rels: list[Any], weight: float, names: dict[str, str],
                way: tuple[str, str, bool, bool] | None = None) -> str:
    """A line's tooltip: the pair and kind, the combined weight, then its relations one a line
    (``way``: the line's :func:`_direction`, when known)."""
    source, target, to, back = way or _direction(rels)
    arrow = "↔" if back else "→" if to else "–"
    one_way = to and not back
    lines = [f"{names.get(source, source)} {arrow} {names.get(target, target)}: {rels[0].kind}",
             f"weight {_fmt(weight)}" if len(rels) == 1 else
             f"combined weight {_fmt(weight)} of {len(rels)} relations"]
    for r in sorted(rels, key=lambda r: (-r.weight, r.domain, r.id))[:_LISTED]:
        way = f", {r.source} → {r.target}" if r.directed and not one_way else ""
        lines.append(f"- {r.domain} {_fmt(r.weight)}, {_dates(r)}{way}")
    if len(rels) > _LISTED:
        lines.append(f"… and {len(rels) - _LISTED} more")
    return "\n".join(lines)


def _line_weights(dataset: Dataset, net: Network | Model,
                  groups: dict[tuple[str, str, str], list[Any]] | None = None) -> dict[tuple[str, str, str], float]:
    """Each line's combined strength: its weight in the network's layer of its kind, or, given a
    (resolved) model, the dataset's relations combined by its rule as :mod:`graph.network` builds a
    layer (in the dataset's order, so the figure is the same to the last bit) without building one.

    A timeline page draws the relations of every period at once, a set no period may hold: its
    layers would be built for the lines alone.
    """
    if isinstance(net, Network):
        layers = {kind: net.layer(kind) for kind in RELATION_STYLE}
        return {key: layers[key[2]][key[0]][key[1]]["weight"] for key in groups or _groups(dataset)}
    records: dict[tuple[str, str, str], list[Any]] = {}
    for rel in dataset.relations:
        records.setdefault((*rel.pair, rel.kind), []).append(rel)
    return {key: rs[0].weight if len(rs) == 1 else combine_records(rs, net.combine) for key, rs in records.items()}


def _lines(dataset: Dataset, net: Network | Model, strained: dict[tuple[str, str], str], large: bool = False,
           ambivalent: dict[tuple[str, str], str] | None = None) -> list[dict[str, Any]]:
    """One vis-network edge per unordered pair and kind: the page's default drawing.

    A line's width follows the pair's combined strength in the network's layer of its kind
    (``net.alignment[a][b]["weight"]``, combined by the model's rule: :mod:`graph.network`), so the
    picture shows the weights the analysis reads (a model instead of a network: :func:`_line_weights`).
    When a pair has both an alignment and a tension
    line, the two bow to opposite sides (:data:`_APART`). Arrows: see :func:`_direction`. The lines
    of an ambivalent pair are dotted (:data:`AMBIVALENT_DASHES`), those of a pair under strain carry
    the orange halo, and both say why in their tooltip, as in :func:`_edges`.

    Besides vis-network's fields, a line carries ``kind``, ``relations`` (its relation ids, sorted),
    ``domains``, ``confidences`` and ``weights`` (those of each relation, in the same order: what
    the page's filters read) and ``weight`` (the combined strength). With ``large`` it leaves out
    what :func:`_options` sets by default, as :func:`_edges` does.

    Examples
    --------
    >>> from graph import load
    >>> from graph.network import network
    >>> net = network(load(), "2025-03-01")
    >>> lines = {e["id"]: e for e in _lines(net.dataset, net, {})}
    >>> line = lines["AZE|IRN|alignment"]
    >>> len(line["relations"]) > 1, line["weight"] == net.alignment["AZE"]["IRN"]["weight"]
    (True, True)
    """
    names = {a.id: a.name for a in dataset.actors}
    ambivalent = ambivalent or {}
    groups = _groups(dataset)
    weights = _line_weights(dataset, net, groups)
    edges = []
    for (a, b, kind), rels in groups.items():
        weight = weights[(a, b, kind)]
        colour, dashed = RELATION_STYLE[kind]
        way = source, target, to, back = _direction(rels)
        curve = None
        if (a, b, "alignment") in groups and (a, b, "tension") in groups:
            side = _APART[kind] if (source, target) == (a, b) else _FLIP[_APART[kind]]
            curve = {"enabled": True, "type": side, "roundness": _APART_ROUNDNESS}
        tip = _line_title(rels, weight, names, way)
        extra: dict[str, Any] = {}
        strain = strained.get((a, b))
        if strain:
            tip = _wrap(strain) + "\n\n" + tip
            extra = {"shadow": _strain_shadow(), "strained": True}
        torn = ambivalent.get((a, b))
        if torn:
            tip = _wrap(torn) + "\n\n" + tip
            extra["ambivalent"] = True
            dashed = AMBIVALENT_DASHES
        edge = {**extra, "id": _line_id(a, b, kind), "from": source, "to": target, "title": tip,
                "width": _width(weight, large), "kind": kind, "weight": weight,
                "relations": [r.id for r in rels], "domains": [r.domain for r in rels],
                "confidences": [r.confidence for r in rels], "weights": [r.weight for r in rels]}
        if large:
            edge["color"] = colour
            edge.update({"dashes": dashed} if dashed else {})
            edge.update({"smooth": curve} if curve else {})
            edge.update({"arrows": "to, from" if back else "to"} if to else {})
        else:
            arrow = {"enabled": True, "scaleFactor": 0.6}
            edge.update({"color": {"color": colour, "highlight": colour, "hover": colour}, "dashes": dashed,
                         "smooth": curve or {"enabled": False},
                         "arrows": {"to": {**arrow, "enabled": to}, **({"from": arrow} if back else {})}})
        edges.append(edge)
    return edges


def _line_counts(dataset: Dataset) -> dict[str, int]:
    """How many lines of each kind :func:`_lines` draws: the pairs with a relation of that kind."""
    return {k: len({r.pair for r in dataset.relations if r.kind == k}) for k in RELATION_STYLE}


def _by_edge(edges: str, dataset: Dataset, reasons: dict[tuple[str, str], str]) -> dict[str, str]:
    """Each drawn edge of a pair in ``reasons`` (pair to text) with its reason, wrapped for a tooltip."""
    if edges == "relations":
        return {r.id: _wrap(reasons[r.pair]) for r in dataset.relations if r.pair in reasons}
    return {_line_id(a, b, k): _wrap(reasons[(a, b)]) for a, b, k in _groups(dataset) if (a, b) in reasons}


def _period_lines(dataset: Dataset, net: Network, sizes: dict[tuple[str, str, str], int],
                  large: bool = False) -> dict[str, dict[str, Any]]:
    """The lines of one period that hold only some of their relations (``sizes``: how many each
    holds over the whole range), each with the width and tooltip of those in force in the period.

    A timeline page keeps every other line's own width and tooltip, so a period carries only these.
    """
    names = {a.id: a.name for a in dataset.actors}
    out = {}
    for (a, b, kind), rels in _groups(dataset).items():
        if len(rels) < sizes[(a, b, kind)]:
            weight = net.layer(kind)[a][b]["weight"]
            out[_line_id(a, b, kind)] = {"width": _width(weight, large), "title": _line_title(rels, weight, names)}
    return out


def _line_data(edges: str, net: Network, large: bool) -> dict[str, Any]:
    """What the page needs to redraw a line from the relations a filter leaves (``DATA.lines``):
    the model's combining rule and the width's ``[base, per]``; nothing when drawing relations."""
    if edges == "relations":
        return {}
    return {"lines": {"combine": net.model.combine, "width": list(_WIDTH[large])}}


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

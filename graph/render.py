"""The interactive HTML graph: one self-contained, offline, deterministic page.

pyvis supplies vis-network 9.1.2 (its vendored copy, inlined into the page). The page comes from
geograph's own template rather than pyvis's, because pyvis's template loads Bootstrap from a CDN
even in ``in_line`` mode (pyvis #229), does not escape the heading, switches to an ``innerHTML``
popup when a tooltip contains ``href``, and ``write_html`` may write a ``lib/`` folder next to the
output (pyvis #174). Every text from the data reaches the page as JSON inside a script (``<``,
``>``, ``&`` and ``'`` escaped) and is shown by vis-network as text, never parsed as HTML.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._io import atomic_write
from .analysis.centrality import METRICS, centrality
from .errors import OptionError
from .model import ACTOR_KINDS, Dataset
from .network import layer, snapshot

__all__ = ["render_html", "write_html", "inline", "InlineHTML", "KIND_STYLE", "RELATION_STYLE", "FACTION_COLOURS"]

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
_COLOR_BY = ("kind", "faction")
#: Camp colours for ``color_by="faction"`` (ColorBrewer Dark2); actors with no signed tie are grey.
FACTION_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")
_UNPLACED = "#cccccc"
_STRAIN = "#ff9800"
_WRAP = 70


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
        return "; ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    return str(value)


def _wrap(text: str, indent: str = "") -> str:
    return "\n".join(textwrap.wrap(text, _WRAP, initial_indent=indent, subsequent_indent=indent or "")) or text


def _layout(dataset: Dataset, seed: int) -> dict[str, tuple[float, float]]:
    """Seeded force layout: alignment pulls hard, tension barely, so allies sit closer.

    Actors with no relation in the snapshot are set in a row under the drawing instead of being
    flung to the edges by the force model (which would crush everything else into the middle).
    """
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted(a.id for a in dataset.actors))
    for a, b, d in sorted(layer(dataset, "tension").edges(data=True)):
        g.add_edge(a, b, pull=0.05 * d["weight"])
    for a, b, d in sorted(layer(dataset, "alignment").edges(data=True)):
        g.add_edge(a, b, pull=d["weight"] + g.get_edge_data(a, b, {"pull": 0})["pull"])
    linked = sorted(n for n in g if g.degree(n) > 0)
    alone = sorted(n for n in g if g.degree(n) == 0)
    positions: dict[str, tuple[float, float]] = {}
    if linked:
        core = g.subgraph(linked)
        k = 2.0 / math.sqrt(len(linked))
        pos = nx.spring_layout(core, weight="pull", seed=seed, iterations=500, k=k, scale=500)
        positions = {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}
    bottom = max((y for _, y in positions.values()), default=0.0) + 150
    per_row = max(1, int(math.ceil(math.sqrt(len(alone) * 3))))
    for i, n in enumerate(alone):
        row, col = divmod(i, per_row)
        positions[n] = (round(-500 + col * 1000 / max(1, per_row - 1 or 1), 1), round(bottom + 90 * row, 1))
    return positions


def _node_title(actor, row: dict[str, Any], sources: dict) -> str:
    lines = [f"{actor.name} ({actor.id})", f"kind: {actor.kind}"]
    if actor.tags:
        lines.append(_wrap("tags: " + ", ".join(actor.tags)))
    lines.append("")
    lines += [f"{m.name}: {_fmt(row[m.name])}" for m in METRICS]
    if actor.attributes:
        lines.append("")
        lines += [_wrap(f"{k}: {_fmt(v)}") for k, v in actor.attributes.items()]
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
        lines += [_wrap(f"{k}: {_fmt(v)}") for k, v in rel.attributes.items()]
    lines += ["", "Sources:"] + [_wrap(f"- {sources[s].label}" if s in sources else f"- {s}")
                                 for s in rel.sources]
    return "\n".join(lines)


def render_html(dataset: Dataset, at: str | _dt.date | None = None, *, size_by: str = "alignment_strength",
                color_by: str = "kind", title: str | None = None, seed: int = 7,
                height: str = "780px", camps: int = 2) -> str:
    """The dataset's graph as one self-contained HTML page (vis-network inlined, no network access).

    Parameters
    ----------
    dataset : Dataset
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
    without a settling phase and looks the same every time.

    Examples
    --------
    >>> from graph import load
    >>> page = render_html(load(), at="2025-03-01")
    >>> page.startswith("<!DOCTYPE html>") and "<script src" not in page and "<link" not in page
    True
    """
    names_ok = {m.name for m in METRICS}
    if size_by not in names_ok:
        raise OptionError(f"unknown metric '{size_by}' for --size-by; choose one of: {', '.join(sorted(names_ok))}")
    if color_by not in _COLOR_BY:
        raise OptionError(f"unknown --color-by '{color_by}'; choose one of: {', '.join(_COLOR_BY)}")
    snap = snapshot(dataset, at) if at is not None or dataset.at is None else dataset
    report = centrality(snap)
    rows = report.to_dict(orient="index")
    positions = _layout(snap, seed)
    sources = dict(snap.sources)
    names = {a.id: a.name for a in snap.actors}

    side: dict[str, int] = {}
    strained: dict[tuple[str, str], str] = {}
    factions: list[list[str]] = []
    if color_by == "faction":
        from .analysis.balance import frustration

        split = frustration(snap, camps=camps)
        factions = split.factions
        side = {a: k for k, group in enumerate(factions) for a in group}
        for t in split.frustrated:
            a_name, b_name = names[t.source], names[t.target]
            if t.sign > 0:
                why = (f"UNDER STRAIN: {a_name} and {b_name} are aligned on balance, yet the best split puts them "
                       f"in opposite camps ({side[t.source] + 1} and {side[t.target] + 1}).")
            else:
                why = (f"UNDER STRAIN: {a_name} and {b_name} are in tension on balance, yet the best split puts "
                       f"both in camp {side[t.source] + 1}.")
            strained[(t.source, t.target)] = why

    values = [rows[a.id][size_by] for a in snap.actors]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    nodes = []
    for actor in snap.actors:
        colour, shape = KIND_STYLE[actor.kind]
        if color_by == "faction":
            colour = FACTION_COLOURS[side[actor.id] % len(FACTION_COLOURS)] if actor.id in side else _UNPLACED
        v = rows[actor.id][size_by]
        size = 12 + 28 * (v - low) / (high - low) if high > low else 20
        x, y = positions[actor.id]
        nodes.append({
            "id": actor.id, "label": actor.name, "title": _node_title(actor, rows[actor.id], sources),
            "shape": shape, "color": {"background": colour, "border": "#333333"},
            "size": round(size, 2), "x": x, "y": y, "kind": actor.kind,
        })

    edges = []
    seen: dict[tuple[str, str], int] = {}
    for rel in sorted(snap.relations, key=lambda r: (r.pair, r.kind, r.domain, r.id)):
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
            extra = {"shadow": {"enabled": True, "color": _STRAIN, "size": 14, "x": 0, "y": 0}, "strained": True}
        edges.append({
            **extra,
            "id": rel.id, "from": rel.source, "to": rel.target, "title": tip,
            "color": {"color": colour, "highlight": colour, "hover": colour},
            "dashes": dashed, "width": round(1 + 5 * rel.weight, 2), "smooth": curve,
            "arrows": {"to": {"enabled": rel.directed, "scaleFactor": 0.6}},
            "kind": rel.kind, "domain": rel.domain, "confidence": rel.confidence,
        })

    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False}, "multiselect": True},
        "nodes": {"font": {"size": 15, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {"selectionWidth": 2},
        "layout": {"randomSeed": seed, "improvedLayout": False},
    }
    kinds_present = [k for k in ACTOR_KINDS if any(a.kind == k for a in snap.actors)]
    counts = {k: sum(r.kind == k for r in snap.relations) for k in RELATION_STYLE}
    when = snap.at.isoformat() if snap.at else "all dates"
    page_title = title if title is not None else (dataset.title or "geograph")
    legend = {
        "kinds": [{"name": k, "colour": KIND_STYLE[k][0] if color_by == "kind" else "#ffffff",
                   "shape": KIND_STYLE[k][1]} for k in kinds_present],
        "relations": [{"name": k, "colour": c, "dashed": d, "count": counts[k]} for k, (c, d) in RELATION_STYLE.items()],
        "size_by": size_by,
        "factions": [{"name": f"Camp {k + 1}", "colour": FACTION_COLOURS[k % len(FACTION_COLOURS)],
                      "count": len(group)} for k, group in enumerate(factions)],
        "strained": len(strained) if color_by == "faction" else None,
        "size_range": f"{_fmt(low)} to {_fmt(high)}",
        "at": when,
    }
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("graph", "templates"), autoescape=select_autoescape(default=True),
                      keep_trailing_newline=True)
    vis_js, vis_css = _vis_assets()
    page = env.get_template("page.html").render(
        csp=_CSP, title=page_title, legend=legend,
        subtitle=f"Snapshot on {when}: {len(nodes)} actors, {len(edges)} relations",
        description=dataset.description, vis_js=vis_js, vis_css=vis_css,
        data=_script_json({"nodes": nodes, "edges": edges, "options": options}),
        height=height,
    )
    return page


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

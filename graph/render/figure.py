"""One snapshot as a static figure (SVG, PNG or PDF) for papers and slides, drawn as the page draws it.

The figure draws from :func:`graph.render.scene.snapshot_scene`, as the page does: the same positions,
shapes, colours, sizes, line styles and legend. matplotlib is an optional dependency
(``pip install 'geograph[plot]'``), imported only when a figure is drawn.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import OptionError
from ..files import atomic_write
from ..choices import FIGURE_FORMATS
from ..model import Dataset
from ..network import Network
from .scene import Scene, snapshot_scene
from .style import AMBIVALENT_DASHES, _STRAIN

__all__ = ["FIGURE_FORMATS", "render_figure", "figure_bytes"]

#: Above this many actors names are left out: thousands of names hide one another and the graph.
_NAMED = 150
_CREATOR = "geograph"


def render_figure(dataset: Dataset | Network, path: str | Path, at: str | _dt.date | None = None, *,
                  format: str | None = None, size_by: str = "alignment_strength", color_by: str = "kind",
                  camps: int = 2, title: str | None = None, seed: int = 7,
                  positions: Mapping[str, tuple[float, float]] | None = None, dpi: int = 200,
                  size: tuple[float, float] = (10.0, 7.0), edges: str = "pairs") -> Path:
    """Write one snapshot as a static figure, with the page's positions, styles, title and legend.

    Parameters
    ----------
    dataset : Dataset or Network
    path : str or Path
        The file to write (atomically).
    at : date or text, optional
        Snapshot day, as for :func:`graph.render.render_html`.
    format : {"svg", "png", "pdf"}, optional
        Default: from the suffix of ``path``.
    size_by, color_by, camps, seed, edges
        As for :func:`graph.render.render_html`: the figure shows what that page shows.
    title : str, optional
        Default: the dataset's title.
    positions : mapping, optional
        Kept positions (:func:`graph.positions.read_positions`), as for
        :func:`graph.render.scene.snapshot_scene`.
    dpi : int
        Resolution of a PNG (SVG and PDF are vectors).
    size : (float, float)
        Width and height in inches.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OptionError
        When the format is unknown or matplotlib is not installed.

    Notes
    -----
    Nodes are drawn in the page's coordinates (y grows downwards, as on screen), so shapes and sizes
    keep the page's proportions; line widths and label sizes follow the same scale. The same input
    gives the same bytes: SVG and PDF carry no date and a fixed hash salt, PNG no software version.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graph import load
    >>> out = render_figure(load(), pathlib.Path(tempfile.mkdtemp()) / "caucasus.svg", "2025-03-01")
    >>> out.read_text()[:5], "Snapshot on 2025-03-01" in out.read_text()
    ('<?xml', True)
    """
    path = Path(path)
    fmt = _format(format, path)
    scene = snapshot_scene(dataset, at, size_by=size_by, color_by=color_by, seed=seed, camps=camps,
                           positions=positions, edges=edges)
    return atomic_write(path, figure_bytes(scene, fmt, title=title, dpi=dpi, size=size))


def figure_bytes(scene: Scene, fmt: str, *, title: str | None = None, dpi: int = 200,
                 size: tuple[float, float] = (10.0, 7.0)) -> bytes:
    """The figure of a :class:`~graph.render.scene.Scene` as the bytes of an SVG, PNG or PDF file.

    Examples
    --------
    >>> from graph import load
    >>> figure_bytes(snapshot_scene(load(), "2025-03-01"), "png")[:4]
    b'\\x89PNG'
    """
    if fmt not in FIGURE_FORMATS:
        raise OptionError(f"unknown figure format '{fmt}'; choose one of: {', '.join(FIGURE_FORMATS)}",
                          parameters=("format",))
    mpl = _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # SVG text stays text (selectable, editable in a report); PDF embeds TrueType fonts
    with mpl.rc_context({"svg.hashsalt": _CREATOR, "svg.fonttype": "none", "pdf.fonttype": 42,
                         "font.family": "DejaVu Sans", "path.simplify": False}):
        fig = Figure(figsize=size)
        FigureCanvasAgg(fig)  # a canvas of our own: no pyplot, no global figure manager, no backend switch
        _draw(fig, scene, title if title is not None else (scene.net.whole.title or "geograph"))
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_metadata(fmt), facecolor="white")
    return buffer.getvalue()


def _format(fmt: str | None, path: Path) -> str:
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FIGURE_FORMATS:
        raise OptionError(f"unknown figure format '{fmt or path.name}'; choose one of: {', '.join(FIGURE_FORMATS)}. "
                          "Hint: name the file .svg, .png or .pdf, or give the format.", parameters=("format",))
    return fmt


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise OptionError("a static figure needs matplotlib. Hint: pip install 'geograph[plot]'.") from None
    return matplotlib


def _metadata(fmt: str) -> dict[str, Any]:
    """File metadata without a date or a version, so the same figure gives the same bytes."""
    if fmt == "png":
        return {"Software": None}
    if fmt == "pdf":
        return {"Creator": _CREATOR, "Producer": _CREATOR, "CreationDate": None, "ModDate": None}
    return {"Creator": _CREATOR, "Date": None, "Format": None, "Type": None}


# Layout of the figure, as fractions of its width and height.
_GRAPH_BOX = (0.02, 0.03, 0.72, 0.84)
_LEGEND_LEFT = 0.755


def _draw(fig: Any, scene: Scene, title: str) -> None:
    fig.text(0.02, 0.975, _wrapped(title, 80), fontsize=14, fontweight="bold", va="top", parse_math=False)
    fig.text(0.02, 0.975 - 0.035 * (1 + _wrapped(title, 80).count("\n")), scene.subtitle, fontsize=10,
             color="#555555", va="top", parse_math=False)
    ax = fig.add_axes(_GRAPH_BOX)
    ax.set_axis_off()
    nodes = {n["id"]: n for n in scene.nodes}
    _fit(ax, nodes, pad=0)
    scale = _points_per_unit(ax)
    names = len(nodes) <= _NAMED
    font = min(10.0, max(7.0, 15 * scale)) if names else 0.0
    # labels sit under the nodes: leave them room, then measure again
    _fit(ax, nodes, pad=(2.2 * font / scale) if names else 0, font=font / scale if names else 0)
    scale = _points_per_unit(ax)
    for edge in scene.edges:
        if edge["from"] in nodes and edge["to"] in nodes:
            _edge(ax, edge, nodes[edge["from"]], nodes[edge["to"]], scale)
    for node in nodes.values():
        _node(ax, node, scale)
        if names:
            ax.text(node["x"], node["y"] + node["size"] + 2, _name(node), fontsize=font, ha="center", va="top",
                    color="#343434", parse_math=False, zorder=4, clip_on=False)
    _legend(fig, scene.legend)


def _wrapped(text: str, width: int, lines: int = 3) -> str:
    return "\n".join(textwrap.wrap(text, width)[:lines]) or " "


def _name(node: Mapping[str, Any]) -> str:
    return str(node.get("label", node.get("name", node["id"])))


def _fit(ax: Any, nodes: Mapping[str, Mapping[str, Any]], pad: float, font: float = 0.0) -> None:
    """Limits around every node (its size, and ``pad`` below for its name, ``font`` page pixels high),
    y downwards as on the page, widened along one axis so that a pixel is as long across as down."""
    from ..layout import label_width

    if not nodes:
        ax.set_xlim(-1, 1)
        ax.set_ylim(1, -1)
        return
    # a name wider than its node reaches past it on both sides
    half = {k: max(n["size"], label_width(_name(n), font) / 2 if font else 0.0) for k, n in nodes.items()}
    low_x = min(n["x"] - half[k] for k, n in nodes.items())
    high_x = max(n["x"] + half[k] for k, n in nodes.items())
    low_y = min(n["y"] - n["size"] for n in nodes.values())
    high_y = max(n["y"] + n["size"] + pad for n in nodes.values())
    # room at the sides for names wider than their node
    margin = max(20.0, 0.05 * max(high_x - low_x, high_y - low_y))
    low_x, high_x, low_y, high_y = low_x - 2 * margin, high_x + 2 * margin, low_y - margin / 2, high_y + margin / 2
    box = ax.get_position()
    ratio = (box.height * ax.figure.get_figheight()) / (box.width * ax.figure.get_figwidth())
    width, height = high_x - low_x, high_y - low_y
    if height / width < ratio:
        grow = (width * ratio - height) / 2
        low_y, high_y = low_y - grow, high_y + grow
    else:
        grow = (height / ratio - width) / 2
        low_x, high_x = low_x - grow, high_x + grow
    ax.set_xlim(low_x, high_x)
    ax.set_ylim(high_y, low_y)


def _points_per_unit(ax: Any) -> float:
    """Typographic points per page pixel once the axes are fitted: line widths and labels keep the page's proportions."""
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72
    low, high = ax.get_xlim()
    return width_pt / abs(high - low)


def _shape(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    """The outline of a vis-network shape of size ``r`` at (x, y), in page coordinates (y down),
    as vis-network 9 draws it (its ``ctx.triangle``, ``ctx.star`` … in shapes.js)."""
    if shape == "square":
        return [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    if shape == "diamond":
        return [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    if shape == "hexagon":
        return [(x + r * math.cos(k * math.pi / 3), y + r * math.sin(k * math.pi / 3)) for k in range(6)]
    if shape in ("triangle", "triangleDown"):
        s = 2 * r
        inner, height = math.sqrt(3) / 6 * s, math.sqrt(s * s - r * r)
        flip = 1 if shape == "triangle" else -1
        return [(x, y - flip * (height - inner)), (x + r, y + flip * inner), (x - r, y + flip * inner)]
    if shape == "star":
        r, y = r * 0.82, y + 0.1 * r * 0.82
        return [(x + (r * 1.3 if k % 2 == 0 else r * 0.5) * math.sin(k * math.pi / 5),
                 y - (r * 1.3 if k % 2 == 0 else r * 0.5) * math.cos(k * math.pi / 5)) for k in range(10)]
    return []  # dot (and any shape not listed): a circle


def _node(ax: Any, node: Mapping[str, Any], scale: float) -> None:
    from matplotlib.patches import Circle, Polygon

    colour = node.get("color", {})
    face = colour.get("background", "#97c2fc") if isinstance(colour, Mapping) else colour
    border = colour.get("border", "#333333") if isinstance(colour, Mapping) else "#333333"
    dashed = bool(node.get("shapeProperties", {}).get("borderDashes"))
    style = {"facecolor": face, "edgecolor": border, "linewidth": max(0.4, node.get("borderWidth", 1) * scale),
             "linestyle": (0, (3, 2)) if dashed else "solid", "zorder": 3, "gid": f"actor-{node['id']}"}
    outline = _shape(node.get("shape", "dot"), node["x"], node["y"], node["size"])
    ax.add_patch(Polygon(outline, closed=True, **style) if outline else
                 Circle((node["x"], node["y"]), node["size"], **style))


def _edge(ax: Any, edge: Mapping[str, Any], a: Mapping[str, Any], b: Mapping[str, Any], scale: float) -> None:
    from matplotlib.patches import FancyArrowPatch

    colour = edge["color"]["color"] if isinstance(edge.get("color"), Mapping) else edge.get("color", "#848484")
    width = max(0.35, float(edge.get("width", 1)) * scale)
    smooth = edge.get("smooth") or {}
    bend = float(smooth.get("roundness", 0)) if isinstance(smooth, Mapping) and smooth.get("enabled") else 0.0
    bend = -bend if isinstance(smooth, Mapping) and smooth.get("type") == "curvedCW" else bend
    arrows = edge.get("arrows")
    directed = arrows == "to" or (isinstance(arrows, Mapping) and arrows.get("to", {}).get("enabled"))
    dashes = edge.get("dashes")
    line = ((0, (1, 2)) if dashes == AMBIVALENT_DASHES else (0, (4, 2.5)) if dashes else "solid")
    common = {"connectionstyle": f"arc3,rad={bend}", "shrinkA": a["size"] * scale, "shrinkB": b["size"] * scale}
    if edge.get("shadow", {}).get("enabled"):
        # the page's orange halo of a tie under strain: a wide, pale line under the line itself
        ax.add_patch(FancyArrowPatch((a["x"], a["y"]), (b["x"], b["y"]), arrowstyle="-", color=_STRAIN, alpha=0.35,
                                     linewidth=width + 6 * scale + 1.5, zorder=1, capstyle="round", **common))
    # vis-network's arrow head: about scaleFactor * (15 + 5 * width) pixels long (scaleFactor 0.6, graph.render.style)
    head = max(3.0, 0.6 * (15 + 5 * float(edge.get("width", 1))) * scale)
    style = f"-|>,head_length={head:.2f},head_width={head / 2.5:.2f}" if directed else "-"
    ax.add_patch(FancyArrowPatch((a["x"], a["y"]), (b["x"], b["y"]), arrowstyle=style, color=colour, linewidth=width,
                                 linestyle=line, zorder=2, **common))


def _legend(fig: Any, legend: Mapping[str, Any]) -> None:
    """The page's legend, in the same order: camps, actor kinds, relations, then notes on the scale."""
    from matplotlib.lines import Line2D
    from matplotlib.path import Path as MPath

    handles, labels = [], []

    def add(handle: Any, label: str) -> None:
        handles.append(handle)
        labels.append(label)

    def heading(text: str) -> None:
        add(Line2D([], [], linestyle="none"), text)

    if legend.get("factions"):
        heading("Camps (best split)")
        for f in legend["factions"]:
            add(Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor=f["colour"],
                       markeredgecolor="#333333"), f"{f['name']} ({f['count']} actors)")
        add(Line2D([], [], color=_STRAIN, linewidth=5, alpha=0.6), f"under strain ({legend.get('strained', 0)})")
        if legend.get("swing") is not None:
            add(Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor="white",
                       markeredgecolor="#333333", markeredgewidth=1.5), f"swing actor, dashed ({legend['swing']})")
    if legend.get("kinds"):
        heading("Actors")
        for k in legend["kinds"]:
            outline = _shape(k["shape"], 0, 0, 1)
            # markers are drawn with y up: flip the page's outline
            marker = MPath([(x, -y) for x, y in outline] + [outline[0]], closed=True) if outline else "o"
            add(Line2D([], [], linestyle="none", marker=marker, markersize=9, markerfacecolor=k["colour"],
                       markeredgecolor="#333333"), f"{k['name']}")
    heading("Relations")
    for r in legend.get("relations", []):
        add(Line2D([], [], color=r["colour"], linewidth=2, linestyle=(0, (4, 2.5)) if r["dashed"] else "solid"),
            f"{r['name']} ({r['count']})")
    add(Line2D([], [], color="#555555", linewidth=2, linestyle=(0, (1, 2))),
        f"ambivalent pair ({legend.get('ambivalent', 0)})")
    box = fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(_LEGEND_LEFT, 0.87), frameon=False,
                     fontsize=8.5, handlelength=2.4, borderaxespad=0, labelspacing=0.55)
    for text, label in zip(box.get_texts(), labels):
        text.set_parse_math(False)
        if label in ("Camps (best split)", "Actors", "Relations"):
            text.set_fontweight("bold")
    notes = [f"Node size: {legend.get('size_by', '')}, {legend.get('size_range', '')}",
             "Line width grows with weight; arrows mark directed relations.", f"Snapshot: {legend.get('at', '')}"]
    if legend.get("model"):
        notes.append(legend["model"] + ".")
    fig.text(_LEGEND_LEFT, 0.03, "\n".join(_wrapped(n, 44, 6) for n in notes), fontsize=7, color="#555555", va="bottom",
             parse_math=False, linespacing=1.35)

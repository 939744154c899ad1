"""One snapshot as one self-contained page: checks, legend, controls, the template and Jupyter.

The page comes from geograph's own template (graph/templates/page.html); every text from the data
reaches it through autoescaping or :func:`_script_json`.
"""

from __future__ import annotations

import base64
import datetime as _dt
import gzip
import html as _html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..files import atomic_write
from ..rules import WEB_URL
from ..model import ACTOR_KINDS, Dataset
from ..network import Network, gc_paused
from .scene import snapshot_scene
from .style import _NAMES, _is_large, _line_data

__all__ = ["render_html", "write_html", "inline", "InlineHTML"]

_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:")


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


def _controls(dataset: Dataset) -> dict[str, Any]:
    """What the page's search and filters offer: actors by name, and the kinds, domains and
    confidence levels present (every value from the closed sets of the model, never free text)."""
    from ..model import CONFIDENCE, DOMAINS, RELATION_KINDS

    def present(values: tuple[str, ...], field: str) -> list[str]:
        found = {getattr(r, field) for r in dataset.relations}   # one pass, not one per value
        return [v for v in values if v in found]

    return {
        "actors": sorted((f"{a.name} ({a.id})" for a in dataset.actors), key=str.lower),
        "relation_kinds": present(RELATION_KINDS, "kind"),
        "domains": present(DOMAINS, "domain"),
        "actor_kinds": [k for k in ACTOR_KINDS if any(a.kind == k for a in dataset.actors)],
        "confidence": present(CONFIDENCE, "confidence"),
    }


def _page(dataset: Dataset, *, title: str | None, legend: dict[str, Any], subtitle: str, data: dict[str, Any],
          height: str, timeline: dict[str, Any] | None = None, drawn: Dataset | None = None) -> str:
    """Fill the template: every text from the data goes through autoescaping or :func:`_script_json`.

    ``dataset`` gives the title, description and sources; ``drawn`` (default: the same) the actors
    and relations the search and filters offer: only those on the page.
    """
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
        height=height, timeline=timeline, controls=_controls(drawn or dataset), sources=_source_list(dataset),
    )


def _source_list(dataset: Dataset) -> list[dict[str, str]]:
    """The sources for the legend: a link only for an http(s) address that the loader would accept
    (a dataset built in code may hold any url: ``javascript:`` and the like are shown as text)."""
    return [{"label": s.label, "url": s.url, "href": s.url if WEB_URL.match(s.url) else ""}
            for _, s in sorted(dataset.sources.items())]


def render_html(dataset: Dataset | Network, at: str | _dt.date | None = None, *, size_by: str = "alignment_strength",
                color_by: str = "kind", title: str | None = None, seed: int = 7,
                height: str = "780px", camps: int = 2,
                progress: Callable[[int, int], None] | None = None,
                positions: Mapping[str, tuple[float, float]] | None = None, edges: str = "pairs",
                layout: str = "signed", exact: bool | None = None) -> str:
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
    edges : {"pairs", "relations"}
        ``pairs`` (the default) draws one line per pair of actors and kind, its width the pair's
        combined strength in that layer (the weight the analysis reads, combined by the model's
        rule), its tooltip listing the relations; ``relations`` draws every relation as its own
        line, several relations of one pair as separate curves.
    layout : {"signed", "geo"}
        Where actors are drawn: the sign-aware layout (:func:`graph.layout.signed_layout`), or a
        world map (:func:`graph.geo.geo_layout`: states at their capitals, over the countries).
    progress : callable, optional
        Called as ``progress(done, total)`` before the first of four stages (``done`` 0) and after
        each: the metrics, the layout, the nodes and edges, the page. On thousands of actors the
        metrics take seconds.
    positions : mapping, optional
        A saved layout (:func:`graph.positions.read_positions`): its actors are drawn where it puts
        them, the others around them (:func:`graph.positions.keep_positions`).
    exact : bool, optional
        How the side panel's betweenness and closeness are computed. Default: exactly up to
        :data:`graph.render.PAGE_EXACT_ACTORS` actors, above that estimated from
        :data:`graph.render.PAGE_SOURCES` sources in each connected part of the alignment layer,
        the panel saying so with the error bound (:func:`graph.centrality` with ``sample``).
        ``True``: exactly at any size (seconds more per thousand actors); ``False``: estimated.

    Returns
    -------
    str
        The page. Write it with :func:`write_html`, or show it in Jupyter with :func:`inline`.

    Notes
    -----
    Alignment is drawn green and solid, tension red and dashed, with width growing with weight.
    With ``edges="pairs"`` a pair with both kinds has two lines, bowed to opposite sides; a line
    has an arrow when all its relations are directed the same way (one at each end when they are
    all directed, both ways; none when one is mutual); a filter shows a line while one of its
    relations passes, its width recombined from those (``DATA.lines`` gives the rule). Each line
    carries its ``relations`` (sorted ids). With ``edges="relations"`` directed relations carry an
    arrow and several relations of one pair are drawn as separate curves; edge tooltips give the
    domain, weight, dates, evidence and sources. Node tooltips list every metric. Physics is off:
    positions come from a seeded layout in Python, so the page opens without a settling phase and
    looks the same every time. Above :data:`LARGE_GRAPH` actors the
    page draws in large-graph mode: compressed data, names only when zoomed in, thin straight lines.

    Examples
    --------
    >>> from graph import load
    >>> page = render_html(load(), at="2025-03-01")
    >>> page.startswith("<!DOCTYPE html>") and "<script src" not in page and "<link" not in page
    True
    """
    with gc_paused():  # the page's containers hold no cycles; collections would walk the dataset again and again
        scene = snapshot_scene(dataset, at, size_by=size_by, color_by=color_by, seed=seed, camps=camps,
                               progress=progress, positions=positions, edges=edges, layout=layout, exact=exact)
        data = {"nodes": scene.nodes, "edges": scene.edges, "options": scene.options,
                **_line_data(edges, scene.net, _is_large(len(scene.nodes))), "panel": scene.panel}
        if scene.map is not None:
            data["map"] = scene.map
        page = _page(scene.net.whole, drawn=scene.net.dataset, title=title, legend=scene.legend, height=height,
                     subtitle=scene.subtitle, data=data)
        done = scene.progress
        # freed while the collector still sleeps: it would otherwise walk them all once it wakes
        del scene, data
    done(4, 4)
    return page


def write_html(dataset: Dataset | Network, path: str | Path, at: str | _dt.date | None = None, **options: Any) -> Path:
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

"""The interactive HTML graph: one self-contained, offline, deterministic page.

pyvis supplies vis-network 9.1.2 (its vendored copy, inlined into the page). The page comes from
geograph's own template rather than pyvis's, because pyvis's template loads Bootstrap from a CDN
even in ``in_line`` mode (pyvis #229), does not escape the heading, switches to an ``innerHTML``
popup when a tooltip contains ``href``, and ``write_html`` may write a ``lib/`` folder next to the
output (pyvis #174). Every text from the data reaches the page as JSON inside a script (``<``,
``>``, ``&`` and ``'`` escaped) and is shown by vis-network as text, never parsed as HTML.

:func:`render_html` draws one snapshot; :func:`render_timeline_html` draws a range of periods on
one page with a slider and a play button. Both build their nodes, edges, legend and page with the
same helpers (:mod:`graph.render.style`), so both draw actors and relations the same way and give
the same tooltips. :mod:`graph.render.page` assembles a page, :mod:`graph.render.timeline` the
time-slider page.
"""

from ..choices import COLOR_BY
from .page import InlineHTML, inline, render_html, write_html
from .scene import PAGE_EXACT_ACTORS, PAGE_SOURCES
from .style import FACTION_COLOURS, KIND_STYLE, LARGE_GRAPH, RELATION_STYLE
from .timeline import render_timeline_html, write_timeline_html

__all__ = ["render_html", "write_html", "render_timeline_html", "write_timeline_html", "inline", "InlineHTML",
           "KIND_STYLE", "RELATION_STYLE", "FACTION_COLOURS", "COLOR_BY", "LARGE_GRAPH",
           "PAGE_EXACT_ACTORS", "PAGE_SOURCES"]

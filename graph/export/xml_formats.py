"""The export graph as XML: GEXF 1.3 for Gephi and GraphML, with typed, flattened attributes.

Both carry the page's drawing too (:func:`graph.render.scene.snapshot_scene`): each actor's position,
colour, size and shape, so Gephi opens the picture the page shows rather than a random one.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import OutputError
from ..model import Dataset
from ..network import gc_paused
from ..rules import MAX_INTEGER, abbreviate, integer_outside
from .build import _build, _Graph, _json

__all__ = ["to_gexf", "to_graphml"]

#: The type of each fixed field once flattened (lists are joined into text).
_NODE_TYPES: dict[str, type] = {"name": str, "kind": str, "tags": str, "sources": str}
_EDGE_TYPES: dict[str, type] = {
    "id": str, "kind": str, "domain": str, "weight": float, "sign": int, "directed": bool, "since": str,
    "until": str, "start": str, "end": str, "confidence": str, "evidence": str, "sources": str, "tags": str,
}
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
#: Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_GEXF_NS = "http://gexf.net/1.3"
_VIZ_NS = "http://gexf.net/1.3/viz"
#: GEXF's shapes (disc, square, triangle, diamond) for vis-network's; GEXF has no hexagon or star.
_GEXF_SHAPES = {"dot": "disc", "square": "square", "triangle": "triangle", "triangleDown": "triangle",
                "diamond": "diamond", "hexagon": "disc", "star": "disc"}
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _scalars(value: Any) -> Iterator[Any]:
    """The texts (keys included) and integers in a value."""
    if isinstance(value, (str, int)):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _scalars(v)
    elif isinstance(value, list):
        for v in value:
            yield from _scalars(v)


def _check_xml(built: _Graph, fmt: str) -> None:
    """Refuse text that XML cannot carry (control characters, lone surrogates) and integers beyond
    GEXF's and GraphML's long, naming where they are.

    The readers refuse both at load; a dataset built in Python may still hold them.
    """
    if _fits_xml(built):
        return
    places: list[tuple[str, Any]] = [(f"the dataset's {k}", v) for k, v in built.meta.items()]
    places += [(f"actor {n}, {k}", v) for n, d in built.nodes for k, v in {"id": n, **d}.items()]
    places += [(f"relation {key}, {k}", v) for _, _, key, d in built.edges for k, v in d.items()]
    for where, value in places:
        for text in _scalars(value):
            if not isinstance(text, str):
                if integer_outside(text):
                    raise OutputError(f"cannot write {fmt}: {where} holds an integer beyond 2**63 in size "
                                      f"({abbreviate(text)}; at most {MAX_INTEGER:,}), which {fmt}'s long cannot "
                                      "hold. Hint: write it as text.")
                continue
            bad = _NOT_XML.search(text)
            if bad:
                what = "the lone surrogate" if "\ud800" <= bad.group() <= "\udfff" else "the control character"
                raise OutputError(f"cannot write {fmt}: {where} holds {what} "
                                  f"U+{ord(bad.group()):04X}, which XML does not allow. "
                                  "Hint: remove it from the dataset, or export as json or csv.")


def _fits_xml(built: _Graph) -> bool:
    """Whether every text and integer of the graph fits XML: one search over all its text at once,
    since a problem is rare and naming its place (:func:`_check_xml`) costs a string per value."""
    values = [*built.meta.values()]
    for n, d in built.nodes:
        values.append(n)
        values += d.values()
    for _, _, _, d in built.edges:
        values += d.values()
    texts: list[str] = []
    for value in values:
        if isinstance(value, str):
            texts.append(value)
        elif value is not None and not isinstance(value, float):
            for scalar in _scalars(value):
                if isinstance(scalar, str):
                    texts.append(scalar)
                elif integer_outside(scalar):
                    return False
    return _NOT_XML.search("\n".join(texts)) is None


def _single_type(types: set[type]) -> type | None:
    return next(iter(types)) if len(types) == 1 and next(iter(types)) in _XML_TYPES else None


def _table(records: list[tuple[str, dict[str, Any]]], fixed: dict[str, type], what: str,
           metrics: tuple[str, ...] = ()) -> tuple[list[tuple[str, type]], list[list[tuple[str, Any]]]]:
    """Flatten records for XML: the columns (name, type), and for each record its (column, value)s.

    Values are scalars of their column's type; None values are left out.
    """
    seen: dict[str, set[type]] = {}
    measured: dict[str, set[type]] = {m: set() for m in metrics}
    for _, data in records:
        for name, value in data["attributes"].items():
            seen.setdefault(name, set()).add(type(value))
        for name in metrics:
            if data.get(name) is not None:
                measured[name].add(type(data[name]))
    attr_cols = {}
    for name in sorted(seen):
        kind = _single_type(seen[name])
        attr_cols[name] = (f"attr_{name}", kind) if kind else (f"json_{name}", str)
    columns = list(fixed.items()) + list(attr_cols.values())
    columns += [(m, _single_type(measured[m]) or float) for m in metrics]
    rows = []
    for key, data in records:
        row: list[tuple[str, Any]] = []
        for name in fixed:
            value = data[name]
            if isinstance(value, list):
                value = "; ".join(value)
            if value is not None:
                row.append((name, value))
        for name, value in data["attributes"].items():
            column = attr_cols[name][0]
            row.append((column, value if column.startswith("attr_") else
                        _json(value, f"{what} {key}, attribute '{name}'")))
        row += [(m, data[m]) for m in metrics if data.get(m) is not None]
        rows.append(row)
    return columns, rows


def _text(value: Any) -> str:
    """A scalar as XML Schema writes it (``true``, ``1.5``, ``NaN``, ``Infinity``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    return str(value)


#: What ElementTree escapes in element text (``&`` first), and a carriage return as a reference:
#: parsers turn a raw one into a line feed.
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
#: What it escapes in an attribute value besides: quotes, line feeds and tabs.
_ATTRIBUTE_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _escaped(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, reference in escapes:
        if char in text:
            text = text.replace(char, reference)
    return text


def _escape(text: str) -> str:
    """Element text escaped as ElementTree escapes it (:data:`_TEXT_ESCAPES`)."""
    return _escaped(text, _TEXT_ESCAPES)


def _attribute(text: str) -> str:
    """An attribute value escaped as ElementTree escapes it (:data:`_ATTRIBUTE_ESCAPES`)."""
    return _escaped(text, _ATTRIBUTE_ESCAPES)


def _element(pad: str, tag: str, attributes: Mapping[str, str], children: list[str] | None = None,
             text: str | None = None) -> list[str]:
    """One element's lines, indented by ``pad``: its ``children`` (lines already indented one level
    deeper) or its ``text``; with neither, the empty form. The same bytes ElementTree writes after
    ``ET.indent(root, space="  ")``, without building a tree of a million elements first."""
    head = tag + "".join(f' {k}="{_attribute(v)}"' for k, v in attributes.items())
    if children:
        return [f"{pad}<{head}>\n", *children, f"{pad}</{tag}>\n"]
    if text:
        return [f"{pad}<{head}>{_escape(text)}</{tag}>\n"]
    return [f"{pad}<{head} />\n"]


def _document(lines: list[str]) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(lines)).encode("utf-8")


@dataclass(frozen=True)
class _Drawing:
    """What the page draws, for an export: per actor (x, y up), size, colour and shape; colour per relation kind."""

    nodes: dict[str, tuple[float, float, float, str, str]]
    kinds: dict[str, str]


def _drawing(dataset: Dataset, at: str | _dt.date | None, drawing: bool | Mapping[str, Any]) -> _Drawing | None:
    if drawing is False:
        return None
    from ..render.scene import snapshot_scene

    from ..network import Network

    options = dict(drawing) if isinstance(drawing, Mapping) else {}
    # without a day the export holds every relation with its dates: so does its drawing (a snapshot of
    # today would make the same command give another file tomorrow)
    scene = snapshot_scene(Network.of(dataset) if at is None else dataset, at, **options)
    nodes = {}
    for n in scene.nodes:
        colour = n["color"]["background"] if isinstance(n["color"], Mapping) else n["color"]
        # the page's y grows downwards, Gephi's (and most tools') upwards: flipped, so the picture is not upside down
        nodes[n["id"]] = (float(n["x"]), -float(n["y"]) + 0.0, float(n["size"]), colour, n["shape"])
    return _Drawing(nodes, {r["name"]: r["colour"] for r in scene.legend["relations"]})


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _viz_node(pad: str, drawn: tuple[float, float, float, str, str]) -> list[str]:
    x, y, size, colour, shape = drawn
    r, g, b = _rgb(colour)
    return [f'{pad}<viz:color r="{r}" g="{g}" b="{b}" />\n',
            f'{pad}<viz:position x="{_text(x)}" y="{_text(y)}" z="0.0" />\n',
            f'{pad}<viz:size value="{_text(size)}" />\n',
            f'{pad}<viz:shape value="{_GEXF_SHAPES.get(shape, "disc")}" />\n']


def to_gexf(dataset: Dataset, *, at: str | _dt.date | None = None, with_metrics: bool = False,
            drawing: bool | Mapping[str, Any] = False) -> bytes:
    """The graph as GEXF 1.3 for Gephi, with relation dates as edge intervals for its timeline.

    Nodes are labelled with the actor's name; edges carry ``weight``, ``start`` and ``end``
    (the first and last day in force, inclusive), the relation's kind as the GEXF edge ``kind``
    (Gephi's edge type: alignment and tension are never merged), and every field as a typed
    attribute (flattening and dates as in the package notes). Gephi merges parallel edges of one
    type by default, summing their weights: choose *Don't merge* in its import report to keep
    every relation. With any dated relation the graph is ``mode="dynamic"`` with
    ``timeformat="date"``. ``<meta>`` names geograph as creator, holds the description, and
    dates the file by its newest source, never by today.

    Read it back with ``networkx.read_gexf(path)``: a ``MultiDiGraph`` keyed by relation id
    (a ``DiGraph`` when no two relations share a direction and pair), node ``label`` = name.

    With ``drawing``, each actor the page draws carries Gephi's ``viz:position`` (the page's x and
    y in pixels, y flipped to point up as in Gephi; z 0), ``viz:color``, ``viz:size`` (the page's
    size) and ``viz:shape`` (disc, square, triangle or diamond: GEXF has no hexagon or star, drawn
    as discs), and each relation its kind's ``viz:color``. Actors the page leaves out (arenas) get
    none, and Gephi places them itself.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each node (on ``at``, default today).
    drawing : bool or mapping
        Carry the page's drawing of the snapshot on ``at`` (without ``at``, of every relation, as
        exported): ``True`` as :func:`graph.render.render_html` draws it by default, a mapping
        of its options (``seed``, ``size_by``, ``color_by``, ``camps``, ``positions``) to draw it
        as the page drawn with them does, ``False`` (the default) for none.

    Returns
    -------
    bytes
        UTF-8 XML.

    Raises
    ------
    OutputError
        When a text holds a control character that XML cannot carry.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> from graph.dates import parse_date
    >>> ds = Dataset(actors=(Actor("A", "Aland", "state"), Actor("B", "Bland", "state")), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 0.5, until=parse_date("2023-03")),))
    >>> xml = to_gexf(ds).decode()
    >>> '<edge id="ab" source="A" target="B" kind="alignment" weight="0.5" end="2023-02-28">' in xml
    True
    """
    # its hundreds of thousands of strings and lists hold no cycles: collections would walk the dataset again and again
    with gc_paused():
        built = _build(dataset, at, with_metrics)
        _check_xml(built, "GEXF")
        drawn = _drawing(dataset, at, drawing)
        node_cols, node_rows = _table(built.nodes, _NODE_TYPES, "actor", built.metrics)
        node_cols = [c for c in node_cols if c[0] != "name"]  # the name is the node's label
        edge_fixed = {k: t for k, t in _EDGE_TYPES.items() if k not in ("id", "weight", "start", "end")}
        edge_cols, edge_rows = _table([(k, d) for *_, k, d in built.edges], edge_fixed, "relation")
        dynamic = any(d["start"] or d["end"] for *_, d in built.edges)

        space = {"xmlns:viz": _VIZ_NS} if drawn else {}
        meta = _element("    ", "creator", {}, text="geograph")
        notes = [built.meta["description"]]
        if built.meta["at"]:
            notes.append(f"Relations in force on {built.meta['at']}.")
        if built.meta["metrics_at"]:
            notes.append(f"Metrics on {built.meta['metrics_at']}.")
        if any(notes):
            meta += _element("    ", "description", {}, text=" ".join(n for n in notes if n))
        attrs = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
        if dynamic:
            attrs["timeformat"] = "date"
        ids: dict[tuple[str, str], str] = {}
        inner: list[str] = []
        for cls, cols in (("node", node_cols), ("edge", edge_cols)):
            declared = []
            for name, kind in cols:
                ids[cls, name] = str(len(ids))
                declared += _element("      ", "attribute", {"id": ids[cls, name], "title": name, "type": _XML_TYPES[kind]})
            inner += _element("    ", "attributes", {"class": cls, "mode": "static"}, declared)
        nodes: list[str] = []
        for (node, data), row in zip(built.nodes, node_rows):
            children = _attvalues(row, ids, "node")
            if drawn and node in drawn.nodes:
                children += _viz_node("        ", drawn.nodes[node])
            nodes += _element("      ", "node", {"id": node, "label": data["name"]}, children)
        inner += _element("    ", "nodes", {}, nodes)
        edges: list[str] = []
        for (u, v, key, data), row in zip(built.edges, edge_rows):
            spell = {k: data[k] for k in ("start", "end") if data[k]}
            children = _attvalues(row, ids, "edge")
            if drawn and data["kind"] in drawn.kinds:
                r, g, b = _rgb(drawn.kinds[data["kind"]])
                children.append(f'        <viz:color r="{r}" g="{g}" b="{b}" />\n')
            edges += _element("      ", "edge", {"id": key, "source": u, "target": v, "kind": data["kind"],
                                                 "weight": _text(data["weight"]), **spell}, children)
        inner += _element("    ", "edges", {}, edges)
        body = _element("  ", "meta", {"lastmodifieddate": built.modified} if built.modified else {}, meta)
        body += _element("  ", "graph", {**attrs, "name": built.meta["title"]}, inner)
        return _document(_element("", "gexf", {"xmlns": _GEXF_NS, **space, "xmlns:xsi": _XSI,
                                               "xsi:schemaLocation": f"{_GEXF_NS} {_GEXF_NS}/gexf.xsd", "version": "1.3"},
                                  body))


def _attvalues(row: list[tuple[str, Any]], ids: dict[tuple[str, str], str], cls: str) -> list[str]:
    """A GEXF node's or edge's ``<attvalues>`` lines (none when it has no value)."""
    values = [f'          <attvalue for="{ids[cls, name]}" value="{_attribute(_text(value))}" />\n'
              for name, value in row if (cls, name) in ids]
    return ["        <attvalues>\n", *values, "        </attvalues>\n"] if values else []


def to_graphml(dataset: Dataset, *, at: str | _dt.date | None = None, with_metrics: bool = False,
               drawing: bool | Mapping[str, Any] = False) -> bytes:
    """The graph as GraphML with typed attributes (yEd, Gephi, Cytoscape, igraph, networkx).

    Every field is a ``<data>`` element of a typed key: ``weight`` double, ``sign`` long,
    ``directed`` boolean (``true``/``false``), dates as text (``since``/``until`` as written,
    ``start``/``end`` as ISO days), lists joined with ``"; "``, attributes flattened to
    ``attr_<name>`` or ``json_<name>`` (package notes). The relation id is the edge's ``id``; the
    graph holds ``title``, ``description``, ``at``, ``metrics_at`` and ``json_sources``.

    Read it back with ``networkx.read_graphml(path, edge_key_type=str, force_multigraph=True)``:
    without them networkx turns an id such as ``2024`` into a number and merges a graph without
    parallel relations into a ``DiGraph``.

    With ``drawing`` (as for :func:`to_gexf`), each actor the page draws also has the plain keys
    Gephi's GraphML importer reads: ``x`` and ``y`` (the page's pixels, y flipped to point up),
    ``size`` (doubles), ``r``, ``g``, ``b`` (ints, 0 to 255) and ``color`` (``#rrggbb``); each
    relation its kind's ``r``, ``g``, ``b`` and ``color``. They are declared after every other key,
    so the other keys keep their ids.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each node (on ``at``, default today).
    drawing : bool or mapping
        As for :func:`to_gexf`.

    Returns
    -------
    bytes
        UTF-8 XML.

    Raises
    ------
    OutputError
        When a text holds a control character that XML cannot carry.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "Aland", "state"), Actor("B", "Bland", "state")),
    ...              relations=(Relation("ab", "A", "B", True, "tension", "security", 0.5),))
    >>> xml = to_graphml(ds).decode()
    >>> 'for="edge" attr.name="weight" attr.type="double"' in xml, '<data key="d13">true</data>' in xml
    (True, True)
    """
    # its hundreds of thousands of strings and lists hold no cycles: collections would walk the dataset again and again
    with gc_paused():
        built = _build(dataset, at, with_metrics)
        _check_xml(built, "GraphML")
        node_cols, node_rows = _table(built.nodes, _NODE_TYPES, "actor", built.metrics)
        edge_fixed = {k: t for k, t in _EDGE_TYPES.items() if k != "id"}
        edge_cols, edge_rows = _table([(k, d) for *_, k, d in built.edges], edge_fixed, "relation")
        described = ("title", "description", "at", "metrics_at")
        graph_cols: list[tuple[str, type]] = [(k, str) for k in (*described, "json_sources")]
        graph_row = [(k, built.meta[k]) for k in described if built.meta[k] is not None]
        graph_row.append(("json_sources", _json(built.meta["sources"], "the catalogue of sources")))

        keys: dict[tuple[str, str], str] = {}
        drawn = _drawing(dataset, at, drawing)
        viz_node = [("x", float), ("y", float), ("size", float), ("r", int), ("g", int), ("b", int), ("color", str)]
        viz_edge = [("r", int), ("g", int), ("b", int), ("color", str)]
        viz = (("node", viz_node), ("edge", viz_edge)) if drawn else ()
        body: list[str] = []
        for scope, cols in (("graph", graph_cols), ("node", node_cols), ("edge", edge_cols), *viz):
            for name, kind in cols:
                keys[scope, name] = f"d{len(keys)}"
                body += _element("  ", "key", {"id": keys[scope, name], "for": scope, "attr.name": name,
                                               "attr.type": _XML_TYPES[kind]})
        inner = _data("    ", graph_row, keys, "graph")
        for (node, _), row in zip(built.nodes, node_rows):
            if drawn and node in drawn.nodes:
                x, y, size, colour, _shape = drawn.nodes[node]
                row = [*row, ("x", x), ("y", y), ("size", size), *zip("rgb", _rgb(colour)), ("color", colour)]
            inner += _element("    ", "node", {"id": node}, _data("      ", row, keys, "node"))
        for (u, v, key, data), row in zip(built.edges, edge_rows):
            if drawn and data["kind"] in drawn.kinds:
                row = [*row, *zip("rgb", _rgb(drawn.kinds[data["kind"]])), ("color", drawn.kinds[data["kind"]])]
            inner += _element("    ", "edge", {"id": key, "source": u, "target": v}, _data("      ", row, keys, "edge"))
        body += _element("  ", "graph", {"id": "G", "edgedefault": "directed"}, inner)
        return _document(_element("", "graphml", {"xmlns": _GRAPHML_NS, "xmlns:xsi": _XSI,
                                                  "xsi:schemaLocation": f"{_GRAPHML_NS} {_GRAPHML_NS}/1.0/graphml.xsd"},
                                  body))


def _data(pad: str, row: list[tuple[str, Any]], keys: dict[tuple[str, str], str], scope: str) -> list[str]:
    """GraphML ``<data>`` lines, one per value."""
    return [line for name, value in row for line in _element(pad, "data", {"key": keys[scope, name]}, text=_text(value))]

"""Exports for other tools: GEXF (Gephi), GraphML, node-link JSON (D3, sigma.js, Cytoscape) and CSV.

Every format holds the same graph, the one :func:`to_networkx` returns: a directed multigraph with
one node per actor (sorted by id) and one edge per relation, keyed by the relation's id, sorted by
source, target and id (the order networkx itself lists them in). Nothing in the output depends on
the clock or the machine (no timestamp, no path), so the same dataset and options give the same
bytes; files are written to a temporary name and renamed, and a CSV export (a folder) is written
whole into a temporary folder and renamed.

What is exported
----------------
Nodes (actors)
    ``name``, ``kind``, ``tags``, ``sources``, ``attributes``; with ``with_metrics``, every metric
    of :data:`graph.metrics.METRICS`, rounded to 6 decimals as in the centrality report.
Edges (relations)
    ``id``, ``kind``, ``domain``, ``weight`` (the strength, in (0, 1]), ``sign`` (+1 alignment,
    -1 tension), ``directed``, ``since`` and ``until`` (as written: ``2022``, ``2022-06`` …, absent
    or null when open), ``start`` and ``end`` (the first and the last day in force, ISO
    ``YYYY-MM-DD``), ``confidence``, ``evidence``, ``sources``, ``tags``, ``attributes``. The
    edge runs from the relation's ``source`` to its ``target`` as written.
Graph
    ``title``, ``description``, ``at`` (the snapshot day, or null), ``metrics_at`` (the day the
    metrics were computed, or null) and ``sources``, the catalogue of sources (id → title,
    author, publisher, date, url). Events are not part of the graph and are not exported.

Dates
    ``at=None`` exports every relation with its dates; ``at=DATE`` only those in force that day
    (``since <= DATE < until``), every actor kept. ``until`` is exclusive in geograph, while a
    GEXF 1.3 interval is inclusive, so ``end`` is the day before ``until`` (a partial date standing
    for its first day): ``until: 2023`` gives ``end = 2022-12-31``, ``since: 2022-06`` gives
    ``start = 2022-06-01``. GEXF carries them as the edge's ``start`` and ``end`` (``mode="dynamic"``,
    ``timeformat="date"``), so Gephi's timeline plays the relations; the other formats carry them
    as attributes or columns.
Direction
    The graph is directed: a directed relation (``from``/``to``) is an edge from ``from`` to
    ``to``; a mutual one (``between``) is one edge, from the actor written first, with
    ``directed`` false. networkx reads no GEXF or GraphML file that mixes directed and undirected
    edges, so both declare every edge directed and the ``directed`` attribute says which ones are
    mutual. In GEXF the relation's kind is also the edge's ``kind``, Gephi's edge type.
Flattening (GEXF and GraphML)
    Their attributes are scalars with one type per name, so ``tags`` and ``sources`` are joined
    with ``"; "`` (``""`` when empty), and each entry of ``attributes`` becomes ``attr_<name>``,
    typed (boolean, long, double or string), when every actor (or relation) that has it gives
    the same one of those types; otherwise (a list, a mapping, null, or types that differ) it is
    ``json_<name>``, JSON text. GraphML keeps the catalogue of sources as the graph attribute
    ``json_sources``; GEXF has no graph attributes: the title is the graph's ``name`` and the
    description goes to ``<meta>``, whose ``lastmodifieddate`` is the date of the newest source
    (not today, so that the file is reproducible). Node labels in GEXF are the actors' names.
CSV
    A folder with ``actors.csv``, ``relations.csv`` and ``sources.csv``: UTF-8 with a byte-order
    mark (Excel reads UTF-8 only with one), commas, CRLF line ends (RFC 4180), lists joined with
    ``"; "``, ``attributes`` as one cell of JSON text, booleans ``true``/``false``, empty cells
    for what is absent. The first ten columns of ``relations.csv`` are a geograph edge list
    (``data/README.md``, "CSV edge lists"). A text cell that starts with ``= + - @``, a tab, a
    carriage return or ``'`` is written with a ``'`` before it, so that a spreadsheet shows it as
    text and never runs it as a formula (CSV injection); read such a cell back by removing that
    one leading ``'``. Numbers are never changed.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._io import _umask, atomic_write
from .dates import PartialDate, parse_date
from .errors import OptionError, OutputError
from .metrics import METRIC_NAMES
from .model import Dataset, Relation

if TYPE_CHECKING:
    import networkx as nx

# networkx and the analysis are imported where they are used, so that the command line can read
# EXPORT_FORMATS without loading them.

__all__ = ["EXPORT_FORMATS", "CSV_FILES", "export", "to_networkx", "to_gexf", "to_graphml", "to_node_link",
           "to_csv"]

#: The formats :func:`export` writes.
EXPORT_FORMATS = ("gexf", "graphml", "json", "csv")
#: The files of a CSV export, in the folder given as its path.
CSV_FILES = ("actors.csv", "relations.csv", "sources.csv")

_ACTOR_COLUMNS = ("id", "name", "kind", "tags", "sources", "attributes")
#: The edge-list columns first (data/README.md, "CSV edge lists"), then what an edge list lacks.
_RELATION_COLUMNS = ("id", "source", "target", "kind", "weight", "since", "until", "domain", "confidence",
                     "evidence", "directed", "sources", "tags", "attributes")
_SOURCE_COLUMNS = ("id", "title", "author", "publisher", "date", "url")

#: The type of each fixed field once flattened (lists are joined into text).
_NODE_TYPES: dict[str, type] = {"name": str, "kind": str, "tags": str, "sources": str}
_EDGE_TYPES: dict[str, type] = {
    "id": str, "kind": str, "domain": str, "weight": float, "sign": int, "directed": bool, "since": str,
    "until": str, "start": str, "end": str, "confidence": str, "evidence": str, "sources": str, "tags": str,
}
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
#: Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: First characters that make a spreadsheet read a cell as a formula (and ' for reversibility).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_GEXF_NS = "http://gexf.net/1.3"
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


# --------------------------------------------------------------------------------------------
# the graph every format holds


@dataclass(frozen=True)
class _Graph:
    meta: dict[str, Any]
    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[tuple[str, str, str, dict[str, Any]]]
    metrics: tuple[str, ...]
    modified: str | None


def _build(dataset: Dataset, at: str | _dt.date | None, with_metrics: bool) -> _Graph:
    from .network import resolve_date

    day = None if at is None else resolve_date(at)
    snap = dataset.snapshot(day) if day is not None else dataset
    shown = day or dataset.at
    metrics: dict[str, dict[str, Any]] = {}
    metrics_at = None
    if with_metrics:
        from .analysis.centrality import centrality
        from .report import records

        metrics_at = shown or resolve_date(None)
        report = records(centrality(snap, at=metrics_at))
        metrics = {row["id"]: {m: row[m] for m in METRIC_NAMES} for row in report}
    nodes = []
    for a in sorted(snap.actors, key=lambda a: a.id):
        data = {"name": a.name, "kind": a.kind, "tags": list(a.tags), "sources": list(a.sources),
                "attributes": _plain(a.attributes)}
        data.update(metrics.get(a.id, {}))
        nodes.append((a.id, data))
    relations = sorted(snap.relations, key=lambda r: (r.source, r.target, r.id))
    edges = [(r.source, r.target, r.id, _edge(r)) for r in relations]
    meta = {
        "title": dataset.title,
        "description": dataset.description,
        "at": shown.isoformat() if shown else None,
        "metrics_at": metrics_at.isoformat() if metrics_at else None,
        "sources": {s.id: {"title": s.title, "author": s.author, "publisher": s.publisher, "date": str(s.date),
                           "url": s.url} for s in sorted(dataset.sources.values(), key=lambda s: s.id)},
    }
    return _Graph(meta, nodes, edges, METRIC_NAMES if with_metrics else (), _newest_source(dataset))


def _edge(r: Relation) -> dict[str, Any]:
    return {
        "id": r.id,
        "kind": r.kind,
        "domain": r.domain,
        "weight": float(r.weight),
        "sign": r.sign,
        "directed": r.directed,
        "since": str(r.since) if r.since else None,
        "until": str(r.until) if r.until else None,
        "start": r.since.start.isoformat() if r.since else None,
        "end": _last_day(r.until),
        "confidence": r.confidence,
        "evidence": r.evidence,
        "sources": list(r.sources),
        "tags": list(r.tags),
        "attributes": _plain(r.attributes),
    }


def _last_day(until: PartialDate | None) -> str | None:
    """The last day in force, inclusive: the day before ``until`` (which is exclusive)."""
    return (until.start - _dt.timedelta(days=1)).isoformat() if until else None


def _plain(value: Any) -> Any:
    """Plain JSON-shaped values: mappings with text keys in sorted order, lists for sequences."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _newest_source(dataset: Dataset) -> str | None:
    """The publication day of the newest source: a reproducible stand-in for "last modified"."""
    days = []
    for s in dataset.sources.values():
        try:
            days.append(parse_date(s.date).start)
        except ValueError:  # "n.d." in edge lists
            continue
    return max(days).isoformat() if days else None


def _json(value: Any, where: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except ValueError:
        raise OutputError(f"{where} holds a number that is not finite (nan or inf), which JSON cannot carry. "
                          "Hint: write null, or leave the value out.") from None


def to_networkx(dataset: Dataset, *, at: str | _dt.date | None = None,
                with_metrics: bool = False) -> "nx.MultiDiGraph":
    """The graph every export holds, as a NetworkX directed multigraph keyed by relation id.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day (every actor stays). Default: every relation,
        with its dates.
    with_metrics : bool
        Add every centrality metric to each node, computed on ``at`` (default: today).

    Returns
    -------
    networkx.MultiDiGraph
        Node and edge attributes as listed in the module notes, lists and mappings kept as such;
        ``since``, ``until``, ``start``, ``end``, ``at`` and ``metrics_at`` are None when absent.

    See Also
    --------
    graph.network.multigraph : the undirected multigraph of the analysis.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> from graph.dates import parse_date
    >>> ds = Dataset(actors=(Actor("A", "Aland", "state"), Actor("B", "Bland", "state")), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 0.5, since=parse_date(2022),
    ...              until=parse_date(2023)),))
    >>> g = to_networkx(ds)
    >>> e = g.edges["A", "B", "ab"]
    >>> e["since"], e["until"], e["start"], e["end"], e["directed"]
    ('2022', '2023', '2022-01-01', '2022-12-31', False)
    """
    import networkx as nx

    built = _build(dataset, at, with_metrics)
    g = nx.MultiDiGraph()
    g.graph.update(built.meta)
    for node, data in built.nodes:
        g.add_node(node, **data)
    for u, v, key, data in built.edges:
        g.add_edge(u, v, key=key, **data)
    return g


# --------------------------------------------------------------------------------------------
# node-link JSON


def to_node_link(dataset: Dataset, *, at: str | _dt.date | None = None,
                 with_metrics: bool = False) -> dict[str, Any]:
    """The graph as node-link data for D3, sigma.js or Cytoscape, ready for ``json.dumps``.

    The shape of ``networkx.node_link_data(g, edges="edges")`` for ``g = to_networkx(...)``:
    ``{"directed": true, "multigraph": true, "graph": {...}, "nodes": [{"id": ..., ...}],
    "edges": [{"source": ..., "target": ..., "key": ..., ...}]}``, with ``tags``, ``sources`` as
    lists and ``attributes`` as an object; what is absent is null. networkx 3.4 renamed the
    list ``links`` to ``edges``: read it back with ``nx.node_link_graph(data, edges="edges")``
    (before 3.4: ``link="edges"``).

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each node (on ``at``, default today; rounded to 6
        decimals, null where undefined); ``graph["metrics_at"]`` gives the day.

    Raises
    ------
    OutputError
        When an attribute holds a number that is not finite, which JSON cannot carry.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "Aland", "state"), Actor("B", "Bland", "state")),
    ...              relations=(Relation("ab", "A", "B", True, "tension", "security", 0.5),))
    >>> data = to_node_link(ds)
    >>> [n["id"] for n in data["nodes"]], data["edges"][0]["key"], data["edges"][0]["sign"]
    (['A', 'B'], 'ab', -1)
    """
    built = _build(dataset, at, with_metrics)
    records = [("actor", n, d) for n, d in built.nodes] + [("relation", k, d) for *_, k, d in built.edges]
    for what, key, data in records:
        for name, value in data["attributes"].items():
            _json(value, f"{what} {key}, attribute '{name}'")  # refuses nan and inf, naming where
    return {
        "directed": True,
        "multigraph": True,
        "graph": built.meta,
        "nodes": [{"id": node, **data} for node, data in built.nodes],
        "edges": [{"source": u, "target": v, "key": key, **data} for u, v, key, data in built.edges],
    }


# --------------------------------------------------------------------------------------------
# XML: GEXF and GraphML


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _check_xml(built: _Graph, fmt: str) -> None:
    """Refuse text that XML cannot carry (control characters), naming where it is."""
    places: list[tuple[str, Any]] = [(f"the dataset's {k}", v) for k, v in built.meta.items()]
    places += [(f"actor {n}, {k}", v) for n, d in built.nodes for k, v in {"id": n, **d}.items()]
    places += [(f"relation {key}, {k}", v) for _, _, key, d in built.edges for k, v in d.items()]
    for where, value in places:
        for text in _strings(value):
            bad = _NOT_XML.search(text)
            if bad:
                raise OutputError(f"cannot write {fmt}: {where} holds the control character "
                                  f"U+{ord(bad.group()):04X}, which XML does not allow. "
                                  "Hint: remove it from the dataset, or export as json or csv.")


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


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    # a carriage return in element text is kept as a reference (parsers turn a raw one into \n);
    # _check_xml has refused every NUL, so NUL can stand for it meanwhile
    body = body.replace("\0", "&#13;")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def to_gexf(dataset: Dataset, *, at: str | _dt.date | None = None, with_metrics: bool = False) -> bytes:
    """The graph as GEXF 1.3 for Gephi, with relation dates as edge intervals for its timeline.

    Nodes are labelled with the actor's name; edges carry ``weight``, ``start`` and ``end``
    (the first and last day in force, inclusive), the relation's kind as the GEXF edge ``kind``
    (Gephi's edge type: alignment and tension are never merged), and every field as a typed
    attribute (flattening and dates as in the module notes). Gephi merges parallel edges of one
    type by default, summing their weights: choose *Don't merge* in its import report to keep
    every relation. With any dated relation the graph is ``mode="dynamic"`` with
    ``timeformat="date"``. ``<meta>`` names geograph as creator, holds the description, and
    dates the file by its newest source, never by today.

    Read it back with ``networkx.read_gexf(path)``: a ``MultiDiGraph`` keyed by relation id
    (a ``DiGraph`` when no two relations share a direction and pair), node ``label`` = name.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each node (on ``at``, default today).

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
    built = _build(dataset, at, with_metrics)
    _check_xml(built, "GEXF")
    node_cols, node_rows = _table(built.nodes, _NODE_TYPES, "actor", built.metrics)
    node_cols = [c for c in node_cols if c[0] != "name"]  # the name is the node's label
    edge_fixed = {k: t for k, t in _EDGE_TYPES.items() if k not in ("id", "weight", "start", "end")}
    edge_cols, edge_rows = _table([(k, d) for *_, k, d in built.edges], edge_fixed, "relation")
    dynamic = any(d["start"] or d["end"] for *_, d in built.edges)

    root = ET.Element("gexf", {"xmlns": _GEXF_NS, "xmlns:xsi": _XSI,
                               "xsi:schemaLocation": f"{_GEXF_NS} {_GEXF_NS}/gexf.xsd", "version": "1.3"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": built.modified} if built.modified else {})
    ET.SubElement(meta, "creator").text = "geograph"
    notes = [built.meta["description"]]
    if built.meta["at"]:
        notes.append(f"Relations in force on {built.meta['at']}.")
    if built.meta["metrics_at"]:
        notes.append(f"Metrics on {built.meta['metrics_at']}.")
    if any(notes):
        ET.SubElement(meta, "description").text = " ".join(n for n in notes if n)
    attrs = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        attrs["timeformat"] = "date"
    graph_el = ET.SubElement(root, "graph", attrs, name=built.meta["title"])
    ids: dict[tuple[str, str], str] = {}
    for cls, cols in (("node", node_cols), ("edge", edge_cols)):
        declared = ET.SubElement(graph_el, "attributes", {"class": cls, "mode": "static"})
        for name, kind in cols:
            ids[cls, name] = str(len(ids))
            ET.SubElement(declared, "attribute", id=ids[cls, name], title=name, type=_XML_TYPES[kind])
    nodes_el = ET.SubElement(graph_el, "nodes")
    for (node, data), row in zip(built.nodes, node_rows):
        _attvalues(ET.SubElement(nodes_el, "node", id=node, label=data["name"]), row, ids, "node")
    edges_el = ET.SubElement(graph_el, "edges")
    for (u, v, key, data), row in zip(built.edges, edge_rows):
        spell = {k: data[k] for k in ("start", "end") if data[k]}
        edge = ET.SubElement(edges_el, "edge", id=key, source=u, target=v, kind=data["kind"],
                             weight=_text(data["weight"]), **spell)
        _attvalues(edge, row, ids, "edge")
    return _xml_bytes(root)


def _attvalues(element: ET.Element, row: list[tuple[str, Any]], ids: dict[tuple[str, str], str], cls: str) -> None:
    values = [(name, value) for name, value in row if (cls, name) in ids]
    if values:
        holder = ET.SubElement(element, "attvalues")
        for name, value in values:
            ET.SubElement(holder, "attvalue", {"for": ids[cls, name], "value": _text(value)})


def to_graphml(dataset: Dataset, *, at: str | _dt.date | None = None, with_metrics: bool = False) -> bytes:
    """The graph as GraphML with typed attributes (yEd, Gephi, Cytoscape, igraph, networkx).

    Every field is a ``<data>`` element of a typed key: ``weight`` double, ``sign`` long,
    ``directed`` boolean (``true``/``false``), dates as text (``since``/``until`` as written,
    ``start``/``end`` as ISO days), lists joined with ``"; "``, attributes flattened to
    ``attr_<name>`` or ``json_<name>`` (module notes). The relation id is the edge's ``id``; the
    graph holds ``title``, ``description``, ``at``, ``metrics_at`` and ``json_sources``.

    Read it back with ``networkx.read_graphml(path, edge_key_type=str, force_multigraph=True)``:
    without them networkx turns an id such as ``2024`` into a number and merges a graph without
    parallel relations into a ``DiGraph``.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each node (on ``at``, default today).

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
    built = _build(dataset, at, with_metrics)
    _check_xml(built, "GraphML")
    node_cols, node_rows = _table(built.nodes, _NODE_TYPES, "actor", built.metrics)
    edge_fixed = {k: t for k, t in _EDGE_TYPES.items() if k != "id"}
    edge_cols, edge_rows = _table([(k, d) for *_, k, d in built.edges], edge_fixed, "relation")
    described = ("title", "description", "at", "metrics_at")
    graph_cols: list[tuple[str, type]] = [(k, str) for k in (*described, "json_sources")]
    graph_row = [(k, built.meta[k]) for k in described if built.meta[k] is not None]
    graph_row.append(("json_sources", _json(built.meta["sources"], "the catalogue of sources")))

    root = ET.Element("graphml", {"xmlns": _GRAPHML_NS, "xmlns:xsi": _XSI,
                                  "xsi:schemaLocation": f"{_GRAPHML_NS} {_GRAPHML_NS}/1.0/graphml.xsd"})
    keys: dict[tuple[str, str], str] = {}
    for scope, cols in (("graph", graph_cols), ("node", node_cols), ("edge", edge_cols)):
        for name, kind in cols:
            keys[scope, name] = f"d{len(keys)}"
            ET.SubElement(root, "key", {"id": keys[scope, name], "for": scope, "attr.name": name,
                                        "attr.type": _XML_TYPES[kind]})
    graph_el = ET.SubElement(root, "graph", id="G", edgedefault="directed")
    _data(graph_el, graph_row, keys, "graph")
    for (node, _), row in zip(built.nodes, node_rows):
        _data(ET.SubElement(graph_el, "node", id=node), row, keys, "node")
    for (u, v, key, _), row in zip(built.edges, edge_rows):
        _data(ET.SubElement(graph_el, "edge", id=key, source=u, target=v), row, keys, "edge")
    return _xml_bytes(root)


def _data(element: ET.Element, row: list[tuple[str, Any]], keys: dict[tuple[str, str], str], scope: str) -> None:
    for name, value in row:
        ET.SubElement(element, "data", key=keys[scope, name]).text = _text(value).replace("\r", "\0")


# --------------------------------------------------------------------------------------------
# CSV


def _cell(value: Any) -> str:
    """A value as a spreadsheet cell: text neutralised against formulas, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _text(value)
    if isinstance(value, list):
        value = "; ".join(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_text(header: tuple[str, ...], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def to_csv(dataset: Dataset, *, at: str | _dt.date | None = None,
           with_metrics: bool = False) -> dict[str, str]:
    """The graph as three CSV tables: ``actors.csv``, ``relations.csv`` and ``sources.csv``.

    ``actors.csv``: ``id,name,kind,tags,sources,attributes`` (then one column per metric with
    ``with_metrics``). ``relations.csv``: ``id,source,target,kind,weight,since,until,domain,
    confidence,evidence`` — a geograph edge list — then ``directed,sources,tags,attributes``.
    ``sources.csv``: ``id,title,author,publisher,date,url``. Lists are joined with ``"; "``,
    ``attributes`` is JSON text (empty when there are none), text that a spreadsheet would run as
    a formula gets a leading ``'`` (module notes). Lines end with CRLF. :func:`export` writes the
    three into one folder as UTF-8 with a byte-order mark.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each actor (on ``at``, default today).

    Returns
    -------
    dict
        File name → text (without the byte-order mark), in the order of :data:`CSV_FILES`.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "=cmd", "state"), Actor("B", "Bland", "state")),
    ...              relations=(Relation("ab", "A", "B", False, "alignment", "economic", 0.5,
    ...                                  evidence="Trade, and more", sources=("s1", "s2")),))
    >>> tables = to_csv(ds)
    >>> print(tables["actors.csv"], end="")
    id,name,kind,tags,sources,attributes
    A,'=cmd,state,,,
    B,Bland,state,,,
    >>> print(tables["relations.csv"].splitlines()[1])
    ab,A,B,alignment,0.5,,,economic,medium,"Trade, and more",false,s1; s2,,
    """
    built = _build(dataset, at, with_metrics)
    actors = [[node, d["name"], d["kind"], d["tags"], d["sources"],
               _json(d["attributes"], f"actor {node}'s attributes") if d["attributes"] else "",
               *(d[m] for m in built.metrics)] for node, d in built.nodes]
    relations = [[key, u, v, d["kind"], d["weight"], d["since"], d["until"], d["domain"], d["confidence"],
                  d["evidence"], d["directed"], d["sources"], d["tags"],
                  _json(d["attributes"], f"relation {key}'s attributes") if d["attributes"] else ""]
                 for u, v, key, d in built.edges]
    sources = [[sid, *(s[c] for c in _SOURCE_COLUMNS[1:])] for sid, s in built.meta["sources"].items()]
    return {
        "actors.csv": _csv_text(_ACTOR_COLUMNS + built.metrics, actors),
        "relations.csv": _csv_text(_RELATION_COLUMNS, relations),
        "sources.csv": _csv_text(_SOURCE_COLUMNS, sources),
    }


def _write_folder(path: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` into a temporary folder beside ``path``, then rename it to ``path``.

    An existing folder is replaced only when it holds nothing but the files of a CSV export; it
    is moved aside, the new one renamed into place, then the old one deleted (and put back if the
    rename fails), so ``path`` holds the old set or the new one, never a mix.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist. "
                          "Hint: create it first, or choose another path.")
    if path.exists() and not path.is_dir():
        raise OutputError(f"cannot write {path}: it is a file, and a CSV export is a folder of files. "
                          "Hint: give the name of a new folder.")
    replace = path.is_dir()
    if replace:
        others = sorted(p.name for p in path.iterdir() if p.name not in CSV_FILES)
        if others:
            listed = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
            raise OutputError(f"cannot write {path}: the folder holds other files ({listed}). "
                              "Hint: give a new or empty folder; only an earlier CSV export is replaced.")
    tmp: Path | None = None
    old: Path | None = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder))
        for name, payload in files.items():
            with open(tmp / name, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if replace else 0o777 & ~_umask())
        if replace:
            old = tmp.with_name(tmp.name[: -len(".tmp")] + ".old")
            os.rename(path, old)
            try:
                os.rename(tmp, path)
            except OSError:
                os.rename(old, path)
                old = None
                raise
        else:
            os.rename(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}. "
                          "Hint: check the folder's permissions and free space.") from None
    finally:
        for leftover in (tmp, old):
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)
    return path


# --------------------------------------------------------------------------------------------
# the one entry point


def export(dataset: Dataset, path: str | Path, fmt: str, *, at: str | _dt.date | None = None,
           with_metrics: bool = False) -> Path:
    """Write the graph to ``path`` as GEXF, GraphML, node-link JSON or a folder of CSV files.

    Parameters
    ----------
    dataset : Dataset
    path : str or Path
        The file to write; for ``csv``, the folder (created, or replaced when it holds only an
        earlier CSV export).
    fmt : {"gexf", "graphml", "json", "csv"}
        See :func:`to_gexf`, :func:`to_graphml`, :func:`to_node_link` (written as UTF-8 JSON,
        indented by 2) and :func:`to_csv`.
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each actor, computed on ``at`` (default: today, so the
        output then depends on the day it is run).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OptionError
        When ``fmt`` is not one of :data:`EXPORT_FORMATS`, or ``at`` is not a date.
    OutputError
        When the output cannot be written; an existing file or folder is then left as it was,
        and no temporary file stays behind.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from graph import load
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> export(load(), out / "caucasus.gexf", "gexf").read_bytes()[:38]
    b'<?xml version="1.0" encoding="UTF-8"?>'
    >>> sorted(p.name for p in export(load(), out / "tables", "csv").iterdir())
    ['actors.csv', 'relations.csv', 'sources.csv']
    """
    if fmt not in EXPORT_FORMATS:
        raise OptionError(f"unknown export format '{fmt}'; choose one of: {', '.join(EXPORT_FORMATS)}")
    path = Path(path)
    if fmt == "csv":
        tables = to_csv(dataset, at=at, with_metrics=with_metrics)
        return _write_folder(path, {name: text.encode("utf-8-sig") for name, text in tables.items()})
    if fmt == "gexf":
        payload: bytes | str = to_gexf(dataset, at=at, with_metrics=with_metrics)
    elif fmt == "graphml":
        payload = to_graphml(dataset, at=at, with_metrics=with_metrics)
    else:
        data = to_node_link(dataset, at=at, with_metrics=with_metrics)
        payload = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return atomic_write(path, payload)

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

from .build import to_networkx
from .csv_tables import CSV_FILES, to_csv
from .node_link import to_node_link
from .write import EXPORT_FORMATS, export
from .xml_formats import to_gexf, to_graphml

# networkx and the analysis are imported where they are used, so that the command line can read
# EXPORT_FORMATS without loading them.

__all__ = ["EXPORT_FORMATS", "CSV_FILES", "export", "to_networkx", "to_gexf", "to_graphml", "to_node_link",
           "to_csv"]

"""The export graph as node-link data for D3, sigma.js or Cytoscape."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..model import Dataset
from .build import _build, _json

__all__ = ["to_node_link"]


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

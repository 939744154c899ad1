"""The graph every export holds, built once from a dataset (what it holds: :mod:`graph.export`)."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable

from ..dates import PartialDate, parse_date
from ..errors import OutputError
from ..metrics import METRIC_NAMES
from ..model import Dataset, Relation

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["to_networkx"]


@dataclass(frozen=True)
class _Graph:
    meta: dict[str, Any]
    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[tuple[str, str, str, dict[str, Any]]]
    metrics: tuple[str, ...]
    modified: str | None


def _build(dataset: Dataset, at: str | _dt.date | None, with_metrics: bool,
           progress: Callable[[int, int], None] | None = None) -> _Graph:
    """The export's graph. Metrics are computed only ``with_metrics``: without them an export reads
    no layer at all. ``progress`` follows their stages (default: a bar on a terminal for a large
    dataset, :func:`graph.progress.stages`, since the writers that call this take no ``progress``)."""
    from ..network import resolve_date

    day = None if at is None else resolve_date(at)
    snap = dataset.snapshot(day) if day is not None else dataset
    shown = day or dataset.at
    metrics: dict[str, dict[str, Any]] = {}
    metrics_at = None
    if with_metrics:
        from ..analysis.centrality import centrality
        from ..report import records

        metrics_at = shown or resolve_date(None)
        from ..progress import stages

        report = records(centrality(snap, at=metrics_at,
                                    progress=progress if progress is not None else stages("metrics", snap)))
        metrics = {row["id"]: {m: row[m] for m in METRIC_NAMES} for row in report}
    nodes = []
    for a in sorted(snap.actors, key=lambda a: a.id):
        data = {"name": a.name, "kind": a.kind, "tags": list(a.tags), "sources": list(a.sources),
                "attributes": _plain(a.attributes)}
        data.update(metrics.get(a.id, {}) if not with_metrics else metrics.get(a.id, dict.fromkeys(METRIC_NAMES)))
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
    # the common types first: isinstance against the Mapping ABC costs microseconds, on every relation
    if type(value) in _PLAIN:
        return value
    if isinstance(value, (dict, MappingProxyType)) or isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


#: Values :func:`_plain` returns as they are.
_PLAIN = frozenset({str, int, float, bool, type(None)})


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


def to_networkx(dataset: Dataset, *, at: str | _dt.date | None = None, with_metrics: bool = False,
                progress: Callable[[int, int], None] | None = None) -> "nx.MultiDiGraph":
    """The graph every export holds, as a NetworkX directed multigraph keyed by relation id.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day (every actor stays). Default: every relation,
        with its dates.
    with_metrics : bool
        Add every centrality metric to each node, computed on ``at`` (default: today).
    progress : callable, optional
        Called as ``progress(done, total)`` over the stages of the metrics
        (:func:`graph.analysis.centrality.centrality`); default: a bar on a terminal for a
        dataset of :data:`graph.progress.SLOW_ACTORS` actors or more.

    Returns
    -------
    networkx.MultiDiGraph
        Node and edge attributes as listed in :mod:`graph.export`, lists and mappings kept as such;
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

    built = _build(dataset, at, with_metrics, progress)
    g = nx.MultiDiGraph()
    g.graph.update(built.meta)
    for node, data in built.nodes:
        g.add_node(node, **data)
    for u, v, key, data in built.edges:
        g.add_edge(u, v, key=key, **data)
    return g

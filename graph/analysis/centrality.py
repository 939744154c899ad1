"""Centrality of every actor, computed on the layer where each measure means something."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from ..errors import OptionError
from ..metrics import METRICS, Metric
from ..model import Dataset
from ..network import layer, snapshot

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Metric", "METRICS", "centrality", "eigenvector"]


_NAMES = tuple(m.name for m in METRICS)


def eigenvector(g: nx.Graph, weight: str = "weight") -> dict[str, float]:
    """Eigenvector centrality, exact and defined on disconnected graphs.

    The leading eigenvector of the weighted adjacency matrix, scaled to unit Euclidean norm (as
    NetworkX does). When several components share the largest eigenvalue, it is the projection of
    the uniform vector onto that eigenspace, which is where power iteration from a uniform start
    converges; actors outside those components score 0. Weights must be non-negative.

    Examples
    --------
    >>> g = nx.path_graph(3)           # 0 - 1 - 2 : the middle has sqrt(2) times the ends' score
    >>> {k: round(v, 6) for k, v in eigenvector(g).items()}
    {0: 0.5, 1: 0.707107, 2: 0.5}
    >>> g.add_node(3)                  # an isolated actor scores 0
    >>> eigenvector(g)[3]
    0.0
    """
    nodes = list(g)
    if not nodes:
        return {}
    if any(d.get(weight, 1) < 0 for _, _, d in g.edges(data=True)):
        raise ValueError("eigenvector centrality needs non-negative weights")
    if g.number_of_edges() == 0:
        return {n: 0.0 for n in nodes}
    if len(nodes) > 2000:
        # Dense eigendecomposition is cubic; beyond this size power iteration is the sane choice.
        return nx.eigenvector_centrality(g, weight=weight, max_iter=10_000, tol=1e-12)
    a = nx.to_numpy_array(g, nodelist=nodes, weight=weight)
    values, vectors = np.linalg.eigh(a)
    top = values[-1]
    basis = vectors[:, values >= top - 1e-9 * max(1.0, abs(top))]
    x = basis @ (basis.T @ np.ones(len(nodes)))
    x = np.where(np.abs(x) < 1e-12, 0.0, np.abs(x))
    x = x / np.linalg.norm(x)
    return {n: float(v) for n, v in zip(nodes, x)}


def _signed_columns(snap: Dataset, ids: list[str]) -> dict[str, dict[str, float]]:
    """PN (all, in, out) and the signed eigenvector; zeros where the signed layer is empty."""
    import warnings

    from ..errors import GeographError
    from .signed_centrality import pn_centrality, signed_eigenvector

    cols = {f"pn{suffix}": pn_centrality(snap, mode) if ids else {}
            for suffix, mode in (("", "all"), ("_in", "in"), ("_out", "out"))}
    try:
        with warnings.catch_warnings():
            # a tie between the two largest |eigenvalues| is reported in the docs, not on every run
            warnings.simplefilter("ignore", RuntimeWarning)
            cols["signed_eigenvector"] = signed_eigenvector(snap)
    except GeographError:
        cols["signed_eigenvector"] = {n: 0.0 for n in ids}
    return cols


def centrality(dataset: Dataset, at: str | _dt.date | None = None, *,
               sort: str | None = None, top: int | None = None) -> "pd.DataFrame":
    """The centrality report: one row per actor, one column per metric in :data:`METRICS`.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Take the snapshot on this day. Default: the dataset's own snapshot date if it is one,
        else today.
    sort : str, optional
        A metric name: rows sorted by it, largest first (ties by id). Default: by id.
    top : int, optional
        Keep only the first ``top`` rows.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor ``id``; columns ``name``, ``kind``, then the metrics.

    Notes
    -----
    Columns follow :data:`graph.metrics.METRICS`. Path measures (betweenness, closeness) read the alignment layer with
    ``distance = 1 / strength``: a strong alignment is a short step. Spectral measures
    (eigenvector, PageRank) read strength directly as weight. Tension is never a negative
    weight: it has its own layer and measures. See :mod:`graph.network` for how several
    relations of a pair are combined.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABC"), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 0.5),
    ...     Relation("bc", "B", "C", False, "alignment", "economic", 0.25),
    ...     Relation("ac", "A", "C", False, "tension", "security", 0.8)))
    >>> df = centrality(ds, at="2025")
    >>> float(df.loc["B", "alignment_strength"]), float(df.loc["A", "tension_strength"])
    (0.75, 0.8)
    >>> float(df.loc["B", "betweenness"])     # B lies on the only alignment path from A to C
    1.0
    """
    import pandas as pd

    if sort is not None and sort not in _NAMES:
        raise OptionError(f"unknown metric '{sort}'; choose one of: {', '.join(_NAMES)}")
    if top is not None and top < 1:
        raise OptionError(f"--top must be at least 1, got {top}")
    snap = snapshot(dataset, at) if at is not None or dataset.at is None else dataset
    al, te = layer(snap, "alignment"), layer(snap, "tension")
    ids = sorted(a.id for a in snap.actors)
    cols: dict[str, dict[str, float]] = {}
    both = nx.compose(nx.Graph(al.edges()), nx.Graph(te.edges()))
    both.add_nodes_from(ids)
    cols["degree"] = dict(both.degree())
    cols["alignment_degree"] = dict(al.degree())
    cols["tension_degree"] = dict(te.degree())
    cols["alignment_strength"] = dict(al.degree(weight="weight"))
    cols["tension_strength"] = dict(te.degree(weight="weight"))
    cols["net_strength"] = {n: cols["alignment_strength"][n] - cols["tension_strength"][n] for n in ids}
    cols["tension_share"] = {
        n: (cols["tension_strength"][n] / total if (total := cols["alignment_strength"][n]
                                                     + cols["tension_strength"][n]) else 0.0)
        for n in ids
    }
    cols["betweenness"] = nx.betweenness_centrality(al, weight="distance", normalized=True)
    cols["closeness"] = nx.closeness_centrality(al, distance="distance")
    cols["eigenvector"] = eigenvector(al)
    cols["pagerank"] = nx.pagerank(al, weight="weight") if ids else {}
    cols["tension_eigenvector"] = eigenvector(te)
    cols.update(_signed_columns(snap, ids))
    frame = pd.DataFrame(
        {
            "name": {a.id: a.name for a in snap.actors},
            "kind": {a.id: a.kind for a in snap.actors},
            **{m: {n: float(cols[m].get(n, 0.0)) for n in ids} for m in _NAMES},
        },
        index=pd.Index(ids, name="id"),
    )
    for m in ("degree", "alignment_degree", "tension_degree"):
        frame[m] = frame[m].astype(int)
    if sort is not None:
        frame = frame.assign(_id=frame.index).sort_values([sort, "_id"], ascending=[False, True])
        frame = frame.drop(columns="_id")
    if top is not None:
        frame = frame.head(top)
    frame.attrs["at"] = snap.at.isoformat() if snap.at else None
    return frame

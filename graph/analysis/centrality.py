"""Centrality of every actor, computed on the layer where each measure means something."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import networkx as nx
import numpy as np

from ..errors import OptionError
from ..metrics import METRICS, Metric
from ..model import Dataset
from ..network import Network, gc_paused, network
from ..rules import did_you_mean

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Metric", "METRICS", "DEFAULT_METRIC", "centrality", "eigenvector", "estimate_bounds"]


_NAMES = tuple(m.name for m in METRICS)


def eigenvector(g: nx.Graph, weight: str = "weight") -> dict[str, float | None]:
    """Eigenvector centrality, exact and defined on disconnected graphs.

    The leading eigenvector of the weighted adjacency matrix, scaled to unit Euclidean norm (as
    NetworkX does). When several components share the largest eigenvalue, it is the projection of
    the uniform vector onto that eigenspace, which is where power iteration from a uniform start
    converges; actors with ties outside those components score 0. An actor with no tie in ``g``
    has no score (None): it is not part of the network the eigenvector describes. Weights must be
    non-negative.

    Notes
    -----
    Up to :data:`graph.analysis._spectral.DENSE_LIMIT` actors the whole matrix is decomposed
    (``numpy.linalg.eigh``); above, each connected component's leading eigenpair comes from a
    sparse solver and the same projection is taken (the same result, to about 1e-12).

    Examples
    --------
    >>> g = nx.path_graph(3)           # 0 - 1 - 2 : the middle has sqrt(2) times the ends' score
    >>> {k: round(v, 6) for k, v in eigenvector(g).items()}
    {0: 0.5, 1: 0.707107, 2: 0.5}
    >>> g.add_node(3)                  # an actor without a tie has no score
    >>> eigenvector(g)[3] is None
    True
    """
    from ._spectral import DENSE_LIMIT, leading_eigenpairs

    nodes = list(g)
    if not nodes:
        return {}
    if any(d.get(weight, 1) < 0 for _, _, d in g.edges(data=True)):
        raise ValueError("eigenvector centrality needs non-negative weights")
    if g.number_of_edges() == 0:
        return dict.fromkeys(nodes)
    if len(nodes) > DENSE_LIMIT and nx.number_of_selfloops(g) == 0:
        index = {v: i for i, v in enumerate(nodes)}
        triples = np.array([(index[a], index[b], w) for a, b, w in g.edges(data=weight, default=1)],
                           dtype=float).reshape(-1, 3)
        _, basis = leading_eigenpairs(triples[:, 0].astype(int), triples[:, 1].astype(int), triples[:, 2],
                                      len(nodes), magnitude=False)
    else:
        a = nx.to_numpy_array(g, nodelist=nodes, weight=weight)
        values, vectors = np.linalg.eigh(a)
        top = values[-1]
        basis = vectors[:, values >= top - 1e-9 * max(1.0, abs(top))]
    x = basis @ (basis.T @ np.ones(len(nodes)))
    x = np.where(np.abs(x) < 1e-12, 0.0, np.abs(x))
    x = x / np.linalg.norm(x)
    return {n: float(v) if g.degree(n) else None for n, v in zip(nodes, x)}


def _signed_columns(net: Network, ids: list[str], wanted: frozenset[str]) -> dict[str, dict[str, float | None]]:
    """PN (all, in, out) and the signed eigenvector, those of them in ``wanted``; None where an actor
    has no tie they read."""
    import warnings

    from ..errors import GeographError
    from .signed_centrality import pn_centralities, signed_eigenvector

    modes = tuple((column, mode) for column, mode in (("pn", "all"), ("pn_in", "in"), ("pn_out", "out"))
                  if column in wanted)
    found = pn_centralities(net, tuple(mode for _, mode in modes)) if modes else {}
    cols = {column: found[mode] for column, mode in modes}
    if "signed_eigenvector" in wanted:
        try:
            with warnings.catch_warnings():
                # a tie between the two largest |eigenvalues| is reported in the docs, not on every run
                warnings.simplefilter("ignore", RuntimeWarning)
                cols["signed_eigenvector"] = signed_eigenvector(net)
        except GeographError:  # no signed tie at all: no actor has a place on the main divide
            cols["signed_eigenvector"] = dict.fromkeys(ids)
    return cols


#: The stages of the report that :func:`centrality` counts for its ``progress``.
REPORT_STAGES = 4
#: What ``top`` ranks by when no ``sort`` is given: the most aligned actors first.
DEFAULT_METRIC = "alignment_strength"


def _tied(g: nx.Graph) -> nx.Graph:
    """The part of a layer that has ties: ``g`` without the actors that have no edge in it.

    Path measures and PageRank are computed here, so an actor without a tie in the layer neither
    gets a score nor counts in anyone else's normalisation.

    >>> g = nx.path_graph(3); g.add_node(9)
    >>> sorted(_tied(g))
    [0, 1, 2]
    """
    return g.subgraph([n for n in g if g.degree(n)])


def _pagerank(g: nx.Graph) -> dict[str, float]:
    """PageRank over the actors with an alignment tie (so it sums to 1 over them)."""
    return nx.pagerank(g, weight="weight") if g.number_of_nodes() else {}


#: What the report says of betweenness when it was not asked for (no path measure computed).
_NOT_COMPUTED = {"engine": None, "betweenness": None, "closeness": None, "pivots": None}
#: The columns each costly step yields: a report without them skips the step.
_PATH, _SPECTRAL, _SIGNED = ("betweenness", "closeness"), ("eigenvector", "pagerank", "tension_eigenvector"), \
    ("pn", "pn_in", "pn_out", "signed_eigenvector")


def _columns(net: Network, engine: str | None, exact: bool | None, progress: Callable[[int, int], None],
             wanted: frozenset[str] = frozenset(_NAMES), sample: int | None = None) -> tuple[dict[str, dict], dict]:
    """The metric columns in ``wanted`` (None where an actor has no value), and how betweenness was computed.

    Only the steps that yield a wanted column run: the counts and strengths cost one pass over the
    layers, but betweenness and closeness are a shortest-path search from every actor, and the
    spectral and signed measures a matrix solve each.
    """
    from ._engines import path_measures

    progress(0, REPORT_STAGES)
    al, te = net.alignment, net.tension
    ids = sorted(a.id for a in net.actors)
    cols: dict[str, dict[str, float | None]] = {}
    neighbours: dict[str, set[str]] = {n: set() for n in ids}
    for g in (al, te):
        for u, v in g.edges():
            neighbours[u].add(v)
            neighbours[v].add(u)
    cols["degree"] = {n: len(x) for n, x in neighbours.items()}
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
    progress(1, REPORT_STAGES)
    info = dict(_NOT_COMPUTED)
    if wanted.intersection(_PATH):
        cols["betweenness"], cols["closeness"], info = path_measures(_tied(al), engine, exact=exact, sample=sample)
    progress(2, REPORT_STAGES)
    if "eigenvector" in wanted:
        cols["eigenvector"] = eigenvector(al)
    if "pagerank" in wanted:
        cols["pagerank"] = _pagerank(_tied(al))
    if "tension_eigenvector" in wanted:
        cols["tension_eigenvector"] = eigenvector(te)
    progress(3, REPORT_STAGES)
    cols.update(_signed_columns(net, ids, wanted))
    progress(4, REPORT_STAGES)
    return {m: cols[m] for m in _NAMES if m in wanted}, info


def estimate_bounds(attrs: Mapping[str, Any]) -> dict[str, str]:
    """How sure each estimated path measure of a report is, in words (``frame.attrs`` of
    :func:`centrality`): metric name to its bound, and for closeness its standard error.

    Examples
    --------
    >>> estimate_bounds({"betweenness": "estimated", "betweenness_error_bound": 0.0731, "closeness": "exact"})
    {'betweenness': 'every value within 0.073 of the exact one with probability 0.99 (a worst case)'}
    """
    out = {}
    if attrs.get("betweenness") == "estimated":
        out["betweenness"] = (f"every value within {attrs['betweenness_error_bound']:.2g} of the exact one with "
                              "probability 0.99 (a worst case)")
    if attrs.get("closeness") == "estimated":
        bound = attrs["closeness_relative_error_bound"]
        sure = (f"every value within {bound:.0%} of the exact one with probability 0.99 (a worst case)"
                if bound < float("inf") else "too few sources for a guaranteed bound")
        out["closeness"] = f"{sure}; standard error at most {attrs['closeness_relative_standard_error']:.1%}"
    return out


def _value(x: float | None) -> float:
    """A report cell: the metric as a float, NaN (pandas' missing value) where there is none."""
    return float("nan") if x is None else float(x)


def _quiet(done: int, total: int) -> None:
    """A ``progress`` that shows nothing."""


def centrality(dataset: Dataset | Network, at: str | _dt.date | None = None, *,
               sort: str | None = None, top: int | None = None, engine: str | None = None,
               exact: bool | None = None, progress: Callable[[int, int], None] | None = None,
               metrics: Sequence[str] | None = None, sample: int | None = None) -> "pd.DataFrame":
    """The centrality report: one row per actor, one column per metric in :data:`METRICS`.

    Parameters
    ----------
    dataset : Dataset or Network
        A :class:`~graph.network.Network` is read as built (its layers are not built again).
    at : date or text, optional
        Take the snapshot on this day. Default: the dataset's own snapshot date if it is one,
        else today.
    sort : str, optional
        A metric name: rows sorted by it, largest first, ties by id, actors without a value
        last (by id). Default: by id, or by :data:`DEFAULT_METRIC` when ``top`` is given.
    top : int, optional
        Keep only the first ``top`` rows: the ``top`` largest by ``sort``.
    engine : {"auto", "networkx", "igraph"}, optional
        What computes betweenness and closeness (:mod:`graph.analysis._engines`): the same
        numbers either way, igraph (optional, ``pip install "geograph[fast]"``) much faster on
        large graphs. Default: the environment variable ``GEOGRAPH_ENGINE``, else ``auto``
        (igraph when installed and the graph is large enough for it to pay).
    exact : bool, optional
        ``True``: exact betweenness whatever the size; ``False``: estimated from pivots whatever
        the size. Default: exact up to about 5,000 actors with 20,000 alignment ties
        (nodes × edges up to ``EXACT_BETWEENNESS_WORK``), estimated above.
    progress : callable, optional
        Called as ``progress(done, total)`` before the first of the report's :data:`REPORT_STAGES` stages
        (``done`` 0) and after each (layers and strengths; betweenness and closeness; eigenvector
        and PageRank; the signed measures): on 5,000 actors the report takes seconds.
    metrics : sequence of str, optional
        Compute only these columns (and ``sort``'s), in :data:`METRICS` order: a caller that shows
        one metric does not pay for the others (betweenness is a shortest-path search from every
        actor). Default: every metric. Without betweenness or closeness, ``attrs`` gives ``None``
        for ``engine``, ``betweenness``, ``closeness`` and ``pivots``.
    sample : int, optional
        Estimate betweenness *and* closeness from this many seeded sources in each connected part
        of the alignment layer (a part with no more actors is computed exactly), whatever ``exact``
        says: a quick look at a large graph (the page does this above
        :data:`graph.render.PAGE_EXACT_ACTORS` actors), with each measure's error bound in
        ``attrs``. Default: closeness exact, betweenness as ``exact`` says.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor ``id`` (the actors of the network: the agents, unless the model keeps
        arenas); columns ``name``, ``kind``, then the metrics, missing (``NaN``; ``null`` in the
        JSON report, blank in the others) where an actor has none (see Notes). ``attrs`` holds
        ``at``, ``engine``, ``betweenness`` (``"exact"`` or ``"estimated"``) and ``pivots``, and
        when estimated ``betweenness_error_bound``; ``closeness`` (``"exact"``, or ``"estimated"``
        with ``sample``) and when estimated ``closeness_relative_error_bound`` (every actor at once,
        probability 0.99) and ``closeness_relative_standard_error`` (the largest).

    Notes
    -----
    Columns follow :data:`graph.metrics.METRICS`. Path measures (betweenness, closeness) read the alignment layer with
    ``distance = 1 / strength``: a strong alignment is a short step; paths whose lengths agree
    within a relative 1e-10 are equally short. Spectral measures (eigenvector, PageRank) read
    strength directly as weight. Tension is never a negative weight: it has its own layer and
    measures. See :mod:`graph.network` for how several relations of a pair are combined.

    An actor with no tie in the layer a metric reads is *unconnected* for that metric and gets no
    value: no alignment tie, no ``betweenness``, ``closeness``, ``eigenvector`` or ``pagerank``;
    no tension tie, no ``tension_eigenvector``; no alignment or tension tie, no ``pn``, ``pn_in``,
    ``pn_out``; no tie in the signed layer (none, or only ambivalent ones), no
    ``signed_eigenvector``. Unconnected actors stay out of every normalisation: betweenness and
    closeness are normalised by the number of actors with an alignment tie, PageRank sums to 1
    over them, and PN's ``beta = 1/(2n - 2)`` counts only the actors with a tie. The counts and
    sums (``degree``, ``alignment_degree``, ``tension_degree``, the three strengths) are a true
    0 for an actor without ties, and so is ``tension_share`` (no tension).

    Above the exact size, betweenness is the Brandes–Pich pivot estimate (Brandes & Pich 2007,
    Int. J. Bifurcation Chaos 17:2303, doi:10.1142/S0218127407018403) from a seeded sample of
    sources, the same in both engines; every score is then within ``betweenness_error_bound`` of
    the exact one with probability 0.99 (:func:`graph.analysis._engines.pivot_error_bound`), and
    in practice much closer.

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
    >>> ds = Dataset(actors=ds.actors + (Actor("D", "D", "state"),), relations=ds.relations)
    >>> df = centrality(ds, at="2025")         # D has no relation: no path, spectral or PN value
    >>> int(df.loc["D", "degree"]), bool(df.loc["D", ["betweenness", "pagerank", "pn"]].isna().all())
    (0, True)
    >>> float(df.loc["B", "betweenness"]), round(float(df["pagerank"].sum()), 9)   # D counts nowhere
    (1.0, 1.0)
    >>> list(centrality(ds, at="2025", top=2).index)     # top without sort: by alignment strength
    ['B', 'A']
    """
    import pandas as pd

    for name in (sort,) + tuple(metrics or ()):
        if name is not None and name not in _NAMES:
            hint = did_you_mean(name, _NAMES)
            raise OptionError(f"unknown metric '{name}'; choose one of: {', '.join(_NAMES)}"
                              + (f". Hint: {hint}" if hint else ""))
    if top is not None and top < 1:
        raise OptionError(f"{{top}} must be at least 1, got {top}", parameters=("top",))
    if sort is None and top is not None:
        sort = DEFAULT_METRIC  # the first N by id would be an alphabet, not a ranking
    wanted = frozenset(_NAMES) if metrics is None else frozenset(metrics) | ({sort} - {None})
    with gc_paused():
        net = network(dataset, at)
        cols, info = _columns(net, engine, exact, progress or _quiet, wanted, sample)
    snap = net.dataset
    ids = sorted(a.id for a in snap.actors)
    frame = pd.DataFrame(
        {
            "name": {a.id: a.name for a in snap.actors},
            "kind": {a.id: a.kind for a in snap.actors},
            **{m: {n: _value(values.get(n)) for n in ids} for m, values in cols.items()},
        },
        index=pd.Index(ids, name="id"),
    )
    for m in ("degree", "alignment_degree", "tension_degree"):
        if m in frame:
            frame[m] = frame[m].astype(int)
    if sort is not None:
        frame = frame.assign(_id=frame.index).sort_values([sort, "_id"], ascending=[False, True],
                                                          na_position="last", kind="mergesort")
        frame = frame.drop(columns="_id")
    if top is not None:
        frame = frame.head(top)
    frame.attrs["at"] = snap.at.isoformat() if snap.at else None
    frame.attrs["engine"] = info["engine"]
    frame.attrs["betweenness"] = info["betweenness"]
    frame.attrs["pivots"] = info["pivots"]
    if "error_bound" in info:
        frame.attrs["betweenness_error_bound"] = info["error_bound"]
    frame.attrs["closeness"] = info.get("closeness")
    for key in ("closeness_relative_error_bound", "closeness_relative_standard_error"):
        if key in info:
            frame.attrs[key] = info[key]
    return frame

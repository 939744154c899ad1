"""From a dataset to NetworkX graphs: the multigraph of relations and the aggregated layers.

Three simple, undirected layers are built from the relations in force:

``alignment``
    One edge per pair with at least one alignment relation. ``weight`` is the combined strength
    ``1 - prod(1 - w_i)`` of its alignment relations ("noisy-or": several independent ties are
    stronger than any one of them, never stronger than 1), ``distance = 1 / weight``.
``tension``
    The same for tension relations.
``signed``
    One edge per pair with a net sign: ``net = alignment - tension`` (the two combined strengths).
    ``sign`` is +1 or -1 and ``weight = |net|`` is a magnitude in (0, 1]. Pairs whose alignment and
    tension cancel exactly have no net sign and are left out (listed in ``graph["ambivalent"]``).

No layer ever carries a negative ``weight``: the sign sits in its own attribute, so NetworkX's
path and spectral methods cannot misread it. Directed relations count for their pair in these
layers; the multigraph keeps their direction.

A :class:`Network` holds a dataset on one day with its three layers built: :func:`network` makes one,
and every analysis takes it (or a dataset, and builds one), so a command builds its layers once.
"""

from __future__ import annotations

import datetime as _dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

import networkx as nx

from .errors import OptionError
from .model import Actor, Dataset, Relation

__all__ = ["LAYERS", "Network", "network", "dataset_of", "combine", "multigraph", "layer", "layers", "snapshot",
           "resolve_date", "gc_paused"]

LAYERS = ("alignment", "tension", "signed")


def combine(weights: Iterable[float]) -> float:
    """Combine the strengths of several relations of one pair and kind: ``1 - prod(1 - w)``.

    Stays in (0, 1]; one relation keeps its weight; adding a relation never lowers the result.

    Examples
    --------
    >>> combine([0.5])
    0.5
    >>> combine([0.5, 0.5])
    0.75
    >>> combine([0.4, 1.0])
    1.0
    """
    weights = list(weights)
    if len(weights) == 1:
        return weights[0]  # exact: 1 - (1 - w) can differ from w in the last bit
    remaining = 1.0
    for w in weights:
        remaining *= 1.0 - w
    return 1.0 - remaining


def resolve_date(at: str | _dt.date | None, parameter: str = "at") -> _dt.date:
    """The day a snapshot is taken: a ``date``, a partial date text (its first day), or today.

    ``parameter`` names the caller's parameter that held the value, for the error message.

    Examples
    --------
    >>> resolve_date("2024")
    datetime.date(2024, 1, 1)
    >>> resolve_date("2024-13", "start")
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: start '2024-13' is not a date (month 13 does not exist). Hint: ...
    """
    from .dates import parse_date

    if at is None:
        return _dt.date.today()
    if isinstance(at, _dt.date):
        return at
    try:
        return parse_date(at).start
    except ValueError as exc:
        raise OptionError("{%s} '%s' is not a date (%s). Hint: write YYYY, YYYY-MM or YYYY-MM-DD."
                          % (parameter, at, exc), parameters=(parameter,)) from None


def snapshot(dataset: Dataset, at: str | _dt.date | None = None) -> Dataset:
    """The dataset on day ``at`` (default today): only the relations in force that day.

    A relation holds when ``since <= at < until``; a partial date stands for its first day, so
    ``since: 2022`` starts on 2022-01-01 and ``until: 2023`` ends on 2022-12-31.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> from graph.dates import parse_date
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")),
    ...              relations=(Relation("r", "A", "B", False, "alignment", "economic", 0.5,
    ...                                  since=parse_date(2022)),))
    >>> len(snapshot(ds, "2021").relations), len(snapshot(ds, "2022").relations)
    (0, 1)
    """
    return dataset.snapshot(resolve_date(at))


@dataclass(frozen=True, eq=False)
class Network:
    """A dataset on one day with its three layers built: the value every analysis reads.

    Make it once, with :func:`network` (the snapshot on a day) or :meth:`Network.of` (the
    relations as given), and hand it to every analysis: each reads the layers built here instead
    of building its own. Analyses still take a plain :class:`~graph.model.Dataset` and build the
    network themselves.

    Attributes
    ----------
    dataset : Dataset
        The relations the layers were built from (a snapshot, when made by :func:`network`).
    alignment, tension, signed : networkx.Graph
        The layers (see the module notes). Shared by every analysis: read them, never change them.
    origin : Dataset or None
        The dataset the snapshot was taken from (every relation, in force or not), when
        :func:`network` took one; see :attr:`whole`.

    Examples
    --------
    >>> from graph import load
    >>> net = network(load(), at="2025-03-01")
    >>> net.at, net.layer("signed") is net.signed
    (datetime.date(2025, 3, 1), True)
    """

    dataset: Dataset
    alignment: nx.Graph
    tension: nx.Graph
    signed: nx.Graph
    origin: Dataset | None = None

    @classmethod
    def of(cls, dataset: "Dataset | Network") -> "Network":
        """The layers of ``dataset``'s relations as given (no snapshot); a Network as it is.

        Examples
        --------
        >>> from graph.model import Actor, Relation
        >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")),
        ...              relations=(Relation("r", "A", "B", False, "tension", "security", 0.5),))
        >>> net = Network.of(ds)
        >>> net.signed["A"]["B"]["sign"], Network.of(net) is net
        (-1, True)
        """
        if isinstance(dataset, Network):
            return dataset
        return cls(dataset, **_build(dataset, LAYERS))

    @property
    def at(self) -> _dt.date | None:
        """The snapshot day, or None when the relations were taken as given."""
        return self.dataset.at

    @property
    def whole(self) -> Dataset:
        """The dataset before the snapshot: what a relation's history or a scenario is read from."""
        return self.origin if self.origin is not None else self.dataset

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The dataset's actors."""
        return self.dataset.actors

    @property
    def relations(self) -> tuple[Relation, ...]:
        """The relations the layers were built from."""
        return self.dataset.relations

    def layer(self, name: str) -> nx.Graph:
        """One layer by name: ``alignment``, ``tension`` or ``signed``."""
        _check_layers((name,))
        return getattr(self, name)

    @property
    def layers(self) -> dict[str, nx.Graph]:
        """The three layers by name, in :data:`LAYERS` order."""
        return {name: getattr(self, name) for name in LAYERS}


def network(dataset: "Dataset | Network", at: str | _dt.date | None = None) -> Network:
    """The dataset on day ``at`` with its layers built once: the value to hand to every analysis.

    Parameters
    ----------
    dataset : Dataset or Network
        A Network is returned as it is (``at`` must then be None or its own day).
    at : date or text, optional
        The snapshot day. Default: the dataset's own snapshot day if it is a snapshot, else today.

    Raises
    ------
    OptionError
        When ``at`` is not a date, or asks a built network for another day.

    Examples
    --------
    >>> from graph import load
    >>> net = network(load(), at="2021")
    >>> network(net) is net, net.alignment.number_of_nodes() == len(net.actors)
    (True, True)
    """
    if isinstance(dataset, Network):
        if at is not None and resolve_date(at) != dataset.at:
            raise OptionError("{at} %s asks for another day than the network's (%s). Hint: make a network for "
                              "that day with network(dataset, at)." % (resolve_date(at), dataset.at),
                              parameters=("at",))
        return dataset
    snap = snapshot(dataset, at) if at is not None or dataset.at is None else dataset
    net = Network.of(snap)
    return net if snap is dataset else replace(net, origin=dataset)


def dataset_of(value: "Dataset | Network") -> Dataset:
    """The dataset a value holds: a Network's relations, or the dataset itself.

    For measures that read relations rather than layers: they take either, and build nothing.

    Examples
    --------
    >>> from graph import load
    >>> ds = load()
    >>> dataset_of(ds) is ds, dataset_of(Network.of(ds)) is ds
    (True, True)
    """
    return value.dataset if isinstance(value, Network) else value


def multigraph(dataset: Dataset) -> nx.MultiGraph:
    """Every relation as its own edge (keyed by relation id), every actor as a node.

    Node attributes: ``name``, ``kind``, ``tags``. Edge attributes: every field of the relation
    (``kind``, ``domain``, ``weight``, ``sign``, ``since``, ``until`` as text or None, ``source``,
    ``target``, ``directed``, ``confidence``, ``evidence``, ``sources``).

    Examples
    --------
    >>> from graph import load
    >>> g = multigraph(load())
    >>> g.number_of_edges("AZE", "IRN") > 1   # several relations per pair
    True
    """
    g = nx.MultiGraph(title=dataset.title, at=dataset.at.isoformat() if dataset.at else None)
    for a in dataset.actors:
        g.add_node(a.id, name=a.name, kind=a.kind, tags=list(a.tags))
    for r in dataset.relations:
        g.add_edge(r.source, r.target, key=r.id, **_edge_attrs(r))
    return g


def _edge_attrs(r: Relation) -> dict[str, object]:
    return {
        "id": r.id,
        "kind": r.kind,
        "domain": r.domain,
        "weight": r.weight,
        "sign": r.sign,
        "since": str(r.since) if r.since else None,
        "until": str(r.until) if r.until else None,
        "source": r.source,
        "target": r.target,
        "directed": r.directed,
        "confidence": r.confidence,
        "evidence": r.evidence,
        "sources": list(r.sources),
    }


def layer(dataset: Dataset, name: str = "alignment") -> nx.Graph:
    """One aggregated, undirected layer: ``alignment``, ``tension`` or ``signed``.

    Every actor is a node, connected or not, so measures cover every actor. See the module notes
    for the combining rule and edge attributes.

    Parameters
    ----------
    dataset : Dataset
        Usually a snapshot (:func:`snapshot`); the relations are taken as given.
    name : {"alignment", "tension", "signed"}

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")), relations=(
    ...     Relation("r1", "A", "B", False, "alignment", "economic", 0.5),
    ...     Relation("r2", "A", "B", False, "alignment", "transport", 0.5),
    ...     Relation("r3", "A", "B", False, "tension", "security", 0.25)))
    >>> layer(ds, "alignment")["A"]["B"]["weight"], layer(ds, "alignment")["A"]["B"]["distance"]
    (0.75, 1.3333333333333333)
    >>> s = layer(ds, "signed")["A"]["B"]
    >>> s["sign"], s["weight"]
    (1, 0.5)
    """
    _check_layers((name,))
    return _build(dataset, (name,))[name]


def layers(dataset: Dataset, names: Iterable[str] = LAYERS) -> dict[str, nx.Graph]:
    """Several layers at once (one pass over the relations): ``{name: layer(dataset, name)}``.

    Examples
    --------
    >>> from graph import load
    >>> sorted(layers(load(), ("alignment", "tension")))
    ['alignment', 'tension']
    """
    names = tuple(names)
    _check_layers(names)
    return _build(dataset, names)


def _check_layers(names: tuple[str, ...]) -> None:
    for name in names:
        if name not in LAYERS:
            raise OptionError(f"unknown layer '{name}'; choose one of: {', '.join(LAYERS)}")


def _build(dataset: Dataset, names: tuple[str, ...]) -> dict[str, nx.Graph]:
    """The one place layers are built (tests count its calls: a command builds them once)."""
    with gc_paused():
        by_kind: dict[str, dict[tuple[str, str], list[Relation]]] = {"alignment": {}, "tension": {}}
        for r in dataset.relations:
            a, b = r.source, r.target
            groups = by_kind[r.kind]
            key = (a, b) if a <= b else (b, a)
            found = groups.get(key)
            if found is None:
                groups[key] = [r]
            else:
                found.append(r)
        strength = {kind: {key: rs[0].weight if len(rs) == 1 else combine(r.weight for r in rs)
                           for key, rs in groups.items()}
                    for kind, groups in by_kind.items()}
        nodes = [(a.id, {"name": a.name, "kind": a.kind}) for a in dataset.actors]
        out = {}
        for name in names:
            g = nx.Graph(layer=name)
            g.add_nodes_from(nodes)
            if name in ("alignment", "tension"):
                weights = strength[name]
                g.add_edges_from(
                    (a, b, {"weight": w, "distance": 1.0 / w, "relations": [r.id for r in by_kind[name][a, b]]})
                    for (a, b), w in sorted(weights.items()))
            else:
                g.graph["ambivalent"] = ambivalent = []
                aligned, opposed = strength["alignment"], strength["tension"]
                edges = []
                for key in sorted(aligned.keys() | opposed.keys()):
                    plus, minus = aligned.get(key, 0.0), opposed.get(key, 0.0)
                    net = plus - minus
                    if net == 0:
                        ambivalent.append(key)
                        continue
                    ids = [r.id for r in by_kind["alignment"].get(key, ())] + [
                        r.id for r in by_kind["tension"].get(key, ())]
                    edges.append((*key, {"sign": 1 if net > 0 else -1, "weight": abs(net), "alignment": plus,
                                         "tension": minus, "relations": ids}))
                g.add_edges_from(edges)
            out[name] = g
    return out


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small containers.

    They hold no cycles, but allocating them triggers full collections that walk every object
    already alive (a loaded dataset is millions): on 80,000 relations that doubled the build.

    Examples
    --------
    >>> with gc_paused():
    ...     pairs = [(i, i + 1) for i in range(3)]
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

"""From a dataset to NetworkX graphs: the multigraph of relations and the aggregated layers.

Three simple, undirected layers are built from the relations in force:

``alignment``
    One edge per pair with at least one alignment relation. ``weight`` is the pair's combined
    strength (see *Combining* below), ``distance = 1 / weight``.
``tension``
    The same for tension relations.
``signed``
    One edge per pair with a net sign: ``net = alignment - tension`` (the two combined strengths).
    ``sign`` is +1 or -1 and ``weight = |net|`` is a magnitude in (0, 1]. A pair with both
    alignment and tension whose net is small against them is **ambivalent** (see below): it is
    left out of this layer and listed in ``graph["ambivalent"]``.

No layer ever carries a negative ``weight``: the sign sits in its own attribute, so NetworkX's
path and spectral methods cannot misread it. Directed relations count for their pair in these
layers; the multigraph keeps their direction.

Agents and arenas
    Actors of the kinds in :data:`graph.model.ARENA_KINDS` (projects, regions) are *arenas*:
    agents have stakes in them (alignment: supports it; tension: contests it), but an arena holds
    no stance of its own. The layers hold the agents and the relations between agents; arenas and
    stakes are kept aside (:attr:`Network.arenas`, :attr:`Network.stakes`) for their own figures
    (:mod:`graph.analysis.arenas`). Two agents with a stake in one arena are not tied by it: the
    littoral states of a sea share a stake and may be rivals over it. This is the two-mode view of
    Borgatti & Everett (1997, *Social Networks* 19:243): actors and the events or places they are
    tied to are different modes, and a one-mode analysis of the actors must not read a shared
    place as a tie. ``Model(with_arenas=True)`` puts arenas back as nodes, as one-mode data.

Combining
    How the records of one pair and kind make one strength (:data:`graph.choices.COMBINE_RULES`;
    a dataset sets its own with a top-level ``combine:`` key, an analysis with ``Model(combine=)``):
    ``domain-max`` (the default) takes the strongest record in each domain and combines the
    domains by noisy-or ``1 - prod(1 - w)``: a record repeated, or a weaker one in the same domain,
    changes nothing; a stronger record shows; a tie in several fields is stronger than in one
    (multiplexity). ``noisy-or`` combines every record (so it grows with the number of rows),
    ``max`` keeps the strongest record, ``mean`` averages them.

Ambivalence
    A pair with alignment ``a`` and tension ``t`` is ambivalent when
    ``|a - t| <= ambivalence * max(a, t) + 1e-9`` (default band 0.1: the net is within a tenth of
    the stronger side; the 1e-9 absorbs floating-point noise such as 0.28 - 0.28 = -1.1e-16). Its
    sign is not defined, so every sign-only measure leaves it out, as signnet does with ambivalent
    ties.

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

from .choices import AMBIVALENCE, COMBINE_RULES
from .errors import OptionError
from .model import ARENA_KINDS, Actor, Dataset, Relation

__all__ = ["LAYERS", "AMBIVALENCE", "Model", "Network", "network", "dataset_of", "combine", "combine_records",
           "is_ambivalent", "multigraph", "layer", "layers", "snapshot", "resolve_date", "gc_paused"]

LAYERS = ("alignment", "tension", "signed")
#: Nets this close to the band's edge count as inside it: floating-point noise, not a sign.
_TOLERANCE = 1e-9


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


def combine_records(records: Iterable[Relation], rule: str = COMBINE_RULES[0]) -> float:
    """One strength from the records of one pair and kind, by ``rule`` (see the module notes).

    Examples
    --------
    >>> from graph.model import Relation
    >>> rs = [Relation(f"r{i}", "A", "B", False, "alignment", d, w)
    ...       for i, (d, w) in enumerate([("economic", 0.5), ("economic", 0.5), ("security", 0.5)])]
    >>> combine_records(rs), combine_records(rs[:1] + rs[2:])   # the repeated record changes nothing
    (0.75, 0.75)
    >>> combine_records(rs, "noisy-or"), combine_records(rs, "max"), combine_records(rs, "mean")
    (0.875, 0.5, 0.5)
    """
    records = list(records)
    if len(records) == 1:
        return records[0].weight
    if rule == "domain-max":
        strongest: dict[str, float] = {}
        for r in records:
            if r.weight > strongest.get(r.domain, 0.0):
                strongest[r.domain] = r.weight
        return combine(strongest[d] for d in sorted(strongest))
    if rule == "noisy-or":
        return combine(r.weight for r in records)
    if rule == "max":
        return max(r.weight for r in records)
    if rule == "mean":
        return sum(r.weight for r in records) / len(records)
    raise OptionError(f"{{combine}} '{rule}' is not a combining rule; choose one of: {', '.join(COMBINE_RULES)}",
                      parameters=("combine",))


def is_ambivalent(alignment: float, tension: float, band: float = AMBIVALENCE) -> bool:
    """Whether a pair with these combined strengths has no net sign (see the module notes).

    Examples
    --------
    >>> is_ambivalent(0.9, 0.85), is_ambivalent(0.9, 0.5), is_ambivalent(0.5, 0.0)
    (True, False, False)
    >>> is_ambivalent(0.28, 0.1 + 0.2 - 0.1 * 0.2, band=0.0)   # equal on paper, not in floating point
    True
    """
    if alignment <= 0.0 or tension <= 0.0:
        return False
    return abs(alignment - tension) <= band * max(alignment, tension) + _TOLERANCE


@dataclass(frozen=True)
class Model:
    """How the relations become layers: the combining rule, the ambivalence band, arenas or not.

    Attributes
    ----------
    combine : str or None
        A rule of :data:`graph.choices.COMBINE_RULES`; None takes the dataset's ``combine:`` key,
        or the default ``domain-max``.
    ambivalence : float
        The band in [0, 1) within which a net has no sign (:func:`is_ambivalent`).
    with_arenas : bool
        Keep arenas (projects, regions) and stakes in the layers, as nodes like any actor.

    Examples
    --------
    >>> Model().describe()
    'ties: strongest record per domain, domains combined by noisy-or; ambivalent within 10% of the stronger side; agents only (arenas left out)'
    """

    combine: str | None = None
    ambivalence: float = AMBIVALENCE
    with_arenas: bool = False

    def __post_init__(self) -> None:
        if self.combine is not None and self.combine not in COMBINE_RULES:
            raise OptionError(f"{{combine}} '{self.combine}' is not a combining rule; choose one of: "
                              f"{', '.join(COMBINE_RULES)}", parameters=("combine",))
        if not 0.0 <= self.ambivalence < 1.0:
            raise OptionError(f"{{ambivalence}} must be at least 0 and below 1, got {self.ambivalence}. Hint: 0.1 "
                              "leaves out nets within a tenth of the stronger side; 0 only exact ties",
                              parameters=("ambivalence",))

    def resolved(self, dataset: Dataset) -> "Model":
        """This model with its combining rule decided: its own, else the dataset's, else the default."""
        if self.combine is not None:
            return self
        return replace(self, combine=dataset.combine or COMBINE_RULES[0])

    def kept(self, dataset: Dataset) -> Dataset:
        """The actors and relations the layers are built from: without arenas and stakes, unless kept."""
        return _agents(dataset, self)

    def describe(self) -> str:
        """The model in words, one line, for every report and page to state."""
        rule = {"domain-max": "strongest record per domain, domains combined by noisy-or",
                "noisy-or": "every record combined by noisy-or", "max": "the strongest record",
                "mean": "the mean of the records"}[self.combine or COMBINE_RULES[0]]
        band = f"within {self.ambivalence:.0%} of the stronger side" if self.ambivalence else "when exactly even"
        arenas = "arenas as nodes" if self.with_arenas else "agents only (arenas left out)"
        return f"ties: {rule}; ambivalent {band}; {arenas}"


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
        The actors and relations the layers were built from: a snapshot, when made by
        :func:`network`, and only the agents and the relations between them unless the model keeps
        arenas.
    alignment, tension, signed : networkx.Graph
        The layers (see the module notes). Shared by every analysis: read them, never change them.
    origin : Dataset or None
        The dataset the snapshot was taken from (every actor and relation, in force or not), when
        :func:`network` took one; see :attr:`whole`.
    model : Model
        How the layers were built (its combining rule decided); analyses of other days reuse it.
    full : Dataset or None
        The snapshot with its arenas and stakes, when the model left them out of ``dataset``.

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
    model: Model = Model(combine=COMBINE_RULES[0])
    full: Dataset | None = None

    @classmethod
    def of(cls, dataset: "Dataset | Network", model: Model | None = None) -> "Network":
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
            _same_model(dataset, model)
            return dataset
        model = (model or Model()).resolved(dataset)
        agents = _agents(dataset, model)
        return cls(agents, **_build(agents, LAYERS, model), model=model, full=None if agents is dataset else dataset)

    @property
    def at(self) -> _dt.date | None:
        """The snapshot day, or None when the relations were taken as given."""
        return self.dataset.at

    @property
    def whole(self) -> Dataset:
        """The dataset before the snapshot and the model's choices (arenas and all): what a relation's
        history or a scenario is read from."""
        if self.origin is not None:
            return self.origin
        return self.full if self.full is not None else self.dataset

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The actors in the network: the agents, or every actor when the model keeps arenas."""
        return self.dataset.actors

    @property
    def arenas(self) -> tuple[Actor, ...]:
        """The arenas the model left out of the layers (none when it keeps them)."""
        if self.full is None:
            return ()
        kept = {a.id for a in self.dataset.actors}
        return tuple(a for a in self.full.actors if a.id not in kept)

    @property
    def stakes(self) -> tuple[Relation, ...]:
        """The relations left out with the arenas: an agent's stake in an arena, or two arenas' link."""
        if self.full is None:
            return ()
        kept = {a.id for a in self.dataset.actors}
        return tuple(r for r in self.full.relations if r.source not in kept or r.target not in kept)

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


def network(dataset: "Dataset | Network", at: str | _dt.date | None = None, *, model: Model | None = None
            ) -> Network:
    """The dataset on day ``at`` with its layers built once: the value to hand to every analysis.

    Parameters
    ----------
    dataset : Dataset or Network
        A Network is returned as it is (``at`` must then be None or its own day, ``model`` None or
        its own).
    at : date or text, optional
        The snapshot day. Default: the dataset's own snapshot day if it is a snapshot, else today.
    model : Model, optional
        How the layers are built (combining rule, ambivalence band, arenas). Default: ``Model()``
        with the dataset's own ``combine:`` rule.

    Raises
    ------
    OptionError
        When ``at`` is not a date, or asks a built network for another day or model.

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
        _same_model(dataset, model)
        return dataset
    snap = snapshot(dataset, at) if at is not None or dataset.at is None else dataset
    net = Network.of(snap, (model or Model()).resolved(dataset))
    return net if snap is dataset else replace(net, origin=dataset)


def _same_model(net: Network, model: Model | None) -> None:
    if model is not None and model.resolved(net.whole) != net.model:
        raise OptionError("this network was built with another model (%s). Hint: make a network with "
                          "network(dataset, at, model=model)." % net.model.describe(), parameters=("model",))


def _agents(dataset: Dataset, model: Model) -> Dataset:
    """The dataset without its arenas and their stakes, unless the model keeps them (then itself)."""
    if model.with_arenas or not any(a.kind in ARENA_KINDS for a in dataset.actors):
        return dataset
    agents = tuple(a for a in dataset.actors if a.kind not in ARENA_KINDS)
    kept = {a.id for a in agents}
    return replace(dataset, actors=agents,
                   relations=tuple(r for r in dataset.relations if r.source in kept and r.target in kept))


def dataset_of(value: "Dataset | Network") -> Dataset:
    """The dataset a value holds: a Network's (its agents, unless it keeps arenas), or the dataset itself.

    For measures that read relations rather than layers: they take either, and build nothing.

    Examples
    --------
    >>> from graph import load
    >>> ds = load()
    >>> net = Network.of(ds)
    >>> dataset_of(ds) is ds, dataset_of(net) is net.dataset, len(net.dataset.actors) < len(ds.actors)
    (True, True, True)
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


def layer(dataset: Dataset, name: str = "alignment", *, model: Model | None = None) -> nx.Graph:
    """One aggregated, undirected layer: ``alignment``, ``tension`` or ``signed``.

    Every agent (every actor, when the model keeps arenas) is a node, connected or not. See the
    module notes for the combining rule, ambivalence and edge attributes.

    Parameters
    ----------
    dataset : Dataset
        Usually a snapshot (:func:`snapshot`); the relations are taken as given.
    name : {"alignment", "tension", "signed"}
    model : Model, optional
        How the layer is built; default ``Model()``.

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
    model = (model or Model()).resolved(dataset)
    return _build(_agents(dataset, model), (name,), model)[name]


def layers(dataset: Dataset, names: Iterable[str] = LAYERS, *, model: Model | None = None) -> dict[str, nx.Graph]:
    """Several layers at once (one pass over the relations): ``{name: layer(dataset, name)}``.

    Examples
    --------
    >>> from graph import load
    >>> sorted(layers(load(), ("alignment", "tension")))
    ['alignment', 'tension']
    """
    names = tuple(names)
    _check_layers(names)
    model = (model or Model()).resolved(dataset)
    return _build(_agents(dataset, model), names, model)


def _check_layers(names: tuple[str, ...]) -> None:
    for name in names:
        if name not in LAYERS:
            raise OptionError(f"unknown layer '{name}'; choose one of: {', '.join(LAYERS)}")


def _build(dataset: Dataset, names: tuple[str, ...], model: Model) -> dict[str, nx.Graph]:
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
        rule, band = model.combine or COMBINE_RULES[0], model.ambivalence
        strength = {kind: {key: rs[0].weight if len(rs) == 1 else combine_records(rs, rule)
                           for key, rs in groups.items()}
                    for kind, groups in by_kind.items()}
        nodes = [(a.id, {"name": a.name, "kind": a.kind}) for a in dataset.actors]
        out = {}
        for name in names:
            g = nx.Graph(layer=name, combine=rule, ambivalence=band, with_arenas=model.with_arenas)
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
                    if is_ambivalent(plus, minus, band):
                        ambivalent.append(key)
                        continue
                    net = plus - minus
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

"""Balance read from the cycles of the signed layer: its ties, signed triangles and closed walks.

Every measure here reads the ``signed`` layer of :mod:`graph.network` (one tie per pair, with the
pair's net sign and its magnitude), from a :class:`~graph.network.Network` as built or from a
dataset's relations as given. :mod:`graph.analysis.balance` gathers them with the frustration
index into one report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import networkx as nx
import numpy as np

from ..model import Dataset
from ..network import Network

__all__ = ["TRIAD_TYPES", "SignedTie", "Triad", "signed_ties", "triads", "signed_triangles", "triangle_balance",
           "walk_balance"]

#: Signed triangle types, by their signs: balanced are "+++" and "+--".
TRIAD_TYPES = ("+++", "++-", "+--", "---")


@dataclass(frozen=True, order=True)
class SignedTie:
    """One tie of the signed layer: ``source < target``, ``sign`` ±1, ``weight`` the magnitude."""

    source: str
    target: str
    sign: int
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "sign": self.sign, "weight": self.weight}


@dataclass(frozen=True, order=True)
class Triad:
    """Three actors whose three pairs all have a net sign; ``signs`` sorted "+" first."""

    members: tuple[str, str, str]
    signs: str

    @property
    def balanced(self) -> bool:
        """An even number of negative ties: "+++" (all friends) or "+--" (two friends, one enemy)."""
        return self.signs.count("-") % 2 == 0


def signed_ties(dataset: Dataset | Network) -> list[SignedTie]:
    """The ties of the signed layer, sorted by pair.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")), relations=(
    ...     Relation("r", "A", "B", False, "tension", "security", 0.5),))
    >>> signed_ties(ds)
    [SignedTie(source='A', target='B', sign=-1, weight=0.5)]
    """
    g = Network.of(dataset).signed
    return sorted(SignedTie(*sorted((a, b)), d["sign"], d["weight"]) for a, b, d in g.edges(data=True))


def triads(g: nx.Graph) -> Iterator[Triad]:
    """Every triangle of a graph whose edges carry ``sign``, in sorted member order.

    Examples
    --------
    >>> g = nx.Graph([("A", "B", {"sign": 1}), ("B", "C", {"sign": 1}), ("A", "C", {"sign": -1})])
    >>> list(triads(g))
    [Triad(members=('A', 'B', 'C'), signs='++-')]
    """
    order = {n: i for i, n in enumerate(sorted(g))}
    for u in sorted(g):
        later = [v for v in g[u] if order[v] > order[u]]
        for v in sorted(later, key=order.get):
            for w in sorted(set(g[u]) & set(g[v]), key=order.get):
                if order[w] > order[v]:
                    signs = sorted("+" if g[a][b]["sign"] > 0 else "-" for a, b in ((u, v), (u, w), (v, w)))
                    yield Triad((u, v, w), "".join(signs))


def signed_triangles(dataset: Dataset | Network) -> tuple[dict[str, int], list[Triad]]:
    """The signed triangle census and the unbalanced triads.

    Returns
    -------
    census : dict
        Counts keyed by ``"+++"``, ``"++-"``, ``"+--"``, ``"---"``.
    unbalanced : list of Triad
        Triads with an odd number of negative ties ("++-" and "---"), sorted by members.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> A = tuple(Actor(x, x, "state") for x in "ABC")
    >>> ds = Dataset(actors=A, relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("bc", "B", "C", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0)))
    >>> census, unbalanced = signed_triangles(ds)
    >>> census["++-"], unbalanced[0].members
    (1, ('A', 'B', 'C'))
    """
    census = {t: 0 for t in TRIAD_TYPES}
    unbalanced = []
    for triad in triads(Network.of(dataset).signed):
        census[triad.signs] += 1
        if not triad.balanced:
            unbalanced.append(triad)
    return census, unbalanced


def triangle_balance(census: Mapping[str, int]) -> float | None:
    """Share of balanced triangles, ("+++" + "+--") / all; None when there is no triangle.

    This is signnet's ``balance_score(g, method = "triangles")``.

    Examples
    --------
    >>> triangle_balance({"+++": 3, "++-": 1, "+--": 0, "---": 0})
    0.75
    """
    total = sum(census.values())
    return (census["+++"] + census["+--"]) / total if total else None


def _matrix(dataset: Dataset | Network, weighted: bool) -> np.ndarray:
    g = Network.of(dataset).signed
    nodes = sorted(n for n in g if g.degree(n))  # an actor without a signed tie would add 1 to both traces
    index = {n: i for i, n in enumerate(nodes)}
    a = np.zeros((len(nodes), len(nodes)))
    for u, v, d in g.edges(data=True):
        value = d["sign"] * (d["weight"] if weighted else 1.0)
        a[index[u], index[v]] = a[index[v], index[u]] = value
    return a


def walk_balance(dataset: Dataset | Network, weighted: bool = False) -> float:
    """Walk-based balance: ``tr exp(A) / tr exp(|A|)`` (Estrada & Benzi 2014).

    Closed walks of every length, each weighted by ``1/k!``, with negative walks counting against;
    1 means balanced. This is signnet's ``balance_score(g, method = "walk")``. ``A`` is the signed
    adjacency matrix of the signed layer over the actors with a signed tie (an actor without one
    would add 1 to both traces and pull the ratio towards 1): entries ±1, or ± magnitude when ``weighted``.

    References
    ----------
    Estrada, E. & Benzi, M. (2014). Walk-based measure of balance in signed networks: Detecting
    lack of balance in social networks. Phys. Rev. E 90, 042802. doi:10.1103/PhysRevE.90.042802

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> A = tuple(Actor(x, x, "state") for x in "AB")
    >>> walk_balance(Dataset(actors=A, relations=(Relation("r", "A", "B", False, "tension", "security", 1.0),)))
    1.0
    """
    a = _matrix(dataset, weighted)
    if a.size == 0:
        return 1.0
    signed = np.linalg.eigvalsh(a)
    absolute = np.linalg.eigvalsh(np.abs(a))
    # log-sum-exp keeps large spectra from overflowing
    return float(math.exp(_logsumexp(signed) - _logsumexp(absolute)))


def _logsumexp(values: np.ndarray) -> float:
    top = float(values.max())
    return top + math.log(float(np.exp(values - top).sum()))

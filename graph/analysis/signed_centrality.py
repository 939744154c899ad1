"""Centrality on signed ties: PN centrality and the signed eigenvector.

The measures in :mod:`graph.analysis.centrality` read one layer at a time, so tension never
becomes a negative weight. The two measures here need both signs in one matrix; they build their
matrices themselves with numpy and never hand a negative weight to NetworkX.

``pn_centrality``
    Everett & Borgatti's PN index: walks count positively through alignment and negatively,
    twice as hard, through tension. Alignment and tension are kept apart (matrices ``P`` and
    ``N``), so a pair with both keeps both. Undirected (``mode="all"``) or, on the directed
    matrices, ``"out"`` and ``"in"``.
``signed_eigenvector``
    The eigenvector of the eigenvalue of largest absolute value of the signed adjacency matrix
    (R signnet's ``eigen_centrality_signed``), read from the ``signed`` layer, where a pair's
    alignment and tension are netted.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import GeographError, OptionError
from ..model import Dataset
from ..network import Model, Network, combine_records, dataset_of
from ._spectral import DENSE_LIMIT, leading_eigenpairs

__all__ = ["PN_MODES", "PN_DENSE_LIMIT", "pn_matrices", "pn_centrality", "pn_centralities", "signed_eigenvector"]

#: The modes of :func:`pn_centrality`.
PN_MODES = ("all", "out", "in")


def _check_relations(dataset: Dataset) -> dict[str, int]:
    """Index of every actor id in sorted order; refuses relations the matrices cannot hold."""
    index = {a: i for i, a in enumerate(dataset.actor_ids)}
    for r in dataset.relations:
        for end in (r.source, r.target):
            if end not in index:
                raise GeographError(
                    f"relation '{r.id}' names '{end}', which is not an actor of the dataset")
        if r.source == r.target:
            raise GeographError(f"relation '{r.id}' relates '{r.source}' to itself; "
                                "a signed centrality has no use for self-ties")
    return index


def _rule(dataset: Dataset | Network) -> str:
    """The combining rule of the layers: the network's own, else the dataset's or the default."""
    if isinstance(dataset, Network):
        return dataset.model.combine or Model().resolved(dataset.dataset).combine
    return Model().resolved(dataset).combine


def _cells(relations, index: dict[str, int], directed: bool) -> dict[tuple[int, int, str], list]:
    """The relations of each cell ``(row, column, kind)``: both cells of a mutual relation, one of an arc."""
    groups: dict[tuple[int, int, str], list] = {}
    for r in relations:
        i, j = index[r.source], index[r.target]
        for cell in ((i, j),) if directed and r.directed else ((i, j), (j, i)):
            key = (*cell, r.kind)
            found = groups.get(key)
            if found is None:
                groups[key] = [r]
            else:
                found.append(r)
    return groups


def pn_matrices(dataset: Dataset | Network, directed: bool = False) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The node order and the positive (``P``) and negative (``N``) tie matrices.

    Parameters
    ----------
    dataset : Dataset or Network
        Usually a snapshot (:func:`graph.network.snapshot`); the relations are taken as given.
        A Network's relations (its agents', unless it keeps arenas) are combined by its model's
        rule; a Dataset's by its own ``combine:`` rule or the default.
    directed : bool
        ``False``: both matrices are symmetric; ``P[i, j]`` is the combined alignment strength of
        the pair, whatever the direction its relations were written in. ``True``: a relation
        written ``from: A, to: B`` fills only ``[A, B]``; a mutual relation (``between``) fills
        both ``[A, B]`` and ``[B, A]``.

    Returns
    -------
    ids : list of str
        The actor ids, sorted: the order of rows and columns.
    P, N : numpy.ndarray
        ``n x n`` matrices with zero diagonals. ``P`` holds alignment, ``N`` tension, each the
        combination (:func:`graph.network.combine_records`, by the layers' rule: by default the
        strongest record per domain, domains by noisy-or) of the relations of that kind that
        apply to the pair (undirected) or to the ordered pair (directed), so entries lie in
        [0, 1] and a repeated record changes nothing. A pair can have an entry in both:
        alignment and tension are not netted here.

    Raises
    ------
    GeographError
        A relation names an actor the dataset does not have, or relates an actor to itself.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")), relations=(
    ...     Relation("r1", "A", "B", True, "alignment", "economic", 0.5),   # from A to B
    ...     Relation("r2", "A", "B", False, "alignment", "energy", 0.5),    # between A and B
    ...     Relation("r3", "B", "A", False, "tension", "security", 0.25)))
    >>> ids, P, N = pn_matrices(ds)
    >>> ids, P.tolist(), N.tolist()
    (['A', 'B'], [[0.0, 0.75], [0.75, 0.0]], [[0.0, 0.25], [0.25, 0.0]])
    >>> ids, P, N = pn_matrices(ds, directed=True)     # A -> B has both alignments, B -> A one
    >>> P.tolist()
    [[0.0, 0.75], [0.5, 0.0]]
    """
    rule = _rule(dataset)
    dataset = dataset_of(dataset)
    index = _check_relations(dataset)
    ids = list(index)
    n = len(ids)
    P, N = np.zeros((n, n)), np.zeros((n, n))
    for (i, j, kind), records in _cells(dataset.relations, index, directed).items():
        (P if kind == "alignment" else N)[i, j] = combine_records(records, rule)
    return ids, P, N


#: Above this many actors with a tie, PN is solved on sparse matrices: by iteration when the walk
#: sum converges fast, else by a sparse LU solve (the same result to about 1e-13); below it, or when
#: the system may be singular, by the dense solve.
PN_DENSE_LIMIT = 200

#: The sparse LU solve is used only when ``beta`` times a proven bound on the largest singular value
#: of ``A`` is below ``1 - _SINGULAR_MARGIN``: the system is then far from singular.
_SINGULAR_MARGIN = 1e-6


def _norm_bound(a) -> float:
    """An upper bound on the largest singular value of the sparse matrix ``a`` (Collatz–Wielandt).

    The symmetric non-negative block matrix ``B = [[0, |a|], [|a|^T, 0]]`` has spectral radius
    ``sigma_max(|a|) >= sigma_max(a)``, and ``rho(B) <= max_i (B x)_i / x_i`` for any positive
    ``x``. With ``x`` the square roots of ``B``'s row sums the bound is tight on stars and
    regular graphs, where the row-sum (Gershgorin) bound overshoots: a hub in tension with
    3,000 actors has row sum 6,000, while ``sigma_max`` is ``2 sqrt(3000)``, about 110.

    >>> from scipy.sparse import csr_array
    >>> star = csr_array(np.array([[0, 1, 1, 1, 1], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0],
    ...                            [1, 0, 0, 0, 0], [1, 0, 0, 0, 0]], dtype=float))
    >>> round(_norm_bound(star), 12)    # sigma_max = sqrt(4), the row-sum bound says 4
    2.0
    """
    m = abs(a)
    x_rows = np.sqrt(np.asarray(m.sum(axis=1)).ravel())
    x_cols = np.sqrt(np.asarray(m.sum(axis=0)).ravel())
    bound = 0.0
    # an empty row (column) of |a| is an isolated vertex of B: its ratio is 0/0 and bounds nothing
    for bx, x in ((m @ x_cols, x_rows), (m.T @ x_rows, x_cols)):
        held = x > 0
        if held.any():
            bound = max(bound, float((bx[held] / x[held]).max()))
    return bound


def _pn_sparse(net: Network, modes: tuple[str, ...]) -> dict[str, dict[str, float | None]] | None:
    """PN in several modes on sparse matrices, or None when the system may be singular (see below).

    ``x = 1 + beta A x`` (and, directed, ``out = 1 + beta A in``, ``in = 1 + beta A^T out``) is
    the walk sum itself. When ``beta`` times the largest absolute row (and column) sum of ``A`` is
    at most 1/2, the map is a contraction by that factor (Gershgorin) and about 60 steps of
    fixed-point iteration reach the last bit. Otherwise, typically when one actor has ties with a
    large share of the others (a hub: its row sum is about ``1 / beta``), the system is solved by
    a sparse LU factorisation (SuperLU, whose column ordering keeps a hub from filling in the
    factors), provided :func:`_norm_bound` proves it is not near singular; else None, and the
    caller solves densely (cubic in time, quadratic in memory: only the documented singular edge
    cases, which need almost every pair in full-strength tension). The undirected matrices are the
    weights of the network's ``alignment`` and ``tension`` layers; only the actors with a tie in
    one of them are in the matrices (see :func:`pn_centrality`).
    """
    dataset = net.dataset
    _check_relations(dataset)
    everyone = sorted(a.id for a in dataset.actors)
    ids = [a for a in everyone if net.alignment.degree(a) or net.tension.degree(a)]
    index = {a: i for i, a in enumerate(ids)}
    n = len(ids)
    if n < 2:
        return None
    beta = 1.0 / (2 * n - 2)
    matrices = {}
    if "all" in modes:
        triples = [(index[a], index[b], w) for a, b, w in net.alignment.edges(data="weight")]
        triples += [(index[a], index[b], -2.0 * w) for a, b, w in net.tension.edges(data="weight")]
        matrices["all"] = _sparse(triples, n, symmetric=True)
    if "in" in modes or "out" in modes:
        rule = _rule(net)
        matrices["in"] = matrices["out"] = _sparse(
            [(i, j, (1.0 if kind == "alignment" else -2.0) * combine_records(rs, rule))
             for (i, j, kind), rs in _cells(dataset.relations, index, True).items()], n, symmetric=False)
    iterate = all(_contraction(a, beta) <= 0.5 for a in matrices.values())
    if not iterate and any(beta * _norm_bound(a) >= 1.0 - _SINGULAR_MARGIN for a in matrices.values()):
        return None
    ones = np.ones(n)
    out: dict[str, dict[str, float | None]] = {}
    if "all" in modes:
        a = matrices["all"]
        x = _walk_sum(a, beta) if iterate else _lu_solve(_system(a, beta, coupled=False), ones)
        out["all"] = _scores(everyone, ids, x)
    if "in" in modes or "out" in modes:
        a = matrices["out"]
        if iterate:
            x_out, x_in = _coupled_walk_sum(a, beta)
        else:
            x = _lu_solve(_system(a, beta, coupled=True), np.ones(2 * n))
            x_out, x_in = x[:n], x[n:]
        out["out"], out["in"] = _scores(everyone, ids, x_out), _scores(everyone, ids, x_in)
    return out


def _contraction(a, beta: float) -> float:
    """``beta`` times the largest absolute row or column sum of ``a``: the iteration's rate bound."""
    absolute = abs(a)
    return beta * max(float(absolute.sum(axis=1).max(initial=0.0)), float(absolute.sum(axis=0).max(initial=0.0)))


def _walk_sum(a, beta: float) -> np.ndarray:
    """``x = 1 + beta a x`` by fixed-point iteration, to the last bit (a contraction: see :func:`_pn_sparse`)."""
    ones = np.ones(a.shape[0])
    x = ones
    for _ in range(200):
        new = ones + beta * (a @ x)
        done = np.array_equal(new, x)
        x = new
        if done:
            break
    return x


def _coupled_walk_sum(a, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """``out = 1 + beta a in`` and ``in = 1 + beta a^T out`` by fixed-point iteration."""
    ones = np.ones(a.shape[0])
    at = a.T.tocsr()
    x_out, x_in = ones, ones
    for _ in range(200):
        new_out, new_in = ones + beta * (a @ x_in), ones + beta * (at @ x_out)
        done = np.array_equal(new_out, x_out) and np.array_equal(new_in, x_in)
        x_out, x_in = new_out, new_in
        if done:
            break
    return x_out, x_in


def _system(a, beta: float, coupled: bool):
    """The sparse walk equations: ``I - beta a``, or coupled, ``[[I, -beta a], [-beta a^T, I]]``."""
    from scipy.sparse import coo_array

    c, n = a.tocoo(), a.shape[0]
    diagonal, step = np.arange(n), -beta * c.data
    if not coupled:
        rows, cols, vals = np.r_[diagonal, c.row], np.r_[diagonal, c.col], np.r_[np.ones(n), step]
        return coo_array((vals, (rows, cols)), shape=(n, n))
    diagonal = np.arange(2 * n)
    rows, cols = np.r_[diagonal, c.row, c.col + n], np.r_[diagonal, c.col + n, c.row]
    return coo_array((np.r_[np.ones(2 * n), step, step], (rows, cols)), shape=(2 * n, 2 * n))


def _lu_solve(system, rhs: np.ndarray) -> np.ndarray:
    """The solution of a sparse system proven non-singular, by SuperLU."""
    from scipy.sparse.linalg import splu

    return splu(system.tocsc()).solve(rhs)


def _scores(everyone: list[str], tied: list[str], x: np.ndarray) -> dict[str, float | None]:
    """Every actor's score in sorted id order: its entry of ``x`` (over ``tied``), else None."""
    found = dict(zip(tied, x.tolist()))
    return {a: found.get(a) for a in everyone}


def _sparse(triples: list[tuple[int, int, float]], n: int, symmetric: bool):
    """A CSR matrix from (row, col, value) triples, duplicates added; mirrored when ``symmetric``."""
    from scipy.sparse import coo_array

    t = np.array(triples, dtype=float).reshape(-1, 3)
    rows, cols, vals = t[:, 0].astype(np.int64), t[:, 1].astype(np.int64), t[:, 2]
    if symmetric:
        rows, cols, vals = np.r_[rows, cols], np.r_[cols, rows], np.r_[vals, vals]
    return coo_array((vals, (rows, cols)), shape=(n, n)).tocsr()


def pn_centrality(dataset: Dataset | Network, mode: str = "all") -> dict[str, float | None]:
    """PN centrality (Everett & Borgatti 2014) of every actor with a tie; None for the others.

    With ``A = P - 2N`` and ``beta = 1 / (2n - 2)``, ``n`` the number of actors with a tie:

    ``"all"`` (undirected)
        ``PN = (I - beta A)^-1 1``: a sum over walks of every length, a positive tie adding,
        a negative tie subtracting twice as much, each step damped by ``beta``.
    ``"out"`` and ``"in"`` (directed)
        Coupled as hubs and authorities are: an actor's out-PN grows with the in-PN of those it
        sends ties to, its in-PN with the out-PN of those who send ties to it,
        ``out = 1 + beta A in`` and ``in = 1 + beta A^T out``. Solved as one linear system; the
        closed forms are ``out = (I - beta^2 A A^T)^-1 (I + beta A) 1`` and
        ``in = (I - beta^2 A^T A)^-1 (I + beta A^T) 1``.

    Parameters
    ----------
    dataset : Dataset or Network
        Usually a snapshot (:func:`graph.network.snapshot`); the relations are taken as given,
        between the agents (arenas and stakes are left out, as in every layer, unless a
        Network's model keeps them).
    mode : {"all", "out", "in"}

    Returns
    -------
    dict
        Actor id to PN score, in sorted id order: above 1 the positive ties dominate, below 1
        the negative ones. None for an actor with no alignment or tension tie (see Notes).

    Raises
    ------
    OptionError
        ``mode`` is not one of ``all``, ``out``, ``in``.
    GeographError
        A relation names an unknown actor or relates an actor to itself.

    Notes
    -----
    Reads both layers, alignment and tension, kept apart (:func:`pn_matrices`): ``mode="all"``
    on the undirected matrices (every relation counts for its pair), ``"out"``/``"in"`` on the
    directed ones (a ``from``/``to`` relation counts one way, a mutual one both ways). Weight is
    the combined strength of the pair's relations of each kind, read directly as the tie's
    value, so ``A`` has entries in [-2, 1]; on 0/1 data this is the published binary measure.

    ``beta = 1 / (2n - 2)`` is the paper's choice; it keeps the walk sum convergent except at
    the very edge of the range, where the linear system is singular: with two actors, a tension
    tie of strength 1 and no alignment (in every mode; directed, one such arc is enough); with
    more, only in the directed modes and only when every ordered pair is in tension of strength
    1 with no alignment. The walk equations then have many solutions; the one of least norm is
    returned, which gives 0.5 to the actors in tension, the score every actor of a complete
    graph of full-strength tension has in the undirected mode.

    An actor with no alignment and no tension tie (in either direction) is not in the
    matrices: it gets no score (None) and does not count in ``n``. Counted, it would score 1, the
    first term of the walk sum, rank above every actor whose ties are mostly negative, and lower
    ``beta`` for everyone else. The directed modes use the same actors: one with ties only
    outwards has an in-PN of exactly 1 (a true value: no walk ends at it).

    The formula for directed data is the one that reproduces Table 7 of the paper (Sampson's
    monastery, in-PN and out-PN), as R signnet's ``pn_index`` does. Neither ``(I - beta A)^-1 1``
    nor ``(I - beta A^T)^-1 1`` alone reproduces it.

    References
    ----------
    Everett, M. G. & Borgatti, S. P. (2014). Networks containing negative ties. Social Networks
    38, 111-120. doi:10.1016/j.socnet.2014.03.005

    Examples
    --------
    Two actors, so ``beta = 1/2``. Fully aligned, each scores 1 + 1/2 + 1/4 + ... = 2; in
    tension at strength 0.5 (``A = -1``), 1 - 1/2 + 1/4 - ... = 2/3:

    >>> from graph.model import Actor, Relation
    >>> actors = (Actor("A", "A", "state"), Actor("B", "B", "state"))
    >>> pn_centrality(Dataset(actors=actors, relations=(
    ...     Relation("r", "A", "B", False, "alignment", "economic", 1.0),)))
    {'A': 2.0, 'B': 2.0}
    >>> x = pn_centrality(Dataset(actors=actors, relations=(
    ...     Relation("r", "A", "B", False, "tension", "security", 0.5),)))
    >>> {k: round(v, 9) for k, v in x.items()}
    {'A': 0.666666667, 'B': 0.666666667}

    A one-way alignment from A to B: A sends, B receives.

    >>> ds = Dataset(actors=actors, relations=(
    ...     Relation("r", "A", "B", True, "alignment", "economic", 1.0),))
    >>> pn_centrality(ds, "out"), pn_centrality(ds, "in")
    ({'A': 2.0, 'B': 1.0}, {'A': 1.0, 'B': 2.0})
    """
    return pn_centralities(dataset, (mode,))[mode]


def pn_centralities(dataset: Dataset | Network,
                    modes: tuple[str, ...] = PN_MODES) -> dict[str, dict[str, float | None]]:
    """PN centrality in several modes at once: ``{mode: pn_centrality(dataset, mode)}``.

    Above :data:`PN_DENSE_LIMIT` actors with a tie the modes share one pass on sparse matrices, by
    iteration or a sparse LU solve (:func:`_pn_sparse`), on the network's layers (built when
    ``dataset`` is not a :class:`~graph.network.Network`): a star of 3,000 actors in tension with
    its hub takes milliseconds, where the dense solve took seconds per mode.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")), relations=(
    ...     Relation("r", "A", "B", True, "alignment", "economic", 1.0),))
    >>> pn_centralities(ds, ("out", "in"))
    {'out': {'A': 2.0, 'B': 1.0}, 'in': {'A': 1.0, 'B': 2.0}}
    """
    for mode in modes:
        if mode not in PN_MODES:
            raise OptionError(f"unknown PN mode '{mode}'; choose one of: {', '.join(PN_MODES)}")
    net = Network.of(dataset)  # the agents and their relations, as every other measure reads them
    tied = sum(1 for a in net.actors if net.alignment.degree(a.id) or net.tension.degree(a.id))
    if tied > PN_DENSE_LIMIT:
        found = _pn_sparse(net, modes)
        if found is not None:
            return {mode: found[mode] for mode in modes}
    return {mode: _pn_dense(net, mode) for mode in modes}


def _pn_dense(dataset: Dataset | Network, mode: str) -> dict[str, float | None]:
    """PN in one mode by a dense linear solve (see :func:`pn_centrality`), over the actors with a tie."""
    everyone, P, N = pn_matrices(dataset, directed=mode != "all")
    tied = np.flatnonzero((P + N + P.T + N.T).any(axis=1))
    ids = [everyone[i] for i in tied]
    n = len(ids)
    if n < 2:  # no tie at all (a tie has two ends): no actor has a score
        return dict.fromkeys(everyone)
    A = (P - 2.0 * N)[np.ix_(tied, tied)]
    beta = 1.0 / (2 * n - 2)
    eye, ones = np.eye(n), np.ones(n)
    if mode == "all":
        # I - beta A is singular when beta A has the eigenvalue 1
        system, rhs = eye - beta * A, ones
        singular = beta * np.linalg.eigvalsh(A)[-1] >= 1.0 - 1e-9
    else:
        # [ I        -beta A ] [out]   [1]
        # [-beta A^T  I      ] [in ] = [1];  singular when beta * (largest singular value of A) = 1
        system = np.block([[eye, -beta * A], [-beta * A.T, eye]])
        rhs = np.ones(2 * n)
        singular = beta * np.linalg.norm(A, 2) >= 1.0 - 1e-9
    if singular:  # see Notes: the least-norm solution of the (consistent) walk equations
        x = np.linalg.lstsq(system, rhs, rcond=1e-9)[0]
    else:
        x = np.linalg.solve(system, rhs)
    if mode == "in":
        x = x[n:]
    return _scores(everyone, ids, x[:n])


def signed_eigenvector(dataset: Dataset | Network) -> dict[str, float | None]:
    """Signed eigenvector centrality: the eigenvector of the eigenvalue of largest |value|.

    Positive scores sit on one side of the graph's main division, negative on the other; the
    magnitude says how central the actor is to that division.

    Parameters
    ----------
    dataset : Dataset or Network
        Usually a snapshot (:func:`graph.network.snapshot`); the relations are taken as given.

    Returns
    -------
    dict
        Actor id to score in [-1, 1], in sorted id order, scaled so the largest absolute score
        is 1. Actors with signed ties outside the component that carries the eigenvalue score
        0; an actor with no tie in the signed layer (no relation, or only ambivalent pairs) has
        no place on either side and gets None.

    Raises
    ------
    GeographError
        No pair has a net sign (no relations, or every pair is ambivalent), or a relation names
        an unknown actor or relates an actor to itself.

    Warns
    -----
    RuntimeWarning
        Several eigenvalues share the largest absolute value (``lambda`` and ``-lambda``, as in
        every bipartite graph, or a repeated eigenvalue): the eigenvector is not unique (signnet
        flags this case too). The result is still returned, chosen as follows: the positive
        eigenvalue when ``lambda`` and ``-lambda`` tie; within its eigenspace, the projection of
        the all-ones vector (as :func:`graph.analysis.centrality.eigenvector` does), or, when
        that projection is zero, the projection of the first actor's unit vector (sorted ids)
        that is not zero.

    Notes
    -----
    Reads the ``signed`` layer (:func:`graph.network.layer`): the entry of a pair is
    ``+weight`` or ``-weight`` by its net ``sign``, ``weight = |alignment - tension|`` of the
    pair's combined strengths; ambivalent pairs (alignment and tension about even, see
    :mod:`graph.network`) have no entry. The
    matrix is symmetric (direction is ignored), so ``numpy.linalg.eigh`` gives real
    eigenvalues. As in signnet's ``eigen_centrality_signed``, the eigenvalue of largest
    absolute value is used even when it is negative, not the largest positive one.

    Above :data:`graph.analysis._spectral.DENSE_LIMIT` actors, the eigenpairs come component by
    component from a sparse solver instead of one dense decomposition, with the same result.

    An eigenvector's overall sign is arbitrary; it is fixed here so the entry of largest
    absolute value is positive, ties (within 1e-9 relative) going to the first actor in sorted
    id order.

    References
    ----------
    Bonacich, P. & Lloyd, P. (2004). Calculating status with negative relations. Social
    Networks 26(4), 331-338. doi:10.1016/j.socnet.2004.08.007

    Everett, M. G. & Borgatti, S. P. (2014). Networks containing negative ties. Social Networks
    38, 111-120. doi:10.1016/j.socnet.2014.03.005

    Examples
    --------
    A balanced triangle, A and B aligned, both in tension with C: eigenvalue 2, vector
    (1, 1, -1), two camps.

    >>> from graph.model import Actor, Relation
    >>> actors = tuple(Actor(x, x, "state") for x in "ABC")
    >>> x = signed_eigenvector(Dataset(actors=actors, relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0),
    ...     Relation("bc", "B", "C", False, "tension", "security", 1.0))))
    >>> {k: round(v, 9) for k, v in x.items()}
    {'A': 1.0, 'B': 1.0, 'C': -1.0}

    All three in tension: eigenvalues -2, 1, 1; the dominant one is negative and is the one used.

    >>> x = signed_eigenvector(Dataset(actors=actors, relations=tuple(
    ...     Relation(a + b, a, b, False, "tension", "security", 1.0) for a, b in ("AB", "AC", "BC"))))
    >>> {k: round(v, 9) for k, v in x.items()}
    {'A': 1.0, 'B': 1.0, 'C': 1.0}
    """
    net = Network.of(dataset)
    g = net.signed
    index = _check_relations(net.dataset)
    ids = list(index)
    if g.number_of_edges() == 0:
        cancelled = g.graph.get("ambivalent", [])
        shown = ", ".join(f"{a}-{b}" for a, b in cancelled[:5]) + (", ..." if len(cancelled) > 5 else "")
        why = (f"its {len(cancelled)} related pair(s) are ambivalent, alignment and tension too even to give "
               f"a sign ({shown})" if cancelled else "it has no relations")
        raise GeographError(f"signed eigenvector centrality needs at least one signed tie; {why}")
    n = len(ids)
    if n > DENSE_LIMIT:
        triples = np.array([(index[a], index[b], d["sign"] * d["weight"]) for a, b, d in g.edges(data=True)])
        values, vectors = leading_eigenpairs(triples[:, 0].astype(int), triples[:, 1].astype(int), triples[:, 2],
                                             n, magnitude=True)
    else:
        S = np.zeros((n, n))
        for a, b, d in g.edges(data=True):
            S[index[a], index[b]] = S[index[b], index[a]] = d["sign"] * d["weight"]
        values, vectors = np.linalg.eigh(S)
    top = float(np.max(np.abs(values)))
    tol = 1e-9 * max(1.0, top)
    tied = np.abs(np.abs(values) - top) <= tol
    if tied.sum() == 1:
        x = vectors[:, tied][:, 0]
    else:
        lam = float(values[tied].max())       # +lambda when lambda and -lambda tie
        warnings.warn(
            f"no dominant eigenvalue: {int(tied.sum())} eigenvalues have the largest absolute value "
            f"{top:.6g}, so the signed eigenvector is not unique; returning the one for "
            f"{lam:.6g} chosen as documented", RuntimeWarning, stacklevel=2)
        basis = vectors[:, np.abs(values - lam) <= tol]
        x = basis @ (basis.T @ np.ones(n))
        if np.max(np.abs(x)) < 1e-9:
            for k in range(n):
                x = basis @ basis[k]
                if np.max(np.abs(x)) >= 1e-9:
                    break
    biggest = np.max(np.abs(x))
    x = x / biggest
    lead = int(np.flatnonzero(np.abs(x) >= 1.0 - 1e-9)[0])
    if x[lead] < 0:
        x = -x
    x = np.where(np.abs(x) < 1e-12, 0.0, x) + 0.0   # + 0.0 turns -0.0 into 0.0
    return {a: float(v) if g.degree(a) else None for a, v in zip(ids, x)}

"""Leading eigenvectors of large sparse layers, component by component, with the dense semantics.

:func:`graph.analysis.centrality.eigenvector` and
:func:`graph.analysis.signed_centrality.signed_eigenvector` decompose the whole ``n x n`` matrix
with ``numpy.linalg.eigh`` up to :data:`DENSE_LIMIT` actors. Beyond it that is cubic in time and
quadratic in memory (10,000 actors: 800 MB and minutes), so the matrix is split into connected
components and each component's leading eigenpairs come from ARPACK (``scipy.sparse.linalg.eigsh``,
started from the all-ones vector so runs repeat exactly), or ``eigh`` for small components. The
matrix is block-diagonal over components, so its eigenspaces are the direct sums of the
components' eigenspaces: projections onto them, and so the results, are the dense ones (to about
1e-12, checked by ``tests/test_engines.py``).
"""

from __future__ import annotations

import numpy as np

__all__ = ["DENSE_LIMIT", "leading_eigenpairs"]

#: Up to this many actors the whole matrix is decomposed densely (exact and fast there).
DENSE_LIMIT = 400
_SMALL_COMPONENT = 200


def leading_eigenpairs(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int, *,
                       magnitude: bool, tol: float = 1e-9) -> tuple[np.ndarray, np.ndarray]:
    """The eigenpairs of a symmetric sparse matrix that share its leading eigenvalue, within ``tol``.

    Parameters
    ----------
    rows, cols, vals : numpy.ndarray
        The upper or lower triangle of the matrix (each off-diagonal entry once); no diagonal.
    n : int
        Its order.
    magnitude : bool
        ``False``: the largest (algebraic) eigenvalue, as for a non-negative matrix; ``True``: the
        largest in absolute value, of either sign.
    tol : float
        Eigenvalues within ``tol * max(1, |top|)`` of the leading one (of its absolute value, with
        ``magnitude``) are tied with it.

    Returns
    -------
    values : numpy.ndarray
        The tied eigenvalues.
    vectors : numpy.ndarray
        ``n x len(values)``, orthonormal columns, zero outside each one's component.

    Examples
    --------
    Two separate edges of weight 1 (eigenvalues 1, 1, -1, -1):

    >>> values, vectors = leading_eigenpairs(np.array([0, 2]), np.array([1, 3]), np.ones(2), 4, magnitude=False)
    >>> values.tolist(), vectors.shape
    ([1.0, 1.0], (4, 2))
    """
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    a = coo_array((np.r_[vals, vals], (np.r_[rows, cols], np.r_[cols, rows])), shape=(n, n)).tocsr()
    count, label = connected_components(a, directed=False)
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(count + 1))
    found: list[tuple[float, np.ndarray, np.ndarray]] = []   # value, vector, its node indices
    for c in range(count):
        members = order[bounds[c]:bounds[c + 1]]
        if len(members) < 2:
            continue
        block = a[members][:, members]
        for value, vector in _component_pairs(block, magnitude, tol):
            found.append((value, vector, members))
    if not found:
        return np.zeros(0), np.zeros((n, 0))
    key = (lambda v: abs(v)) if magnitude else (lambda v: v)
    top = max(key(v) for v, _, _ in found)
    limit = tol * max(1.0, abs(top))
    keep = [(v, x, m) for v, x, m in found if abs(key(v) - top) <= limit]
    vectors = np.zeros((n, len(keep)))
    for j, (_, x, members) in enumerate(keep):
        vectors[members, j] = x
    return np.array([v for v, _, _ in keep]), vectors


def _component_pairs(block, magnitude: bool, tol: float) -> list[tuple[float, np.ndarray]]:
    """A connected component's eigenpairs tied with its own leading eigenvalue."""
    size = block.shape[0]
    key = np.abs if magnitude else (lambda v: v)
    if size <= _SMALL_COMPONENT:
        values, vectors = np.linalg.eigh(block.toarray())
    else:
        from scipy.sparse.linalg import eigsh

        k = 1 if not magnitude else 3   # Perron: the top of a connected non-negative block is simple
        while True:
            values, vectors = eigsh(block, k=min(k, size - 1), which="LM" if magnitude else "LA",
                                    v0=np.ones(size), tol=0)
            top = key(values).max()
            tied = np.abs(key(values) - top) <= tol * max(1.0, abs(top))
            if not magnitude or not tied.all() or k >= size - 1:
                break
            k *= 2      # every returned eigenvalue is tied: there may be more
    top = key(values).max()
    tied = np.abs(key(values) - top) <= tol * max(1.0, abs(top))
    return [(float(values[j]), vectors[:, j]) for j in np.flatnonzero(tied)]

"""Vote agreement between every pair of members, per period: raw agreement and chance-corrected similarity.

The input is a vote matrix: one row per member, one column per roll call, each cell
:data:`ABSENT`, :data:`YES`, :data:`ABSTAIN` or :data:`NO`. For each pair of members and the roll
calls both voted in (yes, abstain or no; absences and non-membership do not count):

``agreement``
    Voeten's three-category index (``agree3un``): 1 for the same vote, 0.5 when exactly one of the
    two abstained, 0 for yes against no, averaged over the shared roll calls. It is
    ``1 - D_o``, with ``D_o`` the mean distance between the two votes on the scale
    yes = 1, abstain = 0.5, no = 0.
``s``
    Signorino and Ritter's S (1999, "Tau-b or not tau-b", International Studies Quarterly
    43:115) with that distance: ``1 - 2 D_o``, from -1 (always opposed) to +1. It is the
    agreement index stretched to [-1, 1], so it corrects nothing for chance.
``kappa``
    Cohen's kappa as Häge proposes it for foreign-policy similarity (2011, "Choice or
    circumstance? Adjusting measures of foreign policy similarity for chance agreement",
    Political Analysis 19:287): ``1 - D_o / D_e``, where ``D_e`` is the distance expected if the
    two members voted independently, each with its own shares of yes, abstain and no over the
    shared roll calls. 0 is the agreement chance alone gives on that agenda, positive is more,
    negative less. Two members that both vote yes on nearly everything (most resolutions pass by
    large majorities) agree often by circumstance, not choice: their raw agreement is high and
    their kappa near 0.
``pi``
    Scott's pi, the same with the two members' shares pooled (Häge 2011).

Which one signs a tie (:data:`MEASURES`; Scott's pi by default): kappa takes each member's own
shares as given, so two members whose disagreement lies in those shares look unrelated. Israel
votes no on most resolutions Azerbaijan votes yes on: in 2019 they agree on 0.23 of shared roll
calls, pi is -0.63 and kappa -0.01; the United States and the USSR in 1985 (agreement 0.26) have
pi -0.54 and kappa -0.14. Pi still discounts the agenda (yes on nearly everything, pooled), and
counts a different propensity to say no as the disagreement it is. Both are kept in every
relation's attributes, and ``measure="kappa"`` signs ties by kappa.

``pi`` and ``kappa`` are undefined (NaN) when ``D_e`` is 0: both members cast one and the same vote on every
shared roll call, so the agenda leaves nothing to tell choice from chance.

The spread of each figure comes from the spread of the per-roll-call distances:
``se(D_o) = sqrt(var(d) / n)``, so ``se(kappa) = se(D_o) / D_e`` and ``se(s) = 2 se(D_o)``. It
holds the two members' vote shares fixed, which makes it a close, slightly narrow approximation
for n in the tens and more.

All of it is a handful of matrix products per period (:func:`pair_figures`): with 0/1 matrices
``Y``, ``A``, ``N`` of yes, abstain and no votes, the shared votes are ``P Pᵀ`` (``P = Y + A + N``)
and the pair's counts of each combination are ``Y Nᵀ``, ``Y Aᵀ`` …, for all pairs at once.

>>> import numpy as np
>>> m = np.array([[YES, YES, NO, ABSTAIN], [YES, YES, NO, NO], [NO, NO, YES, YES]], dtype=np.int8)
>>> f = pair_figures(m)
>>> float(f["votes"][0, 1]), float(f["agreement"][0, 1]), round(float(f["s"][0, 2]), 3)
(4.0, 0.875, -0.75)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["ABSENT", "YES", "ABSTAIN", "NO", "MEASURES", "Z_95", "pair_figures", "pair_table",
           "PAIR_COLUMNS", "tie_signs"]

#: Vote codes in the vote matrix (Voeten's own: 1 yes, 2 abstain, 3 no; 0 for absent or not a member).
ABSENT, YES, ABSTAIN, NO = 0, 1, 2, 3
#: The similarity measures a signed tie can be read from, the default first (see the module's notes).
MEASURES = ("pi", "kappa", "s")
#: The two-sided 95 % point of the normal distribution.
Z_95 = 1.959964

#: The columns of the pair table (:func:`pair_table`), in order.
PAIR_COLUMNS = ("a", "b", "period", "votes", "agreement", "s", "pi", "kappa", "se_s", "se_pi", "se_kappa")


def pair_figures(matrix: np.ndarray) -> dict[str, np.ndarray]:
    """Shared votes, agreement, S, pi and kappa (with standard errors) for every pair of rows.

    Parameters
    ----------
    matrix : ndarray of int, shape (members, roll calls)
        :data:`ABSENT`, :data:`YES`, :data:`ABSTAIN` or :data:`NO` in each cell.

    Returns
    -------
    dict of str to ndarray, each (members, members)
        ``votes`` (shared roll calls), ``agreement``, ``s``, ``pi``, ``kappa`` and ``se_s``,
        ``se_pi``, ``se_kappa``; NaN where a pair shares no vote (or, for pi and kappa, where
        chance alone explains everything). Symmetric; the diagonal is each member with itself.

    Examples
    --------
    >>> m = np.array([[YES, YES, NO, NO], [YES, YES, NO, NO], [NO, NO, YES, YES]], dtype=np.int8)
    >>> f = pair_figures(m)
    >>> [float(f[k][i, j]) for k, i, j in (("kappa", 0, 1), ("kappa", 0, 2), ("pi", 0, 2))]
    [1.0, -1.0, -1.0]
    """
    y = (matrix == YES).astype(np.float64)
    a = (matrix == ABSTAIN).astype(np.float64)
    n = (matrix == NO).astype(np.float64)
    p = y + a + n
    votes = p @ p.T
    yn, ya, na = y @ n.T, y @ a.T, n @ a.T
    far = yn + yn.T                       # yes against no: distance 1
    half = ya + ya.T + na + na.T          # exactly one abstains: distance 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        d_obs = (far + 0.5 * half) / votes
        d_sq = (far + 0.25 * half) / votes
        se_d = np.sqrt(np.maximum(d_sq - d_obs ** 2, 0.0) / votes)
        # each member's shares of yes, abstain and no over the roll calls the pair shares
        sy, sa, sn = (x @ p.T / votes for x in (y, a, n))
        ty, ta, tn = sy.T, sa.T, sn.T     # the other member's shares
        d_kappa = sy * tn + sn * ty + 0.5 * (sy * ta + sa * ty + sa * tn + sn * ta)
        qy, qa, qn = (sy + ty) / 2, (sa + ta) / 2, (sn + tn) / 2
        d_pi = 2 * qy * qn + qy * qa + qa * qn
        figures = {
            "votes": votes,
            "agreement": 1.0 - d_obs,
            "s": 1.0 - 2.0 * d_obs,
            "pi": np.where(d_pi > 0, 1.0 - d_obs / d_pi, np.nan),
            "kappa": np.where(d_kappa > 0, 1.0 - d_obs / d_kappa, np.nan),
            "se_s": 2.0 * se_d,
            "se_pi": np.where(d_pi > 0, se_d / d_pi, np.nan),
            "se_kappa": np.where(d_kappa > 0, se_d / d_kappa, np.nan),
        }
    return figures


def pair_table(matrix: np.ndarray, ids: list[str] | np.ndarray, period: str) -> pd.DataFrame:
    """One row per pair of members (``a`` < ``b`` by id) sharing at least one vote in ``period``.

    Examples
    --------
    >>> m = np.array([[YES, NO], [YES, YES], [ABSENT, ABSENT]], dtype=np.int8)
    >>> pair_table(m, ["USA", "FRA", "GBR"], "1960")[["a", "b", "period", "votes", "agreement"]]
         a    b period  votes  agreement
    0  FRA  USA   1960      2        0.5
    """
    ids = np.asarray(ids, dtype=object)
    order = np.argsort(ids, kind="stable")
    ids, matrix = ids[order], matrix[order]
    figures = pair_figures(matrix)
    i, j = np.triu_indices(len(ids), k=1)
    shared = figures["votes"][i, j] > 0
    i, j = i[shared], j[shared]
    columns = {"a": ids[i], "b": ids[j], "period": np.full(len(i), period, dtype=object),
               "votes": figures["votes"][i, j].astype(np.int64)}
    for name in PAIR_COLUMNS[4:]:
        columns[name] = figures[name][i, j]
    return pd.DataFrame(columns, columns=list(PAIR_COLUMNS))


def tie_signs(value: np.ndarray, se: np.ndarray, threshold: float, z: float = Z_95) -> np.ndarray:
    """+1 (alignment), -1 (tension) or 0 (no tie) for similarities ``value`` with standard errors ``se``.

    A tie needs both: a size of at least ``threshold`` (``|value| >= threshold``), and an
    interval ``value ± z·se`` that leaves out 0, so that chance alone is an unlikely account.
    NaN (an undefined similarity) is never a tie.

    Examples
    --------
    >>> tie_signs(np.array([0.52, -0.35, 0.1, 0.5, np.nan]), np.array([0.08, 0.1, 0.02, 0.3, 0.1]), 0.2)
    array([ 1, -1,  0,  0,  0], dtype=int8)
    """
    value, se = np.asarray(value, dtype=np.float64), np.asarray(se, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        clear = (np.abs(value) >= threshold) & (np.abs(value) - z * se > 0)
    return np.where(clear, np.sign(value), 0).astype(np.int8)

"""The catalogue of actor metrics: name, layer, how weight is read, and reference.

Kept free of heavy imports so the command line can list metric names without loading NetworkX.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Metric", "METRICS", "METRIC_NAMES"]


@dataclass(frozen=True)
class Metric:
    """What a column of the centrality report means: layer, how weight is read, reference.

    Examples
    --------
    >>> [m.layer for m in METRICS if m.name == "betweenness"]
    ['alignment']
    """

    name: str
    layer: str
    weight: str
    description: str
    reference: str = ""


METRICS: tuple[Metric, ...] = (
    Metric("degree", "both", "unweighted",
           "number of actors it has any relation with"),
    Metric("alignment_degree", "alignment", "unweighted",
           "number of actors it is aligned with"),
    Metric("tension_degree", "tension", "unweighted",
           "number of actors it is in tension with"),
    Metric("alignment_strength", "alignment", "strength",
           "sum of its combined alignment strengths (weighted degree)",
           "Barrat et al. 2004, PNAS 101:3747, doi:10.1073/pnas.0400087101"),
    Metric("tension_strength", "tension", "strength",
           "sum of its combined tension strengths: who is most opposed"),
    Metric("net_strength", "both", "strength",
           "alignment_strength minus tension_strength"),
    Metric("tension_share", "both", "strength",
           "tension_strength / (alignment_strength + tension_strength); 0 with no ties"),
    Metric("betweenness", "alignment", "distance = 1/strength",
           "share of shortest alignment paths between other actors that pass through it (normalised)",
           "Brandes 2001, J. Math. Sociol. 25:163, doi:10.1080/0022250X.2001.9990249"),
    Metric("closeness", "alignment", "distance = 1/strength",
           "inverse mean distance to the actors it can reach, scaled by the share it can reach "
           "(Wasserman–Faust, for disconnected graphs)",
           "Wasserman & Faust 1994, Social Network Analysis, p. 201"),
    Metric("eigenvector", "alignment", "strength",
           "aligned with actors who are themselves well aligned (leading eigenvector, unit norm)",
           "Bonacich 1987, Am. J. Sociol. 92:1170, doi:10.1086/228631"),
    Metric("pagerank", "alignment", "strength",
           "PageRank with damping 0.85 over alignment ties",
           "Brin & Page 1998, Comput. Netw. ISDN Syst. 30:107, doi:10.1016/S0169-7552(98)00110-X"),
    Metric("pn", "both", "strength, P − 2N",
           "PN centrality: walks count for through alignment and twice against through tension "
           "(alignment and tension kept apart)",
           "Everett & Borgatti 2014, Soc. Netw. 38:111, doi:10.1016/j.socnet.2014.03.005"),
    Metric("pn_in", "both", "strength, P − 2N",
           "PN centrality of the ties an actor receives (directed relations; equals pn when all are mutual)",
           "Everett & Borgatti 2014; R signnet pn_index(mode = 'in')"),
    Metric("pn_out", "both", "strength, P − 2N",
           "PN centrality of the ties an actor sends (directed relations; equals pn when all are mutual)",
           "Everett & Borgatti 2014; R signnet pn_index(mode = 'out')"),
    Metric("signed_eigenvector", "signed", "sign × magnitude",
           "eigenvector of the eigenvalue of largest absolute value of the signed layer, scaled to max |value| 1; "
           "the sign tells which side of the main divide an actor is on",
           "Bonacich & Lloyd 2004, Soc. Netw. 26:331, doi:10.1016/j.socnet.2004.08.007; R signnet"),
    Metric("tension_eigenvector", "tension", "strength",
           "opposed by actors who are themselves much opposed (leading eigenvector of the tension layer)",
           "Bonacich 1987"),
)
#: Every metric name, in report column order.
METRIC_NAMES: tuple[str, ...] = tuple(m.name for m in METRICS)

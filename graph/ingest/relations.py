"""Deriving alignment and tension relations from event aggregates: weight, confidence, evidence.

For each pair of actors (both directions together) and period, cooperation and conflict are counted
apart, so a pair can get both an alignment and a tension relation in the same period: a mean
Goldstein score would hide the conflict (in the November 2020 GDELT sample, Armenia→Azerbaijan has
a mean of +0.89 while 20 of its 104 events are material conflict).

The weight of a relation
------------------------
With ``q1 … q4`` the pair's events in the period by QuadClass (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict) and ``n = q1 + q2 + q3 + q4``::

    alignment weight = (VERBAL * q1 + q2) / (n + PRIOR_EVENTS)
    tension weight   = (VERBAL * q3 + q4) / (n + PRIOR_EVENTS)

with ``VERBAL = 0.5`` and ``PRIOR_EVENTS = 10``. Each weight is the share of the pair's events
that cooperate (or conflict), material acts counting fully and words half, so it reads on the
dataset's scale: words alone never pass 0.5 ("moderate, sustained"), a period of nothing but
material conflict tends to 1.0 ("war"). ``PRIOR_EVENTS`` adds ten events' worth of doubt, so a
handful of events gives a weak tie (one verbal statement: 0.045) and volume saturates it (100
material conflict events: 0.91). The two weights of a pair and period add up to less than 1.
Weights are rounded to 3 decimals and are at least 0.001, so always in (0, 1].

Confidence follows the number of events behind the relation (cooperation events for alignment,
conflict events for tension): ``low`` under 10, ``medium`` from 10, ``high`` from 100.

The domain is ``general``: a relation sums every kind of event between the pair (statements,
aid, sanctions, fights), so no single domain is honest.
"""

from __future__ import annotations

import hashlib
import math

import pandas as pd

from ..dates import parse_date
from ..rules import ID_PATTERN
from ..model import Relation
from .aggregate import mutual, period_bounds

__all__ = ["VERBAL", "PRIOR_EVENTS", "CONFIDENCE_EVENTS", "DOMAIN", "relation_weight",
           "relation_confidence", "derive_relations"]

#: How much a verbal event counts against a material one.
VERBAL = 0.5
#: Pseudo-events added to every pair's count: the doubt a few events leave.
PRIOR_EVENTS = 10
#: Events needed for ``medium`` and for ``high`` confidence.
CONFIDENCE_EVENTS = (10, 100)
#: The domain of every event-derived relation: unspecified or mixed.
DOMAIN = "general"


def relation_weight(verbal: int, material: int, events: int) -> float:
    """The weight of an event-derived relation: ``(VERBAL * verbal + material) / (events + PRIOR_EVENTS)``.

    Parameters
    ----------
    verbal, material : int
        The pair's verbal and material events of the relation's kind (QuadClass 1 and 2 for
        alignment, 3 and 4 for tension), both directions.
    events : int
        All the pair's events in the period, of every class.

    Returns
    -------
    float
        Rounded to 3 decimals, at least 0.001: a strength in (0, 1].

    Examples
    --------
    >>> relation_weight(0, 100, 100)    # a period of nothing but material conflict
    0.909
    >>> relation_weight(80, 33, 178), relation_weight(20, 45, 178)   # Armenia–Azerbaijan, Nov 2020
    (0.388, 0.293)
    >>> relation_weight(1, 0, 1)
    0.045
    """
    value = (VERBAL * verbal + material) / (events + PRIOR_EVENTS)
    return max(0.001, round(value, 3))


def relation_confidence(events: int) -> str:
    """``low``, ``medium`` or ``high`` from the number of events behind a relation.

    Examples
    --------
    >>> relation_confidence(9), relation_confidence(10), relation_confidence(100)
    ('low', 'medium', 'high')
    """
    medium, high = CONFIDENCE_EVENTS
    return "high" if events >= high else "medium" if events >= medium else "low"


def derive_relations(table: pd.DataFrame, names: dict[str, str], *, source_id: str, label: str = "GDELT",
                     prefix: str = "gdelt", min_events: int = 1) -> list[Relation]:
    """Alignment and tension relations from a directed aggregates table.

    One relation per pair (mutual: ``between``), period and kind, when the pair has at least
    ``min_events`` events of that kind (cooperation: QuadClass 1–2; conflict: 3–4) in the period.
    The weight is :func:`relation_weight`, the confidence :func:`relation_confidence`; the
    relation holds from the start of its period until the start of the next; the evidence is one
    sentence with the counts, and the attributes hold the figures.

    Parameters
    ----------
    table : DataFrame
        The aggregates table (:data:`~graph.ingest.aggregate.AGGREGATE_COLUMNS`), by actor id.
    names : dict
        Actor id → name, for the evidence.
    source_id : str
        The source every relation cites.
    label : str
        The data's name in the evidence (``GDELT``, ``ICEWS`` …).
    prefix : str
        The start of every relation id: ``gdelt-arm-aze-tension-2020-11``.
    min_events : int
        Fewest events of its kind a relation needs.

    Returns
    -------
    list of Relation
        Sorted by pair, period and kind.

    Examples
    --------
    >>> import pandas as pd
    >>> from graph.ingest.aggregate import AGGREGATE_COLUMNS
    >>> table = pd.DataFrame([["ARM", "AZE", "2020-11", 104, 92.2, 0.886538, 42, 24, 18, 20, 900, -4.0],
    ...                       ["AZE", "ARM", "2020-11", 74, 11.7, 0.158108, 38, 9, 2, 25, 700, -5.0]],
    ...                      columns=list(AGGREGATE_COLUMNS))
    >>> rels = derive_relations(table, {"ARM": "Armenia", "AZE": "Azerbaijan"}, source_id="gdelt-x")
    >>> [(r.id, r.weight, r.confidence, str(r.since), str(r.until)) for r in rels]  # doctest: +NORMALIZE_WHITESPACE
    [('gdelt-arm-aze-alignment-2020-11', 0.388, 'high', '2020-11', '2020-12'),
     ('gdelt-arm-aze-tension-2020-11', 0.293, 'medium', '2020-11', '2020-12')]
    >>> print(rels[1].evidence)
    GDELT, 2020-11: 65 of 178 events between Armenia and Azerbaijan were conflict (20 verbal,
    45 material; 38 by Armenia, 27 by Azerbaijan); mean Goldstein +0.58.
    """
    pairs = mutual(table)
    out: list[Relation] = []
    taken: set[str] = set()
    for row in pairs.itertuples(index=False):
        since, until = period_bounds(row.period)
        events = int(row.events)
        goldstein_mean = row.goldstein_sum / events if events else 0.0
        tone = row.tone_sum / row.tone_n if row.tone_n else math.nan
        for kind, verbal, material, ab, ba in (
            ("alignment", int(row.quad1), int(row.quad2), int(row.coop_ab), int(row.coop_ba)),
            ("tension", int(row.quad3), int(row.quad4), int(row.conflict_ab), int(row.conflict_ba)),
        ):
            count = verbal + material
            if count == 0 or count < min_events:
                continue
            name_a, name_b = names.get(row.a, row.a), names.get(row.b, row.b)
            what = "cooperation" if kind == "alignment" else "conflict"
            evidence = (f"{label}, {row.period}: {count:,} of {events:,} events between {name_a} and {name_b} "
                        f"were {what} ({verbal:,} verbal, {material:,} material; {ab:,} by {name_a}, "
                        f"{ba:,} by {name_b}); mean Goldstein {goldstein_mean:+.2f}.")
            attributes = {"events": events, "quad1": int(row.quad1), "quad2": int(row.quad2),
                          "quad3": int(row.quad3), "quad4": int(row.quad4), "mentions": int(row.mentions),
                          "goldstein_mean": round(goldstein_mean, 3)}
            if not math.isnan(tone):
                attributes["tone_mean"] = round(tone, 3)
            rid = _relation_id(prefix, row.a, row.b, kind, row.period, taken)
            out.append(Relation(
                rid, row.a, row.b, False, kind, DOMAIN, relation_weight(verbal, material, events),
                parse_date(since), parse_date(until), relation_confidence(count), evidence, (source_id,),
                attributes, ("event-derived",)))
    return out


def _relation_id(prefix: str, a: str, b: str, kind: str, period: str, taken: set[str]) -> str:
    """``prefix-a-b-kind-period`` in lower case; a short hash of the pair when that is too long."""
    stamp = period.lower()
    rid = f"{prefix}-{a}-{b}-{kind}-{stamp}".lower()
    if not ID_PATTERN.match(rid) or rid in taken:
        digest = hashlib.sha1(f"{a}\x00{b}".encode()).hexdigest()[:8]
        rid = f"{prefix}-{digest}-{kind}-{stamp}".lower()
    taken.add(rid)
    return rid

"""Arenas: the projects and regions agents have stakes in, who backs each and how contested it is.

The layers of :mod:`graph.network` hold agents only (by default): a shared stake is not a tie, so
arenas would otherwise glue rival stakeholders into one camp. This module gives arenas their own
figures instead, from the stakes the model left out (:attr:`graph.network.Network.stakes`), the
second mode of the two-mode view (Borgatti & Everett 1997, *Social Networks* 19:243):

- an agent's stake in an arena combines its records with the network's rule, alignment
  (supports) against tension (contests); the net decides the side, and a stake whose net is in the
  ambivalence band is ambivalent, on neither side;
- ``contested`` is the share of stakeholder pairs at odds: one backs the arena and the other
  contests it, or the two are in net tension with each other in the agent network (the littoral
  states of a sea, rivals over it). None with fewer than two stakeholders.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from itertools import combinations

from ..model import Dataset
from ..network import Network, combine_records, is_ambivalent, network

__all__ = ["Stake", "Arena", "arenas"]


@dataclass(frozen=True)
class Stake:
    """One agent's stake in one arena: its combined support and contest, and its side."""

    agent: str
    support: float
    contest: float

    @property
    def side(self) -> str:
        """``supports`` or ``contests``: the stronger side (an ambivalent stake is listed apart, see the
        module notes)."""
        return "supports" if self.support > self.contest else "contests"


@dataclass(frozen=True)
class Arena:
    """An arena's stakeholders and how contested it is, on one day.

    ``supporters``/``opponents``/``ambivalent`` are sorted by strength (largest first), then id;
    ``at_odds`` lists the stakeholder pairs at odds (sorted).
    """

    id: str
    name: str
    kind: str
    supporters: tuple[Stake, ...]
    opponents: tuple[Stake, ...]
    ambivalent: tuple[Stake, ...]
    at_odds: tuple[tuple[str, str], ...]
    contested: float | None

    def to_dict(self) -> dict[str, object]:
        """The arena as JSON-ready data (ids, strengths rounded to 4 places)."""
        def stakes(group: tuple[Stake, ...]) -> list[dict[str, object]]:
            return [{"id": s.agent, "support": round(s.support, 4), "contest": round(s.contest, 4)} for s in group]

        return {"id": self.id, "name": self.name, "kind": self.kind, "supporters": stakes(self.supporters),
                "opponents": stakes(self.opponents), "ambivalent": stakes(self.ambivalent),
                "at_odds": [list(p) for p in self.at_odds],
                "contested": None if self.contested is None else round(self.contested, 4)}


def arenas(dataset: Dataset | Network, at: str | _dt.date | None = None) -> tuple[Arena, ...]:
    """Every arena the network leaves out, with its stakeholders on day ``at``, sorted by id.

    Examples
    --------
    >>> from graph import load
    >>> caspian = {a.id: a for a in arenas(load(), at="2025-03-01")}["CASPIAN"]
    >>> len(caspian.supporters) >= 2, 0.0 <= caspian.contested <= 1.0
    (True, True)
    """
    net = network(dataset, at)
    model = net.model
    kept = {a.id for a in net.actors}
    # arena -> agent -> kind -> records: each arena reads only its own (a scan of every stake per
    # arena was quadratic: half a second at 586 arenas)
    records: dict[str, dict[str, dict[str, list]]] = {}
    for r in net.stakes:
        if (r.source in kept) == (r.target in kept):
            continue  # two arenas' link: no agent's stake
        agent, arena = (r.source, r.target) if r.source in kept else (r.target, r.source)
        records.setdefault(arena, {}).setdefault(agent, {"alignment": [], "tension": []})[r.kind].append(r)
    out = []
    for actor in sorted(net.arenas, key=lambda a: a.id):
        stakes = []
        for agent, kinds in records.get(actor.id, {}).items():
            support = combine_records(kinds["alignment"], model.combine) if kinds["alignment"] else 0.0
            contest = combine_records(kinds["tension"], model.combine) if kinds["tension"] else 0.0
            stakes.append(Stake(agent, support, contest))
        torn = [s for s in stakes if is_ambivalent(s.support, s.contest, model.ambivalence)]
        sided = [s for s in stakes if s not in torn]
        supporters = [s for s in sided if s.side == "supports"]
        opponents = [s for s in sided if s.side == "contests"]
        side = {s.agent: s.side for s in sided}
        holders = sorted(s.agent for s in stakes)
        at_odds = []
        for a, b in combinations(holders, 2):
            tie = net.signed.get_edge_data(a, b)
            opposed = a in side and b in side and side[a] != side[b]
            if opposed or (tie is not None and tie["sign"] < 0):
                at_odds.append((a, b))
        pairs = len(holders) * (len(holders) - 1) // 2

        def ranked(group: list[Stake]) -> tuple[Stake, ...]:
            return tuple(sorted(group, key=lambda s: (-round(max(s.support, s.contest), 9), s.agent)))

        out.append(Arena(actor.id, actor.name, actor.kind, ranked(supporters), ranked(opponents), ranked(torn),
                         tuple(at_odds), len(at_odds) / pairs if pairs else None))
    return tuple(out)

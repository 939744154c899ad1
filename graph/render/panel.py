"""The side panel's data: each actor's profile and each drawn pair's story, built once in Python.

The page (``graph/templates/panel.js``) shows them when an actor or a line is clicked, filling the
panel with ``textContent`` only; the data travels inside the page's ``DATA`` (through
``_script_json``, or packed on a large page), never as markup. Every sentence is written here, so
the page only arranges text: an actor's strongest metrics with their rank, its camp and how sure
the analysis is of it, its relations, evidence, sources and events; a pair's story as ``geograph
explain`` tells it (:func:`graph.analysis.explain.explain`, :func:`graph.report.format_explanation`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..analysis.balance import Split
from ..analysis.explain import Explanation, ThirdParty
from ..rules import WEB_URL
from ..metrics import METRICS, Metric
from ..model import Relation
from ..network import Network, combine_records
from ..report.explanation import NO_TRIADS, balance_lines, tie_sentence, triad_lines
from .style import _fmt, _sorted_items

__all__ = ["panel_data", "panel_json", "metric_ranks", "ordinal", "pair_stories", "MAX_TRIADS"]

#: How many of a pair's triads its story lists (heaviest first; the rest are counted): on a large
#: graph a pair of hubs can share hundreds of third actors.
MAX_TRIADS = 5
#: How many metrics an actor's profile puts first, in words with their rank.
STRONGEST = 3
#: The metric left out of the ranks: its sign says which side of the main divide an actor is on,
#: so a larger value is not "more" of anything.
_UNRANKED = frozenset({"signed_eigenvector"})
_LAYER_WORDS = {"both": "alignment and tension layers", "alignment": "alignment layer", "tension": "tension layer",
                "signed": "signed layer"}
#: The empty split: no actor placed, so a story says nothing of camps (pages coloured by kind).
_NO_SPLIT = Split(camps=2, weighted=False, frustration=0.0, lower_bound=0.0, optimal=False, method="none",
                  side={}, frustrated=())


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` … ``11th``, ``12th``, ``13th``, ``21st``.

    Examples
    --------
    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102, 111)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd', '111th']
    """
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _has_value(value: Any) -> bool:
    # NaN is the one value unequal to itself: no tie in the metric's layer
    return value is not None and not isinstance(value, bool) and value == value


def metric_ranks(rows: Mapping[str, Mapping[str, Any]], metrics: Iterable[Metric] = METRICS
                 ) -> dict[str, dict[str, tuple[int, int, int]]]:
    """Each actor's rank in each metric: ``(rank, of, tied)``, largest value first.

    Only actors with a value are ranked (``of`` counts them: an actor with no tie in a metric's
    layer has none). Equal values share a rank, the next rank skipping as many places (competition
    ranking, 1-2-2-4); ``tied`` is how many actors share the rank, the actor included.

    Examples
    --------
    >>> rows = {"A": {"degree": 3}, "B": {"degree": 5}, "C": {"degree": 3}, "D": {"degree": float("nan")}}
    >>> ranks = metric_ranks(rows, [m for m in METRICS if m.name == "degree"])
    >>> ranks["B"]["degree"], ranks["A"]["degree"], ranks["C"]["degree"], ranks["D"]
    ((1, 3, 1), (2, 3, 2), (2, 3, 2), {})
    """
    out: dict[str, dict[str, tuple[int, int, int]]] = {a: {} for a in rows}
    # ranked on values rounded to 9 places (as graph.analysis.temporal does): equal on paper, two
    # values may differ in the last bit, and differently from one process to the next
    for m in metrics:
        keys = {actor: round(float(v), 9) for actor, row in rows.items() if _has_value(v := row.get(m.name))}
        first: dict[float, int] = {}
        count: dict[float, int] = defaultdict(int)
        for i, v in enumerate(sorted(keys.values(), reverse=True)):
            first.setdefault(v, i + 1)
            count[v] += 1
        of = len(keys)
        for actor, v in keys.items():
            out[actor][m.name] = (first[v], of, count[v])
    return out


def _rank_words(metric: Metric, rank: tuple[int, int, int], value: Any) -> str:
    place, of, tied = rank
    joint = f"joint {ordinal(place)} (with {tied - 1} other{'s' if tied > 2 else ''})" if tied > 1 else ordinal(place)
    return f"{joint} of {of} in {metric.name} ({_LAYER_WORDS.get(metric.layer, metric.layer)}): {_fmt(value)}"


def _strongest(ranks: Mapping[str, tuple[int, int, int]], rankable: tuple[Metric, ...], row: Mapping[str, Any]
               ) -> list[list[Any]]:
    """The metrics an actor ranks best in (index into :data:`METRICS` and the sentence): a place
    held alone before one shared; a rank every actor shares says nothing, so it is left out."""
    order = {m.name: i for i, m in enumerate(METRICS)}
    told = sorted((rank[0], rank[2], order[m.name], m) for m in rankable
                  if (rank := ranks.get(m.name)) and rank[2] < rank[1])
    return [[i, _rank_words(m, ranks[m.name], row[m.name])] for *_, i, m in told[:STRONGEST]]


def _camp_words(actor: str, side: Mapping[str, int], split: Split | None, swing: Mapping[str, str],
                camps: int) -> str:
    if actor not in side:
        return "No camp: no signed tie (or only ambivalent ones), so the split leaves it out."
    camp = f"Camp {side[actor] + 1} of the best split into {'two' if camps == 2 else f'up to {camps}'} camps"
    if split is not None and not split.optimal:
        return camp + " (the best found, not proven optimal)."
    if actor in swing:
        return f"{camp}. {swing[actor]}"
    if camps == 2:
        return camp + ": the same in every equally optimal split found."
    return camp + "."


def pair_stories(net: Network, pairs: Iterable[tuple[str, str]], split: Split | None = None
                 ) -> dict[tuple[str, str], Explanation]:
    """The story of each pair, as :func:`graph.analysis.explain.explain` tells it, built in one pass.

    ``explain`` answers one pair: it scans every relation and actor and solves the split again.
    A page asks for every pair with a line, so the relations, events and signed ties are indexed
    once and ``split`` (default: an empty one, which places no actor) is shared. The stories equal
    ``explain(net, a, b)`` when ``split`` is ``frustration_index(net)`` (tests/test_panel.py).

    Examples
    --------
    >>> from graph import load
    >>> from graph.network import network
    >>> net = network(load(), "2025-03-01")
    >>> story = pair_stories(net, [("AZE", "IRN")])[("AZE", "IRN")]
    >>> from graph.analysis.explain import explain
    >>> story.to_dict()["triads"] == explain(net, "AZE", "IRN").to_dict()["triads"]
    True
    """
    whole, snap = net.whole, net.dataset
    split = split or _NO_SPLIT
    actors = {a.id: a for a in whole.actors}
    by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for r in whole.relations:
        by_pair[r.pair].append(r)
    live: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for r in (net.full or snap).relations:
        live[r.pair].append(r)
    events: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(whole.events):
        for a in set(e.actors):
            events[a].append(i)
    g, drawn = net.signed, set(snap.actor_ids)
    # each actor's drawn signed neighbours, once: a hub is in hundreds of pairs
    around = {v: set(g[v]) & drawn for v in g}
    sources = {s.id: s.label for s in whole.sources.values()}
    combine, at, model = net.model.combine, snap.at.isoformat() if snap.at else None, net.model.describe()
    out = {}
    for a, b in sorted(set(pairs)):
        pair = (a, b)
        here = live.get(pair, [])
        strength = {kind: combine_records(rs, combine) if (rs := [r for r in here if r.kind == kind]) else 0.0
                    for kind in ("alignment", "tension")}
        common = around[a] & around[b] if a in around and b in around else set()
        triads = [ThirdParty(o, g[a][o]["sign"], g[b][o]["sign"], g[a][o]["weight"] * g[b][o]["weight"])
                  for o in common]
        shared = tuple(whole.events[i] for i in sorted(set(events[a]) & set(events[b]))) \
            if a in events and b in events else ()
        out[pair] = Explanation(
            a=actors[a], b=actors[b], at=at,
            relations=tuple(sorted(by_pair.get(pair, ()), key=lambda r: (r.kind, -r.weight, r.id))),
            in_force=tuple(r.id for r in here), events=shared, alignment=strength["alignment"],
            tension=strength["tension"], triads=tuple(sorted(triads, key=lambda t: (-t.weight, t.third))),
            split=split, sources=sources,
            future=tuple(e.id for e in shared if snap.at is not None and e.date.start > snap.at),
            ambivalence=net.model.ambivalence, model=model)
    return out


def _story(story: Explanation, index: Mapping[str, int], say: Callable[[str], int]) -> dict[str, Any]:
    """A pair's story for the page: the sentences of ``geograph explain`` (its table text), each
    given by ``say`` as its number in the page's table of texts (a large graph's stories repeat
    many), the triads capped at :data:`MAX_TRIADS`, and its events; its relations are those whose
    ``pair`` is this story."""
    # the sentences of format_explanation's sections, built alone: a page has tens of thousands of
    # pairs, and the whole text (every relation and source) would be built only to be cut up
    head, theory = story.head_dict(), story.balance_dict(triads=MAX_TRIADS)
    out: dict[str, Any] = {"a": story.a.id, "b": story.b.id, "tie": say(tie_sentence(head["tie"])),
                           "triads": [say(t) for t in triad_lines(story.a.id, story.b.id, theory["triads"]) or [NO_TRIADS]],
                           "balance": [say(t) for t in balance_lines(theory["balance"])]}
    if story.events:
        out["events"] = [index[e.id] for e in story.events]
    if len(story.triads) > MAX_TRIADS:
        out["more_triads"] = len(story.triads) - MAX_TRIADS
    if story.frustrated:
        out["strained"] = True
    return out


def _k_camps(story: dict[str, Any], side: Mapping[str, int] | None, split: Split | None, camps: int,
             say: Callable[[str], int]) -> dict[str, Any]:
    """A story on a page split into more than two camps: ``explain`` speaks of the best two-camp
    split, so the page's own split is said here, in its words."""
    a, b = story["a"], story["b"]
    if camps == 2 or not side or split is None or a not in side or b not in side:
        return story
    strained = any((t.source, t.target) == (a, b) for t in split.frustrated)
    where = "in the same camp" if side[a] == side[b] else f"in camps {side[a] + 1} and {side[b] + 1}"
    fits = "; their tie contradicts that split: it is under strain" if strained else "; their tie fits that split"
    story = {**story, "balance": story["balance"] + [say(f"The best split into up to {camps} camps puts them {where}{fits}.")]}
    return {**story, "strained": True} if strained else story


def _relation(r: Relation, drawn: bool, pair: int | None) -> dict[str, Any]:
    """A relation as the panel lists it. Fields at their default are left out (a large page has
    thousands): ``period`` when open at both ends (the page says "… to now"), ``confidence``
    when medium, ``directed``, ``off`` (not on the page: for its pair's story), ``pair`` (the
    index of its pair's story)."""
    out: dict[str, Any] = {"a": r.source, "b": r.target, "kind": r.kind, "domain": r.domain, "weight": _fmt(r.weight),
                           "evidence": r.evidence, "sources": list(r.sources)}
    if r.since or r.until:
        out["period"] = f"{r.since or '…'} to {r.until or 'now'}" + (" (until is exclusive)" if r.until else "")
    if r.confidence != "medium":
        out["confidence"] = r.confidence
    if r.directed:
        out["directed"] = True
    if r.attributes:
        out["attributes"] = [[str(k), _fmt(v)] for k, v in _sorted_items(r.attributes)]
    if r.tags:
        out["tags"] = list(r.tags)
    if not drawn:
        out["off"] = True
    if pair is not None:
        out["pair"] = pair
    return out


def panel_data(net: Network, rows: Mapping[str, Mapping[str, Any]] | None = None, *,
               side: Mapping[str, int] | None = None, split: Split | None = None,
               swing: Mapping[str, str] | None = None, camps: int = 2, stories: bool = True,
               estimates: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the side panel shows, for every actor and every pair with a line on the page.

    Parameters
    ----------
    net : Network
        The network drawn: its actors and relations are those on the page; its whole dataset
        gives the sources, the events and the pairs' relations not in force.
    rows : mapping, optional
        Each actor's metrics (:func:`graph.analysis.centrality.centrality`, by actor); without
        them the profile gives no ranks.
    side, split, swing, camps : optional
        With camps on the page (``color_by="faction"``): each actor's camp number from 0 (as the
        legend numbers them), the split, its swing actors with their reason, and how many camps
        were asked for. Without them nothing is said of camps: an exact split of a large graph
        takes seconds, and a page coloured by kind does not show one.
    stories : bool
        Tell each pair's story. The timeline page leaves them out: a story belongs to one day.
    estimates : mapping, optional
        Metric name to what the panel says of its estimate (a large page's betweenness and
        closeness, :data:`graph.render.PAGE_EXACT_ACTORS`): its ``metrics`` entry carries it as
        ``estimate``, and its values are marked as estimated.

    Returns
    -------
    dict
        ``actors`` (id to profile: ``camp``, ``strongest``, ``values``, ``ranks`` (0: no value),
        ``events``, ``tags``, ``attributes``, ``sources``), ``relations`` (id to relation, ``off``
        when not on the page, ``pair`` the index of its story), ``pairs`` (the stories, their
        sentences numbers in ``texts``), ``events``,
        ``sources`` (id to ``label``, ``href`` for an http(s) address, else ``url``), ``metrics``
        (name, layer, description, ``of``: how many actors have a value, ``estimate`` when estimated, in
        :data:`graph.metrics.METRICS` order), ``at``, ``model``, and
        ``camps`` (whether camps are on the page).

    Examples
    --------
    >>> from graph import load
    >>> from graph.network import network
    >>> from graph.analysis.centrality import centrality
    >>> net = network(load(), "2025-03-01")
    >>> data = panel_data(net, centrality(net).to_dict(orient="index"))
    >>> data["actors"]["AZE"]["strongest"][0][1]      # 14 actors drawn; Azerbaijan has 7 allies
    '1st of 14 in alignment_degree (alignment layer): 7'
    """
    snap, whole = net.dataset, net.whole
    swing = swing or {}
    drawn = {r.id for r in snap.relations}
    pairs = sorted({r.pair for r in snap.relations})
    # a story speaks of the best two-camp split: a split into more camps would be misnamed
    told = pair_stories(net, pairs, split if side and camps == 2 else None) if stories else {}
    event_index = {e.id: i for i, e in enumerate(whole.events)}
    texts: dict[str, int] = {}
    say = lambda text: texts.setdefault(text, len(texts))  # noqa: E731
    story_of = {p: i for i, p in enumerate(pairs)} if stories else {}
    relations = {r.id: _relation(r, True, story_of.get(r.pair)) for r in snap.relations}
    for p in pairs if stories else ():
        for r in told[p].relations:
            if r.id not in relations:
                relations[r.id] = _relation(r, r.id in drawn, story_of[p])
    ranks = metric_ranks(rows) if rows else {}
    # with every relation mutual, pn_in and pn_out equal pn: saying all three says one thing thrice
    same = set() if any(r.directed for r in snap.relations) else {"pn_in", "pn_out"}
    rankable = tuple(m for m in METRICS if m.name not in _UNRANKED | same)
    events_of: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(whole.events):
        for actor in dict.fromkeys(e.actors):
            events_of[actor].append(i)
    actors: dict[str, dict[str, Any]] = {}
    for a in snap.actors:
        profile: dict[str, Any] = {"events": events_of.get(a.id, [])}
        if rows:
            row = rows[a.id]
            profile["strongest"] = _strongest(ranks[a.id], rankable, row)
            profile["values"] = [_fmt(row[m.name]) for m in METRICS]
            profile["ranks"] = [ranks[a.id].get(m.name, (0,))[0] for m in METRICS]   # 0: no value
        if side:
            profile["camp"] = _camp_words(a.id, side, split, swing, camps)
        if a.tags:
            profile["tags"] = list(a.tags)
        if a.attributes:
            profile["attributes"] = [[str(k), _fmt(v)] for k, v in _sorted_items(a.attributes)]
        if a.sources:
            profile["sources"] = list(a.sources)
        actors[a.id] = profile
    return {
        "at": snap.at.isoformat() if snap.at else None,
        "camps": bool(side),
        "model": net.model.describe(),
        "actors": actors,
        "relations": relations,
        "pairs": [_k_camps(_story(told[p], event_index, say), side, split, camps, say)
                  for p in pairs] if stories else [],
        "texts": list(texts),
        "events": [{"date": str(e.date), "title": e.title, "kind": e.kind, "description": e.description,
                    "actors": list(e.actors), "sources": list(e.sources),
                    **({"future": True} if snap.at is not None and e.date.start > snap.at else {})}
                   for e in whole.events],
        "sources": {s.id: {"label": s.label, **({"href": s.url} if WEB_URL.match(s.url) else {"url": s.url})}
                    for _, s in sorted(whole.sources.items())},
        "metrics": [{"name": m.name, "layer": _LAYER_WORDS.get(m.layer, m.layer), "description": m.description,
                     "of": sum(1 for r in (rows or {}).values() if _has_value(r.get(m.name))),
                     **({"estimate": estimates[m.name]} if m.name in (estimates or {}) else {})} for m in METRICS],
    }


def panel_json(net: Network, rows: Mapping[str, Mapping[str, Any]] | None = None, **options: Any) -> str:
    """:func:`panel_data` as JSON text, for the page's data to carry as one string.

    The page parses it when the panel first opens: read as a string inside the page's data, it
    costs the page's load a scan instead of building some hundred thousand objects (a tenth of a
    second at 2,000 actors, benchmarks/page_load.py). The string reaches the page through
    ``_script_json`` like the rest, so no character in it can end the script.

    Examples
    --------
    >>> import json
    >>> from graph import load
    >>> from graph.network import network
    >>> sorted(json.loads(panel_json(network(load(), "2025-03-01"))))[:4]
    ['actors', 'at', 'camps', 'events']
    """
    return json.dumps(panel_data(net, rows, **options), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)

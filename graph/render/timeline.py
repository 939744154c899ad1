"""The time-slider page: a range of periods on one page, with a slider and a play button.

The periods, their range check and their networks come from the timeline's engine
(:func:`graph.analysis.temporal.timeline_states`), the same the timeline table reads.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from ..files import atomic_write
from ..analysis.balance import frustration_index, signed_ties
from ..analysis.camps import stable_numbers
from ..analysis.centrality import centrality
from ..analysis.temporal import TimelineStates, timeline_states
from ..model import Dataset
from ..network import Model, Network
from .page import _page
from .panel import panel_json
from .scene import DRAWN_METRICS, _arena_legend, _check_ids, _check_options, _drawing, _layout, _legend, _quiet
from .style import (AMBIVALENT_DASHES, SWING_DASHES, _ambivalent, _by_edge, _camps, _check_edges, _swing, _colour,
                    _drawn_edges, _faction_legend, _groups, _is_large, _line_counts, _line_data, _node_title, _nodes,
                    _options, _period_lines, _relation_counts, _scale, _size, _strain_shadow, _with_swing)

__all__ = ["render_timeline_html", "write_timeline_html"]


def render_timeline_html(dataset: Dataset | TimelineStates, start: str | _dt.date | None = None,
                         end: str | _dt.date | None = None, every: str | None = None, *,
                         size_by: str = "alignment_strength", color_by: str = "kind", title: str | None = None,
                         seed: int = 7, height: str = "780px", camps: int = 2, model: Model | None = None,
                         progress: Callable[[int, int], None] | None = None, edges: str = "pairs") -> str:
    """The graph over time as one offline page, with a slider and a play button across the periods.

    The periods are :func:`graph.dates.periods` from ``start`` to ``end``, a year, quarter or month
    apart; each shows the relations in force on its first day (:func:`graph.snapshot`). Moving the
    slider shows relations appearing, ending and changing; every node keeps its place, from one
    seeded layout of every relation in force in at least one period. The legend gives the period,
    the frustration index of its signed layer (:func:`graph.analysis.balance.frustration`, exact,
    two camps) and its counts; node size follows ``size_by`` in each period, on one scale for the
    whole range, so growth shows. With ``color_by="faction"`` colours and strained ties follow each
    period's best split into up to ``camps`` camps.

    Parameters
    ----------
    dataset : Dataset or TimelineStates
        A :class:`~graph.analysis.temporal.TimelineStates` is drawn with its own range and step,
        from its networks as built: the same value can feed :func:`graph.analysis.temporal.timeline`.
    start, end : date or text
        First and last day of the range (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial date
        means its first day). A period starting after ``end`` is not shown.
    every : {"year", "quarter", "month"}, optional
        The step between periods (default: year); given with timeline states, it must be theirs.
    progress : callable, optional
        Called as ``progress(done, total)``: 0 first, then after each period is built (its
        snapshot; not with timeline states given), after each distinct state is analysed (periods
        with the same relations in force share one: it counts for all of them), after the layout
        and after the page, so ``total`` is twice the periods plus 2 (once, given states).

    model : Model, optional
        How each period's network is built (:func:`~graph.analysis.temporal.timeline_states`).
    edges : {"pairs", "relations"}
        As in :func:`render_html`. With ``pairs`` a period shows a line while one of its relations
        is in force, as wide as the pair's combined strength in that period's network.

    The other options are those of :func:`render_html`.

    Raises
    ------
    OptionError
        As :func:`~graph.analysis.temporal.timeline_states`: among others, a range of more than
        :data:`~graph.analysis.temporal.MAX_PERIODS` periods, with their count.

    Notes
    -----
    The page's data (``var DATA``) holds ``nodes``, ``edges`` and ``options`` as in
    :func:`render_html` (edges: every line, or relation, in force in at least one period, ``hidden``
    when not in force in the first period), plus ``timeline``: ``periods`` (``day``, ``label``, ``state``)
    and ``states``, one per distinct set of relations in force (periods with the same relations
    share one): ``relations`` (sorted ids), ``frustration``, ``optimal``, ``counts``, ``sizes`` and
    ``titles`` per actor, and with factions ``colours``, ``factions`` and ``strained`` (relation id
    to the reason shown in its tooltip; ``counts["strained"]`` is the number of pairs under strain);
    ``strained`` and ``ambivalent`` are keyed by edge id (a line's id with ``edges="pairs"``), and
    with ``pairs`` a state's ``lines`` give the ``width`` and ``title`` of each line that holds only
    some of its relations in that state (:func:`~graph.render.style._period_lines`).
    ``<body data-period>`` is the index of the period shown.

    Examples
    --------
    >>> from graph import load
    >>> page = render_timeline_html(load(), "2020", "2025")
    >>> '<input id="period" type="range" min="0" max="5"' in page, "<script src" in page
    (True, False)
    """
    _check_options(size_by, color_by)
    _check_edges(edges)
    # the periods, their range check and their networks come from the timeline's own engine; the
    # progress counts each period built (unless given states), each analysed, the layout and the page
    progress = progress or _quiet
    built = 0 if isinstance(dataset, TimelineStates) else 1

    def periods_built(done: int, periods: int) -> None:
        if done == 1:   # the total is known from the first period on
            progress(0, 2 * periods + 2)
        progress(done, 2 * periods + 2)

    timeline_of = timeline_states(dataset, start, end, every, model=model, progress=periods_built if built else None)
    dataset, every = timeline_of.dataset, timeline_of.every
    _check_ids(dataset)
    first, last, days = timeline_of.start, timeline_of.end, timeline_of.periods
    keys = timeline_of.relations
    timeline_periods = [{"day": p.day.isoformat(), "label": p.label, "state": p.state} for p in days]
    shown = {rid for key in keys for rid in key}
    # the page draws the network's actors: the agents, unless the model keeps arenas
    drawn = {a.id for a in timeline_of.states[0].actors}
    actors = tuple(a for a in dataset.actors if a.id in drawn)
    union = replace(dataset, actors=actors, at=None, relations=tuple(
        r for r in dataset.relations if r.id in shown and r.source in drawn and r.target in drawn))
    names = {a.id: a.name for a in actors}

    # analysing a state covers every period that has it; then the layout, then the page
    offset = built * len(days)
    total = offset + len(days) + 2
    covered = Counter(p.state for p in days)
    if not built:
        progress(0, total)
    analyses = []
    numbers: dict[str, int] | None = None
    done = offset
    for k, net in enumerate(timeline_of.states):
        # what the states show: node size and the tooltip's counts (no side panel of metrics)
        rows = centrality(net, metrics=(*DRAWN_METRICS, size_by)).to_dict(orient="index")
        index = frustration_index(net)
        factions: list[list[str]] = []
        side: dict[str, int] = {}
        strained: dict[tuple[str, str], str] = {}
        if color_by == "faction":
            # each state's camps are named after the state before: a colour keeps meaning one camp
            split = index if camps == 2 else frustration_index(net, camps=camps)
            (split, numbers), = stable_numbers([(split, signed_ties(net))], before=numbers)
            factions, side, strained = _camps(net, camps, names, split, numbers)
            swing = _swing(net, split) if camps == 2 else {}
        else:
            swing = {}
        analyses.append((net, rows, index, factions, side, strained, swing))
        done += covered[k]
        progress(done, total)
    scale = _scale([rows[a.id][size_by] for _, rows, *_ in analyses for a in actors])

    sources = dict(dataset.sources)
    large = _is_large(len(actors))
    sizes = {key: len(rels) for key, rels in _groups(union).items()}
    states = []
    for key, (net, rows, index, factions, side, strained, swing) in zip(keys, analyses):
        snap = net.dataset
        state: dict[str, Any] = {
            "relations": sorted(r.id for r in snap.relations),  # the drawn ones: no stake of an arena left out
            "frustration": index.frustration,
            "optimal": index.optimal,
            "counts": {"relations": len(snap.relations), **_relation_counts(snap),
                       "signed": net.signed.number_of_edges()},
            "sizes": {a.id: _size(rows[a.id][size_by], *scale) for a in actors},
            "titles": {a.id: _with_swing(_node_title(a, rows[a.id], sources), swing.get(a.id)) for a in actors},
        }
        torn = _ambivalent(net)
        if torn:
            state["ambivalent"] = _by_edge(edges, snap, torn)
        if color_by == "faction":
            state["colours"] = {a.id: _colour(a, color_by, side) for a in actors}
            state["factions"] = _faction_legend(factions)
            state["strained"] = _by_edge(edges, snap, strained)
            state["counts"]["strained"] = len(strained)
            state["swing"] = sorted(swing)
            state["counts"]["swing"] = len(swing)
        partial = _period_lines(snap, net, sizes, large) if edges == "pairs" else {}
        if partial:
            state["lines"] = partial
        states.append(state)

    net0, rows0, _, factions0, side0, strained0, swing0 = analyses[0]
    # A state that holds every relation shown has the union's layers: its network is laid out as built.
    every_relation = tuple(sorted(shown))
    whole_state = next((net for key, net in zip(keys, timeline_of.states) if key == every_relation), None)
    # the network of every relation shown: laid out, and read by the side panel
    union_net = whole_state or Network.of(union, timeline_of.states[0].model)
    positions = _layout(union_net, seed, rows0, size_by, scale)
    progress(total - 1, total)
    nodes = _nodes(union, rows0, size_by, scale, positions, color_by, side0, large, swing0)
    in_force0 = set(states[0]["relations"])
    # Tooltips of strained ties are set per period by the page, so edges carry the plain ones here.
    drawn = [{**e, "hidden": not any(r in in_force0 for r in e.get("relations", (e["id"],)))}
             for e in _drawn_edges(edges, union, whole_state or net0.model, {}, large)]
    steps = {"year": "yearly", "quarter": "quarterly", "month": "monthly"}
    first_label, last_label = timeline_periods[0]["label"], timeline_periods[-1]["label"]
    legend = _legend(union, _relation_counts(net0.dataset), color_by=color_by, size_by=size_by, factions=factions0,
                     strained=len(strained0), scale=scale, when=f"{first_label} to {last_label}, {steps[every]}",
                     model=net0.model.describe(), arenas=_arena_legend(timeline_of.states[-1]),
                     swing=len(swing0) if color_by == "faction" else None, edges=edges,
                     lines=_line_counts(net0.dataset))
    timeline = {"every": every, "from": first.isoformat(), "to": last.isoformat(), "start": 0, "interval": 1200,
                "periods": timeline_periods, "states": states, "strain_shadow": _strain_shadow(),
                "ambivalent_dashes": AMBIVALENT_DASHES, "swing_dashes": SWING_DASHES}
    page = _page(dataset, drawn=union, title=title, legend=legend, height=height,
                 subtitle=(f"Timeline from {first.isoformat()} to {last.isoformat()}, {steps[every]}: "
                           f"{len(nodes)} actors, {_drawing(edges, union)} in {len(days)} periods"),
                 data={"nodes": nodes, "edges": drawn, "options": _options(seed, len(nodes)), "timeline": timeline,
                       **_line_data(edges, net0, large),
                       # no pair stories or metric ranks: both belong to one day, and the slider shows many
                       "panel": panel_json(union_net, stories=False)},
                 timeline={"last": len(days) - 1, "label": first_label, "day": timeline_periods[0]["day"]})
    progress(total, total)
    return page


def write_timeline_html(dataset: Dataset | TimelineStates, path: str | Path, start: str | _dt.date | None = None,
                        end: str | _dt.date | None = None, every: str | None = None, **options: Any) -> Path:
    """Render the timeline page and write it to ``path`` atomically, as UTF-8; nothing else is written.

    Takes the same options as :func:`render_timeline_html`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graph import load
    >>> out = write_timeline_html(load(), pathlib.Path(tempfile.mkdtemp()) / "t.html", "2020", "2025")
    >>> out.stat().st_size > 100_000
    True
    """
    return atomic_write(path, render_timeline_html(dataset, start, end, every, **options))

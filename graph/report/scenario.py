"""A scenario against its baseline (:func:`graph.analysis.scenario_compare.compare`) as text."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from ..choices import TEXT_FORMATS
from ..errors import OptionError
from ..metrics import METRIC_NAMES
from .text import _check_format, _heading, _json, markdown_or_plain

if TYPE_CHECKING:
    from ..analysis.scenario_compare import Comparison

__all__ = ["format_comparison"]


def _num(value: Any, digits: int = 4) -> str:
    # not text._num: a comparison shows a missing score as "n/a" and a change that rounds to -0 as "0"
    if value is None:
        return "n/a"
    if isinstance(value, bool) or not isinstance(value, float):
        return str(value)
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _delta(before: Any, after: Any, digits: int = 4) -> str:
    if before is None or after is None:
        return "n/a"
    change = float(after - before)
    if change == 0:
        return "0"
    text = _num(change, digits)
    if text == "0":  # a real change below the shown precision: say how small
        return f"{change:+.0e}"
    return text if text.startswith("-") else "+" + text


def _value(v: Any) -> str:
    if v is None:
        return "none"
    if isinstance(v, float):
        return _num(v, 3)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(map(str, v)) + "]"
    return str(v)


def format_comparison(comparison: Comparison, fmt: str = "table", *,
                      metrics: tuple[str, ...] | None = None) -> str:
    """A comparison as a short report (``table``), Markdown, or JSON; the text ends with a newline.

    ``metrics`` picks the centrality metrics shown in ``table`` and ``markdown`` (default
    :data:`~graph.analysis.scenario_compare.HEADLINE_METRICS`); ``json`` holds
    :meth:`~graph.analysis.scenario_compare.Comparison.to_dict` with floats rounded to six
    decimals, every metric included. In Markdown every title, path, rationale, name, id and value
    from the data is escaped (:func:`~graph.report.text.markdown_text`).

    Examples
    --------
    >>> from graph.analysis.scenario_compare import compare
    >>> from graph.model import Actor, Dataset, Relation
    >>> from graph.scenario import Scenario
    >>> ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABC"), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("bc", "B", "C", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0)))
    >>> text = format_comparison(compare(ds, Scenario("Peace", "", (), remove_relations=("ac",)), at="2025"))
    >>> print(text.splitlines()[0])
    Scenario: Peace
    """
    _check_format(fmt, TEXT_FORMATS)
    if fmt == "json":
        return _json(comparison.to_dict())
    # imported here so that the other reports load without the analysis
    from ..analysis.scenario_compare import HEADLINE_METRICS

    metrics = tuple(metrics) if metrics else HEADLINE_METRICS
    unknown = [m for m in metrics if m not in METRIC_NAMES]
    if unknown:
        raise OptionError(f"unknown metric '{unknown[0]}'; choose one of: {', '.join(METRIC_NAMES)}")
    c = comparison
    md = fmt == "markdown"
    esc = markdown_or_plain(md)
    names = c.names
    h = _heading(md)
    bullet = "- " if md else "  "
    sub = "  - " if md else "      "
    label = lambda i: f"{esc(names.get(i, i))} ({esc(i)})" if names.get(i, i) != i else esc(i)  # noqa: E731
    # Markdown lines are left whole (the renderer wraps them); plain text is wrapped at 100 columns
    wrap = (lambda t: t) if md else (lambda t: textwrap.fill(t, 100, subsequent_indent="      ",  # noqa: E731
                                                              break_long_words=False, break_on_hyphens=False))
    sc = c.scenario
    out = [f"# Scenario: {esc(sc.title)}" if md else f"Scenario: {sc.title}", ""]
    where = f" ({esc(str(sc.path))})" if sc.path else ""
    out += [f"Baseline against scenario on {c.at}{where}.", ""]
    if sc.rationale:
        out += [esc(sc.rationale) if md else textwrap.fill(sc.rationale, 100), ""]
    if sc.sources:
        cited = "Sources: " + "; ".join(esc(c.source_labels.get(s, s)) for s in sc.sources) + "."
        out += [cited if md else textwrap.fill(cited, 100, break_on_hyphens=False), ""]

    out += [h("What the scenario changes"), ""]
    lines = []
    for r in c.relations:
        rel = r.after or r.before
        arrow = "→" if rel.directed else "–"
        pair = f"{esc(names.get(rel.source, rel.source))} {arrow} {esc(names.get(rel.target, rel.target))}"
        note = "" if r.in_force else f" [not in force on {c.at}]"
        if r.what == "changed":
            parts = []
            for f in r.fields:
                if f in ("evidence", "attributes"):
                    parts.append(f"new {f}")
                else:
                    old, new = esc(_value(getattr(r.before, f))), esc(_value(getattr(r.after, f)))
                    parts.append(f"{f} {old} → {new}")
            lines.append(f"{bullet}changed {esc(r.id)} ({pair}, {rel.kind}, {rel.domain}): " + ", ".join(parts) + note)
        else:
            when = f", since {rel.since}" if rel.since else ""
            when += f", until {rel.until}" if rel.until else ""
            lines.append(f"{bullet}{r.what} {esc(r.id)} ({pair}): {rel.kind}, {rel.domain}, weight "
                         f"{_num(rel.weight, 2)}{when}{note}")
    for a in c.actors_added:
        lines.append(f"{bullet}added actor {label(a)}")
    for a in c.actors_removed:
        lines.append(f"{bullet}removed actor {label(a)}")
    for a, fields in c.actors_changed:
        lines.append(f"{bullet}changed actor {label(a)}: " + ", ".join(fields))
    out += [wrap(x) for x in lines] or ["Nothing."]

    out += ["", h("Balance"), ""]
    rows = [
        ("signed ties", "edges", 0),
        ("frustration index L (ties)", "frustration_index", 0),
        ("weighted frustration (magnitude)", "weighted_frustration", 3),
        ("triangle balance (share balanced)", "triangle_balance", 3),
        ("walk balance (Estrada & Benzi)", "walk_balance", 3),
        ("frustration score 1 - L/(m/2)", "frustration_score", 3),
    ]
    scores = c.scores
    table = []
    for text, key, digits in rows:
        b, a = scores[key]
        fmt_value = (lambda v: _num(float(v), digits) if isinstance(v, (int, float)) and digits else
                     (_num(v) if v is not None else "n/a"))
        table.append((text, fmt_value(b), fmt_value(a), _delta(b, a, digits or 0)))
    if md:
        out += ["| score | baseline | scenario | change |", "|---|---:|---:|---:|"]
        out += [f"| {k} | {b} | {a} | {d} |" for k, b, a, d in table]
    else:
        width = max(len(k) for k, *_ in table)
        cols = [max(len(r[i]) for r in table + [("", "baseline", "scenario", "change")]) for i in (1, 2, 3)]
        for k, *values in [("", "baseline", "scenario", "change")] + table:
            out.append(f"  {k.ljust(width)}  " + "  ".join(v.rjust(w) for v, w in zip(values, cols)))

    out += ["", h("Camps (matched to the baseline's by shared members)"), ""]
    for k in range(max(len(c.camps_before), len(c.camps_after))):
        before = c.camps_before[k] if k < len(c.camps_before) else ()
        after = c.camps_after[k] if k < len(c.camps_after) else ()
        members = ", ".join(map(esc, after)) or "empty"
        out.append(wrap(f"{bullet}Camp {k + 1} ({len(before)} → {len(after)} actors): {members}"))
    camp = lambda n: f"camp {n}" if n else "no camp"  # noqa: E731
    if c.camp_changes:
        out += ["", f"Actors that change camp ({len(c.camp_changes)}):", ""]
        out += [f"{bullet}{label(x.id)}: {camp(x.before)} → {camp(x.after)}" for x in c.camp_changes]
    else:
        out += ["", "No actor changes camp."]

    for title, items, side in (("Ties that come under strain", c.entered_strain, "after"),
                               ("Ties that leave strain", c.left_strain, "before")):
        out += ["", h(f"{title} ({len(items)})"), ""]
        if not items:
            out.append("None.")
        for s in items:
            tie = getattr(s, side)
            what = ("aligned, yet in opposite camps" if tie.sign > 0 else "in tension, yet in the same camp")
            what = f"{'' if side == 'after' else 'was '}{what} (magnitude {_num(tie.weight, 3)})"
            out.append(wrap(f"{bullet}{label(s.source)} – {label(s.target)}: {what}; {s.reason}"))
    still = len(c.outcome.split.frustrated) - len(c.entered_strain)
    out += ["", f"{still} tie{'' if still == 1 else 's'} stay under strain."]

    out += ["", h(f"Largest centrality changes (top {c.top} per metric)"), ""]
    shown = False
    for metric in metrics:
        moves = c.movers.get(metric, ())
        if not moves:
            continue
        shown = True
        out.append(f"{bullet}{metric}" if md else f"  {metric}")
        width = max(len(label(m.id)) for m in moves)
        for m in moves:
            old, new, change = _num(m.before), _num(m.after), _delta(m.before, m.after)
            line = (f"{label(m.id)}: {old} → {new} ({change})" if md
                    else f"{label(m.id).ljust(width)}  {old:>8} → {new:>8}  {change:>8}")
            out.append(f"{sub}{line}")
    if not shown:
        out.append("No change in " + ", ".join(metrics) + ".")
    return "\n".join(out) + "\n"

"""How sure each conclusion is (camps, signs, ranks, frustration over redraws) as text."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Callable

from ..choices import TEXT_FORMATS
from .text import _check_format, _heading, _json, _names, _num, markdown_or_plain

if TYPE_CHECKING:
    from ..analysis.robustness import PairSign, Robustness
    from ..model import Dataset

__all__ = ["format_robustness"]

#: A sign or camp holding in at least this share of the draws is called settled in the text.
SETTLED = 0.95
#: How many actors the text lists per metric (the JSON has them all).
TOP = 5


def _pct(p: float) -> str:
    return f"{round(100 * p)} %"


def format_robustness(result: Robustness, fmt: str = "table", names: dict[str, str] | None = None, *,
                      dataset: Dataset | None = None) -> str:
    """A robustness result as a short report in words (``table``), Markdown, or the JSON contract.

    In Markdown every name and id is escaped (:func:`~graph.report.text.markdown_text`).

    Parameters
    ----------
    result : Robustness
        What :func:`graph.analysis.robustness.robustness` returns.
    fmt : {"table", "markdown", "json"}
    names : dict, optional
        Actor id → name (default: from ``dataset``, else the ids alone).
    dataset : Dataset, optional
        The dataset the result was computed on, to name the actors.

    Raises
    ------
    OptionError
        When ``fmt`` is not one of the three.

    Examples
    --------
    >>> from graph.analysis.robustness import robustness
    >>> from graph.model import Actor, Dataset, Relation
    >>> ds = Dataset(actors=tuple(Actor(x, x + "land", "state") for x in "ABC"), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 0.9, confidence="high"),
    ...     Relation("ac", "A", "C", False, "tension", "security", 0.8, confidence="high")))
    >>> text = format_robustness(robustness(ds, at="2025", samples=10), dataset=ds)
    >>> print(text.splitlines()[0])
    How sure: 10 draws of the data on 2025-01-01 (seed 0)
    """
    _check_format(fmt, TEXT_FORMATS)
    if fmt == "json":
        return _json(result.to_dict())
    names = (_names(dataset) if dataset is not None else {}) if names is None else names
    md = fmt == "markdown"
    esc = markdown_or_plain(md)
    label = lambda i: f"{esc(names.get(i, i))} ({esc(i)})" if names.get(i, i) != i else esc(i)  # noqa: E731
    h = _heading(md)
    item = "- " if md else "  "
    on = f" on {result.at}" if result.at else ""
    title = f"How sure: {result.samples} draws of the data{on} (seed {result.seed})"
    out = [f"# {title}" if md else title, "", _method(result), ""]
    if result.model:
        out[-1:] = ["", f"{result.model[:1].upper()}{result.model[1:]}.", ""]
    out += _frustration(result, h, item) + _camps(result, h, item, label) + _signs(result, h, item, label)
    out += _fragile(result, h, item, label) + _ranks(result, h, item, md)
    return "\n".join(out).rstrip("\n") + "\n"


def _method(result: Robustness) -> str:
    from ..analysis.robustness import MIN_WEIGHT

    ordered = sorted(result.bands.items(), key=lambda x: (x[1], x[0]))
    bands = ", ".join(f"±{_num(b)} ({c}{' confidence' if i == 0 else ''})" for i, (c, b) in enumerate(ordered))
    drops = "; ".join(f"each {c}-confidence relation is left out with probability {_num(p)}"
                      for c, p in sorted(result.drop.items()) if p)
    text = (f"Each draw moves every relation's weight uniformly within {bands}, kept in [{_num(MIN_WEIGHT)}, 1]"
            + (f"; {drops}" if drops else "") + ". Method: Borgatti, Carley & Krackhardt 2006, Soc. Netw. 28:124.")
    if result.unproven:
        text += f" {result.unproven} draws were not solved to proven optimality."
    return textwrap.fill(text, width=100, break_on_hyphens=False, break_long_words=False)


def _frustration(result: Robustness, h: Callable[[str], str], item: str) -> list[str]:
    f = result.frustration
    out = [h("Frustration index (ties under strain in the best split)"), "",
           f"{_num(f.baseline)} in the data; {_num(f.minimum)} to {_num(f.maximum)} in the draws, quartiles "
           f"{_num(f.q1)}, {_num(f.median)} and {_num(f.q3)} (mean {_num(f.mean, 2)}).", ""]
    out += [f"{item}L = {_num(v)}: {k} draws ({_pct(k / result.samples)})" for v, k in f.histogram]
    w = result.weighted_frustration
    if w is not None:
        out += ["", f"Weighted frustration: {_num(w.baseline, 3)} in the data; {_num(w.minimum, 3)} to "
                    f"{_num(w.maximum, 3)} in the draws, median {_num(w.median, 3)}."]
    return out + [""]


def _camps(result: Robustness, h: Callable[[str], str], item: str, label: Callable[[str], str]) -> list[str]:
    out = [h("Camps (numbered as in the data's best split)"), ""]
    placed = [a for a in result.actors if a.camp is not None]
    if not placed:
        return out + ["No actor has a signed tie in any draw.", ""]
    for a in sorted(placed, key=lambda a: (a.camp, -a.camp_probability, a.id)):
        line = f"{item}{label(a.id)}: camp {a.camp} in {_pct(a.camp_probability)} of draws"
        if a.baseline != a.camp:
            line += f" (camp {a.baseline} in the data)" if a.baseline else " (no signed tie in the data)"
        if a.unplaced:
            line += f"; no signed tie in {_pct(a.unplaced)}"
        out.append(line)
    never = [a.id for a in result.actors if a.camp is None]
    if never:
        out.append(f"{item}No signed tie in any draw: " + ", ".join(label(i) for i in never))
    return out + [""]


def _sign_line(p: PairSign) -> str:
    parts = [f"positive {_pct(p.p_positive)}", f"negative {_pct(p.p_negative)}"]
    parts += [f"ambivalent {_pct(p.p_ambivalent)}"] if p.p_ambivalent else []
    parts += [f"absent {_pct(p.p_absent)}"] if p.p_absent else []
    return ", ".join(parts) + f"; same camp in {_pct(p.same_camp)}"


def _signs(result: Robustness, h: Callable[[str], str], item: str, label: Callable[[str], str]) -> list[str]:
    out = [h("Net signs of the tied pairs"), ""]
    settled = [p for p in result.pairs if max(p.p_positive, p.p_negative) >= SETTLED]
    open_ = sorted((p for p in result.pairs if max(p.p_positive, p.p_negative) < SETTLED),
                   key=lambda p: (abs(p.p_positive - p.p_negative), p.source, p.target))
    out.append(f"{len(settled)} of {len(result.pairs)} tied pairs keep one sign in at least {_pct(SETTLED)} of draws"
               + (". The others, least certain first:" if open_ else "."))
    if open_:
        out.append("")
    out += [f"{item}{label(p.source)} – {label(p.target)}: {_sign_line(p)}" for p in open_]
    return out + [""]


def _fragile(result: Robustness, h: Callable[[str], str], item: str, label: Callable[[str], str]) -> list[str]:
    from ..analysis.robustness import NEAR

    near = result.fragile
    out = [h(f"What would change a conclusion (nets within {_num(NEAR)} of zero)"), ""]
    if not near:
        return out + ["No tied pair's net is that close to zero.", ""]
    for p in near:
        strengths = f"alignment {_num(p.alignment, 3)}, tension {_num(p.tension, 3)}"
        if p.net > 0:
            change = f"{_num(p.flip, 3)} more tension or less alignment cancels it; more turns it negative"
        elif p.net < 0:
            change = f"{_num(p.flip, 3)} more alignment or less tension cancels it; more turns it positive"
        else:
            change = "they cancel: any change gives it a sign"
        out.append(f"{item}{label(p.source)} – {label(p.target)}: net {p.net:+.3f} ({strengths}): {change}")
    return out + [""]


def _ranks(result: Robustness, h: Callable[[str], str], item: str, md: bool) -> list[str]:
    from ..analysis.robustness import INTERVAL

    low, high = (round(100 * q) for q in INTERVAL)
    out = [h(f"Rank intervals ({low}th–{high}th percentile of the draws; 1 is the largest value)"), "",
           f"The first {TOP} actors in the data on each metric, with the ranks they take in the draws:", ""]
    for metric in result.metrics:
        ranked = sorted((a for a in result.actors if a.ranks[metric].rank is not None),
                        key=lambda a: (a.ranks[metric].rank, a.id))[:TOP]
        cells = []
        for a in ranked:
            r = a.ranks[metric]
            span = f"{r.low}" if r.low == r.high else f"{r.low}–{r.high}"
            cells.append(f"{markdown_or_plain(md)(a.id)} {r.rank} ({span})")
        name = f"`{metric}`" if md else metric
        out.append(f"{item}{name}: " + (", ".join(cells) if cells else "no actor has a value"))
    return out

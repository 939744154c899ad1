"""A structural-balance report (camps, ties under strain with their evidence, scores) as text."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from ..choices import TEXT_FORMATS
from .text import _check_format, _heading, _json, _names, _num, markdown_or_plain

if TYPE_CHECKING:
    from ..analysis.balance import BalanceReport
    from ..model import Dataset

__all__ = ["format_balance", "balance_evidence"]


def format_balance(report: BalanceReport, fmt: str = "table", names: dict[str, str] | None = None,
                   evidence: dict[tuple[str, str], list[str]] | None = None, *,
                   dataset: Dataset | None = None) -> str:
    """A balance report as a short text report (``table``), Markdown, or the JSON contract.

    Parameters
    ----------
    report : BalanceReport
        What :func:`graph.analysis.balance.balance` returns.
    fmt : {"table", "markdown", "json"}
    names : dict, optional
        Actor id → name (default: from ``dataset``, else the ids alone).
    evidence : dict, optional
        Sorted pair → the evidence sentences of its relations, the first three shown under each
        tie under strain (default: :func:`balance_evidence` of ``dataset`` on the report's day,
        else none).
    dataset : Dataset, optional
        The dataset the report was computed on, to name the actors and cite the evidence.

    Raises
    ------
    OptionError
        When ``fmt`` is not one of the three.

    Examples
    --------
    >>> from graph.analysis.balance import balance
    >>> from graph.model import Actor, Dataset, Relation
    >>> ds = Dataset(actors=tuple(Actor(x, x + "land", "state") for x in "ABCD"), relations=(
    ...     Relation("ab", "A", "B", False, "alignment", "economic", 1.0),
    ...     Relation("cd", "C", "D", False, "alignment", "economic", 1.0),
    ...     Relation("ac", "A", "C", False, "tension", "security", 1.0),
    ...     Relation("bd", "B", "D", False, "tension", "security", 1.0),
    ...     Relation("ad", "A", "D", False, "alignment", "energy", 0.5, evidence="A pipeline.")))
    >>> text = format_balance(balance(ds, at="2025"), dataset=ds)
    >>> print("\\n".join(text.splitlines()[14:16]))
      Aland (A) – Dland (D): aligned, yet in opposite camps (magnitude 0.5)
          alignment, energy (0.5): A pipeline.
    """
    _check_format(fmt, TEXT_FORMATS)
    data = report.to_dict()
    if fmt == "json":
        return _json(data)
    if dataset is not None:
        names = _names(dataset) if names is None else names
        evidence = balance_evidence(dataset, report.at) if evidence is None else evidence
    names = names or {}
    evidence = evidence or {}
    md = fmt == "markdown"
    esc = markdown_or_plain(md)
    h = _heading(md)
    label = lambda i: f"{esc(names.get(i, i))} ({esc(i)})" if names.get(i, i) != i else esc(i)  # noqa: E731
    out = [f"# Structural balance{' on ' + data['at'] if data['at'] else ''}" if md
           else f"Structural balance{' on ' + data['at'] if data['at'] else ''}", ""]
    out += [f"{data['nodes']} actors, {data['edges']} signed ties ({data['positive']} positive, "
            f"{data['negative']} negative)."]
    if data.get("model"):
        out.append(f"{data['model'][:1].upper()}{data['model'][1:]}.")
    out.append("")
    proof = "proven optimal" if data["optimal"] else f"best found, not proven (lower bound {_num(data['lower_bound'])})"
    camps = data["camps"]
    out += [h(f"Camps ({'up to ' + str(camps) if camps > 2 else 'two'}, {proof})"), ""]
    if data.get("note"):
        out += [f"{data['note'][:1].upper()}{data['note'][1:]}.", ""]
    for k, faction in enumerate(data["factions"], 1):
        out.append(f"{'- ' if md else '  '}Camp {k}: " + ", ".join(label(a) for a in faction))
    if data["unplaced"]:
        out.append(f"{'- ' if md else '  '}No signed tie: " + ", ".join(label(a) for a in data["unplaced"]))
    out += ["", h(f"Ties under strain ({len(data['frustrated'])}, heaviest first)"), ""]
    if not data["frustrated"]:
        out.append("None: the split fits every tie.")
    for t in data["frustrated"]:
        kind = "aligned, yet in opposite camps" if t["sign"] > 0 else "in tension, yet in the same camp"
        out.append(f"{'- ' if md else '  '}{label(t['source'])} – {label(t['target'])}: {kind} "
                   f"(magnitude {_num(t['weight'], 3)})")
        for sentence in evidence.get((t["source"], t["target"]), [])[:3]:
            out.append(f"{'  - ' if md else '      '}{esc(sentence)}")
    out += _optima_lines(data, label, md, h)
    if data["ambivalent"]:
        out += ["", h(f"Ambivalent pairs ({len(data['ambivalent'])}, no signed tie: alignment and tension cancel)"), ""]
        out += [f"{'- ' if md else '  '}{label(a['source'])} – {label(a['target'])}: alignment "
                f"{_num(a['alignment'], 3)}, tension {_num(a['tension'], 3)}" for a in data["ambivalent"]]
    tri = data["triangles"]
    out += ["", h("Scores"), ""]
    rows = [
        ("triangles +++ / ++- / +-- / ---", f"{tri['+++']} / {tri['++-']} / {tri['+--']} / {tri['---']}"),
        ("triangle balance (share balanced)", _num(data["triangle_balance"])),
        ("walk balance (Estrada & Benzi)", _num(data["walk_balance"]) + (
            f" (estimated, ± {_num(data['walk_balance_error'], 2)})"
            if data.get("walk_balance_method") == "estimated" else "")),
        ("frustration index L (ties)", _num(data["frustration_index"])),
        ("weighted frustration (magnitude)", _num(data["weighted_frustration"])),
        ("frustration score 1 - L/(m/2)", _num(data["frustration_score"])),
    ]
    if camps > 2:
        rows[3:5] = [(f"frustration index L (ties, up to {camps} camps)", _num(data["frustration_index"])),
                     (f"weighted frustration (magnitude, up to {camps} camps)", _num(data["weighted_frustration"])),
                     ("frustration index L (ties, two camps)", _num(data["frustration_index_two_camps"])),
                     ("weighted frustration (magnitude, two camps)", _num(data["weighted_frustration_two_camps"]))]
    if md:
        out += ["| score | value |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in rows]
    else:
        width = max(len(k) for k, _ in rows)
        out += [f"  {k.ljust(width)}  {v}" for k, v in rows]
    return "\n".join(out) + "\n"


def _optima_lines(data: dict, label, md: bool, h) -> list[str]:
    """The "every optimum" section: how many splits tie, who swings, which strain is certain."""
    if "optimal_splits" not in data:
        return []
    n, objective = data["optimal_splits"], "magnitude" if data["weighted"] else "number of ties"
    two = " two-camp" if data["camps"] > 2 else ""
    if data["optimal_splits_capped"]:
        head = f"At least {n} equally optimal{two} splits (counting stopped there; the lists below read from those)"
    else:
        head = f"{n} equally optimal{two} split{'s' if n != 1 else ''}"
    out = ["", h(f"Every optimum ({objective})"), "", head + "."]
    pair = lambda t: f"{label(t['source'])} – {label(t['target'])}"  # noqa: E731
    lines = [("swing (in the other camp in some optimum)", [label(a) for a in data["swing"]]),
             ("under strain in every optimum", [pair(t) for t in data["always_strained"]]),
             ("under strain in some optima only", [pair(t) for t in data["sometimes_strained"]])]
    for name, items in lines:
        out.append(f"{'- ' if md else '  '}{name[0].upper() + name[1:]}: {', '.join(items) if items else 'none'}")
    return out


def balance_evidence(dataset: Dataset, at: str | _dt.date | None = None) -> dict[tuple[str, str], list[str]]:
    """The evidence of each pair's relations in force on ``at`` (every relation when None), as
    :func:`format_balance` cites it under a tie under strain.

    Returns
    -------
    dict
        Sorted pair of actor ids → one ``"kind, domain (weight): evidence"`` line per relation,
        in the dataset's order.

    Examples
    --------
    >>> from graph.model import Actor, Dataset, Relation
    >>> ds = Dataset(actors=(Actor("A", "Aland", "state"), Actor("B", "Bland", "state")), relations=(
    ...     Relation("ba", "B", "A", False, "alignment", "economic", 0.5, evidence="Trade."),))
    >>> balance_evidence(ds)
    {('A', 'B'): ['alignment, economic (0.5): Trade.']}
    """
    from ..network import snapshot

    evidence: dict[tuple[str, str], list[str]] = {}
    for r in snapshot(dataset, at).relations if at else dataset.relations:
        evidence.setdefault(r.pair, []).append(f"{r.kind}, {r.domain} ({r.weight:g}): {r.evidence}")
    return evidence

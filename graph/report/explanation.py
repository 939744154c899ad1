"""The story of a pair (its relations, events, triads and what balance theory says) as text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..choices import TEXT_FORMATS
from .text import _check_format, _escape_values, _heading, _json, _num, markdown_text

if TYPE_CHECKING:
    from ..analysis.explain import Explanation

__all__ = ["format_explanation", "tie_sentence", "triad_lines", "balance_lines", "NO_TRIADS"]

#: What the story says of a pair in no triad.
NO_TRIADS = "None: no third actor has a signed tie with both."


def format_explanation(story: Explanation, fmt: str = "table") -> str:
    """The story of a pair (:func:`graph.analysis.explain.explain`) as text, Markdown or JSON.

    In Markdown every name, evidence sentence, title and label is escaped
    (:func:`~graph.report.text.markdown_text`).
    """
    _check_format(fmt, TEXT_FORMATS)
    data = story.to_dict()
    if fmt == "json":
        return _json(data)
    md = fmt == "markdown"
    if md:
        data = _escape_values(data, markdown_text)
    h = _heading(md)
    bullet = "- " if md else "  "
    a, b = data["a"], data["b"]
    title = f"{a['name']} ({a['id']}) and {b['name']} ({b['id']})" + (f", on {data['at']}" if data["at"] else "")
    out = [f"# {title}" if md else title, ""]
    out += [tie_sentence(data["tie"])]
    if data.get("model"):
        out.append(f"{data['model'][:1].upper()}{data['model'][1:]}.")
    out.append("")
    out += [h(f"Relations ({len(data['relations'])})"), ""]
    for r in data["relations"]:
        when = f"{r['since'] or '…'} to {r['until'] or 'now'}"
        way = f", {r['from']} → {r['to']}" if r["from"] else ""
        live = "" if r["in_force"] else " [not in force on this date]"
        out.append(f"{bullet}{r['kind']}, {r['domain']}, weight {_num(r['weight'], 2)}, {when}{way}, "
                   f"confidence {r['confidence']}{live}")
        out.append(f"{'  ' if md else '      '}{r['evidence']}")
        out.append(f"{'  ' if md else '      '}Sources: " + "; ".join(s["label"] for s in r["sources"]))
    out += ["", h(f"Events involving both ({len(data['events'])})"), ""]
    out += [f"{bullet}{e['date']}: {e['title']} ({e['kind']})" + (" [not yet: after this date]" if e["future"] else "")
            for e in data["events"]] or ["None recorded."]
    out += ["", h(f"Triads with a third actor ({len(data['triads'])})"), ""]
    out += [bullet + line for line in triad_lines(a["id"], b["id"], data["triads"])] or [NO_TRIADS]
    out += ["", h("What balance theory says"), ""]
    out += balance_lines(data["balance"])
    return "\n".join(out) + "\n"


def tie_sentence(tie: dict[str, Any]) -> str:
    """The pair's combined strengths and net sign (``to_dict()["tie"]``), as the report says them."""
    net = {1: "net alignment", -1: "net tension", 0: "no net sign"}[tie["sign"]]
    if tie["ambivalent"]:
        net = "ambivalent, too even to give a sign, so sign-only measures leave the pair out"
    return f"Combined alignment {_num(tie['alignment'], 3)}, combined tension {_num(tie['tension'], 3)}: {net}."


def triad_lines(a: str, b: str, triads: list[dict[str, Any]]) -> list[str]:
    """One line per triad of the pair ``a``, ``b`` (``to_dict()["triads"]``), without bullets."""
    sym = {1: "+", -1: "−"}
    verdicts = {True: "balanced", False: "unbalanced", None: "no net sign"}
    return [f"{t['third']}: {a} {sym[t['sign_a']]} {t['third']} {sym[t['sign_b']]} {b} pushes towards "
            f"{'alignment' if t['pushes'] > 0 else 'tension'}; {verdicts[t['balanced']]}" for t in triads]


def balance_lines(bal: dict[str, Any]) -> list[str]:
    """What balance theory says of the pair (``to_dict()["balance"]``): where its triads push it and
    what the best two-camp split makes of its tie."""
    out = []
    if bal["pushed"] == 0:
        out.append("The triads do not push the pair either way.")
    else:
        toward = "alignment" if bal["pushed"] > 0 else "tension"
        agree = {True: "and the pair's net sign agrees", False: "but the pair's net sign disagrees",
                 None: "while the pair has no net sign"}[bal["consistent"]]
        out.append(f"The rest of the graph pushes the pair towards {toward} (weight {_num(bal['pushed'], 3)}), {agree}.")
    if bal["same_camp"] is not None:
        camp = "in the same camp" if bal["same_camp"] else "in opposite camps"
        strain = ("; their tie contradicts that split: it is under strain" if bal["frustrated"]
                  else "; their tie fits that split")
        out.append(f"The best two-camp split puts them {camp}{strain}.")
    return out

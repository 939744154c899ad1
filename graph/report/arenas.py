"""The arenas' figures (who backs each project and region, who contests it, how contested) as text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from ..choices import TEXT_FORMATS
from .text import _check_format, _heading, _json, _num, markdown_or_plain

if TYPE_CHECKING:
    from ..analysis.arenas import Arena, Stake

__all__ = ["format_arenas"]


def _names(stakes: "Sequence[Stake]", names: dict[str, str], esc: Callable[[str], str]) -> str:
    return ", ".join(f"{esc(names.get(s.agent, s.agent))} ({_num(max(s.support, s.contest), 2)})" for s in stakes)


def format_arenas(found: "Sequence[Arena]", fmt: str = "table", *, model: str = "", at: str | None = None,
                  names: dict[str, str] | None = None) -> str:
    """Arenas (:func:`graph.analysis.arenas.arenas`) as text, Markdown or JSON.

    ``model`` is the line that states how ties were combined (:meth:`graph.network.Model.describe`);
    JSON is ``{"at", "model", "arenas": [Arena.to_dict() …]}``. In Markdown every name and id is
    escaped (:func:`~graph.report.text.markdown_text`).

    Examples
    --------
    >>> from graph import load
    >>> from graph.analysis.arenas import arenas
    >>> print(format_arenas(arenas(load(), at="2025"), at="2025-01-01").splitlines()[0])
    Arenas on 2025-01-01: the projects and regions agents have stakes in
    """
    _check_format(fmt, TEXT_FORMATS)
    names = names or {}
    if fmt == "json":
        return _json({"at": at, "model": model, "arenas": [a.to_dict() for a in found]})
    md = fmt == "markdown"
    esc = markdown_or_plain(md)
    h = _heading(md)
    bullet = "- " if md else "  "
    title = "Arenas" + (f" on {at}" if at else "") + ": the projects and regions agents have stakes in"
    out = [f"# {title}" if md else title, ""]
    if model:
        out += [f"{model[:1].upper()}{model[1:]}.", ""]
    if not found:
        out.append("No arena: every actor is an agent, or the model keeps arenas as nodes (--with-arenas).")
    for a in found:
        contested = "no rival stakeholders to weigh" if a.contested is None else f"contested {_num(a.contested, 2)}"
        out += [h(f"{esc(a.name)} ({esc(a.id)}, {a.kind}): {contested}"), ""]
        out.append(f"{bullet}backed by: {_names(a.supporters, names, esc) or 'nobody recorded'}")
        out.append(f"{bullet}contested by: {_names(a.opponents, names, esc) or 'nobody recorded'}")
        if a.ambivalent:
            out.append(f"{bullet}ambivalent: {_names(a.ambivalent, names, esc)}")
        if a.at_odds:
            out.append(f"{bullet}stakeholders at odds: " + "; ".join(f"{esc(x)} – {esc(y)}" for x, y in a.at_odds))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"

"""Change over time as text: timeline rows (table, CSV, JSON) and the diff between two dates."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..choices import TEXT_FORMATS, TIMELINE_FORMATS
from ..csv_text import check_formulas, csv_table
from .tables import format_frame
from .text import DIGITS, _check_format, _clean, _escape_values, _heading, _json, _missing, _names, _num, markdown_text

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis.temporal import Diff
    from ..model import Dataset

__all__ = ["format_timeline", "format_diff"]


def format_timeline(frame: "pd.DataFrame", fmt: str = "table", *, formulas: str = "text") -> str:
    """Timeline rows (:func:`graph.analysis.temporal.timeline`) as a table, CSV or JSON.

    ``json`` is a list of ``{"period", "actor", "metric", "value"}`` rows (``actor`` null for a
    graph-level metric); ``csv`` the same rows with a header, text a spreadsheet would run as a
    formula prefixed with ``'`` (``formulas``: :data:`graph.csv_text.FORMULA_MODES`; values stay
    numbers); ``table`` one line per period, one column per graph metric and per ``ACTOR:metric``.
    """
    _check_format(fmt, TIMELINE_FORMATS)
    check_formulas(formulas)
    rows = [{"period": r["period"], "actor": None if _missing(r["actor"]) else r["actor"], "metric": r["metric"],
             "value": None if _missing(r["value"]) else _clean(r["value"], DIGITS)}
            for r in frame.to_dict(orient="records")]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_table(["period", "actor", "metric", "value"],
                         ([r["period"], r["actor"], r["metric"], r["value"]] for r in rows), formulas=formulas)
    import pandas as pd

    columns: list[str] = []
    table: dict[str, dict[str, Any]] = {}
    for r in rows:
        column = r["metric"] if r["actor"] is None else f"{r['actor']}:{r['metric']}"
        if column not in columns:
            columns.append(column)
        table.setdefault(r["period"], {})[column] = r["value"]
    wide = pd.DataFrame.from_dict(table, orient="index")[columns] if table else pd.DataFrame()
    wide.index.name = "period"
    return format_frame(wide, "table")


def format_diff(change: Diff, fmt: str = "table", names: dict[str, str] | None = None, *,
                dataset: Dataset | None = None) -> str:
    """A :class:`graph.analysis.temporal.Diff` as a short report, Markdown or JSON.

    ``names`` maps ids to names (default: those of ``dataset``, else the ids alone). In Markdown
    every name, id and label is escaped (:func:`~graph.report.text.markdown_text`).
    """
    _check_format(fmt, TEXT_FORMATS)
    if dataset is not None and names is None:
        names = _names(dataset)
    data = change.to_dict()
    for key in ("appeared", "ended"):  # as the relations' pairs sort, not as the files list them
        data[key] = sorted(data[key], key=lambda r: (*sorted((r["source"], r["target"])), r["kind"], r["domain"], r["id"]))
    if fmt == "json":
        return _json(data)
    names = names or {}
    md = fmt == "markdown"
    if md:  # ids are escaped in the data and in the names' keys alike, so they still look each other up
        data = _escape_values(data, markdown_text)
        names = {markdown_text(k): markdown_text(v) for k, v in names.items()}
    h = _heading(md)
    bullet = "- " if md else "  "
    n = lambda i: names.get(i, i)  # noqa: E731
    title = f"What changed from {data['from']} to {data['to']}"
    out = [f"# {title}" if md else title, ""]
    for key, word in (("appeared", "Relations that appeared"), ("ended", "Relations that ended")):
        out += [h(f"{word} ({len(data[key])})"), ""]
        out += [f"{bullet}{n(r['source'])} – {n(r['target'])}: {r['kind']}, {r['domain']}, weight "
                f"{_num(r['weight'], 2)} (since {r['since'] or '…'}{', until ' + r['until'] if r['until'] else ''})"
                for r in data[key]] or ["None."]
        out.append("")
    out += [h(f"Pairs whose combined strength changed ({len(data['changed'])})"), ""]
    sign = {1: "net alignment", -1: "net tension", 0: "no net sign"}
    for c in data["changed"]:
        flip = f"; {sign[c['sign_before']]} → {sign[c['sign_after']]}" if c["sign_before"] != c["sign_after"] else ""
        out.append(f"{bullet}{n(c['source'])} – {n(c['target'])}: alignment {_num(c['alignment_before'], 3)} → "
                   f"{_num(c['alignment_after'], 3)}, tension {_num(c['tension_before'], 3)} → "
                   f"{_num(c['tension_after'], 3)}{flip}")
    if not data["changed"]:
        out.append("None.")
    out += ["", h("Actors whose rank moved most"), ""]
    for metric, moves in data["movers"].items():
        if moves:
            out.append(f"{bullet}{metric}: " + "; ".join(
                f"{n(m['actor'])} {m['rank_before']} → {m['rank_after']}" for m in moves))
    b, a = data["before"], data["after"]
    out += ["", h("Balance before and after"), ""]
    out.append(f"{bullet}frustration index: {_num(b['frustration_index'])} → {_num(a['frustration_index'])}; "
               f"weighted: {_num(b['weighted_frustration'], 3)} → {_num(a['weighted_frustration'], 3)}; "
               f"triangle balance: {_num(b['triangle_balance'], 3)} → {_num(a['triangle_balance'], 3)}")
    for label, side in (("before", b), ("after", a)):
        out.append(f"{bullet}camps {label}: " + " | ".join(", ".join(f) for f in side["factions"]))
    return "\n".join(out) + "\n"

"""Reports as text: a metric table in table, CSV, JSON or Markdown form, deterministic to the byte."""

from __future__ import annotations

import io
import json
import math
from typing import TYPE_CHECKING, Any

from .errors import OptionError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "format_frame", "records", "format_balance", "format_explanation", "format_timeline",
           "format_diff"]

FORMATS = ("table", "csv", "json", "markdown")
#: Reports round floats to this many decimals so that files diff cleanly across machines.
DIGITS = 6


def _clean(value: Any, digits: int) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = round(value, digits)
        return 0.0 if value == 0 else value  # no "-0.0"
    return value


def records(frame: "pd.DataFrame", digits: int = DIGITS) -> list[dict[str, Any]]:
    """The rows as JSON-ready dicts, the index first (``id``), floats rounded to ``digits``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"name": ["Iran"], "x": [1/3]}, index=pd.Index(["IRN"], name="id"))
    >>> records(df)
    [{'id': 'IRN', 'name': 'Iran', 'x': 0.333333}]
    """
    index_name = frame.index.name or "id"
    out = []
    for key, row in zip(frame.index, frame.to_dict(orient="records")):
        out.append({index_name: _clean(key, digits), **{k: _clean(v, digits) for k, v in row.items()}})
    return out


def format_frame(frame: "pd.DataFrame", fmt: str = "table", digits: int = DIGITS) -> str:
    """Format a report in one of :data:`FORMATS`; the text ends with a newline.

    ``json`` is a list of objects, one per row, with the index (``id``) and every column;
    ``csv`` has a header row and ``\\n`` line ends; ``table`` is aligned plain text;
    ``markdown`` a pipe table.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"name": ["Iran", "Azerbaijan"], "degree": [3, 4]},
    ...                   index=pd.Index(["IRN", "AZE"], name="id"))
    >>> print(format_frame(df, "markdown"), end="")
    | id | name | degree |
    |---|---|---:|
    | IRN | Iran | 3 |
    | AZE | Azerbaijan | 4 |
    >>> print(format_frame(df, "csv"), end="")
    id,name,degree
    IRN,Iran,3
    AZE,Azerbaijan,4
    """
    if fmt not in FORMATS:
        raise OptionError(f"unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    rows = records(frame, digits)
    columns = [frame.index.name or "id", *map(str, frame.columns)]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        import csv

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
        return buffer.getvalue()
    numeric = {c: all(isinstance(r[c], (int, float)) and not isinstance(r[c], bool) for r in rows) and rows != []
               for c in columns}
    cells = [[_cell(r[c], fmt) for c in columns] for r in rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(columns) + " |",
                 "|" + "|".join("---:" if numeric[c] else "---" for c in columns) + "|"]
        lines += ["| " + " | ".join(v.replace("|", "\\|") for v in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if numeric[c] else v.ljust(w)
                         for v, w, c in zip(values, widths, columns)).rstrip()
    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]) + "\n"


def _cell(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}" if fmt == "table" else repr(value)
    text = str(value)
    if fmt == "table" and len(text) > 32:
        text = text[:31] + "…"
    return text


def _num(value: float | None, digits: int = 4) -> str:
    if value is None:
        return "n/a (no triangle)"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def format_balance(report: Any, fmt: str = "table", names: dict[str, str] | None = None,
                   evidence: dict[tuple[str, str], list[str]] | None = None) -> str:
    """A balance report as a short text report (``table``), Markdown, or the JSON contract.

    ``names`` maps ids to names; ``evidence`` maps a sorted pair to the evidence sentences of its
    relations, shown under each tie under strain.
    """
    if fmt not in ("table", "json", "markdown"):
        raise OptionError(f"unknown format '{fmt}'; choose one of: table, json, markdown")
    data = report.to_dict()
    if fmt == "json":
        return json.dumps(_rounded(data), ensure_ascii=False, indent=2) + "\n"
    names = names or {}
    evidence = evidence or {}
    md = fmt == "markdown"
    h = (lambda t: f"## {t}") if md else (lambda t: f"{t}\n{'-' * len(t)}")
    label = lambda i: f"{names.get(i, i)} ({i})" if names.get(i, i) != i else i  # noqa: E731
    out = [f"# Structural balance{' on ' + data['at'] if data['at'] else ''}" if md
           else f"Structural balance{' on ' + data['at'] if data['at'] else ''}", ""]
    out += [f"{data['nodes']} actors, {data['edges']} signed ties ({data['positive']} positive, "
            f"{data['negative']} negative).", ""]
    proof = "proven optimal" if data["optimal"] else f"best found, not proven (lower bound {_num(data['lower_bound'])})"
    camps = data["camps"]
    out += [h(f"Camps ({'up to ' + str(camps) if camps > 2 else 'two'}, {proof})"), ""]
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
            out.append(f"{'  - ' if md else '      '}{sentence}")
    tri = data["triangles"]
    out += ["", h("Scores"), ""]
    rows = [
        ("triangles +++ / ++- / +-- / ---", f"{tri['+++']} / {tri['++-']} / {tri['+--']} / {tri['---']}"),
        ("triangle balance (share balanced)", _num(data["triangle_balance"])),
        ("walk balance (Estrada & Benzi)", _num(data["walk_balance"])),
        ("frustration index L (ties)", _num(data["frustration_index"])),
        ("weighted frustration (magnitude)", _num(data["weighted_frustration"])),
        ("frustration score 1 - L/(m/2)", _num(data["frustration_score"])),
    ]
    if md:
        out += ["| score | value |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in rows]
    else:
        width = max(len(k) for k, _ in rows)
        out += [f"  {k.ljust(width)}  {v}" for k, v in rows]
    return "\n".join(out) + "\n"


def format_explanation(story: Any, fmt: str = "table") -> str:
    """The story of a pair (:func:`graph.analysis.explain.explain`) as text, Markdown or JSON."""
    if fmt not in ("table", "json", "markdown"):
        raise OptionError(f"unknown format '{fmt}'; choose one of: table, json, markdown")
    data = story.to_dict()
    if fmt == "json":
        return json.dumps(_rounded(data), ensure_ascii=False, indent=2) + "\n"
    md = fmt == "markdown"
    h = (lambda t: f"## {t}") if md else (lambda t: f"{t}\n{'-' * len(t)}")
    bullet = "- " if md else "  "
    a, b = data["a"], data["b"]
    title = f"{a['name']} ({a['id']}) and {b['name']} ({b['id']})" + (f", on {data['at']}" if data["at"] else "")
    out = [f"# {title}" if md else title, ""]
    tie = data["tie"]
    net = {1: "net alignment", -1: "net tension", 0: "no net sign"}[tie["sign"]]
    out += [f"Combined alignment {_num(tie['alignment'], 3)}, combined tension {_num(tie['tension'], 3)}: {net}.", ""]
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
    out += [f"{bullet}{e['date']}: {e['title']} ({e['kind']})" for e in data["events"]] or ["None recorded."]
    out += ["", h(f"Triads with a third actor ({len(data['triads'])})"), ""]
    sym = {1: "+", -1: "−"}
    for t in data["triads"]:
        verdict = {True: "balanced", False: "unbalanced", None: "no net sign"}[t["balanced"]]
        push = "alignment" if t["pushes"] > 0 else "tension"
        out.append(f"{bullet}{t['third']}: {a['id']} {sym[t['sign_a']]} {t['third']} {sym[t['sign_b']]} "
                   f"{b['id']} pushes towards {push}; {verdict}")
    if not data["triads"]:
        out.append("None: no third actor has a signed tie with both.")
    bal = data["balance"]
    out += ["", h("What balance theory says"), ""]
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
    return "\n".join(out) + "\n"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rounded(value: Any, digits: int = DIGITS) -> Any:
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v, digits) for v in value]
    return _clean(value, digits)


def format_timeline(frame: "pd.DataFrame", fmt: str = "table") -> str:
    """Timeline rows (:func:`graph.analysis.temporal.timeline`) as a table, CSV or JSON.

    ``json`` is a list of ``{"period", "actor", "metric", "value"}`` rows (``actor`` null for a
    graph-level metric); ``csv`` the same rows with a header; ``table`` one line per period, one
    column per graph metric and per ``ACTOR:metric``.
    """
    if fmt not in ("table", "csv", "json"):
        raise OptionError(f"unknown format '{fmt}'; choose one of: table, csv, json")
    rows = [{"period": r["period"], "actor": None if _missing(r["actor"]) else r["actor"], "metric": r["metric"],
             "value": None if _missing(r["value"]) else _clean(r["value"], DIGITS)}
            for r in frame.to_dict(orient="records")]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        import csv

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["period", "actor", "metric", "value"])
        for r in rows:
            writer.writerow([r["period"], r["actor"] or "", r["metric"], "" if r["value"] is None else r["value"]])
        return buffer.getvalue()
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


def format_diff(change: Any, fmt: str = "table", names: dict[str, str] | None = None) -> str:
    """A :class:`graph.analysis.temporal.Diff` as a short report, Markdown or JSON."""
    if fmt not in ("table", "json", "markdown"):
        raise OptionError(f"unknown format '{fmt}'; choose one of: table, json, markdown")
    data = change.to_dict()
    for key in ("appeared", "ended"):  # as the relations' pairs sort, not as the files list them
        data[key] = sorted(data[key], key=lambda r: (*sorted((r["source"], r["target"])), r["kind"], r["domain"], r["id"]))
    if fmt == "json":
        return json.dumps(_rounded(data), ensure_ascii=False, indent=2) + "\n"
    names = names or {}
    md = fmt == "markdown"
    h = (lambda t: f"## {t}") if md else (lambda t: f"{t}\n{'-' * len(t)}")
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

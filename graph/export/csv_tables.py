"""The export graph as three CSV tables (actors, relations, sources), safe to open in a spreadsheet."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..csv_text import check_formulas, csv_table
from ..model import Dataset
from .build import _build, _json

__all__ = ["CSV_FILES", "to_csv"]

#: The files of a CSV export, in the folder given as its path.
CSV_FILES = ("actors.csv", "relations.csv", "sources.csv")

_ACTOR_COLUMNS = ("id", "name", "kind", "tags", "sources", "attributes")
#: The edge-list columns first (data/README.md, "CSV edge lists"), then what an edge list lacks.
_RELATION_COLUMNS = ("id", "source", "target", "kind", "weight", "since", "until", "domain", "confidence",
                     "evidence", "directed", "sources", "tags", "attributes")
_SOURCE_COLUMNS = ("id", "title", "author", "publisher", "date", "url")


def _rows(rows: list[list[Any]]) -> list[list[Any]]:
    # a list (tags, sources) is one cell, its items joined; every other value goes to csv_table as it is
    return [["; ".join(v) if isinstance(v, list) else v for v in row] for row in rows]


def to_csv(dataset: Dataset, *, at: str | _dt.date | None = None,
           with_metrics: bool = False, formulas: str = "text") -> dict[str, str]:
    """The graph as three CSV tables: ``actors.csv``, ``relations.csv`` and ``sources.csv``.

    ``actors.csv``: ``id,name,kind,tags,sources,attributes`` (then one column per metric with
    ``with_metrics``). ``relations.csv``: ``id,source,target,kind,weight,since,until,domain,
    confidence,evidence`` — a geograph edge list — then ``directed,sources,tags,attributes``.
    ``sources.csv``: ``id,title,author,publisher,date,url``. Lists are joined with ``"; "``,
    ``attributes`` is JSON text (empty when there are none), text that a spreadsheet would run as
    a formula gets a leading ``'`` and numbers stay numbers (:mod:`graph.csv_text`). Lines end with CRLF. :func:`export` writes the
    three into one folder as UTF-8 with a byte-order mark.

    Parameters
    ----------
    dataset : Dataset
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each actor (on ``at``, default today).
    formulas : {"text", "all", "off"}
        How cells a spreadsheet would run as formulas are written (:data:`graph.csv_text.FORMULA_MODES`).

    Returns
    -------
    dict
        File name → text (without the byte-order mark), in the order of :data:`CSV_FILES`.

    Examples
    --------
    >>> from graph.model import Actor, Relation
    >>> ds = Dataset(actors=(Actor("A", "=cmd", "state"), Actor("B", "Bland", "state")),
    ...              relations=(Relation("ab", "A", "B", False, "alignment", "economic", 0.5,
    ...                                  evidence="Trade, and more", sources=("s1", "s2")),))
    >>> tables = to_csv(ds)
    >>> print(tables["actors.csv"], end="")
    id,name,kind,tags,sources,attributes
    A,'=cmd,state,,,
    B,Bland,state,,,
    >>> print(tables["relations.csv"].splitlines()[1])
    ab,A,B,alignment,0.5,,,economic,medium,"Trade, and more",false,s1; s2,,
    """
    check_formulas(formulas)
    built = _build(dataset, at, with_metrics)
    actors = [[node, d["name"], d["kind"], d["tags"], d["sources"],
               _json(d["attributes"], f"actor {node}'s attributes") if d["attributes"] else "",
               *(d[m] for m in built.metrics)] for node, d in built.nodes]
    relations = [[key, u, v, d["kind"], d["weight"], d["since"], d["until"], d["domain"], d["confidence"],
                  d["evidence"], d["directed"], d["sources"], d["tags"],
                  _json(d["attributes"], f"relation {key}'s attributes") if d["attributes"] else ""]
                 for u, v, key, d in built.edges]
    sources = [[sid, *(s[c] for c in _SOURCE_COLUMNS[1:])] for sid, s in built.meta["sources"].items()]
    return {
        "actors.csv": csv_table(_ACTOR_COLUMNS + built.metrics, _rows(actors), line_end="\r\n", formulas=formulas),
        "relations.csv": csv_table(_RELATION_COLUMNS, _rows(relations), line_end="\r\n", formulas=formulas),
        "sources.csv": csv_table(_SOURCE_COLUMNS, _rows(sources), line_end="\r\n", formulas=formulas),
    }

"""The result of an ingest: the dataset fragment as YAML, the aggregates as CSV, and what was skipped.

A fragment is a dataset file that validates alone and merges with the dataset it was mapped
against: it restates the actors it uses (id, name and kind, as the dataset defines them), defines
one source (the files and their date range), and lists the derived relations. It is written the
way a person would write it: keys in the documented order, one relation per block, text quoted
wherever YAML 1.1 could misread it, and nothing that changes from run to run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from ..csv_text import csv_table
from ..errors import OptionError
from ..files import atomic_write
from ..model import Actor, Relation, Source
from ..yaml_text import flow, flow_map, one_line, scalar
from .aggregate import AGGREGATE_COLUMNS, period_label

__all__ = ["IngestResult", "InputFile", "SKIP_REASONS", "MALFORMED_REASONS", "render_fragment",
           "aggregates_csv", "write_fragment", "write_aggregates"]

#: Why a well-formed event is left out, in the order the checks run (the first that applies counts).
SKIP_REASONS = ("not a root event", "missing country code", "same country", "regional code",
                "unmapped code", "same actor")
#: Why a row could not be read at all.
MALFORMED_REASONS = ("wrong column count", "bad date", "bad number", "bad kind", "bad period")



@dataclass(frozen=True)
class InputFile:
    """One input read: its name, the layout found and the rows it held.

    ``layout`` is ``GDELT 2.0`` (61 columns), ``GDELT 1.0`` (58), ``GDELT 1.0 backfile`` (57),
    ``unknown`` for a file whose lines match none, ``empty``, or ``table``/``aggregates``.
    """

    path: str
    layout: str
    columns: int | None
    rows: int


@dataclass(frozen=True, eq=False)
class IngestResult:
    """What an ingest produced and what it left out.

    Attributes
    ----------
    fragment : str
        The dataset fragment, YAML text ready to write (:func:`write_fragment`).
    aggregates : DataFrame
        One row per directed pair of actors and period (:data:`AGGREGATE_COLUMNS`), sorted.
    relations, actors : tuple
        The derived relations and the actors they use, as model records.
    source : Source or None
        The source every relation cites (None when nothing was kept).
    rows : int
        Input rows read (events; for an aggregates table, its rows), blank lines aside.
    events_kept : int
        Events that entered the aggregates.
    skipped : mapping
        Events left out, by reason (:data:`SKIP_REASONS`); only reasons that occurred.
    malformed : mapping
        Rows that could not be read, by reason (:data:`MALFORMED_REASONS`).
    malformed_at : mapping
        Where they are: for each reason of ``malformed``, its first rows (up to
        :data:`graph.ingest.tables.MALFORMED_LINES`) as ``file:line``.
    unmapped : mapping
        Codes (or names) that no actor maps to, with the events they cost, most frequent first.
    files : tuple of InputFile
    period : str
        ``month``, ``quarter`` or ``year``.
    """

    fragment: str
    aggregates: pd.DataFrame
    relations: tuple[Relation, ...]
    actors: tuple[Actor, ...]
    source: Source | None
    rows: int
    events_kept: int
    skipped: Mapping[str, int]
    malformed: Mapping[str, int]
    unmapped: Mapping[str, int]
    files: tuple[InputFile, ...]
    period: str
    label: str = "GDELT"
    malformed_at: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def summary(self, top: int = 8) -> str:
        """What was read, kept, skipped and derived, as a few lines for the terminal.

        ``top`` limits the unmapped codes listed.
        """
        lines = []
        # file names and codes come from the input: one line each, no control character reaches the terminal
        shown = ", ".join(f"{one_line(Path(f.path).name)} ({f.layout})" for f in self.files[:5])
        if len(self.files) > 5:
            shown += f", … ({len(self.files) - 5} more)"
        lines.append(f"read {_plural(self.rows, 'row')} from {_plural(len(self.files), 'file')}: {shown}")
        actors = set(self.aggregates["source"]) | set(self.aggregates["target"])
        lines.append(f"kept {_plural(self.events_kept, 'event')} between {_plural(len(actors), 'actor')}")
        total = sum(self.skipped.values())
        lines.append(f"skipped {_plural(total, 'event')}" + (":" if total else ""))
        width = max((len(r) for r in self.skipped), default=0)
        for reason, count in self.skipped.items():
            line = f"  {reason:<{width}}  {count:>9,}"
            if reason in ("unmapped code", "regional code"):
                codes = [(c, n) for c, n in self.unmapped.items() if (reason == "regional code") == _is_regional(c)]
                if codes:
                    shown = ", ".join(f"{one_line(c)} {n:,}" for c, n in codes[:top])
                    line += f"  ({shown}{', …' if len(codes) > top else ''})"
            lines.append(line)
        bad = sum(self.malformed.values())
        reasons = "; ".join(f"{reason} {count:,}" for reason, count in self.malformed.items())
        lines.append(f"malformed {_plural(bad, 'row')}" + (f": {reasons}" if bad else ""))
        for reason, where in self.malformed_at.items():
            more = self.malformed.get(reason, 0) - len(where)
            lines.append(f"  {reason} at {', '.join(where)}" + (f" and {more:,} more" if more > 0 else ""))
        kinds = [r.kind for r in self.relations]
        labels = sorted({period_label(r.since.start.year * 100 + r.since.start.month, self.period)
                         for r in self.relations if r.since is not None})
        span = ""
        if labels:
            span = f" in {_plural(len(labels), 'period')} ({labels[0]}"
            span += f" to {labels[-1]})" if len(labels) > 1 else ")"
        pairs = len({r.pair for r in self.relations})
        lines.append(f"derived {_plural(len(kinds), 'relation')} ({kinds.count('alignment'):,} alignment, "
                     f"{kinds.count('tension'):,} tension) for {_plural(pairs, 'pair')}{span}")
        return "\n".join(lines) + "\n"


def _is_regional(code: str) -> bool:
    from .actors import REGIONAL_CODES

    return code.upper() in REGIONAL_CODES


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------------------------
# YAML


def _date(value: Any) -> str:
    text = str(value)
    return text if re.fullmatch(r"\d{4}", text) else json.dumps(text)


def render_fragment(relations: list[Relation] | tuple[Relation, ...], actors: list[Actor] | tuple[Actor, ...],
                    source: Source | None, header: list[str]) -> str:
    """The fragment as YAML text: a comment header, the source, the actors, the relations.

    Every text is written as :func:`graph.yaml_text.scalar` writes it and every header line as a
    comment of one line (:func:`graph.yaml_text.one_line`), so no value can add a key; texts are
    trimmed as the loader trims them, and an optional field left blank is left out.

    Raises
    ------
    OptionError
        When the source has neither an author nor a publisher: the fragment would not validate.

    Examples
    --------
    >>> from graph.model import Actor, Source
    >>> print(render_fragment([], [Actor("NO", "Norway", "state")], Source("s", "GDELT", "2020-11-15",
    ...       publisher="The GDELT Project"), ["A test."]), end="")
    # A test.
    <BLANKLINE>
    sources:
      s:
        title: GDELT
        publisher: The GDELT Project
        date: "2020-11-15"
    <BLANKLINE>
    actors:
      - {id: "NO", name: Norway, kind: state}
    <BLANKLINE>
    relations: []
    """
    if source is not None and not (source.author or "").strip() and not (source.publisher or "").strip():
        # a dataset's source needs one of the two (data/README.md): a fragment without would not validate
        raise OptionError(f"source {source.id}: the publisher is empty. Hint: give who published the events "
                          "(--publisher)")
    # a header line holds the user's --name and file names: one_line keeps each a comment
    out = [f"# {one_line(line)}".rstrip() for line in header]
    out.append("")
    if source is not None:
        out += ["sources:", f"  {scalar(source.id)}:", f"    title: {scalar(source.title.strip())}"]
        # the loader trims every text and refuses an empty one: an optional field left blank is left out
        for key in ("author", "publisher"):
            if (getattr(source, key) or "").strip():
                out.append(f"    {key}: {scalar(getattr(source, key).strip())}")
        out.append(f"    date: {_date(source.date)}")
        if (source.url or "").strip():
            out.append(f"    url: {scalar(source.url.strip())}")
        out.append("")
    if actors:
        out.append("actors:")
        out += [f"  - {flow_map({'id': a.id, 'name': a.name, 'kind': a.kind})}" for a in actors]
    else:
        out.append("actors: []")
    out.append("")
    if not relations:
        out.append("relations: []")
    else:
        out.append("relations:")
    for r in relations:
        block = [
            f"  - id: {scalar(r.id)}",
            f"    between: {flow([r.source, r.target])}" if not r.directed else f"    from: {scalar(r.source)}",
        ]
        if r.directed:
            block.append(f"    to: {scalar(r.target)}")
        block += [f"    kind: {r.kind}", f"    domain: {r.domain}", f"    weight: {scalar(float(r.weight))}"]
        if r.since is not None:
            block.append(f"    since: {_date(r.since)}")
        if r.until is not None:
            block.append(f"    until: {_date(r.until)}")
        block += [f"    confidence: {r.confidence}", f"    evidence: {scalar(r.evidence)}",
                  f"    sources: {flow(list(r.sources))}"]
        if r.attributes:
            block.append(f"    attributes: {flow_map(dict(r.attributes))}")
        if r.tags:
            block.append(f"    tags: {flow(list(r.tags))}")
        out += block
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# CSV and files


def aggregates_csv(table: pd.DataFrame) -> str:
    """The aggregates table as CSV text: a header, one row per directed pair and period.

    Written by :func:`graph.csv_text.csv_table`, as every CSV geograph writes: numbers as numbers,
    text a spreadsheet would run as a formula with a leading ``'``.

    Examples
    --------
    >>> import pandas as pd
    >>> row = ["ARM", "AZE", "2020-11", 104, 92.2, 0.886538, 42, 24, 18, 20, 900, float("nan")]
    >>> print(aggregates_csv(pd.DataFrame([row], columns=list(AGGREGATE_COLUMNS))), end="")
    source,target,period,events,goldstein_sum,goldstein_mean,quad1,quad2,quad3,quad4,mentions,tone_mean
    ARM,AZE,2020-11,104,92.2,0.886538,42,24,18,20,900,
    """
    rows = table.loc[:, list(AGGREGATE_COLUMNS)].to_dict(orient="split")["data"]
    # a missing mean (no tone recorded) is an empty cell, as the aggregates reader expects
    return csv_table(AGGREGATE_COLUMNS, ([None if v != v else v for v in row] for row in rows))


def write_fragment(result: IngestResult, path: str | Path) -> Path:
    """Write the fragment atomically (a temporary file renamed over ``path``)."""
    return atomic_write(path, result.fragment)


def write_aggregates(result: IngestResult, path: str | Path) -> Path:
    """Write the aggregates table as CSV, atomically."""
    return atomic_write(path, aggregates_csv(result.aggregates))

"""Spreadsheet rows into checked records: columns matched to fields, and every cell checked by the rules.

Problems are located as ``file:ROW:COLUMN`` and name the place as the spreadsheet shows it
(``cell C5`` in a workbook, ``row 5`` in a CSV file) and the column by its header.
"""

from __future__ import annotations

import difflib
import math
import re
import shlex
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..dates import PartialDate
from ..errors import OptionError, Problem
from ..model import ACTOR_KINDS, CONFIDENCE, DOMAINS, RELATION_KINDS
from ..rules import (
    DATE_HINT, ID_CELL_HINT, ID_PATTERN, KIND_ALIASES, SIGN_PATTERN, UNTIL_HINT, WEIGHT_OUTSIDE, bad_date,
    cell_dates, did_you_mean, fresh_id, guess_actor_kind, id_rule, integer_outside, match_choice, minus_hint,
    not_after, not_one_of, out_of_order, weight_below, weight_number, weight_problem,
)
from .edgelist import COLUMNS, DEFAULT_DOMAIN, column_guess
from .headers import header_key as norm_header  # the one header rule of every CSV reader
from .table import Row

__all__ = ["RELATION_FIELDS", "ACTOR_FIELDS", "IGNORE", "Sheet", "Record", "parse_mapping", "check_mapping",
           "norm_header", "read_actors", "read_relations"]

#: The fields a column of the relations sheet can give (besides ``attributes.<name>``).
RELATION_FIELDS = (*COLUMNS, "sources", "tags")
#: The fields a column of the actors sheet can give (besides ``attributes.<name>``).
ACTOR_FIELDS = ("id", "name", "kind", "tags", "sources")
#: Map a column to this to leave it out on purpose.
IGNORE = "ignore"

_ATTR = "attributes."
_LIST_SPLIT = re.compile(r"[;,]")
_ID_SPLIT = re.compile(r"[;,\s]+")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?")
#: Words people write for actor kinds (lower case → the kind meant).
_ACTORKIND_ALIASES = {"country": "state", "nation": "state", "organization": "organisation",
                       "alliance": "bloc", "individual": "person", "firm": "company"}
_WEIGHT_HINT = "a weight is a strength: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining"
#: How to mend a weight outside (0, 1], by the rule it breaks (:func:`graph.rules.weight_problem`).
_WEIGHT_HINTS = {
    "negative": "the sign comes from kind: give tension a positive weight",
    "zero": "leave the row out, or give the tie a small weight",
    "above": f"{_WEIGHT_HINT}; rescale the column (divide it by its largest value)",
}


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """Read ``--map column=field`` options into a mapping from column header to field.

    The text after the last ``=`` is the field: one of :data:`RELATION_FIELDS` or
    :data:`ACTOR_FIELDS`, ``attributes.<name>``, or ``ignore``.

    Raises
    ------
    OptionError
        For an item without ``=``, an empty column, a column mapped twice or an unknown field.

    Examples
    --------
    >>> parse_mapping(["Trade USD=attributes.trade_usd", "From=source", "Notes=ignore"])
    {'Trade USD': 'attributes.trade_usd', 'From': 'source', 'Notes': 'ignore'}
    >>> parse_mapping(["Strength=wieght"])
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: --map 'Strength=wieght': unknown field 'wieght'; the fields are: source, target,
    sign, kind, weight, since, until, domain, id, confidence, evidence, sources, tags, name, attributes.<name>
    and ignore. Hint: did you mean 'weight'?
    """
    mapping: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise OptionError(f"--map '{item}' is not column=field. "
                              "Hint: write --map 'Trade USD=attributes.trade_usd'.")
        column, target = item.rsplit("=", 1)
        mapping[column.strip()] = target.strip()
    check_mapping(mapping)
    return mapping



# --------------------------------------------------------------------------------------------
# columns


def _field(target: str) -> str:
    """A mapping target with its field name in lower case (an attribute keeps its name)."""
    low = target.strip().lower()
    if low.startswith(_ATTR):
        return _ATTR + target.strip()[len(_ATTR):].strip()
    return low


def check_mapping(mapping: Mapping[str, str]) -> None:
    known = tuple(dict.fromkeys((*RELATION_FIELDS, *ACTOR_FIELDS)))
    seen: dict[str, str] = {}
    for column, target in mapping.items():
        shown = f"--map '{column}={target}'"
        if not column.strip():
            raise OptionError(f"{shown}: the column is empty. Hint: name a header of the sheet before the '='.")
        if norm_header(column) in seen:
            raise OptionError(f"{shown}: the column '{seen[norm_header(column)]}' is mapped twice. "
                              "Hint: map each column once.")
        seen[norm_header(column)] = column
        fld = _field(target)
        if fld.startswith(_ATTR):
            if not fld[len(_ATTR):]:
                raise OptionError(f"{shown}: the attribute has no name. Hint: write attributes.<name>, "
                                  "such as attributes.trade_usd.")
            continue
        if fld not in known and fld != IGNORE:
            guess = did_you_mean(fld, (*known, IGNORE))
            raise OptionError(f"{shown}: unknown field '{target}'; the fields are: {', '.join(known)}, "
                              f"{_ATTR}<name> and {IGNORE}. Hint: {guess or 'map each column to one of them.'}")


@dataclass
class Sheet:
    """One table being imported: its rows, which column gives which field, and where to report."""

    path: str
    name: str
    fmt: str
    sheet: str | None
    what: str  # "relation" or "actor"
    fields: tuple[str, ...]
    rows: list[Row]
    problems: list[Problem]
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    attributes: dict[str, int] = field(default_factory=dict)  # attribute name -> column, in column order
    ignored: list[str] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # column -> how messages name it
    broken: bool = False  # the header cannot be read: the rows are not checked

    @property
    def header(self) -> tuple[str, ...]:
        return self.rows[0][1] if self.rows else ()

    @property
    def header_line(self) -> int:
        return self.rows[0][0] if self.rows else 1

    @property
    def body(self) -> list[Row]:
        return self.rows[1:]

    @property
    def kind_of_file(self) -> str:
        return "sheet" if self.fmt == "xlsx" else "file"

    @property
    def a_what(self) -> str:
        return f"an {self.what}" if self.what[0] in "aeiou" else f"a {self.what}"

    @staticmethod
    def letter(i: int) -> str:
        """The spreadsheet letter of the 0-based column ``i``: A … Z, AA …"""
        text = ""
        i += 1
        while i:
            i, rest = divmod(i - 1, 26)
            text = chr(ord("A") + rest) + text
        return text

    def column_ref(self, i: int) -> str:
        """``column 'Notes'`` (CSV) or ``column D 'Notes'`` (xlsx); a column without a header by position."""
        name = self.header[i] if i < len(self.header) else ""
        pos = self.letter(i) if self.fmt == "xlsx" else str(i + 1)
        if not name:
            return f"column {pos}"
        return f"column {pos} '{name}'" if self.fmt == "xlsx" else f"column '{name}'"

    def add(self, line: int, i: int, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, i + 1, code, message, hint))

    def bad(self, line: int, fld: str, code: str, message: str, hint: str = "") -> None:
        """A problem in one cell: ``row 5, column 'weight': …`` or ``cell C5, column 'weight': …``."""
        i = self.columns[fld]
        place = f"cell {self.letter(i)}{line}" if self.fmt == "xlsx" else f"row {line}"
        self.add(line, i, code, f"{place}, column {self.labels[i]}: {message}", hint)

    def match_columns(self, mapping: Mapping[str, str]) -> set[str]:
        """Give each column its field; report the ones that cannot be placed. Returns the mapped
        columns found (normalised), so that a mapping matching no sheet can be reported."""
        by_norm = {norm_header(column): _field(target) for column, target in mapping.items()}
        used: set[str] = set()
        line = self.header_line
        width = max((len(cells) for _, cells in self.rows), default=0)
        if len(self.header) == 1 and re.search(r"[;\t]", self.header[0]):
            self.broken = True
            sep = "';'" if ";" in self.header[0] else "tabs"
            self.add(line, 0, "separator", f"the header is one cell, '{self.header[0]}': its cells are separated "
                     f"by {sep}, not by commas", "save the file as comma-separated CSV (CSV UTF-8, comma-delimited)")
            return used
        for i in range(width):
            name = self.header[i] if i < len(self.header) else ""
            if not name:
                filled = next(((n, c[i]) for n, c in self.body if i < len(c) and c[i]), None)
                if filled:
                    cell = f"{self.letter(i)}{filled[0]}" if self.fmt == "xlsx" else f"row {filled[0]}"
                    hint = ("give the column a header, or clear it" if self.fmt == "xlsx" else
                            "give the column a header; a cell that holds a comma is quoted: \"Baku, Azerbaijan\"")
                    self.add(line, i, "unknown-column", f"{self.column_ref(i)} has no header, but {cell} holds "
                             f"'{filled[1]}'", hint)
                continue
            key = norm_header(name)
            if key in by_norm:
                used.add(key)
                target = by_norm[key]
            elif key in self.fields or key.startswith(_ATTR):
                target = _field(name) if key.startswith(_ATTR) else key
            else:
                guess = column_guess(key)
                if guess not in self.fields:
                    guess = next(iter(difflib.get_close_matches(key, self.fields, n=1, cutoff=0.75)), None)
                slug = re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_") or "value"
                keep = f"(--map {_arg(name, _ATTR + slug)}) or leave it out (--map {_arg(name, IGNORE)})"
                hint = (f"did you mean --map {_arg(name, guess)}? Otherwise keep it as an attribute {keep}" if guess
                        else f"map it to a field, keep it as an attribute {keep}")
                self.add(line, i, "unmapped-column", f"{self.column_ref(i)} is not mapped to a field of "
                         f"{self.a_what}", hint)
                continue
            self.place(i, name, target)
        return used

    def place(self, i: int, name: str, target: str) -> None:
        if target == IGNORE:
            self.ignored.append(name)
            return
        self.labels[i] = f"'{name}'" if norm_header(name) == norm_header(target) else f"'{name}' ({target})"
        if target.startswith(_ATTR):
            attr = target[len(_ATTR):]
            if attr in self.attributes:
                first = self.attributes[attr]
                self.add(self.header_line, i, "duplicate-column", f"{self.column_ref(i)} gives the attribute "
                         f"'{attr}', as {self.column_ref(first)} does",
                         f"map one of them to another attribute or to {IGNORE}")
            else:
                self.attributes[attr] = i
            return
        if target not in self.fields:
            self.add(self.header_line, i, "unknown-field", f"{self.column_ref(i)} is mapped to '{target}', "
                     f"which is not a field of {self.a_what}",
                     f"the fields of {self.a_what}: {', '.join(self.fields)}, {_ATTR}<name>")
            return
        if target in self.columns:
            first = self.columns[target]
            self.add(self.header_line, i, "duplicate-column", f"{self.column_ref(i)} gives {target}, as "
                     f"{self.column_ref(first)} does", f"map one of them to another field or to {IGNORE}")
            return
        self.columns[target] = i

    def cells(self, cells: tuple[str, ...]) -> dict[str, str]:
        """A row's cells by field (attributes under ``attributes.<name>``)."""
        out = {f: cells[i] if i < len(cells) else "" for f, i in self.columns.items()}
        out.update({_ATTR + a: cells[i] if i < len(cells) else "" for a, i in self.attributes.items()})
        return out

    def require(self, fld: str, hint: str) -> bool:
        if fld in self.columns:
            return True
        self.add(self.header_line, 0, "missing-column", f"no column gives the {self.what}s' {fld}", hint)
        return False


# --------------------------------------------------------------------------------------------
# rows


@dataclass
class Record:
    """A relation or an actor read from one row, in the order its YAML keys are written."""

    line: int
    id: str
    fields: dict[str, Any] = field(default_factory=dict)
    attributes: dict[str, Any] = field(default_factory=dict)
    since: PartialDate | None = None
    until: PartialDate | None = None
    notes: dict[str, str] = field(default_factory=dict)  # field -> trailing YAML comment


def _choice(sheet: Sheet, line: int, fld: str, value: str, choices: tuple[str, ...],
            aliases: Mapping[str, str] | None = None, hint: str = "") -> str | None:
    """A value of a closed set, matched regardless of case (``Tension`` is ``tension``)."""
    found = match_choice(value, choices, ignore_case=True)
    if found is not None:
        return found
    sheet.bad(line, fld, "bad-choice", not_one_of(value, choices),
              did_you_mean(value, choices, aliases) or hint)
    return None


def _ids(sheet: Sheet, line: int, text: str, source_id: str) -> list[str]:
    """The source ids of a ``sources`` cell, the spreadsheet's own first."""
    out = [source_id]
    for sid in (s for s in _ID_SPLIT.split(text) if s):
        if sid in out:
            continue
        if not ID_PATTERN.match(sid):
            sheet.bad(line, "sources", "bad-id", id_rule(sid, ""), "separate source ids with commas")
        else:
            sheet.bad(line, "sources", "unknown-source", f"unknown source '{sid}': the import defines one source, "
                      f"'{source_id}' (this spreadsheet)", "define it in the YAML after the import, or map the "
                      f"column to {_ATTR}sources to keep the text")
    return out


def _common(sheet: Sheet, rec: Record, cell: dict[str, str], source_id: str) -> None:
    """Tags, sources and attributes: read the same way in both sheets."""
    if cell.get("tags"):
        rec.fields["tags"] = [t.strip() for t in _LIST_SPLIT.split(cell["tags"]) if t.strip()]
    if "sources" in cell:
        rec.fields["sources"] = _ids(sheet, rec.line, cell["sources"], source_id)
    for attr in sheet.attributes:
        if cell[_ATTR + attr]:
            rec.attributes[attr] = _attr_value(cell[_ATTR + attr])


def _attr_value(text: str) -> Any:
    """A number as a number (``580000000``, ``0.6``); anything else, ``0123`` and integers beyond 2**63
    (graph.rules.MAX_INTEGER: GEXF's and GraphML's long) included, as text."""
    if _INT.fullmatch(text):
        # 19 digits at most before int(): a 5,000-digit cell would hit Python's int-from-text limit
        if len(text.lstrip("+-")) > 19 or integer_outside(int(text)):
            return text
        return int(text)
    if _FLOAT.fullmatch(text) and math.isfinite(float(text)):
        return float(text)
    return text


def read_actors(sheet: Sheet, source_id: str) -> dict[str, Record]:
    actors: dict[str, Record] = {}
    sheet.require("id", "map the column of actor ids to id: --map 'Code=id'")
    for line, cells in sheet.body:
        cell = sheet.cells(cells)
        aid = cell.get("id", "")
        if "id" in cell:
            if not aid:
                sheet.bad(line, "id", "empty", "the cell is empty", "give each actor an id such as AZE")
            elif not ID_PATTERN.match(aid):
                sheet.bad(line, "id", "bad-id", id_rule(aid, ""),
                          "use a code such as AZE; put the full name in name")
                aid = ""
            elif aid in actors:
                sheet.bad(line, "id", "duplicate-id", f"duplicate actor id '{aid}' (first at row {actors[aid].line})",
                          "ids must be unique")
                aid = ""
        rec = Record(line, aid)
        rec.fields["name"] = cell.get("name") or aid
        kind = cell.get("kind", "")
        if kind:
            kind = _choice(sheet, line, "kind", kind, ACTOR_KINDS, _ACTORKIND_ALIASES,
                           "leave it empty to have it guessed from the id")
        rec.fields["kind"] = kind or guess_actor_kind(aid)
        _common(sheet, rec, cell, source_id)
        if aid:
            actors[aid] = rec
    if not sheet.body:
        sheet.add(0, -1, "no-rows", f"the {sheet.kind_of_file} has a header but no rows", "add one row per actor")
    return actors


def read_relations(sheet: Sheet, source_id: str, people: dict[str, Record] | None,
                    actors_name: str = "") -> list[Record]:
    sheet.require("source", "map the column of the first actor to source: --map 'From=source'")
    sheet.require("target", "map the column of the second actor to target: --map 'To=target'")
    if "sign" in sheet.columns and "kind" in sheet.columns:
        later = max(sheet.columns["sign"], sheet.columns["kind"])
        sheet.add(sheet.header_line, later, "conflicting-columns", "both sign and kind columns are given",
                  "keep one: sign (1 / -1) or kind (alignment / tension); map the other to ignore")
    elif not {"sign", "kind"} & set(sheet.columns):
        sheet.add(sheet.header_line, 0, "missing-column", "no column gives the kind of a relation",
                  "map a column to kind (alignment or tension) or to sign (1 or -1)")
    names = {rec.fields["name"].lower(): aid for aid, rec in (people or {}).items()}
    records: list[Record] = []
    explicit: dict[str, int] = {}
    for line, cells in sheet.body:
        cell = sheet.cells(cells)
        ok = len(sheet.problems)
        ends = []
        for end in ("source", "target"):
            value = cell.get(end, "")
            if end not in cell:
                continue
            if not value:
                sheet.bad(line, end, "empty", "the cell is empty", "name the actor with an id such as AZE")
            elif not ID_PATTERN.match(value):
                sheet.bad(line, end, "bad-id", id_rule(value, ""), ID_CELL_HINT)
            elif people is not None and value not in people:
                sheet.bad(line, end, "unknown-actor", f"unknown actor '{value}'",
                          did_you_mean(value, sorted(people), names) or f"add it to {actors_name}")
            ends.append(value)
        if len(ends) == 2 and ends[0] and ends[0] == ends[1]:
            sheet.bad(line, "target", "self-relation", f"relates '{ends[0]}' to itself",
                      "a relation links two different actors")
        kind = None
        if "sign" in cell:
            if not cell["sign"]:
                sheet.bad(line, "sign", "empty", "the cell is empty", "write 1 for alignment, -1 for tension")
            elif SIGN_PATTERN.match(cell["sign"]):
                kind = "tension" if cell["sign"].startswith("-") else "alignment"
            else:
                sheet.bad(line, "sign", "bad-sign", f"'{cell['sign']}' is not 1 or -1", minus_hint(cell["sign"])
                          or "write 1 for a positive tie (alignment), -1 for a negative one (tension)")
        if "kind" in cell:
            if not cell["kind"]:
                sheet.bad(line, "kind", "empty", "the cell is empty", "write alignment or tension")
            else:
                kind = _choice(sheet, line, "kind", cell["kind"], RELATION_KINDS, KIND_ALIASES,
                               "alignment for cooperation or support, tension for opposition or conflict")
        weight = _weight(sheet, line, cell)
        domain = DEFAULT_DOMAIN
        if cell.get("domain"):
            domain = _choice(sheet, line, "domain", cell["domain"], DOMAINS,
                             hint=f"leave it empty for {DEFAULT_DOMAIN}")
        confidence = None
        if cell.get("confidence"):
            confidence = _choice(sheet, line, "confidence", cell["confidence"], CONFIDENCE,
                                 hint="write low, medium or high; leave it empty for medium")
        def bad_cell_date(name: str, exc: ValueError) -> None:
            timed = sheet.fmt == "xlsx" and re.match(r"\d{4}-\d\d-\d\d \d", cell[name])
            sheet.bad(line, name, "bad-date", bad_date(cell[name], exc),
                      "the cell holds a time of day: format it as a date only" if timed else DATE_HINT)

        since, until = cell_dates(cell, bad_cell_date)
        if out_of_order(since, until):
            sheet.bad(line, "until", "until-before-since", not_after(since, until), UNTIL_HINT)
        rid = cell.get("id", "")
        if rid:
            if not ID_PATTERN.match(rid):
                sheet.bad(line, "id", "bad-id", id_rule(rid, ""), "use a code such as aze-irn-trade")
            elif rid in explicit:
                sheet.bad(line, "id", "duplicate-id", f"duplicate relation id '{rid}' (first at row {explicit[rid]})",
                          "ids must be unique; leave the cell empty to have one made")
            else:
                explicit[rid] = line
        rec = Record(line, rid, since=since, until=until)
        _common(sheet, rec, cell, source_id)
        if len(sheet.problems) > ok or len(ends) != 2 or kind is None:
            continue
        evidence = cell.get("evidence", "")
        if not evidence:
            evidence = f"{sheet.name}, {f'sheet {sheet.sheet}, ' if sheet.sheet else ''}row {line}"
            if "evidence" in cell:
                rec.notes["evidence"] = "empty in the sheet: write one sentence of evidence"
        rec.fields = {"between": ends, "kind": kind, "domain": domain, "weight": weight,
                      "since": since, "until": until, "confidence": confidence, "evidence": evidence,
                      "sources": rec.fields.get("sources", [source_id]), "tags": rec.fields.get("tags")}
        records.append(rec)
    if not sheet.body:
        sheet.add(0, -1, "no-rows", f"the {sheet.kind_of_file} has a header but no rows",
                  "add one row per relation below the header")
    taken = set(explicit)
    for rec in records:
        if not rec.id:
            a, b = sorted(rec.fields["between"])
            new = fresh_id(f"{a}-{b}-{rec.fields['kind']}-{rec.fields['domain']}".lower(), taken)
            rec.id = new if ID_PATTERN.match(new) else ""  # too long: the loader makes the same id
    return records


def _weight(sheet: Sheet, line: int, cell: dict[str, str]) -> float:
    if "weight" not in cell:
        return 1.0
    text = cell["weight"]
    if not text:
        sheet.bad(line, "weight", "empty", "the cell is empty", _WEIGHT_HINT)
        return 1.0

    def problem(code: str, message: str, hint: str) -> None:
        sheet.bad(line, "weight", code, message, hint)

    value = weight_number(text, problem, example="0.5")
    if value is None:
        return 1.0
    broken = weight_problem(value)
    if broken == "below":
        sheet.bad(line, "weight", "weight-range", f"'{text}' {weight_below()}",
                  "a tie this weak is no tie: leave the row out")
    elif broken is not None:
        sheet.bad(line, "weight", "weight-range", f"'{text}' {WEIGHT_OUTSIDE}", _WEIGHT_HINTS[broken])
    return value


def _arg(column: str, target: str) -> str:
    """A ``--map`` value as it is typed in a shell."""
    return shlex.quote(f"{column}={target}")


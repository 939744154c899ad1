"""The exception hierarchy, the located problems that validation reports and the catalogue of their codes."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["Problem", "GeographError", "DataError", "OptionError", "OutputError",
           "ErrorCode", "CATALOGUE", "describe_code"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located in its file.

    Problems sort by file, line and column, so a report reads top to bottom.

    Parameters
    ----------
    path : str
        The file, as the user named it (or as found inside a dataset folder).
    line, col : int
        1-based position; 0 when the problem concerns the whole file.
    code : str
        A stable name for the rule that was broken (``unknown-actor``, ``weight-range`` …),
        listed in ``data/README.md``.
    message : str
        What is wrong, naming the offending value.
    hint : str
        How to fix it; may be empty.

    Examples
    --------
    >>> p = Problem("data/r.yaml", 14, 7, "weight-range", "weight 1.7 is outside (0, 1]", "use kind: tension")
    >>> str(p)
    'data/r.yaml:14:7: weight 1.7 is outside (0, 1]. Hint: use kind: tension.'
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.path if self.line == 0 else f"{self.path}:{self.line}:{self.col}"
        text = f"{where}: {_sentence(self.message)}"
        if self.hint:
            text += f" Hint: {_sentence(self.hint)}"
        return text

    def to_dict(self) -> dict[str, object]:
        """The problem as a JSON-ready mapping."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


class GeographError(Exception):
    """Base class of every error geograph raises on purpose; the CLI prints it without a traceback."""


class DataError(GeographError):
    """A dataset (or another input file) broke one or more rules.

    Holds every problem found, sorted, so the user can fix them all in one pass.

    Examples
    --------
    >>> err = DataError([Problem("b.yaml", 2, 1, "x", "second"), Problem("a.yaml", 9, 1, "x", "first")])
    >>> print(err)
    a.yaml:9:1: first.
    b.yaml:2:1: second.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class OptionError(GeographError):
    """An option or argument has a value geograph cannot use (an unknown metric, a bad date …).

    The library names its own parameters, not the command line's flags: a message writes a
    parameter as ``{name}`` and lists it in `parameters`. ``str()`` shows the Python name; the CLI
    shows the flag that sets it (:meth:`naming`), so ``top`` reads ``--top`` and ``start`` reads
    ``--from`` there.

    Examples
    --------
    >>> err = OptionError("{end} 2020 comes before {start} 2021", parameters=("start", "end"))
    >>> str(err)
    'end 2020 comes before start 2021'
    >>> err.naming({"start": "--from", "end": "--to"})
    '--to 2020 comes before --from 2021'
    """

    def __init__(self, message: str, *, parameters: tuple[str, ...] | list[str] = ()):
        self.template = message
        self.parameters = tuple(parameters)
        super().__init__(self.naming({}))

    def naming(self, names: dict[str, str]) -> str:
        """The message with each parameter written as `names` gives it (its own name otherwise)."""
        text = self.template
        for parameter in self.parameters:
            text = text.replace("{" + parameter + "}", names.get(parameter, parameter))
        return text


class OutputError(GeographError):
    """An output file could not be written (missing folder, no permission, full disk)."""


@dataclass(frozen=True)
class ErrorCode:
    """One rule an input can break, as :data:`CATALOGUE` lists it.

    Parameters
    ----------
    code : str
        The stable name a :class:`Problem` carries (``weight-range``).
    title : str
        What the rule is about, as a short noun phrase.
    message : str
        The message as the usual place that raises it words it, its variable parts named in
        braces (``{context}: weight {value} is outside (0, 1]``). Other places may word it for their
        format (a CSV cell, a scenario change), but mean the same.
    hint : str
        How to mend it, worded as that place does; empty when it gives none.

    Examples
    --------
    >>> entry = ErrorCode("yaml-merge", "Merge key", "merge keys (<<) are not supported", "write the keys out in full")
    >>> entry.title, entry.hint
    ('Merge key', 'write the keys out in full')
    """

    code: str
    title: str
    message: str
    hint: str = ""


_DID_YOU_MEAN = "did you mean '{guess}'?"

# Every code raised under graph/, sorted; tests/test_errors.py reads the source and runs every
# invalid fixture to keep this list, the raise sites and data/README.md's table in step.
_ENTRIES = (
    ErrorCode("bad-choice", "Value outside its closed set",
              "{context}: {key} '{value}' is not one of: {choices}", _DID_YOU_MEAN),
    ErrorCode("bad-date", "Invalid date",
              "{context}: {key} '{value}' is not a valid date ({reason})", "write YYYY, YYYY-MM or YYYY-MM-DD"),
    ErrorCode("bad-id", "Id that is not a short code",
              "{context}: id '{value}' is not a short code (a letter or digit, then letters, digits, _ . -; "
              "at most 40)", "use a code such as AZE or nstc; put the full name in 'name'"),
    ErrorCode("bad-sign", "Sign other than 1 or -1",
              "row {row}, column 'sign': '{value}' is not 1 or -1",
              "write 1 for a positive tie (alignment), -1 for a negative one (tension)"),
    ErrorCode("bad-url", "Source url that is not http(s)",
              "{context}: url '{url}' is not an http(s) address", "write a full address starting with https://"),
    ErrorCode("binary", "Binary file",
              "this is a binary file, not {format} text", "{what} is UTF-8 text"),
    ErrorCode("conflicting-actor", "Actor map entry that contradicts an actor",
              "{code}: actor {id} is already '{name}' ({kind})",
              "map to it by id ({code}: {id}), or give the new actor another id"),
    ErrorCode("conflicting-attribute", "Restated actor with another attribute value",
              "actor {id}: attribute '{key}' is {value} here but {first_value} at {first_place}",
              "a restated actor must agree with its first definition"),
    ErrorCode("conflicting-columns", "Both sign and kind columns",
              "both sign and kind columns are given", "keep one: sign (1 / -1) or kind (alignment / tension)"),
    ErrorCode("coordinate-range", "Latitude or longitude out of range",
              "actor {id}: {key} {value} is outside [{low}, {high}]",
              "write decimal degrees: lat from -90 (south) to 90 (north), lon from -180 (west) to 180 (east)"),
    ErrorCode("csv-syntax", "CSV syntax error",
              "row {row}, column '{column}': a quoted cell is never closed",
              "close the quote with \"; inside a quoted cell write a quote as \"\""),
    ErrorCode("duplicate-column", "Column named twice",
              "column '{name}' appears twice (first as column {first})", "keep one of them"),
    ErrorCode("duplicate-id", "Id defined twice",
              "duplicate {what} id '{id}' (first defined at {first_place})",
              "ids must be unique across all files of a dataset"),
    ErrorCode("duplicate-key", "Key given twice in one mapping",
              "duplicate key '{key}' in the same mapping (first at line {line})",
              "most YAML readers keep only the last one silently; remove or rename one of them"),
    ErrorCode("empty", "Empty file, cell or value",
              "the file holds no YAML data", "add actors: and relations:, or remove the file"),
    ErrorCode("encoding", "Text that is not UTF-8",
              "the file is not UTF-8 text (byte 0x{byte})", "save the file as UTF-8"),
    ErrorCode("endpoints", "Relation actors written wrongly",
              "relation {id}: between must list exactly two actor ids", "write between: [AZE, IRN]"),
    ErrorCode("integer-range", "Integer too large to write",
              "the integer {value} is beyond 2**63 in size (at most 9,223,372,036,854,775,807), which GEXF, "
              "GraphML and spreadsheets cannot hold",
              "quote it to keep it as text: write it between double quotes"),
    ErrorCode("missing-column", "Required column missing",
              "missing required column '{name}'", "the header must name source and target, the two actors of each tie"),
    ErrorCode("missing-file", "File not found",
              "no such file: {path}", "check the path"),
    ErrorCode("missing-header", "No header row",
              "line 1 is not a header: it names none of the columns {columns}",
              "add a header row such as source,target,sign as the first line"),
    ErrorCode("missing-key", "Required key missing",
              "{context}: missing required key '{key}'", "add {key}: {what it holds}"),
    ErrorCode("no-rows", "Header without rows",
              "the file has a header but no rows", "add one row per tie below the header, such as AZE,IRN,-1"),
    ErrorCode("no-yaml", "Folder without YAML files",
              "the folder holds no .yaml or .yml file", ""),
    ErrorCode("not-list", "Value that must be a list",
              "{key} must be a list of records", "write each record on a line starting with '- ' under '{key}:'"),
    ErrorCode("not-mapping", "Value that must be a mapping",
              "each entry of {key} must be a mapping of fields",
              "write '- id: …' and the other fields indented under it"),
    ErrorCode("not-number", "Weight that is not a number",
              "{context}: weight must be a number, but {value} was read as {type}",
              "weight is a strength: 0.2 weak, 0.5 moderate, 0.8 strong, 1.0 defining"),
    ErrorCode("not-text", "Value read as a number, boolean or date",
              "{context}: {key} must be text, but {value} was read as {type}", "quote it: {key}: \"{value}\""),
    ErrorCode("not-xlsx", "Not an xlsx workbook",
              "this is not an xlsx workbook",
              "a CSV file is imported with geograph import csv; save an .xls or .ods file as .xlsx"),
    ErrorCode("row-length", "Row with the wrong number of cells",
              "row {row} has {cells} cells, but the header has {columns}",
              "give every column a cell, an empty one where the value is optional (AZE,IRN,-1,,)"),
    ErrorCode("scenario-conflict", "Scenario that contradicts itself",
              "change of {what} {id}: the scenario also removes it (line {line})", "either change it or remove it"),
    ErrorCode("self-relation", "Relation of an actor to itself",
              "{context}: relates {actor} to itself", "a relation links two different actors"),
    ErrorCode("separator", "Cells not separated by commas",
              "the header is one cell, '{header}': its cells are separated by {separator}, not by commas",
              "save the file as comma-separated CSV (CSV UTF-8, comma-delimited)"),
    ErrorCode("sign-mismatch", "Negative weight on a positive tie",
              "row {row}, column 'weight': '{value}' is negative, but sign is 1",
              "a negative weight means tension: make the tie negative, or drop the minus sign"),
    ErrorCode("structure", "File that is not a mapping",
              "the file must be a mapping with the keys {keys}", "start the file with 'actors:' or 'relations:'"),
    ErrorCode("too-large", "File too large to read",
              "the file is {size} MB, larger than the {limit} MB geograph reads",
              "split it into several files in one folder, which geograph reads as one dataset"),
    ErrorCode("unknown-actor", "Unknown actor",
              "{context}: unknown actor '{id}'", _DID_YOU_MEAN),
    ErrorCode("unknown-column", "Column not in the format",
              "unknown column '{name}'", _DID_YOU_MEAN),
    ErrorCode("unknown-field", "Column mapped to a field of the other sheet",
              "{column} is mapped to '{field}', which is not a field of {record}",
              "the fields of {record}: {fields}, attributes.<name>"),
    ErrorCode("unknown-key", "Key not in the format",
              "{context}: unknown key '{key}'", _DID_YOU_MEAN),
    ErrorCode("unknown-relation", "Unknown relation",
              "{context}: unknown relation '{id}'", _DID_YOU_MEAN),
    ErrorCode("unknown-sheet", "Sheet not in the workbook",
              "no sheet '{sheet}' in the workbook (sheets: {sheets})", _DID_YOU_MEAN),
    ErrorCode("unknown-source", "Unknown source",
              "{context}: unknown source '{id}'", _DID_YOU_MEAN),
    ErrorCode("unmapped-column", "Column matched to no field",
              "{column} is not mapped to a field of {record}",
              "did you mean --map {name}={field}? Otherwise keep it as an attribute "
              "(--map {name}=attributes.{slug}) or leave it out (--map {name}=ignore)"),
    ErrorCode("unreadable", "File that cannot be read",
              "cannot read the file: {reason}", ""),
    ErrorCode("until-before-since", "Until not after since",
              "{context}: until {until} is not after since {since}",
              "until is exclusive: the relation holds from since up to the day before until"),
    ErrorCode("weight-range", "Weight outside (0, 1]",
              "{context}: weight {value} is outside (0, 1]",
              "1.0 is the strongest (defining); write hostility as kind: tension, not as a larger weight"),
    ErrorCode("yaml-depth", "Data nested too deeply",
              "the data nests more than {depth} levels deep",
              "a dataset needs five or six levels; check for brackets that are never closed"),
    ErrorCode("yaml-key", "Key that is not plain text",
              "a key must be plain text", "write keys as simple words"),
    ErrorCode("yaml-merge", "Merge key",
              "merge keys (<<) are not supported", "write the keys out in full"),
    ErrorCode("yaml-recursive", "Alias inside the block it names",
              "an alias refers to the block that contains it, so the data would never end",
              "write the data out instead of the alias (*name)"),
    ErrorCode("yaml-size", "Alias bomb",
              "aliases repeat more than {limit} values (a YAML alias bomb?)",
              "aliases (*name) that repeat large blocks are the usual cause; write the data out"),
    ErrorCode("yaml-syntax", "YAML syntax error",
              "YAML syntax error: {what}",
              "check the indentation, and quote text that contains ': ' or starts with a symbol"),
    ErrorCode("yaml-tag", "Tag outside plain YAML",
              "the tag {tag} is not allowed",
              "geograph reads plain YAML only: text, numbers, booleans, dates, lists and mappings"),
)

#: Every problem code, sorted: code → :class:`ErrorCode` (its title, message and hint).
CATALOGUE: Mapping[str, ErrorCode] = MappingProxyType({e.code: e for e in sorted(_ENTRIES, key=lambda e: e.code)})


def describe_code(code: str) -> ErrorCode:
    """The catalogue entry of a problem code: what the rule is, what it says, how to mend it.

    Parameters
    ----------
    code : str
        A code as a :class:`Problem` (or ``geograph validate --format json``) gives it.

    Returns
    -------
    ErrorCode

    Raises
    ------
    OptionError
        For a code that is not in :data:`CATALOGUE`, with the closest one.

    Examples
    --------
    >>> entry = describe_code("weight-range")
    >>> entry.title
    'Weight outside (0, 1]'
    >>> entry.message
    '{context}: weight {value} is outside (0, 1]'
    >>> describe_code("weight-rang")
    Traceback (most recent call last):
    ...
    graph.errors.OptionError: unknown problem code 'weight-rang'; did you mean 'weight-range'?
    """
    entry = CATALOGUE.get(code)
    if entry is None:
        close = difflib.get_close_matches(code, list(CATALOGUE), n=1, cutoff=0.6)
        guess = f"did you mean '{close[0]}'?" if close else "the codes are listed in data/README.md"
        raise OptionError(f"unknown problem code '{code}'; {guess}")
    return entry

"""Loading and validating datasets: YAML files (or a folder of them) into a :class:`Dataset`."""

from __future__ import annotations

import gc
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable

from ..choices import COMBINE_RULES
from ..errors import DataError, Problem
from ..model import Dataset, Event, Location, Relation, Source
from ..rules import ID_PATTERN, did_you_mean, fresh_id
from .edgelist import read_edgelist
from .fields import TOP_KEYS, Checker, Raw
from .files import decode_text, input_path, is_stdin, is_stream, missing, read_once, read_text, shown_name
from .located import YMap
from .yaml_reader import read_yaml_value

__all__ = ["load", "validate", "check", "Check", "bundled_path", "dataset_files", "read_file", "read_document",
           "assemble", "with_ids", "relation_id", "event_id", "input_format", "Unbuilt", "keep_id", "YAML_SUFFIXES"]

#: The suffixes of the files a dataset folder reads.
YAML_SUFFIXES = (".yaml", ".yml")


def bundled_path() -> Path:
    """The folder of the bundled Azerbaijan–Iran dataset.

    In a clone (or an editable install) it is ``data/caucasus`` beside the package; a regular
    install copies it to ``<prefix>/share/geograph/caucasus``.

    Examples
    --------
    >>> bundled_path().name
    'caucasus'
    """
    here = Path(__file__).resolve().parents[2] / "data" / "caucasus"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "geograph" / "caucasus"


def dataset_files(path: str | Path) -> list[Path]:
    """The YAML files that make up a dataset: the file itself, or every ``*.yaml``/``*.yml``
    below a folder in sorted order (hidden files and folders are skipped)."""
    path = Path(path)
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*")
            if p.suffix.lower() in YAML_SUFFIXES and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return [path]


def load(path: str | Path | None = None) -> Dataset:
    """Load and validate a dataset; raise :class:`~graph.errors.DataError` listing every problem.

    Parameters
    ----------
    path : str or Path, optional
        A YAML file, a folder of YAML files that are merged, or a CSV edge list
        (:func:`graph.edgelist.read_edgelist`). ``-`` reads standard input, named ``<stdin>`` in
        problems; a pipe, a FIFO or ``/dev/stdin`` is read once too, as YAML or CSV by its first
        line (:func:`input_format`). Default: the bundled dataset.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        With every problem found, each located as ``file:line:col``.

    Examples
    --------
    >>> ds = load()
    >>> "AZE" in ds.actor_ids and "IRN" in ds.actor_ids
    True
    """
    dataset, problems = _load(path)
    if problems:
        raise DataError(problems)
    return dataset


def validate(path: str | Path | None = None) -> list[Problem]:
    """Every problem in a dataset, sorted by file, line and column (empty when it is valid).

    Examples
    --------
    >>> validate()
    []
    """
    return sorted(_load(path)[1])


@dataclass(frozen=True)
class Check:
    """A dataset read once: every problem, sorted, and the dataset (None unless it is valid).

    Examples
    --------
    >>> result = check()
    >>> result.problems, len(result.dataset.actors) > 0, result.valid
    ([], True, True)
    """

    dataset: Dataset | None
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        """Whether the dataset has no problem."""
        return not self.problems


def check(path: str | Path | None = None) -> Check:
    """Read and validate a dataset once: its problems and, when it has none, the dataset.

    :func:`validate` and :func:`load` in one read, for a caller that reports the problems of an
    invalid dataset and describes a valid one (``geograph validate``).

    Parameters
    ----------
    path : str or Path, optional
        As for :func:`load`. Default: the bundled dataset.

    Returns
    -------
    Check
        ``problems`` sorted by file, line and column; ``dataset`` None when there is any.

    Examples
    --------
    >>> check("no/such/file.yaml").problems[0].code
    'missing-file'
    """
    dataset, problems = _load(path)
    return Check(None if problems else dataset, sorted(problems))


def _load(path: str | Path | None) -> tuple[Dataset, list[Problem]]:
    root = input_path(path) if path is not None else bundled_path()
    shown = shown_name(path) if path is not None else str(root)
    problems: list[Problem] = []
    raw = Raw()
    if missing(root):
        problems.append(Problem(shown, 0, 0, "missing-file", f"no such file or folder: {shown}",
                                "check the path; run 'geograph validate' with no argument for the bundled data"))
        return Dataset(path=shown), problems
    if not is_stdin(root) and root.is_dir():
        files = dataset_files(root)
        if not files:
            problems.append(Problem(shown, 0, 0, "no-yaml", "the folder holds no .yaml or .yml file", ""))
    else:
        files = [root]
    unbuilt: list[Unbuilt] = []
    # Reading builds millions of small containers and none of them is garbage: the cyclic
    # collector would walk them all again and again (half the time of a large load). Paused.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for file in files:
            display = shown if file == root else str(Path(shown) / file.relative_to(root))
            edges = read_file(file, display, raw, problems, unbuilt)
            if edges is not None:  # a CSV edge list: a dataset of its own
                return edges
        dataset = assemble(raw, shown, problems, unbuilt)
    finally:
        if collecting:
            gc.enable()
    return dataset, problems


def input_format(name: str | Path, data: bytes | None = None) -> str:
    """``csv`` or ``yaml``: how to read one dataset file, by its suffix or else, for a stream
    without one (``-``, ``/dev/stdin``, ``<(…)``), by its first line.

    A YAML dataset starts with a key (``actors:``), a comment, ``---`` or ``{``; a first line of
    comma-separated cells with no ``key:`` in front is a CSV header (``source,target,sign``).

    Examples
    --------
    >>> input_format("ties.csv"), input_format("ds.yaml"), input_format("-", b"source,target,sign\\nA,B,1\\n")
    ('csv', 'yaml', 'csv')
    >>> input_format("/dev/stdin", b"# ties\\nactors: []\\n")
    'yaml'
    """
    suffix = Path(name).suffix.lower() if not is_stdin(name) else ""
    if suffix == ".csv":
        return "csv"
    if suffix in YAML_SUFFIXES or data is None:
        return "yaml"
    head = data[:65536].decode("utf-8-sig", errors="replace")
    for line in head.splitlines():
        text = line.strip()
        if not text:
            continue
        if text.startswith(("#", "---", "{", "[", "- ")) or _YAML_KEY.match(text) or "," not in text:
            return "yaml"
        return "csv"
    return "yaml"


#: A YAML key at the start of a line: ``actors:``, ``"title": …`` (a CSV header has no such colon).
_YAML_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^,"'\s][^,:]*?)\s*:(?:\s|$)""")


@dataclass(frozen=True)
class Unbuilt:
    """A record that broke a rule, so it was not built, but whose id was readable: ids must be
    unique all the same, so a repeated id is reported in the same pass as the other problems."""

    what: str
    id: str
    location: Location


def read_file(file: Path, display: str, raw: Raw, problems: list[Problem],
              unbuilt: list[Unbuilt] | None = None) -> tuple[Dataset, list[Problem]] | None:
    """Read one file of a dataset, once, named ``display`` in problems.

    A YAML file goes into ``raw`` (None is returned); a CSV edge list (by its ``.csv`` suffix or,
    for a stream such as ``-`` or ``/dev/stdin``, by its first line) is a dataset of its own,
    returned with its problems.
    """
    if input_format(file) == "csv":
        return read_edgelist(file, display)
    if not is_stream(file):
        text = read_text(file, display, problems)
    else:  # read once into memory: a pipe cannot be read again, and its format is told from its text
        data = read_once(file, display, problems,
                         "save it to a file; a larger dataset is split into several files in one folder")
        if data is None:
            return None
        if input_format(file, data) == "csv":
            return read_edgelist(file, display, data)
        text = decode_text(data, display, problems)
    if text is not None:
        read_document(text, display, raw, problems, unbuilt)
    return None


def read_document(text: str, display: str, raw: Raw, problems: list[Problem],
                  unbuilt: list[Unbuilt] | None = None) -> None:
    """Read the YAML text of one dataset file into ``raw``; every problem goes to ``problems``.

    A relation or event that breaks a rule is not built, but its id (when readable) goes to
    ``unbuilt``, so :func:`assemble` still reports a repeated id in the same report.
    """
    value = read_yaml_value(text, display, problems, "add actors: and relations:, or remove the file")
    if value is None:
        return
    checker = Checker(display, problems, raw)
    if not isinstance(value, YMap):
        problems.append(Problem(display, 1, 1, "structure",
                                "the file must be a mapping with the keys " + ", ".join(TOP_KEYS),
                                "start the file with 'actors:' or 'relations:'"))
        return
    checker.unknown_keys(value, TOP_KEYS, "the file")
    for key in ("title", "description"):
        text_value = checker.text(value, key, "the file", required=False)
        if text_value and not getattr(raw, key):
            setattr(raw, key, text_value)
    if "combine" in value:
        rule = checker.choice(value, "combine", "the file", COMBINE_RULES, required=False)
        if rule is not None and raw.combine is not None and rule != raw.combine:
            checker.add(value.value_pos["combine"], "bad-choice",
                        f"the file: combine '{rule}' differs from '{raw.combine}' set in another file",
                        "write the combining rule once, in one file of the dataset")
        elif rule is not None:
            raw.combine = rule
    if "sources" in value:
        for src in checker.mapping_of(value, "sources", "sources"):
            raw.sources.append(src)
    for item, pos in checker.list_of(value, "actors"):
        actor = checker.actor(item, pos)
        if actor is not None:
            raw.actors.append(actor)
    for item, pos in checker.list_of(value, "relations"):
        rel = checker.relation(item, pos)
        if rel is not None:
            raw.relations.append((rel, item))
        elif unbuilt is not None:
            keep_id(unbuilt, "relation", item, checker.loc(pos))
    for item, pos in checker.list_of(value, "events"):
        ev = checker.event(item, pos)
        if ev is not None:
            raw.events.append((ev, item))
        elif unbuilt is not None:
            keep_id(unbuilt, "event", item, checker.loc(pos))


def keep_id(unbuilt: list[Unbuilt], what: str, item: YMap, location: Location) -> None:
    """Keep the id of a record that was not built, when it is one (a bad id has its own problem)."""
    rid = item.get("id")
    if isinstance(rid, str) and ID_PATTERN.match(rid.strip()):
        unbuilt.append(Unbuilt(what, rid.strip(), location))


# --------------------------------------------------------------------------------------------
# merging and cross-checks


def assemble(raw: Raw, shown: str, problems: list[Problem], unbuilt: list[Unbuilt] | tuple[Unbuilt, ...] = ()
             ) -> Dataset:
    """The dataset of what the files held, after the checks across files (unique ids, known references).

    Every check runs whatever the files' other problems: ``unbuilt`` (from :func:`read_document`)
    holds the ids of relations and events that broke a rule, checked for uniqueness with the rest.
    """
    sources = _unique(raw.sources, "source", problems)
    actors = _unique(raw.actors, "actor", problems)
    # relations and events keep file order; only their ids' uniqueness is checked here, in the
    # order they were written (a record not built still takes its id)
    for record_kind, built in (("relation", [r for r, _ in raw.relations if r.id]),
                               ("event", [e for e, _ in raw.events if e.id])):
        others = [u for u in unbuilt if u.what == record_kind]
        _unique(sorted(built + others, key=lambda r: (r.location.path, r.location.line, r.location.col))
                if others else built, record_kind, problems)
    actor_ids = {a.id for a in actors.values()} | raw.declared
    names = {a.name.lower(): a.id for a in actors.values()}
    for refs, known, what, aliases in (
        (raw.actor_refs, actor_ids, "actor", names),
        (raw.source_refs, set(sources), "source", None),
    ):
        ordered: list[str] = []  # sorted once, on the first unknown reference: not once per reference
        for value, path, (line, col), ctx in refs:
            if value not in known:
                ordered = ordered or sorted(known)
                guess = did_you_mean(value, ordered, aliases)
                hint = guess or ("define it under sources" if what == "source" else "add it to the actors")
                problems.append(Problem(path, line, col, f"unknown-{what}",
                                        f"{ctx}: unknown {what} '{value}'", hint))
    relations_out = tuple(with_ids([r for r, _ in raw.relations], relation_id))
    events_out = tuple(sorted(with_ids([e for e, _ in raw.events], event_id),
                              key=lambda e: (e.date.start, e.id)))
    return Dataset(
        title=raw.title,
        description=raw.description,
        combine=raw.combine,
        sources=MappingProxyType(dict(sorted(sources.items()))),
        actors=tuple(sorted(actors.values(), key=lambda a: a.id)),
        relations=relations_out,
        events=events_out,
        path=shown,
    )


def _unique(records: list, what: str, problems: list[Problem]) -> dict[str, Any]:
    """Index records by id; a repeated id is an error, except a repeated actor or source whose
    definition agrees (same name and kind; same title, date and publisher), which is merged: dataset
    fragments, such as event-derived relations, restate the actors they use so they validate alone."""
    out: dict[str, Any] = {}
    for rec in records:
        if rec.id in out:
            first = out[rec.id]
            loc = rec.location
            merged = _merge(first, rec, problems) if what in ("actor", "source") else None
            if merged is not None:
                out[rec.id] = merged
                continue
            if what in ("actor", "source") and any(p.code == "conflicting-attribute" and p.line == loc.line
                                                     and p.path == loc.path for p in problems):
                continue
            hint = "ids must be unique across all files of a dataset"
            if what == "actor":
                hint += "; an actor may be restated only with the same name and kind"
            elif what == "source":
                hint += "; a source may be restated only with the same title, date and publisher"
            problems.append(Problem(loc.path, loc.line, loc.col, "duplicate-id",
                                    f"duplicate {what} id '{rec.id}' (first defined at {first.location})", hint))
            continue
        out[rec.id] = rec
    return out


def _merge(first: Any, again: Any, problems: list[Problem]) -> Any | None:
    """The union of two agreeing definitions of one actor or source, or None if they differ."""
    if isinstance(first, Source):
        same = (first.title, first.date, first.author, first.publisher, first.url) == (
            again.title, again.date, again.author, again.publisher, again.url)
        return first if same else None
    if (first.name, first.kind) != (again.name, again.kind):
        return None
    attributes = dict(first.attributes)
    for key, value in again.attributes.items():
        if key in attributes and attributes[key] != value:
            loc = again.location
            problems.append(Problem(loc.path, loc.line, loc.col, "conflicting-attribute",
                                    f"actor {again.id}: attribute '{key}' is {value!r} here but "
                                    f"{attributes[key]!r} at {first.location}",
                                    "a restated actor must agree with its first definition"))
            return None
        attributes[key] = value
    return replace(first, tags=tuple(dict.fromkeys(first.tags + again.tags)),
                   sources=tuple(dict.fromkeys(first.sources + again.sources)),
                   attributes=MappingProxyType(attributes))


def with_ids(records: list, base_of: Callable[[Any], str]) -> list:
    """Give each record written without an id a stable one from ``base_of(record)``, with ``-2``,
    ``-3``… appended when that id is taken (relations: ``a-b-kind-domain``; events: date and actors)."""
    taken = {r.id for r in records if r.id}
    return [rec if rec.id else replace(rec, id=fresh_id(base_of(rec), taken)) for rec in records]


def relation_id(r: Relation) -> str:
    """The id of a relation written without one: ``a-b-kind-domain``, its actors sorted.

    >>> relation_id(Relation("", "IRN", "AZE", False, "tension", "security", 0.5))
    'aze-irn-tension-security'
    """
    a, b = r.pair
    return f"{a}-{b}-{r.kind}-{r.domain}".lower()


def event_id(e: Event) -> str:
    """The id of an event written without one: its date and actors.

    >>> from graph.dates import parse_date
    >>> event_id(Event("", parse_date("2025-02"), ("AZE", "IRN"), "Talks", "neutral"))
    '2025-02-aze-irn'
    """
    return f"{e.date}-" + "-".join(e.actors).lower()

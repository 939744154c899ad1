"""Actor maps: which actor of a dataset an event source's country code (or name) stands for.

Event data name countries by code: GDELT and CAMEO use 3-letter codes that are mostly ISO 3166-1
alpha-3 (``AZE``, ``IRN``, ``RUS``), ICEWS uses country names (``Azerbaijan``). An
:class:`ActorMap` turns those values into actor ids. By default it maps every state of the bundled
dataset by its id (``AZE`` → ``AZE``) and by its name (``Azerbaijan`` → ``AZE``); a small YAML file
adds or overrides entries::

    GEO: {name: Georgia, kind: state}              # a new actor, id GEO
    USA: WEST                                      # an actor of the dataset, by id
    EUR: WEST                                      # a regional code, mapped on purpose
    GBR: {id: UK, name: United Kingdom, kind: state}
    IND: ~                                         # drop a default (India, by code and name)

CAMEO's regional pseudo-codes (:data:`REGIONAL_CODES`: ``EUR``, ``WST``, ``CAU``, ``AFR`` …) name
regions, not states: they are never mapped unless the YAML map names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..errors import DataError, Problem
from ..model import ACTOR_KINDS, Actor, Dataset
from ..read.dataset import load
from ..read.files import missing, read_text, shown_name
from ..read.yaml_reader import YMap, read_yaml
from ..rules import ID_PATTERN
from ..rules import did_you_mean as _did_you_mean

__all__ = ["REGIONAL_CODES", "ActorMap", "default_actor_map", "load_actor_map", "as_actor_map"]

#: CAMEO's regional pseudo-country codes (CAMEO codebook, country codes): regions, not states.
REGIONAL_CODES = frozenset({
    "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
    "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
})

_STATE_ID = re.compile(r"^[A-Z]{3}$")
_ENTRY_KEYS = ("id", "name", "kind")


@dataclass(frozen=True)
class ActorMap:
    """Values of an event table's actor columns → actor ids, with the actors they name.

    Parameters
    ----------
    codes : mapping of str to str
        Value (a code such as ``AZE`` or a name such as ``Azerbaijan``) → actor id. Looked up
        exactly first, then ignoring case.
    actors : mapping of str to Actor
        Every actor a value may map to, by id: the fragment restates them (id, name, kind).

    Examples
    --------
    >>> m = default_actor_map()
    >>> m.resolve("AZE"), m.resolve("azerbaijan"), m.resolve("USA")
    ('AZE', 'AZE', None)
    >>> m.status("WST"), m.status("USA"), m.status("IRN")
    ('regional code', 'unmapped code', 'mapped')
    """

    codes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    actors: Mapping[str, Actor] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        folded = {}
        for key, value in self.codes.items():
            folded.setdefault(key.casefold(), value)
        object.__setattr__(self, "_folded", folded)

    def resolve(self, value: str) -> str | None:
        """The actor id for ``value``, or None when it is not mapped.

        The id of an actor the map leads to stands for itself (``WEST`` → ``WEST`` when ``USA``
        maps to it), so tables already written in actor ids, such as ``--aggregates`` output,
        map again to the same actors.
        """
        found = self.codes.get(value)
        if found is None:
            found = self._folded.get(value.casefold())  # type: ignore[attr-defined]
        if found is None and value in self.actors:
            found = value
        return found

    def status(self, value: str) -> str:
        """``mapped``, ``regional code`` (an unmapped CAMEO region) or ``unmapped code``."""
        if self.resolve(value) is not None:
            return "mapped"
        return "regional code" if value.upper() in REGIONAL_CODES else "unmapped code"

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (id, name and kind only)."""
        return self.actors[actor_id]


def default_actor_map(dataset: Dataset | None = None) -> ActorMap:
    """Every state of ``dataset`` (default: the bundled one) by its id and by its name.

    A state is an actor of kind ``state`` whose id is three capital letters: its id is then the
    ISO 3166-1 alpha-3 code that GDELT and CAMEO also use.

    Examples
    --------
    >>> sorted(default_actor_map().actors)
    ['ARM', 'AZE', 'IND', 'IRN', 'ISR', 'KAZ', 'RUS', 'TKM', 'TUR']
    """
    ds = dataset if dataset is not None else load()
    codes: dict[str, str] = {}
    actors: dict[str, Actor] = {}
    for actor in ds.actors:
        if actor.kind == "state" and _STATE_ID.match(actor.id):
            codes[actor.id] = actor.id
            codes.setdefault(actor.name, actor.id)
            actors[actor.id] = Actor(actor.id, actor.name, actor.kind)
    return ActorMap(MappingProxyType(codes), MappingProxyType(actors))


def load_actor_map(path: str | Path | None = None, *, dataset: Dataset | None = None) -> ActorMap:
    """The default map of ``dataset`` (default: the bundled one), with a YAML map file on top.

    The file is a mapping from a value of the actor columns (a CAMEO code, a name …) to either an
    actor id of the dataset (``USA: WEST``), a new actor (``GEO: {name: Georgia, kind: state}``;
    ``id`` defaults to the value), or ``~`` to drop a default entry and the actor it led to
    (``TUR: ~`` also drops the name ``Turkey``, unless the file maps it again).

    Raises
    ------
    DataError
        With every problem of the file, located as ``file:line:col``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "map.yaml"
    >>> _ = path.write_text("GEO: {name: Georgia, kind: state}\\nUSA: WEST\\n", encoding="utf-8")
    >>> m = load_actor_map(path)
    >>> m.resolve("GEO"), m.resolve("USA"), m.actor("WEST").name
    ('GEO', 'WEST', 'The West (United States and European Union)')
    >>> _ = path.write_text("USA: WSET\\n", encoding="utf-8")
    >>> load_actor_map(path)
    Traceback (most recent call last):
    ...
    graph.errors.DataError: ...map.yaml:1:6: USA maps to unknown actor 'WSET'. Hint: did you mean 'WEST'?
    """
    ds = dataset if dataset is not None else load()
    base = default_actor_map(ds)
    if path is None:
        return base
    shown = shown_name(path)
    path = Path(path)
    problems: list[Problem] = []
    if missing(path):  # a stat only: a pipe or '-' is read once, below
        raise DataError([Problem(shown, 0, 0, "missing-file", f"no such actor map: {shown}", "check the path")])
    # The same size limit, binary and encoding checks as for a dataset file.
    text = read_text(path, shown, problems, "an actor map")
    if text is None:
        raise DataError(problems)
    value, found = read_yaml(text, shown)
    problems.extend(found)
    if value is None and not found:
        return base
    if not isinstance(value, YMap):
        if value is not None:
            problems.append(Problem(shown, 1, 1, "structure", "an actor map is a mapping from code to actor",
                                    "write one line per code, such as 'USA: WEST'"))
        raise DataError(problems)
    known = {a.id: Actor(a.id, a.name, a.kind) for a in ds.actors}
    codes = dict(base.codes)
    actors = dict(base.actors)
    defined: dict[str, tuple[Actor, tuple[int, int]]] = {}
    pending: list[tuple[str, str, tuple[int, int]]] = []
    dropped: set[str] = set()  # actors whose default entries go, unless the file maps to them again
    for key, entry in value.items():
        where = value.value_pos[key]
        if not isinstance(key, str) or not key.strip():
            line, col = value.key_pos[key]
            raw = text.splitlines()[line - 1][col - 1:].split(":")[0].strip() or "~"
            what = "a boolean" if isinstance(key, bool) else "a number" if key is not None else "null"
            problems.append(Problem(shown, line, col, "not-text", f"the code {raw} was read as {what}, not as text",
                                    f"quote it: '{raw}'"))
            continue
        key = key.strip()
        if entry is None:
            target = codes.pop(key, None)
            if target is not None:
                dropped.add(target)
            continue
        if isinstance(entry, str):
            pending.append((key, entry.strip(), where))
            continue
        if not isinstance(entry, YMap):
            problems.append(Problem(shown, *where, "not-mapping", f"{key} must map to an actor id or to "
                                    "{name: …, kind: …}", f"write {key}: {{name: …, kind: state}}"))
            continue
        actor = _entry_actor(key, entry, shown, problems)
        if actor is None:
            continue
        first = known.get(actor.id) or (defined.get(actor.id) or (None,))[0]
        if first is not None and (first.name, first.kind) != (actor.name, actor.kind):
            problems.append(Problem(shown, *where, "conflicting-actor",
                                    f"{key}: actor {actor.id} is already '{first.name}' ({first.kind})",
                                    f"map to it by id ({key}: {actor.id}), or give the new actor another id"))
            continue
        defined.setdefault(actor.id, (actor, where))
        codes[key] = actor.id
        actors[actor.id] = actor
    for key, target, where in pending:
        actor = known.get(target) or (defined.get(target) or (None,))[0]
        if actor is None:
            guess = _did_you_mean(target, sorted(set(known) | set(defined)))
            problems.append(Problem(shown, *where, "unknown-actor", f"{key} maps to unknown actor '{target}'",
                                    guess or f"define it: {key}: {{id: {target}, name: …, kind: state}}"))
            continue
        codes[key] = actor.id
        actors[actor.id] = actor
    if problems:
        raise DataError(problems)
    explicit = {key for key in value if isinstance(key, str)}
    codes = {k: v for k, v in codes.items() if v not in dropped or k.strip() in explicit}
    used = set(codes.values())
    return ActorMap(MappingProxyType(codes), MappingProxyType({k: v for k, v in actors.items() if k in used}))


def as_actor_map(actor_map: "ActorMap | str | Path | None") -> ActorMap:
    """An :class:`ActorMap` from a map, a YAML map file, or None (the default map)."""
    if isinstance(actor_map, ActorMap):
        return actor_map
    return load_actor_map(actor_map)


def _entry_actor(key: str, entry: YMap, path: str, problems: list[Problem]) -> Actor | None:
    ok = True
    for name in entry:
        if name not in _ENTRY_KEYS:
            guess = _did_you_mean(str(name), _ENTRY_KEYS)
            problems.append(Problem(path, *entry.key_pos[name], "unknown-key", f"{key}: unknown key '{name}'",
                                    guess or "an actor is {id: …, name: …, kind: …}"))
            ok = False
    fields: dict[str, str] = {}
    for name in _ENTRY_KEYS:
        value: Any = entry.get(name)
        if value is None:
            if name == "id":
                fields["id"] = key
                continue
            problems.append(Problem(path, *entry.pos, "missing-key", f"{key}: missing '{name}'",
                                    "an actor is {name: …, kind: …} (id defaults to the code)"))
            ok = False
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(path, *entry.value_pos[name], "not-text", f"{key}: {name} must be text",
                                    f"quote it: {name}: \"{entry.raw.get(name, value)}\""))
            ok = False
            continue
        fields[name] = value.strip()
    if "id" in fields and not ID_PATTERN.match(fields["id"]):
        pos = entry.value_pos.get("id", entry.pos)
        problems.append(Problem(path, *pos, "bad-id", f"{key}: id '{fields['id']}' is not a short code "
                                "(a letter or digit, then letters, digits, _ . -; at most 40)",
                                "use a code such as GEO"))
        ok = False
    if "kind" in fields and fields["kind"] not in ACTOR_KINDS:
        problems.append(Problem(path, *entry.value_pos["kind"], "bad-choice",
                                f"{key}: kind '{fields['kind']}' is not one of: " + ", ".join(ACTOR_KINDS),
                                _did_you_mean(fields["kind"], ACTOR_KINDS)))
        ok = False
    if not ok:
        return None
    return Actor(fields["id"], fields["name"], fields["kind"])

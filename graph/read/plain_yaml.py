"""A fast reader for the plain block YAML that datasets are written in, with PyYAML's positions.

PyYAML, even with libyaml, builds a node, a mark and a resolver call for every value: about 1 MB/s
here, so 20 s for a dataset of 50,000 relations. Datasets use a small part of YAML: block mappings
and sequences indented with spaces, plain and quoted scalars on one line, and one-line flow lists
(``[AZE, IRN]``). This module reads exactly that part, line by line, into the same located values
that :func:`graph.read.yaml_reader.read_yaml` builds (values, and the line and column of every key, value and
item, as libyaml reports them), and returns ``None`` at the first thing outside it (anchors,
aliases, tags, block or multi-line scalars, flow mappings, tabs, duplicate keys, odd indentation,
anything that could be an error), so the caller reads the file with PyYAML instead and reports
the same problems as before. Scalars are typed by PyYAML's own resolver and constructor (YAML 1.1:
``NO`` is false, ``2025-02-17`` a date), cached by their text.

Speed (about three times the first version of this reader, which read a line per call of a few small
functions): in CPython every step costs, so the loop over a mapping's lines does as few as it can.

- Datasets repeat many lines word for word (``kind: alignment``, ``confidence: high``), and such a
  line reads the same wherever it is but for its number: each line read as ``key: value`` is kept by
  its text, and a line met again costs a dictionary look-up.
- A line is split into indentation, ``-``, key and value by a regular expression once per start
  (``    kind``): afterwards ``str.partition(": ")`` and a look-up do it, several times faster.
- The common values (a plain word, a double-quoted text, a flow list of words) are read inline; the
  rest go through the general functions, which decide as the first version did.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .located import SCALAR_TAGS, Builder, LongInteger, YMap, YSeq

__all__ = ["read_plain_yaml"]

# A line, blank or not, as (head, indent, dash, key, rest): ``indent`` its leading spaces, ``dash`` a
# sequence item's "- " (with the spaces after it), ``key`` a mapping key (a word of the characters ids
# and field names use, then ':' and a space or the line's end), ``rest`` what follows, trailing spaces
# included; ``head`` is everything before ``rest``, so ``len(head)`` is the column of ``rest``.
_LINE = re.compile(r"(( *)(- +)?(?:([A-Za-z0-9_][A-Za-z0-9_.\-]*):(?: +|$))?)(.*)")
# anything PyYAML treats specially at the start of a plain scalar, or that this reader leaves to it
_SPECIAL_START = frozenset("&*!|>%@`{}[]?:,#")
# first characters a value may not have to be read by the inline path for plain scalars
_NOT_SIMPLE_START = _SPECIAL_START | frozenset("-'\"")
# characters YAML refuses (controls, surrogates …), tabs, carriage returns and the line breaks other
# than '\n', all left to PyYAML
_REFUSED = re.compile("[^\x0A\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
_ASCII_ALLOWED = bytes(range(0x20, 0x7F)) + b"\n"
_DOCUMENT = re.compile(r"^(?:---|\.\.\.)(?:[ ]|$)", re.MULTILINE)
_FLOW_ITEM = re.compile(r"[ ]*([^\s,\[\]{}#'\"&*!|>%@`?:][^,\[\]{}#:]*?)[ ]*(,|\])")
# a flow list of simple words: ``[AZE, seed-2025]``, items separated by ", ", none starting with '-'
_WORD = r"[^\s,\[\]{}#'\"&*!|>%@`?:\-][^\s,\[\]{}#:]*"
_SIMPLE_FLOW = re.compile(rf"\[{_WORD}(?:, {_WORD})*\]")

_MAX_DEPTH = 20

# YMap() and YSeq() run a Python __init__ that only sets their attributes: a third of the cost of a
# two-item flow list. The reader makes them with these and sets the same attributes, in the same
# order (tests/test_fastyaml.py checks that every attribute is there).
_new_dict = dict.__new__
_new_list = list.__new__

_MISSING = object()

_Row = tuple[str, str, str, str, str]             # a line split by _LINE
_Known = tuple[str, Any, str | None, int]         # a line read as "key: value" (see _Reader.indented)


class _NotPlain(Exception):
    """The text uses YAML this reader leaves to PyYAML."""


class _Reader:
    def __init__(self, text: str, path: str):
        self.lines = text.split("\n")           # line n is lines[n - 1]
        # what mappings indented by a given pad have read (see indented): datasets repeat many lines
        # word for word (kind: alignment, confidence: high …), and such a line reads the same wherever
        # it is, but for its number
        self.tables: dict[str, tuple[dict[str, _Known], dict[str, tuple[str, int]]]] = {}
        self.memo: tuple[int, _Row | None] = (-1, None)
        # the indentation, "- " and key a line starts with, before its first ": ", as _LINE splits
        # them (head, indent, dash, key): a line "<that text>: <rest>" (rest not starting with a
        # space) splits the same way, and partition is several times cheaper than the expression
        self.heads: dict[str, tuple[str, str, str, str]] = {}
        self.depth = 0
        self.builder = Builder(path)
        self.cache: dict[str, Any] = {}
        self.keys: set[str] = set()                # key texts already known to be read as text
        self.resolver = yaml.resolver.Resolver()
        # PyYAML types a plain scalar by its first character's resolvers: any other first character
        # makes it text, with no resolver call
        self.typed = frozenset(self.resolver.yaml_implicit_resolvers)

    # -- lines ---------------------------------------------------------------------------------

    def row(self, i: int) -> _Row:
        """Line index ``i`` split as ``_LINE`` splits it (the line a mapping stopped at is kept)."""
        at, row = self.memo
        if at == i and row is not None:
            return row
        line = self.lines[i]
        return self.split(line, *line.partition(": "))

    def split(self, line: str, before: str, colon: str, rest: str) -> _Row:
        """``line`` (``before``, ``colon`` and ``rest`` as ``line.partition(": ")`` splits it) split as
        ``_LINE`` splits it; a key followed by ": " is remembered in ``heads``."""
        split = self.heads.get(before)
        if split is not None and colon and rest[:1] != " ":
            return split + (rest,)
        row: _Row = _LINE.match(line).groups()  # type: ignore[union-attr]  # it matches any line
        head, indent, dash, key, _ = row
        if key and head[-2:] == ": ":
            self.heads[head[:-2]] = row[:4]
        return row

    def skip(self, i: int) -> int:
        """The index of the first line from ``i`` on that is neither blank nor a comment."""
        lines = self.lines
        while i < len(lines):
            stripped = lines[i].lstrip(" ")
            if stripped and stripped[0] != "#":
                return i
            i += 1
        return i

    # -- scalars ------------------------------------------------------------------------------

    def plain(self, value: str) -> Any:
        """A plain scalar's value, typed as PyYAML types it."""
        if value[:1] not in self.typed:
            return value
        try:
            return self.cache[value]
        except KeyError:
            pass
        tag = self.resolver.resolve(yaml.ScalarNode, value, (True, False))
        if tag not in SCALAR_TAGS:
            raise _NotPlain
        result = self.builder.typed(yaml.ScalarNode(tag, value))
        if isinstance(result, LongInteger):
            raise _NotPlain             # PyYAML's path reports it, at its line and column
        self.cache[value] = result
        return result

    def scalar(self, rest: str) -> tuple[Any, str]:
        """The value written at ``rest`` (the line from the value on, without trailing spaces) and
        its text (``raw``)."""
        first = rest[0]
        if first == '"':
            end = rest.find('"', 1)
            body = rest[1:end]
            if end < 0 or "\\" in body:
                raise _NotPlain
            self.tail(rest[end + 1:])
            return body, body
        if first == "'":
            end = rest.find("'", 1)
            while end >= 0 and rest[end + 1:end + 2] == "'":
                end = rest.find("'", end + 2)
            if end < 0:
                raise _NotPlain
            body = rest[1:end].replace("''", "'")
            self.tail(rest[end + 1:])
            return body, body
        if first in _SPECIAL_START or first == "-" and rest[1:2] in ("", " "):
            raise _NotPlain
        cut = rest.find(" #")
        text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
        if ": " in text or text.endswith(":"):
            raise _NotPlain
        return self.plain(text), text

    @staticmethod
    def tail(after: str) -> None:
        """What follows a quoted scalar or a flow list on its line: nothing, or a comment."""
        stripped = after.lstrip(" ")
        if stripped and (stripped[0] != "#" or stripped == after):
            raise _NotPlain

    def flow(self, rest: str, col: int) -> tuple[list[Any], list[str], list[int]]:
        """The items of a one-line flow list of plain scalars, ``[AZE, IRN]``, whose '[' is at (0-based)
        column ``col``: their values, texts and (1-based) columns."""
        values: list[Any] = []
        cols: list[int] = []
        texts = rest[1:-1].split(", ")
        if rest[-1] == "]" and all(texts) and "".join(texts).isalnum() or _SIMPLE_FLOW.fullmatch(rest):
            # the usual form: no comment, no odd spaces, words that need no check (letters and digits
            # only, the common case, checked three times faster than by the expression); each item
            # starts two characters (", ") after the end of the one before
            typed = self.typed
            item_col = col + 2
            for text in texts:
                values.append(text if text[0] not in typed else self.plain(text))
                cols.append(item_col)
                item_col += len(text) + 2
            return values, texts, cols
        texts = []
        rest = rest.rstrip(" ")
        j = 1
        if rest[1:].lstrip(" ").startswith("]"):
            j = rest.index("]") + 1
        else:
            while True:
                m = _FLOW_ITEM.match(rest, j)
                if m is None:
                    raise _NotPlain
                text = m.group(1)
                if text.startswith("- ") or text == "-":
                    raise _NotPlain
                values.append(self.plain(text))
                texts.append(text)
                cols.append(col + m.start(1) + 1)
                j = m.end()
                if m.group(2) == "]":
                    break
        self.tail(rest[j:])
        return values, texts, cols

    def value(self, rest: str, col: int) -> tuple[Any, str | None]:
        """What is written from (0-based) column ``col`` on, ``rest``: a scalar's value and text
        (``raw``), or a flow list's items (as :meth:`flow` returns them) and None."""
        if rest[0] == "[":
            return self.flow(rest, col), None
        return self.scalar(rest.rstrip(" "))

    # -- collections --------------------------------------------------------------------------

    def block(self, i: int, indent: int) -> tuple[Any, tuple[int, int] | None, int]:
        """The block below a key (at column ``indent``, 0-based) that has nothing after it: a mapping
        or sequence starting at line index ``i`` or later, or None (no position: the caller places
        the null). A sequence may sit at the key's own column.

        Returns the value, its position and the index of the line after it."""
        j = self.skip(i)
        if j < len(self.lines):
            _, pad, dash, key, rest = self.row(j)
            is_item = dash or not key and rest == "-"
            if len(pad) > indent or len(pad) == indent and is_item:
                if is_item:
                    seq, i = self.sequence(j, pad)
                    return seq, seq.pos, i
                mapping, i = self.mapping(j, pad)
                return mapping, mapping.pos, i
        return None, None, i

    def mapping(self, i: int, pad: str, item: _Row | None = None) -> tuple[YMap, int]:
        """A block mapping whose keys are indented by ``pad``, from line index ``i`` on; ``item``: line
        ``i`` is a sequence item, ``- key: …`` (split as ``_LINE`` splits it), whose key is the
        mapping's first.

        Returns the mapping and the index of the line after it."""
        self.enter()
        mapping = _new_dict(YMap)
        mapping.key_pos, mapping.value_pos, mapping.raw = key_pos, value_pos, raws = {}, {}, {}
        lines, known_keys, typed, cache = self.lines, self.keys, self.typed, self.cache
        known, keys_here = self.indented(pad)
        end = len(lines)
        column = len(pad) + 1
        mapping.pos = (i + 1, column)               # its first line holds a key, or it is not plain
        while i < end:
            line = lines[i]
            i += 1                                  # from here on, the line's number
            entry = known.get(line)
            if entry is not None:
                # a line read before: only its number is new
                key, value, raw, col = entry
                if key in key_pos:
                    raise _NotPlain
                key_pos[key] = (i, column)
            else:
                before, colon, rest = line.partition(": ")
                found = keys_here.get(before)
                if found is not None and colon and rest[:1] != " ":
                    key, col = found                    # "<pad><key>: <rest>", a key seen before
                    dash = ""
                else:
                    if item is not None:
                        head, indent, dash, key, rest = item
                        item = None
                    else:
                        head, indent, dash, key, rest = self.split(line, before, colon, rest)
                        if indent != pad or dash or not key:
                            if not (dash or key) and rest[:1] in ("", "#"):
                                continue                # a blank line or a comment
                            if len(indent) < len(pad):
                                i -= 1
                                self.memo = (i, (head, indent, dash, key, rest))  # the caller reads it next
                                break
                            raise _NotPlain
                    if key not in known_keys and not self.text_key(key):
                        raise _NotPlain
                    col = len(head) + 1
                    if not dash and head[-2:] == ": ":
                        keys_here[before] = (key, col)
                if key in key_pos:
                    raise _NotPlain
                key_pos[key] = (i, column)
                first = rest[:1]
                if (first and first not in _NOT_SIMPLE_START and ":" not in rest and "#" not in rest
                        and rest[-1] != " "):
                    # a plain scalar that needs no check: text, or typed by the resolver (cached)
                    if first not in typed:
                        value = raw = rest
                    else:
                        value = cache.get(rest, _MISSING)
                        if value is _MISSING:
                            value = self.plain(rest)
                        raw = rest
                elif first == '"' and rest[-1] == '"' and rest.count('"') == 2 and "\\" not in rest:
                    value = raw = rest[1:-1]             # a double-quoted text on its own
                elif first and first != "#":
                    value, raw = self.value(rest, col - 1)
                else:                                   # nothing after the key, or a comment
                    mapping[key], pos, i = self.block(i, len(pad))
                    if pos is None:
                        # null: libyaml places the empty scalar right after the ':'
                        pos = (i, column + len(key) + 1)
                        raws[key] = ""
                    value_pos[key] = pos
                    continue
                if not dash:
                    known[line] = (key, value, raw, col)
            value_pos[key] = (i, col)
            if raw is None:
                value = _flow_list(value, i, col)
            else:
                raws[key] = raw
            mapping[key] = value
        self.depth -= 1
        return mapping, i

    def indented(self, pad: str) -> tuple[dict[str, _Known], dict[str, tuple[str, int]]]:
        """The lines and the keys already read in mappings indented by ``pad``: ``known`` maps a line's
        text to (key, value, raw, column of the value) (a flow list: raw None, and its items as
        :meth:`flow` returns them); ``keys`` maps "<pad><key>" to the key and the column of a value
        after ": "."""
        tables = self.tables.get(pad)
        if tables is None:
            tables = self.tables[pad] = ({}, {})
        return tables

    def sequence(self, i: int, pad: str) -> tuple[YSeq, int]:
        """A block sequence whose ``-`` are indented by ``pad``, from line index ``i`` on.

        Returns the sequence and the index of the line after it."""
        self.enter()
        seq = _new_list(YSeq)
        seq.item_pos, seq.raw = [], []
        end = len(self.lines)
        while i < end:
            head, indent, dash, key, rest = row = self.row(i)
            if indent != pad or not dash:
                if not (dash or key) and rest[:1] in ("", "#"):
                    i += 1                          # a blank line or a comment
                    continue
                if len(indent) > len(pad) or indent == pad and not key and rest.startswith("-"):
                    raise _NotPlain
                self.memo = (i, row)
                break
            if not seq.item_pos:
                seq.pos = (i + 1, len(pad) + 1)
            if key:
                item, i = self.mapping(i, " " * (len(indent) + len(dash)), row)
                pos, raw = item.pos, None
            else:
                i += 1
                stripped = rest.rstrip(" ")
                if not stripped or stripped[0] == "#" or stripped.startswith("- ") or stripped == "-":
                    raise _NotPlain
                item, raw = self.value(rest, len(head))
                pos = (i, len(head) + 1)
                if raw is None:
                    item = _flow_list(item, i, len(head) + 1)
            seq.append(item)
            seq.item_pos.append(pos)
            seq.raw.append(raw)
        self.depth -= 1
        return seq, i

    def text_key(self, key: str) -> bool:
        """Whether PyYAML reads ``key`` as text (not ``yes``, ``1`` or ``2025-02-17``)."""
        if isinstance(self.plain(key), str):
            self.keys.add(key)
            return True
        return False

    def enter(self) -> None:
        """One level deeper; datasets nest five or six levels, so deep nesting goes to PyYAML (and its
        depth check)."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _NotPlain


def _flow_list(items: tuple[list[Any], list[str], list[int]], number: int, col: int) -> YSeq:
    """The located list of a flow list's items (as :meth:`_Reader.flow` returns them) on line
    ``number``, its '[' at (1-based) column ``col``."""
    values, texts, cols = items
    seq = _new_list(YSeq)
    seq.extend(values)
    seq.item_pos = [(number, item_col) for item_col in cols]
    seq.raw = texts[:]
    seq.pos = (number, col)
    return seq


def _refused(text: str) -> bool:
    """Whether ``text`` holds a character this reader leaves to PyYAML (see ``_REFUSED``)."""
    if text.isascii():
        # the common case, ten times faster than the search: delete the allowed bytes, see what is left
        return bool(text.encode("ascii").translate(None, _ASCII_ALLOWED))
    return _REFUSED.search(text) is not None


def read_plain_yaml(text: str, path: str) -> YMap | None:
    """The located value of a dataset file written in plain block YAML, or None (read it with PyYAML).

    Examples
    --------
    >>> value = read_plain_yaml("a: 1\\nb: [x, y]\\nc:\\n  - d: NO\\n", "f.yaml")
    >>> value, value.value_pos["b"], value["c"].item_pos
    ({'a': 1, 'b': ['x', 'y'], 'c': [{'d': False}]}, (2, 4), [(4, 5)])
    >>> read_plain_yaml("b: [x, 'y']\\n", "f.yaml") is None      # a quoted flow item: PyYAML's
    True
    >>> read_plain_yaml("a: &x 1\\n", "f.yaml") is None     # an anchor: PyYAML's business
    True
    """
    if _refused(text):
        return None
    # a cheap look for the markers first: the regular expression costs a pass over the whole text
    if ("---" in text or "..." in text) and _DOCUMENT.search(text):
        return None
    resolvers = yaml.resolver.Resolver
    if None in resolvers.yaml_implicit_resolvers or resolvers.yaml_path_resolvers:
        return None                 # resolvers added for every scalar or path: Reader.plain's shortcut fails
    try:
        reader = _Reader(text, path)
        first = reader.skip(0)
        if first == len(reader.lines) or reader.lines[first][0] == " ":
            return None
        value, i = reader.mapping(first, "")
        if reader.skip(i) != len(reader.lines) or reader.builder.problems:
            return None
        return value
    except _NotPlain:
        return None

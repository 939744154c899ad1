"""A fast reader for the plain block YAML that datasets are written in, with PyYAML's positions.

PyYAML, even with libyaml, builds a node, a mark and a resolver call for every value: about 1 MB/s
here, so 20 s for a dataset of 50,000 relations. Datasets use a small part of YAML: block mappings
and sequences indented with spaces, plain and quoted scalars on one line, and one-line flow lists
(``[AZE, IRN]``). This module reads exactly that part, line by line, into the same located values
that :func:`graph._yaml.read_yaml` builds (values, and the line and column of every key, value and
item, as libyaml reports them), and returns ``None`` at the first thing outside it (anchors,
aliases, tags, block or multi-line scalars, flow mappings, tabs, duplicate keys, odd indentation,
anything that could be an error), so the caller reads the file with PyYAML instead and reports
the same problems as before. Scalars are typed by PyYAML's own resolver and constructor (YAML 1.1:
``NO`` is false, ``2025-02-17`` a date), cached by their text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ._yaml import _SCALAR_TAGS, YMap, YSeq, _Builder

__all__ = ["read_plain_yaml"]

# a key: a word of the characters ids and field names use, then ':' and a space or the line's end
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.\-]*):(?:[ ]+|$)")
# anything PyYAML treats specially at the start of a plain scalar, or that this reader leaves to it
_SPECIAL_START = frozenset("&*!|>%@`{}[]?:,#")
_NON_PRINTABLE = re.compile("[^\x0A\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
_BREAKS = re.compile("[\x85\u2028\u2029]")
_DOCUMENT = re.compile(r"^(?:---|\.\.\.)(?:[ ]|$)", re.MULTILINE)
_FLOW_ITEM = re.compile(r"[ ]*([^\s,\[\]{}#'\"&*!|>%@`?:][^,\[\]{}#:]*?)[ ]*(,|\])")


_MAX_DEPTH = 20


class _NotPlain(Exception):
    """The text uses YAML this reader leaves to PyYAML."""


class _Reader:
    def __init__(self, text: str, path: str):
        self.lines: list[tuple[int, int, str]] = []       # (line number, indent, text) of content lines
        for number, line in enumerate(text.split("\n"), 1):
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            self.lines.append((number, len(line) - len(stripped), line.rstrip(" ")))
        self.i = 0
        self.depth = 0
        self.builder = _Builder(path)
        self.cache: dict[str, Any] = {}
        self.resolver = yaml.resolver.Resolver()

    # -- scalars ------------------------------------------------------------------------------

    def plain(self, value: str) -> Any:
        """A plain scalar's value, typed as PyYAML types it."""
        try:
            return self.cache[value]
        except KeyError:
            pass
        tag = self.resolver.resolve(yaml.ScalarNode, value, (True, False))
        if tag not in _SCALAR_TAGS:
            raise _NotPlain
        result = self.builder.scalar(yaml.ScalarNode(tag, value))
        self.cache[value] = result
        return result

    def scalar(self, rest: str, col: int) -> tuple[Any, str]:
        """The value written at ``rest`` (the line from the value on) and its text (``raw``)."""
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
        if first in _SPECIAL_START or first == "-" and rest[1:2] in ("", " ") or first == "[":
            raise _NotPlain
        cut = rest.find(" #")
        text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
        if ": " in text or text.endswith(":") or "\t" in text:
            raise _NotPlain
        return self.plain(text), text

    @staticmethod
    def tail(after: str) -> None:
        """What follows a quoted scalar on its line: nothing, or a comment."""
        stripped = after.lstrip(" ")
        if stripped and (stripped[0] != "#" or stripped == after):
            raise _NotPlain

    def flow(self, rest: str, number: int, col: int) -> YSeq:
        """A one-line flow list of plain scalars: ``[AZE, IRN]``."""
        seq = YSeq()
        seq.pos = (number, col + 1)
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
                seq.append(self.plain(text))
                seq.item_pos.append((number, col + m.start(1) + 1))
                seq.raw.append(text)
                j = m.end()
                if m.group(2) == "]":
                    break
        self.tail(rest[j:])
        return seq

    # -- collections --------------------------------------------------------------------------

    def value(self, indent: int, number: int, col: int, rest: str, in_map: bool) -> tuple[Any, tuple[int, int], str | None]:
        """The value of a key (or a sequence item) whose text starts at ``rest``; ``rest`` empty: a
        nested block on the next lines, or null."""
        if rest:
            if rest[0] == "[":
                return self.flow(rest, number, col), (number, col + 1), None
            value, raw = self.scalar(rest, col)
            if self.i < len(self.lines) and self.lines[self.i][1] > indent:
                raise _NotPlain             # a multi-line scalar, or an error: PyYAML decides
            return value, (number, col + 1), raw
        if self.i < len(self.lines):
            next_number, next_indent, next_line = self.lines[self.i]
            is_item = next_line.startswith("- ", next_indent) or next_line.endswith("-") and len(next_line) == next_indent + 1
            if next_indent > indent or (in_map and next_indent == indent and is_item):
                if is_item:
                    seq = self.sequence(next_indent)
                    return seq, seq.pos, None
                mapping = self.mapping(next_indent)
                return mapping, mapping.pos, None
        # null: libyaml places the empty scalar right after the ':'
        return None, (number, col + 1), ""

    def mapping(self, indent: int, first: tuple[int, int, str] | None = None) -> YMap:
        """A block mapping whose keys sit at column ``indent``; ``first`` is a key that shares its
        line with a sequence's ``-``."""
        mapping = YMap()
        self.enter()
        while True:
            if first is not None:
                number, line, start = first[0], first[2], indent
                first = None
            else:
                if self.i >= len(self.lines):
                    break
                number, line_indent, line = self.lines[self.i]
                if line_indent < indent:
                    break
                if line_indent > indent or line.startswith("-", indent) and line[indent + 1:indent + 2] in ("", " "):
                    raise _NotPlain
                self.i += 1
                start = indent
            m = _KEY.match(line, start)
            if m is None:
                raise _NotPlain
            key = self.plain(m.group(1))
            if not isinstance(key, str) or key in mapping.key_pos or key == "<<":
                raise _NotPlain
            if not mapping.key_pos:
                mapping.pos = (number, start + 1)
            after = m.end()
            rest = line[after:]
            if rest.startswith("#"):
                rest = ""                            # a comment (the key pattern ate a space before it)
            colon = line.index(":", start + len(m.group(1)))
            value, pos, raw = self.value(indent, number, after if rest else colon + 1, rest, True)
            mapping[key] = value
            mapping.key_pos[key] = (number, start + 1)
            mapping.value_pos[key] = pos
            if raw is not None:
                mapping.raw[key] = raw
        self.depth -= 1
        return mapping

    def sequence(self, indent: int) -> YSeq:
        """A block sequence whose ``-`` sit at column ``indent``."""
        seq = YSeq()
        self.enter()
        while self.i < len(self.lines):
            number, line_indent, line = self.lines[self.i]
            if line_indent != indent or not line.startswith("- ", indent):
                if line_indent > indent or line_indent == indent and line.startswith("-", indent):
                    raise _NotPlain
                break
            if not seq.item_pos:
                seq.pos = (number, indent + 1)
            self.i += 1
            col = indent + 2
            while col < len(line) and line[col] == " ":
                col += 1
            rest = line[col:]
            if rest.startswith("#") or rest.startswith("- ") or rest == "-":
                raise _NotPlain
            if _KEY.match(line, col):
                item: Any = self.mapping(col, (number, col, line))
                pos, raw = item.pos, None
            else:
                item, pos, raw = self.value(indent, number, col, rest, False)
            seq.append(item)
            seq.item_pos.append(pos)
            seq.raw.append(raw)
        self.depth -= 1
        return seq

    def enter(self) -> None:
        """One level deeper; datasets nest five or six levels, so deep nesting goes to PyYAML (and its
        depth check)."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _NotPlain


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
    if "\t" in text or "\r" in text or _BREAKS.search(text) or _DOCUMENT.search(text) or _NON_PRINTABLE.search(text):
        return None
    try:
        reader = _Reader(text, path)
        if not reader.lines or reader.lines[0][1] != 0:
            return None
        value = reader.mapping(0)
        if reader.i != len(reader.lines) or reader.builder.problems:
            return None
        return value
    except _NotPlain:
        return None

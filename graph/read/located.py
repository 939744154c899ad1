"""Located YAML values (mappings and lists that know where each item was written) and their builder.

Both YAML readers build these: :mod:`graph.read.yaml_reader` from PyYAML's node tree with
:class:`Builder`, and :mod:`graph.read.plain_yaml` line by line, typing scalars with
:meth:`Builder.scalar`. The builder refuses every tag outside the safe core schema, reports
duplicate keys, bounds alias expansion and nesting depth, refuses an alias inside the block it
names, and refuses the scalars no writer can carry: integers beyond 2**63 in size
(:data:`graph.rules.MAX_INTEGER`) and text holding a lone surrogate (``"\\udcff"``), which UTF-8
cannot encode.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import Problem
from ..rules import MAX_INTEGER, SURROGATE, abbreviate, integer_outside

__all__ = ["YMap", "YSeq", "Pos", "Builder", "SCALAR_TAGS", "CORE", "MAX_REPEATS", "MAX_REPEATED_VALUES", "MAX_DEPTH",
           "TooBig", "Recursive", "TooDeep", "position", "LongInteger", "has_surrogate"]

CORE = "tag:yaml.org,2002:"
SCALAR_TAGS = {CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
#: An alias bomb ("billion laughs") expands a few lines into billions of values. Plain datasets
#: repeat no block at all, so a modest cap on repeated blocks stops a bomb in milliseconds.
MAX_REPEATS = 10_000
#: A flat bomb repeats one huge list a few thousand times: few blocks, billions of values. So the
#: values that aliases repeat are counted too.
MAX_REPEATED_VALUES = 100_000
#: A dataset nests five or six levels deep; a thousand levels is an attack on the recursion limit.
MAX_DEPTH = 100

Pos = tuple[int, int]



class LongInteger(str):
    """The text of an integer beyond :data:`graph.rules.MAX_INTEGER` in size, already reported.

    The field readers leave it alone (no second problem for the same value); nothing reaches a
    writer, since the file has a problem.
    """


def has_surrogate(text: str) -> str | None:
    """The first lone surrogate in ``text`` (a ``\\udcff`` escape, or what ``os.fsdecode`` makes of a
    byte that is no UTF-8), or None.

    >>> has_surrogate("Ir" + chr(0xDCFF) + "an"), has_surrogate("Iran")
    ('\udcff', None)
    """
    found = SURROGATE.search(text)
    return found.group() if found else None


class YMap(dict):
    """A mapping that knows where it, each key and each value was written."""

    pos: Pos = (0, 0)

    def __init__(self) -> None:
        super().__init__()
        self.key_pos: dict[Any, Pos] = {}
        self.value_pos: dict[Any, Pos] = {}
        self.raw: dict[Any, str] = {}


class YSeq(list):
    """A list that knows where it and each item were written."""

    pos: Pos = (0, 0)

    def __init__(self) -> None:
        super().__init__()
        self.item_pos: list[Pos] = []
        self.raw: list[str | None] = []


def position(node: yaml.Node) -> Pos:
    """A node's 1-based (line, column)."""
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(CORE):] if tag.startswith(CORE) else tag


class Builder:
    """Located values from PyYAML nodes; problems are collected, limits raise TooBig, Recursive or TooDeep."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.repeats = 0
        self.repeated_values = 0
        self.inside_repeat = 0
        self.depth = 0
        self.seen: set[int] = set()
        self.open: set[int] = set()  # the blocks being built: an alias to one of them is a cycle
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        line, col = position(node)
        self.problems.append(Problem(self.path, line, col, code, message, hint))

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if self.inside_repeat:
                self.repeated_values += 1
                if self.repeated_values > MAX_REPEATED_VALUES:
                    raise TooBig(node, "values")
            return self.scalar(node)
        if id(node) in self.open:
            raise Recursive(node)
        repeat = id(node) in self.seen
        if repeat:
            self.repeats += 1
            if self.repeats > MAX_REPEATS:
                raise TooBig(node, "blocks")
        if self.depth >= MAX_DEPTH:
            raise TooDeep(node)
        self.seen.add(id(node))
        self.open.add(id(node))
        self.depth += 1
        self.inside_repeat += repeat
        try:
            return self.collection(node)
        finally:
            self.inside_repeat -= repeat
            self.depth -= 1
            self.open.discard(id(node))

    def collection(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.SequenceNode):
            if node.tag != CORE + "seq":
                self.unsafe(node)
                return None
            seq = YSeq()
            seq.pos = position(node)
            for item in node.value:
                seq.append(self.build(item))
                seq.item_pos.append(position(item))
                seq.raw.append(item.value if isinstance(item, yaml.ScalarNode) else None)
            return seq
        if node.tag != CORE + "map":
            self.unsafe(node)
            return None
        mapping = YMap()
        mapping.pos = position(node)
        for key_node, value_node in node.value:
            if key_node.tag == CORE + "merge":
                self.problem(key_node, "yaml-merge", "merge keys (<<) are not supported",
                             "write the keys out in full")
                continue
            key = self.build(key_node)
            if isinstance(key, (YMap, YSeq)) or key is None and key_node.tag != CORE + "null":
                self.problem(key_node, "yaml-key", "a key must be plain text", "write keys as simple words")
                continue
            if key in mapping.key_pos:
                first = mapping.key_pos[key][0]
                self.problem(key_node, "duplicate-key",
                             f"duplicate key '{key}' in the same mapping (first at line {first})",
                             "most YAML readers keep only the last one silently; remove or rename one of them")
                continue
            mapping[key] = self.build(value_node)
            mapping.key_pos[key] = position(key_node)
            mapping.value_pos[key] = position(value_node)
            if isinstance(value_node, yaml.ScalarNode):
                mapping.raw[key] = value_node.value
        return mapping

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in SCALAR_TAGS:
            if node.tag == "!":  # a non-specific tag on a quoted scalar: plain text
                return self.checked(node, node.value)
            self.unsafe(node)
            return None
        return self.checked(node, self.typed(node))

    def typed(self, node: yaml.ScalarNode) -> Any:
        """The value of a scalar of a core tag, as PyYAML's safe constructor types it; an integer beyond
        :data:`graph.rules.MAX_INTEGER` in size is its text as a :class:`LongInteger`."""
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            if node.tag == CORE + "int":  # a decimal of more than 4,300 digits: Python's own limit
                return LongInteger(node.value)
            # An impossible timestamp such as 2025-02-30: keep the text for the field's own check.
            return node.value
        return LongInteger(node.value) if integer_outside(value) else value

    def checked(self, node: yaml.ScalarNode, value: Any) -> Any:
        """``value``, after reporting what no writer could carry: a long integer, a lone surrogate."""
        if isinstance(value, LongInteger):
            self.problem(node, "integer-range", f"the integer {abbreviate(value)} is beyond 2**63 in size "
                         f"(at most {MAX_INTEGER:,}), which GEXF, GraphML and spreadsheets cannot hold",
                         "quote it to keep it as text: write it between double quotes")
        elif isinstance(value, str):
            bad = has_surrogate(value)
            if bad is not None:
                shown = abbreviate(value.encode("utf-8", "backslashreplace").decode("utf-8"))
                self.problem(node, "encoding", f"the text '{shown}' "
                             f"holds U+{ord(bad):04X}, a lone surrogate, which is no character and UTF-8 cannot write",
                             "write the character itself, or a \\u escape of a real character")
        return value

    def unsafe(self, node: yaml.Node) -> None:
        self.problem(node, "yaml-tag", f"the tag {_short_tag(node.tag)} is not allowed",
                     "geograph reads plain YAML only: text, numbers, booleans, dates, lists and mappings")


class TooBig(Exception):
    """Aliases repeat too many blocks or values."""

    def __init__(self, node: yaml.Node, what: str):
        self.node = node
        self.what = what


class Recursive(Exception):
    """An alias inside the block it names."""

    def __init__(self, node: yaml.Node):
        self.node = node


class TooDeep(Exception):
    """Nesting deeper than MAX_DEPTH."""

    def __init__(self, node: yaml.Node):
        self.node = node

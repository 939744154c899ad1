"""Reading YAML into plain values that remember where each one was written.

PyYAML's own loaders forget positions, keep the last of two equal keys silently and (unsafe ones)
build arbitrary objects. This reader composes the node tree, refuses every tag outside the safe
core schema, reports duplicate keys, bounds alias expansion, and returns dicts and lists that carry
the 1-based line and column of each key, value and item.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Problem

__all__ = ["YMap", "YSeq", "read_yaml", "MAX_REPEATS"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
#: An alias bomb ("billion laughs") expands a few lines into billions of values. Plain datasets
#: repeat no block at all, so a modest cap on repeated blocks stops a bomb in milliseconds.
MAX_REPEATS = 10_000

Pos = tuple[int, int]


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


def _pos(node: yaml.Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.repeats = 0
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        line, col = _pos(node)
        self.problems.append(Problem(self.path, line, col, code, message, hint))

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.seen:
            self.repeats += 1
            if self.repeats > MAX_REPEATS:
                raise _TooBig(node)
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _CORE + "seq":
                self.unsafe(node)
                return None
            seq = YSeq()
            seq.pos = _pos(node)
            for item in node.value:
                seq.append(self.build(item))
                seq.item_pos.append(_pos(item))
                seq.raw.append(item.value if isinstance(item, yaml.ScalarNode) else None)
            return seq
        if node.tag != _CORE + "map":
            self.unsafe(node)
            return None
        mapping = YMap()
        mapping.pos = _pos(node)
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                self.problem(key_node, "yaml-merge", "merge keys (<<) are not supported",
                             "write the keys out in full")
                continue
            key = self.build(key_node)
            if isinstance(key, (YMap, YSeq)) or key is None and key_node.tag != _CORE + "null":
                self.problem(key_node, "yaml-key", "a key must be plain text", "write keys as simple words")
                continue
            if key in mapping.key_pos:
                first = mapping.key_pos[key][0]
                self.problem(key_node, "duplicate-key",
                             f"duplicate key '{key}' in the same mapping (first at line {first})",
                             "most YAML readers keep only the last one silently; remove or rename one of them")
                continue
            mapping[key] = self.build(value_node)
            mapping.key_pos[key] = _pos(key_node)
            mapping.value_pos[key] = _pos(value_node)
            if isinstance(value_node, yaml.ScalarNode):
                mapping.raw[key] = value_node.value
        return mapping

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            if node.tag == "!":  # a non-specific tag on a quoted scalar: plain text
                return node.value
            self.unsafe(node)
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            # An impossible timestamp such as 2025-02-30: keep the text for the field's own check.
            return node.value

    def unsafe(self, node: yaml.Node) -> None:
        self.problem(node, "yaml-tag", f"the tag {_short_tag(node.tag)} is not allowed",
                     "geograph reads plain YAML only: text, numbers, booleans, dates, lists and mappings")


class _TooBig(Exception):
    def __init__(self, node: yaml.Node):
        self.node = node


def read_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; return its located value and the problems found.

    Examples
    --------
    >>> value, problems = read_yaml("a: 1\\nb: [x, y]\\n", "f.yaml")
    >>> value, value.value_pos["b"], problems
    ({'a': 1, 'b': ['x', 'y']}, (2, 4), [])
    >>> _, problems = read_yaml("a: 1\\na: 2\\n", "f.yaml")
    >>> print(problems[0])
    f.yaml:2:1: duplicate key 'a' in the same mapping (first at line 1). Hint: most YAML readers keep only the last one silently; remove or rename one of them.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "cannot be read"
        hint = "check the indentation, and quote text that contains ': ' or starts with a symbol"
        if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            what = "a tab is used for indentation; YAML allows spaces only"
            hint = "replace the tab with spaces"
        elif "expected a single document" in (exc.context or ""):
            what = "the file holds more than one YAML document"
            hint = "remove the '---' line, or split the documents into separate files"
        return None, [Problem(path, line, col, "yaml-syntax", f"YAML syntax error: {what}", hint)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 0, 0, "yaml-syntax", f"YAML syntax error: {exc}", "")]
    finally:
        loader.dispose()
    if node is None:
        return None, []
    builder = _Builder(path)
    try:
        value = builder.build(node)
    except _TooBig as big:
        line, col = _pos(big.node)
        return None, [Problem(path, line, col, "yaml-size",
                              f"aliases repeat blocks more than {MAX_REPEATS:,} times (a YAML alias bomb?)",
                              "aliases (*name) that repeat large blocks are the usual cause; write the data out")]
    return value, builder.problems

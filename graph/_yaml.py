"""Reading YAML into plain values that remember where each one was written.

PyYAML's own loaders forget positions, keep the last of two equal keys silently and (unsafe ones)
build arbitrary objects. This reader composes the node tree, refuses every tag outside the safe
core schema, reports duplicate keys, bounds alias expansion and nesting depth, refuses an alias
inside the block it names, and returns dicts and lists that carry the 1-based line and column of
each key, value and item.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Problem

__all__ = ["YMap", "YSeq", "read_yaml", "MAX_REPEATS", "MAX_REPEATED_VALUES", "MAX_DEPTH"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
#: An alias bomb ("billion laughs") expands a few lines into billions of values. Plain datasets
#: repeat no block at all, so a modest cap on repeated blocks stops a bomb in milliseconds.
MAX_REPEATS = 10_000
#: A flat bomb repeats one huge list a few thousand times: few blocks, billions of values. So the
#: values that aliases repeat are counted too.
MAX_REPEATED_VALUES = 100_000
#: A dataset nests five or six levels deep; a thousand levels is an attack on the recursion limit.
MAX_DEPTH = 100

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
        self.repeated_values = 0
        self.inside_repeat = 0
        self.depth = 0
        self.seen: set[int] = set()
        self.open: set[int] = set()  # the blocks being built: an alias to one of them is a cycle
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        line, col = _pos(node)
        self.problems.append(Problem(self.path, line, col, code, message, hint))

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if self.inside_repeat:
                self.repeated_values += 1
                if self.repeated_values > MAX_REPEATED_VALUES:
                    raise _TooBig(node, "values")
            return self.scalar(node)
        if id(node) in self.open:
            raise _Recursive(node)
        repeat = id(node) in self.seen
        if repeat:
            self.repeats += 1
            if self.repeats > MAX_REPEATS:
                raise _TooBig(node, "blocks")
        if self.depth >= MAX_DEPTH:
            raise _TooDeep(node)
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
    def __init__(self, node: yaml.Node, what: str):
        self.node = node
        self.what = what


class _Recursive(Exception):
    def __init__(self, node: yaml.Node):
        self.node = node


class _TooDeep(Exception):
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
    from ._fastyaml import read_plain_yaml  # it builds on this module: import here

    fast = read_plain_yaml(text, path)  # plain block YAML, several times faster; None for anything else
    if fast is not None:
        return fast, []
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
        elif "maximum nesting depth" in what:
            what = "the data nests too deeply"
            hint = "a dataset needs five or six levels; check for brackets that are never closed"
        elif "expected a single document" in (exc.context or ""):
            what = "the file holds more than one YAML document"
            hint = "remove the '---' line, or split the documents into separate files"
        return None, [Problem(path, line, col, "yaml-syntax", f"YAML syntax error: {what}", hint)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as a control character
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return None, [Problem(path, line, col, "yaml-syntax",
                              f"YAML syntax error: the character U+{ord(char):04X} is not allowed in YAML text",
                              "delete it: YAML refuses control characters other than tab and line breaks, and a "
                              "few other code points")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 0, 0, "yaml-syntax", f"YAML syntax error: {exc}", "")]
    except RecursionError:  # PyYAML's pure-Python composer, when libyaml is missing, recurses per level
        return None, [Problem(path, 0, 0, "yaml-depth", "the data nests too deeply to be read",
                              "a dataset needs five or six levels; check for brackets that are never closed")]
    finally:
        loader.dispose()
    if node is None:
        return None, []
    builder = _Builder(path)
    try:
        value = builder.build(node)
    except _TooBig as big:
        line, col = _pos(big.node)
        if big.what == "blocks":
            message = f"aliases repeat blocks more than {MAX_REPEATS:,} times (a YAML alias bomb?)"
        else:
            message = f"aliases repeat more than {MAX_REPEATED_VALUES:,} values (a YAML alias bomb?)"
        return None, [Problem(path, line, col, "yaml-size", message,
                              "aliases (*name) that repeat large blocks are the usual cause; write the data out")]
    except _Recursive as loop:
        line, col = _pos(loop.node)
        return None, [Problem(path, line, col, "yaml-recursive",
                              "an alias refers to the block that contains it, so the data would never end",
                              "write the data out instead of the alias (*name)")]
    except _TooDeep as deep:
        line, col = _pos(deep.node)
        return None, [Problem(path, line, col, "yaml-depth", f"the data nests more than {MAX_DEPTH} levels deep",
                              "a dataset needs five or six levels; check for brackets that are never closed")]
    return value, builder.problems

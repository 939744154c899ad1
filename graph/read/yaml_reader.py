"""Reading YAML into plain values that remember where each one was written.

PyYAML's own loaders forget positions, keep the last of two equal keys silently and (unsafe ones)
build arbitrary objects. This reader tries the fast reader of plain block YAML
(:mod:`graph.read.plain_yaml`) first; anything else it composes into PyYAML's node tree and builds
with :class:`graph.read.located.Builder`. Either way it returns dicts and lists that carry the
1-based line and column of each key, value and item.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import Problem
from .located import MAX_DEPTH, MAX_REPEATED_VALUES, MAX_REPEATS, Builder, Recursive, TooBig, TooDeep, YMap, YSeq, position
from .plain_yaml import read_plain_yaml

__all__ = ["YMap", "YSeq", "read_yaml", "read_yaml_value", "MAX_REPEATS", "MAX_REPEATED_VALUES", "MAX_DEPTH"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    builder = Builder(path)
    try:
        value = builder.build(node)
    except TooBig as big:
        line, col = position(big.node)
        if big.what == "blocks":
            message = f"aliases repeat blocks more than {MAX_REPEATS:,} times (a YAML alias bomb?)"
        else:
            message = f"aliases repeat more than {MAX_REPEATED_VALUES:,} values (a YAML alias bomb?)"
        return None, [Problem(path, line, col, "yaml-size", message,
                              "aliases (*name) that repeat large blocks are the usual cause; write the data out")]
    except Recursive as loop:
        line, col = position(loop.node)
        return None, [Problem(path, line, col, "yaml-recursive",
                              "an alias refers to the block that contains it, so the data would never end",
                              "write the data out instead of the alias (*name)")]
    except TooDeep as deep:
        line, col = position(deep.node)
        return None, [Problem(path, line, col, "yaml-depth", f"the data nests more than {MAX_DEPTH} levels deep",
                              "a dataset needs five or six levels; check for brackets that are never closed")]
    return value, builder.problems


def read_yaml_value(text: str, path: str, problems: list[Problem], empty_hint: str) -> Any:
    """The located value of one YAML document, its problems added to ``problems``; None when it
    cannot be read or holds nothing (then an ``empty`` problem, with ``empty_hint``, says so).

    Examples
    --------
    >>> problems = []
    >>> read_yaml_value("# nothing\\n", "f.yaml", problems, "write something"), [str(p) for p in problems]
    (None, ['f.yaml: the file holds no YAML data. Hint: write something.'])
    """
    value, found = read_yaml(text, path)
    problems.extend(found)
    if value is None and not found:
        problems.append(Problem(path, 0, 0, "empty", "the file holds no YAML data", empty_hint))
    return value

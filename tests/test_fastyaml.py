"""The fast reader of plain block YAML (graph/read/plain_yaml.py): PyYAML's values and positions, or None."""

from __future__ import annotations

import random
from pathlib import Path
from unittest import mock

import pytest

import graph.read.yaml_reader
from graph.read.plain_yaml import read_plain_yaml
from graph.read.yaml_reader import YMap, YSeq, read_yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in ROOT.glob("**/*.yaml") if ".ci-venv" not in p.parts and "site-packages" not in p.parts)


def same(a, b, where: str = "root") -> str | None:
    """Where two located values differ (value, type, or any position), or None."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, (YMap, YSeq)) and list(vars(a)) != list(vars(b)):
        return f"{where}: attributes {list(vars(a))} vs {list(vars(b))}"   # the reader skips __init__
    if isinstance(a, YMap):
        for attr in ("pos", "key_pos", "value_pos", "raw"):
            if list(a) != list(b) or getattr(a, attr) != getattr(b, attr):
                return f"{where}: {attr}"
        return next((d for k in a if (d := same(a[k], b[k], f"{where}.{k}"))), None)
    if isinstance(a, YSeq):
        for attr in ("pos", "item_pos", "raw"):
            if len(a) != len(b) or getattr(a, attr) != getattr(b, attr):
                return f"{where}: {attr}"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := same(x, y, f"{where}[{i}]"))), None)
    return None if a == b or (a != a and b != b) else f"{where}: {a!r} vs {b!r}"


def pyyaml(text: str):
    """``read_yaml`` with PyYAML alone (it tries the fast reader first, which is the one under test)."""
    with mock.patch.object(graph.read.yaml_reader, "read_plain_yaml", lambda text, path: None):
        return read_yaml(text, "f.yaml")


def agrees(text: str) -> bool:
    """The fast reader declines, or reads exactly what PyYAML reads from a file without problems."""
    fast = read_plain_yaml(text, "f.yaml")
    if fast is None:
        return True
    full, problems = pyyaml(text)
    assert problems == [], text
    assert same(fast, full) is None, (same(fast, full), text)
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_read_plain_yaml_equals_pyyaml_on_every_yaml_file(path):
    assert agrees(path.read_text(encoding="utf-8", errors="replace"))


def test_read_plain_yaml_reads_the_bundled_relations():
    text = (ROOT / "data" / "caucasus" / "relations.yaml").read_text(encoding="utf-8")
    assert read_plain_yaml(text, "relations.yaml") is not None


@pytest.mark.parametrize("text", [
    "a: x  \nb: \"q\"  \nc: [x, y]   \nd: 0.5  \n",                         # trailing spaces
    "a: x # c\nb: \"q\" # c\nc: [x]  # c\nd: # c\n  e: 1\n",                # comments after values
    "a:\nb: 1\n", "a: 1\nb:", "a: 1\nb:\n", "a: 1\nb: ", "a: 1\n\n# end\n\n",  # empty values, ends
    "a: \"ünïcödé — “x” 中文\"\nb: 'ü'\nc: ü\nd: [Ümit, Ä1, 中文]\n",           # text beyond ASCII
    "a:\n  - x\n  - 1\n  - \"q\"\n  - [a, b]\n  - 2025-02-17\n",               # items that are scalars
    "a:\n  - b:\n      - c: 1\n        d: [x]\n      - c: 2\n  - b: []\n",     # lists of mappings in lists
    "a:\n- b\n- c\nd: 1\n",                                                  # a list at its key's column
    "a:\n  -  k: 1\n     j: 2\n  -   x\n",                                     # more spaces after '-'
    # the same lines in several places and indentations: each read once, then looked up by its text
    "a:\n  - kind: x\n    w: 0.5\n  - kind: x\n    w: 0.5\nb:\n  kind: x\n  w: 0.5\nkind: x\nw: 0.5\n",
    "s: [synthetic]\nr:\n  - s: [synthetic]\n  - s: [synthetic]\n    t: [synthetic]\n",
    "a:\n  k: 1\n  j: 2\nb:\n  k:  1\n  j:   [x]\n",                           # a known key, more spaces
    "a: [a-b, c_d, seed-2025]\nb: [x,y]\nc: [ x , y ]\nd: []\ne: [ ]\nf: [1, 2.5, NO, ~]\n",  # flow lists
    "a: 2025-02-30\nb: \"2025-02-30\"\nc: NO\nd: 'NO'\ne: \"\"\nf: ''\n",            # typed or not
])
def test_read_plain_yaml_equals_pyyaml_on_plain_block_yaml(text):
    assert read_plain_yaml(text, "f.yaml") is not None
    assert agrees(text)


def test_read_plain_yaml_places_repeated_lines_at_their_own_line():
    # the second "kind: x" is the first one's value, looked up by its text: only the line differs
    value = read_plain_yaml("a:\n  - kind: x\n    w: [p, q]\n  - kind: x\n    w: [p, q]\n", "f.yaml")
    first, second = value["a"]
    assert (first.key_pos["kind"], second.key_pos["kind"]) == ((2, 5), (4, 5))
    assert (first.value_pos["w"], second.value_pos["w"]) == ((3, 8), (5, 8))
    assert (first["w"].item_pos, second["w"].item_pos) == ([(3, 9), (3, 12)], [(5, 9), (5, 12)])
    assert first["w"] is not second["w"] and first["w"].raw is not second["w"].raw


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!python/object x\n", "a: |\n  text\n", "a: {b: 1}\n", "a: one\n  two\n",
    "a: 1\na: 2\n", "a:\n\t- b\n", "---\na: 1\n", "a: \"x\\ny\"\n", "a: b: c\n", "- a\n", "<<: {}\n",
    "yes: 1\n", "a: [b, [c]]\n", "a: [b,]\n", "a: 'open\n", "a:\n  - b\n - c\n", "a: }x\n",
    "a: 1\r\nb: 2\r\n", "a: 1\n---\n", "a: \u2028b\n", "a: é\x01\n", "a: 1\x00\n",   # characters
    "x:\n  id: 1\n  id\n",               # a key's start seen before, but no ':' this time
    "a:\n  k: 1\n  k: 1\n", "a:\n  - k: 1\n  - k: 1\n    k: 1\n",  # a duplicate line is a duplicate key
    "x:\n  - id: 1\n    k: [a, , b]\n", "a: [x]]\n", "a: [x] y\n", "a: \"x\" y\n", "a: x\nb: \"y\n",
    "a: 1\n  b: 2\n", "a: [x]\n  b: 1\n", "a: 1\n- b\n", "a:\n  - b\n  -\n",
])
def test_read_plain_yaml_leaves_the_rest_to_pyyaml(text):
    assert read_plain_yaml(text, "f.yaml") is None


def test_read_plain_yaml_equals_pyyaml_on_mutated_files():
    # random edits of the fixtures: every text the fast reader accepts reads the same in PyYAML
    rng = random.Random(8)
    pieces = list(" :-#'\"[],{}&*!|>\n\t0aZ.?~") + ["  ", "- ", ": ", " #", "\n  ", "\n- "]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in FILES if p.stat().st_size < 20_000]
    accepted = 0
    for _ in range(1_500):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at, edit = rng.randrange(len(text) + 1), rng.random()
            if edit < 0.45:
                text = text[:at] + rng.choice(pieces) + text[at:]
            elif edit < 0.9:
                text = text[:at] + text[at + rng.randint(1, 3):]
            else:              # a line copied elsewhere: the reader reads a line met before by its text
                lines = text.split("\n")
                lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
                text = "\n".join(lines)
        accepted += read_plain_yaml(text, "f.yaml") is not None
        assert agrees(text)
    assert accepted > 200      # the property was tested on many accepted texts, not only refusals

"""The fast reader of plain block YAML (graph/_fastyaml.py): PyYAML's values and positions, or None."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graph._fastyaml import read_plain_yaml
from graph._yaml import YMap, YSeq, read_yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in ROOT.glob("**/*.yaml") if ".ci-venv" not in p.parts and "site-packages" not in p.parts)


def same(a, b, where: str = "root") -> str | None:
    """Where two located values differ (value, type, or any position), or None."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} vs {type(b).__name__}"
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


def agrees(text: str) -> bool:
    """The fast reader declines, or reads exactly what PyYAML reads from a file without problems."""
    fast = read_plain_yaml(text, "f.yaml")
    if fast is None:
        return True
    full, problems = read_yaml(text, "f.yaml")
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
    "a: &x 1\nb: *x\n", "a: !!python/object x\n", "a: |\n  text\n", "a: {b: 1}\n", "a: one\n  two\n",
    "a: 1\na: 2\n", "a:\n\t- b\n", "---\na: 1\n", "a: \"x\\ny\"\n", "a: b: c\n", "- a\n", "<<: {}\n",
    "yes: 1\n", "a: [b, [c]]\n", "a: [b,]\n", "a: 'open\n", "a:\n  - b\n - c\n", "a: }x\n",
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
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.5:
                text = text[:at] + rng.choice(pieces) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 3):]
        accepted += read_plain_yaml(text, "f.yaml") is not None
        assert agrees(text)
    assert accepted > 200      # the property was tested on many accepted texts, not only refusals

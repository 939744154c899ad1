"""Every command's output, byte for byte, against the records in tests/golden/records.

A failure here means a user would see something different: a refactor must leave every record as
it is; a change meant to alter one regenerates it (``python tests/golden/cases.py NAME``) and says so
in its commit.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "golden"))

import cases  # noqa: E402


@pytest.mark.parametrize("case", cases.CASES, ids=[c.name for c in cases.CASES])
def test_command_output_is_unchanged(case: cases.Case, tmp_path: Path) -> None:
    expected = cases.stored(case)
    assert expected, f"no record for {case.name}: run python tests/golden/cases.py {case.name}"
    actual = cases.run(case, tmp_path / "case")
    assert sorted(actual) == sorted(expected), f"{case.name}: other files than recorded"
    for name in sorted(expected):
        if actual[name] != expected[name]:
            diff = "".join(list(difflib.unified_diff(
                expected[name].decode(errors="replace").splitlines(True)[:2000],
                actual[name].decode(errors="replace").splitlines(True)[:2000],
                f"recorded/{name}", f"now/{name}"))[:60])
            pytest.fail(f"{case.name}: {name} differs from its record\n{diff[:6000]}")

"""How many problems a command prints: the first :data:`SHOWN_PROBLEMS`, then a count of the rest.

A file with 10,000 broken records has tens of thousands of problems; a terminal shows the first
screenfuls and the user fixes the cause, so the rest are counted, not printed.
``geograph validate --format json`` still lists every one of a dataset.
"""

from __future__ import annotations

from typing import Sequence

__all__ = ["SHOWN_PROBLEMS", "shown_problems"]

#: Problems printed before the rest are only counted: enough for every problem of a file with a
#: few broken rules, and a few screenfuls when one rule is broken thousands of times.
SHOWN_PROBLEMS = 200


def shown_problems(problems: Sequence[object], limit: int = SHOWN_PROBLEMS, every: str = "") -> list[str]:
    """The lines that report ``problems``: the first ``limit``, then one line counting the rest,
    with ``every`` (how to see them all) in brackets when given.

    Examples
    --------
    >>> shown_problems(["a.yaml:1:1: x", "a.yaml:2:1: y", "a.yaml:3:1: z"], limit=2)[-1]
    '… and 1 more problem'
    >>> shown_problems(range(5), limit=3, every="--format json lists them all")[-1]
    '… and 2 more problems (--format json lists them all)'
    >>> len(shown_problems(range(5), limit=5))
    5
    """
    lines = [str(p) for p in problems[:limit]]
    rest = len(problems) - len(lines)
    if rest > 0:
        lines.append(f"… and {rest:,} more problem{'' if rest == 1 else 's'}" + (f" ({every})" if every else ""))
    return lines

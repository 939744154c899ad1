"""Camp labels that mean the same thing across days and scenarios.

A split's camps have no names: camp 1 of one day's optimum need not be camp 1 of the next, and
several optima can be equally good. Reports that compare splits (a scenario against its baseline,
a timeline period against the one before) number the camps of the later split after the camps of
the earlier one, by the largest overlap of members (an assignment problem), and among equally good
splits prefer the one that keeps actors where they were (:func:`settle`), so a reported change is
one the data forces, not a tie broken another way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Sequence

from .balance import SignedTie, Split, frustrated_ties

__all__ = ["numbered", "match_labels", "settle", "stable_numbers"]


def numbered(factions: list[list[str]]) -> dict[str, int]:
    """Each actor's camp number, 1 for the first (largest) faction.

    >>> numbered([["A", "B"], ["C"]])
    {'A': 1, 'B': 1, 'C': 2}
    """
    return {a: i + 1 for i, f in enumerate(factions) for a in f}


def match_labels(before: dict[str, int], side: Mapping[str, int]) -> dict[int, int]:
    """Later camp label → earlier camp number, by the largest total overlap of members.

    >>> match_labels({"A": 1, "B": 1, "C": 2}, {"A": 0, "B": 0, "C": 1, "D": 2})
    {0: 1, 1: 2, 2: 3}
    """
    from scipy.optimize import linear_sum_assignment

    labels = sorted(set(side.values()))
    numbers = sorted(set(before.values()))
    mapping: dict[int, int] = {}
    if labels and numbers:
        overlap = [[sum(1 for a, lab in side.items() if lab == label and before.get(a) == n) for n in numbers]
                   for label in labels]
        rows, cols = linear_sum_assignment(overlap, maximize=True)
        mapping = {labels[r]: numbers[c] for r, c in zip(rows, cols)}
    fresh = max(numbers, default=0)
    for label in labels:  # camps with no baseline counterpart get new numbers, largest first
        if label not in mapping:
            fresh += 1
            mapping[label] = fresh
    return mapping


def settle(split: Split, ties: list[SignedTie], before: dict[str, int], weighted: bool) -> Split:
    """Among splits as good as ``split``, move actors back to their baseline camp where that costs
    nothing: a reported camp change is then one the scenario forces, not a tie broken differently."""
    side = _baseline_if_as_good(split, ties, before, weighted)
    incident: dict[str, list[SignedTie]] = {}
    for t in ties:
        incident.setdefault(t.source, []).append(t)
        incident.setdefault(t.target, []).append(t)

    def cost(actor: str, label: int) -> float:
        total = 0.0
        for t in incident.get(actor, []):
            other = t.target if t.source == actor else t.source
            if (label == side[other]) != (t.sign > 0):
                total += t.weight if weighted else 1.0
        return total

    for _ in range(len(side) + 1):
        mapping = match_labels(before, side)
        home = {n: label for label, n in mapping.items()}
        moved = False
        for actor in sorted(side):
            want = before.get(actor)
            if want is None or mapping[side[actor]] == want or want not in home:
                continue
            if cost(actor, home[want]) <= cost(actor, side[actor]) + 1e-12:
                side[actor] = home[want]
                moved = True
        if not moved:
            break
    bad = frustrated_ties(ties, side)
    value = sum(t.weight for t in bad) if weighted else float(len(bad))
    return replace(split, side=dict(sorted(side.items())), frustrated=bad, frustration=value)


def _baseline_if_as_good(split: Split, ties: list[SignedTie], before: dict[str, int], weighted: bool
                         ) -> dict[str, int]:
    """The baseline's camps (new actors where the split puts them) when they are as good as the split.

    Moving one actor at a time cannot always get back to the baseline: two optima may differ by a
    whole group (A, B | C, D against all four together), and the solver's tie-break picks either.
    """
    mapping = match_labels(before, split.side)
    numbers = {a: before.get(a, mapping[label]) for a, label in split.side.items()}
    labels = {n: i for i, n in enumerate(sorted(set(numbers.values())))}
    if len(labels) > split.camps:
        return dict(split.side)
    candidate = {a: labels[n] for a, n in numbers.items()}
    bad = frustrated_ties(ties, candidate)
    value = sum(t.weight for t in bad) if weighted else float(len(bad))
    return candidate if value <= split.frustration + 1e-9 else dict(split.side)


def stable_numbers(splits: Sequence[tuple[Split, Sequence[SignedTie]]], weighted: bool = False, *,
                   before: Mapping[str, int] | None = None) -> list[tuple[Split, dict[str, int]]]:
    """Each split in order, settled towards the one before, with camp numbers that follow it.

    The first split's camps are numbered largest first (or after ``before``, camp numbers of an
    earlier split); each later one is settled (:func:`settle`) and numbered by its overlap with the
    one before (:func:`match_labels`).

    Examples
    --------
    >>> a = Split(2, False, 0.0, 0.0, True, "exact", {"A": 0, "B": 1}, ())
    >>> b = Split(2, False, 0.0, 0.0, True, "exact", {"A": 1, "B": 0}, ())   # the same camps, swapped
    >>> [numbers for _, numbers in stable_numbers([(a, ()), (b, ())])]
    [{'A': 1, 'B': 2}, {'A': 1, 'B': 2}]
    """
    out: list[tuple[Split, dict[str, int]]] = []
    before = dict(before) if before else None
    for split, ties in splits:
        if before is None:
            numbers = numbered(split.factions)
        else:
            split = settle(split, list(ties), before, weighted)
            mapping = match_labels(before, split.side)
            numbers = {a: mapping[label] for a, label in split.side.items()}
        out.append((split, numbers))
        before = numbers
    return out

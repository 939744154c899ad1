"""Every optimum of the frustration index (graph/analysis/optima.py) against brute force, and in the report."""

import itertools
import json

import numpy as np
import pytest
from click.testing import CliRunner

import graph
from cli import main
from graph.analysis import optima as optima_module
from graph.analysis.balance import balance
from graph.analysis.cycles import SignedTie
from graph.analysis.optima import optimal_splits
from graph.errors import OptionError
from graph.model import Actor, Dataset

from _helpers import rel


def random_ties(seed: int) -> list[SignedTie]:
    """A random signed graph of 6–10 actors; sparse ones fall apart into components and pendant ties."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 11))
    density = rng.uniform(0.25, 0.8)
    ties = []
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < density:
                # weights on a coarse grid, so equal-cost splits occur in the weighted case too
                ties.append(SignedTie(f"N{i}", f"N{j}", int(rng.choice((-1, 1))), float(rng.integers(1, 5)) / 4))
    return ties


def brute_force(ties: list[SignedTie], weighted: bool) -> tuple[list[dict[str, int]], list[float]]:
    """Every two-camp split of the tied actors (the last one fixed in camp 0), with its cost."""
    nodes = sorted({t.source for t in ties} | {t.target for t in ties})
    splits, costs = [], []
    for code in range(2 ** (len(nodes) - 1)):
        side = {n: (code >> k) & 1 for k, n in enumerate(nodes)}
        splits.append(side)
        costs.append(sum((t.weight if weighted else 1.0) for t in ties
                         if (side[t.source] == side[t.target]) != (t.sign > 0)))
    return splits, costs


def expected(ties: list[SignedTie], weighted: bool) -> tuple[int, list[str], set, set, dict[str, int]]:
    """Count, swing, always- and sometimes-strained ties straight from the definitions."""
    splits, costs = brute_force(ties, weighted)
    best = min(costs)
    optimal = [s for s, c in zip(splits, costs) if c <= best + 1e-9]
    reference = optimal[-1]
    nodes = sorted(reference)
    swing = set()
    for s in optimal:
        differ = {n for n in nodes if s[n] != reference[n]}
        # turned to agree with the reference on most actors; on exactly half, on the first actor
        if 2 * len(differ) > len(nodes) or (2 * len(differ) == len(nodes) and nodes[0] in differ):
            differ = set(nodes) - differ
        swing |= differ
    strained = [{t for t in ties if (s[t.source] == s[t.target]) != (t.sign > 0)} for s in optimal]
    always = set.intersection(*strained)
    return len(optimal), sorted(swing), always, set.union(*strained) - always, reference


SEEDS = range(30)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("enumerate_by", ["splits", "solver"])
def test_optimal_splits_match_brute_force_on_random_graphs(monkeypatch, weighted, enumerate_by):
    if enumerate_by == "solver":  # every block through the exact program with no-good cuts
        monkeypatch.setattr(optima_module, "_BRUTE_MAX", 2)
    several = 0
    for seed in SEEDS:
        ties = random_ties(seed)
        count, swing, always, some, reference = expected(ties, weighted)
        got = optimal_splits(ties, weighted=weighted, reference=reference, max_splits=1024)
        assert (got.count, got.capped) == (count, False), seed
        assert list(got.swing) == swing, seed
        assert set(got.always_strained) == always and set(got.sometimes_strained) == some, seed
        assert sorted(got.fixed + got.swing) == sorted(reference)
        several += count > 1
    assert several >= 5  # the seeds exercise ties between optima, not just unique splits


def test_optimal_splits_count_multiplies_across_components():
    # two separate enemies' pairs: each splits one way, but either pair may sit either way round
    ties = [SignedTie("A", "B", -1, 1.0), SignedTie("C", "D", -1, 1.0)]
    got = optimal_splits(ties, reference={"A": 0, "B": 1, "C": 0, "D": 1})
    assert got.count == 2 and not got.capped
    # the second partition differs on half the actors: turned so that A keeps its camp, C and D swing
    assert got.swing == ("C", "D") and got.fixed == ("A", "B")


def test_optimal_splits_cap_says_there_are_more():
    # five unbalanced triangles joined at one actor: 3^5 = 243 optima
    ties = []
    for k in range(5):
        a, b = f"P{k}", f"Q{k}"
        ties += [SignedTie("HUB", a, 1, 1.0), SignedTie("HUB", b, 1, 1.0), SignedTie(a, b, -1, 1.0)]
    assert optimal_splits(ties).count == 243
    capped = optimal_splits(ties, max_splits=10)
    assert (capped.count, capped.capped) == (10, True)


def test_optimal_splits_of_nothing():
    got = optimal_splits([])
    assert (got.count, got.capped, got.swing, got.always_strained) == (1, False, (), ())


def test_balance_bundled_data_optima_on_the_agent_network():
    # issue 16 found 8 optima (TUR, ISR, IRN-AZ swinging) with arenas as nodes; on the agents alone
    # only the Caspian rivals Kazakhstan and Turkmenistan swing, and AZE–IND is strained in every optimum
    report = balance(graph.load(), at="2025-03-01")
    o = report.optima
    assert (o.count, o.capped, o.swing) == (3, False, ("KAZ", "TKM"))
    assert {(t.source, t.target) for t in o.always_strained} == {("AZE", "IND")}
    assert set(report.split.frustrated) <= set(o.always_strained + o.sometimes_strained)


def test_balance_optima_follow_the_weighted_objective():
    report = balance(graph.load(), at="2025-03-01", weighted=True)
    assert report.optima.weighted and report.optima.count >= 1
    assert set(report.optima.swing) <= set(report.split.side)
    # the reported weighted split is one of the optima: its own strain is certain or possible
    assert set(report.split.frustrated) <= set(report.optima.always_strained + report.optima.sometimes_strained)


def test_balance_rejects_max_splits_below_one():
    with pytest.raises(OptionError, match="^max_splits must be at least 1, got 0$"):
        balance(graph.load(), at="2025-03-01", max_splits=0)


def enemies() -> Dataset:
    """Three mutual enemies, plus a pair whose alignment and tension cancel."""
    return Dataset(actors=tuple(Actor(x, x, "state") for x in "ABCDE"), relations=(
        rel("ab", "A", "B", "tension", 1.0), rel("bc", "B", "C", "tension", 1.0),
        rel("ac", "A", "C", "tension", 1.0),
        rel("de+", "D", "E", "alignment", 0.5), rel("de-", "D", "E", "tension", 0.5, "security")))


def test_balance_camps_reports_the_k_camp_index():
    # three enemies cannot be split into two camps without one strained tie; three camps fit them
    report = balance(enemies(), at="2025", camps=3)
    data = report.to_dict()
    assert (data["frustration_index"], data["frustration_index_two_camps"]) == (0, 1)
    assert (data["weighted_frustration"], data["weighted_frustration_two_camps"]) == (0.0, 1.0)
    assert data["optimal_splits"] == 3 and data["optimal_splits_camps"] == 2
    assert data["ambivalent"] == [{"source": "D", "target": "E", "alignment": 0.5, "tension": 0.5}]


def test_cli_balance_json_has_the_optima_contract():
    result = CliRunner().invoke(main, ["balance", "--at", "2025-03-01", "--format", "json", "--max-splits", "4"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["optimal_splits"], data["optimal_splits_capped"]) == (3, False)
    assert data["swing"] == sorted(data["swing"]) and isinstance(data["ambivalent"], list)
    for key in ("always_strained", "sometimes_strained"):
        assert all(set(t) == {"source", "target", "sign", "weight"} for t in data[key])


def test_cli_balance_table_says_how_many_optima():
    out = CliRunner().invoke(main, ["balance", "--at", "2025-03-01"]).stdout
    assert "3 equally optimal splits." in out
    assert "Swing (in the other camp in some optimum): Kazakhstan (KAZ), Turkmenistan (TKM)" in out
    assert "Under strain in every optimum: " in out and "Azerbaijan (AZE) – India (IND)" in out


def test_optimal_splits_tension_clique_found_by_swaps_and_capped():
    # 20 actors all in tension: every split into 10 and 10 is optimal (2 C(10, 2) = 90 ties strained),
    # C(20, 10) / 2 = 92,378 of them; too large a block to enumerate split by split
    ties = [SignedTie(f"A{i:02}", f"A{j:02}", -1, 1.0) for i, j in itertools.combinations(range(20), 2)]
    got = optimal_splits(ties, max_splits=500)
    assert (got.count, got.capped, got.stopped) == (500, True, "max-splits")
    assert len({tuple(sorted(s.items())) for s in got.splits}) == 500
    for s in got.splits:
        assert sum((s[t.source] == s[t.target]) for t in ties) == 90
    assert got.always_strained == () and len(got.swing) == 20
    assert optimal_splits(ties, max_splits=500) == got       # the same splits every run

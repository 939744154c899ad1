"""How sure each conclusion is: seeded redraws within each relation's stated confidence."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
import numpy as np

import graph
from _helpers import rel
from graph.analysis.robustness import BANDS, NEAR, _orient, robustness
from graph.errors import OptionError
from graph.model import Actor, Dataset
from graph.report import format_robustness
from test_progress import _on_a_terminal

ROOT = Path(__file__).parent.parent
MINIMAL = str(Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml")
INVALID = str(Path(__file__).parent / "fixtures" / "invalid" / "unknown_actor.yaml")


def _dataset(*relations, actors: str = "ABC") -> Dataset:
    return Dataset(actors=tuple(Actor(x, f"{x}land", "state") for x in actors), relations=tuple(relations))


def _tolerance(p: float, n: int) -> float:
    """Four standard deviations of a binomial share: a correct draw fails about once in 15,000 runs."""
    return 4 * math.sqrt(p * (1 - p) / n)


def _invoke(*args: str):
    return CliRunner().invoke(cli.main, ["robustness", *args])


# --- determinism -------------------------------------------------------------------------------


def test_robustness_same_seed_gives_identical_json_bytes_and_another_seed_differs():
    args = ("--at", "2025-03-01", "--samples", "40", "--format", "json")
    first, again, other = _invoke(*args, "--seed", "3"), _invoke(*args, "--seed", "3"), _invoke(*args, "--seed", "4")
    assert first.exit_code == again.exit_code == other.exit_code == 0, first.output
    assert first.stdout_bytes == again.stdout_bytes
    assert first.stdout_bytes != other.stdout_bytes
    data = json.loads(first.stdout)
    assert (data["samples"], data["seed"]) == (40, 3)
    assert {"id", "camp_probability"} <= set(data["actors"][0])
    assert {"source", "target", "p_positive"} <= set(data["pairs"][0])


def test_robustness_json_is_the_library_result():
    ds = graph.load()
    result = _invoke("--at", "2025-03-01", "--samples", "15", "--seed", "2", "--format", "json")
    assert result.exit_code == 0
    expected = format_robustness(robustness(ds, "2025-03-01", samples=15, seed=2), "json")
    assert result.stdout == expected


def test_robustness_a_longer_run_extends_a_shorter_one():
    # draw k is the same whatever the number of draws: the uniforms are drawn draw by draw
    ds = graph.load()
    short, long = robustness(ds, "2025-03-01", samples=8), robustness(ds, "2025-03-01", samples=16)
    assert all(np.array_equal(a, b) for a, b in zip(long.camp_draws[:8], short.camp_draws, strict=True))


# --- answers known by hand ---------------------------------------------------------------------


def test_robustness_high_confidence_balanced_triangle_is_certain():
    # A and B allied, both against C: every draw keeps each weight within ±0.1 and never flips a
    # sign, so the split {A, B} | {C} holds in every draw and no tie is ever under strain
    ds = _dataset(rel("ab", "A", "B", "alignment", 0.9, confidence="high"),
                  rel("ac", "A", "C", "tension", 0.8, confidence="high"),
                  rel("bc", "B", "C", "tension", 0.7, confidence="high"))
    r = robustness(ds, "2025", samples=200, seed=5)
    assert [(a.id, a.camp, a.camp_probability, a.unplaced) for a in r.actors] == [
        ("A", 1, 1.0, 0.0), ("B", 1, 1.0, 0.0), ("C", 2, 1.0, 0.0)]
    assert [(p.source, p.target, p.p_positive, p.p_negative) for p in r.pairs] == [
        ("A", "B", 1.0, 0.0), ("A", "C", 0.0, 1.0), ("B", "C", 0.0, 1.0)]
    assert (r.frustration.minimum, r.frustration.maximum, r.frustration.histogram) == (0.0, 0.0, ((0.0, 200),))
    assert r.same_camp("A", "B") == 1.0 and r.same_camp("A", "C") == 0.0


def test_robustness_even_pair_at_low_confidence_is_a_coin_toss():
    # alignment 0.5 and tension 0.5, both low: each drawn uniformly in [0.2, 0.8] and each left out
    # with probability 1/2. Both kept (1/4): positive or negative by symmetry, 1/8 each; only the
    # alignment (1/4): positive; only the tension (1/4): negative; neither (1/4): absent.
    # So p_positive = 3/8 (less half of any draws counted ambivalent: the band is symmetric).
    n = 2000
    ds = _dataset(rel("ab+", "A", "B", "alignment", 0.5, confidence="low"),
                  rel("ab-", "A", "B", "tension", 0.5, domain="security", confidence="low"), actors="AB")
    p = robustness(ds, "2025", samples=n, seed=11).pair("A", "B")
    assert math.isclose(p.p_positive + p.p_negative + p.p_ambivalent + p.p_absent, 1.0)
    assert abs(p.p_absent - 0.25) <= _tolerance(0.25, n)
    assert abs(p.p_positive + p.p_ambivalent / 2 - 0.375) <= _tolerance(0.375, n)
    assert abs(p.p_negative + p.p_ambivalent / 2 - 0.375) <= _tolerance(0.375, n)


def test_robustness_without_drops_an_even_pair_is_positive_half_the_time():
    n = 2000
    ds = _dataset(rel("ab+", "A", "B", "alignment", 0.5, confidence="low"),
                  rel("ab-", "A", "B", "tension", 0.5, domain="security", confidence="low"), actors="AB")
    p = robustness(ds, "2025", samples=n, seed=1, drop={}).pair("A", "B")
    assert p.p_absent == 0.0
    assert abs(p.p_positive + p.p_ambivalent / 2 - 0.5) <= _tolerance(0.5, n)


def test_robustness_cancelling_pair_counts_as_ambivalent_not_positive():
    # with no band the weights stay as written: 0.5 - 0.5 is exactly zero in every draw
    ds = _dataset(rel("ab+", "A", "B", "alignment", 0.5),
                  rel("ab-", "A", "B", "tension", 0.5, domain="security"), actors="AB")
    p = robustness(ds, "2025", samples=10, bands={c: 0.0 for c in BANDS}).pair("A", "B")
    assert (p.p_positive, p.p_negative, p.p_ambivalent, p.p_absent, p.sign) == (0.0, 0.0, 1.0, 0.0, 0)
    assert p.flip == 0.0


def test_robustness_flip_is_the_strength_that_cancels_the_net():
    # alignment 0.6 against tension 0.45: the net is +0.15, so 0.15 more tension (or less
    # alignment) cancels it and more turns it negative; B-C (0.9, no tension) is far from flipping
    ds = _dataset(rel("ab+", "A", "B", "alignment", 0.6, confidence="high"),
                  rel("ab-", "A", "B", "tension", 0.45, domain="security", confidence="high"),
                  rel("bc", "B", "C", "alignment", 0.9, confidence="high"))
    r = robustness(ds, "2025", samples=5)
    ab = r.pair("B", "A")
    assert (ab.alignment, ab.tension) == (0.6, 0.45)
    assert math.isclose(ab.flip, 0.15) and math.isclose(ab.net, 0.15)
    assert [(p.source, p.target) for p in r.fragile] == [("A", "B")] and r.pair("B", "C").flip > NEAR
    assert r.to_dict()["fragile"] == [{"source": "A", "target": "B", "net": ab.net, "flip": ab.flip}]
    text = format_robustness(r, dataset=ds)
    assert ("Aland (A) – Bland (B): net +0.150 (alignment 0.6, tension 0.45): 0.15 more tension or less "
            "alignment cancels it; more turns it negative") in text


def test_robustness_ranks_share_the_best_rank_on_equal_values():
    # a path A - B - C: B is on the only path, A and C tie at zero betweenness and share rank 2
    ds = _dataset(rel("ab", "A", "B", "alignment", 0.9, confidence="high"),
                  rel("bc", "B", "C", "alignment", 0.9, confidence="high"))
    r = robustness(ds, "2025", samples=30)
    assert [r.actor(x).ranks["betweenness"].to_dict() for x in "ABC"] == [
        {"rank": 2, "low": 2, "high": 2}, {"rank": 1, "low": 1, "high": 1}, {"rank": 2, "low": 2, "high": 2}]


def test_robustness_actor_without_a_tie_has_no_camp():
    ds = _dataset(rel("ab", "A", "B", "alignment", 0.9, confidence="high"))
    r = robustness(ds, "2025", samples=5)
    c = r.actor("C")
    assert (c.camp, c.camp_probability, c.unplaced, c.baseline) == (None, None, 1.0, None)
    assert r.to_dict()["actors"][2]["camp_probability"] is None


def test_robustness_low_confidence_tie_is_absent_about_half_the_time():
    n = 1000
    ds = _dataset(rel("ab", "A", "B", "alignment", 0.9, confidence="low"), actors="AB")
    a = robustness(ds, "2025", samples=n, seed=3).actor("A")
    assert abs(a.unplaced - 0.5) <= _tolerance(0.5, n)
    assert math.isclose(a.camp_probability + a.unplaced, 1.0)


def test_orient_swaps_each_connected_part_on_its_own():
    # the draw labels {A, B} | {C} the other way round from the data, and {D} | {E} the same way
    side = {"A": 1, "B": 1, "C": 0, "D": 0, "E": 1}
    base = {"A": 0, "B": 0, "C": 1, "D": 0, "E": 1}
    assert _orient(side, [{"A", "B", "C"}, {"D", "E"}], base) == base


def test_robustness_of_two_separate_parts_is_certain_in_both():
    # {A, B} | {C} and, with no tie between them, {D} | {E}: camps agree with the data's in each part
    ds = _dataset(rel("ab", "A", "B", "alignment", 0.9), rel("ac", "A", "C", "tension", 0.9),
                  rel("de", "D", "E", "tension", 0.9), rel("x", "A", "D", "alignment", 0.1, confidence="low"),
                  actors="ABCDE")
    r = robustness(ds, "2025", samples=100, seed=2)
    assert all(a.camp_probability == 1.0 for a in r.actors)


def test_robustness_counts_each_draw_in_its_progress():
    calls = []
    robustness(graph.load(), "2025-03-01", samples=4, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_robustness_of_the_bundled_data_keeps_the_data_split_for_most_actors():
    r = robustness(graph.load(), "2025-03-01", samples=60)
    placed = [a for a in r.actors if a.baseline is not None]
    assert placed and sum(a.camp == a.baseline for a in placed) >= len(placed) - 3
    assert r.frustration.minimum <= r.frustration.baseline <= r.frustration.maximum
    assert sum(k for _, k in r.frustration.histogram) == 60
    # the low-confidence Iran-Israel relation is left out of about half the draws
    assert 0.3 < r.pair("IRN", "ISR").p_absent < 0.7


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, message", [
    ({"samples": 0}, "samples must be a whole number of at least 1, got 0"),
    ({"seed": -1}, "seed must be a whole number of at least 0, got -1"),
    ({"bands": {"high": 1.5, "medium": 0.2, "low": 0.3}}, "bands for high confidence must be in [0, 1], got 1.5"),
    ({"bands": {"high": 0.1}}, "no weight band for confidence 'medium'; bands gives one for: high"),
])
def test_robustness_refuses_bad_options(kwargs, message):
    ds = _dataset(rel("ab", "A", "B", "alignment", 0.9))
    with pytest.raises(OptionError) as err:
        robustness(ds, "2025", **kwargs)
    assert str(err.value) == message


# --- command line ------------------------------------------------------------------------------


def test_robustness_cli_exit_codes():
    ok = _invoke(MINIMAL, "--at", "2025", "--samples", "10")
    assert ok.exit_code == 0 and ok.stdout.startswith("How sure: 10 draws of the data on 2025-01-01 (seed 0)\n")
    bad = _invoke(INVALID)
    assert bad.exit_code == 1 and "1 problem found." in bad.stderr and bad.stdout == ""
    zero = _invoke(MINIMAL, "--samples", "0")
    assert zero.exit_code == 2 and zero.stdout == ""
    assert "Error: --samples must be a whole number of at least 1, got 0" in zero.stderr
    assert _invoke(MINIMAL, "--seed", "-2").exit_code == 2
    assert _invoke(MINIMAL, "--format", "csv").exit_code == 2


def test_robustness_cli_markdown_and_output_file(tmp_path):
    out = tmp_path / "r.md"
    result = _invoke(MINIMAL, "--at", "2025", "--samples", "10", "--format", "markdown", "-o", str(out))
    assert result.exit_code == 0 and result.stderr == f"wrote {out}\n"
    text = out.read_text("utf-8")
    assert text.startswith("# How sure: 10 draws of the data on 2025-01-01 (seed 0)\n")
    assert "## Camps (numbered as in the data's best split)" in text
    assert "- Azerbaijan (AZE): camp 1 in 100 % of draws" in text


def test_robustness_progress_is_quiet_when_piped():
    piped = subprocess.run([sys.executable, str(ROOT / "cli.py"), "robustness", MINIMAL, "--at", "2025",
                            "--samples", "20"], cwd=ROOT, capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == ""
    assert piped.stdout.startswith("How sure: 20 draws")


def test_robustness_shows_a_bar_on_a_terminal():
    code, shown = _on_a_terminal(["robustness", MINIMAL, "--at", "2025", "--samples", "20"])
    assert code == 0
    assert "draws" in shown and "100%" in shown


def test_readme_robustness_figures_match_the_data():
    readme = (ROOT / "README.md").read_text("utf-8").split("## How sure is it?")[1].split("\n## ")[0]
    text = readme.replace("\n", " ")
    r = robustness(graph.load(), "2025-03-01", samples=500, seed=0)
    f = r.frustration
    assert (f"the frustration index is {f.baseline:g} in the data but {f.minimum:g} to {f.maximum:g} in "
            f"the draws (median {f.median:g})") in text
    assert f"Azerbaijan and Turkey share a camp in {round(100 * r.same_camp('AZE', 'TUR'))} % of draws" in text
    assert f"Azerbaijan and Israel in {round(100 * r.same_camp('AZE', 'ISR'))} %" in text
    assert f"Israel keeps its camp in {round(100 * r.actor('ISR').camp_probability)} % of draws" in text
    assert f"India in only {round(100 * r.actor('IND').camp_probability)} %" in text
    p = r.pair("AZE", "IRN")
    quoted = f"net {p.net:.3f} from alignment {p.alignment:.3f} against tension {p.tension:.3f}"
    assert quoted.replace("-", "−") in text
    assert p.p_ambivalent == 1.0 and "ambivalent in every draw" in text
    q = r.pair("AZE", "RUS")
    assert (f"positive in {round(100 * q.p_positive)} % of draws, negative in {round(100 * q.p_negative)} %"
            in text)


def test_equally_optimal_splits_count_evenly_so_no_tie_break_decides_a_camp():
    # C is the enemy of both A and B, who are enemies too: C may join either at the same cost
    from graph.model import Actor, Relation

    ds = Dataset(actors=tuple(Actor(x, x, "state") for x in "ABCD"), relations=(
        Relation("ab", "A", "B", False, "tension", "security", 0.9, confidence="high"),
        Relation("ac", "A", "C", False, "tension", "security", 0.9, confidence="high"),
        Relation("bc", "B", "C", False, "tension", "security", 0.9, confidence="high"),
        Relation("ad", "A", "D", False, "alignment", "economic", 0.9, confidence="high")))
    r = robustness(ds, at="2025", samples=10)
    # three optimal splits in every draw: {A, D} | {B, C}, {A, D, B} | {C} and {A, D, C} | {B}
    assert r.same_camp("A", "D") == 1.0
    assert r.same_camp("B", "C") == pytest.approx(1 / 3)
    assert r.actor("B").camp_probability == r.actor("C").camp_probability == pytest.approx(2 / 3)


def test_draws_keep_the_model_of_the_network_given():
    from graph.network import Model, network

    net = network(graph.load(), "2025-03-01", model=Model(with_arenas=True))
    r = robustness(net, samples=3)
    assert "CASPIAN" in {a.id for a in r.actors} and "arenas as nodes" in r.model

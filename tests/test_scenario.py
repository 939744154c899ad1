"""Tests of graph/scenario.py (overlays: reading, validation, applying) and of
graph/analysis/scenario_compare.py (a dataset against a scenario of it), with the shipped scenarios.

Every file in fixtures/scenarios/invalid/ is a copy of fixtures/scenarios/valid.yaml, an overlay of
fixtures/valid/minimal.yaml, that breaks exactly one rule; its first comment line says which. The
expected problems are written out in full, so a change in a message, a hint or a position shows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import graph
from _helpers import rel
from graph.analysis.balance import Split, SignedTie
from graph.analysis.camps import settle as _settle
from graph.analysis.scenario_compare import HEADLINE_METRICS, compare
from graph.dates import parse_date
from graph.errors import DataError, OptionError
from graph.model import Actor, Dataset, Event, Source
from graph.network import layer, snapshot
from graph.report import format_comparison
from graph.scenario import Change, Scenario, apply_scenario, load_scenario, validate_scenario

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "valid" / "minimal.yaml"
VALID = FIXTURES / "scenarios" / "valid.yaml"
INVALID = FIXTURES / "scenarios" / "invalid"
SHIPPED = ROOT / "data" / "scenarios"
SEED = Path("/work/shared/seed/000_740e65b4e7729bfb.txt")

UNTIL_HINT = "Hint: until is exclusive: the relation holds from since up to the day before until."

#: fixture -> [(code, the text of str(problem) after the path)]; {path} is the fixture, {base} the dataset.
#: File-level problems are found by load_scenario alone; the others need the dataset (DATASET_LEVEL).
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "unknown_key": [(
        "unknown-key",
        ":45:7: change of relation aze-irn-trade: unknown key 'wieght'. Hint: did you mean 'weight'?",
    )],
    "unknown_top_key": [(
        "unknown-key", ":42:1: the file: unknown key 'chnage'. Hint: did you mean 'change'?",
    )],
    "missing_title": [(
        "missing-key",
        # located at the `scenario:` key, the header that lacks it
        ":3:1: scenario: missing required key 'title'. "
        "Hint: add title: a short title such as 'The Zangezur route through Iran opens'.",
    )],
    "missing_rationale": [(
        "missing-key",
        ":3:1: scenario: missing required key 'rationale'. "
        "Hint: add rationale: why this future is plausible, in your own words.",
    )],
    "bad_at": [(
        "bad-date",
        ":7:7: scenario: at '2026-13' is not a valid date (month 13 does not exist). "
        "Hint: write YYYY, YYYY-MM or YYYY-MM-DD.",
    )],
    "change_weight_range": [(
        "weight-range",
        ":45:15: change of relation aze-irn-trade: weight 1.5 is outside (0, 1]. "
        "Hint: 1.0 is the strongest (defining); write hostility as kind: tension, not as a larger weight.",
    )],
    "change_empty_value": [(
        "empty",
        # `      weight:` with nothing after it: YAML places the null right after the colon
        ":45:14: change of relation aze-irn-trade: weight is empty. "
        "Hint: give a value, or leave the key out to keep the current one.",
    )],
    "change_endpoints": [(
        "unknown-key",
        ":45:7: change of relation aze-irn-trade: a change cannot set 'between': it keeps the relation's actors. "
        "Hint: remove the relation and add a new one between the other actors.",
    )],
    "change_nothing": [(
        "empty",
        ":44:7: change of relation aze-irn-trade: changes nothing. "
        "Hint: add the fields to change (weight, evidence …), or delete the entry.",
    )],
    "remove_and_change": [(
        "scenario-conflict",
        ":44:11: change of relation aze-irn-trade: the scenario also removes it (line 39). "
        "Hint: either change it or remove it.",
    )],
    "removed_twice": [(
        "scenario-conflict",
        ":40:18: remove: actor 'NSTC' is listed twice (first at line 40). Hint: list each id once.",
    )],
    "added_actor_twice": [(
        "duplicate-id",
        ":21:7: duplicate actor id 'TUR' (first defined at {path}:17:7). Hint: ids must be unique within a scenario.",
    )],
    "top_not_mapping": [(
        "structure",
        ":1:1: a scenario file must be a mapping with the keys scenario, sources, add, remove, change. "
        "Hint: start the file with 'scenario:'.",
    )],
    "unknown_relation_remove": [(
        "unknown-relation",
        ":39:15: remove: unknown relation 'aze-irn-securty'. Hint: did you mean 'aze-irn-security'?",
    )],
    "unknown_actor_remove": [(
        "unknown-actor", ":40:12: remove: unknown actor 'NST'. Hint: did you mean 'NSTC'?",
    )],
    "unknown_relation_change": [(
        "unknown-relation", ":44:11: change: unknown relation 'aze-irn-trad'. Hint: did you mean 'aze-irn-trade'?",
    )],
    "unknown_actor_change": [(
        "unknown-actor", ":51:11: change: unknown actor 'IRAN'. Hint: did you mean 'IRN'?",
    )],
    "unknown_actor_added_relation": [(
        "unknown-actor",
        # col 22 is TRK inside `      between: [AZE, TRK]`
        ":23:22: relation aze-tur-alliance: unknown actor 'TRK'. Hint: did you mean 'TUR'?",
    )],
    "added_relation_removed_actor": [(
        "unknown-actor",
        ":23:17: relation aze-tur-alliance: unknown actor 'NSTC'. Hint: this scenario removes NSTC (line 40).",
    )],
    "unknown_source": [(
        "unknown-source", ":6:13: scenario: unknown source 'test-scr'. Hint: did you mean 'test-src'?",
    )],
    "duplicate_actor_in_dataset": [(
        "duplicate-id",
        ":21:7: add: actor id 'RUS' already exists in the dataset ({base}:26:5). "
        "Hint: change it under change: actors, or remove it first.",
    )],
    "change_until_before_since": [(
        "until-before-since",
        # the relation began in 1991 (in the dataset); the change ends it in 1990
        ":45:14: change of relation aze-irn-trade: until 1990 is not after since 1991. " + UNTIL_HINT,
    )],
    "change_removed_actor_relation": [(
        "scenario-conflict",
        ":44:11: change of relation rus-nstc-transport: its actor NSTC is removed by this scenario (line 40). "
        "Hint: removing an actor removes its relations; drop the change or keep the actor.",
    )],
}
DATASET_LEVEL = {
    "unknown_relation_remove", "unknown_actor_remove", "unknown_relation_change", "unknown_actor_change",
    "unknown_actor_added_relation", "added_relation_removed_actor", "unknown_source", "duplicate_actor_in_dataset",
    "change_until_before_since", "change_removed_actor_relation",
}


def expected_texts(name: str, path: Path) -> list[str]:
    return [f"{path}{tail.format(path=path, base=BASE)}" for _, tail in EXPECTED[name]]


@pytest.fixture(scope="module")
def base() -> Dataset:
    return graph.load(str(BASE))


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return graph.load()


# --------------------------------------------------------------------------------------------
# reading and validation


def test_fixtures_invalid_one_file_per_rule():
    assert {p.stem for p in INVALID.glob("*.yaml")} == set(EXPECTED)
    assert DATASET_LEVEL <= set(EXPECTED)


def test_load_scenario_valid_fixture_reads_every_section(base):
    sc = load_scenario(VALID, base)
    assert (sc.title, sc.sources, str(sc.at)) == ("Turkey joins, the corridor goes", ("test-src",), "2026-06-01")
    assert list(sc.new_sources) == ["test-scenario"]
    assert [a.id for a in sc.add_actors] == ["TUR"]
    assert [r.id for r in sc.add_relations] == ["aze-tur-alliance"]
    assert [e.id for e in sc.add_events] == ["alliance-2026"]
    assert (sc.remove_relations, sc.remove_actors) == (("aze-irn-security",), ("NSTC",))
    (trade,) = sc.change_relations
    assert dict(trade.fields) == {"weight": 0.8, "confidence": "medium", "evidence": "Imagined: trade doubles.",
                                  "attributes": {"trade_2026_usd": 1000000000}}
    assert (trade.location.line, trade.positions["weight"].line) == (44, 45)
    (iran,) = sc.change_actors
    assert dict(iran.fields) == {"name": "Islamic Republic of Iran",
                                 "attributes": {"capital": None, "population": 90000000}}
    assert sc.path == str(VALID)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_scenario_invalid_fixture_reports_located_problem(name, base):
    path = INVALID / f"{name}.yaml"
    problems = validate_scenario(path, base)
    assert [str(p) for p in problems] == expected_texts(name, path)
    assert [p.code for p in problems] == [code for code, _ in EXPECTED[name]]
    assert all(p.path == str(path) for p in problems)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_scenario_invalid_fixture_raises_data_error(name, base):
    path = INVALID / f"{name}.yaml"
    with pytest.raises(DataError) as info:
        load_scenario(path, base)
    assert str(info.value) == "\n".join(expected_texts(name, path))


@pytest.mark.parametrize("name", sorted(DATASET_LEVEL))
def test_apply_scenario_dataset_level_fixture_raises_the_same_problem(name, base):
    # without the dataset the file is fine; applying it finds the same located problem
    path = INVALID / f"{name}.yaml"
    sc = load_scenario(path)
    with pytest.raises(DataError) as info:
        apply_scenario(base, sc)
    assert [str(p) for p in info.value.problems] == expected_texts(name, path)


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - DATASET_LEVEL))
def test_load_scenario_file_level_fixture_fails_without_dataset(name):
    path = INVALID / f"{name}.yaml"
    with pytest.raises(DataError) as info:
        load_scenario(path)
    assert [str(p) for p in info.value.problems] == expected_texts(name, path)


def test_load_scenario_missing_file_names_it(tmp_path):
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(DataError) as info:
        load_scenario(path)
    assert str(info.value) == (f"{path}: no such scenario file: {path}. "
                               "Hint: check the path; the shipped scenarios are in data/scenarios/.")


def test_load_scenario_every_problem_at_once(tmp_path, base):
    # three broken rules in one file: all reported, sorted by line
    text = VALID.read_text("utf-8").replace("      weight: 0.8\n", "      weight: 2\n").replace(
        "  at: 2026-06-01\n", "  at: someday\n").replace("  actors: [NSTC]\n", "  actors: [NSTX]\n")
    path = tmp_path / "three.yaml"
    path.write_text(text, "utf-8")
    problems = validate_scenario(path, base)
    assert [(p.line, p.code) for p in problems] == [(7, "bad-date"), (40, "unknown-actor"), (45, "weight-range")]


def test_load_scenario_dataset_file_is_not_a_scenario():
    # a dataset given where a scenario is expected: every top-level key of a dataset is unknown here
    problems = [str(p)[len(str(BASE)):] for p in validate_scenario(BASE)]
    assert problems[:2] == [
        ":3:1: the file: missing required key 'scenario'. "
        "Hint: start the file with 'scenario:' and, under it, title, rationale and sources.",
        ":3:1: the file: unknown key 'title'. Hint: allowed keys: scenario, sources, add, remove, change.",
    ]
    assert problems[3] == (":13:1: the file: unknown key 'actors'. "
                           "Hint: in a scenario, actors to add go under 'add:', ids to remove under 'remove:'.")


# --------------------------------------------------------------------------------------------
# applying


def test_apply_scenario_is_pure_and_applies_every_section(base):
    before = (base.relations, base.actors, dict(base.sources), base.events)
    after = apply_scenario(base, load_scenario(VALID, base))
    assert (base.relations, base.actors, dict(base.sources), base.events) == before
    # NSTC removed, and with it rus-nstc-transport; aze-irn-security removed; TUR and its alliance added
    assert after.actor_ids == ("AZE", "IRN", "RUS", "TUR")
    assert [r.id for r in after.relations] == ["aze-irn-trade", "aze-tur-alliance"]
    trade = after.relations[0]
    assert (trade.weight, trade.confidence, trade.evidence) == (0.8, "medium", "Imagined: trade doubles.")
    assert (str(trade.since), trade.sources) == ("1991", ("test-src",))          # untouched fields kept
    assert list(after.sources) == ["test-scenario", "test-src"]
    assert [e.id for e in after.events] == ["visit-2025", "alliance-2026"]
    iran = after.actor("IRN")
    assert iran.name == "Islamic Republic of Iran"
    assert dict(iran.attributes) == {"population": 90000000}                      # capital: null removed it
    assert after.title == "Minimal test dataset (scenario: Turkey joins, the corridor goes)"


def test_apply_scenario_merges_attributes_key_by_key(bundled):
    sc = Scenario("t", "r", ("seed-2025",), change_relations=(
        Change("aze-irn-trade", {"attributes": {"trade_2026_usd": 1_000_000_000, "figures_note": None}}),))
    trade = next(r for r in apply_scenario(bundled, sc).relations if r.id == "aze-irn-trade")
    assert trade.attributes["trade_2026_usd"] == 1_000_000_000
    assert trade.attributes["trade_2024_usd"] == 580_000_000
    assert "figures_note" not in trade.attributes


def _three() -> Dataset:
    actors = tuple(Actor(x, f"Actor {x}", "state") for x in "ABC")
    return Dataset(
        sources={"s": Source("s", "Test source", "2025", publisher="tests")},
        actors=actors,
        relations=(rel("ab", "A", "B", "alignment", 0.5), rel("bc", "B", "C", "tension", 0.5, "security"),
                   rel("ac", "A", "C", "alignment", 0.4, since="2020")),
        events=(Event("e1", parse_date("2024"), ("A", "C"), "Talks", "cooperative", sources=("s",)),
                Event("e2", parse_date("2025"), ("C",), "C alone", "neutral", sources=("s",))),
    )


def test_apply_scenario_removing_an_actor_drops_its_relations_and_event_places():
    after = apply_scenario(_three(), Scenario("No C", "", ("s",), remove_actors=("C",)))
    assert [r.id for r in after.relations] == ["ab"]
    # e1 keeps A only; e2 involved no one else and is dropped
    assert [(e.id, e.actors) for e in after.events] == [("e1", ("A",))]


def test_apply_scenario_clears_since_with_none_and_sets_kind():
    sc = Scenario("t", "", ("s",), change_relations=(Change("ac", {"since": None, "kind": "tension"}),))
    ac = apply_scenario(_three(), sc).relations[2]
    assert (ac.since, ac.kind, ac.weight) == (None, "tension", 0.4)


def test_apply_scenario_remove_and_add_same_id_replaces_the_relation():
    new = rel("ab", "A", "B", "tension", 0.9, "security")
    after = apply_scenario(_three(), Scenario("t", "", ("s",), remove_relations=("ab",), add_relations=(new,)))
    assert [(r.id, r.kind) for r in after.relations] == [("bc", "tension"), ("ac", "alignment"), ("ab", "tension")]


def test_apply_scenario_gives_added_relations_without_id_a_free_one():
    added = (rel("", "A", "B", "alignment", 0.3), rel("", "A", "C", "tension", 0.3, "security"))
    after = apply_scenario(_three(), Scenario("t", "", ("s",), add_relations=added))
    assert [r.id for r in after.relations][3:] == ["a-b-alignment-economic", "a-c-tension-security"]


def test_apply_scenario_added_relation_without_since_holds_at_every_date():
    after = apply_scenario(_three(), Scenario("t", "", ("s",), add_relations=(rel("x", "A", "C", "tension", 0.3),)))
    assert "x" in {r.id for r in snapshot(after, "1900").relations}


def test_apply_scenario_on_a_snapshot_stays_a_snapshot():
    snap = snapshot(_three(), "2019")          # ac (since 2020) is not in force
    added = rel("late", "A", "B", "alignment", 0.3, since="2030")
    after = apply_scenario(snap, Scenario("t", "", ("s",), add_relations=(added,)))
    assert after.at == snap.at and [r.id for r in after.relations] == ["ab", "bc"]


def test_apply_scenario_built_in_code_reports_unknown_ids_with_did_you_mean():
    sc = Scenario("t", "", ("s",), remove_relations=("a-b",), change_actors=(Change("D", {"name": "Dee"}),))
    with pytest.raises(DataError) as info:
        apply_scenario(_three(), sc)
    assert [str(p) for p in info.value.problems] == [
        "scenario: change: unknown actor 'D'. Hint: the actors are listed by 'geograph centrality'.",
        "scenario: remove: unknown relation 'a-b'. Hint: did you mean 'ab'?",
    ]


# --------------------------------------------------------------------------------------------
# compare: hand-made datasets with known answers


def _k4() -> Dataset:
    """A, B, C, D all aligned except B–D, in tension: the only tie that can take the strain.

    Keeping all four in one camp frustrates B–D alone (1); any other split frustrates at least two
    alignments, so the optimum (L = 1) and its strained tie are unique.
    """
    actors = tuple(Actor(x, f"Actor {x}", "state") for x in "ABCD")
    relations = tuple(rel(a.lower() + b.lower(), a, b, "alignment", 0.5) for a, b in
                      (("A", "B"), ("A", "C"), ("A", "D"), ("B", "C"), ("C", "D")))
    relations += (rel("bd", "B", "D", "tension", 0.5, "security"),)
    return Dataset(sources={"s": Source("s", "S", "2025", publisher="p")}, actors=actors, relations=relations)


def test_compare_removing_the_strained_tie_balances_the_graph():
    c = compare(_k4(), Scenario("Peace", "", ("s",), remove_relations=("bd",)), at="2025")
    assert (c.baseline.frustration_index, c.outcome.frustration_index) == (1.0, 0.0)
    assert (c.baseline.weighted_frustration, c.outcome.weighted_frustration) == (0.5, 0.0)
    (left,) = c.left_strain
    assert (left.source, left.target, left.reason, left.before.sign, left.after) == ("B", "D", "tie gone", -1, None)
    assert c.entered_strain == () and c.camp_changes == ()
    assert c.camps_before == c.camps_after == (("A", "B", "C", "D"),)
    assert [(r.id, r.what) for r in c.relations] == [("bd", "removed")]
    # B and D each lose a tension tie of 0.5
    assert c.deltas.loc["B", "tension_strength"] == c.deltas.loc["D", "tension_strength"] == -0.5
    assert {m.id for m in c.movers["tension_strength"]} == {"B", "D"}


def test_compare_a_flipped_sign_comes_under_strain():
    # A–C: alignment 0.5 against a new tension of 0.8 → net tension 0.3, inside the one camp
    added = rel("ac-t", "A", "C", "tension", 0.8, "security")
    c = compare(_k4(), Scenario("Quarrel", "", ("s",), add_relations=(added,)), at="2025")
    (entered,) = c.entered_strain
    assert (entered.source, entered.target, entered.reason) == ("A", "C", "sign flipped")
    assert (entered.before.sign, entered.after.sign, round(entered.after.weight, 9)) == (1, -1, 0.3)
    assert c.outcome.frustration_index == 2.0
    assert [(r.id, r.what, r.in_force) for r in c.relations] == [("ac-t", "added", True)]


def test_compare_actors_forced_out_of_their_camp_change_camp():
    # A+B+C | D+E, with C–D in tension; turning C–D into alignment leaves one camp of five
    actors = tuple(Actor(x, x, "state") for x in "ABCDE")
    ds = Dataset(actors=actors, relations=(
        rel("ab", "A", "B", "alignment", 0.5), rel("bc", "B", "C", "alignment", 0.5),
        rel("cd", "C", "D", "tension", 0.5, "security"), rel("de", "D", "E", "alignment", 0.5)))
    c = compare(ds, Scenario("Thaw", "", (), change_relations=(Change("cd", {"kind": "alignment"}),)), at="2025")
    assert c.camps_before == (("A", "B", "C"), ("D", "E"))
    assert c.camps_after == (("A", "B", "C", "D", "E"), ())       # matched to camp 1 by overlap (3 of 5)
    assert [(x.id, x.before, x.after) for x in c.camp_changes] == [("D", 2, 1), ("E", 2, 1)]
    (changed,) = c.relations
    assert (changed.id, changed.what, changed.fields) == ("cd", "changed", ("kind",))


def test_settle_keeps_an_actor_in_its_baseline_camp_when_moving_costs_nothing():
    # X is aligned with A (camp label 0) and with C (label 1): either side frustrates one tie, so
    # the solver's choice (with C) is a tie broken, not a change; X goes back to its baseline camp 1
    ties = [SignedTie("A", "C", -1, 1.0), SignedTie("A", "X", 1, 1.0), SignedTie("C", "X", 1, 1.0)]
    split = Split(2, False, 1.0, 1.0, True, "exact", {"A": 0, "C": 1, "X": 1}, ())
    settled = _settle(split, ties, {"A": 1, "X": 1, "C": 2}, weighted=False)
    assert dict(settled.side) == {"A": 0, "C": 1, "X": 0}
    assert settled.frustration == 1.0 and settled.frustrated == (SignedTie("C", "X", 1, 1.0),)


def test_compare_rejects_top_below_one():
    with pytest.raises(OptionError, match="^top must be at least 1, got 0$"):
        compare(_k4(), Scenario("t", "", ()), at="2025", top=0)


def test_compare_defaults_to_the_scenario_day():
    sc = Scenario("t", "", ("s",), at=parse_date("2030-02"))
    assert compare(_k4(), sc).at == "2030-02-01"


def test_format_comparison_json_is_the_rounded_dict():
    c = compare(_k4(), Scenario("Peace", "why", ("s",), remove_relations=("bd",)), at="2025")
    data = json.loads(format_comparison(c, "json"))
    assert data["scores"]["frustration_index"] == {"before": 1.0, "after": 0.0, "change": -1.0}
    assert data["strain"] == {"entered": [], "left": [{"source": "B", "target": "D",
                                                        "before": {"sign": -1, "weight": 0.5}, "after": None,
                                                        "reason": "tie gone"}], "still": 0}
    assert data["relations"]["removed"][0]["id"] == "bd" and data["relations"]["removed"][0]["why"] == "removed"
    assert set(data["centrality"]["movers"]) == set(graph.METRICS[i].name for i in range(len(graph.METRICS)))


def test_format_comparison_table_reads_like_a_report():
    c = compare(_k4(), Scenario("Peace", "B and D make up.", ("s",), remove_relations=("bd",)), at="2025")
    text = format_comparison(c, "table")
    assert text.startswith("Scenario: Peace\n\nBaseline against scenario on 2025-01-01.\n\nB and D make up.\n\n"
                           "Sources: S (p, 2025).\n")
    assert "  removed bd (Actor B – Actor D): tension, security, weight 0.5\n" in text
    assert "  frustration index L (ties)                1         0      -1\n" in text
    assert "Ties that leave strain (1)\n--------------------------\n\n  Actor B (B) – Actor D (D): was in tension, " \
           "yet in the same camp (magnitude 0.5); tie gone\n" in text
    assert "\n0 ties stay under strain.\n" in text
    assert "  tension_strength\n      Actor B (B)       0.5 →        0      -0.5\n" in text


def test_format_comparison_markdown_and_unknown_format():
    c = compare(_k4(), Scenario("Peace", "", ("s",), remove_relations=("bd",)), at="2025")
    md = format_comparison(c, "markdown", metrics=("tension_strength",))
    assert md.startswith("# Scenario: Peace\n") and "| frustration index L (ties) | 1 | 0 | -1 |" in md
    assert "- tension_strength\n  - Actor B (B): 0.5 → 0 (-0.5)\n" in md
    with pytest.raises(OptionError, match="unknown format 'csv'; choose one of: table, json, markdown"):
        format_comparison(c, "csv")
    with pytest.raises(OptionError, match="unknown metric 'degre'"):
        format_comparison(c, "table", metrics=("degre",))


# --------------------------------------------------------------------------------------------
# the shipped scenarios, against the bundled dataset


SHIPPED_NAMES = ["israel_ties_cool", "russia_iran_corridor_grip", "trade_passes_1bn", "zangezur_route_opens"]
DAY = "2026-06-01"


def _pair(ds: Dataset, name: str, a: str, b: str, at: str = DAY) -> float:
    g = layer(snapshot(ds, at), name)
    return g[a][b]["weight"] * g[a][b].get("sign", 1) if g.has_edge(a, b) else 0.0


@pytest.fixture(scope="module")
def shipped(bundled) -> dict[str, tuple[Scenario, Dataset]]:
    out = {}
    for name in SHIPPED_NAMES:
        sc = load_scenario(SHIPPED / f"{name}.yaml", bundled)
        out[name] = (sc, apply_scenario(bundled, sc))
    return out


def test_shipped_scenarios_are_the_four_of_the_readme():
    assert sorted(p.stem for p in SHIPPED.glob("*.yaml")) == SHIPPED_NAMES
    readme = (SHIPPED / "README.md").read_text("utf-8")
    for name in SHIPPED_NAMES:
        assert f"`{name}.yaml`" in readme


@pytest.mark.parametrize("name", SHIPPED_NAMES)
def test_shipped_scenario_validates_against_the_bundled_data(name, bundled):
    path = SHIPPED / f"{name}.yaml"
    assert validate_scenario(path, bundled) == []
    sc = load_scenario(path)
    assert "seed-2025" in sc.sources and str(sc.at) == DAY and len(sc.rationale) > 200


@pytest.mark.parametrize("name", SHIPPED_NAMES)
def test_shipped_scenario_paraphrases_the_seed(name):
    # no run of seven words of the rationale or of any evidence is taken from the article
    if not SEED.exists():
        pytest.skip("the seed article is not available here")

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9$]+", text.lower().replace("’", "'"))

    seed = words(SEED.read_text("utf-8"))
    runs = {tuple(seed[i:i + 7]) for i in range(len(seed) - 6)}
    sc = load_scenario(SHIPPED / f"{name}.yaml")
    texts = [sc.rationale] + [r.evidence for r in sc.add_relations] + [str(c.fields.get("evidence", ""))
                                                                       for c in sc.change_relations]
    for text in texts:
        w = words(text)
        assert not [" ".join(w[i:i + 7]) for i in range(len(w) - 6) if tuple(w[i:i + 7]) in runs]


@pytest.mark.parametrize("name", SHIPPED_NAMES)
def test_shipped_scenario_low_confidence_where_it_imagines(name, shipped):
    sc, _ = shipped[name]
    for r in sc.add_relations:
        assert r.confidence == "low" and r.evidence.startswith("Scenario:")
        assert "general-knowledge" not in r.sources or "general knowledge" in r.evidence


def test_israel_scenario_cools_baku_and_tel_aviv(bundled, shipped):
    _, after = shipped["israel_ties_cool"]
    # the security partnership falls from 0.7 to 0.3, and a diplomatic tension of 0.2 appears
    assert _pair(bundled, "alignment", "AZE", "ISR") == 0.7 and _pair(after, "alignment", "AZE", "ISR") == 0.3
    assert _pair(bundled, "tension", "AZE", "ISR") == 0.0 and _pair(after, "tension", "AZE", "ISR") == 0.2
    assert round(_pair(after, "signed", "AZE", "ISR"), 9) == 0.1 < _pair(bundled, "signed", "AZE", "ISR")
    c = compare(bundled, shipped["israel_ties_cool"][0], top=5)
    # Baku and Tel Aviv share a camp: the cooling leaves no tie under strain and moves no one
    assert c.outcome.split.side["AZE"] == c.outcome.split.side["ISR"]
    assert ("AZE", "ISR") not in {(t.source, t.target) for t in c.outcome.split.frustrated}
    assert c.outcome.weighted_frustration == c.baseline.weighted_frustration
    assert c.deltas.loc["AZE", "alignment_strength"] < 0 and c.deltas.loc["ISR", "tension_strength"] > 0
    assert c.camp_changes == ()


def test_russia_iran_scenario_turns_moscow_against_baku(bundled, shipped):
    sc, after = shipped["russia_iran_corridor_grip"]
    assert _pair(after, "alignment", "RUS", "IRN") > _pair(bundled, "alignment", "RUS", "IRN")
    # AZE–RUS goes from ambivalent (0.5 against 0.51) to net tension
    assert _pair(bundled, "signed", "AZE", "RUS") == 0 > _pair(after, "signed", "AZE", "RUS")
    c = compare(bundled, sc, top=5)
    # the two are already in opposite camps: one more signed tie, and none enters strain
    assert c.entered_strain == () and c.outcome.frustration_index == c.baseline.frustration_index
    assert c.outcome.triangle_balance < c.baseline.triangle_balance
    assert c.deltas.loc["AZE", "tension_strength"] > 0.3 and c.deltas.loc["RUS", "tension_strength"] > 0.3
    assert c.after.loc["AZE", "signed_eigenvector"] < c.before.loc["AZE", "signed_eigenvector"] < 0


def test_trade_scenario_raises_trade_and_leaves_tension(bundled, shipped):
    _, after = shipped["trade_passes_1bn"]
    trade = next(r for r in after.relations if r.id == "aze-irn-trade")
    assert trade.weight == 0.8 and trade.attributes["trade_2026_usd"] == 1_000_000_000
    assert trade.attributes["trade_2024_usd"] == 580_000_000
    assert _pair(after, "alignment", "AZE", "IRN") > _pair(bundled, "alignment", "AZE", "IRN")
    assert _pair(after, "tension", "AZE", "IRN") == _pair(bundled, "tension", "AZE", "IRN")


def test_zangezur_scenario_opens_the_route_in_march_2026(bundled, shipped):
    sc, after = shipped["zangezur_route_opens"]
    # before the opening the scenario's graph is the bundled one, to the last relation
    for at in ("2025-03-01", "2026-02-28"):
        assert {r.id for r in snapshot(after, at).relations} == {r.id for r in snapshot(bundled, at).relations}
    live = {r.id for r in snapshot(after, DAY).relations}
    assert {"zangezur-aze-open", "zangezur-irn-open", "zangezur-nakhchivan-open"} <= live
    assert not {"zangezur-aze", "zangezur-irn", "zangezur-nakhchivan", "zangezur-arm-bypass"} & live
    # the route is an arena: its own figures change, the agents' camps do not
    from graph.analysis.arenas import arenas

    route = lambda d: {a.id: a for a in arenas(d, DAY)}["ZANGEZUR-IR"]  # noqa: E731
    before, now = route(bundled), route(after)
    assert [s.agent for s in before.supporters] == ["AZE", "IRN"]
    assert sorted(s.agent for s in now.supporters) == ["AZE", "IRN", "KAZ", "TKM"]
    assert now.opponents[0].contest > before.opponents[0].contest and now.contested > before.contested
    c = compare(bundled, sc, top=5)
    assert c.camp_changes == () and c.outcome.frustration_index == c.baseline.frustration_index
    assert [e.id for e in after.events][-1] == "zangezur-route-opens-2026"


def test_scenarios_readme_figures_match_the_data(bundled, shipped):
    from graph.analysis.arenas import arenas

    text = " ".join((SHIPPED / "README.md").read_text("utf-8").split())
    grip = compare(bundled, shipped["russia_iran_corridor_grip"][0])
    assert f"triangle balance falls from {grip.baseline.triangle_balance:.2f} to {grip.outcome.triangle_balance:.2f}" in text
    assert f"frustration index stays at {grip.outcome.frustration_index:.0f}" in text
    eig = grip.before.loc["AZE", "signed_eigenvector"], grip.after.loc["AZE", "signed_eigenvector"]
    assert f"({eig[0]:.2f} → {eig[1]:.2f})".replace("-", "−") in text
    assert f"net tension ({_pair(shipped['russia_iran_corridor_grip'][1], 'signed', 'AZE', 'RUS'):.2f})".replace(
        "-", "−") in text
    cool = compare(bundled, shipped["israel_ties_cool"][0])
    assert cool.baseline.weighted_frustration == cool.outcome.weighted_frustration
    assert f"weighted frustration stays at {cool.outcome.weighted_frustration:.2f}" in text
    share = cool.before.loc["ISR", "tension_share"], cool.after.loc["ISR", "tension_share"]
    assert f"tension share rises from {share[0]:.2f} to {share[1]:.2f}" in text
    route = compare(bundled, shipped["zangezur_route_opens"][0])
    assert f"(frustration score {route.baseline.frustration_score:.3f} → {route.outcome.frustration_score:.3f})" in text
    odds = [{a.id: a for a in arenas(d, DAY)}["ZANGEZUR-IR"].contested for d in (bundled, shipped["zangezur_route_opens"][1])]
    assert f"from {round(100 * odds[0])} % to {round(100 * odds[1])} %" in text
    trade = shipped["trade_passes_1bn"][1]
    assert (f"combined alignment rises only from {_pair(bundled, 'alignment', 'AZE', 'IRN'):.3f} to "
            f"{_pair(trade, 'alignment', 'AZE', 'IRN'):.3f}") in text
    assert ("AZE", "IRN") in graph.network.network(trade, DAY).signed.graph["ambivalent"]


def test_headline_metrics_exist():
    names = {m.name for m in graph.METRICS}
    assert set(HEADLINE_METRICS) <= names


def test_data_readme_documents_the_scenario_format():
    from graph.scenario import ACTOR_CHANGE_KEYS, HEADER_KEYS, RELATION_CHANGE_KEYS, TOP_KEYS

    body = (ROOT / "data" / "README.md").read_text("utf-8").split("## Scenarios")[1].split("\n## ")[0]
    for key in TOP_KEYS + HEADER_KEYS + RELATION_CHANGE_KEYS + ACTOR_CHANGE_KEYS:
        assert f"`{key}" in body, key
    for code in ("unknown-relation", "scenario-conflict", "duplicate-id", "unknown-actor", "until-before-since"):
        assert f"`{code}`" in body, code


def test_data_readme_scenario_example_applies_to_the_bundled_data(tmp_path, bundled):
    body = (ROOT / "data" / "README.md").read_text("utf-8").split("## Scenarios")[1]
    example = tmp_path / "example.yaml"
    example.write_text(re.search(r"```yaml\n(.*?)```", body, flags=re.S).group(1), "utf-8")
    assert validate_scenario(example, bundled) == []


def test_compare_refuses_a_network_that_forgot_its_dataset():
    import graph
    from graph.analysis.scenario_compare import compare
    from graph.errors import OptionError
    from graph.network import Network, network

    ds = graph.load()
    scenario = graph.load_scenario(ROOT / "data" / "scenarios" / "zangezur_route_opens.yaml", ds)
    # a network of a bare snapshot cannot see the scenario's relations from later days
    with pytest.raises(OptionError, match="does not remember"):
        compare(Network.of(graph.snapshot(ds, "2026-06-01")), scenario)
    # one taken with network() remembers its dataset and gives what the dataset and at= give
    assert (compare(network(ds, "2026-06-01"), scenario).to_dict()
            == compare(ds, scenario, at="2026-06-01").to_dict())

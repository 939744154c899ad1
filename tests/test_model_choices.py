"""The model around the numbers: agents and arenas, the combining rule, ambivalence and filters."""

from pathlib import Path

import pytest
from click.testing import CliRunner

import graph
from cli import main
from graph.analysis.arenas import arenas
from graph.analysis.balance import balance, frustration_index, triangle_balance, signed_triangles
from graph.analysis.centrality import centrality
from graph.errors import OptionError
from graph.model import Actor, Dataset
from graph.network import Model, Network, layer, network
from graph.selection import View, select

from _helpers import rel

STATES = tuple(Actor(x, x, "state") for x in "ABCD")


def _ds(*relations, actors=STATES) -> Dataset:
    return Dataset(actors=actors, relations=tuple(relations))


# --- combining that does not count rows ---------------------------------------------------------

def test_a_repeated_record_changes_no_tie_and_no_metric():
    base = _ds(rel("ab", "A", "B", "alignment", 0.6), rel("bc", "B", "C", "tension", 0.7),
               rel("ac", "A", "C", "alignment", 0.3, "security"), rel("cd", "C", "D", "alignment", 0.5))
    again = _ds(*base.relations, rel("ab-again", "A", "B", "alignment", 0.6),
                rel("ab-weaker", "A", "B", "alignment", 0.4), rel("bc-again", "B", "C", "tension", 0.7))
    one, two = Network.of(base), Network.of(again)
    for name in ("alignment", "tension", "signed"):
        assert sorted(one.layer(name).edges(data="weight")) == sorted(two.layer(name).edges(data="weight"))
    assert centrality(one).equals(centrality(two))
    assert balance(one).split.frustration == balance(two).split.frustration


def test_a_stronger_record_shows_and_a_new_domain_adds():
    base = _ds(rel("ab", "A", "B", "alignment", 0.5))
    stronger = _ds(*base.relations, rel("ab2", "A", "B", "alignment", 0.8))
    wider = _ds(*base.relations, rel("ab3", "A", "B", "alignment", 0.5, "security"))
    w = lambda ds: layer(ds, "alignment")["A"]["B"]["weight"]
    assert (w(base), w(stronger), w(wider)) == (0.5, 0.8, 0.75)


def test_the_other_rules_are_selectable_and_noisy_or_counts_rows():
    ds = _ds(*(rel(f"r{i}", "A", "B", "alignment", 0.5) for i in range(3)))
    w = {rule: layer(ds, "alignment", model=Model(combine=rule))["A"]["B"]["weight"]
         for rule in ("domain-max", "noisy-or", "max", "mean")}
    assert w == {"domain-max": 0.5, "noisy-or": 0.875, "max": 0.5, "mean": 0.5}


def test_a_dataset_sets_its_own_rule_and_a_bad_one_names_file_and_line(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("combine: noisy-or\nactors:\n  - {id: A, name: A, kind: state}\n  - {id: B, name: B, kind: state}\n"
                    "relations:\n" + "".join(f"  - {{id: r{i}, between: [A, B], kind: alignment, domain: economic, "
                                             f"weight: 0.5, evidence: e, sources: [s]}}\n" for i in range(2))
                    + "sources:\n  s: {title: T, publisher: P, date: 2025}\n", encoding="utf-8")
    ds = graph.load(good)
    assert ds.combine == "noisy-or" and layer(ds, "alignment")["A"]["B"]["weight"] == 0.75
    assert layer(ds, "alignment", model=Model(combine="max"))["A"]["B"]["weight"] == 0.5  # the option wins
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("combine: noisy-or", "combine: loudest"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1:10" in result.stderr and "loudest" in result.stderr and "Traceback" not in result.output


# --- ambivalence --------------------------------------------------------------------------------

def test_an_exactly_even_pair_is_ambivalent_and_counts_in_no_sign_only_measure():
    triangle = (rel("bc", "B", "C", "alignment", 0.8), rel("ac", "A", "C", "alignment", 0.8))
    even = _ds(*triangle, rel("ab+", "A", "B", "alignment", 0.5), rel("ab-", "A", "B", "tension", 0.5, "security"))
    without = _ds(*triangle)
    net = Network.of(even)
    assert net.signed.graph["ambivalent"] == [("A", "B")] and not net.signed.has_edge("A", "B")
    assert signed_triangles(even)[0] == signed_triangles(without)[0]
    assert frustration_index(even).frustration == frustration_index(without).frustration == 0
    assert triangle_balance(signed_triangles(even)[0]) is None


def test_floating_point_noise_is_no_sign():
    # 0.1 and 0.2 combine to 0.28 in theory, 0.28000000000000003 in floating point
    ds = _ds(rel("x", "A", "B", "alignment", 0.1), rel("y", "A", "B", "alignment", 0.2, "security"),
             rel("z", "A", "B", "tension", 0.28))
    net = network(ds, model=Model(ambivalence=0.0))
    assert net.signed.graph["ambivalent"] == [("A", "B")]
    assert frustration_index(net).frustration == 0


def test_the_band_is_an_option_and_a_bad_band_is_refused():
    ds = _ds(rel("p", "A", "B", "alignment", 0.9), rel("n", "A", "B", "tension", 0.8, "security"))
    assert Network.of(ds).signed.graph["ambivalent"] == []          # 0.1 of 0.9 = 0.09 < 0.1
    assert Network.of(ds, Model(ambivalence=0.2)).signed.graph["ambivalent"] == [("A", "B")]
    with pytest.raises(OptionError, match="below 1"):
        Model(ambivalence=1.0)


# --- agents and arenas --------------------------------------------------------------------------

SEA = Actor("SEA", "A sea", "region")


def test_a_shared_arena_glues_no_camp_and_gets_its_own_figures():
    # A and B are rivals who both hold a stake in the sea; C contests it
    ds = _ds(rel("ab", "A", "B", "tension", 0.8), rel("as", "A", "SEA", "alignment", 0.9),
             rel("bs", "B", "SEA", "alignment", 0.9), rel("cs", "C", "SEA", "tension", 0.5),
             actors=STATES + (SEA,))
    net = Network.of(ds)
    assert "SEA" not in net.alignment and {a.id for a in net.arenas} == {"SEA"} and len(net.stakes) == 3
    side = balance(net).split.side
    assert side["A"] != side["B"]
    sea, = arenas(net)
    assert [s.agent for s in sea.supporters] == ["A", "B"] and [s.agent for s in sea.opponents] == ["C"]
    assert sea.at_odds == (("A", "B"), ("A", "C"), ("B", "C")) and sea.contested == 1.0
    # with arenas as nodes the sea joins A and B: the split is strained, as before this model
    assert "SEA" in Network.of(ds, Model(with_arenas=True)).alignment
    assert frustration_index(Network.of(ds, Model(with_arenas=True))).frustration == 1


def test_bundled_data_camps_hold_no_arena_and_azerbaijan_sits_with_turkey():
    net = network(graph.load(), "2025-03-01")
    side = balance(net).split.side
    assert not any(a.kind in ("project", "region") for a in net.actors)
    assert side["AZE"] == side["TUR"]


# --- filters ------------------------------------------------------------------------------------

def test_filters_keep_only_what_they_say():
    ds = graph.load()
    high = select(ds, min_confidence="high")
    assert high.relations and {r.confidence for r in high.relations} == {"high"}
    security = select(ds, domains=["security", "military"])
    assert {r.domain for r in security.relations} == {"security", "military"}
    states = select(ds, kinds=["state"])
    assert {a.kind for a in states.actors} == {"state"}
    ids = {a.id for a in states.actors}
    assert all(r.source in ids and r.target in ids for r in states.relations)
    plain = select(ds, exclude_sources=["general-knowledge"])
    assert all(set(r.sources) - {"general-knowledge"} for r in plain.relations)
    assert len(plain.relations) < len(ds.relations)
    assert select(ds) is ds


@pytest.mark.parametrize("args, flag", [
    (["--min-confidence", "sure"], "--min-confidence"),
    (["--domain", "nautical"], "--domain"),
    (["--kinds", "state,planet"], "--kinds"),
    (["--exclude-source", "rumour"], "--exclude-source"),
    (["--combine", "loudest"], "--combine"),
    (["--ambivalence", "2"], "--ambivalence"),
])
def test_a_bad_filter_or_model_value_is_a_usage_error_naming_its_flag(args, flag):
    result = CliRunner().invoke(main, ["balance", "--at", "2025", *args])
    assert result.exit_code == 2 and flag in result.stderr and "Traceback" not in result.output


def test_every_analysis_command_reads_the_view():
    runner = CliRunner()
    for command in (["centrality"], ["balance"], ["arenas"], ["explain", "AZE", "TUR"],
                    ["timeline", "--from", "2024", "--to", "2025"], ["diff", "--from", "2024", "--to", "2025"],
                    ["scenario", "data/scenarios/zangezur_route_opens.yaml"]):
        result = runner.invoke(main, [*command, "--at", "2025-03-01"] if command[0] not in ("timeline", "diff")
                               else command, catch_exceptions=False)
        assert result.exit_code == 0, (command, result.output)
        help_text = runner.invoke(main, [command[0], "--help"]).stdout
        for flag in ("--combine", "--with-arenas", "--min-confidence", "--domain", "--exclude-source", "--kinds"):
            assert flag in help_text, (command[0], flag)


def test_the_view_travels_to_other_days():
    view = View(Model(combine="noisy-or"), min_confidence="medium")
    net = view.network(graph.load(), "2025-03-01")
    from graph.analysis.temporal import timeline_states

    states = timeline_states(net, "2024", "2025")
    assert all(s.model == net.model for s in states.states)
    assert all(r.confidence != "low" for s in states.states for r in s.relations)

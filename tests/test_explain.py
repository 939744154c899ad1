"""`explain`: the whole story of one pair (graph/analysis/explain.py)."""

import json

import pytest
from click.testing import CliRunner

import graph
from cli import main
from graph.analysis.explain import explain
from graph.errors import OptionError


def test_explain_aze_irn_lists_every_relation_event_and_source():
    ds = graph.load()
    story = explain(ds, "AZE", "IRN", at="2025-03-01")
    assert {r.id for r in story.relations} == {r.id for r in ds.relations if r.pair == ("AZE", "IRN")}
    assert "aze-irn-diplomatic-1919" not in story.in_force      # ended in 1920
    assert {e.id for e in story.events} >= {"asadov-aref-2025", "asadov-pezeshkian-2025", "spy-scandals-2023"}
    data = story.to_dict()
    assert all(r["sources"] and r["evidence"] for r in data["relations"])


def test_explain_balance_verdict_by_hand(hand_graph):
    # A–B: alignment 0.5, tension 0.3 → net +; third C: A+C (0.2) and B+C (0.5) push towards +.
    story = explain(hand_graph, "A", "B", at="2025")
    assert story.sign == 1
    assert [(t.third, t.pushes) for t in story.triads] == [("C", 1)]
    assert story.pushed == pytest.approx(0.2 * 0.5)
    assert story.consistent is True and story.frustrated is False


def test_explain_unknown_actor_suggests():
    with pytest.raises(OptionError, match="unknown actor 'Iran'; did you mean 'IRN'"):
        explain(graph.load(), "AZE", "Iran")


def test_cli_explain_with_and_without_dataset(tmp_path):
    runner = CliRunner()
    bundled = runner.invoke(main, ["explain", "AZE", "IRN", "--at", "2025-03-01", "--format", "json"])
    explicit = runner.invoke(main, ["explain", str(graph.bundled_path()), "AZE", "IRN", "--at", "2025-03-01",
                                    "--format", "json"])
    assert bundled.exit_code == explicit.exit_code == 0
    assert json.loads(bundled.stdout) == json.loads(explicit.stdout)
    text = runner.invoke(main, ["explain", "AZE", "IRN", "--at", "2025-03-01"]).stdout
    assert text.startswith("Azerbaijan (AZE) and Iran (IRN), on 2025-03-01\n")
    assert "What balance theory says" in text
    bad = runner.invoke(main, ["explain", "AZE"])
    assert bad.exit_code == 2 and "explain takes [DATASET] A B" in bad.stderr


def test_explain_marks_events_after_the_snapshot_day_as_future():
    # the bundled data forecasts the Rasht–Astara railway for 2025-12: on 2025-03-01 it has not
    # happened; a partial date stands for its first day, so on 2025-12-01 it has
    story = explain(graph.load(), "AZE", "IRN", at="2025-03-01")
    assert story.future == ("rasht-astara-completion",)
    events = {e["id"]: e["future"] for e in story.to_dict()["events"]}
    assert events["rasht-astara-completion"] is True and events["asadov-pezeshkian-2025"] is False
    assert explain(graph.load(), "AZE", "IRN", at="2025-12-01").future == ()
    result = CliRunner().invoke(main, ["explain", "AZE", "IRN", "--at", "2025-03-01"])
    line, = [x for x in result.stdout.splitlines() if x.startswith("  2025-12:")]
    assert line.endswith("[not yet: after this date]")
    assert sum("[not yet" in x for x in result.stdout.splitlines()) == 1


def test_explain_strengths_follow_the_layers_combining_rule(hand_graph):
    # a record written twice is one record under the default rule, as in every layer
    from dataclasses import replace

    from graph.network import Model, network

    from _helpers import rel

    twice = replace(hand_graph, relations=hand_graph.relations + (rel("ab-again", "A", "B", "alignment", 0.5),))
    story = explain(twice, "A", "B", at="2025")
    assert (story.alignment, story.tension) == (0.5, 0.3)
    noisy = explain(network(twice, "2025", model=Model(combine="noisy-or")), "A", "B")
    assert noisy.alignment == pytest.approx(0.75)


def test_explain_an_ambivalent_pair_has_no_sign(hand_graph):
    from dataclasses import replace

    from _helpers import rel

    # A–B: alignment 0.5 against tension 0.48: the net 0.02 is within a tenth of the stronger side
    # (0.05), the default band, so the pair has no sign, as in the signed layer
    even = replace(hand_graph, relations=tuple(r for r in hand_graph.relations if r.id != "ab-t")
                   + (rel("ab-t", "A", "B", "tension", 0.48, "security"),))
    story = explain(even, "A", "B", at="2025")
    assert story.ambivalent and story.sign == 0 and story.consistent is None
    assert story.to_dict()["tie"]["ambivalent"] is True
    from graph.report import format_explanation

    assert "ambivalent, too even to give a sign" in format_explanation(story)


def test_explain_json_says_whether_its_split_is_proven(tmp_path):
    import itertools

    path = tmp_path / "clique.csv"
    path.write_text("source,target,sign\n" + "".join(f"A{i},A{j},-1\n" for i, j in itertools.combinations(range(12), 2)))
    data = explain(graph.load(path), "A0", "A1").to_dict()["balance"]
    # 12 actors all in tension: two camps of 6, 2 C(6, 2) = 30 ties strained, proven by the lower bound
    assert (data["split_status"], data["split_lower_bound"]) == ("proven", 30)

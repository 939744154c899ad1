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

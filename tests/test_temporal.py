"""Timelines and diffs (graph/analysis/temporal.py) on a handmade dataset with known answers."""

import json

import pytest
from click.testing import CliRunner

import graph
from cli import main
from graph.analysis.temporal import MAX_PERIODS, count_periods, diff, timeline, timeline_states
from graph.errors import OptionError
from graph.model import Actor, Dataset

from _helpers import rel


@pytest.fixture
def story() -> Dataset:
    """A–B aligned from 2020, B–C from 2021, A–C in tension from 2022 until (exclusive) 2024."""
    return Dataset(actors=tuple(Actor(x, x, "state") for x in "ABC"), relations=(
        rel("ab", "A", "B", "alignment", 0.5, since="2020"),
        rel("bc", "B", "C", "alignment", 0.5, since="2021"),
        rel("ac", "A", "C", "tension", 0.8, "security", since="2022", until="2024")))


def values(rows, metric, actor=None):
    part = rows[(rows.metric == metric) & ((rows.actor == actor) if actor else rows.actor.isna())]
    return part.value.tolist()


def test_timeline_graph_metrics_by_hand(story):
    rows = timeline(story, "2019", "2024", metrics=[])
    assert sorted(set(rows.period)) == [f"{y}-01-01" for y in range(2019, 2025)]
    assert values(rows, "relations") == [0, 1, 2, 3, 3, 2]        # until 2024 is exclusive
    # the A–B–C triangle (+ + −) exists in 2022 and 2023 only: one tie must be cut
    assert values(rows, "frustration_index") == [0, 0, 0, 1, 1, 0]
    assert values(rows, "triangle_balance") == [None, None, None, 0.0, 0.0, None]
    assert values(rows, "density") == [0.0, 1 / 3, 2 / 3, 1.0, 1.0, 2 / 3]


def test_timeline_actor_metrics_and_camps(story):
    rows = timeline(story, "2021", "2022", metrics=["tension_strength", "camp"], actors=["A", "C"])
    assert values(rows, "tension_strength", "A") == [0.0, 0.8]
    assert set(rows.actor.dropna()) == {"A", "C"}
    assert values(rows, "camp", "A") == [1, values(rows, "camp", "A")[1]]


def test_timeline_quarter_steps_and_progress(story):
    calls = []
    rows = timeline(story, "2021-11-15", "2022-06-30", "quarter", metrics=[], progress=lambda d, t: calls.append((d, t)))
    assert sorted(set(rows.period)) == ["2021-11-15", "2022-01-01", "2022-04-01"]
    # each of the 3 periods built, then each analysed
    assert calls == [(k, 6) for k in range(1, 7)]
    calls.clear()
    timeline(timeline_states(story, "2021-11-15", "2022-06-30", "quarter"), metrics=[],
             progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 3), (2, 3), (3, 3)]     # states given: only the analysis is left


def test_timeline_rejects_bad_options(story):
    with pytest.raises(OptionError, match="unknown metric 'fame'"):
        timeline(story, "2020", "2021", metrics=["fame"])
    with pytest.raises(OptionError, match=r"^end 2021-01-01 comes before start 2022-01-01\. Hint: swap them\.$"):
        timeline(story, "2022", "2021")
    with pytest.raises(OptionError, match="^every 'week' is not a step; choose one of: year, quarter, month$"):
        timeline(story, "2020", "2021", "week")
    with pytest.raises(OptionError, match="unknown actor 'Z'"):
        timeline(story, "2020", "2021", actors=["Z"])


def test_cli_timeline_json_rows_give_frustration_per_period(tmp_path):
    result = CliRunner().invoke(main, ["timeline", "--from", "2021", "--to", "2025", "--format", "json",
                                       "--metric", "betweenness", "--actor", "AZE"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert set(rows[0]) == {"period", "actor", "metric", "value"}
    frustration = {r["period"]: r["value"] for r in rows if r["metric"] == "frustration_index"}
    ds = graph.load()
    for period, value in frustration.items():
        assert value == graph.balance(ds, at=period).frustration_index
    assert {r["actor"] for r in rows} == {None, "AZE"}


def test_cli_timeline_plot_writes_png(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "t.png"
    result = CliRunner().invoke(main, ["timeline", "--from", "2015", "--to", "2025", "--metric", "tension_strength",
                                       "--actor", "IRN", "--plot", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert result.stdout.startswith("period,actor,metric,value\n")


def test_diff_by_hand(story):
    d = diff(story, "2021", "2023")
    assert [r.id for r in d.appeared] == ["ac"] and d.ended == ()
    assert [(c["source"], c["target"], c["tension_after"]) for c in d.changed] == [("A", "C", 0.8)]
    assert (d.before.frustration_index, d.after.frustration_index) == (0, 1)
    # everyone tied at 0 (rank 1) before; after, A and C share rank 1 at 0.8 and B, still at 0,
    # is ranked 3: B's value did not move, so it made no move, and A's and C's rank did not change
    assert d.movers["tension_strength"] == []
    ended = diff(story, "2023", "2024")
    assert [r.id for r in ended.ended] == ["ac"]


def test_cli_diff_json_and_text():
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["diff", "--from", "2021", "--to", "2025-03", "--format", "json"]).stdout)
    assert set(data) >= {"from", "to", "appeared", "ended", "changed", "movers", "before", "after"}
    assert "aze-irn-intelligence" in {r["id"] for r in data["appeared"]}
    text = runner.invoke(main, ["diff", "--from", "2021", "--to", "2025-03"]).stdout
    assert text.startswith("What changed from 2021-01-01 to 2025-03-01\n")
    ds = graph.load()
    before, after = graph.balance(ds, at="2021").frustration_index, graph.balance(ds, at="2025-03").frustration_index
    assert f"frustration index: {before:g} → {after:g};" in text
    # every listed move is an actor whose own value changed
    assert all(m["before"] != m["after"] for moves in data["movers"].values() for m in moves)


def test_diff_moves_only_where_the_value_moved(story):
    # 2020: A–B aligned (A 0.5, B 0.5, C 0); 2023: and B–C (A 0.5, B 1.0, C 0.5), A–C in tension
    d = diff(story, "2020", "2023", metrics=["alignment_strength", "tension_strength", "pagerank"])
    moves = {m: [(x["actor"], x["rank_before"], x["rank_after"]) for x in v] for m, v in d.movers.items()}
    # C rose from 0 to 0.5 (rank 3 -> 2); A fell from rank 1 to 2 only because B rose past it: no move
    assert moves["alignment_strength"] == [("C", 3, 2)]
    # B stays at 0 tension while A and C gain some: B's rank changes, its value does not
    assert moves["tension_strength"] == []
    # C has no PageRank in 2020 (no alignment tie): it is not ranked then, and so has no move;
    # A's PageRank falls from 1/2 as C joins, B's too but it stays first
    assert moves["pagerank"] == [("A", 1, 2)]


def test_diff_takes_the_model_and_the_cli_its_flags(story):
    from graph.network import Model

    twice = Dataset(actors=story.actors, relations=story.relations + (
        rel("ab2", "A", "B", "alignment", 0.5, since="2022"),))
    # the repeated record changes nothing under the default rule, and shows under noisy-or
    assert [c["source"] + c["target"] for c in diff(twice, "2021", "2023").changed] == ["AC"]
    noisy = diff(twice, "2021", "2023", model=Model(combine="noisy-or")).changed
    assert [(c["source"] + c["target"], c["alignment_after"]) for c in noisy] == [("AB", 0.75), ("AC", 0.0)]
    result = CliRunner().invoke(main, ["diff", "--from", "2021", "--to", "2025-03", "--combine", "noisy-or",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    from graph.report import format_diff

    assert result.stdout == format_diff(graph.diff(graph.load(), "2021", "2025-03", model=Model(combine="noisy-or")),
                                        "json")
    assert result.stdout != CliRunner().invoke(main, ["diff", "--from", "2021", "--to", "2025-03",
                                                      "--format", "json"]).stdout


def test_date_range_names_the_parameter_at_fault():
    from graph.analysis.temporal import date_range

    with pytest.raises(OptionError, match="^start is required for a range") as caught:
        date_range(None, "2020")
    assert caught.value.naming({"start": "--from"}).startswith("--from is required")
    with pytest.raises(OptionError, match="^end '2020-13' is not a date"):
        date_range("2020", "2020-13")


def test_diff_and_timeline_word_a_reversed_range_alike(story):
    message = r"^end 2021-01-01 comes before start 2022-01-01\. Hint: swap them\.$"
    with pytest.raises(OptionError, match=message):
        diff(story, "2022", "2021")
    with pytest.raises(OptionError, match=message):
        timeline(story, "2022", "2021")


def test_timeline_states_given_keep_their_own_range(story):
    from graph.analysis.temporal import timeline_states

    states = timeline_states(story, "2020", "2021", "quarter")
    assert timeline_states(states) is states
    assert timeline(states, metrics=[]).equals(timeline(story, "2020", "2021", "quarter", metrics=[]))
    with pytest.raises(OptionError, match="^start and end are those of the timeline states given"):
        timeline(states, "2020", "2021")


def test_timeline_states_refuse_another_step_instead_of_ignoring_it():
    import graph
    from graph.errors import OptionError

    states = graph.timeline_states(graph.load(), "2020", "2025")
    with pytest.raises(OptionError) as caught:
        graph.timeline(states, every="month")
    assert str(caught.value) == "every 'month' is not the step of the timeline states given ('year'); leave it out"
    # the states' own step is fine, and so is leaving it out
    assert graph.timeline(states, every="year").equals(graph.timeline(states))


def test_range_analyses_read_a_network_from_its_whole_dataset():
    import graph

    ds = graph.load()
    net = graph.network.network(ds, "2025-03-01")
    # a range spans many days: a Network stands for the dataset it was taken from
    assert graph.timeline(net, "2020", "2025").equals(graph.timeline(ds, "2020", "2025"))
    assert graph.diff(net, "2021", "2025-03").to_dict() == graph.diff(ds, "2021", "2025-03").to_dict()

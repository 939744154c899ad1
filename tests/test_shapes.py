"""Degenerate shapes and bounded work: a star of thousands, metrics only where shown, period limits.

Issue #18: a star of 3,000 leaves took 24 s for ``centrality`` (PN fell back to the dense solve),
commands computed every metric whatever they showed, and ``timeline --from 0001 --to 9999 --every
month`` ran for minutes. These tests assert the behaviour, not timings: which solver runs, which
measures are computed, what is refused and what a terminal shows.
"""

from __future__ import annotations

import importlib.util
import os
import pty
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import graph
from cli import main
from graph.analysis import _engines, signed_centrality
from graph.analysis.centrality import centrality
from graph.analysis.temporal import MAX_PERIODS, diff, timeline
from graph.errors import OptionError
from graph.model import Actor, Dataset
from graph.network import Network

from _helpers import rel

ROOT = Path(__file__).resolve().parent.parent


def star(leaves: int, kinds: tuple[str, ...] = ("tension",), directed_every: int = 0) -> Dataset:
    """A hub tied to ``leaves`` actors, the kinds taken in turn; every ``directed_every``-th tie one-way."""
    actors = (Actor("HUB", "Hub", "state"),) + tuple(Actor(f"L{i:04d}", f"Leaf {i}", "state") for i in range(leaves))
    return Dataset(actors=actors, relations=tuple(
        rel(f"r{i}", "HUB", f"L{i:04d}", kinds[i % len(kinds)], 0.5 if i % 5 == 0 else 1.0,
            directed=bool(directed_every) and i % directed_every == 0)
        for i in range(leaves)))


def _refuse(name: str):
    def refused(*args, **kwargs):
        raise AssertionError(f"{name} was called")
    return refused


# -- PN on a star ----------------------------------------------------------------------------------

@pytest.mark.parametrize("kinds", [("tension",), ("alignment", "tension")])
def test_pn_of_a_star_is_solved_sparse_and_equals_the_dense_solve(monkeypatch, kinds):
    # a hub in tension with 300 actors: its row sum of |A| is 2 * 300 = 1 / beta, so the iteration's
    # Gershgorin test fails, yet the system is far from singular (beta * sigma_max ~ 2 sqrt(300) / 600)
    ds = star(300, kinds, directed_every=3)
    net = Network.of(ds)
    dense = {mode: signed_centrality._pn_dense(net, mode) for mode in ("all", "in", "out")}
    monkeypatch.setattr(signed_centrality, "_pn_dense", _refuse("the dense PN solve"))
    sparse = signed_centrality.pn_centralities(net, ("all", "in", "out"))
    for mode in dense:
        assert sparse[mode] == pytest.approx(dense[mode], abs=1e-12)


@pytest.mark.parametrize("kinds", [("tension",), ("alignment", "tension"), ("alignment",)])
def test_centrality_of_a_3000_leaf_star_decomposes_no_dense_matrix(monkeypatch, kinds):
    for name in ("solve", "lstsq", "svd", "eigh", "eigvalsh"):
        monkeypatch.setattr(np.linalg, name, _refuse(f"numpy.linalg.{name}"))
    report = centrality(star(3000, kinds), at="2025")
    # the hub's own walk sum: PN of a star in tension is below 1, allied above
    hub = float(report.loc["HUB", "pn"])
    assert (hub < 1.0) if kinds == ("tension",) else (hub > 1.0) if kinds == ("alignment",) else True
    assert int(report.loc["HUB", "degree"]) == 3000


def test_sparse_lu_declines_the_singular_edge_case():
    # two actors in full tension: beta * sigma_max(A) = 1; the dense least-norm path answers
    ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")),
                 relations=(rel("ab", "A", "B", "tension", 1.0),))
    assert signed_centrality._pn_sparse(Network.of(ds), ("all",)) is None
    assert signed_centrality.pn_centrality(ds) == pytest.approx({"A": 0.5, "B": 0.5})


def test_norm_bound_is_an_upper_bound_on_the_largest_singular_value():
    from scipy.sparse import csr_array

    rng = np.random.default_rng(0)
    for _ in range(20):
        a = rng.uniform(-2, 1, size=(30, 30)) * (rng.uniform(size=(30, 30)) < 0.1)
        assert signed_centrality._norm_bound(csr_array(a)) >= np.linalg.norm(a, 2) - 1e-12


# -- only what is shown ----------------------------------------------------------------------------

def test_centrality_with_metrics_computes_those_columns_only(monkeypatch):
    full = centrality(graph.load(), at="2025-03-01")
    monkeypatch.setattr(_engines, "path_measures", _refuse("betweenness"))
    monkeypatch.setattr(signed_centrality, "signed_eigenvector", _refuse("the signed eigenvector"))
    some = centrality(graph.load(), at="2025-03-01", metrics=["pn", "degree"])
    assert list(some.columns) == ["name", "kind", "degree", "pn"]
    assert some["pn"].equals(full["pn"]) and some["degree"].equals(full["degree"])   # NaN where no tie
    assert (some.attrs["engine"], some.attrs["betweenness"], some.attrs["pivots"]) == (None, None, None)


def test_centrality_with_metrics_adds_the_sort_column_and_suggests_names():
    top = centrality(graph.load(), at="2025-03-01", metrics=["degree"], sort="pagerank", top=3)
    assert list(top.columns) == ["name", "kind", "degree", "pagerank"]
    with pytest.raises(OptionError, match=r"unknown metric 'betweeness'; choose one of: degree, .*"
                                          r"Hint: did you mean 'betweenness'\?$"):
        centrality(graph.load(), metrics=["betweeness"])


@pytest.mark.parametrize("fmt", ["csv", "gexf", "graphml", "json"])
def test_export_without_metrics_computes_no_betweenness(monkeypatch, tmp_path, fmt):
    # gexf and graphml carry the page's drawing: node size and tooltip counts, never a path measure
    monkeypatch.setattr(_engines, "path_measures", _refuse("betweenness"))
    result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")])
    assert result.exit_code == 0, result.output


def test_export_with_metrics_computes_betweenness_once(monkeypatch, tmp_path):
    calls = []
    real = _engines.path_measures
    monkeypatch.setattr(_engines, "path_measures", lambda *a, **k: calls.append(1) or real(*a, **k))
    result = CliRunner().invoke(main, ["export", "--format", "json", "--at", "2025-03-01", "--with-metrics",
                                       "--no-drawing", "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    assert len(calls) == 1 and '"betweenness": ' in (tmp_path / "out.json").read_text("utf-8")


def test_figure_and_timeline_page_compute_only_the_size_metric(monkeypatch, tmp_path):
    from graph.render import render_timeline_html

    monkeypatch.setattr(_engines, "path_measures", _refuse("betweenness"))
    monkeypatch.setattr(signed_centrality, "pn_centralities", _refuse("PN"))
    assert render_timeline_html(graph.load(), "2022", "2025").startswith("<!DOCTYPE html>")
    result = CliRunner().invoke(main, ["render", "--at", "2025-03-01", "-o", str(tmp_path / "g.svg")])
    assert result.exit_code == 0, result.output
    with pytest.raises(AssertionError, match="betweenness was called"):
        render_timeline_html(graph.load(), "2022", "2025", size_by="betweenness")


def test_page_computes_betweenness_once_for_its_panel(monkeypatch):
    # the side panel lists every metric with its rank: the page needs them all, once
    calls = []
    real = _engines.path_measures
    monkeypatch.setattr(_engines, "path_measures", lambda *a, **k: calls.append(1) or real(*a, **k))
    graph.render_html(graph.load(), at="2025-03-01")
    assert len(calls) == 1


def test_timeline_and_diff_compute_only_their_metrics(monkeypatch):
    monkeypatch.setattr(signed_centrality, "signed_eigenvector", _refuse("the signed eigenvector"))
    diff(graph.load(), "2021", "2025-03")           # movers of six metrics, none of them signed_eigenvector
    monkeypatch.setattr(_engines, "path_measures", _refuse("betweenness"))
    rows = timeline(graph.load(), "2023", "2025", metrics=["alignment_strength"])
    assert set(rows.metric.dropna()) >= {"alignment_strength", "frustration_index"}
    timeline(graph.load(), "2023", "2025", metrics=[])


# -- bounded periods -------------------------------------------------------------------------------

def test_timeline_over_more_periods_than_the_limit_is_refused_with_their_number():
    with pytest.raises(OptionError) as caught:
        timeline(graph.load(), "0001", "9999", "month")
    # 9,998 whole years of 12 months, and January 9999
    assert str(caught.value) == ("119,977 periods from 0001-01-01 to 9999-01-01 by month; the limit is 1,200. "
                                 "Hint: use a shorter range: at most 1,200 months.")
    with pytest.raises(OptionError, match=r"^4,000 periods from 1000-01-01 to 1999-10-01 by quarter; the limit "
                                          r"is 1,200\. Hint: use every year or a shorter range\.$"):
        timeline(graph.load(), "1000", "1999-10", "quarter")


def test_a_range_of_exactly_the_limit_is_taken(monkeypatch):
    from graph.analysis import temporal

    monkeypatch.setattr(temporal, "MAX_PERIODS", 3)
    assert len(temporal.timeline_states(graph.load(), "2020", "2022").periods) == 3
    with pytest.raises(OptionError, match="^4 periods"):
        temporal.timeline_states(graph.load(), "2020", "2023")
    assert MAX_PERIODS == 1200


@pytest.mark.parametrize("command", [["timeline"], ["render", "-o", "never.html"]])
def test_cli_refuses_a_range_past_the_limit_with_exit_2(tmp_path, command):
    result = CliRunner().invoke(main, [*command, "--from", "1500", "--to", "2025", "--every", "month"])
    assert result.exit_code == 2
    # 525 years of 12 months, and January 2025
    assert ("Error: 6,301 periods from 1500-01-01 to 2025-01-01 by month; the limit is 1,200. "
            "Hint: use --every year or a shorter range.") in result.output
    assert not (tmp_path / "never.html").exists()


# -- progress on a terminal ------------------------------------------------------------------------

def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal (stdout piped); its exit code and what the terminal showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=follower, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return proc.wait(timeout=120), shown.decode("utf-8", "replace")


def test_timeline_shows_a_bar_on_a_terminal():
    code, shown = _on_a_terminal(["timeline", "--from", "2020", "--to", "2025"], ROOT)
    assert code == 0
    assert "snapshots" in shown and "100%" in shown


def test_export_with_metrics_of_a_large_dataset_shows_a_bar_on_a_terminal(tmp_path):
    edges = tmp_path / "ring.csv"
    edges.write_text("source,target,sign\n" + "".join(f"A{i},A{(i + 1) % 1000},1\n" for i in range(1000)),
                     encoding="utf-8")
    code, shown = _on_a_terminal(["export", str(edges), "--format", "csv", "--at", "2025", "--with-metrics",
                                  "-o", str(tmp_path / "tables")], ROOT)
    assert code == 0
    assert "metrics" in shown and "100%" in shown


def test_diff_counts_its_stages():
    calls = []
    diff(graph.load(), "2021", "2025-03", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(k, 5) for k in range(6)]


# -- the benchmark's shapes ------------------------------------------------------------------------

def test_benchmark_reference_has_the_stars_actors_ties_and_signs(tmp_path):
    spec = importlib.util.spec_from_file_location("degenerate_shapes", ROOT / "benchmarks" / "degenerate_shapes.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    shapes = bench.shapes(tmp_path, "mixed")
    star_ds, random_ds, clique_ds = (graph.load(shapes[k][0]) for k in ("star", "random", "clique"))
    assert len(clique_ds.actors) == 60 and len(clique_ds.relations) == 1770
    assert {a.id for a in star_ds.actors} == {a.id for a in random_ds.actors} and len(star_ds.actors) == 3001
    assert sorted(r.kind for r in star_ds.relations) == sorted(r.kind for r in random_ds.relations)
    assert len({r.pair for r in random_ds.relations}) == 3000

"""Progress of long work: counted in the library, a bar on a terminal, nothing when piped."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import graph
from graph.analysis.temporal import timeline_states
from graph.render import render_timeline_html

ROOT = Path(__file__).resolve().parent.parent


def _calls(run) -> list[tuple[int, int]]:
    calls: list[tuple[int, int]] = []
    run(lambda done, total: calls.append((done, total)))
    return calls


def test_centrality_counts_its_stages():
    calls = _calls(lambda p: graph.centrality(graph.load(), at="2025", progress=p))
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_page_counts_its_stages():
    calls = _calls(lambda p: graph.render_html(graph.load(), at="2025", progress=p))
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_timeline_page_counts_each_period_built_and_analysed_then_layout_and_page():
    calls = _calls(lambda p: render_timeline_html(graph.load(), "2018", "2025", progress=p))
    # 8 yearly periods built, then analysed (a state counts for each period that has it), layout, page
    assert calls[0] == (0, 18) and calls[-1] == (18, 18)
    assert [done for done, _ in calls[:9]] == list(range(9))
    assert all(total == 18 for _, total in calls) and [d for d, _ in calls] == sorted({d for d, _ in calls})
    page = render_timeline_html(graph.load(), "2018", "2025")
    # one step per distinct state the page holds
    assert len(calls) == 1 + 8 + page.count('"frustration":') + 2


def test_timeline_page_of_given_states_counts_only_the_analysis():
    states = timeline_states(graph.load(), "2018", "2025")
    calls = _calls(lambda p: render_timeline_html(states, progress=p))
    assert calls[0] == (0, 10) and calls[-1] == (10, 10) and len(calls) == 1 + len(states.states) + 2


def _large_dataset(folder: Path, n: int = 1_000) -> Path:
    """A ring of ``n`` allied actors: large enough for the CLI to show its stages."""
    lines = ["sources:", "  s: {title: Ring, publisher: tests, date: '2025'}", "actors:"] + [f"  - {{id: A{i:04d}, name: Actor {i}, kind: state}}" for i in range(n)]
    lines += ["relations:"] + [f"  - {{between: [A{i:04d}, A{(i + 1) % n:04d}], kind: alignment, domain: economic, "
                               f"weight: 0.5, evidence: A tie of the ring., sources: [s]}}" for i in range(n)]
    path = folder / "ring.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal (stdout piped); its exit code and what the terminal showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=follower, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:          # the terminal closes when the process ends
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return proc.wait(timeout=120), shown.decode("utf-8", "replace")


def test_render_of_a_large_graph_shows_a_bar_on_a_terminal_and_nothing_when_piped(tmp_path):
    data = _large_dataset(tmp_path)
    code, shown = _on_a_terminal(["render", str(data), "--at", "2025", "-o", str(tmp_path / "tty.html")])
    assert code == 0
    assert "rendering" in shown and "100%" in shown
    piped = subprocess.run([sys.executable, str(ROOT / "cli.py"), "render", str(data), "--at", "2025",
                            "-o", str(tmp_path / "piped.html")], cwd=ROOT, capture_output=True, text=True)
    assert piped.returncode == 0
    assert piped.stderr == f"wrote {tmp_path / 'piped.html'}\n"
    # the bar changes nothing in what is written
    assert (tmp_path / "tty.html").read_bytes() == (tmp_path / "piped.html").read_bytes()


def test_centrality_of_the_small_bundled_graph_shows_no_bar_on_a_terminal():
    code, shown = _on_a_terminal(["centrality", "--top", "3"])
    assert code == 0
    assert "centrality  [" not in shown and "%" not in shown


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_cut_short_by_an_error_ends_its_line(monkeypatch):
    from graph.progress import TerminalProgress as _Progress

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    progress = _Progress("rendering", minimum=0)
    progress(0, 4)
    progress(1, 4)
    assert "rendering" in screen.getvalue() and not screen.getvalue().endswith("\n")
    # what the CLI's error handler does before it prints the message
    _Progress.finish_all()
    assert screen.getvalue().endswith("\n") and _Progress.shown == []
    _Progress.finish_all()                      # once only
    assert screen.getvalue().count("\n") == 1

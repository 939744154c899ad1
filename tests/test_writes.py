"""Writes that cannot lose data: every output goes to a temporary file that is then renamed.

A process killed mid-write (SIGKILL, a hundred times) leaves the previous output whole; a read-only
target, a missing folder or a full disk gives one clear message and exit code 1, and leaves the
previous output whole and no temporary file behind. A SIGKILLed process cannot clean up: it may
leave one hidden ``.NAME.XXXXXXXX.tmp`` beside the output. geograph does not delete such files
(another process may be writing one right now); they are never read (datasets skip hidden files)
and may be deleted by hand.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
import graph
from graph.files import atomic_write, check_output_folders, existing_folder
from graph.errors import OutputError

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = str(FIXTURES / "valid" / "minimal.yaml")
ROOT = Path(__file__).parent.parent


# --------------------------------------------------------------------------------------------
# killed mid-write: 92 kills of a writing loop, 8 of the real command line

SIZE = 4_000_000


def payload(version: int) -> bytes:
    """A recognisable output: its version at both ends, and a body that differs from version to version."""
    head = f"version {version:08d}\n".encode()
    return head + bytes([version % 251]) * (SIZE - 2 * len(head)) + head


def version_of(data: bytes) -> int:
    """The version of a complete output; fails on anything else (a half-written or mixed file)."""
    assert len(data) == SIZE, f"{len(data)} bytes: a partial file"
    version = int(data[8:16])
    assert data == payload(version), "a mix of two versions"
    return version


def leftovers(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f".{name}.*.tmp"))


def test_atomic_write_killed_92_times_keeps_the_previous_output(tmp_path):
    """A child process writes 4 MB versions in a loop (about 10 ms each, fsync included) and is
    SIGKILLed after 2–40 ms, 92 times: the output is always one whole version, never older than the
    last one seen, and each kill leaves at most one temporary file."""
    target = tmp_path / "out.bin"
    atomic_write(target, payload(0))
    rng = random.Random(9)
    last, left_behind = 0, 0
    for kill in range(92):
        pid = os.fork()
        if pid == 0:  # the child: write newer versions until killed
            try:
                version = last + 1
                while True:
                    atomic_write(target, payload(version))
                    version += 1
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0.002, 0.040))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        version = version_of(target.read_bytes())
        assert version >= last, f"kill {kill}: version {version} after {last}"
        last = version
        tmp = leftovers(tmp_path, target.name)
        assert len(tmp) <= 1, tmp
        left_behind += len(tmp)
        for path in tmp:            # what a user may do with them: delete them
            path.unlink()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]
    assert last > 0                  # the loop did write
    assert left_behind >= 10         # and many kills landed in the middle of a write


def test_cli_killed_8_times_keeps_the_previous_output(tmp_path):
    """The real command line, `geograph render -o` and `geograph centrality -o`, eight processes at
    once, each SIGKILLed at a random moment of its run: each output is the previous one or the
    complete new one."""
    ds = graph.load()
    old_page = graph.render_html(ds, at="2025-03-01", seed=1).encode()
    new_page = graph.render_html(ds, at="2025-03-01", seed=2).encode()
    report = CliRunner().invoke(cli.main, ["centrality", "--at", "2025-03-01", "--format", "csv"])
    old_report, new_report = b"id,name\nprevious,report\n", report.stdout.encode()
    runs = []
    rng = random.Random(4)
    for i in range(8):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        render = i % 2 == 0
        out = folder / ("page.html" if render else "report.csv")
        out.write_bytes(old_page if render else old_report)
        args = (["render", "--at", "2025-03-01", "--seed", "2", "-o", str(out)] if render else
                ["centrality", "--at", "2025-03-01", "--format", "csv", "-o", str(out)])
        process = subprocess.Popen([sys.executable, "-m", "cli", *args], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append((process, out, time.monotonic() + rng.uniform(0.3, 2.5),
                     (old_page, new_page) if render else (old_report, new_report)))
    killed = 0
    for process, out, when, _ in sorted(runs, key=lambda r: r[2]):
        time.sleep(max(0.0, when - time.monotonic()))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)
    for process, out, _, versions in runs:
        assert out.read_bytes() in versions, f"{out}: neither the previous output nor the new one"
        assert {p.name for p in out.parent.iterdir()} - {out.name} <= {p.name for p in leftovers(out.parent, out.name)}
        assert len(leftovers(out.parent, out.name)) <= 1
    assert killed >= 4


# --------------------------------------------------------------------------------------------
# a read-only target, a missing folder, a full disk: every command that writes a file

SCENARIO = """scenario:
  title: "Trade cools"
  rationale: "A test overlay."
  sources: [test-src]
change:
  relations:
    - id: aze-irn-trade
      weight: 0.3
"""

#: Every command that writes an output, on the small fixture so each run is quick; {out} is the output.
WRITERS = {
    "render": ["render", MINIMAL, "--at", "2025", "-o", "{out}"],
    "render-timeline": ["render", MINIMAL, "--from", "2020", "--to", "2022", "-o", "{out}"],
    "centrality": ["centrality", MINIMAL, "--at", "2025", "-o", "{out}"],
    "balance": ["balance", MINIMAL, "--at", "2025", "--format", "json", "-o", "{out}"],
    "explain": ["explain", MINIMAL, "AZE", "IRN", "--at", "2025", "-o", "{out}"],
    "scenario": ["scenario", MINIMAL, "{scenario}", "--at", "2025", "-o", "{out}"],
    "timeline": ["timeline", MINIMAL, "--from", "2020", "--to", "2022", "-o", "{out}"],
    "timeline-plot": ["timeline", MINIMAL, "--from", "2020", "--to", "2022", "--plot", "{out}"],
    "diff": ["diff", MINIMAL, "--from", "2020", "--to", "2025", "-o", "{out}"],
    "export-gexf": ["export", MINIMAL, "--format", "gexf", "-o", "{out}"],
    "export-graphml": ["export", MINIMAL, "--format", "graphml", "-o", "{out}"],
    "export-json": ["export", MINIMAL, "--format", "json", "-o", "{out}"],
    "export-csv": ["export", MINIMAL, "--format", "csv", "-o", "{out}"],
    "import": ["import", "csv", str(FIXTURES / "import" / "minimal.csv"), "-o", "{out}"],
    "ingest": ["ingest", "csv", str(FIXTURES / "gdelt" / "icews_style_20201113-15.tab"), "--source-col", "Source Country",
               "--target-col", "Target Country", "--date-col", "Event Date", "--score-col", "Intensity", "-o", "{out}"],
}


def run_writer(name: str, out: Path, tmp_path: Path):
    scenario = tmp_path / "what_if.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    args = [a.format(out=out, scenario=scenario) for a in WRITERS[name]]
    return CliRunner().invoke(cli.main, args)


def previous_output(name: str, out: Path, tmp_path: Path) -> dict[str, bytes]:
    """Write the command's output once for real, and return what it holds."""
    result = run_writer(name, out, tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith(f"wrote {out}")
    return {p.name: p.read_bytes() for p in out.iterdir()} if out.is_dir() else {out.name: out.read_bytes()}


def holds(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()} if out.is_dir() else {out.name: out.read_bytes()}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_full_disk_keeps_the_previous_output_and_exits_1(name, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / ("tables" if name == "export-csv" else "result.out")
    before = previous_output(name, out, tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run_writer(name, out, tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (f"Error: cannot write {out}: No space left on device. "
                                              "Hint: check the folder's permissions and free space.")
    assert holds(out) == before
    assert [p.name for p in folder.iterdir()] == [out.name]     # no temporary file left


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_missing_folder_is_a_clear_error_and_exit_1(name, tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "result.out"
    result = run_writer(name, out, tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (f"Error: cannot write {out}: the folder {out.parent} does not exist. "
                                              "Hint: create it first, or choose another path.")
    assert not (tmp_path / "no").exists()


def test_check_output_folders_names_the_first_missing_folder(tmp_path):
    """The check the ingest commands make before a long read: the same message as a write would give."""
    missing = tmp_path / "no" / "fragment.yaml"
    check_output_folders(None, "fragment.yaml", tmp_path / "table.csv")  # the current folder, an existing one
    with pytest.raises(OutputError) as caught:
        check_output_folders(tmp_path / "ok.yaml", missing, tmp_path / "also" / "missing.csv")
    assert str(caught.value) == (f"cannot write {missing}: the folder {missing.parent} does not exist. "
                                 "Hint: create it first, or choose another path.")


def test_existing_folder_of_a_bare_name_is_the_current_folder(tmp_path):
    assert existing_folder("page.html") == Path(".")
    assert existing_folder(tmp_path / "page.html") == tmp_path
    with pytest.raises(OutputError, match="the folder .* does not exist"):
        existing_folder(tmp_path / "no" / "page.html")


@pytest.mark.parametrize("name", ["render", "centrality", "export-json", "import"])
def test_read_only_target_is_refused_and_kept(name, tmp_path):
    out = tmp_path / "result.out"
    before = previous_output(name, out, tmp_path)
    out.chmod(0o444)
    result = run_writer(name, out, tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (f"Error: cannot write {out}: the file is read-only. "
                                              "Hint: make it writable (chmod u+w), or choose another path.")
    assert holds(out) == before and (out.stat().st_mode & 0o777) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.out", "what_if.yaml"]


def test_read_only_folder_is_a_clear_error(tmp_path, monkeypatch):
    """A folder this user may not write to (simulated: the tests may run as root, who can write anywhere)."""
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    (tmp_path / "page.html").write_text("previous")
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = CliRunner().invoke(cli.main, ["render", MINIMAL, "-o", str(tmp_path / "page.html")])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot write {tmp_path / 'page.html'}: Permission denied. "
                             "Hint: check the folder's permissions and free space.\n")
    assert (tmp_path / "page.html").read_text() == "previous"


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write to any folder")
def test_read_only_folder_for_real(tmp_path):
    (tmp_path / "page.html").write_text("previous")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            atomic_write(tmp_path / "page.html", "new")
    finally:
        tmp_path.chmod(0o755)
    assert (tmp_path / "page.html").read_text() == "previous"


def test_a_disk_that_fills_up_for_real(tmp_path):
    """The real command line with a file-size limit of 100 kB (what a full disk looks like to it):
    writing the 1 MB page fails with the system's message, exit 1, and the old page stays."""
    out = tmp_path / "page.html"
    out.write_text("previous page")
    limit = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
             "resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000)); import cli; sys.argv[0] = 'geograph'; cli.main()")
    run = subprocess.run([sys.executable, "-c", limit, "render", MINIMAL, "-o", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr == (f"Error: cannot write {out}: File too large. "
                          "Hint: check the folder's permissions and free space.\n")
    assert out.read_text() == "previous page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


# --------------------------------------------------------------------------------------------
# what is not a regular file is never replaced (issue #18): -o -, devices, FIFOs, symlinks

def test_dash_writes_the_report_to_standard_output(tmp_path):
    run = subprocess.run([sys.executable, "cli.py", "centrality", "--at", "2025-03-01", "--top", "3",
                          "--format", "csv", "-o", "-"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stdout.splitlines()[0].startswith("id,") and len(run.stdout.splitlines()) == 4
    assert not (ROOT / "-").exists()


def test_dev_null_stays_a_device_and_dev_stdout_reaches_the_pipe():
    for target in ("/dev/null", "/dev/stdout"):
        run = subprocess.run([sys.executable, "cli.py", "centrality", "--top", "2", "--format", "json", "-o", target],
                             cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert Path("/dev/null").is_char_device() and Path("/dev/stdout").is_symlink()
    assert run.stdout.lstrip().startswith("[") or run.stdout.lstrip().startswith("{")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_device_says_so_and_stays_a_device():
    run = subprocess.run([sys.executable, "cli.py", "centrality", "--top", "2", "-o", "/dev/full"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "no space left on the device" in run.stderr and Path("/dev/full").is_char_device()


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    atomic_write(fifo, "through the pipe\n")
    assert reader.communicate(timeout=10)[0] == b"through the pipe\n"
    assert fifo.is_fifo()


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    atomic_write(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"

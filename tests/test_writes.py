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


# --------------------------------------------------------------------------------------------
# a CSV export folder is replaced whole, in one step (issue #18): killed at the swap, killed at random

from graph.export.csv_tables import CSV_FILES  # noqa: E402
from graph.export.write import _write_folder  # noqa: E402
from graph.files import exchange_paths  # noqa: E402

TABLE_SIZE = 300_000


def tables(version: int) -> dict[str, bytes]:
    """A CSV export of one version: each of the three files says which, from end to end."""
    return {name: f"{name} {version:06d}\n".encode() * (TABLE_SIZE // 24) for name in CSV_FILES}


def folder_version(out: Path) -> int:
    """The version the folder holds whole; fails on a missing folder, a missing file or a mix."""
    assert out.is_dir(), f"{out}: no folder"
    assert sorted(p.name for p in out.iterdir()) == sorted(CSV_FILES)
    versions = {int((out / name).read_bytes()[len(name) + 1:len(name) + 7]) for name in CSV_FILES}
    assert len(versions) == 1, f"a mix of versions {versions}"
    version = versions.pop()
    assert {n: (out / n).read_bytes() for n in CSV_FILES} == tables(version), "a partial file"
    return version


def killed_child(work) -> None:
    """Run `work` in a forked child and wait for it to die of SIGKILL: the one `work` sends itself, or,
    when `work` finishes first, one right after it (a kill at its very end)."""
    pid = os.fork()
    if pid == 0:
        try:
            work()
            os.kill(os.getpid(), signal.SIGKILL)
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the child was not killed"


def die_at(step: int, *targets: tuple[object, str]):
    """Patch each (module, name) so that the `step`-th call among them, counting from 0, kills the
    process: before it runs (`step` even, as 2 × call) or right after it returns (odd)."""
    calls = []

    def wrap(real):
        def call(*args, **kwargs):
            calls.append(1)
            n = 2 * (len(calls) - 1)
            if n == step:
                os.kill(os.getpid(), signal.SIGKILL)
            result = real(*args, **kwargs)
            if n + 1 == step:
                os.kill(os.getpid(), signal.SIGKILL)
            return result
        return call

    for module, name in targets:
        setattr(module, name, wrap(getattr(module, name)))


def swap_steps():
    """What changes the folder's name, in any version of _write_folder: the swap, or the renames."""
    import graph.export.write as write
    return [(os, "rename"), (os, "replace")] + ([(write, "exchange_paths")] if hasattr(write, "exchange_paths") else [])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the one-step swap is Linux's renameat2")
@pytest.mark.parametrize("step, expected", [(0, 1), (1, 2), (2, 2), (3, 2)])
def test_csv_folder_killed_at_the_swap_holds_the_old_or_the_new_export_whole(step, expected, tmp_path):
    """Killed just before the first operation that touches the folder's name (step 0), just after it
    (1: with two renames this was the moment no folder existed), before or after the next one, if
    any (2, 3): the folder holds one version whole, and at most one hidden temporary folder stays
    beside it."""
    out = tmp_path / "tables"
    _write_folder(out, tables(1))

    def work():
        die_at(step, *swap_steps())
        _write_folder(out, tables(2))

    killed_child(work)
    assert folder_version(out) == expected
    hidden = [p.name for p in tmp_path.iterdir() if p.name != "tables"]
    assert len(hidden) <= 1 and all(h.startswith(".tables.") and h.endswith(".tmp") for h in hidden), hidden


def test_csv_folder_killed_40_times_at_random_is_always_one_export_whole(tmp_path):
    """A child replaces the folder with newer versions in a loop (three 300 kB files, synced) and is
    SIGKILLed after 2–40 ms, 40 times: the folder is always there, one version, never older."""
    out = tmp_path / "tables"
    _write_folder(out, tables(0))
    rng = random.Random(18)
    last, left_behind = 0, 0
    for kill in range(40):
        pid = os.fork()
        if pid == 0:
            try:
                version = last + 1
                while True:
                    _write_folder(out, tables(version))
                    version += 1
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0.002, 0.040))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        version = folder_version(out)
        assert version >= last, f"kill {kill}: version {version} after {last}"
        last = version
        hidden = list(tmp_path.glob(".tables.*"))
        assert len(hidden) <= 1, hidden
        left_behind += len(hidden)
        for leftover in hidden:     # what a user may do with them: delete them
            subprocess.run(["rm", "-rf", str(leftover)], check=True)
    assert last > 0                  # the loop did write
    assert left_behind >= 10         # and many kills landed in the middle of a replacement


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_exchange_paths_swaps_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "f").write_text("A")
    (tmp_path / "b" / "f").write_text("B")
    assert exchange_paths(tmp_path / "a", tmp_path / "b") is True
    assert (tmp_path / "a" / "f").read_text() == "B" and (tmp_path / "b" / "f").read_text() == "A"
    with pytest.raises(OSError):
        exchange_paths(tmp_path / "a", tmp_path / "missing")


def test_csv_folder_without_a_swap_falls_back_on_two_renames_and_the_old_folder_survives(tmp_path):
    """Where no one-step swap exists, the documented window: killed between the two renames, no
    folder is at the name, and the old export is whole under its hidden .old name."""
    import graph.export.write as write

    out = tmp_path / "tables"
    _write_folder(out, tables(1))

    def work():
        write.exchange_paths = lambda a, b: False
        die_at(1, (os, "rename"))
        _write_folder(out, tables(2))

    killed_child(work)
    assert not out.exists()
    (old,) = tmp_path.glob(".tables.*.old")
    (new,) = tmp_path.glob(".tables.*.tmp")
    assert folder_version(old) == 1 and folder_version(new) == 2


def test_csv_folder_replaced_leaves_nothing_beside_it(tmp_path):
    out = tmp_path / "tables"
    for version in (1, 2, 3):
        _write_folder(out, tables(version))
        assert folder_version(out) == version
        assert [p.name for p in tmp_path.iterdir()] == ["tables"]


# --------------------------------------------------------------------------------------------
# long names up to the file system's limit; a name ending in / is a folder (issue #18)

NAME_MAX = os.pathconf("/tmp", "PC_NAME_MAX") if hasattr(os, "pathconf") else 255


@pytest.mark.parametrize("size", [241, 242, 250, NAME_MAX])
def test_a_name_up_to_the_limit_is_written(size, tmp_path):
    """Names of 242 to 255 bytes were refused: the temporary name added 14 bytes to them."""
    name = "r" * (size - 4) + ".csv"
    assert atomic_write(tmp_path / name, "a,b\n").read_text() == "a,b\n"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_long_name_of_wide_characters_gets_a_temporary_name_cut_at_a_character(tmp_path, monkeypatch):
    """127 two-byte letters and a dot: 255 bytes; the temporary name keeps whole letters only."""
    name = "é" * 127 + "x"
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(os.path.basename(src))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(tmp_path / name, "x")
    assert (tmp_path / name).read_text() == "x"
    (tmp,) = seen
    assert len(os.fsencode(tmp)) <= NAME_MAX and tmp.startswith(".éé") and tmp.endswith(".tmp")
    tmp.encode("utf-8")   # whole characters: no surrogate left from a cut letter


def test_a_name_over_the_limit_is_refused_with_its_size(tmp_path):
    name = "r" * (NAME_MAX + 1)
    with pytest.raises(OutputError) as caught:
        atomic_write(tmp_path / name, "x")
    assert str(caught.value) == (f"cannot write {tmp_path / name}: the name is {NAME_MAX + 1} bytes; this file "
                                 f"system allows {NAME_MAX}. Hint: choose a shorter name.")
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_writes_a_long_name_and_refuses_a_too_long_one_before_reading(tmp_path):
    long = tmp_path / ("c" * (NAME_MAX - 4) + ".csv")
    result = CliRunner().invoke(cli.main, ["centrality", MINIMAL, "--format", "csv", "-o", str(long)])
    assert result.exit_code == 0, result.output
    assert long.read_text().startswith("id,")
    too_long = tmp_path / ("c" * NAME_MAX + ".csv")
    result = CliRunner().invoke(cli.main, ["centrality", "no-such-dataset.yaml", "-o", str(too_long)])
    assert result.exit_code == 1
    # the name is refused before the dataset is read (that would have said "no such file")
    assert result.stderr == (f"Error: cannot write {too_long}: the name is {NAME_MAX + 4} bytes; this file "
                             f"system allows {NAME_MAX}. Hint: choose a shorter name.\n")


def test_a_csv_export_to_a_long_folder_name(tmp_path):
    out = tmp_path / ("t" * NAME_MAX)
    _write_folder(out, tables(1))
    _write_folder(out, tables(2))
    assert folder_version(out) == 2 and [p.name for p in tmp_path.iterdir()] == [out.name]


def test_a_name_ending_in_a_slash_is_a_folder_not_a_file(tmp_path):
    target = f"{tmp_path}/newdir/"
    with pytest.raises(OutputError) as caught:
        atomic_write(target, "x")
    assert str(caught.value) == (f"cannot write {target}: a name ending in / is a folder, and this output is one "
                                 f"file. Hint: give a file name (such as {target}report), or leave out the final /.")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", sorted(set(WRITERS) - {"export-csv"}))
def test_every_file_output_refuses_a_trailing_slash(name, tmp_path):
    """`-o newdir/` wrote a file named newdir; `-o old.csv/` replaced the file old.csv."""
    (tmp_path / "old.out").write_text("mine")
    for target in (f"{tmp_path}/newdir/", f"{tmp_path}/old.out/"):
        result = run_writer(name, target, tmp_path)
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines()[-1] == (
            f"Error: cannot write {target}: a name ending in / is a folder, and this output is one file. "
            f"Hint: give a file name (such as {target}report), or leave out the final /.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.out", "what_if.yaml"]
    assert (tmp_path / "old.out").read_text() == "mine"


def test_a_csv_export_to_a_name_ending_in_a_slash_makes_the_folder(tmp_path):
    result = run_writer("export-csv", f"{tmp_path}/tables/", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(CSV_FILES)


# --------------------------------------------------------------------------------------------
# ingest's two outputs: the fragment is renamed last (issue #18)

ICEWS = FIXTURES / "gdelt" / "icews_style_20201113-15.tab"


def ingest_pair(frag: Path, agg: Path, min_events: int = 1):
    from graph.ingest import ingest_table

    return ingest_table(ICEWS, source_col="Source Country", target_col="Target Country", date_col="Event Date",
                        score_col="Intensity", min_events=min_events, output=frag, aggregates_out=agg)


@pytest.mark.parametrize("step, table_new, fragment_new", [(0, False, False), (1, True, False), (2, True, False),
                                                          (3, True, True)])
def test_ingest_killed_between_its_two_renames_never_leaves_a_new_fragment_with_an_old_table(
        step, table_new, fragment_new, tmp_path):
    """Killed before, between or after the two renames: a new fragment always has its new table;
    a new table beside an old fragment shows, as a table newer than the fragment."""
    frag, agg = tmp_path / "frag.yaml", tmp_path / "agg.csv"
    frag.write_text("# old fragment\n")
    agg.write_text("old,table\n")
    time.sleep(0.01)   # the old files are older than anything the child writes

    def work():
        die_at(step, (os, "replace"))
        ingest_pair(frag, agg)

    killed_child(work)
    assert (agg.read_text() != "old,table\n") is table_new
    assert (frag.read_text() != "# old fragment\n") is fragment_new
    if table_new and not fragment_new:   # the interrupted state, as validate or a re-run can tell it
        assert agg.stat().st_mtime_ns > frag.stat().st_mtime_ns


def test_ingest_complete_leaves_the_fragment_no_older_than_its_table(tmp_path):
    frag, agg = tmp_path / "frag.yaml", tmp_path / "agg.csv"
    ingest_pair(frag, agg)
    assert frag.stat().st_mtime_ns >= agg.stat().st_mtime_ns
    assert agg.read_text().startswith("source,target,period") and graph.load(frag).relations


def test_ingest_writes_nothing_when_the_second_temporary_file_cannot_be_written(tmp_path, monkeypatch):
    """Both temporary files are written before either rename: a full disk on the second leaves both old."""
    frag, agg = tmp_path / "frag.yaml", tmp_path / "agg.csv"
    frag.write_text("# old fragment\n")
    agg.write_text("old,table\n")
    real, calls = os.fsync, []

    def full_on_second(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)

    monkeypatch.setattr(os, "fsync", full_on_second)
    with pytest.raises(OutputError, match="No space left on device"):
        ingest_pair(frag, agg)
    assert frag.read_text() == "# old fragment\n" and agg.read_text() == "old,table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agg.csv", "frag.yaml"]

"""Running the command line for the hostile corpus (tests/test_corpus.py) and the options fuzz
(tests/test_fuzz.py): forked, bounded in time and memory, and held to the rules every run keeps."""

from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

import cli

ROOT = Path(__file__).resolve().parent.parent
#: Seconds a run may take before it counts as a hang (generous: two cores shared by many jobs).
RUN_S = 60.0
#: The address space a run may take: a dense 100,001 × 100,001 matrix (74.5 GiB) meets this limit.
MEMORY_BYTES = 6 * 2**30




@dataclass(frozen=True)
class Run:
    """What one command did: its exit code, standard output and error, and any exception."""

    args: tuple[str, ...]
    exit_code: int | None            # None: killed past its budget
    stdout: str = ""
    stderr: str = ""
    exception: str = ""              # "" or the traceback of an exception that was not SystemExit
    seconds: float = 0.0

    def describe(self) -> str:
        return (f"{list(self.args)} → exit {self.exit_code} in {self.seconds:.1f} s\n"
                f"stderr: {self.stderr[-2000:]}\n{self.exception[-3000:]}")


def _child(conn, args: list[str], stdin: bytes | None, memory: int, cwd: Path | None) -> None:
    if cwd is not None:
        os.chdir(cwd)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ValueError, OSError):
        pass
    result = CliRunner().invoke(cli.main, args, input=stdin, catch_exceptions=True)
    exception = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        exception = "".join(traceback.format_exception(*result.exc_info))
    conn.send((result.exit_code, result.stdout, result.stderr, exception))
    conn.close()


def run_cli(args: list[str], *, budget: float = RUN_S, stdin: bytes | None = None,
            memory: int = MEMORY_BYTES, cwd: Path | None = None) -> Run:
    """Run ``geograph ARGS`` in a forked child (in ``cwd``); kill it past ``budget`` seconds.

    Examples
    --------
    >>> run_cli(["--version"]).exit_code
    0
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, list(args), stdin, memory, cwd), daemon=True)
    start = time.perf_counter()
    child.start()
    send.close()
    try:
        if receive.poll(budget):
            exit_code, stdout, stderr, exception = receive.recv()
        else:
            exit_code, stdout, stderr, exception = None, "", "", ""
    except EOFError:             # the child died without a word (killed by the kernel)
        exit_code, stdout, stderr, exception = None, "", "", f"the child died: exit {child.exitcode}"
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    return Run(tuple(args), exit_code, stdout, stderr, exception, time.perf_counter() - start)


def check_run(run: Run, out: Path, before: set[str], output: Path | None) -> None:
    """The rules every run keeps, whatever its input: see the module's docstring."""
    assert run.exit_code is not None, f"hang or crash: {run.describe()}"
    assert not run.exception, f"traceback: {run.describe()}"
    assert "Traceback" not in run.stdout + run.stderr, run.describe()
    assert run.exit_code in (0, 1, 2), run.describe()
    if run.exit_code:
        assert run.stderr.strip(), f"failed without a message: {run.describe()}"
    left = sorted(p for p in os.listdir(out) if p not in before)
    temporary = [p for p in left if p.startswith(".") and p.endswith(".tmp")]    # atomic_write's .NAME.XXXX.tmp
    assert not temporary, f"temporary files left: {temporary}: {run.describe()}"
    if output is None:
        return
    if run.exit_code == 0:
        assert output.exists(), f"exit 0 and no {output.name}: {run.describe()}"
        if output.is_dir():
            assert any(output.iterdir()), f"exit 0 and {output.name} is empty: {run.describe()}"
        else:
            assert output.stat().st_size > 0, f"exit 0 and {output.name} is empty: {run.describe()}"
    else:
        assert not left, f"exit {run.exit_code} but {left} written: {run.describe()}"


def check_written_validates(run: Run, output: Path) -> None:
    """What import and ingest write validates, always (issue #18 item 7)."""
    if run.exit_code == 0 and output.suffix == ".yaml":
        again = run_cli(["validate", str(output)])
        assert again.exit_code == 0, f"{output.name} written with exit 0 does not validate: {again.stdout}{again.stderr}"


def run_process(args: list[str], *, cwd: Path, budget: float, stdin: bytes | None) -> Run:
    """Run the CLI as its own process, for what only a real process has (its /dev/stdin)."""
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], input=stdin, capture_output=True,
                              timeout=budget, cwd=cwd)
    except subprocess.TimeoutExpired:
        return Run(tuple(args), None, seconds=time.perf_counter() - start)
    stderr = done.stderr.decode("utf-8", "replace")
    exception = stderr if "Traceback" in stderr else ""
    return Run(tuple(args), done.returncode, done.stdout.decode("utf-8", "replace"), stderr, exception,
               time.perf_counter() - start)

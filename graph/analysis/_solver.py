"""HiGHS (``scipy.optimize.milp``) as the frustration index needs it: quiet, and on time.

Two faults of the solver are kept from the user here. HiGHS 1.12 prints a line on stdout from C++
on hard programs whatever its options say; and it checks its time limit only between phases, so a
large program can run minutes past it. :func:`quiet_milp` is ``milp`` with both fixed.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from dataclasses import dataclass
from typing import Any, Iterator

__all__ = ["quiet_milp", "FORK_COLUMNS", "GRACE"]

#: Programs with this many columns (actors + ties) or more are solved in a child process that is
#: ended at the time limit (:func:`quiet_milp`).
FORK_COLUMNS = 5_000
#: Seconds a forked solver may run past its limit before it is ended.
GRACE = 1.0


@contextlib.contextmanager
def _stdout_silenced() -> Iterator[None]:
    """Send what C code writes to file descriptor 1 to the null device for the block's length.

    HiGHS 1.12 (SciPy 1.17) prints ``HighsMipSolverData::transformNewIntegerFeasibleSolution``
    on stdout from C++ whatever its options say (ERGO-Code/HiGHS#2783): on a hard program it would
    land in the middle of ``geograph balance --format json`` output, or fill a notebook's cell.
    """
    try:
        saved = os.dup(1)
    except OSError:  # no stdout at all: nothing to protect
        yield
        return
    sys.stdout.flush()
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _milp_here(*args: Any, **kwargs: Any) -> Any:
    from scipy.optimize import milp

    with _stdout_silenced():
        return milp(*args, **kwargs)


@dataclass(frozen=True)
class _Stopped:
    """What a solver run ended from outside looks like: no split, no bound (the caller keeps its own)."""

    status: int = 1
    x: None = None
    fun: None = None
    mip_dual_bound: None = None
    message: str = "stopped at the time limit from outside the solver"


def _milp_child(conn: Any, args: tuple, kwargs: dict) -> None:
    res = _milp_here(*args, **kwargs)
    conn.send((int(res.status), res.x, res.fun, getattr(res, "mip_dual_bound", None), str(res.message)))
    conn.close()


def quiet_milp(*args: Any, **kwargs: Any) -> Any:
    """:func:`scipy.optimize.milp` that keeps its time limit and its stray stdout lines to itself.

    HiGHS checks ``time_limit`` between phases only: on a program of 100,000 ties its root
    relaxation alone ran 395 s past a limit of 3 s. So a program of :data:`FORK_COLUMNS` columns or
    more is solved in a forked child process, which is ended :data:`GRACE` seconds after the limit
    (then no split and no bound come back, and the caller keeps the heuristic's); smaller ones,
    which HiGHS stops on time, are solved here (a fork costs milliseconds a small block need not
    pay). Where processes cannot be forked (not Linux), every program is solved here.
    """
    import multiprocessing as mp

    c = args[0] if args else kwargs["c"]
    limit = float((kwargs.get("options") or {}).get("time_limit", math.inf))
    if len(c) < FORK_COLUMNS or not math.isfinite(limit) or not sys.platform.startswith("linux"):
        return _milp_here(*args, **kwargs)
    from scipy.optimize import OptimizeResult

    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_milp_child, args=(send, args, kwargs), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(limit + GRACE):
            return _Stopped()
        status, x, fun, bound, message = receive.recv()
    except EOFError:  # the child died (out of memory, a signal): as if stopped
        return _Stopped(message="the solver's process ended without an answer")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    return OptimizeResult(status=status, x=x, fun=fun, mip_dual_bound=bound, message=message,
                          success=status == 0)

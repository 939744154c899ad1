"""Progress on a terminal: click's bar on standard error, nothing when it is piped.

Every long function of the library takes ``progress=``, a callable ``progress(done, total)``.
:class:`TerminalProgress` is the one the command line passes; a script or a notebook can pass it
too, or any callable of its own.

>>> bar = TerminalProgress("reading")
>>> bar(0, 10), bar(10, 10)          # stderr is not a terminal here: nothing is drawn
(None, None)
"""

from __future__ import annotations

import sys
from typing import Any

import click

__all__ = ["TerminalProgress", "SLOW_ACTORS", "stages"]

#: From this many actors a report or a page takes seconds (5,000 actors: about 20 s), so its few
#: stages get a progress bar; below, it would only flash.
SLOW_ACTORS = 1000


def stages(label: str, dataset: Any) -> "TerminalProgress | None":
    """A progress bar over the few long stages of work on a large dataset, None on a small one.

    Examples
    --------
    >>> from graph.model import Dataset
    >>> stages("rendering", Dataset()) is None
    True
    """
    return TerminalProgress(label, minimum=0) if len(dataset.actors) >= SLOW_ACTORS else None


class TerminalProgress:
    """click's progress bar on a terminal (stderr), nothing when piped or for fewer than `minimum` steps."""

    #: bars drawn and not finished yet
    shown: list["TerminalProgress"] = []

    def __init__(self, label: str, minimum: int = 6):
        self.label, self.minimum, self.bar = label, minimum, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < self.minimum or not sys.stderr.isatty():
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
            TerminalProgress.shown.append(self)
        # by what is done, not by calls: a first call with 0 only draws the empty bar
        self.bar.update(done - self.bar.pos)
        if done == total:
            self.finish()

    def finish(self) -> None:
        """End the bar's line (once)."""
        if self in TerminalProgress.shown:
            TerminalProgress.shown.remove(self)
            self.bar.__exit__(None, None, None)

    @classmethod
    def finish_all(cls) -> None:
        """End every bar still drawn, so that an error message starts on its own line."""
        for progress in list(cls.shown):
            progress.finish()

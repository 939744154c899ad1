"""The exception hierarchy and the located problems that validation reports."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "GeographError", "DataError", "OptionError", "OutputError"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located in its file.

    Problems sort by file, line and column, so a report reads top to bottom.

    Parameters
    ----------
    path : str
        The file, as the user named it (or as found inside a dataset folder).
    line, col : int
        1-based position; 0 when the problem concerns the whole file.
    code : str
        A stable name for the rule that was broken (``unknown-actor``, ``weight-range`` …),
        listed in ``data/README.md``.
    message : str
        What is wrong, naming the offending value.
    hint : str
        How to fix it; may be empty.

    Examples
    --------
    >>> p = Problem("data/r.yaml", 14, 7, "weight-range", "weight 1.7 is outside (0, 1]", "use kind: tension")
    >>> str(p)
    'data/r.yaml:14:7: weight 1.7 is outside (0, 1]. Hint: use kind: tension.'
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.path if self.line == 0 else f"{self.path}:{self.line}:{self.col}"
        text = f"{where}: {_sentence(self.message)}"
        if self.hint:
            text += f" Hint: {_sentence(self.hint)}"
        return text

    def to_dict(self) -> dict[str, object]:
        """The problem as a JSON-ready mapping."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


class GeographError(Exception):
    """Base class of every error geograph raises on purpose; the CLI prints it without a traceback."""


class DataError(GeographError):
    """A dataset (or another input file) broke one or more rules.

    Holds every problem found, sorted, so the user can fix them all in one pass.

    Examples
    --------
    >>> err = DataError([Problem("b.yaml", 2, 1, "x", "second"), Problem("a.yaml", 9, 1, "x", "first")])
    >>> print(err)
    a.yaml:9:1: first.
    b.yaml:2:1: second.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class OptionError(GeographError):
    """An option or argument has a value geograph cannot use (an unknown metric, a bad date …).

    The library names its own parameters, not the command line's flags: a message writes a
    parameter as ``{name}`` and lists it in `parameters`. ``str()`` shows the Python name; the CLI
    shows the flag that sets it (:meth:`naming`), so ``top`` reads ``--top`` and ``start`` reads
    ``--from`` there.

    Examples
    --------
    >>> err = OptionError("{end} 2020 comes before {start} 2021", parameters=("start", "end"))
    >>> str(err)
    'end 2020 comes before start 2021'
    >>> err.naming({"start": "--from", "end": "--to"})
    '--to 2020 comes before --from 2021'
    """

    def __init__(self, message: str, *, parameters: tuple[str, ...] | list[str] = ()):
        self.template = message
        self.parameters = tuple(parameters)
        super().__init__(self.naming({}))

    def naming(self, names: dict[str, str]) -> str:
        """The message with each parameter written as `names` gives it (its own name otherwise)."""
        text = self.template
        for parameter in self.parameters:
            text = text.replace("{" + parameter + "}", names.get(parameter, parameter))
        return text


class OutputError(GeographError):
    """An output file could not be written (missing folder, no permission, full disk)."""

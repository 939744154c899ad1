"""What every geograph command shares: error handling, the common options, writing the result.

The commands themselves are in ``cli.py`` (and :mod:`graph.commands.ingest`); each is a thin layer:
parse options, call one library function, print or write what it returns.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any, Callable

import click

from ..choices import AMBIVALENCE, COMBINE_RULES, STEPS
from ..csv_text import FORMULA_MODES
from ..dates import parse_date
from ..model import CONFIDENCE
from ..progress import TerminalProgress
from .choice import Choice
from .types import Finite, shown

__all__ = ["BUNDLED", "DATE", "OUTPUTS", "plural", "fail", "handle_errors", "check_outputs", "dataset_argument",
           "at_option", "output_option", "format_option", "range_options", "scenario_option", "view_options", "emit",
           "wrote", "formulas_option"]

BUNDLED = "the bundled Azerbaijan–Iran dataset"


class _DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        # parse_date takes ASCII digits only and no time of day, so every day given is in the range
        # geograph reads and writes (0001-01-01 to 9999-12-31, graph.dates.FIRST_DAY/LAST_DAY)
        try:
            return str(parse_date(value))
        except ValueError as exc:
            self.fail(f"'{shown(value)}' is not a date ({exc}); write YYYY, YYYY-MM or YYYY-MM-DD", param, ctx)


DATE = _DateType()


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn geograph's errors into messages: exit code 1 for data and output problems, 2 for an option
    value geograph cannot use (OptionError), as for click's own usage errors; a traceback only with --debug.

    Before the command runs, its outputs are checked (:func:`check_outputs`), so no command can forget
    it: an output that is one of the command's inputs, or another of its outputs, is a usage error
    (exit 2), and a name the output cannot have (ending in ``/`` for a file, too long for the file
    system, in a missing folder) an output error (exit 1), before any long read. The library's
    writers do not make the input check: they are given no inputs to compare with.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from graph.errors import DataError, GeographError, OptionError

        debug = (click.get_current_context().find_root().obj or {}).get("debug", False)
        try:
            try:
                check_outputs(click.get_current_context())
                return command(*args, **kwargs)
            finally:
                # a bar cut short by an error ends its line, so the message starts on its own
                TerminalProgress.finish_all()
        except DataError as exc:
            if debug:
                raise
            from .problems import shown_problems

            # the first 200, then a count of the rest; validate --format json lists every one
            every = "--format json lists them all" if click.get_current_context().info_name == "validate" else ""
            for line in shown_problems(exc.problems, every=every):
                click.echo(line, err=True)
            fail(f"{plural(len(exc.problems), 'problem')} found.")
        except OptionError as exc:  # an option value geograph cannot use: a usage error, exit 2
            if debug:
                raise
            raise click.UsageError(exc.naming(_flags(click.get_current_context().command))) from None
        except GeographError as exc:
            if debug:
                raise
            fail(f"Error: {exc}")

    return wrapper


#: The parameters that name a command's outputs, in every command (ingest's included).
OUTPUTS = ("output", "plot", "aggregates_out", "pairs_out")


def check_outputs(ctx: click.Context) -> None:
    """Refuse, before a command runs, an output that would destroy one of its inputs or another output.

    The inputs are the dataset (the bundled one when none is given), the positional paths of
    ``explain`` and ``scenario``, and every file option (``click.Path``) that is not an output;
    the outputs are :data:`OUTPUTS`. Files are compared by real path and, when both exist, as files
    on disk (:func:`graph.files.same_file`: symlinks and hard links are caught). An output is refused
    when it is an input; when it is inside a dataset folder the command reads and would be read
    with it (a ``.yaml`` or ``.yml`` file, not hidden); when it is a folder holding an input; and when
    two outputs are one file, or both standard output (an optional ``--output`` not given is
    standard output). Each output's name is checked too (:func:`graph.files.check_output`).

    Raises
    ------
    click.UsageError
        For an output that clashes with an input or another output (exit 2), naming both.
    graph.errors.OutputError
        For an output name that cannot be written (exit 1).
    """
    from graph.files import STDOUT, check_output, same_file

    names = {name: label.strip("[]").rstrip("…") for name, label in _flags(ctx.command).items()}
    outputs: list[tuple[str, str, str]] = []  # (flag, path, how a message names it)
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        if param.name not in OUTPUTS:
            continue
        if value is None:
            if param.name == "output" and not param.required:
                outputs.append(("--output", STDOUT, "the report (no --output)"))
            continue
        folder = not (isinstance(param.type, click.Path) and not param.type.dir_okay)
        check_output(value, folder=folder)
        outputs.append((names[param.name], value, f"{names[param.name]} {value}"))
    inputs = _inputs(ctx, names) if outputs else []
    for i, (label, path, said) in enumerate(outputs):
        for _, other, other_said in outputs[i + 1:]:
            if path == other == STDOUT:
                raise click.UsageError(f"{said} and {other_said} both go to standard output, where they would "
                                       "mix; give one of them a file name")
            if same_file(path, other):
                raise click.UsageError(f"{said} and {other_said} are one file: one output would overwrite the "
                                       "other; give each its own name")
        for input_label, source in inputs:
            clash = _clash(path, f"{input_label} {source}", source)
            if clash:
                raise click.UsageError(f"{label} {path} {clash}")


def _clash(output: str, named: str, source: str) -> str | None:
    """Why writing ``output`` would harm the input ``source`` (``named`` as the message names it), or None."""
    from graph.files import same_file

    if same_file(output, source):
        return f"is also {named}, an input of this command: writing it would destroy it; give the output another name"
    if _read_with(output, source):
        if os.path.exists(output):
            return (f"is a file of {named}, an input of this command: writing it would destroy it; give the "
                    "output another name")
        return (f"is inside {named}, a dataset folder this command reads, and would become part of it; write the "
                "output elsewhere")
    if _inside(source, output):
        return (f"is a folder holding {named}, which this command reads: replacing the folder would destroy the "
                "input; give the output another name")
    return None


def _inputs(ctx: click.Context, names: dict[str, str]) -> list[tuple[str, str]]:
    """The command's input paths, each with the flag or argument that gives it."""
    found: list[tuple[str, str]] = []
    for param in ctx.command.params:
        name, value = param.name or "", ctx.params.get(param.name or "")
        if name in OUTPUTS:
            continue
        if name == "args":  # explain's [DATASET] A B (actor ids are not paths), scenario's [DATASET] SCENARIO
            labels = ("DATASET", "A", "B") if ctx.command.name == "explain" else ("DATASET", "SCENARIO")
            given = dict(zip(labels[len(labels) - len(value):], value)) if len(value) <= len(labels) else {}
            found += [(label, given[label]) if label in given else ("the bundled dataset", _bundled())
                      for label in labels if label not in ("A", "B")]
        elif name == "dataset":
            found.append((names[name], value) if value else ("the bundled dataset", _bundled()))
        elif isinstance(param.type, click.Path) and value:
            found += [(names[name], v) for v in (value if isinstance(value, tuple) else (value,))]
    return found


def _bundled() -> str:
    from graph.read.dataset import bundled_path

    return str(bundled_path())


def _inside(path: str, folder: str) -> bool:
    """Whether ``path`` is below the existing folder ``folder`` (real paths, so links are followed)."""
    if not os.path.isdir(folder) or path == "-":
        return False
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real != top and real.startswith(top.rstrip(os.sep) + os.sep)


def _read_with(output: str, folder: str) -> bool:
    """Whether a dataset folder would read ``output`` as one of its files (the rule of
    :func:`graph.read.dataset.dataset_files`: a ``.yaml`` or ``.yml`` file in no hidden folder)."""
    from ..read.dataset import YAML_SUFFIXES

    if not _inside(output, folder):
        return False
    relative = os.path.relpath(os.path.realpath(output), os.path.realpath(folder))
    return (os.path.splitext(output)[1].lower() in YAML_SUFFIXES
            and not any(part.startswith(".") for part in relative.split(os.sep)))


def _flags(command: click.Command) -> dict[str, str]:
    """Each library parameter a command sets, by the flag (or argument) that sets it: start → --from."""
    return {param.name: (max(param.opts, key=len) if isinstance(param, click.Option) else param.human_readable_name)
            for param in command.params if param.name}


def dataset_argument(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("dataset", required=False, metavar="[DATASET]")(command)


_AT_HELP = ("Snapshot date: relations in force that day (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its "
            "first day). Default: today.")


def at_option(command: Callable[..., Any] | None = None, *, help: str = _AT_HELP) -> Any:
    """--at DATE; used bare (``@at_option``) or with the command's own help (``@at_option(help=…)``)."""
    decorator = click.option("--at", type=DATE, default=None, help=help)
    return decorator(command) if command is not None else decorator


def output_option(command: Callable[..., Any] | None = None, *, required: bool = False, folder: bool = False,
                  help: str = "Write to this file (atomically) instead of standard output.") -> Any:
    """-o/--output; a file unless `folder` (export's CSV folder), optional unless `required`."""
    # no default=None beside required=True: click 8.2 would take None as a given value
    decorator = click.option("-o", "--output", type=click.Path() if folder else click.Path(dir_okay=False),
                             required=required, help=help)
    return decorator(command) if command is not None else decorator


def format_option(choices: tuple[str, ...], *, help: str = "Output format.", required: bool = False
                  ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format, its choices one of the library's closed sets; the first is the default unless required."""
    if required:
        return click.option("--format", "fmt", type=Choice(choices), required=True, help=help)
    return click.option("--format", "fmt", type=Choice(choices), default=choices[0], show_default=True,
                        help=help)


def range_options(*, required: bool, start: str, end: str, every: str
                  ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--from, --to and --every (the library's `start`, `end` and `every`), each with the command's help."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed((
            click.option("--from", "start", type=DATE, required=required, help=start),
            click.option("--to", "end", type=DATE, required=required, help=end),
            click.option("--every", type=Choice(STEPS), default=STEPS[0], show_default=True, help=every),
        )):
            command = option(command)
        return command
    return decorate


#: --formulas: how a CSV output treats cells a spreadsheet would run (graph.csv_text).
formulas_option = click.option(
    "--formulas", type=Choice(FORMULA_MODES), default=FORMULA_MODES[0], show_default=True,
    help="CSV cells a spreadsheet would run as formulas (text starting = + - @, a tab or a line break): "
         "text writes such text with a leading ' and numbers as numbers; all prefixes numbers too "
         "(-0.25 becomes '-0.25); off writes every cell as it is (for programs, not spreadsheets).")


def scenario_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--scenario", "scenario_file", type=click.Path(dir_okay=False), default=None,
                        help="Apply this scenario (a YAML overlay; see data/README.md) to the dataset first; "
                             "- reads standard input.")(command)


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeated or comma-separated values (``--kinds state,organisation``) as one tuple."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def view_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The model and the filters, given to the command as one ``view`` (a :class:`graph.selection.View`).

    Put it under ``@handle_errors``, so a value the library refuses is a usage error, not a traceback.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, combine: str | None, ambivalence: float, with_arenas: bool, min_confidence: str | None,
                domains: tuple[str, ...], exclude_sources: tuple[str, ...], kinds: tuple[str, ...],
                **kwargs: Any) -> Any:
        from ..network import Model
        from ..selection import View

        kwargs["view"] = View(Model(combine, ambivalence, with_arenas), min_confidence, _names(domains),
                              _names(exclude_sources), _names(kinds))
        return command(*args, **kwargs)

    for option in reversed((
        click.option("--combine", type=Choice(COMBINE_RULES), default=None,
                     help="How a pair's records of one kind make one strength: domain-max (the default, or the "
                          "dataset's combine: key) takes the strongest per domain and combines the domains; "
                          "noisy-or combines every record; max; mean."),
        click.option("--ambivalence", type=Finite(0, 1, max_open=True, name="float"), default=AMBIVALENCE, show_default=True,
                     help="A pair whose net is within this share of its stronger side has no sign (left out of "
                          "sign-only measures)."),
        click.option("--with-arenas", is_flag=True,
                     help="Keep projects and regions (arenas) as nodes; by default the analysis reads agents only."),
        click.option("--min-confidence", type=Choice(CONFIDENCE), default=None,
                     help="Read only relations of at least this confidence."),
        click.option("--domain", "domains", multiple=True, metavar="DOMAIN",
                     help="Read only relations in this domain (repeat, or separate by commas)."),
        click.option("--exclude-source", "exclude_sources", multiple=True, metavar="SOURCE",
                     help="Leave out what only this source backs, e.g. general-knowledge (repeat for several)."),
        click.option("--kinds", "kinds", multiple=True, metavar="KIND[,KIND]",
                     help="Read only actors of these kinds (state, organisation …) and their relations."),
    )):
        wrapper = option(wrapper)
    return wrapper


def emit(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``output`` (atomically; ``-`` is standard output) and say so."""
    if output is None:
        click.echo(text, nl=False)
        return
    from graph.files import atomic_write

    atomic_write(output, text)
    wrote(output)


def wrote(path: Any, detail: str = "") -> None:
    """Say on standard error which file was written; nothing for standard output (``-o -``), whose
    reader has the output itself and may be reading standard error too."""
    from graph.files import STDOUT

    if str(path) != STDOUT:
        click.echo(f"wrote {path}{detail}", err=True)

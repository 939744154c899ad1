"""What every geograph command shares: error handling, the common options, writing the result.

The commands themselves are in ``cli.py`` (and :mod:`graph.commands.ingest`); each is a thin layer:
parse options, call one library function, print or write what it returns.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable

import click

from ..choices import AMBIVALENCE, COMBINE_RULES, STEPS
from ..dates import parse_date
from ..model import CONFIDENCE
from ..progress import TerminalProgress
from .types import Finite, shown

__all__ = ["BUNDLED", "DATE", "plural", "fail", "handle_errors", "dataset_argument", "at_option", "output_option",
           "format_option", "range_options", "scenario_option", "view_options", "emit"]

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
    value geograph cannot use (OptionError), as for click's own usage errors; a traceback only with --debug."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from graph.errors import DataError, GeographError, OptionError

        debug = (click.get_current_context().find_root().obj or {}).get("debug", False)
        try:
            try:
                return command(*args, **kwargs)
            finally:
                # a bar cut short by an error ends its line, so the message starts on its own
                TerminalProgress.finish_all()
        except DataError as exc:
            if debug:
                raise
            for problem in exc.problems:
                click.echo(str(problem), err=True)
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
        return click.option("--format", "fmt", type=click.Choice(choices), required=True, help=help)
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
                        help=help)


def range_options(*, required: bool, start: str, end: str, every: str
                  ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--from, --to and --every (the library's `start`, `end` and `every`), each with the command's help."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed((
            click.option("--from", "start", type=DATE, required=required, help=start),
            click.option("--to", "end", type=DATE, required=required, help=end),
            click.option("--every", type=click.Choice(STEPS), default=STEPS[0], show_default=True, help=every),
        )):
            command = option(command)
        return command
    return decorate


def scenario_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--scenario", "scenario_file", type=click.Path(dir_okay=False), default=None,
                        help="Apply this scenario (a YAML overlay; see data/README.md) to the dataset first.")(command)


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
        click.option("--combine", type=click.Choice(COMBINE_RULES), default=None,
                     help="How a pair's records of one kind make one strength: domain-max (the default, or the "
                          "dataset's combine: key) takes the strongest per domain and combines the domains; "
                          "noisy-or combines every record; max; mean."),
        click.option("--ambivalence", type=Finite(0, 1, max_open=True, name="float"), default=AMBIVALENCE, show_default=True,
                     help="A pair whose net is within this share of its stronger side has no sign (left out of "
                          "sign-only measures)."),
        click.option("--with-arenas", is_flag=True,
                     help="Keep projects and regions (arenas) as nodes; by default the analysis reads agents only."),
        click.option("--min-confidence", type=click.Choice(CONFIDENCE), default=None,
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
    if output is None:
        click.echo(text, nl=False)
        return
    from graph.files import atomic_write

    atomic_write(output, text)
    click.echo(f"wrote {output}", err=True)

"""The geograph command line: a thin layer of click commands over the ``graph`` library.

Each command parses its options, calls one library function and prints or writes the result.
Heavy libraries (pandas, networkx, pyvis) are imported inside the commands, so ``--help`` is quick.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable

import click

import graph
from graph.choices import (BALANCE_METHODS, COLOR_BY, EXPORT_FORMATS, IMPORT_FORMATS, PERIODS, REPORT_FORMATS,
                           STEPS, TEXT_FORMATS, TIMELINE_FORMATS, VALIDATE_FORMATS)
from graph.metrics import METRIC_NAMES as _METRIC_NAMES
from graph.progress import TerminalProgress, stages

BUNDLED = "the bundled Azerbaijan–Iran dataset"


class _DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        try:
            return str(graph.parse_date(value))
        except ValueError as exc:
            self.fail(f"'{value}' is not a date ({exc}); write YYYY, YYYY-MM or YYYY-MM-DD", param, ctx)


DATE = _DateType()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _fail(message: str) -> None:
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
            _fail(f"{_count(len(exc.problems), 'problem')} found.")
        except OptionError as exc:  # an option value geograph cannot use: a usage error, exit 2
            if debug:
                raise
            raise click.UsageError(exc.naming(_flags(click.get_current_context().command))) from None
        except GeographError as exc:
            if debug:
                raise
            _fail(f"Error: {exc}")

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


def _emit(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from graph.files import atomic_write

    atomic_write(output, text)
    click.echo(f"wrote {output}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(graph.__version__, "--version", prog_name="geograph")
@click.option("--debug", is_flag=True, help="Show a full traceback on errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """geograph: international relations as a signed, weighted, dated and sourced graph.

    Every command that reads a DATASET takes a YAML file or a folder of YAML files; without one it
    uses the bundled Azerbaijan–Iran dataset. The format is described in data/README.md.

    \b
    Example:
        geograph validate
        geograph centrality --sort betweenness --top 5
        geograph render -o caucasus.html
    """
    ctx.obj = {"debug": debug}


@main.command()
@dataset_argument
@format_option(VALIDATE_FORMATS, help="text: one located problem per line; json: a list of problems.")
@handle_errors
def validate(dataset: str | None, fmt: str) -> None:
    """Check a dataset and report every problem as file:line:col with a hint.

    Exits 0 when the dataset is valid and 1 when it has problems; all problems are listed at once,
    sorted by file and line.

    \b
    Example:
        geograph validate data/caucasus
        geograph validate my_region.yaml --format json
    """
    import json

    result = graph.check(dataset)  # read once: the problems, and the dataset to describe when valid
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in result.problems], ensure_ascii=False, indent=2))
        sys.exit(0 if result.valid else 1)
    if not result.valid:
        from graph.errors import DataError

        raise DataError(result.problems)
    ds = result.dataset
    click.echo(f"ok: {dataset or BUNDLED}: {ds.summary()}")


@main.command()
@dataset_argument
@at_option
@click.option("--sort", type=click.Choice(_METRIC_NAMES), default=None,
              help="Sort by this metric, largest first. Default: by actor id.")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the first N actors.")
@format_option(REPORT_FORMATS, help="Output format; json is a list of objects, one per actor.")
@output_option
@scenario_option
@handle_errors
def centrality(dataset: str | None, at: str | None, sort: str | None, top: int | None,
               fmt: str, output: str | None, scenario_file: str | None) -> None:
    """Centrality report: one row per actor, one column per metric.

    Path metrics (betweenness, closeness) use the alignment layer with distance = 1/strength;
    eigenvector and PageRank use alignment strength as weight; tension_* metrics use the tension
    layer. The README lists every metric with its layer and reference.

    \b
    Example:
        geograph centrality --sort betweenness --top 5
        geograph centrality --at 2023-06 --format csv -o centrality.csv
    """
    from graph.report import format_frame

    ds = graph.load_with_scenario(dataset, scenario_file)
    frame = graph.centrality(ds, at=at, sort=sort, top=top, progress=stages("centrality", ds))
    _emit(format_frame(frame, fmt), output)


@main.command()
@dataset_argument
@at_option
@output_option(required=True, help="The HTML file to write (written atomically; nothing else is written).")
@range_options(required=False, start="With --to: a page with a time slider over the periods from this day.",
               end="The last day of the slider's range.", every="The slider's step.")
@click.option("--size-by", type=click.Choice(_METRIC_NAMES), default="alignment_strength", show_default=True,
              help="Metric that sets node size.")
@click.option("--color-by", type=click.Choice(COLOR_BY), default=COLOR_BY[0], show_default=True,
              help="What node colour shows: actor kind, or camp in the best split of the signed layer "
                   "(ties under strain are marked).")
@click.option("--title", default=None, help="Page title. Default: the dataset's title.")
@click.option("--seed", type=int, default=7, show_default=True,
              help="Layout seed: the same seed gives a byte-identical page.")
@scenario_option
@handle_errors
def render(dataset: str | None, at: str | None, output: str, start: str | None, end: str | None, every: str,
           size_by: str, color_by: str, title: str | None, seed: int, scenario_file: str | None) -> None:
    """Render the graph as one interactive HTML file that works offline.

    Alignment is drawn green and solid, tension red and dashed, line width by weight; node size by
    --size-by; colour and shape by actor kind, or colour by camp with --color-by faction. Hover for
    details and sources. With --from and --to the page gets a time slider and a play button over
    the periods; nodes keep their places while relations appear and end.

    \b
    Example:
        geograph render -o caucasus.html
        geograph render data/caucasus --at 2023-06 --size-by betweenness -o caucasus-2023.html
        geograph render --from 1990 --to 2025 --color-by faction -o caucasus-timeline.html
    """
    ds = graph.load_with_scenario(dataset, scenario_file)
    options = dict(size_by=size_by, color_by=color_by, title=title, seed=seed)
    if start or end:
        if not (start and end):
            raise click.UsageError("--from and --to go together: give both for a time slider")
        if at:
            raise click.UsageError("--at takes one snapshot; --from/--to a range: give one or the other")
        path = graph.write_timeline_html(ds, output, start, end, every, progress=TerminalProgress("timeline"), **options)
    else:
        path = graph.write_html(ds, output, at=at, progress=stages("rendering", ds), **options)
    click.echo(f"wrote {path}", err=True)


@main.command()
@dataset_argument
@at_option
@click.option("--weighted", is_flag=True,
              help="Choose the split that minimises the magnitude of contradicting ties, not their number.")
@click.option("--camps", type=click.IntRange(min=2), default=2, show_default=True,
              help="Allow up to K camps (generalised balance, Davis 1967).")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds for the exact solver; past it, the best split found and a lower bound.")
@click.option("--method", type=click.Choice(BALANCE_METHODS), default=BALANCE_METHODS[0], show_default=True,
              help="exact: mixed-integer program (proven optimum); heuristic: local search with a bound.")
@format_option(TEXT_FORMATS)
@output_option
@scenario_option
@handle_errors
def balance(dataset: str | None, at: str | None, weighted: bool, camps: int, time_limit: float, method: str,
            fmt: str, output: str | None, scenario_file: str | None) -> None:
    """Structural balance: camps, ties under strain, triangle, walk and frustration scores.

    Reads the signed layer (each pair's net sign and magnitude). The frustration index is the
    fewest ties that contradict the best split into two camps, solved exactly; the ties under
    strain are those contradicting it, heaviest first, with their evidence.

    \b
    Example:
        geograph balance --at 2025-03-01
        geograph balance gahuku_gama.csv --format json
        geograph balance --weighted --camps 3 --format markdown -o balance.md
    """
    from graph.analysis.balance import balance as run
    from graph.report import format_balance

    ds = graph.load_with_scenario(dataset, scenario_file)
    report = run(ds, at=at, weighted=weighted, camps=camps, method=method, time_limit=time_limit)
    _emit(format_balance(report, fmt, dataset=ds), output)


@main.command(context_settings={"ignore_unknown_options": False})
@click.argument("args", nargs=-1, required=True, metavar="[DATASET] A B")
@at_option
@format_option(TEXT_FORMATS)
@output_option
@handle_errors
def explain(args: tuple[str, ...], at: str | None, fmt: str, output: str | None) -> None:
    """Everything between two actors: relations, shared events, triads, and what balance says.

    DATASET may be left out: `geograph explain AZE IRN` reads the bundled data.

    \b
    Example:
        geograph explain AZE IRN
        geograph explain data/caucasus AZE TUR --at 2023 --format json
    """
    from graph.analysis.explain import explain as run
    from graph.report import format_explanation

    if len(args) not in (2, 3):
        raise click.UsageError(f"explain takes [DATASET] A B: two actor ids, optionally after a dataset; got {len(args)} "
                               "arguments")
    dataset, actor_a, actor_b = (None, *args) if len(args) == 2 else args
    ds = graph.load(dataset)
    _emit(format_explanation(run(ds, actor_a, actor_b, at=at), fmt), output)


@main.command()
@click.argument("args", nargs=-1, required=True, metavar="[DATASET] SCENARIO.yaml")
@at_option
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many of the largest centrality changes to list per metric.")
@format_option(TEXT_FORMATS)
@output_option
@handle_errors
def scenario(args: tuple[str, ...], at: str | None, top: int, fmt: str, output: str | None) -> None:
    """Compare a dataset with a scenario: centrality, camps, strain and frustration, before and after.

    A scenario is a YAML overlay that adds, removes or changes actors and relations, with a title,
    a rationale and sources (data/README.md). The shipped ones are in data/scenarios/.

    \b
    Example:
        geograph scenario data/scenarios/zangezur_route_opens.yaml
        geograph scenario data/caucasus data/scenarios/israel_ties_cool.yaml --at 2026-06-01 --format json
    """
    from graph.analysis.scenario_compare import compare
    from graph.report import format_comparison
    from graph.scenario import load_scenario

    if len(args) not in (1, 2):
        raise click.UsageError(f"scenario takes [DATASET] SCENARIO.yaml; got {len(args)} arguments")
    dataset, path = (None, *args) if len(args) == 1 else args
    ds = graph.load(dataset)
    _emit(format_comparison(compare(ds, load_scenario(path, ds), at=at, top=top), fmt), output)


@main.command()
@dataset_argument
@format_option(EXPORT_FORMATS, required=True,
               help="gexf: Gephi, with relation dates for its timeline; graphml: typed attributes; "
                   "json: node-link data for D3, sigma.js or Cytoscape; csv: a folder with actors.csv, "
                   "relations.csv and sources.csv for a spreadsheet.")
@output_option(required=True, folder=True,
               help="The file to write, or for csv the folder (written atomically; an earlier CSV export "
                    "is replaced whole, a folder holding other files is refused).")
@at_option(help="Export only the relations in force that day. Default: every relation, with its dates.")
@click.option("--with-metrics", is_flag=True,
              help="Add every centrality metric to each actor, computed on --at (default: today).")
@scenario_option
@handle_errors
def export(dataset: str | None, fmt: str, output: str, at: str | None, with_metrics: bool,
           scenario_file: str | None) -> None:
    """Export the graph for Gephi, D3 or a spreadsheet: GEXF, GraphML, JSON or CSV.

    One node per actor and one edge per relation with every field: kind, domain, weight, sign,
    dates, confidence, evidence, sources, tags and attributes. Without --at every relation is
    exported with its dates, so Gephi's timeline plays the dataset; with --at, only the relations
    in force that day. The same input and options give a byte-identical output.

    \b
    Example:
        geograph export --format gexf -o caucasus.gexf
        geograph export --format json --at 2025-03-01 --with-metrics -o caucasus.json
        geograph export data/caucasus --format csv -o caucasus-tables
    """
    from graph.export import export as run

    path = run(graph.load_with_scenario(dataset, scenario_file), output, fmt, at=at, with_metrics=with_metrics)
    click.echo(f"wrote {path}", err=True)


def _mapping(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """--map COLUMN=FIELD options as a mapping; a malformed one or an unknown field is a usage error."""
    from graph.errors import OptionError
    from graph.importer import parse_mapping

    try:
        return parse_mapping(values)
    except OptionError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command("import")
@click.argument("fmt", metavar="csv|xlsx", type=click.Choice(IMPORT_FORMATS))
@click.argument("relations", type=click.Path(dir_okay=False))
@click.option("--actors", type=click.Path(dir_okay=False), default=None,
              help="A sheet of actors (id, name, kind, tags, attributes); CSV or xlsx by its suffix. "
                   "Default: the ids named in RELATIONS.")
@click.option("--sheet", default=None, help="The sheet of relations in an xlsx workbook. Default: the first.")
@click.option("--actors-sheet", default=None, help="The sheet of actors in an xlsx workbook. Default: the first.")
@click.option("--map", "mapping", multiple=True, metavar="COLUMN=FIELD", callback=_mapping,
              help="Read a column as a field (source, target, kind, sign, weight, since, until, domain, id, "
                   "confidence, evidence, sources, tags; name for actors), as attributes.NAME, or leave it "
                   "out with ignore. Repeat for several.")
@click.option("--source-title", default=None,
              help="Title of the source that stands for the spreadsheet. Default: the file name.")
@click.option("--source-date", type=DATE, default=None,
              help="Date of that source (YYYY, YYYY-MM or YYYY-MM-DD). Default: the latest date in the sheet.")
@output_option(required=True, help="The YAML dataset to write (atomically).")
@handle_errors
def import_(fmt: str, relations: str, actors: str | None, sheet: str | None, actors_sheet: str | None,
            mapping: dict[str, str], source_title: str | None, source_date: str | None, output: str) -> None:
    """Turn a spreadsheet of relations into a YAML dataset that geograph validate accepts.

    One relation per row. A column whose header is a field name is read as that field; --map reads
    any other as a field or an attribute, or leaves it out (ignore). A column neither matched nor
    mapped is reported, never dropped. Every problem is located as file:row:column; nothing is
    written unless the whole sheet imports.

    \b
    Example:
        geograph import csv ties.csv -o ties.yaml
        geograph import xlsx region.xlsx --actors actors.csv --map "Trade USD=attributes.trade_usd" -o region.yaml
    """
    from graph.importer import write_import

    _, ds = write_import(relations, fmt, output, actors_path=actors, mapping=mapping, sheet=sheet,
                         actors_sheet=actors_sheet, source_title=source_title, source_date=source_date)
    click.echo(f"wrote {output} ({ds.summary('actors', 'relations')})", err=True)


def _ingest_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every `ingest` command shares: the actor map, the period, the threshold, the outputs."""
    for option in reversed([
        click.option("--actors", "actor_map", type=click.Path(dir_okay=False), default=None,
                     help="YAML map from code (or name) to actor, on top of the default: every state of the "
                          "bundled dataset by its ISO alpha-3 id and its name."),
        click.option("--period", type=click.Choice(PERIODS), default=PERIODS[0],
                     show_default=True, help="The span of one relation."),
        click.option("--min-events", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Fewest events of its kind (cooperation or conflict, both directions) a relation needs."),
        output_option(required=True, help="The dataset fragment (YAML) to write, atomically."),
        click.option("--aggregates", "aggregates_out", type=click.Path(dir_okay=False), default=None,
                     help="Also write the per-pair, per-period table as CSV."),
    ]):
        command = option(command)
    return command


def _report_ingest(result: Any, output: str, aggregates_out: str | None) -> None:
    click.echo(result.summary(), err=True, nl=False)
    for path in (output, aggregates_out):
        if path:
            click.echo(f"wrote {path}", err=True)


@main.group()
def ingest() -> None:
    """Turn event data (GDELT, ICEWS, POLECAT …) into a dataset fragment of dated relations.

    Events between two mapped actors are counted per pair and month (or quarter, or year);
    cooperation and conflict are counted apart, so a pair can get both an alignment and a
    tension relation in one period. The fragment validates alone and loads with the dataset in
    one folder. What was skipped, and why, is printed on standard error.

    \b
    Example:
        geograph ingest gdelt 20201113.export.CSV.zip -o data/caucasus/gdelt-2020-11.yaml
        geograph ingest csv icews.tab --source-col "Source Country" --target-col "Target Country" \\
            --date-col "Event Date" --score-col Intensity -o icews.yaml
        geograph ingest aggregates gdelt_months.csv --period year -o gdelt-years.yaml
    """


@ingest.command("gdelt")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="FILE…")
@_ingest_options
@click.option("--root-only", is_flag=True, help="Keep only root events (IsRootEvent = 1).")
@handle_errors
def ingest_gdelt_command(files: tuple[str, ...], actor_map: str | None, period: str, min_events: int,
                         output: str, aggregates_out: str | None, root_only: bool) -> None:
    """Relations from GDELT event files (1.0 or 2.0; plain, .zip or .gz).

    Reads the files in chunks (57, 58 or 61 tab-separated columns, detected per file), keeps the
    events whose two actor country codes map to two different actors, and derives one alignment
    and one tension relation per pair and period with weight (0.5 × verbal + material events of
    the kind) / (all the pair's events + 10). Malformed rows are counted, never fatal.

    \b
    Example:
        geograph ingest gdelt 20201113*.export.CSV.zip -o gdelt-2020-11.yaml
        geograph ingest gdelt *.tsv --actors map.yaml --period quarter --min-events 5 \\
            -o gdelt.yaml --aggregates gdelt.csv
    """
    from graph.ingest import ingest_gdelt

    result = ingest_gdelt(list(files), actor_map=actor_map, period=period, min_events=min_events,
                          root_only=root_only, progress=TerminalProgress("reading"), output=output,
                          aggregates_out=aggregates_out)
    _report_ingest(result, output, aggregates_out)


@ingest.command("csv")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--source-col", required=True, help="Column of the acting actor (a code or a name).")
@click.option("--target-col", required=True, help="Column of the actor acted upon.")
@click.option("--date-col", required=True, help="Column of the event's date (YYYY-MM-DD or YYYYMMDD).")
@click.option("--score-col", required=True, help="Column of the Goldstein-scale score, -10 to +10 (ICEWS: Intensity).")
@click.option("--kind-col", default=None,
              help="Column of the event's kind: QuadClass 1-4 or words (material conflict, cooperation …). "
                   "Default: from the score.")
@click.option("--name", default="events", show_default=True,
              help="The data's name: starts relation ids and evidence (ICEWS, POLECAT …).")
@click.option("--publisher", default="event table", show_default=True, help="Who published the table.")
@_ingest_options
@handle_errors
def ingest_csv_command(file: str, source_col: str, target_col: str, date_col: str, score_col: str,
                       kind_col: str | None, name: str, publisher: str, actor_map: str | None, period: str,
                       min_events: int, output: str, aggregates_out: str | None) -> None:
    """Relations from an event table with a header: ICEWS, POLECAT or any other.

    Comma, semicolon or tab separated (told from the header); plain, .zip or .gz. Without
    --kind-col, a score of 0 or more is cooperation and below 0 conflict, material when its size
    is 5 or more.

    \b
    Example:
        geograph ingest csv icews.2020.tab --source-col "Source Country" --target-col "Target Country" \\
            --date-col "Event Date" --score-col Intensity --name ICEWS --actors map.yaml -o icews-2020.yaml
    """
    from graph.ingest import ingest_table

    result = ingest_table(file, source_col=source_col, target_col=target_col, date_col=date_col,
                          score_col=score_col, kind_col=kind_col, actor_map=actor_map, period=period,
                          min_events=min_events, name=name, publisher=publisher, progress=TerminalProgress("reading"),
                          output=output, aggregates_out=aggregates_out)
    _report_ingest(result, output, aggregates_out)


@ingest.command("aggregates")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="FILE…")
@click.option("--name", default="GDELT", show_default=True, help="The data's name, for ids and evidence.")
@click.option("--publisher", default="The GDELT Project", show_default=True, help="Who published the events.")
@_ingest_options
@handle_errors
def ingest_aggregates_command(files: tuple[str, ...], name: str, publisher: str, actor_map: str | None,
                              period: str, min_events: int, output: str, aggregates_out: str | None) -> None:
    """Relations from per-pair, per-month aggregates: the result of graph/sql/gdelt_aggregate.sql.

    Run the query on BigQuery (where GDELT is hosted) or Spark SQL over GDELT's whole history,
    export the result as CSV (several shards are fine), and turn it into a fragment here. Months
    roll up into quarters or years with --period.

    \b
    Example:
        geograph ingest aggregates gdelt_months-*.csv --period year --min-events 20 -o gdelt-years.yaml
    """
    from graph.ingest import ingest_aggregates

    result = ingest_aggregates(list(files), actor_map=actor_map, period=period, min_events=min_events,
                               name=name, publisher=publisher, progress=TerminalProgress("reading"), output=output,
                               aggregates_out=aggregates_out)
    _report_ingest(result, output, aggregates_out)


@main.command()
@dataset_argument
@range_options(required=True, start="First snapshot day.", end="Last day of the range.",
               every="Step between snapshots.")
@click.option("--metric", "metrics", multiple=True,
              type=click.Choice([*_METRIC_NAMES, "camp"]),
              help="Actor metric to follow (repeat for several). Default: alignment_strength and "
                   "tension_strength. Graph-level metrics are always there.")
@click.option("--actor", "actors", multiple=True, help="Follow only this actor (repeat for several).")
@format_option(TIMELINE_FORMATS)
@click.option("--plot", type=click.Path(dir_okay=False), default=None,
              help="Also draw the chosen metrics over time to this PNG (needs matplotlib).")
@output_option
@handle_errors
def timeline(dataset: str | None, start: str, end: str, every: str, metrics: tuple[str, ...],
             actors: tuple[str, ...], fmt: str, plot: str | None, output: str | None) -> None:
    """Metrics over time: one snapshot per year, quarter or month.

    Graph-level rows (actor null): actors, relations, density, triangle_balance, walk_balance,
    frustration_index, weighted_frustration, frustration_score, camp sizes. Actor rows: the
    metrics asked for with --metric. --format json prints a list of
    {"period", "actor", "metric", "value"} rows.

    \b
    Example:
        geograph timeline --from 2015 --to 2025 --metric betweenness --actor AZE --actor IRN
        geograph timeline --from 2020 --to 2025 --every quarter --format json
        geograph timeline --from 2000 --to 2025 --metric tension_strength --actor IRN --plot iran.png
    """
    from graph.analysis.temporal import timeline as run
    from graph.report import format_timeline

    ds = graph.load(dataset)
    rows = run(ds, start, end, every, metrics=metrics or ("alignment_strength", "tension_strength"),
               actors=actors or None, progress=TerminalProgress("snapshots"))
    if plot:
        from graph.plot import plot_timeline

        title = f"{ds.title or 'geograph'}: {start} to {end}"
        plot_timeline(rows, plot, title=title)
        click.echo(f"wrote {plot}", err=True)
    _emit(format_timeline(rows, fmt), output)


@main.command()
@dataset_argument
@click.option("--from", "start", type=DATE, required=True, help="The earlier snapshot day.")
@click.option("--to", "end", type=DATE, required=True, help="The later snapshot day.")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many rank movers to list per metric.")
@format_option(TEXT_FORMATS)
@output_option
@handle_errors
def diff(dataset: str | None, start: str, end: str, top: int, fmt: str, output: str | None) -> None:
    """What changed between two dates: relations, ranks, camps and frustration.

    \b
    Example:
        geograph diff --from 2021 --to 2025-03
        geograph diff --from 2010 --to 2025 --format json -o diff.json
    """
    from graph.analysis.temporal import diff as run
    from graph.report import format_diff

    ds = graph.load(dataset)
    _emit(format_diff(run(ds, start, end, top=top), fmt, dataset=ds), output)


if __name__ == "__main__":
    main()

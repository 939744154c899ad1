"""``geograph ingest``: event data (GDELT, ICEWS, POLECAT …) into dataset fragments."""

from __future__ import annotations

from typing import Any, Callable

import click

from ..choices import PERIODS
from ..progress import TerminalProgress
from .choice import Choice
from .options import handle_errors, output_option, wrote
from .types import TEXT, Whole

__all__ = ["ingest"]


def _ingest_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every `ingest` command shares: the actor map, the period, the threshold, the outputs."""
    for option in reversed([
        click.option("--actors", "actor_map", type=click.Path(dir_okay=False), default=None,
                     help="YAML map from code (or name) to actor, on top of the default: every state of the "
                          "bundled dataset by its ISO alpha-3 id and its name."),
        click.option("--period", type=Choice(PERIODS), default=PERIODS[0],
                     show_default=True, help="The span of one relation."),
        click.option("--min-events", type=Whole(min=1), default=1, show_default=True,
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
            wrote(path)  # nothing for standard output (-o -)


@click.group()
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
@click.option("--name", type=TEXT, default="events", show_default=True,
              help="The data's name: starts relation ids and evidence (ICEWS, POLECAT …).")
@click.option("--publisher", type=TEXT, default="event table", show_default=True, help="Who published the table.")
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
@click.option("--name", type=TEXT, default="GDELT", show_default=True, help="The data's name, for ids and evidence.")
@click.option("--publisher", type=TEXT, default="The GDELT Project", show_default=True, help="Who published the events.")
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

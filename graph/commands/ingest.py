"""``geograph ingest``: event data (GDELT, ICEWS, POLECAT …) and UN votes into dataset fragments."""

from __future__ import annotations

import os
from typing import Any, Callable

import click

from ..choices import PERIODS
from ..ingest.agreement import MEASURES
from ..ingest.unvotes import SPLITS, UN_ISSUES, UN_PERIODS
from ..progress import TerminalProgress
from .choice import Choice
from .options import handle_errors, output_option, wrote
from .types import TEXT, Finite, Whole

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
    """Turn event data (GDELT, ICEWS, POLECAT …) or UN votes into a dataset fragment of dated relations.

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
        geograph ingest unvotes un_votes.csv.gz un_roll_calls.csv.gz --from 1992 -o unga.yaml
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


def _id_list(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    ids = tuple(dict.fromkeys(v.strip().upper() for v in value.split(",") if v.strip()))
    if not ids:
        raise click.BadParameter("give state ids separated by commas, e.g. USA,RUS,AZE")
    return ids


@ingest.command("unvotes")
@click.argument("votes", type=click.Path(dir_okay=False))
@click.argument("roll_calls", required=False, type=click.Path(dir_okay=False), metavar="[ROLLCALLS]")
@click.argument("issues", required=False, type=click.Path(dir_okay=False), metavar="[ISSUES]")
@click.option("--period", type=Choice(UN_PERIODS), default=UN_PERIODS[0], show_default=True,
              help="One relation per pair and calendar year, or per General Assembly session (September to the "
                   "next summer).")
@click.option("--issue", multiple=True, type=Choice(tuple(UN_ISSUES)),
              help="Keep only roll calls on this issue (repeatable): me Palestinian conflict, nu nuclear weapons, "
                   "di arms control, hr human rights, co colonialism, ec economic development. Needs ISSUES.")
@click.option("--important-only", is_flag=True,
              help="Keep only the votes the US State Department calls important (from session 39, 1984).")
@click.option("--measure", type=Choice(MEASURES), default=MEASURES[0], show_default=True,
              help="The similarity a tie is read from: pi (Scott, Häge 2011: chance from the pair's pooled vote "
                   "shares), kappa (Cohen, Häge 2011: from each member's own shares, which hides a member's habit of "
                   "voting no) or s (Signorino & Ritter: no chance correction).")
@click.option("--threshold", type=Finite(min=0.0, max=1.0), default=0.2, show_default=True,
              help="Smallest size of the similarity for a tie (its 95 % interval must also leave out 0).")
@click.option("--min-votes", type=Whole(min=1), default=10, show_default=True,
              help="Fewest roll calls both members voted in for a tie.")
@click.option("--members", "actors", callback=_id_list, default=None, metavar="IDS",
              help="Keep only pairs of these state ids, comma separated (USA,RUS,AZE …). Default: every member.")
@click.option("--from", "start", type=Whole(min=1900, max=2200), default=None, metavar="YEAR",
              help="First year of votes to keep.")
@click.option("--to", "end", type=Whole(min=1900, max=2200), default=None, metavar="YEAR",
              help="Last year of votes to keep.")
@click.option("--split", type=Choice(SPLITS), default=None,
              help="Write one fragment per decade (unga-1960s.yaml) or per year into the folder -o names. "
                   "Default when -o is a folder (or ends in /): decade.")
@output_option(required=True, folder=True,
               help="The dataset fragment (YAML) to write, atomically; or a folder, for one file per decade "
                    "(the whole membership 1946-2019 is too large for one dataset file).")
@click.option("--pairs", "pairs_out", type=click.Path(dir_okay=False), default=None,
              help="Also write every pair's figures per period as CSV (votes, agreement, s, pi, kappa and their "
                   "standard errors).")
@handle_errors
def ingest_unvotes_command(votes: str, roll_calls: str | None, issues: str | None, period: str,
                           issue: tuple[str, ...], important_only: bool, measure: str, threshold: float,
                           min_votes: int, actors: tuple[str, ...] | None, start: int | None, end: int | None,
                           split: str | None, output: str, pairs_out: str | None) -> None:
    """Alignment and tension from UN General Assembly roll-call votes (Voeten's data).

    VOTES, ROLLCALLS and ISSUES are the unvotes R package's tables (CSV, plain or .gz, or its
    .rda files with pyreadr installed), or VOTES alone is Voeten's Dataverse file. For each pair
    of members and year, over the roll calls both voted in: the agreement index (1 same vote,
    0.5 when one abstains, 0 yes against no), S, Scott's pi and Cohen's kappa (Häge 2011). A
    pair whose similarity is at least --threshold in size, with a 95 % interval clear of 0 and
    at least --min-votes shared votes, gets an alignment (above chance) or a tension (below)
    relation of weight |similarity|, dated to its year and sourced to Voeten's data set.
    Members no state id stands for are reported, never dropped silently.

    \b
    Example:
        geograph ingest unvotes un_votes.csv.gz un_roll_calls.csv.gz un_roll_call_issues.csv.gz \\
            --from 1992 --members AZE,IRN,TUR,RUS,ISR,USA -o my_region/unga.yaml
        geograph ingest unvotes un_votes.csv.gz un_roll_calls.csv.gz --from 1960 --to 1960 \\
            -o un1960/votes.yaml --pairs un1960/pairs.csv
        geograph ingest unvotes un_votes.csv.gz un_roll_calls.csv.gz -o un/      # one file per decade
    """
    from graph.ingest import ingest_unvotes

    result = ingest_unvotes(votes, roll_calls, issues, period=period, issue=issue or None,
                            important_only=important_only, measure=measure, threshold=threshold,
                            min_votes=min_votes, actors=actors, start=start, end=end, split=split,
                            progress=TerminalProgress("agreement"), output=output, pairs_out=pairs_out)
    if "" in result.fragments:
        _report_ingest(result, output, pairs_out)
        return
    click.echo(result.summary(), err=True, nl=False)
    for name in result.fragments:
        wrote(os.path.join(output, f"{name}.yaml"))
    if pairs_out:
        wrote(pairs_out)

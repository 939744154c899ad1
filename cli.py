"""The geograph command line: a thin layer of click commands over the ``graph`` library.

Each command parses its options, calls one library function and prints or writes the result.
Heavy libraries (pandas, networkx, pyvis) are imported inside the commands, so ``--help`` is quick.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

import click

import graph
from graph.choices import (BALANCE_METHODS, COLOR_BY, EDGE_MODES, EXPORT_FORMATS, FIGURE_FORMATS, IMPORT_FORMATS,
                           LAYOUTS, REPORT_FORMATS, TEXT_FORMATS,
                           TIMELINE_FORMATS, VALIDATE_FORMATS)
from graph.commands.choice import Choice
from graph.commands.ingest import ingest
from graph.commands.types import SEED, TEXT, Finite, Whole
from graph.commands.options import (BUNDLED, DATE, at_option, dataset_argument, emit, format_option, handle_errors,
                                    formulas_option, output_option, plural, range_options, scenario_option, view_options,
                                    wrote)
from graph.metrics import METRIC_NAMES as _METRIC_NAMES
from graph.progress import TerminalProgress, stages

if TYPE_CHECKING:
    from graph.selection import View


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(graph.__version__, "--version", prog_name="geograph")
@click.option("--debug", is_flag=True, help="Show a full traceback on errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """geograph: international relations as a signed, weighted, dated and sourced graph.

    Every command that reads a DATASET takes one of:

    \b
      a YAML file          region.yaml (.yaml or .yml)
      a folder             data/caucasus: every .yaml and .yml file below it, merged
      a CSV edge list      ties.csv: a header such as source,target,sign, one row per tie
      -                    standard input: a CSV edge list if its first line is a header
                           such as source,target,sign, else YAML (cat region/*.yaml | …)

    Without one it uses the bundled Azerbaijan–Iran dataset. The analysis commands also take
    --scenario FILE, a YAML overlay applied to the dataset first. The formats are described in
    data/README.md.

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
    click.echo(f"ok: {ds.path if dataset else BUNDLED}: {ds.summary()}")


@main.command()
@dataset_argument
@at_option
@click.option("--sort", type=Choice(_METRIC_NAMES), default=None,
              help="Sort by this metric, largest first (actors without a value last). Default: by actor id; "
                   "with --top, by alignment_strength.")
@click.option("--top", type=Whole(min=1), default=None, help="Show only the first N actors.")
@click.option("--metric", "metrics", multiple=True, type=Choice(_METRIC_NAMES),
              help="Show this metric's column (repeat for several, in the order given; as timeline's --metric). "
                   "Default: every metric. The metric the rows are sorted by is shown too.")
@click.option("--exact", is_flag=True,
              help="Exact betweenness at any size (by default it is estimated from sampled sources above about "
                   "5,000 actors with 20,000 alignment ties, the bound said on stderr).")
@click.option("--sample", type=Whole(min=1), default=None, metavar="N",
              help="Estimate betweenness and closeness from N seeded sources in each connected part of the "
                   "alignment layer (a quick look at a large graph; how sure is said on stderr).")
@format_option(REPORT_FORMATS, help="Output format; json is a list of objects, one per actor.")
@formulas_option
@output_option
@scenario_option
@handle_errors
@view_options
def centrality(dataset: str | None, at: str | None, sort: str | None, top: int | None, metrics: tuple[str, ...],
               exact: bool, sample: int | None, fmt: str, formulas: str, output: str | None,
               scenario_file: str | None, view: View) -> None:
    """Centrality report: one row per actor, one column per metric.

    Path metrics (betweenness, closeness) use the alignment layer with distance = 1/strength;
    eigenvector and PageRank use alignment strength as weight; tension_* metrics use the tension
    layer. An actor with no tie in a metric's layer has no value there (blank; null in JSON) and
    counts in no one else's. The README lists every metric with its layer and reference.

    \b
    Example:
        geograph centrality --sort betweenness --top 5
        geograph centrality --at 2023-06 --format csv -o centrality.csv
        geograph centrality --metric betweenness --metric pagerank --sort pagerank
        geograph centrality big.csv --sample 300 --sort betweenness --top 20
    """
    from graph.report import format_frame

    ds = graph.load_with_scenario(dataset, scenario_file)
    shown = None
    if metrics:  # the columns asked for, in their order; the metric the rows are sorted by stays visible
        from graph.analysis.centrality import DEFAULT_METRIC

        ranked_by = sort or (DEFAULT_METRIC if top else None)
        shown = list(dict.fromkeys([*metrics, *([ranked_by] if ranked_by else [])]))
    if exact and sample:
        raise click.UsageError("--exact computes betweenness exactly, --sample estimates it: give one or the other")
    frame = graph.centrality(view.network(ds, at), sort=sort, top=top, metrics=shown,
                             progress=stages("centrality", ds), exact=True if exact else None, sample=sample)
    from graph.analysis.centrality import estimate_bounds

    for name, sure in estimate_bounds(frame.attrs).items():   # the table's columns stay as they are
        click.echo(f"note: {name} estimated from {frame.attrs['pivots']:,} sources: {sure}; "
                   f"{'drop --sample' if sample else 'give --exact'} to compute it exactly", err=True)
    if shown:
        frame = frame[["name", "kind", *shown]]
    emit(format_frame(frame, fmt, formulas=formulas), output)


@main.command()
@dataset_argument
@at_option
@output_option(required=True, help="The file to write: an HTML page, or with a .svg, .png or .pdf name a static "
                                   "figure (written atomically; nothing else is written).")
@range_options(required=False, start="With --to: a page with a time slider over the periods from this day.",
               end="The last day of the slider's range.", every="The slider's step.")
@click.option("--size-by", type=Choice(_METRIC_NAMES), default="alignment_strength", show_default=True,
              help="Metric that sets node size.")
@click.option("--color-by", type=Choice(COLOR_BY), default=COLOR_BY[0], show_default=True,
              help="What node colour shows: actor kind, or camp in the best split of the signed layer "
                   "(ties under strain are marked).")
@click.option("--edges", type=Choice(EDGE_MODES), default=EDGE_MODES[0], show_default=True,
              help="One line per pair of actors and kind, as wide as their combined strength, its tooltip "
                   "listing the relations (pairs); or every relation as its own line (relations).")
@click.option("--layout", type=Choice(LAYOUTS), default=LAYOUTS[0], show_default=True,
              help="signed: allies together, rivals apart, no actor or name on another; geo: states at their "
                   "capitals on a world map (ISO alpha-3 ids or lat/lon attributes), the others by their ties.")
@click.option("--positions", "positions_file", type=click.Path(dir_okay=False), default=None,
              help="A layout saved from the page (Save layout: JSON) or a CSV of id,x,y: those actors stay "
                   "where they are, new ones are placed around them.")
@click.option("--format", "fmt", type=Choice(("html",) + FIGURE_FORMATS), default=None,
              help="html: the interactive page; svg, png, pdf: a static figure with the page's positions, "
                   "styles and legend. Default: from the suffix of -o, else html.")
@click.option("--dpi", type=Whole(min=30, max=1200), default=200, show_default=True,
              help="Resolution of a PNG figure.")
@click.option("--title", type=TEXT, default=None, help="Page title. Default: the dataset's title.")
@click.option("--seed", type=SEED, default=7, show_default=True,
              help="Layout seed: the same seed gives a byte-identical page.")
@click.option("--exact-paths", is_flag=True,
              help="Compute the side panel's betweenness and closeness exactly on a page of any size (above "
                   "2,000 actors they are estimated from 300 sources per connected part, the panel stating the "
                   "error bound).")
@scenario_option
@handle_errors
@view_options
def render(dataset: str | None, at: str | None, output: str, start: str | None, end: str | None, every: str,
           size_by: str, color_by: str, edges: str, layout: str, positions_file: str | None, fmt: str | None,
           dpi: int, title: str | None, seed: int, exact_paths: bool, scenario_file: str | None,
           view: View) -> None:
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
        geograph render --edges relations -o caucasus-relations.html
    """
    fmt = fmt or next((f for f in FIGURE_FORMATS if output.lower().endswith("." + f)), "html")
    if (start or end) and (fmt != "html" or layout != "signed" or positions_file):
        raise click.UsageError("a time slider is an HTML page with the signed layout: --format, --layout geo "
                               "and --positions draw one snapshot (give --at instead of --from/--to)")
    if layout == "geo" and (fmt != "html" or positions_file):
        raise click.UsageError("--layout geo draws the HTML page (the map is drawn by the browser): leave out "
                               "--format and --positions")
    ds = graph.load_with_scenario(dataset, scenario_file)
    options = dict(size_by=size_by, color_by=color_by, title=title, seed=seed, edges=edges)
    if start or end:
        if not (start and end):
            raise click.UsageError("--from and --to go together: give both for a time slider")
        if at:
            raise click.UsageError("--at takes one snapshot; --from/--to a range: give one or the other")
        path = graph.write_timeline_html(view.dataset(ds), output, start, end, every, model=view.model,
                                         progress=TerminalProgress("timeline"), **options)
        wrote(path)
        return
    net = view.network(ds, at)
    if positions_file:
        options["positions"] = graph.read_positions(positions_file)
        skipped = graph.unknown_actors(options["positions"], net)
        if skipped:
            click.echo(f"note: {plural(len(skipped), 'actor')} of {positions_file} not drawn on this snapshot: "
                       f"{', '.join(skipped[:5])}{' …' if len(skipped) > 5 else ''}", err=True)
    if fmt == "html":
        path = graph.write_html(net, output, progress=stages("rendering", ds), layout=layout,
                                exact=True if exact_paths else None, **options)
    else:
        path = graph.render_figure(net, output, format=fmt, dpi=dpi, **options)
    wrote(path)


@main.command()
@dataset_argument
@at_option
@click.option("--weighted", is_flag=True,
              help="Choose the split that minimises the magnitude of contradicting ties, not their number.")
@click.option("--camps", type=Whole(min=2), default=2, show_default=True,
              help="Allow up to K camps (generalised balance, Davis 1967).")
@click.option("--time-limit", type=Finite(min=0.1), default=None,
              help="Seconds for the whole run, reading the data included (default 1). When it runs out "
                   "before a proof, the best split found is reported with its lower bound and the gap, and "
                   "the report says so.")
@click.option("--method", type=Choice(BALANCE_METHODS), default=BALANCE_METHODS[0], show_default=True,
              help="exact: mixed-integer program (proven optimum, or the best within the time); heuristic: "
                   "local search with a lower bound; auto: exact on blocks of up to 1,000 actors and 10,000 "
                   "ties, heuristic on larger ones (the report says when).")
@click.option("--max-splits", type=Whole(min=1), default=256, show_default=True,
              help="Count equally optimal two-camp splits up to this many.")
@format_option(TEXT_FORMATS)
@output_option
@scenario_option
@handle_errors
@view_options
def balance(dataset: str | None, at: str | None, weighted: bool, camps: int, time_limit: float, method: str,
            max_splits: int, fmt: str, output: str | None, scenario_file: str | None, view: View) -> None:
    """Structural balance: camps, ties under strain, triangle, walk and frustration scores.

    Reads the signed layer (each pair's net sign and magnitude). The frustration index is the
    fewest ties that contradict the best split into two camps (into up to K with --camps K),
    solved exactly; the ties under strain are those contradicting it, heaviest first, with their
    evidence. Every optimum: how many two-camp splits are equally good, who swings between them,
    which ties are under strain in all of them and which in some.

    \b
    Example:
        geograph balance --at 2025-03-01
        geograph balance gahuku_gama.csv --format json
        geograph balance --weighted --camps 3 --format markdown -o balance.md
    """
    from graph.analysis.balance import balance as run
    from graph.report import format_balance

    started = time.monotonic()
    ds = graph.load_with_scenario(dataset, scenario_file)
    net = view.network(ds, at)
    # the budget is the whole run's: what reading and building took comes off it
    report = run(net, weighted=weighted, camps=camps, method=method, time_limit=time_limit,
                 max_splits=max_splits, progress=stages("balancing", ds), spent=time.monotonic() - started)
    emit(format_balance(report, fmt, dataset=ds), output)


@main.command()
@dataset_argument
@at_option
@click.option("--samples", type=Whole(), default=500, show_default=True, help="How many draws of the dataset.")
@click.option("--seed", type=SEED, default=0, show_default=True,
              help="Seed of the draws: the same seed gives a byte-identical report.")
@click.option("--weighted", is_flag=True,
              help="Count camps in the split that minimises the magnitude of contradicting ties, not their number.")
@format_option(TEXT_FORMATS)
@output_option
@scenario_option
@handle_errors
@view_options
def robustness(dataset: str | None, at: str | None, samples: int, seed: int, weighted: bool, fmt: str,
               output: str | None, scenario_file: str | None, view: View) -> None:
    """How sure each conclusion is: camps, signs, ranks and frustration over seeded redraws.

    Each draw moves every relation's weight within a band set by its confidence (high ±0.1,
    medium ±0.2, low ±0.3) and leaves out each low-confidence relation with probability 0.5; the
    report gives each actor's modal camp and how often it holds, each tied pair's chance of a
    positive net sign, each actor's rank interval per metric, the frustration index's spread, and
    the pairs a small change would flip (Borgatti, Carley & Krackhardt 2006).

    \b
    Example:
        geograph robustness --at 2025-03-01
        geograph robustness --at 2025-03-01 --samples 1000 --seed 7 --format json -o robustness.json
    """
    from graph.report import format_robustness

    ds = graph.load_with_scenario(dataset, scenario_file)
    result = graph.robustness(view.network(ds, at), samples=samples, seed=seed, weighted=weighted,
                              progress=TerminalProgress("draws"))
    emit(format_robustness(result, fmt, dataset=ds), output)


@main.command()
@dataset_argument
@at_option
@format_option(TEXT_FORMATS)
@output_option
@scenario_option
@handle_errors
@view_options
def arenas(dataset: str | None, at: str | None, fmt: str, output: str | None, scenario_file: str | None,
           view: View) -> None:
    """Arenas: the projects and regions agents have stakes in, who backs and contests each.

    Balance, camps and the path measures read agents only: a shared stake in a sea or a corridor
    is not a tie between its stakeholders. This report gives each arena its stakeholders for and
    against and how contested it is (the share of stakeholder pairs at odds).

    \b
    Example:
        geograph arenas --at 2025-03-01
        geograph arenas --format json -o arenas.json
    """
    from graph.analysis.arenas import arenas as run
    from graph.report import format_arenas

    ds = graph.load_with_scenario(dataset, scenario_file)
    net = view.network(ds, at)
    emit(format_arenas(run(net), fmt, model=net.model.describe(), at=str(net.at),
                       names={a.id: a.name for a in ds.actors}), output)

@main.command(context_settings={"ignore_unknown_options": False})
@click.argument("args", nargs=-1, required=True, metavar="[DATASET] A B")
@at_option
@format_option(TEXT_FORMATS)
@output_option
@scenario_option
@handle_errors
@view_options
def explain(args: tuple[str, ...], at: str | None, fmt: str, output: str | None, scenario_file: str | None,
            view: View) -> None:
    """Everything between two actors: relations, shared events, triads, and what balance says.

    DATASET may be left out: `geograph explain AZE IRN` reads the bundled data.

    \b
    Example:
        geograph explain AZE IRN
        geograph explain data/caucasus AZE TUR --at 2023 --format json
        geograph explain AZE IRN --scenario data/scenarios/zangezur_route_opens.yaml
    """
    from graph.analysis.explain import explain as run
    from graph.report import format_explanation

    if len(args) not in (2, 3):
        raise click.UsageError(f"explain takes [DATASET] A B: two actor ids, optionally after a dataset; got {len(args)} "
                               "arguments")
    dataset, actor_a, actor_b = (None, *args) if len(args) == 2 else args
    ds = graph.load_with_scenario(dataset, scenario_file)
    emit(format_explanation(run(view.network(ds, at), actor_a, actor_b), fmt), output)


@main.command()
@click.argument("args", nargs=-1, required=True, metavar="[DATASET] SCENARIO.yaml")
@at_option
@click.option("--top", type=Whole(min=1), default=5, show_default=True,
              help="How many of the largest centrality changes to list per metric.")
@format_option(TEXT_FORMATS)
@output_option
@handle_errors
@view_options
def scenario(args: tuple[str, ...], at: str | None, top: int, fmt: str, output: str | None, view: View) -> None:
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
    from graph.scenario import load_dataset_and_scenario

    if len(args) not in (1, 2):
        raise click.UsageError(f"scenario takes [DATASET] SCENARIO.yaml; got {len(args)} arguments")
    dataset, path = (None, *args) if len(args) == 1 else args
    ds, overlay = load_dataset_and_scenario(dataset, path)  # every problem of both files in one report
    emit(format_comparison(compare(view.dataset(ds), overlay, at=at, top=top, model=view.model), fmt),
         output)


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
@click.option("--drawing/--no-drawing", default=True, show_default=True,
              help="gexf, graphml: carry the page's positions, colours, sizes and shapes, so Gephi opens "
                   "the same picture (drawn with --seed and --positions).")
@click.option("--seed", type=SEED, default=7, show_default=True, help="Layout seed of the drawing.")
@click.option("--positions", "positions_file", type=click.Path(dir_okay=False), default=None,
              help="A layout saved from the page (Save layout) for the drawing.")
@formulas_option
@scenario_option
@handle_errors
def export(dataset: str | None, fmt: str, output: str, at: str | None, with_metrics: bool, drawing: bool,
           seed: int, positions_file: str | None, formulas: str, scenario_file: str | None) -> None:
    """Export the graph for Gephi, D3 or a spreadsheet: GEXF, GraphML, JSON or CSV.

    One node per actor and one edge per relation with every field: kind, domain, weight, sign,
    dates, confidence, evidence, sources, tags and attributes. Without --at every relation is
    exported with its dates, so Gephi's timeline plays the dataset; with --at, only the relations
    in force that day. The same input and options give a byte-identical output.

    \b
    Example:
        geograph export --format gexf -o caucasus.gexf
        geograph export --format gexf --positions layout.json -o caucasus.gexf
        geograph export --format json --at 2025-03-01 --with-metrics -o caucasus.json
        geograph export data/caucasus --format csv -o caucasus-tables
    """
    from graph.export import export as run

    style = {"seed": seed, **({"positions": graph.read_positions(positions_file)} if positions_file else {})}
    path = run(graph.load_with_scenario(dataset, scenario_file), output, fmt, at=at, with_metrics=with_metrics,
               drawing=style if drawing else False, formulas=formulas)
    wrote(path)


def _mapping(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """--map COLUMN=FIELD options as a mapping; a malformed one or an unknown field is a usage error."""
    from graph.errors import OptionError
    from graph.importer import parse_mapping

    try:
        return parse_mapping(values)
    except OptionError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command("import")
@click.argument("fmt", metavar="csv|xlsx", type=Choice(IMPORT_FORMATS))
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
@click.option("--source-title", type=TEXT, default=None,
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
    wrote(output, f" ({ds.summary('actors', 'relations')})")


main.add_command(ingest)


@main.command()
@dataset_argument
@range_options(required=True, start="First snapshot day.", end="Last day of the range.",
               every="Step between snapshots.")
@click.option("--metric", "metrics", multiple=True,
              type=Choice([*_METRIC_NAMES, "camp"]),
              help="Actor metric to follow (repeat for several). Default: alignment_strength and "
                   "tension_strength. Graph-level metrics are always there.")
@click.option("--actor", "actors", multiple=True, help="Follow only this actor (repeat for several).")
@format_option(TIMELINE_FORMATS)
@formulas_option
@click.option("--plot", type=click.Path(dir_okay=False), default=None,
              help="Also draw the chosen metrics over time to this PNG (needs matplotlib).")
@output_option
@scenario_option
@handle_errors
@view_options
def timeline(dataset: str | None, start: str, end: str, every: str, metrics: tuple[str, ...],
             actors: tuple[str, ...], fmt: str, formulas: str, plot: str | None, output: str | None,
             scenario_file: str | None, view: View) -> None:
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

    ds = graph.load_with_scenario(dataset, scenario_file)
    rows = run(view.dataset(ds), start, end, every, metrics=metrics or ("alignment_strength", "tension_strength"),
               actors=actors or None, model=view.model, progress=TerminalProgress("snapshots"))
    if plot:
        from graph.plot import plot_timeline

        title = f"{ds.title or 'geograph'}: {start} to {end}"
        plot_timeline(rows, plot, title=title)
        wrote(plot)
    emit(format_timeline(rows, fmt, formulas=formulas), output)


@main.command()
@dataset_argument
@click.option("--from", "start", type=DATE, required=True, help="The earlier snapshot day.")
@click.option("--to", "end", type=DATE, required=True, help="The later snapshot day.")
@click.option("--top", type=Whole(min=1), default=5, show_default=True,
              help="How many rank movers to list per metric.")
@format_option(TEXT_FORMATS)
@output_option
@scenario_option
@handle_errors
@view_options
def diff(dataset: str | None, start: str, end: str, top: int, fmt: str, output: str | None,
         scenario_file: str | None, view: View) -> None:
    """What changed between two dates: relations, ranks, camps and frustration.

    A rank move is listed only where the actor's own value moved.

    \b
    Example:
        geograph diff --from 2021 --to 2025-03
        geograph diff --from 2010 --to 2025 --format json -o diff.json
    """
    from graph.analysis.temporal import diff as run
    from graph.report import format_diff

    ds = graph.load_with_scenario(dataset, scenario_file)
    emit(format_diff(run(view.dataset(ds), start, end, top=top, model=view.model, progress=stages("diff", ds)), fmt,
                     dataset=ds), output)


if __name__ == "__main__":
    main()

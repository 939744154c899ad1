"""The closed sets of values that options take: formats, steps, periods, methods, colour modes.

One light module (it imports nothing heavy), so the command line builds its choices from the
library's own sets without loading pandas or NetworkX for ``--help``, and each library function
checks its argument against the same tuple.

>>> from graph.choices import STEPS, REPORT_FORMATS
>>> STEPS
('year', 'quarter', 'month')
>>> REPORT_FORMATS
('table', 'csv', 'json', 'markdown')
"""

from __future__ import annotations

from .dates import STEPS

__all__ = ["STEPS", "PERIODS", "REPORT_FORMATS", "TEXT_FORMATS", "TIMELINE_FORMATS", "VALIDATE_FORMATS",
           "EXPORT_FORMATS", "IMPORT_FORMATS", "BALANCE_METHODS", "COLOR_BY", "COMBINE_RULES", "AMBIVALENCE", "EDGE_MODES", "LAYOUTS",
           "FIGURE_FORMATS"]

#: Formats of a table with one row per actor (the centrality report).
REPORT_FORMATS = ("table", "csv", "json", "markdown")
#: Formats of a report that is not one table (balance, explain, diff, scenario).
TEXT_FORMATS = ("table", "json", "markdown")
#: Formats of a timeline (rows of period, actor, metric, value).
TIMELINE_FORMATS = ("table", "csv", "json")
#: Formats of a validation report.
VALIDATE_FORMATS = ("text", "json")
#: Formats ``export`` writes.
EXPORT_FORMATS = ("gexf", "graphml", "json", "csv")
#: Spreadsheet formats ``import`` reads.
IMPORT_FORMATS = ("csv", "xlsx")
#: The span of one relation derived from event data, finest first.
PERIODS = ("month", "quarter", "year")
#: How a balance split is found: a proven optimum, or local search with a bound.
BALANCE_METHODS = ("auto", "exact", "heuristic")
#: What a node's colour shows on the page: its kind, or its camp in the best split.
COLOR_BY = ("kind", "faction")
#: How the page draws relations: one line per pair and kind (the default), or one per relation.
EDGE_MODES = ("pairs", "relations")
#: Where the page draws actors: the sign-aware layout, or a world map (graph.geo).
LAYOUTS = ("signed", "geo")
#: What ``geograph render`` writes besides the page: static figures (graph.render.figure).
FIGURE_FORMATS = ("svg", "png", "pdf")
#: How the records of one pair and kind make one strength (see :mod:`graph.network`); the first is
#: the default. ``domain-max``: the strongest record in each domain, the domains combined by
#: noisy-or; ``noisy-or``: every record combined; ``max``: the strongest record; ``mean``: their mean.
COMBINE_RULES = ("domain-max", "noisy-or", "max", "mean")
#: The default ambivalence band: a pair whose net is within this share of its stronger side has no sign.
AMBIVALENCE = 0.1

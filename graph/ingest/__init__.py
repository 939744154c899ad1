"""Evidence into relations: GDELT files, event tables, aggregates and UN votes into dataset fragments.

GDELT, ICEWS and POLECAT record millions of dated events between countries: statements, visits,
aid, sanctions, fights. :func:`ingest_gdelt` (or :func:`ingest_table`, or
:func:`ingest_aggregates` for the result of the SQL query in ``graph/sql/gdelt_aggregate.sql``)
reads them in chunks, maps country codes to the actors of a dataset, counts cooperation and
conflict per pair of actors and month (or quarter, or year), and derives alignment and tension
relations with documented weights (:mod:`graph.ingest.relations`). The result is a dataset
fragment: a YAML file that validates alone and merges with the dataset in one folder, so that
``geograph timeline`` and ``render --at`` show the event-derived relations over time.

:func:`ingest_unvotes` does the same for how states vote in the UN General Assembly: agreement
and chance-corrected similarity per pair and year (:mod:`.agreement`), signed ties where the
similarity is clearly above or below chance (:mod:`.unvotes`), members mapped by
:mod:`.un_members`.

>>> from graph.ingest import ingest_gdelt, write_fragment
>>> result = ingest_gdelt(["events.tsv"])                                 # doctest: +SKIP
>>> print(result.summary())                                               # doctest: +SKIP
>>> write_fragment(result, "my_dataset/gdelt-2020.yaml")                  # doctest: +SKIP

The modules, in the order data flows: :mod:`.gdelt` and :mod:`.tables` read, :mod:`.actors`
maps, :mod:`.aggregate` adds up, :mod:`.relations` derives, :mod:`.fragment` writes.
"""

from __future__ import annotations

from pathlib import Path

from .actors import REGIONAL_CODES, ActorMap, default_actor_map, load_actor_map
from .aggregate import AGGREGATE_COLUMNS, PERIODS
from .core import ingest_aggregates, ingest_gdelt, ingest_table
from .fragment import (MALFORMED_REASONS, SKIP_REASONS, IngestResult, InputFile, aggregates_csv,
                       write_aggregates, write_fragment)
from .gdelt import LAYOUTS, GdeltReader, gdelt_columns
from .relations import relation_confidence, relation_weight
from .unvotes import UN_ISSUES, UN_PERIODS, UnVotesResult, derive_vote_relations, ingest_unvotes, pairs_csv

__all__ = [
    "ingest_gdelt", "ingest_table", "ingest_aggregates", "IngestResult", "InputFile",
    "write_fragment", "write_aggregates", "aggregates_csv",
    "ActorMap", "default_actor_map", "load_actor_map", "REGIONAL_CODES",
    "AGGREGATE_COLUMNS", "PERIODS", "SKIP_REASONS", "MALFORMED_REASONS",
    "GdeltReader", "gdelt_columns", "LAYOUTS", "relation_weight", "relation_confidence",
    "SQL_PATH", "aggregate_sql",
    "ingest_unvotes", "UnVotesResult", "UN_PERIODS", "UN_ISSUES", "derive_vote_relations", "pairs_csv",
]

#: The portable aggregation query (BigQuery and Spark SQL): see its header for how to run it.
SQL_PATH = Path(__file__).resolve().parent.parent / "sql" / "gdelt_aggregate.sql"


def aggregate_sql() -> str:
    """The text of the portable aggregation query (:data:`SQL_PATH`).

    Examples
    --------
    >>> "GROUP BY source, target, period" in aggregate_sql()
    True
    """
    return SQL_PATH.read_text(encoding="utf-8")

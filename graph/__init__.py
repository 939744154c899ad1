"""geograph: international relations as a signed, weighted, dated and sourced graph.

The public API, loaded on first use so that ``import graph`` (and ``geograph --help``) stays fast:

>>> import graph
>>> ds = graph.load()                      # the bundled Azerbaijan–Iran dataset
>>> report = graph.centrality(ds, at="2025-03-01")
>>> bool(report.loc["AZE", "alignment_degree"] > 0)
True
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # load → model
    "load": "graph.loading",
    "validate": "graph.loading",
    "bundled_path": "graph.loading",
    "read_edgelist": "graph.edgelist",
    "check": "graph.read.dataset",
    "Check": "graph.read.dataset",
    "Dataset": "graph.model",
    "Actor": "graph.model",
    "Relation": "graph.model",
    "Event": "graph.model",
    "Source": "graph.model",
    "parse_date": "graph.dates",
    # network
    "snapshot": "graph.network",
    "layer": "graph.network",
    "multigraph": "graph.network",
    "combine": "graph.network",
    "Network": "graph.network",
    "Model": "graph.network",
    "select": "graph.selection",
    "View": "graph.selection",
    # analysis
    "centrality": "graph.analysis.centrality",
    "METRICS": "graph.metrics",
    "balance": "graph.analysis.balance",
    "frustration": "graph.analysis.balance",
    "frustration_index": "graph.analysis.balance",
    "balance_score": "graph.analysis.balance",
    "explain": "graph.analysis.explain",
    "robustness": "graph.analysis.robustness",
    "timeline": "graph.analysis.temporal",
    "diff": "graph.analysis.temporal",
    "timeline_states": "graph.analysis.temporal",
    "MAX_PERIODS": "graph.analysis.temporal",
    "count_periods": "graph.analysis.temporal",
    "plot_timeline": "graph.plot",
    "periods": "graph.dates",
    "pn_centrality": "graph.analysis.signed_centrality",
    "signed_eigenvector": "graph.analysis.signed_centrality",
    # scenarios
    "Scenario": "graph.scenario",
    "load_scenario": "graph.scenario",
    "apply_scenario": "graph.scenario",
    "load_with_scenario": "graph.scenario",
    "load_dataset_and_scenario": "graph.scenario",
    "validate_scenario": "graph.scenario",
    "compare": "graph.analysis.scenario_compare",
    # export / import
    "to_gexf": "graph.export",
    "to_graphml": "graph.export",
    "to_node_link": "graph.export",
    "to_csv": "graph.export",
    "import_table": "graph.importer",
    "write_import": "graph.importer",
    # ingest: event data and UN votes into dataset fragments
    "ingest_gdelt": "graph.ingest",
    "ingest_table": "graph.ingest",
    "ingest_aggregates": "graph.ingest",
    "ingest_unvotes": "graph.ingest",
    # render / report
    "render_html": "graph.render",
    "render_figure": "graph.render.figure",
    "read_positions": "graph.positions",
    "keep_positions": "graph.positions",
    "unknown_actors": "graph.positions",
    "geo_layout": "graph.geo",
    "write_html": "graph.render",
    "inline": "graph.render",
    "render_timeline_html": "graph.render",
    "write_timeline_html": "graph.render",
    # errors
    "GeographError": "graph.errors",
    "DataError": "graph.errors",
    "OptionError": "graph.errors",
    "OutputError": "graph.errors",
    "Problem": "graph.errors",
    "ErrorCode": "graph.errors",
    "CATALOGUE": "graph.errors",
    "describe_code": "graph.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__", "write_export"]


def write_export(*args: Any, **kwargs: Any) -> Any:
    """Write an export (GEXF, GraphML, JSON or a CSV folder): :func:`graph.export.export`, under a
    name that the ``graph.export`` module cannot shadow."""
    from .export import export

    return export(*args, **kwargs)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graph' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__

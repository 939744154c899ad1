"""Analyses of a dataset's layers; one module per topic."""

from .centrality import METRICS, Metric, centrality

__all__ = ["METRICS", "Metric", "centrality"]

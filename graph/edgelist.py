"""CSV edge lists as datasets: the old import path of :mod:`graph.read.edgelist`."""

from __future__ import annotations

from .read.edgelist import COLUMNS, DEFAULT_DOMAIN, SOURCE_ID, read_edgelist

__all__ = ["COLUMNS", "DEFAULT_DOMAIN", "SOURCE_ID", "read_edgelist"]

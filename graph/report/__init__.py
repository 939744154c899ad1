"""Reports as text, deterministic to the byte: metric tables, balance, a pair's story, time, scenarios.

One module per result family: :mod:`~graph.report.tables` (a metric table in table, CSV, JSON or
Markdown form), :mod:`~graph.report.balance`, :mod:`~graph.report.explanation`, :mod:`~graph.report.arenas`,
:mod:`~graph.report.temporal` (timeline and diff), :mod:`~graph.report.scenario` and
:mod:`~graph.report.robustness`; what they share (the format check, rounding, numbers in prose, and
:func:`~graph.report.text.markdown_text`, the one escape of every Markdown report) is in
:mod:`~graph.report.text`.
"""

from __future__ import annotations

from .arenas import format_arenas
from .balance import balance_evidence, format_balance
from .explanation import format_explanation
from .robustness import format_robustness
from .scenario import format_comparison
from .tables import FORMATS, format_frame, records
from .temporal import format_diff, format_timeline
from .text import DIGITS, markdown_text

__all__ = ["FORMATS", "format_frame", "records", "format_balance", "format_explanation", "format_timeline",
           "format_diff", "format_comparison", "format_arenas", "format_robustness", "balance_evidence", "DIGITS",
           "markdown_text"]

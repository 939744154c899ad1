"""Loading and validating datasets: the old import path of :mod:`graph.read.dataset` and the rules it uses."""

from __future__ import annotations

from .read.dataset import Check, bundled_path, check, dataset_files, load, validate
from .read.files import MAX_FILE_BYTES, read_bounded, read_text
from .rules import ID_PATTERN, JS_RESERVED, MIN_WEIGHT, id_hint, id_rule

__all__ = ["load", "validate", "check", "Check", "bundled_path", "dataset_files", "ID_PATTERN", "JS_RESERVED",
           "MAX_FILE_BYTES", "MIN_WEIGHT", "read_bounded", "read_text", "id_rule", "id_hint"]

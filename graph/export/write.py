"""Writing an export: one file renamed into place, or a CSV folder swapped in whole."""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Mapping

from ..choices import EXPORT_FORMATS
from ..errors import OptionError, OutputError
from ..files import (STDOUT, atomic_write, current_umask, exchange_paths, existing_folder, sync_folder,
                     temporary_prefix)
from ..model import Dataset
from ..network import gc_paused
from .csv_tables import CSV_FILES, to_csv
from .node_link import to_node_link
from .xml_formats import to_gexf, to_graphml

# EXPORT_FORMATS is the closed set of graph.choices, named here too for graph.export
__all__ = ["EXPORT_FORMATS", "export"]


def _write_folder(path: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` into a temporary folder beside ``path``, then put it in ``path``'s place.

    An existing folder is replaced only when it holds nothing but the files of a CSV export, and
    in one step: the two folders swap names (Linux's ``renameat2`` with ``RENAME_EXCHANGE``), then
    the old one, now under the hidden temporary name, is deleted. A process killed at any moment
    leaves ``path`` holding the old set or the new one, whole, and at most one hidden
    ``.NAME.XXXXXXXX.tmp`` folder beside it (which may be deleted).

    Where no such swap exists (not Linux, or a file system without it), the old folder is renamed
    aside to ``.NAME.XXXXXXXX.old`` and the new one renamed into place: a kill between those two
    renames, a few microseconds apart, leaves no ``path``, the old folder whole under its hidden
    name (rename it back), and the new one under ``.NAME.XXXXXXXX.tmp``.
    """
    folder = existing_folder(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"cannot write {path}: it is a file, and a CSV export is a folder of files. "
                          "Hint: give the name of a new folder.")
    replace = path.is_dir()
    if replace:
        others = sorted(p.name for p in path.iterdir() if p.name not in CSV_FILES)
        if others:
            listed = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
            raise OutputError(f"cannot write {path}: the folder holds other files ({listed}). "
                              "Hint: give a new or empty folder; only an earlier CSV export is replaced.")
    prefix = temporary_prefix(path, folder)
    tmp: Path | None = None
    old: Path | None = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=prefix, suffix=".tmp", dir=folder))
        for name, payload in files.items():
            with open(tmp / name, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        sync_folder(tmp)
        os.chmod(tmp, path.stat().st_mode & 0o777 if replace else 0o777 & ~current_umask())
        if not replace:
            os.rename(tmp, path)
        elif exchange_paths(tmp, path):
            old, tmp = tmp, None  # the swap is done: what the temporary name holds now is the old export
        else:
            old = tmp.with_name(tmp.name[: -len(".tmp")] + ".old")
            os.rename(path, old)
            try:
                os.rename(tmp, path)
            except OSError:
                os.rename(old, path)
                old = None
                raise
        tmp = None
        sync_folder(folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}. "
                          "Hint: check the folder's permissions and free space.") from None
    finally:
        for leftover in (tmp, old):
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)
    return path


def export(dataset: Dataset, path: str | Path, fmt: str, *, at: str | _dt.date | None = None,
           with_metrics: bool = False, drawing: bool | Mapping[str, Any] = True, formulas: str = "text") -> Path:
    """Write the graph to ``path`` as GEXF, GraphML, node-link JSON or a folder of CSV files.

    Parameters
    ----------
    dataset : Dataset
    path : str or Path
        The file to write (``-``: standard output); for ``csv``, the folder (created, or replaced
        whole, in one step, when it holds only an earlier CSV export: see :func:`_write_folder`).
    fmt : {"gexf", "graphml", "json", "csv"}
        See :func:`to_gexf`, :func:`to_graphml`, :func:`to_node_link` (written as UTF-8 JSON,
        indented by 2) and :func:`to_csv`.
    at : date or text, optional
        Keep only the relations in force that day. Default: every relation, with its dates.
    with_metrics : bool
        Add every centrality metric to each actor, computed on ``at`` (default: today, so the
        output then depends on the day it is run).
    drawing : bool or mapping
        GEXF and GraphML: carry the page's drawing (positions, colours, sizes, shapes), so Gephi
        opens the picture the page shows; a mapping of drawing options (``seed``, ``size_by``,
        ``color_by``, ``camps``, ``positions``); ``False`` for none (see :func:`to_gexf`).
    formulas : {"text", "all", "off"}
        CSV: how cells a spreadsheet would run as formulas are written (see :mod:`graph.csv_text`).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OptionError
        When ``fmt`` is not one of :data:`EXPORT_FORMATS`, ``at`` is not a date, or a CSV export
        is sent to standard output (``-``, which the other formats accept).
    OutputError
        When the output cannot be written; an existing file or folder is then left as it was,
        and no temporary file stays behind.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from graph import load
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> export(load(), out / "caucasus.gexf", "gexf").read_bytes()[:38]
    b'<?xml version="1.0" encoding="UTF-8"?>'
    >>> sorted(p.name for p in export(load(), out / "tables", "csv").iterdir())
    ['actors.csv', 'relations.csv', 'sources.csv']
    """
    if fmt not in EXPORT_FORMATS:
        raise OptionError(f"unknown export format '{fmt}'; choose one of: {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv":
        if str(path) == STDOUT:
            raise OptionError("a CSV export is a folder of three files: it cannot go to standard output (-); "
                              "give the name of a folder, or choose the format gexf, graphml or json")
        path = Path(path)
        with gc_paused():  # the tables' rows hold no cycles (see graph.network.gc_paused)
            tables = to_csv(dataset, at=at, with_metrics=with_metrics, formulas=formulas)
        return _write_folder(path, {name: text.encode("utf-8-sig") for name, text in tables.items()})
    if fmt == "gexf":
        payload: bytes | str = to_gexf(dataset, at=at, with_metrics=with_metrics, drawing=drawing)
    elif fmt == "graphml":
        payload = to_graphml(dataset, at=at, with_metrics=with_metrics, drawing=drawing)
    else:
        with gc_paused():
            data = to_node_link(dataset, at=at, with_metrics=with_metrics)
            payload = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return atomic_write(path, payload)  # '-' is standard output

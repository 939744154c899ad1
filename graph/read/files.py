"""Reading an input file's bytes and text, bounded in size, with located problems instead of exceptions."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem

__all__ = ["MAX_FILE_BYTES", "read_bounded", "read_text"]

#: The largest input file geograph reads: 50 MB. A YAML dataset costs about 2 s and 80 MB of memory
#: per MB to read, so a larger file is split into several files of one folder; a larger one is
#: refused at once, before a byte of it is read (event data of any size goes through ``ingest``).
MAX_FILE_BYTES = 50_000_000


def read_bounded(file: Path, display: str, problems: list[Problem], hint: str) -> bytes | None:
    """A file's bytes, or None with a ``too-large`` problem when it is larger than
    :data:`MAX_FILE_BYTES`: checked before reading, and again while reading, since a device such as
    ``/dev/zero`` reports no size. An ``OSError`` (no permission …) is left to the caller.
    """
    with open(file, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = b"" if size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES // 1_000_000} MB"
        message = (f"the file is {size / 1e6:,.0f} MB, larger than the {limit} geograph reads"
                   if size > MAX_FILE_BYTES else f"the file holds more than the {limit} geograph reads")
        problems.append(Problem(display, 0, 0, "too-large", message, hint))
        return None
    return data


def read_text(file: Path, display: str, problems: list[Problem], what: str = "a dataset") -> str | None:
    """A file's UTF-8 text (a byte-order mark is dropped), or None with a located problem."""
    try:
        data = read_bounded(file, display, problems,
                            "split it into several files in one folder, which geograph reads as one dataset")
    except OSError as exc:
        problems.append(Problem(display, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}", ""))
        return None
    if data is None:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(display, 0, 0, "encoding", "the file is UTF-16 text, not UTF-8",
                                "save the file as UTF-8"))
        return None
    if b"\x00" in data[:8192]:
        problems.append(Problem(display, 0, 0, "binary", "this is a binary file, not YAML text",
                                f"{what} is UTF-8 text"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.append(Problem(display, line, col, "encoding",
                                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                                "save the file as UTF-8"))
        return None

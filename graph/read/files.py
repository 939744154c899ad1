"""Reading an input file's bytes and text, bounded in size, with located problems instead of exceptions.

Every input is read once, front to back, so a pipe, a FIFO, ``/dev/stdin``, a process substitution
(``<(cat x.yaml)``) or ``-`` (standard input, shown as ``<stdin>``) reads like a file.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ..errors import Problem

__all__ = ["MAX_FILE_BYTES", "STDIN", "STDIN_NAME", "read_bounded", "read_once", "read_text", "decode_text", "shown_name",
           "is_stdin", "is_stream", "missing", "same_stream", "input_path"]

#: The path that means standard input.
STDIN = "-"
#: How standard input is named in messages (``<stdin>:3:7: …``) and as a dataset's path.
STDIN_NAME = "<stdin>"

#: The largest input file geograph reads: 50 MB. A YAML dataset costs about 2 s and 80 MB of memory
#: per MB to read, so a larger file is split into several files of one folder; a larger one is
#: refused at once, before a byte of it is read (event data of any size goes through ``ingest``).
MAX_FILE_BYTES = 50_000_000


def is_stdin(path: str | Path | None) -> bool:
    """Whether ``path`` is ``-``, standard input.

    >>> is_stdin("-"), is_stdin("./-"), is_stdin(None)
    (True, False, False)
    """
    return path is not None and str(path) == STDIN


def input_path(path: str | Path) -> Path:
    """The path to read: ``-`` stays standard input, and ``./-`` (which pathlib shortens to ``-``)
    stays the file named ``-`` in the current folder.

    >>> str(input_path("-")), input_path("./-") == Path.cwd() / "-"
    ('-', True)
    """
    if isinstance(path, str) and path != STDIN and Path(path).as_posix() == STDIN:
        return Path.cwd() / STDIN
    return Path(path)


def shown_name(path: str | Path) -> str:
    """How an input is named in messages: as given, standard input as ``<stdin>``.

    >>> shown_name("-"), shown_name("data/caucasus")
    ('<stdin>', 'data/caucasus')
    """
    return STDIN_NAME if is_stdin(path) else str(path)


def is_stream(path: str | Path) -> bool:
    """Whether an input can be read only once, front to back: standard input, or an existing file
    that is neither a regular file nor a folder (a pipe, a FIFO, a character device, ``/dev/stdin``
    or ``/dev/fd/N`` when they are pipes).

    >>> is_stream("-"), is_stream("/dev/null"), is_stream(__file__)
    (True, True, False)
    """
    if is_stdin(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def missing(path: str | Path) -> bool:
    """Whether an input is not there: ``-`` always is; anything else must exist (``os.stat`` only:
    nothing is opened, so a FIFO is not consumed).

    >>> missing("-"), missing("no/such/file.yaml")
    (False, True)
    """
    if is_stdin(path):
        return False
    try:
        os.stat(path)
    except (OSError, ValueError):
        return True
    return False


def _identity(path: str | Path) -> tuple[int, int] | None:
    """The (device, inode) an input reads from; standard input's for ``-``; None if unknown."""
    try:
        info = os.fstat(sys.stdin.fileno()) if is_stdin(path) else os.stat(path)
    except (OSError, ValueError, AttributeError):  # a test runner's stdin has no file number
        return None
    return info.st_dev, info.st_ino


def same_stream(first: str | Path | None, second: str | Path | None) -> bool:
    """Whether two inputs would both read one stream (``-`` and ``/dev/stdin``, one FIFO twice …):
    the second would find it empty, so a command refuses that.

    >>> same_stream("-", "-"), same_stream("-", None), same_stream(__file__, __file__)
    (True, False, False)
    """
    if first is None or second is None:
        return False
    if is_stdin(first) and is_stdin(second):
        return True
    if not (is_stream(first) and is_stream(second)):
        return False
    one, two = _identity(first), _identity(second)
    if one is None or two is None:
        return False
    if is_stdin(first) or is_stdin(second):
        return one == two
    # a pipe behind /dev/stdin and /dev/fd/0 is the same pipe; so is one FIFO named twice
    return one == two and not stat.S_ISCHR(os.stat(first).st_mode)


def read_bounded(file: Path, display: str, problems: list[Problem], hint: str) -> bytes | None:
    """A file's bytes, or None with a ``too-large`` problem when it is larger than
    :data:`MAX_FILE_BYTES`: checked before reading, and again while reading, since a device such as
    ``/dev/zero`` reports no size. ``-`` reads standard input. The file is read once, front to back
    (a pipe or a FIFO gives its bytes once). An ``OSError`` (no permission …) is left to the caller.
    """
    if is_stdin(file):
        handle = getattr(sys.stdin, "buffer", sys.stdin)
        if handle is None:  # a process started without one (pythonw, a daemon)
            raise OSError("there is no standard input")
        try:
            size = os.fstat(handle.fileno()).st_size
        except (OSError, ValueError, AttributeError):  # a test runner's stdin has no file number
            size = 0
        data = b"" if size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
    else:
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


def read_once(file: Path, display: str, problems: list[Problem],
              hint: str = "split it into several files in one folder, which geograph reads as one dataset"
              ) -> bytes | None:
    """A file's bytes, read once (a pipe cannot be read again), or None with a located problem:
    too large (``hint`` says what to do) or unreadable."""
    try:
        return read_bounded(file, display, problems, hint)
    except OSError as exc:
        problems.append(Problem(display, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}", ""))
        return None


def read_text(file: Path, display: str, problems: list[Problem], what: str = "a dataset") -> str | None:
    """A file's UTF-8 text (a byte-order mark is dropped), or None with a located problem."""
    data = read_once(file, display, problems)
    if data is None:
        return None
    return decode_text(data, display, problems, what)


def decode_text(data: bytes, display: str, problems: list[Problem], what: str = "a dataset") -> str | None:
    """Bytes read from an input as UTF-8 text (a byte-order mark is dropped), or None with a located problem.

    >>> problems = []
    >>> decode_text(b"\\xef\\xbb\\xbfactors: []\\n", "f.yaml", problems), problems
    ('actors: []\\n', [])
    >>> decode_text(b"a: caf\\xe9\\n", "f.yaml", problems) is None, str(problems[0])
    (True, 'f.yaml:1:7: the file is not UTF-8 text (byte 0xe9). Hint: save the file as UTF-8.')
    """
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

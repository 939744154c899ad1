"""Writing output files so that a failure never leaves half a file behind, and checking their folders first."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["atomic_write", "check_output_folders", "existing_folder", "current_umask"]


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the new one, never a mix; an existing file survives any failure,
    a process killed mid-write included. Such a kill can leave one hidden temporary file,
    ``.NAME.XXXXXXXX.tmp``, beside ``path``: it is never read (datasets skip hidden files) and
    may be deleted. Text is written as UTF-8 with ``\\n`` line ends on every platform.

    What is not a regular file is never replaced: ``-`` writes to standard output; a symlink is
    written through (the file it names is replaced, atomically, and the link stays); an existing
    device, FIFO or socket (``/dev/null``, ``/dev/stdout`` on a pipe or a terminal) is written into.

    Raises
    ------
    OutputError
        When the folder is missing or not writable, the file is read-only, or the disk is full.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, "hello\\n").read_text()
    'hello\\n'
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == STDOUT:
        return _write_stdout(payload)
    path = Path(path)
    # through the link (/proc's links to a pipe name no file: only opening them works)
    if path.exists() and not path.is_file() and not path.is_dir():
        return _write_in_place(path, payload)
    if path.is_symlink():
        # the user's link stays: the file it names is written (atomically, there)
        path = Path(os.path.realpath(path))
    folder = existing_folder(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder. Hint: give a file name.")
    _refuse_read_only(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~current_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
        _sync_folder(folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}. "
                          "Hint: check the folder's permissions and free space.") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return path


#: The output name that means standard output, as Unix tools have it (``-o -``).
STDOUT = "-"


def _write_stdout(payload: bytes) -> Path:
    """Write to standard output (``-o -``): nothing to rename, so a reader may see part of it."""
    import sys

    try:
        stream = sys.stdout.buffer
        stream.write(payload)
        stream.flush()
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}.") from None
    return Path(STDOUT)


def _write_in_place(path: Path, payload: bytes) -> Path:
    """Write into a device, FIFO or socket that exists (``/dev/null``, ``/dev/stdout`` on a pipe): it
    is not a file to replace, and a rename over it would put a regular file in its place."""
    try:
        with open(path, "wb") as handle:
            handle.write(payload)
            handle.flush()
    except OSError as exc:
        full = exc.errno == errno.ENOSPC
        raise OutputError(f"cannot write {path}: {'no space left on the device' if full else exc.strerror or exc}. "
                          f"Hint: {'free some space, or write elsewhere' if full else 'check what it is and its permissions'}."
                          ) from None
    return path


def existing_folder(path: str | Path) -> Path:
    """The folder that will hold ``path`` (``.`` for a bare name), which must exist.

    Raises
    ------
    OutputError
        When the folder does not exist.

    Examples
    --------
    >>> existing_folder("notes.txt")
    PosixPath('.')
    >>> existing_folder("no-such-folder/notes.txt")
    Traceback (most recent call last):
    ...
    graph.errors.OutputError: cannot write no-such-folder/notes.txt: the folder no-such-folder does not exist. ...
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise _missing_folder(path, folder)
    return folder


def check_output_folders(*paths: str | Path | None) -> None:
    """Fail before a long read, not after it, when the folder of an output is missing.

    ``None`` (no such output) and bare file names (the current folder) pass.

    Raises
    ------
    OutputError
        For the first path whose folder does not exist.

    Examples
    --------
    >>> check_output_folders("fragment.yaml", None)
    >>> check_output_folders("fragment.yaml", "no-such-folder/table.csv")
    Traceback (most recent call last):
    ...
    graph.errors.OutputError: cannot write no-such-folder/table.csv: the folder no-such-folder does not exist. ...
    """
    for path in paths:
        # the folder as written (os.path, not Path, which would tidy "./x/" into "x")
        folder = os.path.dirname(path) if path else ""
        if folder and not os.path.isdir(folder):
            raise _missing_folder(path, folder)


def _missing_folder(path: str | Path, folder: str | Path) -> OutputError:
    return OutputError(f"cannot write {path}: the folder {folder} does not exist. "
                       "Hint: create it first, or choose another path.")


def _refuse_read_only(path: Path) -> None:
    """A rename replaces a file whatever its permissions (only the folder's count): a file marked
    read-only, or one this user may not write, is refused rather than replaced behind its back."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise OutputError(f"cannot write {path}: the file is read-only. "
                          "Hint: make it writable (chmod u+w), or choose another path.")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a crash right after it must not bring the old file back)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself is already synced
    finally:
        os.close(fd)


def current_umask() -> int:
    """The process's umask, read without changing it: the bits a new file's mode leaves out.

    Examples
    --------
    >>> 0 <= current_umask() <= 0o777
    True
    """
    mask = os.umask(0)
    os.umask(mask)
    return mask

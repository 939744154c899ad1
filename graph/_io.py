"""Writing output files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["atomic_write"]


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the new one, never a mix; an existing file survives any failure,
    a process killed mid-write included. Such a kill can leave one hidden temporary file,
    ``.NAME.XXXXXXXX.tmp``, beside ``path``: it is never read (datasets skip hidden files) and
    may be deleted. Text is written as UTF-8 with ``\\n`` line ends on every platform.

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
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist. "
                          "Hint: create it first, or choose another path.")
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
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""Writing output files so that a failure never leaves half a file behind, and checking their folders first."""

from __future__ import annotations

import errno
import functools
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .errors import OutputError

__all__ = ["STDOUT", "atomic_write", "atomic_write_all", "check_output_folders", "existing_folder", "current_umask",
           "check_output", "name_limit", "temporary_prefix", "refuse_folder_name", "same_file", "exchange_paths", "sync_folder"]


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the new one, never a mix; an existing file survives any failure,
    a process killed mid-write included. Such a kill can leave one hidden temporary file,
    ``.NAME.XXXXXXXX.tmp``, beside ``path`` (``NAME`` cut short when the whole would not fit the
    file system's limit on a name): it is never read (datasets skip hidden files) and may be
    deleted. Text is written as UTF-8 with ``\\n`` line ends on every platform.

    What is not a regular file is never replaced: ``-`` writes to standard output; a symlink is
    written through (the file it names is replaced, atomically, and the link stays); an existing
    device, FIFO or socket (``/dev/null``, ``/dev/stdout`` on a pipe or a terminal) is written into.

    Raises
    ------
    OutputError
        When the name ends in ``/`` (a folder), is longer than the file system allows, the folder
        is missing or not writable, the file is read-only, or the disk is full.

    See Also
    --------
    atomic_write_all : several outputs, every temporary file written before the first rename.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, "hello\\n").read_text()
    'hello\\n'
    """
    return atomic_write_all([(path, data)])[0]


def atomic_write_all(outputs: Sequence[tuple[str | Path, str | bytes]]) -> tuple[Path, ...]:
    """Write several outputs as :func:`atomic_write` does, every temporary file before any rename.

    The renames then follow one another in the order given, with nothing else between them, so a
    process killed in the middle leaves at most the first outputs new and the rest as they were,
    never one half-written. Put last the output whose presence says the others are done.
    Standard output and special files are written at their turn among the renames.

    Returns
    -------
    tuple of Path
        The paths written, in the order given (a symlink's target for a link).

    Raises
    ------
    OutputError
        As :func:`atomic_write`; when a temporary file cannot be written, no output is touched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in atomic_write_all([(folder / "table.csv", "a,b\\n"), (folder / "done.yaml", "ok\\n")])]
    ['table.csv', 'done.yaml']
    """
    pending: list[_Pending] = []
    try:
        for path, data in outputs:
            pending.append(_prepare(path, data.encode("utf-8") if isinstance(data, str) else data))
        return tuple(item.commit() for item in pending)
    finally:
        for item in pending:
            item.discard()


@dataclass
class _Pending:
    """One output made ready: its temporary file written and synced (or, for standard output and
    special files, the bytes to write at its turn). Not frozen: ``tmp`` is cleared once the file is
    renamed, so the cleanup in :func:`atomic_write_all` leaves the renamed file alone."""

    path: Path
    folder: Path | None = None
    tmp: str | None = None
    payload: bytes | None = None

    def commit(self) -> Path:
        if self.tmp is None:
            assert self.payload is not None
            return _write_stdout(self.payload) if str(self.path) == STDOUT else _write_in_place(self.path, self.payload)
        assert self.folder is not None
        try:
            os.replace(self.tmp, self.path)
        except OSError as exc:
            raise _write_error(self.path, exc) from None
        self.tmp = None
        sync_folder(self.folder)
        return self.path

    def discard(self) -> None:
        if self.tmp is not None and os.path.exists(self.tmp):
            os.unlink(self.tmp)
        self.tmp = None


def _prepare(target: str | Path, payload: bytes) -> _Pending:
    if str(target) == STDOUT:
        return _Pending(Path(STDOUT), payload=payload)
    refuse_folder_name(target)
    path = Path(target)
    temporary_prefix(path, path.parent)  # a name too long first: the system would only say "File name too long"
    # through the link (/proc's links to a pipe name no file: only opening them works)
    if path.exists() and not path.is_file() and not path.is_dir():
        return _Pending(path, payload=payload)
    if path.is_symlink():
        # the user's link stays: the file it names is written (atomically, there)
        path = Path(os.path.realpath(path))
    folder = existing_folder(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder. Hint: give a file name.")
    _refuse_read_only(path)
    pending = _Pending(path, folder)
    try:
        fd, pending.tmp = tempfile.mkstemp(prefix=temporary_prefix(path, folder), suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(pending.tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~current_umask())
    except OSError as exc:
        pending.discard()
        raise _write_error(path, exc) from None
    return pending


def _write_error(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {path}: {exc.strerror or exc}. "
                       "Hint: check the folder's permissions and free space.")


#: What :func:`temporary_prefix` adds around the name: ``.``, ``.``, mkstemp's 8 letters, ``.tmp``.
_TMP_EXTRA = len(".") + len(".") + 8 + len(".tmp")


def name_limit(folder: str | Path) -> int:
    """The longest file name, in bytes, that the file system holding ``folder`` allows (NAME_MAX).

    255 where the system cannot say (no ``pathconf``, as on Windows).

    Examples
    --------
    >>> name_limit(".") >= 14
    True
    """
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):
        return 255


def temporary_prefix(path: str | Path, folder: str | Path) -> str:
    """The start of the hidden temporary name beside ``path``: ``.NAME.``, the name cut short
    (at a character's end) when the whole temporary name would not fit the file system's limit.

    Raises
    ------
    OutputError
        When the name itself is longer than the file system allows.

    Examples
    --------
    >>> temporary_prefix("out/report.csv", ".")
    '.report.csv.'
    >>> len(temporary_prefix("x" * 250, ".")) + 8 + len(".tmp") <= 255
    True
    """
    name = Path(path).name
    size, limit = len(os.fsencode(name)), name_limit(folder)
    if size > limit:
        raise OutputError(f"cannot write {path}: the name is {size} bytes; this file system allows {limit}. "
                          "Hint: choose a shorter name.")
    return f".{_cut(name, limit - _TMP_EXTRA)}."


def _cut(name: str, limit: int) -> str:
    """``name`` in at most ``limit`` bytes of the file system's encoding, never half a character."""
    raw = os.fsencode(name)
    if len(raw) <= limit:
        return name
    cut = raw[:max(limit, 0)]
    for drop in range(4):  # a UTF-8 character is at most 4 bytes
        try:
            return cut[:len(cut) - drop].decode("utf-8")
        except UnicodeDecodeError:
            continue
    return os.fsdecode(cut)  # a name that was not UTF-8 to begin with


def refuse_folder_name(path: str | Path) -> None:
    """A name ending in ``/`` names a folder: refuse it for an output that is one file, rather than
    write a file under the folder's name (``-o newdir/`` would make a file ``newdir``).

    Raises
    ------
    OutputError
        When ``path`` ends in a path separator.

    Examples
    --------
    >>> refuse_folder_name("report.csv")
    >>> refuse_folder_name("reports/")
    Traceback (most recent call last):
    ...
    graph.errors.OutputError: cannot write reports/: a name ending in / is a folder, and this output is one file. ...
    """
    text = os.fspath(path)
    if text.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)):
        raise OutputError(f"cannot write {text}: a name ending in / is a folder, and this output is one file. "
                          f"Hint: give a file name (such as {text}report), or leave out the final /.")


#: The output name that means standard output, as Unix tools have it (``-o -``).
STDOUT = "-"


def _write_stdout(payload: bytes) -> Path:
    """Write to standard output (``-o -``): nothing to rename, so a reader may see part of it."""
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


def check_output(path: str | Path, *, folder: bool = False) -> None:
    """What can be known about an output before anything is computed: its folder exists, its name
    fits the file system, and a file's name does not end in ``/``. ``-`` (standard output) passes.

    ``folder``: the output is a folder (a CSV export), so a final ``/`` is welcome.

    Raises
    ------
    OutputError
        As :func:`refuse_folder_name`, :func:`check_output_folders` and :func:`temporary_prefix`.

    Examples
    --------
    >>> check_output("report.csv"), check_output("-"), check_output("tables/", folder=True)
    (None, None, None)
    >>> check_output("x" * 300 + ".csv")
    Traceback (most recent call last):
    ...
    graph.errors.OutputError: cannot write xxx...x.csv: the name is 304 bytes; this file system allows 255. ...
    """
    text = os.fspath(path)
    if text == STDOUT:
        return
    if not folder:
        refuse_folder_name(text)
    elif len(text) > 1:
        text = text.rstrip(os.sep)  # "tables/": the folder tables, in the current folder
    check_output_folders(text)
    temporary_prefix(text, os.path.dirname(text) or ".")


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether ``a`` and ``b`` name one file or folder: the same real path (symlinks followed),
    or, when both exist, the same file on disk (a hard link). ``-`` (standard input or output) and
    what is not a regular file or folder (a device, a FIFO: ``/dev/stdin`` and ``/dev/stdout`` on
    one terminal are one device) are never the same as anything.

    Examples
    --------
    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> same_file(os.path.join(folder, "a.yaml"), os.path.join(folder, ".", "a.yaml"))
    True
    >>> same_file("-", "-"), same_file(os.path.join(folder, "a.yaml"), os.path.join(folder, "b.yaml"))
    (False, False)
    """
    if STDOUT in (os.fspath(a), os.fspath(b)):
        return False
    try:
        stats = [os.stat(p) for p in (a, b) if os.path.exists(p)]
    except OSError:
        return False
    if any(not (stat.S_ISREG(s.st_mode) or stat.S_ISDIR(s.st_mode)) for s in stats):
        return False
    if len(stats) == 2:
        return os.path.samestat(*stats)
    return os.path.realpath(a) == os.path.realpath(b)


#: renameat2's flag that swaps two names in one step (Linux 3.15, glibc 2.28; ext4, btrfs, xfs, tmpfs …).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange_paths(a: str | Path, b: str | Path) -> bool:
    """Swap what the names ``a`` and ``b`` point to, in one atomic step: ``renameat2`` with
    ``RENAME_EXCHANGE`` on Linux. Both must exist, on one file system.

    Returns ``False``, touching nothing, where the system or the file system cannot do it (not
    Linux, an older kernel or C library, a file system without the flag, such as some network
    ones): the caller then falls back on two renames.

    Raises
    ------
    OSError
        When the swap is possible here but fails (a name missing, no permission).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a").write_text("A"), (folder / "b").write_text("B")
    >>> swapped = exchange_paths(folder / "a", folder / "b")
    >>> (folder / "a").read_text() == ("B" if swapped else "A")
    True
    """
    call = _renameat2()
    if call is None:
        return False
    import ctypes

    if call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), os.fspath(b))


@functools.lru_cache(maxsize=1)
def _renameat2() -> Callable[..., int] | None:
    """libc's renameat2, or None where there is none (not Linux, or glibc before 2.28)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call  # type: ignore[no-any-return]


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


def sync_folder(folder: str | Path) -> None:
    """Make a rename in ``folder`` durable: a crash right after it must not bring the old file back.

    Examples
    --------
    >>> sync_folder(".")
    """
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

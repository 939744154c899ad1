"""Opening input files (plain, zip, gzip, bzip2 or xz, told by their first bytes), reading them in
blocks of whole lines, and reporting progress as a share of the bytes on disk.

An archive geograph cannot read (encrypted, a compression method Python does not have, another
archive format) is refused before a byte of it is parsed; one that is damaged or cut short is
refused where the damage is found. Either way: a located :class:`~graph.errors.DataError`, never
a traceback.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import mmap
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

from ..errors import DataError, Problem

__all__ = ["Progress", "Member", "Ticker", "BLOCK", "READABLE", "check_paths", "open_members", "blocks",
           "line_ranges"]

#: What ``ingest`` reads, as its messages say it.
READABLE = "unencrypted zip (stored, deflate, bzip2 or lzma), gzip, bzip2, xz or plain files"
#: Zip compression methods Python's zipfile reads.
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
#: The names of zip methods people meet that it does not (PKWARE APPNOTE 4.4.5).
_ZIP_METHOD_NAMES = {1: "Shrink", 6: "Implode", 9: "Deflate64", 10: "PKWARE Implode", 18: "IBM TERSE",
                     19: "IBM LZ77", 93: "Zstandard", 95: "xz", 96: "JPEG", 97: "WavPack", 98: "PPMd",
                     99: "WinZip AES encryption"}
#: First bytes of archive formats geograph does not read, and their names.
_OTHER_ARCHIVES = ((b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!\x1a\x07", "a RAR archive"),
                   (b"\x28\xb5\x2f\xfd", "a Zstandard file"), (b"\x1f\x9d", "a compress (.Z) file"))
_SAVE_FIRST = "save it to a file first (… > events.csv) and give the file"
#: What reading a damaged or truncated compressed stream raises.
_BROKEN = (OSError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile)

#: ``progress(step, total)``: called once per step, the last call with ``step == total``.
Progress = Callable[[int, int], None]
BLOCK = 16 << 20


@dataclass
class Member:
    """One stream of text to read: a plain file, a gzip file, or one member of a zip archive."""

    name: str
    stream: BinaryIO
    offset: int                  # bytes on disk before this member, for the progress bar
    size: int                    # bytes on disk this member stands for
    raw: BinaryIO | None = None  # the file under the stream, whose position tells the progress
    expanded: int = 0            # uncompressed size, when the archive says it (zip)
    plain: bool = False          # an uncompressed file, read through a memory map

    def raise_damage(self) -> None:
        """Raise the located DataError of the damage the stream met (truncated, bad CRC …), if any:
        for a reader such as pandas that replaces it with a parse error of its own."""
        failure = getattr(self.stream, "failure", None)
        if failure is not None:
            raise failure

    def done(self, read: int) -> float:
        """Bytes on disk read so far, counting every earlier member and file."""
        if self.raw is not None:
            return self.offset + self.raw.tell()
        if self.expanded:
            return self.offset + self.size * min(1.0, read / self.expanded)
        return self.offset


class Ticker:
    """Turns bytes read into calls ``progress(step, 100)``, one call per percent."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress, self.total, self.step = progress, max(total, 1), 0

    def at(self, done: float) -> None:
        """Report that ``done`` bytes of the total have been read (never reaches 100)."""
        if self.progress is None:
            return
        target = min(99, int(100 * done / self.total))
        while self.step < target:
            self.step += 1
            self.progress(self.step, 100)

    def finish(self) -> None:
        """Report the end: the remaining steps up to 100."""
        if self.progress is None:
            return
        while self.step < 100:
            self.step += 1
            self.progress(self.step, 100)


def check_paths(paths: list[str | Path]) -> list[tuple[str, Path]]:
    """The paths as (shown, Path); DataError naming every one that is missing or a folder."""
    problems = []
    out = []
    for given in paths:
        shown, path = str(given), Path(given)
        # event files are measured for the progress bar and mapped in parallel blocks: standard
        # input, a pipe or a FIFO can be read only once, front to back
        if shown == "-":
            problems.append(Problem("<stdin>", 0, 0, "unreadable", "ingest reads event files from disk, not "
                                    "standard input", _SAVE_FIRST))
        elif path.exists() and not path.is_file() and not path.is_dir():
            problems.append(Problem(shown, 0, 0, "unreadable", "a pipe or a device, not a file: ingest reads "
                                    "event files from disk", _SAVE_FIRST))
        elif not path.exists():
            problems.append(Problem(shown, 0, 0, "missing-file", f"no such file: {shown}", "check the path"))
        elif not path.is_file():
            problems.append(Problem(shown, 0, 0, "unreadable", f"{shown} is a folder, not a file",
                                    "give the files themselves"))
        out.append((shown, path))
    if problems:
        raise DataError(problems)
    return out


def open_members(shown: str, path: Path, offset: int = 0) -> Iterator[Member]:
    """Every stream in a file: the file itself, its gzip, bzip2 or xz content, or each zip member (by name).

    Raises
    ------
    DataError
        For an archive that cannot be read: encrypted, compressed with a method Python lacks,
        another archive format (7z, RAR …), or damaged; and, while reading, for a stream that is
        cut short or corrupt (the problem names the file, and the member of a zip).
    """
    size = path.stat().st_size
    with open(path, "rb") as raw:
        magic = raw.read(6)
        raw.seek(0)
        if magic.startswith(b"PK\x03\x04") or magic.startswith(b"PK\x05\x06"):
            yield from _zip_members(shown, raw, size, offset)
        elif magic.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")):
            stream = {b"\x1f": lambda: gzip.GzipFile(fileobj=raw), b"B": lambda: bz2.BZ2File(raw),
                      b"\xfd": lambda: lzma.LZMAFile(raw)}[magic[:1]]()
            with stream:
                _refuse_tar(shown, stream)
                yield Member(shown, _Checked(stream, shown), offset, size, raw=raw)
        else:
            other = next((name for start, name in _OTHER_ARCHIVES if magic.startswith(start)), None)
            if other is not None:
                raise _refused(shown, f"this is {other}", "extract it first and give the files")
            _refuse_tar(shown, raw)
            yield Member(shown, raw, offset, size, raw=raw, plain=True)


def _refuse_tar(shown: str, stream: Any) -> None:
    """Refuse a tar archive (plain or compressed: ``.tar.gz``), told by ``ustar`` at byte 257."""
    try:
        head = stream.peek(512)[:512]
    except _BROKEN:  # damage this early is reported when the stream is read
        return
    if head[257:262] == b"ustar":
        raise _refused(shown, "this is a tar archive", "extract it first (tar -xf) and give the files")


def _zip_members(shown: str, raw: BinaryIO, size: int, offset: int) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(raw)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise DataError([Problem(shown, 0, 0, "unreadable", f"not a readable zip archive ({exc})",
                                 "the file is damaged or cut short: download it again")]) from None
    with archive:
        infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
        for info in infos:  # all refused before any is read, so nothing is half done
            if info.flag_bits & 0x1:
                how = " (WinZip AES)" if info.compress_type == 99 else ""
                raise _refused(shown, f"member {info.filename} is encrypted{how}",
                               "unzip it first (with its password) and give the files")
            if info.compress_type not in _ZIP_METHODS:
                method = _ZIP_METHOD_NAMES.get(info.compress_type, "an unknown method")
                raise _refused(shown, f"member {info.filename} is compressed with {method} "
                               f"(zip method {info.compress_type})",
                               "unzip it first (7-Zip and Info-ZIP unzip read it) and give the files, or zip "
                               "them again with deflate")
        packed = sum(i.compress_size for i in infos) or 1
        start = offset
        for info in infos:
            share = int(size * info.compress_size / packed)
            name = f"{shown}:{info.filename}"
            try:
                opened = archive.open(info)
            except (*_BROKEN, ValueError, RuntimeError, NotImplementedError) as exc:
                raise _damaged(name, exc) from None
            with opened as stream:
                yield Member(name, _Checked(stream, name), start, share, expanded=info.file_size)
            start += share


def _refused(shown: str, what: str, hint: str) -> DataError:
    return DataError([Problem(shown, 0, 0, "unreadable", f"{what}; geograph reads {READABLE}", hint)])


def _damaged(name: str, exc: BaseException) -> DataError:
    return DataError([Problem(name, 0, 0, "unreadable", f"the file is corrupt or cut short ({exc})",
                              "download it again, or check it with the tool that made it (gzip -t, unzip -t)")])


class _Checked(io.BufferedIOBase):
    """A compressed stream that ends where it is damaged (cut short, a bad CRC …) and keeps the
    located DataError for :meth:`Member.raise_damage`.

    Its reader raises nothing: an exception raised inside pandas' C parser is left set there and
    resurfaces as a SystemError, and an EOFError reaching click prints only 'Aborted!'. The
    readers ask the member instead, at its end (:func:`blocks`, and the table reader).
    """

    def __init__(self, stream: Any, name: str):
        super().__init__()
        self._stream, self._name = stream, name
        #: the damage met, kept for a reader (pandas) that words it as its own parse error
        self.failure: DataError | None = None

    def _guard(self, method: Callable[..., Any], *args: Any) -> Any:
        if self.failure is not None:
            return b""
        try:
            return method(*args)
        except _BROKEN as exc:
            self.failure = _damaged(self._name, exc)
            return b""

    def read(self, size: int | None = -1) -> bytes:
        return self._guard(self._stream.read, -1 if size is None else size)

    def read1(self, size: int = -1) -> bytes:
        return self._guard(getattr(self._stream, "read1", self._stream.read), size)

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        return self._guard(self._stream.readline, -1 if size is None else size)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._stream.seekable()

    def seek(self, pos: int, whence: int = 0) -> int:
        if self.failure is not None:  # damaged: it reads as empty from anywhere
            return pos
        try:
            return self._stream.seek(pos, whence)
        except _BROKEN as exc:
            self.failure = _damaged(self._name, exc)
            return pos

    def tell(self) -> int:
        return self._stream.tell()


def blocks(member: Member, ticker: Ticker, size: int = BLOCK) -> Iterator[bytes]:
    """The member's bytes in blocks of whole lines (the last one given a final newline)."""
    if member.plain:
        yield from _mapped_blocks(member, ticker, size)
        return
    rest = b""
    read = 0
    while True:
        try:
            data = member.stream.read(size)
        except _BROKEN as exc:
            raise _damaged(member.name, exc) from None
        if not data:
            member.raise_damage()  # ended at damage, not at its true end
        read += len(data)
        if data:
            buf = rest + data
            cut = buf.rfind(b"\n") + 1
            if cut == 0 and len(buf) > 4 * size:  # no line break in sight: not a text file; stop growing
                cut = len(buf)
            buf, rest = buf[:cut], buf[cut:]
            if not buf.endswith(b"\n"):
                buf += b"\n"
        else:
            buf, rest = (rest + b"\n" if rest.strip() else b""), b""
        if buf:
            yield buf
        ticker.at(member.done(read))
        if not data:
            return


def line_ranges(member: Member, size: int = BLOCK) -> list[tuple[int, int]]:
    """Byte ranges of about ``size`` bytes that end at line ends, covering a plain file."""
    total = os.fstat(member.stream.fileno()).st_size
    if total == 0:
        return []
    out = []
    with mmap.mmap(member.stream.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        start = 0
        while start < total:
            end = min(start + size, total)
            if end < total:
                cut = mapped.rfind(b"\n", start, end) + 1
                if cut <= start:  # a line longer than a block: up to its end, or cut (not text anyway)
                    found = mapped.find(b"\n", end, start + 4 * size)
                    cut = min(start + 4 * size, total) if found < 0 else found + 1
                end = cut
            out.append((start, end))
            start = end
    return out


def _mapped_blocks(member: Member, ticker: Ticker, size: int) -> Iterator[bytes]:
    """Blocks of whole lines of a plain file, cut from a memory map: one copy of each byte, no more."""
    ranges = line_ranges(member, size)
    if not ranges:
        return
    with mmap.mmap(member.stream.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        released = 0
        for start, end in ranges:
            block = mapped[start:end]
            yield block if block.endswith(b"\n") else block + b"\n"
            # let the pages go: mapped pages read once would otherwise count as this process's memory
            done = end - end % mmap.PAGESIZE
            if done > released and hasattr(mmap, "MADV_DONTNEED"):  # not on Windows
                mapped.madvise(mmap.MADV_DONTNEED, released, done - released)
                released = done
            ticker.at(member.offset + end)

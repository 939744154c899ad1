"""Opening input files (plain, zip or gzip, told by their first bytes), reading them in blocks of
whole lines, and reporting progress as a share of the bytes on disk."""

from __future__ import annotations

import gzip
import mmap
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from ..errors import DataError, Problem

__all__ = ["Progress", "Member", "Ticker", "BLOCK", "check_paths", "open_members", "blocks", "line_ranges"]

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
        if not path.exists():
            problems.append(Problem(shown, 0, 0, "missing-file", f"no such file: {shown}", "check the path"))
        elif not path.is_file():
            problems.append(Problem(shown, 0, 0, "unreadable", f"{shown} is a folder, not a file",
                                    "give the files themselves"))
        out.append((shown, path))
    if problems:
        raise DataError(problems)
    return out


def open_members(shown: str, path: Path, offset: int = 0) -> Iterator[Member]:
    """Every stream in a file: the file itself, its gzip content, or each zip member (by name)."""
    size = path.stat().st_size
    with open(path, "rb") as raw:
        magic = raw.read(4)
        raw.seek(0)
        if magic.startswith(b"PK\x03\x04"):
            try:
                archive = zipfile.ZipFile(raw)
            except zipfile.BadZipFile as exc:
                raise DataError([Problem(shown, 0, 0, "unreadable", f"not a readable zip archive ({exc})",
                                         "download the file again")]) from None
            with archive:
                infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
                packed = sum(i.compress_size for i in infos) or 1
                start = offset
                for info in infos:
                    share = int(size * info.compress_size / packed)
                    with archive.open(info) as stream:
                        yield Member(f"{shown}:{info.filename}", stream, start, share, expanded=info.file_size)
                    start += share
        elif magic.startswith(b"\x1f\x8b"):
            with gzip.GzipFile(fileobj=raw) as stream:
                yield Member(shown, stream, offset, size, raw=raw)
        else:
            yield Member(shown, raw, offset, size, raw=raw, plain=True)


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
        except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
            raise DataError([Problem(member.name, 0, 0, "unreadable", f"the file is corrupt ({exc})",
                                     "download the file again")]) from None
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

"""Archives ingest cannot read give a located message and exit 1 (graph.ingest._files).

The hostile archives are built here: a zip whose flag bit says encrypted, one whose method field
says Deflate64 (9) or WinZip AES (99), truncated and corrupted gzip, bzip2, xz and zip files.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import struct
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from graph.errors import DataError
from graph.ingest import ingest_aggregates, ingest_gdelt, ingest_table

ROOT = Path(__file__).resolve().parents[1]
GDELT = Path(__file__).parent / "fixtures" / "gdelt"
EVENTS = (GDELT / "caucasus_20201113-15.tsv").read_bytes()
#: An ICEWS-style table, repeated so that damage lands inside the rows pandas reads.
TABLE = (GDELT / "icews_style_20201113-15.tab").read_bytes() * 20
TABLE_COLUMNS = dict(source_col="Source Country", target_col="Target Country", date_col="Event Date",
                     score_col="Intensity")
READS = "geograph reads unencrypted zip (stored, deflate, bzip2 or lzma), gzip, bzip2, xz or plain files"


def zipped(data: bytes, name: str = "events.tsv", *, flag: int = 0, method: int | None = None) -> bytes:
    """A one-member zip, its general-purpose flag OR-ed with ``flag`` and its method field set to
    ``method``, in the local header and in the central directory alike (as a real tool writes them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    out = bytearray(buffer.getvalue())
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # flag field offset; method follows it
        i = out.find(signature)
        flags = struct.unpack_from("<H", out, i + at)[0]
        struct.pack_into("<H", out, i + at, flags | flag)
        if method is not None:
            struct.pack_into("<H", out, i + at + 2, method)
    return bytes(out)


def tarred(data: bytes, mode: str) -> bytes:
    """A tar archive of one member, plain (``w``) or gzip-compressed (``w:gz``)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        info = tarfile.TarInfo("events.tsv")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def damaged(data: bytes) -> bytes:
    """Compressed bytes with one byte flipped in the middle: a bad CRC or an invalid stream."""
    out = bytearray(data)
    out[len(out) // 2] ^= 0xFF
    return bytes(out)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


REFUSED = {
    "encrypted.zip": (zipped(EVENTS, flag=0x1), "member events.tsv is encrypted", "unzip it first (with its password)"),
    "deflate64.zip": (zipped(EVENTS, method=9), "member events.tsv is compressed with Deflate64 (zip method 9)",
                      "unzip it first (7-Zip and Info-ZIP unzip read it)"),
    "aes.zip": (zipped(EVENTS, flag=0x1, method=99), "member events.tsv is encrypted (WinZip AES)",
                "unzip it first (with its password)"),
    "aes-unflagged.zip": (zipped(EVENTS, method=99),
                          "member events.tsv is compressed with WinZip AES encryption (zip method 99)",
                          "unzip it first"),
    "events.7z": (b"7z\xbc\xaf\x27\x1c" + b"\x00" * 64, "this is a 7-Zip archive", "extract it first"),
    "events.rar": (b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64, "this is a RAR archive", "extract it first"),
    "events.tar": (tarred(EVENTS, "w"), "this is a tar archive", "extract it first (tar -xf)"),
    "events.tar.gz": (tarred(EVENTS, "w:gz"), "this is a tar archive", "extract it first (tar -xf)"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_ingest_gdelt_refuses_an_archive_it_cannot_read(tmp_path, name):
    data, what, hint = REFUSED[name]
    path = write(tmp_path, name, data)
    with pytest.raises(DataError) as caught:
        ingest_gdelt(path)
    (problem,) = caught.value.problems
    assert problem.path == str(path) and problem.code == "unreadable"
    assert problem.message == f"{what}; {READS}"
    assert problem.hint.startswith(hint)


CUT = {
    "cut.tsv.gz": gzip.compress(TABLE)[:-500],
    "crc.tsv.gz": damaged(gzip.compress(TABLE)),
    "cut.tsv.bz2": bz2.compress(TABLE)[:-300],
    "cut.tsv.xz": lzma.compress(TABLE)[:-300],
    "crc.zip": damaged(zipped(TABLE, "x.tab")),
}


@pytest.mark.parametrize("name", sorted(CUT))
def test_ingest_table_of_a_damaged_archive_is_located(tmp_path, name):
    path = write(tmp_path, name, CUT[name])
    with pytest.raises(DataError) as caught:
        ingest_table(path, **TABLE_COLUMNS)
    (problem,) = caught.value.problems
    assert problem.path == str(path) + (":x.tab" if name.endswith(".zip") else "")
    assert problem.message.startswith("the file is corrupt or cut short (")
    assert problem.hint.startswith("download it again")


def test_ingest_gdelt_reads_bzip2_and_xz_like_the_plain_file(tmp_path):
    plain = ingest_gdelt(write(tmp_path, "e.tsv", EVENTS)).fragment
    for name, data in (("e.tsv.bz2", bz2.compress(EVENTS)), ("e.tsv.xz", lzma.compress(EVENTS))):
        fragment = ingest_gdelt(write(tmp_path, name, data)).fragment
        assert fragment.replace(name, "e.tsv") == plain  # the same relations; only the input's name differs


def test_ingest_gdelt_truncated_zip_is_located(tmp_path):
    data = zipped(EVENTS)
    path = write(tmp_path, "cut.zip", data[: len(data) // 2])
    with pytest.raises(DataError, match="not a readable zip archive"):
        ingest_gdelt(path)


def test_ingest_aggregates_of_a_truncated_gzip_is_located(tmp_path):
    table = tmp_path / "agg.csv"
    ingest_gdelt(GDELT / "caucasus_20201113-15.tsv", aggregates_out=table)
    path = write(tmp_path, "agg.csv.gz", gzip.compress(table.read_bytes() * 200)[:-400])
    with pytest.raises(DataError, match="the file is corrupt or cut short"):
        ingest_aggregates(path)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize("command", ["gdelt", "csv"])
def test_cli_refuses_encrypted_zip_with_exit_1(tmp_path, command):
    path = write(tmp_path, "events.zip", zipped(TABLE if command == "csv" else EVENTS, flag=0x1))
    extra = [] if command == "gdelt" else [f"--{k.replace('_', '-')}={v}" for k, v in TABLE_COLUMNS.items()]
    done = _cli("ingest", command, str(path), *extra, "-o", str(tmp_path / "out.yaml"))
    assert done.returncode == 1
    assert done.stderr.startswith(f"{path}: member events.tsv is encrypted; {READS}.")
    assert "Traceback" not in done.stderr and not (tmp_path / "out.yaml").exists()


def test_cli_truncated_gzip_is_not_just_aborted(tmp_path):
    path = write(tmp_path, "events.tab.gz", gzip.compress(TABLE)[:-500])
    done = _cli("ingest", "csv", str(path), *[f"--{k.replace('_', '-')}={v}" for k, v in TABLE_COLUMNS.items()],
                "-o", str(tmp_path / "out.yaml"))
    assert done.returncode == 1
    assert done.stderr.startswith(f"{path}: the file is corrupt or cut short (Compressed file ended")
    assert "Aborted!" not in done.stderr


def test_ingest_refuses_stdin_and_pipes_with_a_hint(tmp_path):
    fifo = tmp_path / "events.tsv"
    os.mkfifo(fifo)  # never opened: the refusal needs only its type
    with pytest.raises(DataError) as caught:
        ingest_gdelt(["-", fifo])
    assert [str(p) for p in caught.value.problems] == [
        f"{fifo}: a pipe or a device, not a file: ingest reads event files from disk. "
        "Hint: save it to a file first (… > events.csv) and give the file.",
        "<stdin>: ingest reads event files from disk, not standard input. "
        "Hint: save it to a file first (… > events.csv) and give the file.",
    ]

"""The hostile files of issue #9, built in memory: shared by tests/test_hostile.py and
benchmarks/hostile_files.py, so the benchmark times exactly the files the tests check.

Nothing here is committed as a file: the big ones are written into a temporary folder on demand.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.read.located import MAX_DEPTH, MAX_REPEATED_VALUES

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
EDGES = "source,target,sign,weight,since\nAZE,IRN,-1,0.5,2001\nAZE,TUR,1,0.8,1991\n"


def _bomb_nested() -> str:
    """Billion laughs at the top level: nine levels of nine aliases each (9^9 values)."""
    lines = ["lol: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    lines.append("actors: [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]")
    return "\n".join(lines) + "\n"


def _bomb_flat() -> str:
    """One list of 10,000 values, repeated by a thousand aliases: few blocks, ten million values."""
    return ("description: &big [" + ", ".join(["x"] * 10_000) + "]\n"
            "actors: [" + ", ".join(["*big"] * 1_000) + "]\n")


def _nested(depth: int) -> str:
    return MINIMAL.replace("capital: Tehran", "deep: " + "[" * depth + "x" + "]" * depth)


#: name → (file name, content as text or bytes, expected problem codes, a piece of the first message)
#: An empty list of codes means the file is valid; "same" in the last place means it must load as
#: the same dataset as tests/fixtures/valid/minimal.yaml.
CASES = {
    "alias-bomb-nested": ("bomb.yaml", _bomb_nested(), ["yaml-size"],
                          "aliases repeat blocks more than 10,000 times (a YAML alias bomb?)"),
    "alias-bomb-flat": ("flat.yaml", _bomb_flat(), ["yaml-size"],
                        f"aliases repeat more than {MAX_REPEATED_VALUES:,} values (a YAML alias bomb?)"),
    "alias-recursive": ("loop.yaml", "actors: &a [*a]\n", ["yaml-recursive"],
                        "loop.yaml:1:9: an alias refers to the block that contains it"),
    "alias-recursive-map": ("loopmap.yaml", "actors: &a {x: *a}\n", ["yaml-recursive"],
                            "loopmap.yaml:1:9: an alias refers to the block that contains it"),
    "nesting-deep": ("deep.yaml", _nested(MAX_DEPTH + 5), ["yaml-depth"],
                     f"the data nests more than {MAX_DEPTH} levels deep"),
    "nesting-very-deep": ("deeper.yaml", _nested(50_000), ["yaml-syntax"], "the data nests too deeply"),
    "long-line-text": ("longline.yaml", MINIMAL.replace('"Trade between', '"' + "x" * 10_000_000 + " Trade between"),
                       [], ""),
    "long-line-words": ("longwords.yaml", MINIMAL.replace('"Trade between', '"' + "word " * 2_000_000 + "Trade between"),
                        [], ""),
    "long-line-garbage": ("garbage.yaml", "k" * 10_000_000, ["structure"], "garbage.yaml:1:1: the file must be a mapping"),
    "long-line-csv": ("longcell.csv", "source,target,sign,evidence\nAZE,IRN,1," + "x" * 10_000_000 + "\n", ["csv-syntax"],
                      "longcell.csv:2:4: row 2, column 'evidence': a cell is longer than 131,072 characters"),
    "binary-random": ("random.yaml", bytes(range(256)) * 4_000, ["binary"], "this is a binary file, not YAML text"),
    "binary-png": ("image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, ["binary"],
                   "this is a binary file, not YAML text"),
    "binary-csv": ("random.csv", bytes(range(256)) * 4_000, ["binary"], "this is a binary file, not CSV text"),
    "binary-xlsx-as-yaml": ("book.xlsx", (FIXTURES / "import" / "minimal.xlsx").read_bytes(), ["binary"],
                            "this is a binary file, not YAML text"),
    "latin-1": ("latin1.yaml", MINIMAL.replace("Azerbaijan\n", "Azerbaïdjan\n").encode("latin-1", "replace"),
                ["encoding"], "latin1.yaml:15:17: the file is not UTF-8 text (byte 0xef)"),
    "latin-1-csv": ("latin1.csv", EDGES.replace("TUR", "TÜR").encode("latin-1"), ["encoding"],
                    "latin1.csv:3:2: the file is not UTF-8 text (byte 0xdc)"),
    "utf-16": ("utf16.yaml", MINIMAL.encode("utf-16"), ["encoding"], "the file is UTF-16 text, not UTF-8"),
    "utf-16-csv": ("utf16.csv", EDGES.encode("utf-16"), ["encoding"], "the file is UTF-16 text, not UTF-8"),
    "bom": ("bom.yaml", "\ufeff" + MINIMAL, [], "same"),
    "bom-csv": ("bom.csv", "\ufeff" + EDGES, [], ""),
    "crlf": ("crlf.yaml", MINIMAL.replace("\n", "\r\n"), [], "same"),
    "cr": ("cr.yaml", MINIMAL.replace("\n", "\r"), [], "same"),
    "crlf-csv": ("crlf.csv", EDGES.replace("\n", "\r\n"), [], ""),
    "tab-indent": ("tabs.yaml", MINIMAL.replace("    name: Iran", "\tname: Iran"), ["yaml-syntax"],
                   "a tab is used for indentation; YAML allows spaces only"),
    "tab-in-text": ("tabtext.yaml", MINIMAL.replace('"Trade between', '"Trade\tbetween'), [], ""),
    "tab-separated-csv": ("tabs.csv", EDGES.replace(",", "\t"), ["separator"], "its cells are separated by tabs"),
    "control-character": ("bell.yaml", MINIMAL.replace("Trade between", "Trade\x07between"), ["yaml-syntax"],
                          "the character U+0007 is not allowed in YAML text"),
    "nul-late": ("nul.yaml", MINIMAL + "# " + "x" * 9_000 + "\x00\n", ["yaml-syntax"],
                 "the character U+0000 is not allowed in YAML text"),
    "empty": ("empty.yaml", "", ["empty"], "the file holds no YAML data"),
    "only-comments": ("comments.yaml", "# nothing\n   \n# here\n", ["empty"], "the file holds no YAML data"),
}


def write_case(folder: Path, name: str) -> Path:
    """Write the hostile file ``name`` of :data:`CASES` into ``folder``."""
    file_name, content, _, _ = CASES[name]
    path = folder / file_name
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
    else:
        path.write_bytes(content)
    return path


def write_huge(folder: Path) -> dict[str, Path]:
    """One 100 MB file of plausible YAML, under four names: a dataset, an edge list, a workbook, a scenario."""
    path = folder / "huge.yaml"
    record = "  - {id: A1, name: Actor one, kind: state, tags: [x, y], attributes: {note: padding padding}}\n"
    block = ("actors:\n" + record * (1_000_000 // len(record))).encode("utf-8")
    with open(path, "wb") as handle:
        for _ in range(100):
            handle.write(block[:1_000_000])
        handle.truncate(100_000_000)
    files = {"yaml": path}
    for kind, name in (("csv", "huge.csv"), ("xlsx", "huge.xlsx"), ("scenario", "huge_scenario.yaml")):
        files[kind] = folder / name
        os.link(path, files[kind])
    return files

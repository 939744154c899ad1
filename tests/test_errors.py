"""Tests of graph.errors: the catalogue of problem codes agrees with every place that raises one.

Two views of what is raised, so that neither can drift: the source (tests/_codes.py reads every
module under graph/ for the codes written in a code position) and the library at work (every
invalid fixture, CSV, spreadsheet, scenario, actor map and hostile file is read, and the codes of
the problems that come out are kept).
"""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path

import pytest

import graph
from _codes import CODE_SHAPE, CodeSource, Site, raised_codes
from graph.errors import CATALOGUE, DataError, ErrorCode, OptionError, Problem, describe_code
from graph.geo import geo_layout
from graph.ingest import ingest_gdelt, load_actor_map
from hostile_cases import CASES, write_case

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
IMPORT = FIXTURES / "import"


@cache
def source_sites() -> tuple[Site, ...]:
    return tuple(raised_codes(ROOT / "graph"))


def _problems(call) -> list[Problem]:
    try:
        result = call()
    except DataError as exc:
        return list(exc.problems)
    return list(result) if isinstance(result, list) else []


def _imported(path: Path):
    # as tests/test_importer.py runs them: actors_* are actors files for pair.csv
    if path.name.startswith("actors_"):
        return lambda: graph.import_table(IMPORT / "pair.csv", "csv", actors_path=path)
    if path.name == "unknown_actor.csv":
        return lambda: graph.import_table(path, "csv", actors_path=IMPORT / "actors.csv",
                                    mapping={"Population": "attributes.population"})
    return lambda: graph.import_table(path, path.suffix[1:])


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _restated(folder: Path) -> Path:
    """A dataset folder of two files, the second restating Iran with another capital."""
    _write(folder, "a.yaml", (FIXTURES / "valid" / "minimal.yaml").read_text("utf-8"))
    _write(folder, "b.yaml", "actors:\n  - id: IRN\n    name: Iran\n    kind: state\n"
                             "    attributes:\n      capital: Isfahan\n")
    return folder


#: Codes that no committed fixture gives, each from a small file made on the spot:
#: name → what to run on a fresh folder.
MADE = {
    "yaml-merge": lambda d: graph.validate(_write(d, "merge.yaml", "actors:\n  - <<: {name: Iran}\n    id: IRN\n")),
    "yaml-key": lambda d: graph.validate(_write(d, "key.yaml", "? [a, b]\n: 1\n")),
    "not-list": lambda d: graph.validate(_write(d, "list.yaml", "actors: AZE\n")),
    "not-mapping": lambda d: graph.validate(_write(d, "mapping.yaml", "actors:\n  - AZE\n")),
    "no-yaml": lambda d: graph.validate(d),
    "conflicting-attribute": lambda d: graph.validate(_restated(d)),
    "unreadable": lambda d: graph.import_table(_folder(d / "folder.csv"), "csv"),  # a folder named as a file
    "unreadable-ingest": lambda d: ingest_gdelt([d]),
    "not-xlsx": lambda d: graph.import_table(IMPORT / "minimal.csv", "xlsx"),
    "unknown-sheet": lambda d: graph.import_table(IMPORT / "relations.xlsx", "xlsx", sheet="actors"),
    "unknown-field": lambda d: graph.import_table(
        _write(d, "ties.csv", "source,target,kind,Country\nAZE,IRN,tension,x\n"), "csv", mapping={"Country": "name"}),
}


@cache
def fixture_problems() -> tuple[tuple[str, Problem], ...]:
    """(fixture, problem) for every problem that reading every invalid fixture (and :data:`MADE`) gives."""
    runs = {}
    for path in sorted((FIXTURES / "invalid").iterdir()) + sorted((FIXTURES / "csv" / "invalid").iterdir()):
        runs[path] = lambda path=path: graph.validate(path)
    base = graph.load(FIXTURES / "valid" / "minimal.yaml")
    for path in sorted((FIXTURES / "scenarios" / "invalid").iterdir()):
        runs[path] = lambda path=path: graph.validate_scenario(path, base)
    for path in sorted((IMPORT / "invalid").iterdir()):
        runs[path] = _imported(path)
    gdelt = FIXTURES / "gdelt"
    runs[gdelt / "actors_map_invalid.yaml"] = lambda: load_actor_map(gdelt / "actors_map_invalid.yaml")
    runs[gdelt / "missing.tsv"] = lambda: ingest_gdelt([gdelt / "missing.tsv"])
    bad_latitude = FIXTURES / "geo" / "bad_latitude.yaml"
    runs[bad_latitude] = lambda: geo_layout(graph.load(bad_latitude))
    out = []
    for path, run in runs.items():
        problems = _problems(run)
        assert problems, f"{path} gives no problem"
        out += [(path.relative_to(FIXTURES).as_posix(), p) for p in problems]
    with tempfile.TemporaryDirectory() as folder:
        for name in sorted(CASES):
            out += [(f"hostile {name}", p) for p in graph.validate(write_case(Path(folder), name))]
    for name, run in MADE.items():
        with tempfile.TemporaryDirectory() as folder:
            problems = _problems(lambda: run(Path(folder)))
        assert problems, f"{name} gives no problem"
        out += [(f"made {name}", p) for p in problems]
    return tuple(out)


# --------------------------------------------------------------------------------------------
# the catalogue


def test_catalogue_is_sorted_and_keyed_by_code():
    assert list(CATALOGUE) == sorted(CATALOGUE)
    assert all(key == entry.code and isinstance(entry, ErrorCode) for key, entry in CATALOGUE.items())


def test_catalogue_entries_are_well_formed():
    for entry in CATALOGUE.values():
        assert CODE_SHAPE.match(entry.code), entry
        assert entry.title and entry.title[0].isupper() and not entry.title.endswith("."), entry
        assert entry.message and entry.message == entry.message.strip() and not entry.message.endswith("."), entry
        assert "\n" not in entry.message + entry.hint and "|" not in entry.title + entry.hint, entry
        assert not entry.hint.endswith("."), entry


def test_describe_code_gives_the_entry():
    assert describe_code("until-before-since") == CATALOGUE["until-before-since"]
    assert describe_code("until-before-since").hint == \
        "until is exclusive: the relation holds from since up to the day before until"


def test_describe_code_unknown_code_names_the_closest():
    with pytest.raises(OptionError) as info:
        describe_code("bad-dat")
    assert str(info.value) == "unknown problem code 'bad-dat'; did you mean 'bad-date'?"
    with pytest.raises(OptionError) as info:
        describe_code("zzz")
    assert str(info.value) == "unknown problem code 'zzz'; the codes are listed in data/README.md"


# --------------------------------------------------------------------------------------------
# the source: every code raised is catalogued, every catalogued code is raised


def test_source_collector_finds_the_codes():
    # about 50 codes in about 180 places today: far fewer means the collector lost track of a helper
    codes = {s.code for s in source_sites() if not s.pattern}
    assert len(codes) >= 40, sorted(codes)
    assert len(source_sites()) >= 150


def test_every_code_raised_in_the_source_is_in_the_catalogue():
    missing = sorted(f"{s.code} ({s.path}:{s.line})" for s in source_sites()
                     if not s.pattern and s.code not in CATALOGUE)
    assert missing == []


def test_every_code_pattern_in_the_source_matches_catalogued_codes():
    for site in (s for s in source_sites() if s.pattern):
        assert any(re.fullmatch(site.code, code) for code in CATALOGUE), site


def test_every_catalogued_code_is_raised_somewhere():
    raised = {s.code for s in source_sites() if not s.pattern}
    assert sorted(set(CATALOGUE) - raised) == []


# --------------------------------------------------------------------------------------------
# the library at work: what the fixtures give


def test_fixtures_give_only_catalogued_codes():
    assert sorted({f"{p.code} ({name})" for name, p in fixture_problems() if p.code not in CATALOGUE}) == []


def test_source_collector_sees_every_code_the_fixtures_give():
    # the cross-check: a code that comes out of the library but that the collector did not find in
    # the source means a helper (or a way of passing a code) it does not know yet
    literal = {s.code for s in source_sites() if not s.pattern}
    patterns = [s.code for s in source_sites() if s.pattern]
    unseen = sorted({p.code for _, p in fixture_problems()
                     if p.code not in literal and not any(re.fullmatch(x, p.code) for x in patterns)})
    assert unseen == []


def test_fixtures_give_every_catalogued_code():
    # the second view of the catalogue, kept a full one; too-large needs a file over 50 MB, which
    # tests/test_hostile.py makes once for all its tests
    given = {p.code for _, p in fixture_problems()}
    assert sorted(set(CATALOGUE) - given) == ["too-large"]


def _template(text: str) -> re.Pattern[str]:
    """A catalogue message or hint as a pattern: each ``{part}`` stands for any text."""
    return re.compile("".join(".+" if re.fullmatch(r"\{[^{}]*\}", part) else re.escape(part)
                              for part in re.split(r"(\{[^{}]*\})", text)), re.S)


@pytest.mark.parametrize("code", sorted(set(CATALOGUE) - {"too-large"}))
def test_catalogue_message_and_hint_are_as_the_library_words_them(code):
    entry = CATALOGUE[code]
    given = [p for _, p in fixture_problems() if p.code == code]
    assert any(_template(entry.message).fullmatch(p.message) for p in given), sorted({p.message for p in given})
    assert any(_template(entry.hint).fullmatch(p.hint) for p in given), sorted({p.hint for p in given})


def test_fixture_problem_has_a_hint_when_its_code_has_one():
    bare = sorted(f"{name}: {p}" for name, p in fixture_problems() if CATALOGUE[p.code].hint and not p.hint.strip())
    assert bare == []


# --------------------------------------------------------------------------------------------
# the collector itself, on small made-up packages


def _package(tmp_path: Path, **modules: str) -> Path:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    for name, text in modules.items():
        (package / f"{name.replace('__', '/')}.py").write_text(text, "utf-8")
    return package


def _codes(package: Path) -> list[tuple[str, bool]]:
    return sorted({(s.code, s.pattern) for s in raised_codes(package)})


def test_collector_follows_helpers_callbacks_and_lambdas(tmp_path):
    package = _package(tmp_path, sub__rules='''
BAD_DATE = "bad-date"
SELF_RELATION = "self-relation"
''', sub__reader='''
from errors import Problem
from . import rules
from .rules import SELF_RELATION as SELF

def _problem(loc, path, what, message, hint=""):
    return Problem(path, loc[0], loc[1], what, message, hint)

class Checker:
    def add(self, pos, code, message, hint=""):
        self.problems.append(_problem(pos, self.path, code, message, hint))

    def bad(self, line, name, code, message):
        self.add((line, 1), code, f"column {name}: {message}")

    @staticmethod
    def number(text, problem):
        problem("not-number", f"{text} is not a number", "write 0.5")

    def row(self, line, cells):
        self.seen.add(line)
        self.bad(line, "weight", "weight-range" if cells else "empty", "no")
        self.number(cells[0], lambda code, msg, hint: self.bad(line, "weight", code, msg))
        code = "row-length"
        self.add((line, 0), code, "too many cells")
        self.add(pos=(line, 0), code="no-rows", message="nothing")
        Problem("p", *where, "structure", "shape")
        for what in ("actor", "source"):
            Problem("p", 1, 1, f"unknown-{what}", "unknown")
        Problem("p", 1, 1, f"unknown-{cells.kind}", "unknown")
        Problem("p", 1, 1, rules.BAD_DATE, "no date")
        self.add((line, 0), SELF, "to itself")
''', sub__scenario='''
from .reader import Checker

class ScenarioChecker(Checker):
    def twice(self, pos):
        self.add(pos, "scenario-conflict", "changed twice")
''', sheet='''
from errors import Problem

class Sheet:
    def add(self, line, i, code, message, hint=""):
        self.problems.append(Problem(self.path, line, i + 1, code, message, hint))
''')
    # ScenarioChecker.add is Checker.add of another module; Sheet.add, of the same name, puts its code
    # one place further: the reading that gives a code wins
    assert _codes(package) == [
        ("bad-date", False), ("empty", False), ("no-rows", False), ("not-number", False), ("row-length", False),
        ("scenario-conflict", False), ("self-relation", False), ("structure", False), ("unknown-actor", False),
        ("unknown-source", False), ("unknown\\-[a-z-]+", True), ("weight-range", False)]


def test_collector_refuses_a_code_it_cannot_read(tmp_path):
    package = _package(tmp_path, reader='''
from errors import Problem
CODES = {"w": "weight-range"}

def check(path, key):
    return Problem(path, 1, 1, CODES[key], "weight out of range")
''')
    with pytest.raises(CodeSource, match=r"pkg/reader.py:6: the code 'CODES\[key\]' is neither a literal"):
        raised_codes(package)
    (package / "reader.py").write_text("from errors import Problem\n\ndef check(path, rule):\n"
                                       "    return Problem(path, 1, 1, *rule)\n")
    with pytest.raises(CodeSource, match=r"pkg/reader.py:4: Problem\(path, 1, 1, \*rule\) unpacks its code"):
        raised_codes(package)

"""Exit codes, as README.md documents them: 0 success, 1 a data or analysis problem (or an output
that cannot be written), 2 a usage error. Every command, one case of each where it has one; never a
traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = str(FIXTURES / "valid" / "minimal.yaml")
INVALID = str(FIXTURES / "invalid" / "unknown_actor.yaml")
SCENARIO = str(FIXTURES / "scenarios" / "valid.yaml")
ICEWS = ["ingest", "csv", str(FIXTURES / "gdelt" / "icews_style_20201113-15.tab"), "--source-col", "Source Country",
         "--target-col", "Target Country", "--date-col", "Event Date", "--score-col", "Intensity"]

CASES = [
    # 0: success
    (0, ["validate", MINIMAL], "ok: "),
    (0, ["centrality", MINIMAL, "--top", "2"], "id"),
    (0, ["balance", MINIMAL, "--at", "2025"], ""),
    (0, ["explain", MINIMAL, "AZE", "IRN"], ""),
    (0, ["scenario", MINIMAL, SCENARIO], ""),
    (0, ["timeline", MINIMAL, "--from", "2020", "--to", "2022"], ""),
    (0, ["diff", MINIMAL, "--from", "2020", "--to", "2025"], ""),
    (0, ["render", MINIMAL, "-o", "{out}/page.html"], "wrote "),
    (0, ["export", MINIMAL, "--format", "json", "-o", "{out}/g.json"], "wrote "),
    (0, ["import", "csv", str(FIXTURES / "import" / "minimal.csv"), "-o", "{out}/i.yaml"], "wrote "),
    (0, [*ICEWS, "-o", "{out}/f.yaml"], "wrote "),
    (0, ["--version"], "geograph"),
    # 1: a problem with the data, the analysis, or an output
    (1, ["validate", INVALID], "unknown actor 'IRM'"),
    (1, ["validate", INVALID, "--format", "json"], '"code": "unknown-actor"'),
    (1, ["validate", "no/such/file.yaml"], "no such file or folder"),
    (1, ["centrality", INVALID], "1 problem found."),
    (1, ["balance", INVALID], "1 problem found."),
    (1, ["explain", INVALID, "AZE", "IRN"], "1 problem found."),
    (1, ["scenario", INVALID, SCENARIO], "1 problem found."),
    (1, ["scenario", MINIMAL, str(FIXTURES / "invalid" / "unknown_actor.yaml")], "problem"),
    (1, ["timeline", INVALID, "--from", "2020", "--to", "2022"], "1 problem found."),
    (1, ["diff", INVALID, "--from", "2020", "--to", "2025"], "1 problem found."),
    (1, ["render", INVALID, "-o", "{out}/page.html"], "1 problem found."),
    (1, ["render", MINIMAL, "-o", "{out}/missing/page.html"], "does not exist"),
    (1, ["export", INVALID, "--format", "gexf", "-o", "{out}/g.gexf"], "1 problem found."),
    (1, ["import", "csv", str(FIXTURES / "csv" / "invalid" / "bad_sign.csv"), "-o", "{out}/i.yaml"], "found."),
    (1, [*ICEWS, "--actors", str(FIXTURES / "gdelt" / "actors_map_invalid.yaml"), "-o", "{out}/f.yaml"], "found."),
    # 2: a usage error
    (2, ["no-such-command"], "No such command"),
    (2, ["centrality", "--no-such-option"], "No such option"),
    (2, ["centrality", "--sort", "fame"], "'fame' is not one of"),
    (2, ["centrality", "--at", "2025-13"], "month 13 does not exist"),
    (2, ["render", MINIMAL], "Missing option '-o'"),
    (2, ["render", MINIMAL, "--from", "2020", "-o", "{out}/t.html"], "--from and --to go together"),
    (2, ["explain", "AZE"], "explain takes [DATASET] A B"),
    (2, ["export", MINIMAL, "-o", "{out}/g"], "Missing option '--format'"),
    (2, ["import", "csv", str(FIXTURES / "import" / "minimal.csv"), "--map", "x", "-o", "{out}/i.yaml"], "is not column=field"),
    # an option value geograph cannot use (OptionError) is a usage error too
    (2, ["explain", MINIMAL, "AZE", "XYZ"], "unknown actor 'XYZ'"),
    (2, ["timeline", MINIMAL, "--from", "2025", "--to", "2020"], "comes before --from"),
    (2, ["timeline", MINIMAL, "--from", "2020", "--to", "2022", "--actor", "XYZ"], "unknown actor 'XYZ'"),
    (2, ["diff", MINIMAL, "--from", "2025", "--to", "2020"], "comes before --from"),
    (2, ["render", MINIMAL, "--from", "2025", "--to", "2020", "-o", "{out}/t.html"], "comes before --from"),
    (2, ["import", "csv", str(FIXTURES / "import" / "minimal.csv"), "--sheet", "S1", "-o", "{out}/i.yaml"],
     "a CSV file has no sheets"),
]


@pytest.mark.parametrize("code, args, message", CASES, ids=[f"{c}-{a[0]}-{i}" for i, (c, a, _) in enumerate(CASES)])
def test_exit_code(code, args, message, tmp_path):
    result = CliRunner().invoke(cli.main, [a.format(out=tmp_path) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    assert message in result.output
    if code == 2:
        assert "Error: " in result.stderr and result.stdout == ""
    if code == 1 and args[-1] != "json":
        assert result.stderr.strip() and result.stdout == ""
    if code != 0:
        assert not any(tmp_path.iterdir()), "nothing is written when a command fails"


def test_readme_documents_every_exit_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Exit codes and errors")[1].split("\n## ")[0]
    for code in ("0", "1", "2"):
        assert f"| `{code}` |" in section, code

"""UN General Assembly votes into relations: figures against an independent count, the data's traps,
the layouts, the CLI's errors, and the Cold War camps of 1960."""

from __future__ import annotations

import csv
import gzip
import math
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import cli
import graph
from graph.errors import DataError, OptionError, OutputError
from graph.ingest import ingest_unvotes
from graph.ingest import unvotes as unvotes_module

DATA = Path(__file__).parent / "fixtures" / "unvotes"
VOTES, CALLS, ISSUES = (DATA / n for n in ("un_votes.csv.gz", "un_roll_calls.csv.gz", "un_roll_call_issues.csv.gz"))
SLICE = Path(__file__).parent / "fixtures" / "unvotes_golden"
SCORE = {("yes", "yes"): 1.0, ("no", "no"): 1.0, ("abstain", "abstain"): 1.0, ("yes", "no"): 0.0, ("no", "yes"): 0.0}
POSITION = {"yes": 1.0, "abstain": 0.5, "no": 0.0}


# --------------------------------------------------------------------------------------------
# an independent count: plain csv and dictionaries, none of the library's matrix code


@pytest.fixture(scope="module")
def by_hand() -> dict[tuple[str, str], dict[str, str]]:
    """(alpha-2 code, year) → {rcid: vote}, read with the csv module (so "NA" stays text)."""
    with gzip.open(CALLS, "rt", encoding="utf-8", newline="") as handle:
        year = {row["rcid"]: row["date"][:4] for row in csv.DictReader(handle)}
    votes: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    with gzip.open(VOTES, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            votes[(row["country_code"], year[row["rcid"]])][row["rcid"]] = row["vote"]
    return votes


def hand_figures(by_hand, a: str, b: str, year: str) -> dict[str, float]:
    """Agreement, shared votes, and Scott's pi and Cohen's kappa from their definitions (Häge 2011)."""
    va, vb = by_hand[(a, year)], by_hand[(b, year)]
    shared = sorted(set(va) & set(vb))
    pairs = [(va[r], vb[r]) for r in shared]
    agreement = sum(SCORE.get(p, 0.5) for p in pairs) / len(pairs)
    d_obs = sum(abs(POSITION[x] - POSITION[y]) for x, y in pairs) / len(pairs)
    share_a = {k: sum(x == k for x, _ in pairs) / len(pairs) for k in POSITION}
    share_b = {k: sum(y == k for _, y in pairs) / len(pairs) for k in POSITION}
    pooled = {k: (share_a[k] + share_b[k]) / 2 for k in POSITION}
    d_kappa = sum(share_a[x] * share_b[y] * abs(POSITION[x] - POSITION[y]) for x in POSITION for y in POSITION)
    d_pi = sum(pooled[x] * pooled[y] * abs(POSITION[x] - POSITION[y]) for x in POSITION for y in POSITION)
    return {"votes": len(pairs), "agreement": agreement, "kappa": 1 - d_obs / d_kappa, "pi": 1 - d_obs / d_pi}


@pytest.fixture(scope="module")
def whole() -> unvotes_module.UnVotesResult:
    """Every vote of 1946–2019 to pair-years (no relations: a threshold above any similarity)."""
    return ingest_unvotes(VOTES, CALLS, ISSUES, threshold=1.0, min_votes=100_000)


def pair(result, a: str, b: str, period: str) -> pd.Series:
    a, b = sorted((a, b))
    rows = result.pairs[(result.pairs["a"] == a) & (result.pairs["b"] == b) & (result.pairs["period"] == period)]
    assert len(rows) == 1, (a, b, period)
    return rows.iloc[0]


@pytest.mark.parametrize("a, b, ids, year, quoted", [
    ("AZ", "IR", ("AZE", "IRN"), "2015", 0.92),    # the issue's figures
    ("AZ", "TR", ("AZE", "TUR"), "2015", 0.70),
    ("AZ", "IL", ("AZE", "ISR"), "2019", 0.23),
    ("US", "RU", ("USA", "RUS"), "1960", None),
    ("FR", "GB", ("FRA", "GBR"), "1985", None),
    ("NA", "ZA", ("NAM", "ZAF"), "1995", None),   # Namibia by its code "NA"
])
def test_agreement_matches_an_independent_count(whole, by_hand, a, b, ids, year, quoted):
    expected = hand_figures(by_hand, a, b, year)
    row = pair(whole, *ids, year)
    assert int(row["votes"]) == expected["votes"]
    assert row["agreement"] == pytest.approx(expected["agreement"], abs=1e-12)
    assert row["kappa"] == pytest.approx(expected["kappa"], abs=1e-12)
    assert row["pi"] == pytest.approx(expected["pi"], abs=1e-12)
    assert row["s"] == pytest.approx(2 * expected["agreement"] - 1, abs=1e-12)
    if quoted is not None:
        assert round(float(row["agreement"]), 2) == quoted


def test_chance_correction_tells_circumstance_from_choice(whole):
    # 92 % agreement with Iran in 2015 is mostly a yes-heavy agenda; Israel's opposition in 2019 is not
    aze_irn, aze_isr = pair(whole, "AZE", "IRN", "2015"), pair(whole, "AZE", "ISR", "2019")
    assert aze_irn["agreement"] > 0.9 and abs(aze_irn["pi"]) < 1.96 * aze_irn["se_pi"]
    assert aze_isr["pi"] + 1.96 * aze_isr["se_pi"] < -0.4
    # kappa takes Israel's habit of voting no as given, and sees almost nothing
    assert abs(aze_isr["kappa"]) < 0.05


def test_namibia_is_a_member_not_a_missing_value(whole, by_hand):
    votes = sum(len(v) for (code, _), v in by_hand.items() if code == "NA")
    assert votes == 2455
    assert "NAM" in whole.members
    assert set(whole.pairs.loc[(whole.pairs["a"] == "NAM") | (whole.pairs["b"] == "NAM"), "period"]) >= {"1990", "2019"}


def test_an_unmapped_member_is_reported_never_dropped_silently(whole):
    assert dict(whole.unmapped) == {"(no code) Zanzibar": 2}
    assert whole.left_out == {"unmapped member": 2}
    assert whole.votes_read == whole.votes_kept + 2 == 870_109
    assert "Zanzibar 2" in whole.summary()


def test_an_unknown_code_is_reported_with_its_votes(tmp_path):
    votes = SLICE.joinpath("votes.csv").read_text("utf-8").splitlines()
    extra = [f"{line.split(',')[0]},Atlantis,XX,yes" for line in votes[1:4]]
    path = tmp_path / "votes.csv"
    path.write_text("\n".join(votes + extra) + "\n", encoding="utf-8")
    result = ingest_unvotes(path, SLICE / "roll_calls.csv")
    assert result.unmapped["XX Atlantis"] == 3
    assert result.left_out["unmapped member"] == 5   # and Zanzibar's two
    assert "XX Atlantis 3" in result.summary()


def test_retired_and_continuing_members_get_their_ids(whole):
    members = set(whole.members)
    assert {"CSK", "DDR", "YMD", "YUG", "SRB", "TWN", "DEU", "YEM", "RUS"} <= members
    years = lambda m: {p for a, b, p in whole.pairs[["a", "b", "period"]].itertuples(index=False) if m in (a, b)}
    assert max(years("YUG")) <= "1992" and min(years("SRB")) >= "2000"
    assert max(years("TWN")) == "1971" and min(years("CHN")) == "1971"


# --------------------------------------------------------------------------------------------
# layouts: the R package's .rda files and Voeten's Dataverse file give the same figures


def slice_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    votes = pd.read_csv(SLICE / "votes.csv", dtype=str, keep_default_na=False)
    calls = pd.read_csv(SLICE / "roll_calls.csv", dtype=str, keep_default_na=False)
    return votes, calls


def test_rda_files_give_the_same_result_as_csv(tmp_path):
    pyreadr = pytest.importorskip("pyreadr")
    votes, calls = slice_frames()
    rda_votes = votes.assign(rcid=votes["rcid"].astype(float),
                             country_code=votes["country_code"].replace("", None),   # R's NA, not "NA"
                             vote=pd.Categorical(votes["vote"], categories=["yes", "abstain", "no"]))
    rda_calls = calls.assign(rcid=calls["rcid"].astype(float), session=calls["session"].astype(float),
                             importantvote=pd.to_numeric(calls["importantvote"]),
                             date=pd.to_datetime(calls["date"]))
    pyreadr.write_rdata(str(tmp_path / "un_votes.rda"), rda_votes, df_name="un_votes")
    pyreadr.write_rdata(str(tmp_path / "un_roll_calls.rda"), rda_calls, df_name="un_roll_calls")
    from_csv = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv")
    from_rda = ingest_unvotes(tmp_path / "un_votes.rda", tmp_path / "un_roll_calls.rda")
    pd.testing.assert_frame_equal(from_rda.pairs, from_csv.pairs)
    assert [(r.id, r.weight, dict(r.attributes)) for r in from_rda.relations] == \
        [(r.id, r.weight, dict(r.attributes)) for r in from_csv.relations]
    assert from_rda.unmapped == from_csv.unmapped == {"(no code) Zanzibar": 2}
    assert "NAM" in from_rda.members


def test_voeten_dataverse_layout_gives_the_same_pairs(tmp_path):
    votes, calls = slice_frames()
    alpha3 = {"US": "USA", "RU": "RUS", "FR": "FRA", "GB": "GBR", "AZ": "AZE", "IR": "IRN", "NA": "NAM",
              "TR": "TUR", "IL": "ISR", "CU": "CUB", "PL": "POL"}
    code = {"yes": "1", "abstain": "2", "no": "3"}
    issues = pd.read_csv(SLICE / "issues.csv", dtype=str, keep_default_na=False)
    rows = []
    cast = {(r, c): v for r, c, v in votes[votes["country_code"] != ""][["rcid", "country_code", "vote"]].itertuples(index=False)}
    for call in calls.itertuples(index=False):
        for two, three in alpha3.items():
            vote = code[cast[(call.rcid, two)]] if (call.rcid, two) in cast else "8"   # 8: absent
            row = {"rcid": call.rcid, "ccode": "0", "member": "1", "vote": vote, "Country": three,
                   "Countryname": three, "year": call.date[:4], "session": call.session,
                   "importantvote": call.importantvote or "0", "date": call.date}
            for issue in ("me", "nu", "di", "hr", "co", "ec"):
                row[issue] = "1" if ((issues["rcid"] == call.rcid) & (issues["short_name"] == issue)).any() else "0"
            rows.append(row)
    path = tmp_path / "UNVotes.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    voeten = ingest_unvotes(path)
    unvotes = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv")
    pd.testing.assert_frame_equal(voeten.pairs, unvotes.pairs)
    human_rights = ingest_unvotes(path, issue="hr")
    assert human_rights.left_out["other issues"] > 0 and len(human_rights.pairs) < len(voeten.pairs)


# --------------------------------------------------------------------------------------------
# options


def test_session_relations_run_from_the_first_vote_to_the_day_after_the_last():
    result = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", period="session", threshold=0.1)
    calls = pd.read_csv(SLICE / "roll_calls.csv", dtype=str)
    bounds = calls.groupby("session")["date"].agg(["min", "max"])
    rel = next(r for r in result.relations if r.id.endswith("-s70"))
    assert str(rel.since) == bounds.loc["70", "min"]
    assert str(rel.until) == str(pd.Timestamp(bounds.loc["70", "max"]).date() + pd.Timedelta(days=1))


def test_issue_and_important_votes_filter_roll_calls():
    everything = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", SLICE / "issues.csv")
    palestine = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", SLICE / "issues.csv", issue="me")
    important = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", important_only=True)
    issues = pd.read_csv(SLICE / "issues.csv", dtype=str)
    me_calls = set(issues.loc[issues["short_name"] == "me", "rcid"])
    assert palestine.roll_calls == len(me_calls)
    assert palestine.votes_kept + palestine.left_out["other issues"] == everything.votes_kept
    calls = pd.read_csv(SLICE / "roll_calls.csv", dtype=str, keep_default_na=False)
    assert important.roll_calls == (calls["importantvote"] == "1").sum() > 0


def test_members_keeps_only_their_pairs_and_counts_the_rest():
    result = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", actors=["USA", "RUS", "FRA"])
    assert set(result.pairs["a"]) | set(result.pairs["b"]) == {"USA", "RUS", "FRA"}
    assert result.left_out["other members than those asked for"] > 0
    with pytest.raises(OptionError, match="did you mean 'USA'"):
        ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", actors=["USX"])


def test_years_may_be_given_as_text_from_python_and_nonsense_is_an_option_error():
    as_text = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", start="2015", end="2015")
    as_int = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", start=2015, end=2015)
    assert as_text.fragment == as_int.fragment
    assert set(as_text.pairs["period"]) == {"2015"}
    with pytest.raises(OptionError, match="must be a year such as 1991, not 'the sixties'"):
        ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", start="the sixties")


def test_a_fragment_too_large_for_one_file_is_refused_before_writing(tmp_path, monkeypatch):
    monkeypatch.setattr(unvotes_module, "MAX_FILE_BYTES", 5_000)
    out = tmp_path / "unga.yaml"
    with pytest.raises(OptionError, match="one file per decade"):
        ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", output=out)
    assert not out.exists()


def test_a_new_folder_named_with_a_final_slash_is_made_and_a_missing_parent_refused_at_once(tmp_path):
    new = tmp_path / "un"
    ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", output=f"{new}/")
    assert sorted(p.name for p in new.iterdir()) == ["unga-1960s.yaml", "unga-2010s.yaml"]
    with pytest.raises(OutputError, match="does not exist"):
        ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", output=f"{tmp_path}/nosuch/un/")
    assert not (tmp_path / "nosuch").exists()


def test_a_folder_output_holds_one_fragment_per_decade_that_loads_as_one_dataset(tmp_path):
    result = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv", output=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["unga-1960s.yaml", "unga-2010s.yaml"]
    for name in ("unga-1960s.yaml", "unga-2010s.yaml"):
        single = tmp_path / name.replace(".yaml", "")
        single.mkdir()
        (single / name).write_bytes((tmp_path / name).read_bytes())
        graph.load(single)                              # each file validates alone
    folder = tmp_path / "all"
    folder.mkdir()
    for name in ("unga-1960s.yaml", "unga-2010s.yaml"):
        (folder / name).write_bytes((tmp_path / name).read_bytes())
    ds = graph.load(folder)                             # and all of them load as one dataset
    assert len(ds.relations) == len(result.relations)


# --------------------------------------------------------------------------------------------
# the command line


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args))


def test_cli_writes_a_decade_that_validates_the_same_bytes_twice(tmp_path):
    for out in ("a", "b"):
        (tmp_path / out).mkdir()
        result = run("ingest", "unvotes", str(VOTES), str(CALLS), "--from", "1960", "--to", "1969",
                     "-o", str(tmp_path / out / "unga.yaml"), "--pairs", str(tmp_path / f"{out}.csv"))
        assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "unga.yaml").read_bytes() == (tmp_path / "b" / "unga.yaml").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    ds = graph.load(tmp_path / "a")
    assert {r.domain for r in ds.relations} == {"diplomatic"}
    assert {s.author for s in ds.sources.values()} == {"Erik Voeten"}
    assert run("validate", str(tmp_path / "a")).exit_code == 0


def test_balance_1960_splits_the_west_from_the_soviet_bloc(tmp_path):
    result = run("ingest", "unvotes", str(VOTES), str(CALLS), "--from", "1960", "--to", "1960",
                 "-o", str(tmp_path / "unga.yaml"))
    assert result.exit_code == 0, result.output
    report = graph.balance(graph.load(tmp_path), at="1960-06-01", weighted=True, time_limit=10)
    side = report.split.side
    west, east = {side[m] for m in ("USA", "GBR", "FRA")}, {side[m] for m in ("RUS", "POL", "HUN", "BGR")}
    assert len(west) == 1 and len(east) == 1 and west != east


@pytest.mark.parametrize("line, value", [("3,Canada,CA,maybe", "'maybe'"), ("x3,Canada,CA,no", "'x3'")])
def test_cli_bad_value_names_file_line_and_value(tmp_path, line, value):
    votes = SLICE.joinpath("votes.csv").read_text("utf-8").splitlines()
    path = tmp_path / "votes.csv"
    path.write_text("\n".join(votes[:5] + [line] + votes[5:]) + "\n", encoding="utf-8")
    out = tmp_path / "unga.yaml"
    result = run("ingest", "unvotes", str(path), str(SLICE / "roll_calls.csv"), "-o", str(out))
    assert result.exit_code == 1
    assert f"{path}:6:1:" in result.output and value in result.output and "Hint:" in result.output
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize("args, message", [
    (["--members", "AZE,USX"], "did you mean 'USA'?"),
    (["--issue", "me"], "give the issue file"),
    (["--from", "1990", "--to", "1980"], "--to 1980 comes before --from 1990"),
    (["--measure", "tau"], "Invalid value"),
])
def test_cli_option_errors_exit_2(tmp_path, args, message):
    out = tmp_path / "unga.yaml"
    result = run("ingest", "unvotes", str(SLICE / "votes.csv"), str(SLICE / "roll_calls.csv"), "-o", str(out), *args)
    assert result.exit_code == 2 and message in result.output and not out.exists()


def test_cli_the_unvotes_layout_needs_its_roll_calls(tmp_path):
    result = run("ingest", "unvotes", str(SLICE / "votes.csv"), "-o", str(tmp_path / "unga.yaml"))
    assert result.exit_code == 2 and "give the roll-call file" in result.output


def test_cli_missing_file_is_named(tmp_path):
    result = run("ingest", "unvotes", str(tmp_path / "nope.csv"), str(SLICE / "roll_calls.csv"),
                 "-o", str(tmp_path / "unga.yaml"))
    assert result.exit_code == 1 and "no such file" in result.output


def test_two_votes_of_one_member_on_one_roll_call_are_refused(tmp_path):
    votes = SLICE.joinpath("votes.csv").read_text("utf-8").splitlines()
    path = tmp_path / "votes.csv"
    path.write_text("\n".join(votes + [votes[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="two votes on roll call"):
        ingest_unvotes(path, SLICE / "roll_calls.csv")


def test_tie_needs_clear_evidence_and_the_weight_is_its_size():
    result = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv")
    assert result.relations
    for r in result.relations:
        a = r.attributes
        assert a["votes"] >= 10 and r.weight == pytest.approx(abs(a["pi"]), abs=1e-3)
        assert (a["low"] > 0) if r.kind == "alignment" else (a["high"] < 0)
        assert math.isclose(r.weight, round(r.weight, 3))


def test_the_benchmarks_duckdb_query_agrees_with_geograph_pair_by_pair(tmp_path):
    # benchmarks/ingest_unvotes.py times geograph against this query; it must compute the same table
    pytest.importorskip("duckdb")
    import importlib.util

    path = Path(__file__).parent.parent / "benchmarks" / "ingest_unvotes.py"
    spec = importlib.util.spec_from_file_location("bench_unvotes", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    ours = ingest_unvotes(SLICE / "votes.csv", SLICE / "roll_calls.csv")
    ours.pairs[["a", "b", "period"] + bench.COMPARED].to_csv(tmp_path / "ours.csv", index=False)
    bench.run_duckdb(str(tmp_path / "duckdb.csv"), SLICE / "votes.csv", SLICE / "roll_calls.csv")
    compared, aside = bench.agree(tmp_path / "ours.csv", tmp_path / "duckdb.csv")
    assert compared == len(ours.pairs) > 50
    assert aside > 0  # Zanzibar's pairs: no state id stands for it

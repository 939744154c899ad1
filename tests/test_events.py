"""Tests of graph.ingest: GDELT files, event tables and aggregates into dataset fragments.

The GDELT files in fixtures/gdelt/ are real (see the README there). Every count the ingest makes
is checked against an independent one computed here with nothing but ``str.split``: per directed
pair and month, the events, the Goldstein sum and the QuadClass counts.
"""

from __future__ import annotations

import gzip
import math
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest
import yaml

import graph
from graph.errors import DataError, OptionError
from graph.ingest import (AGGREGATE_COLUMNS, GdeltReader, aggregate_sql, gdelt_columns, ingest_aggregates,
                          ingest_gdelt, ingest_table, load_actor_map, relation_confidence, relation_weight,
                          write_aggregates, write_fragment)
from graph.ingest.tables import quad_from_score
from graph.loading import bundled_path

GDELT = Path(__file__).parent / "fixtures" / "gdelt"
EXPORT_2019 = GDELT / "gdelt2_export_20191024143000.tsv"
DYADS_2020 = GDELT / "gdelt2_statedyads_20201113-15.tsv"
GEORGIA = GDELT / "gdelt1_georgia_statedyads_201106-201305.tsv"
REFERENCE = (EXPORT_2019, DYADS_2020, GEORGIA)
CAUCASUS = GDELT / "caucasus_20201113-15.tsv"
#: the states of the bundled dataset: the default map sends each code to the actor of that id
STATES = {"ARM", "AZE", "IND", "IRN", "ISR", "KAZ", "RUS", "TKM", "TUR"}
#: CAMEO's regional pseudo-codes
REGIONS = {"AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
           "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST"}


def count_by_hand(path: Path, mapping: dict[str, str] | None = None, root_only: bool = False) -> dict:
    """Per (source actor, target actor, YYYY-MM): events, Goldstein sum, quad1..4, mentions, tone sum."""
    mapping = mapping if mapping is not None else {c: c for c in STATES}
    out: dict = defaultdict(lambda: [0, 0.0, 0, 0, 0, 0, 0, 0.0])
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if root_only and cells[25] != "1":
                continue
            a, b = mapping.get(cells[7]), mapping.get(cells[17])
            if a is None or b is None or a == b or cells[7] == cells[17]:
                continue
            day = cells[1]
            row = out[(a, b, f"{day[:4]}-{day[4:6]}")]
            row[0] += 1
            row[1] += float(cells[30])
            row[1 + int(cells[29])] += 1
            row[6] += int(cells[31])
            row[7] += float(cells[34])
    return dict(out)


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def as_dict(table: pd.DataFrame) -> dict:
    return {(r.source, r.target, r.period): [r.events, r.goldstein_sum, r.quad1, r.quad2, r.quad3, r.quad4,
                                             r.mentions, r.tone_mean * r.events]
            for r in table.itertuples(index=False)}


def assert_same_counts(table: pd.DataFrame, expected: dict) -> None:
    got = as_dict(table)
    assert set(got) == set(expected)
    for key, want in expected.items():
        have = got[key]
        assert have[0] == want[0] and have[2:7] == want[2:7], key        # counts: exact
        assert have[1] == pytest.approx(want[1], abs=1e-6), key           # Goldstein sum, rounded to 6 places
        assert have[7] == pytest.approx(want[7], rel=1e-5, abs=1e-4), key  # tone mean × events


# -- counts against an independent computation ------------------------------------------------


@pytest.mark.parametrize("path", REFERENCE, ids=lambda p: p.name)
def test_ingest_gdelt_aggregates_match_an_independent_count(path):
    result = ingest_gdelt(path)
    expected = count_by_hand(path)
    assert_same_counts(result.aggregates, expected)
    assert result.events_kept == sum(v[0] for v in expected.values())
    assert list(result.aggregates.columns) == list(AGGREGATE_COLUMNS)


def test_ingest_gdelt_several_files_at_once_add_up():
    result = ingest_gdelt(list(REFERENCE))
    expected: dict = {}
    for path in REFERENCE:
        for key, row in count_by_hand(path).items():
            expected[key] = [x + y for x, y in zip(expected.get(key, [0] * 8), row)]
    assert_same_counts(result.aggregates, expected)
    assert result.rows == 2_111 + 9_298 + 11_357
    assert [f.layout for f in result.files] == ["GDELT 2.0", "GDELT 2.0", "GDELT 1.0"]


def test_ingest_gdelt_skip_reasons_of_the_raw_export():
    # the 2019 export is one raw 15-minute file: most rows lack a country code or repeat one
    result = ingest_gdelt(EXPORT_2019)
    rows = [line.split("\t") for line in lines_of(EXPORT_2019)]
    missing = sum(1 for c in rows if not c[7] or not c[17])
    same = sum(1 for c in rows if c[7] and c[7] == c[17])
    rest = [c for c in rows if c[7] and c[17] and c[7] != c[17]]
    regional = sum(1 for c in rest if c[7] in REGIONS or c[17] in REGIONS)
    unmapped = sum(1 for c in rest if not (c[7] in REGIONS or c[17] in REGIONS)
                   and not (c[7] in STATES and c[17] in STATES))
    assert (missing, same, regional, unmapped) == (1_521, 121, 47, 407)
    assert dict(result.skipped) == {"missing country code": 1_521, "same country": 121, "regional code": 47,
                                    "unmapped code": 407}
    assert result.rows == 2_111 and result.events_kept == 15 and dict(result.malformed) == {}
    assert sum(result.skipped.values()) + result.events_kept == result.rows


def test_ingest_gdelt_unmapped_codes_are_counted_by_code():
    result = ingest_gdelt(DYADS_2020)
    # USA is a state of GDELT but not of the bundled dataset; SEA (Southeast Asia) is a region.
    # Each code is counted in every event it was left out with, whatever the other side.
    rows = [line.split("\t") for line in lines_of(DYADS_2020)]
    usa = sum(1 for c in rows if "USA" in (c[7], c[17]) and c[7] != c[17])
    assert result.unmapped["USA"] == usa == 2_663
    assert result.unmapped["SEA"] == 390
    assert list(result.unmapped)[:3] == ["USA", "CHN", "GBR"]   # most frequent first


def test_ingest_gdelt_root_only_counts_the_other_events():
    result = ingest_gdelt(DYADS_2020, root_only=True)
    not_root = sum(1 for line in lines_of(DYADS_2020) if line.split("\t")[25] != "1")
    assert result.skipped["not a root event"] == not_root
    assert_same_counts(result.aggregates, count_by_hand(DYADS_2020, root_only=True))


def test_ingest_gdelt_mean_hides_conflict_but_relations_do_not():
    # Armenia→Azerbaijan, November 2020: a positive mean Goldstein, yet a fifth of the events are
    # material conflict; the pair gets an alignment and a tension relation for the month
    result = ingest_gdelt(DYADS_2020)
    row = result.aggregates.query("source == 'ARM' and target == 'AZE'").iloc[0]
    assert (row.events, row.quad4) == (104, 20) and row.goldstein_mean == pytest.approx(0.886538)
    pair = {r.kind: r for r in result.relations if r.pair == ("ARM", "AZE")}
    assert set(pair) == {"alignment", "tension"}
    # both directions: q1 80, q2 33, q3 20, q4 45 of 178 events
    assert pair["tension"].weight == relation_weight(20, 45, 178) == 0.293
    assert pair["alignment"].weight == relation_weight(80, 33, 178) == 0.388
    assert pair["tension"].evidence == (
        "GDELT, 2020-11: 65 of 178 events between Armenia and Azerbaijan were conflict (20 verbal, 45 material; "
        "38 by Armenia, 27 by Azerbaijan); mean Goldstein +0.58.")
    assert (pair["tension"].confidence, pair["alignment"].confidence) == ("medium", "high")
    assert (str(pair["tension"].since), str(pair["tension"].until)) == ("2020-11", "2020-12")
    assert pair["tension"].id == "gdelt-arm-aze-tension-2020-11"
    assert pair["tension"].domain == "general" and not pair["tension"].directed


# -- layouts, compression, malformed rows -----------------------------------------------------


@pytest.mark.parametrize("path, layout, columns", [
    (EXPORT_2019, "GDELT 2.0", 61),
    (DYADS_2020, "GDELT 2.0", 61),
    (GEORGIA, "GDELT 1.0", 58),
    (GDELT / "gdelt1_backfile_georgia_201106.tsv", "GDELT 1.0 backfile", 57),
], ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_ingest_gdelt_detects_the_layout(path, layout, columns):
    result = ingest_gdelt(path)
    assert [(f.layout, f.columns) for f in result.files] == [(layout, columns)]
    assert not result.malformed


def test_ingest_gdelt_backfile_reads_the_same_events_as_the_daily_layout():
    backfile = ingest_gdelt(GDELT / "gdelt1_backfile_georgia_201106.tsv")
    daily = ingest_gdelt(GEORGIA).aggregates.query("period == '2011-06'").reset_index(drop=True)
    pd.testing.assert_frame_equal(backfile.aggregates, daily)


@pytest.mark.parametrize("name", ["caucasus_20201113-15.tsv.gz", "caucasus_20201113-15.zip"])
def test_ingest_gdelt_reads_gzip_and_zip_like_the_plain_file(name):
    plain = ingest_gdelt(CAUCASUS)
    packed = ingest_gdelt(GDELT / name)
    pd.testing.assert_frame_equal(packed.aggregates, plain.aggregates)
    assert [r.id for r in packed.relations] == [r.id for r in plain.relations]
    assert packed.files[0].path.startswith(str(GDELT / name))
    assert packed.rows == plain.rows == 490


def test_ingest_gdelt_malformed_rows_are_counted_never_fatal(tmp_path):
    result = ingest_gdelt(GDELT / "malformed.tsv")
    # lines 5–6 have 60 and 62 columns; 7 a date that does not exist; 8, 9, 10 and 13 a bad
    # Goldstein, QuadClass, NumMentions and AvgTone; 11 is blank; 1–4 and 12 are good ARM→AZE rows
    assert dict(result.malformed) == {"wrong column count": 2, "bad date": 1, "bad number": 4}
    assert result.rows == 12 and result.events_kept == 5
    lines = (GDELT / "malformed.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    good = tmp_path / "good_rows.tsv"
    good.write_text("".join(lines[i - 1] for i in (1, 2, 3, 4, 12)), encoding="utf-8")
    assert_same_counts(result.aggregates, count_by_hand(good))
    assert "malformed 7 rows: wrong column count 2; bad date 1; bad number 4" in result.summary()


def test_ingest_gdelt_malformed_rows_are_given_by_line(tmp_path):
    shown = str(GDELT / "malformed.tsv")
    result = ingest_gdelt(shown)
    # the lines the fixture's comment above names: 5–6 column counts, 7 the date, 8–10 and 13 the numbers
    assert result.malformed_at == {"wrong column count": (f"{shown}:5", f"{shown}:6"), "bad date": (f"{shown}:7",),
                                   "bad number": (f"{shown}:8", f"{shown}:9", f"{shown}:10", f"{shown}:13")}
    assert f"  bad number at {shown}:8, {shown}:9, {shown}:10, {shown}:13\n" in result.summary()


def test_ingest_gdelt_bad_row_in_a_fast_block_is_given_by_line(tmp_path):
    # every row has 61 columns, so the block is read the fast way; one date is 20201341; a blank line before it
    lines = CAUCASUS.read_text(encoding="utf-8").splitlines()
    cells = lines[300].split("\t")
    cells[1] = "20201341"
    lines[300] = "\t".join(cells)
    lines.insert(10, "")
    path = tmp_path / "bad_date.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest_gdelt(path, workers=1)
    assert result.malformed_at == {"bad date": (f"{path}:302",)}  # line 301, one down for the blank line


def test_ingest_gdelt_lines_count_across_blocks(tmp_path):
    lines = CAUCASUS.read_text(encoding="utf-8").splitlines()
    lines[400] = "too\tshort"
    path = tmp_path / "late.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reader = GdeltReader([path], block_size=4096)  # many blocks: each block's lines start where the last ended
    list(reader)
    assert reader.malformed_at == {"wrong column count": [f"{path}:401"]}


def test_ingest_csv_malformed_rows_are_given_by_line(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("source,target,date,score\n"
                    "AZE,IRN,2020-11-13,-5\n"
                    "\n"
                    "AZE,IRN,2020-13-45,3\n"          # 4: no such month
                    "AZE,IRN,2020-11-14,3,extra\n"    # 5: one cell too many
                    "ARM,AZE,2020-11-15,abc\n"        # 6: no number
                    "ARM,AZE,2020-11-16,2,x,y,z\n"    # 7: far too many
                    "ARM,AZE,2020-11-17,-2\n", encoding="utf-8")
    result = ingest_table(path, source_col="source", target_col="target", date_col="date", score_col="score")
    assert dict(result.malformed) == {"wrong column count": 2, "bad date": 1, "bad number": 1}
    assert result.malformed_at == {"wrong column count": (f"{path}:5", f"{path}:7"), "bad date": (f"{path}:4",),
                                   "bad number": (f"{path}:6",)}
    assert result.rows == 6  # the blank line is no row


def test_ingest_csv_names_the_first_lines_and_counts_the_rest(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("source,target,date,score\n" + "AZE,IRN,someday,1\n" * 8, encoding="utf-8")
    result = ingest_table(path, source_col="source", target_col="target", date_col="date", score_col="score")
    assert result.malformed_at == {"bad date": tuple(f"{path}:{n}" for n in range(2, 7))}
    assert f"  bad date at {path}:2, {path}:3, {path}:4, {path}:5, {path}:6 and 3 more\n" in result.summary()


def test_ingest_aggregates_bad_period_is_given_by_line(tmp_path):
    path = tmp_path / "agg.csv"
    header = ",".join(AGGREGATE_COLUMNS)
    path.write_text(f"{header}\nARM,AZE,2020-11,4,2.0,0.5,1,1,1,1,9,-1.0\nARM,AZE,2020-19,4,2.0,0.5,1,1,1,1,9,-1.0\n",
                    encoding="utf-8")
    result = ingest_aggregates(path)
    assert result.malformed_at == {"bad period": (f"{path}:3",)}


def test_ingest_gdelt_malformed_rows_in_a_big_block_take_the_careful_path(tmp_path):
    # a row with one column too few in the middle of many good ones: pandas would pad it silently
    lines = CAUCASUS.read_text(encoding="utf-8").splitlines()
    short = lines[100].split("\t")
    del short[50]
    lines[100] = "\t".join(short)
    path = tmp_path / "one_short.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest_gdelt(path)
    assert dict(result.malformed) == {"wrong column count": 1}
    assert result.rows == 490 and result.events_kept == ingest_gdelt(CAUCASUS).events_kept - 1


def test_ingest_gdelt_empty_file(tmp_path):
    result = ingest_gdelt(GDELT / "empty.tsv")
    assert (result.rows, result.events_kept, result.relations, result.source) == (0, 0, (), None)
    assert result.aggregates.empty and list(result.aggregates.columns) == list(AGGREGATE_COLUMNS)
    assert [(f.layout, f.rows) for f in result.files] == [("empty", 0)]
    path = write_fragment(result, tmp_path / "empty.yaml")
    assert graph.validate(path) == []


def test_ingest_gdelt_file_of_another_layout_is_all_malformed(tmp_path):
    path = tmp_path / "not_gdelt.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    result = ingest_gdelt(path)
    assert dict(result.malformed) == {"wrong column count": 2}
    assert [(f.layout, f.columns) for f in result.files] == [("unknown", None)]


def test_ingest_gdelt_last_line_without_newline(tmp_path):
    path = tmp_path / "no_final_newline.tsv"
    path.write_text(CAUCASUS.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    assert ingest_gdelt(path).events_kept == ingest_gdelt(CAUCASUS).events_kept


def test_ingest_gdelt_missing_file_and_folder_are_one_error():
    with pytest.raises(DataError) as caught:
        ingest_gdelt(["nowhere.tsv", GDELT])
    # both at once, sorted by path
    assert str(caught.value) == (f"{GDELT}: {GDELT} is a folder, not a file. Hint: give the files themselves.\n"
                                 f"nowhere.tsv: no such file: nowhere.tsv. Hint: check the path.")


def test_ingest_gdelt_corrupt_gzip_is_an_error(tmp_path):
    data = (GDELT / "caucasus_20201113-15.tsv.gz").read_bytes()
    path = tmp_path / "cut.tsv.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match="the file is corrupt"):
        ingest_gdelt(path)


@pytest.mark.parametrize("kwargs, message", [
    ({"period": "week"}, "unknown period 'week'; choose one of: month, quarter, year"),
    ({"min_events": 0}, "min_events must be a whole number of at least 1, not 0"),
])
def test_ingest_gdelt_bad_options(kwargs, message):
    with pytest.raises(OptionError) as caught:
        ingest_gdelt(CAUCASUS, **kwargs)
    assert str(caught.value) == message


def test_gdelt_reader_yields_event_codes_as_text():
    frames = list(GdeltReader([CAUCASUS], event_codes=True))
    codes = set(pd.concat(frames)["EventCode"])
    assert "040" in codes and "40" not in codes and all(len(c) >= 3 for c in codes)
    assert "EventCode" not in next(iter(GdeltReader([CAUCASUS])))   # the ingest does without it


@pytest.mark.parametrize("path", [DYADS_2020, GDELT / "malformed.tsv"], ids=lambda p: p.name)
def test_gdelt_reader_in_worker_processes_gives_the_same_frames(path):
    # small blocks, so that several workers each parse a part of the file
    alone = GdeltReader([path], block_size=1 << 18, workers=1)
    shared = GdeltReader([path], block_size=1 << 18, workers=2)
    one, two = list(alone), list(shared)
    assert len(two) == len(one) > (1 if path == DYADS_2020 else 0)
    pd.testing.assert_frame_equal(pd.concat(two, ignore_index=True), pd.concat(one, ignore_index=True))
    assert (shared.rows, shared.malformed, shared.files) == (alone.rows, alone.malformed, alone.files)


def test_ingest_gdelt_result_does_not_depend_on_workers():
    one, two = ingest_gdelt(DYADS_2020, workers=1), ingest_gdelt(DYADS_2020, workers=2)
    assert one.fragment == two.fragment
    pd.testing.assert_frame_equal(one.aggregates, two.aggregates)


def test_gdelt_columns_match_the_documented_positions():
    for columns in (57, 58, 61):
        names = gdelt_columns(columns)
        assert len(names) == columns
        assert [names[i] for i in (1, 7, 17, 25, 26, 29, 30, 31, 34)] == [
            "SQLDATE", "Actor1CountryCode", "Actor2CountryCode", "IsRootEvent", "EventCode", "QuadClass",
            "GoldsteinScale", "NumMentions", "AvgTone"]
    assert gdelt_columns(61)[59:] == ["DATEADDED", "SOURCEURL"] and gdelt_columns(58)[56:] == ["DATEADDED", "SOURCEURL"]


def test_ingest_gdelt_progress_counts_to_100():
    calls = []
    ingest_gdelt([CAUCASUS, GDELT / "caucasus_20201113-15.zip"],
                 progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 100) for i in range(1, 101)]


# -- actor maps -------------------------------------------------------------------------------


def test_actor_map_adds_actors_and_maps_codes_to_bundled_ones():
    result = ingest_gdelt(GEORGIA, actor_map=GDELT / "actors_map.yaml")
    mapping = {c: c for c in STATES} | {"GEO": "GEO", "USA": "WEST", "EUR": "WEST", "WST": "WEST"}
    assert_same_counts(result.aggregates, count_by_hand(GEORGIA, mapping))
    actors = {a.id: (a.name, a.kind) for a in result.actors}
    assert actors["GEO"] == ("Georgia", "state")
    assert actors["WEST"] == ("The West (United States and European Union)", "bloc")  # as bundled
    # USA→EUR and EUR→WST now join one actor with itself
    same = sum(1 for line in lines_of(GEORGIA)
               if (c := line.split("\t")) and c[7] != c[17] and {c[7], c[17]} <= {"USA", "EUR", "WST"})
    assert result.skipped["same actor"] == same > 0
    assert "regional code" in result.skipped and "EUR" not in result.unmapped


def test_actor_map_invalid_entries_are_all_reported():
    with pytest.raises(DataError) as caught:
        load_actor_map(GDELT / "actors_map_invalid.yaml")
    path = GDELT / "actors_map_invalid.yaml"
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:6: USA maps to unknown actor 'WSET'. Hint: did you mean 'WEST'?",
        f"{path}:3:28: GEO: kind 'stat' is not one of: state, organisation, bloc, group, project, region, "
        "person, company. Hint: did you mean 'state'?",
        f"{path}:4:6: ARM: actor ARM is already 'Armenia' (state). Hint: map to it by id (ARM: ARM), or give the "
        "new actor another id.",
    ]


def test_actor_map_codes_yaml_misreads_are_located(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("NO: {name: Norway, kind: state}\n123: ARM\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_actor_map(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1:1: the code NO was read as a boolean, not as text. Hint: quote it: 'NO'.",
        f"{path}:2:1: the code 123 was read as a number, not as text. Hint: quote it: '123'.",
    ]


def test_actor_map_that_is_not_utf8_is_located_like_a_dataset(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_bytes(b"USA: WEST\nGEO: \xff\n")
    with pytest.raises(DataError) as caught:
        load_actor_map(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:6: the file is not UTF-8 text (byte 0xff). Hint: save the file as UTF-8.",
    ]


def test_actor_map_null_removes_a_default(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("TUR: ~\n", encoding="utf-8")
    result = ingest_gdelt(CAUCASUS, actor_map=path)
    assert "TUR" not in {a.id for a in result.actors} and result.unmapped["TUR"] > 0


# -- the fragment -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", REFERENCE, ids=lambda p: p.name)
def test_fragment_validates_alone_and_with_the_bundled_data(path, tmp_path):
    result = ingest_gdelt(path, actor_map=GDELT / "actors_map.yaml")
    alone = write_fragment(result, tmp_path / "alone.yaml")
    assert graph.validate(alone) == []
    folder = tmp_path / "dataset"
    shutil.copytree(bundled_path(), folder)
    write_fragment(result, folder / "gdelt.yaml")
    assert graph.validate(folder) == []
    merged = graph.load(folder)
    bundled = graph.load()
    assert len(merged.relations) == len(bundled.relations) + len(result.relations)
    assert merged.title == bundled.title                       # the fragment brings no title
    assert merged.actor("AZE") == bundled.actor("AZE")          # restated, merged, unchanged


def test_fragment_relations_hold_in_their_period_only(tmp_path):
    result = ingest_gdelt(DYADS_2020)
    folder = tmp_path / "dataset"
    shutil.copytree(bundled_path(), folder)
    write_fragment(result, folder / "gdelt-2020-11.yaml")
    ds = graph.load(folder)
    ids = {r.id for r in result.relations}
    during = {r.id for r in graph.snapshot(ds, "2020-11-30").relations} & ids
    after = {r.id for r in graph.snapshot(ds, "2020-12-01").relations} & ids
    assert during == ids and after == set()


def test_fragment_is_plain_yaml_that_reads_back_the_same(tmp_path):
    result = ingest_gdelt(DYADS_2020)
    data = yaml.safe_load(result.fragment)
    assert list(data) == ["sources", "actors", "relations"]
    first = data["relations"][0]
    assert list(first) == ["id", "between", "kind", "domain", "weight", "since", "until", "confidence",
                           "evidence", "sources", "attributes", "tags"]
    assert first["since"] == "2020-11" and isinstance(first["weight"], float)
    loaded = graph.load(write_fragment(result, tmp_path / "f.yaml"))
    assert [(r.id, r.weight, r.evidence, dict(r.attributes)) for r in loaded.relations] == [
        (r.id, r.weight, r.evidence, dict(r.attributes)) for r in result.relations]
    assert data["sources"] == {"gdelt-20201113-20201115": {
        "title": "GDELT 2.0 events, 2020-11-13 to 2020-11-15: gdelt2_statedyads_20201113-15.tsv",
        "publisher": "The GDELT Project", "date": "2020-11-15", "url": "https://www.gdeltproject.org/"}}


def test_fragment_is_deterministic_and_independent_of_the_folder(tmp_path):
    copy = tmp_path / DYADS_2020.name
    shutil.copy(DYADS_2020, copy)
    assert ingest_gdelt(DYADS_2020).fragment == ingest_gdelt(copy).fragment


def test_fragment_quotes_what_yaml_would_misread(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("NOR: {id: 'NO', name: Norway, kind: state}\nUSA: {name: 'Yes', kind: state}\n", encoding="utf-8")
    rows = CAUCASUS.read_text(encoding="utf-8").splitlines()[:40]
    events = tmp_path / "events.tsv"
    events.write_text("\n".join(r.replace("\tARM\t", "\tNOR\t").replace("\tAZE\t", "\tUSA\t") for r in rows) + "\n",
                      encoding="utf-8")
    result = ingest_gdelt(events, actor_map=path)
    assert '{id: "NO", name: Norway, kind: state}' in result.fragment
    assert '{id: USA, name: "Yes", kind: state}' in result.fragment
    assert "between: [\"NO\", USA]" in result.fragment
    fragment = write_fragment(result, tmp_path / "f.yaml")
    assert graph.validate(fragment) == []


# -- periods and thresholds -------------------------------------------------------------------


@pytest.mark.parametrize("period, label, since, until, suffix", [
    ("quarter", "2012-Q1", "2012-01", "2012-04", "2012-q1"),
    ("year", "2012", "2012", "2013", "2012"),
])
def test_ingest_gdelt_periods_roll_months_up(period, label, since, until, suffix):
    months = ingest_gdelt(GEORGIA).aggregates
    rolled = ingest_gdelt(GEORGIA, period=period)
    arm_aze = months.query("source == 'ARM' and target == 'AZE' and period.str.startswith('2012')")
    in_first = arm_aze[arm_aze["period"].isin(["2012-01", "2012-02", "2012-03"] if period == "quarter"
                                               else [f"2012-{m:02d}" for m in range(1, 13)])]
    row = rolled.aggregates.query(f"source == 'ARM' and target == 'AZE' and period == '{label}'").iloc[0]
    assert row.events == in_first["events"].sum() and row.quad4 == in_first["quad4"].sum()
    relation = next(r for r in rolled.relations if r.pair == ("ARM", "AZE") and str(r.since) == since)
    assert str(relation.until) == until and relation.id.endswith(suffix)


def test_ingest_gdelt_min_events_drops_thin_relations():
    every = ingest_gdelt(DYADS_2020)
    thick = ingest_gdelt(DYADS_2020, min_events=10)
    kept = {r.id for r in thick.relations}
    for r in every.relations:
        kinds = (r.attributes["quad1"] + r.attributes["quad2"] if r.kind == "alignment"
                 else r.attributes["quad3"] + r.attributes["quad4"])
        assert (r.id in kept) == (kinds >= 10)
    pd.testing.assert_frame_equal(thick.aggregates, every.aggregates)   # the table keeps every pair


@pytest.mark.parametrize("verbal, material, events", [(1, 0, 1), (0, 1, 1), (0, 10_000, 10_000), (5000, 0, 5000),
                                                      (3, 4, 100), (1, 0, 1_000_000)])
def test_relation_weight_is_a_strength_in_the_unit_interval(verbal, material, events):
    weight = relation_weight(verbal, material, events)
    assert 0 < weight <= 1
    assert weight == max(0.001, round((0.5 * verbal + material) / (events + 10), 3))


def test_relation_weight_words_alone_stay_moderate_deeds_approach_war():
    assert relation_weight(100_000, 0, 100_000) == 0.5
    assert relation_weight(0, 100_000, 100_000) == 1.0   # rounded: war
    assert [relation_confidence(n) for n in (9, 10, 99, 100)] == ["low", "medium", "medium", "high"]


# -- aggregates tables and the SQL query ------------------------------------------------------


def test_aggregates_csv_round_trips_into_the_same_relations(tmp_path):
    result = ingest_gdelt(GEORGIA, actor_map=GDELT / "actors_map.yaml")
    path = write_aggregates(result, tmp_path / "agg.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(AGGREGATE_COLUMNS)
    again = ingest_aggregates(path, actor_map=GDELT / "actors_map.yaml")
    pd.testing.assert_frame_equal(again.aggregates, result.aggregates, check_exact=False, atol=1e-6)
    assert [(r.id, r.weight, r.evidence) for r in again.relations] == [
        (r.id, r.weight, r.evidence) for r in result.relations]


def test_ingest_aggregates_rolls_up_and_refuses_to_split(tmp_path):
    result = ingest_gdelt(GEORGIA)
    months = write_aggregates(result, tmp_path / "months.csv")
    years = ingest_aggregates(months, period="year")
    pd.testing.assert_frame_equal(years.aggregates, ingest_gdelt(GEORGIA, period="year").aggregates,
                                  check_exact=False, atol=1e-6)
    yearly = write_aggregates(years, tmp_path / "years.csv")
    with pytest.raises(OptionError, match="the aggregates hold years, which cannot be split into months"):
        ingest_aggregates(yearly)


def test_ingest_aggregates_counts_bad_rows_and_skips_in_events(tmp_path):
    path = tmp_path / "agg.csv"
    path.write_text(",".join(AGGREGATE_COLUMNS) + "\n"
                    "ARM,AZE,2020-11,10,-3.5,-0.35,5,0,2,3,40,-2.0\n"
                    "ARM,AZE,2020-13,10,-3.5,-0.35,5,0,2,3,40,-2.0\n"
                    "ARM,AZE,2020-11,ten,-3.5,-0.35,5,0,2,3,40,-2.0\n"
                    "USA,AZE,2020-11,7,7.0,1.0,7,0,0,0,9,\n"
                    "EUR,AZE,2020-11,3,3.0,1.0,3,0,0,0,9,1.5\n", encoding="utf-8")
    result = ingest_aggregates(path)
    assert dict(result.malformed) == {"bad number": 1, "bad period": 1}
    assert dict(result.skipped) == {"regional code": 3, "unmapped code": 7}
    assert result.events_kept == 10 and result.rows == 5


def test_ingest_aggregates_missing_column_is_an_error(tmp_path):
    path = tmp_path / "agg.csv"
    path.write_text("source,target,period,events\nARM,AZE,2020-11,3\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        ingest_aggregates(path)
    header = "Hint: the header has: source, target, period, events."
    assert str(caught.value).splitlines() == [
        f"{path}:1:1: no column '{name}'. {header}" for name in sorted(AGGREGATE_COLUMNS[4:])]


def test_sql_query_uses_only_shared_functions():
    sql = aggregate_sql()
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    for dialect_only in ("FORMAT_DATE", "DATE_TRUNC", "SAFE_CAST", "PARSE_DATE", "::", "IFNULL", "NVL",
                         "COUNTIF", "INT64", "FLOAT64", "`", "DIV(", "LPAD"):
        assert dialect_only.lower() not in body.lower()
    assert "FROM events" in body
    for column in AGGREGATE_COLUMNS:
        assert f"AS {column}" in body or f"  {column},\n" in body


@pytest.mark.parametrize("dialect", ["bigquery", "spark"])
def test_sql_query_parses_in_both_dialects(dialect):
    sqlglot = pytest.importorskip("sqlglot")
    parsed = sqlglot.parse_one(aggregate_sql(), read=dialect)
    assert [e.alias_or_name for e in parsed.expressions] == list(AGGREGATE_COLUMNS)


def test_sql_query_on_duckdb_gives_what_ingest_gdelt_gives(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    names = gdelt_columns(61)
    types = {"SQLDATE": "INTEGER", "IsRootEvent": "INTEGER", "QuadClass": "INTEGER", "GoldsteinScale": "DOUBLE",
             "NumMentions": "INTEGER", "AvgTone": "DOUBLE"}
    columns = "{" + ", ".join(f"'{n}': '{types.get(n, 'VARCHAR')}'" for n in names) + "}"
    con = duckdb.connect()
    con.execute(f"CREATE VIEW events AS SELECT * FROM read_csv('{DYADS_2020}', delim='\t', header=false, "
                f"quote='', escape='', columns={columns})")
    out = tmp_path / "months.csv"
    con.execute(aggregate_sql()).df().to_csv(out, index=False)
    from_sql = ingest_aggregates(out)
    direct = ingest_gdelt(DYADS_2020)
    pd.testing.assert_frame_equal(from_sql.aggregates, direct.aggregates, check_exact=False, atol=1e-6)
    assert [(r.id, r.weight, r.evidence) for r in from_sql.relations] == [
        (r.id, r.weight, r.evidence) for r in direct.relations]
    # the query keeps every country code: the map and the regional rule act in the ingest
    assert from_sql.unmapped["USA"] == direct.unmapped["USA"]


# -- event tables with a header ---------------------------------------------------------------


def test_ingest_table_reads_an_icews_style_table_by_names():
    result = ingest_table(GDELT / "icews_style_20201113-15.tab", source_col="Source Country",
                          target_col="Target Country", date_col="Event Date", score_col="Intensity",
                          actor_map=GDELT / "actors_map.yaml", name="ICEWS", publisher="Harvard Dataverse")
    assert result.rows == 457 and not result.malformed
    assert {a.id for a in result.actors} == {"ARM", "AZE", "RUS", "TUR", "WEST"}
    row = result.aggregates.query("source == 'ARM' and target == 'AZE'").iloc[0]
    # the same events as GDELT's ARM→AZE, with Goldstein as intensity
    gdelt = ingest_gdelt(CAUCASUS).aggregates.query("source == 'ARM' and target == 'AZE'").iloc[0]
    assert (row.events, row.goldstein_sum) == (gdelt.events, pytest.approx(gdelt.goldstein_sum))
    assert row.mentions == row.events and math.isnan(row.tone_mean)
    assert result.relations[0].id.startswith("icews-") and result.relations[0].evidence.startswith("ICEWS, 2020-11:")
    assert result.source.publisher == "Harvard Dataverse"


def test_ingest_table_with_a_kind_column_matches_ingest_gdelt(tmp_path):
    # the 2020 GDELT sample as a CSV table with a header and QuadClass as the kind
    rows = [line.split("\t") for line in lines_of(DYADS_2020)]
    path = tmp_path / "events.csv.gz"
    text = "actor1,actor2,day,goldstein,quad\n" + "".join(
        f"{c[7]},{c[17]},{c[1]},{c[30]},{c[29]}\n" for c in rows)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    table = ingest_table(path, source_col="actor1", target_col="actor2", date_col="day", score_col="goldstein",
                         kind_col="quad", name="GDELT")
    direct = ingest_gdelt(DYADS_2020)
    got = table.aggregates.drop(columns=["mentions", "tone_mean"])
    pd.testing.assert_frame_equal(got, direct.aggregates.drop(columns=["mentions", "tone_mean"]))
    assert dict(table.skipped) == dict(direct.skipped)
    assert [(r.id, r.weight) for r in table.relations] == [(r.id, r.weight) for r in direct.relations]


def test_ingest_table_counts_bad_dates_numbers_kinds_and_rows(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("source;target;date;score;kind\n"
                    "ARM;AZE;2020-11-13;-10;material conflict\n"
                    "ARM;AZE;2020-11-31;-10;material conflict\n"
                    "ARM;AZE;2020-11-13;loud;material conflict\n"
                    "ARM;AZE;2020-11-13;-10;war\n"
                    "ARM;AZE;2020-11-13;-10;material conflict;extra\n"
                    "ARM;AZE\n"
                    "AZE;ARM;20201114;3;cooperation\n", encoding="utf-8")
    result = ingest_table(path, source_col="source", target_col="target", date_col="date", score_col="score",
                          kind_col="kind")
    # line 6 has a cell too many; line 7 too few, which reads as an empty date
    assert dict(result.malformed) == {"wrong column count": 1, "bad date": 2, "bad number": 1, "bad kind": 1}
    assert result.events_kept == 2 and result.rows == 7
    assert result.aggregates[["source", "quad1", "quad4"]].values.tolist() == [["ARM", 0, 1], ["AZE", 1, 0]]


def test_ingest_table_missing_column_suggests_the_one_meant():
    with pytest.raises(DataError) as caught:
        ingest_table(GDELT / "icews_style_20201113-15.tab", source_col="Source Country", target_col="Target Country",
                     date_col="Event Day", score_col="Intensity")
    assert str(caught.value).endswith("no column 'Event Day' (the date column). Hint: did you mean 'Event Date'?")


def test_quad_from_score_agrees_with_gdelt_on_the_samples():
    # the rule the table ingest uses without a kind column, against GDELT's own QuadClass
    quads = Counter()
    for path in REFERENCE:
        for line in lines_of(path):
            cells = line.split("\t")
            quads[(float(cells[30]), int(cells[29]))] += 1
    scores = [s for (s, _), n in quads.items() for _ in range(n)]
    truth = [q for (_, q), n in quads.items() for _ in range(n)]
    ours = quad_from_score(scores).tolist()
    agree = sum(a == b for a, b in zip(ours, truth)) / len(truth)
    side = sum((a <= 2) == (b <= 2) for a, b in zip(ours, truth)) / len(truth)
    assert len(truth) == 22_766
    assert round(agree, 2) == 0.83 and round(side, 2) == 0.97


def test_ingest_with_outputs_writes_both_files_as_write_fragment_would(tmp_path):
    out, table = tmp_path / "gdelt.yaml", tmp_path / "gdelt.csv"
    result = ingest_gdelt(GDELT / "caucasus_20201113-15.tsv", output=out, aggregates_out=table)
    assert out.read_text(encoding="utf-8") == result.fragment
    assert table.read_text(encoding="utf-8").startswith("source,target,period,events")


@pytest.mark.parametrize("which", ["output", "aggregates_out"])
def test_ingest_missing_output_folder_fails_before_reading(tmp_path, which):
    from graph.errors import OutputError

    missing = tmp_path / "no-such-folder" / "out.yaml"
    # the input does not exist either: the output check comes first, so nothing is read in vain
    with pytest.raises(OutputError) as caught:
        ingest_aggregates(tmp_path / "absent.csv", **{which: missing})
    assert str(caught.value) == (f"cannot write {missing}: the folder {missing.parent} does not exist. "
                                 "Hint: create it first, or choose another path.")
    assert not missing.parent.exists()

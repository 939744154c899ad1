"""Kept layouts (graph/positions.py): a saved layout read back, and new actors placed around it."""

from __future__ import annotations

import math

import pytest

import graph
from graph.errors import DataError
from graph.model import Actor, Dataset
from graph.positions import keep_positions, positions_json, read_positions
from graph.render.page import render_html
from graph.render.scene import snapshot_scene

from _helpers import page_data, rel


def problems(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def test_read_positions_reads_what_positions_json_writes(tmp_path):
    path = tmp_path / "layout.json"
    path.write_text(positions_json({"IRN": (10.04, -20.06), "AZE": (-3, 4), "2024": (1, 2)}))
    assert read_positions(path) == {"2024": (1.0, 2.0), "AZE": (-3.0, 4.0), "IRN": (10.0, -20.1)}


def test_read_positions_names_the_line_of_a_bad_position(tmp_path):
    path = tmp_path / "layout.json"
    path.write_text('{\n  "format": "geograph-positions",\n  "version": 1,\n  "positions": {\n'
                    '    "AZE": [1, 2],\n    "IRN": [1, "left"],\n    "TUR": [1, 2, 3],\n    "ARM": [NaN, 0]\n  }\n}\n')
    with pytest.raises(DataError) as excinfo:
        read_positions(path)
    assert problems(excinfo) == [
        f'{path}:6:12: actor IRN: position [1, "left"] is not two finite numbers [x, y]. '
        "Hint: write the position as [x, y], such as [12.5, -40].",
        f"{path}:7:12: actor TUR: position [1, 2, 3] is not two finite numbers [x, y]. "
        "Hint: write the position as [x, y], such as [12.5, -40].",
        f"{path}:8:12: actor ARM: position [NaN, 0] is not two finite numbers [x, y]. "
        "Hint: write the position as [x, y], such as [12.5, -40].",
    ]


def test_read_positions_refuses_an_id_given_twice(tmp_path):
    path = tmp_path / "layout.json"
    path.write_text('{"format": "geograph-positions", "version": 1, "positions": {\n"AZE": [1, 2],\n"AZE": [3, 4]}}')
    with pytest.raises(DataError) as excinfo:
        read_positions(path)
    assert problems(excinfo) == [f"{path}:3:1: duplicate actor id 'AZE' (first defined at line 2). "
                                 "Hint: give each actor one position."]


def test_read_positions_locates_a_json_syntax_error(tmp_path):
    path = tmp_path / "layout.json"
    path.write_text('{"format": "geograph-positions",\n "positions": {"AZE": [1, 2],}}')
    with pytest.raises(DataError) as excinfo:
        read_positions(path)
    assert excinfo.value.problems[0].code == "unreadable"
    assert problems(excinfo)[0].startswith(f"{path}:2:30: cannot read the file: Expecting property name")


@pytest.mark.parametrize("text", ['[1, 2]', '{"positions": {}}', '{"format": "geograph-positions", "positions": [1]}'])
def test_read_positions_refuses_a_file_that_is_not_a_saved_layout(tmp_path, text):
    path = tmp_path / "layout.json"
    path.write_text(text)
    with pytest.raises(DataError) as excinfo:
        read_positions(path)
    assert [p.code for p in excinfo.value.problems] == ["structure"]
    assert "the file must be a mapping with the keys format" in problems(excinfo)[0]


def test_read_positions_refuses_another_version(tmp_path):
    path = tmp_path / "layout.json"
    path.write_text('{"format": "geograph-positions",\n "version": 2, "positions": {}}')
    with pytest.raises(DataError) as excinfo:
        read_positions(path)
    assert problems(excinfo)[0].startswith(f"{path}:2:13: version 2 is not a version geograph reads (it reads version 1)")


def test_read_positions_missing_file(tmp_path):
    with pytest.raises(DataError) as excinfo:
        read_positions(tmp_path / "none.json")
    assert [p.code for p in excinfo.value.problems] == ["missing-file"]


def test_read_positions_reads_a_csv_table(tmp_path):
    path = tmp_path / "layout.csv"
    path.write_text("ID,x,y,note\nAZE,1.5,-2\nIRN,10,20,capital\n")
    assert read_positions(path) == {"AZE": (1.5, -2.0), "IRN": (10.0, 20.0)}


def test_read_positions_csv_names_row_and_column_of_a_bad_number(tmp_path):
    path = tmp_path / "layout.csv"
    path.write_text("id,x,y\nAZE,1.5,-2\nIRN,ten,20\nAZE,0,0\n")
    with pytest.raises(DataError) as excinfo:
        read_positions(path)
    assert problems(excinfo) == [
        f"{path}:3:2: actor IRN: x 'ten' is not a finite number. Hint: write one row per actor under the header "
        "id,x,y, such as AZE,12.5,-40.",
        f"{path}:4:1: duplicate actor id 'AZE' (first defined at line 2). Hint: give each actor one position.",
    ]


def test_read_positions_csv_needs_id_x_and_y(tmp_path):
    path = tmp_path / "layout.csv"
    path.write_text("id,x\nAZE,1\n")
    with pytest.raises(DataError) as excinfo:
        read_positions(path)
    assert [(p.code, p.message) for p in excinfo.value.problems] == [("missing-column", "missing required column 'y'")]


def five() -> Dataset:
    """A, B, C kept far apart; D aligned with A only; E in tension with C only."""
    actors = tuple(Actor(a, a, "state") for a in "ABCDE")
    return Dataset(actors=actors, relations=(rel("ab", "A", "B", "alignment", 0.5), rel("bc", "B", "C", "tension", 0.5),
                                             rel("ad", "A", "D", "alignment", 0.8), rel("ce", "C", "E", "tension", 0.5)))


KEPT = {"A": (0.0, 0.0), "B": (400.0, 0.0), "C": (400.0, 400.0), "GONE": (5.0, 5.0)}


def test_keep_positions_keeps_saved_actors_exactly_and_reports_unknown_ones():
    out = keep_positions(KEPT, five())
    assert {k: out.positions[k] for k in "ABC"} == {k: KEPT[k] for k in "ABC"}
    assert out.kept == ("A", "B", "C") and out.placed == ("D", "E") and out.unknown == ("GONE",)
    assert sorted(out.positions) == ["A", "B", "C", "D", "E"]


def test_keep_positions_places_a_new_actor_near_its_kept_ally_and_apart_from_everyone():
    out = keep_positions(KEPT, five(), gap=60)
    d = out.positions["D"]
    # D's only ally is A: it sits nearer A than any other kept actor, and no closer than the gap to anyone
    assert math.dist(d, KEPT["A"]) < min(math.dist(d, KEPT["B"]), math.dist(d, KEPT["C"]))
    pairs = [(a, b) for a in out.positions for b in out.positions if a < b]
    assert min(math.dist(out.positions[a], out.positions[b]) for a, b in pairs) >= 60 - 0.1


def test_keep_positions_is_deterministic_and_ignores_input_order():
    reordered = dict(reversed(list(KEPT.items())))
    assert keep_positions(KEPT, five()) == keep_positions(reordered, five())


def test_keep_positions_without_kept_actors_is_the_layout():
    from graph.layout import signed_layout
    from graph.network import network

    assert keep_positions({"GONE": (0, 0)}, five()).positions == signed_layout(network(five()), seed=7)


def test_snapshot_scene_draws_kept_positions():
    ds = graph.load()
    before = snapshot_scene(ds, "2025-03-01")
    kept = {k: (x + 1000.0, y) for k, (x, y) in before.positions.items() if k != "ARM"}
    scene = snapshot_scene(ds, "2025-03-01", positions=kept)
    assert {k: scene.positions[k] for k in kept} == kept
    # however dense the kept drawing, the new actor is not drawn on anyone (two smallest radii apart)
    assert "ARM" in scene.positions and all(math.dist(scene.positions["ARM"], p) >= 24 for p in kept.values())
    nodes = {n["id"]: (n["x"], n["y"]) for n in scene.nodes}
    assert nodes == scene.positions


def test_render_html_takes_positions():
    ds = graph.load()
    kept = {"AZE": (123.0, -456.0)}
    data = page_data(render_html(ds, "2025-03-01", positions=kept))
    assert next((n["x"], n["y"]) for n in data["nodes"] if n["id"] == "AZE") == (123.0, -456.0)

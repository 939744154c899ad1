"""Images and layouts from the page in a real browser (graph/templates/images.js): Save SVG, Save PNG, Save layout.

Uses the headless Chromium of tests/test_browser.py, every request but the page's own refused.
"""

from __future__ import annotations

import base64
import struct
import xml.etree.ElementTree as ET

import pytest

import graph
from graph.positions import read_positions
from graph.render import write_html

from test_browser import browser, open_offline  # noqa: F401  (browser is a fixture)
from test_render import PAYLOAD, hostile_dataset

SVG = "{http://www.w3.org/2000/svg}"
AT = "2025-03-01"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return write_html(graph.load(), tmp_path_factory.mktemp("img") / "caucasus.html", at=AT)


def svg_of(page) -> tuple[str, ET.Element]:
    saved = page.evaluate("() => geograph.saveSvg()")
    return saved["name"], ET.fromstring(saved["text"].encode("utf-8"))


def texts(root: ET.Element, cls: str | None = None) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(SVG + "text") if cls is None or t.get("class") == cls]


def actors(root: ET.Element) -> list[str]:
    return sorted(e.get("data-id") for e in root.iter() if e.get("class") == "node")


def test_save_svg_has_title_date_legend_and_one_shape_per_actor(browser, bundled):
    page, requests, errors = open_offline(browser, bundled)
    name, root = svg_of(page)
    shown = page.evaluate("() => geograph.nodes.getIds().sort()")
    assert name == "Caucasus_Azerbaijan_Iran_relations.svg"
    assert texts(root, "title") == ["Caucasus: Azerbaijan–Iran relations"]
    assert texts(root, "subtitle") == ["Snapshot on 2025-03-01: 14 actors, 54 relations (28 lines)"]
    entries = texts(root, "legend-entry")
    assert "alignment (12 lines, 24 relations)" in entries and "tension (16 lines, 30 relations)" in entries
    assert "state (dot)" in entries
    assert {"Actors", "Relations", "Snapshot"} <= set(texts(root, "legend-heading"))
    assert actors(root) == shown
    # each shape as the page draws it: a state is a circle, a person a (downward) triangle
    shapes = {e.get("data-id"): e.tag for e in root.iter() if e.get("class") == "node"}
    assert shapes["AZE"] == SVG + "circle" and shapes["AREF"] == SVG + "polygon"
    assert len([e for e in root.iter() if e.get("class") == "edge"]) == 28   # one line per pair and kind
    assert requests == [] and errors == []
    page.close()


def test_save_svg_draws_only_what_the_filters_show(browser, bundled):
    page, requests, errors = open_offline(browser, bundled)
    page.click("#filters summary")
    page.uncheck('input[data-filter="actor"][value="person"]')
    page.uncheck('input[data-filter="kind"][value="tension"]')
    _, root = svg_of(page)
    visible = page.evaluate("() => geograph.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()")
    assert actors(root) == visible and "AREF" not in visible
    lines = [e for e in root.iter() if e.get("class") == "edge"]
    assert lines and all(e.get("stroke") == "#2e7d32" for e in lines)   # alignment only: green
    assert errors == []
    page.close()


def test_save_svg_button_downloads_it(browser, bundled, tmp_path):
    page, requests, errors = open_offline(browser, bundled)
    with page.expect_download() as info:
        page.click("#save-svg")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    root = ET.parse(target).getroot()
    assert root.tag == SVG + "svg" and len(actors(root)) == 14
    assert requests == [] and errors == []
    page.close()


def test_save_svg_shows_hostile_text_literally(browser, tmp_path):
    out = write_html(hostile_dataset(), tmp_path / "hostile.html", at="2025")
    page, requests, errors = open_offline(browser, out)
    saved = page.evaluate("() => geograph.saveSvg()")
    root = ET.fromstring(saved["text"].encode("utf-8"))
    assert texts(root, "title") == ["Title " + PAYLOAD]
    assert "Name " + PAYLOAD in texts(root, "label")
    # the payload is text, escaped, never an element
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "img", "foreignObject")]
    assert page.evaluate("() => window.__xss") is None and errors == []
    page.close()


def png_size(data_url: str) -> tuple[int, int]:
    raw = base64.b64decode(data_url.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", raw[16:24])


def test_save_png_adds_title_and_legend_to_the_canvas(browser, bundled):
    page, requests, errors = open_offline(browser, bundled)
    saved = page.evaluate("() => geograph.savePng()")
    width, height = png_size(saved["data"])
    canvas_w, canvas_h = saved["canvas"]
    assert (width, height) == (saved["width"], saved["height"])
    # taller than the canvas (the title and subtitle above it) and wider (the legend beside it)
    assert height > canvas_h + 50 and width > canvas_w + 250
    assert saved["name"] == "Caucasus_Azerbaijan_Iran_relations.png"
    assert requests == [] and errors == []
    page.close()


def test_saved_layout_round_trips_through_render_positions(browser, bundled, tmp_path):
    page, requests, errors = open_offline(browser, bundled)
    # an analyst drags Armenia away; the saved layout keeps it there
    page.evaluate("() => geograph.network.moveNode('ARM', 640, -321)")
    saved = page.evaluate("() => geograph.saveLayout()")
    before = page.evaluate("() => geograph.network.getPositions()")
    page.close()
    assert saved["name"] == "Caucasus_Azerbaijan_Iran_relations.layout.json"
    layout = tmp_path / saved["name"]
    layout.write_text(saved["text"], encoding="utf-8")
    kept = read_positions(layout)
    assert kept["ARM"] == (640.0, -321.0) and sorted(kept) == sorted(before)

    again = write_html(graph.load(), tmp_path / "again.html", at=AT, positions=kept)
    page, requests, errors = open_offline(browser, again)
    after = page.evaluate("() => geograph.network.getPositions()")
    assert after == before
    assert requests == [] and errors == []
    page.close()


def test_saved_layout_places_new_actors_around_the_kept_ones(browser, bundled, tmp_path):
    page, _, errors = open_offline(browser, bundled)
    kept = read_positions(_write(tmp_path / "l.json", page.evaluate("() => geograph.saveLayout().text")))
    page.close()
    del kept["ARM"]                                # Armenia was not in the saved layout: it is new
    out = write_html(graph.load(), tmp_path / "new.html", at=AT, positions=kept)
    page, requests, errors = open_offline(browser, out)
    after = page.evaluate("() => geograph.network.getPositions()")
    assert {k: (after[k]["x"], after[k]["y"]) for k in kept} == {k: (round(x), round(y)) for k, (x, y) in kept.items()}
    arm = after["ARM"]
    # on no one: at least two of the smallest radii (24 px, less a pixel of vis-network's rounding) from all
    assert all((arm["x"] - p["x"]) ** 2 + (arm["y"] - p["y"]) ** 2 >= 23 ** 2 for k, p in after.items() if k != "ARM")
    assert errors == []
    page.close()


def test_save_layout_button_downloads_the_positions(browser, bundled, tmp_path):
    page, requests, errors = open_offline(browser, bundled)
    with page.expect_download() as info:
        page.click("#save-layout")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    positions = page.evaluate("() => geograph.network.getPositions()")
    assert read_positions(target) == {k: (float(p["x"]), float(p["y"])) for k, p in sorted(positions.items())}
    assert requests == [] and errors == []
    page.close()


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_save_svg_of_a_timeline_page_names_the_period(browser, tmp_path):
    from graph.render import write_timeline_html

    out = write_timeline_html(graph.load(), tmp_path / "t.html", start="2020", end="2025")
    page, requests, errors = open_offline(browser, out)
    _, root = svg_of(page)
    assert "Period" in texts(root, "legend-heading") and "Range" in texts(root, "legend-heading")
    assert actors(root) == page.evaluate("() => geograph.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()")
    assert requests == [] and errors == []
    page.close()


def test_save_svg_keeps_the_focus_dimming(browser, bundled):
    page, _, errors = open_offline(browser, bundled)
    page.evaluate("() => geograph.focusOn('Armenia')")
    near = set(page.evaluate("() => geograph.focused"))
    _, root = svg_of(page)
    dimmed = {e.get("data-id") for e in root.iter() if e.get("class") == "node" and e.get("opacity")}
    assert dimmed == set(actors(root)) - near and "ARM" in near
    assert errors == []
    page.close()

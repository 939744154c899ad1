"""Static figures (graph/render/figure.py): the page's picture as SVG, PNG and PDF, byte for byte reproducible."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import graph
from graph.errors import OptionError
from graph.render.figure import figure_bytes, render_figure
from graph.render.scene import snapshot_scene

from test_render import PAYLOAD, hostile_dataset

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
GAHUKU = Path("/work/shared/reference/signed/gahuku_gama_read1954.csv")


def texts(svg: bytes) -> list[str]:
    """Every text the SVG shows, as a reader of the figure sees it (entities decoded)."""
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(SVG + "text")]


def actor_shapes(svg: bytes) -> list[str]:
    return sorted(g.get("id")[len("actor-"):] for g in ET.fromstring(svg).iter(SVG + "g")
                  if (g.get("id") or "").startswith("actor-"))


@pytest.fixture(scope="module")
def bundled_svg() -> bytes:
    return figure_bytes(snapshot_scene(graph.load(), "2025-03-01"), "svg")


def test_render_figure_svg_has_title_snapshot_legend_and_every_actor(bundled_svg):
    scene = snapshot_scene(graph.load(), "2025-03-01")
    shown = texts(bundled_svg)
    assert "Caucasus: Azerbaijan–Iran relations" in shown
    assert "Snapshot on 2025-03-01: 14 actors, 54 relations (28 lines)" in shown
    # the legend as the page's: each actor kind present, each relation kind with its count
    assert {"Actors", "state", "bloc", "group", "person", "Relations", "alignment (24)", "tension (30)"} <= set(shown)
    assert actor_shapes(bundled_svg) == sorted(n["id"] for n in scene.nodes)
    # every actor's name is printed (14 actors: none left out)
    assert {n["label"] for n in scene.nodes} <= set(shown)


def test_render_figure_draws_each_kind_with_its_page_shape_and_colour(bundled_svg):
    root = ET.fromstring(bundled_svg)
    scene = snapshot_scene(graph.load(), "2025-03-01")
    for node in scene.nodes:
        group = next(g for g in root.iter(SVG + "g") if g.get("id") == f"actor-{node['id']}")
        path = next(group.iter(SVG + "path"))
        # a dot's outline is a curve; the page's polygons (square, hexagon, triangles) are straight segments
        curved = " C " in path.get("d") or path.get("d").count("C") > 0
        assert curved == (node["shape"] == "dot"), node["id"]
        assert f"fill: {node['color']['background']}" in path.get("style"), node["id"]


def test_render_figure_is_byte_identical_in_one_process(tmp_path):
    ds = graph.load()
    for fmt in ("svg", "pdf", "png"):
        first = render_figure(ds, tmp_path / f"a.{fmt}", "2025-03-01").read_bytes()
        again = render_figure(ds, tmp_path / f"b.{fmt}", "2025-03-01").read_bytes()
        assert first == again, fmt
        assert b"Matplotlib v" not in first and b"CreationDate" not in first and b"<dc:date>" not in first


def test_render_figure_svg_is_byte_identical_across_processes(tmp_path):
    script = ("import sys, graph; from graph.render.figure import render_figure; "
              "render_figure(graph.load(), sys.argv[1], '2025-03-01', color_by='faction')")
    digests = []
    for name in ("one.svg", "two.svg"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / name)], cwd=ROOT, check=True)
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_render_figure_png_is_the_size_asked_for_and_not_blank(tmp_path):
    from matplotlib.image import imread

    out = render_figure(graph.load(), tmp_path / "c.png", "2025-03-01", dpi=100)
    image = imread(out)
    assert image.shape[:2] == (700, 1000)                    # 10 x 7 inches at 100 dpi
    assert (image[..., :3] < 0.9).any(axis=2).mean() > 0.02  # ink: more than 2 % of the pixels are not white


def test_render_figure_pdf_is_a_pdf(tmp_path):
    out = render_figure(graph.load(), tmp_path / "c.pdf", "2025-03-01")
    assert out.read_bytes().startswith(b"%PDF-")


def test_render_figure_faction_legend_names_the_camps_and_strain():
    shown = texts(figure_bytes(snapshot_scene(graph.load(), "2025-03-01", color_by="faction"), "svg"))
    assert {"Camps (best split)", "Camp 1 (7 actors)", "Camp 2 (4 actors)", "under strain (4)"} <= set(shown)


def test_render_figure_shows_hostile_text_literally(tmp_path):
    title = "T $x^2$ & <b>"
    svg = render_figure(hostile_dataset(), tmp_path / "h.svg", "2025", title=title).read_bytes()
    shown = texts(svg)
    # matplotlib would read $...$ as mathematics: the title and names are shown as written
    assert title in shown and "Name " + PAYLOAD in shown
    assert b"<script" not in svg and b"<img" not in svg


def test_render_figure_draws_gahuku_gama(tmp_path):
    ds, _ = graph.read_edgelist(GAHUKU)
    svg = render_figure(ds, tmp_path / "g.svg", color_by="faction").read_bytes()
    assert len(actor_shapes(svg)) == 16
    assert "Camp 2 (4 actors)" in texts(svg)


def test_render_figure_keeps_given_positions(tmp_path):
    ds = graph.load()
    scene = snapshot_scene(ds, "2025-03-01")
    moved = {**scene.positions, "ARM": (900.0, 900.0)}
    far = figure_bytes(snapshot_scene(ds, "2025-03-01", positions=moved), "svg")
    assert far != figure_bytes(scene, "svg")
    assert actor_shapes(far) == actor_shapes(figure_bytes(scene, "svg"))


def test_render_figure_format_comes_from_the_suffix_or_is_refused(tmp_path):
    with pytest.raises(OptionError, match=r"^unknown figure format 'gif'; choose one of: svg, png, pdf\. Hint: name"):
        render_figure(graph.load(), tmp_path / "c.gif", "2025-03-01")
    assert render_figure(graph.load(), tmp_path / "c.img", "2025-03-01", format="png").read_bytes()[:4] == b"\x89PNG"
    assert not (tmp_path / "c.gif").exists()


def test_render_figure_without_matplotlib_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)     # import matplotlib now raises ImportError
    with pytest.raises(OptionError, match=r"^a static figure needs matplotlib\. Hint: pip install 'geograph\[plot\]'\.$"):
        render_figure(graph.load(), tmp_path / "c.svg", "2025-03-01")
    assert not (tmp_path / "c.svg").exists()


def test_render_figure_writes_atomically_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "c.svg"
    target.write_text("old")
    render_figure(graph.load(), target, "2025-03-01")
    assert target.read_bytes().startswith(b"<?xml") and sorted(p.name for p in tmp_path.iterdir()) == ["c.svg"]


def test_figure_bytes_reads_back_as_an_image():
    from matplotlib.image import imread

    png = figure_bytes(snapshot_scene(graph.load(), "2025-03-01"), "png", dpi=50)
    assert imread(io.BytesIO(png)).shape[:2] == (350, 500)

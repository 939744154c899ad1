"""GEXF and GraphML carry the page's drawing (graph/export/xml_formats.py), so Gephi opens the same picture."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

import graph
from graph.export import to_gexf, to_graphml
from graph.render.scene import snapshot_scene

AT = "2025-03-01"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@pytest.fixture(scope="module")
def scene():
    return snapshot_scene(graph.load(), AT)


def test_to_gexf_positions_colours_and_sizes_are_the_pages(scene):
    root = ET.fromstring(to_gexf(graph.load(), at=AT, drawing=True))
    drawn = {n.get("id"): n for n in root.iter(GEXF + "node")}
    for node in scene.nodes:
        element = drawn[node["id"]]
        position = element.find(VIZ + "position")
        # Gephi's y points up, the page's down: flipped
        assert (float(position.get("x")), float(position.get("y"))) == (node["x"], -node["y"])
        colour = element.find(VIZ + "color")
        assert tuple(int(colour.get(c)) for c in "rgb") == rgb(node["color"]["background"])
        assert float(element.find(VIZ + "size").get("value")) == node["size"]
    shapes = {n["id"]: drawn[n["id"]].find(VIZ + "shape").get("value") for n in scene.nodes}
    assert shapes["AZE"] == "disc" and shapes["AREF"] == "triangle"


def test_to_gexf_colours_relations_by_kind(scene):
    root = ET.fromstring(to_gexf(graph.load(), at=AT, drawing=True))
    colours = {e.get("kind"): tuple(int(e.find(VIZ + "color").get(c)) for c in "rgb") for e in root.iter(GEXF + "edge")}
    assert colours == {"alignment": rgb("#2e7d32"), "tension": rgb("#c62828")}


def test_to_gexf_drawing_reads_back_in_networkx(scene):
    g = nx.read_gexf(io.BytesIO(to_gexf(graph.load(), at=AT, drawing=True)))
    aze = next(n for n in scene.nodes if n["id"] == "AZE")
    viz = g.nodes["AZE"]["viz"]
    assert (viz["position"]["x"], viz["position"]["y"]) == (aze["x"], -aze["y"])
    assert viz["size"] == aze["size"] and g.nodes["AZE"]["label"] == "Azerbaijan"


def test_to_gexf_without_drawing_is_unchanged():
    ds = graph.load()
    plain = to_gexf(ds, at=AT)
    assert plain == to_gexf(ds, at=AT, drawing=False) and b"viz:" not in plain
    # the drawing only adds: take its elements and namespace out and the rest is the same file
    drawn = to_gexf(ds, at=AT, drawing=True).decode()
    kept = "\n".join(line for line in drawn.split("\n") if "<viz:" not in line)
    assert kept.replace(' xmlns:viz="http://gexf.net/1.3/viz"', "") == plain.decode()


def test_to_gexf_drawing_follows_the_page_options():
    scene = snapshot_scene(graph.load(), AT, color_by="faction", seed=3)
    root = ET.fromstring(to_gexf(graph.load(), at=AT, drawing={"color_by": "faction", "seed": 3}))
    drawn = {n.get("id"): n for n in root.iter(GEXF + "node")}
    for node in scene.nodes:
        colour = drawn[node["id"]].find(VIZ + "color")
        assert tuple(int(colour.get(c)) for c in "rgb") == rgb(node["color"]["background"])
        assert float(drawn[node["id"]].find(VIZ + "position").get("x")) == node["x"]


def test_to_gexf_kept_positions_reach_gephi():
    root = ET.fromstring(to_gexf(graph.load(), at=AT, drawing={"positions": {"AZE": (11.0, 22.0)}}))
    aze = next(n for n in root.iter(GEXF + "node") if n.get("id") == "AZE")
    assert (aze.find(VIZ + "position").get("x"), aze.find(VIZ + "position").get("y")) == ("11.0", "-22.0")


def test_to_graphml_carries_plain_x_y_size_and_colour_keys(scene):
    g = nx.read_graphml(io.BytesIO(to_graphml(graph.load(), at=AT, drawing=True)), edge_key_type=str,
                        force_multigraph=True)
    for node in scene.nodes:
        data = g.nodes[node["id"]]
        assert (data["x"], data["y"], data["size"]) == (node["x"], -node["y"], node["size"])
        assert data["color"] == node["color"]["background"]
        assert (data["r"], data["g"], data["b"]) == rgb(node["color"]["background"])
    kinds = {d["kind"]: d["color"] for *_, d in g.edges(keys=True, data=True)}
    assert kinds == {"alignment": "#2e7d32", "tension": "#c62828"}


def test_to_graphml_drawing_keeps_every_key_id_and_declares_its_keys_typed():
    ds = graph.load()
    plain = ET.fromstring(to_graphml(ds, at=AT))
    drawn = ET.fromstring(to_graphml(ds, at=AT, drawing=True))
    keys = lambda root: [(k.get("id"), k.get("for"), k.get("attr.name"), k.get("attr.type"))  # noqa: E731
                         for k in root.iter(GRAPHML + "key")]
    before, after = keys(plain), keys(drawn)
    assert after[: len(before)] == before                   # every earlier key keeps its id: only added
    assert [(f, n, t) for _, f, n, t in after[len(before):]] == [
        ("node", "x", "double"), ("node", "y", "double"), ("node", "size", "double"), ("node", "r", "long"),
        ("node", "g", "long"), ("node", "b", "long"), ("node", "color", "string"),
        ("edge", "r", "long"), ("edge", "g", "long"), ("edge", "b", "long"), ("edge", "color", "string")]


def test_exports_leave_undrawn_actors_without_a_position():
    # arenas (regions, projects) are not drawn on the page: they carry no position for Gephi to keep
    root = ET.fromstring(to_gexf(graph.load(), at=AT, drawing=True))
    scene_ids = {n["id"] for n in snapshot_scene(graph.load(), AT).nodes}
    for node in root.iter(GEXF + "node"):
        assert (node.find(VIZ + "position") is not None) == (node.get("id") in scene_ids)

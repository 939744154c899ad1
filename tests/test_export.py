"""Exports (graph/export/): networkx reads every format back with every attribute intact."""

import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest

import graph
from graph.dates import parse_date
from graph.errors import OptionError, OutputError
from graph.export import (CSV_FILES, EXPORT_FORMATS, export, to_csv, to_gexf, to_graphml, to_networkx,
                          to_node_link)
from graph.metrics import METRIC_NAMES
from graph.model import AGENT_KINDS, Actor, Dataset, Relation, Source
from graph.report import records

EDGE_FIELDS = ("id", "kind", "domain", "weight", "sign", "directed", "since", "until", "start", "end",
               "confidence", "evidence", "sources", "tags")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def full_dataset() -> Dataset:
    """Every field filled, in every shape an attribute can take, with text a spreadsheet would run."""
    sources = {
        "s1": Source("s1", "Report, vol. 2", "2024-05", author="Ə. Author", url="https://example.org/r?a=1&b=2"),
        "s2": Source("s2", "=Formula title", "2025", publisher="Pub <b>"),
    }
    actors = (
        Actor("AZE", "Azərbaycan", "state", tags=("south-caucasus", "caspian"), sources=("s1",), attributes={
            "capital": "Baku", "population": 10_100_000, "area_km2": 86600.0, "landlocked": False,
            "neighbours": ["IRN", "RUS"], "figures": {"gdp_usd": 7.2e10, "years": [2023, 2024]},
            "mixed": 3, "nothing": None}),
        Actor("IRN", "Iran", "state", tags=("middle-east",), sources=("s1", "s2"),
              attributes={"capital": "Tehran", "mixed": "three", "population": 89_000_000}),
        Actor("NSTC", "-North–South corridor", "project", sources=("s2",), attributes={"length_km": 7200}),
        Actor("X1", "@home\nline two", "group"),
    )
    relations = (
        Relation("aze-irn-trade", "AZE", "IRN", False, "alignment", "economic", 0.6, since=parse_date(1991),
                 confidence="high", evidence='Trade "keeps" rising, 2024.', sources=("s1", "s2"),
                 attributes={"trade_usd": 580_000_000, "growth_pct": 33.5, "note": "11 months"}, tags=("trade",)),
        Relation("aze-irn-intel", "AZE", "IRN", False, "tension", "intelligence", 0.7, since=parse_date("2023-03"),
                 until=parse_date("2025-01-15"), confidence="low", evidence='=HYPERLINK("http://evil","x")',
                 sources=("s1",), attributes={"expelled": 4, "note": ["a", "b"]}),
        Relation("irn-aze-pressure", "IRN", "AZE", True, "tension", "religious", 0.3,
                 since=parse_date("2022-06-01"), until=parse_date(2024), evidence="+1 pressure\r\nsecond line",
                 sources=("s2",), tags=("risk", "nstc")),
        Relation("nstc-aze", "NSTC", "AZE", True, "alignment", "transport", 1.0, evidence="Route.", sources=("s2",)),
        Relation("2024", "IRN", "NSTC", False, "alignment", "transport", 0.25, until=parse_date("2030-02"),
                 evidence="A numeric id.", sources=("s1",)),
    )
    return Dataset(title="Hand <made> & full", description="Every field.\nTwo lines.", sources=sources,
                   actors=actors, relations=relations)


@pytest.fixture(params=["bundled", "full"])
def dataset(request) -> Dataset:
    return graph.load() if request.param == "bundled" else full_dataset()


# --------------------------------------------------------------------------------------------
# what every format must give back, computed from the model (not from graph/export/)


def expected_node(a: Actor) -> dict:
    return {"name": a.name, "kind": a.kind, "tags": list(a.tags), "sources": list(a.sources),
            "attributes": plain(a.attributes)}


def expected_edge(r: Relation) -> dict:
    return {
        "id": r.id, "kind": r.kind, "domain": r.domain, "weight": float(r.weight), "sign": r.sign,
        "directed": r.directed, "since": str(r.since) if r.since else None, "until": str(r.until) if r.until else None,
        "start": r.since.start.isoformat() if r.since else None,
        "end": (r.until.start - dt.timedelta(days=1)).isoformat() if r.until else None,
        "confidence": r.confidence, "evidence": r.evidence, "sources": list(r.sources), "tags": list(r.tags),
        "attributes": plain(r.attributes),
    }


def plain(value):
    if hasattr(value, "items"):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def typed(value):
    """Values with their types, so that 1, 1.0 and True do not compare equal."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def split(text: str) -> list[str]:
    return text.split("; ") if text else []


def unflatten(data: dict, fields: tuple[str, ...]) -> dict:
    """A node or edge read from GEXF or GraphML, back in the model's shape (module notes)."""
    out = {k: data.get(k) for k in fields}
    for k in ("tags", "sources"):
        out[k] = split(data[k])
    out["attributes"] = {}
    for key, value in data.items():
        if key.startswith("attr_"):
            out["attributes"][key[5:]] = value
        elif key.startswith("json_"):
            out["attributes"][key[5:]] = json.loads(value)
    return out


def uncell(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def read_table(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k: uncell(v) for k, v in row.items()} for row in csv.DictReader(handle)]


# --------------------------------------------------------------------------------------------
# GEXF


def test_to_gexf_round_trips_every_attribute(dataset, tmp_path):
    path = export(dataset, tmp_path / "g.gexf", "gexf")
    g = nx.read_gexf(path)
    assert isinstance(g, nx.MultiDiGraph)     # parallel relations keep it a multigraph
    assert g.graph["name"] == dataset.title and g.graph["mode"] == "dynamic"
    assert sorted(g.nodes) == sorted(dataset.actor_ids)
    for a in dataset.actors:
        data = dict(g.nodes[a.id])
        assert data.pop("label") == a.name      # Gephi shows the label: the actor's name
        # the page's drawing, so Gephi opens the same picture (arenas are not drawn: Gephi places them)
        viz = data.pop("viz", None)
        assert (viz is not None and "position" in viz) == (a.kind in AGENT_KINDS)
        node = unflatten({**data, "name": a.name}, ("name", "kind"))
        assert typed(node) == typed(expected_node(a))
        assert set(data) == {"kind", "tags", "sources"} | {k for k in data if k[:5] in ("attr_", "json_")}
    assert g.number_of_edges() == len(dataset.relations)
    for r in dataset.relations:
        data = g.edges[r.source, r.target, r.id]
        assert typed(unflatten(data, EDGE_FIELDS)) == typed(expected_edge(r))
        absent = {k for k in ("since", "until", "start", "end") if expected_edge(r)[k] is None}
        assert not absent & set(data)           # an open end is left out, not written empty


def test_to_gexf_carries_start_and_end_for_the_timeline(tmp_path):
    xml = to_gexf(full_dataset()).decode()
    assert '<graph defaultedgetype="directed" mode="dynamic" timeformat="date" name="Hand &lt;made&gt; &amp; full">' in xml
    # until is exclusive, a GEXF end inclusive: end is the day before until (a partial date's first day)
    # (the GEXF 1.3 edge kind is Gephi's edge type, so alignment and tension are never merged)
    edges = [line.strip() for line in xml.splitlines() if line.strip().startswith("<edge ")]
    assert edges == [
        '<edge id="aze-irn-intel" source="AZE" target="IRN" kind="tension" weight="0.7" start="2023-03-01" '
        'end="2025-01-14">',
        '<edge id="aze-irn-trade" source="AZE" target="IRN" kind="alignment" weight="0.6" start="1991-01-01">',
        '<edge id="irn-aze-pressure" source="IRN" target="AZE" kind="tension" weight="0.3" start="2022-06-01" '
        'end="2023-12-31">',
        '<edge id="2024" source="IRN" target="NSTC" kind="alignment" weight="0.25" end="2030-01-31">',
        '<edge id="nstc-aze" source="NSTC" target="AZE" kind="alignment" weight="1.0">',
    ]
    g = nx.read_gexf(export(graph.load(), tmp_path / "c.gexf", "gexf"))
    dated = {r.id: r for r in graph.load().relations if r.since}
    assert {k: d["start"] for _, _, k, d in g.edges(keys=True, data=True) if "start" in d} == {
        rid: r.since.start.isoformat() for rid, r in dated.items()}


def test_to_gexf_header_is_reproducible():
    xml = to_gexf(full_dataset()).decode()
    # dated by the newest source (s2, 2025), never by today; no library version either
    assert '<meta lastmodifieddate="2025-01-01">' in xml and "<creator>geograph</creator>" in xml
    assert "NetworkX" not in xml and dt.date.today().isoformat() not in xml
    assert "<description>Every field.\nTwo lines.</description>" in xml
    assert to_gexf(full_dataset()) == to_gexf(full_dataset())


def test_to_gexf_declares_types():
    xml = to_gexf(full_dataset()).decode()
    for title, kind in [("sign", "long"), ("directed", "boolean"), ("attr_population", "long"),
                        ("attr_area_km2", "double"), ("attr_landlocked", "boolean"), ("json_mixed", "string"),
                        ("json_figures", "string"), ("attr_trade_usd", "long"), ("json_note", "string")]:
        assert f'title="{title}" type="{kind}"' in xml, title


def test_to_gexf_snapshot_is_static_without_undated_relations():
    ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")),
                 relations=(Relation("ab", "A", "B", False, "alignment", "economic", 0.5),))
    assert 'mode="static"' in to_gexf(ds).decode() and "timeformat" not in to_gexf(ds).decode()


# --------------------------------------------------------------------------------------------
# GraphML


def test_to_graphml_round_trips_every_attribute(dataset, tmp_path):
    path = export(dataset, tmp_path / "g.graphml", "graphml")
    g = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.graph["title"] == dataset.title and g.graph["description"] == dataset.description
    assert "at" not in g.graph and "metrics_at" not in g.graph
    catalogue = json.loads(g.graph["json_sources"])
    assert catalogue == {s.id: {"title": s.title, "author": s.author, "publisher": s.publisher, "date": str(s.date),
                                "url": s.url} for s in dataset.sources.values()}
    for a in dataset.actors:
        assert typed(unflatten(g.nodes[a.id], ("name", "kind"))) == typed(expected_node(a))
    assert g.number_of_edges() == len(dataset.relations)
    for r in dataset.relations:
        data = g.edges[r.source, r.target, r.id]      # the relation id is the edge id: "2024" stays text
        assert typed(unflatten({**data, "id": r.id}, EDGE_FIELDS)) == typed(expected_edge(r))


def test_to_graphml_types_and_real_booleans():
    xml = to_graphml(full_dataset()).decode()
    for name, kind in [("weight", "double"), ("sign", "long"), ("directed", "boolean"), ("since", "string"),
                       ("attr_landlocked", "boolean"), ("attr_growth_pct", "double"), ("json_neighbours", "string")]:
        assert f'attr.name="{name}" attr.type="{kind}"' in xml, name
    assert ">true</data>" in xml and ">false</data>" in xml and ">True<" not in xml
    # a carriage return survives as a reference (a raw one would be read back as a line feed)
    assert "+1 pressure&#13;\nsecond line" in xml


# --------------------------------------------------------------------------------------------
# node-link JSON


def test_to_node_link_round_trips_every_attribute(dataset, tmp_path):
    path = export(dataset, tmp_path / "g.json", "json")
    data = json.loads(path.read_text("utf-8"))
    assert data == nx.node_link_data(to_networkx(dataset), edges="edges")   # networkx's own shape
    g = nx.node_link_graph(data, edges="edges")
    assert isinstance(g, nx.MultiDiGraph)
    assert g.graph["title"] == dataset.title and g.graph["at"] is None and g.graph["metrics_at"] is None
    for a in dataset.actors:
        assert typed(dict(g.nodes[a.id])) == typed(expected_node(a))
    in_order = sorted(dataset.relations, key=lambda r: (r.source, r.target, r.id))
    assert [e["key"] for e in data["edges"]] == [r.id for r in in_order]
    for r in dataset.relations:
        assert typed(dict(g.edges[r.source, r.target, r.id])) == typed(expected_edge(r))


def test_to_node_link_with_metrics_equal_the_centrality_report():
    ds = graph.load()
    data = to_node_link(ds, at="2025-03-01", with_metrics=True)
    assert data["graph"]["at"] == data["graph"]["metrics_at"] == "2025-03-01"
    report = {row["id"]: row for row in records(graph.centrality(ds, at="2025-03-01"))}
    for node in data["nodes"]:
        # an arena is not in the agent network: it is exported with no metric value
        expected = report.get(node["id"], dict.fromkeys(METRIC_NAMES))
        assert {m: node[m] for m in METRIC_NAMES} == {m: expected[m] for m in METRIC_NAMES}
    assert {e["key"] for e in data["edges"]} == {r.id for r in graph.snapshot(ds, "2025-03-01").relations}


def test_to_node_link_metrics_without_at_are_today_s():
    ds = graph.load()
    data = to_node_link(ds, with_metrics=True)
    assert data["graph"]["at"] is None and data["graph"]["metrics_at"] == dt.date.today().isoformat()
    assert len(data["edges"]) == len(ds.relations)           # every relation, with its dates
    report = {row["id"]: row for row in records(graph.centrality(ds))}
    assert all(n["betweenness"] == report[n["id"]]["betweenness"] for n in data["nodes"] if n["id"] in report)
    assert all(n["betweenness"] is None for n in data["nodes"] if n["id"] not in report)  # arenas


def test_metrics_reach_every_format_typed(tmp_path):
    ds = graph.load()
    report = {row["id"]: row for row in records(graph.centrality(ds, at="2025-03-01"))}
    g = nx.read_graphml(export(ds, tmp_path / "m.graphml", "graphml", at="2025-03-01", with_metrics=True),
                        edge_key_type=str, force_multigraph=True)
    assert g.graph["metrics_at"] == g.graph["at"] == "2025-03-01"
    assert g.nodes["AZE"]["degree"] == report["AZE"]["degree"] and isinstance(g.nodes["AZE"]["degree"], int)
    assert g.nodes["AZE"]["betweenness"] == report["AZE"]["betweenness"]
    g = nx.read_gexf(export(ds, tmp_path / "m.gexf", "gexf", at="2025-03-01", with_metrics=True))
    assert g.nodes["IRN"]["tension_strength"] == report["IRN"]["tension_strength"]
    rows = read_table(export(ds, tmp_path / "m", "csv", at="2025-03-01", with_metrics=True) / "actors.csv")
    assert {r["id"]: float(r["net_strength"]) for r in rows if r["net_strength"]} == {
        k: v["net_strength"] for k, v in report.items()}
    # an arena is outside the agent network: its metric cells are blank
    assert {r["id"] for r in rows if not r["net_strength"]} == {a.id for a in ds.actors if a.kind in ("project", "region")}


def test_to_node_link_refuses_a_number_json_cannot_carry():
    ds = Dataset(actors=(Actor("A", "A", "state", attributes={"x": float("nan")}),))
    with pytest.raises(OutputError, match=r"^actor A, attribute 'x' holds a number that is not finite \(nan or inf\), "
                                          r"which JSON cannot carry\. Hint: write null, or leave the value out\.$"):
        to_node_link(ds)


# --------------------------------------------------------------------------------------------
# CSV


def test_to_csv_round_trips_every_attribute(dataset, tmp_path):
    folder = export(dataset, tmp_path / "tables", "csv")
    assert sorted(p.name for p in folder.iterdir()) == sorted(CSV_FILES)
    actors = read_table(folder / "actors.csv")
    assert [r["id"] for r in actors] == sorted(dataset.actor_ids)
    for row, a in zip(actors, sorted(dataset.actors, key=lambda a: a.id)):
        node = {"name": row["name"], "kind": row["kind"], "tags": split(row["tags"]), "sources": split(row["sources"]),
                "attributes": json.loads(row["attributes"]) if row["attributes"] else {}}
        assert typed(node) == typed(expected_node(a))
    relations = {r["id"]: r for r in read_table(folder / "relations.csv")}
    assert len(relations) == len(dataset.relations)
    for r in dataset.relations:
        row = relations[r.id]
        edge = {**{k: row[k] or None for k in ("id", "kind", "domain", "since", "until", "confidence")},
                "weight": float(row["weight"]), "sign": 1 if row["kind"] == "alignment" else -1,
                "directed": {"true": True, "false": False}[row["directed"]], "evidence": row["evidence"],
                "sources": split(row["sources"]), "tags": split(row["tags"]),
                "attributes": json.loads(row["attributes"]) if row["attributes"] else {}}
        expected = expected_edge(r)
        del expected["start"], expected["end"]   # CSV keeps the dates as written only
        assert (row["source"], row["target"]) == (r.source, r.target)
        assert typed(edge) == typed(expected)
    sources = read_table(folder / "sources.csv")
    assert sources == [{"id": s.id, "title": s.title, "author": s.author, "publisher": s.publisher,
                        "date": str(s.date), "url": s.url} for s in sorted(dataset.sources.values(), key=lambda s: s.id)]


def test_to_csv_is_excel_ready(tmp_path):
    folder = export(full_dataset(), tmp_path / "tables", "csv")
    for name in CSV_FILES:
        raw = (folder / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")        # Excel reads UTF-8 only after a byte-order mark
        assert raw.split(b"\n")[0].endswith(b"\r") and raw.endswith(b"\r\n")   # RFC 4180 line ends
    assert (folder / "actors.csv").read_text("utf-8-sig").splitlines()[0] == "id,name,kind,tags,sources,attributes"
    assert (folder / "relations.csv").read_text("utf-8-sig").splitlines()[0] == (
        "id,source,target,kind,weight,since,until,domain,confidence,evidence,directed,sources,tags,attributes")


def test_to_csv_neutralises_formulas():
    tables = to_csv(full_dataset(), at="2024-06", with_metrics=True)
    cells = {name: [c for row in csv.reader(text.splitlines(keepends=True)) for c in row] for name, text in tables.items()}
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in cells["relations.csv"]
    assert "'-North–South corridor" in cells["actors.csv"] and "'@home\nline two" in cells["actors.csv"]
    assert "'=Formula title" in cells["sources.csv"]
    texts = [c for name in CSV_FILES for c in cells[name]]
    numbers = []
    for cell in texts:
        try:
            numbers.append(float(cell))
        except ValueError:
            assert not cell.startswith(FORMULA_START[:-1]), cell    # no text cell a spreadsheet would run
    # numbers are never changed: a negative metric stays a number
    assert any(n < 0 for n in numbers)


def test_to_csv_relations_begin_with_an_edge_list(tmp_path):
    ds = graph.load()
    folder = export(ds, tmp_path / "tables", "csv")
    with open(folder / "relations.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    edgelist = tmp_path / "edges.csv"
    with open(edgelist, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[uncell(c) for c in row[:10]] for row in rows])
    loaded = graph.load(edgelist)
    fields = ("id", "source", "target", "kind", "weight", "since", "until", "domain", "confidence", "evidence")
    assert sorted(tuple(getattr(r, f) for f in fields) for r in loaded.relations) == sorted(
        tuple(getattr(r, f) for f in fields) for r in ds.relations)


# --------------------------------------------------------------------------------------------
# export: determinism, snapshots, safety


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("options", [{}, {"at": "2025-03-01", "with_metrics": True}], ids=["all", "metrics"])
def test_export_is_byte_identical(fmt, options, tmp_path):
    ds = graph.load()
    first, second = export(ds, tmp_path / "a", fmt, **options), export(ds, tmp_path / "b", fmt, **options)
    if fmt == "csv":
        assert all((first / n).read_bytes() == (second / n).read_bytes() for n in CSV_FILES)
    else:
        assert first.read_bytes() == second.read_bytes()
    assert str(tmp_path) not in (first / "actors.csv" if fmt == "csv" else first).read_text("utf-8-sig")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_at_keeps_the_relations_in_force(fmt, tmp_path):
    ds = graph.load()
    path = export(ds, tmp_path / "snap", fmt, at="2010")
    in_force = {r.id for r in graph.snapshot(ds, "2010").relations}
    if fmt == "gexf":
        ids = {k for *_, k in nx.read_gexf(path).edges(keys=True)}
    elif fmt == "graphml":
        g = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
        ids = {k for *_, k in g.edges(keys=True)}
        assert g.graph["at"] == "2010-01-01"
    elif fmt == "json":
        ids = {e["key"] for e in json.loads(path.read_text("utf-8"))["edges"]}
    else:
        ids = {r["id"] for r in read_table(path / "relations.csv")}
    assert ids == in_force and len(in_force) < len(ds.relations)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_empty_dataset_reads_back(fmt, tmp_path):
    path = export(Dataset(), tmp_path / "empty", fmt)
    if fmt == "gexf":
        assert nx.read_gexf(path).number_of_nodes() == 0
    elif fmt == "graphml":
        assert nx.read_graphml(path).number_of_nodes() == 0
    elif fmt == "json":
        assert nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges").number_of_nodes() == 0
    else:
        assert read_table(path / "actors.csv") == []


def test_export_unknown_format_lists_choices(tmp_path):
    with pytest.raises(OptionError, match=r"^unknown export format 'dot'; choose one of: gexf, graphml, json, csv$"):
        export(graph.load(), tmp_path / "g.dot", "dot")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_failure_keeps_the_previous_output(fmt, tmp_path, monkeypatch):
    ds = graph.load()
    target = export(ds, tmp_path / "out", fmt, at="2010")
    before = {p.name: p.read_bytes() for p in target.iterdir()} if fmt == "csv" else target.read_bytes()

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match=r"^cannot write .*out: No space left on device\. Hint: check the folder"):
        export(ds, target, fmt)
    after = {p.name: p.read_bytes() for p in target.iterdir()} if fmt == "csv" else target.read_bytes()
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]     # no temporary file or folder left


def test_export_csv_swap_failure_puts_the_old_folder_back(tmp_path, monkeypatch):
    # the two-rename fallback (no renameat2 here): the one-step swap has no second step to fail
    monkeypatch.setattr("graph.export.write.exchange_paths", lambda a, b: False)
    ds = graph.load()
    target = export(ds, tmp_path / "out", "csv", at="2010")
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    real, calls = os.rename, []

    def flaky(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:   # the old folder is moved aside, then the new one fails to take its place
            raise OSError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(os, "rename", flaky)
    with pytest.raises(OutputError, match="Permission denied"):
        export(ds, target, "csv")
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_export_csv_replaces_an_earlier_export_only(tmp_path):
    ds = graph.load()
    target = export(ds, tmp_path / "out", "csv", at="2010")
    export(ds, target, "csv")
    assert len(read_table(target / "relations.csv")) == len(ds.relations)
    (target / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match=r"the folder holds other files \(notes\.txt\)\. Hint: give a new or empty folder"):
        export(ds, target, "csv")
    assert (target / "notes.txt").read_text() == "mine"
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match=r"it is a file, and a CSV export is a folder of files"):
        export(ds, tmp_path / "file", "csv")
    for fmt, name in (("csv", "tables"), ("gexf", "g.gexf")):
        with pytest.raises(OutputError, match=r"the folder .*missing does not exist"):
            export(ds, tmp_path / "missing" / name, fmt)


@pytest.mark.parametrize("fmt, name", [("gexf", "GEXF"), ("graphml", "GraphML")])
def test_export_xml_refuses_control_characters(fmt, name, tmp_path):
    ds = Dataset(actors=(Actor("A", "A", "state"), Actor("B", "B", "state")),
                 relations=(Relation("ab", "A", "B", False, "alignment", "economic", 0.5, evidence="bell\x07"),))
    target = tmp_path / "g.xml"
    target.write_text("previous")
    with pytest.raises(OutputError, match=rf"^cannot write {name}: relation ab, evidence holds the control character "
                                          r"U\+0007, which XML does not allow\. Hint: remove it from the dataset, "
                                          r"or export as json or csv\.$"):
        export(ds, target, fmt)
    assert target.read_text() == "previous"
    assert json.loads(export(ds, tmp_path / "g.json", "json").read_text("utf-8"))["edges"][0]["evidence"] == "bell\x07"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (apt-get install libreoffice-calc-nogui)")
def test_to_csv_opens_in_libreoffice_without_running_formulas(tmp_path):
    folder = export(full_dataset(), tmp_path / "tables", "csv", at="2024-06", with_metrics=True)
    # 44 comma, 34 double quote, 76 UTF-8, from line 1: the choices of LibreOffice's CSV dialog
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "fods", "--infilter=CSV:44,34,76,1", "--outdir", str(tmp_path), *sorted(folder.iterdir())],
                   check=True, capture_output=True, timeout=300)
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    every = set()
    for name in CSV_FILES:
        sheet = ElementTree.parse(tmp_path / name.replace(".csv", ".fods"))
        cells = list(sheet.iter(f"{{{ns['table']}}}table-cell"))
        assert not [c for c in cells if c.get(f"{{{ns['table']}}}formula")], name
        shown = {"\n".join("".join(p.itertext()) for p in c.findall("text:p", ns)) for c in cells}
        with open(folder / name, encoding="utf-8-sig", newline="") as handle:
            written = {c for row in csv.reader(handle) for c in row if c and not re.fullmatch(r"-?[0-9][0-9.e+-]*", c)}
        # every text cell reads as written (non-ASCII, quotes, line breaks); numbers and dates may be reformatted
        assert {c for c in written if c not in ("true", "false")} <= shown, name
        every |= shown
    # the neutralised cells are text, shown with their leading '
    assert {"'=HYPERLINK(\"http://evil\",\"x\")", "'@home\nline two", "'=Formula title"} <= every

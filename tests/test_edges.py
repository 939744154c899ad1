"""How the page draws relations (graph/render/style.py): one line per pair and kind, or one per relation."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from click.testing import CliRunner

import graph
from graph.errors import OptionError
from graph.model import Actor, Dataset, Source
from graph.network import Model, combine_records, network
from graph.render import render_html, render_timeline_html
from graph.render.page import _script_json
from graph.render.style import AMBIVALENT_DASHES, SELECTED_BORDER

from _helpers import page_data, rel, start_tags
from test_render import large_mode, packed_data

AT = "2025-03-01"


def lines_of(page: str) -> dict[str, dict]:
    return {e["id"]: e for e in page_data(page)["edges"]}


def pairs_dataset() -> Dataset:
    """A–B: two alignments (economic, security) and a tension; B–C: one alignment directed B → C;
    C–D: tension directed both ways; A–D: an alignment directed A → D and a mutual one."""
    actors = tuple(Actor(x, f"Actor {x}", "state") for x in "ABCD")
    relations = (
        rel("ab1", "A", "B", "alignment", 0.5, since="2020", until="2024"),
        rel("ab2", "A", "B", "alignment", 0.4, "security", since="2021"),
        rel("ab3", "A", "B", "tension", 0.2, "security"),
        rel("bc", "B", "C", "alignment", 0.6, directed=True),
        rel("cd", "C", "D", "tension", 0.3, directed=True),
        rel("dc", "D", "C", "tension", 0.7, directed=True),
        rel("ad1", "A", "D", "alignment", 0.3, directed=True),
        rel("ad2", "A", "D", "alignment", 0.2, "security"),
    )
    return Dataset(title="pairs", sources={"s": Source("s", "Test source", "2025", publisher="tests")},
                   actors=actors, relations=relations)


# --- edges="relations": today's drawing, unchanged ------------------------------------------------

def _hash(edges: list[dict]) -> str:
    # tooltips left out: they became short on purpose when the side panel took the details
    return hashlib.sha256(_script_json([{k: v for k, v in e.items() if k != "title"} for e in edges]).encode()).hexdigest()


def _with_arenas() -> str:
    return render_html(network(graph.load(), AT, model=Model(with_arenas=True)), color_by="faction",
                       edges="relations")


# The SHA-256 of the page's edge list (DATA.edges as the page holds it, tooltips left out) before lines per pair
# existed: the golden records of commit 880828a (render-bundled, -faction, -with-arenas,
# -gahuku_gama_read1954), and for the timeline pages, whose data the records keep only as a hash of
# the whole line, the same pages rendered by that commit's code.
TODAY = {
    "snapshot": ("b86a36e79c1ae20ab7e815b6ceca7d2036fc45a4c860b9ffa434943bd9a618d6",
                 lambda: render_html(graph.load(), at=AT, edges="relations")),
    "faction": ("1abe4495567f3cf909ed9773510fc63efe942a0a273f13e289419a56274a3ba3",
                lambda: render_html(graph.load(), at=AT, size_by="betweenness", color_by="faction", edges="relations")),
    "with-arenas": ("9f8ab6f8464d9ee008b201197503bb5165bf4cbcbc260485ce23edb43dcee202", _with_arenas),
    "gahuku": ("e19ff5c9aa8935f90312458238e1226ef3b8b3f31861602e47b82d5c3398bb2f",
               lambda: render_html(graph.load("tests/fixtures/reference/gahuku_gama_read1954.csv"), at=AT,
                                   color_by="faction", edges="relations")),
    "timeline": ("541c031cbbb26b4526796d45db058bd4a10272b2f8e65a57e2fb7f204a5ffb32",
                 lambda: render_timeline_html(graph.load(), "2015", "2025", color_by="faction", edges="relations")),
    "timeline-1990": ("c52432a8d39287a15bae784cf73a07851cc6779ea95830535f9c282c06e81a03",
                      lambda: render_timeline_html(graph.load(), "1990", "2025", edges="relations")),
}


@pytest.mark.parametrize("case", sorted(TODAY))
def test_edges_relations_draws_the_edges_of_before(case):
    expected, render = TODAY[case]
    assert _hash(page_data(render())["edges"]) == expected


def test_edges_relations_on_a_large_page_draws_the_edges_of_before(monkeypatch):
    large_mode(monkeypatch)
    page = render_html(graph.load(), at=AT, color_by="faction", edges="relations")
    assert _hash(packed_data(page)["edges"]) == "2ae315a9095cb9b73d2ee2549efb9ade61000318c128895a72ba46cc73a4892a"
    assert "lines" not in packed_data(page)


# --- edges="pairs" (the default) ------------------------------------------------------------------

def test_lines_one_per_pair_and_kind_as_wide_as_the_layer_weight():
    ds = graph.load()
    net = network(ds, AT)
    page = render_html(ds, at=AT)
    lines = lines_of(page)
    groups: dict[tuple, list[str]] = {}
    for r in net.dataset.relations:
        groups.setdefault((*r.pair, r.kind), []).append(r.id)
    assert sorted(lines) == sorted(f"{a}|{b}|{k}" for a, b, k in groups)
    for (a, b, kind), ids in groups.items():
        line = lines[f"{a}|{b}|{kind}"]
        weight = net.layer(kind)[a][b]["weight"]     # combined by the model's rule: what the analysis reads
        assert line["relations"] == sorted(ids) and line["kind"] == kind and {line["from"], line["to"]} == {a, b}
        assert line["weight"] == weight and line["width"] == round(1 + 5 * weight, 2)
    # the knot of the bundled page: Azerbaijan–Iran's relations are one alignment and one tension line
    aze_irn = [e for e in lines.values() if {e["from"], e["to"]} == {"AZE", "IRN"}]
    assert len(aze_irn) == 2 and sum(len(e["relations"]) for e in aze_irn) == len(
        [r for r in net.dataset.relations if r.pair == ("AZE", "IRN")]) > 10
    # the subtitle counts relations and lines
    assert f"{len(net.dataset.actors)} actors, {len(net.dataset.relations)} relations ({len(lines)} lines)" in page
    assert page_data(page)["lines"] == {"combine": "domain-max", "width": [1, 5]}


def test_lines_follow_the_models_combining_rule():
    ds = graph.load()
    net = network(ds, AT, model=Model(combine="max"))
    line = lines_of(render_html(net))["AZE|IRN|alignment"]
    rels = [r for r in net.dataset.relations if r.pair == ("AZE", "IRN") and r.kind == "alignment"]
    assert line["weight"] == max(r.weight for r in rels) == combine_records(rels, "max")
    assert page_data(render_html(net))["lines"]["combine"] == "max"


def test_lines_carry_what_the_filters_read_relation_by_relation():
    line = lines_of(render_html(pairs_dataset(), at="2022"))["A|B|alignment"]
    assert (line["relations"], line["domains"], line["confidences"], line["weights"]) == (
        ["ab1", "ab2"], ["economic", "security"], ["medium", "medium"], [0.5, 0.4])
    assert line["weight"] == 1 - 0.5 * 0.6      # two domains, combined by noisy-or


def test_lines_of_a_pair_with_both_kinds_bow_to_opposite_sides():
    lines = lines_of(render_html(pairs_dataset(), at="2022"))
    # seen from A to B, alignment bows counter-clockwise and tension clockwise: apart
    assert lines["A|B|alignment"]["smooth"] == {"enabled": True, "type": "curvedCCW", "roundness": 0.2}
    assert lines["A|B|tension"]["smooth"] == {"enabled": True, "type": "curvedCW", "roundness": 0.2}
    assert lines["B|C|alignment"]["smooth"] == {"enabled": False}      # one kind: straight
    # a line drawn from its second actor to its first bows the other way round, to the same side
    ds = replace(pairs_dataset(), relations=pairs_dataset().relations + (
        rel("ba", "B", "A", "tension", 0.9, directed=True),))
    flipped = lines_of(render_html(replace(ds, relations=tuple(r for r in ds.relations if r.id != "ab3")), at="2022"))
    assert (flipped["A|B|tension"]["from"], flipped["A|B|tension"]["smooth"]["type"]) == ("B", "curvedCCW")


def test_line_arrows_show_a_direction_all_its_relations_share():
    lines = lines_of(render_html(pairs_dataset(), at="2022"))
    arrows = {i: (e["from"], e["to"], e["arrows"]["to"]["enabled"], "from" in e["arrows"]) for i, e in lines.items()}
    assert arrows["B|C|alignment"] == ("B", "C", True, False)     # one directed relation
    assert arrows["C|D|tension"] == ("C", "D", True, True)        # directed both ways: an arrow at each end
    assert arrows["A|D|alignment"] == ("A", "D", False, False)    # one mutual relation among them: none
    assert arrows["A|B|alignment"] == ("A", "B", False, False)
    # the tooltip gives the direction of each directed relation of a line without one
    assert "- economic 0.3, no dates, A → D" in lines["A|D|alignment"]["title"].splitlines()


def test_line_tooltip_lists_the_relations_strongest_first():
    lines = lines_of(render_html(pairs_dataset(), at="2022"))
    assert lines["A|B|alignment"]["title"] == (
        "Actor A – Actor B: alignment\n"
        "combined weight 0.7 of 2 relations\n"
        "- economic 0.5, 2020 to 2024\n"
        "- security 0.4, since 2021")
    assert lines["B|C|alignment"]["title"] == "Actor B → Actor C: alignment\nweight 0.6\n- economic 0.6, no dates"
    assert lines["C|D|tension"]["title"].splitlines()[:2] == ["Actor C ↔ Actor D: tension",
                                                              "combined weight 0.7 of 2 relations"]
    # (0.3 and 0.7 in one domain: the strongest record of the domain, by the default rule)
    # a long list stops at twelve
    many = replace(pairs_dataset(), relations=tuple(rel(f"m{i:02d}", "A", "B", "alignment", 0.01 * (i + 1))
                                                    for i in range(15)))
    tip = lines_of(render_html(many, at="2022"))["A|B|alignment"]["title"].splitlines()
    assert len(tip) == 2 + 12 + 1 and tip[2] == "- economic 0.15, no dates" and tip[-1] == "… and 3 more"


def test_lines_of_strained_and_ambivalent_pairs_are_marked_and_say_why():
    ds = graph.load()
    from graph.analysis.balance import frustration

    split = frustration(network(ds, AT))
    lines = page_data(render_html(ds, at=AT, color_by="faction"))["edges"]
    strained = {(e["from"], e["to"]) if e["from"] < e["to"] else (e["to"], e["from"]) for e in lines if e.get("strained")}
    assert strained == {(t.source, t.target) for t in split.frustrated}
    for e in lines:
        if e.get("strained"):
            assert e["shadow"]["color"] == "#ff9800" and e["title"].startswith("UNDER STRAIN: ")
    torn = [e for e in lines if e.get("ambivalent")]
    assert {e["id"] for e in torn} >= {"AZE|IRN|alignment", "AZE|IRN|tension"}
    assert all(e["dashes"] == AMBIVALENT_DASHES and "AMBIVALENT: " in e["title"] for e in torn)


def test_large_page_lines_carry_only_what_differs_from_the_defaults(monkeypatch):
    small = lines_of(render_html(pairs_dataset(), at="2022"))
    large_mode(monkeypatch)
    data = packed_data(render_html(pairs_dataset(), at="2022"))
    lines = {e["id"]: e for e in data["edges"]}
    assert set(lines) == set(small) and data["lines"] == {"combine": "domain-max", "width": [0.5, 1]}
    assert lines["B|C|alignment"] == {
        "id": "B|C|alignment", "from": "B", "to": "C", "title": small["B|C|alignment"]["title"], "color": "#2e7d32",
        "width": 1.1, "kind": "alignment", "weight": 0.6, "arrows": "to",
        "relations": ["bc"], "domains": ["economic"], "confidences": ["medium"], "weights": [0.6]}
    assert lines["C|D|tension"]["arrows"] == "to, from" and lines["C|D|tension"]["dashes"] is True
    assert lines["A|B|tension"]["smooth"] == small["A|B|tension"]["smooth"]
    assert "smooth" not in lines["B|C|alignment"] and "dashes" not in lines["B|C|alignment"]


def test_line_ids_never_collide():
    from graph.render.style import _line_id

    assert _line_id("A|B", "C", "tension") != _line_id("A", "B|C", "tension")
    assert _line_id("A\\", "|B", "tension") != _line_id("A\\|", "B", "tension")


def test_edges_option_is_checked():
    with pytest.raises(OptionError, match="^unknown edges 'bundles'; choose one of: pairs, relations$"):
        render_html(pairs_dataset(), edges="bundles")
    with pytest.raises(OptionError, match="^unknown edges 'bundles'"):
        render_timeline_html(pairs_dataset(), "2020", "2021", edges="bundles")


# --- the legend -----------------------------------------------------------------------------------

def legend_counts(page: str) -> dict[str, str]:
    """The text of each count element of the Relations legend."""
    import re

    return dict(re.findall(r'<span id="((?:count|lines)-\w+)">(\d+)</span>', page))


def test_legend_counts_lines_and_relations_of_each_kind():
    page = render_html(pairs_dataset(), at="2022")
    # alignment: A–B (2 relations), B–C, A–D (2); tension: A–B, C–D (2)
    assert legend_counts(page) == {"lines-alignment": "3", "count-alignment": "5",
                                   "lines-tension": "2", "count-tension": "3"}
    assert "One line per pair and kind; its width grows with the pair's combined strength" in page
    assert 'id="legend-shown"' in page
    page = render_html(pairs_dataset(), at="2022", edges="relations")
    assert legend_counts(page) == {"count-alignment": "5", "count-tension": "3"}
    assert "several relations of one pair are drawn as separate curves" in page


def test_timeline_legend_counts_the_first_period():
    page = render_timeline_html(pairs_dataset(), "2019", "2022")
    # 2019: ab1 and ab2 not yet in force
    assert legend_counts(page) == {"lines-alignment": "2", "count-alignment": "3",
                                   "lines-tension": "2", "count-tension": "3"}


# --- timeline pages -------------------------------------------------------------------------------

def test_timeline_lines_follow_the_relations_in_force_in_each_period():
    ds = pairs_dataset()
    data = page_data(render_timeline_html(ds, "2019", "2025"))
    lines = {e["id"]: e for e in data["edges"]}
    states = data["timeline"]["states"]
    state = {p["label"]: states[p["state"]] for p in data["timeline"]["periods"]}
    ab = lines["A|B|alignment"]
    assert ab["relations"] == ["ab1", "ab2"] and ab["hidden"] is True          # neither in force in 2019
    assert ab["width"] == round(1 + 5 * (1 - 0.5 * 0.6), 2)                     # both: the range's line
    # 2020 and 2024 hold one of the two: the width and tooltip of that one; 2021-2023 both: the line's own
    assert state["2020"]["lines"]["A|B|alignment"] == {
        "width": round(1 + 5 * 0.5, 2),
        "title": "Actor A – Actor B: alignment\nweight 0.5\n- economic 0.5, 2020 to 2024"}
    assert state["2024"]["lines"]["A|B|alignment"]["width"] == round(1 + 5 * 0.4, 2)
    assert all("lines" not in state[y] for y in ("2021", "2022", "2023"))
    # the width of a period is the combined weight of that period's network
    for label in ("2020", "2024"):
        w = network(ds, label).alignment["A"]["B"]["weight"]
        assert state[label]["lines"]["A|B|alignment"]["width"] == round(1 + 5 * w, 2)


def test_timeline_strain_is_keyed_by_line():
    data = page_data(render_timeline_html(graph.load(), "2015", "2025", color_by="faction"))
    lines = {e["id"]: e for e in data["edges"]}
    for p in data["timeline"]["periods"]:
        state = data["timeline"]["states"][p["state"]]
        split_pairs = {tuple(sorted((lines[i]["from"], lines[i]["to"]))) for i in state["strained"]}
        assert len(split_pairs) == state["counts"]["strained"]
        in_force = set(state["relations"])
        assert all(in_force & set(lines[i]["relations"]) for i in state["strained"])


# --- a focused actor keeps its colour -------------------------------------------------------------

def test_nodes_are_highlighted_and_hovered_in_their_own_colour():
    nodes = page_data(render_html(graph.load(), at=AT, color_by="faction"))["nodes"]
    for n in nodes:
        c = n["color"]
        assert c["highlight"] == {"background": c["background"], "border": SELECTED_BORDER}
        assert c["hover"] == {"background": c["background"], "border": c["border"]}


# --- the command line -----------------------------------------------------------------------------

def test_render_command_edges_option(tmp_path):
    from cli import main

    runner = CliRunner()
    shown = runner.invoke(main, ["render", "--help"])
    assert shown.exit_code == 0 and "--edges [pairs|relations]" in shown.output
    for mode, expected in (("pairs", "AZE|IRN|alignment"), ("relations", None)):
        out = tmp_path / f"{mode}.html"
        result = runner.invoke(main, ["render", "--at", AT, "--edges", mode, "-o", str(out)])
        assert result.exit_code == 0, result.output
        page = out.read_text("utf-8")
        assert page == render_html(graph.load(), at=AT, edges=mode)
    timeline = tmp_path / "t.html"
    result = runner.invoke(main, ["render", "--from", "2020", "--to", "2022", "--edges", "relations", "-o", str(timeline)])
    assert result.exit_code == 0, result.output
    assert timeline.read_text("utf-8") == render_timeline_html(graph.load(), "2020", "2022", edges="relations")
    bad = runner.invoke(main, ["render", "--edges", "bundles", "-o", str(tmp_path / "x.html")])
    assert bad.exit_code == 2 and "'bundles' is not one of 'pairs', 'relations'" in bad.output


def test_line_tooltips_are_escaped_json():
    from test_render import PAYLOAD, hostile_dataset

    page = render_html(hostile_dataset(), at="2025")
    line = lines_of(page)["A|B|tension"]
    assert line["title"].startswith(f"Name {PAYLOAD} – Bee: tension")     # the text itself, unchanged
    data = page[page.index("var DATA = "):page.index(";\n", page.index("var DATA = "))]
    assert "<script>window" not in data and "\\u003cscript\\u003ewindow.__xss=1" in data
    assert [t for t, _ in start_tags(page)].count("script") == 2


def test_timeline_lines_without_a_period_holding_them_all_weigh_as_their_layer_would():
    # ab1 (2020-2024) and ab3 (from 2025) are never in force together: no period's network holds
    # the range's line, so its weight is combined from the relations as graph.network would
    ds = replace(pairs_dataset(), combine="noisy-or", relations=pairs_dataset().relations + (
        rel("ab4", "A", "B", "alignment", 0.35, "energy", since="2025"),))
    data = page_data(render_timeline_html(ds, "2019", "2026"))
    drawn = graph.Network.of(replace(ds, actors=ds.actors))   # every relation, as one network
    for e in data["edges"]:
        a, b, kind = e["id"].split("|")
        assert e["weight"] == drawn.layer(kind)[a][b]["weight"], e["id"]
    assert data["lines"]["combine"] == "noisy-or"

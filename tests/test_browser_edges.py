"""Lines per pair and kind in a real browser: curves apart, filters and their counts, focus colours."""

from __future__ import annotations

import random

import pytest

import graph
from graph.choices import COMBINE_RULES
from graph.model import Relation
from graph.network import combine_records, network
from graph.render import FACTION_COLOURS, write_html, write_timeline_html

from test_browser import agents, browser, open_offline, set_slider  # noqa: F401  (browser is a fixture)

AT = "2025-03-01"


@pytest.fixture(scope="module")
def lines_page(tmp_path_factory):
    return write_html(graph.load(), tmp_path_factory.mktemp("lines") / "lines.html", at=AT)


def lines_of(snap) -> dict[tuple[str, str, str], list]:
    groups: dict[tuple[str, str, str], list] = {}
    for r in sorted(snap.relations, key=lambda r: r.id):
        groups.setdefault((*r.pair, r.kind), []).append(r)
    return groups


def uncheck(page, name: str, value: str) -> None:
    page.evaluate("""([name, value]) => { const b = document.querySelector(`input[data-filter="${name}"][value="${value}"]`);
                     b.checked = false; b.dispatchEvent(new Event('change')); }""", [name, value])


def check(page, name: str, value: str) -> None:
    page.evaluate("""([name, value]) => { const b = document.querySelector(`input[data-filter="${name}"][value="${value}"]`);
                     b.checked = true; b.dispatchEvent(new Event('change')); }""", [name, value])


def test_page_draws_a_line_per_pair_and_kind_and_both_kinds_of_a_pair_apart(browser, lines_page):
    page, requests, errors = open_offline(browser, lines_page)
    snap = agents(graph.load(), AT)
    groups = lines_of(snap)
    assert page.evaluate("() => geograph.network.body.edgeIndices.length") == len(groups)
    # Azerbaijan–Iran: one alignment and one tension line, their curves on either side of the
    # straight segment between the two actors (the sign of the cross product)
    sides = page.evaluate("""() => {
        const net = geograph.network, a = net.getPosition('AZE'), b = net.getPosition('IRN');
        return ['AZE|IRN|alignment', 'AZE|IRN|tension'].map(id => {
            const via = net.body.edges[id].edgeType._getViaCoordinates();
            return Math.sign((b.x - a.x) * (via.y - a.y) - (b.y - a.y) * (via.x - a.x)); }); }""")
    assert sorted(sides) == [-1, 1]
    assert requests == [] and errors == []
    page.close()


def test_unchecking_a_domain_updates_the_legend_counts_and_the_widths(browser, lines_page):
    page, requests, errors = open_offline(browser, lines_page)
    snap = agents(graph.load(), AT)
    groups = lines_of(snap)
    total_lines, total_relations = len(groups), len(snap.relations)

    def legend():
        return page.evaluate("""() => ['alignment', 'tension'].map(k => [document.getElementById('lines-' + k).textContent,
                                        document.getElementById('count-' + k).textContent])
                                    .concat([document.getElementById('legend-shown').textContent])""")

    everything = [[str(sum(k == kind for *_, k in groups)), str(sum(r.kind == kind for r in snap.relations))]
                  for kind in ("alignment", "tension")]
    assert legend() == everything + [f"Shown: all {total_relations} relations, in {total_lines} lines."]
    # security: two lines hold only security relations, five some among others
    uncheck(page, "domain", "security")
    left = {key: [r for r in rels if r.domain != "security"] for key, rels in groups.items()}
    left = {key: rels for key, rels in left.items() if rels}
    shown = sum(len(rels) for rels in left.values())
    expected = [[str(sum(k == kind for *_, k in left)), str(sum(len(rels) for (*_, k), rels in left.items() if k == kind))]
                for kind in ("alignment", "tension")]
    assert legend() == expected + [f"Shown: {shown} of {total_relations} relations, in {len(left)} of {total_lines} lines."]
    assert shown < total_relations and len(left) < total_lines
    visible = page.evaluate("() => Object.fromEntries(geograph.edges.get({filter: e => !e.hidden}).map(e => [e.id, e.width]))")
    assert sorted(visible) == sorted("|".join(key) for key in left)
    # a line that lost some relations is as wide as those left, combined by the model's rule
    rule = network(graph.load(), AT).model.combine
    for key, rels in left.items():
        if len(rels) < len(groups[key]):
            assert visible["|".join(key)] == pytest.approx(round(1 + 5 * combine_records(rels, rule), 2), abs=0.006)
    # back: every line, at its own width
    check(page, "domain", "security")
    assert legend() == everything + [f"Shown: all {total_relations} relations, in {total_lines} lines."]
    widths = page.evaluate("() => Object.fromEntries(geograph.edges.get().map(e => [e.id, e.width]))")
    net = network(graph.load(), AT)
    assert widths == {"|".join((a, b, k)): round(1 + 5 * net.layer(k)[a][b]["weight"], 2) for a, b, k in groups}
    assert requests == [] and errors == []
    page.close()


def test_the_page_combines_weights_by_the_rules_of_the_model(browser, lines_page):
    page, requests, errors = open_offline(browser, lines_page)
    rnd = random.Random(3)
    domains = ("economic", "security", "energy")
    for rule in COMBINE_RULES:
        for _ in range(40):
            n = rnd.randint(1, 6)
            weights = [round(rnd.uniform(0.05, 1.0), 2) for _ in range(n)]
            doms = [rnd.choice(domains) for _ in range(n)]
            chosen = sorted(rnd.sample(range(n), rnd.randint(1, n)))
            records = [Relation(f"r{i}", "A", "B", False, "alignment", doms[i], weights[i]) for i in chosen]
            got = page.evaluate("([rule, w, d, c]) => geograph.combineRecords(rule, w, d, c)", [rule, weights, doms, chosen])
            assert got == combine_records(records, rule), (rule, weights, doms, chosen)
    assert requests == [] and errors == []
    page.close()


def test_relation_page_counts_follow_a_filter_too(browser, tmp_path):
    out = write_html(graph.load(), tmp_path / "relations.html", at=AT, edges="relations")
    page, requests, errors = open_offline(browser, out)
    snap = agents(graph.load(), AT)
    uncheck(page, "confidence", "low")
    kept = [r for r in snap.relations if r.confidence != "low"]
    assert page.inner_text("#count-tension") == str(sum(r.kind == "tension" for r in kept))
    assert page.inner_text("#legend-shown") == f"Shown: {len(kept)} of {len(snap.relations)} relations."
    assert page.evaluate("() => document.getElementById('lines-tension')") is None
    assert requests == [] and errors == []
    page.close()


def pixel(page, actor: str) -> str:
    """The colour the canvas shows at the centre of an actor, as #rrggbb."""
    return page.evaluate("""(id) => {
        const net = geograph.network, canvas = document.querySelector('#mynetwork canvas');
        const p = net.canvasToDOM(net.getPosition(id)), ratio = canvas.width / canvas.clientWidth;
        const d = canvas.getContext('2d').getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data;
        return '#' + [d[0], d[1], d[2]].map(v => v.toString(16).padStart(2, '0')).join(''); }""", actor)


def hover(page, actor: str) -> None:
    x, y = page.evaluate("""(id) => { const p = geograph.network.canvasToDOM(geograph.network.getPosition(id));
                                      const r = document.querySelector('#mynetwork').getBoundingClientRect();
                                      return [r.left + p.x, r.top + p.y]; }""", actor)
    page.mouse.move(x, y)


def redrawn(page) -> None:
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def test_a_focused_actor_keeps_its_camp_colour(browser, tmp_path):
    out = write_html(graph.load(), tmp_path / "camps.html", at=AT, color_by="faction")
    page, requests, errors = open_offline(browser, out)
    camp = page.evaluate("() => geograph.nodes.get('AZE').color.background")
    assert camp in FACTION_COLOURS
    page.fill("#search", "AZE")
    page.press("#search", "Enter")
    assert page.evaluate("() => geograph.network.getSelectedNodes()") == ["AZE"]
    redrawn(page)
    # vis-network fills a selected node with its highlight colour (light blue unless set)
    assert pixel(page, "AZE") == camp
    hover(page, "AZE")
    redrawn(page)
    assert pixel(page, "AZE") == camp
    options = page.evaluate("() => geograph.network.body.nodes['AZE'].options.color")
    assert options["highlight"] == {"background": camp, "border": "#000000"}
    assert requests == [] and errors == []
    page.close()


def test_timeline_focus_keeps_each_periods_camp_colour(browser, tmp_path):
    # Russia changes camp colour in 2001 (period 11): the selected node's fill follows
    out = write_timeline_html(graph.load(), tmp_path / "camps.html", "1990", "2025", color_by="faction")
    page, requests, errors = open_offline(browser, out)
    page.fill("#search", "RUS")
    page.press("#search", "Enter")
    seen = set()
    for i in (10, 11, 12, 0):
        set_slider(page, i)
        redrawn(page)
        colours = page.evaluate("""() => geograph.nodes.get().map(n => [n.color.background, n.color.highlight.background,
                                                                      n.color.hover.background])""")
        assert all(len(set(c)) == 1 for c in colours), i
        camp = page.evaluate("() => geograph.nodes.get('RUS').color.background")
        seen.add(camp)
        assert page.evaluate("() => geograph.network.getSelectedNodes()") == ["RUS"]
        assert pixel(page, "RUS") == camp
    # Russia's fill changes across these periods (which camp colour each is depends on the split
    # among equal optima the solver reports; that it follows the period is the point)
    assert len(seen) >= 2
    assert requests == [] and errors == []
    page.close()


def test_timeline_lines_follow_the_periods_and_the_filters(browser, tmp_path):
    ds = graph.load()
    out = write_timeline_html(ds, tmp_path / "timeline.html", "1990", "2025")
    page, requests, errors = open_offline(browser, out)
    union = {e["id"]: e for e in page.evaluate("() => geograph.edges.get()")}
    for i, year in [(0, 1990), (10, 2000), (35, 2025), (20, 2010)]:
        set_slider(page, i)
        snap = agents(ds, str(year))
        net = network(ds, str(year))
        groups = lines_of(snap)
        visible = page.evaluate("() => Object.fromEntries(geograph.edges.get({filter: e => !e.hidden}).map(e => [e.id, [e.width, e.title]]))")
        assert sorted(visible) == sorted("|".join(key) for key in groups), year
        for (a, b, k), rels in groups.items():
            width, title = visible[f"{a}|{b}|{k}"]
            assert width == round(1 + 5 * net.layer(k)[a][b]["weight"], 2), (year, a, b, k)
            # the tooltip lists the relations in force in the period, the line's whole range otherwise
            listed = len(rels) if len(rels) < len(union[f"{a}|{b}|{k}"]["relations"]) else len(
                union[f"{a}|{b}|{k}"]["relations"])
            assert title.count("\n- ") == min(listed, 12)
        assert page.inner_text("#legend-shown") == (f"Shown: all {len(snap.relations)} relations, in {len(groups)} lines.")
    # a filter holds across periods, and the counts are those of the period shown
    uncheck(page, "kind", "tension")
    set_slider(page, 30)
    snap = agents(ds, "2020")
    aligned = [r for r in snap.relations if r.kind == "alignment"]
    lines = {(*r.pair, r.kind) for r in aligned}
    assert page.inner_text("#count-tension") == "0" and page.inner_text("#count-alignment") == str(len(aligned))
    assert page.inner_text("#lines-alignment") == str(len(lines))
    assert page.inner_text("#legend-shown") == (f"Shown: {len(aligned)} of {len(snap.relations)} relations, "
                                                f"in {len(lines)} of {len(lines_of(snap))} lines.")
    assert requests == [] and errors == []
    page.close()


def test_xss_corpus_line_tooltips_and_timeline_lines(browser, tmp_path):
    from test_hostile import PAYLOADS, assert_nothing_ran, hover_tooltip, open_watched, xss_dataset

    ds = xss_dataset(PAYLOADS)
    out = write_html(ds, tmp_path / "hostile.html", at="2025", color_by="faction")
    page, seen = open_watched(browser, out)
    assert_nothing_ran(page, seen)
    for payload in ("<img src=x onerror=window.__xss=1>", "</script><script>window.__xss=1</script>",
                    next(p for p in PAYLOADS if "\u2028" in p)):
        line = page.evaluate("(p) => geograph.edges.get({filter: e => e.from === p || e.to === p})[0]", payload)
        tip = hover_tooltip(page, "edge", line["id"])
        # the header names the two actors as written (a payload is an actor's name)
        header = next(t for t in tip.split("\n") if t.endswith(": " + line["kind"]))
        assert payload in header
    assert_nothing_ran(page, seen)
    page.close()

    ds = xss_dataset(PAYLOADS, timeline=True)
    out = write_timeline_html(ds, tmp_path / "timeline.html", "2000", "2008", color_by="faction")
    page, seen = open_watched(browser, out)
    for i, year in enumerate(range(2000, 2009)):
        set_slider(page, i)
        visible = page.evaluate("() => geograph.edges.get({filter: e => e.hidden !== true}).map(e => e.relations)")
        drawn = graph.Network.of(graph.snapshot(ds, str(year))).relations  # between agents
        assert sorted(r for rels in visible for r in rels if r in {d.id for d in drawn}) == sorted(r.id for r in drawn)
        assert len(visible) == len({(*r.pair, r.kind) for r in drawn}), year
    assert_nothing_ran(page, seen)
    page.close()


def test_large_page_draws_lines_and_its_filters_update_the_counts(browser, tmp_path):
    from test_browser import drawn_dim, large_dataset

    ds = large_dataset()
    out = write_html(ds, tmp_path / "large.html", at="2025")
    snap = agents(ds, "2025")
    groups = lines_of(snap)
    page, requests, errors = open_offline(browser, out)
    assert page.evaluate("() => geograph.network.body.edgeIndices.length") == len(groups)
    # the lines of a pair with both kinds are the only curves of a large page, bowed apart
    both = sorted((a, b) for a, b, k in groups if k == "alignment" and (a, b, "tension") in groups)
    curved = page.evaluate("""() => Object.values(geograph.network.body.edges).filter(e => e.options.smooth.enabled)
                                   .map(e => e.id).sort()""")
    assert both and curved == sorted(f"{a}|{b}|{k}" for a, b in both for k in ("alignment", "tension"))
    a, b = both[0]
    smooth = page.evaluate("""(ids) => ids.map(id => geograph.network.body.edges[id].options.smooth.type)""",
                           [f"{a}|{b}|alignment", f"{a}|{b}|tension"])
    assert sorted(smooth) == ["curvedCCW", "curvedCW"]
    uncheck(page, "kind", "tension")
    aligned = {key: rels for key, rels in groups.items() if key[2] == "alignment"}
    assert page.inner_text("#lines-alignment") == str(len(aligned)) and page.inner_text("#lines-tension") == "0"
    assert page.inner_text("#legend-shown") == (f"Shown: {sum(map(len, aligned.values()))} of {len(snap.relations)} "
                                                f"relations, in {len(aligned)} of {len(groups)} lines.")
    page.fill("#search", "L0700")
    page.press("#search", "Enter")
    near = {r.target if r.source == "L0700" else r.source for r in snap.relations
            if "L0700" in (r.source, r.target) and r.kind == "alignment"}
    assert set(page.evaluate("() => geograph.focused")[1:]) == near
    assert "L0700" not in drawn_dim(page, "nodes")
    assert requests == [] and errors == []
    page.close()

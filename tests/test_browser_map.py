"""The map page (``layout="geo"``) in headless Chromium: the world under the graph, offline.

Pixels are read from vis-network's canvas with the graph hidden (every node and line), so what is
left is the map: land where Natural Earth has a country, sea where it has none, at the opening view
and zoomed in.
"""

from __future__ import annotations

import pytest

import graph
from graph.geo import ATTRIBUTION, equal_earth
from graph.render import write_html

from test_browser import browser, open_offline  # noqa: F401  (browser is a fixture)

pytest.importorskip("playwright.sync_api")

LAND, SEA = (227, 227, 222), (238, 243, 247)

#: (lon, lat) well inside a country or a sea, far from any coast at 1:110m
PLACES = {
    "Iran, near Isfahan": ((52.0, 32.5), LAND),
    "central Turkey": ((33.0, 39.0), LAND),
    "Kazakh steppe": ((68.0, 48.0), LAND),
    "Afghanistan": ((65.0, 33.5), LAND),
    "middle of the Caspian": ((51.0, 42.0), SEA),
    "Black Sea": ((34.0, 43.2), SEA),
    "eastern Mediterranean": ((20.0, 34.0), SEA),
    "Arabian Sea": ((64.0, 17.0), SEA),
}


@pytest.fixture(scope="module")
def map_page(tmp_path_factory):
    return write_html(graph.load(), tmp_path_factory.mktemp("map") / "map.html", at="2025-03-01", layout="geo")


def hide_graph(page):
    page.evaluate("""() => { geograph.nodes.update(geograph.nodes.getIds().map(id => ({id, hidden: true})));
                             geograph.edges.update(geograph.edges.getIds().map(id => ({id, hidden: true})));
                             geograph.network.redraw(); }""")


def pixels(page, places):
    """The canvas colour at each (lon, lat), projected as the page's outline is."""
    scale = page.evaluate("() => geograph.map.outline.scale")
    points = {}
    for name, (lon, lat) in places.items():
        x, y = equal_earth(lon, lat)
        points[name] = {"x": float(x) * scale, "y": -float(y) * scale}
    return page.evaluate("""points => {
        const net = geograph.network, canvas = document.querySelector('#mynetwork canvas');
        const ctx = canvas.getContext('2d'), ratio = canvas.width / canvas.clientWidth, out = {};
        for (const [name, p] of Object.entries(points)) {
            const d = net.canvasToDOM(p);
            const inView = d.x >= 0 && d.y >= 0 && d.x < canvas.clientWidth && d.y < canvas.clientHeight;
            out[name] = inView ? Array.from(ctx.getImageData(Math.round(d.x * ratio), Math.round(d.y * ratio), 1, 1).data.slice(0, 3)) : null;
        }
        return out; }""", points)


def test_map_page_draws_the_world_under_the_graph_offline(browser, map_page):  # noqa: F811
    page, requests, errors = open_offline(browser, map_page)
    drawn = page.evaluate("() => [geograph.network.body.nodeIndices.length, geograph.map.countriesDrawn]")
    # the graph's 14 actors, over the countries in view only (not all 177 of the world)
    assert drawn[0] == 14 and 20 < drawn[1] < 177
    assert page.evaluate("() => geograph.map.outline.attribution") == ATTRIBUTION
    hide_graph(page)
    colours = pixels(page, {name: where for name, (where, _) in PLACES.items()})
    assert colours == {name: list(colour) for name, (_, colour) in PLACES.items()}
    assert requests == [] and errors == []
    page.close()


def test_zooming_keeps_the_map_under_the_actors(browser, map_page):  # noqa: F811
    page, requests, errors = open_offline(browser, map_page)
    # each capital's node lies in its country's polygon, read from the page's own data
    inside = page.evaluate("""() => {
        const map = geograph.map.outline, at = geograph.network.getPositions(), ctx = document.createElement('canvas').getContext('2d');
        const path = code => { const p = new Path2D();
            map.countries.filter(c => c.id === code).forEach(c => {
                c.rings.forEach(ring => ring.forEach((k, n) => { const a = map.arcs[k < 0 ? ~k : k], m = a.length / 2;
                    for (let i = n ? 1 : 0; i < m; i++) { const j = k < 0 ? m - 1 - i : i;
                        if (!n && !i) { p.moveTo(a[2 * j], a[2 * j + 1]); } else { p.lineTo(a[2 * j], a[2 * j + 1]); } }
                    }) || p.closePath());
                (c.cut || []).forEach(a => { p.moveTo(a[0], a[1]); for (let j = 2; j < a.length; j += 2) { p.lineTo(a[j], a[j + 1]); } p.closePath(); });
            });
            return p; };
        const out = {};
        ['IRN', 'TUR', 'RUS', 'IND', 'KAZ', 'TKM'].forEach(id => { out[id] = ctx.isPointInPath(path(id), at[id].x, at[id].y, 'evenodd'); });
        return out; }""")
    assert inside == {"IRN": True, "TUR": True, "RUS": True, "IND": True, "KAZ": True, "TKM": True}
    hide_graph(page)
    nodes = page.evaluate("() => { const at = geograph.network.getPositions(['IRN', 'TUR']); return at; }")
    fitted = page.evaluate("() => geograph.map.countriesDrawn")
    for scale in (0.4, 2.5, 6.0):
        page.evaluate("""([p, s]) => { geograph.network.moveTo({position: p, scale: s, animation: false});
                                        geograph.network.redraw(); }""", [nodes["IRN"], scale])
        # the pixel under Iran's node is Iran's land at every zoom (the outline moves with the graph)
        under = page.evaluate("""p => { const d = geograph.network.canvasToDOM(p), c = document.querySelector('#mynetwork canvas');
                                        const r = c.width / c.clientWidth;
                                        return Array.from(c.getContext('2d').getImageData(Math.round(d.x * r), Math.round(d.y * r), 1, 1).data.slice(0, 3)); }""",
                              nodes["IRN"])
        assert under == list(LAND), scale
        seen = {k: v for k, v in pixels(page, {"Iran": (52.0, 32.5), "Caspian": (51.0, 42.0)}).items() if v is not None}
        assert seen.get("Iran", list(LAND)) == list(LAND) and seen.get("Caspian", list(SEA)) == list(SEA)
    # zoomed in on Iran, only its neighbourhood's countries are drawn
    assert page.evaluate("() => geograph.map.countriesDrawn") < fitted < 177
    # zoomed far out, the world's edge: outside it nothing is painted (the page's white shows)
    page.evaluate("() => { geograph.network.moveTo({position: {x: 0, y: 0}, scale: 0.05, animation: false}); geograph.network.redraw(); }")
    corner = page.evaluate("""() => { const c = document.querySelector('#mynetwork canvas');
                                      return Array.from(c.getContext('2d').getImageData(5, c.height - 5, 1, 1).data); }""")
    assert corner == [0, 0, 0, 0]
    assert page.evaluate("() => geograph.map.countriesDrawn") == 177
    assert requests == [] and errors == []
    page.close()


def test_plain_pages_draw_no_map(browser, tmp_path):  # noqa: F811
    out = write_html(graph.load(), tmp_path / "plain.html", at="2025-03-01")
    page, requests, errors = open_offline(browser, out)
    assert page.evaluate("() => geograph.map === undefined")
    assert "Natural Earth" not in out.read_text("utf-8")
    assert requests == [] and errors == []
    page.close()

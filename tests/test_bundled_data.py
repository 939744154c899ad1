"""The bundled dataset holds every fact the seed article gives, each with a source (issue #2, point 3)."""

import pytest

import graph

DS = graph.load()
ACTORS = {a.id: a for a in DS.actors}
EVENTS = {e.id: e for e in DS.events}
RELATIONS = {r.id: r for r in DS.relations}


@pytest.mark.parametrize("actor_id, kind", [
    ("AZE", "state"), ("IRN", "state"), ("RUS", "state"), ("TUR", "state"), ("ISR", "state"),
    ("ARM", "state"), ("IND", "state"), ("TKM", "state"), ("KAZ", "state"), ("WEST", "bloc"),
    ("IRN-AZ", "group"), ("NSTC", "project"), ("RASHT-ASTARA", "project"), ("ASTARACHAY-BRIDGE", "project"),
    ("ZANGEZUR-IR", "project"), ("GIZ-GALASI", "project"), ("CASPIAN", "region"), ("NAKHCHIVAN", "region"),
])
def test_bundled_actor_present(actor_id, kind):
    assert ACTORS[actor_id].kind == kind


def test_bundled_minority_figures():
    attrs = ACTORS["IRN-AZ"].attributes
    assert (attrs["population_min"], attrs["population_max"]) == (15_000_000, 30_000_000)
    assert (attrs["share_min_pct"], attrs["share_max_pct"]) == (16, 35)
    assert set(attrs["provinces"]) == {"West Azerbaijan", "East Azerbaijan", "Ardabil", "Zanjan", "Qazvin", "Tehran"}


def test_bundled_corridor_and_railway_figures():
    nstc = ACTORS["NSTC"].attributes
    assert (nstc["investment_usd"], nstc["length_km"]) == (25_000_000_000, 7200)
    assert (nstc["cargo_2024_mt"], nstc["cargo_2030_projected_mt"]) == (15, 30)
    assert ACTORS["RASHT-ASTARA"].attributes["completion_expected"] == "2025-12"


def test_bundled_trade_figures():
    trade = RELATIONS["aze-irn-trade"].attributes
    assert (trade["trade_2024_usd"], trade["trade_2024_growth_pct"]) == (580_000_000, 20)
    assert (trade["trade_2024_11m_usd"], trade["trade_2024_11m_growth_pct"]) == (583_500_000, 33.5)
    assert trade["trade_2026_projected_usd"] == 1_000_000_000
    assert RELATIONS["rus-irn-trade"].attributes["trade_2024_min_usd"] == 5_000_000_000


@pytest.mark.parametrize("event_id, date, kind", [
    ("gulistan-1813", "1813", "hostile"), ("turkmenchay-1828", "1828", "hostile"),
    ("aze-independence-1918", "1918", "neutral"), ("aze-irn-ties-1919", "1919", "cooperative"),
    ("soviet-takeover-1920", "1920", "hostile"), ("aze-irn-restart-1991", "1991", "cooperative"),
    ("cartoon-protests-2006", "2006", "hostile"), ("embassy-attack-closure", "2022", "hostile"),
    ("spy-scandals-2023", "2023", "hostile"), ("irn-opposes-aze-ties-2024", "2024", "hostile"),
    ("agri-agreements-2024", "2024", "cooperative"), ("ardabil-remarks-2025-01", "2025-01", "hostile"),
    ("charge-summoned-2025-01", "2025-01", "hostile"), ("asadov-aref-2025", "2025-02-17", "cooperative"),
    ("asadov-pezeshkian-2025", "2025-02-18", "cooperative"), ("caspian-economic-forum-3", "2025-02", "cooperative"),
])
def test_bundled_event_present(event_id, date, kind):
    event = EVENTS[event_id]
    assert (str(event.date), event.kind) == (date, kind)
    assert "seed-2025" in event.sources


def test_bundled_protest_cities_and_meeting_people():
    assert set(EVENTS["cartoon-protests-2006"].places) == {"Tabriz", "Urmia", "Ardabil"}
    assert {"ASADOV", "AREF"} <= set(EVENTS["asadov-aref-2025"].actors)
    assert {"ASADOV", "PEZESHKIAN"} <= set(EVENTS["asadov-pezeshkian-2025"].actors)


def test_bundled_russia_iran_alignment():
    kinds = {(r.kind, r.domain) for r in DS.relations if r.pair == ("IRN", "RUS")}
    assert {("alignment", "military"), ("alignment", "economic"), ("alignment", "diplomatic")} <= kinds


def test_bundled_aze_irn_is_both_aligned_and_in_tension():
    kinds = {(r.kind, r.domain) for r in DS.relations if r.pair == ("AZE", "IRN")}
    assert {("alignment", "economic"), ("alignment", "transport"), ("tension", "security")} <= kinds


def test_bundled_every_record_is_sourced_and_general_knowledge_is_marked():
    for r in DS.relations:
        assert r.sources and r.evidence, r.id
        # substance from general knowledge only: low confidence, said in the evidence
        if r.sources == ("general-knowledge",):
            assert r.confidence == "low" and "general knowledge" in r.evidence.lower(), r.id
        if "general-knowledge" in r.sources:
            assert "general knowledge" in r.evidence.lower(), r.id
    for e in DS.events:
        assert e.sources, e.id

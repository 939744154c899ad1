"""The bundled dataset holds every fact the seed article gives, each with a source (issue #2, point 3)."""

import pytest

import graph
from graph.analysis.arenas import arenas

DS = graph.load()
ACTORS = {a.id: a for a in DS.actors}
EVENTS = {e.id: e for e in DS.events}
RELATIONS = {r.id: r for r in DS.relations}


@pytest.mark.parametrize("actor_id, kind", [
    ("AZE", "state"), ("IRN", "state"), ("RUS", "state"), ("TUR", "state"), ("ISR", "state"),
    ("ARM", "state"), ("IND", "state"), ("TKM", "state"), ("KAZ", "state"), ("WEST", "bloc"),
    ("IRN-AZ", "group"), ("NSTC", "project"), ("RASHT-ASTARA", "project"), ("ASTARACHAY-BRIDGE", "project"),
    ("ZANGEZUR-IR", "project"), ("GIZ-GALASI", "project"), ("CASPIAN", "region"), ("NAKHCHIVAN", "region"),
    ("ARAZ", "region"), ("PERSIAN-GULF", "region"), ("EUROPE", "region"),
    ("ASADOV", "person"), ("AREF", "person"), ("PEZESHKIAN", "person"),
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


ARENAS = {a.id for a in DS.actors if a.kind in ("project", "region")}
LITTORAL = ("AZE", "IRN", "KAZ", "RUS", "TKM")


def test_bundled_caspian_rivalry_is_tension_between_the_littoral_states():
    # the article's five coastal states manoeuvring for influence: a rivalry of agents, not a stake
    rivalry = {r.pair for r in DS.relations if r.kind == "tension" and r.attributes.get("arena") == "CASPIAN"}
    assert rivalry == {tuple(sorted((a, b))) for i, a in enumerate(LITTORAL) for b in LITTORAL[i + 1:]}
    stakes = [r for r in DS.relations if "CASPIAN" in r.pair]
    assert {r.kind for r in stakes} == {"alignment"} and {a for r in stakes for a in r.pair} == {"CASPIAN", *LITTORAL}


def test_bundled_stakes_carry_no_evidence_of_competition():
    for r in DS.relations:
        if r.kind == "alignment" and set(r.pair) & ARENAS:
            assert not any(w in r.evidence.lower() for w in ("vying", "compet", "jockey", "rival")), r.id


def test_bundled_arena_links_are_marked_as_structure():
    links = {r.id for r in DS.relations if set(r.pair) <= ARENAS}
    assert links == {"nstc-persian-gulf", "nstc-europe", "rashtastara-nstc", "zangezur-nakhchivan"}
    assert all("arena-link" in RELATIONS[i].tags and RELATIONS[i].attributes["link"] for i in links)


def test_bundled_caspian_is_contested_and_the_corridor_is_not():
    report = {a.id: a for a in arenas(DS, at="2025-03-01")}
    caspian, nstc = report["CASPIAN"], report["NSTC"]
    assert {s.agent for s in caspian.supporters} == set(LITTORAL) and caspian.contested > 0.5
    assert ("KAZ", "TKM") in caspian.at_odds
    assert {s.agent for s in nstc.supporters} == {"AZE", "IND", "IRN", "RUS"} and nstc.contested == 0


def test_bundled_persons_hold_no_relation():
    # the article records the February 2025 meetings as events, not stances of the persons
    people = {a.id for a in DS.actors if a.kind == "person"}
    assert people == {"ASADOV", "AREF", "PEZESHKIAN"}
    assert not {a for r in DS.relations for a in r.pair} & people


def test_bundled_india_corridor_ties_are_marked_as_general_knowledge():
    # the article lists India among the corridor's countries but never says it cooperates with them
    for rid in ("ind-irn-transport", "ind-aze-transport", "ind-rus-transport"):
        r = RELATIONS[rid]
        assert r.confidence == "low" and "general knowledge" in r.evidence and r.attributes["arena"] == "NSTC"

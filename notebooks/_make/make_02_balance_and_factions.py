import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# Balance and factions: which ties are under strain?

Balance theory (Heider; Cartwright & Harary 1956) says the friend of my friend is my friend and the
enemy of my enemy is my friend. A signed network is *balanced* when its actors split into two camps
with every positive tie inside a camp and every negative tie across. This notebook asks of the
Azerbaijan–Iran dataset: how far from balance is the region, which camps does it fall into, which
relations carry the strain, and how much of that answer is one choice among several?

First, a check that the measures are right: the Gahuku-Gama tribes of the New Guinea highlands
(Read 1954), whose scores R's signnet publishes."""),
code("""from pathlib import Path
import pandas as pd
import graph
from graph.network import Model, network
from graph.analysis.arenas import arenas

tribes = graph.load(Path("..") / "tests" / "fixtures" / "reference" / "gahuku_gama_read1954.csv")
report = graph.balance(tribes)
scores = {k: report.to_dict()[k] for k in ("triangle_balance", "walk_balance", "frustration_index", "frustration_score")}
# signnet: triangles 0.8676471, walk 0.3575761, frustration score 0.7586207 (L = 7)
assert round(scores["triangle_balance"], 7) == 0.8676471 and round(scores["walk_balance"], 7) == 0.3575761
assert scores["frustration_index"] == 7 and report.optimal
scores"""),
md("""## The region in March 2025

Every balance measure reads the **signed layer**: for each pair, its combined alignment minus its
combined tension gives a net sign and a magnitude. Two things are left out of it. Projects and
regions are *arenas* that agents have stakes in, not agents with stances of their own (their
figures come below). And a pair whose alignment and tension nearly cancel — a net within a tenth
of the stronger side — is *ambivalent* and has no sign."""),
code("""ds = graph.load()
net = network(ds, at="2025-03-01")          # the layers, built once and shared by every analysis below
region = graph.balance(net)
print(net.model.describe())
print(f"{region.edges} signed ties ({region.positive} +, {region.negative} −); triangles: {dict(region.triangles)}")
print(f"triangle balance {region.triangle_balance:.3f}, walk balance {region.walk_balance:.3f}, "
      f"frustration index {region.frustration_index:.0f} (proven optimal: {region.optimal})")
for k, camp in enumerate(region.split.factions, 1):
    print(f"camp {k}:", ", ".join(ds.actor(a).name for a in camp))
pd.DataFrame(region.to_dict()["ambivalent"])"""),
md("""Azerbaijan shares a camp with Turkey (the article's "foremost ally"), Israel, the West and Iran's
Azerbaijanis; Iran, Russia, Armenia and India form the other. Azerbaijan–Iran and
Azerbaijan–Russia are ambivalent: each has alignment and tension of almost equal strength, so
neither pulls the two into one camp or pushes them apart.

The ties under strain are those that contradict the best split, heaviest first:"""),
code("""camp_of = {a: k for k, camp in enumerate(region.split.factions) for a in camp}
assert camp_of["AZE"] == camp_of["TUR"] != camp_of["IRN"] == camp_of["RUS"]
assert {("AZE", "IRN"), ("AZE", "RUS")} == {(p["source"], p["target"]) for p in region.to_dict()["ambivalent"]}
strain = pd.DataFrame([t.to_dict() for t in region.split.frustrated])
strain["pair"] = [f"{ds.actor(s).name} – {ds.actor(t).name}" for s, t in zip(strain.source, strain.target)]
strain[["pair", "sign", "weight"]]"""),
md("""Little strain, and light: four ties of weight 0.3. One is Azerbaijan's low-confidence corridor tie
to India, a partner of Iran and Russia. The others are the Caspian littoral states' rivalry:
Azerbaijan, Iran, Russia, Kazakhstan and Turkmenistan are each in tension with the others (where
their pair is not ambivalent or allied), and three mutual rivals cannot be split into two camps
without two of them sharing one.

## Unbalanced triads

Which triangles are unbalanced (`++−`: two friends of one actor at odds; `−−−`: three mutual
enemies)?"""),
code("""triads = pd.DataFrame([{"members": " / ".join(t.members), "signs": t.signs} for t in region.unbalanced_triads])
assert set(triads.signs) == {"---"} and triads.members.str.contains("KAZ / .*TKM").all()
triads"""),
md("""## Every optimum

"The" best split is rarely unique. `report.optima` enumerates every split that reaches the
minimum (a camp swap being the same split): the actors whose camp differs between them
**swing**, and a tie can be strained in every optimum or only in some."""),
code("""optima = region.optima
print(f"{optima.count} optimal splits (capped: {optima.capped}); swing: {', '.join(optima.swing)}; "
      f"fixed: {', '.join(optima.fixed)}")
assert (optima.count, optima.swing) == (3, ("KAZ", "TKM")) and not optima.capped
assert [(t.source, t.target) for t in optima.always_strained] == [("AZE", "IND")]
# each optimum, read for the swing actors: on Azerbaijan's side or Iran's
placements = pd.DataFrame([{a: "with AZE" if split[a] == split["AZE"] else "with IRN" for a in optima.swing}
                           for split in optima.splits], index=[f"optimum {k}" for k in range(1, optima.count + 1)])
assert len(placements) == optima.count
placements"""),
code("""pd.DataFrame([{"tie": f"{t.source}–{t.target}", "sign": t.sign, "weight": t.weight, "strained": "in every optimum"}
              for t in optima.always_strained]
             + [{"tie": f"{t.source}–{t.target}", "sign": t.sign, "weight": t.weight, "strained": "in some"}
                for t in optima.sometimes_strained])"""),
md("""Nine of the eleven placed actors sit in the same camp in every optimal split; only Kazakhstan and
Turkmenistan move, because their ties are all tension of equal weight with rivals in both camps:
one on each side, or both with Azerbaijan, cost the same (both with Iran and Russia would cost
more).
The one tie strained in every optimum is Azerbaijan–India; the littoral rivalries are strained in
some optima and not others. Any reading of the split that names a camp for Kazakhstan or
Turkmenistan is reading a tie-break.

## Arenas

The Caspian, the Araz, the corridor projects: agents have stakes in them (alignment: supports it;
tension: contests it). `graph.analysis.arenas.arenas` gives each its stakeholders for and against
and `contested`, the share of stakeholder pairs at odds (on opposite sides of it, or in net
tension with each other in the agent network)."""),
code("""places = arenas(net)
table = pd.DataFrame([{"arena": a.name, "kind": a.kind,
                       "supporters": ", ".join(s.agent for s in a.supporters),
                       "opponents": ", ".join(s.agent for s in a.opponents),
                       "contested": a.contested} for a in places]).set_index("arena")
caspian = {a.id: a for a in places}["CASPIAN"]
assert len(caspian.supporters) == 5 and caspian.contested == max(a.contested or 0 for a in places)
table.sort_values("contested", ascending=False)"""),
md("""Every littoral state has a stake in the Caspian, and most pairs of them are rivals: the most
contested arena. The corridor projects have only backers, except the Zangezur route through Iran,
which Armenia contests.

## With arenas, and without

`Model(with_arenas=True)` puts the arenas back as nodes, as the tool did before: the one-mode
reading of two-mode data. Borgatti & Everett (1997, *Social Networks* 19:243) warn against that
reading: actors and the places or projects they are tied to are different modes, and two actors
tied to one place are not thereby tied to each other. Here is what the one-mode reading would
claim:"""),
code("""net_arenas = network(ds, at="2025-03-01", model=Model(with_arenas=True))
both = {"agents only": region, "with arenas": graph.balance(net_arenas)}
def mates(r, actor="AZE"):
    camp = next(c for c in r.split.factions if actor in c)
    agents = [a for a in camp if a != actor and ds.actor(a).kind not in ("project", "region")]
    return ", ".join(agents) + f" (+ {len(camp) - 1 - len(agents)} arenas)"
def betweenness(n, actor):
    c = graph.centrality(n)["betweenness"]
    return round(c[actor], 3) if actor in c.index else "not a node"
compare = pd.DataFrame({name: {"signed ties": r.edges, "frustration index": r.frustration_index,
                               "optimal splits": r.optima.count, "swing": ", ".join(r.optima.swing),
                               "Azerbaijan's camp": mates(r),
                               "strained": ", ".join(f"{t.source}–{t.target}" for t in r.split.frustrated),
                               "Caspian's betweenness": betweenness(n, "CASPIAN"),
                               "Russia's betweenness": betweenness(n, "RUS")}
                        for (name, r), n in zip(both.items(), (net, net_arenas))})
camp_with = {a: k for k, camp in enumerate(both["with arenas"].split.factions) for a in camp}
assert camp_with["AZE"] == camp_with["IRN"] == camp_with["CASPIAN"] != camp_with["TUR"]
assert both["with arenas"].frustration_index > region.frustration_index
compare"""),
md("""With arenas as nodes, Azerbaijan lands with Iran and Russia, glued to them by the Caspian, the
Araz and the corridor projects each "aligned" with all of them, and its ties to Turkey, Israel,
the West and Iran's Azerbaijanis become the strained ones; the Caspian's betweenness dwarfs
Russia's; and there are more optimal splits, with Turkey, Israel and Iran's Azerbaijanis free to
sit on either side. That reading counts shared stakes as friendship,
including the stakes of rival littoral states in the sea they contest. Without arenas, the camps
follow the agents' own ties, and the arenas keep their own figures above.

## Weighted strain and more camps

Counting ties treats a passing irritant like a war. The weighted frustration minimises the total
*magnitude* of the contradicting ties instead; `camps=3` allows a third camp (generalised balance,
Davis 1967)."""),
code("""weighted = graph.balance(net, weighted=True)
three = graph.balance(net, camps=3)
assert three.frustration_index < region.frustration_index
pd.DataFrame({
    "split": ["fewest ties", "least magnitude", "up to 3 camps"],
    "camps": [" | ".join(",".join(c) for c in r.split.factions) for r in (region, weighted, three)],
    "strained ties": [len(r.split.frustrated) for r in (region, weighted, three)],
    "strained magnitude": [round(r.weighted_frustration, 2) for r in (region, weighted, three)],
})"""),
md("""Weighting changes nothing here: every strained tie weighs 0.3. A third camp halves the strain by
giving one of the two swing states a camp of its own: the littoral rivalry is the part of the
region two camps cannot hold.

## Signed centrality

PN centrality (Everett & Borgatti 2014) counts walks positively through alignment and twice as hard
negatively through tension; the signed eigenvector (signnet's convention: the eigenvalue of largest
absolute value) places actors on either side of the main divide by its sign. Actors with no signed
tie get no value."""),
code("""c = graph.centrality(net, sort="pn")
c[["name", "pn", "signed_eigenvector", "tension_strength"]]"""),
code("""# the eigenvector's sign is the split: one sign for each camp (which sign is which is arbitrary)
sides = c["signed_eigenvector"].dropna()
signs = {k: {bool(sides[a] > 0) for a in camp} for k, camp in enumerate(region.split.factions)}
assert all(len(s) == 1 for s in signs.values()) and signs[0] != signs[1]
assert set(sides.abs().nsmallest(2).index) == set(optima.swing)   # the swing states sit nearest the divide
sides.sort_values()"""),
md("""## One pair in full

`graph.explain` tells a pair's story: every relation with its evidence, the events, the triads, and
what balance theory says about it. Azerbaijan–Iran, the pair the article is about:"""),
code("""story = graph.explain(net, "AZE", "IRN")
assert story.ambivalent and not story.same_camp and story.pushed < 0
pushes = pd.Series([t["pushes"] for t in story.to_dict()["triads"]]).value_counts()
assert pushes[-1] > pushes[1]     # more third parties push the two apart than together
print(f"alignment {story.alignment:.3f}, tension {story.tension:.3f}: ambivalent {story.ambivalent}; the triads push "
      f"towards {'alignment' if story.pushed > 0 else 'tension'} ({story.pushed:+.2f}); same camp: {story.same_camp}")
pd.DataFrame(story.to_dict()["triads"])"""),
md("""Their own ties cancel out; the third parties do not. Turkey, Israel, the West and Iran's
Azerbaijanis are Baku's friends and Tehran's rivals, and Armenia the reverse, so those triads push
the two apart; India (a partner of both) and the two Caspian rivals of both push them together,
through lighter ties. On balance the structure pushes towards tension, and the split puts them in
opposite camps without a strained tie between them.

How sure is each of these answers, given that many relations are coded with low or medium
confidence? Notebook 03 ends with that question."""),
code("""graph.inline(graph.render_html(ds, at="2025-03-01", color_by="faction", size_by="pn"), height=640)"""),
]
# fixed cell ids, so that regenerating an unchanged notebook leaves it byte for byte the same
for i, cell in enumerate(nb.cells):
    cell.id = f"cell-{i:02d}"
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/02_balance_and_factions.ipynb")

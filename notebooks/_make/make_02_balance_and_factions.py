import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# Balance and factions: which ties are under strain?

Balance theory (Heider; Cartwright & Harary 1956) says the friend of my friend is my friend and the
enemy of my enemy is my friend. A signed network is *balanced* when its actors split into two camps
with every positive tie inside a camp and every negative tie across. This notebook asks of the
Azerbaijan–Iran dataset: how far from balance is the region, which camps does it fall into, and
which relations carry the strain?

First, a check that the measures are right: the Gahuku-Gama tribes of the New Guinea highlands
(Read 1954), whose scores R's signnet publishes."""),
code("""from pathlib import Path
import pandas as pd
import graph

tribes = graph.load(Path("..") / "tests" / "fixtures" / "reference" / "gahuku_gama_read1954.csv")
report = graph.balance(tribes)
scores = {k: report.to_dict()[k] for k in ("triangle_balance", "walk_balance", "frustration_index", "frustration_score")}
# signnet: triangles 0.8676471, walk 0.3575761, frustration score 0.7586207 (L = 7)
assert round(scores["triangle_balance"], 7) == 0.8676471 and round(scores["walk_balance"], 7) == 0.3575761
assert scores["frustration_index"] == 7 and report.optimal
scores"""),
md("""## The region in March 2025

Every balance measure reads the **signed layer**: for each pair, its combined alignment minus its
combined tension gives a net sign and a magnitude."""),
code("""ds = graph.load()
region = graph.balance(ds, at="2025-03-01")
print(f"{region.edges} signed ties ({region.positive} +, {region.negative} −); triangles: {dict(region.triangles)}")
print(f"triangle balance {region.triangle_balance:.3f}, walk balance {region.walk_balance:.3f}, "
      f"frustration index {region.frustration_index} (proven optimal: {region.optimal})")
for k, camp in enumerate(region.split.factions, 1):
    print(f"camp {k}:", ", ".join(ds.actor(a).name for a in camp))"""),
md("""The ties under strain are those that contradict the best split, heaviest first:"""),
code("""strain = pd.DataFrame([t.to_dict() for t in region.split.frustrated])
strain["pair"] = [f"{ds.actor(s).name} – {ds.actor(t).name}" for s, t in zip(strain.source, strain.target)]
assert {"TUR", "ISR"} <= set(strain.target[strain.source == "AZE"])
strain[["pair", "sign", "weight"]]"""),
md("""Four of the six strained ties are Azerbaijan's: its ties to Turkey, Israel, the West and Iran's
Azerbaijanis cross the line that its partnership with Iran, Russia and the corridor draws. That is
the article's dilemma in structural form.

## Unbalanced triads

Which triangles are unbalanced (`++−`: two friends of one actor at odds; `−−−`: three mutual
enemies)?"""),
code("""triads = pd.DataFrame([{"members": " / ".join(t.members), "signs": t.signs} for t in region.unbalanced_triads])
triads"""),
md("""## Weighted strain and more camps

Counting ties treats a passing irritant like a war. The weighted frustration minimises the total
*magnitude* of the contradicting ties instead; `camps=3` allows a third camp (generalised balance,
Davis 1967)."""),
code("""weighted = graph.balance(ds, at="2025-03-01", weighted=True)
three = graph.balance(ds, at="2025-03-01", camps=3)
pd.DataFrame({
    "split": ["fewest ties", "least magnitude", "up to 3 camps"],
    "camps": [" | ".join(",".join(c) for c in r.split.factions) for r in (region, weighted, three)],
    "strained ties": [len(r.split.frustrated) for r in (region, weighted, three)],
})"""),
md("""## Signed centrality

PN centrality (Everett & Borgatti 2014) counts walks positively through alignment and twice as hard
negatively through tension; the signed eigenvector (signnet's convention: the eigenvalue of largest
absolute value) places actors on either side of the main divide by its sign."""),
code("""c = graph.centrality(ds, at="2025-03-01", sort="pn")
c[["name", "pn", "signed_eigenvector", "tension_strength"]].head(10)"""),
code("""# the two sides of the main divide have opposite signs
sides = c["signed_eigenvector"]
assert (sides[["AZE", "IRN", "RUS"]] > 0).all() and (sides[["ARM", "WEST"]] < 0).all()
sides.sort_values()"""),
md("""## One pair in full

`graph.explain` tells a pair's story: every relation with its evidence, the events, the triads, and
what balance theory says about it."""),
code("""story = graph.explain(ds, "AZE", "TUR", at="2025-03-01")
print(f"alignment {story.alignment:.2f}, tension {story.tension:.2f}; the triads push towards "
      f"{'alignment' if story.pushed > 0 else 'tension'}; same camp: {story.same_camp}; under strain: {story.frustrated}")
pd.DataFrame(story.to_dict()["triads"])"""),
code("""graph.inline(graph.render_html(ds, at="2025-03-01", color_by="faction", size_by="pn"), height=640)"""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/02_balance_and_factions.ipynb")

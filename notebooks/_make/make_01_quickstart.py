import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# geograph quickstart: Azerbaijan and Iran in early 2025

In February 2025 Azerbaijan's Prime Minister Ali Asadov met Iran's First Vice President and then its
President in Tehran. Trade was growing fast, the North–South corridor was taking shape — and the two
neighbours had just been through an embassy closure, spy scandals and mutual expulsions.

This notebook loads geograph's bundled dataset of that story, checks it, ranks the actors, and draws the
graph. Everything here uses the public API (`import graph`); the same steps exist on the command line
(`geograph validate`, `geograph centrality`, `geograph render`)."""),
code("""import pandas as pd
import graph

ds = graph.load()          # the bundled dataset: data/caucasus/*.yaml
print(ds.title)
print(f"{len(ds.actors)} actors, {len(ds.relations)} relations, {len(ds.events)} events, {len(ds.sources)} sources")"""),
md("""## 1. Validate

`graph.validate` lists every problem (file, line, column, message and hint). The bundled data has none."""),
code("""problems = graph.validate()
assert problems == [], problems
problems"""),
md("""## 2. One pair, many relations

Azerbaijan and Iran are aligned in trade and transport and in tension over security at the same time.
geograph keeps each relation with its domain, strength (weight in (0, 1]), dates, evidence and sources."""),
code("""snap = graph.snapshot(ds, at="2025-03-01")      # relations in force on that day
pair = pd.DataFrame(
    [(r.kind, r.domain, r.weight, str(r.since or ""), r.confidence, r.evidence)
     for r in snap.relations if r.pair == ("AZE", "IRN")],
    columns=["kind", "domain", "weight", "since", "confidence", "evidence"],
).sort_values(["kind", "weight"], ascending=[True, False])
assert set(pair["kind"]) == {"alignment", "tension"}
pair"""),
md("""## 3. Who holds the network together?

`graph.centrality` returns a DataFrame: one row per actor. Path measures (betweenness, closeness)
run on the alignment layer with distance = 1/strength, so strong ties are short; eigenvector and
PageRank read alignment strength as weight; the `tension_*` columns describe opposition."""),
code("""report = graph.centrality(ds, at="2025-03-01", sort="betweenness")
report[["name", "alignment_strength", "tension_strength", "betweenness", "eigenvector", "tension_eigenvector"]].head(8)"""),
code("""# Azerbaijan is the broker of its own story; Iran carries the most tension.
assert report.index[0] == "AZE"
assert report["tension_strength"].idxmax() == "IRN"
report.loc[["AZE", "IRN", "RUS", "TUR"], ["alignment_strength", "tension_strength", "tension_share"]]"""),
md("""## 4. The graph

Green solid lines are alignment, red dashed lines tension; width grows with strength. Node size here
is betweenness. Hover over a node or a line for its details and sources. `graph.write_html` writes
the same page to a file that opens offline in any browser."""),
code("""page = graph.render_html(ds, at="2025-03-01", size_by="betweenness")
graph.inline(page, height=640)"""),
md("""## 5. Camps and strain: the seed read through balance

Balance theory says the friend of my friend is my friend. `graph.balance` finds the split into two
camps that the fewest ties contradict (the frustration index, solved exactly) and lists the ties that
contradict it: the relations under structural strain."""),
code("""report = graph.balance(ds, at="2025-03-01")
assert report.optimal
for k, camp in enumerate(report.split.factions, 1):
    print(f"Camp {k}:", ", ".join(camp))
print("frustration index:", report.frustration_index, "of", report.edges, "signed ties;",
      "triangle balance:", round(report.triangle_balance, 3))
pd.DataFrame([t.to_dict() for t in report.split.frustrated])"""),
md("""Azerbaijan lands in one camp with Iran, Russia and the corridor projects, and its ties to Turkey,
Israel and the West are the ones under strain: the structure pushes Baku to choose, and its
balancing policy is what refuses to. `graph.explain` tells one pair's whole story; colouring the
graph by camp shows the strained ties with an orange halo."""),
code("""strained = {(t.source, t.target) for t in report.split.frustrated}
assert ("AZE", "TUR") in strained and ("AZE", "ISR") in strained
story = graph.explain(ds, "AZE", "TUR", at="2025-03-01")
print(f"AZE–TUR: alignment {story.alignment:.2f}, tension {story.tension:.2f}, under strain: {story.frustrated}")
graph.inline(graph.render_html(ds, at="2025-03-01", color_by="faction"), height=640)"""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/01_quickstart.ipynb")

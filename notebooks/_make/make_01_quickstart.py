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
md("""Both sides are strong, and close: geograph combines a pair's records of one kind by taking the
strongest record in each domain and combining the domains (`graph.Model().describe()` says so), so
a repeated record changes nothing. A pair whose net is within a tenth of its stronger side is
**ambivalent**: it has no sign, and every sign-only measure (balance, camps, signed centrality)
leaves it out. Azerbaijan–Iran is one such pair on 1 March 2025, and so is Azerbaijan–Russia."""),
code("""from graph.network import network
net = network(ds, at="2025-03-01")
print(net.model.describe())
ambivalent = {tuple(p) for p in net.signed.graph["ambivalent"]}
assert ("AZE", "IRN") in ambivalent and not net.signed.has_edge("AZE", "IRN")
print("alignment", net.alignment["AZE"]["IRN"]["weight"], "tension", net.tension["AZE"]["IRN"]["weight"])
sorted(ambivalent)"""),
md("""## 3. Who holds the network together?

`graph.centrality` returns a DataFrame: one row per actor. Path measures (betweenness, closeness)
run on the alignment layer with distance = 1/strength, so strong ties are short; eigenvector and
PageRank read alignment strength as weight; the `tension_*` columns describe opposition. The rows
are the *agents* (states, blocs, groups, persons): projects and regions are arenas, which agents
have stakes in, and are left out (see notebook 02). An actor with no tie in a metric's layer gets
no value (NaN) rather than a zero: Kazakhstan and Turkmenistan have only tension ties, and the
three persons none in force."""),
code("""report = graph.centrality(ds, at="2025-03-01", sort="betweenness")
report[["name", "alignment_strength", "tension_strength", "betweenness", "eigenvector", "tension_eigenvector"]].head(8)"""),
code("""# Azerbaijan is the broker of its own story; Iran carries the most tension.
assert report.index[0] == "AZE"
assert report["tension_strength"].idxmax() == "IRN"
assert not set(report["kind"]) & {"project", "region"}
assert report.loc[["KAZ", "TKM", "ASADOV"], "betweenness"].isna().all()
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
print("optimal splits:", report.optima.count, "— swing actors:", ", ".join(report.optima.swing))
pd.DataFrame([t.to_dict() for t in report.split.frustrated])"""),
md("""Azerbaijan shares a camp with Turkey, Israel, the West and Iran's Azerbaijanis; Iran, Russia,
Armenia and India form the other. The ties under strain are few and light (weight 0.3 each): the
low-confidence Azerbaijan–India corridor tie, strained in every optimal split, and the rivalry of
the Caspian littoral states, which no two camps can satisfy. The split is one of three equally
good ones: Kazakhstan and Turkmenistan can sit in either camp at no cost (they **swing**), while
every other actor is fixed. Azerbaijan–Iran is in none of this: the pair is ambivalent, the
strength of its ties and its quarrels almost equal, and the structure puts the two on opposite
sides while their own ties say neither friend nor foe. `graph.explain` tells one pair's whole
story; colouring the graph by camp shows the strained ties with an orange halo."""),
code("""camp_of = {a: k for k, camp in enumerate(report.split.factions) for a in camp}
assert camp_of["AZE"] == camp_of["TUR"] != camp_of["IRN"]
assert (report.optima.count, report.optima.swing) == (3, ("KAZ", "TKM"))
assert not any(ds.actor(a).kind in ("project", "region") for a in camp_of)
story = graph.explain(ds, "AZE", "TUR", at="2025-03-01")
assert story.same_camp and not story.frustrated
print(f"AZE–TUR: alignment {story.alignment:.2f}, tension {story.tension:.2f}, same camp: {story.same_camp}, "
      f"under strain: {story.frustrated}")
graph.inline(graph.render_html(ds, at="2025-03-01", color_by="faction"), height=640)"""),
md("""## Pictures for a report, and the map

Click an actor or a line in the page above for its side panel. For a paper or slides,
`render_figure` writes the same picture as a static SVG, PNG or PDF (title, date and legend
included), and `layout="geo"` draws the states at their capitals on a world map, the other actors
beside the states they are tied to."""),
code("""import pathlib, tempfile
out = pathlib.Path(tempfile.mkdtemp())
svg = graph.render_figure(ds, out / "caucasus.svg", "2025-03-01", color_by="faction")
assert "Caucasus" in svg.read_text(encoding="utf-8")
placed = graph.geo_layout(graph.network.network(ds, "2025-03-01")).placed_by
assert placed["AZE"] == placed["IRN"] == "capital"
print({how: sorted(a for a, h in placed.items() if h == how) for how in sorted(set(placed.values()))})
graph.inline(graph.render_html(ds, at="2025-03-01", color_by="faction", layout="geo"), height=640)"""),
]
# fixed cell ids, so that regenerating an unchanged notebook leaves it byte for byte the same
for i, cell in enumerate(nb.cells):
    cell.id = f"cell-{i:02d}"
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/01_quickstart.ipynb")

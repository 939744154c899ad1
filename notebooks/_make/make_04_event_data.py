import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# Event data: a relation's monthly cooperation and conflict

Hand-coded relations carry an analyst's judgement; event data carries volume. GDELT codes every
reported interaction between countries with a CAMEO code, a Goldstein score and a QuadClass
(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
`graph.ingest_gdelt` adds them up per pair and month and derives alignment and tension relations,
counting cooperation and conflict apart.

The sample: GDELT 1.0 events located in Georgia, June 2011 – May 2013 (March 2013 missing), with a
map for the codes the bundled dataset does not name (Georgia; the US and Europe as "the West")."""),
code("""from pathlib import Path
import pandas as pd
import graph

fixtures = Path("..") / "tests" / "fixtures" / "gdelt"
result = graph.ingest_gdelt([fixtures / "gdelt1_georgia_statedyads_201106-201305.tsv"],
                            actor_map=fixtures / "actors_map.yaml", period="month")
print(result.summary())"""),
md("""## One pair, month by month

Russia and the West, both directions together: the mean Goldstein score hides the conflict that the
QuadClass counts keep."""),
code("""agg = result.aggregates
pair = agg[((agg.source == "RUS") & (agg.target == "WEST")) | ((agg.source == "WEST") & (agg.target == "RUS"))]
monthly = pair.groupby("period")[["events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum"]].sum()
monthly["cooperation"] = monthly.quad1 + monthly.quad2
monthly["conflict"] = monthly.quad3 + monthly.quad4
monthly["goldstein_mean"] = monthly.goldstein_sum / monthly.events
# counted apart: every month has both, whatever the mean says
assert (monthly.conflict > 0).sum() >= len(monthly) // 2 and (monthly.cooperation > 0).all()
monthly[["events", "cooperation", "conflict", "goldstein_mean"]]"""),
code("""ax = monthly[["cooperation", "conflict"]].plot(kind="bar", stacked=False, figsize=(10, 3.5),
                                              color=["#2e7d32", "#c62828"], title="Russia – the West: events a month")
ax.set_xlabel("month"); ax.set_ylabel("events");"""),
md("""## The derived relations

One alignment and one tension relation per pair and month where there were events of that kind,
each with its counts as evidence, its source naming the file and dates, and a confidence that
follows the volume. The fragment validates on its own and loads together with the bundled dataset
in one folder."""),
code("""rels = pd.DataFrame([{"id": r.id, "kind": r.kind, "weight": r.weight, "since": str(r.since),
                      "confidence": r.confidence, "evidence": r.evidence}
                     for r in result.relations if r.pair == ("RUS", "WEST")])
assert set(rels.kind) == {"alignment", "tension"}
rels.head(8)"""),
code("""import tempfile, shutil
folder = Path(tempfile.mkdtemp())
for f in graph.bundled_path().glob("*.yaml"):
    shutil.copy(f, folder / f.name)
(folder / "gdelt-georgia.yaml").write_text(result.fragment, encoding="utf-8")
merged = graph.load(folder)
assert graph.validate(folder) == []
print(len(merged.relations), "relations after merging the fragment with the bundled data")
rows = graph.timeline(merged, "2011-06", "2013-05", "quarter", metrics=["tension_strength"], actors=["RUS", "WEST"])
rows[rows.actor.notna()].pivot(index="period", columns="actor", values="value")"""),
md("""The merged graph over those two years, quarter by quarter: the event-derived relations appear and
end with their months beside the hand-written ones."""),
code("""graph.inline(graph.render_timeline_html(merged, "2011-06", "2013-05", "quarter"), height=700)"""),
]
# fixed cell ids, so that regenerating an unchanged notebook leaves it byte for byte the same
for i, cell in enumerate(nb.cells):
    cell.id = f"cell-{i:02d}"
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/04_event_data.ipynb")

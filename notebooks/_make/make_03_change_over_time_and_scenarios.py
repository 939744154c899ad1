import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# Change over time, and what-if

The seed article is a story of change — the 2006 protests, the embassy crisis, the 2023
expulsions, the 2024 trade surge, the February 2025 visit — and of open questions. Every relation
in the bundled dataset carries `since`/`until` dates, so the graph can be read on any day, followed
over years, and played forward under scenarios."""),
code("""from pathlib import Path
import tempfile
import pandas as pd
from IPython.display import Image
import graph

ds = graph.load()
rows = graph.timeline(ds, "1990", "2025", "year", metrics=["alignment_strength", "tension_strength"],
                      actors=["AZE", "IRN", "RUS"])
wide = rows[rows.actor.isna()].pivot(index="period", columns="metric", values="value")
wide[["relations", "triangle_balance", "frustration_index", "camp_1_size", "camp_2_size"]].iloc[::5]"""),
code("""# the frustration index climbs in steps as the region's ties multiply
f = wide["frustration_index"]
assert (f["1995-01-01"], f["2005-01-01"], f["2022-01-01"]) == (2, 5, 6)
png = Path(tempfile.mkdtemp()) / "timeline.png"
graph.plot_timeline(rows, png, title="Azerbaijan, Iran and Russia, 1990–2025")
Image(filename=str(png))"""),
md("""## What changed between 2021 and March 2025?

`graph.diff` lists the relations that appeared and ended, the pairs whose strength or net sign
changed, and the actors whose rank moved most."""),
code("""change = graph.diff(ds, "2021", "2025-03-01")
d = change.to_dict()
print(f"{len(d['appeared'])} relations appeared, {len(d['ended'])} ended; frustration "
      f"{d['before']['frustration_index']} → {d['after']['frustration_index']}")
flips = pd.DataFrame([c for c in d["changed"] if c["sign_before"] != c["sign_after"]])
assert ("AZE", "IRN") in set(zip(flips.source, flips.target))   # the pair tipped into net tension
flips"""),
md("""Azerbaijan–Iran tipped from net alignment into (barely) net tension between 2021 and 2025: the
embassy crisis and the espionage affair outweighed, by a hair, the trade, farm and transport ties
that grew at the same time.

## Scenarios

Four overlays in `data/scenarios/` play the article's open questions forward. Each is read on 1 June
2026 against the same day's baseline."""),
code("""scenarios = sorted((graph.bundled_path().parent / "scenarios").glob("*.yaml"))
results = {}
for path in scenarios:
    c = graph.compare(ds, graph.load_scenario(path, ds), at="2026-06-01")
    results[path.stem] = c
pd.DataFrame([{
    "scenario": c.scenario.title,
    "frustration": f"{c.baseline.frustration_index:.0f} → {c.outcome.frustration_index:.0f}",
    "weighted": f"{c.baseline.weighted_frustration:.2f} → {c.outcome.weighted_frustration:.2f}",
    "ties entering strain": len(c.entered_strain),
    "ties leaving strain": len(c.left_strain),
} for c in results.values()])"""),
code("""grip = results["russia_iran_corridor_grip"]
assert grip.outcome.frustration_index == grip.baseline.frustration_index + 1
print(grip.scenario.rationale)
pd.DataFrame(grip.to_dict()["strain"]["entered"])"""),
md("""If Russia and Iran turn their hold on the corridor into leverage, the Azerbaijan–Russia tie turns
to net tension while both stay in the same camp: one more tie under strain, exactly the pressure on
Baku's independence that the article warns of.

## The slider

The same history as one offline page: move the slider or press play."""),
code("""graph.inline(graph.render_timeline_html(ds, "1990", "2025", color_by="faction"), height=700)"""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/03_change_over_time_and_scenarios.ipynb")

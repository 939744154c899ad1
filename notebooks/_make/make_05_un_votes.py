import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# UN votes: alignment from what states do in the General Assembly

The seed dataset records what analysts say about Azerbaijan, Iran, Russia, Turkey and Israel. The
General Assembly records what their governments did: every roll-call vote since 1946 (Erik Voeten's
data, as cleaned by the `unvotes` R package). `graph.ingest_unvotes` turns those votes into
relations between states, year by year, so the two accounts can be read side by side.

Two numbers per pair and year, over the roll calls both states voted in:

* **agreement**: 1 for the same vote, 0.5 when one of them abstained, 0 for yes against no;
* **Scott's pi** (Häge 2011): the same agreement measured against what chance would give on that
  year's agenda. Most resolutions pass by large majorities, so two states that both vote yes on
  nearly everything agree often without having chosen each other. Pi is 0 at chance, positive
  above, negative below, and comes with a 95 % interval.

A pair becomes an alignment (tension) only when pi is at least 0.2 in size *and* its interval
leaves out zero; the weight is pi's size. Cohen's kappa and S are kept beside it."""),
code("""from pathlib import Path
import tempfile
import pandas as pd
import graph

data = Path("..") / "tests" / "fixtures" / "unvotes"
votes, calls, issues = data / "un_votes.csv.gz", data / "un_roll_calls.csv.gz", data / "un_roll_call_issues.csv.gz"
years = Path(tempfile.mkdtemp())          # one fragment per year, to load any year on its own
world = graph.ingest_unvotes(votes, calls, issues, split="year", output=years)
print(world.summary())
# Namibia's code is "NA": read as text it stays a member, read as "missing" it would vanish
assert "NAM" in world.members and world.unmapped == {"(no code) Zanzibar": 2}"""),
md("""## Votes and words: Azerbaijan since 1992

The article behind the seed describes Baku's ties to Ankara and Tel Aviv as close and its ties to
Tehran as tense. The votes say something else, and the chance correction changes the reading
again: Azerbaijan votes with Iran on nine roll calls out of ten, but so does almost everyone on that
agenda, and pi's interval straddles zero; with Israel and the United States, which often vote no on
what Azerbaijan supports, pi is clearly negative."""),
code("""p = world.pairs
partners = ["IRN", "TUR", "RUS", "ISR", "USA"]
rows = []
for other in partners:
    a, b = sorted(("AZE", other))
    part = p[(p.a == a) & (p.b == b)].assign(partner=other, year=lambda d: d.period.astype(int))
    rows.append(part[part.year.between(1992, 2019)])
aze = pd.concat(rows)

def figure(partner, year, column):
    return float(aze[(aze.partner == partner) & (aze.year == year)][column].iloc[0])

# the figures the issue quotes, from the data
assert round(figure("IRN", 2015, "agreement"), 2) == 0.92
assert round(figure("TUR", 2015, "agreement"), 2) == 0.70
assert round(figure("ISR", 2019, "agreement"), 2) == 0.23
# ... and what chance makes of them
assert abs(figure("IRN", 2015, "pi")) < 1.96 * figure("IRN", 2015, "se_pi")
assert figure("ISR", 2019, "pi") + 1.96 * figure("ISR", 2019, "se_pi") < 0
aze.pivot(index="year", columns="partner", values="agreement").round(2).tail(6)"""),
code("""import matplotlib.pyplot as plt
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4), sharex=True)
for partner, part in aze.groupby("partner"):
    left.plot(part.year, part.agreement, label=partner)
    right.plot(part.year, part["pi"], label=partner)
    right.fill_between(part.year, part["pi"] - 1.96 * part.se_pi, part["pi"] + 1.96 * part.se_pi, alpha=0.1)
left.set_title("Azerbaijan's agreement with …"); left.set_ylim(0, 1)
right.set_title("… and Scott's pi, with its 95 % interval"); right.axhline(0, color="grey", lw=0.8)
left.legend(ncol=5, fontsize=8); left.set_xlabel("year"); right.set_xlabel("year");"""),
md("""## The great powers and the seed's actors, 1946–2019

The same ingest, kept to thirteen states, as one page with a slider over the years: ties appear,
flip and fade as the Cold War sets in, ends, and the post-Soviet states join in 1992. `RUS` is the
Soviet Union until 1991 (the data gives both one code, and Russia took the Soviet seat)."""),
code("""cast = ["USA", "RUS", "CHN", "GBR", "FRA", "AZE", "IRN", "TUR", "ISR", "ARM", "IND", "KAZ", "TKM"]
folder = Path(tempfile.mkdtemp())
few = graph.ingest_unvotes(votes, calls, actors=cast, output=folder / "unga.yaml")
ds = graph.load(folder)
assert graph.validate(folder) == []
print(len(ds.relations), "vote-derived relations between", len(ds.actors), "states")
graph.inline(graph.render_timeline_html(ds, "1946", "2019", "year", color_by="faction"), height=760)"""),
md("""## Balance, decade by decade

For one year in each decade, the whole Assembly as a signed network, split into the two camps that
leave the fewest (weighted) ties contradicting them. The split is proven optimal where the solver
finished within its time budget; otherwise it is the best found, with its gap to the proven bound."""),
code("""def camps(year, time_limit=5.0):
    one = Path(tempfile.mkdtemp())
    (one / "unga.yaml").write_text(world.fragments[f"unga-{year}"], encoding="utf-8")
    report = graph.balance(graph.load(one), at=f"{year}-06-01", weighted=True, time_limit=time_limit)
    return report.split

splits = {year: camps(year) for year in range(1950, 2011, 10)}
rows = []
for year, split in splits.items():
    west = split.side["USA"]
    with_usa = sorted(a for a, s in split.side.items() if s == west)
    rows.append({"year": year, "with the USA": len(with_usa), "other camp": len(split.side) - len(with_usa),
                 "RUS with USA": split.side.get("RUS") == west, "CHN with USA": split.side.get("CHN") == west,
                 "TUR with USA": split.side.get("TUR") == west, "IRN with USA": split.side.get("IRN") == west,
                 "optimal": split.optimal, "frustration": round(split.frustration, 1)})
pd.DataFrame(rows).set_index("year")"""),
code("""# the Cold War's camps: the United States, Britain and France against the USSR and its allies
side = splits[1960].side
assert side["USA"] == side["GBR"] == side["FRA"]
assert side["RUS"] == side["POL"] == side["HUN"] == side["BGR"] != side["USA"]
print("1960, with the USSR:", ", ".join(sorted(a for a, s in side.items() if s == side["RUS"])))"""),
code("""# after 1979 Iran leaves the United States' side; Turkey stays on it in every decade; from the 1980s
# (every split proven) the camp around the United States is the smaller one, and China is never in it
table = pd.DataFrame(rows).set_index("year")
later = table.loc[1980:]
assert later["optimal"].all() and (later["with the USA"] < later["other camp"]).all()
assert table["TUR with USA"].all() and not later["IRN with USA"].any() and not later["CHN with USA"].any()
print("Russia with the United States in:", [y for y in table.index if table.loc[y, "RUS with USA"]])"""),
md("""In 1960 the split is the Cold War as the Assembly voted it: the West with most of Latin America
and Western Europe on one side; the Soviet bloc, with the newly independent states of Africa and
Asia that voted with it on colonialism, on the other. From the 1980s the camp around the United
States shrinks to a few dozen states (Western Europe, Israel, a few allies) while the rest of the
Assembly forms the other. After 1991 the line runs between the West and the rest rather than
between two blocs, and Russia's place on it moves: in 2000 the best split puts it on the West's
side, in 2010 back on the other; China is never there, Turkey always, Iran not since the 1980s.
Read each row with its `optimal` flag: 1960 and 1970 were not proven within five seconds, so an
equally good split may place the swing states differently (`graph.balance(..., time_limit=60)`
proves more)."""),
]
# fixed cell ids, so that regenerating an unchanged notebook leaves it byte for byte the same
for i, cell in enumerate(nb.cells):
    cell.id = f"cell-{i:02d}"
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbf.write(nb, "notebooks/05_un_votes.ipynb")

"""Is the page legible at the view it opens with? geograph's layout against NetworkX's and ForceAtlas2.

For each graph the page is written with :func:`graph.write_html` and opened in headless Chromium
(Debian's package, driven by Playwright) at 1400x900, network blocked. After the page's own first
drawing (vis-network fits the drawing to the canvas), the script reads, through
``window.geograph.network``, every actor's position (``getPositions``), its radius (the node's
``size``) and its box (``getBoundingBox``: the node's shape with its label), and counts:

* *actors*: pairs of actors whose shapes overlap (discs of the node's ``size``, the radius vis-network
  draws every shape with);
* *labels*: pairs of overlapping boxes (``getBoundingBox``, shape and label together);
* *spread*: the square root of the smaller over the larger eigenvalue of the positions' covariance
  (minor over major axis of the cloud: 0 on a line, 1 as round as a disc or a square);
* *out*: actors whose centre is outside the canvas at the opening view.

The other layouts are measured in the same page in the same run: the page is opened, every node's
``x``/``y`` replaced with the other layout's positions and the view fitted again, as the page does at
load. Their positions are centred and scaled so the largest coordinate is 500 px (geograph's
default half-width before this benchmark). NetworkX's ``kamada_kawai_layout`` and ``spring_layout``
(seeded) and ForceAtlas2 (the ``fa2`` package, Gephi's default layout, 500 iterations) are run on
the graph of ties with every tie's weight; none of them knows that a tie can be hostile. Time is
each layout's alone, in seconds, and its ratio to geograph's in the same run.

*ally/rival*: mean length of the alignment lines over that of the tension lines (below 1: allies drawn
nearer than rivals, camps apart), from the positions in the page.

The graphs: the reference networks in ``shared/reference/signed`` (their copies in
``tests/fixtures/reference``, read with
:func:`graph.read_edgelist`), the bundled data (the page as it opens by default), hand-written small graphs (eight Sahel
states, six actors of the South China Sea, a path and a star), one Correlates of War window of 141
states (1988-91). A planted two-camp graph of 2,000 actors (10 % of ties contrary to the camps) is
judged without the browser: the share of actors nearer their own camp's centre than the other's.

    python benchmarks/page_legibility.py [--only NAME ...] [--no-others]
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# the checkout this script is in, not whichever geograph is installed
sys.path.insert(0, str(HERE.parent))

import graph  # noqa: E402
from graph.layout import signed_layout  # noqa: E402
from graph.model import Actor, Dataset, Relation  # noqa: E402

#: Copies of the project's reference networks (shared/reference/signed), as the tests read them.
REFERENCE = HERE.parent / "tests" / "fixtures" / "reference"
COW = HERE / "data" / "cow_doreian_mrvar_1946_1999_all_windows.csv"
SCALE = 500.0

#: Eight Sahel states, 2024, written by hand: the Alliance of Sahel States (Mali, Burkina Faso,
#: Niger) against ECOWAS's core (Nigeria, Senegal, Côte d'Ivoire); Chad and Mauritania between.
SAHEL = """source,target,sign
MLI,BFA,1
MLI,NER,1
BFA,NER,1
NGA,SEN,1
NGA,CIV,1
SEN,CIV,1
MLI,CIV,-1
NER,NGA,-1
BFA,CIV,-1
MLI,MRT,-1
TCD,NER,1
TCD,NGA,1
MRT,SEN,1
NER,CIV,-1
"""

#: Six actors of the South China Sea written by hand: China against the Philippines and Vietnam,
#: the United States with the Philippines and Japan, Vietnam and the Philippines on one side.
SOUTH_CHINA_SEA = """source,target,sign
CHN,PHL,-1
CHN,VNM,-1
USA,PHL,1
USA,JPN,1
JPN,PHL,1
CHN,USA,-1
VNM,PHL,1
MYS,CHN,1
MYS,VNM,-1
"""


def from_text(text: str, name: str) -> Dataset:
    path = Path(tempfile.mkdtemp()) / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    ds, problems = graph.read_edgelist(path, display=f"{name}.csv")
    assert not problems, problems
    return ds


def reference(name: str) -> Dataset:
    ds, problems = graph.read_edgelist(REFERENCE / name, display=name)
    assert not problems, problems
    return ds


def cow_window(window: str = "88-91") -> Dataset:
    import csv

    with COW.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["window"] == window]
    text = "source,target,sign\n" + "".join(f"{r['source']},{r['target']},{r['sign']}\n" for r in rows)
    return from_text(text, f"cow_{window}")


def path_graph(n: int = 8) -> Dataset:
    return from_text("source,target,sign\n" + "".join(f"P{i},P{i + 1},1\n" for i in range(n - 1)), "path")


def star_graph(n: int = 9) -> Dataset:
    return from_text("source,target,sign\n" + "".join(f"HUB,L{i},{1 if i % 3 else -1}\n" for i in range(1, n)), "star")


def planted_camps(n: int = 2000, degree: int = 6, contrary: float = 0.1, seed: int = 3) -> tuple[Dataset, set[str]]:
    """Two camps of ``n / 2``; each actor ties itself to ``degree / 2`` actors of its own camp and as many
    of the other, alignment inside and tension across, ``contrary`` of each the other way round."""
    rnd = random.Random(seed)
    ids = [f"A{i:05d}" for i in range(n)]
    half = n // 2
    relations = []
    for i in range(n):
        own = range(0, half) if i < half else range(half, n)
        other = range(half, n) if i < half else range(0, half)
        for k in range(degree // 2):
            for pool, sign in ((own, 1), (other, -1)):
                j = rnd.choice(pool)
                if j != i:
                    kind = "alignment" if (sign > 0) != (rnd.random() < contrary) else "tension"
                    relations.append(Relation(f"r{i}-{k}-{sign}", ids[i], ids[j], False, kind, "general", 1.0))
    actors = tuple(Actor(x, x, "state") for x in ids)
    return Dataset(title=f"{n} actors in two camps", actors=actors, relations=tuple(relations)), set(ids[:half])


def graphs() -> dict[str, Dataset]:
    return {
        "Gahuku-Gama": reference("gahuku_gama_read1954.csv"),
        "Slovene parties": reference("slovene_parliamentary_parties_1994.csv"),
        "Everett-Borgatti ex. 10": reference("everett_borgatti2014_example10.csv"),
        "Sampson (symmetrized)": reference("sampson_everett_borgatti2014_symmetrized.csv"),
        "Sampson (directed)": reference("sampson_everett_borgatti2014_directed.csv"),
        "bundled data": graph.load(),
        "Sahel (by hand)": from_text(SAHEL, "sahel"),
        "South China Sea (by hand)": from_text(SOUTH_CHINA_SEA, "south_china_sea"),
        "path of 8": path_graph(),
        "star of 9": star_graph(),
        "CoW 1988-91": cow_window(),
    }


# --------------------------------------------------------------------------------------------
# the other layouts, on the graph of ties (weights kept, signs unknown to them)


def _tie_graph(ds: Dataset):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted(a.id for a in ds.actors))
    for r in ds.relations:
        if r.source != r.target:
            w = g.get_edge_data(r.source, r.target, {"weight": 0.0})["weight"]
            g.add_edge(r.source, r.target, weight=max(w, r.weight))
    return g


def _in_box(pos: dict) -> dict[str, tuple[float, float]]:
    ids = sorted(pos)
    xy = np.array([pos[n] for n in ids], dtype=float)
    xy -= xy.mean(axis=0)
    xy /= np.abs(xy).max() or 1.0
    return {n: (round(float(x) * SCALE, 1), round(float(y) * SCALE, 1)) for n, (x, y) in zip(ids, xy)}


def nx_kamada_kawai(ds: Dataset):
    import networkx as nx

    return _in_box(nx.kamada_kawai_layout(_tie_graph(ds)))


def nx_spring(ds: Dataset):
    import networkx as nx

    return _in_box(nx.spring_layout(_tie_graph(ds), weight="weight", seed=7))


def forceatlas2(ds: Dataset):
    import networkx as nx

    g = _tie_graph(ds)
    ids = list(g.nodes)
    try:
        from fa2 import ForceAtlas2
    except ImportError:  # networkx 3.4+ has its own
        return _in_box(nx.forceatlas2_layout(g, max_iter=500, seed=7, weight="weight"))
    matrix = nx.to_scipy_sparse_array(g, nodelist=ids, weight="weight").tocsr().astype(float)
    layout = ForceAtlas2(verbose=False, seed=7).forceatlas2(matrix, iterations=500)
    return _in_box(dict(zip(ids, layout)))


OTHERS = {"networkx kamada_kawai": nx_kamada_kawai, "networkx spring": nx_spring, "ForceAtlas2 (fa2)": forceatlas2}


# --------------------------------------------------------------------------------------------
# the browser


_READ = """(replace) => {
  const G = window.geograph, net = G.network;
  if (replace) {
    G.nodes.update(Object.keys(replace).map(id => ({ id: id, x: replace[id][0], y: replace[id][1] })));
    net.fit({ animation: false });
    net.redraw();
  }
  const ids = G.nodes.getIds(), at = net.getPositions(ids), c = document.getElementById("mynetwork");
  const rows = ids.map(id => {
    const b = net.getBoundingBox(id), n = net.body.nodes[id], d = net.canvasToDOM(at[id]);
    return [id, at[id].x, at[id].y, n.options.size, b.left, b.top, b.right, b.bottom, d.x, d.y];
  });
  return { rows: rows, width: c.clientWidth, height: c.clientHeight };
}"""


def spread(xy: np.ndarray) -> float:
    """Minor over major axis of a cloud of points: sqrt of the eigenvalue ratio of its covariance."""
    if len(xy) < 3:
        return math.nan
    low, high = np.linalg.eigvalsh(np.cov(xy.T))
    return math.sqrt(max(low, 0.0) / high) if high > 0 else 0.0


def ally_rival(view: dict, ds: Dataset) -> float:
    at = {r[0]: (r[1], r[2]) for r in view["rows"]}
    length = {"alignment": [], "tension": []}
    for r in ds.relations:
        if r.source != r.target and r.source in at and r.target in at:
            length[r.kind].append(math.dist(at[r.source], at[r.target]))
    return float(np.mean(length["alignment"]) / np.mean(length["tension"])) if all(length.values()) else math.nan


def figures(view: dict) -> dict[str, float]:
    rows = view["rows"]
    xy = np.array([[r[1], r[2]] for r in rows])
    size = np.array([r[3] for r in rows])
    box = np.array([r[4:8] for r in rows])
    dom = np.array([r[8:10] for r in rows])
    n = len(rows)
    i, j = np.triu_indices(n, 1)
    d = np.hypot(*(xy[i] - xy[j]).T)
    actors = int(np.sum(d < size[i] + size[j]))
    labels = int(np.sum((box[i, 0] < box[j, 2]) & (box[j, 0] < box[i, 2]) & (box[i, 1] < box[j, 3]) & (box[j, 1] < box[i, 3])))
    out = int(np.sum((dom[:, 0] < 0) | (dom[:, 0] > view["width"]) | (dom[:, 1] < 0) | (dom[:, 1] > view["height"])))
    return {"actors": actors, "labels": labels, "spread": spread(xy), "out": out}


def browser(playwright):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        sys.exit("Debian's chromium is needed: apt-get install chromium")
    return playwright.chromium.launch(executable_path=exe, headless=True, args=["--no-sandbox", "--disable-gpu"])


def measure(b, path: Path, replace: dict | None = None) -> dict:
    page = b.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url == path.as_uri() else r.abort())
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-drawn=true]", timeout=60_000)
    view = page.evaluate(_READ, replace)
    page.close()
    return view


def timed(fn, ds):
    start = time.perf_counter()
    out = fn(ds)
    return time.perf_counter() - start, out


def camps_share(pos: dict, west: set[str]) -> float:
    xy = {side: np.array([pos[a] for a in pos if (a in west) == side]) for side in (True, False)}
    centre = {side: xy[side].mean(axis=0) for side in xy}
    home = sum(math.dist(pos[a], centre[a in west]) < math.dist(pos[a], centre[a not in west]) for a in pos)
    return home / len(pos)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names of graphs to measure (default: all)")
    parser.add_argument("--no-others", action="store_true", help="measure geograph's layout only")
    parser.add_argument("--dump", type=Path, help="write each page's rows (positions, boxes) as JSON here")
    args = parser.parse_args()
    out_dir = Path(tempfile.mkdtemp())
    print(f"{'graph':<26} {'actors':>6}  {'layout':<22} {'actors':>6} {'labels':>6} {'spread':>6} {'out':>4} "
          f"{'ally/rival':>10} {'seconds':>8} {'x geograph':>10}")
    dumps = {}
    with sync_playwright() as p:
        b = browser(p)
        for name, ds in graphs().items():
            if args.only and name not in args.only:
                continue
            page = graph.write_html(ds, out_dir / "page.html")
            ours, _ = timed(lambda d: signed_layout(d, scale=SCALE), ds)
            runs = [("geograph signed_layout", ours, None)]
            if not args.no_others:
                runs += [(label, *timed(fn, ds)) for label, fn in OTHERS.items()]
            for label, seconds, positions in runs:
                view = measure(b, page, positions)
                dumps[f"{name} / {label}"] = view
                f = figures(view)
                print(f"{name:<26} {len(ds.actors):6d}  {label:<22} {f['actors']:6d} {f['labels']:6d} "
                      f"{f['spread']:6.2f} {f['out']:4d} {ally_rival(view, ds):10.2f} {seconds:8.3f} "
                      f"{seconds / ours:10.1f}", flush=True)
        b.close()
    if args.dump:
        import json

        args.dump.write_text(json.dumps(dumps))
    if not args.only or "planted 2,000" in args.only:
        ds, west = planted_camps()
        runs = [("geograph signed_layout", lambda d: signed_layout(d, scale=SCALE))]
        if not args.no_others:
            runs.append(("networkx spring", nx_spring))
            runs.append(("ForceAtlas2 (fa2)", forceatlas2))
        for label, fn in runs:
            seconds, pos = timed(fn, ds)
            print(f"{'planted 2,000 (own camp)':<26} {len(ds.actors):6d}  {label:<22} "
                  f"{100 * camps_share(pos, west):5.1f}% nearer own camp's centre, {seconds:.2f} s", flush=True)
    print("targets up to 60 actors: 0 actors, 0 labels, spread >= 0.3, 0 out; 141 actors: 0 actors; "
          "planted 2,000: >= 97 %")


if __name__ == "__main__":
    main()

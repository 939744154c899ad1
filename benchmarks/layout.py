"""How fast and how well ``signed_layout`` places 600 to 10,000 actors, against NetworkX in the same run.

600 is the largest graph the stress layout draws (``FORCE_LIMIT``); above it the sampled simulation.

Two seeded synthetic datasets per size: *random*, about five relations an actor of both kinds
between random pairs (``page_load.synthetic``, what the page benchmark draws), and *camps*, about
ten an actor with alignment mostly inside a few camps and tension mostly across
(``generate.synthetic``, what ``run.py`` reads; dates are ignored, every relation counts). Each
layout is timed once and judged on its positions in page pixels:

* *piled*: the share of actors within 1 px of another actor (drawn on top of each other);
* *ally/random*: mean alignment-edge length over the mean distance of random pairs of linked
  actors (below 1: allies are drawn together);
* *rival/ally*: mean tension-edge length over mean alignment-edge length (above 1: rivals are
  drawn further apart than allies).

The references, run on the same data in the same run: NetworkX's ``spectral_layout`` of the
alignment layer plus tension at 0.05 of its weight, scaled by its largest coordinate (geograph's
path above 600 actors before the sampled simulation replaced it), and, up to ``--spring-max``
actors, NetworkX's ``spring_layout`` (exact Fruchterman-Reingold on the alignment layer, seeded,
O(n^2) a step), scaled the same way. Times include building the layers from the relations.

    python benchmarks/layout.py [--sizes 600 1000 2000 5000 10000] [--spring-max 2000]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# the checkout this script is in, not whichever geograph is installed
sys.path.insert(0, str(HERE.parent))

import generate  # noqa: E402
from page_load import synthetic as random_dataset  # noqa: E402

from graph.layout import signed_layout  # noqa: E402
from graph.model import Actor, Dataset, Relation  # noqa: E402
from graph.network import layer  # noqa: E402

SCALE = 500.0


def camps_dataset(n: int, seed: int = 1) -> Dataset:
    """``generate.synthetic`` as a Dataset, every relation current (the layout ignores dates)."""
    data = generate.synthetic(n, seed)
    return Dataset(title=f"{n} actors in camps", actors=tuple(Actor(a, name, kind) for a, name, kind in data.actors),
                   relations=tuple(Relation(rid, src, dst, directed, kind, domain, weight)
                                   for rid, src, dst, directed, kind, domain, weight, *_ in data.relations))


def _in_box(pos: dict) -> dict[str, tuple[float, float]]:
    """NetworkX positions centred, scaled by the largest coordinate to ``[-SCALE, SCALE]`` and rounded."""
    ids = sorted(pos)
    xy = np.array([pos[n] for n in ids], dtype=float)
    xy -= xy.mean(axis=0)
    xy /= np.abs(xy).max() or 1.0
    return {n: (round(float(x) * SCALE, 1), round(float(y) * SCALE, 1)) for n, (x, y) in zip(ids, xy)}


def _linked_graphs(dataset: Dataset):
    import networkx as nx

    al, te = layer(dataset, "alignment"), layer(dataset, "tension")
    linked = [n for n in al if al.degree(n) or te.degree(n)]
    g = nx.Graph()
    g.add_nodes_from(linked)
    return al, te, g


def nx_spectral(dataset: Dataset) -> dict[str, tuple[float, float]]:
    """geograph's old large-graph path: spectral layout of alignment plus 0.05 x tension (ARPACK
    starts from a random vector, so this one differs from run to run)."""
    import networkx as nx

    al, te, g = _linked_graphs(dataset)
    g.add_weighted_edges_from((a, b, d["weight"]) for a, b, d in al.edges(data=True))
    g.add_weighted_edges_from((a, b, 0.05 * d["weight"]) for a, b, d in te.edges(data=True) if not g.has_edge(a, b))
    return _in_box(nx.spectral_layout(g, weight="weight"))


def nx_spring(dataset: Dataset) -> dict[str, tuple[float, float]]:
    """NetworkX's Fruchterman-Reingold on the alignment layer (it knows no repulsive edges)."""
    import networkx as nx

    al, _, g = _linked_graphs(dataset)
    g.add_weighted_edges_from((a, b, d["weight"]) for a, b, d in al.edges(data=True))
    return _in_box(nx.spring_layout(g, weight="weight", seed=7))


def quality(pos: dict[str, tuple[float, float]], dataset: Dataset) -> tuple[float, float, float]:
    """(piled share, ally/random, rival/ally) of a layout; see the module notes."""
    from scipy.spatial import cKDTree

    ids = sorted(pos)
    xy = np.array([pos[n] for n in ids], dtype=float)
    # the second-nearest point is the nearest other actor (the first is the actor itself)
    near, _ = cKDTree(xy).query(xy, k=2)
    piled = float(np.mean(near[:, 1] <= 1.0))
    at = {n: i for i, n in enumerate(ids)}
    pairs = {"alignment": set(), "tension": set()}
    for r in dataset.relations:
        if r.source != r.target and r.source in at and r.target in at:
            pairs[r.kind].add((min(r.source, r.target), max(r.source, r.target)))

    def mean_length(kind: str) -> float:
        a = np.array([at[s] for s, _ in pairs[kind]])
        b = np.array([at[t] for _, t in pairs[kind]])
        return float(np.linalg.norm(xy[a] - xy[b], axis=1).mean()) if len(a) else math.nan

    linked = np.array(sorted({at[x] for kind in pairs for pair in pairs[kind] for x in pair}))
    rng = np.random.default_rng(0)
    a, b = rng.choice(linked, 20_000), rng.choice(linked, 20_000)
    keep = a != b
    random_pair = float(np.linalg.norm(xy[a[keep]] - xy[b[keep]], axis=1).mean())
    ally, rival = mean_length("alignment"), mean_length("tension")
    # a layout that piles every ally on one point has no ratio to speak of
    ratio = lambda a, b: a / b if b else math.inf  # noqa: E731
    return piled, ratio(ally, random_pair), ratio(rival, ally)


def timed(fn: Callable[[Dataset], dict], dataset: Dataset) -> tuple[float, dict]:
    start = time.perf_counter()
    pos = fn(dataset)
    return time.perf_counter() - start, pos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[600, 1000, 2000, 5000, 10000])
    parser.add_argument("--spring-max", type=int, default=2000,
                        help="largest size NetworkX's spring_layout is run at (it is O(n^2) a step)")
    args = parser.parse_args()
    print(f"{'data':>6} {'actors':>7} {'relations':>9}  {'layout':<22} {'seconds':>8} {'piled %':>8} "
          f"{'ally/random':>11} {'rival/ally':>10}")
    for n in args.sizes:
        for name, make in (("random", random_dataset), ("camps", camps_dataset)):
            ds = make(n)
            runs = [("geograph signed_layout", lambda d: signed_layout(d, scale=SCALE)),
                    ("networkx spectral (old)", nx_spectral)]
            if n <= args.spring_max:
                runs.append(("networkx spring_layout", nx_spring))
            for label, fn in runs:
                seconds, pos = timed(fn, ds)
                piled, ally, rival = quality(pos, ds)
                print(f"{name:>6} {n:7d} {len(ds.relations):9d}  {label:<22} {seconds:8.2f} {100 * piled:8.1f} "
                      f"{ally:11.2f} {rival:10.2f}", flush=True)
    print("targets: 2,000 actors well under 3 s, 5,000 under 8 s; piled under 1 %")


if __name__ == "__main__":
    main()

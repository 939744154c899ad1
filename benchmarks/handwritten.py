"""The centrality report written by hand, as a user would script it: the references of the benchmarks.

Two versions of the same report, from the same files, with no validation:

* ``report_networkx``: pandas for the table work, NetworkX for the graph measures, SciPy for the
  linear algebra (what a user of the Python scientific stack writes);
* ``report_igraph``: the same with python-igraph for the graph measures (what a user picks for
  speed).

Both compute every column of ``geograph centrality`` with the same definitions (README, Metrics):
the relations in force on the day, each pair's relations of one kind combined as ``1 - prod(1 - w)``,
betweenness and closeness on ``distance = 1 / strength``, eigenvector, PageRank, PN in three
modes and the signed eigenvector. ``benchmarks/run.py`` checks that they agree with geograph's
report before it times anything.

    python benchmarks/handwritten.py [DATASET] [--at DATE] [--engine networkx|igraph]

prints the report as CSV (the bundled dataset by default), like
``geograph centrality --format csv``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

__all__ = ["read_dataset", "report_networkx", "report_igraph"]

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["degree", "alignment_degree", "tension_degree", "alignment_strength", "tension_strength",
           "net_strength", "tension_share", "betweenness", "closeness", "eigenvector", "pagerank", "pn",
           "pn_in", "pn_out", "signed_eigenvector", "tension_eigenvector"]


def _day(value) -> pd.Timestamp | None:
    """A YAML or CSV date (2022, "2022-05", 2022-05-03) as its first day."""
    if value is None or value == "" or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    text = str(value)
    parts = text.split("-")
    return pd.Timestamp(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def read_dataset(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors (``id``, ``name``, ``kind``) and relations (``source``, ``target``, ``directed``, ``kind``,
    ``weight``, ``start``, ``end``) from a YAML file, a folder of them, or a CSV edge list."""
    path = Path(path)
    if path.suffix == ".csv":
        rel = pd.read_csv(path, dtype={"source": str, "target": str, "since": str, "until": str},
                          keep_default_na=False)
        rel["directed"] = False
        rel["start"] = [_day(v) for v in rel["since"]]
        rel["end"] = [_day(v) for v in rel["until"]]
        ids = sorted(set(rel["source"]) | set(rel["target"]))
        actors = pd.DataFrame({"id": ids, "name": ids, "kind": "state"})
        return actors, rel[["source", "target", "directed", "kind", "weight", "start", "end"]]
    files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    actors, relations = [], []
    for file in files:
        doc = yaml.load(file.read_text(encoding="utf-8"), Loader=loader) or {}
        actors += [(a["id"], a["name"], a["kind"]) for a in doc.get("actors", [])]
        for r in doc.get("relations", []):
            src, dst = (r["between"] if "between" in r else (r["from"], r["to"]))
            relations.append((str(src), str(dst), "from" in r, r["kind"], float(r["weight"]),
                              _day(r.get("since")), _day(r.get("until"))))
    return (pd.DataFrame(actors, columns=["id", "name", "kind"]).drop_duplicates("id"),
            pd.DataFrame(relations, columns=["source", "target", "directed", "kind", "weight", "start", "end"]))


def _in_force(rel: pd.DataFrame, at: str) -> pd.DataFrame:
    day = _day(at)
    start, end = rel["start"], rel["end"]
    keep = (start.isna() | (start <= day)) & (end.isna() | (end > day))
    live = rel[keep.to_numpy(dtype=bool)].copy()
    a, b = live["source"].to_numpy(dtype=object), live["target"].to_numpy(dtype=object)
    live["a"], live["b"] = np.where(a <= b, a, b), np.where(a <= b, b, a)
    return live


def _combine(live: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Noisy-or of each group's weights: 1 - prod(1 - w); one relation keeps its weight."""
    grouped = live.assign(rest=1.0 - live["weight"]).groupby(keys, sort=True)
    out = grouped.agg(rest=("rest", "prod"), n=("weight", "size"), first=("weight", "first")).reset_index()
    out["w"] = np.where(out["n"] == 1, out["first"], 1.0 - out["rest"])
    return out


def _leading(matrix, magnitude: bool) -> np.ndarray:
    """The leading eigenvector of a sparse symmetric matrix (ARPACK, from the all-ones vector)."""
    from scipy.sparse.linalg import eigsh

    n = matrix.shape[0]
    if n < 3:
        values, vectors = np.linalg.eigh(matrix.toarray())
        j = int(np.argmax(np.abs(values) if magnitude else values))
        return vectors[:, j]
    values, vectors = eigsh(matrix, k=1, which="LM" if magnitude else "LA", v0=np.ones(n))
    return vectors[:, 0]


def _spectral_and_pn(ids: list[str], pairs: pd.DataFrame, live: pd.DataFrame, out: pd.DataFrame) -> None:
    """Eigenvector, tension eigenvector, PN (three modes) and signed eigenvector, with SciPy."""
    from scipy.sparse import bmat, coo_array, identity

    n = len(ids)
    index = pd.Series(np.arange(n), index=ids)

    def sym(frame: pd.DataFrame, values: np.ndarray):
        i, j = index[frame["a"]].to_numpy(), index[frame["b"]].to_numpy()
        return coo_array((np.r_[values, values], (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()

    for kind, column in (("alignment", "eigenvector"), ("tension", "tension_eigenvector")):
        part = pairs[pairs["kind"] == kind]
        if len(part) == 0:
            out[column] = 0.0
            continue
        x = np.abs(_leading(sym(part, part["w"].to_numpy()), magnitude=False))
        out[column] = np.where(x < 1e-12, 0.0, x) / np.linalg.norm(x)
    signed = pairs.assign(v=np.where(pairs["kind"] == "alignment", 1.0, -1.0) * pairs["w"])
    net = signed.groupby(["a", "b"], sort=True)["v"].sum().reset_index()
    net = net[net["v"] != 0]
    x = _leading(sym(net, net["v"].to_numpy()), magnitude=True)
    x = x / np.max(np.abs(x))
    if x[int(np.flatnonzero(np.abs(x) >= 1 - 1e-9)[0])] < 0:
        x = -x
    out["signed_eigenvector"] = np.where(np.abs(x) < 1e-12, 0.0, x) + 0.0
    # PN: A = P - 2N, beta = 1 / (2n - 2)
    beta, eye = 1.0 / (2 * n - 2), identity(n, format="csr")
    a_all = sym(pairs, np.where(pairs["kind"] == "alignment", 1.0, -2.0) * pairs["w"].to_numpy())
    # iterative solvers: a sparse LU of these systems fills in badly (minutes and GBs at 5,000 actors)
    out["pn"] = _solve(eye - beta * a_all, np.ones(n))
    cells = pd.concat([live.assign(i=live["source"], j=live["target"]),
                       live[~live["directed"]].assign(i=live["target"], j=live["source"])])
    arcs = _combine(cells, ["i", "j", "kind"])
    vals = np.where(arcs["kind"] == "alignment", 1.0, -2.0) * arcs["w"].to_numpy()
    a_dir = coo_array((vals, (index[arcs["i"]].to_numpy(), index[arcs["j"]].to_numpy())), shape=(n, n)).tocsr()
    both = _solve(bmat([[eye, -beta * a_dir], [-beta * a_dir.T, eye]]).tocsr(), np.ones(2 * n))
    out["pn_out"], out["pn_in"] = both[:n], both[n:]


def _solve(matrix, rhs: np.ndarray) -> np.ndarray:
    """``matrix x = rhs`` by BiCGSTAB to 1e-14, from ``rhs`` (the walk sum's first term)."""
    from scipy.sparse.linalg import bicgstab

    x, info = bicgstab(matrix, rhs, x0=rhs.copy(), rtol=1e-14, atol=0.0, maxiter=10_000)
    if info != 0:
        raise RuntimeError(f"BiCGSTAB did not converge ({info})")
    return x


def _table(actors: pd.DataFrame, live: pd.DataFrame, at: str) -> tuple[list[str], pd.DataFrame, pd.DataFrame]:
    ids = sorted(actors["id"])
    pairs = _combine(live, ["a", "b", "kind"])
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    names = actors.set_index("id")
    out["name"], out["kind"] = names["name"], names["kind"]
    for kind, degree, strength in (("alignment", "alignment_degree", "alignment_strength"),
                                   ("tension", "tension_degree", "tension_strength")):
        part = pairs[pairs["kind"] == kind]
        ends = pd.concat([part[["a", "w"]].rename(columns={"a": "v"}), part[["b", "w"]].rename(columns={"b": "v"})])
        out[degree] = ends.groupby("v").size().reindex(ids, fill_value=0)
        out[strength] = ends.groupby("v")["w"].sum().reindex(ids, fill_value=0.0)
    any_pair = pairs.drop_duplicates(["a", "b"])
    ends = pd.concat([any_pair["a"], any_pair["b"]])
    out["degree"] = ends.value_counts().reindex(ids, fill_value=0)
    out["net_strength"] = out["alignment_strength"] - out["tension_strength"]
    total = out["alignment_strength"] + out["tension_strength"]
    out["tension_share"] = np.where(total > 0, out["tension_strength"] / total.where(total > 0, 1.0), 0.0)
    return ids, pairs, out


def report_networkx(actors: pd.DataFrame, relations: pd.DataFrame, at: str) -> pd.DataFrame:
    """Every column of the centrality report, with pandas, NetworkX and SciPy."""
    import networkx as nx

    live = _in_force(relations, at)
    ids, pairs, out = _table(actors, live, at)
    al = nx.Graph()
    al.add_nodes_from(ids)
    part = pairs[pairs["kind"] == "alignment"]
    al.add_edges_from((a, b, {"weight": w, "distance": 1.0 / w}) for a, b, w in zip(part["a"], part["b"], part["w"]))
    out["betweenness"] = pd.Series(nx.betweenness_centrality(al, weight="distance"))
    out["closeness"] = pd.Series(nx.closeness_centrality(al, distance="distance"))
    out["pagerank"] = pd.Series(nx.pagerank(al, weight="weight"))
    _spectral_and_pn(ids, pairs, live, out)
    return out[["name", "kind", *COLUMNS]]


def report_igraph(actors: pd.DataFrame, relations: pd.DataFrame, at: str) -> pd.DataFrame:
    """Every column of the centrality report, with pandas, python-igraph and SciPy."""
    import igraph as ig

    live = _in_force(relations, at)
    ids, pairs, out = _table(actors, live, at)
    n = len(ids)
    index = pd.Series(np.arange(n), index=ids)
    part = pairs[pairs["kind"] == "alignment"]
    g = ig.Graph(n=n, edges=list(zip(index[part["a"]].to_numpy().tolist(), index[part["b"]].to_numpy().tolist())))
    distance = (1.0 / part["w"]).to_numpy().tolist()
    between = np.array(g.betweenness(weights=distance, directed=False))
    out["betweenness"] = 2.0 * between / ((n - 1) * (n - 2)) if n > 2 else 0.0
    reached = np.array(g.closeness(weights=distance, normalized=True))
    size = np.bincount(g.connected_components().membership)[g.connected_components().membership] - 1
    out["closeness"] = np.where(np.isnan(reached) | (size == 0), 0.0, np.nan_to_num(reached) * size / (n - 1))
    out["pagerank"] = g.pagerank(weights=part["w"].to_numpy().tolist(), directed=False)
    _spectral_and_pn(ids, pairs, live, out)
    return out[["name", "kind", *COLUMNS]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", default=str(ROOT / "data" / "caucasus"))
    parser.add_argument("--at", default=dt.date.today().isoformat())
    parser.add_argument("--engine", choices=["networkx", "igraph"], default="networkx")
    args = parser.parse_args()
    actors, relations = read_dataset(args.dataset)
    report = (report_networkx if args.engine == "networkx" else report_igraph)(actors, relations, args.at)
    report.round(6).to_csv(sys.stdout)


if __name__ == "__main__":
    main()

"""Seeded synthetic datasets for the benchmarks: YAML folders and CSV edge lists of any size.

A dataset of ``n`` actors has about ``10 n`` relations (so "ten relations each", every relation
counted once). The structure is meant to look like international relations rather than noise:

* actors fall into a few camps (blocs), alignment mostly inside a camp and tension mostly across,
  with 15 % of ties going against the grain, so balance has something to find;
* ties are drawn by preferential attachment within a small random window (``degree ~ few hubs,
  many minor actors``), so path measures meet hubs as they do in real data;
* a pair often has several relations in different domains, of both kinds;
* every relation has a weight on the documented scale, a domain, ``since`` and for a quarter of
  them ``until``; the snapshot day ``AT`` (2025-01-01) holds about 80 % of them;
* about 1 % of actors have no relation at all and a few small groups are cut off from the rest,
  so every measure meets disconnected graphs and isolated actors.

The same ``n`` and ``seed`` always give byte-identical files.

    python benchmarks/generate.py 1000 -o /tmp/synthetic-1000          # YAML folder
    python benchmarks/generate.py 1000 --csv -o /tmp/synthetic-1000.csv  # CSV edge list
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AT", "SIZES", "Synthetic", "synthetic", "write_yaml", "write_csv", "ensure"]

#: The snapshot day every benchmark reads the synthetic data on.
AT = "2025-01-01"
#: The sizes of the issue (actors); each has about ten relations per actor.
SIZES = (100, 1_000, 5_000, 10_000)

_DOMAINS = ("diplomatic", "economic", "energy", "transport", "security", "military", "intelligence",
            "ethnic", "cultural", "religious", "territorial", "humanitarian", "general")
_KINDS = ("state", "organisation", "bloc", "group", "project", "region", "company")
_WEIGHTS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0)
_CONFIDENCE = ("low", "medium", "high")


@dataclass(frozen=True)
class Synthetic:
    """One generated dataset as plain rows (the writers turn them into files)."""

    actors: list[tuple[str, str, str]]                         # id, name, kind
    relations: list[tuple[str, str, str, bool, str, str, float, str, str, str, str]]
    # id, source, target, directed, kind, domain, weight, since, until ('' = open), confidence, evidence


def _date(rng: random.Random, low: int, high: int) -> str:
    year = rng.randint(low, high)
    form = rng.random()
    if form < 0.5:
        return str(year)
    if form < 0.8:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def synthetic(n: int, seed: int = 1, per_actor: int = 10) -> Synthetic:
    """Actors ``A00001``… and about ``per_actor * n`` relations; see the module notes."""
    rng = random.Random(seed * 1_000_003 + n)
    width = max(4, len(str(n)))
    ids = [f"A{i:0{width}d}" for i in range(1, n + 1)]
    actors = [(a, f"Actor {i + 1}", _KINDS[0] if rng.random() < 0.6 else rng.choice(_KINDS))
              for i, a in enumerate(ids)]
    camps = max(2, min(6, n // 50))
    # camps are runs of neighbouring actors, and ties are mostly drawn between neighbours (below), so
    # most ties fall inside a camp: alignment dominates, as in real data
    camp = [min(camps - 1, i * camps // n) if rng.random() < 0.9 else rng.randrange(camps) for i in range(n)]
    isolated = set(rng.sample(range(n), max(1, n // 100)))
    # a few small islands, tied only among themselves
    island_of: dict[int, int] = {}
    pool = [i for i in range(n) if i not in isolated]
    rng.shuffle(pool)
    islands = max(1, n // 200)
    for k in range(islands):
        for i in pool[k * 4:(k + 1) * 4]:
            island_of[i] = k
    main = [i for i in pool if i not in island_of]
    main_set = set(main)
    target_relations = per_actor * n
    # pairs first: preferential attachment within a window of nearby actors, so hubs emerge
    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    weight_of = [1.0] * n
    order = sorted(main)
    position = {a: k for k, a in enumerate(order)}
    n_pairs = int(target_relations / 1.6)        # a pair carries 1.6 relations on average
    tries = 0
    while len(pairs) < n_pairs and tries < 20 * n_pairs:
        tries += 1
        a = rng.choice(order)
        if rng.random() < 0.8:
            span = max(10, len(order) // (4 * camps))
            lo = max(0, position[a] - span)
            window = order[lo:position[a] + span]
        else:
            window = rng.sample(order, min(len(order), 40))
        b = rng.choices(window, weights=[weight_of[x] for x in window])[0]
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        if key in seen:
            continue
        seen.add(key)
        pairs.append(key)
        weight_of[a] += 1.0
        weight_of[b] += 1.0
    for k in range(islands):
        members = [i for i, j in island_of.items() if j == k]
        for x in range(len(members) - 1):
            pairs.append((min(members[x], members[x + 1]), max(members[x], members[x + 1])))
    relations = []
    rid = 0
    for a, b in pairs:
        same = camp[a] == camp[b]
        grain = "alignment" if same else "tension"
        against = "tension" if same else "alignment"
        count = 1 + (rng.random() < 0.45) + (rng.random() < 0.15)
        domains = rng.sample(_DOMAINS, count)
        for domain in domains:
            rid += 1
            kind = grain if rng.random() < 0.85 else against
            since = _date(rng, 1950, 2024) if rng.random() < 0.9 else ""
            until = ""
            if rng.random() < 0.25:
                start = int(since[:4]) if since else 1940
                until = _date(rng, start + 1, 2035)
            directed = rng.random() < 0.2
            src, dst = (ids[a], ids[b]) if rng.random() < 0.5 else (ids[b], ids[a])
            relations.append((f"r{rid}", src, dst, directed, kind, domain, rng.choice(_WEIGHTS), since, until,
                              rng.choice(_CONFIDENCE), f"Synthetic tie {rid} between {src} and {dst}."))
    assert all(i not in main_set for i in isolated)
    return Synthetic(actors, relations)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_yaml(data: Synthetic, folder: str | Path) -> Path:
    """A dataset folder as people write one: ``sources.yaml``, ``actors.yaml``, ``relations.yaml``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(
        'title: "Synthetic benchmark dataset"\n'
        'description: "Generated by benchmarks/generate.py; not real relations."\n'
        "sources:\n  synthetic:\n    title: \"Synthetic data\"\n    publisher: \"geograph benchmarks\"\n"
        "    date: 2026\n", encoding="utf-8")
    lines = ["actors:"]
    for aid, name, kind in data.actors:
        lines += [f"  - id: {aid}", f"    name: {_q(name)}", f"    kind: {kind}"]
    (folder / "actors.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["relations:"]
    for rid, src, dst, directed, kind, domain, weight, since, until, confidence, evidence in data.relations:
        lines.append(f"  - id: {rid}")
        lines += [f"    from: {src}", f"    to: {dst}"] if directed else [f"    between: [{src}, {dst}]"]
        lines += [f"    kind: {kind}", f"    domain: {domain}", f"    weight: {weight}"]
        if since:
            lines.append(f"    since: {_q(since) if len(since) == 7 else since}")
        if until:
            lines.append(f"    until: {_q(until) if len(until) == 7 else until}")
        lines += [f"    confidence: {confidence}", f"    evidence: {_q(evidence)}", "    sources: [synthetic]"]
    (folder / "relations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def write_csv(data: Synthetic, path: str | Path) -> Path:
    """The same relations as a CSV edge list (every row mutual, as edge lists are read)."""
    import csv

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["id", "source", "target", "kind", "weight", "since", "until", "domain", "confidence",
                      "evidence"])
        for rid, src, dst, _directed, kind, domain, weight, since, until, confidence, evidence in data.relations:
            out.writerow([rid, src, dst, kind, weight, since, until, domain, confidence, evidence])
    return path


def ensure(n: int, root: str | Path, seed: int = 1) -> tuple[Path, Path]:
    """The YAML folder and CSV file for ``n`` actors under ``root``, generated once and reused."""
    root = Path(root)
    folder, csv_path = root / f"synthetic-{n}-s{seed}", root / f"synthetic-{n}-s{seed}.csv"
    if not (folder / "relations.yaml").is_file() or not csv_path.is_file():
        data = synthetic(n, seed)
        write_yaml(data, folder)
        write_csv(data, csv_path)
    return folder, csv_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actors", type=int)
    parser.add_argument("-o", "--output", required=True, help="a folder (YAML) or a .csv file (--csv)")
    parser.add_argument("--csv", action="store_true", help="write a CSV edge list instead of a YAML folder")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    data = synthetic(args.actors, args.seed)
    path = write_csv(data, args.output) if args.csv else write_yaml(data, args.output)
    print(f"wrote {path}: {len(data.actors)} actors, {len(data.relations)} relations")


if __name__ == "__main__":
    main()

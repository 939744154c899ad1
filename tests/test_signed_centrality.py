"""Signed centrality (graph/analysis/signed_centrality.py): published values and hand computation.

The reference edge lists in tests/fixtures/reference/ are copies of /work/shared/reference/signed/
(see its README): Everett & Borgatti (2014), "Networks containing negative ties", Social Networks
38:111-120, doi:10.1016/j.socnet.2014.03.005 — their 10-node example and Sampson's monastery as
they used it. Each row is ``source,target,sign``; every tie has weight 1.
"""

import csv
import math
import warnings
from pathlib import Path

import numpy as np
import pytest

from graph.analysis.signed_centrality import pn_centralities, pn_centrality, pn_matrices, signed_eigenvector
from graph.errors import GeographError, OptionError
from graph.model import Actor, Dataset, Relation

REFERENCE = Path(__file__).parent / "fixtures" / "reference"

#: Sampson's monks in the order of the paper's tables.
SAMPSON = ("ROMUALD BONAVENTURE AMBROSE BERTHOLD PETER LOUIS VICTOR WINFRID JOHN_BOSCO GREGORY "
           "HUGH BONIFACE MARK ALBERT AMAND BASIL ELIAS SIMPLICIUS").split()


def read_signed_csv(name: str, directed: bool = False) -> Dataset:
    """One relation per row: sign 1 is alignment, -1 tension, weight 1.0."""
    with open(REFERENCE / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = list(dict.fromkeys(x for row in rows for x in (row["source"], row["target"])))
    relations = tuple(
        Relation(f"r{k}", row["source"], row["target"], directed,
                 "alignment" if int(row["sign"]) == 1 else "tension", "general", 1.0)
        for k, row in enumerate(rows)
    )
    return Dataset(actors=tuple(Actor(x, x, "person") for x in ids), relations=relations)


def dataset(*relations: Relation, actors: str = "") -> Dataset:
    ids = sorted({*actors, *(x for r in relations for x in (r.source, r.target))})
    return Dataset(actors=tuple(Actor(x, x, "state") for x in ids), relations=relations)


def mutual(a: str, b: str, kind: str, weight: float = 1.0, rid: str = "", domain: str = "general") -> Relation:
    return Relation(rid or f"{a}{b}-{kind}", a, b, False, kind, domain, weight)


def arc(a: str, b: str, kind: str, weight: float = 1.0, domain: str = "general") -> Relation:
    return Relation(f"{a}>{b}-{kind}-{domain}", a, b, True, kind, domain, weight)


# --- published values ------------------------------------------------------------------------

def test_pn_everett_borgatti_example10():
    # Everett & Borgatti 2014, 10-node example (Fig. and table of PN values), nodes 1..10,
    # as given in the reference README (7 decimals).
    published = [0.9009747, 0.8613482, 0.9076997, 0.8613482, 0.8410658,
                 0.8496558, 0.8617321, 0.9015909, 0.8509848, 0.9072930]
    pn = pn_centrality(read_signed_csv("everett_borgatti2014_example10.csv"))
    assert [pn[str(i)] for i in range(1, 11)] == pytest.approx(published, rel=1e-6, abs=1e-6)


def test_signed_eigenvector_everett_borgatti_example10():
    # Everett & Borgatti 2014, 10-node example; values from R signnet's eigen_centrality_signed
    # (scaled to max |value| = 1), as given in the reference README. The overall sign is
    # arbitrary there; our convention (the largest |value| positive, ties to the first id in
    # sorted order: nodes 2 and 4 tie at 1, "2" sorts first) happens to give the published one.
    published = [-0.62214960, 1, -0.74518850, 1, -0.89990041,
                 0.64289592, 0.35828159, -0.37471921, -0.28087411, -0.07834568]
    ds = read_signed_csv("everett_borgatti2014_example10.csv")
    x = signed_eigenvector(ds)
    ours = [x[str(i)] for i in range(1, 11)]
    assert ours == pytest.approx(published, rel=1e-6, abs=1e-6)
    # the dominant eigenvalue is negative (about -4.268), and it is the one used
    ids, P, N = pn_matrices(ds)
    v = np.array([x[i] for i in ids])
    lam = float(v @ (P - N) @ v / (v @ v))
    assert lam == pytest.approx(-4.26841601, abs=1e-6)
    assert (P - N) @ v == pytest.approx(lam * v, abs=1e-9)


def test_pn_sampson_undirected_table4():
    # Everett & Borgatti 2014, Table 4: PN centrality of the symmetrized Sampson data (2 decimals).
    published = [1.03, 1.16, 1.07, 0.90, 0.77, 0.81, 0.76, 0.94, 0.90,
                 0.99, 0.85, 0.95, 0.86, 0.85, 0.64, 0.39, 0.48, 0.41]
    pn = pn_centrality(read_signed_csv("sampson_everett_borgatti2014_symmetrized.csv"))
    assert [round(pn[m], 2) for m in SAMPSON] == published


@pytest.mark.parametrize("mode, published", [
    # Everett & Borgatti 2014, Table 7: in-PN and out-PN of the directed Sampson data (2 decimals).
    ("in", [0.92, 1.24, 1.14, 0.79, 0.74, 0.87, 0.79, 1.03, 1.12,
            0.95, 0.85, 1.08, 0.96, 0.88, 0.71, 0.44, 0.49, 0.49]),
    ("out", [1.11, 1.03, 0.99, 0.86, 0.88, 0.80, 0.83, 1.01, 0.87,
             0.99, 0.88, 0.92, 0.93, 0.90, 0.86, 0.83, 0.94, 0.85]),
])
def test_pn_sampson_directed_table7(mode, published):
    ds = read_signed_csv("sampson_everett_borgatti2014_directed.csv", directed=True)
    pn = pn_centrality(ds, mode)
    assert [round(pn[m], 2) for m in SAMPSON] == published


TABLE_7 = {
    # Everett & Borgatti 2014, Table 7: in-PN and out-PN of the directed Sampson data (2 decimals).
    "pn_in": [0.92, 1.24, 1.14, 0.79, 0.74, 0.87, 0.79, 1.03, 1.12,
              0.95, 0.85, 1.08, 0.96, 0.88, 0.71, 0.44, 0.49, 0.49],
    "pn_out": [1.11, 1.03, 0.99, 0.86, 0.88, 0.80, 0.83, 1.01, 0.87,
               0.99, 0.88, 0.92, 0.93, 0.90, 0.86, 0.83, 0.94, 0.85],
}


def test_pn_sampson_directed_table7_from_a_csv_edge_list():
    # The directed Sampson arcs as a CSV edge list with a directed column (the reference file with
    # directed=true on every row): read as any user's file, it gives Table 7 in both modes, and the
    # undirected pn of the same file is Table 4's symmetrized measure, not a copy of either.
    from graph.read.edgelist import read_edgelist

    ds, problems = read_edgelist(Path(__file__).parent / "fixtures" / "csv" / "valid" / "sampson_directed.csv")
    assert problems == []
    found = pn_centralities(ds, ("in", "out"))
    assert [round(found["in"][m], 2) for m in SAMPSON] == TABLE_7["pn_in"]
    assert [round(found["out"][m], 2) for m in SAMPSON] == TABLE_7["pn_out"]
    assert found["in"] != found["out"] != pn_centrality(ds)


def test_cli_centrality_of_the_directed_sampson_csv_prints_table7():
    import json

    from click.testing import CliRunner

    from cli import main

    path = str(Path(__file__).parent / "fixtures" / "csv" / "valid" / "sampson_directed.csv")
    result = CliRunner().invoke(main, ["centrality", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    for column, published in TABLE_7.items():
        assert [round(rows[m][column], 2) for m in SAMPSON] == published, column


def test_pn_centralities_equal_pn_centrality_mode_by_mode():
    ds = read_signed_csv("sampson_everett_borgatti2014_directed.csv", directed=True)
    together = pn_centralities(ds)
    assert together == {mode: pn_centrality(ds, mode) for mode in ("all", "out", "in")}
    with pytest.raises(OptionError, match="unknown PN mode 'up'"):
        pn_centralities(ds, ("all", "up"))


def test_pn_directed_is_not_the_plain_formula_on_a_or_its_transpose():
    # Why the directed modes couple in and out (see pn_centrality Notes): the undirected formula
    # applied to A or to A^T misses Table 7 of Everett & Borgatti 2014 by up to 0.1.
    ds = read_signed_csv("sampson_everett_borgatti2014_directed.csv", directed=True)
    ids, P, N = pn_matrices(ds, directed=True)
    A, n = P - 2 * N, len(ids)
    for M, mode in ((A, "out"), (A.T, "in")):
        plain = np.linalg.solve(np.eye(n) - M / (2 * n - 2), np.ones(n))
        coupled = np.array(list(pn_centrality(ds, mode).values()))
        assert np.abs(plain - coupled).max() > 0.05


# --- PN by hand ------------------------------------------------------------------------------

def test_pn_path_by_hand():
    # A - B - C aligned, n = 3, beta = 1/4: a = 1 + b/4, b = 1 + (a + c)/4, c = a
    # => b = 12/7, a = c = 10/7
    pn = pn_centrality(dataset(mutual("A", "B", "alignment"), mutual("B", "C", "alignment")))
    assert pn == pytest.approx({"A": 10 / 7, "B": 12 / 7, "C": 10 / 7}, rel=1e-12)


def test_pn_mixed_path_by_hand():
    # A - B aligned, B - C tension (counts -2), beta = 1/4:
    # a = 1 + b/4, b = 1 + (a - 2c)/4, c = 1 - 2b/4  =>  b = 12/11, a = 14/11, c = 5/11
    pn = pn_centrality(dataset(mutual("A", "B", "alignment"), mutual("B", "C", "tension")))
    assert pn == pytest.approx({"A": 14 / 11, "B": 12 / 11, "C": 5 / 11}, rel=1e-12)


def test_pn_reads_combined_strength_and_keeps_both_signs_of_a_pair():
    # alignments of 0.5 in two domains combine to 0.75; n = 2, beta = 1/2: x = 1 + 0.375 x => x = 1.6
    two = dataset(mutual("A", "B", "alignment", 0.5, "r1", "economic"),
                  mutual("A", "B", "alignment", 0.5, "r2", "security"))
    assert pn_centrality(two) == pytest.approx({"A": 1.6, "B": 1.6})
    # the same record written twice is one record: 0.5, x = 1 + x/4 => 4/3
    again = dataset(mutual("A", "B", "alignment", 0.5, "r1"), mutual("A", "B", "alignment", 0.5, "r2"))
    assert pn_centrality(again) == pytest.approx({"A": 4 / 3, "B": 4 / 3})
    # alignment 1 and tension 1 on one pair: A = 1 - 2 = -1, x = 1 - x/2 => 2/3.
    # Netted into one sign they would cancel and score 1.
    both = dataset(mutual("A", "B", "alignment"), mutual("A", "B", "tension"))
    assert pn_centrality(both) == pytest.approx({"A": 2 / 3, "B": 2 / 3})


def test_pn_directed_by_hand():
    # A -> B aligned, n = 2, beta = 1/2: out = 1 + A in/2, in = 1 + A^T out/2
    # => out_A = 1 + in_B/2, in_B = 1 + out_A/2 => out_A = in_B = 2; out_B = in_A = 1
    ds = dataset(arc("A", "B", "alignment"))
    assert pn_centrality(ds, "out") == pytest.approx({"A": 2.0, "B": 1.0}, rel=1e-12)
    assert pn_centrality(ds, "in") == pytest.approx({"A": 1.0, "B": 2.0}, rel=1e-12)
    # A -> B tension 0.5 (A = -1): out_A = 1 - in_B/2, in_B = 1 - out_A/2 => both 2/3
    ds = dataset(arc("A", "B", "tension", 0.5))
    assert pn_centrality(ds, "out") == pytest.approx({"A": 2 / 3, "B": 1.0})
    assert pn_centrality(ds, "in") == pytest.approx({"A": 1.0, "B": 2 / 3})
    # "all" ignores direction: the pair counts as mutual, x = 1 - x/2
    assert pn_centrality(ds) == pytest.approx({"A": 2 / 3, "B": 2 / 3})


@pytest.mark.parametrize("mode", ["in", "out"])
def test_pn_directed_modes_equal_all_when_every_relation_is_mutual(mode):
    ds = read_signed_csv("sampson_everett_borgatti2014_symmetrized.csv")
    assert pn_centrality(ds, mode) == pytest.approx(pn_centrality(ds), rel=1e-12)


@pytest.mark.parametrize("n", [2, 3, 7])
def test_pn_singular_full_tension_gives_least_norm_solution(n):
    # Every pair in full-strength tension: beta * sigma_max(A) = 1 in the directed modes (and, for
    # n = 2, beta * lambda_max(A) = 1 undirected). The walk equations hold for many vectors; the
    # least-norm one is 0.5 for everyone, which is also the unique undirected score for n > 2
    # (x = 1 - 2(n-1) x / (2n-2) => x = 1/2). np.linalg.solve alone returns garbage at n = 7.
    ids = "ABCDEFG"[:n]
    rels = [mutual(a, b, "tension") for i, a in enumerate(ids) for b in ids[i + 1:]]
    for mode in ("all", "in", "out"):
        assert pn_centrality(dataset(*rels), mode) == pytest.approx(dict.fromkeys(ids, 0.5))
    one_arc = dataset(arc("A", "B", "tension"))
    assert pn_centrality(one_arc, "out") == pytest.approx({"A": 0.5, "B": 1.0})


def test_pn_fewer_than_two_actors_and_no_ties():
    assert pn_centrality(Dataset()) == {}
    lone = Dataset(actors=(Actor("A", "A", "state"),))
    for mode in ("all", "in", "out"):
        assert pn_centrality(lone, mode) == {"A": None}
        assert pn_centrality(dataset(actors="AB"), mode) == {"A": None, "B": None}


@pytest.mark.parametrize("mode", ["all", "in", "out"])
def test_pn_an_actor_without_ties_has_no_score_and_counts_in_no_beta(mode):
    # Counted, C would score 1 (above A and B, whose only tie is negative) and make beta 1/4;
    # left out, the pair alone has n = 2, beta = 1/2: x = 1 - x/2 => 2/3, as without C.
    with_c = pn_centrality(dataset(mutual("A", "B", "tension", 0.5), actors="C"), mode)
    assert with_c["C"] is None
    assert with_c == pytest.approx({"A": 2 / 3, "B": 2 / 3, "C": None})
    # an actor whose only tie goes out is tied: its in-PN is a true 1 (no walk ends at it)
    one_way = pn_centrality(dataset(arc("A", "B", "alignment"), actors="C"), "in")
    assert one_way == {"A": 1.0, "B": 2.0, "C": None}


def test_pn_unknown_mode():
    with pytest.raises(OptionError, match="unknown PN mode 'both'; choose one of: all, out, in"):
        pn_centrality(dataset(mutual("A", "B", "alignment")), "both")


def test_pn_matrices_directed_and_undirected():
    ds = dataset(arc("B", "A", "alignment", 0.5), mutual("A", "B", "alignment", 0.5, domain="economic"),
                 arc("A", "C", "tension", 0.4), mutual("C", "B", "tension", 0.3))
    ids, P, N = pn_matrices(ds)
    assert ids == ["A", "B", "C"]
    assert P.tolist() == [[0, 0.75, 0], [0.75, 0, 0], [0, 0, 0]]
    assert N.tolist() == [[0, 0, 0.4], [0, 0, 0.3], [0.4, 0.3, 0]]
    ids, P, N = pn_matrices(ds, directed=True)
    assert P.tolist() == [[0, 0.5, 0], [0.75, 0, 0], [0, 0, 0]]   # B -> A has both relations
    assert N.tolist() == [[0, 0, 0.4], [0, 0, 0.3], [0, 0.3, 0]]


def test_relations_the_matrices_cannot_hold():
    stray = Dataset(actors=(Actor("A", "A", "state"),), relations=(mutual("A", "Z", "alignment"),))
    with pytest.raises(GeographError, match="names 'Z', which is not an actor"):
        pn_centrality(stray)
    with pytest.raises(GeographError, match="names 'Z', which is not an actor"):
        signed_eigenvector(stray)
    loop = dataset(mutual("A", "A", "tension"))
    with pytest.raises(GeographError, match="relates 'A' to itself"):
        pn_matrices(loop)


# --- signed eigenvector by hand -------------------------------------------------------------

def test_signed_eigenvector_reads_the_net_signed_layer_by_hand():
    # A - B: alignment 0.5 in two domains (combined 0.75) and tension 0.25: net +0.5.
    # A - C and B - C: tension 1. D - A: alignment 0.5 and tension 0.5 cancel: no entry.
    # S = [[0, .5, -1], [.5, 0, -1], [-1, -1, 0]]; with x = (1, 1, c): 0.5 - c = lam, -2 = lam c
    # => lam^2 - lam/2 - 2 = 0, dominant lam = (1 + sqrt(33))/4, c = -2/lam, |c| > 1.
    # Scaled by |c| and with C made positive: A = B = -lam/2, C = 1; D, whose one pair is
    # ambivalent, has no tie in the signed layer and no side: None.
    ds = dataset(mutual("A", "B", "alignment", 0.5, "ab1", "economic"),
                 mutual("A", "B", "alignment", 0.5, "ab2", "security"),
                 mutual("A", "B", "tension", 0.25), mutual("A", "C", "tension"),
                 mutual("B", "C", "tension"),
                 mutual("A", "D", "alignment", 0.5), mutual("A", "D", "tension", 0.5))
    lam = (1 + math.sqrt(33)) / 4
    x = signed_eigenvector(ds)
    assert x["D"] is None
    assert x == pytest.approx({"A": -lam / 2, "B": -lam / 2, "C": 1.0, "D": None}, abs=1e-12)


def test_signed_eigenvector_sign_convention_ties_go_to_first_id():
    # A in tension with B and C, B - C aligned: dominant vector (-1, 1, 1) up to sign, all |x| = 1;
    # the first id, A, is made positive.
    ds = dataset(mutual("A", "B", "tension"), mutual("A", "C", "tension"), mutual("B", "C", "alignment"))
    assert signed_eigenvector(ds) == pytest.approx({"A": 1.0, "B": -1.0, "C": -1.0}, abs=1e-12)


def test_signed_eigenvector_without_dominant_eigenvalue_warns_and_takes_positive_one():
    # One tie: eigenvalues +w and -w tie. The +w eigenvector is returned.
    with pytest.warns(RuntimeWarning, match="no dominant eigenvalue"):
        assert signed_eigenvector(dataset(mutual("A", "B", "alignment", 0.4))) == pytest.approx(
            {"A": 1.0, "B": 1.0})
    with pytest.warns(RuntimeWarning, match="no dominant eigenvalue"):
        assert signed_eigenvector(dataset(mutual("A", "B", "tension", 0.4))) == pytest.approx(
            {"A": 1.0, "B": -1.0})
    # A repeated eigenvalue: two separate aligned pairs, eigenvalue 1 twice (and -1 twice);
    # the all-ones projection keeps both pairs.
    with pytest.warns(RuntimeWarning):
        x = signed_eigenvector(dataset(mutual("A", "B", "alignment"), mutual("C", "D", "alignment")))
    assert x == pytest.approx(dict.fromkeys("ABCD", 1.0))


def test_signed_eigenvector_dominant_eigenvalue_does_not_warn():
    ds = read_signed_csv("everett_borgatti2014_example10.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        signed_eigenvector(ds)


def test_signed_eigenvector_needs_a_signed_tie():
    with pytest.raises(GeographError, match="needs at least one signed tie; it has no relations"):
        signed_eigenvector(dataset(actors="AB"))
    cancelled = dataset(mutual("A", "B", "alignment", 0.5), mutual("A", "B", "tension", 0.5))
    with pytest.raises(GeographError, match="1 related pair\\(s\\) are ambivalent, .* \\(A-B\\)"):
        signed_eigenvector(cancelled)

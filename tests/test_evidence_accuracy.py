"""Precision and recall of the matcher on generated exports with known truth
(benchmarks/evidence_data.py: case, punctuation, legal forms, one-letter typos,
missing emails, free mail, duplicates within a tool, clients in one tool only,
hard negatives).  Small enough to run in a few seconds; the 20,000-row run is
`python -m benchmarks --only evidence`."""

from __future__ import annotations

import pytest

from benchmarks.evidence_data import make_pair, write_csv
from truthmap.evidence.findings import only_in
from truthmap.evidence.matching import REVIEW, SAME, match
from truthmap.evidence.reading import read_export


@pytest.fixture(scope="module", params=[11, 29])
def run(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("evidence")
    generated = make_pair(1500, seed=request.param)
    a = read_export(0, "crm", write_csv(generated.a, folder / "crm.csv"))
    b = read_export(1, "pm", write_csv(generated.b, folder / "pm.csv", ("Client", "E-mail", "Website")))
    assert [c.row for c in a.clients] == list(range(1, len(generated.a) + 1))  # a row a client: truth lines up
    return generated, a, b, match([a, b])


def _pairs(matches, band):
    return {(link.a.row, link.b.row) for link in matches.pairs if band is None or link.band == band}


def test_precision_of_same(run):
    generated, _, _, matches = run
    same = _pairs(matches, SAME)
    true = generated.true_pairs()
    assert len(same) > 1000
    assert len(same & true) / len(same) >= 0.98


def test_recall(run):
    generated, _, _, matches = run
    true = generated.true_pairs()
    assert len(true & _pairs(matches, SAME)) / len(true) >= 0.85
    assert len(true & _pairs(matches, None)) / len(true) >= 0.95


def test_clients_in_one_export_are_never_claimed_and_are_listed(run):
    generated, a, b, matches = run
    lonely = only_in(matches, [a, b])
    for side, export, position in (("a", a, 0), ("b", b, 1)):
        rows = generated.only_in(side)
        assert len(rows) > 100
        claimed = {(link.a, link.b)[position].row for link in matches.pairs if link.band == SAME}
        offered = {(link.a, link.b)[position].row for link in matches.pairs if link.band == REVIEW}
        listed = {client.row for client in lonely[export.system]}
        good = [row for row in rows if row not in claimed and (row in listed or row in offered)]
        assert len(good) / len(rows) >= 0.95


def test_duplicates_within_one_export_are_found(run):
    generated, _, _, matches = run
    for side, index in (("a", 0), ("b", 1)):
        true = generated.true_duplicates(side)
        assert true
        found = {tuple(sorted((link.a.row, link.b.row))) for link in matches.duplicates if link.a.export == index}
        assert len(true & found) / len(true) >= 0.8


def test_hard_negatives_are_rarely_the_same(run):
    """Different clients with close names (Nord Design, Nordic Design): at most one
    pair in twenty claimed the same (a name alone cannot always tell them apart)."""
    generated, a, b, matches = run
    assert len(generated.hard_negatives) >= 20
    client_of = {0: [row.client for row in generated.a], 1: [row.client for row in generated.b]}
    apart = {frozenset(pair) for pair in generated.hard_negatives}
    claimed = {frozenset((client_of[0][link.a.row - 1], client_of[1][link.b.row - 1]))
               for link in matches.pairs if link.band == SAME} & apart
    assert len(claimed) <= len(apart) / 20

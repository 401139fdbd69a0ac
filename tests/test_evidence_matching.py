"""Matching clients: the bands, email and domain first (never a free-mail domain),
names normalised (accents, case, punctuation, legal forms), hard negatives kept
apart, and blocking that finds what a full comparison finds."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from truthmap.evidence.facts import facts
from truthmap.evidence.matching import REVIEW, SAME, band_of, candidates_of, block_index, links
from truthmap.evidence.names import domain_of, email_of, is_free_mail, name_key
from truthmap.evidence.reading import Client


def client(name: str = "", email: str = "", row: int = 1, domain: str = "") -> Client:
    from truthmap.evidence.names import domain_from_email

    emails = (email_of(email),) if email else ()
    domains = tuple(d for d in (domain_of(domain), *(domain_from_email(e) for e in emails)) if d)
    return Client(0, row, (row,), name, name_key(name), emails, tuple(dict.fromkeys(domains)))


def pair(a: Client, b: Client) -> list[tuple[str, float, str]]:
    return [(band, score, by) for _, _, band, score, by in links([a], [b], facts().thresholds)]


# ------------------------------------------------------------- names


@pytest.mark.parametrize(("text", "key"), [
    ("Nord Design GmbH", "nord design"),
    ("NORD DESIGN G.m.b.H.", "nord design"),
    ("Nord-Design, Ltd.", "nord design"),
    ("Nord Design Limited", "nord design"),
    ("Nord Design LLC", "nord design"),
    ("Nord Design, Inc.", "nord design"),
    ("Diseño Nórdico S.A.", "diseno nordico"),
    ("Müller & Söhne GmbH & Co. KG", "muller and sohne"),
    ("Smith & Co", "smith"),
    ("Inc", "inc"),  # a name that is only a legal form stays a name
    ("ＡＣＭＥ", "acme"),  # NFKD folds full-width letters
])
def test_name_key_normalises(text, key):
    assert name_key(text) == key


def test_legal_suffix_removal_makes_names_the_same():
    assert pair(client("Nord Design GmbH"), client("nord design")) == [(SAME, 100.0, "name")]
    assert pair(client("Acme Ltd"), client("ACME Limited")) == [(SAME, 100.0, "name")]


@pytest.mark.parametrize(("cell", "domain"), [
    ("https://www.Acme.com/about", "acme.com"),
    ("acme.co.uk", "acme.co.uk"),
    ("http://shop.acme.io:8080?x=1", "shop.acme.io"),
    ("info@acme.de", "acme.de"),
    ("gmail.com", ""),
    ("https://mail.yahoo.com", ""),
    ("not a domain", ""),
])
def test_domain_of(cell, domain):
    assert domain_of(cell) == domain


def test_free_mail_list_is_knowledge():
    for domain in ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "gmx.de", "web.de"):
        assert is_free_mail(domain)
    assert not is_free_mail("acme.com")


# ------------------------------------------------------------- bands


def test_bands_follow_the_thresholds():
    limits = facts().thresholds
    assert (limits.same, limits.review) == (92, 80)
    assert band_of(92, limits) == SAME and band_of(91.9, limits) == REVIEW
    assert band_of(80, limits) == REVIEW and band_of(79.9, limits) is None


def test_same_email_is_same_whatever_the_names():
    assert pair(client("Anna Berg", "anna.berg@gmail.com"), client("Berg Studio", "Anna.Berg@gmail.com")) == \
        [(SAME, 100.0, "email")]


def test_same_company_domain_is_same():
    assert pair(client("Acme", "jo@acme.io"), client("ACME Holdings", "info@acme.io")) == [(SAME, 100.0, "domain")]
    assert pair(client("Acme", domain="https://acme.io"), client("Zeta", "x@acme.io")) == [(SAME, 100.0, "domain")]


@pytest.mark.parametrize("free", ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "gmx.de", "web.de"])
def test_free_mail_never_matches_by_domain(free):
    assert pair(client("Anna Berg", f"anna@{free}"), client("Kolibri Films", f"office@{free}")) == []


def test_a_one_letter_typo_is_at_least_review():
    [(band, score, by)] = pair(client("Kalomira Consulting"), client("Kalomria Consulting"))
    assert band in (SAME, REVIEW) and by == "name"


@pytest.mark.parametrize(("a", "b"), [("Nord Design", "Nordic Design"), ("Atlas Media", "Atlantis Media"),
                                      ("Blue River Studio", "Blue Rivers Studios Group")])
def test_hard_negatives_are_never_the_same(a, b):
    assert all(band != SAME for band, _, _ in pair(client(a), client(b)))


def test_different_company_domains_keep_close_names_apart():
    # 95 by name, yet two web domains: two companies, at most a pair to review
    [(band, _, _)] = pair(client("Helfaldor Travel", "x@helfaldor.com"), client("Helfaldors Travel", "y@helfaldors.de"))
    assert band == REVIEW


def test_unrelated_names_are_unmatched():
    assert pair(client("Nord Design"), client("Kolibri Films")) == []


def test_duplicates_inside_one_list_are_pairs_once():
    items = [client("Nord Design", row=1), client("Acme", row=2), client("NORD DESIGN GMBH", row=3)]
    found = links(items, None, facts().thresholds)
    assert [(i, j, band) for i, j, band, _, _ in found] == [(0, 2, SAME)]


# ------------------------------------------------------------- blocking


WORDS = ["nord", "design", "studio", "kalomir", "atlas", "media", "blue", "river", "ostwind", "films", "partners",
         "brightline", "solutions", "helfa", "quinto", "travel"]


def _names(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(count)]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_blocking_finds_every_pair_a_full_comparison_finds(seed):
    """Within its cap, blocking loses no pair scoring `review` or more that shares a
    word, or a word one edit away, with the name."""
    rng = random.Random(seed)
    left = _names(rng, 30)
    right = [n if rng.random() < 0.5 else n.replace("o", "0", 1).replace("0", "", 1) for n in _names(rng, 30)]
    blocks = block_index([client(n) for n in right])
    review = facts().thresholds.review
    for name in left:
        found = set(candidates_of(name_key(name), blocks, cap=10_000))
        for j, other in enumerate(right):
            if fuzz.token_sort_ratio(name_key(name), name_key(other)) >= review and (
                    set(name.split()) & set(other.split())):
                assert j in found, (name, other)

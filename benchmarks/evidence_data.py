"""Synthetic client exports with known truth, for `truthmap evidence`.

`make_pair(clients, seed)` builds two exports of one made-up client base, a
CRM's company list and a project tool's client list, and says which rows are
which client:

- names vary between the tools as people type them: case, punctuation, legal
  forms added, dropped or written differently ("GmbH", "Ltd", "Limited"),
  "&" for "and", and now and then a one-letter typo;
- emails go missing (about a third of the rows), some clients use a free-mail
  address (gmail.com, gmx.de: their domain says nothing);
- some clients are listed twice in one tool (duplicates within an export);
- some are in one tool only;
- hard negatives: different clients with close names (Nord Design and Nordic
  Design) and their own addresses.

Brand words are drawn so that two of them are never one or two typos apart,
so only the hard negatives are close by construction.  `write_csv` writes
an export as a tool would.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

SYLLABLES = ("ka", "lo", "mi", "nor", "vel", "tra", "bri", "sun", "ta", "ri", "mo", "den", "fal", "gra", "hel",
             "jo", "kir", "lum", "mar", "nes", "ost", "pra", "quin", "ros", "sel", "tor", "ul", "var", "wen", "xa",
             "yor", "zel", "ber", "cas", "dor", "el", "fin", "gal", "har", "is", "lin", "mer", "nia", "or", "pel",
             "ru", "sto", "tin", "ven", "wal")
DESCRIPTORS = ("Design", "Studio", "Media", "Digital", "Consulting", "Partners", "Works", "Creative", "Group",
               "Labs", "Agency", "Solutions", "Architects", "Films", "Interiors", "Print", "Events", "Brands",
               "Software", "Analytics", "Legal", "Foods", "Fitness", "Travel", "Health", "Energy", "Logistics")
FIRST_NAMES = ("Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Lena", "Max",
               "Nora", "Oskar", "Paula", "Rafael", "Sofia", "Tim", "Ulla", "Vera")
SUFFIXES = ("GmbH", "Ltd", "LLC", "Inc.", "S.A.", "AG", "BV", "SARL")
SUFFIX_SPELLINGS = {"GmbH": ("GmbH", "Gmbh", "GMBH", "G.m.b.H."), "Ltd": ("Ltd", "Ltd.", "Limited", "LTD"),
                    "LLC": ("LLC", "L.L.C.", "llc"), "Inc.": ("Inc.", "Inc", "Incorporated"),
                    "S.A.": ("S.A.", "SA", "s.a."), "AG": ("AG",), "BV": ("BV", "B.V."), "SARL": ("SARL", "S.A.R.L.")}
FREE_MAIL = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "gmx.de", "web.de")
TLDS = ("com", "de", "co.uk", "io", "fr", "nl")
MAILBOXES = ("info", "hello", "office", "contact", "team", "billing")


@dataclass
class TrueClient:
    id: int
    brand: str  # the distinctive word(s)
    name: str  # the canonical name, with its legal form if it has one
    suffix: str  # "" or the legal form
    domain: str  # "" for a person with a free-mail address
    emails: list[str] = field(default_factory=list)


@dataclass
class Row:
    client: int  # the TrueClient's id: the truth
    name: str
    email: str
    website: str


@dataclass
class Generated:
    a: list[Row]
    b: list[Row]
    clients: dict[int, TrueClient]
    hard_negatives: list[tuple[int, int]]  # pairs of different clients with close names

    def true_pairs(self) -> set[tuple[int, int]]:
        """(row in a, row in b), rows counted from 1, that are one client."""
        where_b: dict[int, list[int]] = {}
        for number, row in enumerate(self.b, 1):
            where_b.setdefault(row.client, []).append(number)
        return {(n, m) for n, row in enumerate(self.a, 1) for m in where_b.get(row.client, ())}

    def true_duplicates(self, side: str) -> set[tuple[int, int]]:
        rows = self.a if side == "a" else self.b
        seen: dict[int, list[int]] = {}
        for number, row in enumerate(rows, 1):
            seen.setdefault(row.client, []).append(number)
        return {(x, y) for numbers in seen.values() for i, x in enumerate(numbers) for y in numbers[i + 1:]}

    def only_in(self, side: str) -> set[int]:
        """Rows of one side whose client the other side does not hold."""
        mine, theirs = (self.a, self.b) if side == "a" else (self.b, self.a)
        other = {row.client for row in theirs}
        return {n for n, row in enumerate(mine, 1) if row.client not in other}


class _Words:
    """Brand words no two of which are one or two typos apart."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def _near(self, word: str) -> set[str]:
        once = {word[:n] + word[n + 1:] for n in range(len(word))} | {word}
        return once | {w[:n] + w[n + 1:] for w in once for n in range(len(w))}

    def new(self, syllables: int | None = None) -> str:
        for _ in range(1000):
            count = syllables or self.rng.choice((2, 3, 3, 4))
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(count))
            if self.free(word):
                self.take(word)
                return word
        raise RuntimeError("ran out of brand words")

    def free(self, word: str) -> bool:
        return len(word) >= 4 and not (self._near(word) & self.taken)

    def take(self, word: str) -> None:
        self.taken |= self._near(word)


def _universe(count: int, rng: random.Random) -> tuple[dict[int, TrueClient], list[tuple[int, int]]]:
    words = _Words(rng)
    clients: dict[int, TrueClient] = {}
    negatives: list[tuple[int, int]] = []
    while len(clients) < count:
        number = len(clients)
        roll = rng.random()
        if roll < 0.12:  # a person, often with a free-mail address
            surname = words.new().capitalize()
            brand = f"{rng.choice(FIRST_NAMES)} {surname}"
            name, suffix = brand, ""
            domain = "" if rng.random() < 0.7 else f"{surname.lower()}.{rng.choice(TLDS)}"
        else:
            token = words.new().capitalize()
            brand = token if roll < 0.3 else f"{token} {rng.choice(DESCRIPTORS)}"
            suffix = rng.choice(SUFFIXES) if rng.random() < 0.5 else ""
            name = f"{brand} {suffix}".strip()
            domain = f"{brand.lower().replace(' ', '-')}.{rng.choice(TLDS)}"
        client = TrueClient(number, brand, name, suffix, domain)
        if domain:
            client.emails = [f"{rng.choice(MAILBOXES)}@{domain}"]
        else:
            client.emails = [f"{brand.lower().replace(' ', '.')}{rng.randint(1, 99)}@{rng.choice(FREE_MAIL)}"]
        clients[number] = client
        if rng.random() < 0.04 and len(clients) < count and " " in brand and roll >= 0.12:
            sibling = _sibling(client, len(clients), words, rng)
            if sibling is not None:
                clients[sibling.id] = sibling
                negatives.append((client.id, sibling.id))
    return clients, negatives


def _sibling(client: TrueClient, number: int, words: _Words, rng: random.Random) -> TrueClient | None:
    """A different client whose name is close: the brand word grown by a few letters (Nord, Nordic)."""
    token, rest = client.brand.split(" ", 1)
    # Nord Design -> Nordic Design: close, yet more than a typo apart (about a fifth of the name more)
    letters = max(2, round(len(client.brand) * 0.22))
    for _ in range(6):
        ending = "".join(rng.choice(SYLLABLES) for _ in range(letters))[:letters]
        grown = token.lower() + ending
        if words.free(grown):
            words.take(grown)
            brand = f"{grown.capitalize()} {rest}"
            domain = f"{brand.lower().replace(' ', '-')}.{rng.choice(TLDS)}"
            return TrueClient(number, brand, brand, "", domain, [f"{rng.choice(MAILBOXES)}@{domain}"])
    return None


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    long = [n for n, w in enumerate(words) if len(w) >= 5]
    if not long:
        return text
    n = rng.choice(long)
    word = words[n]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "change"))
    if kind == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
    elif kind == "drop":
        word = word[:at] + word[at + 1:]
    elif kind == "double":
        word = word[:at] + word[at] + word[at:]
    else:
        word = word[:at] + rng.choice("aeiourstln") + word[at + 1:]
    words[n] = word
    return " ".join(words)


def _variant(client: TrueClient, rng: random.Random, typo_rate: float) -> str:
    """The client's name as a person typed it into one tool."""
    name = client.brand
    if client.suffix and rng.random() < 0.6:
        spelling = rng.choice(SUFFIX_SPELLINGS[client.suffix])
        name = f"{name}{',' if rng.random() < 0.15 else ''} {spelling}"
    elif not client.suffix and rng.random() < 0.1:
        name = f"{name} {rng.choice(('GmbH', 'Ltd', 'LLC'))}"
    roll = rng.random()
    if roll < 0.15:
        name = name.upper()
    elif roll < 0.3:
        name = name.lower()
    if rng.random() < 0.1:
        name = name.replace(" ", " - ", 1) if " " in name else name + "."
    if rng.random() < typo_rate:
        name = _typo(name, rng)
    return name


def _row(client: TrueClient, rng: random.Random, email_rate: float, typo_rate: float) -> Row:
    email = ""
    if rng.random() < email_rate:
        email = client.emails[0] if rng.random() < 0.6 or not client.domain else \
            f"{rng.choice(FIRST_NAMES).lower()}@{client.domain}"
    website = f"https://www.{client.domain}/" if client.domain and rng.random() < 0.5 else ""
    return Row(client.id, _variant(client, rng, typo_rate), email, website)


def make_pair(clients: int, seed: int = 7, *, only_rate: float = 0.1, duplicate_rate: float = 0.03,
              email_rate: float = 0.65, typo_rate: float = 0.08) -> Generated:
    """Two exports of one client base of `clients` clients (a: the CRM's, b: the project tool's)."""
    rng = random.Random(seed)
    universe, negatives = _universe(clients, rng)
    a: list[Row] = []
    b: list[Row] = []
    for client in universe.values():
        roll = rng.random()
        in_a = roll >= only_rate  # the first tenth: only in b
        in_b = roll < only_rate or roll >= 2 * only_rate  # the second: only in a
        if in_a:
            a.append(_row(client, rng, email_rate, typo_rate))
            if rng.random() < duplicate_rate:
                a.append(_row(client, rng, email_rate, typo_rate))
        if in_b:
            b.append(_row(client, rng, email_rate * 0.6, typo_rate))
            if rng.random() < duplicate_rate:
                b.append(_row(client, rng, email_rate * 0.6, typo_rate))
    rng.shuffle(a)
    rng.shuffle(b)
    return Generated(a, b, universe, negatives)


def write_csv(rows: list[Row], path: Path, headers: tuple[str, str, str] = ("Company name", "Email", "Website"),
              *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    """An export as a tool writes it: a header, then one client a row."""
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        for row in rows:
            writer.writerow((row.name, row.email, row.website))
    return path


def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.evidence_data A.csv B.csv --rows N`: two exports of N rows each."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.evidence_data", description=main.__doc__)
    parser.add_argument("a", type=Path, help="the CRM's export (Company name, Email, Website)")
    parser.add_argument("b", type=Path, help="the project tool's export (Client, E-mail, Website)")
    parser.add_argument("--rows", type=int, default=1000, help="rows in each (default: 1000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generated = make_pair(int(args.rows / 0.92) + 50, seed=args.seed)  # 0.92: rows a client, on average
    write_csv(generated.a[:args.rows], args.a)
    write_csv(generated.b[:args.rows], args.b, ("Client", "E-mail", "Website"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

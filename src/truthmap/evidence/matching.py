"""Which rows are the same client: by email, by web domain, then by name.

Names are compared with rapidfuzz's `token_sort_ratio` on their normalised
form (names.name_key).  Blocking keeps the work near-linear: a name is only
scored against names that share a word with it, or a word one typo away (a
word and its one-letter deletions are the keys, as SymSpell does), or the
whole normalised name.  Keys are taken rarest first until about
`block_cap` names are gathered, so a name costs about the same however long
the lists are, and a key commoner than that ("design") only counts when a
name has nothing rarer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .facts import Thresholds, facts
from .reading import Client, Export

SAME, REVIEW = "same", "review"
BY_EMAIL, BY_DOMAIN, BY_NAME = "email", "domain", "name"
Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class Link:
    """Two clients judged the same (`same`) or worth a look (`review`), and why."""

    a: Client
    b: Client
    band: str
    score: float
    by: str


@dataclass(frozen=True)
class Matches:
    pairs: tuple[Link, ...]  # across systems
    duplicates: tuple[Link, ...]  # inside one export


def band_of(score: float, thresholds: Thresholds) -> str | None:
    if score >= thresholds.same:
        return SAME
    return REVIEW if score >= thresholds.review else None


def match(exports: Sequence[Export], thresholds: Thresholds | None = None,
          progress: Progress | None = None) -> Matches:
    """Every pair across exports of different systems, and every duplicate inside one export."""
    thresholds = thresholds or facts().thresholds
    jobs: list[tuple[Export, Export | None]] = [(e, None) for e in exports]
    jobs += [(a, b) for n, a in enumerate(exports) for b in exports[n + 1:] if a.system != b.system]
    total = sum(len(a.clients) for a, _ in jobs)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % 256 == 0 or done == total):
            progress(done, total)

    pairs: list[Link] = []
    duplicates: list[Link] = []
    for left, right in jobs:
        if right is None:
            found = links(left.clients, None, thresholds, tick)
            duplicates += (Link(left.clients[i], left.clients[j], band, score, by) for i, j, band, score, by in found)
        else:
            found = links(left.clients, right.clients, thresholds, tick)
            pairs += (Link(left.clients[i], right.clients[j], band, score, by) for i, j, band, score, by in found)
    if progress is not None and total:
        progress(total, total)
    return Matches(tuple(pairs), tuple(duplicates))


def links(left: Sequence[Client], right: Sequence[Client] | None, thresholds: Thresholds,
          tick: Callable[[], None] = lambda: None) -> list[tuple[int, int, str, float, str]]:
    """(i, j, band, score, by) for the clients of `left` and `right` that are one client
    (`right` None: pairs inside `left`, i < j).

    Every email or domain link and every name pair at or above `same` is kept;
    of the name pairs in the review band, each client's best one."""
    within = right is None
    other = left if right is None else right
    found: dict[tuple[int, int], tuple[float, str]] = {}
    for attribute, by in (("emails", BY_EMAIL), ("domains", BY_DOMAIN)):
        index: dict[str, list[int]] = defaultdict(list)
        for j, client in enumerate(other):
            for value in getattr(client, attribute):
                index[value].append(j)
        for i, client in enumerate(left):
            for value in getattr(client, attribute):
                for j in index.get(value, ()):
                    if not within or j > i:
                        found.setdefault((i, j), (100.0, by))
    result = [(i, j, SAME, score, by) for (i, j), (score, by) in found.items()]
    blocks = block_index(other)
    keys = [client.key for client in other]
    cap = facts().thresholds.block_cap
    reviews: list[tuple[int, int, float]] = []
    for i, client in enumerate(left):
        tick()
        if not client.key:
            continue
        candidates = candidates_of(client.key, blocks, cap)
        if within:
            candidates = [j for j in candidates if j > i]
        if not candidates:
            continue
        scored = process.extract(client.key, [keys[j] for j in candidates], scorer=fuzz.token_sort_ratio,
                                 processor=None, score_cutoff=thresholds.review, limit=None)
        for _, score, place in scored:
            j = candidates[place]
            if (i, j) in found:
                continue
            if score >= thresholds.same and not _other_domains(client, other[j]):
                result.append((i, j, SAME, round(score, 1), BY_NAME))
            else:
                reviews.append((i, j, round(score, 1)))
    result += _best_reviews(reviews, within)
    result.sort(key=lambda link: (link[0], link[1]))
    return result


def _other_domains(a: Client, b: Client) -> bool:
    """Both clients have a company web domain and they share none: close names or not,
    two companies (Nord Design at nord.de, Nordic Design at nordic.com), so at most a pair to review."""
    return bool(a.domains and b.domains and not set(a.domains) & set(b.domains))


def _best_reviews(reviews: list[tuple[int, int, float]], within: bool) -> list[tuple[int, int, str, float, str]]:
    """Of the review-band pairs, those that are the best one of either client."""
    best_left: dict[int, float] = {}
    best_right: dict[int, float] = {}
    for i, j, score in reviews:
        right = best_left if within else best_right  # inside one export both ends are its clients
        best_left[i] = max(best_left.get(i, 0.0), score)
        right[j] = max(right.get(j, 0.0), score)
    right_best = best_left if within else best_right
    return [(i, j, REVIEW, score, BY_NAME) for i, j, score in reviews
            if score >= best_left[i] or score >= right_best[j]]


def block_keys(key: str) -> set[str]:
    """The blocking keys of a normalised name: the whole name (words sorted), each
    word of two or three letters, and each longer word with its one-letter deletions."""
    words = key.split()
    keys = {"k:" + " ".join(sorted(words))}
    for word in words:
        if len(word) >= 4:
            keys.add("d:" + word)
            keys.update("d:" + word[:n] + word[n + 1:] for n in range(len(word)))
        elif len(word) >= 2:
            keys.add("t:" + word)
    return keys


def block_index(clients: Iterable[Client]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for j, client in enumerate(clients):
        if client.key:
            for key in block_keys(client.key):
                index[key].append(j)
    return index


def candidates_of(key: str, blocks: dict[str, list[int]], cap: int) -> list[int]:
    """The clients worth scoring against this name: those sharing its whole name, and
    those of its rarest keys, rarest first, until about `cap` are gathered (a key
    commoner than `cap` only when it is the rarest it has)."""
    found = sorted((block for block_key in block_keys(key) if (block := blocks.get(block_key))), key=len)
    narrow: list[list[int]] = []
    taken = 0
    for block in found:  # rarest first, until about `cap` candidates: the cost of a name stays bounded
        if narrow and (len(block) > cap or taken >= cap):
            break
        narrow.append(block)
        taken += len(block)
    whole = blocks.get("k:" + " ".join(sorted(key.split())), ())
    return list(set(whole).union(*narrow))

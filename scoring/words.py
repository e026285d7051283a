"""Word-level comparison: which words of a name are distinctive, and which have a counterpart.

Generic business words ("trading", "textile", "group") say what a company does and place words
("Xinjiang", "Hotan", "China") where it is; neither says which company it is, so only the remaining
*distinctive* words can make two names the same company.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein

from scoring.places import place_words

if TYPE_CHECKING:  # only for annotations: scoring.normalize reads GENERIC from here
    from scoring.normalize import NameParts

# Common business words (canonical tokens, see scoring/data/abbreviations.csv): they say what a company
# does, not which company it is, so sharing them is weak evidence. Chosen by us from general English.
GENERIC = frozenset(
    "industry international manufacturing group technology holding trading services engineering electric "
    "electronics chemical pharmaceutical national management development import export distribution "
    "enterprise systems communications machinery materials products textile metal company corporation "
    "bank investment logistics energy petroleum power steel mining construction production agriculture "
    "food china global general united new american asia pacific europe consulting partners capital fund "
    "resources shipping transport marine oil gas solutions network online motor garment cotton commercial "
    "finance financial insurance security research institute university academy science sciences medical "
    "health agency office center centre department ministry factory plant mill works co limited "
    "business world associates brothers association foundation economic supply supplies equipment "
    "airlines air aviation shipping maritime tech exchange".split()
)
JW_SAME = 0.9  # Jaro-Winkler similarity above which two tokens count as the same word
SHORT_WORD = 6  # words shorter than this count as the same word with at most one edit


def distinctive(p: NameParts) -> tuple[str, ...]:
    """Return the words of a name that are neither generic business words nor places."""
    return distinctive_words(p.core)


@lru_cache(maxsize=1 << 16)
def distinctive_words(core: tuple[str, ...]) -> tuple[str, ...]:
    """Return the tokens of `core` that are neither generic business words nor places."""
    places = place_words()
    return tuple(t for t in core if t not in GENERIC and t not in places)


@lru_cache(maxsize=1 << 18)
def same_word(a: str, b: str) -> bool:
    """Return True when two tokens are the same word up to a small spelling difference.

    Words under four letters must be equal. Otherwise the words must be close by Jaro-Winkler or
    ratio, and a word under six letters also within one edit ("huafu" / "huafy", but not "sato" /
    "santos", nor "zara" / "zora").
    """
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4:
        return False
    close = JaroWinkler.similarity(a, b) >= JW_SAME or fuzz.ratio(a, b) >= 80
    return close and (shorter >= SHORT_WORD or Levenshtein.distance(a, b, score_cutoff=1) <= 1)


JOIN_MAX = (
    3  # at most this many adjacent words written apart can stand for one word ("zhong tai" / "zhongtai")
)


@lru_cache(maxsize=1 << 16)
def _joins(core: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Return (the words written together, the words) for every run of 2 to JOIN_MAX adjacent words."""
    return tuple(
        ("".join(core[i:j]), frozenset(core[i:j]))
        for i in range(len(core))
        for j in range(i + 2, min(i + JOIN_MAX, len(core)) + 1)
    )


def unmatched(
    a: Sequence[str], b: Sequence[str], a_core: tuple[str, ...] = (), b_core: tuple[str, ...] = ()
) -> int:
    """Count tokens of `a` with no close token in `b`.

    `a_core` and `b_core` are the whole names `a` and `b` are taken from (default: `a` and `b`): a word
    also has a counterpart in adjacent words of the other name written apart, spelt exactly, so
    "zhongtai" is matched by "zhong tai" and each of "zhong" and "tai" by "zhongtai" (romanised Chinese
    names are split into syllables or not at the writer's whim; so are "Pricewaterhouse Coopers" and
    "Aero Continente").
    """
    missing = [t for t in a if not any(same_word(t, u) for u in b)]
    if not missing:
        return 0
    b_words = set(b_core or b)
    covered = {w for joined, words in _joins(tuple(a_core or a)) if joined in b_words for w in words}
    b_joined = {joined for joined, _ in _joins(tuple(b_core or b))}
    return sum(1 for t in missing if t not in covered and t not in b_joined)


def partial_acronym(short: tuple[str, ...], long: tuple[str, ...]) -> int:
    """Return the length of a word of `short` that is the initials of adjacent words of `long` when
    every other word on both sides has a counterpart, or is a place or (in `long`) a generic word
    ("XPCC First Division" / "Xinjiang Production and Construction Corps No. 1 Division", "PLA China" /
    "People's Liberation Army"); 0 when there is none. Whole-name acronyms are not partial (len < 2)."""
    if len(short) < 2:
        return 0
    places = place_words()
    for k, word in enumerate(short):
        n = len(word)
        if n < 3 or n > len(long) or not word.isalpha():
            continue
        for i in range(len(long) - n + 1):
            if "".join(t[:1] for t in long[i : i + n]) != word:
                continue
            rest_s, rest_l = short[:k] + short[k + 1 :], long[:i] + long[i + n :]
            if all(w in places or any(same_word(w, u) for u in rest_l) for w in rest_s) and all(
                w in places or w in GENERIC or any(same_word(w, u) for u in rest_s) for w in rest_l
            ):
                return n
    return 0

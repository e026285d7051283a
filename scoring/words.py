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


def unmatched(a: Sequence[str], b: Sequence[str]) -> int:
    """Count tokens of `a` with no close token in `b`."""
    return sum(1 for t in a if not any(same_word(t, u) for u in b))

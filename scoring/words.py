"""Word-level comparison: which words of a name are distinctive, and which have a counterpart.

Generic business words ("trading", "textile", "group") say what a company does and place words
("Xinjiang", "Hotan", "China") where it is; neither says which company it is, so only the remaining
*distinctive* words can make two names the same company.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler

from scoring.places import place_words
from scoring.scripts import coined_words

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
    "business world associates brothers sons association foundation economic supply supplies equipment "
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
    ratio, and a word under six letters also within one edit, two letters swapped counting one
    ("huafu" / "huafy", "gomse" / "gomes", but not "sato" / "santos", nor "zara" / "zora").
    """
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4:
        return False
    close = JaroWinkler.similarity(a, b) >= JW_SAME or fuzz.ratio(a, b) >= 80
    return close and (shorter >= SHORT_WORD or OSA.distance(a, b, score_cutoff=1) <= 1)


# At most this many adjacent words written apart can stand for one word ("zhong tai" / "zhongtai").
JOIN_MAX = 3


def _runs(core: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every run of 2 to JOIN_MAX adjacent words of `core`."""
    for i in range(len(core)):
        for j in range(i + 2, min(i + JOIN_MAX, len(core)) + 1):
            yield i, j


def joined_runs(core: tuple[str, ...]) -> frozenset[str]:
    """Return every run of 2 to JOIN_MAX adjacent words written together ("zhong tai" -> "zhongtai")."""
    return frozenset("".join(core[i:j]) for i, j in _runs(core))


@lru_cache(maxsize=1 << 12)
def _run_words(core: tuple[str, ...], joined: str) -> frozenset[str]:
    """Return the words of `core` in the runs written together as `joined`."""
    return frozenset(w for i, j in _runs(core) if "".join(core[i:j]) == joined for w in core[i:j])


def unmatched(
    a: Sequence[str], b: Sequence[str], pa: NameParts | None = None, pb: NameParts | None = None
) -> int:
    """Count tokens of `a` with no close token in `b`.

    `pa` and `pb` are the names `a` and `b` are taken from (default: names of just `a` and `b`): a word
    also has a counterpart in adjacent words of the other name written apart, spelt exactly, so
    "zhongtai" is matched by "zhong tai" and each of "zhong" and "tai" by "zhongtai" (romanised Chinese
    names are split into syllables or not at the writer's whim; so are "Pricewaterhouse Coopers" and
    "Aero Continente").
    """
    missing = []
    both_chinese = pa is not None and pb is not None and pa.script == pb.script == "han"
    for t in a:  # plain loops: this runs for every word of every candidate pair
        if t in b:
            continue
        for u in b:
            if same_word(t, u) and not (both_chinese and _other_chinese_word(t, u, pa, pb)):
                break
        else:
            missing.append(t)
    if not missing:
        return 0
    a_core, b_core = (pa.core if pa else tuple(a)), (pb.core if pb else tuple(b))
    a_joins = pa.joins if pa else joined_runs(a_core)
    b_joins = pb.joins if pb else joined_runs(b_core)
    covered = _written_apart(a_core, a_joins, b_core)
    return sum(1 for t in missing if t not in covered and t not in b_joins and not _misspells(t, pb))


def _misspells(t: str, pb: NameParts | None) -> bool:
    """Return True when `t` misspells a word of the other name that names no company: a business word,
    also as written before the abbreviation table rewrote it ("apprel" for its "apparel", now
    "garment"), a place ("xiniang" for "xinjiang") or a legal form's word ("coproration"). A generic word
    misspelt is not a new word.

    A typo, not a resemblance: one edit (two letters swapped count one), two in a word of eight letters
    or more; "Indusa" is not "Industrial"."""
    if pb is None:
        return False
    places = place_words()
    weak = (*pb.respelt, *(u for u in pb.core if u in GENERIC or u in places), *pb.form_words)
    return any(typo_of(t, word) for word in weak if len(word) >= 4)


def typo_of(t: str, word: str) -> bool:
    """Return True when `t` is `word` with one edit, or two in a word of eight letters or more (an
    adjacent swap counts one)."""
    edits = 2 if len(word) >= 8 else 1
    return abs(len(t) - len(word)) <= edits and OSA.distance(t, word, score_cutoff=edits) <= edits


def _other_chinese_word(t: str, u: str, pa: NameParts | None, pb: NameParts | None) -> bool:
    """Return True when `t` and `u` romanise two Chinese names' own words that are not one word spelt
    two ways but two words: they differ in their first two characters (天康 / 天山, "tiankang" /
    "tianshan"), where one company's renamed brand keeps them (华孚时尚 / 华孚色纺)."""
    if pa is None or pb is None:
        return False
    x, y = coined_words(pa.native).get(t), coined_words(pb.native).get(u)
    return x is not None and y is not None and x[:2] != y[:2]


def _written_apart(core: tuple[str, ...], joins: frozenset[str], other: Iterable[str]) -> frozenset[str]:
    """Return the words of `core` that the other name writes together as one of its words `other`
    ("zhong" and "tai" when the other name has "zhongtai"); rare, so usually empty."""
    hits = [w for w in other if w in joins]
    return frozenset().union(*(_run_words(core, h) for h in hits)) if hits else frozenset()


def spelt_within(pa: NameParts, pb: NameParts) -> bool:
    """Return True when every word of `pa` is spelt exactly in `pb`, written apart or together there
    ("smilewallet" is in "smile wallet ltd"; "zhong tai" is in "zhongtai chemical")."""
    missing = frozenset(pa.core) - frozenset(pb.core) - pb.joins
    return not missing or missing <= _written_apart(pa.core, pa.joins, pb.core)


def partial_acronym(short: tuple[str, ...], long: tuple[str, ...]) -> int:
    """Return the length of a word of `short` that is the initials of adjacent words of `long` when
    every other word on both sides has a counterpart, or is a place or (in `long`) a generic word
    ("XPCC First Division" / "Xinjiang Production and Construction Corps No. 1 Division", "PLA China" /
    "People's Liberation Army"); 0 when there is none. Whole-name acronyms are not partial (len < 2)."""
    if len(short) < 2 or len(long) < 3:
        return 0
    return _acronym_cover(short, long, PARTIAL_ACRONYMS_MAX)


PARTIAL_ACRONYMS_MAX = 2  # words of one name read as initials of the other's words: "FSUE SRPE Bazalt"


def _acronym_cover(short: tuple[str, ...], long: tuple[str, ...], depth: int) -> int:
    """Return the length of the first acronym word of `short` whose run of `long` leaves the rest with
    counterparts (places and, in `long`, generic words need none), reading up to `depth` acronyms."""
    places = place_words()
    runs = initial_runs(long)
    for k, word in enumerate(short):
        for i in runs.get(word, ()):
            n = len(word)
            rest_s, rest_l = short[:k] + short[k + 1 :], long[:i] + long[i + n :]
            if all(w in places or any(same_word(w, u) for u in rest_l) for w in rest_s) and all(
                w in places or w in GENERIC or any(same_word(w, u) for u in rest_s) for w in rest_l
            ):
                return n
            more = depth > 1 and len(rest_s) >= 2 and len(rest_l) >= 3
            if more and _acronym_cover(rest_s, rest_l, depth - 1):
                return n
    return 0


INITIALS_MAX = 8  # the longest partial acronym read: initials of at most this many words


@lru_cache(maxsize=1 << 16)
def initial_runs(core: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Return the initials of every run of 3 to INITIALS_MAX adjacent words -> the runs' first positions."""
    letters = [t[:1] for t in core]
    found: dict[str, list[int]] = {}
    for i in range(len(core) - 2):
        initials = letters[i] + letters[i + 1]
        for j in range(i + 2, min(i + INITIALS_MAX, len(core))):
            initials += letters[j]
            found.setdefault(initials, []).append(i)
    return {k: tuple(v) for k, v in found.items()}


# Short words a syllabic abbreviation leaves out and does not count: English connectors and the articles
# and prepositions of the languages whose names are built this way ("Empresa Cubana de Fletes": Cuflet).
FUNCTION_WORDS = frozenset(
    "and the of for ve de del la las los el du des le di da do dos das y e et und der die por para pour en"
    " con sus".split()
)
SYLLABIC_MIN = 5  # the shortest word read as a syllabic abbreviation ("Pemex")
SYLLABIC_MAX = 24  # and the longest ("Tekhnopromeksport" has 17 letters); longer words are not read so


def syllabic_abbreviation(short: str, words: tuple[str, ...], forms: frozenset[str] = frozenset()) -> float:
    """Return the share of the content words of `words` that the one word `short` is built from, each
    giving its leading letters in order ("pemex" = pe(troleos) mex(icanos), "cuflet" = (empresa)
    cu(bana) (de) flet(es)); 0.0 when it is not so built.

    A legal form's words (`forms`) may give letters but are not counted. Every part has two letters or
    more (one-letter parts make coincidences: "Campo" from Cable Manufacturing Pozo), there are two parts
    or more, and the first is cut short from one of the first two content words: an abbreviation
    abbreviates its first word, while whole words written together ("Alharamain", "Smilewallet") are
    the join rule's business. `short` is no word of `words` itself.
    """
    if not SYLLABIC_MIN <= len(short) <= SYLLABIC_MAX or short in words:
        return 0.0
    content = [w for w in words if w not in FUNCTION_WORDS]
    counted = [w for w in content if w not in forms]
    if len(counted) < 2:
        return 0.0
    memo: dict[tuple[int, int], int] = {}

    def best(i: int, j: int) -> int:
        """Most counted words used to spell short[i:] from content[j:], -1 when it cannot be spelt."""
        if i == len(short):
            return 0
        if (i, j) not in memo:
            found = -1
            for m in range(j, len(content) if i else min(2, len(content))):  # the first part: word 1 or 2
                word = content[m]
                n = 0
                while n < len(word) and i + n < len(short) and word[n] == short[i + n]:
                    n += 1
                if i == 0:
                    n = min(n, len(word) - 1)  # the first word is cut short
                for size in range(n, 1, -1):  # parts of two letters or more, the longest first
                    if size == len(short):
                        continue  # two parts or more
                    rest = best(i + size, m + 1)
                    if rest >= 0:
                        found = max(found, rest + (word not in forms))
            memo[(i, j)] = found
        return memo[(i, j)]

    used = best(0, 0)
    return used / len(counted) if used >= 2 else 0.0

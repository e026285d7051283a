"""Name-similarity features: how alike the two names' words and letters are.

Each function's docstring is the sentence users see; every feature is symmetric and in [0, 1].
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein

from scoring.japanese import is_japanese
from scoring.normalize import NameParts, fused_stems
from scoring.phonetic import chinese_skeleton, is_pinyin, latin_skeleton
from scoring.places import after_places, place_words
from scoring.scripts import HAN, pinyin_of
from scoring.sides import Side, feature
from scoring.translation import (
    dictionary_version,
    han_text,
    mixed_reading,
    rendering,
    segment,
    sound_part,
    translation_match,
)
from scoring.words import (
    GENERIC,
    distinctive,
    distinctive_words,
    partial_acronym,
    spelt_within,
    syllabic_abbreviation,
    unmatched,
)

LATIN = ("latin", "none")


@feature()
def exact_name(q: Side, c: Side) -> float:
    """The two names have the same core words after normalisation, spaces and plural endings ignored."""
    # Also the same letters, legal form included, spaced otherwise: "Chack Oinc" is "Chacko Inc".
    a, b = q.parts, c.parts
    if not a.compact:
        return 0.0
    if a.compact == b.compact or a.folded.replace(" ", "") == b.folded.replace(" ", ""):
        return 1.0
    plural_only = len(a.core) == len(b.core) and abs(len(a.compact) - len(b.compact)) <= len(a.core)
    return float(plural_only and _singular(a.core) == _singular(b.core))


def _singular(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop a plural "s" from words of four letters or more ("guards" -> "guard"; "glass" stays)."""
    return tuple(w[:-1] if len(w) >= 4 and w.endswith("s") and not w.endswith("ss") else w for w in words)


@feature()
def token_set(q: Side, c: Side) -> float:
    """Share of words the two names have in common, ignoring word order and legal forms."""
    return fuzz.token_set_ratio(q.parts.key, c.parts.key) / 100.0


@feature()
def token_sort(q: Side, c: Side) -> float:
    """Similarity of the two names with their words sorted, so word order does not matter."""
    return fuzz.token_sort_ratio(q.parts.key, c.parts.key) / 100.0


@feature()
def char_similarity(q: Side, c: Side) -> float:
    """Character-level similarity of the two names written in Latin letters without spaces."""
    return fuzz.ratio(q.parts.compact, c.parts.compact) / 100.0


@feature()
def jaro_winkler(q: Side, c: Side) -> float:
    """Jaro-Winkler similarity of the two names without spaces, which rewards a shared beginning."""
    return float(JaroWinkler.similarity(q.parts.compact, c.parts.compact))


def _above_chance(similarity: float) -> float:
    """Rescale a 0-1 similarity so that chance level (half alike) and below count 0, identical 1."""
    return max(0.0, 2.0 * similarity - 1.0)


def _romanised_shows(s: Side) -> str:
    return f"{' '.join(distinctive(s.parts)) or s.parts.key} [{s.parts.script}]"


@feature(shows=_romanised_shows)
def romanised_similarity(q: Side, c: Side) -> float:
    """When the names are in different scripts, how far their romanised distinctive words agree."""
    if q.parts.script == c.parts.script or (q.parts.script in LATIN and c.parts.script in LATIN):
        return 0.0  # same script: the other features already compare the romanised words
    a, b = "".join(distinctive(q.parts)), "".join(distinctive(c.parts))
    if not (a and b):
        a, b = q.parts.compact, c.parts.compact
    return _above_chance(fuzz.ratio(a, b) / 100.0 if a and b else 0.0)


def _translation_sides(q: Side, c: Side) -> tuple[Side, Side] | None:
    """Return (Chinese side, Latin side) when exactly one name is written in Han characters."""
    for han, latin in ((q, c), (c, q)):
        if HAN.search(han.parts.native) and latin.parts.script in LATIN and not latin.parts.native:
            return han, latin
    return None


def _translation_shows(s: Side) -> str:
    if not HAN.search(s.parts.native):
        return s.parts.key
    text = han_text(s.parts.native)
    words = " ".join(segment(text))
    # The pinyin too: a mixed reading takes some words by sound (华孚 = huafu).
    meaning = rendering(s.parts.native)
    return f"{words} -> {meaning}; pinyin {pinyin_of(text)} [CC-CEDICT {dictionary_version()}]"


@feature(shows=_translation_shows)
def dictionary_translation(q: Side, c: Side) -> float:
    """A Chinese name's words mean the other's (CC-CEDICT), some by pinyin (华孚时尚 = Huafu Fashion)."""
    # The smaller of the share of Latin words covered and the share of Chinese characters used; 0 when
    # only generic words or places translate (中国银行 / Bank of America share "bank" and nothing else).
    # Some words may be read by their pinyin instead (华孚时尚 = Huafu Fashion: huafu + fashion), but only
    # when a distinctive word is read by sound and another by meaning: a name read wholly by sound is
    # romanised_similarity's.
    sides = _translation_sides(q, c)
    if sides is None:
        return 0.0
    han, latin = sides
    places = place_words()
    by_meaning = translation_match(han.parts.native, latin.parts.core, places).value
    if by_meaning >= 1.0:
        return by_meaning
    return max(by_meaning, mixed_reading(han.parts.native, latin.parts.core, places).value)


_SPACED_HAN = re.compile(rf"{HAN.pattern}\s+{HAN.pattern}")
# consonant classes on each side: a shorter skeleton is shared by many names of a long list (四通, STN, met
# "Sutton", "Stone Cotton" and "Aston" among 20,000 names at 0.67-0.78 with three)
SKELETON_MIN = 5


def sound_skeleton(p: NameParts) -> tuple[bool, str]:
    """Return (written in Chinese, consonant skeleton) of a name: of the sound part of a Chinese name, or
    of the distinctive words of a name in Latin letters none of which is pinyin; "" when neither."""
    if HAN.search(p.native):
        if _SPACED_HAN.search(p.original) or is_japanese(p.original):
            return True, ""  # a person's names written apart ("成 晶 张"); Japanese renders by katakana
        chars = sound_part(p.native, place_words())
        return True, chinese_skeleton(chars) if chars else ""
    words = distinctive(p)
    if p.script not in LATIN or p.native or not words or any(is_pinyin(w) for w in words):
        return False, ""  # "Tianshan Wool": romanised_similarity and mixed_reading read pinyin
    return False, latin_skeleton(words)


def _transliteration_shows(s: Side) -> str:
    chinese, skeleton = sound_skeleton(s.parts)
    if not skeleton:
        return ""
    if chinese:
        chars = sound_part(s.parts.native, place_words())
        return f"{chars} ({pinyin_of(chars)}) -> {skeleton}"
    return f"{' '.join(distinctive(s.parts))} -> {skeleton}"


@feature(shows=_transliteration_shows)
def transliteration_match(q: Side, c: Side) -> float:
    """How closely a Chinese name's sounds follow a foreign name's consonants (康卡斯特 / Comcast)."""
    sides = _translation_sides(q, c)
    if sides is None:
        return 0.0
    a, b = sound_skeleton(sides[0].parts)[1], sound_skeleton(sides[1].parts)[1]
    if min(len(a), len(b)) < SKELETON_MIN:
        return 0.0
    return _above_chance(Levenshtein.normalized_similarity(a, b))  # half the skeleton alike counts 0


def _acronym_shows(s: Side) -> str:
    """The name's words, then its acronyms and bracketed aliases: "xpcc division / xd / xfd"."""
    return " / ".join(dict.fromkeys(x for x in (s.parts.key, *s.parts.acronyms, *s.parts.aliases) if x))


@feature(shows=lambda s: " / ".join(s.parts.aliases) or s.parts.compact)
def alias_match(q: Side, c: Side) -> float:
    """One name declares the other as its alias in brackets (e.g. 'Naftiran Intertrade Company (NICO)')."""
    a, b = q.parts, c.parts
    if set(a.aliases) & ({b.compact, *b.aliases} if b.compact else set(b.aliases)):
        return 1.0
    return float(bool(b.aliases) and a.compact in b.aliases)


def ampersand_letters(short: NameParts, long: NameParts) -> int:
    """Return how many letters `short` has when it is initials around "&" that spell `long`'s words
    around its own "&" or "and" ("P&G" / "Procter & Gamble", "AT&T" / "American Telephone and
    Telegraph"), else 0. Generic words may be left out of the initials ("M&S" / "Marks & Spencer Group").
    """
    groups = short.and_groups
    if len(groups) < 2 or len(groups) != len(long.and_groups) or "".join(groups) != short.compact:
        return 0
    if not all(g.isalpha() and len(g) <= 3 for g in groups):  # each group initials, not a word
        return 0
    words = [g.split() for g in long.and_groups]
    full = tuple("".join(w[0] for w in g) for g in words)
    lean = tuple("".join(w[0] for w in g if w not in GENERIC) for g in words)
    return len(short.compact) if groups in (full, lean) else 0


def _extends(x: NameParts, y: NameParts) -> bool:
    """Return True when `x` has every word of `y` and distinctive words more: `y` names a part of `x`."""
    return (
        bool(y.core)
        and unmatched(y.core, x.core, y, x) == 0
        and bool(distinctive_words(x.core))
        and (unmatched(distinctive_words(x.core), y.core, x, y) > 0)
    )


def spelt_alike(acronym: str, x: NameParts, y: NameParts) -> bool:
    """Return False when `acronym`, which `y`'s words spell, is also `x`'s own and `y` lacks some of
    `x`'s words: the two only begin with the same letters ("Xinjiang Pearl Cotton Company" is not
    "Xinjiang Production and Construction Corporation (XPCC)"; "... Construction Corps" is)."""
    return acronym not in x.acronyms or unmatched(x.core, y.core, x, y) == 0


@feature(shows=_acronym_shows)
def acronym_match(q: Side, c: Side) -> float:
    """One name, or one of its words, is the acronym of the other's words (XPCC, XPCC First Division)."""
    # Graded by length, as short acronyms collide: 2 letters count 1/3, 3 letters 2/3, 4 or more in full.
    # Initials around an ampersand that line up with the other name's words around its "&" ("P&G" /
    # "Procter & Gamble") count the ampersand as a letter: the alignment is evidence a bare "PG" lacks.
    # Also when one name's bracketed alias is the other name's acronym ("... Corporation (XPCC)").
    a, b = q.parts, c.parts
    aligned = max(ampersand_letters(a, b), ampersand_letters(b, a))
    if aligned:
        return min(1.0, aligned / 3)
    for short, long in ((a, b), (b, a)):
        if len(short.core) != 1 or len(short.compact) < 2:
            continue
        if short.compact == long.acronym or (len(short.compact) >= 3 and short.compact in long.acronyms):
            # 2 letters 1/3, 3 letters 2/3: short ones collide; a legal form's letters ("NSCL" / "Noble
            # Shipping Co Ltd") count one letter fewer, as the form is weak evidence
            letters = len(short.compact) - (short.compact in long.form_acronyms)
            return min(1.0, (letters - 1) / 3)
        # GAESA: "gae" + the S.A. of Grupo de Administracion ...; the form's letters count as one, as above
        for stem in fused_stems(short.compact, long.fused_forms):
            if stem in long.acronyms:
                return min(1.0, len(stem) / 3)
    for x, y in ((a, b), (b, a)):  # "... Corporation (XPCC)": the bracketed alias is the other's acronym
        found = [len(n) for n in x.aliases if len(n) >= 3 and n in y.acronyms and spelt_alike(n, x, y)]
        if found and not _extends(x, y):  # "... Guard Corps (IRGC)-Qods Force": IRGC names the part
            return min(1.0, (max(found) - 1) / 3)
    partial = max(  # "XPCC First Division": only when a word of one is the initials of words of the other
        partial_acronym(a.core, b.core) if any(w in b.initials for w in a.core) else 0,
        partial_acronym(b.core, a.core) if any(w in a.initials for w in b.core) else 0,
    )
    return min(1.0, (partial - 1) / 3) if partial else 0.0


@feature(shows=lambda s: s.parts.folded)
def syllabic_abbreviation_match(q: Side, c: Side) -> float:
    """One name is one word built from the leading letters of the other's words (Pemex, Petrobras)."""
    # Share of the long name's words used; legal forms may give letters but are not counted.
    a, b = q.parts, c.parts
    for short, long in ((a, b), (b, a)):
        if len(short.core) == 1 and len(long.core) >= 2:
            value = syllabic_abbreviation(short.compact, tuple(long.folded.split()), long.form_words)
            if value:
                return value
    return 0.0


@feature(shows=lambda s: " ".join(s.parts.core))
def short_form_match(q: Side, c: Side) -> float:
    """One name is one bare word that begins the other, a name with a legal form, as a brand ('Hoshine')."""
    # A brand or short name of a registered company ("Hoshine" for "Hoshine Silicon Industry Co., Ltd.").
    # Places the long name starts with may be left out ("Hikvision" / "Hangzhou Hikvision Digital ...").
    # The word must be distinctive and spelt the same (with one letter free, "Nerger" began "Berger
    # Tomato e.G."); a legal form on it makes it a full name of its own ("Crystalord Ltd"),
    # a short name of several words is often a parent body ("Ministry of State Security" / "... Farm
    # Bureau"), and a long name without a legal form often a movement's wing or a joint name.
    a, b = q.parts, c.parts
    for short, long in ((a, b), (b, a)):
        if short.legal_forms or not long.legal_forms or len(short.core) != 1 or not distinctive(short):
            continue
        for rest in (long.core, after_places(long.core)):
            if len(rest) > 1 and short.core[0] == rest[0]:
                return 1.0
    return 0.0


def _distinctive_shows(s: Side) -> str:
    return " ".join(distinctive(s.parts))


@feature(shows=_distinctive_shows)
def distinctive_overlap(q: Side, c: Side) -> float:
    """Share of the shorter name's distinctive words (not generic, not places) found in the other name."""
    a, b = distinctive(q.parts), distinctive(c.parts)
    if not a or not b:
        return 0.0
    if len(a) <= len(b):
        return 1.0 - unmatched(a, b, q.parts, c.parts) / len(a)
    return 1.0 - unmatched(b, a, c.parts, q.parts) / len(b)


@feature(shows=_distinctive_shows)
def distinctive_unmatched(q: Side, c: Side) -> float:
    """Share of all distinctive words, on both sides, that have no counterpart in the other name."""
    a, b = distinctive(q.parts), distinctive(c.parts)
    total = len(a) + len(b)
    return (unmatched(a, b, q.parts, c.parts) + unmatched(b, a, c.parts, q.parts)) / total if total else 0.0


@feature()
def word_unmatched(q: Side, c: Side) -> float:
    """Share of all words, generic ones included, that have no counterpart in the other name."""
    a, b = q.parts.core, c.parts.core
    total = len(a) + len(b)
    return (unmatched(a, b, q.parts, c.parts) + unmatched(b, a, c.parts, q.parts)) / total if total else 0.0


@feature(shows=lambda s: " ".join(s.parts.core) and s.parts.core[0])
def first_word(q: Side, c: Side) -> float:
    """Similarity of the first words of the two names."""
    if not q.parts.core or not c.parts.core:
        return 0.0
    return float(JaroWinkler.similarity(q.parts.core[0], c.parts.core[0]))


@feature(shows=lambda s: str(len(s.parts.compact)))
def length_ratio(q: Side, c: Side) -> float:
    """Length of the shorter name divided by the length of the longer one."""
    a, b = len(q.parts.compact), len(c.parts.compact)
    return min(a, b) / max(a, b) if max(a, b) else 1.0


@feature()
def token_subset(q: Side, c: Side) -> float:
    """Every word of one name appears in the other (e.g. 'Deutsche Bank' in 'Deutsche Bank AG Branch')."""
    # Written apart or together counts as the same words: "Smilewallet" / "Smile Wallet Ltd".
    a, b = q.parts, c.parts
    if not a.core or not b.core:
        return 0.0
    sa, sb = set(a.core), set(b.core)
    if sa <= sb or sb <= sa:
        return 1.0
    return float(bool(a.joins or b.joins) and (spelt_within(a, b) or spelt_within(b, a)))


def _generic_shows(s: Side) -> str:
    return " ".join(w for w in s.parts.core if w in GENERIC) or "(no generic word)"


@feature(shows=_generic_shows)
def sibling_words(q: Side, c: Side) -> float:
    """The names share their distinctive words but each has a business word the other lacks (sister firms)."""
    # As companies of one group are named: "CCB International Capital" / "CCB International Holdings",
    # "Xinjiang Zhongtai Group" / "Xinjiang Zhongtai Chemical". A business word on one side only is how one
    # company is written two ways ("Hoshine Silicon Industry" / "Hoshine Silicon").
    a, b = q.parts, c.parts
    ga = tuple(w for w in a.core if w in GENERIC and w not in b.core)  # cheap tests first: most pairs
    gb = tuple(w for w in b.core if w in GENERIC and w not in a.core)  # stop here
    da, db = distinctive(a), distinctive(b)
    if not (ga and gb and da and db) or unmatched(da, b.core, a, b) or unmatched(db, a.core, b, a):
        return 0.0
    return float(bool(unmatched(ga, b.core, a, b) and unmatched(gb, a.core, b, a)))


@feature(shows=lambda s: _distinctive_shows(s) or "(generic words and places only)")
def generic_only(q: Side, c: Side) -> float:
    """At least one name has only generic business words and places, which identify no company."""
    return float(not distinctive(q.parts) or not distinctive(c.parts))

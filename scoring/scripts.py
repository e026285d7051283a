"""Scripts: clean raw text, fold any script to lower-case ASCII words, and romanise CJK runs.

Han is romanised with pypinyin (one word per run of characters that no table splits), kana and Hangul
with anyascii. A Japanese name (kana, or a Japanese-only legal form such as ``株式会社``; see
`scoring.japanese`) is read in Hepburn instead, kanji included (``三菱商事`` -> mitsubishi shoji).
Before romanising, generic words (``技术`` -> technology, from ``abbreviations_cjk.csv``) and place
names (``和田`` -> hotan, from ``places.csv``) are cut out of a run and rendered by their tables, so the
distinctive rest of a name stands as its own word.
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from functools import cache, lru_cache

from anyascii import anyascii
from pypinyin import lazy_pinyin

from scoring.japanese import hepburn
from scoring.legal_forms import read_rows

MAX_CHARS = 1000  # names are cut here before matching: no real company name is longer
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_SCRIPT_ALIASES = {"CJK": "han", "HIRAGANA": "kana", "KATAKANA": "kana"}


# An HTML character reference, as web forms and ERP exports leave them in names ("Procter &amp; Gamble").
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def _decode_reference(match: re.Match[str]) -> str:
    """Decode one character reference; a name HTML does not define stays as written."""
    ref = match.group(0)
    if ref[1] == "#":
        return html.unescape(ref)
    return html.entities.html5.get(ref[1:], ref)  # keys carry the ';': "amp;" -> "&"


def clean(text: str) -> str:
    """Decode HTML character references, apply NFKC, drop control/format characters, squash whitespace
    and cut to MAX_CHARS."""
    text = str(text)[: MAX_CHARS * 2]
    if "&" in text:
        text = _ENTITY.sub(_decode_reference, text)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(text.split())[:MAX_CHARS]


def fold(text: str) -> list[str]:
    """Fold `text` to lower-case ASCII tokens: anyascii, casefold, '&' -> 'and', punctuation -> space."""
    ascii_text = anyascii(text).casefold().replace("&", " and ")
    ascii_text = re.sub(r"(?<=\w)[.'’](?=\w)", "", ascii_text)  # s.a. -> sa, int'l -> intl
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).split()


def script_of(text: str) -> str:
    """Return the dominant script of the letters in `text` (or 'mixed' / 'none')."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        word = name.split(" ")[0].split("-")[0] if name else "other"
        script = _SCRIPT_ALIASES.get(word, word.lower())
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "none"
    total = sum(counts.values())
    top, n = max(counts.items(), key=lambda kv: kv[1])
    if "kana" in counts and top == "han":
        return "kana"  # Japanese mixes kanji and kana
    return top if n >= 0.8 * total else "mixed"


@cache
def cjk_glossary() -> tuple[tuple[str, str], ...]:
    """Return (CJK word, ASCII tokens) pairs from the glossary and the place table, longest word first."""
    rows = [(r["variant"], r["canonical"]) for r in read_rows("abbreviations_cjk.csv")]
    rows += [(r["variant"], r["canonical"]) for r in read_rows("places.csv") if CJK_RUN.search(r["variant"])]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _glossary_by_first() -> dict[str, tuple[tuple[str, str], ...]]:
    """Return the glossary (`cjk_glossary`) by the first character of its words, longest word first."""
    found: dict[str, list[tuple[str, str]]] = {}
    for word, english in cjk_glossary():
        found.setdefault(word[0], []).append((word, english))
    return {first: tuple(words) for first, words in found.items()}


def glossary_words_at(run: str, i: int) -> tuple[tuple[str, str], ...]:
    """Return the glossary words `run[i:]` begins with, longest first."""
    return (
        tuple(w for w in _glossary_by_first().get(run[i], ()) if run.startswith(w[0], i))
        if i < len(run)
        else ()
    )


# The kind of division written after a Chinese place (GB/T 2260's 省 province, 市 city, 地区 prefecture,
# 县 county, 区 district, and the autonomous 自治区 / 自治州 / 自治县), longest first: "北京市天康" is
# Beijing's Tiankang, not "beijing shitiankang".
DIVISION_SUFFIXES = ("自治区", "自治州", "自治县", "地区", "省", "市", "县", "区")


# The source note of a place row that is a county's name without its division word (洛浦 for 洛浦县,
# written by tools/build_county_places.py): read as a place only where a Chinese name says where it is,
# at the start of its run or after another place, as 新源 or 福海 is elsewhere a word of a name.
SHORT_NAME = "its short name, every CC-CEDICT sense of which is a place in Xinjiang"


@cache
def cjk_places() -> frozenset[str]:
    """Return the Chinese-script spellings of the place table (和田, 新疆维吾尔自治区)."""
    return frozenset(r["variant"] for r in read_rows("places.csv") if CJK_RUN.search(r["variant"]))


@cache
def cjk_leading_places() -> frozenset[str]:
    """Return the places of the table read only at the start of a run or after another place (洛浦)."""
    return frozenset(r["variant"] for r in read_rows("places.csv") if r["source"].endswith(SHORT_NAME))


def division_suffix(run: str, i: int) -> int:
    """Return the length of the division suffix at `run[i]` that follows a place, 0 when there is none.

    A suffix that begins a longer dictionary word is the word's ("北京市场" is Beijing's market, 市场).
    """
    from scoring.translation import segment  # CC-CEDICT, loaded only when a place is followed by one

    for suffix in DIVISION_SUFFIXES:
        if run.startswith(suffix, i):
            if i + len(suffix) < len(run) and len(segment(run[i:])[0]) > len(suffix):
                return 0
            return len(suffix)
    return 0


def _ends_inside_a_word(run: str, i: int, place: str) -> bool:
    """Return True when the division character a place at `run[i]` ends with begins a longer dictionary
    word there: 天山区域 is Tianshan's region (区域), not Tianshan District (天山区) followed by 域."""
    for suffix in DIVISION_SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix):
            return division_suffix(run, i + len(place) - len(suffix)) == 0
    return False


def _name_follows(run: str, i: int) -> bool:
    """Return True when `run[i]` starts a coined word, one neither our tables nor CC-CEDICT hold: the
    name's own word (字号), which a name beginning with a county's short name must still have (洛浦天康棉业:
    天康). Otherwise the short name is the name's word: 新源电力 is Xinyuan Power, not a power company of
    Xinyuan County, and 民丰特种纸 (特种, special) the paper maker Minfeng."""
    if i >= len(run) or glossary_words_at(run, i):
        return False
    from scoring.translation import segment  # CC-CEDICT, loaded only when a name starts so

    return len(segment(run[i:])[0]) == 1


def cjk_words(run: str, japanese: bool = False) -> str:
    """Render one CJK run as ASCII words: table words by their rendering, other Han as one pinyin word.

    A division suffix after a place is dropped (北京市 -> beijing). With `japanese` (the whole name is
    Japanese, `scoring.japanese.is_japanese`) the rest is read in Hepburn instead, one word per Japanese
    word (``三菱商事`` -> mitsubishi shoji).
    """
    romanise_rest = romanise_japanese if japanese else romanise
    out = [english if table else romanise_rest(text) for text, english, table in _cut(run, japanese)]
    return " " + " ".join(w for w in out if w) + " "


@lru_cache(maxsize=1 << 14)
def coined_words(native: str) -> dict[str, str]:
    """Return the words of a Chinese name that no table reads, romanised -> their characters (新疆天康棉业:
    tiankang -> 天康): a company's own word (字号), and whatever else the tables do not hold."""
    return {
        romanise(text): text
        for found in CJK_RUN.finditer(native)
        for text, _, table in _cut(found.group(0), False)
        if not table
    }


def _cut(run: str, japanese: bool) -> tuple[tuple[str, str, bool], ...]:
    """Cut one CJK run into (text, table rendering, read by a table) pieces, the unread text between
    table words kept whole (see `cjk_words`)."""
    places, leading = cjk_places(), cjk_leading_places()
    out: list[tuple[str, str, bool]] = []
    pending = ""
    i = 0
    after_place = True  # the start of the run is where a place is said
    while i < len(run):
        where_said = after_place and not pending and not japanese  # where a county's short name may be
        for word, english in glossary_words_at(run, i):
            if word in leading and not (where_said and _name_follows(run, i + len(word))):
                continue
            if word in places and _ends_inside_a_word(run, i, word):
                continue
            if pending:
                out.append((pending, "", False))
            out.append((word, english, True))
            pending, i = "", i + len(word)
            after_place = word in places
            if after_place and not japanese:
                i += division_suffix(run, i)
            break
        else:
            pending += run[i]
            i += 1
    if pending:
        out.append((pending, "", False))
    return tuple(out)


def romanise(text: str) -> str:
    """Romanise a CJK string as one word: pypinyin for Han, anyascii for kana and Hangul."""
    if not text:
        return ""
    if HAN.search(text) and not _KANA_HANGUL.search(text):
        return "".join(lazy_pinyin(text))
    return anyascii(text).casefold()


def romanise_japanese(text: str) -> str:
    """Romanise Japanese text in Hepburn as lower-case words; the Chinese reading if that fails."""
    if not text:
        return ""
    reading = hepburn(text)
    return romanise(text) if reading is None else anyascii(reading).casefold()


def pinyin_of(text: str) -> str:
    """Return the pinyin of the Han characters in `text`, syllables separated by spaces."""
    return " ".join(lazy_pinyin("".join(HAN.findall(text)))) if HAN.search(text) else ""

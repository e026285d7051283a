"""Region evidence: Xinjiang (XUAR), one of its prefectures or counties, or the XPCC named in a record, or a
USCC registered in Xinjiang."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reference_data.models import RegionRule
from scoring.evidence.context import EvidenceContext
from scoring.evidence.text import contains, tokens
from scoring.identifiers import is_xinjiang_uscc
from scoring.legal_forms import read_rows
from scoring.types import Evidence, Finding, SupplierRecord

# Names that point to Xinjiang wherever they appear (the region itself, in Latin and Chinese script).
# "Sinkiang" is the 1906 postal romanisation, still found in older names and addresses.
REGION_NAMES: tuple[str, ...] = (
    "xinjiang", "sinkiang", "xuar", "uyghur autonomous region", "uighur autonomous region", "新疆",
    "新疆维吾尔自治区",
)  # fmt: skip
# Prefecture-level cities and prefectures of the XUAR, and the county-level cities it administers
# directly (the XPCC's: Shihezi, Aral, Tumxuk, Wujiaqu, Tiemenguan), with the Ili capital Yining: DOMAIN.md
# and the GB/T 2260 division codes 65xxxx (as the cpca package ships them in adcodes.csv), in both
# scripts, conventional names with their pinyin. Some Latin names are also places elsewhere (Aksu in
# Kazakhstan and Turkey, Aral in Kazakhstan, Altay in Russia), so they count only for Chinese or
# unknown-country records; the Chinese-script names are unambiguous.
CITY_NAMES: tuple[str, ...] = (
    "urumqi", "urumchi", "wulumuqi", "kashgar", "kashi", "hotan", "hetian", "khotan", "aksu", "akesu",
    "turpan", "tulufan", "hami", "kumul", "korla", "kuerle", "shihezi", "yili", "ili kazakh", "karamay",
    "kelamayi", "changji", "bortala", "boertala", "bayingolin", "bayingol", "bayinguoleng", "kizilsu",
    "kezilesu", "tacheng", "altay", "aletai", "aral", "alaer", "tumxuk", "tumushuke", "wujiaqu",
    "tiemenguan", "yining",
)  # fmt: skip
CITY_NAMES_CJK: tuple[str, ...] = (
    "乌鲁木齐", "喀什", "和田", "阿克苏", "吐鲁番", "哈密", "库尔勒", "石河子", "伊犁", "克拉玛依", "昌吉",
    "博尔塔拉", "巴音郭楞", "克孜勒苏", "塔城", "阿勒泰", "阿拉尔", "图木舒克", "五家渠", "铁门关", "伊宁",
)  # fmt: skip
# Latin suffixes of a county-level division's kind: the English word and the pinyin one ("Luopu Xian").
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "county": ("county", "xian"),
    "city": ("city", "shi"),
    "district": ("district", "qu"),
}


@cache
def county_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the XUAR's county-level divisions as (Chinese full names, Latin phrases) to look for.

    From scoring/data/xinjiang_counties.csv (GB/T 2260 codes 65xxxx via cpca, written by
    tools/build_xinjiang_counties.py): the full Chinese name (洛浦县), unless it only repeats a
    prefecture-level name above (和田县), the pinyin followed by its kind ("luopu county", "luopu
    xian") where the pinyin is safe, and the English names CC-CEDICT gives it followed by the English
    kind ("lop county", "yarkand county"). A bare name is not enough: 民丰 is also a paper maker's name."""
    rows = read_rows("xinjiang_counties.csv")
    cjk = tuple(r["name"] for r in rows if not any(city in r["name"] for city in CITY_NAMES_CJK))
    latin = tuple(
        f"{r['pinyin']} {word}" for r in rows if r["pinyin"] for word in KIND_WORDS.get(r["kind"], ())
    )
    english = tuple(
        f"{name} {KIND_WORDS[r['kind']][0]}"
        for r in rows
        if r["kind"] in KIND_WORDS
        for name in r["english"].split()
    )
    return cjk, tuple(dict.fromkeys(latin + english))


XPCC_NAMES: tuple[str, ...] = (
    "xpcc", "bingtuan", "production and construction corps", "production and construction corporation",
    "兵团", "生产建设兵团",
)  # fmt: skip
TEXT_FIELDS: tuple[str, ...] = ("name", "address", "product")


@dataclass(frozen=True, slots=True)
class RegionHit:
    """One place in the record that points to Xinjiang or the XPCC."""

    field: str  # name | address | product | identifier
    value: str  # the record's value
    phrase: str  # what was recognised
    xpcc: bool = False


def detect(record: SupplierRecord) -> tuple[RegionHit, ...]:
    """Return every pointer to Xinjiang or the XPCC in the record's text fields and identifiers."""
    hits: list[RegionHit] = []
    city_ok = record.country in (None, "", "CN")
    for field in TEXT_FIELDS:
        value = str(getattr(record, field) or "")
        if not value.strip():
            continue
        toks = tokens(value)
        counties_cjk, counties_latin = county_names()
        latin = (*CITY_NAMES, *counties_latin) if city_ok else ()
        phrases = [*REGION_NAMES, *CITY_NAMES_CJK, *counties_cjk, *latin]
        hits += [RegionHit(field, value, p) for p in phrases if contains(toks, value, p)]
        hits += [RegionHit(field, value, p, xpcc=True) for p in XPCC_NAMES if contains(toks, value, p)]
    for scheme, code in record.identifiers:
        if scheme.casefold() == "uscc" and is_xinjiang_uscc(code):
            hits.append(RegionHit("identifier", code, "USCC division code 65 (Xinjiang)"))
    return tuple(hits)


def is_xinjiang_rule(rule: RegionRule) -> bool:
    """Return True for a CBP order that covers the Xinjiang region as a whole."""
    area = rule.region.casefold()
    return rule.kind == "region_good" and ("xinjiang" in area or "xuar" in area)


def names_xinjiang(record: SupplierRecord) -> bool:
    """Return True when anything in the record points to Xinjiang or the XPCC."""
    return bool(detect(record))


def find(ctx: EvidenceContext, record: SupplierRecord) -> list[Finding]:
    """Return one region finding (XPCC outranks Xinjiang) citing every pointer found."""
    hits = detect(record)
    if not hits:
        return []
    evidence = [
        Evidence(
            source_id="input",
            source_version=ctx.snapshot.snapshot_id,
            record=f"{hit.field}={hit.value}",
            detail=f"the {hit.field} names {hit.phrase!r}",
        )
        for hit in hits
    ]
    for rule in (r for r in ctx.snapshot.rules if is_xinjiang_rule(r)):
        evidence.append(
            Evidence(
                source_id=rule.source_id,
                source_version=ctx.version(rule.source_id),
                record=rule.rule_id,
                detail=f"CBP {rule.action or 'order'} ({rule.status}): {rule.description}",
                source_row=rule.source_row,
            )
        )
    if any(hit.xpcc for hit in hits):
        sentence = (
            "The record names the Xinjiang Production and Construction Corps (XPCC, Bingtuan), a "
            "paramilitary conglomerate named in US forced-labour enforcement; goods linked to it are "
            "presumed made with forced labour under the UFLPA."
        )
        return [ctx.finding("region.xpcc", sentence, evidence)]
    where = ", ".join(sorted({hit.field for hit in hits}))
    sentence = (
        f"The supplier's {where} points to the Xinjiang Uyghur Autonomous Region, where US law presumes "
        "goods made wholly or in part there to be made with forced labour (UFLPA)."
    )
    return [ctx.finding("region.xinjiang", sentence, evidence)]

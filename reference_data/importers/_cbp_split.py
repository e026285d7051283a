"""Read CBP's compound order strings: which name a region or good, and which name companies (and how many)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

from reference_data.countries import resolve_country
from reference_data.importers._common import clean


@dataclass(frozen=True)
class RegionGood:
    """What a region/good order covers: ISO country, optional sub-national region, goods (empty = all)."""

    country: str
    region: str
    goods: tuple[str, ...]
    vessels: tuple[str, ...] = ()  # fishing vessels the order names; each also becomes a vessel entity


@dataclass(frozen=True)
class Part:
    """One party a CBP string names: primary name, aliases, and what the string says about it."""

    name: str
    aliases: tuple[str, ...] = ()
    entity_type: str = "organization"
    address: str = ""
    country: str | None = None  # only when the lookup states one that differs from the order's country
    group: str = ""  # "and subsidiaries" wording: the order also covers the party's group
    note: str = ""


# Orders that name a region or a good rather than a producer. Facts in the comments are CBP's order texts.
_FISHING = re.compile(r"^All products harvested by fishing vessels (?P<vessels>.+)$", re.IGNORECASE)
_REGION_GOODS: tuple[tuple[re.Pattern[str], RegionGood], ...] = (
    (re.compile(r"^All Turkmenistan Cotton\b", re.I), RegionGood("TM", "", ("cotton",))),
    # Rough diamonds from the Marange fields (Zimbabwe): a place, not a company.
    (
        re.compile(r"^Marange Diamond Fields$", re.I),
        RegionGood("ZW", "Marange Diamond Fields", ("diamonds",)),
    ),
    (
        re.compile(r"^All gold mined\b.*\bDemocratic Republic of the Congo", re.I),
        RegionGood("CD", "artisanal mining sites in eastern DRC", ("gold",)),
    ),
    # The 2019 order on gold from artisanal small mines in eastern DRC, modified by the 2022 order above.
    (
        re.compile(r"^Artisanal Small Mines$", re.I),
        RegionGood("CD", "artisanal mining sites in eastern DRC", ("gold",)),
    ),
    (
        re.compile(r"^Tobacco produced in (the Republic of )?Malawi\b", re.I),
        RegionGood("MW", "", ("tobacco",)),
    ),
    (
        re.compile(r"^Xinjiang Uyghur Autonomous Region\b", re.I),
        RegionGood("CN", "Xinjiang Uyghur Autonomous Region (XUAR)", ()),
    ),
)

_GROUP_SUFFIX = re.compile(
    r"[,\s]+(and\s+(?:its\s+|their\s+)?(?:subsidiaries|subordinates)(?:\s+and\s+joint\s+ventures)?)\.?$",
    re.IGNORECASE,
)
_AKA = re.compile(r",?\s+a/k/a\s+", re.IGNORECASE)
_VESSEL = re.compile(r"^Fishing Vessel:\s*(?P<name>.+)$", re.IGNORECASE)
_OWNED_VESSELS = re.compile(r"^Fishing Vessels owned by\s+(?P<name>.+)$", re.IGNORECASE)
# Legal-form words CBP strings end with (Chinese, Malaysian, Indian, Latin American, Serbian companies).
_LEGAL_FORMS = frozenset(
    "co company ltd limited llc l c inc corp corporation bhd berhad sdn pvt".split()
    + "sa de cv s a srl r doo d o".split()
)
_FACILITY = re.compile(
    r"\b(prison|penitentiary|camp|laogai|detachment|training center|industrial park|labor reform)\b", re.I
)


def name_key(name: str) -> str:
    """Reduce a name to lower-case ASCII letters and digits, for comparing spellings of one name."""
    return re.sub(r"[^a-z0-9]", "", anyascii(name).replace("&", " and ").casefold())


def core_key(name: str) -> str:
    """Key a name without trailing legal forms ("Dalian Ocean Fishing Co. Ltd." -> "dalianoceanfishing")."""
    words = re.findall(r"[a-z0-9]+", anyascii(name).replace("&", " and ").casefold())
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    return "".join(words)


def entity_type(name: str) -> str:
    """Classify a CBP target: prisons, camps and parks are facilities; everything else organizations."""
    return "facility" if _FACILITY.search(name) else "organization"


def region_good(text: str) -> RegionGood | None:
    """Return what a region/good order covers, or None when the string names producers."""
    text = clean(text)
    fishing = _FISHING.match(text)
    if fishing:
        vessels = re.split(r",\s*(?:or\s+)?|\s+or\s+", fishing["vessels"])
        return RegionGood("CN", "catch of the named fishing vessels", ("fish", "seafood"), tuple(vessels))
    for pattern, rule in _REGION_GOODS:
        if pattern.search(text):
            return rule
    return None


def group_wording(text: str) -> tuple[str, str]:
    """Split '<names> and its subsidiaries' into (names, 'and its subsidiaries'); wording '' if none."""
    match = _GROUP_SUFFIX.search(clean(text))
    if not match:
        return clean(text), ""
    return clean(text)[: match.start()].strip(" ,"), match[1]


def split_string(text: str) -> list[Part]:
    """Split a CBP string with no lookup: ';' separates parties, 'a/k/a' introduces aliases."""
    names, group = group_wording(text)
    parts = []
    for chunk in names.split(";"):
        chunk = chunk.strip(" ,")
        if not chunk:
            continue
        vessel = _VESSEL.match(chunk)
        if vessel:
            parts.append(Part(vessel["name"].strip(), entity_type="vessel"))
            continue
        primary, *aliases = [a.strip() for a in _AKA.split(chunk) if a.strip()]
        parts.append(Part(primary, tuple(aliases), entity_type(primary), group=group))
    return parts


def lookup_parts(text: str, rows: list[dict[str, str]]) -> list[Part]:
    """Turn OpenSanctions' lookup rows for one CBP string into parties (aliases, address, own country)."""
    _, group = group_wording(text)
    vessel_string = bool(_VESSEL.match(clean(text)))
    parts = []
    for row in rows:
        name = clean(row["entity_name"])
        note = clean(row.get("notes", ""))
        owned = _OWNED_VESSELS.match(note)
        row_group = group or (note if re.search(r"subsidiar|subordinat", note, re.I) else "")
        kind = "vessel" if vessel_string else entity_type(name)
        parts.append(
            Part(
                name=name,
                aliases=tuple(a.strip() for a in row.get("aliases", "").split(";") if a.strip()),
                entity_type=kind,
                address=clean(row.get("address", "")),
                country=resolve_country(clean(row.get("country", ""))),
                group=row_group,
                note="fishing vessels owned by this company are covered" if owned else "",
            )
        )
    return parts

"""Canonical, immutable records of the bundled reference snapshot.

Every record keeps the identity of the list it came from (``source_id``) and the data row it was
read from (``source_row``, 1-based data row of the snapshot file), so a finding can cite its evidence
down to the line. Lists are never merged: a UFLPA entity and a CBP entity with the same name stay two
records with two legal bases.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ListEntity:
    """A named party on a risk list (a company, facility, prison, vessel or person as published)."""

    entity_id: str  # stable id, "<source_id>:<key>", unique across the snapshot
    source_id: str  # list it belongs to, e.g. "us_dhs_uflpa"; custom lists use the file stem
    name: str  # primary name as published
    aliases: tuple[str, ...] = ()  # other names the publisher gives (a/k/a, former names, translations)
    country: str | None = None  # ISO 3166-1 alpha-2 where the list states or implies one
    entity_type: str = "organization"  # organization | person | vessel | facility
    address: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()  # (scheme, value), e.g. ("cnpj", "27090456000227")
    listed_on: str | None = None  # ISO date the listing took effect, when published
    action: str = ""  # list-specific action: "UFLPA entity", "WRO", "Finding", "Cadastro section I" ...
    status: str = "active"  # active | historical (named by an order not in the active-orders copy)
    legal_basis: str = ""  # one line naming the instrument the listing rests on
    sectors: str = ""  # industry or merchandise as published
    related: str = ""  # subsidiaries / related parties the publisher names without listing them
    source_row: int = 0  # 1-based data row in the snapshot file this record was built from
    source_url: str = ""  # page the record was taken from, when the list gives one
    notes: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Return the primary name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class RegionRule:
    """A CBP order that names a region, a good or a group rather than one producer."""

    rule_id: str  # "<source_id>:<key>"
    source_id: str
    kind: str  # "region_good" (all <good> from <country/region>) | "group" (an entity "and subsidiaries")
    description: str  # the order as published
    country: str | None  # ISO alpha-2
    region: str = ""  # sub-national region where the order names one, e.g. "XUAR"
    goods: tuple[str, ...] = ()  # goods the order covers, lower-case English, empty = all goods
    entity_name: str = ""  # for "group" rules: the parent entity whose subsidiaries are covered
    action: str = ""  # WRO | Finding
    listed_on: str | None = None
    source_row: int = 0
    status: str = "active"  # active | historical (named by an order not in the active-orders copy)
    notes: str = ""


@dataclass(frozen=True, slots=True)
class GoodListing:
    """One good x country pair of ILAB's List of Goods Produced by Child Labor or Forced Labor."""

    good: str
    country: str | None  # ISO alpha-2 (None only if the published name could not be resolved)
    country_name: str  # as published
    sector: str = ""
    child_labor: bool = False
    forced_labor: bool = False
    forced_child_labor: bool = False
    produced_with_listed_inputs: bool = False
    input_source_country: str = ""  # for downstream goods: where the listed input comes from
    earliest_edition: str = ""  # derived from the app data editions; "2014" means 2014 or earlier
    source_row: int = 0


@dataclass(frozen=True, slots=True)
class ProductListing:
    """One product x country pair of the Executive Order 13126 list (forced or indentured child labour)."""

    product: str
    country: str | None
    country_name: str
    source_row: int = 0


@dataclass(frozen=True, slots=True)
class TipTier:
    """A country's tier in one edition of the US State Department Trafficking in Persons Report."""

    country: str | None
    country_name: str
    report_year: int
    tier: str  # "Tier 2 Watch List" | "Tier 3" | "Special Case" (only these are in the partial source)
    source_url: str = ""
    source_row: int = 0


@dataclass(frozen=True, slots=True)
class CountryProfile:
    """ILAB Findings on the Worst Forms of Child Labor (2022) country profile indicators."""

    country: str | None
    country_name: str
    advancement_level: str  # e.g. "Moderate Advancement", "" when ILAB gives none
    ratified_palermo: bool | None  # None = not applicable / not stated
    ratified_c138: bool | None
    ratified_c182: bool | None
    forced_labor_prohibited: bool | None  # a law prohibiting forced labour exists
    forced_labor_law_meets_standard: bool | None
    listed_goods: tuple[str, ...] = ()
    source_url: str = ""
    source_row: int = 0


@dataclass(frozen=True, slots=True)
class HsCode:
    """One code of the Harmonized System 2022 nomenclature (2, 4 or 6 digits)."""

    code: str
    description: str
    parent: str  # parent code, "TOTAL" for chapters
    level: int  # 2, 4 or 6
    section: str = ""


@dataclass(frozen=True, slots=True)
class FileMeta:
    """One committed snapshot file with the hash and row count the loader verifies."""

    path: str  # relative to reference_data/
    sha256: str
    rows: int


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """Provenance of one source in the snapshot, as recorded in manifest.yml."""

    source_id: str
    title: str
    publisher: str
    official_url: str
    retrieved_from: str  # where the copy came from (repository@commit, page)
    data_date: str  # date of the data, ISO
    version: str  # snapshot version of this source, sortable UTC timestamp YYYYMMDDhhmmss
    licence: str
    legal_basis: str
    kind: str  # entity_list | goods_list | country_indicator | nomenclature
    complete: bool  # False when the copy is known to be partial
    coverage_note: str  # what is missing; shown wherever results are shown
    files: tuple[FileMeta, ...] = field(default_factory=tuple)

    @property
    def row_count(self) -> int:
        """Return the number of data rows across this source's files."""
        return sum(f.rows for f in self.files)


@dataclass(frozen=True, slots=True)
class ReferenceSnapshot:
    """The loaded, hash-verified snapshot: every source with its records and provenance."""

    snapshot_id: str  # derived from manifest.yml (sha256 prefix); stamped on every result
    created_at: str  # when the snapshot was built, ISO UTC
    sources: dict[str, SourceMeta]
    entities: tuple[ListEntity, ...]
    rules: tuple[RegionRule, ...]
    goods: tuple[GoodListing, ...]
    eo13126: tuple[ProductListing, ...]
    tip_tiers: tuple[TipTier, ...]
    country_profiles: tuple[CountryProfile, ...]
    hs_codes: dict[str, HsCode]  # keyed by code ("01", "0101", "010121")

    def source(self, source_id: str) -> SourceMeta:
        """Return one source's provenance; KeyError when the snapshot has no such source."""
        return self.sources[source_id]

"""Import US State Department TIP Report tiers 2024 and 2025 (Tier 2 Watch List, Tier 3, special cases)."""

from __future__ import annotations

import html
from pathlib import Path

from reference_data.countries import resolve_country
from reference_data.errors import ImportFailure
from reference_data.importers._common import SourceBuild, SourceSpec, Table, clean, read_raw_csv

RAW_FILE = "tip_tier_watchlist_tier3_2024_2025.csv"
DATA_DATE = "2026-01-22"  # Factbook country files of the 2025 snapshot were last updated then (SOURCES.md)

SPEC = SourceSpec(
    id="us_state_tip",
    title="Trafficking in Persons Report tier placements (2024 and 2025 reports)",
    publisher="U.S. Department of State, Office to Monitor and Combat Trafficking in Persons",
    official_url="https://www.state.gov/trafficking-in-persons-report/",
    retrieved_from=(
        "CIA World Factbook 'Trafficking in persons: tier rating' field via factbook/factbook.json "
        "@ 6f235929257700274ac1018a66236dc3bf248bc0 (2024 report) and "
        "@ 8662a8b17a784841ab4528631b04090eb2f183eb (2025 report)"
    ),
    licence="public domain (US government works; factbook.json repository CC0)",
    legal_basis="Trafficking Victims Protection Act of 2000, section 110 (22 U.S.C. 7107)",
    kind="country_indicator",
    complete=False,
    coverage_note=(
        "PARTIAL: only Tier 2 Watch List, Tier 3 and special cases are recorded. A country's absence "
        "does not mean Tier 1 or Tier 2."
    ),
    raw_dir="us_state_tip_tiers_via_cia_factbook",
    raw_files=(RAW_FILE,),
    provenance_notes=(
        "2024 report: 32 Tier 2 Watch List, 21 Tier 3, Haiti as 'Special Category'. 2025 report: "
        "25 Tier 2 Watch List, 20 Tier 3, 4 Special Case. gec_code is the Factbook's GEC code, not ISO."
    ),
)
COLUMNS = (
    "country_name",
    "country",
    "report_year",
    "tier",
    "tier_as_published",
    "source_url",
    "gec_code",
    "factbook_commit",
)
# The Factbook calls Haiti's 2024 placement "Special Category" and the 2025 ones "Special Case".
_TIER_NAMES = {
    "tier 2 watch list": "Tier 2 Watch List",
    "tier 3": "Tier 3",
    "special category": "Special Case",
}


def build(raw_root: Path) -> SourceBuild:
    """Read one row per country per report year, with the tier normalised and the original kept."""
    required = ("country", "tip_tier", "tip_report_year", "source_url")
    rows = []
    for r in read_raw_csv(raw_root, SPEC, RAW_FILE, required):
        name = clean(html.unescape(r["country"]))  # the Factbook writes "Laos&nbsp;"
        code = resolve_country(name)
        if code is None:
            raise ImportFailure(f"{RAW_FILE}: country {name!r} not resolvable to ISO 3166-1")
        published = clean(r["tip_tier"])
        rows.append(
            (
                name,
                code,
                clean(r["tip_report_year"]),
                _TIER_NAMES.get(published.casefold(), published),
                published,
                clean(r["source_url"]),
                clean(r.get("gec_code", "")),
                clean(r.get("factbook_snapshot_commit", "")),
            )
        )
    return SourceBuild(spec=SPEC, data_date=DATA_DATE, tables=(Table("tiers.csv", COLUMNS, tuple(rows)),))

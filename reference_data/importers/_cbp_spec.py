"""Provenance of the CBP Withhold Release Orders and Findings source (from SOURCES.md section 3)."""

from __future__ import annotations

from reference_data.importers._common import SourceSpec

ACTIVE_FILE = "cbp_wro_findings_active_fy26dec_thirdparty_transcription.csv"
LOOKUP_FILE = "opensanctions_cbp_wro_name_lookups.csv"
LEGAL_BASIS = "Tariff Act of 1930, section 307 (19 U.S.C. 1307); 19 CFR 12.42-12.45"

SPEC = SourceSpec(
    id="us_cbp_wro",
    title="CBP Withhold Release Orders and Findings",
    publisher="U.S. Customs and Border Protection (CBP)",
    official_url="https://www.cbp.gov/trade/forced-labor/withhold-release-orders-and-findings",
    retrieved_from=(
        "Sundaypepper/sanctions-screener crawlers/extended.py @ f7541e306c8a3aec8383c6fa739d3394d0841657 "
        "(third-party transcription of withhold-release-orders-findings-fy26-dec.csv, active entries only); "
        "name lookups: opensanctions/opensanctions datasets/us/cbp_forced_labor/us_cbp_forced_labor.yml "
        "@ ad615eab41ba12c4efb1d222f1401f4423456c19"
    ),
    licence=(
        "CBP data: US government work, public domain; the transcription's repository has no licence file; "
        "lookups from an MIT-licensed configuration (not the CC BY-NC OpenSanctions data export)"
    ),
    legal_basis=LEGAL_BASIS,
    kind="entity_list",
    complete=False,
    coverage_note=(
        "PARTIAL: a third-party transcription of CBP's active orders (1953 to 2026-01-29), not checked "
        "against CBP; inactive, modified and revoked orders are absent except for targets named in the "
        "OpenSanctions lookups, which are kept with status 'historical'. No merchandise column."
    ),
    raw_dir="us_cbp_withhold_release_orders",
    raw_files=(ACTIVE_FILE, LOOKUP_FILE),
    provenance_notes=(
        "Compound CBP strings are split into entities and aliases with OpenSanctions' name lookups, else "
        "on ';' (parties) and 'a/k/a' (aliases). Orders naming a region or a good become region_good rules; "
        "'X and subsidiaries/subordinates' becomes entity X plus a group rule."
    ),
)

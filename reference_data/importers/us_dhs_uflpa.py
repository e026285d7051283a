"""Import the DHS UFLPA Entity List (partial copy assembled from stored press and law-firm excerpts)."""

from __future__ import annotations

import re
from pathlib import Path

from reference_data.countries import resolve_country
from reference_data.importers._common import (
    ENTITY_COLUMNS,
    SourceBuild,
    SourceSpec,
    Table,
    clean,
    join_list,
    read_raw_csv,
    stable_ids,
)

ENTITIES_FILE = "uflpa_entity_list_PARTIAL_from_stored_press_excerpts.csv"
TIMELINE_FILE = "uflpa_additions_timeline_as_reported.csv"
ACT = "Uyghur Forced Labor Prevention Act (Public Law 117-78)"

SPEC = SourceSpec(
    id="us_dhs_uflpa",
    title="UFLPA Entity List",
    publisher="U.S. Department of Homeland Security, Forced Labor Enforcement Task Force (FLETF)",
    official_url="https://www.dhs.gov/uflpa-entity-list",
    retrieved_from=(
        "assembled from stored DHS press releases and law-firm/trade-press excerpts (each row's source_url); "
        "additions timeline from DHS releases, articles and Federal Register summaries in "
        "ai-village-agents/deepseek-news _posts/"
    ),
    licence="US government work, public domain (17 U.S.C. 105); only facts copied from third-party pages",
    legal_basis=f"{ACT}, section 2(d)(2)(B)",
    kind="entity_list",
    complete=False,
    coverage_note=(
        "PARTIAL: 43 of the 144 entities listed by 2025-01-15 (the original 20 of June 2022, the 8 Ninestar "
        "subsidiaries and most of the 2024-2025 batches are missing; nothing after January 2025). Some names "
        "are press short forms. Not finding a supplier here is not a clearance."
    ),
    raw_dir="us_dhs_uflpa_entity_list",
    raw_files=(ENTITIES_FILE, TIMELINE_FILE),
    provenance_notes=(
        "Dates run from 2023-06-12 to 2025-01-15; where no effective date was given, the Federal Register "
        "publication date is used (the row's note says so). Sections are filled only where the source "
        "stated them. The timeline file gives the reported running totals (144 by 2025-01-15)."
    ),
)

_SECTION = re.compile(r"2\(d\)\(2\)\(B\)\((?:i{1,3}|iv|v)\)")
_ALIAS_PREFIX = re.compile(r"^(formerly known as|also known as|a/k/a|f/k/a)\s+", re.IGNORECASE)
_TIMELINE_COLUMNS = (
    "effective_or_publication_date",
    "federal_register_doc",
    "entities_added_as_reported",
    "running_total_as_reported",
    "sections_as_reported",
    "source_url_or_location",
)


def _aliases(text: str) -> list[str]:
    """Split the ';'-separated alias cell, dropping 'formerly known as' prefixes and truncated stubs."""
    aliases = [_ALIAS_PREFIX.sub("", clean(part)) for part in text.split(";")]
    return [a for a in aliases if a and "..." not in a and "truncated" not in a]


def _legal_basis(section_text: str) -> str:
    """Name the Act and the section(s) the source stated, e.g. '... section 2(d)(2)(B)(v)'."""
    sections = list(dict.fromkeys(_SECTION.findall(section_text)))
    return f"{ACT}, section {' and '.join(sections)}" if sections else ACT


def _country(location: str) -> str:
    """The list covers PRC-based entities: CN unless the stated location names another country."""
    last = location.rsplit(",", 1)[-1].split("(")[0].strip()
    return (resolve_country(last) if last else None) or "CN"


def build(raw_root: Path) -> SourceBuild:
    """Read the partial UFLPA copy and return its entity and timeline tables."""
    rows = read_raw_csv(
        raw_root, SPEC, ENTITIES_FILE, ("entity_name_as_found", "effective_date", "source_url")
    )
    rows = [r for r in rows if clean(r["entity_name_as_found"])]
    ids = stable_ids(SPEC.id, [(clean(r["entity_name_as_found"]), r["effective_date"]) for r in rows])
    entities = []
    for entity_id, row in zip(ids, rows, strict=True):
        notes = [
            f"listing basis as stated: {clean(row.get('listing_basis_as_stated', ''))}",
            f"section as stated: {clean(row.get('uflpa_section_as_stated', ''))}",
            f"copy: {clean(row.get('source_kind', ''))}",
            f"completeness: {clean(row.get('completeness_note', ''))}",
        ]
        entities.append(
            (
                entity_id,
                clean(row["entity_name_as_found"]),
                join_list(_aliases(row.get("aliases_as_found", ""))),
                _country(row.get("location_as_stated", "")),
                "organization",
                clean(row.get("location_as_stated", "")),
                "",
                clean(row["effective_date"]),
                "UFLPA Entity List",
                "active",
                _legal_basis(row.get("uflpa_section_as_stated", "")),
                "",
                clean(row.get("related_entities_as_found", "")),
                clean(row["source_url"]),
                "; ".join(n for n in notes if not n.endswith(": ")),
            )
        )
    timeline = read_raw_csv(raw_root, SPEC, TIMELINE_FILE, _TIMELINE_COLUMNS)
    timeline_rows = tuple(tuple(clean(r[c]) for c in _TIMELINE_COLUMNS) for r in timeline)
    data_date = max(clean(r["effective_date"]) for r in rows)
    return SourceBuild(
        spec=SPEC,
        data_date=data_date,
        tables=(
            Table("entities.csv", ENTITY_COLUMNS, tuple(entities)),
            Table("additions_timeline.csv", _TIMELINE_COLUMNS, timeline_rows),
        ),
    )

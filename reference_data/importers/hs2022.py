"""Import the Harmonized System 2022 nomenclature (chapters, headings, subheadings, with sections)."""

from __future__ import annotations

from pathlib import Path

from reference_data.errors import ImportFailure
from reference_data.importers._common import SourceBuild, SourceSpec, Table, clean, read_raw_csv

CODES_FILE = "harmonized-system.csv"
SECTIONS_FILE = "sections.csv"
DATA_DATE = "2024-01-02"  # last change of data/harmonized-system.csv in the source repository

SPEC = SourceSpec(
    id="hs2022",
    title="Harmonized Commodity Description and Coding System, 2022 edition (6-digit)",
    publisher=(
        "World Customs Organization (nomenclature); data from UN Comtrade via datasets/harmonized-system"
    ),
    official_url="https://www.wcoomd.org/en/topics/nomenclature/instrument-and-tools.aspx",
    retrieved_from=(
        "datasets/harmonized-system data/harmonized-system.csv @ 4287990970eba46252e98c8724b36c93c470770f; "
        "data/sections.csv @ acff0daa71363ccf3a18560b75dd066f1aaaed81"
    ),
    licence="ODC-PDDL-1.0 (as declared by the datasets/harmonized-system repository)",
    legal_basis="International Convention on the Harmonized Commodity Description and Coding System (1983)",
    kind="nomenclature",
    complete=True,
    coverage_note=(
        "Six-digit international codes only: no national tariff lines (US HTS 8/10-digit) and no mapping "
        "from goods to codes."
    ),
    raw_dir="hs_codes_harmonized_system",
    raw_files=(CODES_FILE, SECTIONS_FILE),
    provenance_notes="datapackage version 2022.0; the source's TOTAL row (level 5) is dropped.",
)
COLUMNS = ("code", "description", "parent", "level", "section", "section_name")


def build(raw_root: Path) -> SourceBuild:
    """Read every 2-, 4- and 6-digit code with its parent and section; drop the TOTAL row."""
    sections = {
        clean(r["section"]): clean(r["name"])
        for r in read_raw_csv(raw_root, SPEC, SECTIONS_FILE, ("section", "name"))
    }
    rows = []
    for r in read_raw_csv(
        raw_root, SPEC, CODES_FILE, ("section", "hscode", "description", "parent", "level")
    ):
        code, level = clean(r["hscode"]), clean(r["level"])
        if code.upper() == "TOTAL" or level not in {"2", "4", "6"}:
            continue
        if not code.isdigit() or len(code) != int(level):
            raise ImportFailure(f"{CODES_FILE}: code {code!r} does not have {level} digits")
        section = clean(r["section"])
        rows.append(
            (code, clean(r["description"]), clean(r["parent"]), level, section, sections.get(section, ""))
        )
    return SourceBuild(spec=SPEC, data_date=DATA_DATE, tables=(Table("codes.csv", COLUMNS, tuple(rows)),))

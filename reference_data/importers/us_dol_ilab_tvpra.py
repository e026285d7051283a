"""Import ILAB's List of Goods Produced by Child Labor or Forced Labor (TVPRA list), 2022 edition."""

from __future__ import annotations

from pathlib import Path

from reference_data.countries import resolve_country
from reference_data.errors import ImportFailure
from reference_data.importers._common import SourceBuild, SourceSpec, Table, clean, flag, read_raw_csv

RAW_FILE = "ilab_tvpra_list_2022.csv"
DATA_DATE = "2023-08-23"  # commit date of the app data file holding the 2022 list (SOURCES.md)

SPEC = SourceSpec(
    id="us_dol_ilab_tvpra",
    title="List of Goods Produced by Child Labor or Forced Labor (2022 edition)",
    publisher="U.S. Department of Labor, Bureau of International Labor Affairs (ILAB)",
    official_url="https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
    retrieved_from=(
        "USDepartmentofLabor/Child-Labor-Android app/src/main/assets/goods_2021.xml "
        "@ 52f4b8f21774c019aafbfef9212583490a6ffbbe (DOL's Sweat & Toil app data)"
    ),
    licence="US government work, public domain",
    legal_basis=(
        "Trafficking Victims Protection Reauthorization Act of 2005, section 105(b) (22 U.S.C. 7112(b))"
    ),
    kind="goods_list",
    complete=False,
    coverage_note=(
        "2022 edition (159 goods plus 10 made with listed inputs, 78 countries); the 2024 edition "
        "(204 goods, 82 countries) was not available. earliest_edition is derived from the app data "
        "(2014 means 2014 or earlier), not an official year-added."
    ),
    raw_dir="us_dol_ilab_tvpra_list",
    raw_files=(RAW_FILE,),
    provenance_notes=(
        "Same content as the repository HEAD b8891386cc88513baa4411196561934f0a36f063; matches ILAB's "
        "published count of 159 goods from 78 countries."
    ),
)
COLUMNS = (
    "good",
    "sector",
    "country_name",
    "country",
    "region",
    "child_labor",
    "forced_labor",
    "forced_child_labor",
    "produced_with_listed_inputs",
    "input_source_country_name",
    "input_source_country",
    "earliest_edition",
)


def _country(name: str) -> str:
    code = resolve_country(name)
    if code is None:
        raise ImportFailure(f"{RAW_FILE}: country {name!r} not resolvable to ISO 3166-1")
    return code


def build(raw_root: Path) -> SourceBuild:
    """Read the good x country pairs with their child/forced labour flags."""
    required = ("good", "country", "child_labor", "forced_labor", "produced_with_listed_inputs")
    rows = []
    for r in read_raw_csv(raw_root, SPEC, RAW_FILE, required):
        # The app data writes "No" where a good has no input source country.
        source = clean(r.get("input_source_country", ""))
        source = "" if source.casefold() in {"", "no"} else source
        rows.append(
            (
                clean(r["good"]),
                clean(r.get("sector", "")),
                clean(r["country"]),
                _country(clean(r["country"])),
                clean(r.get("region", "")),
                flag(r["child_labor"]),
                flag(r["forced_labor"]),
                flag(r.get("forced_child_labor", "")),
                flag(r["produced_with_listed_inputs"]),
                source,
                _country(source) if source else "",
                clean(r.get("earliest_edition_in_app_data", "")),
            )
        )
    return SourceBuild(spec=SPEC, data_date=DATA_DATE, tables=(Table("goods.csv", COLUMNS, tuple(rows)),))

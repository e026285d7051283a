"""Import ILAB Findings on the Worst Forms of Child Labor 2022 country profiles (ratifications, laws)."""

from __future__ import annotations

from pathlib import Path

from reference_data.countries import resolve_country
from reference_data.errors import ImportFailure
from reference_data.importers._common import (
    SourceBuild,
    SourceSpec,
    Table,
    clean,
    flag,
    join_list,
    read_raw_csv,
)

RAW_FILE = "ilab_findings_2022_country_profiles.csv"
DATA_DATE = "2023-09-14"  # last change of countries_2021.xml in the app repository (SOURCES.md)

SPEC = SourceSpec(
    id="us_dol_ilab_country_profiles",
    title="Findings on the Worst Forms of Child Labor, 2022 country profiles",
    publisher="U.S. Department of Labor, Bureau of International Labor Affairs (ILAB)",
    official_url="https://www.dol.gov/agencies/ilab/resources/reports/child-labor/findings",
    retrieved_from=(
        "USDepartmentofLabor/Child-Labor-Android app/src/main/assets/countries_2021.xml "
        "@ b8891386cc88513baa4411196561934f0a36f063 (file last changed at "
        "c3624a49e9d1919bbbc58f05a00871682c519183)"
    ),
    licence="US government work, public domain",
    legal_basis="Trade and Development Act of 2000, section 412(c) (19 U.S.C. 2464)",
    kind="country_indicator",
    complete=False,
    coverage_note=(
        "PARTIAL: the ~130-140 countries and territories ILAB reports on (high-income countries absent); "
        "no ILO C029, P029 or C105 data; about 12 territories have no advancement level."
    ),
    raw_dir="us_dol_ilab_findings_country_profiles",
    raw_files=(RAW_FILE,),
    provenance_notes="Flags are Yes/No/N/A in the source; blank and N/A become 'not stated'.",
)
COLUMNS = (
    "country_name",
    "country",
    "region",
    "advancement_level",
    "ratified_palermo",
    "ratified_c138",
    "ratified_c182",
    "forced_labor_prohibited",
    "forced_labor_law_meets_standard",
    "listed_goods",
    "source_url",
)


def build(raw_root: Path) -> SourceBuild:
    """Read one profile per country: advancement level, ratification and forced-labour law flags."""
    required = ("country", "advancement_level", "ratified_Palermo", "ratified_C_138", "ratified_C_182")
    rows = []
    for r in read_raw_csv(raw_root, SPEC, RAW_FILE, required):
        name = clean(r["country"])
        code = resolve_country(name)
        if code is None:
            raise ImportFailure(f"{RAW_FILE}: country {name!r} not resolvable to ISO 3166-1")
        rows.append(
            (
                name,
                code,
                clean(r.get("region", "")),
                clean(r["advancement_level"]),
                flag(r["ratified_Palermo"]),
                flag(r["ratified_C_138"]),
                flag(r["ratified_C_182"]),
                flag(r.get("prohibition_forced_labor_standard", "")),
                flag(r.get("prohibition_forced_labor_meets_intl_standard", "")),
                join_list(r.get("tvpra_goods_listed", "").split(";")),
                clean(r.get("webpage", "")),
            )
        )
    return SourceBuild(spec=SPEC, data_date=DATA_DATE, tables=(Table("profiles.csv", COLUMNS, tuple(rows)),))

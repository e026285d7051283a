"""Import ILAB's Executive Order 13126 list of products made by forced or indentured child labour (2014)."""

from __future__ import annotations

from pathlib import Path

from reference_data.countries import resolve_country
from reference_data.errors import ImportFailure
from reference_data.importers._common import SourceBuild, SourceSpec, Table, clean, read_raw_csv

RAW_FILE = "eo13126_products_list_2014.csv"
DATA_DATE = "2014"  # the list file is EO13126List_2014.xls; no finer date is recorded

SPEC = SourceSpec(
    id="us_dol_ilab_eo13126",
    title="List of Products Produced by Forced or Indentured Child Labor (Executive Order 13126), 2014",
    publisher="U.S. Department of Labor, Bureau of International Labor Affairs (ILAB)",
    official_url="https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-products",
    retrieved_from=(
        "EricSchles/dol_analysis EO13126List_2014.xls @ 3c3c2f5c18f225a431c2bb7254457b5db40751e6 "
        "(ILAB's own download, converted to CSV)"
    ),
    licence="US government work, public domain",
    legal_basis="Executive Order 13126 (1999), Prohibition of Acquisition of Products Produced by Forced or "
    "Indentured Child Labor; FAR subpart 22.15",
    kind="goods_list",
    complete=False,
    coverage_note=(
        "OUT OF DATE: the 2014 list (54 product x country pairs). The list has changed since (ILAB gave "
        "34 products from 25 countries in March 2019; garments from Vietnam and shrimp from Thailand were "
        "removed in 2024)."
    ),
    raw_dir="us_dol_ilab_eo13126_list",
    raw_files=(RAW_FILE,),
    provenance_notes="Country names are kept as published, including the typo 'Boliva'; ISO codes are added.",
)
COLUMNS = ("product", "country_name", "country")


def build(raw_root: Path) -> SourceBuild:
    """Read the product x country pairs and resolve each published country name to ISO."""
    rows = []
    for r in read_raw_csv(raw_root, SPEC, RAW_FILE, ("country", "product")):
        name = clean(r["country"])
        code = resolve_country(name)
        if code is None:
            raise ImportFailure(f"{RAW_FILE}: country {name!r} not resolvable to ISO 3166-1")
        rows.append((clean(r["product"]), name, code))
    return SourceBuild(spec=SPEC, data_date=DATA_DATE, tables=(Table("products.csv", COLUMNS, tuple(rows)),))

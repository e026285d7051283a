"""Header recognition: synonyms, SAP technical headers, priorities and --map overrides."""

from __future__ import annotations

import pytest

from scoring.intake.columns import MappingError, fold_header, parse_overrides, recognise


@pytest.mark.parametrize(
    ("header", "folded"),
    [
        ("Supplier_Name", "supplier name"),
        ("  VENDOR-Name ", "vendor name"),
        ("Country of Origin", "country of origin"),
    ],
)
def test_fold_header_collapses_case_and_punctuation(header: str, folded: str) -> None:
    assert fold_header(header) == folded


@pytest.mark.parametrize(
    ("headers", "field", "expected"),
    [
        (["LIFNR", "NAME1", "LAND1"], "name", "NAME1"),
        (["LIFNR", "NAME1", "LAND1"], "supplier_id", "LIFNR"),
        (["LIFNR", "NAME1", "LAND1"], "country", "LAND1"),
        (["Vendor", "Country of Origin", "Commodity", "Spend"], "name", "Vendor"),
        (["Vendor", "Country of Origin", "Commodity", "Spend"], "product", "Commodity"),
        (["Vendor", "Country of Origin", "Commodity", "Spend"], "value", "Spend"),
        (["Name", "Supplier Name"], "name", "Supplier Name"),
        (["company", "HS Code", "currency", "qty"], "hs_code", "HS Code"),
        (["供应商名称", "国家"], "name", "供应商名称"),
    ],
)
def test_recognise_maps_synonyms(headers: list[str], field: str, expected: str) -> None:
    cols = recognise(headers)
    assert headers[cols.single[field]] == expected


def test_recognise_combines_sap_address_and_identifiers() -> None:
    headers = ["LIFNR", "NAME1", "ORT01", "STRAS", "PSTLZ", "STCD1", "STCEG", "USCC", "Other"]
    cols = recognise(headers)
    assert [headers[i] for i in cols.address] == ["ORT01", "STRAS", "PSTLZ"]
    assert {k: [headers[i] for i in v] for k, v in cols.identifiers.items()} == {
        "uscc": ["USCC"],
        "vat": ["STCEG"],
        "tax": ["STCD1"],
    }
    assert cols.unused() == ["Other"]
    assert 'name <- "NAME1"' in cols.describe()


def test_recognise_override_wins() -> None:
    cols = recognise(["Supplier Name", "Firm"], parse_overrides(["name=Firm"]))
    assert cols.single["name"] == 1


@pytest.mark.parametrize("item", ["name", "nonsense=Firm", "name=", "=Firm"])
def test_parse_overrides_rejects_malformed(item: str) -> None:
    with pytest.raises(MappingError):
        parse_overrides([item])


def test_recognise_override_of_missing_header_fails() -> None:
    with pytest.raises(MappingError, match="no column 'Firm'"):
        recognise(["Supplier Name"], parse_overrides(["name=Firm"]))

"""OCDS input: suppliers from parties and awards, each once, with goods from award or tender items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring.intake.reader import InputError, open_supplier_file

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "ocds_release_package.json"


def _values(path: Path) -> list[dict[str, Any]]:
    source = open_supplier_file(path)
    assert source.kind == "ocds"
    return [r.values for r in source.rows]


def test_ocds_example_lists_each_supplier_once() -> None:
    rows = _values(EXAMPLE)
    assert [r["name"] for r in rows] == [
        "Top Glove Corporation Berhad",
        "Siemens Healthcare GmbH",
        "Kashgar Sample Textiles Co., Ltd. (fictional)",
    ]


def test_ocds_example_takes_goods_values_and_hs_codes() -> None:
    glove, _, gowns = _values(EXAMPLE)
    assert glove["product"] == "Nitrile examination gloves, powder-free; Surgical gloves"  # from tender items
    assert (glove["value"], glove["currency"], glove["country"]) == (412000.0, "EUR", "Malaysia")
    assert gowns["hs_code"] == "621142" and "Cotton patient gowns" in str(gowns["product"])
    assert gowns["address"] == "Kashgar, Xinjiang"


def test_ocds_record_package_and_identifiers(tmp_path: Path) -> None:
    release = {
        "ocid": "ocds-x-1",
        "parties": [{"id": "p1", "name": "Acme Ltda", "roles": ["supplier"],
                     "identifier": {"scheme": "BR-CNPJ", "id": "27090456000227"}}],
        "awards": [{"suppliers": [{"id": "p1"}], "value": {"amount": 10, "currency": "BRL"}},
                   {"suppliers": [{"id": "p1"}], "value": {"amount": 5, "currency": "BRL"}}],
    }  # fmt: skip
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"records": [{"ocid": "ocds-x-1", "compiledRelease": release}]}))
    (row,) = _values(path)
    assert row["identifiers"] == (("cnpj", "27090456000227"),)
    assert row["country"] == "BR" and row["value"] == 15.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"hello": 1}', "not an OCDS release or record package"),
        ('{"releases": [{"ocid": "x", "parties": []}]}', "names no supplier"),
    ],
)
def test_ocds_faults_raise_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        open_supplier_file(path)

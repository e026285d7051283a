"""Reading results documents: JSON and CSV results, and one clear error for a malformed file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring.reports import ReportInputError, load_results, parse_results
from tests.scoring.reports_factories import make_doc, make_row


def test_parse_results_valid_document() -> None:
    doc = parse_results(make_doc(make_row(1), make_row(2, tier="none", score=0.0)))
    assert doc.metadata.snapshot_id == "snap-test"
    assert [r.risk_tier for r in doc.results] == ["severe", "none"]
    assert doc.results[0].findings[0].evidence[0].source_row == 7


def test_parse_results_ignores_unknown_keys() -> None:
    data = make_doc(make_row(1, future_field={"x": 1}), future_meta=True)
    assert parse_results(data).results[0].row == 1


def _without_snapshot() -> dict[str, Any]:
    data = make_doc(make_row(1))
    del data["metadata"]["snapshot_id"]
    return data


MALFORMED: list[tuple[Any, str]] = [
    ([], "not a screening-results document"),
    ({"results": []}, "not a screening-results document"),
    (make_doc(make_row(1, risk_score=140.0)), "results[0].risk_score"),
    (make_doc(make_row(1, risk_tier="extreme")), "results[0].risk_tier"),
    (make_doc({"name": "no row number"}), "results[0].row"),
    (_without_snapshot(), "metadata.snapshot_id"),
]


@pytest.mark.parametrize(("data", "message"), MALFORMED)
def test_parse_results_malformed_names_the_field(data: Any, message: str) -> None:
    with pytest.raises(ReportInputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_results(data)


def test_load_results_not_json(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(b"\xff\xfe not json")
    with pytest.raises(ReportInputError, match="not a JSON results file"):
        load_results(path)


def test_load_results_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReportInputError, match="cannot read"):
        load_results(tmp_path / "absent.json")


def test_load_results_error_row_has_no_tier(tmp_path: Path) -> None:
    error_row = {"row": 3, "name": "x", "risk_score": None, "risk_tier": "", "error": "no name"}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(make_doc(make_row(1), error_row)), encoding="utf-8")
    assert load_results(path).results[1].error == "no name"


CSV_HEADER = "row,supplier_id,name,risk_score,risk_tier,match_entity_id,match_name,match_list,match_score,"
CSV_HEADER += "reasons,ungp,p28,error,snapshot_id,model_version,country,finding_codes,exposure_value\n"


def test_load_results_csv_pairs_codes_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        CSV_HEADER + "1,S-1,'=Acme,97.9,severe,us_dhs_uflpa:acme,Acme,us_dhs_uflpa,0.95,"
        "Listed. | In Xinjiang.,13,P28-ACCOUNT,,snap-x,m+r,CN,entity_list.uflpa;region.xinjiang,10.5\n",
        encoding="utf-8",
    )
    row = load_results(path).results[0]
    assert row.name == "=Acme"  # the writer's formula guard is undone on reading
    assert [(f.code, f.sentence, f.points) for f in row.findings] == [
        ("entity_list.uflpa", "Listed.", None),
        ("region.xinjiang", "In Xinjiang.", None),
    ]
    assert 17 in row.findings[0].ungp  # mapping from the catalogue
    assert row.matches[0].list == "us_dhs_uflpa"


def test_load_results_csv_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("name,country\nAcme,CN\n", encoding="utf-8")
    with pytest.raises(ReportInputError, match="missing columns row"):
        load_results(path)


def test_parse_results_null_text_fields_take_defaults() -> None:
    match = {"entity_id": "e1", "list": "l", "listed_on": None, "source_row": None, "is_match": True}
    row = parse_results(make_doc(make_row(1, name=None, matches=[match]))).results[0]
    assert (row.name, row.matches[0].listed_on, row.matches[0].source_row) == ("", "", None)

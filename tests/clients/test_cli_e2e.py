"""End to end with the real engine: the bundled examples through `flscreen screen`, every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from clients.cli import app
from clients.results import COLUMNS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()

# supplier_id -> (list, entity id) for the listed entities the example spells the buyer's way.
LISTED: dict[str, tuple[str, str]] = {
    "S-1002": ("us_dhs_uflpa", "us_dhs_uflpa:xinjiang-zhongtai"),
    "S-1004": ("us_cbp_wro", "us_cbp_wro:hoshine-silicon"),
    "S-1005": ("us_cbp_wro", "us_cbp_wro:top-glove"),
    "S-1008": ("us_cbp_wro", "us_cbp_wro:supermax"),
    "S-1012": ("us_dhs_uflpa", "us_dhs_uflpa:hongyuan-green-energy"),
    "S-1014": ("br_mte_cadastro", "br_mte_cadastro:siderurgica-bandeirante"),
    "S-1017": ("us_dhs_uflpa", "us_dhs_uflpa:xinjiang-daqo"),
    "S-1020": ("us_dhs_uflpa", "us_dhs_uflpa:dongguan-oasis"),
    "S-1021": ("us_cbp_wro", "us_cbp_wro:hetian-taida"),
    "S-1023": ("br_mte_cadastro", "br_mte_cadastro:ceramica-inhauma"),
    "S-1025": ("us_cbp_wro", "us_cbp_wro:giant-manufacturing"),
    "S-1026": ("us_dhs_uflpa", "us_dhs_uflpa:shandong-meijia"),
    "S-1029": ("us_dhs_uflpa", "us_dhs_uflpa:cofco-sugar"),
    "S-1030": ("us_cbp_wro", "us_cbp_wro:natchi-apparel"),
}
ORDINARY = (
    "S-1001",
    "S-1003",
    "S-1007",
    "S-1010",
    "S-1013",
    "S-1016",
    "S-1019",
    "S-1022",
    "S-1024",
    "S-1028",
)
XINJIANG_UNLISTED = ("S-1006",)


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    result = runner.invoke(
        app, ["screen", str(EXAMPLES / "suppliers.csv"), "--list", str(EXAMPLES / "watchlist.csv")]
    )
    assert result.exit_code == 0, result.stderr
    assert next(csv.reader(io.StringIO(result.stdout))) == list(COLUMNS)
    return {r["supplier_id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}


@pytest.mark.parametrize(("supplier_id", "expected"), sorted(LISTED.items()))
def test_e2e_listed_entities_hit_the_right_list(
    rows: dict[str, dict[str, str]], supplier_id: str, expected: tuple[str, str]
) -> None:
    row = rows[supplier_id]
    assert (row["match_list"], row["match_entity_id"][: len(expected[1])]) == expected
    assert row["risk_tier"] in ("high", "severe") and row["reasons"] and row["ungp"] and row["p28"]


@pytest.mark.parametrize("supplier_id", ORDINARY)
def test_e2e_ordinary_suppliers_stay_low(rows: dict[str, dict[str, str]], supplier_id: str) -> None:
    assert rows[supplier_id]["risk_tier"] in ("none", "low")
    assert rows[supplier_id]["match_list"] == ""


@pytest.mark.parametrize("supplier_id", XINJIANG_UNLISTED)
def test_e2e_xinjiang_address_flags_without_a_match(
    rows: dict[str, dict[str, str]], supplier_id: str
) -> None:
    assert rows[supplier_id]["match_list"] == ""
    assert (
        rows[supplier_id]["risk_tier"] in ("high", "severe")
        and "region" in rows[supplier_id]["finding_codes"]
    )


def test_e2e_custom_list_is_screened_with_the_same_engine(rows: dict[str, dict[str, str]]) -> None:
    assert rows["S-1031"]["match_list"] == "watchlist"
    assert rows["S-1031"]["match_entity_id"] == "watchlist:EXAMPLE-1"


def test_e2e_every_row_is_stamped(rows: dict[str, dict[str, str]]) -> None:
    assert len(rows) == 31
    assert all(r["snapshot_id"] and r["model_version"] and r["error"] == "" for r in rows.values())


def test_e2e_json_and_xlsx_outputs(tmp_path: Path) -> None:
    out_json, out_xlsx = tmp_path / "out.json", tmp_path / "out.xlsx"
    for out in (out_json, out_xlsx):
        result = runner.invoke(
            app, ["screen", str(EXAMPLES / "procurement.csv"), "-o", str(out), "--top", "2"]
        )
        assert result.exit_code == 0, result.stderr
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(doc["results"]) == 15 and "not a clearance" in doc["metadata"]["notice"]
    hit = next(r for r in doc["results"] if r["match_list"] == "us_cbp_wro")
    assert hit["findings"][0]["evidence"] and hit["matches"][0]["contributions"]
    sheet = openpyxl.load_workbook(out_xlsx)["screening"]
    assert sheet.max_row == 16 and sheet.freeze_panes == "A2"


def test_e2e_ocds_package(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", str(EXAMPLES / "ocds_release_package.json")])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["match_list"] for r in rows] == ["us_cbp_wro", "", ""]
    assert rows[2]["risk_tier"] in ("high", "severe")


def test_e2e_fail_on_and_data(tmp_path: Path) -> None:
    args = ["screen", str(EXAMPLES / "suppliers.csv"), "-o", str(tmp_path / "o.csv"), "--fail-on", "severe"]
    assert runner.invoke(app, args).exit_code == 3
    data = runner.invoke(app, ["data", "--json"])
    assert data.exit_code == 0 and json.loads(data.stdout)["sources"][0]["coverage_note"]


def test_e2e_bad_custom_list_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("colour,shape\nred,round\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", str(EXAMPLES / "suppliers.csv"), "--list", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("flscreen: ")

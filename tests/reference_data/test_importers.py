"""Importers: row counts per source, CBP splitting, privacy, determinism, and the committed snapshot."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from reference_data.importers.build import BuildResult, build_snapshot
from reference_data.loader import PACKAGE_ROOT, load_snapshot
from reference_data.models import ReferenceSnapshot

# Expected data rows per snapshot file, from SOURCES.md (CBP counts follow from splitting and merging).
EXPECTED_ROWS = {
    ("us_dhs_uflpa", "entities.csv"): 43,
    ("us_dhs_uflpa", "additions_timeline.csv"): 12,
    ("us_cbp_wro", "entities.csv"): 92,
    ("us_cbp_wro", "rules.csv"): 12,
    ("br_mte_cadastro", "entities.csv"): 175,
    ("us_dol_ilab_tvpra", "goods.csv"): 467,
    ("us_dol_ilab_eo13126", "products.csv"): 54,
    ("us_state_tip", "tiers.csv"): 103,
    ("us_dol_ilab_country_profiles", "profiles.csv"): 143,
    ("hs2022", "codes.csv"): 6939,  # 97 chapters + 1,229 headings + 5,613 subheadings; TOTAL dropped
}
CPF = re.compile(r"(?<!\d)\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?!\d)")


@pytest.fixture(scope="module")
def built(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_snapshot(shared_dir / "reference_data_raw", tmp_path_factory.mktemp("snap"))


@pytest.fixture(scope="module")
def snap(built: BuildResult) -> ReferenceSnapshot:
    return load_snapshot(built.out)


def _entities(snap: ReferenceSnapshot, source_id: str) -> dict[str, tuple[str, ...]]:
    return {e.name: e.aliases for e in snap.entities if e.source_id == source_id}


def test_build_row_counts_match_sources(built: BuildResult) -> None:
    counts = {(s.id, Path(f.path).name): f.rows for s in built.manifest.sources for f in s.files}
    assert counts == EXPECTED_ROWS


def test_build_versions_follow_data_dates(built: BuildResult) -> None:
    versions = {s.id: s.version for s in built.manifest.sources}
    assert versions["us_dhs_uflpa"] == "20250115000000"
    assert versions["br_mte_cadastro"] == "20230309000000"
    assert built.manifest.created_at == "2026-01-29T00:00:00Z"


def test_build_partial_sources_flagged(built: BuildResult) -> None:
    partial = {s.id for s in built.manifest.sources if not s.complete}
    assert {"us_dhs_uflpa", "us_cbp_wro", "us_state_tip"} <= partial
    assert all(s.coverage_note for s in built.manifest.sources)


def test_build_is_deterministic(shared_dir: Path, built: BuildResult, tmp_path: Path) -> None:
    again = build_snapshot(shared_dir / "reference_data_raw", tmp_path)
    first = {p.relative_to(built.out): p.read_bytes() for p in built.out.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert first == second
    assert again.snapshot_id == built.snapshot_id


def test_committed_snapshot_equals_fresh_build(built: BuildResult) -> None:
    committed = load_snapshot()
    assert (PACKAGE_ROOT / "manifest.yml").read_bytes() == (built.out / "manifest.yml").read_bytes()
    assert committed.snapshot_id == built.snapshot_id


def test_cbp_compound_string_gives_two_entities(snap: ReferenceSnapshot) -> None:
    names = _entities(snap, "us_cbp_wro")
    assert "Yili Zhuowan Garment Manufacturing Co., Ltd." in names
    assert "Baoding LYSZD Trade and Business Co., Ltd." in names


def test_cbp_aka_becomes_aliases(snap: ReferenceSnapshot) -> None:
    names = _entities(snap, "us_cbp_wro")
    assert names["Yunnan Machinery"][:2] == ("Golden Horse (JinMa) Diesel Factory", "Yunnan 1st Prison")
    assert {"Fuchu Prison", "Union Kogyo Co., Ltd."} <= set(names)


def test_cbp_region_orders_are_rules_not_entities(snap: ReferenceSnapshot) -> None:
    names = " ".join(n for e in snap.entities for n in e.names)
    assert "Turkmenistan" not in names and "Malawi by Malawian" not in names
    rules = {(r.kind, r.country): r for r in snap.rules}
    assert rules[("region_good", "TM")].goods == ("cotton",)
    assert rules[("region_good", "MW")].goods == ("tobacco",)
    assert rules[("region_good", "CD")].goods == ("gold",)


def test_cbp_hoshine_gets_group_rule(snap: ReferenceSnapshot) -> None:
    groups = {r.entity_name: r for r in snap.rules if r.kind == "group"}
    assert groups["Hoshine Silicon Industry Co., Ltd."].status == "active"
    assert groups["Xinjiang Production and Construction Corporation (XPCC)"].status == "historical"


def test_cbp_lookup_only_targets_are_historical(snap: ReferenceSnapshot) -> None:
    by_name = {e.name: e for e in snap.entities if e.source_id == "us_cbp_wro"}
    assert by_name["Wuyi Machinery Plant"].status == "historical"
    assert "may be inactive" in by_name["Central Romana Corporation Limited"].notes
    assert by_name["Zhen Fa 7"].entity_type == "vessel"
    assert by_name["Giant Manufacturing Co., Ltd."].country == "TW"


def test_snapshot_ids_unique_and_prefixed(snap: ReferenceSnapshot) -> None:
    ids = [e.entity_id for e in snap.entities] + [r.rule_id for r in snap.rules]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(f"{i.split(':')[0]}:") and i.split(":")[1] for i in ids)


def test_br_no_cpf_anywhere(built: BuildResult) -> None:
    for path in (built.out / "sources").rglob("entities.csv"):
        for row in csv.reader(path.read_text(encoding="utf-8").splitlines()):
            assert not any(CPF.search(cell) for cell in row), (path.name, row)


def test_br_cpf_in_business_name_withheld(snap: ReferenceSnapshot) -> None:
    by_name = {e.name: e for e in snap.entities if e.source_id == "br_mte_cadastro"}
    assert "withheld" in by_name["Diego Armando Molinari"].notes
    assert by_name["Diego Armando Molinari"].identifiers == (("cnpj", "34100075000166"),)


def test_br_persons_have_no_identifiers(snap: ReferenceSnapshot) -> None:
    br = [e for e in snap.entities if e.source_id == "br_mte_cadastro"]
    assert sum(e.entity_type == "person" for e in br) == 123
    assert all(not e.identifiers for e in br if e.entity_type == "person")
    assert all(len(v) == 14 and s == "cnpj" for e in br for s, v in e.identifiers)


def test_records_keep_source_rows(snap: ReferenceSnapshot) -> None:
    uflpa = [e for e in snap.entities if e.source_id == "us_dhs_uflpa"]
    assert [e.source_row for e in uflpa] == list(range(1, 44))
    assert all(g.country for g in snap.goods) and all(p.country for p in snap.eo13126)
    assert {t.tier for t in snap.tip_tiers} == {"Tier 2 Watch List", "Tier 3", "Special Case"}


def test_cli_missing_raw_dir_exits_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reference_data.importers.__main__ import app

    result = CliRunner().invoke(app, ["--raw", str(tmp_path / "absent"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "raw data folder not found" in result.output

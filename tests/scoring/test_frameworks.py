"""The frameworks catalogue: valid, complete for every finding code, and rendered into docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.evidence.weights import RiskWeights
from scoring.frameworks import (
    Catalogue,
    CatalogueError,
    load_catalogue,
    normalise_ilo_indicator,
    render_markdown,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "frameworks.md"


def test_catalogue_covers_every_weighted_code() -> None:
    catalogue = load_catalogue()
    assert set(RiskWeights.load().points) == set(catalogue.findings)


def test_catalogue_required_entries_present() -> None:
    c = load_catalogue()
    assert {6, 13, 14, 17, 18, 19, 20, 21, 22, 23, 24} <= {p.id for p in c.ungp.principles}
    p28 = {x.id for x in c.p28.commitments}
    assert {"P28-RECRUIT", "P28-ACCOUNT", "P28-PUBLIC", "P28-FIREWALL", "P12", "P13", "P14", "P24a"} <= p28
    laws = {law.id for law in c.laws}
    required = "uflpa tariff_act_307 eu_flr eu_csddd de_lksg uk_msa_s54 au_msa ca_s211 ilo_c029 ilo_p029"
    assert set(required.split()) | {"ilo_c105", "ilo_c138", "ilo_c182", "ilo_fair_recruitment"} <= laws
    assert len(c.ilo_indicators.items) == 11
    assert all(law.url.startswith("https://") for law in c.laws)
    assert "14 December 2027" in c.law("eu_flr").citation


def test_catalogue_actions_end_with_disengagement_last() -> None:
    c = load_catalogue()
    stage = {a.id: a.stage for a in c.actions}
    for entry in c.findings.values():
        stages = [stage[a] for a in entry.actions]
        assert stages == sorted(stages)
    assert stage["responsible_disengagement"] == max(stage.values())


def test_catalogue_rejects_unknown_reference(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[2] / "scoring" / "data" / "frameworks.yml").read_text()
    bad = tmp_path / "bad.yml"
    bad.write_text(text.replace("laws: [tip_report, palermo_protocol]", "laws: [no_such_law]", 1))
    with pytest.raises(CatalogueError, match="no_such_law"):
        load_catalogue(bad)


def test_catalogue_mapping_unknown_code_raises() -> None:
    with pytest.raises(CatalogueError):
        load_catalogue().mapping("goods.unheard_of")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Debt bondage", "debt_bondage"), ("7", "retention_of_identity_documents"), ("ISOLATION", "isolation"),
     ("physical_and_sexual_violence", "physical_and_sexual_violence"), ("12", None), ("late payment", None)],
)  # fmt: skip
def test_normalise_ilo_indicator(text: str, expected: str | None) -> None:
    assert normalise_ilo_indicator(text) == expected


def test_docs_frameworks_page_is_current() -> None:
    catalogue: Catalogue = load_catalogue()
    assert DOCS.read_text(encoding="utf-8") == render_markdown(catalogue), (
        "docs/frameworks.md is stale: run python -m scoring.frameworks docs/frameworks.md"
    )

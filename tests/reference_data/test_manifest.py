"""Manifest models: versions from data dates, deterministic YAML, one-line validation errors."""

from __future__ import annotations

import pytest
import yaml

from reference_data.errors import ManifestError
from reference_data.loader import PACKAGE_ROOT
from reference_data.manifest import SourceYml, dump_yaml, parse_manifest, version_from_date


@pytest.mark.parametrize(
    ("date", "version"),
    [("2025-01-15", "20250115000000"), ("2014", "20140101000000"), ("2023-09", "20230901000000")],
)
def test_version_from_date_is_sortable_timestamp(date: str, version: str) -> None:
    assert version_from_date(date) == version


def test_version_from_date_rejects_non_dates() -> None:
    with pytest.raises(ValueError, match="not an ISO date"):
        version_from_date("15/01/2025")


def test_manifest_round_trips_byte_identical() -> None:
    text = (PACKAGE_ROOT / "manifest.yml").read_text(encoding="utf-8")
    assert dump_yaml(parse_manifest(text)) == text


def test_manifest_rejects_bad_hash() -> None:
    text = (PACKAGE_ROOT / "manifest.yml").read_text(encoding="utf-8")
    first_hash = text.split("sha256: ", 1)[1].split("\n", 1)[0]
    with pytest.raises(ManifestError, match="sha256"):
        parse_manifest(text.replace(first_hash, "not-a-hash", 1))


def test_manifest_rejects_duplicate_source_ids() -> None:
    text = (PACKAGE_ROOT / "manifest.yml").read_text(encoding="utf-8")
    with pytest.raises(ManifestError, match="duplicate source ids"):
        parse_manifest(text.replace("id: us_cbp_wro", "id: us_dhs_uflpa"))


def test_source_yml_files_validate() -> None:
    for path in sorted((PACKAGE_ROOT / "sources").glob("*/source.yml")):
        record = SourceYml.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert record.id == path.parent.name and record.raw_files

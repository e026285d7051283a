"""Loader: a valid snapshot loads; tampered files, wrong row counts and bad manifests are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reference_data.errors import ChecksumMismatch, ManifestError, ReferenceDataError, RowCountMismatch
from reference_data.loader import PACKAGE_ROOT, load_snapshot, snapshot_id_of

UFLPA = "sources/us_dhs_uflpa/20250115000000/entities.csv"


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """A private copy of the bundled snapshot that a test may damage."""
    shutil.copy(PACKAGE_ROOT / "manifest.yml", tmp_path / "manifest.yml")
    shutil.copytree(PACKAGE_ROOT / "sources", tmp_path / "sources")
    return tmp_path


def test_load_bundled_snapshot_is_verified_and_cached() -> None:
    snap = load_snapshot()
    assert snap is load_snapshot()
    assert snap.snapshot_id == snapshot_id_of((PACKAGE_ROOT / "manifest.yml").read_bytes())
    assert snap.snapshot_id.startswith("snap-") and len(snap.snapshot_id) == 17
    assert set(snap.sources) == {
        "us_dhs_uflpa",
        "us_cbp_wro",
        "br_mte_cadastro",
        "us_dol_ilab_tvpra",
        "us_dol_ilab_eo13126",
        "us_state_tip",
        "us_dol_ilab_country_profiles",
        "hs2022",
    }
    assert snap.hs_codes["280461"].level == 6
    assert snap.source("us_dhs_uflpa").row_count == 55


def test_load_copy_equals_bundled(copy: Path) -> None:
    assert load_snapshot(copy).snapshot_id == load_snapshot().snapshot_id


def test_load_tampered_file_refused(copy: Path) -> None:
    path = copy / UFLPA
    path.write_text(path.read_text(encoding="utf-8").replace("Ninestar", "Ninestat"), encoding="utf-8")
    with pytest.raises(ChecksumMismatch, match="refusing a tampered snapshot") as info:
        load_snapshot(copy)
    assert UFLPA in str(info.value)


def test_load_wrong_row_count_refused(copy: Path) -> None:
    manifest = copy / "manifest.yml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("rows: 43\n", "rows: 44\n", 1), encoding="utf-8")
    with pytest.raises(RowCountMismatch, match="43 data rows, the manifest records 44"):
        load_snapshot(copy)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the snapshot manifest"),
        ("sources: [unclosed", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
        ("created_at: x\nsources: []\n", "invalid field sources"),
    ],
)
def test_load_bad_manifest_refused(copy: Path, content: str | None, message: str) -> None:
    manifest = copy / "manifest.yml"
    if content is None:
        manifest.unlink()
    else:
        manifest.write_text(content, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        load_snapshot(copy)


def test_load_missing_file_refused(copy: Path) -> None:
    (copy / UFLPA).unlink()
    with pytest.raises(ManifestError, match="cannot be read"):
        load_snapshot(copy)


def test_load_path_outside_snapshot_refused(copy: Path) -> None:
    manifest = copy / "manifest.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(UFLPA, "sources/../../x.csv"), "utf-8")
    with pytest.raises(ManifestError, match="under sources/"):
        load_snapshot(copy)


def test_errors_share_one_base() -> None:
    assert issubclass(ChecksumMismatch, ReferenceDataError) and issubclass(ManifestError, ReferenceDataError)

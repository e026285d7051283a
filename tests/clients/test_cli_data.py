"""`flscreen data` and `flscreen data diff`: snapshot listing and the diff between two snapshots."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from clients.cli import app
from clients.cmd_data import diff_snapshots
from tests.factories import make_entity
from tests.service.fakes import ENTITIES, make_snapshot

BUNDLED = Path(__file__).resolve().parents[2] / "reference_data"
runner = CliRunner()


def test_diff_snapshots_finds_added_removed_changed() -> None:
    old = make_snapshot(ENTITIES, "snap-old")
    moved = replace(ENTITIES[0], source_row=99)  # a new row number alone is not a change
    renamed = replace(ENTITIES[1], name="Renamed Co")
    new = make_snapshot(
        (moved, renamed, make_entity(entity_id="test_list:9", source_id="test_list")), "snap-new"
    )
    diff = diff_snapshots(old, new)
    assert (diff.old_id, diff.new_id) == ("snap-old", "snap-new")
    assert diff.added == ["test_list:9"] and diff.removed == [ENTITIES[2].entity_id]
    assert diff.changed == [ENTITIES[1].entity_id]
    assert diff.sources_added == diff.sources_removed == [] and diff.sources_changed == {}


def test_data_diff_identical_copies(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(BUNDLED / "manifest.yml", tmp_path / name / "manifest.yml")
        shutil.copytree(BUNDLED / "sources", tmp_path / name / "sources")
    result = runner.invoke(app, ["data", "diff", str(tmp_path / "a"), str(tmp_path / "b"), "--json"])
    assert result.exit_code == 0, result.output
    diff = json.loads(result.output)
    assert diff["added"] == diff["removed"] == diff["changed"] == [] and diff["old_id"] == diff["new_id"]
    table = runner.invoke(app, ["data", "diff", str(tmp_path / "a"), str(tmp_path / "b")])
    assert table.exit_code == 0 and "entities added: 0" in table.output


def test_data_diff_refuses_a_folder_without_manifest(tmp_path: Path) -> None:
    result = runner.invoke(app, ["data", "diff", str(tmp_path), str(tmp_path)])
    assert result.exit_code == 2 and "not a snapshot folder" in result.output


def test_data_lists_sources() -> None:
    result = runner.invoke(app, ["data", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["sources"]

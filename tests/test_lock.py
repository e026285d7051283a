"""uv.lock must match pyproject.toml: the Docker image installs exactly the locked versions."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> str:
    """Return the uv executable of this environment or on PATH; skip when there is none."""
    beside = Path(sys.executable).with_name("uv")  # a dev dependency: installed into the venv
    if beside.is_file():
        return str(beside)
    found = shutil.which("uv")
    if found is None:
        pytest.skip("uv is not installed in this environment nor on PATH (pip install -e '.[dev]')")
    return found


def _lock_check(project: Path) -> subprocess.CompletedProcess[str]:
    """Run `uv lock --check` on a project folder without the network, a cache or user configuration."""
    command = [_uv(), "lock", "--check", "--offline", "--no-cache", "--no-config", "--python", sys.executable]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, timeout=120)


def _copy_project(dest: Path) -> Path:
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copyfile(ROOT / name, dest / name)
    return dest


def test_uv_lock_matches_pyproject() -> None:
    result = _lock_check(ROOT)
    assert result.returncode == 0, (
        "uv.lock is out of date with pyproject.toml; run `uv lock` and commit uv.lock.\n" + result.stderr
    )


def test_uv_lock_check_notices_a_changed_requirement(tmp_path: Path) -> None:
    # The check above must be able to fail offline: a dependency the lock has never seen is refused.
    project = _copy_project(tmp_path)
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert '"pyyaml>=6,<7",' in text
    pyproject.write_text(text.replace('"pyyaml>=6,<7",', '"pyyaml>=6,<7", "flscreen-not-locked>=1",'))
    assert _lock_check(project).returncode != 0
    _copy_project(tmp_path)  # and the unchanged copy passes, so the failure came from the edit
    assert _lock_check(project).returncode == 0

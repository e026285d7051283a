"""Shared test fixtures: where the team's shared data lives, and skipping cleanly without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    """Return the team's shared folder: $FLSCREEN_SHARED_DIR, or ../shared beside the checkout."""
    env = os.environ.get("FLSCREEN_SHARED_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder (raw reference data, evaluation sets); skip when a clone has none."""
    root = shared_root()
    if not (root / "reference_data_raw").is_dir():
        pytest.skip(f"shared data folder not found at {root} (set FLSCREEN_SHARED_DIR); CI always has it")
    return root

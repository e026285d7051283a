"""Settings: defaults that just work, environment overrides, refusal of unsafe production values."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from service.config import Settings


def test_config_default_database_is_sqlite_file_in_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.resolved_database_url() == f"sqlite:///{tmp_path / 'flscreen.db'}"
    assert settings.max_batch == 1000


def test_config_reads_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLSCREEN_DATABASE_URL", "postgresql+psycopg://db/x")
    monkeypatch.setenv("FLSCREEN_MAX_BATCH", "50")
    settings = Settings()
    assert settings.resolved_database_url() == "postgresql+psycopg://db/x" and settings.max_batch == 50


@pytest.mark.parametrize(
    "overrides",
    [
        {"database_url": "sqlite://"},
        {"database_url": "sqlite:///:memory:"},
        {"rate_limit_per_minute": 0},
        {"max_upload_bytes": 2 * 1024**3},
        {"job_worker": False},
    ],
)
def test_config_production_refuses_unsafe_values(tmp_path: Path, overrides: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="unsafe production settings"):
        Settings(environment="production", data_dir=tmp_path, **overrides)  # type: ignore[arg-type]


def test_config_production_accepts_safe_values(tmp_path: Path) -> None:
    assert Settings(environment="production", data_dir=tmp_path).environment == "production"

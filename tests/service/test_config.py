"""Settings: defaults that just work, environment overrides, refusal of unsafe production values."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import typer
from pydantic import ValidationError
from typer.testing import CliRunner

from clients import cmd_server
from service.config import Settings
from service.report_tasks import ReportLimits


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


def test_config_report_and_job_limits_default_to_the_report_limits_defaults(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert ReportLimits.from_settings(settings) == ReportLimits()
    assert settings.job_max_attempts == 3


def test_config_reads_report_and_job_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLSCREEN_REPORT_MAX_ACTIVE_PER_TENANT", "1")
    monkeypatch.setenv("FLSCREEN_REPORT_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("FLSCREEN_REPORT_TIMEOUT_SECONDS", "90.5")
    monkeypatch.setenv("FLSCREEN_REPORT_MAX_BYTES", "1048576")
    monkeypatch.setenv("FLSCREEN_REPORT_KEEP_HOURS", "48")
    monkeypatch.setenv("FLSCREEN_JOB_MAX_ATTEMPTS", "5")
    settings = Settings()
    assert ReportLimits.from_settings(settings) == ReportLimits(
        timeout_seconds=90.5,
        max_bytes=1048576,
        max_active_per_tenant=1,
        max_attempts=2,
        keep=timedelta(hours=48),
    )
    assert settings.job_max_attempts == 5


_BAD_LIMITS = [
    ("FLSCREEN_JOB_MAX_ATTEMPTS", "0"),
    ("FLSCREEN_JOB_MAX_ATTEMPTS", "many"),
    ("FLSCREEN_REPORT_MAX_ACTIVE_PER_TENANT", "0"),
    ("FLSCREEN_REPORT_MAX_ATTEMPTS", "-1"),
    ("FLSCREEN_REPORT_TIMEOUT_SECONDS", "0"),
    ("FLSCREEN_REPORT_TIMEOUT_SECONDS", "soon"),
    ("FLSCREEN_REPORT_MAX_BYTES", "10"),
    ("FLSCREEN_REPORT_KEEP_HOURS", "0"),
]


@pytest.mark.parametrize(("name", "value"), _BAD_LIMITS)
def test_config_refuses_bad_limits_naming_them(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as raised:
        Settings()
    assert [e["loc"] for e in raised.value.errors()] == [(name.removeprefix("FLSCREEN_").lower(),)]


@pytest.mark.parametrize(("name", "value"), _BAD_LIMITS[::2])
def test_config_serve_exits_2_on_a_bad_limit(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("the server started"))
    app = typer.Typer()
    app.command("serve")(cmd_server.serve_command)
    app.command("other")(lambda: None)  # two commands, so "serve" is a subcommand as in flscreen
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2 and f"invalid server setting: {name}:" in result.output
    assert "Traceback" not in result.output

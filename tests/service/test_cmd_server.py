"""`flscreen serve` and `flscreen keys` commands (clients/cmd_server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from clients import cmd_server


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("serve")(cmd_server.serve_command)
    app.add_typer(cmd_server.keys_app, name="keys")
    return app


def test_cmd_keys_create_list_revoke(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLSCREEN_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    from service.config import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    try:
        created = runner.invoke(_app(), ["keys", "create", "--tenant", "acme", "--scope", "screen"])
        assert created.exit_code == 0, created.output
        token = created.stdout.strip().splitlines()[-1]
        assert token.startswith("fls_")
        key_id = token[4:20]
        listed = runner.invoke(_app(), ["keys", "list", "--tenant", "acme"])
        assert key_id in listed.stdout and token not in listed.stdout
        assert runner.invoke(_app(), ["keys", "revoke", key_id]).exit_code == 0
        assert runner.invoke(_app(), ["keys", "revoke", key_id]).exit_code == 2
        bad = runner.invoke(_app(), ["keys", "create", "--tenant", "acme", "--scope", "root"])
        assert bad.exit_code == 2 and "unknown scope" in bad.output
    finally:
        get_settings.cache_clear()


def test_cmd_serve_without_server_extra_prints_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cmd_server, "_server_installed", lambda: False)
    result = CliRunner().invoke(_app(), ["serve"])
    assert result.exit_code == 2 and "flscreen[server]" in result.output


def test_cmd_serve_rejects_a_bad_setting_before_starting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLSCREEN_REDIS_URL", "http://user:secret@example.invalid:6379")
    result = CliRunner().invoke(_app(), ["serve"])
    assert result.exit_code == 2
    assert "invalid server setting: FLSCREEN_REDIS_URL" in result.output
    assert "secret" not in result.output and "Traceback" not in result.output

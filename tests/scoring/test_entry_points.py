"""The module entry points parse their arguments: ``--help`` prints usage and writes no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import evaluate, train


@pytest.mark.parametrize("entry", [evaluate.main, train.main], ids=["evaluate", "train"])
def test_help_prints_usage_and_writes_nothing(
    entry: object, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert callable(entry)
    with pytest.raises(SystemExit) as stopped:
        entry(["--help"])
    assert stopped.value.code == 0
    assert "usage:" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("entry", [evaluate.main, train.main], ids=["evaluate", "train"])
def test_unknown_option_is_a_usage_error(
    entry: object, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert callable(entry)
    with pytest.raises(SystemExit) as stopped:
        entry(["--no-such-option"])
    assert stopped.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []

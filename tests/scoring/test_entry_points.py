"""The module entry points parse their arguments: ``--help`` prints usage and writes no file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from scoring import evaluate, train


@pytest.mark.parametrize("entry", [evaluate.main, train.main], ids=["evaluate", "train"])
@pytest.mark.parametrize(
    ("args", "code", "stream", "says"),
    [(["--help"], 0, "out", "usage:"), (["--no-such-option"], 2, "err", "unrecognized arguments")],
    ids=["help", "unknown-option"],
)
def test_arguments_are_parsed_and_nothing_is_written(
    entry: Callable[[Sequence[str]], int],
    args: list[str],
    code: int,
    stream: str,
    says: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        entry(args)
    assert stopped.value.code == code
    assert says in getattr(capsys.readouterr(), stream)
    assert list(tmp_path.iterdir()) == []

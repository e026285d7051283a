"""`flscreen screen --api`, `jobs`, `review` against the real app in process, through the SDK."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from clients import ScreeningClient, cmd_remote, remote
from clients.cli import app
from tests.clients.conftest_api import BASE_URL, NO_RETRY, AppTransport, LiveApi, engine, live_api  # noqa: F401

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


class Flaky(AppTransport):
    """Forward to the app, but fail the n-th batch request with the given exception."""

    def __init__(self, api: LiveApi, fail_at: int, error: BaseException) -> None:
        super().__init__(api.client)
        self.batches, self.fail_at, self.error = 0, fail_at, error

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/screen/batch":
            self.batches += 1
            if self.batches == self.fail_at:
                raise self.error
        return super().handle_request(request)


@pytest.fixture
def wired(live_api: LiveApi, monkeypatch: pytest.MonkeyPatch) -> str:  # noqa: F811
    """Route the CLI's SDK client into the in-process app; return an API key."""

    def make_client(url: str, api_key: str | None) -> ScreeningClient:
        return ScreeningClient(BASE_URL, api_key, transport=AppTransport(live_api.client), retry=NO_RETRY)

    monkeypatch.setattr(cmd_remote, "make_client", make_client)
    return live_api.key()


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("example", ["suppliers.csv", "procurement.csv", "ocds_release_package.json"])
def test_cli_remote_rows_identical_to_local(wired: str, tmp_path: Path, example: str) -> None:
    local, remote = tmp_path / "local.csv", tmp_path / "remote.csv"
    first = runner.invoke(app, ["screen", str(EXAMPLES / example), "-o", str(local), "-q", "--top", "2"])
    args = ["screen", str(EXAMPLES / example), "-o", str(remote), "-q", "--top", "2", "--api", BASE_URL]
    second = runner.invoke(app, [*args, "--api-key", wired])
    assert (first.exit_code, second.exit_code) == (0, 0), second.output
    assert _rows(remote) == _rows(local) and len(_rows(local)) >= 3


def test_cli_remote_json_identical_to_local(wired: str, tmp_path: Path) -> None:
    local, remote = tmp_path / "local.json", tmp_path / "remote.json"
    runner.invoke(app, ["screen", str(EXAMPLES / "suppliers.csv"), "-o", str(local), "-q"])
    result = runner.invoke(
        app, ["screen", str(EXAMPLES / "suppliers.csv"), "-o", str(remote), "-q", "--api", BASE_URL],
        env={"FLSCREEN_API_KEY": wired},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    a, b = json.loads(local.read_text()), json.loads(remote.read_text())
    assert a["results"] == b["results"]
    # Metadata differs only in when it was generated and in source order (the server sorts by id).
    for doc in (a, b):
        doc["summary"].pop("notice")
        doc["metadata"].pop("generated_at")
        doc["metadata"].pop("notice")
        doc["metadata"]["sources"].sort(key=lambda s: s["id"])
    assert a["metadata"] == b["metadata"]


def test_cli_remote_bad_key_is_one_line_exit_2(wired: str, tmp_path: Path) -> None:
    args = ["screen", str(EXAMPLES / "suppliers.csv"), "-q", "--api", BASE_URL, "--api-key", "fls_bad"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "401 not_authenticated" in result.output
    assert "Traceback" not in result.output


def test_cli_remote_refuses_custom_lists(wired: str) -> None:
    args = [
        "screen",
        str(EXAMPLES / "suppliers.csv"),
        "--api",
        BASE_URL,
        "--list",
        str(EXAMPLES / "watchlist.csv"),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "--list works only locally" in result.output


def test_cli_remote_fail_on_exits_3(wired: str) -> None:
    args = ["screen", str(EXAMPLES / "suppliers.csv"), "-q", "--api", BASE_URL, "--api-key", wired]
    assert runner.invoke(app, [*args, "--fail-on", "severe"]).exit_code == 3


def test_cli_jobs_submit_status_fetch_and_review(wired: str, live_api: LiveApi, tmp_path: Path) -> None:  # noqa: F811
    env = {"FLSCREEN_API_KEY": wired, "FLSCREEN_API_URL": BASE_URL}
    submitted = runner.invoke(app, ["jobs", "submit", str(EXAMPLES / "suppliers.csv")], env=env)
    assert submitted.exit_code == 0 and "queued" in submitted.output
    job_id = re.search(r"job (\w+) queued", submitted.output).group(1)  # type: ignore[union-attr]
    early = runner.invoke(app, ["jobs", "fetch", job_id, "-o", str(tmp_path / "r.csv")], env=env)
    assert early.exit_code == 2 and "409 conflict" in early.output
    live_api.drain_jobs()
    status = runner.invoke(app, ["jobs", "status", job_id], env=env)
    assert status.exit_code == 0 and "done" in status.output
    fetched = runner.invoke(app, ["jobs", "fetch", job_id, "-o", str(tmp_path / "r.csv")], env=env)
    assert fetched.exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    hit = next(r for r in rows if r["match_entity_id"])
    review = ["review", hit["screening_id"], "--entity", hit["match_entity_id"], "--false-positive"]
    done = runner.invoke(app, [*review, "--note", "other company"], env=env)
    assert done.exit_code == 0 and "recorded false_positive" in done.output
    both = runner.invoke(app, [*review, "--confirmed"], env=env)
    assert both.exit_code == 2
    missing = runner.invoke(app, ["jobs", "status", "nope"], env=env)
    assert missing.exit_code == 2 and "404 not_found" in missing.output


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [(httpx.ConnectError("refused"), 1, "the server failed"), (KeyboardInterrupt(), 130, "Interrupted")],
)
def test_cli_remote_stops_part_way_with_valid_output(
    live_api: LiveApi,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    error: BaseException,
    code: int,
    message: str,
) -> None:
    key = live_api.key()
    flaky = Flaky(live_api, 3, error)
    monkeypatch.setattr(remote, "BATCH_ROWS", 10)
    monkeypatch.setattr(
        cmd_remote,
        "make_client",
        lambda url, k: ScreeningClient(BASE_URL, k, transport=flaky, retry=NO_RETRY),
    )
    out = tmp_path / "partial.json"
    args = ["screen", str(EXAMPLES / "suppliers.csv"), "-o", str(out), "--api", BASE_URL, "--api-key", key]
    result = runner.invoke(app, args)
    assert result.exit_code == code and message in result.output
    document = json.loads(out.read_text(encoding="utf-8"))  # still one valid JSON document
    assert [r["row"] for r in document["results"]] == list(range(1, 21))

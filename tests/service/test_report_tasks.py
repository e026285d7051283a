"""Report tasks: a job's report rendered in the background gives the synchronous endpoint's bytes.

Also: tenants, scopes, the audit log, bad requests (never a 5xx), time and size limits, expiry, and
what a restart does to a render it cut off, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import io
import multiprocessing
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from scoring.reports import ReportOptions
from service.engine import Engine
from service.models import ReportTask, utcnow
from service.report_render import RenderRequest, render_in_child
from service.report_tasks import STALE_AFTER, ReportLimits, ReportRunner
from tests.service.conftest import BOTH_DATABASES, Api, make_settings, start_api

CSV = (
    "supplier_id,supplier_name,country,product,annual_spend,currency\n"
    "S-1,XINJIANG ZHONGTAI CHEMICAL CO LTD,China,PVC resin,412000,USD\n"
    "S-2,Siemens AG,DE,switchgear,1000,EUR\n"
    "S-3,Hotan Taida Apparel Co Ltd,CN,garments,72000,USD\n"
)


def _job(api: Api, headers: dict[str, str], name: str = "suppliers.csv", drain: bool = True) -> str:
    files = {"file": (name, io.BytesIO(CSV.encode()))}
    response = api.client.post("/v1/jobs", files=files, headers=headers)
    assert response.status_code == 202, response.text
    if drain:
        api.runtime.jobs.drain()  # type: ignore[union-attr]
    return str(response.json()["id"])


def _ask(api: Api, headers: dict[str, str], job_id: str, **body: object) -> dict[str, object]:
    response = api.client.post(f"/v1/jobs/{job_id}/reports", json={"format": "html", **body}, headers=headers)
    assert response.status_code == 202, response.text
    task = dict(response.json())
    assert response.headers["location"] == f"/v1/reports/{task['id']}"
    return task


def _reports(api: Api) -> ReportRunner:
    runner = api.runtime.reports
    assert runner is not None
    return runner


def _status(api: Api, headers: dict[str, str], task_id: object) -> dict[str, object]:
    response = api.client.get(f"/v1/reports/{task_id}", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


@BOTH_DATABASES
@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_report_tasks_file_is_the_synchronous_report_byte_for_byte(api: Api, fmt: str) -> None:
    headers = api.key()
    job_id = _job(api, headers)
    task = _ask(api, headers, job_id, format=fmt, min_tier="low", sections=2)
    assert (
        task["status"] == "queued"
        and task["file_url"] is None
        and task["filename"] == f"suppliers-report.{fmt}"
    )
    _reports(api).drain()
    done = _status(api, headers, task["id"])
    assert (
        done["status"] == "done"
        and done["error"] == ""
        and done["file_url"] == f"/v1/reports/{task['id']}/file"
    )
    assert done["started_at"] and done["finished_at"] and done["expires_at"]
    file = api.client.get(str(done["file_url"]), headers=headers)
    sync = api.client.get(
        f"/v1/jobs/{job_id}/report.{fmt}", params={"min_tier": "low", "sections": 2}, headers=headers
    )
    assert file.status_code == sync.status_code == 200
    assert file.content == sync.content and len(file.content) == done["size_bytes"]
    assert file.headers["content-type"] == sync.headers["content-type"]
    assert file.headers["content-disposition"] == sync.headers["content-disposition"]
    # The options reach the renderer: another min_tier gives another report.
    other = _ask(api, headers, job_id, format=fmt, min_tier="severe", sections=0)
    _reports(api).drain()
    assert api.client.get(f"/v1/reports/{other['id']}/file", headers=headers).content != file.content


def _pdf_text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_report_tasks_pdf_reads_like_the_synchronous_pdf(api: Api, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed; .ci/system-packages.sh installs it")
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load Pango ({exc}); .ci/system-packages.sh installs it")
    headers = api.key()
    job_id = _job(api, headers)
    task = _ask(api, headers, job_id, format="pdf")
    _reports(api).drain()
    file = api.client.get(f"/v1/reports/{task['id']}/file", headers=headers)
    sync = api.client.get(f"/v1/jobs/{job_id}/report.pdf", headers=headers)
    assert file.headers["content-type"] == sync.headers["content-type"] == "application/pdf"
    text = _pdf_text(file.content, tmp_path, "task.pdf")
    assert text == _pdf_text(sync.content, tmp_path, "sync.pdf")
    assert "XINJIANG ZHONGTAI CHEMICAL CO LTD" in text


@BOTH_DATABASES
def test_report_tasks_are_invisible_to_other_tenants(api: Api) -> None:
    headers, other = api.key(), api.key("other-tenant")
    job_id = _job(api, headers)
    task = _ask(api, headers, job_id)
    _reports(api).drain()
    for path in (f"/v1/reports/{task['id']}", f"/v1/reports/{task['id']}/file"):
        response = api.client.get(path, headers=other)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = api.client.post(f"/v1/jobs/{job_id}/reports", json={"format": "pdf"}, headers=other)
    assert response.status_code == 404
    assert api.client.get(f"/v1/reports/{task['id']}/file", headers=headers).status_code == 200


def test_report_tasks_need_the_read_scope(api: Api) -> None:
    job_id = _job(api, api.key())
    screen_only = api.key("acme", "screen")
    response = api.client.post(f"/v1/jobs/{job_id}/reports", json={"format": "html"}, headers=screen_only)
    assert response.status_code == 403
    task = _ask(api, api.key("acme", "read"), job_id)
    assert api.client.get(f"/v1/reports/{task['id']}", headers=screen_only).status_code == 403
    assert api.client.get(f"/v1/reports/{task['id']}/file", headers=screen_only).status_code == 403
    assert api.client.get(f"/v1/reports/{task['id']}").status_code == 401


def test_report_tasks_are_audited(api: Api) -> None:
    headers = api.key()
    job_id = _job(api, headers)
    task = _ask(api, headers, job_id, format="xlsx", min_tier="high", sections=7)
    events = api.client.get("/v1/audit", params={"action": "report.create"}, headers=headers).json()["items"]
    assert [(e["object_type"], e["object_id"]) for e in events] == [("report", task["id"])]
    assert (
        job_id in events[0]["detail"]
        and "xlsx" in events[0]["detail"]
        and "7 sections" in events[0]["detail"]
    )


@pytest.mark.parametrize(
    "body",
    [
        {"format": "docx"},
        {},
        {"format": "pdf", "sections": 5001},
        {"format": "pdf", "min_tier": "none"},
        {"format": "pdf", "colour": "red"},
    ],
)
def test_report_tasks_refuse_bad_requests(api: Api, body: dict[str, object]) -> None:
    headers = api.key()
    job_id = _job(api, headers)
    response = api.client.post(f"/v1/jobs/{job_id}/reports", json=body, headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "validation_error", response.text


def test_report_tasks_unknown_ids_and_unfinished_work(api: Api) -> None:
    headers = api.key()
    assert (
        api.client.post("/v1/jobs/nope/reports", json={"format": "pdf"}, headers=headers).status_code == 404
    )
    assert api.client.get("/v1/reports/nope", headers=headers).status_code == 404
    assert api.client.get("/v1/reports/nope/file", headers=headers).status_code == 404
    running_job = _job(api, headers, drain=False)
    response = api.client.post(f"/v1/jobs/{running_job}/reports", json={"format": "pdf"}, headers=headers)
    assert response.status_code == 409 and "queued" in response.json()["detail"]
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    task = _ask(api, headers, running_job)
    state = api.client.get(f"/v1/reports/{task['id']}", headers=headers)
    assert state.json()["status"] == "queued" and state.headers["retry-after"] == "2"
    early = api.client.get(f"/v1/reports/{task['id']}/file", headers=headers)
    assert early.status_code == 409 and early.json()["code"] == "conflict"
    assert "queued" in early.json()["detail"] and early.headers["retry-after"] == "2"


def test_report_tasks_per_tenant_cap_answers_429(api: Api) -> None:
    headers = api.key()
    job_id = _job(api, headers)
    _reports(api).limits = ReportLimits(max_active_per_tenant=2)
    _ask(api, headers, job_id)
    _ask(api, headers, job_id)
    refused = api.client.post(f"/v1/jobs/{job_id}/reports", json={"format": "html"}, headers=headers)
    assert refused.status_code == 429 and refused.headers["retry-after"] == "10"
    assert "2 report tasks" in refused.json()["detail"]
    _ask(api, api.key("other-tenant"), _job(api, api.key("other-tenant")))  # a budget per tenant
    _reports(api).drain()
    _ask(api, headers, job_id)  # finished tasks no longer count


def test_report_tasks_limits_are_settings(tmp_path: Path) -> None:
    """FLSCREEN_REPORT_* settings reach the running server: its cap and its restart limit."""
    settings = make_settings(
        tmp_path,
        report_max_active_per_tenant=1,
        report_max_attempts=1,
        report_timeout_seconds=60,
        report_max_bytes=4096,
        report_keep_hours=0.5,
    )
    for api in start_api(settings):
        limits = _reports(api).limits
        assert limits == ReportLimits(
            timeout_seconds=60,
            max_bytes=4096,
            max_active_per_tenant=1,
            max_attempts=1,
            keep=timedelta(minutes=30),
        )
        headers = api.key()
        job_id = _job(api, headers)
        first = _ask(api, headers, job_id)
        refused = api.client.post(f"/v1/jobs/{job_id}/reports", json={"format": "html"}, headers=headers)
        assert refused.status_code == 429 and "already has 1 report task queued" in refused.json()["detail"]
        assert _reports(api).claim(str(first["id"])) == 1  # the render starts ... and the process dies
        _age(api, first["id"])
        assert _reports(api).claim(str(first["id"])) is None  # one start allowed: given up
        state = _status(api, headers, first["id"])
        assert state["status"] == "failed" and "cut off once by a server crash" in str(state["error"])
        _ask(api, headers, job_id)  # the failed task no longer counts against the cap


def test_report_tasks_time_and_size_limits_fail_the_task_with_a_reason(api: Api) -> None:
    headers = api.key()
    job_id = _job(api, headers)
    runner = _reports(api)
    runner.limits = ReportLimits(timeout_seconds=0)
    slow = _ask(api, headers, job_id)
    runner.drain()
    runner.limits = ReportLimits(max_bytes=1000)
    big = _ask(api, headers, job_id)
    runner.drain()
    for task, words in ((slow, "longer than 0 s"), (big, "above the limit of 1000 bytes")):
        state = _status(api, headers, task["id"])
        assert state["status"] == "failed" and words in str(state["error"]), state
        response = api.client.get(f"/v1/reports/{task['id']}/file", headers=headers)
        assert response.status_code == 409 and words in response.json()["detail"]
        assert not (api.runtime.settings.data_dir / "reports" / str(task["id"])).exists()


@BOTH_DATABASES
def test_report_tasks_files_expire(api: Api) -> None:
    headers = api.key()
    task = _ask(api, headers, _job(api, headers))
    runner = _reports(api)
    runner.drain()
    assert runner.expire() == 0  # not yet
    with Session(api.runtime.db) as session:
        stored = session.get(ReportTask, task["id"])
        assert stored is not None
        stored.expires_at = utcnow() - timedelta(seconds=1)
        session.add(stored)
        session.commit()
    assert runner.expire() == 1
    assert _status(api, headers, task["id"])["status"] == "expired"
    response = api.client.get(f"/v1/reports/{task['id']}/file", headers=headers)
    assert response.status_code == 409 and "ask for the report again" in response.json()["detail"]
    assert not (api.runtime.settings.data_dir / "reports" / str(task["id"])).exists()


def test_report_tasks_non_ascii_upload_name_downloads(api: Api) -> None:
    headers = api.key()
    job_id = _job(api, headers, name="供应商 2026.csv")
    task = _ask(api, headers, job_id)
    _reports(api).drain()
    file = api.client.get(f"/v1/reports/{task['id']}/file", headers=headers)
    sync = api.client.get(f"/v1/jobs/{job_id}/report.html", headers=headers)
    assert file.status_code == sync.status_code == 200
    disposition = file.headers["content-disposition"]
    assert disposition == sync.headers["content-disposition"]
    assert "filename*=UTF-8''%E4%BE%9B%E5%BA%94%E5%95%86_2026-report.html" in disposition


def _age(api: Api, task_id: object) -> None:
    """Make a running task look like its process died: no heartbeat for longer than STALE_AFTER."""
    with Session(api.runtime.db) as session:
        task = session.get(ReportTask, str(task_id))
        assert task is not None and task.status == "running"
        task.updated_at = utcnow() - STALE_AFTER - timedelta(seconds=1)
        session.add(task)
        session.commit()


@BOTH_DATABASES
def test_report_tasks_cut_off_by_a_crash_are_rendered_again_or_given_up(
    tmp_path: Path, database_url: str, real_engine: Engine
) -> None:
    url = f"sqlite:///{tmp_path / 'reports.sqlite'}" if database_url == "sqlite://" else database_url
    settings = make_settings(tmp_path, url)
    for api in start_api(settings, real_engine):
        headers = api.key()
        job_id = _job(api, headers)
        resumed = _ask(api, headers, job_id, format="xlsx")
        given_up = _ask(api, headers, job_id, format="xlsx")
        runner = _reports(api)
        assert runner.claim(str(resumed["id"])) == 1  # the render starts ... and the process dies
        other_process = ReportRunner(api.runtime)
        assert other_process.claim(str(resumed["id"])) is None  # its heartbeat is fresh: not taken over
        assert other_process.next_id() == given_up["id"]
        for attempt in range(1, runner.limits.max_attempts + 1):
            assert runner.claim(str(given_up["id"])) == attempt  # cut off every time it starts
            _age(api, given_up["id"])
        _age(api, resumed["id"])
        assert _status(api, headers, resumed["id"])["status"] == "running"
        sync = api.client.get(f"/v1/jobs/{job_id}/report.xlsx", headers=headers).content
    # A new process on the same database and files: the report worker picks the tasks up on its own.
    for api in start_api(settings.model_copy(update={"job_worker": True}), real_engine):
        deadline = time.monotonic() + 60
        while {_status(api, headers, t["id"])["status"] for t in (resumed, given_up)} & {"queued", "running"}:
            assert time.monotonic() < deadline, "report tasks did not finish after the restart"
            time.sleep(0.05)
        failed = _status(api, headers, given_up["id"])
        assert failed["status"] == "failed" and "cut off 3 times by a server crash or restart" in str(
            failed["error"]
        )
        assert _status(api, headers, resumed["id"])["status"] == "done"
        assert api.client.get(f"/v1/reports/{resumed['id']}/file", headers=headers).content == sync


def test_report_tasks_stopping_server_puts_the_render_back_in_the_queue(api: Api) -> None:
    headers = api.key()
    task = _ask(api, headers, _job(api, headers))
    stopping = ReportRunner(api.runtime)
    stopping.stop()  # as the app's shutdown does, while the render runs
    stopping.process(str(task["id"]))
    state = _status(api, headers, task["id"])
    assert state["status"] == "queued" and state["error"] == ""
    assert not (api.runtime.settings.data_dir / "reports" / str(task["id"]) / "report.html").exists()
    _reports(api).drain()  # the next start renders it
    assert _status(api, headers, task["id"])["status"] == "done"


def _request(tmp_path: Path, data: dict[str, object]) -> RenderRequest:
    return RenderRequest(data, "html", ReportOptions(), tmp_path / "report.html", 10_000_000)


def test_render_in_child_reports_bad_results_as_a_failure(tmp_path: Path) -> None:
    outcome = render_in_child(_request(tmp_path, {"results": "nope"}), timeout=60, keep_going=lambda: True)
    assert outcome is not None and outcome.status == "failed" and outcome.error
    assert not (tmp_path / "report.html").exists()
    assert multiprocessing.active_children() == []


def test_render_in_child_stops_when_the_server_stops(tmp_path: Path) -> None:
    outcome = render_in_child(_request(tmp_path, {"results": []}), timeout=60, keep_going=lambda: False)
    assert outcome is None
    assert multiprocessing.active_children() == []

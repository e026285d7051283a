"""The web page's reports: asked for in the background, followed to done, failed or expired, per tenant.

Through the API's test client with the report worker drained by hand, so each state is seen in turn.
The script's requests are the same routes asked for JSON (Accept: application/json).
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from service.models import ReportTask, utcnow
from service.report_tasks import STALE_AFTER, ReportLimits, ReportRunner
from service.web import pages
from service.web.report_view import task_view
from tests.service.conftest import BOTH_DATABASES, Api

CSV = (
    "supplier_id,supplier_name,country,product,annual_spend,currency\n"
    "S-1,XINJIANG ZHONGTAI CHEMICAL CO LTD,China,PVC resin,412000,USD\n"
    "S-2,Siemens AG,DE,switchgear,1000,EUR\n"
    "S-3,Hotan Taida Apparel Co Ltd,CN,garments,72000,USD\n"
)
JSON = {"Accept": "application/json"}


def _sign_in(api: Api, tenant: str = "acme", *scopes: str) -> None:
    header = api.key(tenant, *(scopes or ("screen", "read", "review")))["Authorization"]
    token = header.removeprefix("Bearer ")
    api.client.cookies.clear()
    response = api.client.post("/ui/login", data={"api_key": token}, follow_redirects=False)
    assert response.status_code == 303


def _done_job(api: Api, tenant: str = "acme") -> str:
    files = {"file": ("suppliers.csv", io.BytesIO(CSV.encode()))}
    response = api.client.post("/v1/jobs", files=files, headers=api.key(tenant))
    assert response.status_code == 202, response.text
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    return str(response.json()["id"])


def _runner(api: Api) -> ReportRunner:
    runner = api.runtime.reports
    assert runner is not None
    return runner


def _ask(api: Api, job_id: str, fmt: str = "html") -> str:
    """Ask for a report the way a browser without the script does; return the task id."""
    response = api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": fmt}, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/ui/reports/([0-9a-f]+)", response.headers["location"])
    assert match, response.headers["location"]
    return match.group(1)


def _page_status(html: str) -> str:
    match = re.search(r'id="report-status" data-status="(\w+)"', html)
    assert match, html
    return match.group(1)


def _tasks(api: Api) -> int:
    with Session(api.runtime.db) as session:
        return int(session.exec(select(func.count()).select_from(ReportTask)).one())


def _age(api: Api, task_id: str) -> None:
    """Make a running task's worker look dead (no heartbeat), so a drain takes it over."""
    with Session(api.runtime.db) as session:
        task = session.get(ReportTask, task_id)
        assert task is not None
        task.updated_at = utcnow() - STALE_AFTER - timedelta(seconds=1)
        session.add(task)
        session.commit()


@BOTH_DATABASES
def test_ui_report_without_script_goes_queued_running_done_and_downloads(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    task_id = _ask(api, job_id)

    queued = api.client.get(f"/ui/reports/{task_id}")
    assert queued.status_code == 200 and _page_status(queued.text) == "queued"
    assert '<meta http-equiv="refresh" content="2">' in queued.text  # the page follows the task itself
    assert "report-download" not in queued.text
    early = api.client.get(f"/ui/reports/{task_id}/file")
    assert early.status_code == 409 and "not ready yet" in early.text

    assert _runner(api).claim(task_id) == 1
    running = api.client.get(f"/ui/reports/{task_id}").text
    assert _page_status(running) == "running" and "rendering since" in running
    assert 'http-equiv="refresh"' in running

    _age(api, task_id)
    _runner(api).drain()
    done = api.client.get(f"/ui/reports/{task_id}").text
    assert _page_status(done) == "done" and "ready:" in done
    assert 'http-equiv="refresh"' not in done
    assert f'href="/ui/reports/{task_id}/file"' in done

    file = api.client.get(f"/ui/reports/{task_id}/file")
    api_file = api.client.get(f"/v1/reports/{task_id}/file", headers=api.key())
    assert file.status_code == 200 and file.content == api_file.content
    assert "XINJIANG ZHONGTAI CHEMICAL CO LTD" in file.text
    assert 'filename="suppliers-report.html"' in file.headers["content-disposition"]

    job_page = api.client.get(f"/ui/jobs/{job_id}").text  # the job page lists it with its link
    assert f'id="task-{task_id}"' in job_page and f'href="/ui/reports/{task_id}/file"' in job_page
    events = api.client.get("/v1/audit", params={"action": "report.create"}, headers=api.key()).json()
    assert [e["object_id"] for e in events["items"]] == [task_id]  # the API's own audit record


def test_ui_report_from_the_script_answers_json_and_the_poll_follows_it(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    response = api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": "xlsx"}, headers=JSON)
    assert response.status_code == 202, response.text
    task = response.json()
    assert task["status"] == "queued" and task["active"] is True and task["download_url"] == ""
    assert task["format"] == "xlsx" and task["page_url"] == f"/ui/reports/{task['id']}"

    poll = api.client.get(f"/ui/jobs/{job_id}/reports", headers=JSON)
    assert poll.status_code == 200 and poll.json()["poll_seconds"] == 2
    assert [(t["id"], t["status"]) for t in poll.json()["tasks"]] == [(task["id"], "queued")]

    _runner(api).drain()
    (done,) = api.client.get(f"/ui/jobs/{job_id}/reports", headers=JSON).json()["tasks"]
    assert done["status"] == "done" and done["active"] is False
    assert done["download_url"] == f"/ui/reports/{task['id']}/file"
    assert api.client.get(done["download_url"]).content.startswith(b"PK")  # an XLSX (zip) file


def test_ui_report_failure_says_why(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    _runner(api).limits = ReportLimits(max_bytes=1000)
    task_id = _ask(api, job_id)
    _runner(api).drain()

    page = api.client.get(f"/ui/reports/{task_id}")
    assert page.status_code == 200 and _page_status(page.text) == "failed"
    assert "failed: " in page.text and "above the limit of 1000 bytes" in page.text
    assert 'class="box error"' in page.text and 'id="request-again"' in page.text
    assert 'http-equiv="refresh"' not in page.text
    (state,) = api.client.get(f"/ui/jobs/{job_id}/reports", headers=JSON).json()["tasks"]
    assert state["status"] == "failed" and "above the limit of 1000 bytes" in state["text"]
    assert state["download_url"] == ""
    file = api.client.get(f"/ui/reports/{task_id}/file")
    assert file.status_code == 409 and "The report failed" in file.text
    assert "above the limit of 1000 bytes" in file.text


def test_ui_report_expired_offers_to_ask_again(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    task_id = _ask(api, job_id)
    runner = _runner(api)
    runner.drain()
    with Session(api.runtime.db) as session:
        task = session.get(ReportTask, task_id)
        assert task is not None
        task.expires_at = utcnow() - timedelta(seconds=1)
        session.add(task)
        session.commit()
    assert runner.expire() == 1
    page = api.client.get(f"/ui/reports/{task_id}").text
    assert _page_status(page) == "expired" and "ask for the report again" in page
    assert 'id="request-again"' in page and "report-download" not in page
    file = api.client.get(f"/ui/reports/{task_id}/file")
    assert file.status_code == 409 and "The report expired" in file.text
    again = _ask(api, job_id)
    assert again != task_id


def test_ui_report_too_many_active_tasks_is_a_clear_429(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    _runner(api).limits = ReportLimits(max_active_per_tenant=1)
    _ask(api, job_id, "pdf")
    refused = api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": "html"}, follow_redirects=False)
    assert refused.status_code == 429
    assert "already has 1 report task queued or running" in refused.text
    assert 'id="message"' in refused.text and 'id="reports"' in refused.text  # the job page, with the box
    from_script = api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": "html"}, headers=JSON)
    assert from_script.status_code == 429 and from_script.headers["retry-after"] == "10"
    assert "task queued or running (the limit)" in from_script.json()["detail"]
    assert _tasks(api) == 1


@BOTH_DATABASES
def test_ui_reports_are_the_tenants_own(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    task_id = _ask(api, job_id)
    _runner(api).drain()
    other_job = _done_job(api, "other-tenant")

    _sign_in(api, "other-tenant")
    for path in (f"/ui/reports/{task_id}", f"/ui/reports/{task_id}/file"):
        response = api.client.get(path)
        assert response.status_code == 404 and "No report with this id" in response.text
        assert "suppliers-report" not in response.text
    assert api.client.get(f"/ui/jobs/{job_id}/reports", headers=JSON).status_code == 404
    posted = api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": "html"}, follow_redirects=False)
    assert posted.status_code == 404
    scripted = api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": "html"}, headers=JSON)
    assert scripted.status_code == 404
    assert _tasks(api) == 1
    assert api.client.get(f"/ui/jobs/{other_job}/reports", headers=JSON).json()["tasks"] == []
    assert task_id not in api.client.get(f"/ui/jobs/{other_job}").text

    _sign_in(api)  # the owner still has it
    assert api.client.get(f"/ui/reports/{task_id}/file").status_code == 200


def test_ui_reports_need_the_cookie_and_the_read_scope(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    task_id = _ask(api, job_id)
    api.client.cookies.clear()
    response = api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": "pdf"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/ui/login"
    for path in (f"/ui/reports/{task_id}", f"/ui/reports/{task_id}/file"):
        assert api.client.get(path, follow_redirects=False).headers["location"] == "/ui/login"
    polled = api.client.get(f"/ui/jobs/{job_id}/reports", headers=JSON)
    assert polled.status_code == 401 and "signed out" in polled.json()["detail"]
    # An API key in a header is not the page's sign-in: the page's routes only read the cookie.
    bearer = {**JSON, **api.key()}
    with_header = api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": "pdf"}, headers=bearer)
    assert with_header.status_code == 401

    _sign_in(api, "acme", "screen")
    assert api.client.post(f"/ui/jobs/{job_id}/reports", data={"format": "pdf"}).status_code == 403
    assert api.client.get(f"/ui/reports/{task_id}").status_code == 403
    assert api.client.get(f"/ui/jobs/{job_id}/reports", headers=JSON).status_code == 403
    assert _tasks(api) == 1


def test_ui_report_request_refuses_bad_input(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    for data in ({"format": "docx"}, {}):
        response = api.client.post(f"/ui/jobs/{job_id}/reports", data=data)
        assert response.status_code == 422, response.text
    assert api.client.post("/ui/jobs/nope/reports", data={"format": "pdf"}).status_code == 404
    assert api.client.get("/ui/reports/nope").status_code == 404
    assert _tasks(api) == 0


def test_ui_small_html_and_xlsx_stay_synchronous_pdf_and_large_jobs_do_not(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    page = api.client.get(f"/ui/jobs/{job_id}").text
    assert 'id="download-html"' in page and 'id="download-xlsx"' in page and 'id="download-pdf"' not in page
    assert 'id="request-pdf"' in page
    assert api.client.get(f"/ui/jobs/{job_id}/report.html").status_code == 200
    pdf = api.client.get(f"/ui/jobs/{job_id}/report.pdf")
    assert pdf.status_code == 409 and "Prepare PDF" in pdf.text and _tasks(api) == 0

    monkeypatch.setattr(pages, "SYNC_MAX_ROWS", 2)  # the job has three rows
    page = api.client.get(f"/ui/jobs/{job_id}").text
    assert 'id="download-html"' not in page and 'id="request-html"' in page
    large = api.client.get(f"/ui/jobs/{job_id}/report.xlsx")
    assert large.status_code == 409 and "rendered in the background" in large.text


def test_ui_job_page_loads_its_script_under_the_content_security_policy(api: Api) -> None:
    job_id = _done_job(api)
    _sign_in(api)
    page = api.client.get(f"/ui/jobs/{job_id}")
    assert '<script src="/ui/static/reports.js" defer></script>' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy and "unsafe-eval" not in policy
    script = api.client.get("/ui/static/reports.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert script.headers["x-content-type-options"] == "nosniff"
    assert "application/json" in script.text and "innerHTML" not in script.text


@given(
    status=st.sampled_from(["queued", "running", "done", "failed", "expired"]),
    error=st.text(min_size=1, max_size=80).filter(str.strip),
    size=st.one_of(st.none(), st.integers(min_value=0, max_value=2**40)),
)
def test_task_view_offers_a_file_only_when_done_and_says_why_it_failed(
    status: str, error: str, size: int | None
) -> None:
    now = utcnow()
    task = ReportTask(
        tenant_id="acme", key_id="k", job_id="j", file_format="pdf", min_tier="medium", sections=100,
        filename="s-report.pdf", status=status, error=error if status == "failed" else "",
        size_bytes=size, started_at=now, expires_at=now + timedelta(hours=24),
    )  # fmt: skip
    view = task_view(task)
    assert view.active == (status in ("queued", "running"))
    assert bool(view.download_url) == (status == "done")
    assert view.text.startswith({"done": "ready"}.get(status, status))
    if status == "failed":
        assert error in view.text
    assert set(view.as_json()) >= {"id", "status", "text", "download_url", "page_url", "active"}

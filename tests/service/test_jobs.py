"""Batch jobs: upload, progress, paging, downloads, bad files, and resume after a restart."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlmodel import Session, select

from service.models import Job, JobRow
from tests.service.conftest import BOTH_DATABASES, Api, make_settings, start_api

CSV = (
    b"Vendor Name;Country;LIFNR\n"
    b"Hoshine Silicon Industry Co., Ltd.;CN;100\n"
    b";DE;101\n"
    b"\n"
    b"Ordinary Widgets GmbH;Germany;102\n"
    b"Xinjiang Production and Construction Corps;CN;103\n"
    b"Plain Trading Ltd;GB;104\n"
)


def _upload(api: Api, headers: dict[str, str], name: str, data: bytes) -> dict[str, object]:
    response = api.client.post("/v1/jobs", files={"file": (name, io.BytesIO(data))}, headers=headers)
    assert response.status_code == 202, response.text
    return dict(response.json())


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_jobs_csv_runs_to_done_with_results_in_input_order(api: Api) -> None:
    headers = api.key()
    job = _upload(api, headers, "suppliers.csv", CSV)
    assert job["status"] == "queued" and job["total_rows"] == 5
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    done = api.client.get(f"/v1/jobs/{job['id']}", headers=headers).json()
    assert done["status"] == "done" and done["processed_rows"] == 5 and done["error_rows"] == 1
    assert done["progress"] == 1.0
    page = api.client.get(f"/v1/jobs/{job['id']}/results", params={"limit": 2, "offset": 1}, headers=headers)
    assert [r["row"] for r in page.json()["items"]] == [2, 4]
    rows = api.client.get(f"/v1/jobs/{job['id']}/results", headers=headers).json()["items"]
    assert [r["row"] for r in rows] == [1, 2, 4, 5, 6]
    assert rows[0]["risk_tier"] == "severe" and rows[0]["match_list"] == "us_cbp_wro"
    assert rows[0]["supplier_id"] == "100"
    assert rows[1]["error"] and rows[1]["risk_score"] is None
    screenings = api.client.get("/v1/screenings", params={"job_id": job["id"]}, headers=headers).json()
    assert screenings["total"] == 4


def test_jobs_download_formats_agree(api: Api) -> None:
    headers = api.key()
    job = _upload(api, headers, "suppliers.csv", CSV)
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    url = f"/v1/jobs/{job['id']}/download"
    as_json = json.loads(api.client.get(url, params={"format": "json"}, headers=headers).content)
    as_csv = list(
        csv.DictReader(io.StringIO(api.client.get(url, headers=headers).content.decode("utf-8-sig")))
    )
    xlsx = api.client.get(url, params={"format": "xlsx"}, headers=headers)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    assert [r["row"] for r in as_json] == [int(r["row"]) for r in as_csv] == [r[0] for r in xlsx_rows[1:]]
    assert xlsx_rows[0][0] == "row" and "snapshot_id" in as_csv[0]
    assert "attachment" in xlsx.headers["content-disposition"]


def test_jobs_download_keeps_a_non_ascii_upload_name(api: Api) -> None:
    headers = api.key()
    job = _upload(api, headers, "供应商 2026.csv", CSV)
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    response = api.client.get(f"/v1/jobs/{job['id']}/download", headers=headers)
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="____2026-results.csv"')
    assert "filename*=UTF-8''%E4%BE%9B%E5%BA%94%E5%95%86_2026-results.csv" in disposition


def test_jobs_xlsx_upload_is_read(api: Api) -> None:
    headers = api.key()
    data = _xlsx(
        [
            ["Supplier Name", "Country"],
            ["Hoshine Silicon Industry Co., Ltd.", "CN"],
            [None, None],
            ["Ordinary Widgets GmbH", "DE"],
        ]
    )
    job = _upload(api, headers, "book.xlsx", data)
    assert job["file_format"] == "xlsx" and job["total_rows"] == 2
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    rows = api.client.get(f"/v1/jobs/{job['id']}/results", headers=headers).json()["items"]
    assert [(r["row"], r["risk_tier"]) for r in rows][0] == (1, "severe")


def test_jobs_refuse_unusable_files(api: Api) -> None:
    headers = api.key()
    cases = [
        ("a.xlsx", b"not a workbook", 415),
        ("b.csv", b"foo,bar\n1,2\n", 400),
        ("c.csv", b"", 400),
        ("d.xlsx", b"PK\x03\x04garbage", 400),
        ("e.bin", b"\x00\x01\x02", 415),
    ]
    for name, data, status in cases:
        response = api.client.post("/v1/jobs", files={"file": (name, io.BytesIO(data))}, headers=headers)
        assert response.status_code == status, name
        assert response.json()["status"] == status
    assert api.client.get("/v1/jobs", headers=headers).json()["total"] == 0


def test_jobs_download_waits_for_done(api: Api) -> None:
    headers = api.key()
    job = _upload(api, headers, "s.csv", CSV)
    response = api.client.get(f"/v1/jobs/{job['id']}/download", headers=headers)
    assert response.status_code == 409 and response.json()["code"] == "conflict"


@BOTH_DATABASES
def test_jobs_resume_after_restart_without_loss_or_duplicates(
    tmp_path: Path, database_url: str, real_engine: object
) -> None:
    url = f"sqlite:///{tmp_path / 'jobs.sqlite'}" if database_url == "sqlite://" else database_url
    settings = make_settings(tmp_path, url, job_chunk_rows=2)
    for api in start_api(settings, real_engine):  # type: ignore[arg-type]
        headers = api.key()
        job = _upload(api, headers, "s.csv", CSV)
        api.runtime.jobs.process(str(job["id"]), max_chunks=1)  # type: ignore[union-attr]
        partial = api.client.get(f"/v1/jobs/{job['id']}", headers=headers).json()
        assert partial["status"] == "running" and partial["processed_rows"] == 2
    # A new process on the same database and files: the worker thread picks the job up on its own.
    for api in start_api(settings.model_copy(update={"job_worker": True}), real_engine):  # type: ignore[arg-type]
        deadline = time.monotonic() + 30
        while api.client.get(f"/v1/jobs/{job['id']}", headers=headers).json()["status"] != "done":
            assert time.monotonic() < deadline, "job did not finish after restart"
            time.sleep(0.05)
        with Session(api.runtime.db) as session:
            rows = session.exec(select(JobRow.row).where(JobRow.job_id == job["id"])).all()
            stored = session.get(Job, job["id"])
        assert sorted(rows) == [1, 2, 4, 5, 6]
        assert stored is not None and stored.processed_rows == 5
        screened = api.client.get("/v1/screenings", params={"job_id": job["id"]}, headers=headers).json()
        assert screened["total"] == 4


def test_jobs_reading_warnings_reach_the_stored_screening(api: Api) -> None:
    headers = api.key()
    data = b"Supplier Name,Country,Spend\nOrdinary Widgets GmbH,DE,not-a-number\n"
    job = _upload(api, headers, "spend.csv", data)
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    screenings = api.client.get("/v1/screenings", params={"job_id": job["id"]}, headers=headers).json()
    (item,) = screenings["items"]
    detail = api.client.get(f"/v1/screenings/{item['id']}", headers=headers).json()
    assert any("not-a-number" in w for w in detail["warnings"]), detail["warnings"]

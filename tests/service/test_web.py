"""The web page and the report endpoints, through the API's test client (no browser)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.service.conftest import Api

CSV = (
    "supplier_id,supplier_name,country,product,annual_spend,currency\n"
    "S-1,XINJIANG ZHONGTAI CHEMICAL CO LTD,China,PVC resin,412000,USD\n"
    "S-2,Siemens AG,DE,switchgear,1000,EUR\n"
    "S-3,Hotan Taida Apparel Co Ltd,CN,garments,72000,USD\n"
)


def _done_job(api: Api, headers: dict[str, str]) -> str:
    files = {"file": ("suppliers.csv", io.BytesIO(CSV.encode()))}
    job_id = str(api.client.post("/v1/jobs", files=files, headers=headers).json()["id"])
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    return job_id


def _sign_in(api: Api, *scopes: str) -> None:
    token = api.key("acme", *scopes)["Authorization"].removeprefix("Bearer ")
    response = api.client.post("/ui/login", data={"api_key": token}, follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/ui" in cookie


@pytest.mark.parametrize(("fmt", "media"), [("html", "text/html"), ("xlsx", "application/vnd.openxml")])
def test_report_endpoint_renders_a_done_job(api: Api, fmt: str, media: str) -> None:
    headers = api.key()
    job_id = _done_job(api, headers)
    response = api.client.get(f"/v1/jobs/{job_id}/report.{fmt}", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert f"suppliers-report.{fmt}" in response.headers["content-disposition"]
    if fmt == "html":
        assert "XINJIANG ZHONGTAI CHEMICAL CO LTD" in response.text
        assert api.runtime.engine is not None and api.runtime.engine.snapshot_id in response.text
    else:
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        names = [r[2] for r in book["suppliers"].iter_rows(min_row=2, values_only=True)]
        assert names == ["XINJIANG ZHONGTAI CHEMICAL CO LTD", "Siemens AG", "Hotan Taida Apparel Co Ltd"]


def test_report_endpoint_refuses_other_tenants_and_bad_formats(api: Api) -> None:
    job_id = _done_job(api, api.key())
    other = api.key("other-tenant")
    assert api.client.get(f"/v1/jobs/{job_id}/report.html", headers=other).status_code == 404
    assert api.client.get(f"/v1/jobs/{job_id}/report.docx", headers=api.key()).status_code == 422
    assert api.client.get(f"/v1/jobs/{job_id}/report.html").status_code == 401


def test_report_endpoint_waits_for_done(api: Api) -> None:
    headers = api.key()
    files = {"file": ("suppliers.csv", io.BytesIO(CSV.encode()))}
    job_id = api.client.post("/v1/jobs", files=files, headers=headers).json()["id"]
    response = api.client.get(f"/v1/jobs/{job_id}/report.xlsx", headers=headers)
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_ui_redirects_to_login_without_a_key(api: Api) -> None:
    response = api.client.get("/ui", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/ui/login"


def test_ui_login_refuses_a_bad_key(api: Api) -> None:
    response = api.client.post("/ui/login", data={"api_key": "flk_nope"})
    assert response.status_code == 401
    assert "content-security-policy" in response.headers


def test_ui_upload_filter_dispose_and_download(api: Api) -> None:
    _sign_in(api)
    response = api.client.post("/ui/jobs", files={"file": ("suppliers.csv", io.BytesIO(CSV.encode()))})
    assert response.status_code == 200  # followed the redirect to the job page
    job_id = str(response.url).rsplit("/", 1)[1]
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    page = api.client.get(f"/ui/jobs/{job_id}", params={"tier": "severe"}).text
    assert "XINJIANG ZHONGTAI" in page and "Siemens" not in page
    row = api.client.get(f"/v1/jobs/{job_id}/results", headers=api.key()).json()["items"][0]
    form = {"screening_id": row["screening_id"], "entity_id": row["match_entity_id"], "status": "confirmed"}
    recorded = api.client.post(f"/ui/jobs/{job_id}/dispositions", data={**form, "tier": "severe"})
    assert recorded.status_code == 200 and "Disposition recorded: confirmed" in recorded.text
    download = api.client.get(f"/ui/jobs/{job_id}/report.html")
    assert download.status_code == 200 and "Flagged suppliers" in download.text


def test_ui_scope_is_enforced(api: Api) -> None:
    _sign_in(api, "read")
    response = api.client.post("/ui/jobs", files={"file": ("s.csv", io.BytesIO(CSV.encode()))})
    assert response.status_code == 403

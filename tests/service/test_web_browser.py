"""The web page in headless Chromium: sign in, upload, wait for the job, filter, dispose, download;
ask for a PDF in the background and download it when its link appears (with the page's script, and
without it, where the report's own page refreshes itself).

Needs Debian's `chromium` and `chromium-driver` (.ci/system-packages.sh installs them) and selenium;
skips with the reason otherwise. The app runs under uvicorn in a thread on a free 127.0.0.1 port.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlmodel import Session

from service.deps import Runtime
from service.engine import Engine
from service.keys import create_key
from service.main import create_app
from tests.service.conftest import make_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "suppliers.csv"
CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1000",
)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, real_engine: Engine) -> Iterator[tuple[str, str]]:
    """Run the app with its job worker on a free port; yield its base URL and an API key."""
    import uvicorn

    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'web.db'}", job_worker=True)
    app = create_app(settings, engine=real_engine)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    runtime: Runtime = app.state.runtime
    with Session(runtime.db) as session:
        token = create_key(session, tenant_id="acme", scopes=("screen", "read", "review")).token
    try:
        yield f"http://127.0.0.1:{port}", token
    finally:
        uv.should_exit = True
        thread.join(timeout=15)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """Start headless Chromium with downloads going to tmp_path/downloads."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("no headless Chromium (Debian chromium, chromium-driver; .ci/system-packages.sh)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (dev extra)")
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROME_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield driver
    finally:
        driver.quit()


def _wait(condition: Any, timeout: float = 120.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the page may be reloading (meta refresh) between the find and the read
            value = None
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("timed out waiting in the browser")


def _can_render_pdf() -> None:
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load Pango ({exc}); .ci/system-packages.sh installs it")


def _downloaded(downloads: Path, suffix: str) -> Path:
    """Wait for a finished download with this suffix and return it."""
    found = _wait(lambda: next((p for p in downloads.glob(f"*{suffix}") if p.stat().st_size > 0), None), 120)
    _wait(lambda: not list(downloads.glob("*.crdownload")), 30)
    assert isinstance(found, Path)
    return found


def _sign_in_and_screen(browser: Any, base: str, token: str) -> None:
    """Sign in, upload the example file and wait on the job's page until the job is done."""
    from selenium.webdriver.common.by import By

    browser.get(f"{base}/ui")
    assert browser.current_url.endswith("/ui/login")
    browser.find_element(By.ID, "api_key").send_keys(token)
    browser.find_element(By.ID, "sign-in").click()
    _wait(lambda: browser.find_element(By.ID, "upload-file"))
    browser.find_element(By.ID, "upload-file").send_keys(str(EXAMPLE))
    browser.find_element(By.ID, "upload").click()
    status = _wait(lambda: browser.find_element(By.ID, "job-status").get_attribute("data-status") == "done")
    assert status


def test_web_page_upload_filter_dispose_download(
    server: tuple[str, str], browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _can_render_pdf()
    base, token = server
    _sign_in_and_screen(browser, base, token)

    Select(browser.find_element(By.ID, "tier-filter")).select_by_value("severe")
    browser.find_element(By.ID, "apply-filter").click()
    _wait(lambda: "tier=severe" in browser.current_url)
    tiers = [row.get_attribute("data-tier") for row in browser.find_elements(By.CSS_SELECTOR, "tr.result")]
    assert tiers and set(tiers) == {"severe"}

    form = browser.find_element(By.CSS_SELECTOR, "form.disposition")
    Select(form.find_element(By.NAME, "status")).select_by_value("false_positive")
    form.find_element(By.NAME, "note").send_keys("Different registration number.")
    form.find_element(By.CSS_SELECTOR, "button").click()
    message = _wait(lambda: browser.find_element(By.ID, "message").text)
    assert "Disposition recorded: false_positive" in message

    browser.find_element(By.ID, "download-xlsx").click()  # a small job's XLSX: rendered in the request
    downloads = tmp_path / "downloads"
    book = openpyxl.load_workbook(_downloaded(downloads, ".xlsx"))
    assert book.sheetnames == ["summary", "suppliers", "findings", "sources"]
    names = [r[2] for r in book["suppliers"].iter_rows(min_row=2, values_only=True)]
    assert "XINJIANG ZHONGTAI CHEMICAL CO LTD" in names and len(names) == 31

    # The PDF is rendered in the background: the script posts the request and polls its state, and
    # the download link appears on the same page once the report worker is done.
    job_page = browser.current_url
    assert not browser.find_elements(By.ID, "download-pdf")
    browser.find_element(By.ID, "request-pdf").click()
    row = _wait(lambda: browser.find_element(By.CSS_SELECTOR, "tr.report-task[data-status]"), 30)
    assert row.get_attribute("data-status") in ("queued", "running", "done")
    link = _wait(lambda: browser.find_element(By.CSS_SELECTOR, 'a.report-download[data-format="pdf"]'), 180)
    assert browser.current_url == job_page  # no navigation: the script followed the task
    assert "ready:" in browser.find_element(By.CSS_SELECTOR, "tr.report-task .report-state").text
    link.click()
    pdf = _downloaded(downloads, ".pdf")
    assert pdf.name == "suppliers-report.pdf" and pdf.read_bytes().startswith(b"%PDF-")


def test_web_page_reports_work_without_the_script(
    server: tuple[str, str], browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    _can_render_pdf()
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    base, token = server
    _sign_in_and_screen(browser, base, token)
    browser.find_element(By.ID, "request-pdf").click()  # a plain form post ...
    _wait(lambda: "/ui/reports/" in browser.current_url, 30)  # ... to the report's own page,
    status = browser.find_element(By.ID, "report-status").get_attribute("data-status")
    assert status in ("queued", "running", "done")
    link = _wait(lambda: browser.find_element(By.ID, "report-download"), 180)  # which refreshes itself
    link.click()
    pdf = _downloaded(tmp_path / "downloads", ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    browser.get(browser.current_url.rsplit("/ui/", 1)[0] + "/ui")  # the job page lists the report too
    browser.find_element(By.CSS_SELECTOR, "a.job-link").click()
    _wait(lambda: browser.find_element(By.CSS_SELECTOR, 'a.report-download[data-format="pdf"]'), 30)

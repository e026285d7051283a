"""The example screening rendered to PDF, turned into text and images with poppler, and checked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scoring.reports import ReportOptions, load_results, parse_results, render_report
from tests.scoring.reports_factories import make_doc, make_row, screen_example

POPPLER = ("pdftotext", "pdftoppm", "pdfinfo", "pdffonts")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """Screen the example file, render its PDF report, and return the results and the PDF path."""
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"poppler-utils not installed ({', '.join(missing)}); .ci/system-packages.sh installs it")
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load Pango ({exc}); .ci/system-packages.sh installs it")
    tmp = tmp_path_factory.mktemp("report")
    results = screen_example(tmp)
    pdf = tmp / "report.pdf"
    pdf.write_bytes(render_report(load_results(results), "pdf", ReportOptions()))
    return json.loads(results.read_text(encoding="utf-8")), pdf


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, encoding="utf-8").stdout


def _pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]


def _text(pdf: Path) -> str:
    return " ".join(_run("pdftotext", "-enc", "UTF-8", str(pdf), "-").split())


def test_pdf_every_page_carries_snapshot_and_model(rendered: tuple[dict[str, Any], Path]) -> None:
    results, pdf = rendered
    meta = results["metadata"]
    pages = _pages(pdf)
    assert pages > 3
    for page in range(1, pages + 1):
        text = _run("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-")
        assert meta["snapshot_id"] in text, f"page {page}"
        assert meta["model_version"] in text, f"page {page}"


def test_pdf_names_flagged_suppliers_and_their_lists(rendered: tuple[dict[str, Any], Path]) -> None:
    results, pdf = rendered
    text = _text(pdf)
    flagged = [r for r in results["results"] if r["risk_tier"] in ("medium", "high", "severe")]
    assert flagged
    for row in flagged:
        assert " ".join(row["name"].split()) in text
        for match in row["matches"]:
            if match["is_match"]:
                assert match["list_title"] in text
                assert match["entity_id"] in text
    assert "新疆样例棉纺有限公司" in text  # a Chinese name survives layout and text extraction


def test_pdf_lists_every_source_with_version(rendered: tuple[dict[str, Any], Path]) -> None:
    results, pdf = rendered
    text = _text(pdf)
    for source in results["metadata"]["sources"]:
        assert source["id"] in text
        assert source["version"] in text
    assert "PARTIAL" in text
    assert "A non-match is not a clearance" in text


def test_pdf_embeds_cjk_font(rendered: tuple[dict[str, Any], Path]) -> None:
    fonts = _run("pdffonts", str(rendered[1]))
    assert "CJK" in fonts


def test_pdf_pages_render_to_png(rendered: tuple[dict[str, Any], Path], tmp_path: Path) -> None:
    _run("pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(rendered[1]), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 2
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 2000 for p in images)


def test_render_pdf_is_reproducible(rendered: tuple[dict[str, Any], Path]) -> None:
    doc = parse_results(make_doc(make_row(1), make_row(2, tier="none", score=0.0)))
    first = render_report(doc, "pdf")
    assert first.startswith(b"%PDF-")
    assert render_report(doc, "pdf") == first

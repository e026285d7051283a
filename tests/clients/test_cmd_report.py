"""`flscreen report`: renders results files, and fails with one line and exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from clients.cmd_report import report_command
from tests.scoring.reports_factories import make_doc, make_row

app = typer.Typer()
app.command("report")(report_command)
app.command("noop")(lambda: None)  # a second command keeps "report" as a subcommand name
runner = CliRunner()


@pytest.fixture
def results(tmp_path: Path) -> Path:
    path = tmp_path / "results.json"
    rows = [make_row(1), make_row(2, tier="medium", score=40.0), make_row(3, tier="none", score=0.0)]
    path.write_text(json.dumps(make_doc(*rows)), encoding="utf-8")
    return path


def test_report_command_writes_html(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    outcome = runner.invoke(app, ["report", str(results), "-o", str(out), "--title", "Q3 review"])
    assert outcome.exit_code == 0, outcome.output
    html = out.read_text(encoding="utf-8")
    assert "Q3 review" in html and "Supplier 1" in html
    assert "2 flagged at tier medium" in outcome.output


def test_report_command_min_tier_and_sections(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    args = ["report", str(results), "-o", str(out), "--min-tier", "severe", "--sections", "0"]
    outcome = runner.invoke(app, args)
    assert outcome.exit_code == 0, outcome.output
    assert "1 flagged at tier severe or above, 0 with a full section" in outcome.output
    flagged = [r[10] for r in openpyxl.load_workbook(out)["suppliers"].iter_rows(min_row=2, values_only=True)]
    assert flagged == [True, False, False]


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("{not json", ".pdf", "is not a JSON results file"),
        ('{"results": []}', ".pdf", "not a screening-results document"),
        (json.dumps(make_doc(make_row(1))), ".docx", "cannot tell the report format"),
    ],
)
def test_report_command_bad_input_exits_2(tmp_path: Path, content: str, suffix: str, message: str) -> None:
    path = tmp_path / "results.json"
    path.write_text(content, encoding="utf-8")
    outcome = runner.invoke(app, ["report", str(path), "-o", str(tmp_path / f"out{suffix}")])
    assert outcome.exit_code == 2
    assert message in outcome.output
    assert "Traceback" not in outcome.output
    assert len(outcome.output.strip().splitlines()) == 1


def test_report_command_missing_file_exits_2(tmp_path: Path) -> None:
    outcome = runner.invoke(app, ["report", str(tmp_path / "none.json"), "-o", str(tmp_path / "r.html")])
    assert outcome.exit_code == 2
    assert "cannot read" in outcome.output

"""Benchmark the report renderer on a 10,000-supplier screening.

The screening is synthesised deterministically: the example file is screened once with the real
engine, then its results are replicated (renumbered, renamed) up to --rows, drawing flagged and
unflagged rows so that --flagged-share of the file is flagged. Run `python bench/bench_report.py`
(defaults: 10,000 rows, 5 % flagged, every format); `--flagged-share 0.65` reproduces the example's
share. Outputs go to bench/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from scoring.reports import ReportOptions, build_view, parse_results, render_view

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = Path(__file__).resolve().parent / "out"
FLAGGED = ("medium", "high", "severe")


def screen_example() -> dict[str, Any]:
    """Screen examples/suppliers.csv with the installed CLI and return the JSON results."""
    OUT_DIR.mkdir(exist_ok=True)
    target = OUT_DIR / "example-results.json"
    cli = Path(sys.executable).parent / "flscreen"
    cmd = [
        str(cli),
        "screen",
        str(ROOT / "examples" / "suppliers.csv"),
        "--format",
        "json",
        "-o",
        str(target),
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


def replicate(data: dict[str, Any], rows: int, flagged_share: float) -> dict[str, Any]:
    """Return a results document of `rows` rows built from the example's, flagged at the given share."""
    flagged = [r for r in data["results"] if r["risk_tier"] in FLAGGED]
    others = [r for r in data["results"] if r["risk_tier"] not in FLAGGED]
    results = []
    owed = 0.0
    for i in range(rows):
        owed += flagged_share  # deterministic spread: a flagged row whenever a whole one is owed
        pool = flagged if owed >= 1.0 else others
        owed -= 1.0 if pool is flagged else 0.0
        row = copy.deepcopy(pool[i % len(pool)])
        row["row"] = i + 1
        row["supplier_id"] = f"{row['supplier_id']}-{i:05d}"
        row["name"] = f"{row['name']} {i:05d}"
        row.setdefault("input", {})["name"] = row["name"]
        results.append(row)
    return {**data, "results": results}


def main() -> None:
    """Render the synthetic screening in each format and print the timings."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--flagged-share", type=float, default=0.05)
    parser.add_argument("--formats", default="html,xlsx,pdf")
    parser.add_argument("--sections", type=int, default=100, help="full supplier sections (0..)")
    parser.add_argument("--all-sections", action="store_true")
    args = parser.parse_args()

    doc_data = replicate(screen_example(), args.rows, args.flagged_share)
    started = time.perf_counter()
    doc = parse_results(doc_data)
    parsed = time.perf_counter()
    options = ReportOptions(max_sections=None if args.all_sections else args.sections)
    view = build_view(doc, options)
    built = time.perf_counter()
    machine = f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    shown = f"full sections {len(view.sections)}, listed {len(view.overflow)}"
    print(f"rows {view.rows}, flagged {view.flagged}, {shown}")
    print(f"validate {parsed - started:.2f} s, build view {built - parsed:.2f} s")
    for fmt in args.formats.split(","):
        t0 = time.perf_counter()
        data = render_view(view, fmt)
        seconds = time.perf_counter() - t0
        path = OUT_DIR / f"bench-report.{fmt}"
        path.write_bytes(data)
        pages = ""
        if fmt == "pdf":
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
            pages = next(
                (f", {line.split()[-1]} pages" for line in info.splitlines() if line.startswith("Pages")), ""
            )
        total = seconds + (built - started)
        size = f"{len(data) / 1e6:.1f} MB{pages}"
        print(f"{fmt}: render {seconds:.2f} s (with validation and view {total:.2f} s), {size}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()

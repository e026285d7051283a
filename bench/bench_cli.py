"""Benchmark `flscreen screen` on large generated supplier files: rows per second and peak memory.

Run `python bench/bench_cli.py --help`. The default run screens a 100,000-row baseline and a
1,000,000-row file, each in its own `flscreen` process, and reports rows/s and the child's peak RSS
(bounded memory means the peak barely moves between the two sizes). Files are generated with Faker
from a fixed seed and cached under bench/out/ (gitignored), so every run screens the same rows.

`--workers 1 2` screens every size once per worker count (`flscreen screen --workers N`), checks
that each output file is byte for byte the one-worker output, and samples the memory of the whole
process tree (the main process and its workers) from /proc: summed RSS counts the pages the workers
share with the main process once per process, summed PSS splits each shared page between them.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench_index import fixed_order
from faker import Faker

OUT_DIR = Path(__file__).resolve().parent / "out"
HEADER = ["Vendor Number", "Supplier Name", "Country", "City", "Commodity", "HS Code", "Spend", "Currency"]
LOCALES = ["en_US", "de_DE", "fr_FR", "pt_BR", "zh_CN", "ja_JP", "es_MX", "it_IT", "en_GB", "nl_NL"]
COUNTRIES = {"en_US": "US", "de_DE": "DE", "fr_FR": "France", "pt_BR": "BR", "zh_CN": "China", "ja_JP": "JP",
             "es_MX": "Mexico", "it_IT": "IT", "en_GB": "GB", "nl_NL": "NL"}  # fmt: skip
GOODS = [("cotton yarn", "520511"), ("polysilicon", "280461"), ("nitrile gloves", "401519"),
         ("tomato paste", "200290"), ("aluminium profiles", "760429"), ("office chairs", "940130"),
         ("solar modules", "854143"), ("frozen shrimp", "030617"), ("cocoa beans", "180100"),
         ("laptop computers", "847130")]  # fmt: skip
# Names in the style of listed entities, so a share of rows reaches the match model and the findings.
LISTED_STYLE = ["Hoshine Silicon Industry Co Ltd", "Xinjiang Zhongtai Chemical Co., Ltd.",
                "Top Glove Sdn Bhd", "Supermax Corporation Berhad", "Hetian Taida Apparel"]  # fmt: skip
POOL = 20_000  # distinct generated companies per locale pool; rows draw from them


def generate(path: Path, rows: int, seed: int) -> None:
    """Write a deterministic supplier CSV of ``rows`` data rows (SAP-and-plain-language headers)."""
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for i, fake in enumerate(fakers.values()):
        fake.seed_instance(seed + i)
        fixed_order(fake)
    pools = {
        loc: [(fake.company(), fake.city()) for _ in range(POOL // len(LOCALES))]
        for loc, fake in fakers.items()
    }
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for n in range(1, rows + 1):
            loc = rng.choice(LOCALES)
            name, city = rng.choice(pools[loc])
            if rng.random() < 0.002:  # about 1 row in 500 looks like a listed entity
                name, loc = rng.choice(LISTED_STYLE), "zh_CN"
            good, hs = rng.choice(GOODS)
            spend = f"{rng.randint(1_000, 5_000_000):,}.00"
            out.writerow([f"V{n:07d}", name, COUNTRIES[loc], city, good, hs, spend, "USD"])
    tmp.rename(path)


def supplier_file(rows: int, seed: int) -> Path:
    """Return the cached generated file for this size and seed, generating it once."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"suppliers-{rows}-seed{seed}-v2.csv"  # v2: Faker's lists in a fixed order
    if not path.exists():
        started = time.perf_counter()
        generate(path, rows, seed)
        print(f"generated {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def _tree(pid: int) -> list[int]:
    """Return pid and all its descendants (Linux /proc), skipping any that have just exited."""
    pids, index = [pid], 0
    while index < len(pids):
        for task in Path(f"/proc/{pids[index]}/task").glob("*/children"):
            try:
                pids.extend(int(p) for p in task.read_text().split())
            except OSError:
                pass
        index += 1
    return pids


def _kib(path: Path, field: str) -> int:
    """Return a 'Field:   N kB' value of a /proc file, 0 when the process is gone."""
    try:
        for line in path.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Sample the summed RSS and PSS of a process tree every `interval` seconds; keep the peaks."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss_kib = self.peak_pss_kib = self.peak_processes = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            pids = _tree(self.pid)
            rss = sum(_kib(Path(f"/proc/{p}/status"), "VmRSS") for p in pids)
            pss = sum(_kib(Path(f"/proc/{p}/smaps_rollup"), "Pss") for p in pids)
            self.peak_rss_kib = max(self.peak_rss_kib, rss)
            self.peak_pss_kib = max(self.peak_pss_kib, pss)
            self.peak_processes = max(self.peak_processes, len(pids))


def run(path: Path, rows: int, workers: int) -> dict[str, object]:
    """Screen one file in a fresh `flscreen` process; return rows/s and the processes' peak memory."""
    output = OUT_DIR / f"{path.stem}-results-w{workers}.csv"
    flscreen = Path(sys.executable).with_name("flscreen")  # the console script of this environment
    command = [str(flscreen), "screen", str(path), "-o", str(output), "-q", "--workers", str(workers)]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(child.pid)
    memory.start()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not the max over all children
    seconds = time.perf_counter() - started
    memory.done.set()
    memory.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):  # 3 = --fail-on; not used here, tolerated
        stderr = child.stderr.read() if child.stderr else ""
        raise SystemExit(f"flscreen failed ({code}): {stderr.strip()[-500:]}")
    with output.open(encoding="utf-8") as fh:
        written = sum(1 for _ in fh) - 1
    return {
        "rows": rows,
        "workers": workers,
        "rows_written": written,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        # ru_maxrss (KiB on Linux) of the flscreen process; with workers, wait4 reports the largest
        # single process of the tree, not their sum.
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "peak_tree_rss_mib": round(memory.peak_rss_kib / 1024, 1),
        "peak_tree_pss_mib": round(memory.peak_pss_kib / 1024, 1),
        "processes": memory.peak_processes,
        # CPU time of flscreen and its (reaped) workers: rows per CPU-second shows the cost of the
        # workers apart from how busy the machine was.
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "output_sha256": hashlib.sha256(output.read_bytes()).hexdigest(),
        "command": " ".join(["flscreen", *command[1:]]),
    }


def main() -> None:
    """Generate (or reuse) the files, screen each, and print the results as JSON."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Some Faker locales pick from sets, whose order follows the string hash seed: fix it, so the
        # same seed gives the same file in every process.
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="rows per run, smallest first"
    )
    parser.add_argument("--seed", type=int, default=76_007, help="generator seed")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1], help="flscreen --workers values, each run per size"
    )
    args = parser.parse_args()
    load = os.getloadavg()[0]
    results = []
    for n in sorted(args.sizes):
        path = supplier_file(n, args.seed)
        runs = [run(path, n, w) for w in args.workers]
        for r in runs:  # every worker count must write exactly what the first one wrote
            r["same_output_as_first"] = r["output_sha256"] == runs[0]["output_sha256"]
        results.extend(runs)
    machine = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    report = {"machine": machine, "seed": args.seed, "load_average_at_start": load, "runs": results}
    report["load_average_at_end"] = os.getloadavg()[0]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

"""The benchmarks' generated data is the same in every process (their numbers compare across runs)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Writes the generated names and supplier rows to a temporary directory and prints their digest.
SCRIPT = """
import hashlib, pathlib, sys, tempfile
import bench_cli, bench_index
out = pathlib.Path(tempfile.mkdtemp())
bench_index.OUT_DIR = out
names = bench_index.generate_names(3000, 767)
bench_cli.generate(out / "suppliers.csv", 300, 7)
print(hashlib.sha256("\\n".join(names).encode() + (out / "suppliers.csv").read_bytes()).hexdigest())
"""


def _digest(hash_seed: str) -> str:
    env = os.environ | {
        "PYTHONHASHSEED": hash_seed,
        "PYTHONPATH": os.pathsep.join((str(ROOT / "bench"), str(ROOT))),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.strip()


def test_generated_names_and_suppliers_do_not_depend_on_the_hash_seed() -> None:
    # Faker's it_IT provider lists its cities from a set: unsorted, each process drew other cities.
    first, second = _digest("1"), _digest("2")
    assert len(first) == len(hashlib.sha256().hexdigest())
    assert first == second

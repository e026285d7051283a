"""Benchmark OCDS intake: the whole-file `json.load` reader against the streaming reader.

Run `python bench/bench_ocds.py --help`. The default run generates a deterministic release package of
200,000 releases (about 300 MB; cached under bench/out/, gitignored), then reads it once per reader,
each in a fresh child process, and reports wall time, CPU time and the child's peak RSS. Both readers
produce the supplier rows through the same collector, so the run also checks that their rows are
identical (same SHA-256 over every row's values, in order).

- `whole-file`: the previous reader: `json.load` of the whole package, then each release in turn;
- `streaming`: `scoring.intake.open_supplier_file`, which reads the package one release at a time
  with ijson (scoring/intake/json_stream.py).

`--releases` and `--suppliers` size the package; `--repeats` reads it more than once per reader
(the table shows the best time and the largest peak).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

OUT_DIR = Path(__file__).resolve().parent / "out"
READERS = ("whole-file", "streaming")
WORDS = [
    "Golden",
    "River",
    "Eastern",
    "Pacific",
    "Summit",
    "Harbour",
    "Jade",
    "Northern",
    "Lotus",
    "Atlas",
    "Silver",
    "Meridian",
    "Crescent",
    "Orchid",
    "Phoenix",
    "Delta",
    "Sierra",
    "Coastal",
    "Imperial",
    "Nova",
]
TRADES = [
    "Textiles",
    "Garments",
    "Solar",
    "Polysilicon",
    "Gloves",
    "Seafood",
    "Electronics",
    "Metals",
    "Furniture",
    "Cocoa",
    "Tomato Products",
    "Plastics",
    "Medical Supplies",
    "Chemicals",
]
FORMS = ["Co., Ltd.", "Ltd", "GmbH", "Sdn Bhd", "S.A.", "Inc.", "LLC", "S.r.l.", "Ltda", "PT", "JSC", "B.V."]
PLACES = [
    ("China", "CN", "Urumqi"),
    ("China", "CN", "Hotan"),
    ("Malaysia", "MY", "Klang"),
    ("Germany", "DE", "Hamburg"),
    ("Brazil", "BR", "Recife"),
    ("Viet Nam", "VN", "Hai Phong"),
    ("Thailand", "TH", "Samut Sakhon"),
    ("India", "IN", "Tiruppur"),
    ("Mexico", "MX", "Monterrey"),
]
ITEMS = [
    ("Nitrile examination gloves", "33141420", "Surgical gloves", "401519"),
    ("Cotton patient gowns", "18143000", "Protective gear", "621142"),
    ("Solar photovoltaic modules", "09332000", "Solar installation", "854143"),
    ("Laptop computers", "30213100", "Portable computers", "847130"),
    ("Frozen shrimp", "15229000", "Frozen fish", "030617"),
    ("Office chairs", "39112000", "Chairs", "940130"),
    ("Aluminium window profiles", "44221100", "Windows", "760429"),
]
SCHEMES = ["XI-LEI", "CN-SAMR", "GB-COH", "BR-RFB", "US-DUNS", "DE-CR"]


def _supplier_pool(rng: random.Random, size: int) -> list[dict[str, Any]]:
    """Return `size` distinct supplier parties (name, address, identifier)."""
    pool = []
    for i in range(size):
        country, code, city = rng.choice(PLACES)
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(TRADES)} {rng.choice(FORMS)} {i}"
        party: dict[str, Any] = {
            "id": f"{code}-SUP-{i}",
            "name": name,
            "roles": ["supplier", "tenderer"],
            "address": {
                "streetAddress": f"{rng.randint(1, 999)} Industrial Road",
                "locality": city,
                "postalCode": f"{rng.randint(10000, 99999)}",
                "countryName": country,
            },
            "contactPoint": {"name": "Sales", "email": f"sales{i}@example.com"},
        }
        if rng.random() < 0.7:
            party["identifier"] = {
                "scheme": rng.choice(SCHEMES),
                "id": f"{rng.getrandbits(48):012X}",
                "legalName": name,
            }
        pool.append(party)
    return pool


def _release(rng: random.Random, n: int, pool: list[dict[str, Any]]) -> dict[str, Any]:
    """Return one award release naming one or two suppliers from the pool."""
    buyer = {
        "id": f"BUYER-{n % 500}",
        "name": f"Public Hospital Authority {n % 500}",
        "roles": ["buyer", "procuringEntity"],
        "address": {"locality": "Capital", "countryName": "Testland"},
    }
    winners = rng.sample(pool, rng.choice((1, 1, 1, 2)))
    description, cpv, cpv_text, hs = rng.choice(ITEMS)
    item: dict[str, Any] = {
        "id": "1",
        "description": description,
        "quantity": rng.randint(1, 10000),
        "classification": {"scheme": "CPV", "id": cpv, "description": cpv_text},
        "unit": {"name": "piece", "value": {"amount": round(rng.uniform(0.1, 900), 2), "currency": "EUR"}},
    }
    if rng.random() < 0.3:
        item["additionalClassifications"] = [{"scheme": "HS", "id": f"{hs[:4]}.{hs[4:]}"}]
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "ocid": f"ocds-bench-{n:07d}",
        "id": f"ocds-bench-{n:07d}-award",
        "date": f"{day}T09:00:00Z",
        "tag": ["award"],
        "initiationType": "tender",
        "buyer": {"id": buyer["id"], "name": buyer["name"]},
        "parties": [buyer, *winners],
        "tender": {
            "id": f"T-{n}",
            "title": f"{description}, framework {n}",
            "status": "complete",
            "items": [item],
            "procurementMethod": "open",
            "numberOfTenderers": rng.randint(1, 12),
        },
        "awards": [
            {
                "id": f"A-{n}-{k}",
                "date": f"{day}T12:00:00Z",
                "status": "active",
                "value": {
                    "amount": round(rng.uniform(1000, 5_000_000), 2),
                    "currency": rng.choice(("EUR", "EUR", "USD")),
                },
                "suppliers": [{"id": w["id"], "name": w["name"]}],
            }
            for k, w in enumerate(winners)
        ],
    }


def generate(path: Path, releases: int, suppliers: int, seed: int) -> None:
    """Write a deterministic OCDS release package, one release per line."""
    rng = random.Random(seed)
    pool = _supplier_pool(rng, suppliers)
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write('{"uri": "https://example.org/bench.json", "version": "1.1",\n')
        fh.write(' "publisher": {"name": "flscreen benchmark (synthetic)"}, "releases": [\n')
        for n in range(releases):
            fh.write(("," if n else "") + json.dumps(_release(rng, n, pool), ensure_ascii=False) + "\n")
        fh.write("]}\n")
    tmp.replace(path)


def package(releases: int, suppliers: int, seed: int) -> Path:
    """Return the cached package for these parameters, generating it on first use."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"ocds-{releases}-{suppliers}-{seed}.json"
    if not path.exists():
        started = time.perf_counter()
        generate(path, releases, suppliers, seed)
        print(f"generated {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def _rows_whole_file(path: Path) -> list[dict[str, object]]:
    """The previous reader: parse the whole package with json.load, then collect release by release."""
    from scoring.intake import ocds

    with path.open("rb") as fh:
        doc = json.load(fh)
    collector = ocds._Collector()
    for release in ocds._releases(doc):
        collector.add(release)
    return [s.as_values() for s in collector.suppliers.values()]


def _rows_streaming(path: Path) -> list[dict[str, object]]:
    """The streaming reader, as `flscreen screen` opens a file."""
    from scoring.intake import open_supplier_file

    source = open_supplier_file(path)
    try:
        return [r.values for r in source.rows]
    finally:
        source.close()


def child(reader: str, path: Path) -> None:
    """Read the package with one reader and print one JSON line of measurements."""
    import scoring.intake.ocds  # noqa: F401  (imports before the baseline, so the delta is the reading)

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    rows = (_rows_whole_file if reader == "whole-file" else _rows_streaming)(path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    digest = hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "reader": reader,
                "rows": len(rows),
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "peak_rss_mib": round(peak / 1024, 1),
                "baseline_rss_mib": round(baseline / 1024, 1),
                "rows_sha256": digest,
            }
        )
    )


def measure(reader: str, path: Path) -> dict[str, Any]:
    """Run one reader in a fresh interpreter and return its measurements."""
    cmd = [sys.executable, __file__, "--child", reader, str(path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--releases", type=int, default=200_000, help="releases in the package (200,000)")
    parser.add_argument(
        "--suppliers", type=int, default=20_000, help="distinct suppliers to draw from (20,000)"
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeats", type=int, default=1, help="reads per reader, alternating (1)")
    parser.add_argument("--child", nargs=2, metavar=("READER", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    path = package(args.releases, args.suppliers, args.seed)
    load_before = os.getloadavg()[0]
    runs: dict[str, list[dict[str, Any]]] = {r: [] for r in READERS}
    for _ in range(args.repeats):
        for reader in READERS:
            runs[reader].append(measure(reader, path))
    digests = {run["rows_sha256"] for results in runs.values() for run in results}
    mib = round(path.stat().st_size / 2**20, 1)
    report = {
        "package": {
            "file": path.name,
            "mib": mib,
            "releases": args.releases,
        },
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "identical_rows": len(digests) == 1,
        "runs": runs,
    }
    (OUT_DIR / "ocds_results.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"package: {path.name}, {mib} MiB, {args.releases:,} releases")
    print("| reader | rows | wall s (best) | CPU s (best) | peak RSS MiB (max) | RSS before reading MiB |")
    print("|---|---|---|---|---|---|")
    for reader, results in runs.items():
        print(
            f"| {reader} | {results[0]['rows']:,} | {min(r['wall_s'] for r in results)} "
            f"| {min(r['cpu_s'] for r in results)} | {max(r['peak_rss_mib'] for r in results)} "
            f"| {results[0]['baseline_rss_mib']} |"
        )
    print(f"identical rows: {report['identical_rows']}; load average {report['load_average_before_after']}")


if __name__ == "__main__":
    main()

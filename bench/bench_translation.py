"""Cost of translating Chinese names (CC-CEDICT): dictionary load, and screening speed with and without it.

Run `python bench/bench_translation.py` (venv active, repository root). It screens `--names` Chinese
company names (Faker zh_CN city + company name, fixed seed) against the bundled snapshot twice in one
process: once as shipped, once with the translation switched off (the `dictionary_translation` feature
held at 0 and no English-rendering index key: the matcher before round 8). Each timing is the best of
`--repeats`; the order alternates so that neither side always runs on a warmer machine. It also reports
how many of those (innocent, synthetic) names raise an alert either way, and the time and memory the
dictionary takes to load, and the time to cut a name into the words of our tables (`cjk_words`, which
every Chinese name goes through; the screening timings, best of several, mostly see names already
cut). Latin names never load the dictionary; the script checks that too.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence

from faker import Faker

from reference_data.loader import load_snapshot
from scoring import matcher as matcher_module
from scoring import translation
from scoring.matcher import Matcher
from scoring.scripts import cjk_words
from scoring.sides import REGISTRY, Feature
from scoring.types import SupplierRecord


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _screen(matcher: Matcher, names: Sequence[str]) -> tuple[float, int]:
    """Screen every name; return (seconds, names with an alert)."""
    start = time.perf_counter()
    flagged = sum(1 for n in names if any(m.is_match for m in matcher.match(SupplierRecord(name=n), 3)))
    return time.perf_counter() - start, flagged


def _without_translation() -> Callable[[], None]:
    """Switch the translation off in this process; return the function that switches it back on."""
    feature = REGISTRY["dictionary_translation"]
    rendering = getattr(matcher_module, "rendering")  # noqa: B009 - patched below, restored after
    REGISTRY["dictionary_translation"] = Feature(feature.name, lambda q, c: 0.0, feature.shows)
    setattr(matcher_module, "rendering", lambda text: "")  # noqa: B010

    def restore() -> None:
        REGISTRY["dictionary_translation"] = feature
        setattr(matcher_module, "rendering", rendering)  # noqa: B010

    return restore


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--names", type=int, default=2000, help="Chinese names screened (default 2,000)")
    parser.add_argument("--repeats", type=int, default=3, help="timings per side, best kept (default 3)")
    args = parser.parse_args(argv)

    entities = list(load_snapshot().entities)
    fake = Faker("en_US")
    fake.seed_instance(11)
    latin = [fake.company() for _ in range(200)]
    matcher = Matcher(entities)
    for name in latin:
        matcher.match(SupplierRecord(name=name), 3)
    loaded_by_latin = translation._load.cache_info().currsize > 0

    rss_before = _rss_mib()
    start = time.perf_counter()
    translation.dictionary_version()
    load_seconds = time.perf_counter() - start
    rss_after = _rss_mib()

    fake = Faker("zh_CN")
    fake.seed_instance(5)
    names = list(dict.fromkeys(f"{fake.city_name()}{fake.company()}" for _ in range(args.names * 2)))
    names = names[: args.names]
    best = {"with translation": float("inf"), "without (round 7)": float("inf")}
    flagged: dict[str, int] = {}
    for i in range(args.repeats * 2):
        side = "with translation" if i % 2 == 0 else "without (round 7)"
        restore = _without_translation() if side.startswith("without") else (lambda: None)
        try:
            fresh = Matcher(entities)  # built inside the switch: the index keys differ
            seconds, flagged[side] = _screen(fresh, names)
        finally:
            restore()
        best[side] = min(best[side], seconds)

    cut = float("inf")  # reading the names' Chinese words alone (the tables, not the dictionary)
    for _ in range(args.repeats):
        start = time.perf_counter()
        for name in names:
            cjk_words(name)
        cut = min(cut, time.perf_counter() - start)

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; ", end="")
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"Latin names loaded the dictionary: {loaded_by_latin}")
    print(f"dictionary load: {load_seconds:.2f} s, peak RSS {rss_before:.0f} -> {rss_after:.0f} MiB")
    print(f"{len(names)} Chinese names against {len(entities)} bundled entities, best of {args.repeats}:")
    for side, seconds in best.items():
        print(
            f"  {side:18s} {1000 * seconds / len(names):6.2f} ms/name  {len(names) / seconds:6.0f} names/s"
            f"  names with an alert: {flagged[side]}"
        )
    print(f"  cutting a name into table words (scoring.scripts.cjk_words): {1e6 * cut / len(names):.0f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())

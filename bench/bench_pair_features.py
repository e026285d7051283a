"""Cost of the match features: each feature's time per pair, and the whole feature vector's.

    python bench/bench_pair_features.py [--pairs 20000] [--repeats 3]

Pairs come from `bench_index.py`'s list (the bundled entities' names plus Faker names, seed 767): half
a list name against a perturbed copy of itself (`bench_index.perturb`: the near pairs screening scores
most), half two names drawn at random. Both sides are built once, as screening caches them; then every
registered feature runs over all pairs, best of `--repeats` passes, and so does `feature_vector`. To
compare two versions, run this script from a `git worktree` of the other commit, alternating, on the
same host: timings move with the load average, which the script prints.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence

from bench_index import generate_names, perturb

from scoring.features import FEATURE_NAMES, REGISTRY, Side, feature_vector, make_side


def _pairs(count: int, seed: int) -> list[tuple[Side, Side]]:
    names = generate_names(max(count, 2000), seed)
    rng = random.Random(seed + 7)
    out = []
    for i in range(count):
        a = names[rng.randrange(len(names))]
        b = perturb(a, rng) if i % 2 == 0 else names[rng.randrange(len(names))]
        out.append((make_side(a), make_side(b)))
    return out


def _best(fn: Callable[[Side, Side], object], pairs: Sequence[tuple[Side, Side]], repeats: int) -> float:
    """Return the best time of `repeats` passes of fn(q, c) over all pairs, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for q, c in pairs:
            fn(q, c)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pairs", type=int, default=20000, help="pairs timed (default 20,000)")
    parser.add_argument("--repeats", type=int, default=3, help="passes per timing, best kept (default 3)")
    parser.add_argument("--seed", type=int, default=767)
    args = parser.parse_args(argv)
    pairs = _pairs(args.pairs, args.seed)
    for q, c in pairs:  # warm every cache screening would have warm
        feature_vector(q, c)
    per_feature = {name: _best(REGISTRY[name].fn, pairs, args.repeats) for name in FEATURE_NAMES}
    whole = _best(feature_vector, pairs, args.repeats)
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; ", end="")
    print(f"load average {os.getloadavg()[0]:.2f}; {len(pairs)} pairs, best of {args.repeats}")
    print(f"feature_vector: {1e6 * whole / len(pairs):.1f} us a pair")
    for name, seconds in sorted(per_feature.items(), key=lambda kv: -kv[1]):
        print(f"  {name:30s} {1e6 * seconds / len(pairs):7.2f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())

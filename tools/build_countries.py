"""Write scoring/data/countries.csv: names of countries of several words (a development tool).

Input: the country files of the `countryinfo` package (1.0.1, MIT; one JSON file per country with its
ISO codes, name and alternative spellings): ``pip download --no-deps countryinfo==1.0.1``, unzip
the wheel, then

    python tools/build_countries.py path/to/countryinfo/data

Rows, each citing the country file it comes from:
- ``name``: a name of two words or more written in Latin letters, the country's own name or one of its
  alternative spellings ("Islamic Republic of Iran", "Russian Federation"); a name shared by two
  countries is left out;
- ``short``: the country's short English name ("Iran", "North Korea"), which gives the token a country
  of no one-word name in pycountry folds to ("northkorea").
The matcher folds each name to the country's one-word token (`scoring.places`), so "National
Development Fund of the Islamic Republic of Iran" and "National Development Fund of Iran" are one name.
Demonyms are left out on purpose: read as places, "Swiss", "Dutch" or "Syrian" stop being the
distinctive word of "Swiss Re", "Dutch Bros" or "Syrian Arab Airlines".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from tablekit import write_table

TABLE = Path(__file__).resolve().parents[1] / "scoring" / "data" / "countries.csv"
SOURCE = "countryinfo 1.0.1 (MIT), data/{file}: {field}"


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "ʻ’'" for ch in text)


def rows(data_dir: Path) -> list[dict[str, str]]:
    """Return the table rows from the countryinfo country files in `data_dir`."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    first: dict[tuple[str, str], dict[str, str]] = {}
    shorts: set[str] = set()
    for path in sorted(data_dir.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2", "")
        if not code:
            continue
        found = []
        short = (info.get("name") or "").strip()
        if short and _latin(short) and code not in shorts:  # two files of one country: the first
            shorts.add(code)
            found.append(("short", short, "name"))
        for name in [short, *(info.get("altSpellings") or [])]:
            name = name.strip()
            if len(name.replace(",", " ").split()) >= 2 and _latin(name):
                found.append(("name", name, "name" if name == short else "altSpellings"))
        for kind, variant, field in found:
            key = (kind, variant.casefold())
            seen[key].add(code)
            first.setdefault(
                key,
                {
                    "variant": variant,
                    "country": code,
                    "kind": kind,
                    "source": SOURCE.format(file=path.name, field=field),
                },
            )
    return [first[k] for k in sorted(first) if len(seen[k]) == 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="the countryinfo package's data directory")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        sys.stderr.write(f"error: {args.data_dir} is not a directory\n")
        return 2
    return write_table(TABLE, ["variant", "country", "kind", "source"], rows(args.data_dir))


if __name__ == "__main__":
    raise SystemExit(main())

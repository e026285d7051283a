"""Goods -> HS 2022 mapping and product text -> goods: the committed table, its builder and its loader.

Method (docs/methodology.md): every ILAB good, EO 13126 product and UFLPA sector gets
- curated rows from ``data/goods_hs_curated.csv`` (codes chosen by hand from the HS 2022 text), and
- text rows: HS headings (4 digits; 6-digit subheadings only when no heading fits) whose leading noun
  phrase is close to the good's name (rapidfuzz over stemmed words), score >= TEXT_CUTOFF, at most
  TEXT_LIMIT per good, minus the rows a reviewer rejected in ``docs/goods-hs-review.csv``.
Rebuild with ``python -m scoring.goods_map --hs HS.csv --goods NAMES.txt -o scoring/data/goods_hs.csv``.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from scoring.evidence.text import contains, tokens

DATA = Path(__file__).resolve().parent / "data"
REVIEW = Path(__file__).resolve().parents[1] / "docs" / "goods-hs-review.csv"
TEXT_CUTOFF = 80.0  # rapidfuzz score (0-100) a heading needs to be kept
TEXT_LIMIT = 3  # at most this many text rows per good
COLUMNS = ("good", "hs_code", "method", "score", "reviewed", "note")


@lru_cache(maxsize=4096)
def good_key(name: str) -> str:
    """Return the canonical key of a good name (casefolded, spaces around '/' removed)."""
    return re.sub(r"\s+", " ", re.sub(r"\s*/\s*", "/", name.strip().casefold()))


def base_phrases(name: str) -> tuple[str, ...]:
    """Return the phrases a good's own name contributes: without parentheses, split on '/'."""
    plain = re.sub(r"\([^)]*\)", " ", name)
    return tuple(p.strip() for p in plain.split("/") if p.strip())


@dataclass(frozen=True, slots=True)
class GoodsIndex:
    """Phrases and HS codes that point to each good key."""

    phrases: tuple[tuple[str, str], ...]  # (phrase, good key)
    hs: tuple[tuple[str, str], ...]  # (hs code prefix, good key)

    def goods_in_text(self, text: str) -> set[str]:
        """Return the good keys whose phrases occur in the text."""
        if not text.strip():
            return set()
        toks = tokens(text)
        return {key for phrase, key in self.phrases if contains(toks, text, phrase)}

    def goods_for_hs(self, code: str) -> set[str]:
        """Return the good keys mapped to a prefix of the given HS (or national tariff) code."""
        digits = re.sub(r"\D", "", code)
        if len(digits) < 2:
            return set()
        return {key for prefix, key in self.hs if digits.startswith(prefix)}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=2)
def load_goods_index(data_dir: Path = DATA) -> GoodsIndex:
    """Load the synonym table and the goods -> HS table into an index (cached)."""
    phrases = [(r["phrase"], good_key(r["good"])) for r in _read(data_dir / "goods_text.csv")]
    hs_rows = _read(data_dir / "goods_hs.csv")
    goods = {r["good"] for r in hs_rows}
    for good in goods:
        if not good.startswith("uflpa:"):
            phrases += [(p, good_key(good)) for p in base_phrases(good)]
    hs = [(r["hs_code"], good_key(r["good"])) for r in hs_rows]
    return GoodsIndex(phrases=tuple(sorted(set(phrases))), hs=tuple(sorted(set(hs))))


def _head(description: str) -> str:
    """Return the leading noun phrase of an HS description (before ';', ',' or '(')."""
    return re.split(r"[;,(]", description, maxsplit=1)[0]


def text_candidates(good: str, hs: Sequence[tuple[str, str]]) -> list[tuple[str, float]]:
    """Return (code, score) of HS codes whose heading text is close to the good's name."""
    found: dict[str, float] = {}
    for phrase in base_phrases(good):
        want = " ".join(tokens(phrase))
        if not want:
            continue
        for level in (4, 6):
            hits: dict[str, float] = {}
            for code, description in hs:
                if len(code) != level:
                    continue
                head = " ".join(tokens(_head(description)))
                if not head or head.split()[0] != want.split()[0]:
                    continue
                # Mean of a subset-tolerant and a length-sensitive score: "cotton" fits "cotton" well,
                # "cotton yarn other than sewing thread" poorly.
                score = (fuzz.token_set_ratio(want, head) + fuzz.ratio(want, head)) / 2
                if score >= TEXT_CUTOFF:
                    hits[code] = max(score, hits.get(code, 0.0))
            if hits:
                for code, score in hits.items():
                    found[code] = max(score, found.get(code, 0.0))
                break  # headings found: do not add their subheadings
    best = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    return best[:TEXT_LIMIT]


def build_rows(
    goods: Iterable[str],
    hs: Sequence[tuple[str, str]],
    curated: Sequence[dict[str, str]],
    review: Sequence[dict[str, str]] = (),
) -> list[dict[str, str]]:
    """Return the goods -> HS rows: curated entries plus text candidates not rejected in review."""
    verdicts = {(r["good"], r["hs_code"]): r["verdict"] for r in review}
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for r in curated:
        rows[(r["good"], r["hs_code"])] = {
            "good": r["good"], "hs_code": r["hs_code"], "method": "curated", "score": "",
            "reviewed": "yes", "note": r.get("note", ""),
        }  # fmt: skip
    for good in sorted(set(goods)):
        if good.startswith("uflpa:"):
            continue  # sectors are curated only
        for code, score in text_candidates(good, hs):
            verdict = verdicts.get((good, code), "")
            if (good, code) in rows or verdict == "wrong":
                continue
            rows[(good, code)] = {
                "good": good, "hs_code": code, "method": "text", "score": f"{score:.1f}",
                "reviewed": "yes" if verdict else "no", "note": "",
            }  # fmt: skip
    return sorted(rows.values(), key=lambda r: (good_key(r["good"]), r["hs_code"]))


def write_rows(rows: Sequence[dict[str, str]], path: Path) -> None:
    """Write the goods -> HS table as CSV."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Rebuild goods_hs.csv from the HS 2022 CSV and a file of good names (one per line)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hs", type=Path, required=True, help="harmonized-system.csv (hscode, description)")
    parser.add_argument("--goods", type=Path, required=True, help="good names, one per line")
    parser.add_argument("-o", "--output", type=Path, default=DATA / "goods_hs.csv")
    args = parser.parse_args(argv)
    hs = [(r["hscode"], r["description"]) for r in _read(args.hs) if r.get("level") in ("4", "6")]
    goods = [g.strip() for g in args.goods.read_text(encoding="utf-8").splitlines() if g.strip()]
    curated = _read(DATA / "goods_hs_curated.csv")
    review = _read(REVIEW) if REVIEW.exists() else []
    write_rows(build_rows(goods + [r["good"] for r in curated], hs, curated, review), args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

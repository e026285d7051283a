"""Legal-form reference cases (protocol D): cleanco, rigour and Watchman, every case reported.

Each case is compared with our normaliser (does our core name equal the reference's output, or did we
find a legal form where the reference extracts one) and, when the reference gives another spelling of
the same company, scored as a positive pair. Disagreements get a reason written from what differs.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from scoring import evalsets
from scoring.evaluation.pairs import best_probability
from scoring.model import MatchModel
from scoring.normalize import fold, parse_name


@dataclass(frozen=True, slots=True)
class LegalCase:
    """One reference case with our reading of it."""

    source: str
    operation: str
    given: str
    expected: str
    note: str
    ours: str  # our core name (or the legal forms we found, for `extract`)
    agrees: bool | None  # None: the case tests something we do not model
    pair_score: float | None  # matcher score of (input, expected) when that is a positive pair
    reason: str  # why we differ, when we do


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _reason(given: str, expected: str, note: str) -> str:
    """Explain a core-name disagreement from the tokens each side kept."""
    ours = set(parse_name(given).core)
    ref = set(parse_name(expected).core) | set(fold(expected))
    extra, missing = sorted(ours - ref), sorted(set(fold(expected)) - set(parse_name(given).folded.split()))
    if note:
        return f"reference note: {note}"
    if extra and not missing:
        return f"we keep {' '.join(extra)!r} as name words (no legal form of ours at that position)"
    if not extra:
        return "we strip more than the reference (a legal form, connector or number it keeps)"
    return f"different tokens: ours {' '.join(extra)!r}"


def cases(root: Path, model: MatchModel) -> list[LegalCase]:
    """Read every cleanco, rigour and Watchman case and compare it with our normaliser and matcher."""
    raw = root / "eval/raw"
    items: list[tuple[str, str, str, str, str]] = []
    for r in _rows(raw / "cleanco_legal_forms/basename_cases.csv"):
        items.append(("cleanco", r["comparison"], r["input"], r["expected_output"], r["note"]))
    for r in _rows(raw / "rigour_org_types/org_type_cases.csv"):
        op = r["operation"] + (" (generic)" if r["generic"] == "true" else "")
        items.append(("rigour", op, r["input"], r["expected"], r["note"]))
    for r in _rows(raw / "watchman_test_cases/remove_company_titles_cases.csv"):
        items.append(("watchman", "remove", r["input"], r["expected_output"], r["note"]))
    return [_case(model, *item) for item in items]


def _case(model: MatchModel, source: str, op: str, given: str, expected: str, note: str) -> LegalCase:
    """Compare one case."""
    parts = parse_name(given)
    pair = None
    if op.startswith("extract"):
        wants = expected.strip() != "(none)"
        found = bool(parts.legal_forms)
        why = "" if wants == found else ("we find no legal form" if wants else "we find a legal form")
        why = f"reference note: {note}" if why and note else why
        return LegalCase(source, op, given, expected, note, " ".join(parts.legal_forms) or "(none)",
                         wants == found, None, why)  # fmt: skip
    if op not in ("equals", "remove", "compare_form", "display_form"):
        return LegalCase(source, op, given, expected, note, parts.key, None, None, "not a name-form case")
    if op.startswith(("compare_form", "display_form")):
        agrees = parts.key == parse_name(expected).key
    else:
        agrees = parts.key == " ".join(parse_name(expected).core if expected else ())
        agrees = agrees or " ".join(fold(expected)) == parts.folded
    if expected.strip() and expected.strip() != given.strip():
        pair = best_probability(model, evalsets.Pair(source, (given,), (expected,), True, "test"))
    reason = "" if agrees else _reason(given, expected, note)
    return LegalCase(source, op, given, expected, note, parts.key, agrees, pair, reason)

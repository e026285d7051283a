"""The risk model's parameters: points per finding code, score scale, tier cut-offs (a JSON artefact)."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_ARTEFACT = Path(__file__).resolve().parents[1] / "artifacts" / "risk-v1.json"
TIER_ORDER: tuple[str, ...] = ("low", "medium", "high", "severe")
# Revision of the evidence rules: what in a record raises which finding. A rule can change without any
# weight changing (a place added to the Xinjiang list), so the shipped artefact records the revision
# its version stands for and a test keeps the two equal: a changed rule brings a new artefact and so a
# new model version. 1: artefacts before this field; 2: the Xinjiang region finding also reads Sinkiang,
# every prefecture-level division and the directly administered XPCC cities; 3: and the county-level
# divisions (洛浦县, "Luopu County"; scoring/data/xinjiang_counties.csv); 4: and the counties' English
# names and readings from CC-CEDICT ("Lop County", "Shache County"), and a near-miss the match model
# reads as a sister company of an entity on a list with legal effect raises `entity_list.group`.
EVIDENCE_REVISION = 4


class WeightsError(ValueError):
    """The risk artefact is missing, unreadable or inconsistent."""


@dataclass(frozen=True, slots=True)
class RiskWeights:
    """Points per finding code and the functions that turn total points into a score and a tier."""

    name: str  # artefact name, e.g. "risk-v1"
    points: dict[str, float]  # finding code -> points at full intensity (never negative)
    k: float  # score = 100 * (1 - exp(-total_points / k)); k is in points
    tier_cutoffs: dict[str, float]  # tier -> lowest score (0-100) that reaches it
    repeat_factor: float  # each further finding of the same type counts this share of its points
    sha256: str = ""  # of the artefact bytes; empty for weights built in memory
    raw: dict[str, Any] = field(default_factory=dict)  # the artefact as loaded, for refits

    def __post_init__(self) -> None:
        if self.k <= 0:
            raise WeightsError("score scale k must be positive")
        if not 0.0 <= self.repeat_factor <= 1.0:
            raise WeightsError("repeat_factor must be within [0, 1]")
        negative = sorted(code for code, pts in self.points.items() if pts < 0 or math.isnan(pts))
        if negative:
            raise WeightsError(f"weights must be non-negative: {', '.join(negative)}")
        cut = [self.tier_cutoffs.get(t) for t in TIER_ORDER]
        if any(c is None for c in cut) or cut != sorted(cut):  # type: ignore[type-var]
            raise WeightsError("tier cut-offs must give low <= medium <= high <= severe")

    @property
    def evidence_revision(self) -> int:
        """Return the evidence-rule revision the artefact was written for (1 before the field existed)."""
        return int(self.raw.get("evidence_revision", 1))

    @property
    def model_version(self) -> str:
        """Return the version stamped on results: artefact name plus 8 hex of its sha256."""
        return f"{self.name}+{self.sha256[:8]}" if self.sha256 else f"{self.name}+inmemory"

    def weight(self, code: str) -> float:
        """Return the points of one finding code at full intensity (0 for an unknown code)."""
        return self.points.get(code, 0.0)

    def score(self, total_points: float) -> float:
        """Map total points to the 0-100 score (monotone, saturating)."""
        return 100.0 * (1.0 - math.exp(-max(total_points, 0.0) / self.k))

    def tier(self, score: float) -> str:
        """Return the tier whose cut-off the score reaches, or "none"."""
        reached = "none"
        for name in TIER_ORDER:
            if score >= self.tier_cutoffs[name]:
                reached = name
        return reached

    def points_for_score(self, score: float) -> float:
        """Return the total points at which the score reaches a value (inverse of `score`)."""
        return -self.k * math.log(1.0 - score / 100.0)

    @classmethod
    def from_dict(cls, data: dict[str, Any], sha256: str = "") -> RiskWeights:
        """Build weights from a parsed artefact; raise WeightsError when a field is wrong."""
        try:
            return cls(
                name=str(data["name"]),
                points={str(k): float(v) for k, v in data["weights"].items()},
                k=float(data["score"]["k"]),
                tier_cutoffs={str(k): float(v) for k, v in data["tiers"].items()},
                repeat_factor=float(data["repeat_factor"]),
                sha256=sha256,
                raw=data,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise WeightsError(f"risk artefact is malformed: {exc!r}") from exc

    @classmethod
    def load(cls, path: Path | None = None) -> RiskWeights:
        """Read a risk artefact (the shipped risk-v1.json by default) and verify its fields."""
        target = path or DEFAULT_ARTEFACT
        try:
            blob = target.read_bytes()
            data = json.loads(blob)
        except (OSError, json.JSONDecodeError) as exc:
            raise WeightsError(f"cannot read risk artefact {target}: {exc}") from exc
        if not isinstance(data, dict):
            raise WeightsError(f"risk artefact {target} is not a JSON object")
        return cls.from_dict(data, sha256=hashlib.sha256(blob).hexdigest())

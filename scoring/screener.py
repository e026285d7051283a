"""Orchestration for one record: candidates and match model, then evidence and the risk model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reference_data import ListEntity, ReferenceSnapshot, load_custom_list, load_snapshot
from scoring.matcher import Matcher
from scoring.risk import RiskEngine
from scoring.types import ScreeningResult, SupplierRecord


class Screener:
    """Screen supplier records against a loaded snapshot (plus custom lists) with one engine."""

    def __init__(self, snapshot: ReferenceSnapshot, matcher: Matcher, risk: RiskEngine) -> None:
        self.snapshot = snapshot
        self.matcher = matcher
        self.risk = risk

    @classmethod
    def default(cls, custom_lists: Sequence[Path] = ()) -> Screener:
        """Build a screener on the bundled snapshot, the shipped models and any custom list files."""
        snapshot = load_snapshot()
        entities: list[ListEntity] = list(snapshot.entities)
        for path in custom_lists:
            entities.extend(load_custom_list(path))
        return cls(snapshot, Matcher(entities), RiskEngine(snapshot))

    @property
    def snapshot_id(self) -> str:
        """Return the id of the reference snapshot every result is stamped with."""
        return self.snapshot.snapshot_id

    @property
    def model_version(self) -> str:
        """Return the combined match-model and risk-model version stamped on every result."""
        return f"{self.matcher.model_version}+{self.risk.model_version}"

    def screen(self, record: SupplierRecord, top_k: int = 3) -> ScreeningResult:
        """Screen one record: match it against every list, gather evidence, and score the risk."""
        matches = tuple(self.matcher.match(record, top_k=top_k))
        assessment = self.risk.assess(record, matches)
        return ScreeningResult(
            record=record,
            matches=matches,
            assessment=assessment,
            snapshot_id=self.snapshot_id,
            model_version=self.model_version,
        )

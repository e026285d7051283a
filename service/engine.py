"""The loaded screening engine as the service uses it: screener, entity index and coverage notes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from reference_data import ListEntity, ReferenceSnapshot, load_custom_list
from scoring.evidence.weights import RiskWeights
from scoring.model import MatchModel
from scoring.types import MatchResult, RiskAssessment, ScreeningResult, SupplierRecord


class RiskModel(Protocol):
    """The part of the risk engine the service calls to re-score after suppressions."""

    def assess(self, record: SupplierRecord, matches: tuple[MatchResult, ...]) -> RiskAssessment:
        """Score a record given its matches."""
        ...


class ScreenerLike(Protocol):
    """What the service needs from scoring.Screener (tests may pass a small fake)."""

    @property
    def snapshot(self) -> ReferenceSnapshot:
        """Return the loaded reference snapshot."""
        ...

    @property
    def risk(self) -> RiskModel:
        """Return the risk engine."""
        ...

    @property
    def snapshot_id(self) -> str:
        """Return the snapshot id."""
        ...

    @property
    def model_version(self) -> str:
        """Return the model version."""
        ...

    def screen(self, record: SupplierRecord, top_k: int = 3) -> ScreeningResult:
        """Screen one record."""
        ...


def entity_sha256(entity: ListEntity) -> str:
    """Return a hash of an entity's published record (row position excluded), to notice changes."""
    data = asdict(entity)
    data.pop("source_row", None)  # moving within the file is not a change of the record
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Engine:
    """A screener plus the indexes the API needs around it."""

    screener: ScreenerLike
    match_model: MatchModel
    entities: dict[str, ListEntity] = field(default_factory=dict)
    risk_weights: RiskWeights | None = None  # published by /v1/model; None for test fakes

    @classmethod
    def build(
        cls,
        screener: ScreenerLike,
        match_model: MatchModel,
        custom_lists: Sequence[Path] = (),
        risk_weights: RiskWeights | None = None,
    ) -> Engine:
        """Index the snapshot's entities and any custom lists by entity id."""
        entities = {e.entity_id: e for e in screener.snapshot.entities}
        for path in custom_lists:
            entities.update((e.entity_id, e) for e in load_custom_list(path))
        return cls(screener=screener, match_model=match_model, entities=entities, risk_weights=risk_weights)

    @property
    def snapshot_id(self) -> str:
        """Return the snapshot id stamped on results."""
        return self.screener.snapshot_id

    @property
    def model_version(self) -> str:
        """Return the model version stamped on results."""
        return self.screener.model_version

    def coverage_notes(self) -> list[tuple[str, str]]:
        """Return (source id, note) for every partial source, sorted by id."""
        sources = self.screener.snapshot.sources
        return [(sid, meta.coverage_note) for sid, meta in sorted(sources.items()) if not meta.complete]


def load_default_engine(custom_lists: Sequence[Path] = ()) -> Engine:
    """Load the bundled snapshot and shipped models (slow: done once at startup)."""
    from scoring import Screener  # imported here so the app can start (and report) without it

    screener = Screener.default(custom_lists=tuple(custom_lists))
    return Engine.build(screener, screener.matcher.model, custom_lists, risk_weights=screener.risk.weights)

"""What the installed package knows about a stored screening: source licences and risk weights.

A report is rendered from stored results, possibly long after the screening ran. Details the results
file does not carry (a source's licence and provenance, the risk model's weights) are taken from the
bundled snapshot and artefact only when their ids match the ones stamped on the results, so a report
never describes data or weights the screening did not use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reference_data.errors import ReferenceDataError
from reference_data.loader import MANIFEST, PACKAGE_ROOT, snapshot_id_of
from reference_data.manifest import parse_manifest
from scoring.evidence.weights import RiskWeights, WeightsError


@dataclass(frozen=True, slots=True)
class BundledSource:
    """Provenance fields of one bundled source that results files do not repeat."""

    licence: str
    retrieved_from: str


@dataclass(frozen=True, slots=True)
class WeightsInfo:
    """The risk model's parameters, when the bundled artefact is the one the results name."""

    name: str
    version: str  # "<name>+<8 hex>", as stamped in model_version
    formula: str
    k: float
    tier_cutoffs: tuple[tuple[str, float], ...]  # lowest tier first
    repeat_factor: float
    points: tuple[tuple[str, float], ...]  # finding code -> points at full intensity


@lru_cache(maxsize=1)
def _bundled_manifest() -> tuple[str, dict[str, BundledSource], tuple[dict[str, Any], ...]]:
    """Return the bundled snapshot id, its sources' licences and descriptions (empty if unreadable)."""
    try:
        blob = (PACKAGE_ROOT / MANIFEST).read_bytes()
        manifest = parse_manifest(blob.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ReferenceDataError):
        return "", {}, ()
    found = {
        s.id: BundledSource(licence=s.licence, retrieved_from=s.retrieved_from) for s in manifest.sources
    }
    described = tuple(
        {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "kind": s.kind,
            "version": s.version,
            "data_date": s.data_date,
            "rows": sum(f.rows for f in s.files),
            "complete": s.complete,
            "coverage_note": s.coverage_note,
            "legal_basis": s.legal_basis,
            "official_url": s.official_url,
            "licence": s.licence,
        }
        for s in manifest.sources
    )
    return snapshot_id_of(blob), found, described


def bundled_sources(snapshot_id: str) -> dict[str, BundledSource]:
    """Return licence and provenance per source id if the bundled snapshot is `snapshot_id`."""
    bundled_id, sources, _ = _bundled_manifest()
    return dict(sources) if bundled_id and bundled_id == snapshot_id else {}


def bundled_source_list(snapshot_id: str) -> list[dict[str, Any]]:
    """Return the bundled sources as results metadata lists them, if the snapshot is `snapshot_id`."""
    bundled_id, _, described = _bundled_manifest()
    return [dict(d) for d in described] if bundled_id and bundled_id == snapshot_id else []


@lru_cache(maxsize=1)
def _bundled_weights() -> RiskWeights | None:
    try:
        return RiskWeights.load()
    except WeightsError:
        return None


def weights_for(model_version: str) -> WeightsInfo | None:
    """Return the risk weights if the bundled artefact's version is part of `model_version`."""
    weights = _bundled_weights()
    # model_version is "<match name>+<hash>+<risk name>+<hash>": the risk part comes last.
    if weights is None or not (
        model_version == weights.model_version or model_version.endswith("+" + weights.model_version)
    ):
        return None
    cut = sorted(weights.tier_cutoffs.items(), key=lambda kv: kv[1])
    formula = str(weights.raw.get("score", {}).get("function", "score = 100 * (1 - exp(-total_points / k))"))
    return WeightsInfo(
        name=weights.name,
        version=weights.model_version,
        formula=formula,
        k=weights.k,
        tier_cutoffs=tuple(cut),
        repeat_factor=weights.repeat_factor,
        points=tuple(sorted(weights.points.items(), key=lambda kv: (-kv[1], kv[0]))),
    )

"""Convert the engine's result values into the API's response models."""

from __future__ import annotations

from datetime import datetime

from scoring.types import Finding, MatchResult, RiskAssessment, ScreeningResult, SupplierRecord
from service.schemas.screening import (
    ContributionPublic,
    CoverageNote,
    EvidencePublic,
    FindingPublic,
    MatchPublic,
    RiskPublic,
    ScreeningPublic,
    SupplierEcho,
)


def supplier_echo(record: SupplierRecord) -> SupplierEcho:
    """Return the record as the API echoes it."""
    return SupplierEcho(
        supplier_id=record.supplier_id,
        name=record.name,
        country=record.country,
        country_raw=record.country_raw,
        address=record.address,
        product=record.product,
        hs_code=record.hs_code,
    )


def finding_public(finding: Finding) -> FindingPublic:
    """Return one finding with its evidence."""
    return FindingPublic(
        type=finding.type,
        code=finding.code,
        points=finding.points,
        sentence=finding.sentence,
        evidence=[
            EvidencePublic(
                source_id=e.source_id,
                source_version=e.source_version,
                record=e.record,
                detail=e.detail,
                source_row=e.source_row,
                url=e.url,
            )
            for e in finding.evidence
        ],
        ungp=list(finding.ungp),
        p28=list(finding.p28),
        laws=list(finding.laws),
        actions=list(finding.actions),
        ilo_indicators=list(finding.ilo_indicators),
    )


def risk_public(assessment: RiskAssessment) -> RiskPublic:
    """Return the risk score and its findings."""
    return RiskPublic(
        score=assessment.score,
        tier=assessment.tier,
        total_points=assessment.total_points,
        exposure_value=assessment.exposure_value,
        findings=[finding_public(f) for f in assessment.findings],
    )


def match_public(match: MatchResult, suppressed: bool) -> MatchPublic:
    """Return one match with its feature contributions."""
    entity = match.entity
    return MatchPublic(
        entity_id=entity.entity_id,
        source_id=entity.source_id,
        entity_name=entity.name,
        matched_name=match.matched_name,
        score=match.score,
        is_match=match.is_match,
        suppressed=suppressed,
        entity_country=entity.country,
        listed_on=entity.listed_on,
        action=entity.action,
        legal_basis=entity.legal_basis,
        source_url=entity.source_url,
        intercept=match.intercept,
        names_matched=match.names_matched,
        contributions=[
            ContributionPublic(
                name=c.name,
                value=c.value,
                contribution=c.contribution,
                description=c.description,
                query_value=c.query_value,
                candidate_value=c.candidate_value,
            )
            for c in match.contributions
        ],
    )


def screening_public(
    *,
    screening_id: str,
    supplier_ref: str,
    job_id: str | None,
    created_at: datetime,
    result: ScreeningResult,
    suppressed: frozenset[str],
    warnings: list[str],
    coverage: list[tuple[str, str]],
) -> ScreeningPublic:
    """Assemble the full stored result for one screened record."""
    return ScreeningPublic(
        id=screening_id,
        supplier_ref=supplier_ref,
        job_id=job_id,
        created_at=created_at,
        snapshot_id=result.snapshot_id,
        model_version=result.model_version,
        supplier=supplier_echo(result.record),
        risk=risk_public(result.assessment),
        matches=[match_public(m, m.entity.entity_id in suppressed) for m in result.matches],
        warnings=[*warnings, *result.warnings],
        coverage_notes=[CoverageNote(source_id=sid, note=note) for sid, note in coverage],
    )

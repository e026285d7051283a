"""Supplier due-diligence attributes (questionnaires, audits), each tied to the ILO indicator it evidences."""

from __future__ import annotations

from scoring.evidence.context import EvidenceContext
from scoring.frameworks import normalise_ilo_indicator
from scoring.types import Finding, SupplierRecord


def _share(value: float) -> float:
    """Read a migrant share given as a fraction (0.4) or a percentage (40) as a fraction in [0, 1]."""
    share = value / 100.0 if value > 1.0 else value
    return min(max(share, 0.0), 1.0)


def find(ctx: EvidenceContext, record: SupplierRecord) -> list[Finding]:
    """Return findings for fees, retained documents, migrant share, audit indicators and intermediaries."""
    out: list[Finding] = []
    if record.recruitment_fees_paid_by_workers:
        out.append(
            ctx.finding(
                "attribute.recruitment_fees",
                "Workers paid recruitment fees, against the ILO employer-pays principle; fees create the "
                "debts that bind workers (ILO indicator: debt bondage).",
                [ctx.input_evidence("recruitment_fees_paid_by_workers", "yes", "questionnaire or audit")],
                ilo_indicators=("debt_bondage",),
            )
        )
    if record.identity_documents_retained:
        out.append(
            ctx.finding(
                "attribute.identity_documents",
                "The employer or recruiter keeps workers' identity documents, which stops them from leaving "
                "(ILO indicator: retention of identity documents).",
                [ctx.input_evidence("identity_documents_retained", "yes", "questionnaire or audit")],
                ilo_indicators=("retention_of_identity_documents",),
            )
        )
    if record.migrant_worker_share is not None and record.migrant_worker_share > 0:
        share = _share(record.migrant_worker_share)
        out.append(
            ctx.finding(
                "attribute.migrant_share",
                f"About {share:.0%} of the workforce are migrant workers, who face a higher risk of forced "
                "labour (resolution 76/7, paragraph 24(a)); points scale with the share.",
                [ctx.input_evidence("migrant_worker_share", f"{share:.2f}", "questionnaire or audit")],
                intensity=share,
            )
        )
    seen: set[str] = set()
    for raw in record.ilo_indicators:
        indicator = normalise_ilo_indicator(raw, ctx.catalogue)
        if indicator is None or indicator in seen:
            continue
        seen.add(indicator)
        label = next(i.label for i in ctx.catalogue.ilo_indicators.items if i.id == indicator)
        out.append(
            ctx.finding(
                "attribute.ilo_indicator",
                f"An audit found the ILO forced-labour indicator '{label.lower()}'.",
                [ctx.input_evidence("ilo_indicators", raw, f"audit finding coded as {indicator}")],
                ilo_indicators=(indicator,),
            )
        )
    if record.is_intermediary:
        out.append(
            ctx.finding(
                "attribute.intermediary",
                "The supplier is an intermediary (trading company, agent or broker): the producer and its "
                "workers are one step removed, so trace the goods to the actual producer.",
                [ctx.input_evidence("is_intermediary", "yes", "supplier master or questionnaire")],
            )
        )
    return out

"""Entity-list evidence: one finding per matched listed entity, weighted by list and match probability."""

from __future__ import annotations

from collections.abc import Sequence

from reference_data.models import ListEntity
from scoring.evidence.context import EvidenceContext
from scoring.types import Evidence, Finding, MatchResult, SupplierRecord

# What a hit on each list means, in plain words (DOMAIN.md); keyed by finding code.
MEANING: dict[str, str] = {
    "entity_list.uflpa": (
        "its goods are presumed made with forced labour and barred from US import (UFLPA), a severe exposure"
    ),
    "entity_list.cbp_finding": "CBP found probable cause that its goods are made with forced labour",
    "entity_list.cbp_wro": "CBP detains its goods on reasonable suspicion of forced labour",
    "entity_list.cbp_historical": (
        "it was named in a CBP forced-labour order that is not in the active-orders copy"
    ),
    "entity_list.br_cadastro": ("Brazilian labour inspectors found it using labour analogous to slavery"),
    "entity_list.custom": "it is on a watch list you supplied",
}
LIST_LABEL: dict[str, str] = {
    "entity_list.uflpa": "the UFLPA Entity List",
    "entity_list.cbp_finding": "a CBP Finding",
    "entity_list.cbp_wro": "a CBP Withhold Release Order",
    "entity_list.cbp_historical": "a CBP order (not in the active-orders copy)",
    "entity_list.br_cadastro": "Brazil's Cadastro de Empregadores",
    "entity_list.custom": "a custom watch list",
}


def list_code(entity: ListEntity, known_sources: Sequence[str]) -> str:
    """Return the finding code for a listed entity from its list's identity and legal basis."""
    sid = entity.source_id.casefold()
    if entity.source_id not in known_sources:
        return "entity_list.custom"
    if "uflpa" in sid:
        return "entity_list.uflpa"
    if "cbp" in sid:
        if entity.status != "active":
            return "entity_list.cbp_historical"
        return "entity_list.cbp_finding" if entity.action.casefold() == "finding" else "entity_list.cbp_wro"
    if sid.startswith("br_") or "cadastro" in sid or "slavery" in sid:
        return "entity_list.br_cadastro"
    return "entity_list.custom"


def _partial_note(ctx: EvidenceContext, source_id: str) -> str:
    meta = ctx.snapshot.sources.get(source_id)
    return "" if meta is None or meta.complete else " The bundled copy of this list is partial."


# Lists whose entries bind by law (an import bar or detention): a company of a listed entity's group is
# worth a reviewer's look there. Custom lists, Brazil's employers and historical orders are left out.
GROUP_CODES = ("entity_list.uflpa", "entity_list.cbp_finding", "entity_list.cbp_wro")
SISTER = "sibling_words"  # the match feature that reads two names as companies of one group


def _evidence(ctx: EvidenceContext, match: MatchResult, detail: str) -> Evidence:
    entity = match.entity
    return Evidence(
        source_id=entity.source_id,
        source_version=ctx.version(entity.source_id),
        record=entity.entity_id,
        detail=detail,
        source_row=entity.source_row,
        url=entity.source_url,
    )


def group_find(
    ctx: EvidenceContext, record: SupplierRecord, matches: Sequence[MatchResult], covered: Sequence[str] = ()
) -> list[Finding]:
    """Return a finding for each listed entity the supplier is not, but whose group it may belong to.

    The match model reads the two names as sister companies (`sibling_words`: the same distinctive words,
    a business word on each side that the other lacks, "Zhongtai Group" / "Zhongtai Chemical") and so
    scores them below the threshold. Only lists with legal effect count, not when the countries differ,
    and not for a parent whose order names its subsidiaries (`covered`: that order's finding says so).
    """
    known = tuple(ctx.snapshot.sources)
    out: list[Finding] = []
    for match in sorted((m for m in matches if not m.is_match), key=lambda m: -m.score):
        entity = match.entity
        code = list_code(entity, known)
        sister = any(c.name == SISTER and c.value >= 1.0 for c in match.contributions)
        elsewhere = bool(record.country and entity.country and record.country != entity.country)
        if code not in GROUP_CODES or not sister or elsewhere or entity.name in covered:
            continue
        detail = f"{entity.name} ({entity.action or 'listed'}); closest name {match.matched_name!r}"
        sentence = (
            f"The supplier's name shares the distinctive words of {entity.name!r} on {LIST_LABEL[code]} "
            f"but not its business words (match probability {match.score:.2f}): it may be a parent, "
            f"subsidiary or sister company of the listed entity, which the listing does not name. Confirm "
            f"how the two are related.{_partial_note(ctx, entity.source_id)}"
        )
        out.append(ctx.finding("entity_list.group", sentence, [_evidence(ctx, match, detail)]))
    return out


def find(ctx: EvidenceContext, matches: Sequence[MatchResult]) -> list[Finding]:
    """Return a finding for each match at or above the match threshold, strongest first."""
    known = tuple(ctx.snapshot.sources)
    out: list[Finding] = []
    for match in sorted((m for m in matches if m.is_match), key=lambda m: -m.score):
        entity = match.entity
        code = list_code(entity, known)
        listed = f", listed {entity.listed_on}" if entity.listed_on else ""
        detail = f"{entity.name} ({entity.action or 'listed'}{listed}); matched name {match.matched_name!r}"
        if entity.legal_basis:
            detail += f"; legal basis: {entity.legal_basis}"
        evidence = _evidence(ctx, match, detail)
        sentence = (
            f"The supplier matches {entity.name!r} on {LIST_LABEL[code]} with probability "
            f"{match.score:.2f}: {MEANING[code]}.{_partial_note(ctx, entity.source_id)}"
        )
        out.append(ctx.finding(code, sentence, [evidence], intensity=match.score))
    return out

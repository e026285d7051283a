"""Entity-list evidence: one finding per matched listed entity, weighted by list and match probability."""

from __future__ import annotations

from collections.abc import Sequence

from reference_data.models import ListEntity
from scoring.evidence.context import EvidenceContext
from scoring.types import Evidence, Finding, MatchResult

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
        evidence = Evidence(
            source_id=entity.source_id,
            source_version=ctx.version(entity.source_id),
            record=entity.entity_id,
            detail=detail,
            source_row=entity.source_row,
            url=entity.source_url,
        )
        sentence = (
            f"The supplier matches {entity.name!r} on {LIST_LABEL[code]} with probability "
            f"{match.score:.2f}: {MEANING[code]}.{_partial_note(ctx, entity.source_id)}"
        )
        out.append(ctx.finding(code, sentence, [evidence], intensity=match.score))
    return out

"""Country indicators: TIP tier (partial source), ILAB advancement level, Palermo Protocol ratification."""

from __future__ import annotations

from reference_data.models import CountryProfile, TipTier
from scoring.evidence.context import EvidenceContext
from scoring.types import Evidence, Finding, SupplierRecord

TIER_CODES: dict[str, str] = {
    "tier 3": "country.tip_tier3",
    "tier 2 watch list": "country.tip_watch_list",
    "special case": "country.tip_special_case",
    "special category": "country.tip_special_case",
}
ADVANCEMENT_CODES: dict[str, str] = {
    "no advancement": "country.ilab_no_advancement",
    "minimal advancement": "country.ilab_minimal_advancement",
}


def latest_tier(ctx: EvidenceContext, country: str) -> TipTier | None:
    """Return the country's entry in the newest TIP report year the snapshot holds, if any."""
    rows = [t for t in ctx.snapshot.tip_tiers if t.country == country]
    return max(rows, key=lambda t: t.report_year) if rows else None


def _profile(ctx: EvidenceContext, country: str) -> CountryProfile | None:
    return next((p for p in ctx.snapshot.country_profiles if p.country == country), None)


def _tip(ctx: EvidenceContext, record: SupplierRecord, country: str) -> list[Finding]:
    tier = latest_tier(ctx, country)
    newest = max((t.report_year for t in ctx.snapshot.tip_tiers), default=None)
    # The source lists only Watch List, Tier 3 and special cases, and only for the years it holds: a
    # country absent from the newest year is unknown, never Tier 1 or 2.
    if tier is None or tier.report_year != newest:
        return []
    code = TIER_CODES.get(tier.tier.casefold())
    if code is None:
        return []
    meta = ctx.source("tip")
    evidence = Evidence(
        source_id=meta.source_id if meta else "tip",
        source_version=meta.version if meta else "",
        record=f"{tier.country_name}|{tier.report_year}",
        detail=f"{tier.report_year} TIP Report: {tier.country_name} is {tier.tier}",
        source_row=tier.source_row,
        url=tier.source_url,
    )
    sentence = (
        f"The US {tier.report_year} Trafficking in Persons Report places {tier.country_name} on "
        f"{tier.tier}: country context for due diligence, not evidence about this supplier."
    )
    return [ctx.finding(code, sentence, [evidence])]


def _ilab(ctx: EvidenceContext, country: str) -> list[Finding]:
    profile = _profile(ctx, country)
    if profile is None:
        return []
    meta = ctx.source("profile", "findings", "country")
    source_id = meta.source_id if meta else "ilab_profiles"

    def cite(detail: str) -> Evidence:
        return Evidence(
            source_id=source_id,
            source_version=meta.version if meta else "",
            record=profile.country_name,
            detail=detail,
            source_row=profile.source_row,
            url=profile.source_url,
        )

    out = []
    code = ADVANCEMENT_CODES.get(profile.advancement_level.casefold())
    if code:
        sentence = (
            f"ILAB's 2022 Findings on the Worst Forms of Child Labor rate {profile.country_name} at "
            f"{profile.advancement_level.lower()}: country context for due diligence."
        )
        out.append(ctx.finding(code, sentence, [cite(f"advancement level: {profile.advancement_level}")]))
    if profile.ratified_palermo is False:
        sentence = f"{profile.country_name} has not ratified the Palermo Trafficking Protocol (ILAB, 2022)."
        out.append(ctx.finding("country.palermo_not_ratified", sentence, [cite("ratified Palermo: No")]))
    return out


def find(ctx: EvidenceContext, record: SupplierRecord) -> list[Finding]:
    """Return the country-level findings for the record's country (none when it is unknown)."""
    if not record.country:
        return []
    return _tip(ctx, record, record.country) + _ilab(ctx, record.country)

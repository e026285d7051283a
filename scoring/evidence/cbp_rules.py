"""CBP orders that name a region, a good or a group: matched against the record's country, goods and name."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from reference_data.models import RegionRule
from scoring.evidence import region
from scoring.evidence.context import EvidenceContext
from scoring.evidence.goods import record_goods
from scoring.evidence.text import contains, tokens
from scoring.types import Evidence, Finding, MatchResult, SupplierRecord

GROUP_SIMILARITY = 90.0  # rapidfuzz partial_ratio of a group's parent name within the supplier name
UNCONFIRMED_REGION = 0.5  # intensity when the order names a sub-national area the record does not mention
HISTORICAL = 0.5  # intensity for an order not in the active-orders copy
# Legal-form and generic words that say nothing about which group a company belongs to.
GENERIC_WORDS = frozenset(
    "co ltd limited inc corp corporation company group holding industry industrial berhad bhd sa de cv "
    "llc plc gmbh ag and the of".split()
)


def _covers_goods(rule: RegionRule, record: SupplierRecord, keys: Sequence[str]) -> bool:
    if not rule.goods:
        return True
    text = " ".join((record.product, record.sector, record.name))
    toks = tokens(text)
    key_tokens = {tokens(k) for k in keys}
    return any(tokens(g) in key_tokens or contains(toks, text, g) for g in rule.goods)


def _region_share(rule: RegionRule, record: SupplierRecord) -> float | None:
    """Return how far the record is inside the order's area: 1, UNCONFIRMED_REGION, or None (outside)."""
    if not rule.region:
        return 1.0
    if region.is_xinjiang_rule(rule):
        return None  # the region finding reports Xinjiang and cites this order as its evidence
    if rule.entity_name or "vessel" in rule.region.casefold():
        return None  # orders on named vessels or producers are matched by name, not by country
    text = " ".join((record.address, record.product, record.name))
    return 1.0 if contains(tokens(text), text, rule.region) else UNCONFIRMED_REGION


def _evidence(ctx: EvidenceContext, rule: RegionRule, detail: str) -> Evidence:
    meta = ctx.snapshot.sources.get(rule.source_id)
    return Evidence(
        source_id=rule.source_id,
        source_version=ctx.version(rule.source_id),
        record=rule.rule_id,
        detail=f"{rule.action or 'order'} of {rule.listed_on or 'unknown date'}: {rule.description}; "
        f"{detail}",
        source_row=rule.source_row,
        url=meta.official_url if meta else "",
    )


def _status_share(rule: RegionRule) -> float:
    return 1.0 if rule.status == "active" else HISTORICAL


def _region_good(
    ctx: EvidenceContext, rule: RegionRule, record: SupplierRecord, keys: Sequence[str]
) -> Finding | None:
    if rule.country is None or rule.country != record.country:
        return None
    share = _region_share(rule, record)
    if share is None or not _covers_goods(rule, record, keys):
        return None
    goods = ", ".join(rule.goods) if rule.goods else "all goods"
    where = f" if they come from {rule.region}" if share < 1.0 else ""
    sentence = (
        f"A CBP {rule.action or 'order'} under section 307 of the Tariff Act covers {goods} from "
        f"{record.country}{where}: such goods are detained at US entry."
    )
    detail = f"matched on country {record.country} and goods {goods}"
    share *= _status_share(rule)
    return ctx.finding("cbp_rule.region_good", sentence, [_evidence(ctx, rule, detail)], intensity=share)


def _group(
    ctx: EvidenceContext, rule: RegionRule, record: SupplierRecord, matched: set[str]
) -> Finding | None:
    if not rule.entity_name or not record.name.strip():
        return None
    if rule.country and record.country and rule.country != record.country:
        return None
    parent = " ".join(tokens(rule.entity_name))
    name = " ".join(tokens(record.name))
    distinctive = set(tokens(rule.entity_name)) - GENERIC_WORDS
    if distinctive and distinctive <= set(tokens(record.name)):
        similarity = 100.0  # every distinctive word of the parent is in the supplier's name
    else:
        # Otherwise the parent's name must appear nearly verbatim inside the supplier's longer name.
        similarity = fuzz.partial_ratio(parent, name) if len(parent) <= len(name) else 0.0
    if similarity < GROUP_SIMILARITY or parent in matched:
        return None
    sentence = (
        f"The supplier's name resembles {rule.entity_name!r}, whose subsidiaries a CBP "
        f"{rule.action or 'order'} covers; confirm whether it belongs to that group."
    )
    detail = f"name similarity {similarity:.0f}/100 to the group's parent"
    return ctx.finding(
        "cbp_rule.group",
        sentence,
        [_evidence(ctx, rule, detail)],
        intensity=similarity / 100.0 * _status_share(rule),
    )


def groups_found(ctx: EvidenceContext, findings: Sequence[Finding]) -> tuple[str, ...]:
    """Return the parent entities named by the group orders among `findings` (their subsidiaries covered)."""
    fired = {e.record for f in findings if f.code == "cbp_rule.group" for e in f.evidence}
    return tuple(r.entity_name for r in ctx.snapshot.rules if r.kind == "group" and r.rule_id in fired)


def find(ctx: EvidenceContext, record: SupplierRecord, matches: Sequence[MatchResult]) -> list[Finding]:
    """Return findings for every CBP region/good or group order the record falls under."""
    # A group's parent already matched as a listed entity is reported by the entity-list finding.
    matched = {" ".join(tokens(m.entity.name)) for m in matches if m.is_match}
    out: list[Finding] = []
    keys: list[str] | None = None  # the record's goods, computed once when a region/good order needs them
    for rule in ctx.snapshot.rules:
        if rule.kind == "region_good":
            if keys is None:
                keys = sorted(record_goods(record))
            hit = _region_good(ctx, rule, record, keys)
        else:
            hit = _group(ctx, rule, record, matched)
        if hit is not None:
            out.append(hit)
    return out

"""Goods x country evidence: ILAB TVPRA goods, EO 13126 products and UFLPA high-priority sectors."""

from __future__ import annotations

from collections.abc import Iterable

from reference_data.models import GoodListing, ProductListing
from scoring.evidence import region
from scoring.evidence.context import CATALOGUE_SOURCE, EvidenceContext
from scoring.goods_map import GoodsIndex, good_key, load_goods_index
from scoring.types import Evidence, Finding, SupplierRecord

UFLPA_PREFIX = "uflpa:"


def record_goods(record: SupplierRecord, index: GoodsIndex | None = None) -> dict[str, str]:
    """Return the good keys a record points to, each with how it was found (product text or HS code)."""
    idx = index or load_goods_index()
    found: dict[str, str] = {}
    for key in sorted(idx.goods_for_hs(record.hs_code)):
        found[key] = f"HS code {record.hs_code}"
    for field in ("product", "sector"):
        value = str(getattr(record, field) or "")
        for key in sorted(idx.goods_in_text(value)):
            found.setdefault(key, f"{field} {value!r}")
    return found


def _strongest(listing: GoodListing) -> tuple[str, str] | None:
    """Return (code, harm) for the strongest ILAB flag of a listing, or None when it has none."""
    harms = []
    if listing.forced_child_labor:
        harms.append("forced child labour")
    if listing.forced_labor:
        harms.append("forced labour")
    if listing.child_labor:
        harms.append("child labour")
    if listing.forced_child_labor:
        return "goods.forced_child_labor", ", ".join(harms)
    if listing.forced_labor:
        return "goods.forced_labor", ", ".join(harms)
    if listing.child_labor:
        return "goods.child_labor", ", ".join(harms)
    if listing.produced_with_listed_inputs:
        origin = f" from {listing.input_source_country}" if listing.input_source_country else ""
        return "goods.listed_input", f"inputs made with child or forced labour{origin}"
    return None


def _ilab(ctx: EvidenceContext, keys: Iterable[str], country: str, how: dict[str, str]) -> list[Finding]:
    meta = ctx.source("tvpra", "ilab_goods", "goods")
    out = []
    seen: set[int] = set()
    for listing in ctx.snapshot.goods:
        key = good_key(listing.good)
        if listing.country != country or key not in keys or listing.source_row in seen:
            continue
        strongest = _strongest(listing)
        if strongest is None:
            continue
        seen.add(listing.source_row)
        code, harm = strongest
        evidence = Evidence(
            source_id=meta.source_id if meta else "ilab_tvpra",
            source_version=meta.version if meta else "",
            record=f"{listing.good}|{listing.country_name}",
            detail=f"ILAB lists {listing.good} from {listing.country_name} for {harm}; matched by {how[key]}",
            source_row=listing.source_row,
            url=meta.official_url if meta else "",
        )
        sentence = (
            f"ILAB's List of Goods has reason to believe {listing.good.lower()} from {listing.country_name} "
            f"is produced with {harm}."
        )
        out.append(ctx.finding(code, sentence, [evidence]))
    return out


def _eo13126(ctx: EvidenceContext, keys: Iterable[str], country: str, how: dict[str, str]) -> list[Finding]:
    meta = ctx.source("eo13126", "eo_13126")
    out = []
    for listing in ctx.snapshot.eo13126:
        key = good_key(listing.product)
        if listing.country != country or key not in keys:
            continue
        out.append(_eo_finding(ctx, listing, meta.source_id if meta else "eo13126", how[key]))
    return out


def _eo_finding(ctx: EvidenceContext, listing: ProductListing, source_id: str, how: str) -> Finding:
    evidence = Evidence(
        source_id=source_id,
        source_version=ctx.version(source_id),
        record=f"{listing.product}|{listing.country_name}",
        detail=f"EO 13126 list: {listing.product} from {listing.country_name}; matched by {how}",
        source_row=listing.source_row,
        url=ctx.snapshot.sources[source_id].official_url if source_id in ctx.snapshot.sources else "",
    )
    sentence = (
        f"{listing.product} from {listing.country_name} is on the EO 13126 list of products made with "
        "forced or indentured child labour; US federal contractors must certify about it."
    )
    return ctx.finding("goods.eo13126", sentence, [evidence])


def _uflpa(ctx: EvidenceContext, record: SupplierRecord, found: dict[str, str]) -> list[Finding]:
    china = record.country == "CN"
    if not china and not region.names_xinjiang(record):
        return []
    out = []
    for key in sorted(k for k in found if k.startswith(UFLPA_PREFIX)):
        sector = ctx.catalogue.sector(key[len(UFLPA_PREFIX) :])
        evidence = Evidence(
            source_id=CATALOGUE_SOURCE,
            source_version=ctx.catalogue.version,
            record=f"uflpa_sector:{sector.id}",
            detail=f"{sector.label}, as named in the {sector.named_in} ({sector.date}); "
            f"matched by {found[key]}",
            url=sector.url,
        )
        where = "from China" if china else "naming Xinjiang"
        sentence = (
            f"The goods ({sector.label.lower()}) are in a UFLPA high-priority sector, as named in the "
            f"{sector.named_in} ({sector.date}), and come {where}: trace them to raw-material origin."
        )
        out.append(ctx.finding("goods.uflpa_sector", sentence, [evidence]))
    return out


def find(ctx: EvidenceContext, record: SupplierRecord) -> list[Finding]:
    """Return goods x country findings for the record's product text, sector and HS code."""
    found = record_goods(record)
    if not found:
        return []
    out = _uflpa(ctx, record, found)
    if record.country:
        listed = {k for k in found if not k.startswith(UFLPA_PREFIX)}
        out = _ilab(ctx, listed, record.country, found) + _eo13126(ctx, listed, record.country, found) + out
    return out

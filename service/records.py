"""Turn validated API input into the engine's SupplierRecord, resolving the country."""

from __future__ import annotations

import re
import unicodedata

from reference_data import resolve_country
from scoring.types import SupplierRecord
from service.schemas.records import SupplierIn

_NON_DIGITS = re.compile(r"\D+")
_SPACES = re.compile(r"\s+")


def to_record(item: SupplierIn) -> tuple[SupplierRecord, list[str]]:
    """Build a SupplierRecord from API input; problems that do not stop screening become warnings."""
    warnings: list[str] = []
    country_raw = item.country.strip()
    country = resolve_country(country_raw) if country_raw else None
    if country_raw and country is None:
        warnings.append(f"country {country_raw!r} could not be resolved; screened without a country")
    hs_code = _NON_DIGITS.sub("", item.hs_code)
    if item.hs_code.strip() and not 2 <= len(hs_code) <= 10:
        warnings.append(f"HS code {item.hs_code!r} is not 2 to 10 digits; ignored")
        hs_code = ""
    record = SupplierRecord(
        name=item.name.strip(),
        supplier_id=item.supplier_id.strip(),
        country=country,
        country_raw=country_raw,
        address=item.address.strip(),
        identifiers=tuple((i.scheme.strip().lower(), i.value.strip()) for i in item.identifiers),
        product=item.product.strip(),
        hs_code=hs_code,
        value=item.value,
        currency=item.currency.strip().upper(),
        quantity=item.quantity,
        date=item.date.strip(),
        sector=item.sector.strip(),
        is_intermediary=item.is_intermediary,
        recruitment_fees_paid_by_workers=item.recruitment_fees_paid_by_workers,
        identity_documents_retained=item.identity_documents_retained,
        migrant_worker_share=item.migrant_worker_share,
        ilo_indicators=tuple(i.strip() for i in item.ilo_indicators if i.strip()),
    )
    return record, warnings


def supplier_key(record: SupplierRecord) -> str:
    """Return the tenant-scoped identity of a supplier: its own id, else folded name and country."""
    if record.supplier_id:
        return f"id:{record.supplier_id}"
    folded = _SPACES.sub(" ", unicodedata.normalize("NFKC", record.name).casefold()).strip()
    return f"name:{folded}|{record.country or ''}"

"""Header synonym table: which column of a supplier file feeds which field of a supplier record.

Headers are compared after folding: case-folded, accents kept, every run of characters other than
letters and digits turned into one space ("Supplier_Name", "supplier-name" and "SUPPLIER NAME" are
all "supplier name"). For each field the synonyms are tried in the order listed; the first one the
file has wins, so "Supplier Name" beats a generic "Name" column. ``--map field=Column Header``
overrides the table for one field.

Fields and the headers that feed them (the full table is SINGLE, ADDRESS and IDENTIFIERS below):
- name: supplier name, vendor name, company name, NAME1 (SAP), supplier, vendor, company, name, ...
- supplier_id: supplier id, vendor number, LIFNR (SAP), supplier code, vendor id, id, ...
- country: country, country of origin, LAND1 (SAP country key), country code, origin, ...
- address (every matching column, joined in file order): address, street, STRAS, postcode, PSTLZ,
  city, ORT01, region, province, ...
- product: product, description, commodity, material description, item description, goods, ...
- hs_code: hs code, hts code, tariff code, commodity code, STAWN (SAP), ...
- value, currency, quantity, date: value, spend, amount / currency, WAERS / quantity, qty / date, ...
- sector: sector, industry
- identifiers: uscc (unified social credit code), cnpj, lei, duns, vat (STCEG), tax (STCD1)
- due diligence: intermediary, recruitment fees paid by workers, identity documents retained,
  migrant worker share, ilo indicators
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


def _syn(text: str) -> tuple[str, ...]:
    """Split a "|"-separated synonym string (kept as strings so the table stays compact)."""
    return tuple(text.split("|"))


# Fields filled from exactly one column. Order is the order of the "recognised" listing.
SINGLE: dict[str, tuple[str, ...]] = {
    "name": _syn(
        "supplier name|vendor name|company name|name1|supplier legal name|legal name"
        "|business name|organisation name|organization name|party name|manufacturer name"
        "|manufacturer|factory name|producer|seller|supplier|vendor|company|name|lieferantenname"
        "|lieferant|fournisseur|raison sociale|razão social|fornecedor|proveedor|供应商名称|供应商|公司名称"
        "|企业名称"
    ),
    "supplier_id": _syn(
        "supplier id|supplier number|supplier no|supplier code|vendor id|vendor number|vendor no"
        "|vendor code|lifnr|creditor|kreditor|account number|id|供应商编号"
    ),
    "country": _syn(
        "country|country of origin|land1|country key|country code|iso country|origin country"
        "|origin|country name|land|pays|país|pais|国家|原产国"
    ),
    "product": _syn(
        "product|product description|description|commodity|commodity description|item description"
        "|material description|goods|goods description|material|item|category|txz01|maktx|产品|商品"
    ),
    "hs_code": _syn(
        "hs code|hs|hs6|hts code|hts|tariff code|commodity code|customs tariff number"
        "|customs code|stawn|海关编码"
    ),
    "value": _syn(
        "value|spend|annual spend|total spend|amount|contract value|line value|net value|po value"
        "|invoice amount|netwr|金额"
    ),
    "currency": _syn("currency|currency code|curr|waers|币种"),
    "quantity": _syn("quantity|qty|menge|数量"),
    "date": _syn("date|order date|po date|invoice date|award date|contract date|bedat|日期"),
    "sector": _syn("sector|industry|brsch|行业"),
    "intermediary": _syn("intermediary|is intermediary|trading company|agent or broker|broker|agent"),
    "recruitment_fees": _syn(
        "recruitment fees paid by workers|workers paid recruitment fees"
        "|worker paid recruitment fees|recruitment fees"
    ),
    "identity_documents": _syn(
        "identity documents retained|id documents retained|passports retained|retention of identity documents"
    ),
    "migrant_share": _syn(
        "migrant worker share|migrant workers share|share of migrant workers|migrant workers|migrant share"
    ),
    "ilo_indicators": _syn(
        "ilo indicators|forced labour indicators|forced labor indicators|ilo forced labour indicators"
    ),
}

# Every matching column contributes, joined in file order (SAP splits street, city and postcode).
ADDRESS: tuple[str, ...] = _syn(
    "address|street address|street|stras|address line 1|address line 2|address 1|address 2"
    "|district|ort02|postcode|postal code|post code|zip|zip code|pstlz|city|town|ort01|region"
    "|state|province|regio|地址|省份|城市"
)

# Identifier scheme -> headers. Scheme names are those of SupplierRecord.identifiers.
IDENTIFIERS: dict[str, tuple[str, ...]] = {
    "uscc": _syn("uscc|unified social credit code|social credit code|credit code|统一社会信用代码"),
    "cnpj": _syn("cnpj|cnpj number"),
    "lei": _syn("lei|lei code|legal entity identifier"),
    "duns": _syn("duns|duns number|d u n s|duns no"),
    "vat": _syn("vat|vat number|vat id|vat registration number|stceg|ust idnr"),
    "tax": _syn("tax id|tax number|tax no|tin|stcd1|stcd2"),
}

MAPPABLE: tuple[str, ...] = (*SINGLE, "address", *IDENTIFIERS)


def fold_header(header: str) -> str:
    """Fold a header for comparison: case-fold and collapse non-alphanumeric runs to one space."""
    return re.sub(r"[\W_]+", " ", header.casefold()).strip()


class MappingError(ValueError):
    """A ``--map`` override is malformed, names an unknown field, or a header the file lacks."""


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Where each field comes from: column indexes into a data row, plus the headers, for messages."""

    headers: tuple[str, ...]
    single: dict[str, int] = field(default_factory=dict)
    address: tuple[int, ...] = ()
    identifiers: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def describe(self) -> list[str]:
        """Return one 'field <- "Header"' line per recognised field, for the stderr listing."""
        lines = [f'{name} <- "{self.headers[i]}"' for name, i in self.single.items()]
        if self.address:
            lines.append("address <- " + " + ".join(f'"{self.headers[i]}"' for i in self.address))
        for scheme, idx in self.identifiers.items():
            lines.append(f"{scheme} <- " + " + ".join(f'"{self.headers[i]}"' for i in idx))
        return lines

    def unused(self) -> list[str]:
        """Return the headers no field reads from."""
        used = {*self.single.values(), *self.address, *(i for idx in self.identifiers.values() for i in idx)}
        return [h for i, h in enumerate(self.headers) if i not in used and h.strip()]


def parse_overrides(items: Sequence[str]) -> dict[str, list[str]]:
    """Parse ``field=Column Header`` items; address and identifier fields may be given several times."""
    out: dict[str, list[str]] = {}
    for item in items:
        key, sep, header = item.partition("=")
        key = key.strip().lower()
        if not sep or not header.strip():
            raise MappingError(f"--map {item!r}: expected field=Column Header")
        if key not in MAPPABLE:
            raise MappingError(f"--map {item!r}: unknown field {key!r} (fields: {', '.join(MAPPABLE)})")
        out.setdefault(key, []).append(header.strip())
    return out


def _find(folded: Sequence[str], header: str) -> int:
    """Return the index of a header named in an override (exact first, then folded)."""
    target = fold_header(header)
    for i, h in enumerate(folded):
        if h == target:
            return i
    raise MappingError(f"--map: the file has no column {header!r}")


def recognise(headers: Sequence[str], overrides: Mapping[str, Sequence[str]] | None = None) -> ColumnMap:
    """Map file headers to record fields with the synonym table, applying ``--map`` overrides first."""
    folded = [fold_header(h) for h in headers]
    overrides = overrides or {}
    taken: set[int] = set()
    single: dict[str, int] = {}
    for name in SINGLE:
        if name in overrides:
            single[name] = _find(folded, overrides[name][-1])
            taken.add(single[name])
    for name, synonyms in SINGLE.items():
        if name in single:
            continue
        for syn in synonyms:
            idx = next((i for i, h in enumerate(folded) if h == syn and i not in taken), None)
            if idx is not None:
                single[name] = idx
                taken.add(idx)
                break
    identifiers: dict[str, tuple[int, ...]] = {}
    for scheme, synonyms in IDENTIFIERS.items():
        if scheme in overrides:
            idx_list = [_find(folded, h) for h in overrides[scheme]]
        else:
            idx_list = [i for i, h in enumerate(folded) if h in synonyms and i not in taken]
        if idx_list:
            identifiers[scheme] = tuple(idx_list)
            taken.update(idx_list)
    if "address" in overrides:
        address = tuple(_find(folded, h) for h in overrides["address"])
    else:
        address = tuple(i for i, h in enumerate(folded) if h in ADDRESS and i not in taken)
    ordered = {k: single[k] for k in SINGLE if k in single}
    return ColumnMap(tuple(headers), ordered, address, identifiers)

"""Read the suppliers of an Open Contracting Data Standard (OCDS) release or record package.

Suppliers are the parties with role "supplier" and the organisations named in ``awards[].suppliers``;
each is screened once, however many awards name it, in order of first appearance. The goods come from
the items of the awards the supplier won (tender items when an award lists none): item descriptions
and CPV/UNSPSC classification descriptions become the product text, HS classifications the HS code.
A package is parsed whole (OCDS packages are published per month or per buyer, not in gigabytes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.intake.reader import InputError, RawRow, SupplierFile

# org-id.guide scheme fragments -> SupplierRecord identifier scheme.
_SCHEMES: tuple[tuple[str, str], ...] = (
    ("LEI", "lei"),
    ("CNPJ", "cnpj"),
    ("BR-RFB", "cnpj"),
    ("DUNS", "duns"),
    ("DNB", "duns"),
    ("USCC", "uscc"),
    ("CN-SAMR", "uscc"),
    ("VAT", "vat"),
)


@dataclass(slots=True)
class _Supplier:
    """A supplier gathered across releases: its party data and the goods and values of its awards."""

    name: str
    supplier_id: str = ""
    country: str = ""
    address: str = ""
    identifiers: list[tuple[str, str]] = field(default_factory=list)
    goods: list[str] = field(default_factory=list)
    hs_codes: list[str] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)  # currency -> summed award amount
    date: str = ""

    def as_values(self) -> dict[str, object]:
        """Return field values as scoring.intake.columns names them."""
        out: dict[str, object] = {
            "name": self.name,
            "supplier_id": self.supplier_id,
            "country": self.country,
            "address": self.address,
            "identifiers": tuple(self.identifiers),
            "product": "; ".join(dict.fromkeys(self.goods)),
            "hs_code": self.hs_codes[0] if self.hs_codes else "",
            "date": self.date,
        }
        if len(self.values) == 1:  # sums across currencies would be meaningless
            (currency, amount), *_ = self.values.items()
            out.update(value=amount, currency=currency)
        return out


def _releases(doc: Any) -> list[dict[str, Any]]:
    """Return the releases of a release package, record package, single release or list of releases."""
    if isinstance(doc, list):
        return [r for r in doc if isinstance(r, dict)]
    if not isinstance(doc, dict):
        return []
    if isinstance(doc.get("releases"), list):
        return [r for r in doc["releases"] if isinstance(r, dict)]
    if isinstance(doc.get("records"), list):
        out: list[dict[str, Any]] = []
        for rec in doc["records"]:
            if isinstance(rec, dict) and isinstance(rec.get("compiledRelease"), dict):
                out.append(rec["compiledRelease"])
            elif isinstance(rec, dict):
                out.extend(r for r in rec.get("releases", []) if isinstance(r, dict) and "parties" in r)
        return out
    return [doc] if "ocid" in doc else []


def _identifiers(party: dict[str, Any]) -> list[tuple[str, str]]:
    """Map a party's identifier and additional identifiers to (scheme, value) pairs flscreen knows."""
    found: list[tuple[str, str]] = []
    idents = [party.get("identifier"), *(party.get("additionalIdentifiers") or [])]
    for ident in idents:
        if not isinstance(ident, dict) or not ident.get("id"):
            continue
        scheme = str(ident.get("scheme", "")).upper()
        for fragment, name in _SCHEMES:
            if fragment in scheme:
                found.append((name, str(ident["id"])))
                break
    return found


def _key(party: dict[str, Any]) -> str:
    """Return a dedupe key: the registered identifier when there is one, else the folded name."""
    ident = party.get("identifier")
    if isinstance(ident, dict) and ident.get("id"):
        return f"{ident.get('scheme', '')}-{ident['id']}".upper()
    return "name:" + re.sub(r"\W+", " ", str(party.get("name", "")).casefold()).strip()


def _dict(value: Any) -> dict[str, Any]:
    """Return the value when it is a JSON object, else an empty one (OCDS fields are all optional)."""
    return value if isinstance(value, dict) else {}


def _new_supplier(party: dict[str, Any]) -> _Supplier:
    """Build a supplier from an OCDS party (or an award's organisation reference)."""
    addr, ident = _dict(party.get("address")), _dict(party.get("identifier"))
    parts = ("streetAddress", "locality", "region", "postalCode")
    country = str(addr.get("countryName") or addr.get("country") or "")
    scheme = str(ident.get("scheme", ""))
    if not country and re.fullmatch(r"[A-W][A-Z]-.+", scheme):  # org-id prefixes open with ISO alpha-2
        country = scheme[:2]
    return _Supplier(
        name=str(party.get("name") or ident.get("legalName") or "").strip(),
        supplier_id=_key(party) if ident.get("id") else str(party.get("id", "")),
        country=country,
        address=", ".join(str(addr[p]) for p in parts if addr.get(p)),
        identifiers=_identifiers(party),
    )


def _add_items(supplier: _Supplier, items: list[Any]) -> None:
    """Add the goods described by award or tender items to a supplier."""
    for item in items:
        if not isinstance(item, dict):
            continue
        if item.get("description"):
            supplier.goods.append(str(item["description"]))
        classes = [item.get("classification"), *(item.get("additionalClassifications") or [])]
        for cls in classes:
            if not isinstance(cls, dict):
                continue
            if str(cls.get("scheme", "")).upper() in ("HS", "HS2022", "HTS", "WCO-HS"):
                supplier.hs_codes.append(re.sub(r"\D", "", str(cls.get("id", ""))))
            elif cls.get("description"):
                supplier.goods.append(str(cls["description"]))


def _collect(releases: list[dict[str, Any]]) -> dict[str, _Supplier]:
    """Gather every supplier of every release, once each, with the goods and values of its awards."""
    found: dict[str, _Supplier] = {}
    for rel in releases:
        parties = {str(p.get("id")): p for p in rel.get("parties") or [] if isinstance(p, dict)}
        local: dict[str, _Supplier] = {}  # party id within this release -> supplier
        for pid, party in parties.items():
            if "supplier" in (party.get("roles") or []):
                local[pid] = found.setdefault(_key(party), _new_supplier(party))
        tender_items = (rel.get("tender") or {}).get("items") or []
        for award in rel.get("awards") or []:
            if not isinstance(award, dict):
                continue
            for ref in award.get("suppliers") or []:
                if not isinstance(ref, dict):
                    continue
                rid = str(ref.get("id") or _key(ref))
                if rid not in local:
                    party = parties.get(rid, ref)
                    local[rid] = found.setdefault(_key(party), _new_supplier(party))
                sup = local[rid]
                _add_items(sup, award.get("items") or tender_items)
                value = award.get("value") or {}
                if isinstance(value.get("amount"), int | float):
                    cur = str(value.get("currency") or "")
                    sup.values[cur] = sup.values.get(cur, 0.0) + float(value["amount"])
                sup.date = sup.date or str(award.get("date") or "")[:10]
    return found


def open_ocds(path: Path) -> SupplierFile:
    """Open an OCDS JSON package as a supplier file; raise InputError when it is not one."""
    try:
        with path.open("rb") as fh:
            doc = json.load(fh)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON: {exc.msg}", f"line {exc.lineno}") from None
    except UnicodeDecodeError:
        raise InputError(path, "JSON must be UTF-8 (or UTF-16/32)") from None
    releases = _releases(doc)
    if not releases:
        raise InputError(path, "not an OCDS release or record package (no 'releases' or 'records' array)")
    suppliers = list(_collect(releases).values())
    if not suppliers:
        raise InputError(path, f"OCDS package has {len(releases)} releases but names no supplier")

    def rows() -> Iterator[RawRow]:
        for number, sup in enumerate(suppliers, start=1):
            yield RawRow(number, sup.as_values())

    note = f"OCDS: {len(releases)} releases, {len(suppliers)} distinct suppliers"
    return SupplierFile(path, "ocds", rows(), encoding="utf-8", notes=[note])

"""Read the suppliers of an Open Contracting Data Standard (OCDS) release or record package.

Suppliers are the parties with role "supplier" and the organisations named in ``awards[].suppliers``;
each is screened once, however many awards name it, in order of first appearance. The goods come from
the items of the awards the supplier won (tender items when an award lists none): item descriptions
and CPV/UNSPSC classification descriptions become the product text, HS classifications the HS code.

A package is read one release (or record) at a time (scoring.intake.json_stream, on ijson), so
memory follows the number of distinct suppliers, not the size of the file. Accepted: a release
package (``releases``), a record package (``records``: each record's ``compiledRelease``, else its
``releases`` that carry ``parties``), a JSON array of releases, or one release. Should a package
carry both arrays, the first in the file is read. Every OCDS field is optional and a field of the
wrong type is ignored, so one odd release never sinks the file. JSON that breaks off part-way keeps
the suppliers read before the break: the file opens with a note, and once those rows are out, the
rows iterator raises InputError naming the line and byte where the JSON stopped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from scoring.intake.json_stream import JSONStreamError, iter_items, plain, top_level
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
    goods: dict[str, None] = field(default_factory=dict)  # each description once, in order of appearance
    hs_code: str | None = None  # the first HS classification met
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
            "product": "; ".join(self.goods),
            "hs_code": self.hs_code or "",
            "date": self.date,
        }
        if len(self.values) == 1:  # sums across currencies would be meaningless
            (currency, amount), *_ = self.values.items()
            out.update(value=amount, currency=currency)
        return out


def _text(value: Any) -> str:
    """Return a JSON value as text, as str() of json.load's value would (numbers arrive as Decimal)."""
    if isinstance(value, str):
        return value
    return str(plain(value))


def _dict(value: Any) -> dict[str, Any]:
    """Return the value when it is a JSON object, else an empty one (OCDS fields are all optional)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    """Return the value when it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def _releases(doc: Any) -> list[dict[str, Any]]:
    """Return the releases of a whole parsed document (a single release is read this way)."""
    if isinstance(doc, list):
        return [r for r in doc if isinstance(r, dict)]
    if not isinstance(doc, dict):
        return []
    if isinstance(doc.get("releases"), list):
        return [r for r in doc["releases"] if isinstance(r, dict)]
    if isinstance(doc.get("records"), list):
        return [r for rec in doc["records"] for r in _record_releases(rec)]
    return [doc] if "ocid" in doc else []


def _record_releases(record: Any) -> list[dict[str, Any]]:
    """Return a record's compiled release, else those of its releases that list parties."""
    if not isinstance(record, dict):
        return []
    if isinstance(record.get("compiledRelease"), dict):
        return [record["compiledRelease"]]
    return [r for r in _list(record.get("releases")) if isinstance(r, dict) and "parties" in r]


def _identifiers(party: dict[str, Any]) -> list[tuple[str, str]]:
    """Map a party's identifier and additional identifiers to (scheme, value) pairs flscreen knows."""
    found: list[tuple[str, str]] = []
    idents = [party.get("identifier"), *_list(party.get("additionalIdentifiers"))]
    for ident in idents:
        if not isinstance(ident, dict) or not ident.get("id"):
            continue
        scheme = _text(ident.get("scheme", "")).upper()
        for fragment, name in _SCHEMES:
            if fragment in scheme:
                found.append((name, _text(ident["id"])))
                break
    return found


def _key(party: dict[str, Any]) -> str:
    """Return a dedupe key: the registered identifier when there is one, else the folded name."""
    ident = party.get("identifier")
    if isinstance(ident, dict) and ident.get("id"):
        return f"{_text(ident.get('scheme', ''))}-{_text(ident['id'])}".upper()
    return "name:" + re.sub(r"\W+", " ", _text(party.get("name", "")).casefold()).strip()


def _new_supplier(party: dict[str, Any]) -> _Supplier:
    """Build a supplier from an OCDS party (or an award's organisation reference)."""
    addr, ident = _dict(party.get("address")), _dict(party.get("identifier"))
    parts = ("streetAddress", "locality", "region", "postalCode")
    country = _text(addr.get("countryName") or addr.get("country") or "")
    scheme = _text(ident.get("scheme", ""))
    if not country and re.fullmatch(r"[A-W][A-Z]-.+", scheme):  # org-id prefixes open with ISO alpha-2
        country = scheme[:2]
    return _Supplier(
        name=_text(party.get("name") or ident.get("legalName") or "").strip(),
        supplier_id=_key(party) if ident.get("id") else _text(party.get("id", "")),
        country=country,
        address=", ".join(_text(addr[p]) for p in parts if addr.get(p)),
        identifiers=_identifiers(party),
    )


def _add_items(supplier: _Supplier, items: list[Any]) -> None:
    """Add the goods described by award or tender items to a supplier."""
    for item in items:
        if not isinstance(item, dict):
            continue
        if item.get("description"):
            supplier.goods.setdefault(_text(item["description"]))
        for cls in [item.get("classification"), *_list(item.get("additionalClassifications"))]:
            if not isinstance(cls, dict):
                continue
            if _text(cls.get("scheme", "")).upper() in ("HS", "HS2022", "HTS", "WCO-HS"):
                if supplier.hs_code is None:
                    supplier.hs_code = re.sub(r"\D", "", _text(cls.get("id", "")))
            elif cls.get("description"):
                supplier.goods.setdefault(_text(cls["description"]))


def _is_supplier(party: dict[str, Any]) -> bool:
    """Return True when a party's roles include "supplier" (a list, or as json.load allowed, text)."""
    roles = party.get("roles") or []
    return isinstance(roles, list | str | dict) and "supplier" in roles


def _amount(value: dict[str, Any]) -> float | None:
    """Return an award value's amount when it is a number."""
    amount = value.get("amount")
    if isinstance(amount, Decimal):
        return float(amount)
    return float(amount) if isinstance(amount, int | float) else None


@dataclass(slots=True)
class _Collector:
    """Gathers every supplier of the releases it is given, once each, in order of first appearance."""

    suppliers: dict[str, _Supplier] = field(default_factory=dict)
    releases: int = 0

    def _supplier(self, party: dict[str, Any]) -> _Supplier:
        key = _key(party)
        if key not in self.suppliers:
            self.suppliers[key] = _new_supplier(party)
        return self.suppliers[key]

    def add(self, rel: dict[str, Any]) -> None:
        """Take in one release: its supplier parties, then the suppliers, goods and values of its awards."""
        self.releases += 1
        parties = {_text(p.get("id")): p for p in _list(rel.get("parties")) if isinstance(p, dict)}
        local: dict[str, _Supplier] = {}  # party id within this release -> supplier
        for pid, party in parties.items():
            if _is_supplier(party):
                local[pid] = self._supplier(party)
        tender_items = _dict(rel.get("tender")).get("items") or []
        for award in _list(rel.get("awards")):
            if not isinstance(award, dict):
                continue
            for ref in _list(award.get("suppliers")):
                if not isinstance(ref, dict):
                    continue
                rid = _text(ref.get("id") or _key(ref))
                if rid not in local:
                    local[rid] = self._supplier(parties.get(rid, ref))
                sup = local[rid]
                _add_items(sup, _list(award.get("items") or tender_items))
                value = _dict(award.get("value"))
                amount = _amount(value)
                if amount is not None:
                    cur = _text(value.get("currency") or "")
                    sup.values[cur] = sup.values.get(cur, 0.0) + amount
                sup.date = sup.date or _text(award.get("date") or "")[:10]


@dataclass(slots=True)
class _Progress:
    """How far the stream got: array elements read, and what they are called."""

    elements: int = 0
    noun: str = "release"


def _stream(path: Path, progress: _Progress) -> Iterator[dict[str, Any]]:
    """Yield the releases of a package one at a time; JSONStreamError says where broken JSON stops."""
    top = top_level(path, ("releases", "records"))
    if top.kind == "array":
        elements = iter_items(path, "item")
    elif top.array is not None:
        elements = iter_items(path, f"{top.array}.item")
        progress.noun = top.array[:-1]
    elif top.kind == "object" and "ocid" in top.keys:  # a single release, read whole
        elements = iter_items(path, "")
        progress.noun = "document"
    else:
        return
    for element in elements:
        progress.elements += 1
        if progress.noun == "record":
            yield from _record_releases(element)
        elif progress.noun == "document":
            yield from _releases(element)
        elif isinstance(element, dict):
            yield element


def _count(n: int, noun: str) -> str:
    """Return e.g. '1 release' or '1,234 releases'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def open_ocds(path: Path) -> SupplierFile:
    """Open an OCDS JSON package as a supplier file; raise InputError when it is not one."""
    collector, progress = _Collector(), _Progress()
    stop: JSONStreamError | None = None
    try:
        for release in _stream(path, progress):
            collector.add(release)
    except JSONStreamError as exc:
        stop = exc
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    read = _count(progress.elements, progress.noun)
    if stop is not None and not collector.suppliers:
        after = f" (after {read}, none naming a supplier)" if progress.elements else ""
        raise InputError(path, f"not valid JSON: {stop.reason}{after}", stop.where)
    if not collector.releases:
        raise InputError(path, "not an OCDS release or record package (no 'releases' or 'records' array)")
    suppliers = list(collector.suppliers.values())
    if not suppliers:
        raise InputError(path, f"OCDS package has {collector.releases} releases but names no supplier")
    notes = [f"OCDS: {collector.releases} releases, {len(suppliers)} distinct suppliers"]
    if stop is not None:
        notes.append(
            f"OCDS: the JSON breaks off at {stop.where}: {stop.reason}; "
            f"only the suppliers of the {read} before it are read"
        )

    def rows() -> Iterator[RawRow]:
        for number, sup in enumerate(suppliers, start=1):
            yield RawRow(number, sup.as_values())
        if stop is not None:
            found = _count(len(suppliers), "supplier")
            problem = f"not valid JSON: {stop.reason}; reading stopped after {read} ({found} read)"
            raise InputError(path, problem, stop.where)

    return SupplierFile(path, "ocds", rows(), encoding="utf-8", notes=notes)

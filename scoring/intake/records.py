"""Validate one input row's raw values into a SupplierRecord, turning faults into row messages.

The boundary model is pydantic: every field has a parser that accepts the spellings spreadsheets
produce ("1.234,50", "35 %", "X" for yes, an HS code stored as a number). A field that cannot be
parsed is dropped with a warning and the row is still screened; only a missing name (or a name too
long to be a name) stops a row, because without it there is nothing to screen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from reference_data import resolve_country
from scoring.types import SupplierRecord

MAX_NAME = 500  # characters; longer cells are pasted paragraphs, not names
_TRUE = {"1", "true", "yes", "y", "x", "ja", "j", "oui", "si", "sí", "sim", "是", "t"}
_FALSE = {"0", "false", "no", "n", "nein", "non", "não", "nao", "否", "f"}
_NULLS = {"", "-", "--", "—", "n/a", "na", "none", "null", "nan", "?"}  # cells that mean "not known"


def _is_null(value: object) -> bool:
    """Return True for an empty cell or a placeholder such as 'n/a'."""
    return value is None or (isinstance(value, str) and value.strip().casefold() in _NULLS)


def parse_number(value: object) -> float | None:
    """Parse a spend, amount or quantity cell: '1,234.50', '1.234,50', '€ 1 200', 1200."""
    if _is_null(value) or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = re.sub(r"[^\d,.\-]", "", str(value))
    if not re.search(r"\d", text):
        raise ValueError("not a number")
    if "," in text and "." in text:
        # The separator that comes last is the decimal one.
        thousands = "," if text.rfind(",") < text.rfind(".") else "."
        text = text.replace(thousands, "").replace(",", ".")
    elif "," in text:
        groups = text.split(",")
        is_grouping = len(groups) > 2 or all(len(g) == 3 for g in groups[1:])
        text = text.replace(",", "") if is_grouping else text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValueError("not a number") from None


def parse_flag(value: object) -> bool | None:
    """Parse a yes/no cell (SAP writes 'X' for yes); blank means unknown."""
    if isinstance(value, bool):
        return value
    if _is_null(value):
        return None
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("expected yes or no")


def parse_share(value: object) -> float | None:
    """Parse a share of workers: '35%', '0.35' and '35' all mean 0.35."""
    number = parse_number(str(value).replace("%", "") if isinstance(value, str) else value)
    if number is None:
        return None
    share = number / 100 if (isinstance(value, str) and "%" in value) or number > 1 else number
    if not 0 <= share <= 1:
        raise ValueError("expected a share between 0 and 100 %")
    return share


def parse_hs(value: object) -> str:
    """Keep an HS code's digits ('8541.40' -> '854140'); restore a leading zero a spreadsheet dropped."""
    if _is_null(value):
        return ""
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits:
        return ""
    if not digits.isdigit() or not 1 <= len(digits) <= 10:
        raise ValueError("expected an HS code of 2 to 10 digits")
    return "0" + digits if len(digits) % 2 else digits


def parse_indicators(value: object) -> tuple[str, ...]:
    """Split a list of ILO indicators ('debt bondage; retention of identity documents') into ids."""
    parts = re.split(r"[;,|\n]", str(value or ""))
    return tuple(re.sub(r"\W+", "_", p.strip().casefold()).strip("_") for p in parts if p.strip())


def _text(value: object) -> str:
    """Render a cell as text, writing whole floats without '.0' (ids stored as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


Text = Annotated[str, BeforeValidator(_text)]


class SupplierRow(BaseModel):
    """One input row after parsing, before the country is resolved."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=MAX_NAME)]
    supplier_id: Text = ""
    country: Text = ""
    address: Text = ""
    identifiers: tuple[tuple[str, str], ...] = ()
    product: Text = ""
    hs_code: Annotated[str, BeforeValidator(parse_hs)] = ""
    value: Annotated[float | None, BeforeValidator(parse_number)] = None
    currency: Annotated[str, BeforeValidator(lambda v: _text(v).upper())] = ""
    quantity: Annotated[float | None, BeforeValidator(parse_number)] = None
    date: Text = ""
    sector: Text = ""
    intermediary: Annotated[bool | None, BeforeValidator(parse_flag)] = None
    recruitment_fees: Annotated[bool | None, BeforeValidator(parse_flag)] = None
    identity_documents: Annotated[bool | None, BeforeValidator(parse_flag)] = None
    migrant_share: Annotated[float | None, BeforeValidator(parse_share)] = None
    ilo_indicators: Annotated[tuple[str, ...], BeforeValidator(parse_indicators)] = ()


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """A validated record (None when the row cannot be screened), its fatal error and its warnings."""

    record: SupplierRecord | None
    error: str = ""
    warnings: tuple[str, ...] = ()


def _validate(values: dict[str, Any]) -> tuple[SupplierRow | None, str, list[str]]:
    """Validate, dropping each unparseable optional field with a warning; a bad name is fatal."""
    warnings: list[str] = []
    for _ in range(len(SupplierRow.model_fields) + 1):
        try:
            return SupplierRow.model_validate(values), "", warnings
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else ""
                if field == "name":
                    if err["type"] == "string_too_long":
                        return None, f"supplier name longer than {MAX_NAME} characters", warnings
                    return None, "blank supplier name", warnings
                reason = str(err.get("ctx", {}).get("error", err["msg"]))
                warnings.append(f"{field} {values.get(field)!r} ignored: {reason}")
                values.pop(field, None)
    return None, "row could not be validated", warnings  # unreachable: each pass drops a field


def build_record(values: Mapping[str, object]) -> RowOutcome:
    """Turn one row's field values (keys as in scoring.intake.columns) into a SupplierRecord or an error."""
    row, error, warnings = _validate(dict(values))
    if row is None:
        return RowOutcome(None, error, tuple(warnings))
    country = resolve_country(row.country) if row.country else None
    if row.country and country is None:
        warnings.append(f"country {row.country!r} not recognised; screened without a country")
    record = SupplierRecord(
        name=row.name,
        supplier_id=row.supplier_id,
        country=country,
        country_raw=row.country,
        address=row.address,
        identifiers=tuple((s, _text(v)) for s, v in row.identifiers if _text(v)),
        product=row.product,
        hs_code=row.hs_code,
        value=row.value,
        currency=row.currency,
        quantity=row.quantity,
        date=row.date,
        sector=row.sector,
        is_intermediary=row.intermediary,
        recruitment_fees_paid_by_workers=row.recruitment_fees,
        identity_documents_retained=row.identity_documents,
        migrant_worker_share=row.migrant_share,
        ilo_indicators=row.ilo_indicators,
    )
    return RowOutcome(record, "", tuple(warnings))

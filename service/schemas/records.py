"""The supplier or procurement record a caller sends for screening."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class IdentifierIn(BaseModel):
    """A registry or tax identifier of the supplier."""

    model_config = ConfigDict(extra="forbid")

    scheme: str = Field(
        min_length=1,
        max_length=20,
        description="Identifier scheme: uscc, cnpj, lei, duns, vat or tax.",
        examples=["uscc"],
    )
    value: str = Field(
        min_length=1,
        max_length=100,
        description="The identifier as written.",
        examples=["91650100MA77XXXX0X"],
    )


class SupplierIn(BaseModel):
    """One supplier or procurement line to screen; only the name is required."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        min_length=1,
        max_length=500,
        description="Supplier (company) name as the buyer holds it.",
        examples=["Xinjiang Example Cotton Co., Ltd."],
    )
    supplier_id: str = Field(
        default="", max_length=200, description="The buyer's own supplier id.", examples=["V-100234"]
    )
    country: str = Field(
        default="",
        max_length=100,
        description="Country as ISO alpha-2/alpha-3 code, English or local name, or SAP country key.",
        examples=["CN"],
    )
    address: str = Field(
        default="",
        max_length=1000,
        description="Postal address, free text.",
        examples=["88 Example Road, Urumqi"],
    )
    identifiers: list[IdentifierIn] = Field(
        default_factory=list, max_length=20, description="Registry or tax identifiers.", examples=[[]]
    )
    product: str = Field(
        default="", max_length=500, description="Product or commodity bought.", examples=["cotton yarn"]
    )
    hs_code: str = Field(
        default="", max_length=20, description="Harmonized System code (dots allowed).", examples=["5205.11"]
    )
    value: float | None = Field(
        default=None, allow_inf_nan=False, description="Spend, in `currency`.", examples=[125000.0]
    )
    currency: str = Field(default="", max_length=10, description="ISO 4217 currency code.", examples=["USD"])
    quantity: float | None = Field(
        default=None, allow_inf_nan=False, description="Quantity bought.", examples=[1000.0]
    )
    date: str = Field(
        default="", max_length=40, description="Order or contract date, ISO 8601.", examples=["2024-05-01"]
    )
    sector: str = Field(default="", max_length=200, description="Industry sector.", examples=["textiles"])
    is_intermediary: bool | None = Field(
        default=None,
        description="Trading company, agent, labour broker or recruiter (null = unknown).",
        examples=[False],
    )
    recruitment_fees_paid_by_workers: bool | None = Field(
        default=None,
        description="Workers paid recruitment fees (due-diligence finding; null = unknown).",
        examples=[None],
    )
    identity_documents_retained: bool | None = Field(
        default=None,
        description="Employer retains workers' identity documents (null = unknown).",
        examples=[None],
    )
    migrant_worker_share: float | None = Field(
        default=None,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Share of migrant workers, 0 to 1.",
        examples=[0.3],
    )
    ilo_indicators: list[str] = Field(
        default_factory=list,
        max_length=11,
        description="ILO forced-labour indicator ids observed in audits.",
        examples=[["retention_of_identity_documents"]],
    )

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        """Refuse a name made only of spaces."""
        if not value.strip():
            raise ValueError("name must not be blank")
        return value

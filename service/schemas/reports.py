"""Report tasks: a job's risk report rendered in the background and downloaded when done."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ReportFormat = Literal["pdf", "html", "xlsx"]
MinTier = Literal["low", "medium", "high", "severe"]


class ReportTaskCreate(BaseModel):
    """Which report to render: format and the same options as GET /v1/jobs/{job_id}/report.{format}."""

    model_config = ConfigDict(extra="forbid")

    format: ReportFormat = Field(
        description="pdf or html for reading, xlsx with one sheet per view.", examples=["pdf"]
    )
    min_tier: MinTier = Field(
        default="medium", description="Lowest risk tier that gets a supplier section.", examples=["medium"]
    )
    sections: int = Field(
        default=100,
        ge=0,
        le=5000,
        description="Suppliers with a full section, highest score first; the rest are listed.",
        examples=[100],
    )


class ReportTaskPublic(BaseModel):
    """A report render and its state; download the file from GET /v1/reports/{task_id}/file when done."""

    id: str = Field(description="Report task id.", examples=["0c5e8d7f6a4b3c2d1e0f9a8b7c6d5e4f"])
    job_id: str = Field(
        description="The job the report is about.", examples=["7a1b2c3d4e5f60718293a4b5c6d7e8f9"]
    )
    format: str = Field(description="pdf, html or xlsx.", examples=["pdf"])
    min_tier: str = Field(description="Lowest risk tier that gets a supplier section.", examples=["medium"])
    sections: int = Field(description="Most suppliers with a full section.", examples=[100])
    status: str = Field(
        description=(
            "queued, running, done, failed (see `error`) or expired (the file was deleted after its "
            "retention time; ask again)."
        ),
        examples=["running"],
    )
    error: str = Field(description="Why the render failed, if it did.", examples=[""])
    filename: str = Field(description="Name the file downloads under.", examples=["suppliers-report.pdf"])
    size_bytes: int | None = Field(description="Size of the rendered file once done.", examples=[None])
    created_at: datetime = Field(
        description="When it was asked for (UTC).", examples=["2026-01-05T10:00:00Z"]
    )
    started_at: datetime | None = Field(
        description="When the latest render began (UTC).", examples=["2026-01-05T10:00:01Z"]
    )
    finished_at: datetime | None = Field(description="When it was done or failed (UTC).", examples=[None])
    expires_at: datetime | None = Field(
        description="When the rendered file will be deleted (UTC); set once done.", examples=[None]
    )
    file_url: str | None = Field(
        description="Where to download the report once done.",
        examples=["/v1/reports/0c5e8d7f6a4b3c2d1e0f9a8b7c6d5e4f/file"],
    )

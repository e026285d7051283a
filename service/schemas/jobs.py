"""Batch jobs over uploaded files: progress and per-row results."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from service.schemas.common import PageInfo


class JobPublic(BaseModel):
    """A batch job and its progress."""

    id: str = Field(description="Job id.", examples=["7a1b2c3d4e5f60718293a4b5c6d7e8f9"])
    filename: str = Field(description="Uploaded file name.", examples=["suppliers.csv"])
    file_format: str = Field(description="csv or xlsx.", examples=["csv"])
    status: str = Field(description="queued, running, done or failed.", examples=["running"])
    total_rows: int = Field(description="Non-blank data rows in the file.", examples=[1200])
    processed_rows: int = Field(
        description="Rows screened so far (results are stored as they go).", examples=[400]
    )
    error_rows: int = Field(description="Rows that could not be screened (see their `error`).", examples=[2])
    progress: float = Field(description="processed_rows / total_rows, 0 to 1.", examples=[0.33])
    snapshot_id: str = Field(
        description="Reference snapshot used (set when the job starts).", examples=["3f9a1c2b7d4e"]
    )
    model_version: str = Field(
        description="Models used (set when the job starts).", examples=["match-v1+risk-v1"]
    )
    error: str = Field(description="Why the job failed, if it did.", examples=[""])
    created_at: datetime = Field(description="Upload time (UTC).", examples=["2026-01-05T10:00:00Z"])
    updated_at: datetime = Field(description="Last progress (UTC).", examples=["2026-01-05T10:01:00Z"])
    finished_at: datetime | None = Field(description="Completion time (UTC).", examples=[None])


class JobPage(PageInfo):
    """A page of jobs, newest first."""

    items: list[JobPublic] = Field(description="Jobs on this page.", examples=[[]])


class JobRowPublic(BaseModel):
    """One input row's outcome, in the columns of the CLI's output file."""

    row: int = Field(description="1-based data row number in the uploaded file.", examples=[1])
    supplier_id: str = Field(description="Supplier id from the file.", examples=["V-100234"])
    name: str = Field(
        description="Supplier name from the file.", examples=["Xinjiang Example Cotton Co., Ltd."]
    )
    risk_score: float | None = Field(
        description="Risk score 0-100 (null when the row failed).", examples=[87.5]
    )
    risk_tier: str = Field(
        description="none, low, medium, high or severe (empty when the row failed).", examples=["severe"]
    )
    match_entity_id: str = Field(description="Best unsuppressed list match.", examples=["us_dhs_uflpa:12"])
    match_name: str = Field(description="Its matched name.", examples=["Example Cotton"])
    match_list: str = Field(description="Its list.", examples=["us_dhs_uflpa"])
    match_score: float | None = Field(description="Its match probability, 0-1.", examples=[0.97])
    reasons: str = Field(
        description="Top three findings, separated by ' | '.",
        examples=["The supplier matches an entity on the UFLPA Entity List."],
    )
    ungp: str = Field(description="UN Guiding Principles involved, ';'-separated.", examples=["13;17;19"])
    p28: str = Field(
        description="Paragraph-28 commitments involved, ';'-separated.", examples=["P28-ACCOUNT"]
    )
    error: str = Field(description="Why the row could not be screened.", examples=[""])
    snapshot_id: str = Field(description="Reference snapshot used.", examples=["3f9a1c2b7d4e"])
    model_version: str = Field(description="Models used.", examples=["match-v1+risk-v1"])
    screening_id: str | None = Field(
        description="Stored screening with all findings.", examples=["9b2d5f0c1e7a4b3c8d6e2f1a0b9c8d7e"]
    )


class JobRowPage(PageInfo):
    """A page of a job's results, in input order."""

    items: list[JobRowPublic] = Field(description="Rows on this page.", examples=[[]])

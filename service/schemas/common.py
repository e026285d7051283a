"""Shared response pieces: pages of results."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PageInfo(BaseModel):
    """Where a page sits in the full result list."""

    total: int = Field(description="Items matching the filters, over all pages.", examples=[42])
    limit: int = Field(description="Most items on one page.", examples=[50])
    offset: int = Field(description="Items skipped before this page.", examples=[0])

"""Query parameters shared by the list endpoints: page size and items to skip."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

Limit = Annotated[int, Query(ge=1, le=500, description="Page size.", examples=[50])]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.", examples=[0])]

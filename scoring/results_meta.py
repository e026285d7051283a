"""Describe a snapshot's sources as results metadata lists them: provenance, coverage and licence.

The CLI's JSON output, ``flscreen data info`` and the service's job reports all list the sources a
screening used in this one shape, so a report reads the same source fields whichever wrote it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reference_data.models import SourceMeta


def source_list(sources: Mapping[str, SourceMeta]) -> list[dict[str, Any]]:
    """Return each source's provenance and coverage as JSON-ready values."""
    return [
        {
            "id": s.source_id,
            "title": s.title,
            "publisher": s.publisher,
            "kind": s.kind,
            "version": s.version,
            "data_date": s.data_date,
            "rows": s.row_count,
            "complete": s.complete,
            "coverage_note": s.coverage_note,
            "legal_basis": s.legal_basis,
            "licence": s.licence,
            "official_url": s.official_url,
        }
        for s in sources.values()
    ]

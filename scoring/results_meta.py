"""Describe a snapshot's sources as results metadata lists them: provenance, coverage and licence.

The CLI's JSON output, ``flscreen data info`` and the service's job reports all list the sources a
screening used in this one shape, with the same "a non-match is not a clearance" notice, so a report
reads the same whichever wrote it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reference_data.models import SourceMeta

_NOTICE = (
    "A non-match is not a clearance: {partial} {what} of the official publications, "
    "and every list names only the parties its publisher has acted on. Check the current official lists "
    "and do your own due diligence before relying on a result."
)


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


def clearance_notice(partial: Sequence[str]) -> str:
    """Return the 'a non-match is not a clearance' notice naming the partial sources by id."""
    if not partial:
        return _NOTICE.split(":")[0] + ": every list names only the parties its publisher has acted on."
    what = "is a partial or dated copy" if len(partial) == 1 else "are partial or dated copies"
    return _NOTICE.format(partial=", ".join(partial), what=what)

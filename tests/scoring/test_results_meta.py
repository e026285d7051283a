"""Results metadata lists each source with its provenance, coverage and licence."""

from __future__ import annotations

from reference_data.models import FileMeta, SourceMeta
from scoring.results_meta import source_list


def test_source_list_describes_each_source() -> None:
    meta = SourceMeta(
        source_id="s1", title="T", publisher="P", official_url="https://example.org", retrieved_from="x",
        data_date="2024-01-01", version="20240101000000", licence="CC0", legal_basis="Act",
        kind="entity_list", complete=False, coverage_note="partial",
        files=(FileMeta(path="a.csv", sha256="0" * 64, rows=2), FileMeta(path="b.csv", sha256="", rows=3)),
    )  # fmt: skip
    assert source_list({"s1": meta}) == [
        {
            "id": "s1", "title": "T", "publisher": "P", "kind": "entity_list", "version": "20240101000000",
            "data_date": "2024-01-01", "rows": 5, "complete": False, "coverage_note": "partial",
            "legal_basis": "Act", "licence": "CC0", "official_url": "https://example.org",
        }
    ]  # fmt: skip


def test_clearance_notice_names_partial_sources_with_agreement() -> None:
    from scoring.results_meta import clearance_notice

    one = clearance_notice(["us_dhs_uflpa"])
    two = clearance_notice(["us_dhs_uflpa", "us_cbp_wro"])
    assert one.startswith("A non-match is not a clearance: us_dhs_uflpa is a partial or dated copy of the")
    assert "us_dhs_uflpa, us_cbp_wro are partial" in two
    assert clearance_notice([]) == (
        "A non-match is not a clearance: every list names only the parties its publisher has acted on."
    )

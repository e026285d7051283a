"""Tiny builders for test values: call them with only the fields a test cares about."""

from __future__ import annotations

from typing import Any

from reference_data.models import ListEntity
from scoring.types import SupplierRecord


def make_entity(**kw: Any) -> ListEntity:
    """Build a list entity with harmless defaults."""
    base: dict[str, Any] = {
        "entity_id": "test_list:1",
        "source_id": "test_list",
        "name": "Example Listed Company Co., Ltd.",
        "country": "CN",
    }
    base.update(kw)
    return ListEntity(**base)


def make_record(**kw: Any) -> SupplierRecord:
    """Build a supplier record with harmless defaults."""
    base: dict[str, Any] = {"name": "Ordinary Widgets GmbH", "supplier_id": "S1", "country": "DE"}
    base.update(kw)
    return SupplierRecord(**base)

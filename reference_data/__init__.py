"""Versioned, hash-verified snapshots of public forced-labour risk data, and their importers."""

from reference_data.countries import resolve_country
from reference_data.custom import load_custom_list
from reference_data.errors import (
    ChecksumMismatch,
    CustomListError,
    ImportFailure,
    ManifestError,
    ReferenceDataError,
    RowCountMismatch,
)
from reference_data.loader import load_snapshot
from reference_data.models import (
    CountryProfile,
    FileMeta,
    GoodListing,
    HsCode,
    ListEntity,
    ProductListing,
    ReferenceSnapshot,
    RegionRule,
    SourceMeta,
    TipTier,
)

__all__ = [
    "ChecksumMismatch",
    "CountryProfile",
    "CustomListError",
    "FileMeta",
    "GoodListing",
    "HsCode",
    "ImportFailure",
    "ListEntity",
    "ManifestError",
    "ProductListing",
    "ReferenceDataError",
    "ReferenceSnapshot",
    "RegionRule",
    "RowCountMismatch",
    "SourceMeta",
    "TipTier",
    "load_custom_list",
    "load_snapshot",
    "resolve_country",
]

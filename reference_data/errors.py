"""Errors raised while importing or loading reference data.

ReferenceDataError
├── ManifestError        manifest.yml or source.yml missing, unreadable or invalid
├── ChecksumMismatch     a snapshot file's sha256 differs from the manifest (tampered or corrupt)
├── RowCountMismatch     a snapshot file's row count differs from the manifest
├── ImportFailure        a raw source file could not be turned into snapshot rows
└── CustomListError      a user's watch-list file is unreadable or has a bad row
"""

from __future__ import annotations


class ReferenceDataError(Exception):
    """Base class: the reference snapshot cannot be used as it is."""


class ManifestError(ReferenceDataError):
    """The manifest is missing, unreadable or does not describe the files present."""


class ChecksumMismatch(ReferenceDataError):
    """A snapshot file does not have the sha256 recorded in the manifest."""


class RowCountMismatch(ReferenceDataError):
    """A snapshot file does not have the number of rows recorded in the manifest."""


class ImportFailure(ReferenceDataError):
    """A raw source file could not be imported."""


class CustomListError(ReferenceDataError):
    """A custom watch-list file cannot be used (message names the file and row)."""

"""Identifiers: validation, USCC region, comparison."""

from __future__ import annotations

import pytest

from scoring.identifiers import (
    compare_identifiers,
    is_valid,
    is_xinjiang_uscc,
    normalize_identifier,
    uscc_region,
)

BEIJING_USCC = "91110000600037341L"
XINJIANG_USCC = "916501001234567890"


@pytest.mark.parametrize(
    ("scheme", "value", "valid"),
    [
        ("uscc", BEIJING_USCC, True),
        ("uscc", "91110000600037341A", False),
        ("uscc", XINJIANG_USCC, True),
        ("cnpj", "27.090.456/0002-27", True),
        ("cnpj", "27090456000228", False),
        ("lei", "5493001KJTIIGC8Y1R12", True),
        ("lei", "5493001KJTIIGC8Y1R13", False),
        ("duns", "15-048-3782", True),
        ("duns", "12345", False),
        ("uscc", "", False),
    ],
)
def test_is_valid_by_scheme(scheme: str, value: str, valid: bool) -> None:
    assert is_valid(scheme, value) is valid


def test_uscc_region_names_the_province() -> None:
    assert uscc_region(BEIJING_USCC) == "Beijing"
    assert uscc_region(XINJIANG_USCC) == "Xinjiang"
    assert uscc_region("not a code") is None


def test_is_xinjiang_uscc_only_for_valid_region_65() -> None:
    assert is_xinjiang_uscc(XINJIANG_USCC)
    assert not is_xinjiang_uscc(BEIJING_USCC)
    assert not is_xinjiang_uscc("916501001234567891")  # bad check character


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([("uscc", BEIJING_USCC)], [("USCC", BEIJING_USCC.lower())], 1),
        ([("uscc", BEIJING_USCC)], [("uscc", XINJIANG_USCC)], -1),
        ([("uscc", BEIJING_USCC)], [("lei", "5493001KJTIIGC8Y1R12")], 0),
        ([("uscc", "garbage")], [("uscc", BEIJING_USCC)], 0),
        ([], [], 0),
    ],
)
def test_compare_identifiers_agree_conflict_unknown(
    a: list[tuple[str, str]], b: list[tuple[str, str]], expected: int
) -> None:
    assert compare_identifiers(a, b) == expected


def test_normalize_identifier_compacts() -> None:
    assert normalize_identifier("cnpj", "27.090.456/0002-27") == "27090456000227"
    assert normalize_identifier("duns", "15-048-3782") == "150483782"

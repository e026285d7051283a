"""Company identifiers: validation, normalisation and comparison (USCC, CNPJ, LEI, DUNS).

Validation uses python-stdnum where it covers the scheme:
- China Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and A-Z
  without I, O, S, V, Z; characters 3-8 are the administrative division code of GB/T 2260, whose first
  two digits name the province-level division (65 = Xinjiang Uyghur Autonomous Region); the last
  character is a mod-31 check character (``stdnum.cn.uscc``);
- Brazil CNPJ (``stdnum.br.cnpj``) and the ISO 17442 Legal Entity Identifier (``stdnum.lei``);
- Dun & Bradstreet DUNS: nine digits, no public check digit, so only the format is checked.
A valid identifier equal on both sides is strong evidence of a match; two valid identifiers of the
same scheme that differ are strong counter-evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from stdnum import lei
from stdnum.br import cnpj
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError

SCHEMES = ("uscc", "cnpj", "lei", "duns")

# GB/T 2260 province-level division codes (first two digits of the division code).
PROVINCES: dict[str, str] = {
    "10": "national", "11": "Beijing", "12": "Tianjin", "13": "Hebei", "14": "Shanxi",
    "15": "Inner Mongolia", "21": "Liaoning", "22": "Jilin", "23": "Heilongjiang", "31": "Shanghai",
    "32": "Jiangsu", "33": "Zhejiang", "34": "Anhui", "35": "Fujian", "36": "Jiangxi", "37": "Shandong",
    "41": "Henan", "42": "Hubei", "43": "Hunan", "44": "Guangdong", "45": "Guangxi", "46": "Hainan",
    "50": "Chongqing", "51": "Sichuan", "52": "Guizhou", "53": "Yunnan", "54": "Tibet", "61": "Shaanxi",
    "62": "Gansu", "63": "Qinghai", "64": "Ningxia", "65": "Xinjiang", "71": "Taiwan",
    "81": "Hong Kong", "82": "Macao",
}  # fmt: skip


def _duns(value: str) -> str:
    """Return the 9-digit DUNS number or raise ValueError."""
    digits = re.sub(r"[\s\-.]", "", value)
    if not re.fullmatch(r"\d{9}", digits):
        raise ValueError("a DUNS number has nine digits")
    return digits


def _stdnum(module: object) -> Callable[[str], str]:
    """Wrap a python-stdnum module's validate() as a normaliser."""

    def check(value: str) -> str:
        return str(module.validate(value))  # type: ignore[attr-defined]

    return check


_VALIDATORS: dict[str, Callable[[str], str]] = {
    "uscc": _stdnum(uscc),
    "cnpj": _stdnum(cnpj),
    "lei": _stdnum(lei),
    "duns": _duns,
}


def normalize_identifier(scheme: str, value: str) -> str | None:
    """Return the compact, validated form of an identifier, or None when it is not valid."""
    scheme = scheme.strip().casefold()
    value = str(value).strip().upper()
    if not value:
        return None
    validator = _VALIDATORS.get(scheme)
    if validator is None:
        compact = re.sub(r"[^0-9A-Z]", "", value)
        return compact if len(compact) >= 5 else None  # other schemes (VAT, tax): compare compacted
    try:
        return validator(value)
    except (ValidationError, ValueError):
        return None


def is_valid(scheme: str, value: str) -> bool:
    """Return True when `value` is a valid identifier of `scheme`."""
    return normalize_identifier(scheme, value) is not None


def uscc_division(code: str) -> str | None:
    """Return the 6-digit administrative division code of a valid USCC, else None."""
    compact = normalize_identifier("uscc", code)
    return compact[2:8] if compact else None


def uscc_region(code: str) -> str | None:
    """Return the province-level region named by a valid USCC (e.g. 'Xinjiang'), else None."""
    division = uscc_division(code)
    return PROVINCES.get(division[:2]) if division else None


def is_xinjiang_uscc(code: str) -> bool:
    """Return True when a valid USCC was issued in the Xinjiang Uyghur Autonomous Region (division 65)."""
    division = uscc_division(code)
    return bool(division) and division is not None and division.startswith("65")


def _valid_by_scheme(ids: Sequence[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Group the valid identifiers of one side by scheme (validated once per distinct set of ids)."""
    return _valid_ids(tuple((str(scheme), str(value)) for scheme, value in ids)) if ids else {}


@lru_cache(maxsize=1 << 14)
def _valid_ids(ids: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for scheme, value in ids:
        compact = normalize_identifier(scheme, value)
        if compact:
            out.setdefault(scheme.strip().casefold(), set()).add(compact)
    return {scheme: frozenset(values) for scheme, values in out.items()}


def compare_identifiers(a: Sequence[tuple[str, str]], b: Sequence[tuple[str, str]]) -> int:
    """Return 1 when a valid identifier is shared, -1 when same-scheme valid ones all differ, else 0."""
    if not a or not b:  # most pairs: one side carries no identifier
        return 0
    left, right = _valid_by_scheme(a), _valid_by_scheme(b)
    shared = set(left) & set(right)
    if any(left[s] & right[s] for s in shared):
        return 1
    return -1 if shared else 0


def shared_identifier(a: Sequence[tuple[str, str]], b: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """Return (scheme, value) of the first valid identifier on both sides, or ('', '')."""
    left, right = _valid_by_scheme(a), _valid_by_scheme(b)
    for scheme in sorted(set(left) & set(right)):
        common = sorted(left[scheme] & right[scheme])
        if common:
            return scheme, common[0]
    return "", ""

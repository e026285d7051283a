"""Context features: places, legal forms, qualifiers, numbers, countries and identifiers.

These are typed parts of a name (or record attributes) that agree or conflict; each function's
docstring is the sentence users see.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from scoring.identifiers import compare_identifiers
from scoring.legal_forms import class_relation
from scoring.normalize import NameParts, qualifier_key
from scoring.places import Path_, compatible, place_paths, place_words
from scoring.sides import Side, feature


def places(p: NameParts) -> frozenset[Path_]:
    """Return the places a name mentions in its words or qualifiers, as containment paths."""
    return _places(p.core, p.qualifiers)


@lru_cache(maxsize=1 << 16)
def _places(core: tuple[str, ...], qualifiers: tuple[str, ...]) -> frozenset[Path_]:
    """`places`, once per name: every candidate pair asks it of both names."""
    return place_paths([*core, *(w for q in qualifiers for w in q.split())])


def _places_shows(s: Side) -> str:
    return " ".join(sorted("/".join(path) for path in places(s.parts)))


@feature(shows=_places_shows)
def place_conflict(q: Side, c: Side) -> float:
    """Both names mention places and none can be the same (e.g. 'Santander Mexico' / 'Santander Chile')."""
    return float(not compatible(places(q.parts), places(c.parts)))


def _forms(s: Side) -> str:
    return " ".join(s.parts.legal_forms) + (f" ({s.parts.legal_class})" if s.parts.legal_class else "")


@feature(shows=_forms)
def legal_form_agree(q: Side, c: Side) -> float:
    """Both names carry a legal form of the same kind (weak evidence: translations change legal forms)."""
    return float(class_relation(q.parts.legal_class, c.parts.legal_class) == 1)


@feature(shows=_forms)
def legal_form_conflict(q: Side, c: Side) -> float:
    """The names carry incompatible kinds of legal form (e.g. a partnership and a limited company)."""
    return float(class_relation(q.parts.legal_class, c.parts.legal_class) == -1)


@feature(shows=lambda s: "; ".join(s.parts.qualifiers))
def qualifier_conflict(q: Side, c: Side) -> float:
    """Both names carry a branch or place qualifier, and the qualifiers differ."""
    # Spellings of one place are one qualifier: "(HK)" / "(Hong Kong)", "(Viet Nam)" / "(Vietnam)".
    # A misspelt place is the place: "(Natong)" is "(Nantong)", while two known places one letter apart
    # ("(Hunan)" / "(Henan)") are two places.
    a, b = {qualifier_key(x) for x in q.parts.qualifiers}, {qualifier_key(x) for x in c.parts.qualifiers}
    if not (a and b) or a & b:
        return 0.0
    return float(not any(_slipped(x, y) for x in a for y in b))


def _slipped(x: str, y: str) -> bool:
    """Return True when one of two qualifiers of four letters or more is the other with one edit (two
    letters swapped counting one) and not itself a known place: pinyin places two letters apart are
    often two places ("Shenzhen" / "Shenzhou")."""
    if min(len(x), len(y)) < 4:
        return False
    places = place_words()
    return (x not in places or y not in places) and OSA.distance(x, y, score_cutoff=1) <= 1


def _numbers_shows(s: Side) -> str:
    designated = set(s.parts.designated)
    return " ".join(f"No. {n}" if n in designated else n for n in s.parts.numbers)


def _numbers_differ(q: Side, c: Side) -> bool:
    a, b = set(q.parts.numbers), set(c.parts.numbers)
    return bool(a and b) and a != b


@feature(shows=_numbers_shows)
def number_conflict(q: Side, c: Side) -> float:
    """Both names carry numbers, one written as an entity's number ('No. 1' / 'No. 2'), and they differ."""
    return float(_numbers_differ(q, c) and bool(q.parts.designated or c.parts.designated))


@feature(shows=_numbers_shows)
def series_conflict(q: Side, c: Side) -> float:
    """Both names carry plain numbers (fund vintages 'IV' / 'V', series '2007-1' / '2007-2') that differ."""
    return float(_numbers_differ(q, c) and not (q.parts.designated or c.parts.designated))


@feature(shows=lambda s: s.country or "")
def country_agree(q: Side, c: Side) -> float:
    """Both sides give a country and it is the same."""
    return float(bool(q.country and c.country) and q.country == c.country)


@feature(shows=lambda s: s.country or "")
def country_conflict(q: Side, c: Side) -> float:
    """Both sides give a country and the countries differ."""
    return float(bool(q.country and c.country) and q.country != c.country)


def _ids(s: Side) -> str:
    return " ".join(f"{k}:{v}" for k, v in s.identifiers)


@feature(shows=_ids)
def identifier_agree(q: Side, c: Side) -> float:
    """Both sides carry the same valid company identifier (USCC, CNPJ, LEI or DUNS)."""
    return float(compare_identifiers(q.identifiers, c.identifiers) == 1)


@feature(shows=_ids)
def identifier_conflict(q: Side, c: Side) -> float:
    """Both sides carry a valid identifier of the same kind and the identifiers differ."""
    return float(compare_identifiers(q.identifiers, c.identifiers) == -1)

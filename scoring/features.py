"""Pair features: pure functions (query, candidate) -> float, each explained by its docstring.

The first line of each feature's docstring is the sentence users see next to its contribution, so it
must say in plain words what was compared. Every feature is symmetric in its two arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from scoring.identifiers import compare_identifiers
from scoring.legal_forms import class_relation
from scoring.normalize import NameParts, fold, parse_name

# Common business words (canonical tokens, see scoring/data/abbreviations.csv): they say what a company
# does, not which company it is, so sharing them is weak evidence. Chosen by us from general English.
GENERIC = frozenset(
    "industry international manufacturing group technology holding trading services engineering electric "
    "electronics chemical pharmaceutical national management development import export distribution "
    "enterprise systems communications machinery materials products textile metal company corporation "
    "bank investment logistics energy petroleum power steel mining construction production agriculture "
    "food china global general united new american asia pacific europe consulting partners capital fund "
    "resources shipping transport marine oil gas solutions network online motor garment cotton commercial "
    "finance financial insurance security research institute university academy science sciences medical "
    "health agency office center centre department ministry factory plant mill works co limited "
    "business world associates brothers association foundation economic supply supplies equipment "
    "airlines air aviation shipping maritime tech exchange".split()
)
JW_SAME = 0.9  # Jaro-Winkler similarity above which two tokens count as the same word


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a pair: the parsed name plus the attributes some features compare."""

    parts: NameParts
    country: str | None = None  # ISO alpha-2
    identifiers: tuple[tuple[str, str], ...] = ()


def make_side(name: str, country: str | None = None, identifiers: Sequence[tuple[str, str]] = ()) -> Side:
    """Parse `name` and bundle it with its country and identifiers."""
    code = (country or "").strip().upper() or None
    return Side(parse_name(name), code, tuple(identifiers))


FeatureFn = Callable[[Side, Side], float]


@dataclass(frozen=True, slots=True)
class Feature:
    """A registered feature: its function and what it shows as the compared values."""

    name: str
    fn: FeatureFn
    shows: Callable[[Side], str]

    @property
    def description(self) -> str:
        """Return the first line of the feature's docstring (the user-facing explanation)."""
        return (self.fn.__doc__ or "").strip().splitlines()[0] if self.fn.__doc__ else ""


REGISTRY: dict[str, Feature] = {}


def _core(s: Side) -> str:
    return s.parts.key


def _forms(s: Side) -> str:
    return " ".join(s.parts.legal_forms) + (f" ({s.parts.legal_class})" if s.parts.legal_class else "")


def feature(shows: Callable[[Side], str] = _core) -> Callable[[FeatureFn], FeatureFn]:
    """Register a feature function under its name."""

    def register(fn: FeatureFn) -> FeatureFn:
        REGISTRY[fn.__name__] = Feature(fn.__name__, fn, shows)
        return fn

    return register


@cache
def _country_words() -> dict[str, str]:
    """Return folded one-word country names (from pycountry) -> alpha-2 code."""
    out: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            words = fold(getattr(country, attr, "") or "")
            if len(words) == 1 and len(words[0]) > 3:
                out[words[0]] = country.alpha_2
    out |= {"usa": "US", "uk": "GB", "britain": "GB", "england": "GB", "russia": "RU", "korea": "KR"}
    out |= {"iran": "IR", "hongkong": "HK", "hk": "HK", "taiwan": "TW", "vietnam": "VN", "mexico": "MX"}
    return out


def places(p: NameParts) -> frozenset[str]:
    """Return the countries a name mentions in its words or qualifiers (ISO alpha-2 codes)."""
    table = _country_words()
    words = [*p.core, *(w for q in p.qualifiers for w in q.split())]
    return frozenset(table[w] for w in words if w in table)


def _distinctive(p: NameParts) -> tuple[str, ...]:
    return _distinctive_words(p.core)


@lru_cache(maxsize=1 << 16)
def _distinctive_words(core: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in core if t not in GENERIC)


def _unmatched(a: Sequence[str], b: Sequence[str]) -> int:
    """Count tokens of `a` with no close token in `b`."""
    return sum(1 for t in a if not any(_same_word(t, u) for u in b))


@lru_cache(maxsize=1 << 18)
def _same_word(a: str, b: str) -> bool:
    """Return True when two tokens are the same word up to a small spelling difference."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return JaroWinkler.similarity(a, b) >= JW_SAME or fuzz.ratio(a, b) >= 80


@feature()
def exact_name(q: Side, c: Side) -> float:
    """The two names have exactly the same core words after normalisation."""
    return float(bool(q.parts.core) and q.parts.core == c.parts.core)


@feature()
def token_set(q: Side, c: Side) -> float:
    """Share of words the two names have in common, ignoring word order and legal forms."""
    return fuzz.token_set_ratio(q.parts.key, c.parts.key) / 100.0


@feature()
def token_sort(q: Side, c: Side) -> float:
    """Similarity of the two names with their words sorted, so word order does not matter."""
    return fuzz.token_sort_ratio(q.parts.key, c.parts.key) / 100.0


@feature()
def char_similarity(q: Side, c: Side) -> float:
    """Character-level similarity of the two names written in Latin letters without spaces."""
    return fuzz.ratio(q.parts.compact, c.parts.compact) / 100.0


@feature()
def jaro_winkler(q: Side, c: Side) -> float:
    """Jaro-Winkler similarity of the two names without spaces, which rewards a shared beginning."""
    return float(JaroWinkler.similarity(q.parts.compact, c.parts.compact))


@feature(shows=lambda s: f"{s.parts.key} [{s.parts.script}]")
def romanised_similarity(q: Side, c: Side) -> float:
    """When a name is in a non-Latin script, similarity of the distinctive words after romanisation."""
    if q.parts.script in ("latin", "none") and c.parts.script in ("latin", "none"):
        return 0.0
    a, b = "".join(_distinctive(q.parts)), "".join(_distinctive(c.parts))
    best = fuzz.ratio(a, b) if a and b else 0.0
    return max(best, fuzz.ratio(q.parts.compact, c.parts.compact)) / 100.0


@feature(shows=lambda s: s.parts.script)
def script_differs(q: Side, c: Side) -> float:
    """The two names are written in different scripts (for example Chinese and Latin)."""
    known = {q.parts.script, c.parts.script} - {"none"}
    return float(len(known) == 2)


def _acronym_shows(s: Side) -> str:
    return " / ".join(dict.fromkeys(x for x in (s.parts.compact, *s.parts.acronyms, *s.parts.aliases) if x))


@feature(shows=lambda s: " / ".join(s.parts.aliases) or s.parts.compact)
def alias_match(q: Side, c: Side) -> float:
    """One name declares the other as its alias in brackets (e.g. 'Naftiran Intertrade Company (NICO)')."""
    a, b = q.parts, c.parts
    if set(a.aliases) & ({b.compact, *b.aliases} if b.compact else set(b.aliases)):
        return 1.0
    return float(bool(b.aliases) and a.compact in b.aliases)


@feature(shows=_acronym_shows)
def acronym_match(q: Side, c: Side) -> float:
    """One name is the acronym of the other (e.g. XPCC for Xinjiang Production and Construction Corps)."""
    a, b = q.parts, c.parts
    for short, long in ((a, b), (b, a)):
        if len(short.core) != 1 or len(short.compact) < 2:
            continue
        if short.compact == long.acronym or (len(short.compact) >= 3 and short.compact in long.acronyms):
            return 1.0
    return 0.0


@feature(shows=lambda s: " ".join(_distinctive(s.parts)))
def distinctive_overlap(q: Side, c: Side) -> float:
    """Share of the shorter name's distinctive (non-generic) words that also appear in the other name."""
    a, b = _distinctive(q.parts), _distinctive(c.parts)
    if not a or not b:
        return 0.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return 1.0 - _unmatched(short, long) / len(short)


@feature(shows=lambda s: " ".join(_distinctive(s.parts)))
def distinctive_unmatched(q: Side, c: Side) -> float:
    """Share of all distinctive words, on both sides, that have no counterpart in the other name."""
    a, b = _distinctive(q.parts), _distinctive(c.parts)
    total = len(a) + len(b)
    return (_unmatched(a, b) + _unmatched(b, a)) / total if total else 0.0


@feature()
def word_unmatched(q: Side, c: Side) -> float:
    """Share of all words, generic ones included, that have no counterpart in the other name."""
    a, b = q.parts.core, c.parts.core
    total = len(a) + len(b)
    return (_unmatched(a, b) + _unmatched(b, a)) / total if total else 0.0


@feature(shows=lambda s: " ".join(sorted(places(s.parts))))
def place_conflict(q: Side, c: Side) -> float:
    """Both names mention a country and the countries differ (e.g. 'Santander Mexico', 'Santander Chile')."""
    a, b = places(q.parts), places(c.parts)
    return float(bool(a and b) and not a & b)


@feature(shows=lambda s: " ".join(s.parts.core) and s.parts.core[0])
def first_word(q: Side, c: Side) -> float:
    """Similarity of the first words of the two names."""
    if not q.parts.core or not c.parts.core:
        return 0.0
    return float(JaroWinkler.similarity(q.parts.core[0], c.parts.core[0]))


@feature(shows=lambda s: str(len(s.parts.compact)))
def length_ratio(q: Side, c: Side) -> float:
    """Length of the shorter name divided by the length of the longer one."""
    a, b = len(q.parts.compact), len(c.parts.compact)
    return min(a, b) / max(a, b) if max(a, b) else 1.0


@feature()
def token_subset(q: Side, c: Side) -> float:
    """Every word of one name appears in the other (e.g. 'Deutsche Bank' in 'Deutsche Bank AG Branch')."""
    a, b = set(q.parts.core), set(c.parts.core)
    return float(bool(a and b) and (a <= b or b <= a))


@feature(shows=lambda s: " ".join(_distinctive(s.parts)) or "(generic words only)")
def generic_only(q: Side, c: Side) -> float:
    """At least one name consists only of generic business words, which identify no company by themselves."""
    return float(not _distinctive(q.parts) or not _distinctive(c.parts))


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
    a, b = set(q.parts.qualifiers), set(c.parts.qualifiers)
    return float(bool(a and b) and not a & b)


@feature(shows=lambda s: " ".join(s.parts.numbers))
def number_conflict(q: Side, c: Side) -> float:
    """Both names carry numbers (e.g. 'No. 1' and 'No. 2') and the numbers differ."""
    a, b = set(q.parts.numbers), set(c.parts.numbers)
    return float(bool(a and b) and a != b)


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


FEATURE_NAMES: tuple[str, ...] = tuple(REGISTRY)


def feature_vector(q: Side, c: Side) -> list[float]:
    """Compute every registered feature for one pair, in registry order."""
    return [REGISTRY[name].fn(q, c) for name in FEATURE_NAMES]

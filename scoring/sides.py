"""One side of a name pair, and the registry that pair features are declared in.

A feature is a pure, symmetric function (query side, candidate side) -> float in [0, 1] whose
docstring's first line is the sentence users see next to its contribution. ``@feature()`` registers it
in order; ``scoring.features`` imports the feature modules so the order is fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scoring.normalize import NameParts, parse_name


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


def core_text(s: Side) -> str:
    """Show a side's core words."""
    return s.parts.key


def feature(shows: Callable[[Side], str] = core_text) -> Callable[[FeatureFn], FeatureFn]:
    """Register a feature function under its name."""

    def register(fn: FeatureFn) -> FeatureFn:
        REGISTRY[fn.__name__] = Feature(fn.__name__, fn, shows)
        return fn

    return register

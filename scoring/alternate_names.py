"""Names written into one name: "Acme Ltd t/a Beta Textiles", "Acme LLC dba Beta", "Acme (formerly Beta Ltd)".

Supplier masters and procurement records often carry a trading name or a former name in the name field
itself. Read as one name, its other half is noise ("Acme Ltd t/a Beta Textiles" against "Beta Textiles"
scored 0.30), and a bracketed former name was a qualifier that conflicted with a place ("(formerly Beta
Limited)" against "(Hong Kong)"). `alternate_names` splits such a field into the name and its
alternates; the matcher screens each and keeps an entity's best score.

Markers (case-insensitive, whole words): trading as, t/a, doing business as, d/b/a, d.b.a., dba, also
known as, a/k/a, a.k.a., formerly known as, formerly, f/k/a, f.k.a., fka, previously known as,
previously, now known as, n/k/a. A bare "aka" is not a marker: it is a word in Japanese names (赤,
red). A part counts only when it has name words of its own, so "DBA Group" and "Nordic Trading AS"
stay one name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scoring.normalize import parse_name

_MARKER = (
    r"(?:trading\s+as|t/a|doing\s+business\s+as|d/b/a|d\.b\.a\.?|dba|also\s+known\s+as|a/k/a|a\.k\.a\.?"
    r"|formerly\s+known\s+as|formerly|f/k/a|f\.k\.a\.?|fka|previously\s+known\s+as|previously"
    r"|now\s+known\s+as|n/k/a)"
)
# A marker between two parts of the field (or at the start of a bracket); "\b" does not work before
# "t/a" or after "a.k.a.", so spaces, brackets, commas or the ends of the text delimit it.
_INLINE = re.compile(rf"(?:^|(?<=[\s,;(]))[,;]?\s*{_MARKER}(?=[\s:,]|$)[:,]?", re.IGNORECASE)
_BRACKETED = re.compile(rf"[(\[]\s*{_MARKER}[:,]?\s+([^()\[\]]+)[)\]]", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)
def alternate_names(name: str) -> tuple[str, ...]:
    """Return the name and the names written into it after a marker, the name first; `(name,)` if none."""
    alternates: list[str] = []

    def take(match: re.Match[str]) -> str:
        alternates.append(match.group(1))
        return " "

    text = _BRACKETED.sub(take, name)
    parts = [p.strip(" ,;") for p in _INLINE.split(text)]
    head, rest = parts[0], parts[1:]
    found = [p for p in [*rest, *alternates] if parse_name(p).core]
    if not found or not parse_name(head).core:
        return (name,)
    return tuple(dict.fromkeys([head, *found]))

"""Numbers in names: "No. 1", "3rd", "First", "Forty-Four" and a trailing "VIII" become typed numbers.

Numbered entities ("Shenyang No. 1 Laogai Detachment" / "... No. 2 ...") are distinct legal persons,
so numbers are kept apart from the name's words and compared on their own.
"""

from __future__ import annotations

import re

_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11}
_ROMAN["xii"] = 12
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}
_ORDINAL_WORDS = {
    w: i + 1 for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split())
}
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | _TENS
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


def number_words(tokens: list[str]) -> list[str]:
    """Replace English number words by digits ("forty four" -> "44", "first" -> "1th")."""
    out: list[str] = []
    for tok in tokens:
        if tok in _ORDINAL_WORDS:
            out.append(f"{_ORDINAL_WORDS[tok]}th")
        elif tok in _NUMBER_WORDS:
            value = _NUMBER_WORDS[tok]
            if out and out[-1].isdigit() and int(out[-1]) in _TENS.values() and 0 < value < 10:
                out[-1] = str(int(out[-1]) + value)  # "forty four" -> 44
            else:
                out.append(str(value))
        else:
            out.append(tok)
    return out


def split_numbers(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Take numbers ("no 1", "3rd", "ii" at the end) out of `tokens` when words remain."""
    core: list[str] = []
    numbers: list[str] = []
    tokens = number_words(tokens)
    for i, tok in enumerate(tokens):
        ordinal = _ORDINAL.match(tok)
        if tok.isdigit() or ordinal:
            numbers.append(str(int(ordinal.group(1) if ordinal else tok[:18])))
        elif tok in _ROMAN and i == len(tokens) - 1 and i > 0:
            numbers.append(str(_ROMAN[tok]))
        elif tok in ("no", "nr", "num") and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            continue
        else:
            core.append(tok)
    return (core, numbers) if core else (tokens, [])

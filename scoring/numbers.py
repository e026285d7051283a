"""Numbers in names: "No. 1", "3rd", "First", "Forty-Four" and a trailing "VIII" become typed numbers.

Numbers are kept apart from the name's words and compared on their own, in two kinds:

- designated numbers, written as an entity's number ("No. 1", "Nr 2", "3rd", "First"): numbered
  entities ("Shenyang No. 1 Laogai Detachment" / "... No. 2 ...") are distinct legal persons;
- plain numbers (a bare "2007", a trailing Roman "IV"): fund vintages and series of one sponsor
  ("Carlyle Partners VII" / "VIII"), years, street numbers - siblings more often than strangers.
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


_DESIGNATORS = ("no", "nr", "num")
_GLUED = re.compile(r"^(no|nr|num)(\d+)$")  # "No.2" folds to "no2"
_CJK_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CJK_NUMBER = re.compile(r"第([0-9零〇一二两三四五六七八九十百]+)|([0-9零〇一二两三四五六七八九十百]+)号")


def cjk_value(text: str) -> int | None:
    """Return the value of a Chinese or Arabic numeral up to 999 ("十二" -> 12, "一百零五" -> 105)."""
    if text.isdigit():
        return int(text[:18])
    total, digit = 0, None
    for ch in text:
        if ch in _CJK_DIGITS:
            digit = _CJK_DIGITS[ch]
        elif ch in "十百":
            total += (1 if digit is None else digit) * (10 if ch == "十" else 100)
            digit = None
        else:
            return None
    return total + (digit or 0)


def cjk_designated(text: str) -> str:
    """Write Chinese entity numbers ("第一师", "二号") as " No. N " so they are typed like "No. 1"."""

    def render(m: re.Match[str]) -> str:
        value = cjk_value(m.group(1) or m.group(2))
        return m.group(0) if value is None else f" No. {value} "

    return _CJK_NUMBER.sub(render, text)


def _unglue(tok: str) -> tuple[str, ...]:
    m = _GLUED.match(tok)
    return (m.group(1), m.group(2)) if m else (tok,)


def split_numbers(tokens: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Take numbers ("no 1", "3rd", "ii" at the end) out of `tokens` when words remain.

    Returns (core words, every number, the designated numbers among them).
    """
    core: list[str] = []
    numbers: list[str] = []
    designated: list[str] = []
    tokens = [part for tok in number_words(tokens) for part in _unglue(tok)]
    for i, tok in enumerate(tokens):
        ordinal = _ORDINAL.match(tok)
        if tok.isdigit() or ordinal:
            value = str(int(ordinal.group(1) if ordinal else tok[:18]))
            numbers.append(value)
            if ordinal or (i > 0 and tokens[i - 1] in _DESIGNATORS):
                designated.append(value)
        elif tok in _ROMAN and i == len(tokens) - 1 and i > 0:
            numbers.append(str(_ROMAN[tok]))
        elif tok in _DESIGNATORS and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            continue
        else:
            core.append(tok)
    return (core, numbers, designated) if core else (tokens, [], [])

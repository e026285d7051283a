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
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
    )
} | {w[:-1] + "ieth": v for w, v in _TENS.items()}  # twentieth, thirtieth, ...
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | _TENS
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


def _joins(total: int, current: int, value: int) -> bool:
    """Return True when number word `value` continues a number spelt so far as `total` + `current`."""
    if current % 100 == 0 and total + current > 0:  # "one hundred" "five", "two thousand" "twenty"
        return value < 100
    return current % 100 in _TENS.values() and 0 < value < 10  # "forty" "four", "twenty" "first"


_ORDINAL_SCALES = {"hundredth": "hundred", "thousandth": "thousand"}


def _spell(run: tuple[int, int] | None, tok: str) -> tuple[tuple[int, int], bool] | None:
    """Read number word `tok` after the number `run` = (thousands so far, the rest) spelt before it
    (None when the previous token was no number word): the new run and whether `tok` continued it, or
    None when `tok` is no number word."""
    total, current = run or (0, 0)
    if tok == "hundred":
        return ((total, current * 100), True) if run and 0 < current < 100 else ((0, 100), False)
    if tok == "thousand":
        return (
            ((1000 * (total + current), 0), True)
            if run and 0 < total + current < 1000
            else ((1000, 0), False)
        )
    value = _NUMBER_WORDS.get(tok, _ORDINAL_WORDS.get(tok))
    if value is None:
        return None
    return ((total, current + value), True) if run and _joins(total, current, value) else ((0, value), False)


def number_words(tokens: list[str]) -> list[str]:
    """Replace English number words by digits ("forty four" -> "44", "twenty-first" -> "21th",
    "two thousand one hundred five" -> "2105", "first" -> "1th"); separate numbers stay separate
    ("one two" -> "1", "2"). Connectors are gone by now: "one hundred and five" arrives without "and"."""
    out: list[str] = []
    run: tuple[int, int] | None = None
    for tok in tokens:
        ordinal = tok in _ORDINAL_WORDS or tok in _ORDINAL_SCALES
        read = _spell(run, _ORDINAL_SCALES.get(tok, tok))
        if read is None:
            out.append(tok)
            run = None
            continue
        run, continued = read
        if not continued:
            out.append("")
        out[-1] = str(sum(run))
        if ordinal:  # an ordinal ends the number: "twenty first" "two" is 21th, 2
            out[-1] += "th"
            run = None
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

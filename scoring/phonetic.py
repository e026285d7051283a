"""Consonant skeletons of names that Chinese renders by sound: 康卡斯特 (kang ka si te) and Comcast both
reduce to "KNKST", 伟世通 (wei shi tong) and Visteon to "WSTN".

A Chinese transliteration keeps a foreign name's consonants roughly and in order, one syllable each (a
final consonant gets a syllable of its own: Comcast -> kang ka si te), and loses the vowels and the
finer distinctions. Both names are reduced to the same classes of consonants: b/p, d/t and g/k/hard c
are one class each; l and r are one (Chinese writes a foreign r before a vowel with an l syllable, and
drops it after a vowel: Gartner -> 高德纳 gao de na); s, z, sh, ch, j, x, q and soft c are one; m and n
are one, and a syllable's final n or ng counts as one (kang for "com"); v and w are one; h and y are
dropped; f stays f. Runs of one class are merged, so a doubled letter counts once.

The classes are our own grouping of the initials and finals of the Scheme for the Chinese Phonetic
Alphabet (汉语拼音方案, 1958) against English spelling; round 57 of docs/matching.md measures them on
the enzh dev pairs. Whether a Latin word is itself pinyin (and so compared letter by letter elsewhere)
is read off the syllables of pypinyin's character table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

# Pinyin initials (longest first) -> class; "" drops the sound.
_INITIALS = (
    ("zh", "S"), ("ch", "S"), ("sh", "S"),
    ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"), ("g", "K"), ("k", "K"), ("f", "F"), ("h", ""),
    ("j", "S"), ("q", "S"), ("x", "S"), ("z", "S"), ("c", "S"), ("s", "S"),
    ("l", "L"), ("r", "L"), ("m", "N"), ("n", "N"), ("w", "W"), ("y", ""),
)  # fmt: skip
# English letters and digraphs (longest first) -> class; `latin_skeleton` reads c and r by context.
_LETTERS = (
    ("ph", "F"), ("th", "T"), ("sh", "S"), ("ch", "S"), ("ck", "K"), ("qu", "K"), ("gh", ""), ("x", "KS"),
    ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"), ("g", "K"), ("k", "K"), ("q", "K"), ("f", "F"),
    ("v", "W"), ("w", "W"), ("l", "L"), ("m", "N"), ("n", "N"), ("s", "S"), ("z", "S"), ("j", "S"),
    ("h", ""), ("y", ""),
)  # fmt: skip
_VOWELS = frozenset("aeiouy")
_RUNS = re.compile(r"(.)\1+")


def pinyin_skeleton(syllables: Iterable[str]) -> str:
    """Return the consonant classes of toneless pinyin syllables ("kang ka si te" -> "KNKST")."""
    out = []
    for syllable in syllables:
        rest = syllable.casefold()
        for initial, cls in _INITIALS:
            if rest.startswith(initial):
                out.append(cls)
                rest = rest[len(initial) :]
                break
        if rest.endswith("n") or rest.endswith("ng"):
            out.append("N")
        elif rest == "er":  # 尔, the usual rendering of a foreign r or l
            out.append("L")
    return _RUNS.sub(r"\1", "".join(out))


@lru_cache(maxsize=1 << 14)
def chinese_skeleton(chinese: str) -> str:
    """Return the consonant classes of the pinyin of Chinese characters ("康卡斯特" -> "KNKST")."""
    return pinyin_skeleton(lazy_pinyin(chinese))


@lru_cache(maxsize=1 << 16)
def latin_skeleton(words: tuple[str, ...]) -> str:
    """Return the consonant classes of folded Latin words as Chinese hears them ("comcast" -> "KNKST")."""
    out = []
    for word in words:
        i = 0
        while i < len(word):
            ch = word[i]
            nxt = word[i + 1] if i + 1 < len(word) else ""
            if ch == "c" and nxt != "h" and nxt != "k":
                out.append("S" if nxt in ("e", "i", "y") else "K")
                i += 1
                continue
            if ch == "r":  # a vowel after it: an l syllable; otherwise silent
                out.append("L" if nxt in _VOWELS else "")
                i += 1
                continue
            for letters, cls in _LETTERS:
                if word.startswith(letters, i):
                    out.append(cls)
                    i += len(letters)
                    break
            else:
                i += 1  # a vowel, or a character no class takes
    return _RUNS.sub(r"\1", "".join(out))


@cache
def pinyin_syllables() -> frozenset[str]:
    """Return every toneless pinyin syllable of pypinyin's character table ("zhong", "a", "er")."""
    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = "".join(
                ch for ch in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(ch)
            )
            if plain.isascii() and plain.isalpha():
                found.add(plain.casefold())
    return frozenset(found)


@lru_cache(maxsize=1 << 14)
def is_pinyin(word: str) -> bool:
    """Return True when a folded Latin word is a run of pinyin syllables ("tianshan", "huafu", "nike")."""
    syllables = pinyin_syllables()
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(start in ends and word[start:end] in syllables for start in range(max(0, end - 6), end)):
            ends.add(end)
    return bool(word) and len(word) in ends

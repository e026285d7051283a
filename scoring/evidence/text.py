"""Small text helpers for evidence: word tokens with plural folding, phrase and CJK substring search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _fold(text: str) -> str:
    """Casefold and strip accents (Ürümqi -> urumqi) so spellings compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """Fold an English plural to its singular (tomatoes -> tomato, batteries -> battery)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> tuple[str, ...]:
    """Split text into folded, singularised word tokens (CJK characters are left to `has_cjk`); "&" is
    the word "and", so "Production & Construction Corps" reads as the phrase with "and"."""
    return tuple(stem(w) for w in _WORD.findall(_fold(text).replace("&", " and ")) if not _CJK.search(w))


@lru_cache(maxsize=8192)
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Return the tokens of a search phrase (cached: phrases come from small fixed tables)."""
    return tokens(phrase)


@lru_cache(maxsize=8192)
def has_cjk(phrase: str) -> bool:
    """Return True when a phrase is written in Chinese characters."""
    return bool(_CJK.search(phrase))


def contains(text_tokens: tuple[str, ...], text: str, phrase: str) -> bool:
    """Return True when the phrase occurs in the text: as whole words, or as a substring for CJK."""
    if has_cjk(phrase):
        return phrase in text
    needle = phrase_tokens(phrase)
    if not needle or needle[0] not in text_tokens:
        return False
    n = len(needle)
    return any(text_tokens[i : i + n] == needle for i in range(len(text_tokens) - n + 1))

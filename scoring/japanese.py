"""Japanese readings: tell a Japanese name from a Chinese one and romanise it in Hepburn.

A name counts as Japanese when it holds kana or a legal form that only Japanese uses (``株式会社``,
``有限会社``, ``合同会社``, ``合資会社``, ``合名会社``); any other Han text keeps its Chinese reading,
so a Japanese name written in kanji alone without such a form (``三菱商事``) still reads as pinyin.

Japanese text is read with cutlet (MIT), which tokenises with fugashi (MIT, MeCab BSD) and the UniDic
dictionary of unidic-lite (BSD): each word gets its dictionary reading (``三菱`` -> mitsubishi), or the
foreign spelling UniDic records for a loanword (``ファースト`` -> first). The reading is Hepburn
without macrons, the way company names are written in Latin letters: long vowels are written once
(``東芝`` toushiba -> toshiba, ``工業`` kougyou -> kogyo, ``ソニー`` -> soni).

The tokenizer is imported and built on the first Japanese name only, so Chinese and Latin names never
load it.
"""

from __future__ import annotations

import logging
import re
import shlex
import threading
from collections.abc import Callable
from functools import cache
from typing import Any

__all__ = ["JAPANESE_FORMS", "hepburn", "is_japanese"]

_log = logging.getLogger(__name__)

# Legal forms written with 会社 (Japanese shinjitai; Chinese writes 公司, Korean hanja 會社).
# legal_forms.csv lists the first three (stripped from names); the partnership forms 合資会社 and
# 合名会社 are not in that table yet, so here they only mark a name as Japanese.
JAPANESE_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
# Hiragana and katakana letters and iteration marks; not the middle dot ・ (U+30FB) nor the bare
# prolonged-sound mark ー (U+30FC), which Chinese text also uses.
KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff]")
_LONG_VOWEL = re.compile(r"ou|oo|uu")
_LOCK = threading.Lock()  # a MeCab tagger is not shared between threads at once


def is_japanese(text: str) -> bool:
    """Return True when `text` (already NFKC-cleaned) holds kana or a Japanese-only legal form."""
    return KANA.search(text) is not None or any(form in text for form in JAPANESE_FORMS)


def fold_long_vowels(word: str) -> str:
    """Write the long vowels of a Hepburn word once, as macron-less Hepburn does (kougyou -> kogyo)."""
    return _LONG_VOWEL.sub(lambda m: m.group(0)[0], word)


@cache
def _romaniser() -> Callable[[str], str] | None:
    """Build the cutlet romaniser on first use; None (logged once) when it cannot be loaded."""
    try:
        import cutlet  # lazy: only Japanese names pay for the tokenizer
        import unidic_lite
        from cutlet.cutlet import has_foreign_lemma
    except ImportError as exc:  # a broken install: Japanese names fall back to the Chinese reading
        _log.warning("Japanese readings unavailable (%s); kanji keep their Chinese reading", exc)
        return None

    class _Hepburn(cutlet.Cutlet):  # type: ignore[misc]
        """cutlet's Hepburn with long vowels written once and the prolonged-sound mark dropped."""

        def romaji_word(self, word: Any) -> str:
            roma = str(super().romaji_word(word))
            surface = str(word.surface)
            if surface.isascii() or surface in self.exceptions or has_foreign_lemma(word):
                return roma  # Latin text, cutlet's fixed spellings (Tokyo) and loanwords stay as given
            return fold_long_vowels(roma)

        def get_single_mapping(self, pk: str | None, kk: str, nk: str | None) -> str:
            return "" if kk == "ー" else str(super().get_single_mapping(pk, kk, nk))

    dicdir = unidic_lite.DICDIR
    args = f"-d {shlex.quote(dicdir)} -r {shlex.quote(dicdir + '/mecabrc')}"
    try:
        katsu = _Hepburn("hepburn", use_foreign_spelling=True, ensure_ascii=False, mecab_args=args)
    except Exception as exc:  # MeCab reports a missing or broken dictionary as RuntimeError
        _log.warning("Japanese readings unavailable (%s); kanji keep their Chinese reading", exc)
        return None

    def romaji(text: str) -> str:
        with _LOCK:
            return str(katsu.romaji(text, capitalize=False))

    return romaji


def hepburn(text: str) -> str | None:
    """Return the Hepburn reading of Japanese `text` as lower-case words, None when unavailable."""
    romaji = _romaniser()
    if romaji is None:
        return None
    try:
        return romaji(text).casefold()
    except Exception:  # a name is never lost to a tokenizer fault: it keeps the Chinese reading
        _log.warning("Japanese reading failed for %r", text[:40], exc_info=True)
        return None

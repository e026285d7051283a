"""Helpers the table-building tools share (tools/ scripts import it from beside them)."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pypinyin import Style, lazy_pinyin, pinyin


def ambiguous(short: str) -> bool:
    """Return True when the pinyin of `short` is uncertain: a character of several readings (tones
    ignored) or a later syllable starting with a vowel (written with an apostrophe: Ji'an)."""
    return several_readings(short) or vowel_syllable(short)


def several_readings(short: str) -> bool:
    """Return True when a character of `short` has several readings, tones ignored (莎: sha, suo)."""
    # one character at a time: a phrase table can hide a reading (漯河 is Luohe)
    return any(len(set(pinyin(char, style=Style.NORMAL, heteronym=True)[0])) > 1 for char in short)


def vowel_syllable(short: str) -> bool:
    """Return True when a later syllable of `short` starts with a vowel (an apostrophe's place: Ji'an)."""
    return any(syllable[:1] in "aeo" for syllable in lazy_pinyin(short)[1:])


def only_xinjiang(senses: Sequence[str]) -> bool:
    """Return True when a word has senses and every one is a place in Xinjiang (CC-CEDICT definitions:
    洛浦 is "Lop County in Hotan Prefecture ..., Xinjiang"; 天山 is also a mountain range)."""
    return bool(senses) and all("Xinjiang" in sense for sense in senses)


Row = dict[str, str]


def rewrite_rows(
    table: Path, keep: Callable[[list[Row]], list[bool]], add: Callable[[list[Row]], list[Row]]
) -> tuple[int, int]:
    """Rewrite a CSV table: its header and the lines of the rows `keep` keeps, byte for byte, then the
    rows `add` makes from the kept ones (a tool rewriting the rows it wrote before). Return the number of
    rows kept and added. The tables hold one row a line: no cell of theirs breaks a line."""
    header, *lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = next(csv.reader([header]))
    rows = [dict(zip(fields, cells, strict=False)) for cells in csv.reader(lines)]
    kept_flags = keep(rows)
    kept = [row for row, flag in zip(rows, kept_flags, strict=True) if flag]
    added = add(kept)
    with table.open("w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        fh.writelines(line for line, flag in zip(lines, kept_flags, strict=True) if flag)
        csv.DictWriter(fh, fieldnames=fields, lineterminator="\n").writerows(added)
    return len(kept), len(added)


def write_table(path: Path, fieldnames: Sequence[str], rows: Sequence[dict[str, str]]) -> int:
    """Write `rows` to the CSV table at `path` (header first), say so on stdout and return 0."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(fieldnames), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sys.stdout.write(f"wrote {len(rows)} rows to {path}\n")
    return 0


def adcodes_arguments(description: str, table: Path, argv: list[str] | None) -> argparse.Namespace | None:
    """Parse the arguments of a tool reading cpca's adcodes.csv (and an optional --table); None, with
    the reason on stderr, when the file is missing."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("adcodes", type=Path, help="cpca's resources/adcodes.csv")
    parser.add_argument("--table", type=Path, default=table)
    args = parser.parse_args(argv)
    if not args.adcodes.is_file():
        sys.stderr.write(f"error: {args.adcodes} is not a file\n")
        return None
    return args

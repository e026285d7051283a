"""Tell which text encoding a supplier file uses, without loading the whole file.

Order of evidence: a byte-order mark (UTF-8, UTF-16, UTF-32); then a streaming check that every byte
of the file is valid UTF-8; then charset-normalizer on the first block. ERP exports from Western
Europe and the Americas are overwhelmingly Windows-1252, so when the detector answers with one of
its single-byte Latin cousins (cp1250, Latin-1, ...) and the file also reads as cp1252, cp1252 wins:
those code pages differ only in letters such as "ã", where cp1252 is the likelier truth.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

CHUNK = 1 << 20  # bytes read at a time while checking the whole file
SAMPLE = 256 * 1024  # bytes given to the detector
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings the detector may choose from: those supplier files are actually written in.
_CANDIDATES = [
    "cp1252", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "cp1250", "cp1251",
    "cp1254", "cp1256", "iso8859_2", "koi8_r", "utf_16_le", "utf_16_be",
]  # fmt: skip
_LATIN = {"cp1250", "cp1252", "cp1254", "latin_1", "iso8859_1", "iso8859_2", "iso8859_15", "mac_roman"}


class EncodingError(ValueError):
    """The file's bytes fit no encoding flscreen can read."""


def decodes(path: Path, encoding: str) -> bool:
    """Return True when the whole file decodes without error (streamed, chunk by chunk)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    """Return the Python codec name to read the file with; raise EncodingError when none fits."""
    with path.open("rb") as fh:
        head = fh.read(SAMPLE)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if decodes(path, "utf-8"):
        return "utf-8"
    best = charset_normalizer.from_bytes(head, cp_isolation=_CANDIDATES).best()
    if best is None and b"\x00" in head:
        raise EncodingError("looks like a binary file, not delimited text")
    guesses = [best.encoding] if best is not None else []
    if not guesses or guesses[0] in _LATIN:
        guesses.insert(0, "cp1252")
    for name in [*guesses, "gb18030"]:
        if decodes(path, name):
            return name
    raise EncodingError("cannot tell the text encoding (tried UTF-8, UTF-16, cp1252, GB18030); save as UTF-8")

"""Read a large JSON file one array element at a time, and say exactly where a broken one stops.

ijson's C backend (yajl) parses the file in 64 KiB blocks and builds only the elements asked for,
so memory follows the largest element, not the file. Around it this module adds what a supplier-file
reader needs: UTF-8, UTF-8 with BOM, UTF-16 and UTF-32 input (``json.detect_encoding``, as
``json.load`` does); numbers exactly as ``json.load`` reads them (ijson's default ``Decimal`` mode
keeps integers beyond 64 bits; callers turn decimals into floats with :func:`plain`); a nesting
limit, because ijson keeps the path of every open bracket, so a few kilobytes of ``[[[[...`` would
otherwise cost gigabytes; and an error that names the line and byte where parsing stopped.
"""

from __future__ import annotations

import ast
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import ijson
import numpy as np

MAX_DEPTH = 256  # an OCDS package nests under 10 levels
_NEVER = "\x00flscreen: matches no prefix"  # for a pass that parses without building anything

_ESCAPES = re.compile(rb"\\.", re.DOTALL)
_STRINGS = re.compile(rb'"[^"]*"')
_DROP = bytes(b for b in range(256) if b not in b'[]{}"')  # keep brackets and quotes only
_OPEN, _CLOSE, _QUOTE, _BACKSLASH = b"[{", b"]}", 0x22, 0x5C

_REASONS = {  # yajl's wording -> the user's
    "premature EOF": "the file ends mid-JSON, as if cut short",
    "trailing garbage": "more text after the end of the JSON",
}


class JSONStreamError(Exception):
    """The JSON stops being readable: why, and where (1-based line, 0-based byte offset)."""

    def __init__(self, reason: str, line: int, offset: int | None) -> None:
        self.reason, self.line, self.offset = reason, line, offset
        super().__init__(f"{self.where}: {reason}")

    @property
    def where(self) -> str:
        """Return e.g. 'line 1,240, byte offset 5,678,901' (no offset for UTF-16/32 files)."""
        if self.offset is None:
            return f"line {self.line:,}"
        return f"line {self.line:,}, byte offset {self.offset:,}"


@dataclass(slots=True)
class DepthGuard:
    """Follow the nesting depth of JSON text fed in pieces, without parsing it.

    ``feed`` returns the index in the piece of the bracket that opens level ``limit + 1``, or None.
    The fast path keeps only brackets and quotes (escapes removed, strings dropped) and takes the
    running depth with numpy; a piece that goes too deep is walked byte by byte to find the bracket.
    """

    limit: int = MAX_DEPTH
    depth: int = 0
    in_string: bool = False
    escaped: bool = False  # the piece before ended on the backslash of an escape

    def feed(self, piece: bytes) -> int | None:
        """Advance over a piece of JSON text; return where it first nests deeper than the limit."""
        if not piece:
            return None
        text = piece[1:] if self.escaped else piece
        text = _ESCAPES.sub(b"", text)
        escaped = text.endswith(b"\\")  # a lone backslash can only be left at the very end
        marks = text.translate(None, _DROP)
        if self.in_string:
            marks = b'"' + marks
        marks = _STRINGS.sub(b"", marks.replace(b'""', b""))  # two quotes in a row toggle nothing
        in_string = b'"' in marks  # a string still open at the end of the piece
        if in_string:
            marks = marks[: marks.index(b'"')]
        if marks:
            steps = np.frombuffer(marks, dtype=np.uint8)
            levels = np.cumsum(np.where((steps == _OPEN[0]) | (steps == _OPEN[1]), 1, -1)) + self.depth
            if int(levels.max()) > self.limit:
                return self._walk(piece)
            self.depth = int(levels[-1])
        self.in_string, self.escaped = in_string, escaped
        return None

    def _walk(self, piece: bytes) -> int | None:
        """Walk a piece byte by byte from the current state; return the too-deep bracket, if any."""
        for i, byte in enumerate(piece):
            if self.escaped:
                self.escaped = False
            elif self.in_string:
                self.escaped = byte == _BACKSLASH
                self.in_string = byte != _QUOTE
            elif byte == _QUOTE:
                self.in_string = True
            elif byte in _OPEN:
                self.depth += 1
                if self.depth > self.limit:
                    return i
            elif byte in _CLOSE:
                self.depth -= 1
        return None


@dataclass(slots=True)
class _Source:
    """The file as UTF-8 bytes for ijson: counts bytes and lines handed over, guards the nesting.

    ``slow_from`` hands over single bytes from that offset on, so that a second pass over a broken
    file fails on exactly the byte the first pass failed in (yajl reports no offset of its own).
    """

    path: Path
    slow_from: int | None = None
    bom: int = 0  # bytes of a UTF-8 byte order mark skipped before the JSON text
    exact: bool = True  # offsets are the file's own (False for UTF-16/32, read through a decoder)
    offset: int = 0  # bytes handed over so far
    start: int = 0  # offset of the last piece handed over
    lines: int = 0  # newlines handed over before that piece
    piece: bytes = b""
    eof: bool = False
    guard: DepthGuard = field(default_factory=DepthGuard)
    _raw: IO[bytes] | None = None
    _text: IO[str] | None = None
    _pending: JSONStreamError | None = None

    def __enter__(self) -> _Source:
        self._raw = self.path.open("rb")
        encoding = json.detect_encoding(self._raw.read(4))
        self.bom = 3 if encoding == "utf-8-sig" else 0
        self._raw.seek(self.bom)
        if encoding not in ("utf-8", "utf-8-sig"):
            self._text = io.TextIOWrapper(self._raw, encoding=encoding, newline="")
            self.exact = False
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._text is not None:
            self._text.close()
        elif self._raw is not None:
            self._raw.close()

    def read(self, size: int = -1) -> bytes:
        """Hand ijson the next piece (``size`` bytes at most; a single byte past ``slow_from``)."""
        if self._pending is not None:
            raise self._pending
        if size == 0:
            return b""  # ijson's probe for bytes or text
        if self.slow_from is not None:
            size = self.slow_from - self.offset if self.offset < self.slow_from else 1
        data = self._read(size)
        cut = self.guard.feed(data)
        if cut is not None:  # hand over the text up to the bracket, then stop there
            data = data[:cut]
        self.lines += self.piece.count(b"\n")
        self.start, self.piece = self.offset, data
        self.offset += len(data)
        if cut is None:
            self.eof = not data
            return data
        self._pending = self.error(f"nested more than {self.guard.limit} levels deep", self.offset)
        if not data:
            raise self._pending
        return data

    def _read(self, size: int) -> bytes:
        if self._text is not None:
            try:
                return self._text.read(size).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise JSONStreamError(f"not valid {exc.encoding} text", self.lines + 1, None) from None
        assert self._raw is not None
        return self._raw.read(size)

    def error(self, reason: str, offset: int) -> JSONStreamError:
        """Return an error at an offset within the last piece handed over (or at its end)."""
        line = self.lines + self.piece[: offset - self.start].count(b"\n") + 1
        return JSONStreamError(reason, line, offset + self.bom if self.exact else None)


def _reason(exc: Exception) -> str:
    """Return yajl's first line, cleaned up (it reports some messages as a bytes repr)."""
    text = str(exc)
    if text.startswith(("b'", 'b"')):
        try:
            text = ast.literal_eval(text).decode("utf-8", "replace")
        except (ValueError, SyntaxError, AttributeError):
            pass
    first = text.strip().splitlines()[0] if text.strip() else "not valid JSON"
    first = re.sub(r"^(parse|lexical) error: ", "", first).rstrip(".")
    if "invalid bytes in UTF8 string" in first:
        return "invalid UTF-8 bytes in a string (JSON must be UTF-8, UTF-16 or UTF-32)"
    return _REASONS.get(first, first)


def _locate(path: Path, failed: _Source, exc: Exception) -> JSONStreamError:
    """Find the byte a parse failed on: parse again, a byte at a time through the failing piece."""
    reason = _reason(exc)
    if failed.eof:  # the text held up to its end (yajl then calls a split UTF-8 character invalid)
        return failed.error(_REASONS["premature EOF"], failed.offset)
    with _Source(path, slow_from=failed.start) as again:
        try:
            for _ in ijson.items(again, _NEVER):
                pass
        except ijson.JSONError:
            return again.error(reason, again.offset if again.eof else again.offset - 1)
        except JSONStreamError as deep:
            return deep
    return failed.error(reason, failed.start)  # not reproduced: name the start of the piece


def iter_items(path: Path, prefix: str) -> Iterator[Any]:
    """Yield the JSON values at an ijson prefix ('releases.item', 'item', '' for the whole document).

    Every value completed before a fault is yielded; then JSONStreamError says where and why.
    """
    with _Source(path) as source:
        try:
            yield from ijson.items(source, prefix)
        except ijson.JSONError as exc:
            raise _locate(path, source, exc) from None


@dataclass(frozen=True, slots=True)
class TopLevel:
    """What a document is at the top: 'object', 'array' or 'scalar'; for an object, its keys up to
    ``array`` (the first of the wanted keys whose value is an array), or all of them when none is."""

    kind: str
    array: str | None = None
    keys: frozenset[str] = frozenset()


def top_level(path: Path, wanted: tuple[str, ...]) -> TopLevel:
    """Read the top of a document as far as needed to tell its shape (usually the first block)."""
    keys: set[str] = set()
    with _Source(path) as source:
        try:
            events = ijson.parse(source)
            _, event, _ = next(events, ("", "", None))
            if event != "start_map":
                return TopLevel("array" if event == "start_array" else "scalar")
            after: str | None = None
            for prefix, event, value in events:
                if after in wanted and event == "start_array":
                    return TopLevel("object", after, frozenset(keys))
                after = None
                if prefix == "" and event == "map_key":
                    keys.add(value)
                    after = value
                elif prefix == "" and event == "end_map":
                    break
        except ijson.JSONError as exc:
            raise _locate(path, source, exc) from None
    return TopLevel("object", None, frozenset(keys))


def plain(value: Any) -> Any:
    """Return a value as ``json.load`` would have given it: decimals as floats, in lists and dicts too."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value

"""Candidate index: top-k fuzzy search over normalised name keys."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

_FORMAT_VERSION = 1


def _encode_keys(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Pack keys into one UTF-8 byte buffer plus end offsets (no pickle needed)."""
    encoded = [k.encode("utf-8", "surrogatepass") for k in keys]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in encoded], dtype=np.int64)
    blob = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    return blob, offsets


def _decode_keys(blob: np.ndarray, offsets: np.ndarray) -> list[str]:
    """Unpack keys written by `_encode_keys`."""
    raw = blob.tobytes()
    bounds = offsets.tolist()
    return [raw[a:b].decode("utf-8", "surrogatepass") for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


class CandidateIndex:
    """Fuzzy top-k search over name keys; a key's position in the input is its id."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._keys: list[str] = [str(k) for k in keys]

    def __len__(self) -> int:
        return len(self._keys)

    def search(self, query: str, limit: int = 10) -> list[tuple[int, float]]:
        """Return up to `limit` (key position, similarity 0..100) pairs, best first."""
        if limit <= 0 or not self._keys or not query.strip():
            return []
        hits = process.extract(query, self._keys, scorer=fuzz.WRatio, limit=None, score_cutoff=1)
        ranked = sorted(((int(i), float(s)) for _, s, i in hits), key=lambda h: (-h[1], h[0]))
        return ranked[:limit]

    def search_many(self, queries: Sequence[str], limit: int = 10) -> list[list[tuple[int, float]]]:
        """Search each query; results are in query order."""
        return [self.search(q, limit) for q in queries]

    def save(self, path: Path) -> None:
        """Write the index to an .npz file (no pickle)."""
        blob, offsets = _encode_keys(self._keys)
        with Path(path).open("wb") as fh:
            np.savez(fh, version=np.int64(_FORMAT_VERSION), blob=blob, offsets=offsets)

    @classmethod
    def load(cls, path: Path) -> CandidateIndex:
        """Read an index written by `save`."""
        with np.load(Path(path), allow_pickle=False) as data:
            keys = _decode_keys(data["blob"], data["offsets"])
        return cls(keys)

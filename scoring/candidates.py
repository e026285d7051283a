"""Candidate index: character-trigram TF-IDF retrieval re-ranked with rapidfuzz WRatio.

Keys are padded word trigrams weighted by sublinear TF x smoothed IDF and L2-normalised. A query
walks the inverted lists of its rarest trigrams (a posting budget bounds the work, so frequent
trigrams such as legal forms never trigger a scan of the whole list), keeps the best `shortlist`
keys by cosine and re-ranks them with `rapidfuzz.fuzz.WRatio`; that 0..100 score is returned.
Duplicate keys are indexed once. The index persists as one numpy ``.npz`` file (no pickle).
"""

from __future__ import annotations

import json
import math
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy import sparse  # type: ignore[import-untyped]

_FORMAT_VERSION = 2
_F32 = npt.NDArray[np.float32]
_I32 = npt.NDArray[np.int32]
_I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class IndexOptions:
    """Tuning knobs of the candidate index (defaults measured in docs/performance.md)."""

    shortlist: int = 64  # keys re-ranked with WRatio per query
    max_postings: int = 40_000  # posting entries walked per query once `min_grams` are taken
    min_grams: int = 4  # rarest query trigrams always walked, whatever their lists cost
    max_query_chars: int = 512  # longer queries are cut before retrieval and re-ranking
    scorer: str = "WRatio"  # name of the rapidfuzz.fuzz scorer used to re-rank the shortlist


def key_trigrams(text: str) -> list[str]:
    """Return the space-padded trigrams of each whitespace-separated word of `text`."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        grams.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def _encode_strings(items: Sequence[str]) -> tuple[npt.NDArray[np.uint8], _I64]:
    """Pack strings into one UTF-8 byte buffer plus offsets, storable without pickle."""
    encoded = [s.encode("utf-8", "surrogatepass") for s in items]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in encoded], dtype=np.int64)
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _decode_strings(blob: npt.NDArray[np.uint8], offsets: _I64) -> list[str]:
    """Unpack strings written by `_encode_strings`."""
    raw = blob.tobytes()
    bounds = offsets.tolist()
    return [raw[a:b].decode("utf-8", "surrogatepass") for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


class CandidateIndex:
    """Fuzzy top-k search over name keys; a key's position in the input is its id."""

    def __init__(self, keys: Sequence[str], options: IndexOptions | None = None) -> None:
        self.options = options or IndexOptions()
        first: dict[str, int] = {}
        key_of_pos = np.fromiter(
            (first.setdefault(str(k), len(first)) for k in keys), dtype=np.int32, count=len(keys)
        )
        self._keys: list[str] = list(first)
        self._set_positions(key_of_pos)
        self._vocab, self._idf, self._postings = _build_postings(self._keys)
        self._local = threading.local()

    def _set_positions(self, key_of_pos: _I32) -> None:
        """Remember, per unique key, its input positions in ascending order."""
        self._key_of_pos = key_of_pos
        self._pos_order: _I64 = np.argsort(key_of_pos, kind="stable").astype(np.int64)
        counts = np.bincount(key_of_pos, minlength=len(self._keys))
        self._pos_start: _I64 = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)

    def __len__(self) -> int:
        return len(self._key_of_pos)

    def search(self, query: str, limit: int = 10) -> list[tuple[int, float]]:
        """Return up to `limit` (key position, similarity 0..100) pairs, best first."""
        if limit <= 0 or not self._keys:
            return []
        query = query[: self.options.max_query_chars]
        if not query.strip():
            return []
        shortlist, cosine = self._shortlist(query, max(self.options.shortlist, limit))
        if shortlist.size == 0:
            return []
        choices = [self._keys[u] for u in shortlist.tolist()]
        scorer = getattr(fuzz, self.options.scorer)
        scores = process.cdist([query], choices, scorer=scorer, dtype=np.float64)[0]
        # Best score first; equal scores (WRatio has plateaus) by trigram cosine, then by position.
        ranked = sorted(
            zip(scores.tolist(), cosine.tolist(), shortlist.tolist(), strict=True),
            key=lambda h: (-h[0], -h[1], self._pos_order[self._pos_start[h[2]]]),
        )
        hits: list[tuple[int, float]] = []
        for score, _, u in ranked:
            if score <= 0 or len(hits) >= limit:
                break
            start, end = self._pos_start[u], self._pos_start[u + 1]
            hits.extend((int(p), float(score)) for p in self._pos_order[start:end])
        return hits[:limit]

    def search_many(self, queries: Sequence[str], limit: int = 10) -> list[list[tuple[int, float]]]:
        """Search each query; results are in query order and equal to `search` per query."""
        return [self.search(q, limit) for q in queries]

    def _shortlist(self, query: str, size: int) -> tuple[_I32, _F32]:
        """Return up to `size` unique-key ids with the highest trigram cosine to `query`, and the scores."""
        counts: dict[int, int] = {}
        for gram in key_trigrams(query):
            gid = self._vocab.get(gram)
            if gid is not None:
                counts[gid] = counts.get(gid, 0) + 1
        if not counts:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
        indptr, indices, data = self._postings.indptr, self._postings.indices, self._postings.data
        # Rarest trigrams first: they discriminate most and have the shortest lists.
        grams = sorted(counts, key=lambda g: (int(indptr[g + 1] - indptr[g]), g))
        acc = self._accumulator()
        touched: list[_I32] = []
        walked = 0
        for rank, gid in enumerate(grams):
            start, end = int(indptr[gid]), int(indptr[gid + 1])
            if rank >= self.options.min_grams and walked + (end - start) > self.options.max_postings:
                break
            walked += end - start
            ids = indices[start:end]
            touched.append(ids[acc[ids] == 0])
            acc[ids] += np.float32((1.0 + math.log(counts[gid])) * self._idf[gid]) * data[start:end]
        cand = np.concatenate(touched)
        scores = acc[cand]
        acc[cand] = 0  # leave the reused accumulator clean for the next query
        if cand.size > size:
            keep = np.argpartition(-scores, size - 1)[:size]
            cand, scores = cand[keep], scores[keep]
        return cand, scores

    def _accumulator(self) -> _F32:
        """Return this thread's zeroed score buffer (one float32 per unique key, reused)."""
        acc: _F32 | None = getattr(self._local, "acc", None)
        if acc is None or acc.size != len(self._keys):
            acc = np.zeros(len(self._keys), dtype=np.float32)
            self._local.acc = acc
        return acc

    def save(self, path: Path) -> None:
        """Write the index to one .npz file (no pickle)."""
        key_blob, key_offsets = _encode_strings(self._keys)
        vocab_blob, vocab_offsets = _encode_strings(list(self._vocab))
        opts = np.array(json.dumps(asdict(self.options)))  # a unicode scalar, loadable without pickle
        with Path(path).open("wb") as fh:
            np.savez(
                fh,
                version=np.int64(_FORMAT_VERSION),
                options=opts,
                key_blob=key_blob,
                key_offsets=key_offsets,
                key_of_pos=self._key_of_pos,
                vocab_blob=vocab_blob,
                vocab_offsets=vocab_offsets,
                idf=self._idf,
                post_indptr=self._postings.indptr,
                post_indices=self._postings.indices,
                post_data=self._postings.data,
            )

    @classmethod
    def load(cls, path: Path) -> CandidateIndex:
        """Read an index written by `save`; raise ValueError if the file is not one."""
        try:
            with np.load(Path(path), allow_pickle=False) as data:
                return cls._from_arrays({name: data[name] for name in data.files})
        except (OSError, KeyError, zipfile.BadZipFile) as exc:
            raise ValueError(f"{path}: not a candidate index file ({exc})") from exc

    @classmethod
    def _from_arrays(cls, data: dict[str, npt.NDArray[Any]]) -> CandidateIndex:
        """Rebuild an index from the arrays `save` wrote."""
        if int(data["version"]) != _FORMAT_VERSION:
            raise ValueError(f"unsupported candidate index format {int(data['version'])}")
        self = cls.__new__(cls)
        self.options = IndexOptions(**json.loads(str(data["options"])))
        self._keys = _decode_strings(data["key_blob"], data["key_offsets"])
        self._set_positions(data["key_of_pos"].astype(np.int32))
        vocab = _decode_strings(data["vocab_blob"], data["vocab_offsets"])
        self._vocab = {g: i for i, g in enumerate(vocab)}
        self._idf = data["idf"].astype(np.float32)
        self._postings = sparse.csr_matrix(
            (data["post_data"], data["post_indices"], data["post_indptr"]),
            shape=(len(vocab), len(self._keys)),
        )
        self._local = threading.local()
        return self


def _build_postings(keys: list[str]) -> tuple[dict[str, int], _F32, sparse.csr_matrix]:
    """Return the trigram vocabulary, IDF per trigram and the trigram x key weight matrix."""
    vocab: dict[str, int] = {}
    add = vocab.setdefault
    gram_ids: list[int] = []
    indptr = np.zeros(len(keys) + 1, dtype=np.int64)
    for row, key in enumerate(keys):
        gram_ids.extend([add(g, len(vocab)) for g in key_trigrams(key)])
        indptr[row + 1] = len(gram_ids)
    indices = np.asarray(gram_ids, dtype=np.int32)
    del gram_ids
    ones = np.ones(indices.size, dtype=np.float32)
    tf = sparse.csr_matrix((ones, indices, indptr), shape=(len(keys), len(vocab)))
    tf.sum_duplicates()  # repeated trigrams in one key become counts
    df = np.bincount(tf.indices, minlength=len(vocab))
    idf = (np.log((1.0 + len(keys)) / (1.0 + df)) + 1.0).astype(np.float32)
    tf.data = (1.0 + np.log(tf.data)) * idf[tf.indices]
    norms = np.sqrt(np.asarray(tf.multiply(tf).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    tf.data /= np.repeat(norms, np.diff(tf.indptr)).astype(np.float32)
    postings = tf.T.tocsr()
    postings.indices = postings.indices.astype(np.int32, copy=False)
    return vocab, idf, postings

"""Candidate index: character-trigram TF-IDF retrieval re-ranked with rapidfuzz WRatio.

Keys are padded word trigrams weighted by sublinear TF x smoothed IDF and L2-normalised. A query
walks the inverted lists of its rarest trigrams (a posting budget bounds the work, so frequent
trigrams such as legal forms never trigger a scan of the whole list), keeps the best `shortlist`
keys by cosine and re-ranks them with `rapidfuzz.fuzz.WRatio`; that 0..100 score is returned.
A query word that is unlisted or rare also walks the listed words one edit away from it (a slip in
a word's first letters otherwise loses its word feature and most of its trigrams); options extend
that to two edits (`typo_edits=2`) and to the listed words two query words join or split into when
a space was dropped, added or moved (`joined_words`: "seafoo dinc" also looks up "seafood" and
"inc"). Duplicate keys are indexed once and a hit returns every position of its key, so `limit`
counts distinct keys.
The index persists as one numpy ``.npz`` file (no pickle).
Everything between the query's features and its shortlist (posting walk, pool selection, exact
cosines, shortlist selection) is one numba call that releases the GIL when numba imports, else numpy
code giving bit-for-bit the same shortlist (scoring/candidate_kernels.py says how).
"""

from __future__ import annotations

import json
import threading
import zipfile
from array import array
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from scipy import sparse  # type: ignore[import-untyped]

from scoring.candidate_kernels import load_kernels, row_slots

_FORMAT_VERSION = 3  # 3: options gained `joined_words` (arrays as in 2, which still loads)
_READABLE_VERSIONS = (2, 3)
_CHUNK = 64  # queries per thread task in search_many
_TYPO_MIN_CHARS = 4  # shorter unlisted words have too many listed neighbours to help
_TYPO_MAX_VARIANTS = 8  # listed neighbours added per query word
_TYPO_MAX_DF = 100  # a listed query word this rare may itself be a slip for a neighbour ("sani")
_TYPO2_MIN_CHARS = 5  # query words this long may also walk listed words two edits away (typo_edits=2)
_SPLIT_MIN_CHARS = 2  # each listed part of a split word has at least this many letters
_SPLIT_MIN_LONGER = 4  # and the longer part at least this many ("seafood|inc", not "an|dersen")
_SPLIT_MAX = 2  # splits added per unlisted or rare word (or joined pair)
_F32 = npt.NDArray[np.float32]
_I32 = npt.NDArray[np.int32]
_I64 = npt.NDArray[np.int64]
_Idx = npt.NDArray[np.int32] | npt.NDArray[np.int64]  # CSR index arrays


@dataclass(frozen=True, slots=True)
class IndexOptions:
    """Tuning knobs of the candidate index (defaults measured in docs/performance.md)."""

    shortlist: int = 64  # keys re-ranked with WRatio per query
    max_postings: int = 40_000  # posting entries walked per query once `min_grams` are taken
    min_grams: int = 4  # rarest query features always walked, whatever their lists cost
    pool: int = 1024  # keys (best partial scores) whose full cosine is computed
    max_query_chars: int = 512  # longer queries are cut before retrieval and re-ranking
    scorer: str = "WRatio"  # name of the rapidfuzz.fuzz scorer used to re-rank the shortlist
    typo_words: bool = True  # also walk listed words one edit away from unlisted or rare query words
    limit_keys: bool = True  # `limit` counts distinct keys, each returned with all its positions
    typo_edits: int = 1  # typo words reach listed words up to this many edits away (see _add_typo_words)
    joined_words: bool = False  # also walk listed words two query words join or split into

    def __post_init__(self) -> None:
        if self.typo_edits not in (1, 2):
            raise ValueError(f"typo_edits must be 1 or 2, not {self.typo_edits!r}")
        for name in ("shortlist", "pool", "max_query_chars"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)!r}")
        for name in ("max_postings", "min_grams"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, not {getattr(self, name)!r}")

    @classmethod
    def thorough(cls) -> IndexOptions:
        """Return options trading about 3x the query time for recall (measured in docs/performance.md)."""
        return cls(pool=4096)

    @classmethod
    def previous(cls) -> IndexOptions:
        """Return the defaults before typo words, whole keys and joined words (the measured baseline)."""
        return cls(typo_words=False, limit_keys=False, joined_words=False)


def key_features(text: str) -> list[str]:
    """Return the space-padded trigrams of each word of `text`, then each word itself (marked)."""
    grams: list[str] = []
    words = text.split()
    for word in words:
        padded = f" {word} "
        grams.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    # Whole words are far more selective than trigrams in a million names; "\x1f" keeps a
    # three-letter word apart from the trigram with the same letters.
    grams.extend("\x1f" + word for word in words)
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


def _deletions(word: str) -> set[str]:
    """Return `word` and every string one character deletion away from it."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


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
        self._vocab, self._idf, self._forward = _build_features(self._keys)
        self._postings = self._forward.T.tocsr()  # feature x key: the inverted lists, keys ascending
        self._postings.indices = self._postings.indices.astype(np.int32, copy=False)
        self._prepare()

    def _prepare(self) -> None:
        """Set what both construction paths share: the scorer, the kernels, per-thread buffers."""
        self._scorer = getattr(fuzz, self.options.scorer)
        self._kernels = load_kernels()
        self._local = threading.local()
        self._typo: dict[str, list[str]] | None = None
        self._anagrams: dict[str, list[str]] | None = None
        self._typo_lock = threading.Lock()
        if self.options.typo_words:
            self._typo_table()  # built with the index, not on the first query (5 s for a million names)
            if self.options.typo_edits >= 2:
                self._anagram_table()

    def _set_positions(self, key_of_pos: _I32) -> None:
        """Remember, per unique key, its input positions in ascending order."""
        self._key_of_pos = key_of_pos
        self._pos_order: _I64 = np.argsort(key_of_pos, kind="stable").astype(np.int64)
        counts = np.bincount(key_of_pos, minlength=len(self._keys))
        self._pos_start: _I64 = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)

    def __len__(self) -> int:
        return len(self._key_of_pos)

    def search(self, query: str, limit: int = 10) -> list[tuple[int, float]]:
        """Return (key position, similarity 0..100) pairs of the best `limit` keys, best first.

        A key listed at several positions gives all of them, so one name repeated on many list rows
        cannot push other names out; with `limit_keys=False` at most `limit` positions are returned.
        """
        if limit <= 0 or not self._keys:
            return []
        query = query[: self.options.max_query_chars]
        if not query.strip():
            return []
        shortlist, cosine = self._shortlist(query, max(self.options.shortlist, limit))
        if shortlist.size == 0:
            return []
        keys = self._keys
        choices = [keys[u] for u in shortlist.tolist()]
        scores = process.cdist([query], choices, scorer=self._scorer, dtype=np.float64)[0]
        starts, positions = self._pos_start, self._pos_order
        # Best score first; equal scores (WRatio has plateaus) by trigram cosine, then by position.
        order = np.lexsort((positions[starts[shortlist]], -cosine, -scores))
        order = order[scores[order] > 0]  # sorted best first, so the zero scores are the tail
        if self.options.limit_keys:
            order = order[:limit]
        ranked = shortlist[order]
        counts = starts[ranked + 1] - starts[ranked]
        # Every position of each ranked key, in rank order: runs of consecutive slots in `positions`.
        slots, _ = row_slots(starts[ranked], counts)
        hits = list(zip(positions[slots].tolist(), np.repeat(scores[order], counts).tolist(), strict=True))
        return hits if self.options.limit_keys else hits[:limit]

    def search_many(
        self, queries: Sequence[str], limit: int = 10, workers: int = 1
    ) -> list[list[tuple[int, float]]]:
        """Search each query on `workers` threads; results are in query order and equal `search`'s."""
        if workers <= 1 or len(queries) < 2 * _CHUNK:
            return [self.search(q, limit) for q in queries]
        chunks = [queries[i : i + _CHUNK] for i in range(0, len(queries), _CHUNK)]
        # The kernels release the GIL, so threads share the index arrays without copying them.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = pool.map(lambda chunk: [self.search(q, limit) for q in chunk], chunks)
            return [hits for part in parts for hits in part]

    def _shortlist(self, query: str, size: int) -> tuple[_I32, _F32]:
        """Return up to `size` unique-key ids with the highest feature cosine to `query`, and the cosines."""
        counts: dict[int, int] = {}
        vocab = self._vocab
        for gram in key_features(query):
            gid = vocab.get(gram)
            if gid is not None:
                counts[gid] = counts.get(gid, 0) + 1
        if self.options.typo_words:
            self._add_typo_words(query, counts)
        if self.options.joined_words:
            self._add_joined_words(query, counts)
        if not counts:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
        gids = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), np.float32, len(counts))
        weights = ((1.0 + np.log(tf)) * self._idf[gids]).astype(np.float32)  # sublinear TF x IDF
        norm = np.float32(np.sqrt(np.dot(weights, weights)))
        post, fwd, opts = self._postings, self._forward, self.options
        n_keys = len(self._keys)
        size = min(size, opts.pool)  # the shortlist comes from the pool: a huge `limit` allocates no more
        out_keys, out_cosine = np.empty(size, np.int32), np.empty(size, np.float32)
        count = self._kernels.shortlist(
            post.indptr, post.indices, post.data, fwd.indptr, fwd.indices, fwd.data, gids, weights, norm,
            opts.min_grams, opts.max_postings, opts.pool, size,
            self._scratch("acc", n_keys, np.float32), self._scratch("keys", n_keys, np.int32),
            self._scratch("part", n_keys, np.float32), self._scratch("query", len(self._vocab), np.float32),
            self._scratch("picked", opts.pool, np.int64), self._scratch("cosine", opts.pool, np.float32),
            out_keys, out_cosine,
        )  # fmt: skip
        return out_keys[:count], out_cosine[:count]

    def _add_typo_words(self, query: str, counts: dict[int, int]) -> None:
        """Add the listed words one edit away from each query word that is unlisted or rare."""
        vocab, table, indptr = self._vocab, self._typo_table(), self._postings.indptr
        for word in query.split():
            gid = vocab.get("\x1f" + word)
            if (
                len(word) < _TYPO_MIN_CHARS
                or gid is not None
                and indptr[gid + 1] - indptr[gid] > _TYPO_MAX_DF
            ):
                continue
            # Two words one edit apart share a deletion (symmetric delete); the distance check drops
            # the pairs two edits apart that share one too.
            near = {w: None for d in sorted(_deletions(word)) for w in table.get(d, ())}
            near = {w: None for w in near if w != word and OSA.distance(word, w, score_cutoff=1) <= 1}
            if (
                self.options.typo_edits >= 2
                and len(word) >= _TYPO2_MIN_CHARS
                and len(near) < _TYPO_MAX_VARIANTS
            ):
                near |= self._two_edit_words(word)
            for listed in list(near)[:_TYPO_MAX_VARIANTS]:
                counts.setdefault(vocab["\x1f" + listed], 1)

    def _two_edit_words(self, word: str) -> dict[str, None]:
        """Return the listed words two edits (OSA) from `word` whose sorted letters are one deletion apart.

        That covers a transposition anywhere plus one more slip ("cnushng" for "cunshang", "wjema" for
        "wejman") without a table of two deletions per word.
        """
        table = self._anagram_table()
        letters = "".join(sorted(word))
        found = {w for d in _deletions(letters) for w in table.get(d, ())}
        return {w: None for w in sorted(found) if OSA.distance(word, w, score_cutoff=2) == 2}

    def _add_joined_words(self, query: str, counts: dict[int, int]) -> None:
        """Add the listed words that adjacent query words (one unlisted or rare) join or split into.

        "seaf ood" also looks up "seafood"; "seafoodinc" looks up "seafood" and "inc"; "seafoo dinc" (a
        moved space) looks up the same two through their join "seafoodinc".
        """
        vocab, indptr = self._vocab, self._postings.indptr

        def rare(word: str) -> bool:
            gid = vocab.get("\x1f" + word)
            return gid is None or indptr[gid + 1] - indptr[gid] <= _TYPO_MAX_DF

        words = query.split()
        for word in words:
            if len(word) >= _SPLIT_MIN_CHARS + _SPLIT_MIN_LONGER and rare(word):
                self._add_splits(word, (), counts)
        for left, right in zip(words, words[1:], strict=False):
            if not (rare(left) or rare(right)):  # "s a", "co ltd": two common words are rarely a slip
                continue
            joined = left + right
            gid = vocab.get("\x1f" + joined)
            if gid is not None:
                counts.setdefault(gid, 1)
            else:
                self._add_splits(joined, (len(left),), counts)

    def _add_splits(self, word: str, skip: tuple[int, ...], counts: dict[int, int]) -> None:
        """Add both halves of up to _SPLIT_MAX splits of `word` into two listed words, most selective first.

        A split ranks by its rarer half's list length, then by its shorter half's length.
        """
        get, indptr, size = self._vocab.get, self._postings.indptr, len(word)
        found: list[tuple[int, int, int, int, int]] = []
        for cut in range(_SPLIT_MIN_CHARS, size - _SPLIT_MIN_CHARS + 1):
            head = get("\x1f" + word[:cut])  # most cuts end here: the head is no listed word
            if head is None or cut in skip or max(cut, size - cut) < _SPLIT_MIN_LONGER:
                continue
            tail = get("\x1f" + word[cut:])
            if tail is not None:
                rarer = int(min(indptr[head + 1] - indptr[head], indptr[tail + 1] - indptr[tail]))
                found.append((rarer, -min(cut, size - cut), cut, head, tail))
        for *_, head, tail in sorted(found)[:_SPLIT_MAX]:
            counts.setdefault(head, 1)
            counts.setdefault(tail, 1)

    def _anagram_table(self) -> dict[str, list[str]]:
        """Return, built on first use, each deletion variant of listed words' sorted letters -> the words."""
        with self._typo_lock:
            if self._anagrams is None:
                table: dict[str, list[str]] = {}
                for gram in self._vocab:
                    if gram.startswith("\x1f") and len(gram) >= _TYPO2_MIN_CHARS:  # words of 4+ letters
                        for variant in _deletions("".join(sorted(gram[1:]))):
                            table.setdefault(variant, []).append(gram[1:])
                self._anagrams = table
            return self._anagrams

    def _typo_table(self) -> dict[str, list[str]]:
        """Return, built on first use, each deletion variant of the listed words -> those words."""
        with self._typo_lock:
            if self._typo is None:
                table: dict[str, list[str]] = {}
                for gram in self._vocab:
                    if gram.startswith("\x1f") and len(gram) > _TYPO_MIN_CHARS:
                        for variant in _deletions(gram[1:]):
                            table.setdefault(variant, []).append(gram[1:])
                self._typo = table
            return self._typo

    def _scratch(self, name: str, size: int, dtype: type[Any]) -> npt.NDArray[Any]:
        """Return this thread's zeroed buffer `name` (reused; callers leave accumulators zeroed)."""
        buf: npt.NDArray[Any] | None = getattr(self._local, name, None)
        if buf is None or buf.size != size:
            buf = np.zeros(size, dtype=dtype)
            setattr(self._local, name, buf)
        return buf

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
        version = int(data["version"])
        if version not in _READABLE_VERSIONS:
            raise ValueError(
                f"unsupported candidate index format {version} (this code reads formats "
                f"{', '.join(map(str, _READABLE_VERSIONS))}); rebuild the index from its names"
            )
        self = cls.__new__(cls)
        stored = json.loads(str(data["options"]))
        known = IndexOptions.__dataclass_fields__
        unknown = sorted(set(stored) - set(known)) if isinstance(stored, dict) else ["<not an object>"]
        if unknown:
            raise ValueError(
                f"candidate index options {unknown} are unknown here; rebuild the index from its names"
            )
        self.options = IndexOptions(**stored)
        self._keys = _decode_strings(data["key_blob"], data["key_offsets"])
        self._set_positions(data["key_of_pos"].astype(np.int32))
        vocab = _decode_strings(data["vocab_blob"], data["vocab_offsets"])
        self._vocab = {g: i for i, g in enumerate(vocab)}
        self._idf = data["idf"].astype(np.float32)
        self._postings = sparse.csr_matrix(
            (data["post_data"], data["post_indices"], data["post_indptr"]),
            shape=(len(vocab), len(self._keys)),
        )
        self._forward = self._postings.T.tocsr()
        self._prepare()
        return self


def _build_features(keys: list[str]) -> tuple[dict[str, int], _F32, sparse.csr_matrix]:
    """Return the feature vocabulary, IDF per feature and the L2-normalised key x feature matrix."""
    vocab: dict[str, int] = {}
    add = vocab.setdefault
    gram_ids = array("i")  # compact: a million keys give ~25 million feature ids
    indptr = np.zeros(len(keys) + 1, dtype=np.int64)
    for row, key in enumerate(keys):
        gram_ids.extend([add(g, len(vocab)) for g in key_features(key)])
        indptr[row + 1] = len(gram_ids)
    indices = np.frombuffer(gram_ids, dtype=np.int32).copy()
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
    return vocab, idf, tf

"""The candidate index's inner loops, as numba kernels with numpy fallbacks giving identical results.

`walk` visits the posting lists of a query's rarest features within a budget and accumulates partial
cosine scores; `select` picks the best values (ties by position); `cosines` computes the exact cosine
of a pool of keys. `shortlist` runs the three for one query. The numba version of `shortlist` is one
compiled call that releases the GIL, so `CandidateIndex.search_many` runs it on both cores; without
numba the numpy versions give the same results: the partial scores add the same float32 terms in the
same order, and each cosine sums its float32 terms in float64, where the sum is exact (the terms
span far fewer than the 29 binary orders of magnitude that would make it round), so the order in
which numpy or numba add them cannot change it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

_F32 = npt.NDArray[np.float32]
_I32 = npt.NDArray[np.int32]
_I64 = npt.NDArray[np.int64]
_Idx = npt.NDArray[np.int32] | npt.NDArray[np.int64]  # CSR index arrays
_Ints = npt.NDArray[np.integer[Any]]


_Fn = TypeVar("_Fn", bound=Callable[..., Any])


def _inlinable(fn: _Fn) -> _Fn:
    """Let numba compile `fn` into the kernels that call it; it stays a plain Python function too."""
    try:
        from numba.extending import register_jitable
    except ImportError:  # pragma: no cover - numba is a dependency; the fallback is for trimmed installs
        return fn
    return register_jitable(fn)


class Kernels(NamedTuple):
    """The inner loops of a search, and `shortlist`, which runs them for one query."""

    walk: Callable[..., int]
    select: Callable[..., int]
    cosines: Callable[..., None]
    shortlist: Callable[..., int]


@_inlinable
def _walk(
    indptr: _Idx, indices: _Idx, data: _F32, gids: _I64, weights: _F32, min_grams: int, max_postings: int,
    acc: _F32, keys_out: _I32, part_out: _F32,
) -> int:  # fmt: skip
    """Walk the rarest features' postings within the budget; write touched keys and partial scores."""
    lengths = indptr[gids + 1] - indptr[gids]
    order = np.argsort(lengths * (gids.max() + 1) + gids)  # by list length, then feature id
    touched = walked = 0
    for rank in range(order.size):
        i = order[rank]
        start, end = indptr[gids[i]], indptr[gids[i] + 1]
        if rank >= min_grams and walked + (end - start) > max_postings:
            break
        walked += end - start
        weight = weights[i]
        for p in range(start, end):
            key = indices[p]
            if acc[key] == 0:  # first touch: the key joins the pool in walk order
                keys_out[touched] = key
                touched += 1
            acc[key] += weight * data[p]
    for j in range(touched):
        part_out[j] = acc[keys_out[j]]
        acc[keys_out[j]] = 0  # leave the reused accumulator clean for the next query
    return touched


def _walk_numpy(
    indptr: _Idx, indices: _Idx, data: _F32, gids: _I64, weights: _F32, min_grams: int, max_postings: int,
    acc: _F32, keys_out: _I32, part_out: _F32,
) -> int:  # fmt: skip
    """Do what `_walk` does with one numpy pass per posting list (the fallback without numba)."""
    lengths = indptr[gids + 1] - indptr[gids]
    touched = walked = 0
    for rank, i in enumerate(np.lexsort((gids, lengths)).tolist()):
        start, end = int(indptr[gids[i]]), int(indptr[gids[i] + 1])
        if rank >= min_grams and walked + (end - start) > max_postings:
            break
        walked += end - start
        ids = indices[start:end]
        new = ids[acc[ids] == 0]
        keys_out[touched : touched + new.size] = new
        touched += new.size
        acc[ids] += weights[i] * data[start:end]
    part_out[:touched] = acc[keys_out[:touched]]
    acc[keys_out[:touched]] = 0
    return touched


def row_slots(starts: _Ints, lengths: _Ints) -> tuple[_Ints, _Ints]:
    """Return the slots of rows `starts[i]` to `starts[i] + lengths[i]`, one row after another, and where
    each row begins in that list."""
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum())), offsets


@_inlinable
def _select(values: _F32, n: int, k: int, out: _I64) -> int:
    """Write the positions of the `k` largest of `values[:n]` (ties: lower first), ascending; return how many.

    The values are scores (>= 0), so their float32 bit patterns, read as int32, order as the values do:
    a histogram of the patterns finds the bucket holding the k-th largest, and sorting that bucket alone
    gives its exact value (numba's `np.partition` takes ten times as long as numpy's).
    """
    if k <= 0:
        return 0
    if n <= k:
        for i in range(n):
            out[i] = i
        return n
    bits = values[:n].view(np.int32)
    low = high = bits[0]
    for i in range(1, n):
        low = min(low, bits[i])
        high = max(high, bits[i])
    shift = 0
    while (high - low) >> shift >= n:  # about one bucket per value
        shift += 1
    counts = np.zeros(((high - low) >> shift) + 1, np.int64)
    for i in range(n):
        counts[(bits[i] - low) >> shift] += 1
    need, bucket = k, counts.size - 1
    while counts[bucket] < need:  # walk down from the best bucket to the one holding the k-th largest
        need -= counts[bucket]
        bucket -= 1
    inside = np.empty(counts[bucket], np.int32)
    c = 0
    for i in range(n):
        if (bits[i] - low) >> shift == bucket:
            inside[c] = bits[i]
            c += 1
    inside.sort()
    threshold = inside[c - need]  # the k-th largest value's bit pattern
    ties = k
    for i in range(n):
        if bits[i] > threshold:
            ties -= 1
    m = 0
    for i in range(n):
        if bits[i] > threshold or (bits[i] == threshold and ties > 0):
            if bits[i] == threshold:
                ties -= 1
            out[m] = i
            m += 1
    return m


def _select_numpy(values: _F32, n: int, k: int, out: _I64) -> int:
    """Do what `_select` does with numpy (the fallback without numba)."""
    if k <= 0:
        return 0
    if n <= k:
        out[:n] = np.arange(n)
        return n
    head = values[:n]
    threshold = np.partition(head, n - k)[n - k]
    keep = head > threshold
    keep[np.flatnonzero(head == threshold)[: k - int(keep.sum())]] = True
    out[:k] = np.flatnonzero(keep)
    return k


@_inlinable
def _cosines(
    indptr: _Idx, indices: _Idx, data: _F32, pool: _I32, gids: _I64, weights: _F32, norm: np.float32,
    query: _F32, out: _F32,
) -> None:  # fmt: skip
    """Write each pool key's cosine with the query: its stored weights times the query's, summed exactly."""
    # A first pass reads one entry per cache line of each pool row, so the rows' cache misses overlap
    # instead of coming one after another (it halves the time of this function on a million names);
    # checking what it reads (ids and weights are never negative) keeps the compiler from dropping it.
    for r in range(pool.size):
        for p in range(indptr[pool[r]], indptr[pool[r] + 1], 16):  # 16 int32 or float32 = 64 bytes
            if indices[p] < 0 or data[p] < 0:
                raise ValueError("corrupt candidate index: a negative feature id or weight")
    for j in range(gids.size):
        query[gids[j]] = weights[j]
    for r in range(pool.size):
        total = 0.0
        for p in range(indptr[pool[r]], indptr[pool[r] + 1]):
            total += np.float64(data[p] * query[indices[p]])
        out[r] = np.float32(total) / norm
    for j in range(gids.size):
        query[gids[j]] = 0


def _cosines_numpy(
    indptr: _Idx, indices: _Idx, data: _F32, pool: _I32, gids: _I64, weights: _F32, norm: np.float32,
    query: _F32, out: _F32,
) -> None:  # fmt: skip
    """Do what `_cosines` does with numpy gathers (the fallback without numba)."""
    starts = indptr[pool]
    lengths = indptr[pool + 1] - starts
    pos, offsets = row_slots(starts, lengths)  # the pool's rows
    ids, stored = indices[pos], data[pos]
    if ids.size and (ids.min() < 0 or stored.min() < 0):
        raise ValueError("corrupt candidate index: a negative feature id or weight")
    query[gids] = weights
    products = (stored * query[ids]).astype(np.float64)
    query[gids] = 0
    totals = np.zeros(pool.size)
    filled = lengths > 0  # reduceat would give an empty row its neighbour's first term
    totals[filled] = np.add.reduceat(products, offsets[filled]) if products.size else 0.0
    out[: pool.size] = totals.astype(np.float32) / norm


def _make_shortlist(
    walk: Callable[..., int], select: Callable[..., int], cosines: Callable[..., None]
) -> Callable[..., int]:
    """Return the search from a query's features to its shortlist, over one set of kernels."""

    def shortlist(
        post_indptr: _Idx, post_indices: _Idx, post_data: _F32, fwd_indptr: _Idx, fwd_indices: _Idx,
        fwd_data: _F32, gids: _I64, weights: _F32, norm: np.float32, min_grams: int, max_postings: int,
        pool_size: int, size: int, acc: _F32, keys: _I32, part: _F32, query: _F32, picked: _I64,
        cosine: _F32, out_keys: _I32, out_cosine: _F32,
    ) -> int:  # fmt: skip
        """Walk, keep the `pool_size` best partial scores, write the `size` best cosines' keys; return k.

        Both selections break ties by position (walk order, then pool order); the output keeps pool order.
        """
        touched = walk(
            post_indptr, post_indices, post_data, gids, weights, min_grams, max_postings, acc, keys, part
        )
        m = select(part, touched, pool_size, picked)
        pool = keys[picked[:m]]
        cosines(fwd_indptr, fwd_indices, fwd_data, pool, gids, weights, norm, query, cosine)
        k = select(cosine, m, size, picked)
        out_keys[:k] = pool[picked[:k]]
        out_cosine[:k] = cosine[picked[:k]]
        return k

    return shortlist


_shortlist = _make_shortlist(_walk, _select, _cosines)  # compiled by `load_kernels`, the three inlined
_shortlist_numpy = _make_shortlist(_walk_numpy, _select_numpy, _cosines_numpy)


@functools.cache
def load_kernels(compiled: bool = True) -> Kernels:
    """Return the numba kernels (compiled on first use, cached on disk), else the numpy ones."""
    if compiled:
        try:
            import numba
        except ImportError:
            return Kernels(_walk_numpy, _select_numpy, _cosines_numpy, _shortlist_numpy)
        try:
            return _compiled(numba.njit(nogil=True, cache=True))
        except RuntimeError:  # no writable cache directory: compile in memory each run
            return _compiled(numba.njit(nogil=True))
    return Kernels(_walk_numpy, _select_numpy, _cosines_numpy, _shortlist_numpy)


def _compiled(jit: Callable[[Callable[..., Any]], Callable[..., Any]]) -> Kernels:
    """Return the kernels compiled with `jit` (`shortlist` compiles the other three into itself)."""
    return Kernels(jit(_walk), jit(_select), jit(_cosines), jit(_shortlist))

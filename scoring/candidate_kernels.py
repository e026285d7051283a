"""The candidate index's two inner loops, as numba kernels with numpy fallbacks giving identical results.

`walk` visits the posting lists of a query's rarest features within a budget and accumulates partial
cosine scores; `products` writes the exact cosine terms of a pool of keys. The numba versions release the
GIL, so `CandidateIndex.search_many` can run them on both cores; without numba the numpy versions do the
same float32 arithmetic in the same order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

_F32 = npt.NDArray[np.float32]
_I32 = npt.NDArray[np.int32]
_I64 = npt.NDArray[np.int64]
_Idx = npt.NDArray[np.int32] | npt.NDArray[np.int64]  # CSR index arrays


class Kernels(NamedTuple):
    """The two inner loops of a search: `walk` (posting lists) and `products` (exact cosine terms)."""

    walk: Callable[..., int]
    products: Callable[..., None]


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


def _products(
    indptr: _Idx, indices: _Idx, data: _F32, pool: _I32, gids: _I64, weights: _F32, query: _F32, out: _F32
) -> None:
    """Write, row after row of the pool keys, each stored feature weight times the query's weight."""
    for j in range(gids.size):
        query[gids[j]] = weights[j]
    n = 0
    for r in range(pool.size):
        for p in range(indptr[pool[r]], indptr[pool[r] + 1]):
            out[n] = data[p] * query[indices[p]]
            n += 1
    for j in range(gids.size):
        query[gids[j]] = 0


def _products_numpy(
    indptr: _Idx, indices: _Idx, data: _F32, pool: _I32, gids: _I64, weights: _F32, query: _F32, out: _F32
) -> None:
    """Do what `_products` does with numpy gathers (the fallback without numba)."""
    starts = indptr[pool]
    lengths = indptr[pool + 1] - starts
    offsets = np.cumsum(lengths) - lengths
    pos = np.repeat(starts - offsets, lengths) + np.arange(out.size)  # positions of the pool's rows
    query[gids] = weights
    np.multiply(data[pos], query[indices[pos]], out=out)
    query[gids] = 0


@functools.cache
def load_kernels(compiled: bool = True) -> Kernels:
    """Return the numba kernels (compiled on first use, cached on disk), else the numpy ones."""
    if compiled:
        try:
            import numba
        except ImportError:
            return Kernels(_walk_numpy, _products_numpy)
        try:
            jit = numba.njit(nogil=True, cache=True)
            return Kernels(jit(_walk), jit(_products))
        except RuntimeError:  # no writable cache directory: compile in memory each run
            jit = numba.njit(nogil=True)
            return Kernels(jit(_walk), jit(_products))
    return Kernels(_walk_numpy, _products_numpy)

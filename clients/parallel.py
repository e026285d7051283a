"""Screen a file's rows on several worker processes and hand the results back in input order.

``flscreen screen --workers N``. The engine is loaded once; the N workers are then forked from the
loaded process, so they share its memory copy-on-write instead of each loading the snapshot, the models
and the candidate index again. The main process reads the input, sends chunks of rows to the workers
in turn and takes the chunks back in the order it sent them, so the output is, row for row, what one
process writes. Each worker keeps a few chunks queued, which bounds memory however long the file is.

Workers ignore Ctrl-C (they inherit SIGINT ignored); the main process stops them with SIGTERM when it
is interrupted or fails, and a worker whose main process has gone away sees its pipe close and exits.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType

from clients.screen_file import Engine, Outcome, screen_one
from reference_data.models import SourceMeta
from scoring.intake.reader import RawRow

CHUNK_ROWS = 32  # rows per message: about 0.1 s of screening, so a pipe round trip costs nothing
CHUNKS_PER_WORKER = 4  # queued per worker, so one slower chunk does not leave the others idle
MAX_WORKERS = 64

# What a worker sends back for a chunk: the outcome of each row it screened, and the exception that
# stopped it part-way (a fault outside the per-row guard, which one process would also have raised).
_Reply = tuple[list[Outcome], BaseException | None]


class WorkerError(RuntimeError):
    """A worker process ended without answering (killed, out of memory)."""


def available_cores() -> int:
    """Return the CPU cores this process may run on (its affinity mask, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # platforms without sched_getaffinity
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Return whether worker processes can be forked from the loaded engine (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl-C for the block (main thread only): forks inherit it, and clean-up is not cut short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _portable(exc: BaseException) -> BaseException:
    """Return the exception itself if it survives pickling, else a RuntimeError naming it."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _serve(
    conn: Connection,
    engine: Engine,
    sources: Mapping[str, SourceMeta],
    top: int,
    inherited: Sequence[Connection],
) -> None:
    """Worker loop: screen each chunk received and send its outcomes back, until told to stop."""
    for other in inherited:  # the main process's ends: closed here, so its exit closes our pipe
        other.close()
    while True:
        try:
            chunk: list[RawRow] | None = conn.recv()
        except (EOFError, OSError):  # the main process went away
            return
        if chunk is None:
            return
        outcomes: list[Outcome] = []
        failure: BaseException | None = None
        for raw in chunk:
            try:
                outcomes.append(screen_one(raw, engine, sources, top))
            except Exception as exc:  # reported to the main process, which raises it after the rows before
                failure = _portable(exc)
                break
        reply: _Reply = (outcomes, failure)
        try:
            conn.send(reply)
        except OSError:
            return


def _read_chunk(rows: Iterator[RawRow], size: int) -> tuple[list[RawRow], bool, Exception | None]:
    """Return up to ``size`` rows, whether the input is exhausted, and the error that ended it early."""
    chunk: list[RawRow] = []
    try:
        for raw in rows:
            chunk.append(raw)
            if len(chunk) >= size:
                return chunk, False, None
    except Exception as exc:  # raised to the caller once the rows read before it are written
        return chunk, True, exc
    return chunk, True, None


class WorkerPool:
    """Worker processes forked from a loaded engine; ``screen`` yields outcomes in input order."""

    def __init__(self, engine: Engine, sources: Mapping[str, SourceMeta], top: int, workers: int) -> None:
        if workers < 2:
            raise ValueError("a worker pool needs at least two workers")
        self._engine, self._sources, self._top, self._size = engine, sources, top, workers
        self._conns: list[Connection] = []
        self._procs: list[BaseProcess] = []
        self._finished = False

    @property
    def workers(self) -> int:
        """Return the number of worker processes."""
        return self._size

    def __enter__(self) -> WorkerPool:
        context = multiprocessing.get_context("fork")
        with _sigint_ignored():
            gc.freeze()  # the loaded engine stays out of the workers' collections: fewer pages copied
            try:
                for n in range(self._size):
                    mine, theirs = context.Pipe()
                    process = context.Process(
                        target=_serve,
                        args=(theirs, self._engine, self._sources, self._top, [*self._conns, mine]),
                        name=f"flscreen-worker-{n + 1}",
                        daemon=True,
                    )
                    process.start()
                    theirs.close()
                    self._conns.append(mine)
                    self._procs.append(process)
            except BaseException:
                self._stop(graceful=False)
                raise
            finally:
                gc.unfreeze()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop(graceful=kind is None and self._finished)

    def _stop(self, graceful: bool) -> None:
        """Stop the workers: ask them to finish after a complete run, else terminate them at once."""
        with _sigint_ignored():
            if graceful:
                for conn in self._conns:
                    try:
                        conn.send(None)
                    except OSError:
                        pass
                for process in self._procs:
                    process.join(timeout=5)
            for process in self._procs:
                if process.is_alive():
                    process.terminate()
            for process in self._procs:
                process.join(timeout=5)
                if process.is_alive():
                    process.kill()
                    process.join()
            for conn in self._conns:
                conn.close()

    def _lost(self, index: int) -> WorkerError:
        process = self._procs[index]
        process.join(timeout=5)
        code = process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        return WorkerError(f"screening worker process {process.pid} stopped unexpectedly ({how})")

    def _send(self, index: int, chunk: list[RawRow]) -> None:
        try:
            self._conns[index].send(chunk)
        except OSError:
            raise self._lost(index) from None

    def _receive(self, index: int) -> _Reply:
        try:
            reply: _Reply = self._conns[index].recv()
        except (EOFError, OSError):
            raise self._lost(index) from None
        return reply

    def screen(self, rows: Iterable[RawRow]) -> Generator[Outcome, None, None]:
        """Yield each row's outcome in input order; a read error is raised after the rows before it."""
        source = iter(rows)
        in_flight: deque[int] = deque()  # the worker of each chunk sent, oldest first
        turn, exhausted, error = 0, False, None
        chunk_rows = max(1, CHUNK_ROWS)
        while True:
            while not exhausted and len(in_flight) < self._size * CHUNKS_PER_WORKER:
                chunk, exhausted, error = _read_chunk(source, chunk_rows)
                if chunk:
                    self._send(turn, chunk)
                    in_flight.append(turn)
                    turn = (turn + 1) % self._size
            if not in_flight:
                break
            # Each worker answers its chunks in the order it got them, and chunks went out in turn,
            # so the oldest chunk's worker answers next with exactly that chunk.
            outcomes, failure = self._receive(in_flight.popleft())
            yield from outcomes
            if failure is not None:
                raise failure
        self._finished = True
        if error is not None:
            raise error

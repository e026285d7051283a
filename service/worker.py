"""A background thread that works through a table of persisted tasks, oldest first.

Batch jobs (service.jobs) and report renders (service.report_tasks) are both rows in the database
with a status; nothing is queued in memory. A worker asks its table for the oldest unfinished row,
processes it, and sleeps until woken (or for two seconds) when there is none, so tasks left
unfinished by a crash or restart are simply picked up again by the next process. Several processes
may share one table: each worker has a `worker_id` that its subclass writes into the rows it claims
with conditional updates, and `stop` calls `release` to give back what the worker still holds. Tests
switch the thread off and call ``drain`` to process everything in the calling thread.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

import structlog

if TYPE_CHECKING:
    from service.deps import Runtime

_log = structlog.get_logger("flscreen.worker")
_IDLE_WAIT = 2.0  # seconds between looks at the table when nobody wakes the worker


def new_worker_id() -> str:
    """Return an id naming this worker among all processes and hosts: host, process id, random part."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


class TaskWorker(ABC):
    """Process a table's unfinished rows in one background thread (or synchronously via drain)."""

    thread_name: ClassVar[str] = "flscreen-worker"

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.worker_id = new_worker_id()  # unique per instance, so two apps in one process differ
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread; it first resumes every task left unfinished."""
        self._thread = threading.Thread(target=self._loop, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to stop after its current step, wait for it, then release what it holds."""
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)
        try:
            self.release()
        except Exception:  # a shutdown must not fail; unreleased tasks are taken over once stale
            _log.exception("worker_release_failed", worker=self.thread_name)

    def request_stop(self) -> None:
        """Ask the worker to stop after its current step, without waiting."""
        self._stop.set()
        self._wake.set()

    @property
    def stopping(self) -> bool:
        """Return whether the worker was asked to stop."""
        return self._stop.is_set()

    def wake(self) -> None:
        """Tell the worker a new task is waiting."""
        self._wake.set()

    def drain(self) -> None:
        """Process every unfinished task to the end in the calling thread."""
        previous = None
        while (task_id := self.next_id()) is not None and task_id != previous:
            if not self.process(task_id):
                break
            previous = task_id  # a task still unfinished after a full pass was stopped: do not spin

    def ready(self) -> bool:
        """Return whether the worker can process tasks now (e.g. the engine it needs is loaded)."""
        return True

    def idle(self) -> None:  # noqa: B027  (an optional hook, not an abstract method)
        """Do housekeeping while no task waits (nothing by default)."""

    def release(self) -> None:  # noqa: B027  (an optional hook, not an abstract method)
        """Give back the tasks this worker still holds so another can take them (nothing by default)."""

    @abstractmethod
    def next_id(self) -> str | None:
        """Return the id of the oldest unfinished task, or None."""

    @abstractmethod
    def process(self, task_id: str) -> bool:
        """Process one task to its end (or until stopped); False if it cannot run now."""

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                task_id = self.next_id() if self.ready() else None
                if task_id is not None:
                    self.process(task_id)
                    continue
                self.idle()
            except Exception:  # keep the worker alive; the task itself records its failure
                _log.exception("worker_error", worker=self.thread_name)
            self._wake.wait(timeout=_IDLE_WAIT)
            self._wake.clear()

"""Render one report in a child process, so a render can be stopped and its memory is given back.

A big PDF keeps WeasyPrint busy for tens of seconds and can take a gigabyte. A thread could neither
be stopped at a time limit nor stop holding the interpreter lock the API's requests need, so the
report worker (service.report_tasks) hands the job's results data to a child process that parses
them, renders the report with exactly the code the synchronous endpoint uses, and writes the file.
The child says how it went over a pipe; the parent kills it at the time limit or when the server
stops. Children fork from a fork server that has the renderer's libraries imported already
(service.report_preload), which saves about two seconds per render; where there is no fork server
(Windows), they are spawned.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from pathlib import Path
from typing import Any, Literal

from scoring.reports import ReportError, ReportOptions, parse_results, render_report

_POLL = 0.2  # seconds between calls of keep_going while a child renders
_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """What the child renders: the job's results data, the format and options, where, how large."""

    data: dict[str, Any]
    fmt: str
    options: ReportOptions
    target: Path
    max_bytes: int


@dataclass(frozen=True, slots=True)
class RenderOutcome:
    """How a render ended: done with the file's size, or failed with a message for the client."""

    status: Literal["done", "failed"]
    error: str = ""
    size_bytes: int = 0


def _size(n: int) -> str:
    return f"{n / _MIB:.1f} MiB" if n >= _MIB else f"{n} bytes"


def _render(request: RenderRequest) -> RenderOutcome:
    """Render and write the file (via a .part file, so a file under the final name is complete)."""
    try:
        body = render_report(parse_results(request.data), request.fmt, request.options)
    except ReportError as exc:
        return RenderOutcome("failed", str(exc))
    if len(body) > request.max_bytes:
        return RenderOutcome(
            "failed",
            f"The report is {_size(len(body))}, above the limit of {_size(request.max_bytes)}; "
            "ask for fewer sections or a higher min_tier.",
        )
    part = request.target.with_name(request.target.name + ".part")
    part.write_bytes(body)
    os.replace(part, request.target)
    return RenderOutcome("done", size_bytes=len(body))


def render_child(request: RenderRequest, conn: Connection) -> None:
    """Run in the child process: render, then send the outcome to the parent."""
    try:
        outcome = _render(request)
    except MemoryError:
        outcome = RenderOutcome("failed", "The renderer ran out of memory; ask for fewer sections.")
    except Exception as exc:  # the traceback goes to the server's stderr; the client gets one line
        traceback.print_exc()
        outcome = RenderOutcome(
            "failed", f"Internal error while rendering ({type(exc).__name__}); see the server log."
        )
    conn.send(outcome)
    conn.close()


@cache
def _context() -> ForkServerContext | SpawnContext:
    """Return the fork-server context (with the renderer preloaded), or spawn where there is none."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["service.report_preload"])
        return context
    return multiprocessing.get_context("spawn")


def render_in_child(
    request: RenderRequest, *, timeout: float, keep_going: Callable[[], bool]
) -> RenderOutcome | None:
    """Render in a child process; a failed outcome after `timeout` seconds.

    `keep_going` is called about every 0.2 s while the child renders; when it returns False the
    child is killed and the answer is None (the server is stopping; the task is not at fault).
    """
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=render_child, args=(request, send), name="flscreen-report", daemon=True)
    deadline = time.monotonic() + timeout
    try:
        child.start()
        send.close()  # the child holds the sending end now; EOF on receive means it died
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return RenderOutcome(
                    "failed",
                    f"Rendering took longer than {timeout:g} s and was stopped; "
                    "ask for fewer sections or a higher min_tier.",
                )
            if not keep_going():
                return None
            if receive.poll(min(_POLL, left)):
                break
        try:
            outcome: RenderOutcome = receive.recv()
            child.join(timeout=5.0)  # it exits right after sending
        except EOFError:  # killed (out of memory?) or crashed before it could say anything
            child.join()
            return RenderOutcome(
                "failed",
                f"The renderer stopped unexpectedly (exit code {child.exitcode}); see the server log.",
            )
        return outcome
    finally:
        if child.is_alive():
            child.kill()
        if child.pid is not None:
            child.join()
        receive.close()
        send.close()

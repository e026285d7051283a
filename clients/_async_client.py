"""The asyncio SDK: ``AsyncScreeningClient``, the awaitable twin of clients._client.ScreeningClient.

    async with AsyncScreeningClient("http://127.0.0.1:8000", api_key="fls_...") as client:
        result = await client.screen({"name": "Hoshine Silicon Industry Co., Ltd.", "country": "CN"})

Same configuration, retry policy, errors and models as the sync client; inject an
``httpx.AsyncBaseTransport`` (``httpx.MockTransport`` or ``httpx.ASGITransport``) for tests.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import ExitStack
from datetime import datetime
from types import TracebackType
from typing import Any, TypeVar

import httpx

from clients import _base
from clients import _calls as calls
from clients import _models as m
from clients import _models_ref as r
from clients._exceptions import ClientError, transport_error
from clients._exceptions import retry_after as _retry_after
from clients._retry import RetryPolicy, pick, retry_exception, retry_status

__all__ = ["AsyncScreeningClient"]
T = TypeVar("T")
Record = m.SupplierIn | Mapping[str, Any]


class AsyncScreeningClient(_base.BaseClient):
    """Asyncio client for the flscreen REST API: the same methods as ScreeningClient, awaited."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: httpx.Timeout | float = _base.DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        max_batch: int = _base.DEFAULT_MAX_BATCH,
        headers: Mapping[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        url = base_url or (str(http_client.base_url) if http_client and http_client.base_url else None)
        super().__init__(
            url, api_key, timeout=timeout, retry=retry or RetryPolicy(), max_batch=max_batch, headers=headers
        )
        self._owned = http_client is None
        self._http = http_client or httpx.AsyncClient(transport=transport, timeout=self.timeout)
        self._sleep = sleep

    async def __aenter__(self) -> AsyncScreeningClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (not an injected http_client)."""
        if self._owned:
            await self._http.aclose()

    async def call(self, call: calls.Call[T]) -> T:
        """Send one call with the retry policy and return its parsed answer."""
        attempt = 0
        while True:
            try:
                with ExitStack() as files:
                    response = await self._http.request(**self.request_args(call, files))
            except httpx.HTTPError as exc:
                if attempt < self.retry.retries and retry_exception(call.idempotent, exc):
                    attempt += 1
                    await self._sleep(self.retry.wait(attempt))
                    continue
                raise transport_error(exc, call.method, self.url(call)) from exc
            if (
                not response.is_success
                and attempt < self.retry.retries
                and retry_status(call.idempotent, response.status_code)
            ):
                attempt += 1
                await self._sleep(self.retry.wait(attempt, _retry_after(response)))
                continue
            return self.answer(call, response)

    async def health(self) -> m.Health:
        """Return liveness (no key needed)."""
        return await self.call(calls.health())

    async def ready(self) -> m.Readiness:
        """Return readiness; a server that cannot screen yet raises ServerError (503) with the reason."""
        return await self.call(calls.ready())

    async def screen(self, record: Record, *, top_k: int = 3) -> m.ScreeningPublic:
        """Screen one record synchronously; the server stores the result."""
        return await self.call(calls.screen(_base.supplier_or_raise(record), top_k))

    async def screen_batch(self, queries: Mapping[str, Record], *, top_k: int = 3) -> m.BatchResponse:
        """Screen records keyed by your ids, in chunks of at most ``max_batch``; answers keep the keys."""
        items = {key: _base.supplier_or_raise(rec, key) for key, rec in queries.items()}
        keys, parts, start = list(items), [], 0
        while start < len(keys):
            part = keys[start : start + self.max_batch]
            try:
                parts.append(await self.call(calls.screen_batch(pick(items, part), top_k)))
            except ClientError as exc:
                self.smaller_batch(exc, len(part))  # re-raises unless the batch was merely too large
                continue
            start += len(part)
        return _base.batch_response(parts)

    async def list_screenings(
        self, *, limit: int = 50, offset: int = 0, **filters: str | datetime
    ) -> m.ScreeningPage:
        """List stored screenings, newest first; filters: tier, list, since, until, supplier_ref, job_id."""
        return await self.call(calls.list_screenings({**filters, "limit": limit, "offset": offset}))

    async def get_screening(self, screening_id: str) -> m.ScreeningPublic:
        """Fetch one stored screening with its findings and matches."""
        return await self.call(calls.get_screening(screening_id))

    async def submit_job(
        self, file: str | os.PathLike[str] | bytes, *, filename: str | None = None, top_k: int = 3
    ) -> m.JobPublic:
        """Upload a CSV/XLSX file as a batch job; returns the queued job (poll ``get_job``)."""
        return await self.call(calls.submit_job(_base.upload(file, filename), top_k))

    async def list_jobs(self, *, limit: int = 100, offset: int = 0) -> m.JobPage:
        """List jobs, newest first."""
        return await self.call(calls.list_jobs(limit, offset))

    async def get_job(self, job_id: str) -> m.JobPublic:
        """Return a job's status and progress."""
        return await self.call(calls.get_job(job_id))

    async def wait_for_job(
        self, job_id: str, *, poll: float = 1.0, timeout: float | None = None
    ) -> m.JobPublic:
        """Poll a job until it is done or failed; raise ClientError after ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not _base.finished(job := await self.get_job(job_id), deadline, timeout):
            await self._sleep(poll)
        return job

    async def job_results(self, job_id: str, *, limit: int = 100, offset: int = 0) -> m.JobRowPage:
        """Return one page of a job's row results, in input order."""
        return await self.call(calls.job_results(job_id, limit, offset))

    async def iter_job_results(self, job_id: str, *, page_size: int = 1000) -> AsyncIterator[m.JobRowPublic]:
        """Yield every row result of a job, page by page."""
        offset = 0
        while True:
            page = await self.job_results(job_id, limit=page_size, offset=offset)
            for item in page.items:
                yield item
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    async def download_job(self, job_id: str, format: calls.ExportFormat = "csv") -> bytes:  # noqa: A002
        """Return a finished job's results file (csv, xlsx or json) as bytes."""
        return await self.call(calls.download_job(job_id, format))

    async def download_report(
        self,
        job_id: str,
        format: calls.ReportFormat = "pdf",
        *,
        min_tier: str = "medium",
        sections: int = 100,
    ) -> bytes:  # noqa: A002
        """Return a finished job's risk report (pdf, html or xlsx) as bytes."""
        return await self.call(calls.download_report(job_id, format, min_tier, sections))

    async def create_report_task(
        self,
        job_id: str,
        format: calls.ReportFormat = "pdf",  # noqa: A002
        *,
        min_tier: str = "medium",
        sections: int = 100,
    ) -> m.ReportTaskPublic:
        """Have the server render a finished job's report in the background; returns the queued task."""
        request = _base.report_task_or_raise(format, min_tier, sections)
        return await self.call(calls.create_report_task(job_id, request))

    async def get_report_task(self, task_id: str) -> m.ReportTaskPublic:
        """Return a report task's status (queued, running, done, failed or expired)."""
        return await self.call(calls.get_report_task(task_id))

    async def wait_for_report_task(
        self, task_id: str, *, poll: float = 1.0, timeout: float | None = None
    ) -> m.ReportTaskPublic:
        """Poll a report task until it is done, failed or expired; raise ClientError after ``timeout`` s."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not _base.finished(task := await self.get_report_task(task_id), deadline, timeout):
            await self._sleep(poll)
        return task

    async def download_report_task(self, task_id: str) -> bytes:
        """Return a done report task's file (ConflictError before it is done or after it failed)."""
        return await self.call(calls.download_report_task(task_id))

    async def list_suppliers(
        self, *, tier: str | None = None, limit: int = 50, offset: int = 0
    ) -> m.SupplierPage:
        """List screened suppliers with their latest tier."""
        return await self.call(calls.list_suppliers(tier, limit, offset))

    async def get_supplier(self, supplier_ref: str) -> m.SupplierDetail:
        """Fetch one supplier with its dispositions."""
        return await self.call(calls.get_supplier(supplier_ref))

    async def create_disposition(
        self, screening_id: str, entity_id: str, status: calls.DispositionStatus, note: str = ""
    ) -> m.DispositionPublic:
        """Record a reviewer's decision on one match: confirmed or false_positive."""
        decision = _base.disposition_or_raise(entity_id, status, note)
        return await self.call(calls.create_disposition(screening_id, decision))

    async def list_dispositions(
        self,
        *,
        supplier_ref: str | None = None,
        entity_id: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> m.DispositionPage:
        """List decisions, newest first, with whether each is still active."""
        return await self.call(calls.list_dispositions(supplier_ref, entity_id, limit, offset))

    async def get_reference(self) -> r.ReferencePublic:
        """Describe the server's snapshot: id, sources with provenance and coverage."""
        return await self.call(calls.get_reference())

    async def get_source(self, source_id: str) -> r.SourcePublic:
        """Describe one source."""
        return await self.call(calls.get_source(source_id))

    async def list_entities(
        self, *, q: str | None = None, source: str | None = None, limit: int = 50, offset: int = 0
    ) -> r.EntityPage:
        """Search list entities by name and source."""
        return await self.call(calls.list_entities(q, source, limit, offset))

    async def get_entity(self, entity_id: str) -> r.EntityPublic:
        """Look up one list entity as published."""
        return await self.call(calls.get_entity(entity_id))

    async def get_model(self) -> r.ModelPublic:
        """Describe the match model: features, descriptions, coefficients."""
        return await self.call(calls.get_model())

    async def get_frameworks(self) -> r.Catalogue:
        """Return the UNGP / paragraph-28 / law catalogue."""
        return await self.call(calls.get_frameworks())

    async def list_audit(
        self, *, action: str | None = None, since: datetime | None = None, limit: int = 50, offset: int = 0
    ) -> m.AuditPage:
        """Read the audit log (admin scope)."""
        return await self.call(calls.list_audit(action, since, limit, offset))

"""Screen a supplier file on a server: rows go in keyed batches, rows come out as if screened locally.

The file is read and validated here exactly as in a local run (scoring.intake), each valid record
is sent in a keyed batch (key = its row number), and each answer is turned back into the engine's
result types, with every matched list entity looked up once (``/v1/reference/entities``). The
output rows are then built by the same function a local run uses (clients.results.screened_row),
so a file screened locally and through ``--api`` gives identical rows. The one legitimate
difference: a match a reviewer marked a false positive on the server is left out, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from clients import ClientError, InvalidRequestError, ScreeningClient
from clients._base import supplier_or_raise
from clients._models import FindingPublic, MatchPublic, ScreeningPublic, SupplierIn
from clients._models_ref import EntityPublic, SourcePublic
from clients.cmd_remote import RemoteError
from clients.results import OutputRow, error_row, screened_row
from clients.screen_file import ENGINE_TOP_K, RunStats
from clients.writers import ResultWriter
from reference_data.models import FileMeta, ListEntity, SourceMeta
from scoring.intake import RawRow, build_record
from scoring.types import (
    Evidence,
    FeatureContribution,
    Finding,
    MatchResult,
    RiskAssessment,
    ScreeningResult,
    SupplierRecord,
)

BATCH_ROWS = 500  # rows per keyed batch: well under the server's default limit of 1,000 and 2 MiB
PRELOAD_MAX = 50_000  # list entities fetched page by page at the start; beyond, one request per entity


def source_meta(src: SourcePublic) -> SourceMeta:
    """Return a server's source description as the snapshot's SourceMeta."""
    fields = src.model_dump(exclude={"row_count"})
    return SourceMeta(**fields, files=(FileMeta(path="(server)", sha256="", rows=src.row_count),))


def supplier_in(record: SupplierRecord) -> SupplierIn:
    """Return the API input for a record validated locally (the country already resolved, or left out)."""
    values: dict[str, Any] = {
        "name": record.name,
        "supplier_id": record.supplier_id,
        "country": record.country or "",  # unresolved: the local warning already says so
        "address": record.address,
        "identifiers": [{"scheme": s, "value": v} for s, v in record.identifiers],
        "product": record.product,
        "hs_code": record.hs_code,
        "value": record.value,
        "currency": record.currency,
        "quantity": record.quantity,
        "date": record.date,
        "sector": record.sector,
        "is_intermediary": record.is_intermediary,
        "recruitment_fees_paid_by_workers": record.recruitment_fees_paid_by_workers,
        "identity_documents_retained": record.identity_documents_retained,
        "migrant_worker_share": record.migrant_worker_share,
        "ilo_indicators": list(record.ilo_indicators),
    }
    return supplier_or_raise(values)


def _finding(f: FindingPublic) -> Finding:
    evidence = tuple(
        Evidence(e.source_id, e.source_version, e.record, e.detail, e.source_row, e.url) for e in f.evidence
    )
    return Finding(
        type=f.type, code=f.code, points=f.points, sentence=f.sentence, evidence=evidence,
        ungp=tuple(f.ungp), p28=tuple(f.p28), laws=tuple(f.laws), actions=tuple(f.actions),
        ilo_indicators=tuple(f.ilo_indicators),
    )  # fmt: skip


def _list_entity(e: EntityPublic) -> ListEntity:
    """Return a server's list entity as the snapshot's ListEntity."""
    return ListEntity(
        entity_id=e.entity_id, source_id=e.source_id, name=e.name, aliases=tuple(e.aliases),
        country=e.country, entity_type=e.entity_type, address=e.address,
        identifiers=tuple((p[0], p[1]) for p in e.identifiers if len(p) == 2),
        listed_on=e.listed_on, action=e.action, status=e.status, legal_basis=e.legal_basis,
        sectors=e.sectors, related=e.related, source_row=e.source_row, source_url=e.source_url,
        notes=e.notes,
    )  # fmt: skip


@dataclass
class RemoteEngine:
    """The server seen as an engine: batches of records in, engine result values out."""

    client: ScreeningClient
    top: int = 1
    snapshot_id: str = ""
    model_version: str = ""
    sources: dict[str, SourceMeta] = field(default_factory=dict)
    _entities: dict[str, ListEntity] = field(default_factory=dict)

    def connect(self) -> None:
        """Read the server's snapshot, models and sources (checks the URL and the key)."""
        ref = self.client.get_reference()
        self.snapshot_id, self.model_version = ref.snapshot_id, ref.model_version
        self.sources = {s.source_id: source_meta(s) for s in ref.sources}
        if ref.entity_count <= PRELOAD_MAX:  # a few pages now instead of one request per matched entity
            offset = 0
            while offset < ref.entity_count:
                page = self.client.list_entities(limit=500, offset=offset)
                for e in page.items:
                    self._entities[e.entity_id] = _list_entity(e)
                offset += len(page.items)
                if not page.items:
                    break

    def screen(self, record: SupplierRecord, top_k: int = ENGINE_TOP_K) -> ScreeningResult:
        """Screen one record on the server (the engine protocol of clients.screen_file)."""
        try:
            public = self.client.screen(supplier_in(record), top_k=top_k)
        except ClientError as exc:
            raise RemoteError(f"the server failed: {exc}") from None
        return self.result(record, public)

    def entity(self, entity_id: str) -> ListEntity:
        """Return a list entity as published, fetched once per run."""
        if entity_id not in self._entities:
            self._entities[entity_id] = _list_entity(self.client.get_entity(entity_id))
        return self._entities[entity_id]

    def _match(self, m: MatchPublic) -> MatchResult:
        contributions = tuple(
            FeatureContribution(
                c.name, c.value, c.contribution, c.description, c.query_value, c.candidate_value
            )
            for c in m.contributions
        )
        return MatchResult(
            self.entity(m.entity_id),
            m.matched_name,
            m.score,
            m.is_match,
            m.intercept,
            contributions,
            names_matched=m.names_matched,
        )

    def result(self, record: SupplierRecord, public: ScreeningPublic) -> ScreeningResult:
        """Turn a server answer back into the engine's result for the locally read record."""
        risk = public.risk
        assessment = RiskAssessment(
            risk.score,
            risk.tier,
            risk.total_points,
            tuple(_finding(f) for f in risk.findings),
            risk.exposure_value,
        )
        warnings = list(public.warnings)
        for m in public.matches:
            if m.suppressed:
                warnings.append(f"match {m.entity_id} suppressed by a reviewer's false-positive decision")
        matches = tuple(self._match(m) for m in public.matches if not m.suppressed)
        return ScreeningResult(
            record, matches, assessment, public.snapshot_id, public.model_version, tuple(warnings)
        )

    def screen_batch(self, pending: list[RawRow]) -> Iterator[OutputRow]:
        """Screen a batch of raw rows on the server; yield one output row per input row, in order."""
        stamp = (self.snapshot_id, self.model_version)
        prepared: list[tuple[RawRow, SupplierRecord | None, tuple[str, ...], str]] = []
        queries: dict[str, SupplierIn] = {}
        for raw in pending:
            if raw.fault:
                prepared.append((raw, None, (), raw.fault))
                continue
            outcome = build_record(raw.values)
            error = outcome.error
            if outcome.record is not None:
                try:
                    queries[str(raw.row)] = supplier_in(outcome.record)
                except InvalidRequestError as exc:  # a cell longer than the API accepts
                    error = f"not accepted by the API: {exc}"
            prepared.append((raw, outcome.record if not error else None, outcome.warnings, error))
        try:
            answers = (
                self.client.screen_batch(queries, top_k=max(self.top, ENGINE_TOP_K)).responses
                if queries
                else {}
            )
        except ClientError as exc:
            raise RemoteError(f"the server failed: {exc}") from None
        for raw, record, warnings, error in prepared:
            public = answers.get(str(raw.row))
            if record is None or public is None:
                yield error_row(raw.row, raw.values, error or "no answer from the server", warnings, stamp)
            else:
                yield screened_row(raw.row, self.result(record, public), self.sources, self.top, warnings)


def _batches(rows: Iterable[RawRow], size: int) -> Iterator[list[RawRow]]:
    """Yield consecutive lists of at most ``size`` rows (the file is never held whole)."""
    batch: list[RawRow] = []
    for raw in rows:
        batch.append(raw)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def screen_rows_remote(
    rows: Iterable[RawRow],
    engine: RemoteEngine,
    writer: ResultWriter,
    stats: RunStats,
    tick: Callable[[], None] = lambda: None,
    batch_rows: int | None = None,
) -> RunStats:
    """Screen every row on the server in order into the writer; stop cleanly on Ctrl-C."""
    try:
        for batch in _batches(rows, batch_rows or BATCH_ROWS):
            for raw, out in zip(batch, engine.screen_batch(batch), strict=True):
                writer.write(out)
                stats.count(raw.row, out)
                tick()
    except KeyboardInterrupt:
        stats.interrupted = True
    return stats

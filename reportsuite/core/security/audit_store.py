"""The audit trail's storage: an ``audit_events`` table per service, in the schema ``<service>_audit``.

Each service owns its audit schema as it owns its own; a schema of its own (rather than a table in
``<service>``) keeps the service's schema exactly what its ORM describes. The table comes from a
small Alembic chain of its own (``audit_migrations/``), run by ``reportsuite.core.db.migrate``
after the service's chain and, for servers started without it (test stand-ins), on first use, so
no service's migrations mention it. Events are written by one background thread in batches: a
call never waits on the audit insert.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.dialects import postgresql

log = logging.getLogger(__name__)

AUDIT_MIGRATIONS = Path(__file__).resolve().parent / "audit_migrations"
AUDIT_HEAD = "0001"
VERSION_TABLE = "audit_alembic_version"
QUEUE_LIMIT = 10_000
BATCH = 500


@dataclass(frozen=True)
class AuditEvent:
    """One audited call; request bodies are never kept, so no secret ever is."""

    time: datetime
    service: str
    method: str
    principal: str
    role: str
    token_id: str
    accounts: tuple[str, ...]
    resources: tuple[str, ...]
    request_id: str
    code: str
    peer: str


@functools.cache
def audit_table(schema: str) -> sa.Table:
    """The audit_events table of one schema, for queries (the migration creates it)."""
    return sa.Table(
        "audit_events", sa.MetaData(schema=schema),
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("time", sa.DateTime(timezone=True)),
        sa.Column("service", sa.String), sa.Column("method", sa.String), sa.Column("principal", sa.String),
        sa.Column("role", sa.String), sa.Column("token_id", sa.String),
        sa.Column("accounts", postgresql.ARRAY(sa.Text)), sa.Column("resources", postgresql.ARRAY(sa.Text)),
        sa.Column("request_id", sa.String), sa.Column("code", sa.String), sa.Column("peer", sa.String),
    )


def audit_schema(service: str) -> str:
    """The schema holding a service's audit trail."""
    return f"{service}_audit"


def upgrade(connection: sa.Connection, service: str) -> None:
    """Runs the audit chain on a connection that already holds the service's migration lock."""
    schema = audit_schema(service)
    connection.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    config = Config()
    config.set_main_option("script_location", str(AUDIT_MIGRATIONS))
    config.attributes["connection"] = connection
    config.attributes["schema"] = schema
    command.upgrade(config, "head")


def ensure_schema(engine: sa.Engine, service: str) -> None:
    """Creates or upgrades a service's audit table unless it is already at the newest revision."""
    schema = audit_schema(service)
    try:
        with engine.connect() as connection:
            current = connection.execute(sa.text(f'SELECT version_num FROM "{schema}".{VERSION_TABLE}')).scalar()
        if current == AUDIT_HEAD:
            return
    except sa.exc.DBAPIError:
        pass  # no schema or no version table yet
    with engine.begin() as connection:
        # The lock core.db.migrate takes, so this never races a migration of the same service.
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": service})
        upgrade(connection, service)


class AuditLog:
    """Records audit events of one service in the background; ``flush`` waits until they are stored."""

    def __init__(self, engine: Callable[[], sa.Engine], service: str) -> None:
        self._engine_factory = engine
        self._engine: sa.Engine | None = None
        self.service = service
        self.schema = audit_schema(service)
        self._queue: queue.Queue[AuditEvent | None] = queue.Queue(QUEUE_LIMIT)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending = 0
        self._thread: threading.Thread | None = None
        self._closed = False

    def record(self, event: AuditEvent) -> None:
        """Queues an event; drops it (with a log line) only when the database is far behind."""
        with self._lock:
            if self._closed:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"audit-{self.schema}", daemon=True)
                self._thread.start()
            self._pending += 1
        try:
            self._queue.put_nowait(event)
        except queue.Full:
            self._done(1)
            log.error("audit queue full: an event of %s by %r was dropped", event.method, event.principal)

    def flush(self, timeout: float = 10.0) -> None:
        """Waits until every queued event is written (or given up on)."""
        with self._idle:
            self._idle.wait_for(lambda: self._pending == 0, timeout)

    def engine(self) -> sa.Engine:
        with self._lock:
            if self._engine is None:
                self._engine = self._engine_factory()
            return self._engine

    def close(self) -> None:
        """Writes what is queued, stops the writer and releases the engine."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout=10)
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    def _done(self, count: int) -> None:
        with self._idle:
            self._pending -= count
            self._idle.notify_all()

    def _run(self) -> None:
        ready = False
        while True:
            first = self._queue.get()
            batch = [first] if first is not None else []
            while len(batch) < BATCH and first is not None:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    first = None
                    break
                batch.append(item)
            if batch:
                ready = self._write(batch, ready)
                self._done(len(batch))
            if first is None:
                return

    def _write(self, batch: list[AuditEvent], ready: bool) -> bool:
        try:
            engine = self.engine()
            if not ready:
                ensure_schema(engine, self.service)
            with engine.begin() as connection:
                connection.execute(sa.insert(audit_table(self.schema)), [_row(event) for event in batch])
            return True
        except Exception as error:  # the audit must never take the service down with it
            log.error("could not write %d audit events to %s.audit_events: %s", len(batch), self.schema,
                      type(error).__name__)
            return False


def _text(value: str, limit: int = 300) -> str:
    # PostgreSQL text cannot hold NUL; the interceptor refuses unary requests holding one, but a
    # streamed record may carry one into the resources named: this keeps the row writable.
    return value.replace("\x00", "\\0")[:limit]


def _row(event: AuditEvent) -> dict[str, Any]:
    return {
        "time": event.time, "service": event.service, "method": _text(event.method, 200),
        "principal": _text(event.principal, 200), "role": event.role, "token_id": event.token_id,
        "accounts": [_text(a) for a in event.accounts], "resources": [_text(r) for r in event.resources],
        "request_id": _text(event.request_id, 200), "code": event.code, "peer": _text(event.peer, 200),
    }

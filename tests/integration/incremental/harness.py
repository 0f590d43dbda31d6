"""Incremental runs on real PostgreSQL without RabbitMQ: the real domain code, called directly.

The scheduler's JobService creates jobs (locking and moving the watermark in its own tables), its
ActivityStore port takes the cutoff from the generator's ActivityRepository in process, and the
generator's PostgresReportWriter runs the report query of each job, as the job reaches the
generator (scheduler Job -> proto -> generator Job). Only the catalog is a hand-written fake:
it serves the definitions a test adds.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import db
from services.generator.adapters.clients import job_from_proto
from services.generator.adapters.report_query import PostgresReportWriter
from services.generator.adapters.repository import ActivityRepository
from services.generator.domain.reports import ReportQuery, ReportType
from services.generator.domain.statuses import STATUSES
from services.scheduler.adapters.catalog import snapshot_of
from services.scheduler.adapters.repository import SqlJobStore
from services.scheduler.domain.jobs import Job, LeasePolicy
from services.scheduler.domain.ports import ReportSnapshot
from services.scheduler.domain.service import JobService
from services.scheduler.entrypoints.grpc_api import job_to_proto

Kind = catalog_pb2.TimeFrame.Kind
CAMPAIGN, SUB_CAMPAIGN = "spring", "wave1"


@contextmanager
def own_database(admin_url: str, name: str) -> Iterator[sa.Engine]:
    """A database of its own with the generator's and the scheduler's schemas, dropped afterwards.

    Its own, so no scheduler relay of the rest of the test run publishes these jobs.
    """
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        # A throwaway database: commits need not wait for the disk (visibility is unchanged).
        connection.execute(sa.text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    # At most 4 held-open ingests + 4 racing runs (a session and a cutoff each) + 1 ingest at once.
    engine = db.make_engine(admin_url.rsplit("/", 1)[0] + f"/{name}", pool_size=8)
    try:
        db.migrate(engine, "generator")
        ActivityRepository(engine).sync_statuses(STATUSES)
        db.migrate(engine, "scheduler")
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Definitions:
    """The scheduler's Catalog port: serves the definitions added with add()."""

    def __init__(self) -> None:
        self._definitions: dict[str, catalog_pb2.ReportDefinition] = {}

    def add(self, account: str, kind: int) -> str:
        definition = catalog_pb2.ReportDefinition(
            name=f"accounts/{account}/reports/r{uuid.uuid4().hex[:10]}", display_name="Attempts",
            report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS, level=catalog_pb2.LEVEL_CAMPAIGN, target=CAMPAIGN,
            time_frame=catalog_pb2.TimeFrame(kind=kind),  # type: ignore[arg-type]
        )
        self._definitions[definition.name] = definition
        return definition.name

    def report_definition(self, name: str) -> ReportSnapshot:
        return snapshot_of(self._definitions[name])


class InProcessGenerator:
    """The scheduler's ActivityStore port over the generator's repository, in this process."""

    def __init__(self, repository: ActivityRepository) -> None:
        self._repository = repository

    def reports_time_zone(self, account: str) -> str:
        return "UTC"

    def campaign_start(self, account: str, campaign: str) -> datetime:
        raise AssertionError("these tests run no Entire Campaign report")

    def ingest_cutoff(self) -> str:
        return self._repository.ingest_cutoff()


@dataclass(frozen=True)
class AttemptSpec:
    """An attempt to ingest; ingested_at None means the ingesting transaction's own time.

    Stored as "<account>:<attempt_id>" (attempt ids are unique in the whole store); reports
    give the attempt_id back.
    """

    attempt_id: str
    complete_time: datetime
    ingested_at: datetime | None = None


_INSERT = """
INSERT INTO generator.attempts (attempt_id, account, campaign, sub_campaign, client_id, channel, status,
                                start_time, complete_time, ingested_at)
VALUES (%s, %s, %s, %s, %s, 'Voice', 'DELIVEREDPERSON', %s, %s, COALESCE(%s, now()))
"""


class OpenIngest:
    """An ingest transaction held open on a connection of its own until commit() or rollback()."""

    def __init__(self, engine: sa.Engine, account: str) -> None:
        self._connection: Any = engine.raw_connection()
        self._cursor = self._connection.cursor()
        self._account = account
        self.attempt_ids: list[str] = []

    def begin(self) -> None:
        """Takes the transaction's id now, before it inserts anything."""
        self._cursor.execute("SELECT pg_current_xact_id()")

    def insert(self, attempts: Iterable[AttemptSpec]) -> None:
        for attempt in attempts:
            stored_id = f"{self._account}:{attempt.attempt_id}"
            self._cursor.execute(_INSERT, (
                stored_id, self._account, CAMPAIGN, SUB_CAMPAIGN, f"C-{attempt.attempt_id}",
                attempt.complete_time - timedelta(minutes=1), attempt.complete_time, attempt.ingested_at))
            self.attempt_ids.append(attempt.attempt_id)

    def commit(self) -> None:
        self._connection.commit()
        self._close()

    def rollback(self) -> None:
        self._connection.rollback()
        self._close()

    def _close(self) -> None:
        self._cursor.close()
        self._connection.close()


class Harness:
    """One account's Incremental All Attempts report of campaign "spring", run and generated directly."""

    def __init__(self, engine: sa.Engine, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self.account = "a" + uuid.uuid4().hex[:12]
        self.definitions = Definitions()
        repository = ActivityRepository(engine)
        self.jobs = JobService(SqlJobStore(db.make_sessions(engine)), self.definitions,
                               InProcessGenerator(repository), LeasePolicy(lease_seconds=30, max_attempts=3),
                               clock=clock or (lambda: datetime.now(UTC)))
        self._writer = PostgresReportWriter(engine)
        with engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO generator.accounts (id, display_name, reports_time_zone) VALUES (:a, 'Acme', 'UTC')"),
                {"a": self.account})
            connection.execute(sa.text(
                "INSERT INTO generator.campaigns (account, id, display_name) VALUES (:a, :c, 'Spring')"),
                {"a": self.account, "c": CAMPAIGN})
            connection.execute(sa.text(
                "INSERT INTO generator.sub_campaigns (account, campaign, id, display_name) "
                "VALUES (:a, :c, :s, 'Wave 1')"), {"a": self.account, "c": CAMPAIGN, "s": SUB_CAMPAIGN})

    def definition(self, kind: int = Kind.KIND_INCREMENTAL) -> str:
        return self.definitions.add(self.account, kind)

    def run(self, definition: str) -> Job:
        """RunReport, as the scheduler's use case: the job is created (and the watermark moved)."""
        return self.jobs.run_report(definition, None, "")

    def open_ingest(self) -> OpenIngest:
        return OpenIngest(self.engine, self.account)

    def ingest(self, *attempts: AttemptSpec) -> None:
        """Ingests and commits at once."""
        transaction = self.open_ingest()
        transaction.insert(attempts)
        transaction.commit()

    def report(self, job: Job) -> list[str]:
        """The AttemptIDs of the job's report, generated as the generator would."""
        claimed = job_from_proto(job_to_proto(job))
        query = ReportQuery(
            report_type=ReportType.ALL_ATTEMPTS, account=claimed.account, campaign=CAMPAIGN, sub_campaign=None,
            window_start=claimed.window_start, window_end=claimed.window_end, time_zone="UTC",
            incremental=claimed.incremental,
        )
        sink = io.BytesIO()
        rows = self._writer.write_csv(query, sink)
        found = [row["AttemptID"] for row in csv.DictReader(io.StringIO(sink.getvalue().decode()))]
        assert len(found) == rows
        return [attempt_id.removeprefix(f"{self.account}:") for attempt_id in found]

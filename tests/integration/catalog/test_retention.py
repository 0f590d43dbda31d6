"""Retention: expired saved reports and their files are purged in batches; nothing else is touched.

Each test's reports expire in a year of their own, long past, and its purge reads a clock set in
that year; reports meant to stay expire in 2100. A purge deletes every report expired by its
clock, so a test's leftovers may only expire after the clocks of the tests before it.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import grpc
import pytest
import sqlalchemy as sa
from opentelemetry.sdk.metrics.export import InMemoryMetricReader, NumberDataPoint

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import db, telemetry
from reportsuite.core.errors import NotFound
from reportsuite.core.filestore import FileStore
from reportsuite.core.settings import Settings
from services.catalog import bootstrap
from services.catalog.adapters.repository import SqlCatalogRepository
from services.catalog.adapters.retention_repository import SqlExpiredSavedReports
from services.catalog.adapters.telemetry import watch_purge_backlog
from services.catalog.domain import names
from services.catalog.domain.model import SavedReport
from services.catalog.domain.report_types import ReportType
from services.catalog.domain.retention import RetentionPurge
from services.catalog.domain.saved_reports import SavedReports
from tests.integration.catalog.support import definition, rpc_error


@pytest.fixture(scope="module")
def engine(settings: Settings) -> Iterator[sa.Engine]:
    engine = db.make_engine(settings.database_url, pool_size=4)
    yield engine
    engine.dispose()


@pytest.fixture
def repository(engine: sa.Engine, catalog: catalog_pb2_grpc.CatalogServiceStub) -> SqlCatalogRepository:
    # The catalog fixture has migrated the schema.
    return SqlCatalogRepository(db.make_sessions(engine))


@pytest.fixture
def report_definition(catalog: catalog_pb2_grpc.CatalogServiceStub, parent: str) -> str:
    return catalog.CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=parent, report_definition=definition())).report_definition.name


def at(year: int, day: int = 1) -> datetime:
    return datetime(year, 1, day, tzinfo=UTC)


class RecordingStore(FileStore):
    """The real artifact store, remembering every key it was asked to delete."""

    def __init__(self, store: FileStore) -> None:
        super().__init__(store.root)
        self.deleted: list[str] = []
        self._lock = threading.Lock()

    def delete(self, key: str) -> None:
        with self._lock:
            self.deleted.append(key)
        super().delete(key)


def saved(repository: SqlCatalogRepository, store: FileStore, definition_name: str, expire_time: datetime,
          count: int) -> list[SavedReport]:
    """Registers count saved reports of the definition, with their files, expiring at expire_time."""
    account, report_id = names.parse_report(definition_name, "report_definition")
    made = []
    for _ in range(count):
        saved_report_id = names.new_id()
        key = f"reports/{account}/{saved_report_id}.csv"
        with store.writer(key) as handle:
            handle.write(b"ClientID,Status\n1,BUSY\n")
        record = SavedReport(
            account=account, saved_report_id=saved_report_id, report_definition_id=report_id,
            job_id=names.new_id(), display_name="Daily", report_type=ReportType.BEST_CONTACT, file_name="d.csv",
            content_type="text/csv", size_bytes=24, row_count=1, sha256="0" * 64, window_start=at(2000),
            window_end=at(2000, 2), create_time=expire_time - timedelta(days=30), expire_time=expire_time,
            storage_key=key,
        )
        made.append(repository.add_saved_report(record, None))
    return made


def present(repository: SqlCatalogRepository, record: SavedReport) -> bool:
    return repository.get_saved_report(record.account, record.saved_report_id) is not None


def test_expired_reports_are_purged_in_batches_with_their_files_and_the_rest_stays(
    repository: SqlCatalogRepository, store: FileStore, engine: sa.Engine, report_definition: str,
    catalog: catalog_pb2_grpc.CatalogServiceStub,
) -> None:
    expired = saved(repository, store, report_definition, at(2001, 10), 7)
    kept = saved(repository, store, report_definition, at(2100), 2)
    purge = RetentionPurge(SqlExpiredSavedReports(db.make_sessions(engine)), store, lambda: at(2001, 15),
                           batch_size=3)

    assert purge.backlog() == 7
    assert purge.purge_batch() == 3
    assert purge.backlog() == 4
    assert purge.purge() == 4
    assert purge.backlog() == 0

    assert not any(present(repository, r) or store.exists(r.storage_key) for r in expired)
    assert all(present(repository, r) and store.exists(r.storage_key) for r in kept)
    still = catalog.GetReportDefinition(pb.GetReportDefinitionRequest(name=report_definition)).report_definition
    assert still.name == report_definition


def test_two_purgers_at_once_delete_each_expired_report_exactly_once(
    repository: SqlCatalogRepository, store: FileStore, engine: sa.Engine, report_definition: str,
) -> None:
    expired = saved(repository, store, report_definition, at(2002, 10), 120)
    recording = RecordingStore(store)
    purgers = [RetentionPurge(SqlExpiredSavedReports(db.make_sessions(engine)), recording, lambda: at(2002, 15),
                              batch_size=10) for _ in range(2)]
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def sweep(purge: RetentionPurge) -> None:
        barrier.wait()
        try:
            counts.append(purge.purge())
        except BaseException as error:  # collected to fail the test in its own thread
            errors.append(error)

    threads = [threading.Thread(target=sweep, args=(purge,)) for purge in purgers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(counts) == 120
    assert Counter(recording.deleted) == Counter(r.storage_key for r in expired)
    assert not any(present(repository, r) for r in expired)


def test_an_expired_report_is_neither_listed_nor_returned_before_the_purge_runs(
    repository: SqlCatalogRepository, store: FileStore, report_definition: str,
) -> None:
    (expired,) = saved(repository, store, report_definition, at(2003, 10), 1)
    (current,) = saved(repository, store, report_definition, at(2100), 1)
    reports = SavedReports(repository, store, timedelta(days=30), lambda: at(2003, 15))

    listed, _ = reports.list(f"accounts/{expired.account}", 50, "")

    assert [r.name for r in listed] == [current.name]
    assert reports.get(current.name) == current
    with pytest.raises(NotFound) as raised:
        reports.get(expired.name)
    assert raised.value.field == "name"
    assert "expired" in str(raised.value)
    assert present(repository, expired) and store.exists(expired.storage_key)  # not purged: only hidden


def test_list_saved_reports_over_grpc_hides_a_report_once_its_expire_time_passed(
    catalog: catalog_pb2_grpc.CatalogServiceStub, repository: SqlCatalogRepository, store: FileStore,
    engine: sa.Engine, parent: str, report_definition: str,
) -> None:
    (report,) = saved(repository, store, report_definition, datetime.now(UTC) + timedelta(seconds=1), 1)
    request = pb.ListSavedReportsRequest(parent=parent)
    before = [r.name for r in catalog.ListSavedReports(request).saved_reports]

    time.sleep(1.1)
    after = [r.name for r in catalog.ListSavedReports(request).saved_reports]
    error = rpc_error(lambda: catalog.GetSavedReport(pb.GetSavedReportRequest(name=report.name)))

    assert before == [report.name]
    assert after == []
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_the_catalog_purges_expired_reports_in_the_background_from_its_start(
    settings: Settings, repository: SqlCatalogRepository, store: FileStore, report_definition: str,
) -> None:
    (expired,) = saved(repository, store, report_definition, at(2004, 10), 1)

    service = bootstrap.start(settings, "127.0.0.1:0")
    try:
        deadline = time.monotonic() + 10
        while present(repository, expired) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        service.stop(0)

    assert not present(repository, expired)
    assert not store.exists(expired.storage_key)


def backlog_gauge(reader: InMemoryMetricReader) -> int | None:
    data = reader.get_metrics_data()
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                if metric.name == "reportsuite.catalog.retention.backlog":
                    (point,) = metric.data.data_points
                    assert isinstance(point, NumberDataPoint)
                    return int(point.value)
    return None


def test_the_purge_backlog_is_an_opentelemetry_gauge(
    repository: SqlCatalogRepository, store: FileStore, engine: sa.Engine, report_definition: str,
) -> None:
    reader = InMemoryMetricReader()
    telemetry.configure("catalog-tests", metric_reader=reader)
    purge = RetentionPurge(SqlExpiredSavedReports(db.make_sessions(engine)), store, lambda: at(2005, 15))
    purge.purge()  # earlier tests' leftovers
    saved(repository, store, report_definition, at(2005, 10), 3)
    stop = watch_purge_backlog(purge.backlog)
    try:
        waiting = backlog_gauge(reader)
        purge.purge()
        cleared = backlog_gauge(reader)
    finally:
        stop()

    assert (waiting, cleared) == (3, 0)

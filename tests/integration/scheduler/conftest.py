"""A real scheduler (bootstrap.start on port 0) against real PostgreSQL and RabbitMQ, with fake
catalog and generator servicers on a real gRPC server."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pika
import pytest
import sqlalchemy as sa
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients, db, telemetry
from reportsuite.core.queue import DELIVER, GENERATE
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2, scheduler_pb2_grpc
from services.scheduler import bootstrap
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator, serving

T = TypeVar("T")
QUEUES = (GENERATE.queue_name, DELIVER.queue_name)


@pytest.fixture(scope="session")
def exporter() -> InMemorySpanExporter:
    """Real spans, so RunReport has a trace context to store with its outbox row."""
    memory = InMemorySpanExporter()
    telemetry.configure("scheduler-tests", exporter=memory)
    return memory


@pytest.fixture(scope="session")
def fakes(exporter: InMemorySpanExporter) -> Iterator[tuple[FakeCatalog, FakeGenerator, str]]:
    catalog, generator = FakeCatalog(), FakeGenerator()
    with serving(catalog, generator) as address:
        yield catalog, generator, address


@pytest.fixture(scope="session")
def settings(fakes: tuple[FakeCatalog, FakeGenerator, str]) -> Settings:
    address = fakes[2]
    return dataclasses.replace(Settings.from_env(), catalog_addr=address, generator_addr=address)


@pytest.fixture
def catalog(fakes: tuple[FakeCatalog, FakeGenerator, str]) -> FakeCatalog:
    return fakes[0]


@pytest.fixture
def generator(fakes: tuple[FakeCatalog, FakeGenerator, str]) -> FakeGenerator:
    return fakes[1]


@pytest.fixture(scope="session")
def scheduler_port(settings: Settings) -> Iterator[int]:
    service = bootstrap.start(settings, "127.0.0.1:0")
    yield service.port
    service.stop(0)
    purge(settings, *QUEUES)  # leave no messages of these tests' jobs for other suites' workers


@pytest.fixture
def scheduler(scheduler_port: int) -> scheduler_pb2_grpc.SchedulerServiceStub:
    return clients.scheduler(f"127.0.0.1:{scheduler_port}")


@pytest.fixture(scope="session")
def database(settings: Settings) -> Iterator[sa.Engine]:
    engine = db.make_engine(settings.database_url, pool_size=2)
    yield engine
    engine.dispose()


def eventually(check: Callable[[], T | None], timeout: float = 10.0, interval: float = 0.05) -> T:
    """Returns check()'s first truthy result, polling until timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s: {check}")
        time.sleep(interval)


def explicit(start: str, end: str, zone: str = "UTC") -> catalog_pb2.TimeFrame:
    return catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES, start=start, end=end,
                                 time_zone=zone)


def outbox_rows(engine: sa.Engine, job_name: str) -> list[dict[str, Any]]:
    """The scheduler's outbox rows of one job, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT queue_name, actor_name, available_at, published_at, trace_context "
                    "FROM scheduler.outbox WHERE job = :job ORDER BY id"),
            {"job": job_name.rsplit("/", 1)[1]},
        )
        return [dict(row._mapping) for row in rows]


def _channel(settings: Settings) -> tuple[pika.BlockingConnection, Any]:
    connection = pika.BlockingConnection(pika.URLParameters(settings.broker_url))
    channel = connection.channel()
    for name in QUEUES:
        # The same arguments Dramatiq declares its queues with, so this declare is a no-op.
        channel.queue_declare(queue=name, durable=True,
                              arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": f"{name}.XQ"})
    return connection, channel


def purge(settings: Settings, *queues: str) -> None:
    connection, channel = _channel(settings)
    for name in queues:
        channel.queue_purge(name)
    connection.close()


def take_messages(settings: Settings, queue_name: str, job_names: set[str], settle: float = 0.5,
                  timeout: float = 10.0) -> list[dict[str, Any]]:
    """Takes (acks) every message on queue_name for job_names; others are left on the queue.

    Reads until each job has a message and nothing new arrived for ``settle`` seconds.
    """
    connection, channel = _channel(settings)
    taken: list[dict[str, Any]] = []
    deadline, quiet_since = time.monotonic() + timeout, time.monotonic()
    try:
        while time.monotonic() < deadline:
            method, _, body = channel.basic_get(queue_name, auto_ack=False)
            if method is None:
                seen = {m["args"][0] for m in taken}
                if job_names <= seen and time.monotonic() - quiet_since >= settle:
                    break
                time.sleep(0.05)
                continue
            message = json.loads(body)
            if message["args"] and message["args"][0] in job_names:
                channel.basic_ack(method.delivery_tag)
                taken.append(message)
                quiet_since = time.monotonic()
    finally:
        connection.close()  # unacked messages of other jobs go back on the queue
    return taken


def run(scheduler: scheduler_pb2_grpc.SchedulerServiceStub, definition: str, **fields: Any) -> scheduler_pb2.Job:
    request = scheduler_pb2.RunReportRequest(report_definition=definition, **fields)
    return scheduler.RunReport(request, timeout=10).job


# --- a database of its own for ticks on a moved clock (tests of schedules) ----------------------
# A tick claims every schedule due by its clock. A test that moves the clock years ahead must
# therefore tick a database holding only its own schedules, not those every other test made.


@pytest.fixture(scope="session")
def clock_settings(settings: Settings) -> Iterator[Settings]:
    from tests.conftest import ADMIN_URL, TEST_DB

    name = f"{TEST_DB}_clock"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield dataclasses.replace(settings, database_url=settings.database_url.rsplit("/", 1)[0] + f"/{name}")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def clock_scheduler_port(clock_settings: Settings) -> Iterator[int]:
    """A scheduler on the clock database (its own tick, on the real clock, never reaches 2031)."""
    service = bootstrap.start(clock_settings, "127.0.0.1:0")
    yield service.port
    service.stop(0)
    purge(clock_settings, *QUEUES)


@pytest.fixture
def clock_scheduler(clock_scheduler_port: int) -> scheduler_pb2_grpc.SchedulerServiceStub:
    return clients.scheduler(f"127.0.0.1:{clock_scheduler_port}")


@pytest.fixture(scope="session")
def clock_database(clock_settings: Settings, clock_scheduler_port: int) -> Iterator[sa.Engine]:
    engine = db.make_engine(clock_settings.database_url, pool_size=4)
    yield engine
    engine.dispose()


@pytest.fixture
def no_schedules_left(database: sa.Engine, unique_id: str) -> Iterator[None]:
    """Deletes the test account's schedules afterwards: the session scheduler's tick would run
    them whenever they come due, later in the session, and hand their jobs to other suites' workers."""
    yield
    with database.begin() as connection:
        connection.execute(sa.text("DELETE FROM scheduler.schedules WHERE account = :a"), {"a": unique_id})


@pytest.fixture(autouse=True)
def no_clock_jobs_left(request: pytest.FixtureRequest) -> Iterator[None]:
    """Ends the jobs a test left waiting on the clock database: the reaper there would publish them
    again every five minutes, for the rest of the session, to queues other suites' workers read."""
    yield
    if "clock_database" in request.fixturenames:
        engine = request.getfixturevalue("clock_database")
        with engine.begin() as connection:
            connection.execute(sa.text(
                "UPDATE scheduler.jobs SET state = 'CANCELLED', lease_token = NULL, failure_reason = 'test over'"
                " WHERE state IN ('QUEUED', 'GENERATING', 'DELIVERING')"))

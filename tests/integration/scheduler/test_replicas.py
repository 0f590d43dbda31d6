"""Three scheduler processes against schedules all due at once: every due time becomes exactly one
run, one job and one outbox row, even when a replica is killed with SIGKILL mid-tick.

The replicas are the real console script (``reportsuite-scheduler serve``) on free ports, on the
test database and this run's queue prefix, publishing to the real RabbitMQ; the catalog and the
generator are the fakes of this folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from reportsuite.core import db
from reportsuite.core.queue import GENERATE
from reportsuite.core.settings import Settings
from services.scheduler.adapters.schedule_repository import SqlScheduleStore
from services.scheduler.domain.schedules import MisfirePolicy, Schedule, parse_crontab
from tests.integration.scheduler.conftest import eventually, purge
from tests.integration.scheduler.fakes import FakeCatalog, FakeGenerator
from tests.integration.scheduler.schedule_helpers import YESTERDAY
from tests.support.processes import BIN, free_port, wait_serving

NEW_YEAR = parse_crontab("0 0 1 1 *")


@pytest.fixture
def replicas(fakes: tuple[FakeCatalog, FakeGenerator, str], settings: Settings,
             tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    env = {**os.environ, "REPORTSUITE_CATALOG_ADDR": fakes[2], "REPORTSUITE_GENERATOR_ADDR": fakes[2]}
    started: list[subprocess.Popen[bytes]] = []
    addresses = []
    for index in range(3):
        address = f"127.0.0.1:{free_port()}"
        with open(tmp_path / f"scheduler-{index}.log", "wb") as log:  # the child keeps its own descriptor
            started.append(subprocess.Popen([str(BIN / "reportsuite-scheduler"), "serve"],
                                            env={**env, "REPORTSUITE_SCHEDULER_ADDR": address},
                                            stdout=log, stderr=log))
        addresses.append(address)
    try:
        for address in addresses:
            wait_serving(address)
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in started:
            process.wait(30)
        purge(settings, GENERATE.queue_name)  # thousands of messages no worker of this run wants


@pytest.fixture
def accounts(database: sa.Engine) -> Iterator[list[str]]:
    """Two fresh accounts; their schedules and jobs are deleted afterwards, so that no reaper
    publishes thousands of unclaimed jobs again to the queues later suites' workers read."""
    made = [f"r{uuid.uuid4().hex[:10]}", f"r{uuid.uuid4().hex[:10]}"]
    yield made
    with database.begin() as connection:
        for table in ("schedules", "jobs"):
            connection.execute(sa.text(f"DELETE FROM scheduler.{table} WHERE account = ANY(:a)"), {"a": made})


def add_schedules(engine: sa.Engine, catalog: FakeCatalog, account: str, count: int, due: datetime) -> None:
    """Writes count schedules, each of its own definition, all next due at ``due``."""
    now = datetime.now(UTC)
    with SqlScheduleStore(db.make_sessions(engine)).transaction() as tx:
        for _ in range(count):
            definition = catalog.add(account, YESTERDAY)
            tx.insert_schedule(Schedule(
                id=uuid.uuid4().hex, account=account, report_definition=definition.name, timing=NEW_YEAR,
                time_zone="UTC", skip_if_empty=False, paused=False, misfire_policy=MisfirePolicy.RUN_ONCE_LATE,
                grace=timedelta(hours=1), next_due_time=due, create_time=now, update_time=now))


def tally(engine: sa.Engine, account: str) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(sa.text(
            "SELECT (SELECT count(*) FROM scheduler.runs WHERE account = :a) AS runs,"
            " (SELECT count(DISTINCT schedule) FROM scheduler.runs WHERE account = :a) AS schedules_run,"
            " (SELECT count(DISTINCT job) FROM scheduler.runs WHERE account = :a) AS run_jobs,"
            " (SELECT count(*) FROM scheduler.jobs WHERE account = :a) AS jobs,"
            " (SELECT count(*) FROM scheduler.outbox o JOIN scheduler.jobs j ON j.id = o.job"
            "   WHERE j.account = :a) AS outbox,"
            " (SELECT count(*) FROM scheduler.outbox o JOIN scheduler.jobs j ON j.id = o.job"
            "   WHERE j.account = :a AND o.published_at IS NOT NULL) AS published,"
            " (SELECT count(*) FROM scheduler.runs WHERE account = :a AND state IS NOT NULL) AS without_job,"
            " (SELECT count(*) FROM scheduler.schedules WHERE account = :a AND next_due_time <= now()) AS still_due"
        ), {"a": account}).one()._mapping)


def exactly_once(count: int) -> dict[str, int]:
    return {"runs": count, "schedules_run": count, "run_jobs": count, "jobs": count, "outbox": count,
            "published": count, "without_job": 0, "still_due": 0}


def test_three_replicas_start_each_due_schedule_exactly_once_even_when_one_is_killed(
        replicas: list[subprocess.Popen[bytes]], accounts: list[str], catalog: FakeCatalog,
        generator: FakeGenerator, database: sa.Engine) -> None:
    first, second = accounts
    for account in (first, second):
        generator.add_account(account, "UTC")

    # 500 schedules due in the same instant, two seconds from now.
    add_schedules(database, catalog, first, 500, datetime.now(UTC) + timedelta(seconds=2))
    eventually(lambda: tally(database, first) == exactly_once(500), timeout=30, interval=0.2)

    # A bigger batch: six batches of 500, one for each tick thread of the three replicas, so the
    # replica killed a moment after they came due holds claimed schedules in open transactions.
    due = datetime.now(UTC) + timedelta(seconds=2)
    add_schedules(database, catalog, second, 3000, due)
    time.sleep(max((due - datetime.now(UTC)).total_seconds(), 0) + 0.15)
    replicas[0].send_signal(signal.SIGKILL)
    at_kill = tally(database, second)["runs"]
    eventually(lambda: tally(database, second) == exactly_once(3000), timeout=40, interval=0.2)

    assert replicas[0].wait(5) == -signal.SIGKILL
    assert at_kill < 3000, "the kill came after the tick had finished"

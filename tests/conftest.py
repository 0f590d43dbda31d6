"""Test-wide setup: a fresh PostgreSQL database and the suite's environment variables.

Tests use the real PostgreSQL (127.0.0.1:5432) and RabbitMQ (127.0.0.1:5672) on this machine.
The environment is set at import, before any service module reads it.
"""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

TEST_DB = f"reportsuite_test_{os.getpid()}"
ADMIN_URL = os.environ.get(
    "REPORTSUITE_TEST_ADMIN_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
TEST_DB_URL = ADMIN_URL.rsplit("/", 1)[0] + f"/{TEST_DB}"
RUN_DIR = Path(os.environ.get("REPORTSUITE_TEST_RUN_DIR", f"/tmp/reportsuite-test-{os.getpid()}"))
# Each test run gets queues of its own on the shared broker, so test runs side by side never
# consume each other's job messages; they are deleted when the run ends.
QUEUE_PREFIX = f"test{os.getpid()}."
os.environ.update(
    {
        "REPORTSUITE_QUEUE_PREFIX": QUEUE_PREFIX,
        "REPORTSUITE_DATABASE_URL": TEST_DB_URL,
        "REPORTSUITE_BROKER_URL": os.environ.get(
            "REPORTSUITE_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/%2F"
        ),
        "REPORTSUITE_FILE_STORE": str(RUN_DIR / "files"),
        "REPORTSUITE_SFTP_KNOWN_HOSTS": str(RUN_DIR / "known_hosts"),
        "REPORTSUITE_JOB_LEASE_SECONDS": "30",
        "REPORTSUITE_REAPER_INTERVAL_SECONDS": "1",
        "REPORTSUITE_LOG_LEVEL": "INFO",
        # A fresh key per run: the catalog encrypts FTP/SFTP passwords at rest with it.
        "REPORTSUITE_SECRETS_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
)


# Tests call as an operator of every account; services call each other with a service token.
from tests.support.security import callers_of_the_run  # noqa: E402 - after the environment is set

callers_of_the_run(RUN_DIR / "tokens.json", "test")


def _admin() -> sa.Engine:
    return sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session", autouse=True)
def test_database() -> Iterator[str]:
    """Creates an empty database for this test run and drops it afterwards."""
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{TEST_DB}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{TEST_DB}"'))
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    yield TEST_DB_URL
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{TEST_DB}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def test_queues() -> Iterator[None]:
    """Deletes this run's job queues (and Dramatiq's delay and dead-letter queues) at the end."""
    yield
    import pika

    from reportsuite.core.queue import DELIVER, GENERATE

    connection = pika.BlockingConnection(pika.URLParameters(os.environ["REPORTSUITE_BROKER_URL"]))
    try:
        channel = connection.channel()
        for queue in (GENERATE.queue_name, DELIVER.queue_name):
            for name in (queue, f"{queue}.DQ", f"{queue}.XQ"):
                channel.queue_delete(name)
    finally:
        connection.close()


@pytest.fixture
def unique_id() -> str:
    """A fresh id, so tests sharing the session database never collide."""
    return "t" + uuid.uuid4().hex[:12]

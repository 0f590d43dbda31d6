"""Rows kept only for a while (core.expiry), on the test database: the rule, concurrency, the audit trail."""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from reportsuite.core import grpc_server
from reportsuite.core.expiry import Expiry, delete_expired
from reportsuite.core.security.audit_store import audit_schema, audit_table, ensure_schema
from reportsuite.core.settings import Settings

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def engine(test_database: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(test_database)
    yield engine
    engine.dispose()


@pytest.fixture
def probe(engine: sa.Engine) -> Iterator[sa.Table]:
    """A table of its own per test: id and a time."""
    table = sa.Table(f"expiry_probe_{uuid.uuid4().hex[:8]}", sa.MetaData(),
                     sa.Column("id", sa.Integer, primary_key=True), sa.Column("time", sa.DateTime(timezone=True)))
    table.create(engine)
    yield table
    table.drop(engine)


def _fill(engine: sa.Engine, table: sa.Table, ages_in_hours: list[float]) -> None:
    with engine.begin() as connection:
        connection.execute(sa.insert(table), [{"id": n, "time": NOW - timedelta(hours=age)}
                                              for n, age in enumerate(ages_in_hours)])


def _ages(engine: sa.Engine, table: sa.Table) -> list[float]:
    with engine.connect() as connection:
        times = connection.execute(sa.select(table.c.time).order_by(table.c.time.desc())).scalars()
        return [(NOW - t).total_seconds() / 3600 for t in times]


def test_rows_older_than_the_horizon_go_and_the_others_stay(engine: sa.Engine, probe: sa.Table) -> None:
    _fill(engine, probe, [1, 24 * 7 - 1, 24 * 7 + 1, 24 * 30, 24 * 400])

    deleted = delete_expired(engine, Expiry(probe, "time", 7), NOW, batch=2)

    assert deleted == 3
    assert _ages(engine, probe) == [1, 24 * 7 - 1]


def test_zero_days_keeps_every_row(engine: sa.Engine, probe: sa.Table) -> None:
    _fill(engine, probe, [1, 24 * 400])

    assert delete_expired(engine, Expiry(probe, "time", 0), NOW) == 0
    assert len(_ages(engine, probe)) == 2


def test_two_deleters_at_once_delete_each_expired_row_once(engine: sa.Engine, probe: sa.Table) -> None:
    _fill(engine, probe, [24 * 10 + n / 100 for n in range(3000)] + [1, 2])
    counts: list[int] = []

    def delete() -> None:
        counts.append(delete_expired(engine, Expiry(probe, "time", 7), NOW, batch=100))

    threads = [threading.Thread(target=delete) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(counts) == 3000
    assert _ages(engine, probe) == [1, 2]


def test_a_server_deletes_audit_events_past_the_audit_retention(engine: sa.Engine, unique_id: str) -> None:
    # The catalog's audit table, as any suite server of that name keeps it.
    ensure_schema(engine, "catalog")
    events = audit_table(audit_schema("catalog"))
    principal = f"expiry-{unique_id}"
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(sa.insert(events), [
            {"time": now - timedelta(days=days), "service": "catalog", "method": "/m", "principal": principal,
             "role": "operator", "token_id": "t", "accounts": [], "resources": [], "request_id": "", "code": "OK",
             "peer": ""} for days in (1, 29, 31, 365)])
    settings = dataclasses.replace(Settings.from_env(), audit_retention_days=30)

    # Any suite server: its name makes it audit as the catalog.
    server = grpc_server.create_server("127.0.0.1:0", lambda server: ["reportsuite.catalog.v1.CatalogService"],
                                       settings=settings)
    try:
        ages = _audit_ages(engine, events, principal, now)
        deadline = time.monotonic() + 20
        while ages != [1, 29] and time.monotonic() < deadline:
            time.sleep(0.1)
            ages = _audit_ages(engine, events, principal, now)
    finally:
        server.stop(0)

    assert ages == [1, 29]


def _audit_ages(engine: sa.Engine, events: sa.Table, principal: str, now: datetime) -> list[int]:
    with engine.connect() as connection:
        times = connection.execute(sa.select(events.c.time).where(events.c.principal == principal)
                                   .order_by(events.c.time.desc())).scalars()
        return [round((now - t).total_seconds() / 86400) for t in times]

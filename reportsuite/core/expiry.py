"""Rows kept only for a while: the audit trail, and the memory of request_ids that makes retries safe.

Each service process runs one loop (``expiry_loop``) that deletes its expired rows now and then,
in small batches so no transaction holds many row locks or runs long; replicas skip each other's
locked rows, so several can run at once. docs/retention.md lists what expires when.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import psycopg2.errors
import sqlalchemy as sa

from reportsuite.core.loops import BackgroundLoop

log = logging.getLogger(__name__)

BATCH = 5000
# Nothing waits on these deletions; an hourly pass keeps each table within an hour of its horizon.
INTERVAL_SECONDS = 3600.0


@dataclass(frozen=True)
class Expiry:
    """The rows of ``table`` whose ``column`` (a time) is more than ``days`` old; 0 days keeps them all."""

    table: sa.Table
    column: str
    days: int

    @classmethod
    def of(cls, row_type: type, column: str, days: int) -> Expiry:
        """The expiry of an ORM class's table."""
        table: sa.FromClause = sa.inspect(row_type).local_table
        assert isinstance(table, sa.Table)
        return cls(table, column, days)


def delete_expired(engine: sa.Engine, expiry: Expiry, now: datetime, *,
                   keep_going: Callable[[], bool] = lambda: True, batch: int = BATCH) -> int:
    """Deletes the expired rows of one table, a batch per transaction; returns how many went."""
    if expiry.days <= 0:
        return 0
    table = expiry.table
    key = tuple(table.primary_key.columns)
    expired = (sa.select(*key).where(table.c[expiry.column] < now - timedelta(days=expiry.days))
               .limit(batch).with_for_update(skip_locked=True))
    total = 0
    while keep_going():
        with engine.begin() as connection:
            deleted = connection.execute(sa.delete(table).where(sa.tuple_(*key).in_(expired))).rowcount
        total += deleted
        if deleted < batch:
            break
    return total


def expiry_loop(name: str, engine: Callable[[], sa.Engine], expiries: Sequence[Expiry],
                interval_seconds: float = INTERVAL_SECONDS,
                clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> BackgroundLoop:
    """A loop deleting every expiry's rows now and then every ``interval_seconds`` until stopped.

    ``engine`` is called at each pass: the audit trail makes its engine on first use.
    """

    def sweep() -> bool:
        for expiry in expiries:
            try:
                deleted = delete_expired(engine(), expiry, clock(), keep_going=lambda: not loop.stopping())
            except sa.exc.ProgrammingError as error:
                # A table made on first use (a server's audit trail before its first event) is not
                # created here: migrating from this thread could race the process's own migrations.
                if isinstance(error.orig, psycopg2.errors.UndefinedTable):
                    continue
                raise
            except sa.exc.DBAPIError as error:  # the next pass tries again; the rows only wait
                log.warning("could not delete expired rows of %s: %s", expiry.table.fullname, type(error).__name__)
                continue
            if deleted:
                log.info("deleted %d expired rows of %s", deleted, expiry.table.fullname)
        return False  # one pass deletes every expired row; wait for the next interval

    loop = BackgroundLoop(name, sweep, interval_seconds)
    return loop

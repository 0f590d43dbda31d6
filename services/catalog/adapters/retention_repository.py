"""Retention's SQL: lock a batch of expired saved reports, delete their files and rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from reportsuite.core.db import transaction
from services.catalog.adapters.orm import SavedReportRow
from services.catalog.domain import names


class SqlExpiredSavedReports:
    """Implements the domain's ExpiredSavedReports on the catalog's saved_reports table."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def purge_expired(self, now: datetime, limit: int, remove_file: Callable[[str], None]) -> list[str]:
        table = SavedReportRow
        # SKIP LOCKED: a batch another replica is purging is left to it, so concurrent purgers
        # take disjoint batches and none waits or deletes a report twice.
        locked = (
            select(table.account, table.id, table.storage_key).where(table.expire_time <= now)
            .order_by(table.expire_time, table.id).limit(limit).with_for_update(skip_locked=True)
        )
        with transaction(self._sessions) as session:
            rows = session.execute(locked).all()
            for row in rows:
                remove_file(row.storage_key)
            if rows:
                session.execute(delete(table).where(table.id.in_([row.id for row in rows])))
        return [names.saved_report(row.account, row.id) for row in rows]

    def count_expired(self, now: datetime) -> int:
        with self._sessions() as session:
            return int(session.scalar(
                select(func.count()).select_from(SavedReportRow).where(SavedReportRow.expire_time <= now)) or 0)

"""The SQL of output specification files, and the lock that keeps definitions from naming a deleted one.

A report definition naming a specification and the specification's delete exclude each other by a
row lock on the specification: saving a definition takes ``FOR KEY SHARE`` on the row it names (in
the transaction that saves the definition), deleting takes ``FOR UPDATE`` and then looks for
definitions naming it. Whichever commits first wins; the other sees its result: the delete finds the
new definition and refuses, or the save finds the row gone and refuses.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, sessionmaker

from reportsuite.core.db import transaction
from services.catalog.adapters.orm import DeleteRequestRow, OutputSpecificationRow, ReportDefinitionRow
from services.catalog.domain import names
from services.catalog.domain.model import Cursor
from services.catalog.domain.report_types import ReportType
from services.catalog.domain.spec_format import StoredSpecification
from services.catalog.domain.specifications import missing_reference

_TABLE = OutputSpecificationRow
# Every column but the content, for listings.
_SUMMARY = (_TABLE.account, _TABLE.id, _TABLE.report_type, _TABLE.size_bytes, _TABLE.sha256, _TABLE.create_time)


def _record(row: Any, content: bytes = b"") -> StoredSpecification:
    return StoredSpecification(
        account=row.account, spec_id=row.id, report_type=ReportType[row.report_type], content=content,
        size_bytes=row.size_bytes, sha256=row.sha256, create_time=row.create_time,
    )


def lock_reference(session: Session, name: str) -> None:
    """Locks the specification a definition names (when it names one) until the session's transaction ends.

    Raises:
        InvalidArgument: on report_definition.output.output_specification when it no longer exists.
    """
    if not name:
        return
    account, spec_id = names.parse_output_specification(name, "report_definition.output.output_specification")
    found = session.execute(select(_TABLE.id).where(_TABLE.account == account, _TABLE.id == spec_id)
                            .with_for_update(key_share=True, read=True)).first()
    if found is None:
        raise missing_reference(name)


class SqlSpecificationRepository:
    """Implements the domain's SpecificationRepository on PostgreSQL."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add_specification(self, record: StoredSpecification, request_id: str | None) -> bool:
        values = {
            "account": record.account, "id": record.spec_id, "report_type": record.report_type.name,
            "content": record.content, "size_bytes": record.size_bytes, "sha256": record.sha256,
            "request_id": request_id, "create_time": record.create_time,
        }
        # No conflict target: a taken name and a repeated request_id both leave the first row alone.
        statement = insert(_TABLE).values(**values).on_conflict_do_nothing()
        with transaction(self._sessions) as session:
            return session.execute(statement).rowcount == 1  # type: ignore[attr-defined]

    def specification_by_request(self, account: str, request_id: str) -> StoredSpecification | None:
        return self._one(_TABLE.account == account, _TABLE.request_id == request_id)

    def get_specification(self, account: str, spec_id: str) -> StoredSpecification | None:
        return self._one(_TABLE.account == account, _TABLE.id == spec_id)

    def list_specifications(self, account: str, after: Cursor | None, limit: int) -> list[StoredSpecification]:
        query = select(*_SUMMARY).where(_TABLE.account == account)
        if after is not None:
            query = query.where((_TABLE.create_time < after.create_time)
                                | ((_TABLE.create_time == after.create_time) & (_TABLE.id < after.row_id)))
        query = query.order_by(_TABLE.create_time.desc(), _TABLE.id.desc()).limit(limit)
        with self._sessions() as session:
            return [_record(row) for row in session.execute(query)]

    def delete_specification(self, account: str, spec_id: str, request_id: str | None) -> tuple[bool, list[str]]:
        name = names.output_specification(account, spec_id)
        with transaction(self._sessions) as session:
            locked = session.execute(select(_TABLE.id).where(_TABLE.account == account, _TABLE.id == spec_id)
                                     .with_for_update()).first()
            if locked is None:
                return False, []
            users = list(session.scalars(select(ReportDefinitionRow.id).where(
                ReportDefinitionRow.account == account, ReportDefinitionRow.output_specification == name,
            ).order_by(ReportDefinitionRow.id)))
            if users:
                return False, users
            session.execute(delete(_TABLE).where(_TABLE.account == account, _TABLE.id == spec_id))
            if request_id is not None:
                session.execute(insert(DeleteRequestRow).values(
                    account=account, request_id=request_id, name=name, create_time=datetime.now(UTC),
                ).on_conflict_do_nothing())
            return True, []

    def deletion_done(self, account: str, request_id: str, name: str) -> bool:
        with self._sessions() as session:
            row = session.get(DeleteRequestRow, (account, request_id))
            return row is not None and row.name == name

    def _one(self, *conditions: Any) -> StoredSpecification | None:
        with self._sessions() as session:
            row = session.execute(select(*_SUMMARY, _TABLE.content).where(*conditions)).first()
            return None if row is None else _record(row, row.content)

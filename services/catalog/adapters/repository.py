"""The catalog's SQL: report definitions, saved reports and remembered delete requests.

Each public method runs in its own transaction. Creates use INSERT ... ON CONFLICT DO NOTHING on
(account, request_id), so two concurrent retries of one request still make a single row.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from reportsuite.core.db import transaction
from reportsuite.core.errors import Aborted
from services.catalog.adapters.orm import DeleteRequestRow, ReportDefinitionRow, SavedReportRow
from services.catalog.adapters.rows import (
    definition_from_row,
    definition_values,
    saved_report_from_row,
    saved_report_values,
)
from services.catalog.adapters.secrets import SecretBox
from services.catalog.adapters.spec_repository import lock_reference
from services.catalog.domain import names
from services.catalog.domain.model import Cursor, DefinitionRecord, SavedReport

T = TypeVar("T")


def _first(found: T | None) -> T:
    """The row that won a request_id conflict; gone only if it was deleted in the meantime."""
    if found is None:
        raise Aborted("the first request with this request_id was undone meanwhile; retry",
                      field="request_id", rule="retry with a new request_id")
    return found


def _after(cursor: Cursor | None, time_column: InstrumentedAttribute[datetime],
           id_column: InstrumentedAttribute[str]) -> ColumnElement[bool] | None:
    """The keyset condition for newest-first order: rows strictly after the cursor."""
    if cursor is None:
        return None
    return or_(time_column < cursor.create_time,
               and_(time_column == cursor.create_time, id_column < cursor.row_id))


class SqlCatalogRepository:
    """Implements the domain's DefinitionRepository and SavedReportRepository on PostgreSQL."""

    def __init__(self, sessions: sessionmaker[Session], secrets: SecretBox | None = None) -> None:
        self._sessions = sessions
        # FTP/SFTP destinations (with their password) are sealed on write and opened on read.
        self._secrets = secrets or SecretBox("")

    # Report definitions.

    def add_definition(self, record: DefinitionRecord, request_id: str | None) -> DefinitionRecord:
        values = {**self._values(record), "request_id": request_id}
        with transaction(self._sessions) as session:
            lock_reference(session, record.definition.output.output_specification)
            inserted = self._insert(session, ReportDefinitionRow, values)
        if inserted or request_id is None:
            return record
        return _first(self.definition_by_request(record.account, request_id))

    def definition_by_request(self, account: str, request_id: str) -> DefinitionRecord | None:
        with self._sessions() as session:
            row = session.scalars(select(ReportDefinitionRow).where(
                ReportDefinitionRow.account == account, ReportDefinitionRow.request_id == request_id)).first()
            return None if row is None else self._record(row)

    def get_definition(self, account: str, report_id: str) -> DefinitionRecord | None:
        with self._sessions() as session:
            row = self._definition_row(session, account, report_id)
            return None if row is None else self._record(row)

    def update_definition_request(self, account: str, report_id: str) -> str | None:
        with self._sessions() as session:
            row = self._definition_row(session, account, report_id)
            return None if row is None else row.update_request_id

    def list_definitions(self, account: str, after: Cursor | None, limit: int) -> list[DefinitionRecord]:
        table = ReportDefinitionRow
        query = select(table).where(table.account == account)
        condition = _after(after, table.create_time, table.id)
        if condition is not None:
            query = query.where(condition)
        query = query.order_by(table.create_time.desc(), table.id.desc()).limit(limit)
        with self._sessions() as session:
            return [self._record(row) for row in session.scalars(query)]

    def save_definition(self, record: DefinitionRecord, expected_update_time: datetime,
                        request_id: str | None) -> bool:
        table = ReportDefinitionRow
        values = self._values(record)
        for key in ("id", "account", "create_time"):
            values.pop(key)
        statement = update(table).where(
            table.account == record.account, table.id == record.report_id, table.update_time == expected_update_time,
        ).values(**values, update_request_id=request_id)
        with transaction(self._sessions) as session:
            lock_reference(session, record.definition.output.output_specification)
            return session.execute(statement).rowcount == 1  # type: ignore[attr-defined]

    def delete_definition(self, account: str, report_id: str, request_id: str | None) -> bool:
        table = ReportDefinitionRow
        statement = delete(table).where(table.account == account, table.id == report_id)
        return self._delete(statement, account, request_id, names.report(account, report_id))

    # Saved reports.

    def add_saved_report(self, record: SavedReport, request_id: str | None) -> SavedReport:
        values = {**saved_report_values(record), "request_id": request_id}
        with transaction(self._sessions) as session:
            inserted = self._insert(session, SavedReportRow, values)
        if inserted or request_id is None:
            return record
        return _first(self.saved_report_by_request(record.account, request_id))

    def saved_report_by_request(self, account: str, request_id: str) -> SavedReport | None:
        with self._sessions() as session:
            row = session.scalars(select(SavedReportRow).where(
                SavedReportRow.account == account, SavedReportRow.request_id == request_id)).first()
            return None if row is None else saved_report_from_row(row)

    def get_saved_report(self, account: str, saved_report_id: str) -> SavedReport | None:
        with self._sessions() as session:
            row = session.scalars(select(SavedReportRow).where(
                SavedReportRow.account == account, SavedReportRow.id == saved_report_id)).first()
            return None if row is None else saved_report_from_row(row)

    def list_saved_reports(self, account: str, report_definition_id: str | None, after: Cursor | None,
                           limit: int, unexpired_at: datetime | None = None) -> list[SavedReport]:
        table = SavedReportRow
        query = select(table).where(table.account == account)
        if unexpired_at is not None:
            query = query.where(table.expire_time > unexpired_at)
        if report_definition_id is not None:
            query = query.where(table.report_definition == report_definition_id)
        condition = _after(after, table.create_time, table.id)
        if condition is not None:
            query = query.where(condition)
        query = query.order_by(table.create_time.desc(), table.id.desc()).limit(limit)
        with self._sessions() as session:
            return [saved_report_from_row(row) for row in session.scalars(query)]

    def delete_saved_report(self, account: str, saved_report_id: str, request_id: str | None) -> bool:
        table = SavedReportRow
        statement = delete(table).where(table.account == account, table.id == saved_report_id)
        return self._delete(statement, account, request_id, names.saved_report(account, saved_report_id))

    # Delete requests.

    def deletion_done(self, account: str, request_id: str, name: str) -> bool:
        with self._sessions() as session:
            row = session.get(DeleteRequestRow, (account, request_id))
            return row is not None and row.name == name

    # Helpers.

    def _values(self, record: DefinitionRecord) -> dict[str, Any]:
        values = definition_values(record)
        values["transfer_destination"] = self._secrets.seal(values["transfer_destination"])
        return values

    def _record(self, row: ReportDefinitionRow) -> DefinitionRecord:
        record = definition_from_row(row)
        output = record.definition.output
        transfer = replace(output.file_transfer, destination=self._secrets.open(output.file_transfer.destination))
        return replace(record, definition=replace(record.definition, output=replace(output, file_transfer=transfer)))

    @staticmethod
    def _insert(session: Session, table: type[Any], values: dict[str, Any]) -> bool:
        statement = insert(table).values(**values)
        if values.get("request_id") is not None:
            statement = statement.on_conflict_do_nothing(index_elements=["account", "request_id"])
        return session.execute(statement).rowcount == 1  # type: ignore[attr-defined]

    @staticmethod
    def _definition_row(session: Session, account: str, report_id: str) -> ReportDefinitionRow | None:
        return session.scalars(select(ReportDefinitionRow).where(
            ReportDefinitionRow.account == account, ReportDefinitionRow.id == report_id)).first()

    def _delete(self, statement: Any, account: str, request_id: str | None, name: str) -> bool:
        with transaction(self._sessions) as session:
            if session.execute(statement).rowcount != 1:  # type: ignore[attr-defined]
                return False
            if request_id is not None:
                session.execute(insert(DeleteRequestRow).values(
                    account=account, request_id=request_id, name=name, create_time=datetime.now(UTC),
                ).on_conflict_do_nothing())
            return True

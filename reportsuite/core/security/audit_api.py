"""AuditService: operators query the audit events a service recorded, newest first, page by page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import grpc
import sqlalchemy as sa

from reportsuite.audit.v1 import audit_pb2, audit_pb2_grpc
from reportsuite.core import names, pagination, timestamps
from reportsuite.core.errors import InvalidArgument
from reportsuite.core.security.audit_store import AuditLog, audit_table, ensure_schema

SERVICE_NAME = audit_pb2.DESCRIPTOR.services_by_name["AuditService"].full_name


class AuditServicer(audit_pb2_grpc.AuditServiceServicer):
    """ListAuditEvents over one service's audit_events table."""

    def __init__(self, log: AuditLog) -> None:
        self._log = log

    def ListAuditEvents(self, request: audit_pb2.ListAuditEventsRequest,
                        context: grpc.ServicerContext) -> audit_pb2.ListAuditEventsResponse:
        size = pagination.page_size(request.page_size)
        table = audit_table(self._log.schema)
        query = _filtered(table, request)
        cursor = pagination.decode(request.page_token)
        if cursor is not None:
            after = _after(cursor)
            query = query.where(sa.tuple_(table.c.time, table.c.id) < sa.tuple_(*after))
        self._log.flush()  # what this service just did is in the answer
        engine = self._log.engine()
        ensure_schema(engine, self._log.service)
        with engine.connect() as connection:
            rows = list(connection.execute(query.order_by(table.c.time.desc(), table.c.id.desc()).limit(size + 1)))
        token = ""
        if len(rows) > size:
            rows = rows[:size]
            token = pagination.encode({"time": rows[-1].time.isoformat(), "id": rows[-1].id})
        return audit_pb2.ListAuditEventsResponse(audit_events=[_to_proto(row) for row in rows],
                                                 next_page_token=token)


def _after(cursor: dict[str, Any]) -> tuple[datetime, int]:
    try:
        return datetime.fromisoformat(str(cursor["time"])), int(cursor["id"])
    except (KeyError, ValueError, TypeError):
        raise InvalidArgument("page_token is not a token this service issued", field="page_token",
                              rule="must be a next_page_token from a previous call") from None


def _filtered(table: sa.Table, request: audit_pb2.ListAuditEventsRequest) -> sa.Select[Any]:
    query = sa.select(table)
    if request.principal:
        query = query.where(table.c.principal == request.principal)
    if request.account:
        account = names.parse("accounts/{account}", request.account, "account")["account"]
        query = query.where(table.c.accounts.contains([account]))
    if request.method:
        method = request.method
        query = query.where(table.c.method == method if method.startswith("/")
                            else table.c.method.endswith("/" + method, autoescape=True))
    if request.HasField("start_time"):
        query = query.where(table.c.time >= _instant(request, "start_time"))
    if request.HasField("end_time"):
        query = query.where(table.c.time < _instant(request, "end_time"))
    return query


def _instant(request: audit_pb2.ListAuditEventsRequest, field: str) -> datetime | None:
    return timestamps.from_proto(getattr(request, field), field=field)


def _to_proto(row: Any) -> audit_pb2.AuditEvent:
    return audit_pb2.AuditEvent(
        name=f"auditEvents/{row.id}", time=timestamps.to_proto(row.time), service=row.service, method=row.method,
        principal=row.principal, role=row.role, token_id=row.token_id,
        accounts=[f"accounts/{account}" for account in row.accounts], resources=list(row.resources),
        request_id=row.request_id, code=row.code, peer=row.peer,
    )

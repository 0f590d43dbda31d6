"""A delete's request_id is remembered REPORTSUITE_REQUEST_ID_RETENTION_DAYS days, then forgotten."""

from __future__ import annotations

import dataclasses
import time
from datetime import timedelta

import grpc
import sqlalchemy as sa

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.core import clients
from reportsuite.core.settings import Settings
from services.catalog import bootstrap
from services.catalog.adapters.orm import DeleteRequestRow
from tests.integration.catalog.support import definition, rpc_error
from tests.integration.catalog.test_report_definitions import create


def _table() -> sa.Table:
    table = sa.inspect(DeleteRequestRow).local_table
    assert isinstance(table, sa.Table)
    return table


REMEMBERED = _table()


def _age(settings: Settings, parent: str, request_id: str, days: float) -> None:
    engine = sa.create_engine(settings.database_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.update(REMEMBERED)
                               .where(REMEMBERED.c.account == parent.split("/")[1],
                                      REMEMBERED.c.request_id == request_id)
                               .values(create_time=REMEMBERED.c.create_time - timedelta(days=days)))
    finally:
        engine.dispose()


def test_a_retry_within_the_retention_succeeds_and_one_after_it_is_a_new_delete(settings: Settings,
                                                                                parent: str) -> None:
    settings = dataclasses.replace(settings, request_id_retention_days=7)
    service = bootstrap.start(settings, "127.0.0.1:0")
    try:
        catalog = clients.catalog(f"127.0.0.1:{service.port}")
        old, recent = (create(catalog, parent, definition(display_name=name)) for name in ("Old", "Recent"))
        catalog.DeleteReportDefinition(pb.DeleteReportDefinitionRequest(name=old.name, request_id="del-old"))
        catalog.DeleteReportDefinition(pb.DeleteReportDefinitionRequest(name=recent.name, request_id="del-recent"))
    finally:
        service.stop(0)
    _age(settings, parent, "del-old", 7.01)
    _age(settings, parent, "del-recent", 6.99)

    # A catalog forgets expired request_ids when it starts, then every hour.
    service = bootstrap.start(settings, "127.0.0.1:0")
    try:
        catalog = clients.catalog(f"127.0.0.1:{service.port}")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                catalog.DeleteReportDefinition(pb.DeleteReportDefinitionRequest(name=old.name, request_id="del-old"))
            except grpc.RpcError:
                break
            time.sleep(0.1)
        forgotten = rpc_error(lambda: catalog.DeleteReportDefinition(
            pb.DeleteReportDefinitionRequest(name=old.name, request_id="del-old")))
        catalog.DeleteReportDefinition(pb.DeleteReportDefinitionRequest(name=recent.name, request_id="del-recent"))
    finally:
        service.stop(0)

    assert forgotten.code() == grpc.StatusCode.NOT_FOUND

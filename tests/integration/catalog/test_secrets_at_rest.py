"""FTP/SFTP passwords encrypted at rest: never in the row, never in a log, readable after a key rotation."""

from __future__ import annotations

import dataclasses
import logging

import grpc
import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import clients
from reportsuite.core.errors import error_details
from reportsuite.core.settings import Settings
from services.catalog import bootstrap
from tests.integration.catalog.support import definition, rpc_error

PASSWORD = "Sup3r-Secret-Pw"
SFTP = pb.FileTransfer.PROTOCOL_SFTP


def _with_transfer() -> pb.ReportDefinition:
    return definition(output=pb.OutputOptions(file_transfer=pb.FileTransfer(
        protocol=SFTP, destination=f"reports:{PASSWORD}@files.example.com:2222/in")))


def _row(settings: Settings, account: str) -> str:
    engine = sa.create_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT * FROM catalog.report_definitions WHERE account = :a"),
                                      {"a": account}).all()
    finally:
        engine.dispose()
    return " ".join(str(value) for row in rows for value in row)


def test_the_password_is_neither_in_the_row_nor_in_any_log_but_the_delivery_view_has_it(
    catalog: catalog_pb2_grpc.CatalogServiceStub, settings: Settings, parent: str, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    created = catalog.CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=parent, report_definition=_with_transfer())).report_definition
    delivery_view = catalog.GetReportDefinition(pb.GetReportDefinitionRequest(
        name=created.name, view=pb.REPORT_DEFINITION_VIEW_DELIVERY)).report_definition

    stored = _row(settings, parent.split("/")[1])
    assert PASSWORD not in stored and "files.example.com" not in stored and "fernet:" in stored
    assert created.output.file_transfer.destination == "reports:****@files.example.com:2222/in"
    assert delivery_view.output.file_transfer.destination == f"reports:{PASSWORD}@files.example.com:2222/in"
    assert PASSWORD not in caplog.text


def test_without_a_secrets_key_no_password_is_stored(settings: Settings, parent: str) -> None:
    service = bootstrap.start(dataclasses.replace(settings, secrets_key=""), "127.0.0.1:0")
    try:
        stub = clients.catalog(f"127.0.0.1:{service.port}")
        error = rpc_error(lambda: stub.CreateReportDefinition(pb.CreateReportDefinitionRequest(
            parent=parent, report_definition=_with_transfer())))
        mailed_only = stub.CreateReportDefinition(pb.CreateReportDefinitionRequest(
            parent=parent, report_definition=definition(output=pb.OutputOptions(email_addresses="a@example.com"))))
    finally:
        service.stop(0)
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION  # type: ignore[attr-defined]
    assert error_details(error)["field"] == "report_definition.output.file_transfer.destination"
    assert "REPORTSUITE_SECRETS_KEY" in error_details(error)["rule"]
    assert mailed_only.report_definition.name
    assert PASSWORD not in _row(settings, parent.split("/")[1])


def test_a_rotated_key_reencrypts_every_password_at_start(settings: Settings, parent: str) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    name = _create_and_stop(dataclasses.replace(settings, secrets_key=old), parent)
    before = _row(settings, parent.split("/")[1])

    # Step 2 of the rotation: the new key first, the old one still listed; the start re-encrypts.
    _create_and_stop(dataclasses.replace(settings, secrets_key=f"{new},{old}"), "")
    # Step 3: the old key removed; the password is still there.
    service = bootstrap.start(dataclasses.replace(settings, secrets_key=new), "127.0.0.1:0")
    try:
        stub = clients.catalog(f"127.0.0.1:{service.port}")
        destination = stub.GetReportDefinition(pb.GetReportDefinitionRequest(
            name=name, view=pb.REPORT_DEFINITION_VIEW_DELIVERY)).report_definition.output.file_transfer.destination
    finally:
        service.stop(0)
    assert destination == f"reports:{PASSWORD}@files.example.com:2222/in"
    assert _row(settings, parent.split("/")[1]) != before


def _create_and_stop(settings: Settings, parent: str) -> str:
    service = bootstrap.start(settings, "127.0.0.1:0")
    try:
        if not parent:
            return ""
        stub = clients.catalog(f"127.0.0.1:{service.port}")
        return stub.CreateReportDefinition(pb.CreateReportDefinitionRequest(
            parent=parent, report_definition=_with_transfer())).report_definition.name
    finally:
        service.stop(0)

"""Output specification files through the catalog's gRPC API: upload, get (download), list, delete,
and report definitions that name them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask
from sqlalchemy.orm import Session, sessionmaker

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import db
from reportsuite.core.db import transaction
from reportsuite.core.errors import InvalidArgument, error_details
from reportsuite.core.settings import Settings
from services.catalog.adapters.orm import ReportDefinitionRow
from services.catalog.adapters.rows import definition_values
from services.catalog.adapters.spec_repository import SqlSpecificationRepository, lock_reference
from services.catalog.domain.model import (
    DefinitionRecord,
    OutputOptions,
    ReportDefinition,
    TimeFrame,
    TimeFrameKind,
)
from services.catalog.domain.report_types import Level, ReportType
from tests.integration.catalog.support import definition, rpc_error

Stub = catalog_pb2_grpc.CatalogServiceStub

NIGHTLY = b"""# Nightly CRM import
report All Attempts
delimiter tab
quoting all
header off
line-ending CRLF

field CompleteTime as "Completed at" date "yyyy-MM-dd'T'HH:mm"
field ClientID as Client
field Status
field TalkSeconds decimals 2
"""


def upload(catalog: Stub, name: str, content: bytes = NIGHTLY, request_id: str = "") -> pb.OutputSpecification:
    request = pb.UploadOutputSpecificationRequest(name=name, content=content, request_id=request_id)
    return catalog.UploadOutputSpecification(request).output_specification


def all_attempts_definition(spec: str, **changes: object) -> pb.ReportDefinition:
    fields: dict[str, object] = {"report_type": pb.REPORT_TYPE_ALL_ATTEMPTS, **changes}
    return definition(output=pb.OutputOptions(output_specification=spec), **fields)


def create_definition(catalog: Stub, parent: str, message: pb.ReportDefinition) -> pb.ReportDefinition:
    return catalog.CreateReportDefinition(
        pb.CreateReportDefinitionRequest(parent=parent, report_definition=message)).report_definition


def test_an_upload_answers_the_parsed_format_and_get_returns_the_same_bytes(catalog, parent):
    name = f"{parent}/outputSpecifications/nightly"

    uploaded = upload(catalog, name)
    found = catalog.GetOutputSpecification(pb.GetOutputSpecificationRequest(name=name)).output_specification

    assert found == uploaded
    assert (found.name, found.content, found.size_bytes) == (name, NIGHTLY, len(NIGHTLY))
    assert found.report_type == pb.REPORT_TYPE_ALL_ATTEMPTS
    output = found.format
    assert (output.layout, output.delimiter, output.quoting, output.quote) == (
        pb.OutputFormat.LAYOUT_DELIMITED, "\t", pb.OutputFormat.QUOTING_ALL, '"')
    assert (output.header, output.line_ending, output.encoding) == (False, pb.OutputFormat.LINE_ENDING_CRLF, "UTF-8")
    assert [(f.field, f.header) for f in output.fields] == [
        ("CompleteTime", "Completed at"), ("ClientID", "Client"), ("Status", "Status"),
        ("TalkSeconds", "TalkSeconds")]
    completed = output.fields[0].date_format
    assert completed.pattern == "yyyy-MM-dd'T'HH:mm"
    assert [p.literal or pb.DateElement.Name(p.element) for p in completed.parts] == [
        "DATE_ELEMENT_YEAR", "-", "DATE_ELEMENT_MONTH_2_DIGIT", "-", "DATE_ELEMENT_DAY_OF_MONTH_2_DIGIT", "T",
        "DATE_ELEMENT_HOUR_OF_DAY_2_DIGIT", ":", "DATE_ELEMENT_MINUTE_2_DIGIT"]
    assert output.fields[3].HasField("decimals") and output.fields[3].decimals == 2
    assert not output.fields[2].HasField("decimals") and not output.fields[2].HasField("date_format")


def test_a_bad_file_is_refused_on_content_with_its_line_and_rule(catalog, parent):
    content = NIGHTLY.replace(b"field ClientID as Client", b"field ClientId as Client")

    error = rpc_error(lambda: upload(catalog, f"{parent}/outputSpecifications/nightly", content))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = error_details(error)
    assert details["field"] == "content"
    assert details["rule"] == "line 9: unknown field 'ClientId' (did you mean ClientID?)"
    assert "line 9: unknown field 'ClientId'" in error.details()


def test_a_refused_file_is_not_stored(catalog, parent):
    name = f"{parent}/outputSpecifications/nightly"
    rpc_error(lambda: upload(catalog, name, b"report All Attempts\nlayout fixed\nfield Status\n"))

    error = rpc_error(lambda: catalog.GetOutputSpecification(pb.GetOutputSpecificationRequest(name=name)))

    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_a_file_over_64_kib_is_refused(catalog, parent):
    content = b"report All Attempts\n" + b"#" * (64 * 1024)

    error = rpc_error(lambda: upload(catalog, f"{parent}/outputSpecifications/big", content))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert (error_details(error)["field"], error_details(error)["rule"]) == ("content", "at most 65536 bytes")


def test_a_malformed_name_is_refused_on_name(catalog, parent):
    error = rpc_error(lambda: upload(catalog, f"{parent}/specs/nightly"))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "name"


def test_uploading_to_a_name_in_use_is_already_exists(catalog, parent):
    name = f"{parent}/outputSpecifications/nightly"
    upload(catalog, name, request_id="first")

    error = rpc_error(lambda: upload(catalog, name, NIGHTLY + b"field Rank\n", request_id="second"))

    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert error_details(error)["field"] == "name"
    found = catalog.GetOutputSpecification(pb.GetOutputSpecificationRequest(name=name)).output_specification
    assert found.content == NIGHTLY


def test_a_retried_upload_with_the_same_request_id_returns_the_first(catalog, parent):
    name = f"{parent}/outputSpecifications/nightly"
    first = upload(catalog, name, request_id="upload-1")

    again = upload(catalog, name, NIGHTLY + b"field Rank\n", request_id="upload-1")

    assert again == first


def test_list_pages_through_every_specification_newest_first_without_content(catalog, parent):
    names = [upload(catalog, f"{parent}/outputSpecifications/spec-{i}").name for i in range(5)]

    seen, token, pages = [], "", 0
    while True:
        response = catalog.ListOutputSpecifications(
            pb.ListOutputSpecificationsRequest(parent=parent, page_size=2, page_token=token))
        seen += list(response.output_specifications)
        pages += 1
        token = response.next_page_token
        if not token:
            break

    assert [s.name for s in seen] == list(reversed(names))
    assert pages == 3
    assert all(s.content == b"" and not s.HasField("format") for s in seen)
    assert all(s.size_bytes == len(NIGHTLY) and s.report_type == pb.REPORT_TYPE_ALL_ATTEMPTS for s in seen)


def test_a_deleted_specification_is_gone_and_a_retried_delete_succeeds(catalog, parent):
    name = f"{parent}/outputSpecifications/nightly"
    upload(catalog, name)
    delete = pb.DeleteOutputSpecificationRequest(name=name, request_id="del-1")

    catalog.DeleteOutputSpecification(delete)
    catalog.DeleteOutputSpecification(delete)

    error = rpc_error(lambda: catalog.GetOutputSpecification(pb.GetOutputSpecificationRequest(name=name)))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    missing = rpc_error(lambda: catalog.DeleteOutputSpecification(pb.DeleteOutputSpecificationRequest(name=name)))
    assert missing.code() == grpc.StatusCode.NOT_FOUND


def test_a_definition_may_name_a_specification_of_its_account_and_report_type(catalog, parent):
    spec = upload(catalog, f"{parent}/outputSpecifications/nightly").name

    created = create_definition(catalog, parent, all_attempts_definition(spec))

    assert created.output.output_specification == spec


def test_a_definition_naming_a_missing_specification_is_refused(catalog, parent):
    message = all_attempts_definition(f"{parent}/outputSpecifications/nosuch")

    error = rpc_error(lambda: create_definition(catalog, parent, message))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "report_definition.output.output_specification"


def test_a_definition_naming_another_accounts_specification_is_refused(catalog, parent, unique_id):
    other = upload(catalog, f"accounts/{unique_id}-other/outputSpecifications/nightly").name

    error = rpc_error(lambda: create_definition(catalog, parent, all_attempts_definition(other)))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = error_details(error)
    assert (details["field"], details["rule"]) == ("report_definition.output.output_specification",
                                                   "must be in the definition's account")


def test_a_definition_of_another_report_type_cannot_name_an_all_attempts_specification(catalog, parent):
    spec = upload(catalog, f"{parent}/outputSpecifications/nightly").name
    message = all_attempts_definition(spec, report_type=pb.REPORT_TYPE_BEST_CONTACT)

    error = rpc_error(lambda: create_definition(catalog, parent, message))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "report_definition.output.output_specification"
    assert "formats All Attempts reports, not Best Contact" in error.details()


def test_an_update_naming_a_missing_specification_is_refused(catalog, parent):
    created = create_definition(catalog, parent, definition(report_type=pb.REPORT_TYPE_ALL_ATTEMPTS))
    change = pb.ReportDefinition(name=created.name, output=pb.OutputOptions(
        output_specification=f"{parent}/outputSpecifications/nosuch"))

    error = rpc_error(lambda: catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=change, update_mask=FieldMask(paths=["output.output_specification"]))))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "report_definition.output.output_specification"


def test_delete_is_refused_while_a_definition_names_the_specification(catalog, parent):
    spec = upload(catalog, f"{parent}/outputSpecifications/nightly").name
    user = create_definition(catalog, parent, all_attempts_definition(spec))

    error = rpc_error(lambda: catalog.DeleteOutputSpecification(pb.DeleteOutputSpecificationRequest(name=spec)))

    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error_details(error)["field"] == "name"
    assert user.name in error.details()
    assert catalog.GetOutputSpecification(pb.GetOutputSpecificationRequest(name=spec)).output_specification.name


def test_delete_succeeds_once_no_definition_names_the_specification(catalog, parent):
    spec = upload(catalog, f"{parent}/outputSpecifications/nightly").name
    user = create_definition(catalog, parent, all_attempts_definition(spec))
    catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=pb.ReportDefinition(name=user.name),
        update_mask=FieldMask(paths=["output.output_specification"])))

    catalog.DeleteOutputSpecification(pb.DeleteOutputSpecificationRequest(name=spec))

    error = rpc_error(lambda: catalog.GetOutputSpecification(pb.GetOutputSpecificationRequest(name=spec)))
    assert error.code() == grpc.StatusCode.NOT_FOUND


# --- a definition saved while its file is deleted --------------------------------------------

@pytest.fixture
def sessions(catalog: Stub, settings: Settings) -> Iterator[sessionmaker[Session]]:
    """Sessions on the catalog's database, migrated by the running catalog."""
    engine = db.make_engine(settings.database_url, pool_size=2)
    yield db.make_sessions(engine)
    engine.dispose()


def _definition_naming(account: str, spec: str) -> dict[str, object]:
    now = datetime.now(UTC)
    definition = ReportDefinition(
        display_name="Nightly", report_type=ReportType.ALL_ATTEMPTS, level=Level.CAMPAIGN, target="c1",
        time_frame=TimeFrame(TimeFrameKind.YESTERDAY), output=OutputOptions(output_specification=spec))
    return definition_values(DefinitionRecord(account, "racer", definition, now, now))


def test_a_delete_waits_for_a_definition_being_saved_with_the_file_and_then_refuses(catalog, parent, sessions):
    spec = upload(catalog, f"{parent}/outputSpecifications/nightly").name
    account = parent.removeprefix("accounts/")
    outcome: list[tuple[bool, list[str]]] = []
    deleting = threading.Thread(target=lambda: outcome.append(
        SqlSpecificationRepository(sessions).delete_specification(account, "nightly", None)))

    with transaction(sessions) as session:  # the definition's save, as SqlCatalogRepository does it
        lock_reference(session, spec)
        deleting.start()
        deleting.join(0.5)
        assert deleting.is_alive()  # the delete waits for the save's lock
        session.add(ReportDefinitionRow(**_definition_naming(account, spec)))
    deleting.join(10)

    assert outcome == [(False, ["racer"])]
    assert catalog.GetOutputSpecification(pb.GetOutputSpecificationRequest(name=spec)).output_specification.name


def test_a_definition_saved_after_its_file_was_deleted_is_refused(catalog, parent, sessions):
    spec = upload(catalog, f"{parent}/outputSpecifications/nightly").name
    catalog.DeleteOutputSpecification(pb.DeleteOutputSpecificationRequest(name=spec))

    with pytest.raises(InvalidArgument) as refused, transaction(sessions) as session:
        lock_reference(session, spec)

    assert refused.value.field == "report_definition.output.output_specification"

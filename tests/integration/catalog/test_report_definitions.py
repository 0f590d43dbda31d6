"""Report definitions through the catalog's gRPC API: create, read, list, update, delete."""

from __future__ import annotations

import grpc
from google.protobuf.field_mask_pb2 import FieldMask

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core.errors import error_details
from tests.integration.catalog.support import FakeDelivery, definition, rpc_error

SFTP = pb.FileTransfer.PROTOCOL_SFTP


def create(catalog: catalog_pb2_grpc.CatalogServiceStub, parent: str, message: pb.ReportDefinition,
           request_id: str = "") -> pb.ReportDefinition:
    request = pb.CreateReportDefinitionRequest(parent=parent, report_definition=message, request_id=request_id)
    return catalog.CreateReportDefinition(request).report_definition


def with_sftp(destination: str, emails: str = "") -> pb.ReportDefinition:
    output = pb.OutputOptions(email_addresses=emails,
                              file_transfer=pb.FileTransfer(protocol=SFTP, destination=destination))
    return definition(output=output)


def test_created_definition_is_returned_with_a_server_assigned_name(catalog, parent):
    created = create(catalog, parent, definition())

    assert created.name.startswith(parent + "/reports/")
    assert created.display_name == "Daily best contact"
    assert created.report_type == pb.REPORT_TYPE_BEST_CONTACT
    assert created.level == pb.LEVEL_CAMPAIGN
    assert created.target == "camp-1"
    assert created.time_frame.kind == pb.TimeFrame.KIND_YESTERDAY
    assert created.create_time.seconds > 0
    assert created.update_time == created.create_time


def test_get_returns_what_create_stored(catalog, parent):
    explicit = pb.TimeFrame(kind=pb.TimeFrame.KIND_EXPLICIT_DATES, start="2024-11-01T04:00",
                            end="2024-12-01T04:00", time_zone="Europe/London")
    created = create(catalog, parent, definition(time_frame=explicit, description="billing cycle"))

    found = catalog.GetReportDefinition(pb.GetReportDefinitionRequest(name=created.name)).report_definition

    assert found == created
    assert found.time_frame.start == "2024-11-01T04:00"
    assert found.time_frame.time_zone == "Europe/London"


def test_get_of_an_unknown_definition_is_not_found(catalog, parent):
    error = rpc_error(lambda: catalog.GetReportDefinition(
        pb.GetReportDefinitionRequest(name=f"{parent}/reports/nosuchreport")))

    assert error.code() == grpc.StatusCode.NOT_FOUND
    assert error_details(error)["field"] == "name"


def test_get_of_a_malformed_name_names_the_field(catalog):
    error = rpc_error(lambda: catalog.GetReportDefinition(pb.GetReportDefinitionRequest(name="reports/x")))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "name"


def test_list_pages_through_every_definition_newest_first(catalog, parent):
    names = [create(catalog, parent, definition(display_name=f"report {i}")).name for i in range(5)]

    seen, token, pages = [], "", 0
    while True:
        response = catalog.ListReportDefinitions(
            pb.ListReportDefinitionsRequest(parent=parent, page_size=2, page_token=token))
        seen += [d.name for d in response.report_definitions]
        pages += 1
        token = response.next_page_token
        if not token:
            break

    assert seen == list(reversed(names))
    assert pages == 3


def test_list_shows_only_the_accounts_own_definitions(catalog, parent, unique_id):
    create(catalog, parent, definition())
    other = f"accounts/{unique_id}-other"
    create(catalog, other, definition(display_name="someone else's"))

    listed = catalog.ListReportDefinitions(pb.ListReportDefinitionsRequest(parent=parent)).report_definitions

    assert [d.display_name for d in listed] == ["Daily best contact"]


def test_a_page_token_of_another_account_is_refused(catalog, parent, unique_id):
    for i in range(2):
        create(catalog, parent, definition(display_name=f"r{i}"))
    token = catalog.ListReportDefinitions(
        pb.ListReportDefinitionsRequest(parent=parent, page_size=1)).next_page_token

    error = rpc_error(lambda: catalog.ListReportDefinitions(
        pb.ListReportDefinitionsRequest(parent=f"accounts/{unique_id}-x", page_token=token)))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "page_token"


def test_rerun_with_same_request_id_returns_first_definition(catalog, parent):
    first = create(catalog, parent, definition(display_name="first"), request_id="req-1")
    again = create(catalog, parent, definition(display_name="second"), request_id="req-1")

    listed = catalog.ListReportDefinitions(pb.ListReportDefinitionsRequest(parent=parent)).report_definitions

    assert again == first
    assert [d.display_name for d in listed] == ["first"]


def test_the_same_request_id_in_another_account_makes_its_own_definition(catalog, parent, unique_id):
    first = create(catalog, parent, definition(), request_id="req-shared")
    other = create(catalog, f"accounts/{unique_id}-b", definition(), request_id="req-shared")

    assert other.name != first.name


def test_update_changes_only_the_masked_fields(catalog, parent):
    created = create(catalog, parent, definition())
    change = definition(display_name="Renamed", description="ignored: not in the mask")
    change.name = created.name

    updated = catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=change, update_mask=FieldMask(paths=["display_name"]))).report_definition

    assert updated.display_name == "Renamed"
    assert updated.description == "For the morning stand-up"
    assert updated.update_time.ToDatetime() > created.update_time.ToDatetime()
    stored = catalog.GetReportDefinition(pb.GetReportDefinitionRequest(name=created.name)).report_definition
    assert stored == updated


def test_update_of_a_nested_output_field_checks_it_with_delivery(catalog, parent, fake_delivery: FakeDelivery):
    created = create(catalog, parent, definition())
    change = pb.ReportDefinition(name=created.name, output=pb.OutputOptions(email_addresses="ops@example.com"))
    before = len(fake_delivery.checks)

    updated = catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=change, update_mask=FieldMask(paths=["output.email_addresses"]))).report_definition

    assert updated.output.email_addresses == "ops@example.com"
    assert updated.display_name == "Daily best contact"
    checks = fake_delivery.checks[before:]
    assert [c.output.email_addresses for c in checks] == ["ops@example.com"]
    assert checks[0].report_type == pb.REPORT_TYPE_BEST_CONTACT


def test_update_result_is_validated_as_a_whole(catalog, parent):
    created = create(catalog, parent, definition())
    # Usage reports run at account level only, and the stored level is campaign.
    change = pb.ReportDefinition(name=created.name, report_type=pb.REPORT_TYPE_USAGE)

    error = rpc_error(lambda: catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=change, update_mask=FieldMask(paths=["report_type"]))))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "report_definition.level"


def test_update_with_an_unknown_path_is_refused(catalog, parent):
    created = create(catalog, parent, definition())
    change = pb.ReportDefinition(name=created.name)

    for paths in (["display_name", "colour"], ["create_time"]):
        error = rpc_error(lambda p=paths: catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
            report_definition=change, update_mask=FieldMask(paths=p))))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert error_details(error)["field"] == "update_mask"


def test_update_with_an_empty_mask_is_refused(catalog, parent):
    created = create(catalog, parent, definition())

    error = rpc_error(lambda: catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=pb.ReportDefinition(name=created.name, display_name="x"))))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "update_mask"


def test_update_of_an_unknown_definition_is_not_found(catalog, parent):
    error = rpc_error(lambda: catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=pb.ReportDefinition(name=f"{parent}/reports/gone", display_name="x"),
        update_mask=FieldMask(paths=["display_name"]))))

    assert error.code() == grpc.StatusCode.NOT_FOUND
    assert error_details(error)["field"] == "report_definition.name"


def test_retried_update_with_the_same_request_id_changes_nothing_more(catalog, parent):
    created = create(catalog, parent, definition())
    change = pb.ReportDefinition(name=created.name, display_name="Once")
    request = pb.UpdateReportDefinitionRequest(
        report_definition=change, update_mask=FieldMask(paths=["display_name"]), request_id="upd-1")

    first = catalog.UpdateReportDefinition(request).report_definition
    again = catalog.UpdateReportDefinition(request).report_definition

    assert again == first


def test_reads_mask_the_transfer_password(catalog, parent):
    created = create(catalog, parent, with_sftp("reports:s3cret@sftp.example.com:2222/outgoing"))

    got = catalog.GetReportDefinition(pb.GetReportDefinitionRequest(name=created.name)).report_definition
    listed = catalog.ListReportDefinitions(pb.ListReportDefinitionsRequest(parent=parent)).report_definitions

    masked = "reports:****@sftp.example.com:2222/outgoing"
    assert created.output.file_transfer.destination == masked
    assert got.output.file_transfer.destination == masked
    assert listed[0].output.file_transfer.destination == masked


def test_delivery_view_shows_the_transfer_password(catalog, parent):
    created = create(catalog, parent, with_sftp("reports:s3cret@sftp.example.com/outgoing"))

    got = catalog.GetReportDefinition(pb.GetReportDefinitionRequest(
        name=created.name, view=pb.REPORT_DEFINITION_VIEW_DELIVERY)).report_definition

    assert got.output.file_transfer.destination == "reports:s3cret@sftp.example.com/outgoing"


def test_update_sending_the_masked_password_back_keeps_the_stored_one(catalog, parent):
    created = create(catalog, parent, with_sftp("reports:s3cret@sftp.example.com/outgoing"))
    change = pb.ReportDefinition()
    change.CopyFrom(created)
    change.display_name = "Renamed"
    change.output.file_transfer.destination = "reports:****@sftp.example.com/archive"

    updated = catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=change, update_mask=FieldMask(paths=["*"]))).report_definition

    assert updated.output.file_transfer.destination == "reports:****@sftp.example.com/archive"
    revealed = catalog.GetReportDefinition(pb.GetReportDefinitionRequest(
        name=created.name, view=pb.REPORT_DEFINITION_VIEW_DELIVERY)).report_definition
    assert revealed.output.file_transfer.destination == "reports:s3cret@sftp.example.com/archive"
    assert revealed.display_name == "Renamed"


def test_masked_password_is_not_carried_to_another_host(catalog, parent):
    created = create(catalog, parent, with_sftp("reports:s3cret@sftp.example.com/outgoing"))
    change = pb.ReportDefinition(name=created.name, output=pb.OutputOptions(file_transfer=pb.FileTransfer(
        protocol=SFTP, destination="reports:****@elsewhere.example.net/outgoing")))

    error = rpc_error(lambda: catalog.UpdateReportDefinition(pb.UpdateReportDefinitionRequest(
        report_definition=change, update_mask=FieldMask(paths=["output.file_transfer"]))))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "report_definition.output.file_transfer.destination"


def test_delete_removes_the_definition(catalog, parent):
    created = create(catalog, parent, definition())

    catalog.DeleteReportDefinition(pb.DeleteReportDefinitionRequest(name=created.name))

    error = rpc_error(lambda: catalog.GetReportDefinition(pb.GetReportDefinitionRequest(name=created.name)))
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_delete_of_an_unknown_definition_is_not_found(catalog, parent):
    error = rpc_error(lambda: catalog.DeleteReportDefinition(
        pb.DeleteReportDefinitionRequest(name=f"{parent}/reports/nothere")))

    assert error.code() == grpc.StatusCode.NOT_FOUND
    assert error_details(error)["field"] == "name"


def test_retried_delete_with_the_same_request_id_succeeds(catalog, parent):
    created = create(catalog, parent, definition())
    request = pb.DeleteReportDefinitionRequest(name=created.name, request_id="del-1")

    catalog.DeleteReportDefinition(request)
    catalog.DeleteReportDefinition(request)

    error = rpc_error(lambda: catalog.DeleteReportDefinition(pb.DeleteReportDefinitionRequest(name=created.name)))
    assert error.code() == grpc.StatusCode.NOT_FOUND

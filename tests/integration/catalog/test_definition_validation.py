"""Every rule of a report definition answers INVALID_ARGUMENT naming the field it guards."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import clients
from reportsuite.core.errors import error_details
from reportsuite.core.settings import Settings
from reportsuite.delivery.v1 import delivery_pb2
from services.catalog import bootstrap
from tests.integration.catalog.support import FakeDelivery, definition, rpc_error

Kind = pb.TimeFrame
EXPLICIT = pb.TimeFrame.KIND_EXPLICIT_DATES
SFTP = pb.FileTransfer.PROTOCOL_SFTP

BROKEN = {
    "empty display name": ({"display_name": ""}, "report_definition.display_name"),
    "display name over 200 characters": ({"display_name": "x" * 201}, "report_definition.display_name"),
    "control character in display name": ({"display_name": "ring\x07"}, "report_definition.display_name"),
    "no report type": ({"report_type": pb.REPORT_TYPE_UNSPECIFIED}, "report_definition.report_type"),
    "unknown report type": ({"report_type": 99}, "report_definition.report_type"),
    "no level": ({"level": pb.LEVEL_UNSPECIFIED}, "report_definition.level"),
    "Best Contact at account level": ({"level": pb.LEVEL_ACCOUNT, "target": ""}, "report_definition.level"),
    "campaign report without target": ({"target": ""}, "report_definition.target"),
    "target that is not an id": ({"target": "camp 1/../x"}, "report_definition.target"),
    "target at account level": (
        {"report_type": pb.REPORT_TYPE_USAGE, "level": pb.LEVEL_ACCOUNT, "target": "acc"},
        "report_definition.target"),
    "yesterday's activity at account level": (
        {"report_type": pb.REPORT_TYPE_USAGE, "level": pb.LEVEL_ACCOUNT, "target": "", "yesterdays_activity": True},
        "report_definition.yesterdays_activity"),
    "no time frame kind": ({"time_frame": Kind()}, "report_definition.time_frame.kind"),
    "explicit dates without start": (
        {"time_frame": Kind(kind=EXPLICIT, end="2024-12-01T04:00")}, "report_definition.time_frame.start"),
    "explicit dates without end": (
        {"time_frame": Kind(kind=EXPLICIT, start="2024-12-01T04:00")}, "report_definition.time_frame.end"),
    "explicit start in another format": (
        {"time_frame": Kind(kind=EXPLICIT, start="11/01/2010 04:00", end="2024-12-01T04:00")},
        "report_definition.time_frame.start"),
    "explicit start that is no date": (
        {"time_frame": Kind(kind=EXPLICIT, start="2024-02-30T04:00", end="2024-12-01T04:00")},
        "report_definition.time_frame.start"),
    "explicit end before start": (
        {"time_frame": Kind(kind=EXPLICIT, start="2024-12-01T04:00", end="2024-11-01T04:00")},
        "report_definition.time_frame.end"),
    "explicit end equal to start": (
        {"time_frame": Kind(kind=EXPLICIT, start="2024-12-01T04:00", end="2024-12-01T04:00")},
        "report_definition.time_frame.end"),
    "unknown time zone": (
        {"time_frame": Kind(kind=EXPLICIT, start="2024-11-01T04:00", end="2024-12-01T04:00", time_zone="Mars/Base")},
        "report_definition.time_frame.time_zone"),
    "start with a relative time frame": (
        {"time_frame": Kind(kind=Kind.KIND_YESTERDAY, start="2024-11-01T04:00")}, "report_definition.time_frame.start"),
    "time zone with a relative time frame": (
        {"time_frame": Kind(kind=Kind.KIND_LAST_7_DAYS, time_zone="Europe/Paris")},
        "report_definition.time_frame.time_zone"),
    "e-mail list the delivery service refuses": (
        {"output": pb.OutputOptions(email_addresses="ops@example.com, bad")},
        "report_definition.output.email_addresses"),
    "masked password on create": (
        {"output": pb.OutputOptions(file_transfer=pb.FileTransfer(protocol=SFTP, destination="u:****@host/dir"))},
        "report_definition.output.file_transfer.destination"),
}


@pytest.mark.parametrize(("changes", "field"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_rule_is_invalid_argument_naming_the_field(catalog, parent, changes, field):
    request = pb.CreateReportDefinitionRequest(parent=parent, report_definition=definition(**changes))

    error = rpc_error(lambda: catalog.CreateReportDefinition(request))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == field
    listed = catalog.ListReportDefinitions(pb.ListReportDefinitionsRequest(parent=parent)).report_definitions
    assert list(listed) == []


def test_a_wrong_level_names_the_allowed_levels(catalog, parent):
    request = pb.CreateReportDefinitionRequest(parent=parent, report_definition=definition(
        report_type=pb.REPORT_TYPE_AGENT_ACTION, level=pb.LEVEL_CAMPAIGN))

    error = rpc_error(lambda: catalog.CreateReportDefinition(request))

    assert error_details(error) == {"field": "report_definition.level",
                                    "rule": "Agent Action reports run at enterprise or account level"}


def test_a_malformed_parent_names_the_parent(catalog):
    request = pb.CreateReportDefinitionRequest(parent="account/x", report_definition=definition())

    error = rpc_error(lambda: catalog.CreateReportDefinition(request))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == "parent"


ACCEPTED = {
    "sub-campaign with yesterday's activity and no target": {
        "level": pb.LEVEL_SUB_CAMPAIGN, "target": "", "yesterdays_activity": True},
    "Contact Center at enterprise level": {
        "report_type": pb.REPORT_TYPE_CONTACT_CENTER, "level": pb.LEVEL_ENTERPRISE, "target": ""},
    "explicit dates in the account's zone": {
        "time_frame": Kind(kind=EXPLICIT, start="2024-11-01T04:00", end="2024-12-01T04:00")},
    "explicit dates in a named zone": {
        "time_frame": Kind(kind=EXPLICIT, start="2024-11-01T04:00", end="2024-12-01T04:00",
                           time_zone="America/New_York")},
    "incremental": {"time_frame": Kind(kind=Kind.KIND_INCREMENTAL)},
}


@pytest.mark.parametrize("changes", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_a_definition_within_the_rules_is_created(catalog, parent, changes):
    request = pb.CreateReportDefinitionRequest(parent=parent, report_definition=definition(**changes))

    created = catalog.CreateReportDefinition(request).report_definition

    assert created.name.startswith(parent + "/reports/")


def test_output_options_are_checked_by_the_delivery_service(catalog, parent, fake_delivery: FakeDelivery):
    output = pb.OutputOptions(email_addresses="ops@example.com", zip=True, file_name_format="<CAMPAIGN>")
    before = len(fake_delivery.checks)

    catalog.CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=parent, report_definition=definition(output=output)))

    assert fake_delivery.checks[before:] == [
        delivery_pb2.CheckOutputOptionsRequest(output=output, report_type=pb.REPORT_TYPE_BEST_CONTACT)]


def test_a_definition_without_output_options_needs_no_delivery_check(catalog, parent, fake_delivery: FakeDelivery):
    before = len(fake_delivery.checks)

    catalog.CreateReportDefinition(pb.CreateReportDefinitionRequest(parent=parent, report_definition=definition()))

    assert fake_delivery.checks[before:] == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def catalog_without_delivery(settings: Settings) -> Iterator[catalog_pb2_grpc.CatalogServiceStub]:
    service = bootstrap.start(dataclasses.replace(settings, delivery_addr=f"127.0.0.1:{_closed_port()}"),
                              "127.0.0.1:0")
    yield clients.catalog(f"127.0.0.1:{service.port}")
    service.stop(0)


def test_output_options_cannot_be_saved_while_delivery_is_unreachable(catalog_without_delivery, parent):
    stub = catalog_without_delivery
    output = pb.OutputOptions(email_addresses="ops@example.com")

    error = rpc_error(lambda: stub.CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=parent, report_definition=definition(output=output))))
    plain = stub.CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=parent, report_definition=definition()))

    assert error.code() == grpc.StatusCode.UNAVAILABLE
    assert error_details(error)["field"] == "report_definition.output"
    assert plain.report_definition.name

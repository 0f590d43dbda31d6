"""DeliveryService over gRPC: PreviewFileName and CheckOutputOptions, and their INVALID_ARGUMENT fields."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients, timestamps
from reportsuite.core.errors import error_details
from reportsuite.core.settings import Settings
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from services.delivery import bootstrap

SFTP = catalog_pb2.FileTransfer.PROTOCOL_SFTP


@pytest.fixture(scope="module")
def delivery() -> Iterator[delivery_pb2_grpc.DeliveryServiceStub]:
    service = bootstrap.start(Settings.from_env(), "127.0.0.1:0")
    try:
        yield clients.delivery(f"127.0.0.1:{service.port}")
    finally:
        service.stop(0)


def _invalid_field(call: grpc.RpcError) -> str:
    assert call.code() == grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
    return error_details(call)["field"]


def test_preview_renders_the_guides_example(delivery: delivery_pb2_grpc.DeliveryServiceStub) -> None:
    request = delivery_pb2.PreviewFileNameRequest(
        file_name_format="<CAMPAIGN>_<ACCOUNT>_<START:yyyyMMdd>_<END:yyyyMMdd hh:mm:ss z>.txt",
        context=delivery_pb2.FileNameContext(
            campaign="WidgetCampaign", account="AcmeWidgets",
            start_time=timestamps.to_proto(datetime(2003, 7, 17, 12, tzinfo=UTC)),
            end_time=timestamps.to_proto(datetime(2003, 7, 22, 17, 54, 32, tzinfo=UTC)),
        ),
        time_zone="America/New_York", has_output_specification=True,
    )
    response = delivery.PreviewFileName(request)
    assert response.file_name == "WidgetCampaign_AcmeWidgets_20030717_20030722 01_54_32 EDT.txt"


def test_preview_without_a_format_gives_the_default_name(delivery: delivery_pb2_grpc.DeliveryServiceStub) -> None:
    request = delivery_pb2.PreviewFileNameRequest(
        context=delivery_pb2.FileNameContext(report_name="Daily", name_at_level_run="Widgets"),
        instant=timestamps.to_proto(datetime(2026, 3, 8, 12, 30, 5, tzinfo=UTC)), time_zone="Asia/Kolkata",
    )
    assert delivery.PreviewFileName(request).file_name == "Daily_Widgets_20260308180005.csv"


def test_preview_defaults_to_now_in_utc(delivery: delivery_pb2_grpc.DeliveryServiceStub) -> None:
    before = datetime.now(UTC).strftime("%y%j")
    name = delivery.PreviewFileName(delivery_pb2.PreviewFileNameRequest(file_name_format="<DATE>")).file_name
    assert name in {f"{before}.csv", f"{datetime.now(UTC):%y%j}.csv"}


def test_preview_of_an_invalid_format_names_the_field_and_position(
    delivery: delivery_pb2_grpc.DeliveryServiceStub,
) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        delivery.PreviewFileName(delivery_pb2.PreviewFileNameRequest(file_name_format="Report for: <CAMPAIGN>"))
    assert _invalid_field(raised.value) == "file_name_format"
    assert "position 11" in error_details(raised.value)["rule"]


def test_preview_in_an_unknown_zone_is_invalid(delivery: delivery_pb2_grpc.DeliveryServiceStub) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        delivery.PreviewFileName(delivery_pb2.PreviewFileNameRequest(time_zone="Nowhere/Else"))
    assert _invalid_field(raised.value) == "time_zone"


def test_check_output_options_returns_the_recipients(delivery: delivery_pb2_grpc.DeliveryServiceStub) -> None:
    request = delivery_pb2.CheckOutputOptionsRequest(
        output=catalog_pb2.OutputOptions(
            email_addresses="ops@Example.com, finance@example.com",
            file_transfer=catalog_pb2.FileTransfer(protocol=SFTP, destination="u:pw@files.example.com:2222/in"),
            file_name_format="<CAMPAIGN>_<DATE:yyyyMMdd>",
        ),
        report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS,
    )
    assert list(delivery.CheckOutputOptions(request).email_recipients) == ["ops@example.com", "finance@example.com"]


@pytest.mark.parametrize(
    ("output", "field"),
    [
        (catalog_pb2.OutputOptions(email_addresses="ops@example.com, not-an-address"), "email_addresses"),
        (catalog_pb2.OutputOptions(file_transfer=catalog_pb2.FileTransfer(
            protocol=SFTP, destination="u:pw@files.example.com/../etc")), "file_transfer.destination"),
        (catalog_pb2.OutputOptions(file_transfer=catalog_pb2.FileTransfer(destination="u:pw@h.example.com/")),
         "file_transfer.protocol"),
        (catalog_pb2.OutputOptions(file_name_format="<CAMPAIGN>*"), "file_name_format"),
    ],
)
def test_check_output_options_names_the_invalid_field(
    delivery: delivery_pb2_grpc.DeliveryServiceStub, output: catalog_pb2.OutputOptions, field: str,
) -> None:
    request = delivery_pb2.CheckOutputOptionsRequest(output=output, report_type=catalog_pb2.REPORT_TYPE_BEST_CONTACT)
    with pytest.raises(grpc.RpcError) as raised:
        delivery.CheckOutputOptions(request)
    assert _invalid_field(raised.value) == field


def test_check_output_options_never_echoes_the_password(delivery: delivery_pb2_grpc.DeliveryServiceStub) -> None:
    request = delivery_pb2.CheckOutputOptionsRequest(output=catalog_pb2.OutputOptions(
        file_transfer=catalog_pb2.FileTransfer(protocol=SFTP, destination="u:T0pSecret@files.example.com:99999/")))
    with pytest.raises(grpc.RpcError) as raised:
        delivery.CheckOutputOptions(request)
    assert "T0pSecret" not in str(raised.value)
    assert "port" in error_details(raised.value)["rule"]

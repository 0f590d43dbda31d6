"""Reading report definitions from the catalog service and turning them into domain snapshots."""

from __future__ import annotations

from typing import Any

import grpc

from reportsuite.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from reportsuite.core.clients import CALL_TIMEOUT_SECONDS
from reportsuite.core.errors import DomainError, InvalidArgument, NotFound, Unavailable
from services.scheduler.domain.ports import ReportSnapshot
from services.scheduler.domain.time_frames import Kind, TimeFrame

FIELD = "report_definition"


class CatalogClient:
    """The Catalog port over a CatalogService stub (reportsuite.core.clients.catalog)."""

    def __init__(self, stub: catalog_pb2_grpc.CatalogServiceStub,
                 timeout_seconds: float = CALL_TIMEOUT_SECONDS) -> None:
        self._stub = stub
        self._timeout = timeout_seconds

    def report_definition(self, name: str) -> ReportSnapshot:
        """Reads the definition's basic view (secrets masked) and snapshots it.

        Raises:
            NotFound: on "report_definition" when the catalog has no such definition.
            Unavailable: the catalog did not answer in time or at all.
        """
        request = catalog_pb2.GetReportDefinitionRequest(name=name, view=catalog_pb2.REPORT_DEFINITION_VIEW_BASIC)
        try:
            definition = self._stub.GetReportDefinition(request, timeout=self._timeout).report_definition
        except grpc.RpcError as error:
            raise _translate(error, name) from None
        return snapshot_of(definition)


def snapshot_of(definition: catalog_pb2.ReportDefinition) -> ReportSnapshot:
    """The domain's view of a catalog ReportDefinition, with the whole message as payload."""
    output = definition.output
    return ReportSnapshot(
        name=definition.name,
        payload=definition.SerializeToString(),
        usage=definition.report_type == catalog_pb2.REPORT_TYPE_USAGE,
        target=definition.target,
        time_frame=_time_frame(definition),
        has_destination=bool(output.email_addresses.strip())
        or output.file_transfer.protocol != catalog_pb2.FileTransfer.PROTOCOL_UNSPECIFIED,
        report_type=_enum_name(catalog_pb2.ReportType, definition.report_type, "REPORT_TYPE_"),
        level=_enum_name(catalog_pb2.Level, definition.level, "LEVEL_"),
    )


def _time_frame(definition: catalog_pb2.ReportDefinition) -> TimeFrame:
    """The definition's time frame; <Yesterday's activity> always covers the previous report day.

    The guide offers <Yesterday's activity> as "a report covering all campaigns that were run the
    previous day" (the agent group's "previous day's activity"): the choice fixes the period, so the
    definition's own time frame kind does not apply (docs/time-frames.md).
    """
    if definition.yesterdays_activity:
        return TimeFrame(kind=Kind.YESTERDAY)
    frame = definition.time_frame
    return TimeFrame(kind=Kind[catalog_pb2.TimeFrame.Kind.Name(frame.kind).removeprefix("KIND_")],
                     start=frame.start, end=frame.end, time_zone=frame.time_zone)


def _enum_name(enum: Any, value: int, prefix: str) -> str:
    """The value's name without its prefix ("ALL_ATTEMPTS"); its number for a value newer than our protos."""
    try:
        return str(enum.Name(value)).removeprefix(prefix)
    except ValueError:
        return str(value)


def _translate(error: grpc.RpcError, name: str) -> DomainError:
    code = error.code()  # type: ignore[attr-defined]
    detail = error.details()  # type: ignore[attr-defined]
    if code == grpc.StatusCode.NOT_FOUND:
        return NotFound(f"report definition {name} does not exist", field=FIELD,
                        rule="the report definition must exist")
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        return InvalidArgument(f"the catalog refused {name!r}: {detail}", field=FIELD, rule=str(detail))
    return Unavailable(f"the catalog did not answer ({code.name}: {detail}); try again", field=FIELD,
                       rule="the catalog must be reachable")

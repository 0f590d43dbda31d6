"""DeliveryService: translates requests to the domain's rules and back, nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc

from reportsuite.core import timestamps
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from services.delivery.adapters.services import protocol_name, report_type_name
from services.delivery.domain.file_names import FileNameContext
from services.delivery.domain.options import check_output_options, preview_file_name


class DeliveryServicer(delivery_pb2_grpc.DeliveryServiceServicer):
    """The gRPC face of the delivery service's checks."""

    def PreviewFileName(
        self, request: delivery_pb2.PreviewFileNameRequest, context: grpc.ServicerContext,
    ) -> delivery_pb2.PreviewFileNameResponse:
        instant = timestamps.from_proto(request.instant, present=request.HasField("instant"))
        name = preview_file_name(
            request.file_name_format, _context(request.context), instant or datetime.now(UTC), request.time_zone,
            has_output_specification=request.has_output_specification,
        )
        return delivery_pb2.PreviewFileNameResponse(file_name=name)

    def CheckOutputOptions(
        self, request: delivery_pb2.CheckOutputOptionsRequest, context: grpc.ServicerContext,
    ) -> delivery_pb2.CheckOutputOptionsResponse:
        output = request.output
        recipients = check_output_options(
            email_addresses=output.email_addresses,
            transfer_protocol=protocol_name(output.file_transfer.protocol),
            transfer_destination=output.file_transfer.destination,
            file_name_format=output.file_name_format,
            report_type=report_type_name(request.report_type),
        )
        return delivery_pb2.CheckOutputOptionsResponse(email_recipients=list(recipients))


def _context(proto: delivery_pb2.FileNameContext) -> FileNameContext:
    return FileNameContext(
        report=proto.report, report_name=proto.report_name, name_at_level_run=proto.name_at_level_run,
        campaign=proto.campaign, sub_campaign=proto.sub_campaign, group=proto.group, account=proto.account,
        account_uid=proto.account_uid, report_id=proto.report_id,
        start_time=timestamps.from_proto(proto.start_time, present=proto.HasField("start_time")),
        end_time=timestamps.from_proto(proto.end_time, present=proto.HasField("end_time")),
    )

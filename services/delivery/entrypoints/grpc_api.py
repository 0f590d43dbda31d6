"""DeliveryService: translates requests to the domain's rules and back, nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc

from reportsuite.core import timestamps
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from services.delivery.adapters.services import protocol_name, report_type_name
from services.delivery.domain.file_names import FileNameContext
from services.delivery.domain.host_keys import HostKey, HostKeys, OfferedKey
from services.delivery.domain.options import check_output_options, preview_file_name


class DeliveryServicer(delivery_pb2_grpc.DeliveryServiceServicer):
    """The gRPC face of the delivery service's checks and pinned host keys."""

    def __init__(self, host_keys: HostKeys) -> None:
        self._host_keys = host_keys

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

    def FetchHostKey(
        self, request: delivery_pb2.FetchHostKeyRequest, context: grpc.ServicerContext,
    ) -> delivery_pb2.FetchHostKeyResponse:
        offered = self._host_keys.fetch(request.host, request.port)
        return delivery_pb2.FetchHostKeyResponse(host_key=_offered(offered, host=request.host, port=request.port or 22))

    def PinHostKey(
        self, request: delivery_pb2.PinHostKeyRequest, context: grpc.ServicerContext,
    ) -> delivery_pb2.PinHostKeyResponse:
        pinned = self._host_keys.pin(request.parent, request.host, request.port, request.fingerprint,
                                     request.public_key, request.request_id)
        return delivery_pb2.PinHostKeyResponse(host_key=_host_key(pinned))

    def ListHostKeys(
        self, request: delivery_pb2.ListHostKeysRequest, context: grpc.ServicerContext,
    ) -> delivery_pb2.ListHostKeysResponse:
        keys, token = self._host_keys.list(request.parent, request.page_size, request.page_token)
        return delivery_pb2.ListHostKeysResponse(host_keys=[_host_key(k) for k in keys], next_page_token=token)

    def DeleteHostKey(
        self, request: delivery_pb2.DeleteHostKeyRequest, context: grpc.ServicerContext,
    ) -> delivery_pb2.DeleteHostKeyResponse:
        self._host_keys.delete(request.name, request.request_id)
        return delivery_pb2.DeleteHostKeyResponse()


def _offered(key: OfferedKey, *, host: str, port: int) -> delivery_pb2.HostKey:
    return delivery_pb2.HostKey(host=host, port=port, key_type=key.key_type, fingerprint=key.fingerprint,
                                public_key=key.public_key)


def _host_key(key: HostKey) -> delivery_pb2.HostKey:
    message = _offered(key.key, host=key.host, port=key.port)
    message.name = key.name
    if key.create_time is not None:
        message.create_time.CopyFrom(timestamps.to_proto(key.create_time))
    return message


def _context(proto: delivery_pb2.FileNameContext) -> FileNameContext:
    return FileNameContext(
        report=proto.report, report_name=proto.report_name, name_at_level_run=proto.name_at_level_run,
        campaign=proto.campaign, sub_campaign=proto.sub_campaign, group=proto.group, account=proto.account,
        account_uid=proto.account_uid, report_id=proto.report_id,
        start_time=timestamps.from_proto(proto.start_time, present=proto.HasField("start_time")),
        end_time=timestamps.from_proto(proto.end_time, present=proto.HasField("end_time")),
    )

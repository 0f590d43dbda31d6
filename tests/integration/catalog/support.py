"""Helpers of the catalog's integration tests: the fake delivery service and message builders."""

from __future__ import annotations

import threading
from collections.abc import Callable

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.core.errors import InvalidArgument
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc


class FakeDelivery(delivery_pb2_grpc.DeliveryServiceServicer):
    """Stands in for the delivery service: rejects any e-mail list containing "bad"."""

    def __init__(self) -> None:
        self.port = 0
        self.checks: list[delivery_pb2.CheckOutputOptionsRequest] = []
        self._lock = threading.Lock()

    def CheckOutputOptions(self, request: delivery_pb2.CheckOutputOptionsRequest,
                           context: grpc.ServicerContext) -> delivery_pb2.CheckOutputOptionsResponse:
        with self._lock:
            self.checks.append(request)
        if "bad" in request.output.email_addresses:
            raise InvalidArgument("bad is not an e-mail address", field="email_addresses",
                                  rule="comma-separated e-mail addresses")
        recipients = [a.strip() for a in request.output.email_addresses.split(",") if a.strip()]
        return delivery_pb2.CheckOutputOptionsResponse(email_recipients=recipients)


def definition(**changes: object) -> pb.ReportDefinition:
    """A valid campaign-level Best Contact definition, with the given fields changed."""
    message = pb.ReportDefinition(
        display_name="Daily best contact", description="For the morning stand-up",
        report_type=pb.REPORT_TYPE_BEST_CONTACT, level=pb.LEVEL_CAMPAIGN, target="camp-1",
        time_frame=pb.TimeFrame(kind=pb.TimeFrame.KIND_YESTERDAY),
    )
    for key, value in changes.items():
        if isinstance(value, (pb.TimeFrame, pb.OutputOptions)):
            getattr(message, key).CopyFrom(value)
        else:
            setattr(message, key, value)
    return message


def rpc_error(call: Callable[[], object]) -> grpc.RpcError:
    """Runs call, which must fail, and returns its error."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value

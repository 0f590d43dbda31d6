"""The delivery service's check of output options, as the domain's OutputChecker."""

from __future__ import annotations

import grpc

from reportsuite.core.errors import InvalidArgument, Unavailable, error_details
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from services.catalog.domain.model import OutputOptions
from services.catalog.domain.report_types import ReportType
from services.catalog.entrypoints.translate import output_to_proto, report_type_to_proto

# A user waits on this check while saving a definition: fail fast rather than use the suite's
# 30-second default deadline.
CHECK_TIMEOUT_SECONDS = 10.0


class DeliveryOutputChecker:
    """Asks DeliveryService.CheckOutputOptions whether a definition's output options are valid."""

    def __init__(self, stub: delivery_pb2_grpc.DeliveryServiceStub,
                 timeout_seconds: float = CHECK_TIMEOUT_SECONDS) -> None:
        self._stub = stub
        self._timeout = timeout_seconds

    def check(self, output: OutputOptions, report_type: ReportType) -> None:
        """Raises InvalidArgument with the delivery service's field (relative to the output options),
        or Unavailable when the delivery service could not give an answer."""
        request = delivery_pb2.CheckOutputOptionsRequest(
            output=output_to_proto(output), report_type=report_type_to_proto(report_type),
        )
        try:
            self._stub.CheckOutputOptions(request, timeout=self._timeout)
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.INVALID_ARGUMENT:  # type: ignore[attr-defined]
                details = error_details(error)
                raise InvalidArgument(
                    error.details() or "output options are not valid",  # type: ignore[attr-defined]
                    field=details.get("field", ""), rule=details.get("rule", ""),
                ) from None
            raise Unavailable(
                f"the delivery service could not check the output options: {error.code().name}",  # type: ignore[attr-defined]
                field="report_definition.output", rule="the delivery service must check output options",
            ) from None

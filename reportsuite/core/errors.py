"""Domain errors, and their one mapping onto gRPC status codes with rich details.

Domain code raises these; ``ErrorMappingInterceptor`` turns them into INVALID_ARGUMENT,
NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION or ABORTED with ``google.rpc.ErrorInfo``
and ``google.rpc.BadRequest`` details. Anything else becomes INTERNAL with a log line,
never UNKNOWN and never a traceback sent to the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

log = logging.getLogger(__name__)

ERROR_DOMAIN = "reportsuite"


class DomainError(Exception):
    """Base of the errors a caller can act on."""

    code: grpc.StatusCode = grpc.StatusCode.FAILED_PRECONDITION
    reason: str = "FAILED_PRECONDITION"

    def __init__(self, message: str, *, field: str = "", rule: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule or message


class InvalidArgument(DomainError):
    """A request field breaks a rule; ``field`` names it, ``rule`` says which."""

    code = grpc.StatusCode.INVALID_ARGUMENT
    reason = "INVALID_ARGUMENT"


class NotFound(DomainError):
    """The named resource does not exist (or the caller may not know it does)."""

    code = grpc.StatusCode.NOT_FOUND
    reason = "NOT_FOUND"


class AlreadyExists(DomainError):
    """A resource with that identity exists already."""

    code = grpc.StatusCode.ALREADY_EXISTS
    reason = "ALREADY_EXISTS"


class FailedPrecondition(DomainError):
    """The request is well formed but the system is not in a state to do it."""

    code = grpc.StatusCode.FAILED_PRECONDITION
    reason = "FAILED_PRECONDITION"


class Aborted(DomainError):
    """A concurrent holder owns the resource; retrying later may succeed."""

    code = grpc.StatusCode.ABORTED
    reason = "ABORTED"


class Unauthenticated(DomainError):
    """The call carried no valid credentials."""

    code = grpc.StatusCode.UNAUTHENTICATED
    reason = "UNAUTHENTICATED"


class PermissionDenied(DomainError):
    """The caller is known but may not do this (its role or scope does not reach it)."""

    code = grpc.StatusCode.PERMISSION_DENIED
    reason = "PERMISSION_DENIED"


class Unavailable(DomainError):
    """A service this one depends on did not answer; the caller may retry."""

    code = grpc.StatusCode.UNAVAILABLE
    reason = "UNAVAILABLE"


# The status travels in trailers that clients accept up to 8 KiB (grpc.max_metadata_size): an error
# echoing a huge input would reach the caller as INTERNAL. Each text is bounded in UTF-8 bytes.
MESSAGE_BYTES, RULE_BYTES, FIELD_BYTES = 600, 300, 200


def _bounded(text: str, limit: int) -> str:
    encoded = text.encode("utf-8", "replace")
    if len(encoded) <= limit:
        return text
    return encoded[: limit - 3].decode("utf-8", "ignore") + "..."


def to_status(error: DomainError) -> status_pb2.Status:
    """Builds the google.rpc.Status for a domain error."""
    field, rule = _bounded(error.field, FIELD_BYTES), _bounded(error.rule, RULE_BYTES)
    info = error_details_pb2.ErrorInfo(
        reason=error.reason, domain=ERROR_DOMAIN, metadata={"field": field, "rule": rule}
    )
    details = [info]
    if isinstance(error, InvalidArgument):
        details.append(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=field, description=rule
                    )
                ]
            )
        )
    packed = []
    for detail in details:
        holder = any_pb2.Any()
        holder.Pack(detail)
        packed.append(holder)
    return status_pb2.Status(code=error.code.value[0], message=_bounded(error.message, MESSAGE_BYTES),
                             details=packed)


def _internal_status() -> status_pb2.Status:
    return status_pb2.Status(code=code_pb2.INTERNAL, message="internal error; see the service log")


def _abort(context: grpc.ServicerContext, status: status_pb2.Status) -> None:
    context.abort_with_status(rpc_status.to_status(status))


def _guard(method: Callable[..., Any], streaming_response: bool) -> Callable[..., Any]:
    def call(request: Any, context: grpc.ServicerContext) -> Any:
        try:
            return method(request, context)
        except DomainError as error:
            _abort(context, to_status(error))
        except Exception as error:  # the edge: nothing unexpected may reach the caller raw
            if _is_abort(error, context):
                raise
            log.exception("unhandled error in %s", getattr(method, "__qualname__", method))
            _abort(context, _internal_status())

    def stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        try:
            yield from method(request, context)
        except DomainError as error:
            _abort(context, to_status(error))
        except Exception as error:
            if _is_abort(error, context):
                raise
            log.exception("unhandled error in %s", getattr(method, "__qualname__", method))
            _abort(context, _internal_status())

    return stream if streaming_response else call


def _is_abort(error: Exception, context: grpc.ServicerContext) -> bool:
    # context.abort() raises a bare Exception after setting the code; let it through.
    code = context.code() if hasattr(context, "code") else None
    return code is not None and code != grpc.StatusCode.OK


class ErrorMappingInterceptor(grpc.ServerInterceptor):
    """Wraps every handler so domain errors become canonical codes with details."""

    def intercept_service(
        self, continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        kinds = (
            ("unary_unary", grpc.unary_unary_rpc_method_handler, False),
            ("unary_stream", grpc.unary_stream_rpc_method_handler, True),
            ("stream_unary", grpc.stream_unary_rpc_method_handler, False),
            ("stream_stream", grpc.stream_stream_rpc_method_handler, True),
        )
        for attr, factory, streaming in kinds:
            method = getattr(handler, attr)
            if method is not None:
                return factory(
                    _guard(method, streaming),
                    request_deserializer=handler.request_deserializer,
                    response_serializer=handler.response_serializer,
                )
        return handler


def error_details(error: grpc.RpcError) -> dict[str, str]:
    """Reads the ErrorInfo metadata (field, rule) of an error a server returned."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    if status is None:
        return {}
    for detail in status.details:
        info = error_details_pb2.ErrorInfo()
        if detail.Is(info.DESCRIPTOR) and detail.Unpack(info):
            return dict(info.metadata)
    return {}

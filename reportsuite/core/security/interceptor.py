"""The one server interceptor that authenticates, authorizes, isolates tenants, bounds and audits calls.

Order of checks on every call but health and reflection:
  1. a bearer token from the registry, unexpired        else UNAUTHENTICATED
  2. the method has a policy entry naming the caller's role   else PERMISSION_DENIED (default deny)
  3. the request's size and every string's length       else INVALID_ARGUMENT naming the field
  4. field restrictions (the DELIVERY view)             else PERMISSION_DENIED
  5. every account the request names is in the caller's scope: a ``parent`` outside it is
     PERMISSION_DENIED; any other name outside it is NOT_FOUND, exactly as for a name that does
     not exist, so nobody learns whether another tenant's resource exists. Client-streamed
     records are checked one message at a time (PERMISSION_DENIED).
  6. for callers with a narrower scope than ``*``, answers naming an account outside it are
     withheld (PERMISSION_DENIED and an error log): a defence against a list that filters wrongly.
Then the call runs with the service's identity for its own outgoing calls, and calls that change
something or download are recorded in the audit trail with their outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf.message import Message
from grpc_status import rpc_status
from opentelemetry import trace

from reportsuite.core import errors
from reportsuite.core.errors import DomainError, InvalidArgument, NotFound, PermissionDenied, Unauthenticated
from reportsuite.core.security import policy
from reportsuite.core.security.audit_store import AuditEvent, AuditLog
from reportsuite.core.security.credentials import AUTHORIZATION, as_service
from reportsuite.core.security.tenancy import (
    EnterpriseDirectory,
    Reach,
    account_of,
    inspect,
    reaches,
    reaches_enterprise,
)
from reportsuite.core.security.tokens import Principal, TokenRegistry

log = logging.getLogger(__name__)

MAX_TOKEN_CHARS = 512
_NO_RULE = policy.Rule(frozenset())


class SecurityInterceptor(grpc.ServerInterceptor):
    """Guards every handler of the server it is installed on (before ErrorMappingInterceptor)."""

    def __init__(self, registry: TokenRegistry, directory: EnterpriseDirectory | None = None) -> None:
        self.registry = registry
        self.directory = directory
        self.service = ""
        self.audit: AuditLog | None = None

    def bind(self, service: str, audit: AuditLog | None) -> None:
        """Names the service the server serves and where its audit events go (known after registering)."""
        self.service = service
        self.audit = audit

    def intercept_service(
        self, continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or policy.is_open(method):
            return handler
        return _guarded(handler, lambda context: _Call(self, method, context))


class _Undecodable:
    """Stands for request bytes that are not the method's message (gRPC would answer INTERNAL)."""


UNDECODABLE = _Undecodable()


def _tolerant(deserialize: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    """A deserializer that returns UNDECODABLE instead of raising, so the call can be refused properly."""
    if deserialize is None:
        return None

    def parse(data: bytes) -> Any:
        try:
            return deserialize(data)
        except Exception:  # DecodeError, invalid UTF-8, nesting too deep: all mean "not this message"
            return UNDECODABLE

    return parse


def _guarded(handler: grpc.RpcMethodHandler, start: Callable[[grpc.ServicerContext], _Call]) -> grpc.RpcMethodHandler:
    serializers = {"request_deserializer": _tolerant(handler.request_deserializer),
                   "response_serializer": handler.response_serializer}
    if handler.unary_unary is not None:
        inner = handler.unary_unary

        def unary_unary(request: Any, context: grpc.ServicerContext) -> Any:
            call = start(context)
            call.admit(request)
            return call.run(lambda: inner(request, context))

        return grpc.unary_unary_rpc_method_handler(unary_unary, **serializers)
    if handler.unary_stream is not None:
        inner_stream = handler.unary_stream

        def unary_stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            call = start(context)
            call.admit(request)
            yield from call.stream(lambda: inner_stream(request, context))

        return grpc.unary_stream_rpc_method_handler(unary_stream, **serializers)
    if handler.stream_unary is not None:
        inner_many = handler.stream_unary

        def stream_unary(requests: Iterator[Any], context: grpc.ServicerContext) -> Any:
            call = start(context)
            call.admit(None)
            return call.run(lambda: inner_many(call.checked(requests), context))

        return grpc.stream_unary_rpc_method_handler(stream_unary, **serializers)
    inner_both = handler.stream_stream

    def stream_stream(requests: Iterator[Any], context: grpc.ServicerContext) -> Iterator[Any]:
        call = start(context)
        call.admit(None)
        yield from call.stream(lambda: inner_both(call.checked(requests), context))

    return grpc.stream_stream_rpc_method_handler(stream_stream, **serializers)


class _Call:
    """One call's checks and audit record."""

    def __init__(self, guard: SecurityInterceptor, method: str, context: grpc.ServicerContext) -> None:
        self.guard = guard
        self.method = method
        self.context = context
        self.rule = policy.rule_for(method)
        self.principal: Principal | None = None
        self.reach = Reach()
        self.request_id = ""
        self.audit_anyway = False
        self._finished = False

    # --- admission ------------------------------------------------------------------------

    def admit(self, request: Message | None) -> None:
        """Authenticates, authorizes and checks a unary request; aborts the call when refused."""
        try:
            self.principal = self._authenticate()
            self._authorize()
            if request is not None:
                self._check(request, streamed=False)
        except DomainError as error:
            self.refuse(error)

    def _authenticate(self) -> Principal:
        values = [value for key, value in self.context.invocation_metadata() or () if key == AUTHORIZATION]
        if not values:
            raise Unauthenticated("the call carries no bearer token (metadata 'authorization: Bearer <token>')")
        scheme, _, token = str(values[0]).partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or len(token) > MAX_TOKEN_CHARS:
            raise Unauthenticated("the authorization metadata is not 'Bearer <token>'")
        principal = self.guard.registry.authenticate(token)
        if principal is None:
            raise Unauthenticated("the bearer token is not valid: unknown, expired or revoked")
        span = trace.get_current_span()
        span.set_attribute("enduser.id", principal.name)
        span.set_attribute("enduser.role", principal.role)
        return principal

    def _authorize(self) -> None:
        assert self.principal is not None
        if self.rule is None:
            raise PermissionDenied(f"{self.method} has no access policy, so nobody may call it")
        if self.principal.role not in self.rule.roles:
            raise PermissionDenied(f"the role {self.principal.role!r} may not call {self.method}")

    def _check(self, request: Message, *, streamed: bool) -> None:
        assert self.principal is not None and self.rule is not None
        if request is UNDECODABLE:
            raise InvalidArgument("the request is not a valid message of this method", field="request",
                                  rule="must be the method's protobuf request message")
        size = request.ByteSize()
        if size > self.rule.max_request_bytes:
            raise InvalidArgument(f"the request is {size} bytes long", field="request",
                                  rule=f"at most {self.rule.max_request_bytes} bytes")
        scoped = not self.principal.scope.everything
        # A streamed batch's strings are checked record by record by the service (ingest rejects
        # a record with a NUL or an overlong string alone, at its position); here one such
        # record would refuse the whole stream and every good record in it.
        if streamed and not scoped:
            reach = Reach()  # nothing to check here and no account to collect for a caller reaching all
        else:
            reach = inspect(request, max_string=None if streamed else policy.MAX_STRING_CHARS,
                            bare_accounts=streamed, collect=True)
        for restriction in self.rule.restrictions:
            if restriction.applies(request):
                self.audit_anyway = True
                if self.principal.role not in restriction.roles:
                    raise PermissionDenied(f"the role {self.principal.role!r} may not ask for that {restriction.field}")
        if not streamed:
            field = request.DESCRIPTOR.fields_by_name.get("request_id")
            self.request_id = str(getattr(request, "request_id", ""))[:200] if field is not None else ""
        self.reach.merge(reach)
        if scoped:
            self._check_scope(reach, streamed)

    def _check_scope(self, reach: Reach, streamed: bool) -> None:
        assert self.principal is not None and self.rule is not None
        scope, directory = self.principal.scope, self.guard.directory
        for enterprise in sorted(reach.enterprises):
            if not reaches_enterprise(scope, enterprise):
                if enterprise in reach.parent_enterprises or streamed:
                    raise PermissionDenied(f"{self.principal.name!r} may not reach enterprises/{enterprise}")
                raise NotFound(f"enterprises/{enterprise} does not exist")
        if not reach.accounts and not reach.enterprises:
            if streamed or not self.rule.unscoped:
                raise PermissionDenied(f"the request names no account, and {self.principal.name!r} may only "
                                       f"reach {scope}")
            return
        for account in sorted(reach.parent_accounts) if not streamed else sorted(reach.accounts):
            if not reaches(scope, account, directory):
                raise PermissionDenied(f"{self.principal.name!r} may not reach accounts/{account}")
        for account in sorted(reach.named_accounts):
            if not reaches(scope, account, directory):
                named = next((r for r in reach.resources if account_of(r) == account), f"accounts/{account}")
                raise NotFound(f"{named} does not exist")

    def checked(self, requests: Iterable[Message]) -> Iterator[Message]:
        """The client's stream, each message checked before the service sees it."""
        for request in requests:
            try:
                self._check(request, streamed=True)
            except DomainError as error:
                self.refuse(error)
            yield request

    # --- running --------------------------------------------------------------------------

    def run(self, call: Callable[[], Any]) -> Any:
        try:
            with as_service():
                response = call()
            self._check_answer(response)
        except DomainError as error:
            self.refuse(error)
        except BaseException:
            self.finish(self._outcome())
            raise
        self._note_created(response)
        self.finish(grpc.StatusCode.OK)
        return response

    def _note_created(self, response: Any) -> None:
        """Adds the names an audited call answers with (what a Create made) to its audit record."""
        if self.guard.audit is None or not isinstance(response, Message) or \
                not (self.audit_anyway or (self.rule or _NO_RULE).audited(self.method)):
            return
        try:
            self.reach.merge(Reach(resources=inspect(response, max_string=None).resources))
        except Exception:  # the audit record is best effort; the answer goes out regardless
            log.exception("could not read the names in the answer of %s for the audit trail", self.method)

    def stream(self, start: Callable[[], Iterable[Any]]) -> Iterator[Any]:
        iterator: Iterator[Any] | None = None
        try:
            with as_service():
                iterator = iter(start())
            while True:
                with as_service():
                    item = next(iterator, _END)
                if item is _END:
                    break
                self._check_answer(item)
                yield item
        except DomainError as error:
            self.refuse(error)
        except GeneratorExit:
            # The client went away: stop the service's own stream too, so it releases what it holds.
            self.finish(grpc.StatusCode.CANCELLED)
            close = getattr(iterator, "close", None)
            if close is not None:
                with as_service():
                    close()
            raise
        except BaseException:
            self.finish(self._outcome())
            raise
        self.finish(grpc.StatusCode.OK)

    def _check_answer(self, response: Any) -> None:
        assert self.principal is not None
        if self.principal.scope.everything or not isinstance(response, Message):
            return
        reach = inspect(response, max_string=None)
        scope = self.principal.scope
        outside = [a for a in sorted(reach.accounts) if not reaches(scope, a, self.guard.directory)]
        outside += [e for e in sorted(reach.enterprises) if not reaches_enterprise(scope, e)]
        if outside:
            log.error("%s answered %r (scope %s) with a resource of another account; the answer was withheld",
                      self.method, self.principal.name, self.principal.scope)
            raise PermissionDenied("the answer named a resource outside the caller's scope")

    def _outcome(self) -> grpc.StatusCode:
        code = self.context.code() if hasattr(self.context, "code") else None
        if isinstance(code, grpc.StatusCode):
            return code
        return grpc.StatusCode.CANCELLED if not self.context.is_active() else grpc.StatusCode.INTERNAL

    # --- refusing and recording ------------------------------------------------------------

    def refuse(self, error: DomainError) -> None:
        """Records the refusal and aborts the call (raises)."""
        self.finish(error.code)
        self.context.abort_with_status(rpc_status.to_status(errors.to_status(error)))

    def finish(self, code: grpc.StatusCode) -> None:
        """Records the call in the audit trail once, when its method is audited."""
        if self._finished:
            return
        self._finished = True
        audit = self.guard.audit
        if audit is None or not (self.audit_anyway or (self.rule or _NO_RULE).audited(self.method)):
            return
        principal = self.principal
        audit.record(AuditEvent(
            time=datetime.now(UTC), service=self.guard.service, method=self.method,
            principal=principal.name if principal else "", role=principal.role if principal else "",
            token_id=principal.token_id if principal else "", accounts=tuple(sorted(self.reach.accounts))[:50],
            resources=tuple(self.reach.resources), request_id=self.request_id, code=code.name,
            peer=self.context.peer() or "",
        ))


_END = object()

"""The client side: which bearer token an outgoing call carries, and the channel's TLS credentials.

A process may hold two identities. Its own caller's (REPORTSUITE_TOKEN, or reportctl's
``--token-file``) and, in a service, the service's (REPORTSUITE_SERVICE_TOKEN). A call made
while serving a request, running a job actor or asking for an account's enterprise goes out as
the service; anything else as the caller, falling back to the service token. A service process
normally holds only the service token; tests and dev mode, which run services and users in one
process, hold both.

Tokens go in ``authorization`` metadata through a client interceptor rather than gRPC call
credentials, because grpcio refuses call credentials on a plaintext channel (dev mode, tests).
"""

from __future__ import annotations

import collections
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import grpc

AUTHORIZATION = "authorization"
_local = threading.local()
_token_file: Path | None = None


def acting_as_service() -> bool:
    return bool(getattr(_local, "service", False))


def set_acting_as_service(value: bool) -> bool:
    """Marks this thread's outgoing calls as the service's (or not); returns the previous mark."""
    previous = acting_as_service()
    _local.service = value
    return previous


@contextmanager
def as_service() -> Iterator[None]:
    """Outgoing calls inside the block carry the service's token."""
    previous = set_acting_as_service(True)
    try:
        yield
    finally:
        set_acting_as_service(previous)


def use_token_file(path: Path | None) -> None:
    """Makes outgoing calls read the caller's token from a file (reportctl --token-file)."""
    global _token_file
    _token_file = path


def outgoing_token(env: Mapping[str, str] | None = None) -> str:
    """The bearer token of the next outgoing call from this thread; empty when there is none."""
    env = os.environ if env is None else env
    service = env.get("REPORTSUITE_SERVICE_TOKEN", "").strip()
    if service and acting_as_service():
        return service
    if _token_file is not None:
        return _token_file.read_text(encoding="utf-8").strip()
    return env.get("REPORTSUITE_TOKEN", "").strip() or service


class _CallDetails(
    collections.namedtuple("_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready",
                                            "compression")),
    grpc.ClientCallDetails,
):
    """ClientCallDetails with the authorization metadata added."""


class BearerTokenInterceptor(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                             grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Adds ``authorization: Bearer <token>`` to every call that does not carry one already."""

    def __init__(self, token: Callable[[], str] = outgoing_token) -> None:
        self._token = token

    def _with_token(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        metadata = list(details.metadata or ())
        if any(key == AUTHORIZATION for key, _ in metadata):
            return details  # the caller chose its credentials for this call
        token = self._token()
        if not token:
            return details
        metadata.append((AUTHORIZATION, f"Bearer {token}"))
        return _CallDetails(details.method, details.timeout, metadata, details.credentials,
                            getattr(details, "wait_for_ready", None), getattr(details, "compression", None))

    def intercept_unary_unary(self, continuation: Any, client_call_details: Any, request: Any) -> Any:
        return continuation(self._with_token(client_call_details), request)

    def intercept_unary_stream(self, continuation: Any, client_call_details: Any, request: Any) -> Any:
        return continuation(self._with_token(client_call_details), request)

    def intercept_stream_unary(self, continuation: Any, client_call_details: Any, request_iterator: Any) -> Any:
        return continuation(self._with_token(client_call_details), request_iterator)

    def intercept_stream_stream(self, continuation: Any, client_call_details: Any, request_iterator: Any) -> Any:
        return continuation(self._with_token(client_call_details), request_iterator)


def channel_credentials(env: Mapping[str, str] | None = None) -> grpc.ChannelCredentials | None:
    """TLS credentials for channels to the services; None when TLS is off.

    TLS is on for clients when REPORTSUITE_TLS_CA_FILE (the CA to trust) or a client certificate
    (REPORTSUITE_TLS_CERT_FILE and _KEY_FILE, presented when servers require one) is set.
    """
    env = os.environ if env is None else env
    ca, cert, key = (env.get(f"REPORTSUITE_TLS_{name}_FILE", "") for name in ("CA", "CERT", "KEY"))
    if not ca and not cert:
        return None
    return grpc.ssl_channel_credentials(
        root_certificates=Path(ca).read_bytes() if ca else None,
        private_key=Path(key).read_bytes() if cert and key else None,
        certificate_chain=Path(cert).read_bytes() if cert and key else None,
    )

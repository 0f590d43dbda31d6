"""Building, serving and stopping a service's gRPC server the same way in every service."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterable
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from opentelemetry.instrumentation.grpc import server_interceptor

from reportsuite.core.errors import ErrorMappingInterceptor
from reportsuite.core.security import tls
from reportsuite.core.security.wiring import ServerSecurity
from reportsuite.core.settings import Settings

log = logging.getLogger(__name__)

# Report files stream in 1 MiB chunks; requests stay well under this bound.
MAX_MESSAGE_BYTES = 16 * 1024 * 1024


class Service:
    """A running gRPC server with its health servicer, bound to ``port``."""

    def __init__(self, server: grpc.Server, port: int, health_servicer: health.HealthServicer,
                 service_names: list[str]) -> None:
        self.server = server
        self.port = port
        self.health = health_servicer
        self.service_names = service_names
        self.stop_hooks: list[Callable[[], None]] = []

    def set_serving(self, serving: bool) -> None:
        status = (health_pb2.HealthCheckResponse.SERVING if serving
                  else health_pb2.HealthCheckResponse.NOT_SERVING)
        for name in ["", *self.service_names]:
            self.health.set(name, status)

    def stop(self, grace: float) -> None:
        """Stops taking calls, gives in-flight ones ``grace`` seconds, then runs the stop hooks."""
        self.set_serving(False)
        self.server.stop(grace).wait()
        for hook in self.stop_hooks:
            hook()


def create_server(
    address: str,
    register: Callable[[grpc.Server], Iterable[str]],
    *,
    workers: int = 16,
    settings: Settings | None = None,
) -> Service:
    """Creates and starts a server on address ("host:0" picks a free port).

    Every method but health and reflection is behind reportsuite.core.security: bearer tokens,
    the policy table, tenant isolation, request bounds and the audit trail; the server also
    serves AuditService, and TLS when the settings name a certificate.

    Args:
        address: host:port to bind.
        register: adds the servicers and returns their full service names.
        workers: threads serving calls.
        settings: the suite's settings (tokens file, TLS, database for the audit trail); read from
            the environment when None.
    """
    settings = settings or Settings.from_env()
    credentials = tls.server_credentials(settings)
    security = ServerSecurity(settings)
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grpc"),
        interceptors=[server_interceptor(), security.interceptor, ErrorMappingInterceptor()],
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ],
    )
    names = list(register(server))
    names += security.register(server, names)
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        [*names, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME],
        server,
    )
    try:
        port = server.add_secure_port(address, credentials) if credentials else server.add_insecure_port(address)
    except RuntimeError:
        port = 0
    if port == 0:
        security.close()
        raise OSError(f"could not bind gRPC server to {address}")
    server.start()
    service = Service(server, port, health_servicer, names)
    service.stop_hooks.append(security.close)
    service.set_serving(True)
    return service


def run_until_signalled(services: list[Service], grace: float,
                        on_stop: Iterable[Callable[[], None]] = ()) -> None:
    """Blocks until SIGTERM or SIGINT, then runs on_stop and stops every server."""
    stopping = threading.Event()

    def handle(signum: int, _frame: object) -> None:
        log.info("signal %s received: stopping with %s s grace", signum, grace)
        stopping.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    stopping.wait()
    for hook in on_stop:
        hook()
    for service in services:
        service.stop(grace)

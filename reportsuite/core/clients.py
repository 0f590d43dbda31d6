"""Channels and stubs for calling the suite's services: traced, authenticated, TLS when configured.

Every call carries a bearer token (reportsuite.core.security.credentials says which: the
service's own inside a service, else REPORTSUITE_TOKEN or reportctl's --token-file), and the
channel speaks TLS when REPORTSUITE_TLS_CA_FILE or a client certificate is set.
"""

from __future__ import annotations

import grpc
from opentelemetry.instrumentation.grpc import client_interceptor, grpcext

from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core.grpc_server import MAX_MESSAGE_BYTES
from reportsuite.core.security.credentials import BearerTokenInterceptor, channel_credentials
from reportsuite.delivery.v1 import delivery_pb2_grpc
from reportsuite.generator.v1 import generator_pb2_grpc
from reportsuite.scheduler.v1 import scheduler_pb2_grpc

# Deadline of one service-to-service unary call; streams set their own.
CALL_TIMEOUT_SECONDS = 30.0


def channel(address: str) -> grpc.Channel:
    """Opens a traced, authenticated channel to a service (TLS when the environment configures it)."""
    options = [
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
    ]
    credentials = channel_credentials()
    raw = grpc.secure_channel(address, credentials, options) if credentials else grpc.insecure_channel(address, options)
    authenticated = grpc.intercept_channel(raw, BearerTokenInterceptor())
    # OpenTelemetry's client interceptor implements its own grpcext interfaces, not grpc's:
    # grpc.intercept_channel refuses it with a TypeError, grpcext.intercept_channel accepts it.
    return grpcext.intercept_channel(authenticated, client_interceptor())


def catalog(address: str) -> catalog_pb2_grpc.CatalogServiceStub:
    return catalog_pb2_grpc.CatalogServiceStub(channel(address))


def scheduler(address: str) -> scheduler_pb2_grpc.SchedulerServiceStub:
    return scheduler_pb2_grpc.SchedulerServiceStub(channel(address))


def generator(address: str) -> generator_pb2_grpc.GeneratorServiceStub:
    return generator_pb2_grpc.GeneratorServiceStub(channel(address))


def delivery(address: str) -> delivery_pb2_grpc.DeliveryServiceStub:
    return delivery_pb2_grpc.DeliveryServiceStub(channel(address))

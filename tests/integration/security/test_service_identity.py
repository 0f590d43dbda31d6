"""Services call each other with their own token, and answers naming another tenant are withheld."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import dramatiq
import grpc
import pytest
from dramatiq.brokers.stub import StubBroker

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import clients, grpc_server
from reportsuite.core.queue import ServiceIdentityMiddleware
from reportsuite.core.security.credentials import outgoing_token
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from tests.integration.security.test_authentication import refused
from tests.support.security import as_caller, issue


class RecordingDelivery(delivery_pb2_grpc.DeliveryServiceServicer):
    """Remembers the bearer token of each call it gets."""

    def __init__(self) -> None:
        self.tokens: list[str] = []

    def CheckOutputOptions(self, request: Any, context: grpc.ServicerContext) -> Any:
        header = dict(context.invocation_metadata())["authorization"]
        self.tokens.append(header.removeprefix("Bearer "))
        return delivery_pb2.CheckOutputOptionsResponse()


class ForwardingCatalog(catalog_pb2_grpc.CatalogServiceServicer):
    """Calls the delivery service while serving, as the real catalog does; or answers a fixed list."""

    def __init__(self, delivery_address: str, listed: list[str]) -> None:
        self._delivery = clients.delivery(delivery_address)
        self._listed = listed

    def CreateReportDefinition(self, request: Any, context: grpc.ServicerContext) -> Any:
        self._delivery.CheckOutputOptions(delivery_pb2.CheckOutputOptionsRequest(), timeout=10)
        return pb.CreateReportDefinitionResponse()

    def ListReportDefinitions(self, request: Any, context: grpc.ServicerContext) -> Any:
        return pb.ListReportDefinitionsResponse(report_definitions=[pb.ReportDefinition(name=n) for n in self._listed])


@pytest.fixture
def servers(unique_id: str) -> Iterator[tuple[RecordingDelivery, str]]:
    recorder = RecordingDelivery()

    def register_delivery(server: grpc.Server) -> list[str]:
        delivery_pb2_grpc.add_DeliveryServiceServicer_to_server(recorder, server)
        return [delivery_pb2.DESCRIPTOR.services_by_name["DeliveryService"].full_name]

    delivery = grpc_server.create_server("127.0.0.1:0", register_delivery, workers=2)
    # A buggy list: it answers a report of another account whatever the parent.
    forwarding = ForwardingCatalog(f"127.0.0.1:{delivery.port}",
                                   [f"accounts/{unique_id}/reports/r", "accounts/someone-else/reports/r"])

    def register_catalog(server: grpc.Server) -> list[str]:
        catalog_pb2_grpc.add_CatalogServiceServicer_to_server(forwarding, server)
        return [pb.DESCRIPTOR.services_by_name["CatalogService"].full_name]

    catalog = grpc_server.create_server("127.0.0.1:0", register_catalog, workers=2)
    yield recorder, f"127.0.0.1:{catalog.port}"
    catalog.stop(0)
    delivery.stop(0)


def test_a_call_made_while_serving_carries_the_service_token_not_the_callers(
    servers: tuple[RecordingDelivery, str], unique_id: str,
) -> None:
    recorder, catalog = servers
    user = issue("account-user", f"accounts:{unique_id}")

    clients.catalog(catalog).CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=f"accounts/{unique_id}"), metadata=as_caller(user))

    assert recorder.tokens == [os.environ["REPORTSUITE_SERVICE_TOKEN"]]


def test_an_answer_naming_another_tenant_is_withheld_from_a_scoped_caller(
    servers: tuple[RecordingDelivery, str], unique_id: str,
) -> None:
    _, catalog = servers
    user = issue("account-user", f"accounts:{unique_id}")
    request = pb.ListReportDefinitionsRequest(parent=f"accounts/{unique_id}")

    withheld = refused(lambda: clients.catalog(catalog).ListReportDefinitions(request, metadata=as_caller(user)))
    everything = clients.catalog(catalog).ListReportDefinitions(request)  # an operator of every account

    assert withheld.code() == grpc.StatusCode.PERMISSION_DENIED  # type: ignore[attr-defined]
    assert len(everything.report_definitions) == 2


def test_a_job_actor_calls_with_the_service_token_and_other_threads_with_the_callers() -> None:
    broker = StubBroker()
    broker.emit_after("process_boot")
    broker.add_middleware(ServiceIdentityMiddleware())
    seen: list[str] = []
    done = threading.Event()

    @dramatiq.actor(broker=broker, queue_name="identity-test", max_retries=0)
    def record() -> None:
        seen.append(outgoing_token())
        done.set()

    worker = dramatiq.Worker(broker, worker_timeout=100)
    worker.start()
    try:
        record.send()
        assert done.wait(10)
    finally:
        worker.stop()

    assert seen == [os.environ["REPORTSUITE_SERVICE_TOKEN"]]
    assert outgoing_token() == os.environ["REPORTSUITE_TOKEN"]

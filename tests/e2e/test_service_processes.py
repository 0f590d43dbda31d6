"""Each service runs as its own process that generic gRPC tools can discover and probe."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from tests.support.processes import BIN, SERVICES, running_suite

pytestmark = pytest.mark.e2e

SERVICE_NAMES = {
    "catalog": "reportsuite.catalog.v1.CatalogService",
    "scheduler": "reportsuite.scheduler.v1.SchedulerService",
    "generator": "reportsuite.generator.v1.GeneratorService",
    "delivery": "reportsuite.delivery.v1.DeliveryService",
}


def test_every_service_answers_health_and_reflection_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    with running_suite(tmp_path / "logs", workers=False) as suite:
        for service in SERVICES:
            with grpc.insecure_channel(suite.address(service)) as channel:
                reflected = ProtoReflectionDescriptorDatabase(channel).get_services()
                assert SERVICE_NAMES[service] in reflected
                assert "grpc.health.v1.Health" in reflected
                # A generic client can resolve the methods from reflection alone.
                descriptor = ProtoReflectionDescriptorDatabase(channel).FindFileContainingSymbol(
                    SERVICE_NAMES[service])
                assert descriptor.package == f"reportsuite.{service}.v1"
                health = health_pb2_grpc.HealthStub(channel)
                reply = health.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAMES[service]), timeout=5)
                assert reply.status == health_pb2.HealthCheckResponse.SERVING
        for service in SERVICES:
            assert suite.stop(service) == 0, suite.log(service)


@pytest.mark.parametrize("service", SERVICES)
def test_a_bad_setting_stops_the_service_at_once_naming_the_variable(service: str) -> None:
    env = {**os.environ, "REPORTSUITE_GRPC_WORKERS": "many"}
    result = subprocess.run([str(BIN / f"reportsuite-{service}"), "serve"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == (f"reportsuite-{service}: configuration error: "
                             "REPORTSUITE_GRPC_WORKERS='many' is not a whole number\n")

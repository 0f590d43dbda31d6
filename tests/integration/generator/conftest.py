"""Fixtures of the generator's integration tests: the service on a real gRPC server and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reportsuite.core import clients
from reportsuite.core.grpc_server import Service
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2_grpc
from services.generator import bootstrap


@pytest.fixture(scope="session")
def settings(test_database: str) -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def generator_service(settings: Settings) -> Iterator[Service]:
    service = bootstrap.start(settings, "127.0.0.1:0")
    yield service
    service.stop(0)


@pytest.fixture(scope="session")
def generator(generator_service: Service) -> generator_pb2_grpc.GeneratorServiceStub:
    return clients.generator(f"127.0.0.1:{generator_service.port}")

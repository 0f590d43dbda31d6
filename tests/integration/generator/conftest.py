"""Fixtures of the generator's integration tests: the service on a real gRPC server and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reportsuite.core import clients
from reportsuite.core.grpc_server import Service
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2_grpc
from services.generator import bootstrap
from services.generator.domain.generation import Generation
from tests.integration.generator import activity
from tests.integration.generator.fakes import Peers, running_peers


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


@pytest.fixture
def peers(settings: Settings) -> Iterator[Peers]:
    """Hand-written catalog, scheduler and delivery servicers the generation calls."""
    with running_peers(settings) as running:
        yield running


@pytest.fixture
def generation(peers: Peers) -> Iterator[Generation]:
    """The generate stage wired as a worker wires it, against the peers."""
    wired, release = bootstrap.build_generation(peers.settings)
    yield wired
    release()


@pytest.fixture
def account(generator: generator_pb2_grpc.GeneratorServiceStub, unique_id: str) -> str:
    """A fresh account holding the hand-worked activity (tests/integration/generator/activity.py)."""
    activity.given_the_hand_worked_activity(generator, unique_id)
    return unique_id

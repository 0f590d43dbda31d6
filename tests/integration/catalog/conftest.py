"""A running catalog (real PostgreSQL, gRPC on port 0) wired to a hand-written fake delivery service."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import clients, grpc_server
from reportsuite.core.filestore import FileStore
from reportsuite.core.settings import Settings
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from services.catalog import bootstrap
from tests.integration.catalog.support import FakeDelivery


@pytest.fixture(scope="module")
def fake_delivery() -> Iterator[FakeDelivery]:
    fake = FakeDelivery()

    def register(server: grpc.Server) -> list[str]:
        delivery_pb2_grpc.add_DeliveryServiceServicer_to_server(fake, server)
        return [delivery_pb2.DESCRIPTOR.services_by_name["DeliveryService"].full_name]

    service = grpc_server.create_server("127.0.0.1:0", register, workers=4)
    fake.port = service.port
    yield fake
    service.stop(0)


@pytest.fixture(scope="module")
def settings(fake_delivery: FakeDelivery, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return dataclasses.replace(
        Settings.from_env(),
        delivery_addr=f"127.0.0.1:{fake_delivery.port}",
        file_store=tmp_path_factory.mktemp("catalog-files"),
        grpc_workers=4,
    )


@pytest.fixture(scope="module")
def catalog(settings: Settings) -> Iterator[catalog_pb2_grpc.CatalogServiceStub]:
    """A stub of a catalog started through bootstrap.start on a free port."""
    service = bootstrap.start(settings, "127.0.0.1:0")
    yield clients.catalog(f"127.0.0.1:{service.port}")
    service.stop(0)


@pytest.fixture
def store(settings: Settings) -> FileStore:
    return FileStore(settings.file_store)


@pytest.fixture
def parent(unique_id: str) -> str:
    """A fresh account, so tests sharing the database never see each other's rows."""
    return f"accounts/{unique_id}"


@pytest.fixture
def write_file(store: FileStore) -> Callable[[str, bytes], Path]:
    def write(key: str, data: bytes) -> Path:
        with store.writer(key) as handle:
            handle.write(data)
        return store.path(key)

    return write

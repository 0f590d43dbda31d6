"""A real catalog and delivery service (bootstrap.start, port 0) and tokens for several callers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import clients
from reportsuite.core.settings import Settings
from services.catalog import bootstrap as catalog_bootstrap
from services.delivery import bootstrap as delivery_bootstrap
from tests.support.security import issue


@dataclass(frozen=True)
class Pair:
    """A catalog wired to a delivery service, both real, and the address of each."""

    settings: Settings
    catalog_address: str
    delivery_address: str

    def catalog(self) -> catalog_pb2_grpc.CatalogServiceStub:
        return clients.catalog(self.catalog_address)

    def channel(self, service: str = "catalog") -> grpc.Channel:
        return clients.channel(self.catalog_address if service == "catalog" else self.delivery_address)


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    settings = Settings.from_env()
    delivery = delivery_bootstrap.start(settings, "127.0.0.1:0")
    wired = dataclasses.replace(settings, delivery_addr=f"127.0.0.1:{delivery.port}")
    catalog = catalog_bootstrap.start(wired, "127.0.0.1:0")
    try:
        yield Pair(wired, f"127.0.0.1:{catalog.port}", f"127.0.0.1:{delivery.port}")
    finally:
        catalog.stop(0)
        delivery.stop(0)


@pytest.fixture
def accounts(unique_id: str) -> tuple[str, str]:
    """Two fresh accounts, A and B, that no other test uses."""
    return f"{unique_id}a", f"{unique_id}b"


@pytest.fixture
def user_a(accounts: tuple[str, str]) -> str:
    """A token of an account user of account A only."""
    return issue("account-user", f"accounts:{accounts[0]}", principal=f"user-of-{accounts[0]}")


def definition(name: str = "Daily attempts") -> pb.ReportDefinition:
    """A valid definition with no destination."""
    return pb.ReportDefinition(
        display_name=name, report_type=pb.REPORT_TYPE_ALL_ATTEMPTS, level=pb.LEVEL_CAMPAIGN, target="camp-1",
        time_frame=pb.TimeFrame(kind=pb.TimeFrame.KIND_YESTERDAY),
    )

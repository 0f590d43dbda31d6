"""SSH host keys pinned per account through DeliveryService, and SFTP deliveries held to them."""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Iterator

import asyncssh
import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients
from reportsuite.core.errors import error_details
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from services.delivery import bootstrap
from services.delivery.domain.deliver import DeliverStage
from tests.integration.delivery.conftest import CONTENT, World

SFTP = catalog_pb2.FileTransfer.PROTOCOL_SFTP


@pytest.fixture
def delivery(world: World) -> Iterator[delivery_pb2_grpc.DeliveryServiceStub]:
    service = bootstrap.start(world.settings, "127.0.0.1:0")
    try:
        yield clients.delivery(f"127.0.0.1:{service.port}")
    finally:
        service.stop(0)


def _fingerprint(public_key: str) -> str:
    digest = hashlib.sha256(base64.b64decode(public_key.split()[1])).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def _server_key(world: World) -> str:
    return " ".join(world.sftp.known_hosts_line.split()[1:3])


def _pin(stub: delivery_pb2_grpc.DeliveryServiceStub, account: str, port: int, **key: str) -> delivery_pb2.HostKey:
    return stub.PinHostKey(delivery_pb2.PinHostKeyRequest(
        parent=f"accounts/{account}", host="127.0.0.1", port=port, **key)).host_key


def _error(call: object) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call()  # type: ignore[operator]
    return raised.value


def test_fetch_shows_the_offered_key_and_pins_nothing(
    world: World, delivery: delivery_pb2_grpc.DeliveryServiceStub, unique_id: str,
) -> None:
    offered = delivery.FetchHostKey(delivery_pb2.FetchHostKeyRequest(host="127.0.0.1", port=world.sftp.port)).host_key

    assert (offered.key_type, offered.public_key) == ("ssh-ed25519", _server_key(world))
    assert offered.fingerprint == _fingerprint(_server_key(world))
    assert delivery.ListHostKeys(delivery_pb2.ListHostKeysRequest(parent=f"accounts/{unique_id}")).host_keys == []


def test_pinning_by_the_checked_fingerprint_lets_the_delivery_through(
    world: World, delivery: delivery_pb2_grpc.DeliveryServiceStub, stage: DeliverStage, unique_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    pinned = _pin(delivery, unique_id, world.sftp.port, fingerprint=_fingerprint(_server_key(world)))
    job = world.add_job(unique_id, transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)
    caplog.set_level(logging.DEBUG)

    stage.deliver(job)

    assert "s3cret" not in caplog.text and "s3cret" not in str(world.scheduler.completions)

    assert pinned.name == f"accounts/{unique_id}/hostKeys/127.0.0.1:{world.sftp.port}"
    assert pinned.public_key == _server_key(world)
    assert (world.sftp.root / "in" / world.file_name(job)).read_bytes() == CONTENT
    listed = delivery.ListHostKeys(delivery_pb2.ListHostKeysRequest(parent=f"accounts/{unique_id}")).host_keys
    assert [k.name for k in listed] == [pinned.name]


def test_a_fingerprint_the_server_does_not_offer_pins_nothing(
    world: World, delivery: delivery_pb2_grpc.DeliveryServiceStub, unique_id: str,
) -> None:
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key("openssh").decode()

    error = _error(lambda: _pin(delivery, unique_id, world.sftp.port, fingerprint=_fingerprint(other)))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
    assert error_details(error)["field"] == "fingerprint"
    assert _fingerprint(_server_key(world)) in error.details()  # type: ignore[attr-defined]
    assert delivery.ListHostKeys(delivery_pb2.ListHostKeysRequest(parent=f"accounts/{unique_id}")).host_keys == []


def test_a_changed_key_fails_the_delivery_with_both_fingerprints_and_a_second_pin_is_refused(
    world: World, delivery: delivery_pb2_grpc.DeliveryServiceStub, stage: DeliverStage, unique_id: str,
) -> None:
    other = " ".join(asyncssh.generate_private_key("ssh-ed25519").export_public_key("openssh").decode().split()[:2])
    _pin(delivery, unique_id, world.sftp.port, public_key=other)
    # The operator's file pins the server's real key for every account: the account's own pin wins.
    world.pin_in_known_hosts()
    job = world.add_job(unique_id, transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert not failure.retryable and "changed" in failure.reason
    assert _fingerprint(_server_key(world)) in failure.reason and _fingerprint(other) in failure.reason
    assert list((world.sftp.root / "in").iterdir()) == []
    error = _error(lambda: _pin(delivery, unique_id, world.sftp.port, public_key=_server_key(world)))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS  # type: ignore[attr-defined]


def test_a_deleted_pin_makes_the_host_unknown_again(
    world: World, delivery: delivery_pb2_grpc.DeliveryServiceStub, stage: DeliverStage, unique_id: str,
) -> None:
    pinned = _pin(delivery, unique_id, world.sftp.port, public_key=_server_key(world), request_id="p1")
    assert _pin(delivery, unique_id, world.sftp.port, public_key=_server_key(world), request_id="p1") == pinned
    delivery.DeleteHostKey(delivery_pb2.DeleteHostKeyRequest(name=pinned.name))
    job = world.add_job(unique_id, transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert "is not pinned" in failure.reason and _fingerprint(_server_key(world)) in failure.reason
    error = _error(lambda: delivery.DeleteHostKey(delivery_pb2.DeleteHostKeyRequest(name=pinned.name)))
    assert error.code() == grpc.StatusCode.NOT_FOUND  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("request_fields", "field"),
    [
        ({"public_key": "ssh-ed25519 not-base64!"}, "public_key"),
        ({"public_key": "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIB"}, "public_key"),
        ({}, "fingerprint"),
        ({"fingerprint": "MD5:aa:bb"}, "fingerprint"),
    ],
)
def test_a_bad_pin_request_names_the_field(
    world: World, delivery: delivery_pb2_grpc.DeliveryServiceStub, unique_id: str, request_fields: dict[str, str],
    field: str,
) -> None:
    error = _error(lambda: _pin(delivery, unique_id, world.sftp.port, **request_fields))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
    assert error_details(error)["field"] == field


def test_fetching_from_a_closed_port_is_unavailable(delivery: delivery_pb2_grpc.DeliveryServiceStub) -> None:
    error = _error(lambda: delivery.FetchHostKey(delivery_pb2.FetchHostKeyRequest(host="127.0.0.1", port=1)))
    assert error.code() == grpc.StatusCode.UNAVAILABLE  # type: ignore[attr-defined]
    assert "connection refused" in error.details()  # type: ignore[attr-defined]

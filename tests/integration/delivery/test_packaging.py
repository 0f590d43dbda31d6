"""Zip and PGP against real servers: every encrypted output is decrypted with GnuPG's gpg.

The public key is imported through a real catalog's ImportPgpKey and handed to the deliver
stage by the fake catalog, as ListPgpKeys returns it.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients, timestamps
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2
from services.catalog import bootstrap as catalog_bootstrap
from services.delivery import bootstrap
from services.delivery.domain.deliver import DeliverStage
from tests.integration.delivery.conftest import CONTENT, World
from tests.support.gpg import Gpg, gpg_home

SFTP = catalog_pb2.FileTransfer.PROTOCOL_SFTP
FAILED = scheduler_pb2.DeliveryOutcome.STATE_FAILED


@pytest.fixture(scope="module")
def gpg() -> Iterator[Gpg]:
    with gpg_home() as home:
        yield home


@pytest.fixture(scope="module")
def imported(gpg: Gpg) -> Iterator[catalog_pb2.PgpKey]:
    """The test key as a real catalog's ImportPgpKey stored it."""
    fingerprint = gpg.generate("Reports Team <reports@example.com>")
    service = catalog_bootstrap.start(Settings.from_env(), "127.0.0.1:0")
    try:
        stub = clients.catalog(f"127.0.0.1:{service.port}")
        yield stub.ImportPgpKey(catalog_pb2.ImportPgpKeyRequest(
            parent="accounts/pgp-tests", armored_key=gpg.public(fingerprint))).pgp_key
    finally:
        service.stop(0)


def _give_key(world: World, unique_id: str, key: catalog_pb2.PgpKey) -> None:
    world.catalog.pgp_keys[f"accounts/{unique_id}"] = [key]


def _sftp_job(world: World, unique_id: str, *, zip: bool = False, pgp: bool = False) -> str:
    world.pin_host_key(unique_id)
    return world.add_job(unique_id, transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP,
                         zip=zip, pgp=pgp)


def test_zip_then_pgp_over_sftp_decrypts_and_unzips_to_the_report(
    world: World, stage: DeliverStage, unique_id: str, gpg: Gpg, imported: catalog_pb2.PgpKey,
) -> None:
    _give_key(world, unique_id, imported)
    job = _sftp_job(world, unique_id, zip=True, pgp=True)

    stage.deliver(job)

    name = world.file_name(job)
    assert [p.name for p in (world.sftp.root / "in").iterdir()] == [f"{name}.zip.pgp"]
    archive = zipfile.ZipFile(io.BytesIO(gpg.decrypt((world.sftp.root / "in" / f"{name}.zip.pgp").read_bytes())))
    assert archive.namelist() == [name]
    assert archive.read(name) == CONTENT
    [completion] = world.scheduler.completions
    assert completion.deliveries[0].file_name == f"{name}.zip.pgp"


def test_a_pgp_mail_attachment_decrypts_to_the_report(
    world: World, stage: DeliverStage, unique_id: str, gpg: Gpg, imported: catalog_pb2.PgpKey,
) -> None:
    _give_key(world, unique_id, imported)
    job = world.add_job(unique_id, emails="ops@example.com, finance@example.com", pgp=True)

    stage.deliver(job)

    for message in world.smtp.messages:
        part = next(message.iter_attachments())
        assert part.get_filename() == f"{world.file_name(job)}.pgp"
        assert part.get_content_type() == "application/pgp-encrypted"
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        assert gpg.decrypt(payload) == CONTENT
    assert len(world.scheduler.completions) == 1


def test_a_zip_mail_attachment_unzips_to_the_report(world: World, stage: DeliverStage, unique_id: str) -> None:
    job = world.add_job(unique_id, emails="ops@example.com", zip=True)

    stage.deliver(job)

    part = next(world.smtp.messages[0].iter_attachments())
    assert (part.get_filename(), part.get_content_type()) == (f"{world.file_name(job)}.zip", "application/zip")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert zipfile.ZipFile(io.BytesIO(payload)).read(world.file_name(job)) == CONTENT


def test_a_key_that_expired_after_import_fails_the_delivery_and_nothing_is_sent(
    world: World, stage: DeliverStage, unique_id: str, imported: catalog_pb2.PgpKey,
) -> None:
    expired = catalog_pb2.PgpKey()
    expired.CopyFrom(imported)
    expired.expire_time.CopyFrom(timestamps.to_proto(datetime(2024, 1, 31, tzinfo=UTC)))
    _give_key(world, unique_id, expired)
    job = _sftp_job(world, unique_id, pgp=True)
    world.add_job(unique_id, emails="ops@example.com", pgp=True)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert not failure.retryable
    assert f"PGP key {imported.fingerprint} of account {unique_id} expired on 2024-01-31" in failure.reason
    assert list((world.sftp.root / "in").iterdir()) == [] and world.smtp.messages == []


def test_a_deleted_key_fails_the_delivery_and_nothing_is_sent_unencrypted(
    world: World, stage: DeliverStage, unique_id: str,
) -> None:
    job = world.add_job(unique_id, emails="ops@example.com", pgp=True)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert not failure.retryable and "has no PGP public key" in failure.reason
    assert world.smtp.messages == []


def test_a_key_gpg_refuses_fails_permanently_and_leaves_no_partial_file(
    world: World, stage: DeliverStage, unique_id: str, imported: catalog_pb2.PgpKey,
) -> None:
    broken = catalog_pb2.PgpKey()
    broken.CopyFrom(imported)
    broken.armored_key = imported.armored_key.replace("\n", "\nX", 3)
    _give_key(world, unique_id, broken)
    job = _sftp_job(world, unique_id, zip=True, pgp=True)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert not failure.retryable and {o.state for o in failure.deliveries} == {FAILED}
    assert "gpg" in failure.reason
    assert list((world.sftp.root / "in").iterdir()) == []


def test_a_file_over_the_mail_limit_is_replaced_by_download_instructions(world: World, unique_id: str) -> None:
    stage, release = bootstrap.build_stage(dataclasses.replace(world.settings, email_max_attachment_bytes=20))
    job = world.add_job(unique_id, emails="ops@example.com")
    try:
        stage.deliver(job)
    finally:
        release()

    [message] = world.smtp.messages
    assert list(message.iter_attachments()) == []
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    saved = world.scheduler.jobs[job].saved_report
    assert "over the 0.0 MiB limit for mail attachments" in body
    assert f"reportctl saved download {saved} -o '{world.file_name(job)}'" in body
    assert len(world.scheduler.completions) == 1

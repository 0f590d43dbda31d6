"""The deliver stage against real SFTP and SMTP servers, real PostgreSQL and fake peers on gRPC."""

from __future__ import annotations

import base64
import dataclasses
import hashlib

import asyncssh

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.scheduler.v1 import scheduler_pb2
from services.delivery import bootstrap
from services.delivery.domain.deliver import DeliverStage
from tests.integration.delivery.conftest import CONTENT, World

SFTP = catalog_pb2.FileTransfer.PROTOCOL_SFTP
SUCCEEDED = scheduler_pb2.DeliveryOutcome.STATE_SUCCEEDED
FAILED = scheduler_pb2.DeliveryOutcome.STATE_FAILED


def _outcomes(request: scheduler_pb2.CompleteJobStageRequest | scheduler_pb2.FailJobStageRequest) -> dict[str, int]:
    return {o.destination: o.state for o in request.deliveries}


def _fingerprint(known_hosts_line: str) -> str:
    blob = base64.b64decode(known_hosts_line.split()[2])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def _attachment(message: object) -> tuple[str | None, bytes]:
    part = next(message.iter_attachments())  # type: ignore[attr-defined]
    return part.get_filename(), part.get_payload(decode=True)


def test_sftp_upload_puts_the_exact_bytes_under_the_final_name_with_no_part_file(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    world.pin_host_key(unique_id)
    job = world.add_job(unique_id, transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)

    stage.deliver(job)

    assert (world.sftp.root / "in" / world.file_name(job)).read_bytes() == CONTENT
    assert [p.name for p in (world.sftp.root / "in").iterdir()] == [world.file_name(job)]
    [completion] = world.scheduler.completions
    destination = f"sftp://reports@127.0.0.1:{world.sftp.port}/in"
    assert _outcomes(completion) == {destination: SUCCEEDED}
    assert completion.deliveries[0].file_name == world.file_name(job)
    assert "s3cret" not in str(completion)
    assert world.catalog.views == [catalog_pb2.REPORT_DEFINITION_VIEW_DELIVERY]


def test_unknown_host_key_is_refused_with_its_fingerprint_and_nothing_is_sent(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    # known_hosts pins this key for another port only: for this host and port it is unknown.
    key_type, key_data = world.sftp.known_hosts_line.split()[1:]
    world.known_hosts.write_text(f"[127.0.0.1]:{world.sftp.port + 1} {key_type} {key_data}\n")
    job = world.add_job(unique_id, transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert not failure.retryable
    assert _fingerprint(world.sftp.known_hosts_line) in failure.reason
    assert "is not pinned" in failure.reason and "reportctl hostkey pin" in failure.reason
    assert list((world.sftp.root / "in").iterdir()) == []
    assert world.scheduler.completions == []


def test_each_recipient_gets_its_own_message_with_the_attachment_intact(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    job = world.add_job(unique_id, emails="ops@example.com, finance@example.com", display_name="Daily\r\nattempts")

    stage.deliver(job)

    assert [rcpts for rcpts, _ in world.smtp.envelopes] == [["ops@example.com"], ["finance@example.com"]]
    for message in world.smtp.messages:
        assert message["Subject"] == "Report Daily attempts"
        assert _attachment(message) == (world.file_name(job), CONTENT)
        body = message.get_body(("plain",))
        assert body is not None
        assert "2026-03-07 05:00 to 2026-03-08 05:00 UTC" in body.get_content()
    [completion] = world.scheduler.completions
    assert _outcomes(completion) == {"email:ops@example.com": SUCCEEDED, "email:finance@example.com": SUCCEEDED}


def test_a_550_recipient_fails_permanently_while_the_others_succeed(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    world.smtp.reject["gone@example.com"] = 550
    job = world.add_job(unique_id, emails="ops@example.com, gone@example.com, finance@example.com")

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert _outcomes(failure) == {
        "email:ops@example.com": SUCCEEDED, "email:gone@example.com": FAILED, "email:finance@example.com": SUCCEEDED,
    }
    assert not failure.retryable
    assert "email:gone@example.com" in failure.reason and "550" in failure.reason
    assert world.smtp.recipients() == ["ops@example.com", "finance@example.com"]


def test_a_451_recipient_is_transient_and_the_retry_sends_only_to_it(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    world.smtp.reject["busy@example.com"] = 451
    job = world.add_job(unique_id, emails="ops@example.com, busy@example.com")

    stage.deliver(job)
    [failure] = world.scheduler.failures
    assert failure.retryable
    assert len(world.smtp.messages) == 1

    world.smtp.reject.clear()
    stage.deliver(job)

    assert [rcpts for rcpts, _ in world.smtp.envelopes] == [["ops@example.com"], ["busy@example.com"]]
    [completion] = world.scheduler.completions
    attempts = {o.destination: (o.state, o.attempts) for o in completion.deliveries}
    assert attempts == {"email:ops@example.com": (SUCCEEDED, 1), "email:busy@example.com": (SUCCEEDED, 2)}


def test_a_redelivered_job_whose_destinations_all_succeeded_sends_nothing(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    world.pin_host_key(unique_id)
    job = world.add_job(unique_id, emails="ops@example.com",
                        transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)
    stage.deliver(job)
    uploaded = world.sftp.root / "in" / world.file_name(job)
    first_upload = uploaded.stat().st_mtime_ns
    # As if the worker died after sending but before CompleteJobStage reached the scheduler.
    world.scheduler.done.clear()

    stage.deliver(job)

    assert len(world.smtp.messages) == 1
    assert uploaded.stat().st_mtime_ns == first_upload
    assert len(world.scheduler.claims) == 2
    first, second = world.scheduler.completions
    assert _outcomes(second) == _outcomes(first)
    assert all(o.attempts == 1 for o in second.deliveries)


def test_a_finished_job_is_not_claimed_and_nothing_is_sent(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    job = world.add_job(unique_id, emails="ops@example.com")
    world.scheduler.done.add(job)

    stage.deliver(job)

    assert world.smtp.messages == []
    assert world.scheduler.completions == [] and world.scheduler.failures == []


def test_a_deleted_definition_still_mails_but_fails_the_transfer_permanently(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    world.pin_host_key(unique_id)
    job = world.add_job(unique_id, emails="ops@example.com", deleted_definition=True,
                        transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    destination = f"sftp://reports@127.0.0.1:{world.sftp.port}/in"
    assert _outcomes(failure) == {destination: FAILED, "email:ops@example.com": SUCCEEDED}
    assert "report definition was deleted" in failure.reason
    assert not failure.retryable
    assert list((world.sftp.root / "in").iterdir()) == []


def test_a_missing_directory_is_a_permanent_failure(world: World, stage: DeliverStage, unique_id: str) -> None:
    world.pin_host_key(unique_id)
    job = world.add_job(unique_id, transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/nowhere", protocol=SFTP)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert not failure.retryable
    assert "'nowhere': no such file or directory" in failure.reason


def test_a_wrong_password_is_permanent_and_never_shown(world: World, stage: DeliverStage, unique_id: str) -> None:
    world.pin_host_key(unique_id)
    job = world.add_job(unique_id, transfer=f"reports:Wr0ngPass@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert not failure.retryable
    assert "authentication failed for user reports" in failure.reason
    assert "Wr0ngPass" not in str(failure)


def test_an_unreachable_mail_server_is_transient(world: World, unique_id: str) -> None:
    settings = dataclasses.replace(world.settings, smtp_port=1)
    stage, release = bootstrap.build_stage(settings)
    job = world.add_job(unique_id, emails="ops@example.com, finance@example.com")
    try:
        stage.deliver(job)
    finally:
        release()

    [failure] = world.scheduler.failures
    assert failure.retryable
    assert "connection refused" in failure.reason
    assert _outcomes(failure) == {"email:ops@example.com": FAILED, "email:finance@example.com": FAILED}


def test_a_changed_host_key_is_refused_with_both_fingerprints(
    world: World, stage: DeliverStage, unique_id: str
) -> None:
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key("openssh").decode().split()
    world.known_hosts.write_text(f"[127.0.0.1]:{world.sftp.port} {other[0]} {other[1]}\n")
    job = world.add_job(unique_id, transfer=f"reports:s3cret@127.0.0.1:{world.sftp.port}/in", protocol=SFTP)

    stage.deliver(job)

    [failure] = world.scheduler.failures
    assert not failure.retryable
    assert "changed" in failure.reason
    assert _fingerprint(world.sftp.known_hosts_line) in failure.reason
    assert _fingerprint(f"x {other[0]} {other[1]}") in failure.reason
    assert list((world.sftp.root / "in").iterdir()) == []

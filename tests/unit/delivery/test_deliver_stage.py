"""The deliver stage's rules on hand-written fakes of its ports (no network, no database)."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import BinaryIO

from reportsuite.core.errors import FailedPrecondition, Unavailable
from services.delivery.domain.deliver import DeliverStage, Ports
from services.delivery.domain.destinations import TransferTarget
from services.delivery.domain.model import (
    DeliveryState,
    Job,
    Lease,
    Outcome,
    OutputOptions,
    ReportFile,
    ReportMail,
    ReportToDeliver,
    SendError,
)
from services.delivery.domain.packaging import Packaging, PgpRecipient

JOB = "accounts/a1/jobs/j1"
REPORT = ReportToDeliver(
    name="accounts/a1/reports/r1", display_name="Daily", report_type="ALL_ATTEMPTS",
    output=OutputOptions(email_addresses="a@example.com, b@example.com, c@example.com"),
)


@dataclass
class Stages:
    cancel_after_heartbeats: int | None = None
    heartbeats: int = 0
    completed: list[list[Outcome]] = field(default_factory=list)
    failed: list[tuple[str, bool, list[Outcome]]] = field(default_factory=list)
    refuse: bool = False
    report: ReportToDeliver = REPORT

    def claim(self, job_name: str) -> Lease:
        if self.refuse:
            raise FailedPrecondition("the deliver stage is done")
        return Lease(Job(job_name, self.report.name, "accounts/a1/savedReports/s1", None, None, self.report), "t")

    def heartbeat(self, lease: Lease) -> bool:
        self.heartbeats += 1
        return self.cancel_after_heartbeats is not None and self.heartbeats >= self.cancel_after_heartbeats

    def complete(self, lease: Lease, outcomes: list[Outcome]) -> None:
        self.completed.append(outcomes)

    def fail(self, lease: Lease, reason: str, retryable: bool, outcomes: list[Outcome]) -> None:
        self.failed.append((reason, retryable, outcomes))


@dataclass
class Catalog:
    definition: ReportToDeliver | None = REPORT
    error: Exception | None = None
    keys: tuple[PgpRecipient, ...] = ()

    def report_definition(self, name: str) -> ReportToDeliver | None:
        if self.error:
            raise self.error
        return self.definition

    def saved_report(self, name: str) -> ReportFile:
        return ReportFile("reports/a1/j1.csv", "Daily.csv", "text/csv", 5, "accounts/a1/savedReports/s1")

    def pgp_keys(self, account: str) -> tuple[PgpRecipient, ...]:
        return self.keys


class Files:
    def exists(self, storage_key: str) -> bool:
        return True

    @contextmanager
    def open(self, storage_key: str) -> Iterator[BinaryIO]:
        yield io.BytesIO(b"a,b\r\n")


@dataclass
class Store:
    rows: dict[tuple[str, str], Outcome] = field(default_factory=dict)

    def outcomes(self, job: str) -> dict[str, Outcome]:
        return {destination: o for (j, destination), o in self.rows.items() if j == job}

    def begin(self, job: str, destination: str, file_name: str) -> int:
        before = self.rows.get((job, destination))
        attempts = (before.attempts if before else 0) + 1
        self.rows[(job, destination)] = Outcome(destination, DeliveryState.PENDING, attempts=attempts)
        return attempts

    def finish(self, job: str, outcome: Outcome) -> Outcome:
        self.rows[(job, outcome.destination)] = outcome
        return outcome


@dataclass
class Mailer:
    errors: dict[str, SendError] = field(default_factory=dict)
    sent: list[str] = field(default_factory=list)
    mails: list[tuple[ReportMail, bytes]] = field(default_factory=list)
    delay: float = 0.0

    @contextmanager
    def session(self) -> Iterator[Mailer]:
        yield self

    def send(self, recipient: str, mail: ReportMail, content: bytes) -> str:
        time.sleep(self.delay)
        if recipient in self.errors:
            raise self.errors[recipient]
        self.sent.append(recipient)
        self.mails.append((mail, content))
        return "250 OK"


@dataclass
class Transfer:
    uploads: list[str] = field(default_factory=list)

    def upload(self, target: TransferTarget, file_name: str, source: BinaryIO, *, account: str = "") -> str:
        self.uploads.append(f"{target.label}/{file_name}")
        return "uploaded"


class Packager:
    """Marks packaged content instead of zipping or encrypting it."""

    @contextmanager
    def open(self, source: BinaryIO, inner_name: str, size: int, packaging: Packaging) -> Iterator[BinaryIO]:
        data = source.read()
        if packaging.zip:
            data = b"ZIP(" + data + b")"
        if packaging.pgp:
            data = b"PGP(" + data + b")"
        yield io.BytesIO(data)


def _stage(stages: Stages, mailer: Mailer, *, catalog: Catalog | None = None, store: Store | None = None,
           transfer: Transfer | None = None, heartbeat: float = 60, max_attachment: int = 1000) -> DeliverStage:
    return DeliverStage(Ports(
        stages=stages, catalog=catalog or Catalog(), files=Files(), store=store or Store(), mailer=mailer,
        transfers={"sftp": transfer or Transfer()}, heartbeat_seconds=heartbeat, packager=Packager(),
        max_attachment_bytes=max_attachment,
    ))


def test_a_permanent_failure_is_not_retried_but_a_transient_one_is() -> None:
    stages, store = Stages(), Store()
    mailer = Mailer(errors={"a@example.com": SendError("550 no", transient=False),
                            "b@example.com": SendError("451 later", transient=True)})
    _stage(stages, mailer, store=store).deliver(JOB)
    reason, retryable, _ = stages.failed[0]
    assert retryable
    assert "email:a@example.com: 550 no (permanent)" in reason
    assert "email:b@example.com: 451 later (will retry)" in reason

    mailer.errors.clear()
    _stage(stages, mailer, store=store).deliver(JOB)

    assert mailer.sent == ["c@example.com", "b@example.com"]
    _, retryable, outcomes = stages.failed[1]
    assert not retryable
    assert [(o.destination, o.state) for o in outcomes] == [
        ("email:a@example.com", DeliveryState.FAILED), ("email:b@example.com", DeliveryState.SUCCEEDED),
        ("email:c@example.com", DeliveryState.SUCCEEDED),
    ]


def test_a_cancelled_job_stops_before_its_next_destination_and_reports_nothing() -> None:
    stages, mailer = Stages(cancel_after_heartbeats=1), Mailer(delay=0.2)
    _stage(stages, mailer, heartbeat=0.05).deliver(JOB)
    assert mailer.sent == ["a@example.com"]
    assert stages.completed == [] and stages.failed == []


def test_a_refused_claim_sends_nothing() -> None:
    stages, mailer = Stages(refuse=True), Mailer()
    _stage(stages, mailer).deliver(JOB)
    assert mailer.sent == [] and stages.completed == [] and stages.failed == []


def test_a_report_without_destinations_completes_with_no_outcomes() -> None:
    report = replace(REPORT, output=OutputOptions())
    stages = Stages(report=report)
    _stage(stages, Mailer(), catalog=Catalog(definition=report)).deliver(JOB)
    assert stages.completed == [[]]


def test_a_summary_report_is_not_transferred() -> None:
    report = replace(REPORT, report_type="MULTI_CHANNEL_SUMMARY", output=replace(
        REPORT.output, transfer_protocol="sftp", transfer_destination="u:pw@files.example.com/in"))
    stages, transfer = Stages(report=report), Transfer()
    _stage(stages, Mailer(), catalog=Catalog(definition=report), transfer=transfer).deliver(JOB)
    reason, retryable, outcomes = stages.failed[0]
    assert [(o.destination, o.state) for o in outcomes] == [
        ("sftp://u@files.example.com:22/in", DeliveryState.FAILED), ("email:a@example.com", DeliveryState.SUCCEEDED),
        ("email:b@example.com", DeliveryState.SUCCEEDED), ("email:c@example.com", DeliveryState.SUCCEEDED),
    ]
    assert transfer.uploads == []
    assert not retryable
    assert "delivered by email only" in reason
    assert "pw" not in reason.replace("permanent", "")


def test_an_unreachable_catalog_fails_the_stage_for_a_retry() -> None:
    stages = Stages()
    _stage(stages, Mailer(), catalog=Catalog(error=Unavailable("catalog: UNAVAILABLE: down"))).deliver(JOB)
    reason, retryable, _ = stages.failed[0]
    assert retryable and "the catalog could not be reached" in reason


def test_an_unexpected_error_still_ends_in_a_retryable_failure() -> None:
    stages = Stages()
    _stage(stages, Mailer(), catalog=Catalog(error=RuntimeError("boom"))).deliver(JOB)
    reason, retryable, _ = stages.failed[0]
    assert retryable and "internal error" in reason and "boom" not in reason


def test_the_stage_can_run_jobs_on_several_threads_at_once() -> None:
    stages, mailer, store = Stages(), Mailer(), Store()
    stage = _stage(stages, mailer, store=store)
    threads = [threading.Thread(target=stage.deliver, args=(f"accounts/a1/jobs/j{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(stages.completed) == 4
    assert len(mailer.sent) == 12


KEY = PgpRecipient("A" * 40, "-----BEGIN PGP PUBLIC KEY BLOCK-----", datetime(2030, 1, 1, tzinfo=UTC))


def test_zip_then_pgp_sends_the_packaged_file_under_the_packaged_name() -> None:
    report = replace(REPORT, output=replace(REPORT.output, zip=True, pgp_encrypt=True))
    stages, mailer = Stages(report=report), Mailer()
    _stage(stages, mailer, catalog=Catalog(definition=report, keys=(KEY,))).deliver(JOB)
    mail, content = mailer.mails[0]
    assert (mail.file_name, mail.content_type, content) == ("Daily.csv.zip.pgp", "application/pgp-encrypted",
                                                            b"PGP(ZIP(a,b\r\n))")
    assert [o.file_name for o in stages.completed[0]] == ["Daily.csv.zip.pgp"] * 3


def test_pgp_without_a_key_fails_permanently_and_sends_nothing() -> None:
    report = replace(REPORT, output=replace(REPORT.output, pgp_encrypt=True))
    stages, mailer = Stages(report=report), Mailer()
    _stage(stages, mailer, catalog=Catalog(definition=report)).deliver(JOB)
    reason, retryable, _ = stages.failed[0]
    assert not retryable and "has no PGP public key" in reason and "nothing was sent unencrypted" in reason
    assert mailer.sent == []


def test_a_key_that_expired_since_its_import_fails_permanently_with_that_reason() -> None:
    report = replace(REPORT, output=replace(REPORT.output, pgp_encrypt=True))
    expired = replace(KEY, expire_time=datetime(2020, 5, 1, tzinfo=UTC))
    stages, mailer = Stages(report=report), Mailer()
    _stage(stages, mailer, catalog=Catalog(definition=report, keys=(KEY, expired))).deliver(JOB)
    reason, retryable, _ = stages.failed[0]
    assert not retryable and f"PGP key {'A' * 40} of account a1 expired on 2020-05-01" in reason
    assert mailer.sent == []


def test_a_file_over_the_attachment_limit_is_mailed_as_download_instructions() -> None:
    stages, mailer = Stages(), Mailer()
    _stage(stages, mailer, max_attachment=4).deliver(JOB)
    mail, content = mailer.mails[0]
    assert (mail.file_name, content) == ("", b"")
    assert "is not attached: as Daily.csv it is over the 0.0 MiB limit" in mail.body
    assert "reportctl saved download accounts/a1/savedReports/s1 -o 'Daily.csv'" in mail.body
    assert len(stages.completed) == 1

"""The deliver stage of a job: claim it, send the file to every destination, report back.

Each destination's outcome is recorded before and after sending (the ``deliveries`` table),
and a destination already SUCCEEDED is never sent again, so a redelivered or retried job
sends only where it has not yet succeeded. Permanent failures are not retried either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from opentelemetry import trace

from reportsuite.core.errors import Aborted, FailedPrecondition, NotFound, Unavailable
from reportsuite.core.lease import LeaseKeeper
from services.delivery.domain.file_names import safe_name
from services.delivery.domain.model import (
    Catalog,
    DeliveryState,
    Files,
    JobStages,
    Lease,
    Mailer,
    MailSession,
    Outcome,
    OutcomeStore,
    Packager,
    ReportFile,
    ReportMail,
    ReportToDeliver,
    SendError,
    Transfer,
)
from services.delivery.domain.packaging import Packaging, packaged_name, unusable_key_reason
from services.delivery.domain.plan import (
    Destination,
    StageFailure,
    failure_reason,
    plan_destinations,
    report_mail,
)

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)


@dataclass
class Ports:
    """Everything the stage talks to; bootstrap.py wires the real ones, tests may wire fakes."""

    stages: JobStages
    catalog: Catalog
    files: Files
    store: OutcomeStore
    mailer: Mailer
    transfers: dict[str, Transfer]
    heartbeat_seconds: float
    packager: Packager
    max_attachment_bytes: int = 10 << 20
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)


class DeliverStage:
    """Runs the deliver stage of one job at a time; safe to share between worker threads."""

    def __init__(self, ports: Ports) -> None:
        self.ports = ports

    def deliver(self, job_name: str) -> None:
        """Delivers a job's report; every outcome goes to the scheduler, nothing is raised for it."""
        try:
            lease = self.ports.stages.claim(job_name)
        except (FailedPrecondition, NotFound) as refused:
            log.info("not delivering %s: %s", job_name, refused.message)
            return
        except Aborted as busy:
            log.info("not delivering %s now: %s", job_name, busy.message)
            return
        with LeaseKeeper(lambda: self.ports.stages.heartbeat(lease), job_name, self.ports.heartbeat_seconds,
                         refused=(FailedPrecondition, Aborted, NotFound)) as keeper:
            try:
                outcomes = _Run(self.ports, lease, keeper).run()
            except StageFailure as failure:
                self._settle(lease, keeper, failure.reason, failure.retryable, [])
                return
            except Exception:  # the stage must end in FailJobStage, not in a lapsed lease
                log.exception("delivering %s failed unexpectedly", job_name)
                self._settle(lease, keeper, "internal error in the delivery service; see its log", True, [])
                return
        self._finish(lease, keeper, outcomes)

    def _finish(self, lease: Lease, keeper: LeaseKeeper, outcomes: list[Outcome]) -> None:
        if all(o.state == DeliveryState.SUCCEEDED for o in outcomes):
            self._settle(lease, keeper, "", False, outcomes)
        else:
            retryable = any(o.retryable for o in outcomes if o.state != DeliveryState.SUCCEEDED)
            self._settle(lease, keeper, failure_reason(outcomes), retryable, outcomes)

    def _settle(self, lease: Lease, keeper: LeaseKeeper, reason: str, retryable: bool,
                outcomes: list[Outcome]) -> None:
        if keeper.lost:
            log.warning("job %s: %s; leaving it to the scheduler", lease.job.name, keeper.lost)
            return
        try:
            if reason:
                self.ports.stages.fail(lease, reason, retryable, outcomes)
            else:
                self.ports.stages.complete(lease, outcomes)
        except (FailedPrecondition, Aborted, NotFound) as refused:
            log.warning("job %s: the scheduler refused the result: %s", lease.job.name, refused.message)


class _Run:
    """One claimed run of the stage."""

    def __init__(self, ports: Ports, lease: Lease, keeper: LeaseKeeper) -> None:
        self.ports = ports
        self.job = lease.job
        self.keeper = keeper
        self.account = self.job.name.split("/")[1] if self.job.name.count("/") >= 3 else ""
        self.packaging = Packaging()
        self.inner_name = ""
        self._mail: tuple[ReportMail, bytes] | None = None

    def run(self) -> list[Outcome]:
        try:
            definition = self.ports.catalog.report_definition(self.job.report_definition)
            file = self._report_file()
            report = definition or self.job.snapshot
            self.packaging = self._packaging(report)
        except Unavailable as down:
            raise StageFailure(f"the catalog could not be reached: {down.message}", retryable=True) from None
        destinations = plan_destinations(report, definition_deleted=definition is None)
        self.inner_name = safe_name(file.file_name or self.job.name.rsplit("/", 1)[-1] + ".csv")
        file_name = packaged_name(self.inner_name, self.packaging)
        stored = self.ports.store.outcomes(self.job.name)
        outcomes: dict[str, Outcome] = {}
        with self.ports.mailer.session() as session:
            for destination in destinations:
                if self.keeper.lost:
                    break
                outcomes[destination.label] = self._deliver(destination, stored, file, file_name, report, session)
        return [outcomes.get(d.label) or Outcome(d.label, DeliveryState.PENDING) for d in destinations]

    def _packaging(self, report: ReportToDeliver) -> Packaging:
        """Zip and PGP as the report asks; a missing or expired key fails the whole stage, never unencrypted."""
        if not report.output.pgp_encrypt:
            return Packaging(zip=report.output.zip)
        recipients = self.ports.catalog.pgp_keys(self.account)
        reason = unusable_key_reason(self.account, recipients, self.ports.clock())
        if reason:
            raise StageFailure(reason, retryable=False)
        return Packaging(zip=report.output.zip, pgp=True, recipients=recipients)

    def _report_file(self) -> ReportFile:
        if not self.job.saved_report:
            raise StageFailure("the job has no saved report to deliver", retryable=False)
        try:
            file = self.ports.catalog.saved_report(self.job.saved_report)
        except NotFound:
            raise StageFailure(f"saved report {self.job.saved_report} no longer exists", retryable=False) from None
        if not self.ports.files.exists(file.storage_key):
            raise StageFailure(f"the file of saved report {self.job.saved_report} is no longer in the artifact store",
                               retryable=False)
        return file

    def _deliver(self, destination: Destination, stored: dict[str, Outcome], file: ReportFile, file_name: str,
                 report: ReportToDeliver, session: MailSession) -> Outcome:
        before = stored.get(destination.label)
        if before and (before.state == DeliveryState.SUCCEEDED or
                       (before.state == DeliveryState.FAILED and not before.retryable)):
            return before
        attempts = self.ports.store.begin(self.job.name, destination.label, file_name)
        with tracer.start_as_current_span(
            f"deliver {destination.kind}", attributes={"reportsuite.delivery.destination": destination.label},
        ) as span:
            try:
                detail = self._send(destination, file, file_name, report, session)
                outcome = Outcome(destination.label, DeliveryState.SUCCEEDED, detail, attempts, file_name)
            except SendError as error:
                span.set_status(trace.Status(trace.StatusCode.ERROR, error.detail))
                outcome = Outcome(destination.label, DeliveryState.FAILED, error.detail, attempts, file_name,
                                  retryable=error.transient)
        log.info("job %s: %s %s: %s", self.job.name, destination.label, outcome.state, outcome.detail)
        return self.ports.store.finish(self.job.name, outcome)

    def _send(self, destination: Destination, file: ReportFile, file_name: str, report: ReportToDeliver,
              session: MailSession) -> str:
        if destination.refusal:
            raise SendError(destination.refusal, transient=False)
        if destination.target is None:
            mail, content = self._mail_content(file, file_name, report)
            return session.send(destination.recipient, mail, content)
        transfer = self.ports.transfers[destination.kind]
        with self.ports.files.open(file.storage_key) as source, \
                self.ports.packager.open(source, self.inner_name, file.size_bytes, self.packaging) as packaged:
            return transfer.upload(destination.target, file_name, packaged, account=self.account)

    def _mail_content(self, file: ReportFile, file_name: str, report: ReportToDeliver) -> tuple[ReportMail, bytes]:
        """The mail and its attachment, packaged once for all recipients and never more than the limit in memory."""
        if self._mail is None:
            limit = self.ports.max_attachment_bytes
            with self.ports.files.open(file.storage_key) as source, \
                    self.ports.packager.open(source, self.inner_name, file.size_bytes, self.packaging) as packaged:
                # Past the limit nothing more is read (nor packaged): the mail then tells how to download.
                content = _read_at_most(packaged, limit + 1)
            attached = len(content) <= limit
            mail = report_mail(self.job, report, file, file_name, attached=attached, size=file.size_bytes,
                               limit=limit)
            self._mail = (mail, content if attached else b"")
        return self._mail


def _read_at_most(stream: BinaryIO, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = stream.read(min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)

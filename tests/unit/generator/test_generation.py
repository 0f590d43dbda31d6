"""The generate stage's protocol with in-memory fakes: heartbeats, cancellation, and which
failures are retried."""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import BinaryIO

import pytest

from reportsuite.core.errors import Unavailable
from services.generator.domain.generation import Generation, Outcome, generate_report
from services.generator.domain.jobs import Claim, Job, ReportDefinition, StageRefused
from services.generator.domain.model import Account, Campaign, SubCampaign
from services.generator.domain.ports import FileNameRequest, SavedReportDraft
from services.generator.domain.reports import Level, ReportQuery, ReportType

JOB = Job("accounts/acc/jobs/j1", "acc", "j1",
          ReportDefinition("accounts/acc/reports/r1", "Daily", ReportType.ALL_ATTEMPTS, Level.CAMPAIGN, "c1"),
          datetime(2024, 3, 1, 5, tzinfo=UTC), datetime(2024, 3, 2, 5, tzinfo=UTC), datetime(2024, 3, 2, 5, tzinfo=UTC))


class Stages:
    """A scheduler that grants the claim and records the rest; heartbeats can answer "cancelled"."""

    def __init__(self, cancel_on_heartbeat: bool = False) -> None:
        self.cancel_on_heartbeat = cancel_on_heartbeat
        self.heartbeats = 0
        self.heartbeat_seen = threading.Event()
        self.completed: list[tuple[str, int]] = []
        self.failed: list[tuple[str, bool]] = []

    def claim(self, job_name: str) -> Claim:
        return Claim(JOB, "token")

    def heartbeat(self, claim: Claim) -> bool:
        self.heartbeats += 1
        self.heartbeat_seen.set()
        return self.cancel_on_heartbeat

    def complete(self, claim: Claim, saved_report: str, row_count: int) -> None:
        self.completed.append((saved_report, row_count))

    def fail(self, claim: Claim, reason: str, retryable: bool) -> None:
        self.failed.append((reason, retryable))


class Activity:
    def get_account(self, account: str) -> Account | None:
        return Account("acc", "Acme", "ent", "UTC")

    def get_campaign(self, account: str, campaign: str) -> Campaign | None:
        return Campaign("acc", "c1", "Spring", None, None, (SubCampaign("s1", "Wave", "list"),))


class Reports:
    """Writes three rows; optionally waits for a heartbeat first, or raises."""

    def __init__(self, stages: Stages, wait_for_heartbeat: bool = False, error: Exception | None = None) -> None:
        self.stages, self.wait_for_heartbeat, self.error = stages, wait_for_heartbeat, error

    def write_csv(self, query: ReportQuery, sink: BinaryIO) -> int:
        if self.error is not None:
            raise self.error
        sink.write(b"ClientID\n")
        if self.wait_for_heartbeat:
            assert self.stages.heartbeat_seen.wait(5)
        sink.write(b"C1\nC2\nC3\n")
        return 3


class Artifacts:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    @contextmanager
    def writer(self, key: str) -> Iterator[BinaryIO]:
        buffer = io.BytesIO()
        yield buffer
        self.files[key] = buffer.getvalue()


class Namer:
    def file_name(self, request: FileNameRequest) -> str:
        return "Spring.csv"


class Saved:
    def __init__(self) -> None:
        self.drafts: list[SavedReportDraft] = []

    def register(self, draft: SavedReportDraft) -> str:
        self.drafts.append(draft)
        return "accounts/acc/savedReports/sr1"


def _generation(stages: Stages, reports: Reports, heartbeat_seconds: float = 60) -> tuple[Generation, Saved]:
    saved = Saved()
    wired = Generation(stages=stages, activity=Activity(), reports=reports, artifacts=Artifacts(),  # type: ignore[arg-type]
                       file_namer=Namer(), saved_reports=saved, heartbeat_seconds=heartbeat_seconds)
    return wired, saved


def test_the_stage_heartbeats_while_the_report_is_written() -> None:
    stages = Stages()
    wired, _ = _generation(stages, Reports(stages, wait_for_heartbeat=True), heartbeat_seconds=0.01)

    assert generate_report(JOB.name, wired) is Outcome.COMPLETED

    assert stages.heartbeats >= 1
    assert stages.completed == [("accounts/acc/savedReports/sr1", 3)]


def test_a_job_cancelled_while_its_report_is_written_stops_without_completing_or_failing() -> None:
    stages = Stages(cancel_on_heartbeat=True)
    wired, saved = _generation(stages, Reports(stages, wait_for_heartbeat=True), heartbeat_seconds=0.01)

    assert generate_report(JOB.name, wired) is Outcome.CANCELLED

    assert (stages.completed, stages.failed, saved.drafts) == ([], [], [])


@pytest.mark.parametrize("error", [Unavailable("the database did not answer"), KeyError("a bug")])
def test_transient_and_unexpected_errors_fail_the_stage_retryably(error: Exception) -> None:
    stages = Stages()
    wired, _ = _generation(stages, Reports(stages, error=error))

    assert generate_report(JOB.name, wired) is Outcome.RETRYING

    assert [retryable for _, retryable in stages.failed] == [True]


def test_a_refused_completion_is_left_to_the_scheduler() -> None:
    stages = Stages()

    def refuse(claim: Claim, saved_report: str, row_count: int) -> None:
        raise StageRefused("the job was cancelled")

    stages.complete = refuse  # type: ignore[method-assign]
    wired, _ = _generation(stages, Reports(stages))

    assert generate_report(JOB.name, wired) is Outcome.SKIPPED
    assert stages.failed == []


def test_the_saved_report_carries_the_files_size_and_sha256() -> None:
    stages = Stages()
    wired, saved = _generation(stages, Reports(stages))

    generate_report(JOB.name, wired)

    [draft] = saved.drafts
    written = b"ClientID\nC1\nC2\nC3\n"
    assert (draft.size_bytes, draft.row_count, draft.storage_key) == (len(written), 3, "reports/acc/j1.csv")
    assert draft.sha256 == hashlib.sha256(written).hexdigest()

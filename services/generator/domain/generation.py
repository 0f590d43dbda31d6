"""The generate stage of a job: claim it, write the report file, register it, complete it.

It follows docs/architecture.md's job protocol. The actor only calls ``generate_report``; every
side effect is re-runnable: the file goes under a key derived from the job (a re-run replaces
it) and the catalog dedupes the saved report by the job's name, so a redelivered job makes one
artifact and one saved report.
"""

from __future__ import annotations

import enum
import logging
import threading
from dataclasses import dataclass

from reportsuite.core.errors import Unavailable
from reportsuite.core.telemetry import tracer
from services.generator.domain.heartbeat import Heartbeat
from services.generator.domain.jobs import Cancelled, Claim, Job, ReportFailure, StageBusy, StageRefused
from services.generator.domain.model import Account, Campaign, SubCampaign
from services.generator.domain.ports import (
    ActivityStore,
    ArtifactStore,
    FileNamer,
    FileNameRequest,
    JobStages,
    ReportWriter,
    SavedReportDraft,
    SavedReports,
)
from services.generator.domain.report_file import ReportSink
from services.generator.domain.reports import SUPPORTED, Level, ReportQuery

log = logging.getLogger(__name__)
_tracer = tracer(__name__)

CONTENT_TYPE = "text/csv"


class Outcome(enum.Enum):
    """How one delivery of a job message ended."""

    COMPLETED = "completed"
    SKIPPED = "skipped: the stage is done, the job ended or the lease was lost"
    BUSY = "busy: another worker holds the stage"
    CANCELLED = "cancelled while generating"
    FAILED = "failed for good"
    RETRYING = "failed, to be retried by the scheduler"


@dataclass(frozen=True)
class Generation:
    """What generating a report needs; bootstrap wires the real adapters, tests their fakes."""

    stages: JobStages
    activity: ActivityStore
    reports: ReportWriter
    artifacts: ArtifactStore
    file_namer: FileNamer
    saved_reports: SavedReports
    heartbeat_seconds: float


@dataclass(frozen=True)
class ReportScope:
    """What a report runs against: an account's campaign, or one of its sub-campaigns."""

    account: Account
    campaign: Campaign
    sub_campaign: SubCampaign | None

    @property
    def name_at_level_run(self) -> str:
        return self.sub_campaign.display_name if self.sub_campaign else self.campaign.display_name

    @property
    def group(self) -> str:
        """The contact list, when the report covers exactly one."""
        if self.sub_campaign is not None:
            return self.sub_campaign.contact_list
        lists = {sub.contact_list for sub in self.campaign.sub_campaigns}
        return lists.pop() if len(lists) == 1 else ""


def storage_key(job: Job) -> str:
    """Where a job's report file lives; derived from the job, so a re-run replaces it."""
    return f"reports/{job.account}/{job.id}.csv"


def generate_report(job_name: str, deps: Generation) -> Outcome:
    """Runs the generate stage of one job.

    Raises:
        Unavailable: when the scheduler could not be told the outcome (claim or fail did not
            get through); the message should be retried, and the scheduler's reaper is the backstop.
    """
    with _tracer.start_as_current_span("generate", attributes={"job": job_name}):
        try:
            claim = deps.stages.claim(job_name)
        except StageRefused as refusal:
            log.info("job %s: nothing to generate (%s)", job_name, refusal)
            return Outcome.SKIPPED
        except StageBusy:
            log.info("job %s: another worker is generating it", job_name)
            return Outcome.BUSY
        return _run_claimed(claim, deps)


def _run_claimed(claim: Claim, deps: Generation) -> Outcome:
    job = claim.job
    try:
        with Heartbeat(deps.stages, claim, deps.heartbeat_seconds) as heartbeat:
            saved_report, rows = _generate(job, deps, heartbeat.cancelled)
        if heartbeat.cancelled.is_set():
            raise Cancelled("cancelled after the report was written")
        deps.stages.complete(claim, saved_report, rows)
        log.info("job %s: generated %s rows as %s", job.name, rows, saved_report)
        return Outcome.COMPLETED
    except StageRefused as refusal:
        log.info("job %s: the scheduler refused the result (%s)", job.name, refusal)
        return Outcome.SKIPPED
    except Cancelled:
        log.info("job %s: cancelled while generating", job.name)
        return Outcome.CANCELLED
    except ReportFailure as failure:
        return _fail(deps, claim, failure.reason, retryable=False)
    except Unavailable as error:
        return _fail(deps, claim, f"temporarily unavailable: {error}", retryable=True)
    except Exception as error:  # a bug or an unforeseen fault: the attempt limit bounds the retries
        log.exception("job %s: unexpected error while generating", job.name)
        return _fail(deps, claim, f"unexpected {type(error).__name__} in the generator", retryable=True)


def _fail(deps: Generation, claim: Claim, reason: str, retryable: bool) -> Outcome:
    log.warning("job %s: failing the generate stage (retryable=%s): %s", claim.job.name, retryable, reason)
    try:
        deps.stages.fail(claim, reason, retryable)
    except StageRefused as refusal:
        log.info("job %s: the scheduler refused the failure (%s)", claim.job.name, refusal)
        return Outcome.SKIPPED
    return Outcome.RETRYING if retryable else Outcome.FAILED


def _generate(job: Job, deps: Generation, cancelled: threading.Event) -> tuple[str, int]:
    scope = _scope(job, deps.activity)
    query = _query(job, scope)
    key = storage_key(job)
    # "format" covers naming the file and writing it as CSV to the artifact store; PostgreSQL's
    # COPY does the CSV encoding as it streams, so the "query" span sits inside it.
    with _tracer.start_as_current_span("format", attributes={"content_type": CONTENT_TYPE}) as formatting:
        # The name is asked for first so a bad file name format fails the job before the query runs.
        file_name = deps.file_namer.file_name(_file_name_request(job, scope))
        formatting.set_attribute("file_name", file_name)
        with deps.artifacts.writer(key) as target:
            sink = ReportSink(target, cancelled)
            with _tracer.start_as_current_span("query") as span:
                rows = deps.reports.write_csv(query, sink)
                span.set_attribute("rows", rows)
                span.set_attribute("bytes", sink.size_bytes)
    if cancelled.is_set():
        raise Cancelled("cancelled before the report was registered")
    draft = SavedReportDraft(
        account=job.account, request_id=job.name, report_definition=job.report.name, job=job.name,
        display_name=job.report.display_name, report_type=query.report_type, file_name=file_name,
        content_type=CONTENT_TYPE, size_bytes=sink.size_bytes, row_count=rows, sha256=sink.sha256,
        window_start=job.window_start, window_end=job.window_end, storage_key=key,
    )
    return deps.saved_reports.register(draft), rows


def _scope(job: Job, activity: ActivityStore) -> ReportScope:
    report = job.report
    if report.report_type is None or report.level is None:
        raise ReportFailure("the report definition has no report type or level")
    if (report.report_type, report.level) not in SUPPORTED:
        raise ReportFailure(f"{report.report_type.value} at {report.level.value} level is not supported yet")
    if not report.target:
        raise ReportFailure(f"<Yesterday's activity> at {report.level.value} level is not supported yet")
    account = activity.get_account(job.account)
    if account is None:
        raise ReportFailure(f"account {job.account!r} is not in the activity store")
    if report.level is Level.CAMPAIGN:
        campaign = activity.get_campaign(job.account, report.target)
        if campaign is None:
            raise ReportFailure(f"campaign {report.target!r} does not exist in account {job.account!r}")
        return ReportScope(account, campaign, None)
    found = activity.sub_campaigns_named(job.account, report.target)
    if not found:
        raise ReportFailure(f"sub-campaign {report.target!r} does not exist in account {job.account!r}")
    if len(found) > 1:
        campaigns = ", ".join(sorted(campaign.id for campaign, _ in found))
        raise ReportFailure(f"sub-campaign {report.target!r} is ambiguous: it exists in campaigns {campaigns}")
    campaign, sub_campaign = found[0]
    return ReportScope(account, campaign, sub_campaign)


def _query(job: Job, scope: ReportScope) -> ReportQuery:
    assert job.report.report_type is not None  # checked by _scope
    return ReportQuery(
        report_type=job.report.report_type, account=job.account, campaign=scope.campaign.id,
        sub_campaign=scope.sub_campaign.id if scope.sub_campaign else None,
        window_start=job.window_start, window_end=job.window_end, time_zone=scope.account.reports_time_zone,
    )


def _file_name_request(job: Job, scope: ReportScope) -> FileNameRequest:
    assert job.report.report_type is not None  # checked by _scope
    return FileNameRequest(
        file_name_format=job.report.file_name_format, report=job.report.report_type.value,
        report_name=job.report.display_name, name_at_level_run=scope.name_at_level_run,
        campaign=scope.campaign.display_name,
        sub_campaign=scope.sub_campaign.display_name if scope.sub_campaign else "",
        group=scope.group, account=scope.account.display_name, account_uid=scope.account.id,
        report_id=job.id, start_time=scope.campaign.start_time, end_time=scope.campaign.end_time,
        instant=job.create_time, time_zone=scope.account.reports_time_zone,
        has_output_specification=job.report.has_output_specification,
    )

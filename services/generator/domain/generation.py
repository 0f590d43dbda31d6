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
from dataclasses import dataclass, replace

from reportsuite.core.errors import Unavailable
from reportsuite.core.lease import LeaseKeeper
from reportsuite.core.telemetry import tracer
from services.generator.domain.jobs import Cancelled, Claim, Job, ReportFailure, StageBusy, StageRefused
from services.generator.domain.output_spec import OutputFormat, check_format
from services.generator.domain.ports import (
    ActivityStore,
    ArtifactStore,
    FileNamer,
    JobStages,
    OutputSpecifications,
    ReportWriter,
    SavedReportDraft,
    SavedReports,
)
from services.generator.domain.report_file import ReportSink
from services.generator.domain.scopes import file_name_request, report_query, resolve_scope

log = logging.getLogger(__name__)
_tracer = tracer(__name__)

CONTENT_TYPE = "text/csv"
# A report written with an output specification is text in the user's layout, a .txt file (the guide).
SPECIFIED_CONTENT_TYPE = "text/plain"


class Outcome(enum.Enum):
    """How one delivery of a job message ended."""

    COMPLETED = "completed"
    SKIPPED = "skipped: the stage is done, the job ended or the lease was lost"
    BUSY = "busy: another worker holds the stage"
    CANCELLED = "cancelled while generating"
    FAILED = "failed for good"
    RETRYING = "failed, to be retried by the scheduler"
    SKIPPED_EMPTY = "skipped: no rows, and the job's schedule does not generate empty reports"


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
    specifications: OutputSpecifications | None = None


def storage_key(job: Job) -> str:
    """Where a job's report file lives; derived from the job, so a re-run replaces it."""
    extension = "txt" if job.report.has_output_specification else "csv"
    return f"reports/{job.account}/{job.id}.{extension}"


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
        with LeaseKeeper(lambda: deps.stages.heartbeat(claim), job.name, deps.heartbeat_seconds,
                         refused=(StageRefused,)) as keeper:
            saved_report, rows = _generate(job, deps, keeper.stopped)
        if keeper.stopped.is_set():
            raise Cancelled("cancelled after the report was written")
        if rows == 0 and job.skip_if_empty:  # _generate kept no file and registered nothing
            deps.stages.skip_empty(claim)
            log.info("job %s: no rows; its schedule does not generate empty reports", job.name)
            return Outcome.SKIPPED_EMPTY
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
    scope = resolve_scope(job, deps.activity)
    query = replace(report_query(job, scope), output=_output_format(job, deps))
    content_type = SPECIFIED_CONTENT_TYPE if query.output is not None else CONTENT_TYPE
    key = storage_key(job)
    # "format" covers naming the file and writing it as CSV to the artifact store; PostgreSQL's
    # COPY does the CSV encoding as it streams, so the "query" span sits inside it.
    with _tracer.start_as_current_span("format", attributes={"content_type": content_type}) as formatting:
        # The name is asked for first so a bad file name format fails the job before the query runs.
        file_name = deps.file_namer.file_name(file_name_request(job, scope))
        formatting.set_attribute("file_name", file_name)
        with deps.artifacts.writer(key) as target:
            sink = ReportSink(target, cancelled)
            with _tracer.start_as_current_span("query") as span:
                rows = deps.reports.write_csv(query, sink)
                sink.flush()
                span.set_attribute("rows", rows)
                span.set_attribute("bytes", sink.size_bytes)
    if cancelled.is_set():
        raise Cancelled("cancelled before the report was registered")
    if rows == 0 and job.skip_if_empty:
        # "Do not generate if report is empty" (docs/schedules.md): no file and no saved report.
        deps.artifacts.delete(key)
        return "", 0
    draft = SavedReportDraft(
        account=job.account, request_id=job.name, report_definition=job.report.name, job=job.name,
        display_name=job.report.display_name, report_type=query.report_type, file_name=file_name,
        content_type=content_type, size_bytes=sink.size_bytes, row_count=rows, sha256=sink.sha256,
        window_start=job.window_start, window_end=job.window_end, storage_key=key,
    )
    return deps.saved_reports.register(draft), rows


def _output_format(job: Job, deps: Generation) -> OutputFormat | None:
    """The definition's output specification, as the catalog parsed it, checked against the report."""
    name = job.report.output_specification
    if not name:
        return None
    if deps.specifications is None:
        raise ReportFailure("this generator is not wired to fetch output specifications")
    assert job.report.report_type is not None  # checked by resolve_scope
    output = deps.specifications.get(name)
    check_format(output, job.report.report_type)
    return output

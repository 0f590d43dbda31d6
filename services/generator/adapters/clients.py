"""The generator's clients of the scheduler, catalog and delivery services.

Each translates between the domain's types and the protos, and turns gRPC errors into the
domain's: codes worth retrying (UNAVAILABLE, DEADLINE_EXCEEDED, ...) become ``Unavailable``;
the scheduler's refusals become ``StageRefused`` / ``StageBusy``; anything else a peer refuses
becomes ``ReportFailure``, which fails the job for good.
"""

from __future__ import annotations

import enum
import os
import socket
from collections.abc import Collection
from typing import Any, TypeVar

import grpc

from reportsuite.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from reportsuite.core import names
from reportsuite.core.clients import CALL_TIMEOUT_SECONDS
from reportsuite.core.errors import DomainError, Unavailable
from reportsuite.core.timestamps import from_proto, to_proto
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from reportsuite.scheduler.v1 import scheduler_pb2, scheduler_pb2_grpc
from services.generator.domain.jobs import Claim, Job, ReportDefinition, ReportFailure, StageBusy, StageRefused
from services.generator.domain.output_spec import (
    Alignment,
    DateElement,
    DatePart,
    Layout,
    LineEnding,
    OutputField,
    OutputFormat,
    Quoting,
)
from services.generator.domain.ports import FileNameRequest, SavedReportDraft
from services.generator.domain.reports import IncrementalWindow, Level, ReportType

Code = grpc.StatusCode
E = TypeVar("E", bound=enum.Enum)

# Transient faults of a peer or the network; the job is retried by the scheduler's attempt limit.
TRANSIENT = frozenset({Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED, Code.RESOURCE_EXHAUSTED, Code.INTERNAL,
                       Code.UNKNOWN, Code.CANCELLED})
# The scheduler's answers meaning "this stage is not yours (any more)".
_LEASE_GONE = frozenset({Code.FAILED_PRECONDITION, Code.ABORTED, Code.NOT_FOUND})


def translate(error: grpc.RpcError, peer: str, refused: Collection[grpc.StatusCode] = (),
              busy: Collection[grpc.StatusCode] = ()) -> Exception:
    """Returns the domain exception for a peer's gRPC error."""
    code = error.code() if hasattr(error, "code") else Code.UNKNOWN
    text = f"{peer} answered {code.name}: {error.details() if hasattr(error, 'details') else error}"
    if code in busy:
        return StageBusy(text)
    if code in refused:
        return StageRefused(text)
    if code in TRANSIENT:
        return Unavailable(text)
    return ReportFailure(text)


def worker_identity() -> str:
    """Names this worker in the job's history."""
    return f"generator@{socket.gethostname()}:{os.getpid()}"


def _report_type(value: int) -> ReportType | None:
    try:
        return ReportType.__members__.get(catalog_pb2.ReportType.Name(value).removeprefix("REPORT_TYPE_"))
    except ValueError:  # a value newer than this generator's protos
        return None


def _level(value: int) -> Level | None:
    try:
        return Level.__members__.get(catalog_pb2.Level.Name(value).removeprefix("LEVEL_"))
    except ValueError:
        return None


def job_from_proto(job: scheduler_pb2.Job) -> Job:
    """The domain's view of a job and its definition snapshot."""
    ids = names.parse("accounts/{account}/jobs/{job}", job.name, "job.name")
    report = job.report
    definition = ReportDefinition(
        name=job.report_definition or report.name, display_name=report.display_name,
        report_type=_report_type(report.report_type), level=_level(report.level), target=report.target,
        yesterdays_activity=report.yesterdays_activity, file_name_format=report.output.file_name_format,
        has_output_specification=bool(report.output.output_specification),
        output_specification=report.output.output_specification,
    )
    window_start = from_proto(job.window_start, present=job.HasField("window_start"))
    window_end = from_proto(job.window_end, present=job.HasField("window_end"))
    create_time = from_proto(job.create_time, present=job.HasField("create_time"))
    if window_start is None or window_end is None or create_time is None:
        raise ReportFailure("the job has no window or create time")
    incremental = None
    if job.HasField("incremental"):
        if not job.incremental.cutoff:
            raise ReportFailure("the Incremental job has no ingest cutoff")
        incremental = IncrementalWindow(job.incremental.previous_cutoff, job.incremental.cutoff)
    return Job(job.name, ids["account"], ids["job"], definition, window_start, window_end, create_time,
               incremental, skip_if_empty=job.skip_if_empty)


class SchedulerStages:
    """Implements the domain's JobStages for the generate stage over SchedulerService."""

    def __init__(self, stub: scheduler_pb2_grpc.SchedulerServiceStub) -> None:
        self._stub = stub

    def claim(self, job_name: str) -> Claim:
        request = scheduler_pb2.ClaimJobStageRequest(
            name=job_name, stage=scheduler_pb2.STAGE_GENERATE, worker=worker_identity())
        try:
            response = self._stub.ClaimJobStage(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            refused = {Code.FAILED_PRECONDITION, Code.NOT_FOUND, Code.INVALID_ARGUMENT}
            raise translate(error, "scheduler", refused=refused, busy={Code.ABORTED}) from error
        try:
            return Claim(job_from_proto(response.job), response.lease_token)
        except (DomainError, ReportFailure) as unreadable:
            # No retry can read it either: fail the stage for good rather than leave it to the reaper.
            reason = f"the generator cannot read the job: {unreadable}"
            self._fail(job_name, response.lease_token, reason, retryable=False)
            raise StageRefused(reason) from unreadable

    def heartbeat(self, claim: Claim) -> bool:
        request = scheduler_pb2.HeartbeatJobStageRequest(name=claim.job.name, lease_token=claim.lease_token)
        try:
            return bool(self._stub.HeartbeatJobStage(request, timeout=CALL_TIMEOUT_SECONDS).cancelled)
        except grpc.RpcError as error:
            raise translate(error, "scheduler", refused=_LEASE_GONE) from error

    def complete(self, claim: Claim, saved_report: str, row_count: int) -> None:
        request = scheduler_pb2.CompleteJobStageRequest(
            name=claim.job.name, lease_token=claim.lease_token, saved_report=saved_report, row_count=row_count)
        try:
            self._stub.CompleteJobStage(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            raise translate(error, "scheduler", refused=_LEASE_GONE) from error

    def skip_empty(self, claim: Claim) -> None:
        request = scheduler_pb2.CompleteJobStageRequest(
            name=claim.job.name, lease_token=claim.lease_token, skipped_empty=True)
        try:
            self._stub.CompleteJobStage(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            raise translate(error, "scheduler", refused=_LEASE_GONE) from error

    def fail(self, claim: Claim, reason: str, retryable: bool) -> None:
        self._fail(claim.job.name, claim.lease_token, reason, retryable)

    def _fail(self, job_name: str, lease_token: str, reason: str, retryable: bool) -> None:
        request = scheduler_pb2.FailJobStageRequest(
            name=job_name, lease_token=lease_token, reason=reason, retryable=retryable)
        try:
            self._stub.FailJobStage(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            translated = translate(error, "scheduler", refused=_LEASE_GONE)
            # A failure the scheduler cannot record must not pass silently: retry it.
            raise (translated if isinstance(translated, StageRefused) else Unavailable(str(translated))) from error


class CatalogSavedReports:
    """Implements the domain's SavedReports over CatalogService.CreateSavedReport."""

    def __init__(self, stub: catalog_pb2_grpc.CatalogServiceStub) -> None:
        self._stub = stub

    def register(self, draft: SavedReportDraft) -> str:
        saved = catalog_pb2.SavedReport(
            report_definition=draft.report_definition, job=draft.job, display_name=draft.display_name,
            report_type=catalog_pb2.ReportType.Value("REPORT_TYPE_" + draft.report_type.name),
            file_name=draft.file_name, content_type=draft.content_type, size_bytes=draft.size_bytes,
            row_count=draft.row_count, sha256=draft.sha256, window_start=to_proto(draft.window_start),
            window_end=to_proto(draft.window_end), storage_key=draft.storage_key,
        )
        request = catalog_pb2.CreateSavedReportRequest(
            parent=f"accounts/{draft.account}", saved_report=saved, request_id=draft.request_id)
        try:
            response = self._stub.CreateSavedReport(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            raise translate(error, "catalog") from error
        return str(response.saved_report.name)


class DeliveryFileNamer:
    """Implements the domain's FileNamer over DeliveryService.PreviewFileName."""

    def __init__(self, stub: delivery_pb2_grpc.DeliveryServiceStub) -> None:
        self._stub = stub

    def file_name(self, request: FileNameRequest) -> str:
        context = delivery_pb2.FileNameContext(
            report=request.report, report_name=request.report_name, name_at_level_run=request.name_at_level_run,
            campaign=request.campaign, sub_campaign=request.sub_campaign, group=request.group,
            account=request.account, account_uid=request.account_uid, report_id=request.report_id,
            start_time=to_proto(request.start_time), end_time=to_proto(request.end_time),
        )
        preview = delivery_pb2.PreviewFileNameRequest(
            file_name_format=request.file_name_format, context=context, instant=to_proto(request.instant),
            time_zone=request.time_zone, has_output_specification=request.has_output_specification,
        )
        try:
            return str(self._stub.PreviewFileName(preview, timeout=CALL_TIMEOUT_SECONDS).file_name)
        except grpc.RpcError as error:
            raise translate(error, "delivery") from error


class CatalogOutputSpecifications:
    """Implements the domain's OutputSpecifications over CatalogService.GetOutputSpecification.

    The catalog answers with the file parsed and normalised; this only maps the messages.
    """

    def __init__(self, stub: catalog_pb2_grpc.CatalogServiceStub) -> None:
        self._stub = stub

    def get(self, name: str) -> OutputFormat:
        request = catalog_pb2.GetOutputSpecificationRequest(name=name)
        try:
            response = self._stub.GetOutputSpecification(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            raise translate(error, "catalog") from error
        return output_format_from_proto(name, response.output_specification.format)


def _named(wrapper: Any, value: int, prefix: str, domain: type[E], what: str) -> E:
    try:
        return domain[wrapper.Name(value).removeprefix(prefix)]
    except (ValueError, KeyError):  # UNSPECIFIED, or a value newer than this generator's protos
        raise ReportFailure(f"the output specification's {what} {value} is not one the generator knows") from None


def output_format_from_proto(name: str, message: catalog_pb2.OutputFormat) -> OutputFormat:
    """The domain's view of a specification's format, as the catalog parsed it."""
    wrapper = catalog_pb2.OutputFormat
    layout = _named(wrapper.Layout, message.layout, "LAYOUT_", Layout, "layout")
    # Quoting has no meaning in the fixed layout, where the catalog leaves it unspecified.
    quoting = Quoting.NONE if layout is Layout.FIXED else _named(
        wrapper.Quoting, message.quoting, "QUOTING_", Quoting, "quoting")
    return OutputFormat(
        name=name, report_type=_report_type(message.report_type), layout=layout, delimiter=message.delimiter,
        quoting=quoting, quote=message.quote, header=message.header,
        line_ending=_named(wrapper.LineEnding, message.line_ending, "LINE_ENDING_", LineEnding, "line ending"),
        fields=tuple(_field_from_proto(field) for field in message.fields),
    )


def _field_from_proto(message: catalog_pb2.OutputField) -> OutputField:
    date: tuple[DatePart, ...] | None = None
    if message.HasField("date_format"):
        date = tuple(
            part.literal if part.WhichOneof("part") == "literal"
            else _named(catalog_pb2.DateElement, part.element, "DATE_ELEMENT_", DateElement, "date element")
            for part in message.date_format.parts
        )
    return OutputField(
        field=message.field, header=message.header, width=message.width,
        alignment=Alignment.RIGHT if message.alignment == catalog_pb2.OutputField.ALIGNMENT_RIGHT else Alignment.LEFT,
        date=date, decimals=message.decimals if message.HasField("decimals") else None,
    )

"""Clients of the scheduler and the catalog: proto <-> domain, gRPC errors -> domain errors."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from typing import TypeVar

import grpc
from google.protobuf.message import Message

from reportsuite.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from reportsuite.core import errors, timestamps
from reportsuite.core.clients import CALL_TIMEOUT_SECONDS
from reportsuite.scheduler.v1 import scheduler_pb2, scheduler_pb2_grpc
from services.delivery.domain.model import (
    DeliveryState,
    Job,
    Lease,
    Outcome,
    OutputOptions,
    ReportFile,
    ReportToDeliver,
)
from services.delivery.domain.packaging import PgpRecipient

_Response = TypeVar("_Response")

_DOMAIN_ERRORS: dict[grpc.StatusCode, type[errors.DomainError]] = {
    grpc.StatusCode.FAILED_PRECONDITION: errors.FailedPrecondition,
    grpc.StatusCode.ABORTED: errors.Aborted,
    grpc.StatusCode.NOT_FOUND: errors.NotFound,
    grpc.StatusCode.INVALID_ARGUMENT: errors.InvalidArgument,
}
_PROTOCOLS: dict[int, str] = {
    catalog_pb2.FileTransfer.PROTOCOL_SFTP: "sftp",
    catalog_pb2.FileTransfer.PROTOCOL_FTP: "ftp",
    catalog_pb2.FileTransfer.PROTOCOL_FTPS: "ftps",
}
_STATES = {
    DeliveryState.PENDING: scheduler_pb2.DeliveryOutcome.STATE_PENDING,
    DeliveryState.SUCCEEDED: scheduler_pb2.DeliveryOutcome.STATE_SUCCEEDED,
    DeliveryState.FAILED: scheduler_pb2.DeliveryOutcome.STATE_FAILED,
}


def domain_error(error: grpc.RpcError, service: str) -> errors.DomainError:
    """The domain error for a failed call; anything unexpected counts as the service being unavailable."""
    code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
    details = (error.details() if isinstance(error, grpc.Call) else "") or str(code)
    kind = _DOMAIN_ERRORS.get(code, errors.Unavailable)
    return kind(f"{service}: {code.name}: {details}")


def worker_id() -> str:
    return f"delivery@{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


class SchedulerStages:
    """The JobStages port over SchedulerService."""

    def __init__(self, stub: scheduler_pb2_grpc.SchedulerServiceStub) -> None:
        self._stub = stub

    def claim(self, job_name: str) -> Lease:
        request = scheduler_pb2.ClaimJobStageRequest(name=job_name, stage=scheduler_pb2.STAGE_DELIVER,
                                                     worker=worker_id())
        response = self._call(self._stub.ClaimJobStage, request)
        return Lease(job=_job(response.job), token=response.lease_token)

    def heartbeat(self, lease: Lease) -> bool:
        request = scheduler_pb2.HeartbeatJobStageRequest(name=lease.job.name, lease_token=lease.token)
        return bool(self._call(self._stub.HeartbeatJobStage, request).cancelled)

    def complete(self, lease: Lease, outcomes: list[Outcome]) -> None:
        self._call(self._stub.CompleteJobStage, scheduler_pb2.CompleteJobStageRequest(
            name=lease.job.name, lease_token=lease.token, deliveries=[_outcome(o) for o in outcomes]))

    def fail(self, lease: Lease, reason: str, retryable: bool, outcomes: list[Outcome]) -> None:
        self._call(self._stub.FailJobStage, scheduler_pb2.FailJobStageRequest(
            name=lease.job.name, lease_token=lease.token, reason=reason, retryable=retryable,
            deliveries=[_outcome(o) for o in outcomes]))

    @staticmethod
    def _call(method: Callable[..., _Response], request: Message) -> _Response:
        try:
            return method(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            raise domain_error(error, "scheduler") from None


class CatalogReader:
    """The Catalog port over CatalogService, reading definitions with their secrets."""

    def __init__(self, stub: catalog_pb2_grpc.CatalogServiceStub) -> None:
        self._stub = stub

    def report_definition(self, name: str) -> ReportToDeliver | None:
        request = catalog_pb2.GetReportDefinitionRequest(
            name=name, view=catalog_pb2.REPORT_DEFINITION_VIEW_DELIVERY)
        try:
            return report_to_deliver(self._stub.GetReportDefinition(
                request, timeout=CALL_TIMEOUT_SECONDS).report_definition)
        except grpc.RpcError as error:
            failure = domain_error(error, "catalog")
            if isinstance(failure, errors.NotFound):
                return None
            raise failure from None

    def saved_report(self, name: str) -> ReportFile:
        try:
            saved = self._stub.GetSavedReport(catalog_pb2.GetSavedReportRequest(name=name),
                                              timeout=CALL_TIMEOUT_SECONDS).saved_report
        except grpc.RpcError as error:
            raise domain_error(error, "catalog") from None
        return ReportFile(storage_key=saved.storage_key, file_name=saved.file_name, content_type=saved.content_type,
                          size_bytes=saved.size_bytes, name=saved.name)

    def pgp_keys(self, account: str) -> tuple[PgpRecipient, ...]:
        keys: list[PgpRecipient] = []
        request = catalog_pb2.ListPgpKeysRequest(parent=f"accounts/{account}", page_size=1000)
        while True:
            try:
                response = self._stub.ListPgpKeys(request, timeout=CALL_TIMEOUT_SECONDS)
            except grpc.RpcError as error:
                failure = domain_error(error, "catalog")
                # Whatever went wrong, it must not read as "the account has no key": that fails for good.
                raise errors.Unavailable(failure.message) from None
            keys.extend(
                PgpRecipient(key.fingerprint, key.armored_key,
                             timestamps.from_proto(key.expire_time, present=key.HasField("expire_time")))
                for key in response.pgp_keys)
            if not response.next_page_token:
                return tuple(keys)
            request.page_token = response.next_page_token


def report_type_name(value: int) -> str:
    """"ALL_ATTEMPTS" for REPORT_TYPE_ALL_ATTEMPTS; "" when unspecified."""
    if value == catalog_pb2.REPORT_TYPE_UNSPECIFIED:
        return ""
    try:
        return catalog_pb2.ReportType.Name(value).removeprefix("REPORT_TYPE_")
    except ValueError:
        return f"UNKNOWN_{value}"


def protocol_name(value: int) -> str:
    return _PROTOCOLS.get(value, "")


def report_to_deliver(definition: catalog_pb2.ReportDefinition) -> ReportToDeliver:
    output = definition.output
    return ReportToDeliver(
        name=definition.name, display_name=definition.display_name,
        report_type=report_type_name(definition.report_type),
        output=OutputOptions(email_addresses=output.email_addresses,
                             transfer_protocol=protocol_name(output.file_transfer.protocol),
                             transfer_destination=output.file_transfer.destination,
                             zip=output.zip, pgp_encrypt=output.pgp_encrypt),
    )


def _job(job: scheduler_pb2.Job) -> Job:
    return Job(
        name=job.name, report_definition=job.report_definition, saved_report=job.saved_report,
        window_start=timestamps.from_proto(job.window_start, present=job.HasField("window_start")),
        window_end=timestamps.from_proto(job.window_end, present=job.HasField("window_end")),
        snapshot=report_to_deliver(job.report),
    )


def _outcome(outcome: Outcome) -> scheduler_pb2.DeliveryOutcome:
    return scheduler_pb2.DeliveryOutcome(
        destination=outcome.destination, state=_STATES[outcome.state], detail=outcome.detail,
        attempts=outcome.attempts, file_name=outcome.file_name,
        complete_time=timestamps.to_proto(outcome.complete_time),
    )

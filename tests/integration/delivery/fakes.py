"""Hand-written fakes of the scheduler and the catalog, served on real gRPC servers.

They keep just enough state to play their part in the job protocol: the scheduler grants
a deliver lease until the stage is completed or failed for good, and records every result.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import grpc

from reportsuite.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from reportsuite.core.errors import FailedPrecondition, NotFound
from reportsuite.core.grpc_server import Service, create_server
from reportsuite.scheduler.v1 import scheduler_pb2, scheduler_pb2_grpc

MASK = "****"


@dataclass
class FakeScheduler(scheduler_pb2_grpc.SchedulerServiceServicer):
    jobs: dict[str, scheduler_pb2.Job] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    claims: list[str] = field(default_factory=list)
    completions: list[scheduler_pb2.CompleteJobStageRequest] = field(default_factory=list)
    failures: list[scheduler_pb2.FailJobStageRequest] = field(default_factory=list)
    settled: threading.Condition = field(default_factory=threading.Condition)

    def ClaimJobStage(self, request: scheduler_pb2.ClaimJobStageRequest,
                      context: grpc.ServicerContext) -> scheduler_pb2.ClaimJobStageResponse:
        if request.name not in self.jobs:
            raise NotFound(f"job {request.name} does not exist")
        if request.stage != scheduler_pb2.STAGE_DELIVER or request.name in self.done:
            raise FailedPrecondition(f"the deliver stage of {request.name} is done")
        self.claims.append(request.name)
        return scheduler_pb2.ClaimJobStageResponse(job=self.jobs[request.name], lease_token=uuid.uuid4().hex)

    def HeartbeatJobStage(self, request: scheduler_pb2.HeartbeatJobStageRequest,
                          context: grpc.ServicerContext) -> scheduler_pb2.HeartbeatJobStageResponse:
        return scheduler_pb2.HeartbeatJobStageResponse()

    def CompleteJobStage(self, request: scheduler_pb2.CompleteJobStageRequest,
                         context: grpc.ServicerContext) -> scheduler_pb2.CompleteJobStageResponse:
        with self.settled:
            self.completions.append(request)
            self.done.add(request.name)
            self.settled.notify_all()
        return scheduler_pb2.CompleteJobStageResponse(job=self.jobs[request.name])

    def FailJobStage(self, request: scheduler_pb2.FailJobStageRequest,
                     context: grpc.ServicerContext) -> scheduler_pb2.FailJobStageResponse:
        with self.settled:
            self.failures.append(request)
            if not request.retryable:
                self.done.add(request.name)
            self.settled.notify_all()
        return scheduler_pb2.FailJobStageResponse(job=self.jobs[request.name])

    def wait_settled(self, job: str, timeout: float) -> bool:
        """Waits until the job's stage was completed or failed once."""
        with self.settled:
            return self.settled.wait_for(
                lambda: any(r.name == job for r in self.completions) or any(r.name == job for r in self.failures),
                timeout)


@dataclass
class FakeCatalog(catalog_pb2_grpc.CatalogServiceServicer):
    definitions: dict[str, catalog_pb2.ReportDefinition] = field(default_factory=dict)
    saved_reports: dict[str, catalog_pb2.SavedReport] = field(default_factory=dict)
    views: list[int] = field(default_factory=list)
    # Keys by parent account, as ImportPgpKey of a real catalog returned them.
    pgp_keys: dict[str, list[catalog_pb2.PgpKey]] = field(default_factory=dict)

    def GetReportDefinition(self, request: catalog_pb2.GetReportDefinitionRequest,
                            context: grpc.ServicerContext) -> catalog_pb2.GetReportDefinitionResponse:
        self.views.append(request.view)
        if request.name not in self.definitions:
            raise NotFound(f"report definition {request.name} does not exist")
        definition = self.definitions[request.name]
        if request.view != catalog_pb2.REPORT_DEFINITION_VIEW_DELIVERY:
            definition = masked(definition)
        return catalog_pb2.GetReportDefinitionResponse(report_definition=definition)

    def GetSavedReport(self, request: catalog_pb2.GetSavedReportRequest,
                       context: grpc.ServicerContext) -> catalog_pb2.GetSavedReportResponse:
        if request.name not in self.saved_reports:
            raise NotFound(f"saved report {request.name} does not exist")
        return catalog_pb2.GetSavedReportResponse(saved_report=self.saved_reports[request.name])

    def ListPgpKeys(self, request: catalog_pb2.ListPgpKeysRequest,
                    context: grpc.ServicerContext) -> catalog_pb2.ListPgpKeysResponse:
        return catalog_pb2.ListPgpKeysResponse(pgp_keys=self.pgp_keys.get(request.parent, []))


def masked(definition: catalog_pb2.ReportDefinition) -> catalog_pb2.ReportDefinition:
    """The definition as the basic view shows it: the transfer password replaced by ****."""
    copy = catalog_pb2.ReportDefinition()
    copy.CopyFrom(definition)
    destination = copy.output.file_transfer.destination
    userinfo, at, location = destination.rpartition("@")
    if at:
        user = userinfo.partition(":")[0]
        copy.output.file_transfer.destination = f"{user}:{MASK}@{location}"
    return copy


@contextmanager
def serve(scheduler: FakeScheduler, catalog: FakeCatalog) -> Iterator[tuple[Service, Service]]:
    """Serves both fakes on 127.0.0.1 at free ports."""

    def register_scheduler(server: grpc.Server) -> list[str]:
        scheduler_pb2_grpc.add_SchedulerServiceServicer_to_server(scheduler, server)
        return [scheduler_pb2.DESCRIPTOR.services_by_name["SchedulerService"].full_name]

    def register_catalog(server: grpc.Server) -> list[str]:
        catalog_pb2_grpc.add_CatalogServiceServicer_to_server(catalog, server)
        return [catalog_pb2.DESCRIPTOR.services_by_name["CatalogService"].full_name]

    scheduler_service = create_server("127.0.0.1:0", register_scheduler, workers=4)
    catalog_service = create_server("127.0.0.1:0", register_catalog, workers=4)
    try:
        yield scheduler_service, catalog_service
    finally:
        scheduler_service.stop(0)
        catalog_service.stop(0)

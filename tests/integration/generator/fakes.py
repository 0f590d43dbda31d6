"""Hand-written fakes of the scheduler, catalog and delivery services, on real gRPC servers.

Each records what it receives; the scheduler fake also keeps each job's stage the way the real
one would: a completed stage answers FAILED_PRECONDITION to a later claim.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc

from reportsuite.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from reportsuite.core.errors import DomainError, FailedPrecondition, NotFound
from reportsuite.core.grpc_server import Service, create_server
from reportsuite.core.settings import Settings
from reportsuite.core.timestamps import to_proto
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from reportsuite.scheduler.v1 import scheduler_pb2, scheduler_pb2_grpc


@dataclass
class Calls:
    """What a fake received, in order, with an event to wait on."""

    requests: dict[str, list[Any]] = field(default_factory=dict)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def record(self, method: str, request: object) -> None:
        with self.changed:
            self.requests.setdefault(method, []).append(request)
            self.changed.notify_all()

    def of(self, method: str) -> list[Any]:
        with self.changed:
            return list(self.requests.get(method, []))

    def wait_for(self, method: str, count: int = 1, timeout: float = 20) -> list[Any]:
        with self.changed:
            self.changed.wait_for(lambda: len(self.requests.get(method, [])) >= count, timeout)
            return list(self.requests.get(method, []))


class FakeScheduler(scheduler_pb2_grpc.SchedulerServiceServicer):
    """Grants leases on the jobs it was given; a completed or failed-for-good stage is refused."""

    def __init__(self) -> None:
        self.calls = Calls()
        self.jobs: dict[str, scheduler_pb2.Job] = {}
        self.done: set[str] = set()
        # Errors to raise, in order, the next times a method is called.
        self.errors: dict[str, list[DomainError]] = {}

    def add_job(self, job: scheduler_pb2.Job) -> None:
        self.jobs[job.name] = job

    def _next_error(self, method: str) -> None:
        queued = self.errors.get(method)
        if queued:
            raise queued.pop(0)

    def ClaimJobStage(self, request: scheduler_pb2.ClaimJobStageRequest,
                      context: grpc.ServicerContext) -> scheduler_pb2.ClaimJobStageResponse:
        self.calls.record("ClaimJobStage", request)
        self._next_error("ClaimJobStage")
        if request.name not in self.jobs:
            raise NotFound(f"job {request.name} does not exist", field="name")
        if request.name in self.done:
            raise FailedPrecondition(f"the generate stage of {request.name} is done", field="name")
        expiry = to_proto(datetime.now(UTC) + timedelta(seconds=30))
        return scheduler_pb2.ClaimJobStageResponse(job=self.jobs[request.name], lease_token=uuid.uuid4().hex,
                                                   lease_expire_time=expiry)

    def HeartbeatJobStage(self, request: scheduler_pb2.HeartbeatJobStageRequest,
                          context: grpc.ServicerContext) -> scheduler_pb2.HeartbeatJobStageResponse:
        self.calls.record("HeartbeatJobStage", request)
        self._next_error("HeartbeatJobStage")
        return scheduler_pb2.HeartbeatJobStageResponse(lease_expire_time=to_proto(datetime.now(UTC)))

    def CompleteJobStage(self, request: scheduler_pb2.CompleteJobStageRequest,
                         context: grpc.ServicerContext) -> scheduler_pb2.CompleteJobStageResponse:
        self.calls.record("CompleteJobStage", request)
        self._next_error("CompleteJobStage")
        self.done.add(request.name)
        return scheduler_pb2.CompleteJobStageResponse(job=self.jobs[request.name])

    def FailJobStage(self, request: scheduler_pb2.FailJobStageRequest,
                     context: grpc.ServicerContext) -> scheduler_pb2.FailJobStageResponse:
        self.calls.record("FailJobStage", request)
        self._next_error("FailJobStage")
        if not request.retryable:
            self.done.add(request.name)
        return scheduler_pb2.FailJobStageResponse(job=self.jobs[request.name])


class FakeCatalog(catalog_pb2_grpc.CatalogServiceServicer):
    """Registers saved reports, one per request_id, as the real catalog promises, and serves the
    output specifications a test put in ``specifications`` (by name)."""

    def __init__(self) -> None:
        self.calls = Calls()
        self.saved: dict[str, catalog_pb2.SavedReport] = {}
        self.errors: list[DomainError] = []
        self.specifications: dict[str, catalog_pb2.OutputSpecification] = {}

    def GetOutputSpecification(self, request: catalog_pb2.GetOutputSpecificationRequest,
                               context: grpc.ServicerContext) -> catalog_pb2.GetOutputSpecificationResponse:
        self.calls.record("GetOutputSpecification", request)
        if request.name not in self.specifications:
            raise NotFound(f"{request.name} does not exist", field="name")
        return catalog_pb2.GetOutputSpecificationResponse(output_specification=self.specifications[request.name])

    def CreateSavedReport(self, request: catalog_pb2.CreateSavedReportRequest,
                          context: grpc.ServicerContext) -> catalog_pb2.CreateSavedReportResponse:
        self.calls.record("CreateSavedReport", request)
        if self.errors:
            raise self.errors.pop(0)
        if request.request_id not in self.saved:
            saved = catalog_pb2.SavedReport()
            saved.CopyFrom(request.saved_report)
            saved.name = f"{request.parent}/savedReports/sr{len(self.saved) + 1}"
            self.saved[request.request_id] = saved
        return catalog_pb2.CreateSavedReportResponse(saved_report=self.saved[request.request_id])


class FakeDelivery(delivery_pb2_grpc.DeliveryServiceServicer):
    """Names files "<name at level run>_<report id>.csv", whatever the format says."""

    def __init__(self) -> None:
        self.calls = Calls()
        self.errors: list[DomainError] = []

    def PreviewFileName(self, request: delivery_pb2.PreviewFileNameRequest,
                        context: grpc.ServicerContext) -> delivery_pb2.PreviewFileNameResponse:
        self.calls.record("PreviewFileName", request)
        if self.errors:
            raise self.errors.pop(0)
        name = f"{request.context.name_at_level_run}_{request.context.report_id}.csv".replace(" ", "_")
        return delivery_pb2.PreviewFileNameResponse(file_name=name)


@dataclass
class Peers:
    """The three fakes, running, and settings that point the generator at them."""

    scheduler: FakeScheduler
    catalog: FakeCatalog
    delivery: FakeDelivery
    settings: Settings


def _serve(add: Callable[[grpc.Server], None], name: str) -> Service:
    def register(server: grpc.Server) -> list[str]:
        add(server)
        return [name]

    return create_server("127.0.0.1:0", register, workers=4)


@contextmanager
def running_peers(settings: Settings) -> Iterator[Peers]:
    """Starts the fakes on port 0 and yields them with settings addressing them."""
    scheduler, catalog, delivery = FakeScheduler(), FakeCatalog(), FakeDelivery()
    services = [
        _serve(lambda s: scheduler_pb2_grpc.add_SchedulerServiceServicer_to_server(scheduler, s),
               "reportsuite.scheduler.v1.SchedulerService"),
        _serve(lambda s: catalog_pb2_grpc.add_CatalogServiceServicer_to_server(catalog, s),
               "reportsuite.catalog.v1.CatalogService"),
        _serve(lambda s: delivery_pb2_grpc.add_DeliveryServiceServicer_to_server(delivery, s),
               "reportsuite.delivery.v1.DeliveryService"),
    ]
    addresses = [f"127.0.0.1:{service.port}" for service in services]
    pointed = replace(settings, scheduler_addr=addresses[0], catalog_addr=addresses[1], delivery_addr=addresses[2])
    try:
        yield Peers(scheduler, catalog, delivery, pointed)
    finally:
        for service in services:
            service.stop(0)

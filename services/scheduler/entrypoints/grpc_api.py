"""SchedulerService over gRPC: translates requests into JobService calls and jobs into messages."""

from __future__ import annotations

from collections.abc import Iterator

import grpc

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import timestamps
from reportsuite.core.errors import InvalidArgument
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from services.scheduler.domain.jobs import DeliveryOutcome, Job, Stage, StageResult
from services.scheduler.domain.schedule_service import ScheduleService
from services.scheduler.domain.service import JobService
from services.scheduler.entrypoints.schedule_messages import run_to_proto, schedule_to_proto, spec_from_proto

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["SchedulerService"].full_name
STAGES = {pb.STAGE_GENERATE: Stage.GENERATE, pb.STAGE_DELIVER: Stage.DELIVER}


class SchedulerServicer(scheduler_pb2_grpc.SchedulerServiceServicer):
    """Each method translates; the rules live in services.scheduler.domain."""

    def __init__(self, jobs: JobService, schedules: ScheduleService | None = None) -> None:
        self._jobs = jobs
        self._schedules = schedules

    def RunReport(self, request: pb.RunReportRequest, context: grpc.ServicerContext) -> pb.RunReportResponse:
        as_of = timestamps.from_proto(request.as_of, present=request.HasField("as_of"))
        job = self._jobs.run_report(request.report_definition, as_of, request.request_id)
        return pb.RunReportResponse(job=job_to_proto(job))

    def GetJob(self, request: pb.GetJobRequest, context: grpc.ServicerContext) -> pb.GetJobResponse:
        return pb.GetJobResponse(job=job_to_proto(self._jobs.get_job(request.name)))

    def ListJobs(self, request: pb.ListJobsRequest, context: grpc.ServicerContext) -> pb.ListJobsResponse:
        found, token = self._jobs.list_jobs(request.parent, request.report_definition, request.page_size,
                                            request.page_token)
        return pb.ListJobsResponse(jobs=[job_to_proto(job) for job in found], next_page_token=token)

    def WatchJob(self, request: pb.WatchJobRequest, context: grpc.ServicerContext) -> Iterator[pb.WatchJobResponse]:
        for job in self._jobs.watch_job(request.name, context.is_active):
            yield pb.WatchJobResponse(job=job_to_proto(job))

    def CancelJob(self, request: pb.CancelJobRequest, context: grpc.ServicerContext) -> pb.CancelJobResponse:
        return pb.CancelJobResponse(job=job_to_proto(self._jobs.cancel_job(request.name)))

    def ClaimJobStage(self, request: pb.ClaimJobStageRequest,
                      context: grpc.ServicerContext) -> pb.ClaimJobStageResponse:
        if request.stage not in STAGES:
            raise InvalidArgument("stage must be STAGE_GENERATE or STAGE_DELIVER", field="stage",
                                  rule="must be STAGE_GENERATE or STAGE_DELIVER")
        job = self._jobs.claim_stage(request.name, STAGES[request.stage], request.worker)
        assert job.lease is not None  # a granted claim always carries its lease
        return pb.ClaimJobStageResponse(job=job_to_proto(job), lease_token=job.lease.token,
                                        lease_expire_time=timestamps.to_proto(job.lease.expire_time))

    def HeartbeatJobStage(self, request: pb.HeartbeatJobStageRequest,
                          context: grpc.ServicerContext) -> pb.HeartbeatJobStageResponse:
        expire_time, cancelled = self._jobs.heartbeat_stage(request.name, request.lease_token)
        return pb.HeartbeatJobStageResponse(lease_expire_time=timestamps.to_proto(expire_time), cancelled=cancelled)

    def CompleteJobStage(self, request: pb.CompleteJobStageRequest,
                         context: grpc.ServicerContext) -> pb.CompleteJobStageResponse:
        result = StageResult(saved_report=request.saved_report, row_count=request.row_count,
                             deliveries=tuple(outcome_from_proto(o) for o in request.deliveries),
                             skipped_empty=request.skipped_empty)
        job = self._jobs.complete_stage(request.name, request.lease_token, result)
        return pb.CompleteJobStageResponse(job=job_to_proto(job))

    def FailJobStage(self, request: pb.FailJobStageRequest,
                     context: grpc.ServicerContext) -> pb.FailJobStageResponse:
        deliveries = [outcome_from_proto(o) for o in request.deliveries]
        job = self._jobs.fail_stage(request.name, request.lease_token, request.reason, request.retryable, deliveries)
        return pb.FailJobStageResponse(job=job_to_proto(job))

    # --- schedules (translation in entrypoints/schedule_messages.py) -----------------------

    @property
    def _schedule_service(self) -> ScheduleService:
        assert self._schedules is not None, "bootstrap wires the schedule use cases"
        return self._schedules

    def CreateSchedule(self, request: pb.CreateScheduleRequest,
                       context: grpc.ServicerContext) -> pb.CreateScheduleResponse:
        created = self._schedule_service.create(request.parent, spec_from_proto(request.schedule), request.request_id)
        return pb.CreateScheduleResponse(schedule=schedule_to_proto(created))

    def GetSchedule(self, request: pb.GetScheduleRequest, context: grpc.ServicerContext) -> pb.GetScheduleResponse:
        return pb.GetScheduleResponse(schedule=schedule_to_proto(self._schedule_service.get(request.name)))

    def ListSchedules(self, request: pb.ListSchedulesRequest,
                      context: grpc.ServicerContext) -> pb.ListSchedulesResponse:
        found, token = self._schedule_service.list_schedules(request.parent, request.report_definition,
                                                             request.page_size, request.page_token)
        return pb.ListSchedulesResponse(schedules=[schedule_to_proto(s) for s in found], next_page_token=token)

    def UpdateSchedule(self, request: pb.UpdateScheduleRequest,
                       context: grpc.ServicerContext) -> pb.UpdateScheduleResponse:
        updated = self._schedule_service.update(request.schedule.name, spec_from_proto(request.schedule),
                                                list(request.update_mask.paths), request.request_id)
        return pb.UpdateScheduleResponse(schedule=schedule_to_proto(updated))

    def PauseSchedule(self, request: pb.PauseScheduleRequest,
                      context: grpc.ServicerContext) -> pb.PauseScheduleResponse:
        paused = self._schedule_service.pause(request.name, request.request_id)
        return pb.PauseScheduleResponse(schedule=schedule_to_proto(paused))

    def ResumeSchedule(self, request: pb.ResumeScheduleRequest,
                       context: grpc.ServicerContext) -> pb.ResumeScheduleResponse:
        resumed = self._schedule_service.resume(request.name, request.request_id)
        return pb.ResumeScheduleResponse(schedule=schedule_to_proto(resumed))

    def DeleteSchedule(self, request: pb.DeleteScheduleRequest,
                       context: grpc.ServicerContext) -> pb.DeleteScheduleResponse:
        self._schedule_service.delete(request.name, request.request_id)
        return pb.DeleteScheduleResponse()

    def PreviewSchedule(self, request: pb.PreviewScheduleRequest,
                        context: grpc.ServicerContext) -> pb.PreviewScheduleResponse:
        spec = spec_from_proto(request.schedule) if request.HasField("schedule") else None
        start = timestamps.from_proto(request.start_time, present=request.HasField("start_time"))
        times, zone = self._schedule_service.preview(request.name, spec, request.count, start)
        return pb.PreviewScheduleResponse(fire_times=[timestamps.to_proto(t) for t in times], time_zone=zone)

    def ListRuns(self, request: pb.ListRunsRequest, context: grpc.ServicerContext) -> pb.ListRunsResponse:
        found, token = self._schedule_service.list_runs(request.parent, request.page_size, request.page_token)
        return pb.ListRunsResponse(runs=[run_to_proto(run, outcome_to_proto) for run in found],
                                   next_page_token=token)


def register(server: grpc.Server, jobs: JobService, schedules: ScheduleService | None = None) -> list[str]:
    """Adds the servicer to server; returns the service names for health and reflection."""
    scheduler_pb2_grpc.add_SchedulerServiceServicer_to_server(SchedulerServicer(jobs, schedules), server)
    return [SERVICE_NAME]


def job_to_proto(job: Job) -> pb.Job:
    return pb.Job(
        name=job.name, report_definition=job.report_definition, state=pb.Job.State.Value(f"STATE_{job.state.value}"),
        report=catalog_pb2.ReportDefinition.FromString(job.report), as_of=timestamps.to_proto(job.as_of),
        window_start=timestamps.to_proto(job.window_start), window_end=timestamps.to_proto(job.window_end),
        saved_report=job.saved_report, row_count=job.row_count,
        deliveries=[outcome_to_proto(outcome) for outcome in job.deliveries], failure_reason=job.failure_reason,
        create_time=timestamps.to_proto(job.create_time), update_time=timestamps.to_proto(job.update_time),
        attempts=job.attempts, schedule=job.schedule, skip_if_empty=job.skip_if_empty,
        incremental=(pb.IncrementalCutoffs(previous_cutoff=job.incremental.previous_cutoff,
                                           cutoff=job.incremental.cutoff) if job.incremental else None),
    )


def outcome_to_proto(outcome: DeliveryOutcome) -> pb.DeliveryOutcome:
    state = pb.DeliveryOutcome.State.DESCRIPTOR.values_by_name.get(f"STATE_{outcome.state}")
    return pb.DeliveryOutcome(
        destination=outcome.destination,
        state=pb.DeliveryOutcome.State.Name(state.number) if state else "STATE_UNSPECIFIED",
        detail=outcome.detail, attempts=outcome.attempts, file_name=outcome.file_name,
        complete_time=timestamps.to_proto(outcome.complete_time),
    )


def outcome_from_proto(outcome: pb.DeliveryOutcome) -> DeliveryOutcome:
    return DeliveryOutcome(
        destination=outcome.destination,
        state=_outcome_state(outcome.state),
        detail=outcome.detail, attempts=outcome.attempts, file_name=outcome.file_name,
        complete_time=timestamps.from_proto(outcome.complete_time, present=outcome.HasField("complete_time")),
    )


def _outcome_state(value: int) -> str:
    if value not in pb.DeliveryOutcome.State.values():
        return "UNSPECIFIED"
    return pb.DeliveryOutcome.State.Name(value).removeprefix("STATE_")

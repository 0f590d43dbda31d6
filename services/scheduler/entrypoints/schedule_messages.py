"""Translation between the schedule messages of SchedulerService and the domain's types."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from google.protobuf.duration_pb2 import Duration

from reportsuite.core import timestamps
from reportsuite.core.errors import InvalidArgument
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from services.scheduler.domain.jobs import DeliveryOutcome
from services.scheduler.domain.runs import Run
from services.scheduler.domain.schedule_service import ScheduleSpec, WeeklySpec
from services.scheduler.domain.schedules import Crontab, MisfirePolicy, Schedule, Weekly


def spec_from_proto(schedule: pb.Schedule) -> ScheduleSpec:
    """The domain's unchecked view of a Schedule message (output-only fields are ignored)."""
    timing = schedule.WhichOneof("timing")
    weekly = None
    if timing == "weekly":
        weekly = WeeklySpec(tuple(schedule.weekly.days), schedule.weekly.time, schedule.weekly.time_zone)
    policy = None
    if schedule.misfire_policy != pb.MISFIRE_POLICY_UNSPECIFIED:
        if schedule.misfire_policy not in pb.MisfirePolicy.values():
            raise InvalidArgument(f"schedule.misfire_policy {schedule.misfire_policy} is not a misfire policy",
                                  field="schedule.misfire_policy", rule="must be one of MisfirePolicy's values")
        policy = MisfirePolicy[pb.MisfirePolicy.Name(schedule.misfire_policy).removeprefix("MISFIRE_POLICY_")]
    grace = _grace(schedule) if schedule.HasField("misfire_grace_period") else None
    return ScheduleSpec(
        report_definition=schedule.report_definition, weekly=weekly,
        crontab=schedule.crontab if timing == "crontab" else None, skip_if_empty=schedule.skip_if_empty,
        misfire_policy=policy, grace=grace,
    )


def _grace(schedule: pb.Schedule) -> timedelta:
    try:
        return schedule.misfire_grace_period.ToTimedelta()
    except (OverflowError, ValueError):
        raise InvalidArgument("schedule.misfire_grace_period is not a valid duration",
                              field="schedule.misfire_grace_period",
                              rule="must be within about 2.7 million years") from None


def schedule_to_proto(schedule: Schedule) -> pb.Schedule:
    """The Schedule message of a domain schedule, its timing in the oneof."""
    message = pb.Schedule(
        name=schedule.name, report_definition=schedule.report_definition, skip_if_empty=schedule.skip_if_empty,
        paused=schedule.paused,
        misfire_policy=pb.MisfirePolicy.Value(f"MISFIRE_POLICY_{schedule.misfire_policy.value}"),
        misfire_grace_period=_duration(schedule.grace),
        next_due_time=timestamps.to_proto(schedule.next_due_time),
        create_time=timestamps.to_proto(schedule.create_time), update_time=timestamps.to_proto(schedule.update_time),
    )
    timing = schedule.timing
    if isinstance(timing, Crontab):
        message.crontab = timing.text
    elif isinstance(timing, Weekly):
        message.weekly.CopyFrom(pb.WeeklySchedule(
            days=[pb.DayOfWeek.ValueType(day) for day in timing.days], time=timing.at.strftime("%H:%M"),
            time_zone=timing.time_zone, effective_time_zone=schedule.time_zone))
    return message


def run_to_proto(run: Run, outcome_to_proto: Callable[[DeliveryOutcome], pb.DeliveryOutcome]) -> pb.Run:
    """The Run message; a run with a job shows the job's window, rows, saved report and deliveries."""
    job = run.job
    message = pb.Run(
        name=run.name, due_time=timestamps.to_proto(run.due_time), start_time=timestamps.to_proto(run.start_time),
        state=pb.Run.State.Value(f"STATE_{run.state.value}"), reason=run.why,
    )
    if job is not None:
        message.job = job.name
        message.window_start.CopyFrom(timestamps.to_proto(job.window_start))
        message.window_end.CopyFrom(timestamps.to_proto(job.window_end))
        message.row_count = job.row_count
        message.saved_report = job.saved_report
        message.deliveries.extend(outcome_to_proto(outcome) for outcome in job.deliveries)
    return message


def _duration(value: timedelta) -> Duration:
    duration = Duration()
    duration.FromTimedelta(value)
    return duration

"""The scheduler's run metrics and the span each scheduled run's trace starts with (OpenTelemetry).

Instruments come from the process's meter provider (reportsuite.core.telemetry.configure); without
one they record nothing. docs/schedules.md lists them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from opentelemetry import context as otel_context
from opentelemetry import metrics, trace

from services.scheduler.domain.jobs import Job
from services.scheduler.domain.runs import state_of
from services.scheduler.domain.schedules import Schedule

_meter = metrics.get_meter("services.scheduler")
_tracer = trace.get_tracer("services.scheduler.tick")

RUNS = _meter.create_counter(
    "reportsuite.scheduler.runs", unit="{run}",
    description="Runs of schedules, counted once per state they enter (attribute state).")
START_LAG = _meter.create_histogram(
    "reportsuite.scheduler.run.start_lag", unit="s",
    description="Seconds from a run's due time to its start (its job and outbox row committed).",
    explicit_bucket_boundaries_advisory=[0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
)
MISSED = _meter.create_counter(
    "reportsuite.scheduler.runs.missed", unit="{run}",
    description="Due times recorded as MISSED runs (attribute misfire_policy).")


class OtelRunMetrics:
    """The RunMetrics port on OpenTelemetry instruments."""

    def run_recorded(self, state: str) -> None:
        RUNS.add(1, {"state": state})

    def run_started(self, lag_seconds: float) -> None:
        START_LAG.record(max(lag_seconds, 0.0))

    def runs_missed(self, count: int, policy: str) -> None:
        MISSED.add(count, {"misfire_policy": policy})

    def job_ended(self, job: Job) -> None:
        """JobService's job_ended hook: a scheduled run's job ended, so the run did too."""
        if job.schedule:
            self.run_recorded(state_of(job.state).value)


@contextmanager
def scheduled_run_span(schedule: Schedule, due_time: datetime) -> Iterator[object]:
    """Opens the "scheduled run" span as the root of a new trace and makes it current, so the
    job's outbox row (written inside) carries its context to the workers."""
    attributes = {"schedule": schedule.name, "report_definition": schedule.report_definition,
                  "due_time": due_time.isoformat()}
    with _tracer.start_as_current_span("scheduled run", context=otel_context.Context(),
                                       kind=trace.SpanKind.PRODUCER, attributes=attributes) as span:
        yield span

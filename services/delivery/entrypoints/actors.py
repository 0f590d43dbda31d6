"""The deliver_report actor: takes a job's name and runs the deliver stage, nothing else.

The scheduler, not Dramatiq, decides about retries of a failed delivery (FailJobStage);
Dramatiq's own few retries only cover a crash of the stage itself, such as the scheduler
being unreachable when the outcome is reported.
"""

from __future__ import annotations

import dramatiq

from reportsuite.core.queue import DELIVER, build_broker
from reportsuite.core.settings import Settings
from services.delivery import bootstrap

_settings = Settings.from_env()
broker = build_broker(_settings.broker_url)

# Well under RabbitMQ's consumer timeout, so a retry never waits unacked long enough to be redelivered.
MAX_RETRIES = 3
MAX_BACKOFF_MS = 60_000


@dramatiq.actor(
    actor_name=DELIVER.actor_name,
    queue_name=DELIVER.queue_name,
    broker=broker,
    time_limit=_settings.actor_time_limit_seconds * 1000,
    max_retries=MAX_RETRIES,
    max_backoff=MAX_BACKOFF_MS,
)
def deliver_report(job_name: str) -> None:
    """Delivers the report of job ``job_name`` ("accounts/{account}/jobs/{job}")."""
    bootstrap.worker_stage().deliver(job_name)

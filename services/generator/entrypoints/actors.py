"""The generator's Dramatiq actor: a ``generate`` message carries a job's name, nothing else.

The actor only hands the name to the domain. Retries are few and short: the scheduler's
attempt count in PostgreSQL and its reaper are what bound a job, and a backoff must stay far
below RabbitMQ's consumer timeout (see ../shared/docs/pitfalls.md).
"""

from __future__ import annotations

import dramatiq

from reportsuite.core.queue import GENERATE, build_broker
from reportsuite.core.settings import Settings
from services.generator import bootstrap
from services.generator.domain import generation

settings = Settings.from_env()
broker = build_broker(settings.broker_url)


@dramatiq.actor(
    broker=broker,
    queue_name=GENERATE.queue_name,
    actor_name=GENERATE.actor_name,
    time_limit=settings.actor_time_limit_seconds * 1000,
    max_retries=3,
    min_backoff=2_000,
    max_backoff=30_000,
)
def generate_report(job_name: str) -> None:
    """Generates the report of the job named ``accounts/{account}/jobs/{job}``."""
    generation.generate_report(job_name, bootstrap.worker_generation())

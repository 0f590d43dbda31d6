"""The one place the scheduler is wired: database, clients, domain, gRPC server and loops."""

from __future__ import annotations

from reportsuite.core import clients, db, grpc_server, queue
from reportsuite.core.expiry import Expiry, expiry_loop
from reportsuite.core.settings import Settings
from services.scheduler.adapters.activity import GeneratorClient
from services.scheduler.adapters.activity_cache import CachedActivity
from services.scheduler.adapters.catalog import CatalogClient
from services.scheduler.adapters.orm import ScheduleRequestRow
from services.scheduler.adapters.publisher import publisher_for
from services.scheduler.adapters.relay import OutboxRelay
from services.scheduler.adapters.repository import OutboxStore, SqlJobStore
from services.scheduler.adapters.schedule_repository import SqlScheduleStore
from services.scheduler.adapters.telemetry import OtelRunMetrics, scheduled_run_span
from services.scheduler.domain.jobs import LeasePolicy
from services.scheduler.domain.schedule_service import ScheduleService
from services.scheduler.domain.service import JobService, utc_now
from services.scheduler.domain.tick import ScheduleTicker
from services.scheduler.entrypoints import grpc_api
from services.scheduler.entrypoints.reaper import Reaper
from services.scheduler.entrypoints.ticker import Ticker

SERVICE = "scheduler"


def start(settings: Settings, address: str | None = None) -> grpc_server.Service:
    """Migrates the schema, starts the gRPC server, the outbox relay, the reaper and the schedule tick.

    Args:
        settings: the suite's settings.
        address: where to listen; settings.scheduler_addr when None ("127.0.0.1:0" picks a port).

    Returns:
        The running service; ``service.stop(grace)`` stops the server, the loops and the engine.
    """
    engine = db.make_engine(settings.database_url)
    db.migrate(engine, SERVICE)
    sessions = db.make_sessions(engine)
    relay = OutboxRelay(OutboxStore(sessions),
                        publisher_for(queue.build_broker(settings.broker_url), settings.broker_url))
    catalog = CatalogClient(clients.catalog(settings.catalog_addr))
    activity = GeneratorClient(clients.generator(settings.generator_addr))
    policy = LeasePolicy(lease_seconds=settings.job_lease_seconds, max_attempts=settings.job_max_attempts)
    metrics = OtelRunMetrics()
    jobs = JobService(
        SqlJobStore(sessions), catalog, activity, policy,
        trace_context=queue.current_trace_context,
        outbox_written=relay.wake,
        job_ended=metrics.job_ended,
    )
    schedules = ScheduleService(SqlScheduleStore(sessions), catalog, activity, utc_now)
    # The tick's own JobService reads account zones through a short cache (adapters/activity_cache.py).
    tick_jobs = JobService(SqlJobStore(sessions), catalog, CachedActivity(activity), policy,
                           trace_context=queue.current_trace_context, outbox_written=relay.wake,
                           job_ended=metrics.job_ended)
    ticker = Ticker(ScheduleTicker(SqlScheduleStore(sessions), tick_jobs, catalog, utc_now, metrics=metrics,
                                   run_span=scheduled_run_span, runs_started=relay.wake))
    reaper = Reaper(jobs, settings.reaper_interval_seconds)
    try:
        service = grpc_server.create_server(
            address or settings.scheduler_addr, lambda server: grpc_api.register(server, jobs, schedules),
            workers=settings.grpc_workers, settings=settings,
        )
    except Exception:
        engine.dispose()
        raise
    relay.start()
    reaper.start()
    # The request_ids of schedule mutations are remembered for a while, then forgotten.
    forget = expiry_loop("request-id-expiry", lambda: engine,
                         [Expiry.of(ScheduleRequestRow, "create_time", settings.request_id_retention_days)])
    forget.start()
    ticker.start()
    service.stop_hooks.extend([ticker.stop, reaper.stop, relay.stop, forget.stop, engine.dispose])
    return service

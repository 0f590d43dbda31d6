"""The one place the scheduler is wired: database, clients, domain, gRPC server and loops."""

from __future__ import annotations

from reportsuite.core import clients, db, grpc_server, queue
from reportsuite.core.settings import Settings
from services.scheduler.adapters.activity import GeneratorClient
from services.scheduler.adapters.catalog import CatalogClient
from services.scheduler.adapters.relay import OutboxRelay
from services.scheduler.adapters.repository import OutboxStore, SqlJobStore
from services.scheduler.domain.jobs import LeasePolicy
from services.scheduler.domain.service import JobService
from services.scheduler.entrypoints import grpc_api
from services.scheduler.entrypoints.reaper import Reaper

SERVICE = "scheduler"


def start(settings: Settings, address: str | None = None) -> grpc_server.Service:
    """Migrates the schema, starts the gRPC server, the outbox relay and the reaper.

    Args:
        settings: the suite's settings.
        address: where to listen; settings.scheduler_addr when None ("127.0.0.1:0" picks a port).

    Returns:
        The running service; ``service.stop(grace)`` stops the server, the loops and the engine.
    """
    engine = db.make_engine(settings.database_url)
    db.migrate(engine, SERVICE)
    sessions = db.make_sessions(engine)
    relay = OutboxRelay(OutboxStore(sessions), queue.build_broker(settings.broker_url))
    jobs = JobService(
        SqlJobStore(sessions),
        CatalogClient(clients.catalog(settings.catalog_addr)),
        GeneratorClient(clients.generator(settings.generator_addr)),
        LeasePolicy(lease_seconds=settings.job_lease_seconds, max_attempts=settings.job_max_attempts),
        trace_context=queue.current_trace_context,
        outbox_written=relay.wake,
    )
    reaper = Reaper(jobs, settings.reaper_interval_seconds)
    try:
        service = grpc_server.create_server(
            address or settings.scheduler_addr, lambda server: grpc_api.register(server, jobs),
            workers=settings.grpc_workers,
        )
    except Exception:
        engine.dispose()
        raise
    relay.start()
    reaper.start()
    service.stop_hooks.extend([reaper.stop, relay.stop, engine.dispose])
    return service

"""The generator's one wiring place: database, gRPC server, clients and Dramatiq worker."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import dramatiq
import dramatiq.cli
import dramatiq.worker
import grpc
from sqlalchemy import Engine

from reportsuite.core import clients, db
from reportsuite.core.filestore import FileStore
from reportsuite.core.grpc_server import Service, create_server
from reportsuite.core.queue import GENERATE, build_broker
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2_grpc
from services.generator.adapters.clients import CatalogSavedReports, DeliveryFileNamer, SchedulerStages
from services.generator.adapters.report_query import PostgresReportWriter
from services.generator.adapters.repository import ActivityRepository
from services.generator.domain.generation import Generation
from services.generator.domain.statuses import STATUSES
from services.generator.entrypoints.grpc_api import SERVICE_NAME, GeneratorServicer

log = logging.getLogger(__name__)

SERVICE = "generator"
ACTORS_MODULE = "services.generator.entrypoints.actors"
REPO_ROOT = Path(__file__).resolve().parents[2]


def prepare_database(engine: Engine) -> None:
    """Migrates the schema and upserts the statuses table from the domain's data."""
    db.migrate(engine, SERVICE)
    ActivityRepository(engine).sync_statuses(STATUSES)


def start(settings: Settings, address: str | None = None) -> Service:
    """Migrates, then serves GeneratorService on address (default: the generator's own)."""
    engine = db.make_engine(settings.database_url)
    prepare_database(engine)
    servicer = GeneratorServicer(ActivityRepository(engine))

    def register(server: grpc.Server) -> list[str]:
        generator_pb2_grpc.add_GeneratorServiceServicer_to_server(servicer, server)
        return [SERVICE_NAME]

    service = create_server(address or settings.generator_addr, register, workers=settings.grpc_workers)
    service.stop_hooks.append(engine.dispose)
    log.info("generator serving on port %s", service.port)
    return service


def build_generation(settings: Settings) -> tuple[Generation, Callable[[], None]]:
    """Wires the generate stage to the real adapters; returns it and what releases them."""
    engine = db.make_engine(settings.database_url, pool_size=4)
    generation = Generation(
        stages=SchedulerStages(clients.scheduler(settings.scheduler_addr)),
        activity=ActivityRepository(engine),
        reports=PostgresReportWriter(engine),
        artifacts=FileStore(settings.file_store),
        file_namer=DeliveryFileNamer(clients.delivery(settings.delivery_addr)),
        saved_reports=CatalogSavedReports(clients.catalog(settings.catalog_addr)),
        heartbeat_seconds=settings.job_lease_seconds / 3,
    )
    return generation, engine.dispose


_worker_lock = threading.Lock()
_worker: tuple[Generation, Callable[[], None]] | None = None


def worker_generation() -> Generation:
    """The generate stage the actor uses: set by start_worker, else built once from the environment."""
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = build_generation(Settings.from_env())
        return _worker[0]


def _install_worker(settings: Settings) -> None:
    global _worker
    with _worker_lock:
        if _worker is not None:
            _worker[1]()
        _worker = build_generation(settings)


def _release_worker() -> None:
    global _worker
    with _worker_lock:
        if _worker is not None:
            _worker[1]()
            _worker = None


def start_worker(settings: Settings, threads: int = 2) -> Callable[[], None]:
    """Starts an in-process Dramatiq worker on the generate queue; returns what stops it."""
    _install_worker(settings)
    from services.generator.entrypoints import actors  # importing declares the actor

    broker = build_broker(settings.broker_url)
    if GENERATE.actor_name not in broker.get_declared_actors():
        broker.declare_actor(actors.generate_report)
    worker = dramatiq.Worker(broker, queues={GENERATE.queue_name}, worker_threads=threads)
    # A prefetch above the thread count let a stale ack hit the wrong message after a channel
    # recovery (pitfalls.md); keep at most one waiting message per thread.
    worker.queue_prefetch = threads
    worker.start()

    def stop() -> None:
        worker.stop()
        _release_worker()

    return stop


def run_worker(settings: Settings, processes: int, threads: int) -> int:
    """Runs Dramatiq's own CLI on the generate queue (the `worker` subcommand); returns its exit code."""
    os.environ["dramatiq_queue_prefetch"] = str(threads)  # noqa: SIM112 - Dramatiq reads this lower-case name
    # dramatiq.worker read the variable at import, and forked workers inherit this process's copy.
    dramatiq.worker.QUEUE_PREFETCH = threads
    log.info("generator worker: %s processes x %s threads on %s", processes, threads, settings.broker_url)
    arguments = dramatiq.cli.make_argument_parser().parse_args([
        ACTORS_MODULE, "--processes", str(processes), "--threads", str(threads),
        "--queues", GENERATE.queue_name, "--path", str(REPO_ROOT),
        # Logging is configured once by __main__; Dramatiq would add a second handler.
        "--skip-logging",
    ])
    return int(dramatiq.cli.main(arguments) or 0)

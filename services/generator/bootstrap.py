"""The generator's one wiring place: database, gRPC server, clients and Dramatiq worker."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import grpc
from sqlalchemy import Engine

from reportsuite.core import clients, db
from reportsuite.core.filestore import FileStore
from reportsuite.core.grpc_server import Service, create_server
from reportsuite.core.queue import GENERATE
from reportsuite.core.settings import Settings
from reportsuite.core.workers import WorkerWiring, run_cli, start_inprocess
from reportsuite.generator.v1 import generator_pb2_grpc
from services.generator.adapters.clients import (
    CatalogOutputSpecifications,
    CatalogSavedReports,
    DeliveryFileNamer,
    SchedulerStages,
)
from services.generator.adapters.report_query import PostgresReportWriter
from services.generator.adapters.repository import ActivityRepository
from services.generator.adapters.trace_query import TraceRepository
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
    servicer = GeneratorServicer(ActivityRepository(engine), TraceRepository(engine))

    def register(server: grpc.Server) -> list[str]:
        generator_pb2_grpc.add_GeneratorServiceServicer_to_server(servicer, server)
        return [SERVICE_NAME]

    service = create_server(address or settings.generator_addr, register, workers=settings.grpc_workers,
                            settings=settings)
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
        specifications=CatalogOutputSpecifications(clients.catalog(settings.catalog_addr)),
    )
    return generation, engine.dispose


# The generate stage the actor calls: installed by start_worker, else built from the environment.
WIRING: WorkerWiring[Generation] = WorkerWiring(build_generation)


def worker_generation() -> Generation:
    """The generate stage the actor uses."""
    return WIRING.get()


def start_worker(settings: Settings, threads: int = 2) -> Callable[[], None]:
    """Starts an in-process Dramatiq worker on the generate queue; returns what stops it."""
    return start_inprocess(settings, GENERATE, ACTORS_MODULE, WIRING, threads)


def run_worker(settings: Settings, processes: int, threads: int) -> int:
    """Runs Dramatiq's own CLI on the generate queue (the `worker` subcommand)."""
    log.info("generator worker: %s processes x %s threads", processes, threads)
    return run_cli(GENERATE, ACTORS_MODULE, processes, threads)

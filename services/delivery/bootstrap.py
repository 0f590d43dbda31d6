"""The one wiring place of the delivery service: gRPC server, deliver stage and worker."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import dramatiq
import dramatiq.cli
import dramatiq.worker
import grpc

from reportsuite.core import clients, db
from reportsuite.core.filestore import FileStore
from reportsuite.core.grpc_server import Service, create_server
from reportsuite.core.queue import DELIVER, build_broker
from reportsuite.core.settings import Settings
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from services.delivery.adapters.files import StoredFiles
from services.delivery.adapters.ftp import FtpTransfer
from services.delivery.adapters.repository import DeliveryRepository
from services.delivery.adapters.services import CatalogReader, SchedulerStages
from services.delivery.adapters.sftp import SftpTransfer
from services.delivery.adapters.smtp import SmtpMailer
from services.delivery.domain.deliver import DeliverStage, Ports
from services.delivery.entrypoints.grpc_api import DeliveryServicer

SERVICE = "delivery"
ACTORS_MODULE = "services.delivery.entrypoints.actors"

_stage_lock = threading.Lock()
_stage: DeliverStage | None = None


def migrate(settings: Settings) -> None:
    """Brings the delivery schema to its newest revision."""
    engine = db.make_engine(settings.database_url, pool_size=1)
    try:
        db.migrate(engine, SERVICE)
    finally:
        engine.dispose()


def start(settings: Settings, address: str | None = None) -> Service:
    """Migrates the schema and starts the gRPC server (non-blocking); ``service.stop`` releases all."""
    migrate(settings)

    def register(server: grpc.Server) -> list[str]:
        delivery_pb2_grpc.add_DeliveryServiceServicer_to_server(DeliveryServicer(), server)
        return [delivery_pb2.DESCRIPTOR.services_by_name["DeliveryService"].full_name]

    return create_server(address or settings.delivery_addr, register, workers=settings.grpc_workers)


def build_stage(settings: Settings) -> tuple[DeliverStage, Callable[[], None]]:
    """Wires the deliver stage on real adapters; returns it with the function that releases them."""
    engine = db.make_engine(settings.database_url, pool_size=4)
    ports = Ports(
        stages=SchedulerStages(clients.scheduler(settings.scheduler_addr)),
        catalog=CatalogReader(clients.catalog(settings.catalog_addr)),
        files=StoredFiles(FileStore(settings.file_store)),
        store=DeliveryRepository(engine),
        mailer=SmtpMailer(settings.smtp_host, settings.smtp_port, settings.smtp_sender, settings.smtp_timeout_seconds),
        transfers={
            "sftp": SftpTransfer(settings.sftp_known_hosts, settings.transfer_timeout_seconds),
            "ftp": FtpTransfer(settings.transfer_timeout_seconds),
        },
        # A third of the lease: two heartbeats may be missed before it lapses.
        heartbeat_seconds=settings.job_lease_seconds / 3,
    )
    return DeliverStage(ports), engine.dispose


def worker_stage() -> DeliverStage:
    """The stage the actors use: the one start_worker installed, else one wired from the environment."""
    global _stage
    with _stage_lock:
        if _stage is None:
            _stage, _ = build_stage(Settings.from_env())
        return _stage


def start_worker(settings: Settings, threads: int = 2) -> Callable[[], None]:
    """Starts an in-process Dramatiq worker on the "deliver" queue; returns the function that stops it."""
    global _stage
    broker = build_broker(settings.broker_url)
    import services.delivery.entrypoints.actors  # noqa: F401  (declares the actor on the broker)

    stage, release = build_stage(settings)
    with _stage_lock:
        _stage = stage
    worker = dramatiq.Worker(broker, worker_threads=threads, queues={DELIVER.queue_name})
    # Prefetch equal to the threads: no message waits unacked behind a busy thread (see pitfalls).
    worker.queue_prefetch = threads
    worker.start()

    def stop() -> None:
        global _stage
        worker.stop()
        with _stage_lock:
            if _stage is stage:
                _stage = None
        release()

    return stop


def run_worker(settings: Settings, processes: int, threads: int) -> int:
    """Runs Dramatiq's own CLI on the actors module; prefetch equals threads (see pitfalls)."""
    migrate(settings)
    # Dramatiq reads this lower-case variable once, at import: spawned children read the
    # environment, forked ones inherit the module global, so both are set.
    os.environ["dramatiq_queue_prefetch"] = str(threads)  # noqa: SIM112 (Dramatiq's own name)
    dramatiq.worker.QUEUE_PREFETCH = threads
    parser = dramatiq.cli.make_argument_parser()
    args = parser.parse_args([
        ACTORS_MODULE, "--processes", str(processes), "--threads", str(threads), "--queues", DELIVER.queue_name,
    ])
    return int(dramatiq.cli.main(args) or 0)


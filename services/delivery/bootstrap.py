"""The one wiring place of the delivery service: gRPC server, deliver stage and worker."""

from __future__ import annotations

from collections.abc import Callable

import grpc

from reportsuite.core import clients, db
from reportsuite.core.filestore import FileStore
from reportsuite.core.grpc_server import Service, create_server
from reportsuite.core.queue import DELIVER
from reportsuite.core.settings import Settings
from reportsuite.core.workers import WorkerWiring, run_cli, start_inprocess
from reportsuite.delivery.v1 import delivery_pb2, delivery_pb2_grpc
from services.delivery.adapters.files import StoredFiles
from services.delivery.adapters.ftp import FtpTransfer
from services.delivery.adapters.host_keys import HostKeyRepository, SshKeyScanner
from services.delivery.adapters.packaging import StreamPackager
from services.delivery.adapters.repository import DeliveryRepository
from services.delivery.adapters.services import CatalogReader, SchedulerStages
from services.delivery.adapters.sftp import SftpTransfer
from services.delivery.adapters.smtp import SmtpMailer
from services.delivery.domain.deliver import DeliverStage, Ports
from services.delivery.domain.host_keys import HostKeys
from services.delivery.entrypoints.grpc_api import DeliveryServicer

SERVICE = "delivery"
ACTORS_MODULE = "services.delivery.entrypoints.actors"

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
    engine = db.make_engine(settings.database_url, pool_size=2)
    host_keys = HostKeys(HostKeyRepository(engine), SshKeyScanner(settings.transfer_timeout_seconds))

    def register(server: grpc.Server) -> list[str]:
        delivery_pb2_grpc.add_DeliveryServiceServicer_to_server(DeliveryServicer(host_keys), server)
        return [delivery_pb2.DESCRIPTOR.services_by_name["DeliveryService"].full_name]

    try:
        service = create_server(address or settings.delivery_addr, register, workers=settings.grpc_workers,
                                settings=settings)
    except BaseException:
        engine.dispose()
        raise
    service.stop_hooks.append(engine.dispose)
    return service


def build_stage(settings: Settings) -> tuple[DeliverStage, Callable[[], None]]:
    """Wires the deliver stage on real adapters; returns it with the function that releases them."""
    engine = db.make_engine(settings.database_url, pool_size=4)
    ports = Ports(
        stages=SchedulerStages(clients.scheduler(settings.scheduler_addr)),
        catalog=CatalogReader(clients.catalog(settings.catalog_addr)),
        files=StoredFiles(FileStore(settings.file_store)),
        store=DeliveryRepository(engine),
        mailer=SmtpMailer(settings.smtp_host, settings.smtp_port, settings.smtp_sender, settings.smtp_timeout_seconds,
                          settings.smtp_username, settings.smtp_password),
        transfers={
            "sftp": SftpTransfer(HostKeyRepository(engine), settings.sftp_known_hosts,
                                 settings.transfer_timeout_seconds),
            "ftp": FtpTransfer(settings.transfer_timeout_seconds),
            "ftps": FtpTransfer(settings.transfer_timeout_seconds, tls=True, ca_file=settings.ftps_ca_file),
        },
        # A third of the lease: two heartbeats may be missed before it lapses.
        heartbeat_seconds=settings.job_lease_seconds / 3,
        packager=StreamPackager(),
        max_attachment_bytes=settings.email_max_attachment_bytes,
    )
    return DeliverStage(ports), engine.dispose


# The deliver stage the actor calls: installed by start_worker, else built from the environment.
WIRING: WorkerWiring[DeliverStage] = WorkerWiring(build_stage)


def worker_stage() -> DeliverStage:
    """The deliver stage the actor uses."""
    return WIRING.get()


def start_worker(settings: Settings, threads: int = 2) -> Callable[[], None]:
    """Starts an in-process Dramatiq worker on the deliver queue; returns what stops it."""
    return start_inprocess(settings, DELIVER, ACTORS_MODULE, WIRING, threads)


def run_worker(settings: Settings, processes: int, threads: int) -> int:
    """Runs Dramatiq's own CLI on the deliver queue (the `worker` subcommand)."""
    migrate(settings)
    return run_cli(DELIVER, ACTORS_MODULE, processes, threads)

"""The catalog's one wiring place: database, artifact store, delivery client and gRPC server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc

from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import clients, db, grpc_server
from reportsuite.core.expiry import Expiry, expiry_loop
from reportsuite.core.filestore import FileStore
from reportsuite.core.settings import Settings
from reportsuite.delivery.v1 import delivery_pb2_grpc
from services.catalog.adapters.delivery import DeliveryOutputChecker
from services.catalog.adapters.openpgp import PgpyInspector
from services.catalog.adapters.orm import DeleteRequestRow
from services.catalog.adapters.pgp_key_repository import SqlPgpKeyRepository
from services.catalog.adapters.repository import SqlCatalogRepository
from services.catalog.adapters.retention_repository import SqlExpiredSavedReports
from services.catalog.adapters.secrets import SecretBox, reseal
from services.catalog.adapters.spec_repository import SqlSpecificationRepository
from services.catalog.adapters.telemetry import watch_purge_backlog
from services.catalog.domain.definitions import ReportDefinitions
from services.catalog.domain.pgp_keys import PgpKeys
from services.catalog.domain.retention import RetentionPurge
from services.catalog.domain.saved_reports import SavedReports
from services.catalog.domain.specifications import OutputSpecifications
from services.catalog.entrypoints.grpc_api import SERVICE_NAME, CatalogServicer
from services.catalog.entrypoints.retention import retention_sweeper

SERVICE = "catalog"


def _now() -> datetime:
    return datetime.now(UTC)


def start(settings: Settings, address: str | None = None) -> grpc_server.Service:
    """Migrates the catalog's schema and starts its gRPC server; returns without blocking.

    Args:
        settings: the suite's settings.
        address: host:port to bind; settings.catalog_addr when None ("127.0.0.1:0" picks a free port).

    Returns:
        The running service; its stop_hooks close the delivery channel and dispose of the engine.
    """
    engine = db.make_engine(settings.database_url)
    delivery_channel: grpc.Channel | None = None
    try:
        db.migrate(engine, SERVICE)
        secrets = SecretBox(settings.secrets_key)
        reseal(db.make_sessions(engine), secrets)
        repository = SqlCatalogRepository(db.make_sessions(engine), secrets)
        # core.clients.channel rather than core.clients.delivery: the same traced channel, but kept
        # here so stopping the service can close it.
        delivery_channel = clients.channel(settings.delivery_addr)
        checker = DeliveryOutputChecker(delivery_pb2_grpc.DeliveryServiceStub(delivery_channel))
        specifications = OutputSpecifications(SqlSpecificationRepository(db.make_sessions(engine)), _now)
        pgp_keys = PgpKeys(SqlPgpKeyRepository(db.make_sessions(engine)), PgpyInspector(), _now)
        definitions = ReportDefinitions(repository, checker, _now, specifications=specifications, pgp_keys=pgp_keys)
        saved_reports = SavedReports(repository, FileStore(settings.file_store),
                                     timedelta(days=settings.retention_days), _now)
        servicer = CatalogServicer(definitions, saved_reports, specifications=specifications, pgp_keys=pgp_keys)

        def register(server: grpc.Server) -> list[str]:
            catalog_pb2_grpc.add_CatalogServiceServicer_to_server(servicer, server)
            return [SERVICE_NAME]

        service = grpc_server.create_server(address or settings.catalog_addr, register,
                                            workers=settings.grpc_workers, settings=settings)
    except BaseException:
        if delivery_channel is not None:
            delivery_channel.close()
        engine.dispose()
        raise
    # Retention: purge expired saved reports and their files now and every few minutes.
    purge = RetentionPurge(SqlExpiredSavedReports(db.make_sessions(engine)), FileStore(settings.file_store), _now)
    sweeper = retention_sweeper(purge, settings.retention_sweep_seconds)
    sweeper.start()
    unwatch = watch_purge_backlog(purge.backlog)
    # The request_ids of deletes are remembered for a while, then forgotten.
    forget = expiry_loop("request-id-expiry", lambda: engine,
                         [Expiry.of(DeleteRequestRow, "create_time", settings.request_id_retention_days)])
    forget.start()
    service.stop_hooks.extend([unwatch, sweeper.stop, forget.stop, delivery_channel.close, engine.dispose])
    return service

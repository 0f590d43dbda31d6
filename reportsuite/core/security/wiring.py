"""Builds a server's security from the settings: what ``core.grpc_server.create_server`` installs."""

from __future__ import annotations

import re
import threading

import grpc
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from reportsuite.audit.v1 import audit_pb2_grpc
from reportsuite.core.errors import Unavailable
from reportsuite.core.expiry import Expiry, expiry_loop
from reportsuite.core.loops import BackgroundLoop
from reportsuite.core.security.audit_api import SERVICE_NAME as AUDIT_SERVICE_NAME
from reportsuite.core.security.audit_api import AuditServicer
from reportsuite.core.security.audit_store import AuditLog, audit_table
from reportsuite.core.security.credentials import as_service
from reportsuite.core.security.interceptor import SecurityInterceptor
from reportsuite.core.security.tenancy import EnterpriseDirectory
from reportsuite.core.security.tokens import TokenRegistry
from reportsuite.core.settings import Settings

_SUITE_SERVICE = re.compile(r"reportsuite\.([a-z]+)\.v1\.")
LOOKUP_TIMEOUT_SECONDS = 10.0


class GeneratorAccounts:
    """Asks the generator, which owns accounts, for an account's enterprise (as this service)."""

    def __init__(self, address: str) -> None:
        self._address = address
        self._lock = threading.Lock()
        self._channel: grpc.Channel | None = None

    def enterprise(self, account: str) -> str | None:
        # Imported here: core.clients imports core.grpc_server, which imports this module.
        from reportsuite.core import clients
        from reportsuite.generator.v1 import generator_pb2, generator_pb2_grpc

        with self._lock:
            if self._channel is None:
                self._channel = clients.channel(self._address)
            stub = generator_pb2_grpc.GeneratorServiceStub(self._channel)
        try:
            with as_service():
                found = stub.GetAccount(generator_pb2.GetAccountRequest(name=f"accounts/{account}"),
                                        timeout=LOOKUP_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            if error.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT):
                return None
            raise Unavailable("the generator did not say which enterprise the account belongs to") from None
        return found.account.enterprise or None

    def close(self) -> None:
        with self._lock:
            if self._channel is not None:
                self._channel.close()
                self._channel = None


class ServerSecurity:
    """The interceptor, audit log and AuditService of one server."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._accounts = GeneratorAccounts(settings.generator_addr)
        self.interceptor = SecurityInterceptor(TokenRegistry(settings.tokens_file),
                                               EnterpriseDirectory(self._accounts.enterprise))
        self.audit: AuditLog | None = None
        self._expiry: BackgroundLoop | None = None

    def register(self, server: grpc.Server, service_names: list[str]) -> list[str]:
        """Adds AuditService beside the suite service the server serves; returns its name (or none)."""
        schema = next((m.group(1) for m in map(_SUITE_SERVICE.match, service_names) if m), "")
        if not schema:
            return []  # a bare server (tests' stand-ins for unreachable services) has nothing to audit
        url = self._settings.database_url
        # No pool: the writer opens a connection per batch and holds none while idle, so a server
        # that audits rarely never keeps PostgreSQL connections of its own open.
        self.audit = AuditLog(lambda: sa.create_engine(url, poolclass=NullPool), schema)
        self.interceptor.bind(schema, self.audit)
        audit_pb2_grpc.add_AuditServiceServicer_to_server(AuditServicer(self.audit), server)
        if self._settings.audit_retention_days > 0:
            expiry = Expiry(audit_table(self.audit.schema), "time", self._settings.audit_retention_days)
            self._expiry = expiry_loop(f"audit-expiry-{schema}", self.audit.engine, [expiry])
            self._expiry.start()
        return [AUDIT_SERVICE_NAME]

    def close(self) -> None:
        if self._expiry is not None:
            self._expiry.stop()
        if self.audit is not None:
            self.audit.close()
        self._accounts.close()

"""Pinned SSH host keys: their SQL (the ``host_keys`` table) and reading a server's offered key."""

from __future__ import annotations

import socket

import paramiko
from sqlalchemy import Engine, and_, delete, or_, select
from sqlalchemy.dialects.postgresql import insert

from reportsuite.core.db import make_sessions, transaction
from reportsuite.core.errors import Unavailable
from services.delivery.adapters.orm import HostKeyRow
from services.delivery.domain.host_keys import HostKey, OfferedKey


class HostKeyRepository:
    """The HostKeyStore port, and the SFTP adapter's lookup of an account's pins."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = make_sessions(engine)

    def get(self, account: str, host: str, port: int) -> HostKey | None:
        with self._sessions() as session:
            row = session.scalars(select(HostKeyRow).where(
                HostKeyRow.account == account, HostKeyRow.host == host, HostKeyRow.port == port)).first()
            return None if row is None else _key(row)

    def by_request(self, account: str, request_id: str) -> HostKey | None:
        with self._sessions() as session:
            row = session.scalars(select(HostKeyRow).where(
                HostKeyRow.account == account, HostKeyRow.request_id == request_id)).first()
            return None if row is None else _key(row)

    def add(self, key: HostKey, request_id: str) -> HostKey:
        statement = insert(HostKeyRow).values(
            account=key.account, host=key.host, port=key.port, key_type=key.key.key_type, key_blob=key.key.blob,
            fingerprint=key.key.fingerprint, request_id=request_id or None,
        ).on_conflict_do_nothing()
        with transaction(self._sessions) as session:
            session.execute(statement)
        stored = self.get(key.account, key.host, key.port)
        assert stored is not None  # inserted, or pinned before (a pin is only removed by delete)
        return stored

    def page(self, account: str, after: tuple[str, int] | None, limit: int) -> list[HostKey]:
        query = select(HostKeyRow).where(HostKeyRow.account == account)
        if after is not None:
            host, port = after
            query = query.where(or_(HostKeyRow.host > host, and_(HostKeyRow.host == host, HostKeyRow.port > port)))
        query = query.order_by(HostKeyRow.host, HostKeyRow.port).limit(limit)
        with self._sessions() as session:
            return [_key(row) for row in session.scalars(query)]

    def delete(self, account: str, host: str, port: int) -> bool:
        statement = delete(HostKeyRow).where(
            HostKeyRow.account == account, HostKeyRow.host == host, HostKeyRow.port == port)
        with transaction(self._sessions) as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def _key(row: HostKeyRow) -> HostKey:
    return HostKey(row.account, row.host, row.port, OfferedKey(row.key_type, row.key_blob), row.create_time)


class SshKeyScanner:
    """Reads the host key an SSH server offers, like ``ssh-keyscan``: no authentication, nothing trusted."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def fetch(self, host: str, port: int) -> OfferedKey:
        try:
            sock = socket.create_connection((host, port), timeout=self.timeout)
        except OSError as error:
            raise Unavailable(f"{host}:{port} could not be reached: {_reason(error)}", field="host",
                              rule="the SSH server must be reachable from the delivery service") from None
        transport = paramiko.Transport(sock)
        transport.banner_timeout = self.timeout
        transport.handshake_timeout = self.timeout
        try:
            transport.start_client(timeout=self.timeout)
            key = transport.get_remote_server_key()
            return OfferedKey(key.get_name(), key.get_base64())
        except (paramiko.SSHException, OSError, EOFError) as error:
            raise Unavailable(f"{host}:{port} did not complete an SSH handshake: {_reason(error)}", field="host",
                              rule="the server must speak SSH") from None
        finally:
            transport.close()
            sock.close()


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    return str(error) or type(error).__name__

"""Real SFTP and SMTP servers on 127.0.0.1 for tests, each on a free port.

    with sftp_server(tmp_path) as sftp:        # asyncssh, password auth, chrooted at tmp_path
        known_hosts.write_text(sftp.known_hosts_line + "\\n")
    with smtp_server(reject={"x@example.com": 550}) as smtp:   # aiosmtpd
        ... smtp.messages, smtp.envelopes

Both run on background threads and stop cleanly when the ``with`` block ends.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import warnings
from collections.abc import Coroutine, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

import asyncssh
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

HOST = "127.0.0.1"
_T = TypeVar("_T")


@dataclass(frozen=True)
class SftpServer:
    """A running SFTP server; ``known_hosts_line`` pins its host key in OpenSSH known_hosts form."""

    host: str
    port: int
    known_hosts_line: str
    username: str
    password: str
    root: Path


@dataclass
class SmtpServer:
    """A running SMTP server and what it accepted.

    ``messages`` holds every accepted message in order; ``envelopes`` the same messages with
    their envelope recipients, as ``(rcpt_tos, message)``. ``reject`` maps a recipient
    (any case) to the reply code its RCPT TO gets; tests may change it while the server runs.
    """

    host: str
    port: int
    reject: dict[str, int] = field(default_factory=dict)
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    def recipients(self) -> list[str]:
        """Every envelope recipient of every accepted message, in order."""
        return [rcpt for rcpt_tos, _ in self.envelopes for rcpt in rcpt_tos]


class _LoopThread:
    """An asyncio event loop on a daemon thread, for servers that need one."""

    def __init__(self, name: str) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, _T], timeout: float = 10.0) -> _T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        self.run(self._cancel_pending())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.loop.close()

    @staticmethod
    async def _cancel_pending() -> None:
        current = asyncio.current_task()
        pending = [task for task in asyncio.all_tasks() if task is not current]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


class _PasswordServer(asyncssh.SSHServer):
    def __init__(self, username: str, password: str, connections: set[asyncssh.SSHServerConnection]) -> None:
        self._username = username
        self._password = password
        self._connections = connections
        self._connection: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._connection = conn
        self._connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        self._connections.discard(self._connection)  # type: ignore[arg-type]

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return username == self._username and password == self._password


async def _listen(root: Path, username: str, password: str, host_key: asyncssh.SSHKey,
                  connections: set[asyncssh.SSHServerConnection]) -> asyncssh.SSHAcceptor:
    return await asyncssh.create_server(
        lambda: _PasswordServer(username, password, connections), HOST, 0,
        server_host_keys=[host_key],
        sftp_factory=lambda channel: asyncssh.SFTPServer(channel, chroot=str(root).encode()),
        allow_scp=False,
    )


async def _shut(acceptor: asyncssh.SSHAcceptor, connections: set[asyncssh.SSHServerConnection]) -> None:
    acceptor.close()
    await acceptor.wait_closed()
    for connection in list(connections):
        connection.close()
        await connection.wait_closed()


@contextmanager
def sftp_server(root: Path, username: str = "reports", password: str = "s3cret") -> Iterator[SftpServer]:
    """Runs an SSH server with only SFTP, password auth and the file system chrooted at ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    loop = _LoopThread("sftp-server")
    try:
        connections: set[asyncssh.SSHServerConnection] = set()
        acceptor = loop.run(_listen(root, username, password, host_key, connections))
        port = acceptor.get_port()
        key_type, key_data = host_key.export_public_key("openssh").decode().split()[:2]
        try:
            yield SftpServer(HOST, port, f"[{HOST}]:{port} {key_type} {key_data}", username, password, root)
        finally:
            loop.run(_shut(acceptor, connections))
    finally:
        loop.close()


class _RecordingHandler:
    def __init__(self, server: SmtpServer) -> None:
        self._server = server
        self._lock = threading.Lock()

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str],
    ) -> str:
        reject = {rcpt.lower(): code for rcpt, code in self._server.reject.items()}
        code = reject.get(address.lower())
        if code is not None:
            text = "try again later" if 400 <= code < 500 else "mailbox unavailable"
            return f"{code} {text}: {address}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content or b""
        raw = content if isinstance(content, bytes) else content.encode()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self._server.messages.append(message)
            self._server.envelopes.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class _Authenticator:
    """Accepts SMTP AUTH with exactly one user and password."""

    def __init__(self, user: str, password: str) -> None:
        self._expected = (user.encode(), password.encode())

    def __call__(self, server: SMTP, session: Session, envelope: Envelope, mechanism: str,
                 auth_data: Any) -> AuthResult:
        given = (getattr(auth_data, "login", None), getattr(auth_data, "password", None))
        return AuthResult(success=given == self._expected, handled=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(reject: Mapping[str, int] | None = None,
                credentials: tuple[str, str] | None = None) -> Iterator[SmtpServer]:
    """Runs an SMTP server that accepts every message, except recipients in ``reject``.

    Args:
        reject: recipient address -> reply code for RCPT TO, such as 550 (permanent) or 451
            (try again later).
        credentials: (user, password) the server then requires by SMTP AUTH (on plaintext: test only).
    """
    server = SmtpServer(HOST, _free_port(), reject=dict(reject or {}))
    auth: dict[str, Any] = {}
    if credentials is not None:
        # AUTH offered on plaintext (test only); "required" is left off, as aiosmtpd warns about it.
        auth = {"auth_require_tls": False, "authenticator": _Authenticator(*credentials)}
    controller = Controller(_RecordingHandler(server), hostname=HOST, port=server.port, **auth)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@dataclass(frozen=True)
class FtpServer:
    """A running FTP server (passive mode on 127.0.0.1)."""

    host: str
    port: int
    username: str
    password: str
    root: Path


@contextmanager
def ftp_server(root: Path, username: str = "reports", password: str = "s3cret",
               tls_certificate: Path | None = None) -> Iterator[FtpServer]:
    """Runs a pyftpdlib FTP server with one user whose home is ``root`` (full permissions).

    With ``tls_certificate`` (a PEM file holding the certificate and its key) it is an FTPS server
    (explicit TLS) that refuses to log in or move data without TLS.
    """
    # pyftpdlib is built on asyncore, whose import warns on Python 3.11; imported here, and
    # only that warning silenced, so importing this module stays warning-free.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The (asyncore|asynchat) module is deprecated", DeprecationWarning)
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
        from pyftpdlib.servers import FTPServer
    root.mkdir(parents=True, exist_ok=True)
    authorizer = DummyAuthorizer()
    authorizer.add_user(username, password, str(root), perm="elradfmwMT")
    # A refused login answers at once instead of after pyftpdlib's 3 s brute-force delay.
    attributes: dict[str, object] = {"authorizer": authorizer, "auth_failed_timeout": 0.1}
    base: type = FTPHandler
    if tls_certificate is not None:
        base = TLS_FTPHandler
        attributes.update(certfile=str(tls_certificate), tls_control_required=True, tls_data_required=True)
    handler = type("Handler", (base,), attributes)
    server = FTPServer((HOST, 0), handler)
    stopping = threading.Event()

    def serve() -> None:
        # The IO loop is not thread-safe: it is polled here and closed by the same thread.
        while not stopping.is_set():
            server.serve_forever(timeout=0.05, blocking=False, handle_exit=False)
        server.close_all()

    thread = threading.Thread(target=serve, name="ftp-server", daemon=True)
    thread.start()
    try:
        yield FtpServer(HOST, server.address[1], username, password, root)
    finally:
        stopping.set()
        thread.join(timeout=10)

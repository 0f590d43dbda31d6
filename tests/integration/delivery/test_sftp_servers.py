"""SFTP uploads against OpenSSH's sshd and the asyncssh server, with and without declared write limits.

The upload writes requests as large as the server declares it takes (limits@openssh.com) and
32 KiB, the size every server must take, when a server declares nothing; each server here must
end up with the exact bytes under the final name and nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import asyncssh
import paramiko
import pytest

from services.delivery.adapters import sftp as sftp_adapter
from services.delivery.adapters.sftp import SftpTransfer
from services.delivery.domain.destinations import parse_transfer
from services.delivery.domain.host_keys import HostKey, OfferedKey
from services.delivery.domain.model import SendError
from tests.support.openssh import openssh_missing, openssh_sftp_server
from tests.support.servers import SftpServer, sftp_server

# Larger than every write size in play (4 MiB is asyncssh's own limit), and not a multiple of any.
CONTENT = os.urandom(5 * 1024 * 1024 + 12345)
ACCOUNT = "acme"


class _Pins:
    def __init__(self, server: SftpServer, known_hosts_line: str | None = None) -> None:
        key_type, blob = (known_hosts_line or server.known_hosts_line).split()[1:3]
        self.key = HostKey(ACCOUNT, server.host, server.port, OfferedKey(key_type, blob))

    def get(self, account: str, host: str, port: int) -> HostKey | None:
        return self.key if (account, host, port) == (ACCOUNT, self.key.host, self.key.port) else None


def _target(server: SftpServer, directory: str = "", password: str | None = None) -> str:
    return f"{server.username}:{password or server.password}@{server.host}:{server.port}/{directory}"


def _upload(server: SftpServer, source: object, name: str = "report.csv", **target: str) -> str:
    transfer = SftpTransfer(_Pins(server), Path("/nonexistent"), timeout=10)
    return transfer.upload(parse_transfer("sftp", _target(server, **target)), name, source,  # type: ignore[arg-type]
                           account=ACCOUNT)


def _write_limit(server: SftpServer) -> int:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # only to read the limit; uploads pin
    client.connect(server.host, server.port, server.username, server.password, allow_agent=False,
                   look_for_keys=False)
    try:
        with client.open_sftp() as sftp:
            return sftp_adapter._write_limit(sftp)
    finally:
        client.close()


@pytest.fixture
def openssh() -> Iterator[SftpServer]:
    if reason := openssh_missing():
        pytest.skip(reason)
    with openssh_sftp_server() as server:
        yield server


@pytest.fixture
def asyncssh_server(tmp_path: Path) -> Iterator[SftpServer]:
    with sftp_server(tmp_path / "sftp") as server:
        yield server


@pytest.fixture
def undeclared_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SftpServer]:
    """The asyncssh server with its limits@openssh.com extension taken out, as in servers that lack it."""
    handler = asyncssh.sftp.SFTPServerHandler
    monkeypatch.setattr(handler, "_extensions", [e for e in handler._extensions if e[0] != b"limits@openssh.com"])
    monkeypatch.setattr(handler, "_packet_handlers",
                        {k: v for k, v in handler._packet_handlers.items() if k != b"limits@openssh.com"})
    with sftp_server(tmp_path / "sftp") as server:
        yield server


def _files(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in root.iterdir()}


def test_openssh_receives_the_whole_file_under_its_final_name_in_255_kib_writes(openssh: SftpServer) -> None:
    with open(_source(openssh.root.parent), "rb") as source:
        outcome = _upload(openssh, source)

    assert outcome == f"uploaded {len(CONTENT)} bytes as report.csv"
    assert _files(openssh.root) == {"report.csv": CONTENT}
    assert _write_limit(openssh) == 255 * 1024  # OpenSSH's declared max-write-length


def test_openssh_into_a_directory_that_does_not_exist_fails_permanently(openssh: SftpServer) -> None:
    with pytest.raises(SendError) as raised:
        _upload(openssh, _Chunks([CONTENT]), directory="missing")

    assert not raised.value.transient
    assert "directory 'missing': no such file or directory on the server" in raised.value.detail


def test_openssh_refusing_the_password_fails_permanently(openssh: SftpServer) -> None:
    with pytest.raises(SendError) as raised:
        _upload(openssh, _Chunks([CONTENT]), password="not-the-password")

    assert not raised.value.transient
    assert raised.value.detail == f"authentication failed for user {openssh.username}"
    assert "not-the-password" not in str(raised.value)


def test_openssh_with_a_changed_host_key_is_refused_with_both_fingerprints(
    openssh: SftpServer, asyncssh_server: SftpServer,
) -> None:
    # The pin holds another server's key: OpenSSH's key is then a changed one.
    transfer = SftpTransfer(_Pins(openssh, asyncssh_server.known_hosts_line), Path("/nonexistent"), timeout=10)

    with pytest.raises(SendError) as raised:
        transfer.upload(parse_transfer("sftp", _target(openssh)), "report.csv", _Chunks([CONTENT]),  # type: ignore[arg-type]
                        account=ACCOUNT)

    offered = OfferedKey(*openssh.known_hosts_line.split()[1:3]).fingerprint
    pinned = OfferedKey(*asyncssh_server.known_hosts_line.split()[1:3]).fingerprint
    assert not raised.value.transient
    assert f"offered ssh-ed25519 {offered}" in raised.value.detail and pinned in raised.value.detail
    assert _files(openssh.root) == {}


def test_openssh_keeps_no_partial_file_when_the_source_fails_midway(openssh: SftpServer) -> None:
    with pytest.raises(SendError, match="PGP encryption failed"):
        _upload(openssh, _Chunks([CONTENT[: 3 << 20]], then=SendError("PGP encryption failed: x", transient=False)))

    assert _files(openssh.root) == {}


def test_a_server_declaring_4_mib_writes_gets_at_most_255_kib(asyncssh_server: SftpServer) -> None:
    _upload(asyncssh_server, _Chunks([CONTENT[:1000], CONTENT[1000:]]))

    assert _files(asyncssh_server.root) == {"report.csv": CONTENT}
    assert _write_limit(asyncssh_server) == 255 * 1024


def test_a_server_declaring_no_limits_gets_32_kib_writes(undeclared_server: SftpServer) -> None:
    _upload(undeclared_server, _Chunks([CONTENT]))

    assert _files(undeclared_server.root) == {"report.csv": CONTENT}
    assert _write_limit(undeclared_server) == 32768


def _source(directory: Path) -> Path:
    path = directory / "source.csv"
    path.write_bytes(CONTENT)
    return path


class _Chunks:
    """A readable stream of the given pieces (as packaging pipes return them), then EOF or ``then`` raised."""

    def __init__(self, pieces: list[bytes], then: BaseException | None = None) -> None:
        self._pieces = list(pieces)
        self._then = then

    def read(self, size: int = -1) -> bytes:
        if self._pieces:
            return self._pieces.pop(0)
        if self._then is not None:
            raise self._then
        return b""

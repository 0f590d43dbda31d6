"""Uploading report files over SFTP with paramiko, to pinned host keys only.

Host keys come from an OpenSSH known_hosts file and are never added automatically: an
unknown or changed key fails the delivery permanently with the offered key's SHA256
fingerprint, so an operator can compare it and pin it. Files go up under ".<name>.part"
and are renamed (posix-rename) into place, so no partial file is ever visible.
"""

from __future__ import annotations

import errno
import posixpath
import socket
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

import paramiko

from services.delivery.domain.destinations import TransferTarget
from services.delivery.domain.model import SendError


class UnknownHostKey(paramiko.SSHException):
    """The server offered a host key that known_hosts does not pin."""

    def __init__(self, host: str, key: paramiko.PKey) -> None:
        super().__init__(f"host key of {host} is not pinned in known_hosts; it offered {describe_key(key)}")


class _RejectUnknown(paramiko.RejectPolicy):
    """paramiko's RejectPolicy, raising with the offered key's fingerprint so it can be checked and pinned."""

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey) -> None:
        raise UnknownHostKey(hostname, key)


def describe_key(key: paramiko.PKey) -> str:
    return f"{key.get_name()} {key.fingerprint}"


class SftpTransfer:
    """The Transfer port for SFTP."""

    def __init__(self, known_hosts: Path, timeout: float) -> None:
        self.known_hosts = known_hosts
        self.timeout = timeout

    def upload(self, target: TransferTarget, file_name: str, source: BinaryIO) -> str:
        """Uploads ``source`` as ``file_name`` in the target's directory, atomically."""
        try:
            with self._client(target) as client, client.open_sftp() as sftp:
                sftp.get_channel().settimeout(self.timeout)  # type: ignore[union-attr]
                return _put(sftp, target.directory, file_name, source)
        except SendError:
            raise
        except UnknownHostKey as error:
            raise SendError(str(error), transient=False) from None
        except paramiko.BadHostKeyException as error:
            raise SendError(f"host key of {target.host}:{target.port} changed: it offered {describe_key(error.key)}, "
                            f"known_hosts pins {describe_key(error.expected_key)}", transient=False) from None
        except paramiko.AuthenticationException:
            raise SendError(f"authentication failed for user {target.user}", transient=False) from None
        except TimeoutError:
            raise SendError(f"{target.host}:{target.port} timed out", transient=True) from None
        except (paramiko.SSHException, OSError) as error:
            raise SendError(f"SFTP to {target.host}:{target.port} failed: {_reason(error)}", transient=True) from None

    @contextmanager
    def _client(self, target: TransferTarget) -> Iterator[paramiko.SSHClient]:
        client = paramiko.SSHClient()
        # No file pins nothing: every host is then unknown and refused.
        with suppress(FileNotFoundError):
            client.load_system_host_keys(str(self.known_hosts))
        client.set_missing_host_key_policy(_RejectUnknown())
        sock = socket.create_connection((target.host, target.port), timeout=self.timeout)
        # The SSH layer writes small packets; Nagle's algorithm stalled them (see docs/delivery.md).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            client.connect(
                target.host, port=target.port, username=target.user, password=target.password, sock=sock,
                timeout=self.timeout, banner_timeout=self.timeout, auth_timeout=self.timeout,
                channel_timeout=self.timeout, allow_agent=False, look_for_keys=False,
            )
            yield client
        finally:
            client.close()
            sock.close()


def _put(sftp: paramiko.SFTPClient, directory: str, file_name: str, source: BinaryIO) -> str:
    if directory:
        try:
            sftp.stat(directory)
        except OSError as error:
            raise _sftp_error(error, f"directory {directory!r}") from None
    final = posixpath.join(directory, file_name) if directory else file_name
    partial = posixpath.join(directory, f".{file_name}.part") if directory else f".{file_name}.part"
    try:
        attributes = sftp.putfo(source, partial, confirm=True)
        sftp.posix_rename(partial, final)
    except OSError as error:
        _remove_quietly(sftp, partial)
        raise _sftp_error(error, f"uploading {final!r}") from None
    return f"uploaded {attributes.st_size} bytes as {final}"


def _sftp_error(error: OSError, what: str) -> SendError:
    # A missing directory or a refused permission stays so until someone changes the server.
    if error.errno == errno.ENOENT:
        return SendError(f"{what}: no such file or directory on the server", transient=False)
    if error.errno == errno.EACCES:
        return SendError(f"{what}: permission denied", transient=False)
    return SendError(f"{what}: {_reason(error)}", transient=True)


def _remove_quietly(sftp: paramiko.SFTPClient, path: str) -> None:
    with suppress(OSError):
        sftp.remove(path)


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    return str(error) or type(error).__name__

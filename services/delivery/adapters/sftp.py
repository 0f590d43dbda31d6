"""Uploading report files over SFTP with paramiko, to pinned host keys only.

Host keys are pinned per account, host and port through DeliveryService.PinHostKey (the
``host_keys`` table); an operator may also pin keys for every account in the OpenSSH
known_hosts file REPORTSUITE_SFTP_KNOWN_HOSTS. Keys are never added automatically: an
unknown or changed key fails the delivery permanently with the offered key's SHA256
fingerprint, so it can be checked with the server's owner and pinned. Files go up under
".<name>.part" and are renamed (posix-rename) into place, so no partial file is ever visible.
"""

from __future__ import annotations

import base64
import errno
import posixpath
import socket
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, Protocol

import paramiko

from services.delivery.domain.destinations import TransferTarget
from services.delivery.domain.host_keys import HostKey
from services.delivery.domain.model import SendError


class PinnedKeys(Protocol):
    def get(self, account: str, host: str, port: int) -> HostKey | None: ...


class UnknownHostKey(paramiko.SSHException):
    """The server offered a host key that nothing pins."""

    def __init__(self, host: str, key: paramiko.PKey) -> None:
        super().__init__(
            f"host key of {host} is not pinned; it offered {describe_key(key)}. Check that fingerprint with the "
            f"server's owner, then pin it (reportctl hostkey pin --fingerprint {key.fingerprint} ...)")


class _RejectUnknown(paramiko.RejectPolicy):
    """paramiko's RejectPolicy, raising with the offered key's fingerprint so it can be checked and pinned."""

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey) -> None:
        raise UnknownHostKey(hostname, key)


def describe_key(key: paramiko.PKey) -> str:
    return f"{key.get_name()} {key.fingerprint}"


class SftpTransfer:
    """The Transfer port for SFTP."""

    def __init__(self, pins: PinnedKeys, known_hosts: Path, timeout: float) -> None:
        self.pins = pins
        self.known_hosts = known_hosts
        self.timeout = timeout

    def upload(self, target: TransferTarget, file_name: str, source: BinaryIO, *, account: str = "") -> str:
        """Uploads ``source`` as ``file_name`` in the target's directory, atomically."""
        try:
            with self._client(target, account) as client, client.open_sftp() as sftp:
                sftp.get_channel().settimeout(self.timeout)  # type: ignore[union-attr]
                return _put(sftp, target.directory, file_name, source)
        except SendError:
            raise
        except UnknownHostKey as error:
            raise SendError(str(error), transient=False) from None
        except paramiko.BadHostKeyException as error:
            raise SendError(f"host key of {target.host}:{target.port} changed: it offered {describe_key(error.key)}, "
                            f"the pinned key is {describe_key(error.expected_key)}", transient=False) from None
        except paramiko.AuthenticationException:
            raise SendError(f"authentication failed for user {target.user}", transient=False) from None
        except TimeoutError:
            raise SendError(f"{target.host}:{target.port} timed out", transient=True) from None
        except (paramiko.SSHException, OSError) as error:
            raise SendError(f"SFTP to {target.host}:{target.port} failed: {_reason(error)}", transient=True) from None

    @contextmanager
    def _client(self, target: TransferTarget, account: str) -> Iterator[paramiko.SSHClient]:
        client = paramiko.SSHClient()
        keys = client.get_host_keys()
        # No file pins nothing: every host is then unknown and refused, unless the account pinned it.
        with suppress(FileNotFoundError):
            keys.load(str(self.known_hosts))
        pinned = self.pins.get(account, target.host, target.port) if account else None
        if pinned is not None:
            entry = target.host if target.port == 22 else f"[{target.host}]:{target.port}"
            # The account's pin replaces the operator file's keys for this host: it is the one to match.
            while keys.lookup(entry) is not None:
                del keys[entry]
            key = paramiko.PKey.from_type_string(pinned.key.key_type, base64.b64decode(pinned.key.blob))
            keys.add(entry, pinned.key.key_type, key)
        client.set_missing_host_key_policy(_RejectUnknown())
        sock = socket.create_connection((target.host, target.port), timeout=self.timeout)
        # The SSH layer writes small packets; Nagle's algorithm stalled them (see docs/delivery.md).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            client.connect(
                target.host, port=target.port, username=target.user, password=target.password, sock=sock,
                timeout=self.timeout, banner_timeout=self.timeout, auth_timeout=self.timeout,
                channel_timeout=self.timeout, allow_agent=False, look_for_keys=False, transport_factory=_transport,
            )
            yield client
        finally:
            client.close()
            sock.close()


# AES-GCM authenticates as it encrypts: without it paramiko spends about half its CPU on HMAC-SHA256.
_GCM_FIRST = ("aes128-gcm@openssh.com", "aes256-gcm@openssh.com")


def _transport(sock: socket.socket, **options: object) -> paramiko.Transport:
    """paramiko's Transport, preferring AES-GCM when the server offers it."""
    transport = paramiko.Transport(sock, **options)  # type: ignore[arg-type]
    security = transport.get_security_options()
    ciphers = tuple(security.ciphers)
    security.ciphers = tuple(c for c in _GCM_FIRST if c in ciphers) + tuple(c for c in ciphers if c not in _GCM_FIRST)
    return transport


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
    except BaseException:
        # Such as the packaging failing mid-stream: the partial file must not stay.
        _remove_quietly(sftp, partial)
        raise
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

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
from paramiko.sftp import CMD_EXTENDED, CMD_EXTENDED_REPLY, SFTPError

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


READ_SIZE = 1 << 20
MIN_WRITE = 32768  # what draft-ietf-secsh-filexfer requires every server to accept
MAX_WRITE = 255 * 1024  # what OpenSSH's client caps the declared limit at

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
        size = _write(sftp, partial, source)
        # As putfo's confirm: the server must hold every byte before the name becomes visible.
        written = sftp.stat(partial).st_size
        if written != size:
            raise OSError(errno.EIO, f"the server holds {written} of the {size} bytes sent")
        sftp.posix_rename(partial, final)
    except OSError as error:
        _remove_quietly(sftp, partial)
        raise _sftp_error(error, f"uploading {final!r}") from None
    except BaseException:
        # Such as the packaging failing mid-stream: the partial file must not stay.
        _remove_quietly(sftp, partial)
        raise
    return f"uploaded {size} bytes as {final}"


def _write(sftp: paramiko.SFTPClient, path: str, source: BinaryIO) -> int:
    """Writes ``source`` to ``path`` in pipelined requests as large as the server takes."""
    size = 0
    with sftp.open(path, "wb") as remote:
        # paramiko sends at most 32 KiB per write request, the least every server must take.
        # OpenSSH's client writes what the server declares (limits@openssh.com, 255 KiB for
        # OpenSSH's own server); with 32 KiB ours ran at about half its speed, with the
        # declared size at about its speed (docs/delivery.md, "SFTP throughput").
        remote.MAX_REQUEST_SIZE = _write_limit(sftp)  # type: ignore[misc]
        remote.set_pipelined(True)
        # Large reads: putfo's 32 KiB reads cost as much Python time as the writes themselves.
        while chunk := source.read(READ_SIZE):
            remote.write(chunk)
            size += len(chunk)
    return size


def _write_limit(sftp: paramiko.SFTPClient) -> int:
    """The largest write request the server declares it takes, or the 32 KiB every server takes."""
    try:
        kind, reply = sftp._request(CMD_EXTENDED, "limits@openssh.com")  # paramiko has no public call for it
    except (OSError, SFTPError, EOFError):
        return MIN_WRITE  # the extension is optional; SSH_FX_OP_UNSUPPORTED arrives as an error
    if kind != CMD_EXTENDED_REPLY:
        return MIN_WRITE
    _max_packet, _max_read, max_write = reply.get_int64(), reply.get_int64(), reply.get_int64()
    return max(MIN_WRITE, min(max_write, MAX_WRITE)) if max_write else MIN_WRITE


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

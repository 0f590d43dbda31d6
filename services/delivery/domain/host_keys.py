"""SSH host keys pinned per account and SFTP server: the rules behind the host key RPCs.

A first-contact key is never trusted silently: FetchHostKey only shows what a server offers,
and a key is pinned by an explicit PinHostKey, either with the fingerprint checked with the
server's owner (the key is fetched again and must match) or with the public key itself. A
server whose key differs from the pinned one fails its deliveries with both fingerprints.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from reportsuite.core import names as core_names
from reportsuite.core import pagination
from reportsuite.core.errors import AlreadyExists, InvalidArgument, NotFound
from services.delivery.domain.destinations import valid_host

NAME_PATTERN = "accounts/{account}/hostKeys/{host}:{port}"
KEY_TYPES = frozenset({
    "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
})
DEFAULT_PORT = 22


@dataclass(frozen=True)
class OfferedKey:
    """A host key as a server offered it or a user gave it: type and the key's base64 blob."""

    key_type: str
    blob: str

    @property
    def fingerprint(self) -> str:
        """OpenSSH's SHA256 fingerprint: unpadded base64 of the blob's SHA-256."""
        digest = hashlib.sha256(base64.b64decode(self.blob)).digest()
        return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")

    @property
    def public_key(self) -> str:
        return f"{self.key_type} {self.blob}"


@dataclass(frozen=True)
class HostKey:
    """A pinned key: the account's SFTP deliveries to host:port must see exactly this key."""

    account: str
    host: str
    port: int
    key: OfferedKey
    create_time: datetime | None = None

    @property
    def name(self) -> str:
        return f"accounts/{self.account}/hostKeys/{self.host}:{self.port}"


class HostKeyStore(Protocol):
    """The ``host_keys`` table."""

    def get(self, account: str, host: str, port: int) -> HostKey | None: ...

    def by_request(self, account: str, request_id: str) -> HostKey | None: ...

    def add(self, key: HostKey, request_id: str) -> HostKey:
        """Inserts the pin; returns the stored one when (account, host, port) is pinned already."""
        ...

    def page(self, account: str, after: tuple[str, int] | None, limit: int) -> list[HostKey]:
        """Keys ordered by (host, port), after the given one."""
        ...

    def delete(self, account: str, host: str, port: int) -> bool: ...


class KeyScanner(Protocol):
    def fetch(self, host: str, port: int) -> OfferedKey:
        """Connects, reads the offered host key and disconnects without authenticating."""
        ...


class HostKeys:
    """The host key use cases."""

    def __init__(self, store: HostKeyStore, scanner: KeyScanner) -> None:
        self._store = store
        self._scanner = scanner

    def fetch(self, host: str, port: int) -> OfferedKey:
        """What host:port offers now; nothing is stored."""
        return self._scanner.fetch(check_host(host), check_port(port))

    def pin(self, parent: str, host: str, port: int, fingerprint: str, public_key: str, request_id: str) -> HostKey:
        """Pins a key for the account; the same key again returns the pin, another key is ALREADY_EXISTS."""
        account = core_names.parse("accounts/{account}", parent, "parent")["account"]
        if request_id:
            first = self._store.by_request(account, request_id)
            if first is not None:
                return first
        host, port = check_host(host), check_port(port)
        key = self._key_to_pin(host, port, fingerprint.strip(), public_key.strip())
        pinned = self._store.add(HostKey(account, host, port, key), request_id)
        if pinned.key != key:
            raise AlreadyExists(
                f"{pinned.name} already pins {pinned.key.key_type} {pinned.key.fingerprint}",
                field="host", rule="delete the pinned key (DeleteHostKey) before pinning another one")
        return pinned

    def list(self, parent: str, page_size: int, page_token: str) -> tuple[list[HostKey], str]:
        account = core_names.parse("accounts/{account}", parent, "parent")["account"]
        size = pagination.page_size(page_size)
        cursor = pagination.decode(page_token)
        after = None
        if cursor is not None:
            if cursor.get("account") != account or not isinstance(cursor.get("port"), int):
                raise InvalidArgument("page_token does not belong to this query", field="page_token",
                                      rule="must be a next_page_token from a previous call with the same parent")
            after = (str(cursor.get("host")), int(cursor["port"]))
        rows = self._store.page(account, after, size + 1)
        if len(rows) <= size:
            return rows, ""
        last = rows[size - 1]
        return rows[:size], pagination.encode({"account": account, "host": last.host, "port": last.port})

    def delete(self, name: str, request_id: str) -> None:
        """Removes a pin; with a request_id, deleting a pin that is already gone succeeds (a retry)."""
        account, host, port = parse_name(name)
        if not self._store.delete(account, host, port) and not request_id:
            raise NotFound(f"{name} does not exist", field="name", rule="must name a pinned host key")

    def _key_to_pin(self, host: str, port: int, fingerprint: str, public_key: str) -> OfferedKey:
        if bool(fingerprint) == bool(public_key):
            raise InvalidArgument("give either fingerprint or public_key", field="fingerprint",
                                  rule="exactly one of fingerprint and public_key")
        if public_key:
            return parse_public_key(public_key)
        if not fingerprint.startswith("SHA256:"):
            raise InvalidArgument("the fingerprint must be a SHA256 fingerprint", field="fingerprint",
                                  rule="SHA256:<base64>, as ssh-keygen -lf or FetchHostKey print it")
        offered = self._scanner.fetch(host, port)
        if offered.fingerprint != fingerprint:
            raise InvalidArgument(
                f"{host}:{port} offers {offered.key_type} {offered.fingerprint}, not {fingerprint}: nothing pinned",
                field="fingerprint", rule="must be the fingerprint of the key the server offers")
        return offered


def parse_public_key(text: str, field: str = "public_key") -> OfferedKey:
    """Reads "ssh-ed25519 AAAA... [comment]" and checks that the blob holds the stated type."""
    parts = text.split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise InvalidArgument("not an OpenSSH public key", field=field,
                              rule=f"must be '<type> <base64>' with type one of {', '.join(sorted(KEY_TYPES))}")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise InvalidArgument("the key is not valid base64", field=field, rule="must be '<type> <base64>'") from None
    # An SSH key blob starts with its own type as a length-prefixed string.
    length = int.from_bytes(blob[:4], "big")
    if blob[4:4 + length].decode("ascii", "replace") != parts[0]:
        raise InvalidArgument("the key's data does not match its type", field=field,
                              rule="the base64 blob must be a key of the stated type")
    return OfferedKey(parts[0], parts[1])


def parse_name(name: str) -> tuple[str, str, int]:
    """(account, host, port) of "accounts/{account}/hostKeys/{host}:{port}"."""
    prefix, _, host_port = name.rpartition("/hostKeys/")
    host, colon, port = host_port.rpartition(":")
    if not prefix or not colon or not port.isdigit():
        raise InvalidArgument(f"{name!r} is not a host key name", field="name",
                              rule=f"must have the form {NAME_PATTERN}")
    account = core_names.parse("accounts/{account}", prefix, "name")["account"]
    return account, check_host(host, "name"), check_port(int(port), "name")


def check_host(host: str, field: str = "host") -> str:
    if not valid_host(host):
        raise InvalidArgument(f"{host!r} is not a host", field=field, rule="a host name or an IP address")
    return host


def check_port(port: int, field: str = "port") -> int:
    if port == 0:
        return DEFAULT_PORT
    if not 1 <= port <= 65535:
        raise InvalidArgument(f"port {port} is out of range", field=field, rule="1 to 65535 (0 means 22)")
    return port

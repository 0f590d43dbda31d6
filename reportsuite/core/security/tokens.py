"""Bearer tokens: shown once when issued, stored only as SHA-256 hashes in a JSON registry file.

The registry (REPORTSUITE_TOKENS_FILE) is configuration every service reads, not a table of one
service: each entry is ``{id, sha256, principal, role, scope, expires, created}``. Services reload
it when it changes, so issuing and revoking take effect without a restart.

Why SHA-256 rather than a password hash such as bcrypt or argon2: a token is 256 random bits
(``secrets.token_urlsafe(32)``), so there is no dictionary to try and nothing a slow hash would slow
down further; people's passwords need slow hashes, random tokens do not. A fast hash lets every
call be checked with one dictionary lookup, and a stolen registry still yields no usable token.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportsuite.core.names import ID_PATTERN

log = logging.getLogger(__name__)

PLATFORM_INGEST = "platform-ingest"
OPERATOR = "operator"
ACCOUNT_USER = "account-user"
SERVICE = "service"
ROLES = (PLATFORM_INGEST, OPERATOR, ACCOUNT_USER, SERVICE)

# The prefix lets secret scanners and people recognise a ReportSuite token.
TOKEN_PREFIX = "rs1_"
_ID = re.compile(ID_PATTERN + r"\Z")
FILE_VERSION = 1


class TokenError(ValueError):
    """A token, scope, role or registry file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Scope:
    """What a token reaches: every account, one enterprise's accounts, or listed accounts."""

    everything: bool = False
    enterprise: str = ""
    accounts: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> Scope:
        """Reads ``*``, ``enterprise:<id>`` or ``accounts:<a>,<b>``.

        Raises:
            TokenError: the text is none of those, or an id is not a valid id.
        """
        text = text.strip()
        if text == "*":
            return cls(everything=True)
        kind, _, rest = text.partition(":")
        ids = [part.strip() for part in rest.split(",")] if rest else []
        if not ids or not all(_ID.match(part) for part in ids):
            raise TokenError(f"scope {text!r} must be '*', 'enterprise:<id>' or 'accounts:<id>,<id>'")
        if kind == "enterprise" and len(ids) == 1:
            return cls(enterprise=ids[0])
        if kind == "accounts":
            return cls(accounts=frozenset(ids))
        raise TokenError(f"scope {text!r} must be '*', 'enterprise:<id>' or 'accounts:<id>,<id>'")

    def __str__(self) -> str:
        if self.everything:
            return "*"
        if self.enterprise:
            return f"enterprise:{self.enterprise}"
        return "accounts:" + ",".join(sorted(self.accounts))


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of one call."""

    name: str
    role: str
    scope: Scope
    token_id: str


@dataclass(frozen=True)
class TokenEntry:
    """One registry entry; the token itself is never stored, only its hash."""

    token_id: str
    sha256: str
    principal: str
    role: str
    scope: str
    expires: datetime | None
    created: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.token_id, "sha256": self.sha256, "principal": self.principal, "role": self.role,
            "scope": self.scope, "expires": self.expires.isoformat() if self.expires else None,
            "created": self.created.isoformat(),
        }

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> TokenEntry:
        try:
            entry = cls(
                token_id=str(item["id"]), sha256=str(item["sha256"]).lower(), principal=str(item["principal"]),
                role=str(item["role"]), scope=str(item["scope"]),
                expires=_instant(item.get("expires")), created=_instant(item.get("created")) or _now(),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise TokenError(f"a token entry is malformed: {error!r}") from None
        if entry.role not in ROLES:
            raise TokenError(f"token {entry.token_id}: unknown role {entry.role!r}")
        Scope.parse(entry.scope)
        if not re.fullmatch(r"[0-9a-f]{64}", entry.sha256):
            raise TokenError(f"token {entry.token_id}: sha256 is not 64 hex digits")
        return entry

    def principal_for(self) -> Principal:
        return Principal(self.principal, self.role, Scope.parse(self.scope), self.token_id)


def _now() -> datetime:
    return datetime.now(UTC)


def _instant(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return parsed


def hash_token(token: str) -> str:
    """The hex SHA-256 the registry stores for a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh random token: 256 bits, URL-safe."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def read_entries(path: Path) -> list[TokenEntry]:
    """Reads the registry; a missing file holds no tokens.

    Raises:
        TokenError: the file is not a registry this module wrote.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        document = json.loads(raw)
    except ValueError as error:
        raise TokenError(f"{path} is not JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("tokens"), list):
        raise TokenError(f'{path} must be an object with a "tokens" list')
    return [TokenEntry.from_json(item) for item in document["tokens"]]


def write_entries(path: Path, entries: list[TokenEntry]) -> None:
    """Replaces the registry atomically, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    document = {"version": FILE_VERSION, "tokens": [entry.to_json() for entry in entries]}
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2)
            handle.write("\n")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Serialises writers of one registry (two `reportsuite token issue` at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def issue(path: Path, principal: str, role: str, scope: str, expires: datetime | None = None,
          now: datetime | None = None) -> tuple[str, TokenEntry]:
    """Adds a token to the registry; returns the token (shown once, never stored) and its entry.

    Raises:
        TokenError: the role, scope, principal or expiry is not usable.
    """
    if role not in ROLES:
        raise TokenError(f"role {role!r} is not one of {', '.join(ROLES)}")
    parsed_scope = Scope.parse(scope)
    if not principal.strip() or len(principal) > 200 or any(ord(c) < 32 for c in principal):
        raise TokenError("principal must be 1 to 200 printable characters")
    now = now or _now()
    if expires is not None and expires <= now:
        raise TokenError("expires must be in the future")
    token = new_token()
    digest = hash_token(token)
    entry = TokenEntry(digest[:12], digest, principal.strip(), role, str(parsed_scope), expires, now)
    with _locked(path):
        write_entries(path, [*read_entries(path), entry])
    return token, entry


def revoke(path: Path, *, token_id: str = "", principal: str = "") -> list[TokenEntry]:
    """Removes the tokens with that id, or every token of that principal; returns what was removed."""
    if not token_id and not principal:
        raise TokenError("name a token id or a principal to revoke")
    with _locked(path):
        entries = read_entries(path)
        removed = [e for e in entries
                   if (token_id and e.token_id == token_id) or (principal and e.principal == principal)]
        if removed:
            write_entries(path, [e for e in entries if e not in removed])
    return removed


class TokenRegistry:
    """Authenticates bearer tokens against the registry file, reloading it when it changes.

    A registry that cannot be read fails closed: no token is accepted until it is fixed.
    """

    def __init__(self, path: Path, clock: Callable[[], datetime] = _now) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._version: tuple[int, int, int] | None = None
        self._by_hash: dict[str, TokenEntry] = {}

    def authenticate(self, token: str) -> Principal | None:
        """The principal of a valid, unexpired token; None for anything else."""
        entry = self._entries().get(hash_token(token))
        if entry is None or (entry.expires is not None and entry.expires <= self._clock()):
            return None
        return entry.principal_for()

    def _entries(self) -> dict[str, TokenEntry]:
        try:
            stat = self.path.stat()
            version = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except FileNotFoundError:
            version = (0, 0, 0)
        with self._lock:
            if version != self._version:
                self._by_hash = self._load(version)
                self._version = version
            return self._by_hash

    def _load(self, version: tuple[int, int, int]) -> dict[str, TokenEntry]:
        if version == (0, 0, 0):
            log.warning("token registry %s does not exist: every call will be refused (reportsuite token issue "
                        "writes it)", self.path)
            return {}
        try:
            entries = read_entries(self.path)
        except (TokenError, OSError) as error:
            log.error("token registry %s cannot be used, refusing every token until it is fixed: %s",
                      self.path, error)
            return {}
        return {entry.sha256: entry for entry in entries}

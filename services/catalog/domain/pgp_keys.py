"""PGP public keys imported into an account, for reports whose output options set pgp_encrypt.

A key is checked when imported (docs/delivery.md, "PGP keys"): a private key, text that is not
one armored OpenPGP public key, an expired or revoked key, or one with no usable encryption
(sub)key is refused with the reason. The delivery service encrypts to the account's keys and
refuses to send when one has expired since, so nothing goes out unencrypted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from reportsuite.core import names as core_names
from reportsuite.core import pagination
from reportsuite.core.errors import FailedPrecondition, InvalidArgument, NotFound
from services.catalog.domain import names, paging, rules
from services.catalog.domain.model import Cursor

PGP_KEY = "accounts/{account}/pgpKeys/{fingerprint}"
ARMORED_KEY_FIELD = "armored_key"
PGP_ENCRYPT_FIELD = "report_definition.output.pgp_encrypt"
MAX_ARMORED_KEY = 64 * 1024
# v4 fingerprints are 40 hex digits, v5/v6 ones 64.
_FINGERPRINT = re.compile(r"(?:[0-9A-F]{40}|[0-9A-F]{64})\Z")


@dataclass(frozen=True)
class PublicKeyInfo:
    """What the import check read from an armored key."""

    fingerprint: str
    user_ids: tuple[str, ...]
    create_time: datetime
    expire_time: datetime | None
    algorithm: str


@dataclass(frozen=True)
class PgpKey:
    """An imported public key."""

    account: str
    info: PublicKeyInfo
    armored_key: str
    import_time: datetime

    @property
    def name(self) -> str:
        return f"accounts/{self.account}/pgpKeys/{self.info.fingerprint}"


class KeyInspector(Protocol):
    def inspect(self, armored_key: str, now: datetime) -> PublicKeyInfo:
        """Reads one armored public key; raises InvalidArgument on ``armored_key`` saying why it is refused."""
        ...


class PgpKeyStore(Protocol):
    """The ``pgp_keys`` table; every method is one transaction."""

    def put(self, key: PgpKey, request_id: str | None) -> PgpKey:
        """Inserts the key, or replaces the one with its fingerprint; returns it as stored."""
        ...

    def by_request(self, account: str, request_id: str) -> PgpKey | None: ...

    def get(self, account: str, fingerprint: str) -> PgpKey | None: ...

    def page(self, account: str, after: Cursor | None, limit: int) -> list[PgpKey]:
        """Newest import first, after the cursor."""
        ...

    def usable_count(self, account: str, now: datetime) -> int:
        """How many of the account's keys have not expired at ``now``."""
        ...

    def delete(self, account: str, fingerprint: str, request_id: str | None) -> bool: ...

    def deletion_done(self, account: str, request_id: str, name: str) -> bool: ...


class PgpKeys:
    """The PGP key use cases."""

    def __init__(self, store: PgpKeyStore, inspector: KeyInspector, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._inspector = inspector
        self._clock = clock

    def import_key(self, parent: str, armored_key: str, request_id: str) -> PgpKey:
        """Checks and stores a public key; a key already imported is replaced (renewed expiry, new user ids)."""
        account = names.parse_account(parent, "parent")
        rules.check_request_id(request_id)
        if request_id:
            first = self._store.by_request(account, request_id)
            if first is not None:
                return first
        if len(armored_key) > MAX_ARMORED_KEY:
            raise InvalidArgument("the key is too long", field=ARMORED_KEY_FIELD,
                                  rule=f"at most {MAX_ARMORED_KEY} characters")
        now = self._clock()
        info = self._inspector.inspect(armored_key, now)
        return self._store.put(PgpKey(account, info, armored_key.strip() + "\n", now), request_id or None)

    def get(self, name: str) -> PgpKey:
        account, fingerprint = parse_name(name)
        key = self._store.get(account, fingerprint)
        if key is None:
            raise NotFound(f"{name} does not exist", field="name", rule="must name an imported PGP key")
        return key

    def list(self, parent: str, page_size: int, page_token: str) -> tuple[list[PgpKey], str]:
        account = names.parse_account(parent, "parent")
        size = pagination.page_size(page_size)
        query = {"account": account, "kind": "pgpKeys"}
        rows = self._store.page(account, paging.decode(page_token, query), size + 1)
        return paging.page(rows, size, query, lambda key: Cursor(key.import_time, key.info.fingerprint))

    def delete(self, name: str, request_id: str) -> None:
        account, fingerprint = parse_name(name)
        rules.check_request_id(request_id)
        if request_id and self._store.deletion_done(account, request_id, name):
            return
        if not self._store.delete(account, fingerprint, request_id or None):
            raise NotFound(f"{name} does not exist", field="name", rule="must name an imported PGP key")

    def check_encryption_possible(self, account: str) -> None:
        """Refuses pgp_encrypt on a definition when the account has no key that can encrypt now."""
        if self._store.usable_count(account, self._clock()) == 0:
            raise FailedPrecondition(
                f"account {account} has no PGP public key that can encrypt; import one first (ImportPgpKey)",
                field=PGP_ENCRYPT_FIELD, rule="pgp_encrypt needs a PGP public key imported into the account")


def parse_name(name: str) -> tuple[str, str]:
    """(account, fingerprint) of "accounts/{account}/pgpKeys/{fingerprint}"; the fingerprint is upper-cased."""
    found = core_names.parse(PGP_KEY, name, "name")
    fingerprint = found["fingerprint"].upper()
    if not _FINGERPRINT.match(fingerprint):
        raise InvalidArgument(f"{name!r} does not end in a key fingerprint", field="name",
                              rule="the fingerprint is 40 (or 64) hex digits")
    return found["account"], fingerprint

"""FTP/SFTP destinations (they hold the password) encrypted at rest with Fernet keys.

REPORTSUITE_SECRETS_KEY holds one or more Fernet keys, comma-separated, newest first: the
first encrypts, every one decrypts (MultiFernet), so keys can be rotated without losing a
password (docs/delivery.md, "Passwords at rest"). A stored destination is
``fernet:<token>``; a destination written before encryption existed is read as it is and
sealed by ``reseal`` when the catalog starts. Without a key the catalog stores no password
at all: saving a destination is refused, never written in clear.
"""

from __future__ import annotations

import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from reportsuite.core.db import transaction
from reportsuite.core.errors import FailedPrecondition
from services.catalog.adapters.orm import ReportDefinitionRow

log = logging.getLogger(__name__)

PREFIX = "fernet:"
DESTINATION_FIELD = "report_definition.output.file_transfer.destination"
KEY_VARIABLE = "REPORTSUITE_SECRETS_KEY"


class SecretBox:
    """Seals and opens destinations; ``enabled`` is False when no key was configured."""

    def __init__(self, keys: str) -> None:
        parsed = [Fernet(key.strip().encode()) for key in keys.split(",") if key.strip()]
        self._fernet = MultiFernet(parsed) if parsed else None
        self._newest = parsed[0] if parsed else None

    @property
    def enabled(self) -> bool:
        return self._fernet is not None

    def seal(self, destination: str) -> str:
        """The stored form of a destination; "" stays "" (no destination, no secret)."""
        if not destination or destination.startswith(PREFIX):
            return destination
        if self._fernet is None:
            raise FailedPrecondition(
                f"the catalog has no {KEY_VARIABLE} to encrypt FTP/SFTP passwords with, so it stores none",
                field=DESTINATION_FIELD, rule=f"an FTP/SFTP destination needs {KEY_VARIABLE} set on the catalog")
        return PREFIX + self._fernet.encrypt(destination.encode()).decode()

    def open(self, stored: str) -> str:
        """The destination of a stored form (a legacy clear one is returned as it is)."""
        if not stored.startswith(PREFIX):
            return stored
        if self._fernet is None:
            raise self._undecryptable("no key is configured")
        try:
            return self._fernet.decrypt(stored[len(PREFIX):].encode()).decode()
        except InvalidToken:
            raise self._undecryptable("none of the configured keys opens it") from None

    def current(self, stored: str) -> bool:
        """True when the stored form is sealed with the newest key (nothing to rotate)."""
        if not stored or self._newest is None:
            return True
        if not stored.startswith(PREFIX):
            return False
        try:
            self._newest.decrypt(stored[len(PREFIX):].encode())
            return True
        except InvalidToken:
            return False

    def resealed(self, stored: str) -> str:
        """The stored form sealed with the newest key (a clear one is sealed, an old-key one rotated)."""
        if not stored.startswith(PREFIX):
            return self.seal(stored)
        if self._fernet is None:
            raise self._undecryptable("no key is configured")
        try:
            return PREFIX + self._fernet.rotate(stored[len(PREFIX):].encode()).decode()
        except InvalidToken:
            raise self._undecryptable("none of the configured keys opens it") from None

    @staticmethod
    def _undecryptable(why: str) -> FailedPrecondition:
        return FailedPrecondition(
            f"a stored FTP/SFTP destination cannot be decrypted: {why}; restore the old key in {KEY_VARIABLE} "
            "(after the new one) or set the destination again", field=DESTINATION_FIELD,
            rule=f"{KEY_VARIABLE} must hold the key the destination was encrypted with")


def reseal(sessions: sessionmaker[Session], box: SecretBox) -> int:
    """Encrypts clear destinations and re-encrypts old-key ones with the newest key; returns how many."""
    if not box.enabled:
        with sessions() as session:
            clear = session.scalars(select(ReportDefinitionRow.id).where(
                ReportDefinitionRow.transfer_destination != "",
                ReportDefinitionRow.transfer_destination.not_like(f"{PREFIX}%"))).all()
        if clear:
            log.warning("%d report definitions hold an FTP/SFTP password in clear; set %s to encrypt them",
                        len(clear), KEY_VARIABLE)
        return 0
    changed, unreadable = 0, 0
    with transaction(sessions) as session:
        rows = session.execute(select(ReportDefinitionRow.account, ReportDefinitionRow.id,
                                      ReportDefinitionRow.transfer_destination)
                               .where(ReportDefinitionRow.transfer_destination != "").with_for_update()).all()
        for account, row_id, stored in rows:
            if box.current(stored):
                continue
            try:
                sealed = box.resealed(stored)
            except FailedPrecondition:
                # Left as it is: its deliveries fail with the reason until the old key is configured again.
                unreadable += 1
                continue
            session.execute(update(ReportDefinitionRow).where(
                ReportDefinitionRow.account == account, ReportDefinitionRow.id == row_id,
            ).values(transfer_destination=sealed))
            changed += 1
    if changed:
        log.info("sealed %d FTP/SFTP destinations with the newest %s key", changed, KEY_VARIABLE)
    if unreadable:
        log.error("%d FTP/SFTP destinations cannot be decrypted with any key in %s", unreadable, KEY_VARIABLE)
    return changed


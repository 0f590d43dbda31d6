"""How a report's file is packaged for delivery: the Zip and PGP output options.

Decisions (docs/delivery.md, "Packaging"):

- Zip puts the file, under its own name, inside a ZIP archive named after it: ``report.csv``
  travels as ``report.csv.zip`` and unzips to ``report.csv``.
- PGP encrypts what would otherwise be sent (binary OpenPGP, not armored) to every public key
  imported into the account, and adds ``.pgp``: ``report.csv.pgp``, or ``report.csv.zip.pgp``
  with both options (zip first, then encrypt: encrypted bytes do not compress).
- A key that expired (or was deleted) since it was imported fails the delivery permanently with
  that reason; nothing is ever sent unencrypted when encryption was asked for.
- The saved report (downloaded with ``reportctl saved download``) stays the file as generated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.delivery.domain.file_names import finish_name

ZIP_EXTENSION = ".zip"
PGP_EXTENSION = ".pgp"

# The media type a mail attachment gets, by the delivered name's last extension. Summary
# reports will come as .xls or .pdf (the guide); detail reports as .csv or .txt.
CONTENT_TYPES: dict[str, str] = {
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".xls": "application/vnd.ms-excel",
    ".pdf": "application/pdf",
    ZIP_EXTENSION: "application/zip",
    PGP_EXTENSION: "application/pgp-encrypted",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class PgpRecipient:
    """A public key of the account, as the catalog keeps it."""

    fingerprint: str
    armored_key: str
    expire_time: datetime | None = None


@dataclass(frozen=True)
class Packaging:
    """What to do to the generated file before sending it; ``recipients`` is empty without PGP."""

    zip: bool = False
    pgp: bool = False
    recipients: tuple[PgpRecipient, ...] = ()

    @property
    def any(self) -> bool:
        return self.zip or self.pgp


def packaged_name(file_name: str, packaging: Packaging) -> str:
    """The name the packaged file is delivered under: ``.zip`` then ``.pgp`` added, at most 255 bytes."""
    suffix = (ZIP_EXTENSION if packaging.zip else "") + (PGP_EXTENSION if packaging.pgp else "")
    return finish_name(file_name, suffix) if suffix else file_name


def content_type(file_name: str) -> str:
    """The media type for a delivered file, by its last extension."""
    _, dot, extension = file_name.rpartition(".")
    return CONTENT_TYPES.get(f".{extension.lower()}", DEFAULT_CONTENT_TYPE) if dot else DEFAULT_CONTENT_TYPE


def unusable_key_reason(account: str, recipients: tuple[PgpRecipient, ...], now: datetime) -> str:
    """Why the account's keys cannot be used for encryption now; "" when they can."""
    if not recipients:
        return (f"pgp_encrypt is set but account {account} has no PGP public key (it was deleted or never "
                "imported); import one with ImportPgpKey (reportctl pgpkey import); nothing was sent unencrypted")
    for key in recipients:
        if key.expire_time is not None and key.expire_time <= now:
            return (f"PGP key {key.fingerprint} of account {account} expired on {key.expire_time:%Y-%m-%d %H:%M} "
                    "UTC; import a renewed key or delete it; nothing was sent unencrypted")
    return ""

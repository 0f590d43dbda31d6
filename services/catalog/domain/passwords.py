"""The write-only FTP/SFTP password inside a file transfer destination.

A destination is "user:passwd@host[:port]/[directory]". Reads show the password as "****"
(except the delivery view); an update that sends the masked form back keeps the stored password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportsuite.core.errors import InvalidArgument

MASK = "****"
DESTINATION_FIELD = "report_definition.output.file_transfer.destination"

# The user ends at the first ":" and the password at the last "@". Both may hold "@" or "/" (an
# e-mail address as user, a generated password), so any other split could show part of a password;
# the cost is that a directory holding "@" is masked along with the password.
_DESTINATION = re.compile(r"(?P<user>[^:/]*):(?P<password>.*)@(?P<host>[^@/]+)(?P<path>/[^@]*)?\Z", re.DOTALL)


@dataclass(frozen=True)
class _Parts:
    user: str
    password: str
    host: str
    path: str


def _split(destination: str) -> _Parts | None:
    found = _DESTINATION.match(destination)
    if found is None:
        return None
    return _Parts(found["user"], found["password"], found["host"], found["path"] or "")


def mask_destination(destination: str) -> str:
    """Returns the destination with its password replaced by "****" (unchanged when it has none)."""
    parts = _split(destination)
    if parts is None or not parts.password:
        return destination
    return f"{parts.user}:{MASK}@{parts.host}{parts.path}"


def is_masked(destination: str) -> bool:
    """True when the destination carries "****" where the password goes."""
    parts = _split(destination)
    return parts is not None and parts.password == MASK


def restore_password(incoming: str, stored: str) -> str:
    """Puts the stored password back into a destination that was sent in its masked form.

    The stored password is kept only for the same user and host: a caller who changes either must
    send the password again, so a masked form can never carry a saved password to another server.

    Raises:
        InvalidArgument: on the destination field when the masked form cannot be restored.
    """
    new = _split(incoming)
    if new is None or new.password != MASK:
        return incoming
    old = _split(stored)
    if old is None or not old.password:
        raise InvalidArgument(
            "the file transfer destination carries the masked password '****' but no password is stored",
            field=DESTINATION_FIELD, rule="must carry the password, not its masked form",
        )
    if (old.user, old.host) != (new.user, new.host):
        raise InvalidArgument(
            "the file transfer user or host changed: send the password again",
            field=DESTINATION_FIELD, rule="the masked password is kept only for the same user and host",
        )
    return f"{new.user}:{old.password}@{new.host}{new.path}"

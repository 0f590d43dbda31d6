"""The sink a report streams into: counts bytes, hashes on the fly and stops when cancelled."""

from __future__ import annotations

import hashlib
import threading
from typing import BinaryIO

from services.generator.domain.jobs import Cancelled


class ReportSink:
    """Wraps the artifact file so the report is never held in memory.

    Rows are not counted here: a quoted field may contain a newline, so the row count comes
    from the database (``COPY n``) instead.
    """

    def __init__(self, target: BinaryIO, cancelled: threading.Event | None = None) -> None:
        self._target = target
        self._hash = hashlib.sha256()
        self._cancelled = cancelled
        self.size_bytes = 0

    def write(self, data: bytes, /) -> int:
        """Writes a chunk; raises Cancelled once the job was cancelled, ending the stream."""
        if self._cancelled is not None and self._cancelled.is_set():
            raise Cancelled("the job was cancelled while its report was being written")
        self._hash.update(data)
        self.size_bytes += len(data)
        self._target.write(data)
        return len(data)

    @property
    def sha256(self) -> str:
        """The hex SHA-256 of everything written so far."""
        return self._hash.hexdigest()

"""The sink a report streams into: counts bytes, hashes on the fly and stops when cancelled."""

from __future__ import annotations

import hashlib
import threading
from typing import BinaryIO

from services.generator.domain.jobs import Cancelled

# COPY hands its output over one row at a time; hashing and writing each row on its own cost more
# than PostgreSQL took to produce it (benchmarks/all_attempts_report.py), so rows are gathered into
# chunks of this size first.
CHUNK_BYTES = 1 << 18


class ReportSink:
    """Wraps the artifact file so the report is never held in memory (at most one chunk is).

    Rows are not counted here: a quoted field may contain a newline, so the row count comes
    from the database (``COPY n``) instead. Call ``flush`` before the target is closed.
    """

    def __init__(self, target: BinaryIO, cancelled: threading.Event | None = None) -> None:
        self._target = target
        self._hash = hashlib.sha256()
        self._cancelled = cancelled
        self._pending = bytearray()
        self.size_bytes = 0

    def write(self, data: bytes, /) -> int:
        """Takes a chunk; raises Cancelled once the job was cancelled, ending the stream."""
        if self._cancelled is not None and self._cancelled.is_set():
            raise Cancelled("the job was cancelled while its report was being written")
        self._pending += data
        self.size_bytes += len(data)
        if len(self._pending) >= CHUNK_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        """Hashes and writes what was gathered."""
        if self._pending:
            self._hash.update(self._pending)
            self._target.write(self._pending)
            self._pending.clear()

    @property
    def sha256(self) -> str:
        """The hex SHA-256 of everything written so far (flushed first)."""
        self.flush()
        return self._hash.hexdigest()

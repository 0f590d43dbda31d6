"""The retention sweep: a background thread that purges expired saved reports, at start and periodically.

Every catalog replica runs one; their batches never overlap (domain/retention.py), so they share
a backlog instead of racing for it.
"""

from __future__ import annotations

import logging
import threading

from services.catalog.domain.retention import RetentionPurge

log = logging.getLogger(__name__)

# Reports expire to the second but nobody waits on their deletion: one sweep every five
# minutes keeps the backlog small at the cost of one indexed query.
SWEEP_INTERVAL_SECONDS = 300.0


class RetentionSweeper:
    """Runs ``purge.purge()`` on a daemon thread every ``interval_seconds`` until stopped."""

    def __init__(self, purge: RetentionPurge, interval_seconds: float = SWEEP_INTERVAL_SECONDS) -> None:
        self._purge = purge
        self._interval = interval_seconds
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="retention", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Lets the current sweep finish its batch and waits for the thread."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._purge.purge(keep_going=lambda: not self._stopping.is_set())
            except Exception:  # a background thread has no caller to raise to; the next sweep retries
                log.exception("retention sweep failed; retrying in %.0f s", self._interval)
            self._stopping.wait(self._interval)

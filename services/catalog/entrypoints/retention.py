"""The retention sweep: purges expired saved reports at start and every few minutes.

Every catalog replica runs one; their batches never overlap (domain/retention.py), so they share
a backlog instead of racing for it.
"""

from __future__ import annotations

from reportsuite.core.loops import BackgroundLoop
from services.catalog.domain.retention import RetentionPurge


def retention_sweeper(purge: RetentionPurge, interval_seconds: float) -> BackgroundLoop:
    """A loop that runs ``purge.purge()`` now and then every ``interval_seconds`` until stopped."""

    def sweep() -> bool:
        purge.purge(keep_going=lambda: not loop.stopping())
        return False  # the purge drains the whole backlog; wait for the next interval

    loop = BackgroundLoop("retention", sweep, interval_seconds)
    return loop

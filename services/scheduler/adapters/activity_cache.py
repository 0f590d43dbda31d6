"""A short-lived cache of accounts' reports time zones for the tick.

The tick resolves the time frames of hundreds of runs per batch; asking the generator for the
same account's zone for each of them would make the generator the tick's bottleneck. A zone read
here is at most ``ttl_seconds`` old (docs/schedules.md); every other lookup goes straight through.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.scheduler.domain.ports import ActivityStore

DEFAULT_TTL_SECONDS = 60.0


class CachedActivity:
    """An ActivityStore that remembers reports_time_zone answers for ttl_seconds."""

    def __init__(self, activity: ActivityStore, ttl_seconds: float = DEFAULT_TTL_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._activity = activity
        self._ttl = ttl_seconds
        self._clock = clock
        self._zones: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def reports_time_zone(self, account: str) -> str:
        now = self._clock()
        with self._lock:
            found = self._zones.get(account)
        if found is not None and now - found[0] < self._ttl:
            return found[1]
        zone = self._activity.reports_time_zone(account)
        with self._lock:
            self._zones[account] = (now, zone)
        return zone

    def campaign_start(self, account: str, campaign: str) -> datetime:
        return self._activity.campaign_start(account, campaign)

    def __getattr__(self, name: str) -> Any:
        # Lookups added to the port later (ingest cutoffs, ...) pass straight through.
        return getattr(self._activity, name)

"""The catalog's metrics (OpenTelemetry): the retention purge's backlog.

The instrument comes from the process's meter provider (reportsuite.core.telemetry.configure);
without one it records nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation

log = logging.getLogger(__name__)

_meter = metrics.get_meter("services.catalog")
_lock = threading.Lock()
# Backlog counters of the catalogs running in this process, newest last (one in production;
# tests start several against one database, and the newest speaks for them).
_sources: list[Callable[[], int]] = []


def _observe(options: CallbackOptions) -> Iterable[Observation]:
    with _lock:
        source = _sources[-1] if _sources else None
    if source is None:
        return []
    try:
        return [Observation(source())]
    except Exception:  # a metric must never break the collection of the others
        log.warning("retention: could not count the purge backlog", exc_info=True)
        return []


PURGE_BACKLOG = _meter.create_observable_gauge(
    "reportsuite.catalog.retention.backlog", callbacks=[_observe], unit="{report}",
    description="Saved reports whose expire_time has passed and that the retention purge has not deleted yet.")


def watch_purge_backlog(backlog: Callable[[], int]) -> Callable[[], None]:
    """Reports backlog() as the purge-backlog gauge from now on; returns what stops it."""
    with _lock:
        _sources.append(backlog)

    def stop() -> None:
        with _lock:
            if backlog in _sources:
                _sources.remove(backlog)

    return stop

"""Keeps a stage's lease alive from a background thread while the report is generated."""

from __future__ import annotations

import logging
import threading
from types import TracebackType

from reportsuite.core.errors import Unavailable
from services.generator.domain.jobs import Claim, StageRefused
from services.generator.domain.ports import JobStages

log = logging.getLogger(__name__)


class Heartbeat:
    """Heartbeats every ``interval`` seconds until stopped.

    ``cancelled`` is set when the scheduler says the job was cancelled or the lease is lost;
    the report sink checks it, so generation stops at its next write.
    """

    def __init__(self, stages: JobStages, claim: Claim, interval: float) -> None:
        self._stages = stages
        self._claim = claim
        self._interval = interval
        self._stop = threading.Event()
        self.cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat {claim.job.id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                if self._stages.heartbeat(self._claim):
                    log.info("job %s was cancelled: stopping", self._claim.job.name)
                    self.cancelled.set()
                    return
            except StageRefused as error:
                log.warning("job %s: lease lost (%s): stopping", self._claim.job.name, error)
                self.cancelled.set()
                return
            except Unavailable as error:
                # The lease outlives a missed heartbeat; the next one may get through.
                log.warning("job %s: heartbeat failed, will retry: %s", self._claim.job.name, error)

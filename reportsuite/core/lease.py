"""Keeping a claimed job stage's lease alive while a worker does the stage (docs/jobs.md).

A generator or delivery worker claims a stage, then heartbeats it from a background thread;
the scheduler's reaper retries or fails a stage whose heartbeats stopped. The worker's own
thread checks ``stopped`` between units of work, so a cancelled job or a lost lease ends the
work at its next write or destination instead of finishing it for nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger(__name__)


class LeaseKeeper:
    """Calls ``beat`` every ``interval`` seconds until the ``with`` block ends.

    ``beat`` sends one heartbeat and returns True when the job was cancelled. Raising one of
    ``refused`` means the lease is no longer this worker's (the stage ended, or the reaper gave
    it to another). Either way ``stopped`` is set and ``lost`` says why. Any other error is a
    missed heartbeat, tried again at the next interval: a lease outlives a few.
    """

    def __init__(self, beat: Callable[[], bool], job_name: str, interval: float,
                 refused: tuple[type[Exception], ...]) -> None:
        self._beat = beat
        self._job_name = job_name
        self._interval = interval
        self._refused = refused
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat {job_name}", daemon=True)
        self.stopped = threading.Event()
        self.lost = ""

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                if self._beat():
                    self._end("the job was cancelled")
                    return
            except self._refused as refusal:
                self._end(f"the lease was lost: {refusal}")
                return
            except Exception:
                log.warning("job %s: heartbeat failed, will retry", self._job_name, exc_info=True)

    def _end(self, why: str) -> None:
        # lost before stopped: a reader that sees stopped always finds the reason.
        self.lost = why
        self.stopped.set()
        log.info("job %s: %s; stopping", self._job_name, why)

"""A background loop on its own thread: runs a step, then sleeps until woken or its interval passes.

Used by the scheduler (relay, reaper, tick) and the catalog (retention sweep)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

# After a failed step the loop waits longer, up to this, so a down broker or database is not hammered.
MAX_ERROR_WAIT_SECONDS = 5.0


class BackgroundLoop:
    """Calls ``step`` repeatedly on a daemon thread.

    ``step`` returns True when more work is waiting, to run again at once; otherwise the loop
    waits ``interval`` seconds (or what ``wait()`` returns, when given) or until ``wake()``.
    A step that raises is logged and retried after a growing pause; the loop never dies of it.
    """

    def __init__(self, name: str, step: Callable[[], bool], interval: float,
                 wait: Callable[[], float] | None = None) -> None:
        self._name = name
        self._step = step
        self._interval = interval
        self._wait = wait
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stopping(self) -> bool:
        """True once stop() was called: a long step checks it to end early."""
        return self._stopping.is_set()

    def wake(self) -> None:
        """Makes the loop run its step now instead of at the end of its interval."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Asks the loop to finish its current step and waits for it."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        error_wait = self._interval
        while not self._stopping.is_set():
            try:
                more = self._step()
                error_wait = self._interval
            except Exception:  # a background thread has no caller to raise to
                log.exception("%s step failed; retrying in %.1f s", self._name, error_wait)
                more = False
                self._stopping.wait(error_wait)
                error_wait = min(error_wait * 2, MAX_ERROR_WAIT_SECONDS)
                continue
            if not more:
                self._wake.wait(self._interval if self._wait is None else self._wait())
                self._wake.clear()

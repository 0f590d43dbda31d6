"""The outbox relay: publishes the job messages the scheduler's transactions wrote.

A message is published only after the transaction that decided it committed, and is never lost
between that commit and the broker: the row stays until the broker confirmed it. Several
scheduler replicas may relay at once; ``FOR UPDATE SKIP LOCKED`` keeps them off each other's rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from reportsuite.core.loops import BackgroundLoop
from services.scheduler.adapters.publisher import BatchPublisher
from services.scheduler.adapters.repository import OutboxMessage, OutboxStore

log = logging.getLogger(__name__)

# Rows published per AMQP transaction (adapters/publisher.py).
BATCH = 500
# The relay is woken after each commit that wrote a row; this is only the fallback (and the
# pace at which delayed retries become due).
POLL_SECONDS = 0.2


class OutboxRelay:
    """Publishes due outbox rows in batches (adapters/publisher.py) and marks them published."""

    def __init__(self, outbox: OutboxStore, publisher: BatchPublisher,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._outbox = outbox
        self._publisher = publisher
        self._clock = clock
        self._loop = BackgroundLoop("outbox-relay", self.publish_once, POLL_SECONDS)

    def publish_once(self) -> bool:
        """Publishes one batch; True when the batch was full and more rows may be due."""
        sent = self._outbox.publish_due(self._clock(), BATCH, self._send)
        if not sent:
            self._publisher.keep_alive()
        return sent == BATCH

    def _send(self, messages: list[OutboxMessage]) -> None:
        self._publisher.publish(messages)
        for message in messages:
            log.debug("published %s to %s (outbox row %s)", message.job_name, message.queue.queue_name, message.id)
        log.info("published %d outbox rows", len(messages))

    def start(self) -> None:
        self._loop.start()

    def wake(self) -> None:
        """Called after a commit that wrote an outbox row."""
        self._loop.wake()

    def stop(self) -> None:
        self._loop.stop()
        self._publisher.close()

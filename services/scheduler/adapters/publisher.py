"""Publishing a batch of outbox rows to RabbitMQ in one AMQP transaction.

A publish with confirms waits for the broker once per message (about 1,300 messages/s from one
thread here); the relay would then be what limits a burst of scheduled runs. An AMQP transaction
(``tx.select`` ... ``tx.commit``) waits once per batch, and ``tx.commit-ok`` comes only when every
message of it was routed and, for our durable queues, written: the same guarantee as confirms.
A batch that fails is not marked published and is sent again (workers claim first, so a
duplicate is harmless). The messages are Dramatiq's own encoding, so workers cannot tell them
from ``broker.enqueue``'s.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

import dramatiq
import pika
from dramatiq.brokers.rabbitmq import RabbitmqBroker

from reportsuite.core import queue

log = logging.getLogger(__name__)


class PublishedMessage(Protocol):
    """What a publisher needs of an outbox row."""

    @property
    def job_name(self) -> str: ...

    @property
    def queue(self) -> queue.JobQueue: ...

    @property
    def trace_context(self) -> dict[str, str]: ...


class BatchPublisher(Protocol):
    def publish(self, messages: Sequence[PublishedMessage]) -> None:
        """Publishes every message, or raises having published none for sure."""

    def keep_alive(self) -> None:
        """Called while idle, so the connection's heartbeats keep flowing."""

    def close(self) -> None: ...


def publisher_for(broker: dramatiq.Broker, url: str) -> BatchPublisher:
    """A transactional publisher for RabbitMQ; one that enqueues message by message otherwise."""
    if isinstance(broker, RabbitmqBroker):
        return TransactionalPublisher(broker, url)
    return EnqueuePublisher(broker)


def encode(message: PublishedMessage) -> bytes:
    """The message exactly as ``reportsuite.core.queue.publish`` would enqueue it."""
    return dramatiq.Message(
        queue_name=message.queue.queue_name, actor_name=message.queue.actor_name, args=(message.job_name,),
        kwargs={}, options={queue.TRACE_OPTION: dict(message.trace_context)},
    ).encode()


class EnqueuePublisher:
    """Publishes through the broker one message at a time (the stub broker of dev mode)."""

    def __init__(self, broker: dramatiq.Broker) -> None:
        self._broker = broker

    def publish(self, messages: Sequence[PublishedMessage]) -> None:
        for message in messages:
            queue.publish(self._broker, message.queue, message.job_name, message.trace_context)

    def keep_alive(self) -> None:
        pass

    def close(self) -> None:
        pass


class TransactionalPublisher:
    """Publishes batches in AMQP transactions on a connection of its own (used by one thread)."""

    def __init__(self, broker: RabbitmqBroker, url: str) -> None:
        self._broker = broker
        self._url = url
        self._connection: pika.BlockingConnection | None = None
        self._channel: Any = None
        self._declared: set[str] = set()
        self._returned: list[str] = []

    def publish(self, messages: Sequence[PublishedMessage]) -> None:
        if not messages:
            return
        try:
            self._publish(messages)
        except (pika.exceptions.AMQPError, OSError):
            self.close()  # the next batch connects afresh
            raise

    def _publish(self, messages: Sequence[PublishedMessage]) -> None:
        channel = self._open()
        for name in {message.queue.queue_name for message in messages} - self._declared:
            # Declared through Dramatiq, with its arguments (dead-letter queue and all).
            self._broker.declare_queue(name, ensure=True)
            self._declared.add(name)
        properties = pika.BasicProperties(delivery_mode=2)
        for message in messages:
            channel.basic_publish("", message.queue.queue_name, encode(message), properties, mandatory=True)
        channel.tx_commit()
        assert self._connection is not None
        self._connection.process_data_events(0)  # delivers any basic.return, which precedes commit-ok
        if self._returned:
            returned, self._returned = self._returned, []
            self._declared.clear()  # a queue vanished: declare it again before the retry
            raise pika.exceptions.AMQPChannelError(f"the broker could not route messages to {sorted(set(returned))}")

    def _open(self) -> Any:
        if self._channel is None:
            self._connection = pika.BlockingConnection(pika.URLParameters(self._url))
            self._channel = self._connection.channel()
            self._channel.tx_select()
            self._channel.add_on_return_callback(self._on_return)
        return self._channel

    def _on_return(self, channel: Any, method: Any, properties: Any, body: bytes) -> None:
        self._returned.append(str(method.routing_key))

    def keep_alive(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.process_data_events(0)
        except (pika.exceptions.AMQPError, OSError):
            self.close()

    def close(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None and connection.is_open:
            try:
                connection.close()
            except (pika.exceptions.AMQPError, OSError):
                log.debug("closing the relay's broker connection failed", exc_info=True)

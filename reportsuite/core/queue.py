"""The Dramatiq broker, its middleware, and the names of the suite's job queues.

Messages carry only a job's resource name. The scheduler publishes them from its
transactional outbox; workers check the job in the scheduler before doing anything.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

import dramatiq
from dramatiq.broker import MessageProxy
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import CurrentMessage, Middleware
from opentelemetry import context as otel_context
from opentelemetry import propagate, trace

from reportsuite.core.security.credentials import set_acting_as_service

TRACE_OPTION = "trace_context"


@dataclass(frozen=True)
class JobQueue:
    """Where one kind of job message goes and which actor takes it."""

    queue_name: str
    actor_name: str


# A prefix isolates the queues of one deployment or test run from another's on a shared broker
# (REPORTSUITE_QUEUE_PREFIX; read here because actor decorators need the names at import).
QUEUE_PREFIX = os.environ.get("REPORTSUITE_QUEUE_PREFIX", "")
GENERATE = JobQueue(f"{QUEUE_PREFIX}generate", "generate_report")
DELIVER = JobQueue(f"{QUEUE_PREFIX}deliver", "deliver_report")


class TracingMiddleware(Middleware):
    """Carries the W3C trace context in message options and opens a consumer span per message.

    No maintained OpenTelemetry instrumentation exists for Dramatiq, so this small one does it.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def before_enqueue(self, broker: dramatiq.Broker, message: dramatiq.Message, delay: Any) -> None:
        if TRACE_OPTION not in message.options:
            carrier: dict[str, str] = {}
            propagate.inject(carrier)
            message.options[TRACE_OPTION] = carrier

    def before_process_message(self, broker: dramatiq.Broker, message: MessageProxy) -> None:
        parent = propagate.extract(message.options.get(TRACE_OPTION) or {})
        span = trace.get_tracer(__name__).start_span(
            f"{message.actor_name} process", context=parent, kind=trace.SpanKind.CONSUMER,
            attributes={
                "messaging.system": "rabbitmq",
                "messaging.destination.name": message.queue_name,
                "messaging.message.id": message.message_id,
            },
        )
        token = otel_context.attach(trace.set_span_in_context(span, parent))
        self._local.active = (span, token)

    def after_process_message(
        self, broker: dramatiq.Broker, message: MessageProxy, *,
        result: Any = None, exception: BaseException | None = None,
    ) -> None:
        active = getattr(self._local, "active", None)
        if active is None:
            return
        span, token = active
        if exception is not None:
            span.record_exception(exception)
            span.set_status(trace.Status(trace.StatusCode.ERROR, str(exception)))
        span.end()
        otel_context.detach(token)
        self._local.active = None

    def after_skip_message(self, broker: dramatiq.Broker, message: MessageProxy) -> None:
        self.after_process_message(broker, message)


class ServiceIdentityMiddleware(Middleware):
    """Job actors call other services as their service (REPORTSUITE_SERVICE_TOKEN), never as a user."""

    def before_process_message(self, broker: dramatiq.Broker, message: MessageProxy) -> None:
        set_acting_as_service(True)

    def after_process_message(
        self, broker: dramatiq.Broker, message: MessageProxy, *,
        result: Any = None, exception: BaseException | None = None,
    ) -> None:
        set_acting_as_service(False)

    def after_skip_message(self, broker: dramatiq.Broker, message: MessageProxy) -> None:
        set_acting_as_service(False)


_brokers: dict[str, dramatiq.Broker] = {}
_brokers_lock = threading.Lock()


def build_broker(url: str) -> dramatiq.Broker:
    """Returns the process's broker for a URL, building it once, as Dramatiq's global broker.

    Actor modules and in-process workers call this at import; every caller in a process gets
    the same broker, so actors of several services can share one process (dev mode, tests).
    Publisher confirms are on: without them a publish to a missing queue returned normally
    and the message vanished.
    """
    with _brokers_lock:
        if url not in _brokers:
            _brokers[url] = _new_broker(url)
        dramatiq.set_broker(_brokers[url])
        return _brokers[url]


def _new_broker(url: str) -> dramatiq.Broker:
    broker: dramatiq.Broker
    if url.startswith("stub://"):
        broker = StubBroker()
        broker.emit_after("process_boot")
    else:
        broker = RabbitmqBroker(url=url, confirm_delivery=True)
    broker.add_middleware(TracingMiddleware())
    broker.add_middleware(ServiceIdentityMiddleware())
    broker.add_middleware(CurrentMessage())
    return broker


def publish(broker: dramatiq.Broker, queue: JobQueue, job_name: str, trace_context: dict[str, str]) -> str:
    """Publishes one job message (only the job's name) and returns its message id."""
    message: dramatiq.Message[Any] = dramatiq.Message(
        queue_name=queue.queue_name, actor_name=queue.actor_name,
        args=(job_name,), kwargs={}, options={TRACE_OPTION: dict(trace_context)},
    )
    return broker.enqueue(message).message_id


def current_trace_context() -> dict[str, str]:
    """The calling code's trace context, to store with an outbox row."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier

"""deliver_report through the real RabbitMQ broker, on an in-process worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from reportsuite.core import telemetry
from reportsuite.core.queue import DELIVER, build_broker, publish
from services.delivery import bootstrap
from tests.integration.delivery.conftest import CONTENT, World


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    telemetry.configure("delivery-tests", exporter=exporter)
    yield exporter
    exporter.clear()


def test_a_published_job_is_delivered_by_the_worker_with_one_span_per_destination(
    world: World, unique_id: str, spans: InMemorySpanExporter,
) -> None:
    broker = build_broker(world.settings.broker_url)
    broker.flush(DELIVER.queue_name)
    stop = bootstrap.start_worker(world.settings, threads=2)
    try:
        job = world.add_job(unique_id, emails="ops@example.com, finance@example.com")
        publish(broker, DELIVER, job, {})
        assert world.scheduler.wait_settled(job, timeout=30)
    finally:
        stop()

    assert [completion.name for completion in world.scheduler.completions] == [job]
    assert world.smtp.recipients() == ["ops@example.com", "finance@example.com"]
    attachment = next(world.smtp.messages[0].iter_attachments())
    assert attachment.get_payload(decode=True) == CONTENT
    finished = spans.get_finished_spans()
    [actor] = [s for s in finished if s.name == "deliver_report process" and s.attributes
               and s.attributes.get("messaging.destination.name") == DELIVER.queue_name]
    per_destination = [s for s in finished if s.name == "deliver email" and s.parent is not None
                       and s.parent.span_id == actor.context.span_id]
    destinations = {str((s.attributes or {}).get("reportsuite.delivery.destination")) for s in per_destination}
    assert destinations == {"email:finance@example.com", "email:ops@example.com"}
    assert len(per_destination) == 2

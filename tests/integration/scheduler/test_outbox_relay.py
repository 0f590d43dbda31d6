"""The outbox relay publishes each outbox row once to RabbitMQ, with the caller's trace context."""

from __future__ import annotations

import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.queue import DELIVER, GENERATE
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2 as pb
from reportsuite.scheduler.v1 import scheduler_pb2_grpc
from tests.integration.scheduler.conftest import eventually, explicit, outbox_rows, purge, run, take_messages
from tests.integration.scheduler.fakes import FakeCatalog

Stub = scheduler_pb2_grpc.SchedulerServiceStub


def trace_id_of(traceparent: str) -> str:
    return traceparent.split("-")[1]


def test_the_relay_publishes_one_generate_message_per_job_with_a_trace_context(
    scheduler: Stub, catalog: FakeCatalog, settings: Settings, database: sa.Engine, unique_id: str,
    exporter: InMemorySpanExporter,
) -> None:
    purge(settings, GENERATE.queue_name)
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"))
    with trace.get_tracer(__name__).start_as_current_span("a user runs three reports") as span:
        names = {run(scheduler, definition.name).name for _ in range(3)}

    eventually(lambda: all(outbox_rows(database, name)[0]["published_at"] for name in names))
    messages = take_messages(settings, GENERATE.queue_name, names, settle=1.0)

    assert sorted(m["args"][0] for m in messages) == sorted(names)
    for message in messages:
        assert message["args"] == [message["args"][0]] and message["kwargs"] == {}
        assert message["actor_name"] == "generate_report"
        traceparent = message["options"]["trace_context"]["traceparent"]
        assert trace_id_of(traceparent) == format(span.get_span_context().trace_id, "032x")


def test_completing_generation_publishes_a_deliver_message_in_the_workers_trace(
    scheduler: Stub, catalog: FakeCatalog, settings: Settings, unique_id: str, exporter: InMemorySpanExporter,
) -> None:
    output = catalog_pb2.OutputOptions(email_addresses="ops@example.com")
    definition = catalog.add(unique_id, explicit("2024-01-01T00:00", "2024-01-02T00:00"), output=output)
    job = run(scheduler, definition.name)
    token = scheduler.ClaimJobStage(pb.ClaimJobStageRequest(name=job.name, stage=pb.STAGE_GENERATE, worker="w"),
                                    timeout=10).lease_token

    with trace.get_tracer(__name__).start_as_current_span("generate_report process") as span:
        scheduler.CompleteJobStage(pb.CompleteJobStageRequest(name=job.name, lease_token=token, row_count=1),
                                   timeout=10)
    [message] = take_messages(settings, DELIVER.queue_name, {job.name})

    assert message["actor_name"] == "deliver_report"
    traceparent = message["options"]["trace_context"]["traceparent"]
    assert trace_id_of(traceparent) == format(span.get_span_context().trace_id, "032x")

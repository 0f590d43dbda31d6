"""The real generate_report actor, consuming from RabbitMQ in an in-process worker."""

from __future__ import annotations

from reportsuite.core.queue import GENERATE, build_broker, current_trace_context, publish
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2_grpc
from services.generator import bootstrap
from tests.integration.generator import activity
from tests.integration.generator.fakes import running_peers


def test_a_generate_message_published_on_rabbitmq_runs_the_generate_stage(
    generator: generator_pb2_grpc.GeneratorServiceStub, settings: Settings, unique_id: str,
) -> None:
    activity.given_the_hand_worked_activity(generator, unique_id)
    with running_peers(settings) as peers:
        job = activity.job(unique_id)
        peers.scheduler.add_job(job)
        broker = build_broker(peers.settings.broker_url)
        broker.flush(GENERATE.queue_name)
        stop = bootstrap.start_worker(peers.settings, threads=1)
        try:
            publish(broker, GENERATE, job.name, current_trace_context())
            completed = peers.scheduler.calls.wait_for("CompleteJobStage", timeout=30)
        finally:
            stop()

    assert [(c.name, c.row_count) for c in completed] == [(job.name, 10)]
    assert [c.request_id for c in peers.catalog.calls.of("CreateSavedReport")] == [job.name]
    written = (peers.settings.file_store / "reports" / unique_id / "j1.csv").read_text()
    assert written == activity.expected_campaign_csv(unique_id)

"""The generate stage, run through the domain function the actor calls, against fake peers.

The generator's own service and PostgreSQL are real; the scheduler, catalog and delivery
services are hand-written fakes on real gRPC servers that record what they receive.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import telemetry
from reportsuite.core.errors import Aborted, InvalidArgument, Unavailable
from reportsuite.core.settings import Settings
from reportsuite.core.timestamps import from_proto
from reportsuite.generator.v1 import generator_pb2_grpc
from services.generator.domain.generation import Generation, Outcome, generate_report
from tests.integration.generator import activity
from tests.integration.generator.fakes import Peers

Stub = generator_pb2_grpc.GeneratorServiceStub


def _report_file(settings: Settings, account: str, job_id: str = "j1") -> Path:
    return settings.file_store / "reports" / account / f"{job_id}.csv"


def test_all_attempts_at_campaign_level_holds_every_attempt_in_the_window_with_its_best_contact(
    peers: Peers, generation: Generation, account: str,
) -> None:
    peers.scheduler.add_job(activity.job(account))

    outcome = generate_report(f"accounts/{account}/jobs/j1", generation)

    assert outcome is Outcome.COMPLETED
    written = _report_file(peers.settings, account).read_bytes().decode()
    assert written == activity.expected_campaign_csv(account)


def test_all_attempts_at_sub_campaign_level_ranks_best_contact_within_the_sub_campaign(
    peers: Peers, generation: Generation, account: str,
) -> None:
    peers.scheduler.add_job(activity.job(account, level=catalog_pb2.LEVEL_SUB_CAMPAIGN, target="s2"))

    assert generate_report(f"accounts/{account}/jobs/j1", generation) is Outcome.COMPLETED

    written = _report_file(peers.settings, account).read_bytes().decode()
    assert written == activity.expected_sub_campaign_csv(account)


def test_the_file_is_registered_once_with_its_size_rows_and_sha256_and_the_stage_completed(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account)
    peers.scheduler.add_job(job)

    generate_report(job.name, generation)

    data = _report_file(peers.settings, account).read_bytes()
    [created] = peers.catalog.calls.of("CreateSavedReport")
    saved = created.saved_report
    assert (created.parent, created.request_id) == (f"accounts/{account}", job.name)
    assert (saved.report_definition, saved.job, saved.display_name) == (job.report_definition, job.name,
                                                                        "Daily attempts")
    assert saved.report_type == catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS
    assert (saved.file_name, saved.content_type) == ("Spring_Reminders_j1.csv", "text/csv")
    assert (saved.size_bytes, saved.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    # Ten data rows although the file has twelve newlines: one is inside a quoted MessageContent.
    assert (saved.row_count, data.count(b"\n")) == (10, 12)
    assert (saved.window_start, saved.window_end) == (job.window_start, job.window_end)
    assert saved.storage_key == f"reports/{account}/j1.csv"
    [completed] = peers.scheduler.calls.of("CompleteJobStage")
    assert (completed.saved_report, completed.row_count) == (f"accounts/{account}/savedReports/sr1", 10)
    assert peers.scheduler.calls.of("FailJobStage") == []


def test_the_file_name_is_asked_for_with_the_reports_context(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account)
    peers.scheduler.add_job(job)

    generate_report(job.name, generation)

    [asked] = peers.delivery.calls.of("PreviewFileName")
    context = asked.context
    assert asked.file_name_format == "<CAMPAIGN>_<DATE:yyyyMMdd>"
    assert (context.report, context.report_name, context.name_at_level_run) == (
        "All Attempts", "Daily attempts", "Spring Reminders")
    assert (context.campaign, context.sub_campaign, context.group) == ("Spring Reminders", "", "list-a")
    assert (context.account, context.account_uid, context.report_id) == ("Acme Collections", account, "j1")
    assert (from_proto(context.start_time), from_proto(context.end_time)) == (activity.CAMPAIGN_START,
                                                                              activity.CAMPAIGN_END)
    assert from_proto(asked.instant) == activity.JOB_CREATED
    assert asked.time_zone == "America/New_York"
    assert asked.has_output_specification is False


def test_a_redelivered_message_for_a_generated_job_does_nothing(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account)
    peers.scheduler.add_job(job)
    assert generate_report(job.name, generation) is Outcome.COMPLETED
    first = _report_file(peers.settings, account).stat()

    outcome = generate_report(job.name, generation)

    assert outcome is Outcome.SKIPPED
    assert len(peers.scheduler.calls.of("ClaimJobStage")) == 2
    assert len(peers.catalog.calls.of("CreateSavedReport")) == 1
    assert len(peers.delivery.calls.of("PreviewFileName")) == 1
    assert len(peers.scheduler.calls.of("CompleteJobStage")) == 1
    assert _report_file(peers.settings, account).stat().st_mtime_ns == first.st_mtime_ns


def test_a_rerun_after_a_lost_completion_leaves_one_file_and_one_saved_report(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account)
    peers.scheduler.add_job(job)
    peers.scheduler.errors["CompleteJobStage"] = [Unavailable("scheduler restarting")]

    first = generate_report(job.name, generation)
    second = generate_report(job.name, generation)

    assert (first, second) == (Outcome.RETRYING, Outcome.COMPLETED)
    [failed] = peers.scheduler.calls.of("FailJobStage")
    assert failed.retryable is True
    assert len(peers.catalog.calls.of("CreateSavedReport")) == 2
    assert list(peers.catalog.saved) == [job.name]
    assert [p.name for p in _report_file(peers.settings, account).parent.iterdir()] == ["j1.csv"]
    assert _report_file(peers.settings, account).read_text() == activity.expected_campaign_csv(account)


def test_a_report_type_at_a_level_it_does_not_run_at_fails_the_job_for_good(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account, report_type=catalog_pb2.REPORT_TYPE_USAGE)
    peers.scheduler.add_job(job)

    assert generate_report(job.name, generation) is Outcome.FAILED

    [failed] = peers.scheduler.calls.of("FailJobStage")
    assert (failed.reason, failed.retryable) == ("Usage reports do not run at campaign level", False)
    assert peers.catalog.calls.of("CreateSavedReport") == []
    assert not _report_file(peers.settings, account).exists()


def test_a_campaign_missing_from_the_activity_store_fails_the_job_for_good(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account, target="no-such-campaign")
    peers.scheduler.add_job(job)

    assert generate_report(job.name, generation) is Outcome.FAILED

    [failed] = peers.scheduler.calls.of("FailJobStage")
    assert failed.retryable is False
    assert "campaign 'no-such-campaign' does not exist" in failed.reason


def test_a_file_name_format_the_delivery_service_refuses_fails_the_job_for_good(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account, file_name_format="<NOPE>")
    peers.scheduler.add_job(job)
    peers.delivery.errors.append(InvalidArgument("unknown tag <NOPE>", field="file_name_format", rule="known tags"))

    assert generate_report(job.name, generation) is Outcome.FAILED

    [failed] = peers.scheduler.calls.of("FailJobStage")
    assert failed.retryable is False
    assert "unknown tag <NOPE>" in failed.reason
    assert not _report_file(peers.settings, account).exists()


def test_a_catalog_outage_fails_the_stage_so_the_scheduler_retries_it(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account)
    peers.scheduler.add_job(job)
    peers.catalog.errors.append(Unavailable("catalog restarting"))

    assert generate_report(job.name, generation) is Outcome.RETRYING

    [failed] = peers.scheduler.calls.of("FailJobStage")
    assert failed.retryable is True
    assert peers.scheduler.calls.of("CompleteJobStage") == []


def test_when_even_the_failure_cannot_be_recorded_the_message_is_retried(
    peers: Peers, generation: Generation, account: str,
) -> None:
    job = activity.job(account)
    peers.scheduler.add_job(job)
    peers.catalog.errors.append(Unavailable("catalog restarting"))
    peers.scheduler.errors["FailJobStage"] = [Unavailable("scheduler restarting")]

    with pytest.raises(Unavailable):
        generate_report(job.name, generation)


def test_a_stage_another_worker_holds_is_left_alone(peers: Peers, generation: Generation, account: str) -> None:
    job = activity.job(account)
    peers.scheduler.add_job(job)
    peers.scheduler.errors["ClaimJobStage"] = [Aborted("leased to another worker", field="name")]

    assert generate_report(job.name, generation) is Outcome.BUSY

    assert peers.delivery.calls.of("PreviewFileName") == []
    assert peers.scheduler.calls.of("FailJobStage") == []
    assert peers.scheduler.calls.of("CompleteJobStage") == []


def test_the_query_span_sits_inside_format_inside_generate_with_rows_and_bytes(
    peers: Peers, generation: Generation, account: str,
) -> None:
    exporter = InMemorySpanExporter()
    telemetry.configure("reportsuite-tests", exporter=exporter)
    job = activity.job(account)
    peers.scheduler.add_job(job)

    try:
        generate_report(job.name, generation)
        spans = {span.name: span for span in exporter.get_finished_spans()}
    finally:
        exporter.shutdown()  # the provider is process-wide: stop collecting once read
    query, formatting, generate = spans["query"], spans["format"], spans["generate"]
    assert query.parent is not None and query.parent.span_id == formatting.context.span_id
    assert formatting.parent is not None and formatting.parent.span_id == generate.context.span_id
    size = _report_file(peers.settings, account).stat().st_size
    assert (query.attributes or {}).get("rows") == 10
    assert (query.attributes or {}).get("bytes") == size


def test_a_job_the_generator_cannot_read_is_failed_for_good(peers: Peers, generation: Generation) -> None:
    job = activity.job("acc")
    job.ClearField("window_start")
    peers.scheduler.add_job(job)

    assert generate_report(job.name, generation) is Outcome.SKIPPED

    [failed] = peers.scheduler.calls.of("FailJobStage")
    assert (failed.name, failed.retryable) == (job.name, False)
    assert "cannot read the job" in failed.reason

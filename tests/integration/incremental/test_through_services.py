"""Two Incremental runs through the real services (gRPC, RabbitMQ, workers) make two saved reports
whose rows are disjoint and together hold every attempt ingested."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients
from reportsuite.generator.v1 import generator_pb2
from reportsuite.scheduler.v1 import scheduler_pb2
from tests.e2e.test_report_slice import ingest_into, make_attempts
from tests.support.inprocess import inprocess_suite


def run_and_download(settings: object, definition: str) -> tuple[scheduler_pb2.Job, list[str]]:
    """Runs the definition, waits for the job to end, and returns it with its report's AttemptIDs."""
    scheduler = clients.scheduler(settings.scheduler_addr)  # type: ignore[attr-defined]
    catalog = clients.catalog(settings.catalog_addr)  # type: ignore[attr-defined]
    job = scheduler.RunReport(scheduler_pb2.RunReportRequest(report_definition=definition), timeout=30).job
    for _ in scheduler.WatchJob(scheduler_pb2.WatchJobRequest(name=job.name), timeout=120):
        pass
    final = scheduler.GetJob(scheduler_pb2.GetJobRequest(name=job.name), timeout=30).job
    assert final.state == scheduler_pb2.Job.STATE_SUCCEEDED, final.failure_reason
    data = b"".join(chunk.data for chunk in catalog.DownloadSavedReport(
        catalog_pb2.DownloadSavedReportRequest(name=final.saved_report), timeout=60))
    return final, [row["AttemptID"] for row in csv.DictReader(io.StringIO(data.decode()))]


def test_two_successive_incremental_runs_save_disjoint_reports_covering_every_attempt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unique_id: str,
) -> None:
    attempts = make_attempts(unique_id, 240)  # spread over six days: times do not matter here
    first_batch, second_batch = attempts[:150], attempts[150:]
    with inprocess_suite({"REPORTSUITE_FILE_STORE": str(tmp_path / "files")}, monkeypatch) as settings:
        ingest_into(settings.generator_addr, unique_id, first_batch)
        definition = clients.catalog(settings.catalog_addr).CreateReportDefinition(
            catalog_pb2.CreateReportDefinitionRequest(
                parent=f"accounts/{unique_id}",
                report_definition=catalog_pb2.ReportDefinition(
                    display_name="Hourly attempts", report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS,
                    level=catalog_pb2.LEVEL_CAMPAIGN, target="spring",
                    time_frame=catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_INCREMENTAL)),
            ), timeout=30).report_definition.name

        first, first_rows = run_and_download(settings, definition)
        reply = clients.generator(settings.generator_addr).IngestAttempts(
            iter([generator_pb2.IngestAttemptsRequest(attempts=second_batch)]), timeout=60)
        assert reply.stored == len(second_batch)
        second, second_rows = run_and_download(settings, definition)

    assert sorted(first_rows) == sorted(a.attempt_id for a in first_batch)
    assert sorted(second_rows) == sorted(a.attempt_id for a in second_batch)
    assert second.incremental.previous_cutoff == first.incremental.cutoff
    assert second.window_start == first.window_end
    assert (first.row_count, second.row_count) == (len(first_batch), len(second_batch))

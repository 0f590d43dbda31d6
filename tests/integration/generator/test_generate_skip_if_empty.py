""""Do not generate if report is empty" in the generate stage: a job of a schedule with the option
that finds no rows keeps no file, registers no saved report and completes as skipped_empty;
without the option (or with rows) the report is generated as always.

The generator and PostgreSQL are real; the scheduler, catalog and delivery are this folder's fakes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reportsuite.core.timestamps import to_proto
from reportsuite.generator.v1 import generator_pb2_grpc
from reportsuite.scheduler.v1 import scheduler_pb2
from services.generator.domain.generation import Generation, Outcome, generate_report
from tests.integration.generator import activity
from tests.integration.generator.fakes import Peers

Stub = generator_pb2_grpc.GeneratorServiceStub


def scheduled_job(account: str, *, skip_if_empty: bool, empty: bool) -> scheduler_pb2.Job:
    job = activity.job(account)
    job.schedule, job.skip_if_empty = f"accounts/{account}/schedules/s1", skip_if_empty
    if empty:  # a day long before any of the account's activity
        job.window_start.CopyFrom(to_proto(datetime(2020, 1, 1, tzinfo=UTC)))
        job.window_end.CopyFrom(to_proto(datetime(2020, 1, 2, tzinfo=UTC)))
    return job


def report_file(peers: Peers, account: str) -> Path:
    return peers.settings.file_store / "reports" / account / "j1.csv"


def test_an_empty_report_of_a_skip_if_empty_job_is_neither_kept_nor_registered(
        peers: Peers, generation: Generation, account: str) -> None:
    peers.scheduler.add_job(scheduled_job(account, skip_if_empty=True, empty=True))

    outcome = generate_report(f"accounts/{account}/jobs/j1", generation)

    assert outcome is Outcome.SKIPPED_EMPTY
    (completed,) = peers.scheduler.calls.of("CompleteJobStage")
    assert (completed.skipped_empty, completed.saved_report, completed.row_count) == (True, "", 0)
    assert peers.catalog.calls.of("CreateSavedReport") == []
    assert not report_file(peers, account).exists()
    assert list(report_file(peers, account).parent.glob("*j1*")) == []  # no partial file either


def test_without_the_option_an_empty_report_is_generated_with_its_header(
        peers: Peers, generation: Generation, account: str) -> None:
    peers.scheduler.add_job(scheduled_job(account, skip_if_empty=False, empty=True))

    outcome = generate_report(f"accounts/{account}/jobs/j1", generation)

    assert outcome is Outcome.COMPLETED
    (completed,) = peers.scheduler.calls.of("CompleteJobStage")
    assert (completed.skipped_empty, completed.row_count) == (False, 0) and completed.saved_report
    (registered,) = peers.catalog.calls.of("CreateSavedReport")
    assert registered.saved_report.row_count == 0
    assert report_file(peers, account).read_text().splitlines() == [activity.HEADER]


def test_a_skip_if_empty_job_with_rows_is_generated_as_always(peers: Peers, generation: Generation,
                                                              account: str) -> None:
    peers.scheduler.add_job(scheduled_job(account, skip_if_empty=True, empty=False))

    outcome = generate_report(f"accounts/{account}/jobs/j1", generation)

    assert outcome is Outcome.COMPLETED
    (completed,) = peers.scheduler.calls.of("CompleteJobStage")
    assert not completed.skipped_empty and completed.row_count > 0
    assert report_file(peers, account).exists()

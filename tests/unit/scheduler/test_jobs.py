"""The stage protocol's rules on a job in memory (docs/jobs.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reportsuite.core.errors import Aborted, FailedPrecondition
from services.scheduler.domain import jobs
from services.scheduler.domain.jobs import Job, JobState, LeasePolicy, Stage, StageResult

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
POLICY = LeasePolicy(lease_seconds=60, max_attempts=3)


def queued_job(*, has_destination: bool = True) -> Job:
    return Job(id="j1", account="a1", report_definition="accounts/a1/reports/r1", state=JobState.QUEUED,
               report=b"", has_destination=has_destination, as_of=NOW, window_start=NOW - timedelta(days=1),
               window_end=NOW, create_time=NOW, update_time=NOW)


def later(seconds: float) -> datetime:
    return NOW + timedelta(seconds=seconds)


@pytest.mark.parametrize(("attempts", "seconds"), [(1, 2), (2, 4), (3, 8), (5, 32), (6, 60), (10, 60)])
def test_backoff_doubles_per_attempt_up_to_a_minute(attempts: int, seconds: int) -> None:
    assert jobs.backoff_seconds(attempts) == seconds


def test_a_claim_grants_a_lease_and_counts_the_attempt() -> None:
    job = queued_job()
    jobs.claim(job, Stage.GENERATE, "w1", NOW, POLICY)
    assert job.state is JobState.GENERATING
    assert job.attempts == 1
    assert job.lease is not None and job.lease.expire_time == later(60) and job.lease.worker == "w1"


def test_a_live_lease_of_another_worker_is_aborted_and_an_expired_one_is_taken_over() -> None:
    job = queued_job()
    jobs.claim(job, Stage.GENERATE, "w1", NOW, POLICY)
    with pytest.raises(Aborted):
        jobs.claim(job, Stage.GENERATE, "w2", later(59), POLICY)
    jobs.claim(job, Stage.GENERATE, "w2", later(61), POLICY)
    assert job.attempts == 2 and job.lease is not None and job.lease.worker == "w2"
    assert job.last_attempt_error.startswith("worker lease expired (no heartbeat since 2024-05-01T12:00:00")


def test_claiming_past_the_attempt_limit_fails_the_job_with_the_last_reason() -> None:
    job = queued_job()
    for attempt in range(3):
        jobs.claim(job, Stage.GENERATE, "w1", later(100 * attempt), POLICY)
    change = jobs.claim(job, Stage.GENERATE, "w1", later(400), POLICY)
    assert isinstance(change.refusal, FailedPrecondition)
    assert job.state is JobState.FAILED
    assert job.failure_reason.startswith("gave up after 3 attempts: worker lease expired")


@pytest.mark.parametrize(("state", "stage"), [
    (JobState.DELIVERING, Stage.GENERATE), (JobState.QUEUED, Stage.DELIVER), (JobState.GENERATING, Stage.DELIVER),
    (JobState.SUCCEEDED, Stage.DELIVER), (JobState.CANCELLED, Stage.GENERATE), (JobState.FAILED, Stage.GENERATE),
])
def test_a_stage_done_ended_or_not_reached_cannot_be_claimed(state: JobState, stage: Stage) -> None:
    job = queued_job()
    job.state = state
    with pytest.raises(FailedPrecondition):
        jobs.claim(job, stage, "w1", NOW, POLICY)
    assert job.attempts == 0


def test_generation_with_a_destination_hands_over_to_delivery_and_a_repeat_changes_nothing() -> None:
    job = queued_job()
    jobs.claim(job, Stage.GENERATE, "w1", NOW, POLICY)
    token = job.lease.token if job.lease else ""
    change = jobs.complete(job, token, StageResult("accounts/a1/savedReports/s1", 7), later(5))
    assert change is not None and change.publication == jobs.Publication(Stage.DELIVER, later(5))
    assert (job.state, job.attempts, job.lease, job.row_count) == (JobState.DELIVERING, 0, None, 7)
    assert jobs.complete(job, token, StageResult("other", 9), later(6)) is None
    assert job.row_count == 7


def test_generation_without_a_destination_succeeds_the_job() -> None:
    job = queued_job(has_destination=False)
    jobs.claim(job, Stage.GENERATE, "w1", NOW, POLICY)
    change = jobs.complete(job, job.lease.token if job.lease else "", StageResult("s", 1), later(5))
    assert change is not None and change.publication is None
    assert job.state is JobState.SUCCEEDED


def test_a_retryable_failure_requeues_after_a_backoff_until_the_last_attempt() -> None:
    job = queued_job()
    jobs.claim(job, Stage.GENERATE, "w1", NOW, POLICY)
    change = jobs.fail(job, job.lease.token if job.lease else "", "db busy", True, [], later(1), POLICY)
    assert job.state is JobState.QUEUED and job.lease is None
    assert change.publication == jobs.Publication(Stage.GENERATE, later(3))
    for _ in range(2):
        jobs.claim(job, Stage.GENERATE, "w1", later(10), POLICY)
        jobs.fail(job, job.lease.token if job.lease else "", "db busy", True, [], later(11), POLICY)
    assert job.state is JobState.FAILED and job.failure_reason == "db busy"


def test_a_wrong_token_is_refused_on_the_lease_token_field() -> None:
    job = queued_job()
    jobs.claim(job, Stage.GENERATE, "w1", NOW, POLICY)
    for call in (lambda: jobs.heartbeat(job, "nope", later(1), POLICY),
                 lambda: jobs.complete(job, "nope", StageResult(), later(1)),
                 lambda: jobs.fail(job, "nope", "x", True, [], later(1), POLICY)):
        with pytest.raises(FailedPrecondition) as raised:
            call()
        assert raised.value.field == "lease_token"


def test_a_heartbeat_extends_the_lease_and_reports_a_cancel() -> None:
    job = queued_job()
    jobs.claim(job, Stage.GENERATE, "w1", NOW, POLICY)
    token = job.lease.token if job.lease else ""
    assert jobs.heartbeat(job, token, later(30), POLICY) is False
    assert job.lease is not None and job.lease.expire_time == later(90)
    jobs.cancel(job, later(31))
    assert jobs.heartbeat(job, token, later(32), POLICY) is True
    assert (job.state, job.failure_reason) == (JobState.CANCELLED, "cancelled by user")

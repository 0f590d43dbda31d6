"""The lease keeper both workers heartbeat their claimed stages with."""

from __future__ import annotations

import threading

from reportsuite.core.errors import FailedPrecondition
from reportsuite.core.lease import LeaseKeeper

INTERVAL = 0.01


class _Beats:
    """Answers heartbeats from a script: False (keep going), True (cancelled) or an exception."""

    def __init__(self, *answers: bool | Exception) -> None:
        self._answers = list(answers)
        self.calls = 0
        self.done = threading.Event()

    def __call__(self) -> bool:
        self.calls += 1
        answer = self._answers.pop(0) if self._answers else False
        if not self._answers:
            self.done.set()
        if isinstance(answer, Exception):
            raise answer
        return answer


def _keep(beats: _Beats) -> LeaseKeeper:
    with LeaseKeeper(beats, "accounts/a/jobs/j", INTERVAL, refused=(FailedPrecondition,)) as keeper:
        assert beats.done.wait(5)
        keeper.stopped.wait(1)
    return keeper


def test_a_cancelled_job_stops_the_work_and_says_so() -> None:
    beats = _Beats(False, True)

    keeper = _keep(beats)

    assert keeper.stopped.is_set()
    assert keeper.lost == "the job was cancelled"
    assert beats.calls == 2


def test_a_refused_heartbeat_means_the_lease_is_lost_and_ends_the_heartbeats() -> None:
    beats = _Beats(FailedPrecondition("the stage is leased to another worker"))

    keeper = _keep(beats)

    assert keeper.lost == "the lease was lost: the stage is leased to another worker"
    assert keeper.stopped.is_set() and beats.calls == 1


def test_a_failed_heartbeat_is_tried_again_and_the_work_goes_on() -> None:
    beats = _Beats(ConnectionError("scheduler unreachable"), TimeoutError(), False)

    keeper = _keep(beats)

    assert beats.calls >= 3
    assert not keeper.stopped.is_set() and keeper.lost == ""

"""The property: every collected attempt lands in exactly one Incremental report. No gap, no overlap.

Hypothesis draws interleavings of ingest transactions held open on separate connections (taking
their transaction id early or late, inserting several attempts, committing or rolling back in
any order), immediate ingests, attempts ingested late (completed a month ago), Incremental runs
at any point (alone or several racing each other), runs of another time frame of the same
report, and generations of any job at any time (a job's report must not change when it is
generated again later). At the end every transaction commits, a last Incremental run is taken
and every job is generated: each committed attempt must be in exactly one report and no
rolled-back attempt in any.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.scheduler.domain.jobs import Job
from tests.integration.incremental.harness import AttemptSpec, Harness, Kind, OpenIngest

SLOTS = 4
EXAMPLES = 120

# One step of an interleaving; slot numbers name the connection a held-open transaction uses.
steps = st.one_of(
    st.tuples(st.just("begin"), st.integers(0, SLOTS - 1)),
    st.tuples(st.just("insert"), st.integers(0, SLOTS - 1), st.integers(1, 3), st.booleans()),
    st.tuples(st.just("commit"), st.integers(0, SLOTS - 1)),
    st.tuples(st.just("rollback"), st.integers(0, SLOTS - 1)),
    st.tuples(st.just("ingest"), st.integers(1, 3), st.booleans()),
    st.tuples(st.just("run")),
    st.tuples(st.just("race"), st.integers(2, 4)),
    st.tuples(st.just("other_time_frame")),
    st.tuples(st.just("generate"), st.integers(0, 50)),
)


@dataclass
class Interleaving:
    """The state of one example: open transactions, what was committed, the jobs and their reports."""

    harness: Harness
    incremental: str
    last_7_days: str
    open: dict[int, OpenIngest] = field(default_factory=dict)
    committed: set[str] = field(default_factory=set)
    rolled_back: set[str] = field(default_factory=set)
    jobs: list[Job] = field(default_factory=list)
    reports: dict[str, list[str]] = field(default_factory=dict)
    sequence: int = 0

    def attempts(self, count: int, late: bool) -> list[AttemptSpec]:
        now = datetime.now(UTC)
        made = []
        for _ in range(count):
            self.sequence += 1
            made.append(AttemptSpec(f"x{self.sequence}", now - timedelta(days=30) if late else now))
        return made

    def slot(self, number: int) -> OpenIngest:
        if number not in self.open:
            self.open[number] = self.harness.open_ingest()
        return self.open[number]

    def finish(self, number: int, commit: bool) -> None:
        transaction = self.open.pop(number, None)
        if transaction is None:
            return
        if commit:
            transaction.commit()
            self.committed.update(transaction.attempt_ids)
        else:
            transaction.rollback()
            self.rolled_back.update(transaction.attempt_ids)

    def race(self, runs: int) -> None:
        """Several runs at once while attempts keep being ingested, one commit after another."""
        barrier = threading.Barrier(runs + 1)
        made: list[Job] = []
        stream = self.attempts(6, late=False)

        def one() -> None:
            barrier.wait()
            made.append(self.harness.run(self.incremental))

        def ingest() -> None:
            barrier.wait()
            for attempt in stream:
                self.harness.ingest(attempt)

        threads = [threading.Thread(target=one) for _ in range(runs)] + [threading.Thread(target=ingest)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(made) == runs
        self.jobs.extend(made)
        self.committed.update(a.attempt_id for a in stream)

    def generate(self, job: Job) -> None:
        rows = self.harness.report(job)
        if job.id in self.reports:
            assert sorted(rows) == sorted(self.reports[job.id]), "a job's report changed when generated again"
        self.reports[job.id] = rows

    def apply(self, step: tuple) -> None:  # type: ignore[type-arg]
        kind = step[0]
        if kind == "begin":
            self.slot(step[1]).begin()
        elif kind == "insert":
            self.slot(step[1]).insert(self.attempts(step[2], step[3]))
        elif kind in ("commit", "rollback"):
            self.finish(step[1], commit=kind == "commit")
        elif kind == "ingest":
            made = self.attempts(step[1], step[2])
            self.harness.ingest(*made)
            self.committed.update(a.attempt_id for a in made)
        elif kind == "run":
            self.jobs.append(self.harness.run(self.incremental))
        elif kind == "race":
            self.race(step[1])
        elif kind == "other_time_frame":
            assert self.harness.run(self.last_7_days).incremental is None
        elif kind == "generate" and self.jobs:
            self.generate(self.jobs[step[1] % len(self.jobs)])

    def close(self) -> None:
        """Commits what is still open, takes the final run and generates every job."""
        for number in list(self.open):
            self.finish(number, commit=True)
        self.jobs.append(self.harness.run(self.incremental))
        for job in self.jobs:
            self.generate(job)


def test_every_attempt_lands_in_exactly_one_incremental_report(incremental_db: sa.Engine) -> None:
    examples = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(steps, max_size=25))
    def interleaving_holds(plan: list[tuple]) -> None:  # type: ignore[type-arg]
        harness = Harness(incremental_db)
        state = Interleaving(harness, harness.definition(), harness.definition(Kind.KIND_LAST_7_DAYS))
        try:
            for step in plan:
                state.apply(step)
            state.close()
        finally:
            for number in list(state.open):
                state.finish(number, commit=False)
        examples.append(plan)

        appearances = Counter(a for rows in state.reports.values() for a in rows)
        assert {a for a, times in appearances.items() if times > 1} == set(), "an attempt is in two reports"
        assert state.committed - set(appearances) == set(), "a collected attempt is in no report"
        assert set(appearances) - state.committed == set(), "a report holds an attempt never committed"
        chain = [job.incremental for job in state.jobs]
        assert all(c is not None for c in chain)

    interleaving_holds()

    print(f"incremental property: {len(examples)} examples passed")
    assert len(examples) >= 100
    assert sum(1 for plan in examples if any(s[0] == "race" for s in plan)) > 0

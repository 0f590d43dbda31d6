"""A generate job as the scheduler hands it over, and how a stage can end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.generator.domain.reports import IncrementalWindow, Level, ReportType


@dataclass(frozen=True)
class ReportDefinition:
    """The definition's snapshot taken when the run started (the parts the generator reads)."""

    name: str
    display_name: str
    report_type: ReportType | None
    level: Level | None
    target: str
    yesterdays_activity: bool = False
    file_name_format: str = ""
    has_output_specification: bool = False
    # The output specification's name, "accounts/{account}/outputSpecifications/{id}"; empty for plain CSV.
    output_specification: str = ""


@dataclass(frozen=True)
class Job:
    """One run of a report definition: ``accounts/{account}/jobs/{id}``."""

    name: str
    account: str
    id: str
    report: ReportDefinition
    window_start: datetime
    window_end: datetime
    create_time: datetime
    # Set on an Incremental run: the ingest cutoffs that choose its rows (docs/incremental.md).
    incremental: IncrementalWindow | None = None
    # The job's schedule says "do not generate if report is empty" (docs/schedules.md).
    skip_if_empty: bool = False


@dataclass(frozen=True)
class Claim:
    """A granted lease on a job's generate stage."""

    job: Job
    lease_token: str


class StageRefused(Exception):
    """The scheduler will not let this worker do (or finish) the stage: it is done, the job
    ended, or the lease was lost. Nothing is left to do; the message is acknowledged."""


class StageBusy(Exception):
    """Another live worker holds the stage's lease; this delivery gives way."""


class Cancelled(Exception):
    """The job was cancelled (or its lease lost) while the report was being generated."""


class ReportFailure(Exception):
    """The report cannot be generated as defined; retrying would fail the same way."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

"""Incremental runs: the watermark kept per report type and target, and how a run moves it.

The guide: an Incremental report holds "all data collected since the last time the incremental
report for that report type was run"; the first one holds the previous 15 hours. A watermark
remembers, for one account, report type, level and target, the ingest cutoff (an opaque token
from GeneratorService.GetIngestCutoff) and the time of the last Incremental run, manual or
scheduled. A run locks the watermark, takes a new cutoff, and moves the watermark to it in the
transaction that creates its job, so windows chain exactly: no gap, no overlap, and a crash
either creates the job and moves the watermark or does neither. Runs of other time frames never
read or move it. docs/incremental.md explains why the cutoff is a snapshot and not a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class WatermarkKey:
    """What a watermark belongs to: the guide's "report type" for one target of one account.

    Attributes:
        account: the account id.
        report_type: the report type's name, such as "ALL_ATTEMPTS".
        level: the level's name, such as "CAMPAIGN".
        target: the campaign, sub-campaign, agent group or list id; empty at account level.
    """

    account: str
    report_type: str
    level: str
    target: str


@dataclass(frozen=True)
class Watermark:
    """Where the next Incremental run of a report type and target starts.

    Attributes:
        key: whose watermark it is.
        cutoff: the last run's ingest cutoff; empty when no Incremental run happened yet.
        cutoff_time: when that cutoff was taken; None when no run happened yet.
        job_id: the job of the last run; empty when none.
    """

    key: WatermarkKey
    cutoff: str = ""
    cutoff_time: datetime | None = None
    job_id: str = ""

    @property
    def previous_cutoff_time(self) -> datetime | None:
        """Where the next run's window starts in time; None before the first run."""
        return self.cutoff_time if self.cutoff else None

    def moved_to(self, cutoff: str, cutoff_time: datetime, job_id: str) -> Watermark:
        """The watermark once the run of job_id, with this cutoff, is recorded."""
        return Watermark(self.key, cutoff, cutoff_time, job_id)


@dataclass(frozen=True)
class IncrementalCutoffs:
    """The two cutoffs an Incremental job covers: after previous_cutoff ("" on the first run), up to cutoff."""

    previous_cutoff: str
    cutoff: str

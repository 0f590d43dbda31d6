"""The scheduler's tables, in the ``scheduler`` schema. migrations/versions/ creates them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reportsuite.core.db import schema_base

SCHEMA = "scheduler"
if TYPE_CHECKING:
    # mypy cannot take a base class from a function call; the runtime base is schema_base's subclass.
    from sqlalchemy.orm import DeclarativeBase as Base
else:
    Base = schema_base(SCHEMA)
metadata = Base.metadata

Timestamp = DateTime(timezone=True)


class JobRow(Base):
    """A job: one run of a report definition, with its snapshot, window, state and lease."""

    __tablename__ = "jobs"
    __table_args__ = (
        UniqueConstraint("account", "request_id"),
        Index("ix_jobs_account_create_time", "account", "create_time", "id"),
        Index("ix_jobs_state_lease_expire_time", "state", "lease_expire_time"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[str] = mapped_column(String(64))
    report_definition: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16))
    # The catalog's ReportDefinition message, serialized, as it was when the run started.
    report: Mapped[bytes] = mapped_column(LargeBinary)
    has_destination: Mapped[bool] = mapped_column(Boolean)
    as_of: Mapped[datetime] = mapped_column(Timestamp)
    window_start: Mapped[datetime] = mapped_column(Timestamp)
    window_end: Mapped[datetime] = mapped_column(Timestamp)
    saved_report: Mapped[str] = mapped_column(String(200))
    row_count: Mapped[int] = mapped_column(BigInteger)
    failure_reason: Mapped[str] = mapped_column(Text)
    # Attempts of the current stage; reset when generation hands over to delivery.
    attempts: Mapped[int] = mapped_column(Integer)
    last_attempt_error: Mapped[str] = mapped_column(Text)
    lease_token: Mapped[str | None] = mapped_column(String(32))
    lease_expire_time: Mapped[datetime | None] = mapped_column(Timestamp)
    lease_worker: Mapped[str | None] = mapped_column(String(200))
    heartbeat_time: Mapped[datetime | None] = mapped_column(Timestamp)
    # Tokens of the stages already completed, so a repeated completion is recognised.
    completed_lease_tokens: Mapped[list[str]] = mapped_column(JSONB)
    request_id: Mapped[str | None] = mapped_column(String(200))
    create_time: Mapped[datetime] = mapped_column(Timestamp)
    update_time: Mapped[datetime] = mapped_column(Timestamp)
    deliveries: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    # An Incremental run's ingest cutoffs (docs/incremental.md); NULL for other time frames.
    incremental_previous_cutoff: Mapped[str | None] = mapped_column(Text)
    incremental_cutoff: Mapped[str | None] = mapped_column(Text)
    # The schedule whose run started the job ("" for RunReport) and its "do not generate if empty".
    schedule: Mapped[str] = mapped_column(String(200), server_default="")
    skip_if_empty: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))


class IncrementalWatermarkRow(Base):
    """Where the next Incremental run of one report type and target starts (docs/incremental.md)."""

    __tablename__ = "incremental_watermarks"

    account: Mapped[str] = mapped_column(String(64), primary_key=True)
    report_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    level: Mapped[str] = mapped_column(String(32), primary_key=True)
    target: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The last run's ingest cutoff and when it was taken; NULL until the first run.
    cutoff: Mapped[str | None] = mapped_column(Text)
    cutoff_time: Mapped[datetime | None] = mapped_column(Timestamp)
    # The job of the last run (no foreign key: a watermark outlives the jobs that moved it).
    job: Mapped[str | None] = mapped_column(String(64))
    update_time: Mapped[datetime] = mapped_column(Timestamp, server_default=text("now()"))


class JobEventRow(Base):
    """One state change of a job, numbered from 1 per job."""

    __tablename__ = "job_events"

    job: Mapped[str] = mapped_column(String(64), ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    time: Mapped[datetime] = mapped_column(Timestamp)
    detail: Mapped[str] = mapped_column(Text)


class OutboxRow(Base):
    """A job message to publish once available_at has come; published_at is set by the relay."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_job_id", "job", "id"),
        Index("ix_outbox_unpublished", "available_at", "id", postgresql_where=text("published_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(64), ForeignKey("jobs.id", ondelete="CASCADE"))
    queue_name: Mapped[str] = mapped_column(String(64))
    actor_name: Mapped[str] = mapped_column(String(64))
    trace_context: Mapped[dict[str, str]] = mapped_column(JSONB)
    available_at: Mapped[datetime] = mapped_column(Timestamp)
    published_at: Mapped[datetime | None] = mapped_column(Timestamp)
    create_time: Mapped[datetime] = mapped_column(Timestamp)


class ScheduleRow(Base):
    """A schedule of a report definition (docs/schedules.md), and its prefetched snapshot."""

    __tablename__ = "schedules"
    __table_args__ = (
        UniqueConstraint("account", "request_id"),
        Index("ix_schedules_account_create_time", "account", "create_time", "id"),
        # The tick's claim: unpaused schedules by due time.
        Index("ix_schedules_due", "next_due_time", postgresql_where=text("next_due_time IS NOT NULL")),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[str] = mapped_column(String(64))
    report_definition: Mapped[str] = mapped_column(String(200))
    # WEEKLY or CRONTAB; the other kind's columns are NULL.
    kind: Mapped[str] = mapped_column(String(16))
    crontab: Mapped[str | None] = mapped_column(String(200))
    weekly_days: Mapped[list[int] | None] = mapped_column(JSONB)
    weekly_time: Mapped[str | None] = mapped_column(String(5))
    # The zone the user gave ("" = the account's reports time zone).
    weekly_time_zone: Mapped[str | None] = mapped_column(String(64))
    # The zone fire times are computed in (UTC for a crontab).
    time_zone: Mapped[str] = mapped_column(String(64))
    skip_if_empty: Mapped[bool] = mapped_column(Boolean)
    paused: Mapped[bool] = mapped_column(Boolean)
    misfire_policy: Mapped[str] = mapped_column(String(16))
    grace_seconds: Mapped[int] = mapped_column(Integer)
    # NULL while paused.
    next_due_time: Mapped[datetime | None] = mapped_column(Timestamp)
    request_id: Mapped[str | None] = mapped_column(String(200))
    create_time: Mapped[datetime] = mapped_column(Timestamp)
    update_time: Mapped[datetime] = mapped_column(Timestamp)
    # The definition read from the catalog shortly before next_due_time (snapshot_due_time), so
    # the tick needs no catalog call; a prefetcher holds prefetch_lease_until while it reads.
    snapshot: Mapped[bytes | None] = mapped_column(LargeBinary)
    snapshot_due_time: Mapped[datetime | None] = mapped_column(Timestamp)
    prefetch_lease_until: Mapped[datetime | None] = mapped_column(Timestamp)


class RunRow(Base):
    """One due time of a schedule. The primary key (schedule, due_time) makes it happen once.

    A run with a job takes its state from the job (state is NULL); a run without one (MISSED,
    or FAILED before a job could be made) keeps its own state and reason.
    """

    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_job", "job"),)

    schedule: Mapped[str] = mapped_column(String(64), ForeignKey("schedules.id", ondelete="CASCADE"),
                                          primary_key=True)
    due_time: Mapped[datetime] = mapped_column(Timestamp, primary_key=True)
    account: Mapped[str] = mapped_column(String(64))
    job: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("jobs.id", ondelete="SET NULL", deferrable=True, initially="DEFERRED"))
    state: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    start_time: Mapped[datetime | None] = mapped_column(Timestamp)
    create_time: Mapped[datetime] = mapped_column(Timestamp)


class ScheduleRequestRow(Base):
    """The first result of a mutating schedule call with a request_id, returned to its retries."""

    __tablename__ = "schedule_requests"
    __table_args__ = (Index("ix_schedule_requests_create_time", "create_time"),)

    account: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    method: Mapped[str] = mapped_column(String(32))
    schedule: Mapped[str] = mapped_column(String(64))
    # The schedule as the first call returned it (the repository's JSON of it).
    result: Mapped[dict[str, Any]] = mapped_column(JSONB)
    create_time: Mapped[datetime] = mapped_column(Timestamp)

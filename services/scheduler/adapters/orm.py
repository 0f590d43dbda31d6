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

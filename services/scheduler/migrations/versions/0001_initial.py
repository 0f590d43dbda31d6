"""The scheduler's tables: jobs, job events and the outbox.

Revision ID: 0001
Revises:
Create Date: 2025-01-01 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "scheduler"


def _time(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("report_definition", sa.String(200), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("report", sa.LargeBinary(), nullable=False),
        sa.Column("has_destination", sa.Boolean(), nullable=False),
        _time("as_of"),
        _time("window_start"),
        _time("window_end"),
        sa.Column("saved_report", sa.String(200), nullable=False),
        sa.Column("row_count", sa.BigInteger(), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_error", sa.Text(), nullable=False),
        sa.Column("lease_token", sa.String(32), nullable=True),
        _time("lease_expire_time", nullable=True),
        sa.Column("lease_worker", sa.String(200), nullable=True),
        _time("heartbeat_time", nullable=True),
        sa.Column("completed_lease_tokens", postgresql.JSONB(), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=True),
        _time("create_time"),
        _time("update_time"),
        sa.Column("deliveries", postgresql.JSONB(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
        sa.UniqueConstraint("account", "request_id", name="uq_jobs_account"),
        schema=SCHEMA,
    )
    op.create_index("ix_jobs_account_create_time", "jobs", ["account", "create_time", "id"], schema=SCHEMA)
    op.create_index("ix_jobs_state_lease_expire_time", "jobs", ["state", "lease_expire_time"], schema=SCHEMA)
    op.create_table(
        "job_events",
        sa.Column("job", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _time("time"),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["job"], [f"{SCHEMA}.jobs.id"], name="fk_job_events_job_jobs", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("job", "sequence", name="pk_job_events"),
        schema=SCHEMA,
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("job", sa.String(64), nullable=False),
        sa.Column("queue_name", sa.String(64), nullable=False),
        sa.Column("actor_name", sa.String(64), nullable=False),
        sa.Column("trace_context", postgresql.JSONB(), nullable=False),
        _time("available_at"),
        _time("published_at", nullable=True),
        _time("create_time"),
        sa.ForeignKeyConstraint(["job"], [f"{SCHEMA}.jobs.id"], name="fk_outbox_job_jobs", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        schema=SCHEMA,
    )
    op.create_index("ix_outbox_job_id", "outbox", ["job", "id"], schema=SCHEMA)
    op.create_index("ix_outbox_unpublished", "outbox", ["available_at", "id"], schema=SCHEMA,
                    postgresql_where=sa.text("published_at IS NULL"))


def downgrade() -> None:
    op.drop_table("outbox", schema=SCHEMA)
    op.drop_table("job_events", schema=SCHEMA)
    op.drop_table("jobs", schema=SCHEMA)

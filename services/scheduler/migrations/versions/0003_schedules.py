"""Schedules, their runs keyed by (schedule, due time), request ids of schedule calls, and the
schedule and skip-if-empty flag of the jobs they start.

Revision ID: 0003_schedules
Revises: 0002_incremental
Create Date: 2025-02-02 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_schedules"
down_revision: str | None = "0002_incremental"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "scheduler"


def _time(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.add_column("jobs", sa.Column("schedule", sa.String(200), server_default="", nullable=False), schema=SCHEMA)
    op.add_column("jobs", sa.Column("skip_if_empty", sa.Boolean(), server_default=sa.text("false"), nullable=False),
                  schema=SCHEMA)
    _create_schedules()
    op.create_table(
        "runs",
        sa.Column("schedule", sa.String(64), nullable=False),
        _time("due_time"),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("job", sa.String(64), nullable=True),
        sa.Column("state", sa.String(16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        _time("start_time", nullable=True),
        _time("create_time"),
        sa.ForeignKeyConstraint(["schedule"], [f"{SCHEMA}.schedules.id"], name="fk_runs_schedule_schedules",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["job"], [f"{SCHEMA}.jobs.id"], name="fk_runs_job_jobs", ondelete="SET NULL",
                                deferrable=True, initially="DEFERRED"),
        # The exactly-once key: one run per schedule and due time, whatever the replicas do.
        sa.PrimaryKeyConstraint("schedule", "due_time", name="pk_runs"),
        schema=SCHEMA,
    )
    op.create_index("ix_runs_job", "runs", ["job"], schema=SCHEMA)
    op.create_table(
        "schedule_requests",
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("schedule", sa.String(64), nullable=False),
        sa.Column("result", postgresql.JSONB(), nullable=False),
        _time("create_time"),
        sa.PrimaryKeyConstraint("account", "request_id", name="pk_schedule_requests"),
        schema=SCHEMA,
    )


def _create_schedules() -> None:
    op.create_table(
        "schedules",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("report_definition", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("crontab", sa.String(200), nullable=True),
        sa.Column("weekly_days", postgresql.JSONB(), nullable=True),
        sa.Column("weekly_time", sa.String(5), nullable=True),
        sa.Column("weekly_time_zone", sa.String(64), nullable=True),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("skip_if_empty", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("misfire_policy", sa.String(16), nullable=False),
        sa.Column("grace_seconds", sa.Integer(), nullable=False),
        _time("next_due_time", nullable=True),
        sa.Column("request_id", sa.String(200), nullable=True),
        _time("create_time"),
        _time("update_time"),
        sa.Column("snapshot", sa.LargeBinary(), nullable=True),
        _time("snapshot_due_time", nullable=True),
        _time("prefetch_lease_until", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_schedules"),
        sa.UniqueConstraint("account", "request_id", name="uq_schedules_account"),
        schema=SCHEMA,
    )
    op.create_index("ix_schedules_account_create_time", "schedules", ["account", "create_time", "id"],
                    schema=SCHEMA)
    op.create_index("ix_schedules_due", "schedules", ["next_due_time"], schema=SCHEMA,
                    postgresql_where=sa.text("next_due_time IS NOT NULL"))


def downgrade() -> None:
    op.drop_table("schedule_requests", schema=SCHEMA)
    op.drop_table("runs", schema=SCHEMA)
    op.drop_table("schedules", schema=SCHEMA)
    op.drop_column("jobs", "skip_if_empty", schema=SCHEMA)
    op.drop_column("jobs", "schedule", schema=SCHEMA)

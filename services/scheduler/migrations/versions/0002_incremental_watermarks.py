"""Incremental runs: a watermark per report type and target, and each job's ingest cutoffs.

Revision ID: 0002_incremental
Revises: 0001
Create Date: 2025-02-01 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_incremental"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "scheduler"


def upgrade() -> None:
    op.add_column("jobs", sa.Column("incremental_previous_cutoff", sa.Text(), nullable=True), schema=SCHEMA)
    op.add_column("jobs", sa.Column("incremental_cutoff", sa.Text(), nullable=True), schema=SCHEMA)
    op.create_table(
        "incremental_watermarks",
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("report_type", sa.String(32), nullable=False),
        sa.Column("level", sa.String(32), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("cutoff", sa.Text(), nullable=True),
        sa.Column("cutoff_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("job", sa.String(64), nullable=True),
        sa.Column("update_time", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("account", "report_type", "level", "target", name="pk_incremental_watermarks"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("incremental_watermarks", schema=SCHEMA)
    op.drop_column("jobs", "incremental_cutoff", schema=SCHEMA)
    op.drop_column("jobs", "incremental_previous_cutoff", schema=SCHEMA)

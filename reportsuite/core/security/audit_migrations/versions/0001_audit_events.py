"""The audit_events table, in the audit schema ("<service>_audit") of the service that migrates.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    schema = context.config.attributes["schema"]
    op.create_table(
        "audit_events",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service", sa.String(32), nullable=False),
        sa.Column("method", sa.String(200), nullable=False),
        sa.Column("principal", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("token_id", sa.String(32), nullable=False),
        sa.Column("accounts", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("resources", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("peer", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
        schema=schema,
    )
    op.create_index("ix_audit_events_time", "audit_events", ["time", "id"], schema=schema)
    op.create_index("ix_audit_events_principal", "audit_events", ["principal", "time"], schema=schema)
    op.create_index("ix_audit_events_accounts", "audit_events", ["accounts"], schema=schema,
                    postgresql_using="gin")


def downgrade() -> None:
    op.drop_table("audit_events", schema=context.config.attributes["schema"])

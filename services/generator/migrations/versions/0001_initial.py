"""The activity store (accounts, campaigns, sub-campaigns, attempts) and the statuses table.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "generator"


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "statuses",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("channels", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("direct_connect", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_statuses"),
        schema=SCHEMA,
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("enterprise", sa.Text(), server_default="", nullable=False),
        sa.Column("reports_time_zone", sa.Text(), nullable=False),
        sa.Column("cost_visible", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("update_time", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        schema=SCHEMA,
    )
    op.create_table(
        "campaigns",
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("update_time", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("account", "id", name="pk_campaigns"),
        sa.ForeignKeyConstraint(["account"], [f"{SCHEMA}.accounts.id"], name="fk_campaigns_account_accounts"),
        schema=SCHEMA,
    )
    op.create_table(
        "sub_campaigns",
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("campaign", sa.Text(), nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("contact_list", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("account", "campaign", "id", name="pk_sub_campaigns"),
        sa.ForeignKeyConstraint(["account", "campaign"], [f"{SCHEMA}.campaigns.account", f"{SCHEMA}.campaigns.id"],
                                name="fk_sub_campaigns_account_campaigns"),
        schema=SCHEMA,
    )
    op.create_index("ix_sub_campaigns_account_id", "sub_campaigns", ["account", "id"], schema=SCHEMA)
    _create_attempts()


def _create_attempts() -> None:
    op.create_table(
        "attempts",
        sa.Column("attempt_id", sa.Text(), nullable=False),
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("campaign", sa.Text(), nullable=False),
        sa.Column("sub_campaign", sa.Text(), nullable=False),
        sa.Column("client_id", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("device", sa.Text(), server_default="", nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("complete_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ring_seconds", sa.Integer(), server_default="0", nullable=False),
        sa.Column("talk_seconds", sa.Integer(), server_default="0", nullable=False),
        sa.Column("message_content", sa.Text(), server_default="", nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("attempt_id", name="pk_attempts"),
        sa.CheckConstraint("complete_time >= start_time", name="ck_attempts_complete_after_start"),
        sa.CheckConstraint("channel IN ('Voice', 'Text', 'Email', 'Web')", name="ck_attempts_channel"),
        schema=SCHEMA,
    )
    op.create_index("ix_attempts_campaign_window", "attempts", ["account", "campaign", "complete_time"],
                    schema=SCHEMA)
    op.create_index("ix_attempts_sub_campaign_window", "attempts",
                    ["account", "campaign", "sub_campaign", "complete_time"], schema=SCHEMA)
    op.create_index("ix_attempts_best_contact", "attempts", ["account", "campaign", "client_id", "complete_time"],
                    schema=SCHEMA)


def downgrade() -> None:
    for table in ("attempts", "sub_campaigns", "campaigns", "accounts", "statuses"):
        op.drop_table(table, schema=SCHEMA)

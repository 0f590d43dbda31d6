"""The host_keys table: SSH host keys pinned per account, host and port.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SCHEMA = "delivery"


def upgrade() -> None:
    op.create_table(
        "host_keys",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("key_type", sa.String(64), nullable=False),
        sa.Column("key_blob", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=True),
        sa.Column("create_time", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_host_keys"),
        sa.UniqueConstraint("account", "host", "port", name="uq_host_keys_account_host_port"),
        sa.UniqueConstraint("account", "request_id", name="uq_host_keys_account_request_id"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("host_keys", schema=SCHEMA)

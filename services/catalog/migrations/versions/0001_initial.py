"""The catalog's tables: report definitions, saved reports and remembered delete requests.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "report_definitions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("report_type", sa.String(32), nullable=False),
        sa.Column("level", sa.String(32), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("yesterdays_activity", sa.Boolean(), nullable=False),
        sa.Column("time_frame_kind", sa.String(32), nullable=False),
        sa.Column("time_frame_start", sa.String(16), nullable=False),
        sa.Column("time_frame_end", sa.String(16), nullable=False),
        sa.Column("time_frame_time_zone", sa.String(64), nullable=False),
        sa.Column("email_addresses", sa.Text(), nullable=False),
        sa.Column("transfer_protocol", sa.String(8), nullable=True),
        sa.Column("transfer_destination", sa.Text(), nullable=False),
        sa.Column("file_name_format", sa.Text(), nullable=False),
        sa.Column("zip", sa.Boolean(), nullable=False),
        sa.Column("pgp_encrypt", sa.Boolean(), nullable=False),
        sa.Column("output_specification", sa.Text(), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=True),
        sa.Column("update_request_id", sa.String(200), nullable=True),
        sa.Column("create_time", TIME, nullable=False),
        sa.Column("update_time", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_report_definitions"),
        # NULL request ids never collide, so only requests that carried one are deduplicated.
        sa.UniqueConstraint("account", "request_id", name="uq_report_definitions_account"),
        schema=SCHEMA,
    )
    op.create_index("ix_report_definitions_account_create_time", "report_definitions",
                    ["account", "create_time", "id"], schema=SCHEMA)
    op.create_table(
        "saved_reports",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("report_definition", sa.String(64), nullable=False),
        sa.Column("job", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("report_type", sa.String(32), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(255), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("row_count", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("window_start", TIME, nullable=False),
        sa.Column("window_end", TIME, nullable=False),
        sa.Column("create_time", TIME, nullable=False),
        sa.Column("expire_time", TIME, nullable=False),
        sa.Column("storage_key", sa.Text(), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_saved_reports"),
        sa.UniqueConstraint("account", "request_id", name="uq_saved_reports_account"),
        schema=SCHEMA,
    )
    op.create_index("ix_saved_reports_account_create_time", "saved_reports",
                    ["account", "create_time", "id"], schema=SCHEMA)
    op.create_index("ix_saved_reports_account_definition", "saved_reports",
                    ["account", "report_definition", "create_time", "id"], schema=SCHEMA)
    op.create_table(
        "delete_requests",
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("create_time", TIME, nullable=False),
        sa.PrimaryKeyConstraint("account", "request_id", name="pk_delete_requests"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("delete_requests", schema=SCHEMA)
    op.drop_table("saved_reports", schema=SCHEMA)
    op.drop_table("report_definitions", schema=SCHEMA)

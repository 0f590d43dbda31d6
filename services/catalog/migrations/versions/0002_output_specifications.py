"""Output specification files uploaded to an account (docs/output-specifications.md).

Revision ID: 0002_output_specifications
Revises: 0001
Create Date: 2025-02-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_output_specifications"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"


def upgrade() -> None:
    op.create_table(
        "output_specifications",
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("report_type", sa.String(32), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=True),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("account", "id", name="pk_output_specifications"),
        # NULL request ids never collide, so only uploads that carried one are deduplicated.
        sa.UniqueConstraint("account", "request_id", name="uq_output_specifications_account"),
        schema=SCHEMA,
    )
    op.create_index("ix_output_specifications_account_create_time", "output_specifications",
                    ["account", "create_time", "id"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_table("output_specifications", schema=SCHEMA)

"""Retention: an index for the purge, which takes the oldest expired saved reports first.

Revision ID: 0004_saved_report_expiry
Revises: 0003_pgp_keys
Create Date: 2025-02-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_saved_report_expiry"
down_revision: str | None = "0003_pgp_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"


def upgrade() -> None:
    op.create_index("ix_saved_reports_expire_time", "saved_reports", ["expire_time", "id"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_saved_reports_expire_time", "saved_reports", schema=SCHEMA)

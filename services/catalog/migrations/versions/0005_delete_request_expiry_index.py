"""Request-id expiry: an index for the hourly deletion of remembered delete requests.

Revision ID: 0005_delete_request_expiry
Revises: 0004_saved_report_expiry
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_delete_request_expiry"
down_revision: str | None = "0004_saved_report_expiry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"


def upgrade() -> None:
    op.create_index("ix_delete_requests_create_time", "delete_requests", ["create_time"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_delete_requests_create_time", "delete_requests", schema=SCHEMA)

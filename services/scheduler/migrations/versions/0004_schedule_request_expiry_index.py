"""Request-id expiry: an index for the hourly deletion of remembered schedule calls.

Revision ID: 0004_schedule_request_expiry
Revises: 0003_schedules
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_schedule_request_expiry"
down_revision: str | None = "0003_schedules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "scheduler"


def upgrade() -> None:
    op.create_index("ix_schedule_requests_create_time", "schedule_requests", ["create_time"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_schedule_requests_create_time", "schedule_requests", schema=SCHEMA)

"""Indexes for the Detail reports that read a whole account in a window.

Usage (account level) and <Yesterday's activity> (every campaign) read an account's attempts in a
window of complete_time whatever the campaign, and Contact Center at account and enterprise level
its Direct Connect attempts: the (account, campaign, ...) indexes cannot bound complete_time
without a campaign, so such a report would read every index entry of the account to keep one
day's. (docs/reports/README.md; benchmarks/all_attempts_report.py and best_contact_report.py print
the plans of the campaign-level queries, which keep using the campaign indexes.)

Revision ID: 0004_report_indexes
Revises: 0003_activity_model
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_report_indexes"
down_revision: str | None = "0003_activity_model"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "generator"


def upgrade() -> None:
    op.create_index("ix_attempts_account_window", "attempts", ["account", "complete_time"], schema=SCHEMA)
    op.create_index("ix_direct_connect_attempts_account_window", "direct_connect_attempts",
                    ["account", "complete_time"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_direct_connect_attempts_account_window", "direct_connect_attempts", schema=SCHEMA)
    op.drop_index("ix_attempts_account_window", "attempts", schema=SCHEMA)

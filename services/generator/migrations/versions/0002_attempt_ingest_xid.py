"""Attempts record the transaction that ingested them, for Incremental reports' snapshot windows.

``ingest_xid`` is filled by its default, ``pg_current_xact_id()``, in the ingesting transaction;
an Incremental report holds the attempts whose ingest_xid is visible in its cutoff snapshot and
not in the previous run's (docs/incremental.md). Rows stored before this revision take the
migration's own transaction id: they count as collected when the migration ran.

Revision ID: 0002_ingest_xid
Revises: 0001
Create Date: 2025-02-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_ingest_xid"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "generator"


def upgrade() -> None:
    # pg_current_xact_id() is STABLE, so PostgreSQL stores the default once for existing rows
    # instead of rewriting the table.
    op.execute(f"ALTER TABLE {SCHEMA}.attempts ADD COLUMN ingest_xid xid8 NOT NULL DEFAULT pg_current_xact_id()")
    # An Incremental report reads one campaign's attempts between two snapshots' xid bounds.
    op.create_index("ix_attempts_campaign_ingest_xid", "attempts", ["account", "campaign", "ingest_xid"],
                    schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_attempts_campaign_ingest_xid", "attempts", schema=SCHEMA)
    op.drop_column("attempts", "ingest_xid", schema=SCHEMA)

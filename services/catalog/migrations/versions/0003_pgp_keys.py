"""PGP public keys imported into an account, for reports encrypted with pgp_encrypt.

Revision ID: 0003_pgp_keys
Revises: 0002_output_specifications
Create Date: 2026-02-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_pgp_keys"
down_revision: str | None = "0002_output_specifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "pgp_keys",
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("user_ids", sa.Text(), nullable=False),
        sa.Column("algorithm", sa.String(64), nullable=False),
        sa.Column("armored_key", sa.Text(), nullable=False),
        sa.Column("create_time", TIME, nullable=False),
        sa.Column("expire_time", TIME, nullable=True),
        sa.Column("import_time", TIME, nullable=False),
        sa.Column("request_id", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("account", "fingerprint", name="pk_pgp_keys"),
        sa.UniqueConstraint("account", "request_id", name="uq_pgp_keys_account"),
        schema=SCHEMA,
    )
    op.create_index("ix_pgp_keys_account_import_time", "pgp_keys", ["account", "import_time", "fingerprint"],
                    schema=SCHEMA)


def downgrade() -> None:
    op.drop_table("pgp_keys", schema=SCHEMA)

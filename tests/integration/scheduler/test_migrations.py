"""The hand-written migration creates exactly the tables the ORM describes."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from services.scheduler.adapters.orm import metadata


def test_the_migrated_schema_matches_the_orm(scheduler_port: int, database: sa.Engine) -> None:
    with database.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_schemas": True, "include_name": _only_scheduler},
        )
        differences = compare_metadata(context, metadata)

    assert differences == []


def _only_scheduler(name: str | None, kind: str, parent: dict[str, str | None]) -> bool:
    if kind == "schema":
        return name == "scheduler"
    return not (kind == "table" and name == "alembic_version")

"""Alembic environment of the generator: runs on the connection reportsuite.core.db.migrate gives."""

from reportsuite.core.db import run_migrations_online
from services.generator.adapters import orm_activity  # noqa: F401 - puts the activity tables on Base.metadata
from services.generator.adapters.orm import Base

run_migrations_online(Base.metadata)

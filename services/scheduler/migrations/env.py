"""Alembic environment of the scheduler: runs on the connection reportsuite.core.db.migrate() gives."""

from reportsuite.core.db import run_migrations_online
from services.scheduler.adapters.orm import metadata

run_migrations_online(metadata)

"""Alembic environment of the catalog: runs on the connection reportsuite.core.db.migrate() gives."""

from reportsuite.core.db import run_migrations_online
from services.catalog.adapters.orm import metadata

run_migrations_online(metadata)

"""Alembic environment of the delivery schema: runs on the connection core.db.migrate() gives."""

from reportsuite.core.db import run_migrations_online
from services.delivery.adapters.orm import Base

run_migrations_online(Base.metadata)

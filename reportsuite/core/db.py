"""The database engine, sessions and per-service Alembic migrations.

Each service owns one PostgreSQL schema named after it and never reads another's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, MetaData, create_engine, text
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from reportsuite.core.security import audit_store

SERVICES_DIR = Path(__file__).resolve().parents[2] / "services"

# Constraint names fixed by convention so Alembic migrations name them the same everywhere.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def schema_base(schema: str) -> type[DeclarativeBase]:
    """Returns a declarative base whose tables live in the given schema."""

    class Base(DeclarativeBase):
        metadata = MetaData(schema=schema, naming_convention=NAMING_CONVENTION)

    return Base


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """Creates the engine; connections are checked before use so a restarted server is survived."""
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """Opens a session in a transaction that commits on success and rolls back on error."""
    with sessions() as session, session.begin():
        yield session


def migrate(engine: Engine, service: str) -> None:
    """Brings one service's schema to its newest Alembic revision.

    Replicas starting together take a transaction-scoped advisory lock so only one migrates.
    The service's audit trail (schema "<service>_audit", reportsuite.core.security.audit_store)
    follows its own chain in the same transaction.
    """
    config = Config()
    config.set_main_option("script_location", str(SERVICES_DIR / service / "migrations"))
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": service})
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{service}"'))
        config.attributes["connection"] = connection
        config.attributes["schema"] = service
        command.upgrade(config, "head")
        audit_store.upgrade(connection, service)


def run_migrations_online(metadata: MetaData) -> None:
    """The body of every service's ``migrations/env.py``: runs on the connection migrate() gives."""
    from alembic import context

    connection = context.config.attributes["connection"]
    schema = context.config.attributes["schema"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table_schema=schema,
        include_schemas=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def migrate_url(url: str, service: str) -> None:
    """Migrates one service's schema on a short-lived engine (the ``migrate`` subcommand)."""
    engine = make_engine(url, pool_size=1)
    try:
        migrate(engine, service)
    finally:
        engine.dispose()

"""The benchmarks' own PostgreSQL databases on the local server, named ``reportsuite_bench*``."""

from __future__ import annotations

import sqlalchemy as sa

ADMIN_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"


def url_of(name: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def _admin(statements: list[str]) -> None:
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(sa.text(statement))
    finally:
        admin.dispose()


def fresh_database(name: str) -> str:
    """Drops the database if it exists, creates it empty and returns its URL."""
    _admin([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'])
    return url_of(name)


def drop_database(name: str) -> None:
    _admin([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'])


def database_exists(name: str) -> bool:
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            found = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            return found is not None
    finally:
        admin.dispose()

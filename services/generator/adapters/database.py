"""Raw DBAPI access for the generator's bulk SQL, with database faults made retryable."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg2
import sqlalchemy.exc
from sqlalchemy import Engine

from reportsuite.core.errors import Unavailable


@contextmanager
def raw_cursor(engine: Engine) -> Iterator[Any]:
    """Yields a psycopg2 cursor in a transaction that commits when the block ends.

    A lost or refused connection (``OperationalError``) becomes ``Unavailable``, which callers
    treat as worth retrying; the broken connection is dropped from the pool.
    """
    try:
        connection = engine.raw_connection()
    except sqlalchemy.exc.OperationalError as error:
        raise Unavailable(f"the database did not answer: {error.orig}") from error
    try:
        cursor = connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
        connection.commit()
    except psycopg2.OperationalError as error:
        connection.invalidate()
        raise Unavailable(f"the database did not answer: {error}".strip()) from error
    except BaseException:
        # A COPY stopped half-way (a cancelled job) leaves the protocol mid-stream: never reuse it.
        connection.invalidate()
        raise
    finally:
        connection.close()

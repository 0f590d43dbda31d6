"""Where synthetic rows go: CSV files, or straight into the generator's tables by COPY.

The bulk path bypasses GeneratorService on purpose: a million attempts through gRPC ingest means
validation, a temporary table and an INSERT per batch; COPY straight into the tables is several
times faster. It is safe only because the synthetic rows are valid by construction (a test ingests
a synthetic world through the gRPC path and expects no rejection). The world (accounts, campaigns,
agents ...) is inserted first and committed (ON CONFLICT DO NOTHING, so a rerun changes nothing);
then each large activity table is COPYed over its own connection in its own thread, fed through a
bounded queue, so memory stays flat and PostgreSQL works while Python generates; the small tables
are spooled to temporary files and COPYed at the end. The activity commits only when every COPY
succeeded; a plan whose first attempt is already stored is skipped.
"""

from __future__ import annotations

import contextlib
import csv
import io
import queue
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from psycopg2.extras import execute_values
from sqlalchemy import Engine

from reportsuite.cli.synth import COLUMNS, WORLD_TABLES, Row

CHUNK_ROWS = 2000
QUEUE_CHUNKS = 4
# Tables with a row or more per attempt get a COPY (and a connection) of their own.
PARALLEL_TABLES = frozenset({"attempts", "contacts", "contact_devices", "direct_connect_attempts",
                             "filtered_contacts"})
SPOOL_BYTES = 8 << 20
_ABORT = object()


def write_csv(rows: Iterable[tuple[str, Row]], directory: Path) -> dict[str, int]:
    """Writes one ``<table>.csv`` per table (header: the column names); returns each table's row count."""
    directory.mkdir(parents=True, exist_ok=True)
    handles: dict[str, TextIO] = {}
    writers: dict[str, Any] = {}
    counts: dict[str, int] = {}
    try:
        for table, row in rows:
            writer = writers.get(table)
            if writer is None:
                handles[table] = open(directory / f"{table}.csv", "w", newline="", encoding="utf-8")  # noqa: SIM115
                writer = writers[table] = csv.writer(handles[table])
                writer.writerow(COLUMNS[table])
            writer.writerow(row)
            counts[table] = counts.get(table, 0) + 1
    finally:
        for handle in handles.values():
            handle.close()
    return counts


class _ChunkReader:
    """The file COPY reads: each read() formats the next queued chunk of rows as CSV."""

    def __init__(self, chunks: queue.Queue[Any]) -> None:
        self._chunks = chunks

    def read(self, size: int = -1) -> str:
        chunk = self._chunks.get()
        if chunk is None:
            return ""
        if chunk is _ABORT:
            raise RuntimeError("the synthetic load was stopped")
        buffer = io.StringIO()
        csv.writer(buffer).writerows(chunk)
        return buffer.getvalue()

    def readline(self, size: int = -1) -> str:  # psycopg2 asks for it; COPY only calls read()
        return self.read(size)


class _TableCopy(threading.Thread):
    """COPYs one table's rows, arriving through a bounded queue, over its own connection."""

    def __init__(self, engine: Engine, table: str) -> None:
        super().__init__(name=f"copy-{table}", daemon=True)
        self.table = table
        self.chunks: queue.Queue[Any] = queue.Queue(maxsize=QUEUE_CHUNKS)
        self.pending: list[Row] = []
        self.connection: Any = engine.raw_connection()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.connection.cursor() as cursor:
                cursor.copy_expert(_copy_sql(self.table), _ChunkReader(self.chunks), size=1 << 20)
        except BaseException as error:  # reported to the feeding thread, which stops everything
            self.error = error

    def add(self, row: Row) -> None:
        self.pending.append(row)
        if len(self.pending) >= CHUNK_ROWS:
            self._put(self.pending)
            self.pending = []

    def finish(self) -> None:
        if self.pending:
            self._put(self.pending)
            self.pending = []
        self._put(None)

    def _put(self, item: Any) -> None:
        while True:
            if self.error is not None:
                raise RuntimeError(f"COPY into {self.table} failed: {self.error}") from self.error
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def abort(self) -> None:
        # A full queue means the thread is alive and will read what is queued, then fail or finish.
        with contextlib.suppress(queue.Full):
            self.chunks.put_nowait(_ABORT)


def load_world(engine: Engine, rows: list[tuple[str, Row]]) -> None:
    """Inserts the reference rows, parents first, leaving rows already stored as they were."""
    connection: Any = engine.raw_connection()
    try:
        with connection.cursor() as cursor:
            for table in WORLD_TABLES:
                values = [row for name, row in rows if name == table]
                if values:
                    execute_values(cursor, f"INSERT INTO generator.{table} ({', '.join(COLUMNS[table])}) VALUES %s "
                                           "ON CONFLICT DO NOTHING", values, page_size=1000)
        connection.commit()
    finally:
        connection.close()


def attempt_stored(engine: Engine, attempt_id: str) -> bool:
    connection: Any = engine.raw_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM generator.attempts WHERE attempt_id = %s", (attempt_id,))
            return cursor.fetchone() is not None
    finally:
        connection.close()


def _copy_sql(table: str) -> str:
    columns = ", ".join(COLUMNS[table])
    return f"COPY generator.{table} ({columns}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({columns}))"


def copy_activity(engine: Engine, rows: Iterator[tuple[str, Row]]) -> dict[str, int]:
    """COPYs the activity rows; commits all or none.

    The large tables (PARALLEL_TABLES) stream over a connection and thread each; the small ones
    are spooled to temporary files and COPYed over one more connection at the end, so a load holds
    at most len(PARALLEL_TABLES) + 1 connections of a server other clients share.
    """
    copies: dict[str, _TableCopy] = {}
    spools: dict[str, tuple[Any, Any]] = {}
    counts: dict[str, int] = {}
    tail: Any = engine.raw_connection()
    try:
        for table, row in rows:
            if table in PARALLEL_TABLES:
                copy = copies.get(table)
                if copy is None:
                    copy = copies[table] = _TableCopy(engine, table)
                    copy.start()
                copy.add(row)
            else:
                if table not in spools:
                    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", newline="")  # noqa: SIM115
                    spools[table] = (spool, csv.writer(spool))
                spools[table][1].writerow(row)
            counts[table] = counts.get(table, 0) + 1
        _finish(copies.values())
        with tail.cursor() as cursor:
            for table, (spool, _) in spools.items():
                spool.seek(0)
                cursor.copy_expert(_copy_sql(table), spool, size=1 << 20)
        for connection in [*(copy.connection for copy in copies.values()), tail]:
            connection.commit()
        return counts
    except BaseException:
        for copy in copies.values():
            copy.abort()
        for copy in copies.values():
            copy.join(timeout=30)
        for connection in [*(copy.connection for copy in copies.values()), tail]:
            connection.rollback()
        raise
    finally:
        for connection in [*(copy.connection for copy in copies.values()), tail]:
            connection.close()
        for spool, _ in spools.values():
            spool.close()


def _finish(copies: Iterable[_TableCopy]) -> None:
    """Ends every table's stream and waits for its COPY; raises the first failure."""
    for copy in copies:
        copy.finish()
    for copy in copies:
        copy.join()
    for copy in copies:
        if copy.error is not None:
            raise RuntimeError(f"COPY into {copy.table} failed: {copy.error}") from copy.error


def load(engine: Engine, rows: Iterable[tuple[str, Row]], first_attempt_id: str) -> dict[str, int] | None:
    """Loads a plan's rows; returns the activity row counts, or None when the plan was loaded before."""
    stream = iter(rows)
    world: list[tuple[str, Row]] = []
    for table, row in stream:
        if table not in WORLD_TABLES:
            first = (table, row)
            break
        world.append((table, row))
    else:
        first = None
    load_world(engine, world)
    if first is None or attempt_stored(engine, first_attempt_id):
        return None
    return copy_activity(engine, _chain(first, stream))


def _chain(first: tuple[str, Row], rest: Iterator[tuple[str, Row]]) -> Iterator[tuple[str, Row]]:
    yield first
    yield from rest

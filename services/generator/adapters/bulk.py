"""One way to store a batch of rows in any activity table: COPY into a temporary table, then one
INSERT ... SELECT ... ON CONFLICT.

COPY skips the per-row parsing a multi-row VALUES statement costs (about twice as fast on 10,000
attempts here). Two conflict policies:

- ``insert_new``: ON CONFLICT DO NOTHING. A row whose key is stored already is left as it was;
  the statement's row count is the number of new rows.
- ``upsert``: ON CONFLICT DO UPDATE ... WHERE the stored row differs. A row identical to the
  stored one is not written, so the returned keys (or count) are exactly the rows created or
  changed, and re-sending the same batch changes nothing.

``replace_children`` keeps a parent's child rows (a contact's devices, an agent's groups) equal
to the batch's: it deletes the children that are no longer sent or differ, then inserts the new.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

SCHEMA = "generator"


@dataclass(frozen=True)
class Table:
    """A table as bulk writes see it: its written columns (in row order) and its key.

    Attributes:
        name: the table in schema ``generator``.
        columns: the columns every row gives, in order.
        key: the conflict target (the primary key).
        text_columns: text columns whose empty field means '' rather than NULL.
        touch: set ``update_time = now()`` when an upsert changes a row.
    """

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    text_columns: tuple[str, ...] = ()
    touch: bool = False

    @property
    def column_list(self) -> str:
        return ", ".join(self.columns)

    @property
    def temp(self) -> str:
        return f"{self.name}_in"


def copy_rows(cursor: Any, table: Table, rows: Iterable[Sequence[object]]) -> str:
    """COPYs rows into a temporary table shaped like the target; returns its name.

    The temporary table is dropped when the transaction commits.
    """
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    buffer.seek(0)
    cursor.execute(f"""
        CREATE TEMPORARY TABLE {table.temp} ON COMMIT DROP AS
        SELECT {table.column_list} FROM {SCHEMA}.{table.name} WITH NO DATA
    """)
    force = f", FORCE_NOT_NULL ({', '.join(table.text_columns)})" if table.text_columns else ""
    cursor.copy_expert(f"COPY {table.temp} ({table.column_list}) FROM STDIN WITH (FORMAT csv{force})", buffer)
    return table.temp


def insert_new(cursor: Any, table: Table, rows: Iterable[Sequence[object]]) -> int:
    """Stores the rows whose key is new; returns how many were stored."""
    temp = copy_rows(cursor, table, rows)
    cursor.execute(f"""
        INSERT INTO {SCHEMA}.{table.name} ({table.column_list}) SELECT {table.column_list} FROM {temp}
        ON CONFLICT ({', '.join(table.key)}) DO NOTHING
    """)
    return int(cursor.rowcount)


def upsert(cursor: Any, table: Table, rows: Iterable[Sequence[object]],
           returning: Sequence[str] = ()) -> set[tuple[Any, ...]]:
    """Creates or replaces rows by key, writing only those that differ from what is stored.

    Returns the ``returning`` columns of the rows created or changed (the key by default).
    Rows must have unique keys (ON CONFLICT DO UPDATE cannot touch a row twice).
    """
    temp = copy_rows(cursor, table, rows)
    values = [column for column in table.columns if column not in table.key]
    assignments = [f"{column} = EXCLUDED.{column}" for column in values]
    if table.touch:
        assignments.append("update_time = now()")
    stored = ", ".join(f"t.{column}" for column in values)
    sent = ", ".join(f"EXCLUDED.{column}" for column in values)
    update = (f"DO UPDATE SET {', '.join(assignments)} WHERE ({stored}) IS DISTINCT FROM ({sent})"
              if values else "DO NOTHING")
    cursor.execute(f"""
        INSERT INTO {SCHEMA}.{table.name} AS t ({table.column_list}) SELECT {table.column_list} FROM {temp}
        ON CONFLICT ({', '.join(table.key)}) {update}
        RETURNING {', '.join(f't.{column}' for column in returning or table.key)}
    """)
    return {tuple(row) for row in cursor.fetchall()}


def replace_children(cursor: Any, child: Table, rows: Iterable[Sequence[object]], parent_temp: str,
                     link: Sequence[tuple[str, str]]) -> set[tuple[Any, ...]]:
    """Makes the children of every parent in ``parent_temp`` exactly the given rows.

    Args:
        child: the child table; its key starts with the link columns.
        rows: the batch's child rows.
        parent_temp: the temporary table ``upsert`` filled with the batch's parents.
        link: (child column, parent column) pairs joining a child to its parent.

    Returns:
        The link values (child side) of the parents whose children changed.
    """
    temp = copy_rows(cursor, child, rows)
    child_link = ", ".join(f"d.{c}" for c, _ in link)
    parent_link = ", ".join(f"p.{p}" for _, p in link)
    # Equality on the key lets PostgreSQL hash the anti-join; the other columns must match too.
    same_key = " AND ".join(f"n.{column} = d.{column}" for column in child.key)
    others = [column for column in child.columns if column not in child.key]
    same_values = (f" AND ({', '.join(f'n.{c}' for c in others)}) IS NOT DISTINCT FROM "
                   f"({', '.join(f'd.{c}' for c in others)})") if others else ""
    cursor.execute(f"""
        DELETE FROM {SCHEMA}.{child.name} d USING {parent_temp} p
        WHERE ({child_link}) = ({parent_link})
          AND NOT EXISTS (SELECT 1 FROM {temp} n WHERE {same_key}{same_values})
        RETURNING {child_link}
    """)
    changed = {tuple(row) for row in cursor.fetchall()}
    cursor.execute(f"""
        INSERT INTO {SCHEMA}.{child.name} ({child.column_list}) SELECT {child.column_list} FROM {temp}
        ON CONFLICT ({', '.join(child.key)}) DO NOTHING
        RETURNING {', '.join(c for c, _ in link)}
    """)
    return changed | {tuple(row) for row in cursor.fetchall()}

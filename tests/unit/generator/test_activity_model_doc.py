"""docs/activity-model.md documents the generator's tables as they are: the report SQL is written from it."""

from __future__ import annotations

import re
from pathlib import Path

from services.generator.adapters import orm_activity
from services.generator.adapters.orm import Base

DOC = Path(__file__).resolve().parents[3] / "docs" / "activity-model.md"


def _documented() -> dict[str, list[str]]:
    """Each ``### `table``` section's column names, in order."""
    sections = re.split(r"^### `(\w+)`$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {name: re.findall(r"^\| `(\w+)` \|", body, flags=re.MULTILINE)
            for name, body in zip(sections[1::2], sections[2::2], strict=True)}


def _columns(table: str) -> list[str]:
    return list(Base.metadata.tables[f"generator.{table}"].columns.keys())


def test_every_documented_column_exists_in_its_table_in_the_tables_order() -> None:
    for table, columns in _documented().items():
        assert f"generator.{table}" in Base.metadata.tables, table
        actual = _columns(table)
        assert columns == [c for c in actual if c in columns], table
        assert set(columns) <= set(actual), table


def test_every_table_of_the_activity_model_is_documented_whole() -> None:
    documented = _documented()
    activity_tables = {row.__tablename__ for row in vars(orm_activity).values() if hasattr(row, "__tablename__")}
    own = activity_tables | {"attempts", "accounts", "campaigns", "sub_campaigns", "statuses"}

    for table in own:
        assert documented.get(table) == _columns(table), table

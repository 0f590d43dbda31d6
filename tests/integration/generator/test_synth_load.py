"""Synthetic activity loaded both ways: through the Ingest RPCs (every record valid) and by COPY (bulk)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from reportsuite.cli import synth, synth_grpc, synth_load
from reportsuite.cli.ingest_files import KINDS
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2 as pb
from tests.integration.generator.records import Stub

AS_OF = datetime(2024, 11, 4, 0, 0, tzinfo=UTC)
# Tables whose rows a kind's records make (contacts carry their devices).
KIND_TABLES = {"enterprises": "enterprises", "accounts": "accounts", "campaigns": "campaigns",
               "contact-lists": "contact_lists", "agent-groups": "agent_groups", "agents": "agents",
               **{kind: tables[0] for kind, tables, _ in synth_grpc.ACTIVITY}}


@pytest.fixture(scope="module")
def engine(settings: Settings, generator_service: object) -> Iterator[sa.Engine]:
    """The test database (its generator schema migrated by the running service)."""
    made = sa.create_engine(settings.database_url, poolclass=NullPool)
    yield made
    made.dispose()


def _table_counts(plan: synth.Plan) -> Counter[str]:
    return Counter(table for table, _ in synth.rows(plan))


def test_every_synthetic_record_passes_the_services_validation(generator: Stub) -> None:
    plan = synth.Plan(seed=901, attempts=1500, as_of=AS_OF, accounts=2, days=3)
    expected = _table_counts(plan)

    responses = synth_grpc.ingest(plan, generator)

    assert {kind: list(response.rejected) for kind, response in responses.items()} == {
        kind: [] for kind in responses}
    assert {kind: response.stored for kind, response in responses.items()} == {
        kind: expected[KIND_TABLES[kind]] for kind in responses}
    assert set(responses) <= set(KINDS)


def test_a_synthetic_contact_can_be_traced_across_its_campaigns(generator: Stub) -> None:
    plan = synth.Plan(seed=902, attempts=600, as_of=AS_OF, accounts=1, days=3)
    synth_grpc.ingest(plan, generator)
    attempts: list[dict[str, Any]] = [dict(zip(synth.COLUMNS["attempts"], row, strict=True))
                for table, row in synth.rows(plan) if table == "attempts"]
    first = attempts[0]
    mine = [a for a in attempts if a["client_id"] == first["client_id"] and a["account"] == first["account"]]

    page = generator.TraceContact(pb.TraceContactRequest(parent=f"accounts/{first['account']}",
                                                         client_id=first["client_id"], page_size=1000))

    traced = [e.attempt_id for e in page.entries if e.kind == pb.ContactTraceEntry.KIND_ATTEMPT]
    assert sorted(traced) == sorted(a["attempt_id"] for a in mine)


def test_the_bulk_load_copies_every_row_and_a_rerun_of_the_seed_writes_nothing(engine: sa.Engine) -> None:
    plan = synth.Plan(seed=903, attempts=3000, as_of=AS_OF, accounts=3, days=4)
    expected = _table_counts(plan)
    first_attempt = f"{plan.prefix}-att-{1:08d}"

    loaded = synth_load.load(engine, synth.rows(plan), first_attempt)
    again = synth_load.load(engine, synth.rows(plan), first_attempt)

    assert again is None
    assert loaded == {table: count for table, count in expected.items() if table not in synth.WORLD_TABLES}
    with engine.connect() as connection:
        for table, count in expected.items():
            column = "id" if "id" in synth.COLUMNS[table] else synth.COLUMNS[table][0]
            key = "account" if "account" in synth.COLUMNS[table] else column
            stored = connection.execute(sa.text(
                f"SELECT count(*) FROM generator.{table} WHERE {key} LIKE :prefix"),
                {"prefix": f"{plan.prefix}-%"}).scalar_one()
            assert (table, stored) == (table, count)

"""Incremental runs choose every Detail report's rows by ingest cutoffs (docs/incremental.md), in
each table the report reads: the run whose window holds the world's ingest has exactly the rows of
an all-time report, and the next run, with nothing ingested since, is empty."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from reportsuite.core import db
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2_grpc
from services.generator.adapters.report_query import PostgresReportWriter
from services.generator.adapters.repository import ActivityRepository
from services.generator.domain.reports import IncrementalWindow, Level, ReportQuery, ReportType
from tests.integration.generator import detail_world as w

ALL_TIME = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))

# (report, level, campaign, sub-campaign): one scope per report, each reading its own table.
CASES = [
    (ReportType.ALL_ATTEMPTS, Level.CAMPAIGN, "c1", None),
    (ReportType.BEST_CONTACT, Level.CAMPAIGN, "c1", None),
    (ReportType.ALL_CONTACTS, Level.SUB_CAMPAIGN, "c1", "s1"),
    (ReportType.DIALER, Level.CAMPAIGN, "c1", None),
    (ReportType.CONTACT_CENTER, Level.ENTERPRISE, None, None),
    (ReportType.USAGE, Level.ACCOUNT, None, None),
    (ReportType.TEXT_OPT_OUT, Level.CAMPAIGN, "c1", None),
    (ReportType.LIST_AUDIT, Level.ENTERPRISE, None, None),
    (ReportType.AGENT_ACTION, Level.ENTERPRISE, None, None),
]


@pytest.fixture(scope="module")
def engine(settings: Settings) -> Iterator[Engine]:
    made = db.make_engine(settings.database_url, pool_size=2)
    yield made
    made.dispose()


@pytest.fixture(scope="module")
def cutoffs(engine: Engine, generator: generator_pb2_grpc.GeneratorServiceStub) -> tuple[w.World, list[str]]:
    """A world ingested between cutoffs 0 and 1; nothing of it after cutoff 1 (cutoff 2)."""
    repository = ActivityRepository(engine)
    uid = "i" + uuid.uuid4().hex[:10]
    world = w.World(a=f"{uid}a", b=f"{uid}b", enterprise=f"{uid}e")
    before = repository.ingest_cutoff()
    w.given_the_world(generator, world)
    return world, [before, repository.ingest_cutoff(), repository.ingest_cutoff()]


def _report(engine: Engine, world: w.World, case: tuple, incremental: IncrementalWindow | None) -> str:
    report_type, level, campaign, sub_campaign = case
    query = ReportQuery(report_type=report_type, account=world.a, campaign=campaign, sub_campaign=sub_campaign,
                        window_start=ALL_TIME[0], window_end=ALL_TIME[1], time_zone="UTC", incremental=incremental,
                        accounts=(world.a, world.b) if level is Level.ENTERPRISE else (), level=level)
    sink = io.BytesIO()
    PostgresReportWriter(engine).write_csv(query, sink)
    return sink.getvalue().decode()


@pytest.mark.parametrize("case", CASES, ids=[case[0].name for case in CASES])
def test_an_incremental_run_holds_what_was_ingested_between_its_cutoffs_in_every_report(engine, cutoffs, case):
    world, (before, after, later) = cutoffs
    everything = _report(engine, world, case, None)

    collected = _report(engine, world, case, IncrementalWindow(before, after))
    nothing_new = _report(engine, world, case, IncrementalWindow(after, later))

    assert len(everything.splitlines()) > 1
    assert collected == everything
    assert nothing_new == everything.splitlines(keepends=True)[0]

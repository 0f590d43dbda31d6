"""Every report query, at every level it runs at, returns exactly its documented fields in file order."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg2
import pytest

from reportsuite.core.settings import Settings
from services.generator.adapters.report_query import query_parameters, window_condition
from services.generator.adapters.report_sql import best_contact_row_number, report_select
from services.generator.domain.reports import FIELDS, SUPPORTED, Level, ReportQuery, ReportType

PAIRS = sorted(SUPPORTED, key=lambda pair: (pair[0].value, pair[1].value))


def _columns(settings: Settings, sql: str, report_type: ReportType, level: Level) -> list[str]:
    query = ReportQuery(report_type=report_type, account="nobody", campaign=None, sub_campaign=None,
                        window_start=datetime(2024, 1, 1, tzinfo=UTC), window_end=datetime(2024, 1, 2, tzinfo=UTC),
                        time_zone="UTC", level=level)
    url = settings.database_url.replace("postgresql+psycopg2://", "postgresql://")
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({cursor.mogrify(sql, query_parameters(query)).decode()}) r LIMIT 0")
        return [column.name for column in cursor.description]


@pytest.mark.parametrize(("report_type", "level"), PAIRS, ids=[f"{t.name}-{lv.name}" for t, lv in PAIRS])
def test_the_report_query_selects_the_documented_fields_in_order(settings, generator_service, report_type, level):
    sql = report_select(report_type, level, window_condition)

    assert _columns(settings, sql, report_type, level) == [field.name for field in FIELDS[report_type]]


def test_the_row_number_variant_of_best_contact_selects_the_same_fields(settings, generator_service):
    sql = best_contact_row_number(Level.CAMPAIGN, window_condition)

    assert _columns(settings, sql, ReportType.BEST_CONTACT, Level.CAMPAIGN) == [
        field.name for field in FIELDS[ReportType.BEST_CONTACT]]

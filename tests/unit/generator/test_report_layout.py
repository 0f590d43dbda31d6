"""The report SQL's columns are the documented All Attempts fields, in order."""

from __future__ import annotations

import re

from services.generator.adapters.report_query import ALL_ATTEMPTS_SQL
from services.generator.domain.reports import ALL_ATTEMPTS_FIELDS


def test_the_all_attempts_query_selects_the_documented_fields_in_order() -> None:
    selected = re.findall(r'AS "(\w+)"', ALL_ATTEMPTS_SQL)

    assert selected == [field.name for field in ALL_ATTEMPTS_FIELDS]


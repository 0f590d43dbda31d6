"""A database of this folder's own, migrated for the generator and the scheduler."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import ADMIN_URL, TEST_DB
from tests.integration.incremental.harness import own_database


@pytest.fixture(scope="session")
def incremental_db(test_database: str) -> Iterator[sa.Engine]:
    with own_database(ADMIN_URL, f"{TEST_DB}_incremental") as engine:
        yield engine

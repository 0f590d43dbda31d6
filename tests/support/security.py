"""Tokens for tests: the run's registry (tests/conftest.py) and calls made as another caller.

    stub.GetJob(request, metadata=as_caller(issue("account-user", "accounts:a")))
    stub.GetReportDefinition(request, metadata=as_service())
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from reportsuite.core.security import tokens


def registry() -> Path:
    """The token registry the services of this test run read."""
    return Path(os.environ["REPORTSUITE_TOKENS_FILE"])


def issue(role: str, scope: str = "*", principal: str = "") -> str:
    """Issues a token into the run's registry and returns it."""
    token, _ = tokens.issue(registry(), principal or f"test-{role}-{uuid.uuid4().hex[:8]}", role, scope)
    return token


def as_caller(token: str) -> list[tuple[str, str]]:
    """Call metadata that makes a call with that token instead of the default operator's."""
    return [("authorization", f"Bearer {token}")]


def as_service() -> list[tuple[str, str]]:
    """Call metadata of the run's service token (what services send each other)."""
    return as_caller(os.environ["REPORTSUITE_SERVICE_TOKEN"])

"""Tokens for tests and benchmarks: a run's callers, and calls made as another caller.

    callers_of_the_run(path / "tokens.json", "test")   # once per run: tests/conftest.py, benchmarks
    stub.GetJob(request, metadata=as_caller(issue("account-user", "accounts:a")))
    stub.GetReportDefinition(request, metadata=as_service())
"""

from __future__ import annotations

import base64
import os
import uuid
from pathlib import Path

from reportsuite.core.security import tokens


def callers_of_the_run(registry: Path, name: str) -> None:
    """Sets up a run's callers in this process's environment, which the services it starts inherit.

    This process calls as an operator of every account (REPORTSUITE_TOKEN); the services call
    each other with a service token; the catalog gets a fresh key to encrypt transfer passwords
    with, unless one is set already. Tests needing other callers issue their own tokens.
    """
    registry.unlink(missing_ok=True)
    operator, _ = tokens.issue(registry, f"{name}-operator", tokens.OPERATOR, "*")
    service, _ = tokens.issue(registry, f"{name}-service", tokens.SERVICE, "*")
    os.environ.update({"REPORTSUITE_TOKENS_FILE": str(registry), "REPORTSUITE_TOKEN": operator,
                       "REPORTSUITE_SERVICE_TOKEN": service})
    os.environ.setdefault("REPORTSUITE_SECRETS_KEY", base64.urlsafe_b64encode(os.urandom(32)).decode())


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

"""Tokens are shown once, stored hashed, expire, can be revoked, and a broken registry fails closed."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reportsuite.cli import suite
from reportsuite.core.security import tokens
from reportsuite.core.security.tokens import Scope, TokenError, TokenRegistry
from reportsuite.core.settings import Settings


def test_the_registry_stores_the_hash_not_the_token_and_only_its_owner_reads_it(tmp_path: Path) -> None:
    registry = tmp_path / "tokens.json"

    token, entry = tokens.issue(registry, "alice", tokens.OPERATOR, "*")

    text = registry.read_text()
    assert token not in text
    assert tokens.hash_token(token) in text
    assert entry.token_id in text and "alice" in text
    assert stat.S_IMODE(registry.stat().st_mode) == 0o600
    assert len(token) > 40 and token.startswith(tokens.TOKEN_PREFIX)


def test_a_valid_token_names_its_principal_role_and_scope(tmp_path: Path) -> None:
    registry = tmp_path / "tokens.json"
    token, _ = tokens.issue(registry, "acme-user", tokens.ACCOUNT_USER, "accounts:acme,acme2")

    principal = TokenRegistry(registry).authenticate(token)

    assert principal is not None
    assert (principal.name, principal.role) == ("acme-user", tokens.ACCOUNT_USER)
    assert principal.scope == Scope(accounts=frozenset({"acme", "acme2"}))


def test_an_unknown_expired_or_revoked_token_is_refused(tmp_path: Path) -> None:
    registry = tmp_path / "tokens.json"
    now = datetime(2026, 1, 1, tzinfo=UTC)
    soon, _ = tokens.issue(registry, "temp", tokens.OPERATOR, "*", expires=now + timedelta(hours=1), now=now)
    kept, kept_entry = tokens.issue(registry, "kept", tokens.OPERATOR, "*", now=now)
    gone, _ = tokens.issue(registry, "gone", tokens.OPERATOR, "*", now=now)
    clock = [now]
    checker = TokenRegistry(registry, clock=lambda: clock[0])
    assert checker.authenticate(soon) is not None and checker.authenticate(gone) is not None

    tokens.revoke(registry, principal="gone")
    clock[0] = now + timedelta(hours=2)

    assert checker.authenticate(soon) is None  # expired
    assert checker.authenticate(gone) is None  # revoked, seen without a restart
    assert checker.authenticate("rs1_" + "x" * 43) is None
    assert checker.authenticate(kept) is not None
    assert tokens.revoke(registry, token_id=kept_entry.token_id) == [kept_entry]
    assert checker.authenticate(kept) is None


def test_a_token_issued_after_start_is_accepted_without_a_restart(tmp_path: Path) -> None:
    registry = tmp_path / "tokens.json"
    checker = TokenRegistry(registry)
    assert checker.authenticate("anything") is None  # no registry yet: nothing is accepted

    token, _ = tokens.issue(registry, "late", tokens.SERVICE, "*")

    assert checker.authenticate(token) is not None


def test_a_registry_that_cannot_be_read_refuses_every_token(tmp_path: Path) -> None:
    registry = tmp_path / "tokens.json"
    token, _ = tokens.issue(registry, "alice", tokens.OPERATOR, "*")
    checker = TokenRegistry(registry)
    assert checker.authenticate(token) is not None

    document = json.loads(registry.read_text())
    document["tokens"][0]["role"] = "superuser"
    registry.write_text(json.dumps(document))

    assert checker.authenticate(token) is None


@pytest.mark.parametrize("scope", ["", "accounts:", "enterprise:a,b", "everything", "accounts:../etc", "account:a"])
def test_a_malformed_scope_is_refused(scope: str) -> None:
    with pytest.raises(TokenError):
        Scope.parse(scope)


@pytest.mark.parametrize(("role", "scope", "principal"), [("root", "*", "a"), ("operator", "*", " "),
                                                           ("operator", "accounts:a b", "a")])
def test_issue_refuses_what_it_cannot_store(tmp_path: Path, role: str, scope: str, principal: str) -> None:
    with pytest.raises(TokenError):
        tokens.issue(tmp_path / "tokens.json", principal, role, scope)
    assert not (tmp_path / "tokens.json").exists()


def test_the_cli_prints_the_token_once_and_stores_its_hash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = tmp_path / "tokens.json"

    code = suite.main(["token", "issue", "--principal", "ops", "--role", "operator", "--scope", "enterprise:e1",
                       "--expires", "30d", "--file", str(registry)])

    out, err = capsys.readouterr()
    token = out.strip()
    assert code == 0 and "shown only this once" in err and token not in err
    principal = TokenRegistry(registry).authenticate(token)
    assert principal is not None and str(principal.scope) == "enterprise:e1"
    assert suite.main(["token", "list", "--file", str(registry)]) == 0
    assert token not in capsys.readouterr().out
    assert suite.main(["token", "revoke", "--principal", "ops", "--file", str(registry)]) == 0
    assert TokenRegistry(registry).authenticate(token) is None


def test_reportsuite_config_never_prints_a_token(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REPORTSUITE_TOKEN", "rs1_do-not-print-me")

    suite.main(["config"])

    assert "do-not-print-me" not in capsys.readouterr().out
    assert "do-not-print-me" not in repr(Settings.from_env())
    assert os.environ["REPORTSUITE_SERVICE_TOKEN"] not in repr(Settings.from_env())

"""Every RPC authenticates its caller; roles, scopes and request bounds are enforced at the edge."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.cli import reportctl
from reportsuite.core import grpc_server
from reportsuite.core.errors import error_details
from reportsuite.core.security import credentials, tokens
from reportsuite.core.security.policy import DEFAULT_MAX_REQUEST_BYTES, MAX_STRING_CHARS
from tests.integration.security.conftest import Pair, definition
from tests.support.security import as_caller, as_service, registry


def refused(call: Callable[[], Any]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value


def _bare(address: str) -> catalog_pb2_grpc.CatalogServiceStub:
    """A stub on a plain channel that adds no token."""
    return catalog_pb2_grpc.CatalogServiceStub(grpc.insecure_channel(address))


def test_a_call_without_a_token_is_unauthenticated(pair: Pair, accounts: tuple[str, str]) -> None:
    error = refused(lambda: _bare(pair.catalog_address).ListReportDefinitions(
        pb.ListReportDefinitionsRequest(parent=f"accounts/{accounts[0]}"), timeout=10))

    assert error.code() == grpc.StatusCode.UNAUTHENTICATED  # type: ignore[attr-defined]
    assert error_details(error)["rule"].startswith("the call carries no bearer token")


@pytest.mark.parametrize("header", ["Bearer rs1_not-a-token-anyone-issued", "Basic dXNlcjpwYXNz", "Bearer", "token"])
def test_a_wrong_token_or_scheme_is_unauthenticated(pair: Pair, accounts: tuple[str, str], header: str) -> None:
    error = refused(lambda: _bare(pair.catalog_address).ListReportDefinitions(
        pb.ListReportDefinitionsRequest(parent=f"accounts/{accounts[0]}"), timeout=10,
        metadata=[("authorization", header)]))

    assert error.code() == grpc.StatusCode.UNAUTHENTICATED  # type: ignore[attr-defined]
    assert "rs1_not-a-token" not in (error.details() or "")  # type: ignore[attr-defined]


def test_an_expired_token_is_unauthenticated(pair: Pair, accounts: tuple[str, str]) -> None:
    issued = datetime.now(UTC) - timedelta(days=2)
    token, _ = tokens.issue(registry(), "expired", tokens.OPERATOR, "*", expires=issued + timedelta(days=1),
                            now=issued)

    error = refused(lambda: pair.catalog().ListReportDefinitions(
        pb.ListReportDefinitionsRequest(parent=f"accounts/{accounts[0]}"), metadata=as_caller(token)))

    assert error.code() == grpc.StatusCode.UNAUTHENTICATED  # type: ignore[attr-defined]


def test_health_and_reflection_answer_without_a_token(pair: Pair) -> None:
    with grpc.insecure_channel(pair.catalog_address) as channel:
        reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_an_account_user_may_not_call_what_only_services_do(pair: Pair, accounts: tuple[str, str],
                                                            user_a: str) -> None:
    request = pb.CreateSavedReportRequest(parent=f"accounts/{accounts[0]}/reports/r")

    error = refused(lambda: pair.catalog().CreateSavedReport(request, metadata=as_caller(user_a)))

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED  # type: ignore[attr-defined]
    assert "account-user" in (error.details() or "")  # type: ignore[attr-defined]


def test_only_services_and_operators_see_a_transfer_password(pair: Pair, accounts: tuple[str, str],
                                                             user_a: str) -> None:
    made = definition()
    made.output.file_transfer.CopyFrom(pb.FileTransfer(protocol=pb.FileTransfer.PROTOCOL_SFTP,
                                                       destination="reports:Pw-123456@files.example.com/in"))
    created = pair.catalog().CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=f"accounts/{accounts[0]}", report_definition=made), metadata=as_caller(user_a)).report_definition
    delivery_view = pb.GetReportDefinitionRequest(name=created.name, view=pb.REPORT_DEFINITION_VIEW_DELIVERY)

    error = refused(lambda: pair.catalog().GetReportDefinition(delivery_view, metadata=as_caller(user_a)))
    shown = pair.catalog().GetReportDefinition(delivery_view, metadata=as_service()).report_definition

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED  # type: ignore[attr-defined]
    assert created.output.file_transfer.destination == "reports:****@files.example.com/in"
    assert shown.output.file_transfer.destination == "reports:Pw-123456@files.example.com/in"


def test_an_account_user_reaches_its_own_account_only(pair: Pair, accounts: tuple[str, str], user_a: str) -> None:
    own, other = accounts
    mine = pair.catalog().CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=f"accounts/{own}", report_definition=definition()), metadata=as_caller(user_a)).report_definition
    theirs = pair.catalog().CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=f"accounts/{other}", report_definition=definition())).report_definition

    listed = pair.catalog().ListReportDefinitions(pb.ListReportDefinitionsRequest(parent=f"accounts/{own}"),
                                                  metadata=as_caller(user_a)).report_definitions
    listing = refused(lambda: pair.catalog().ListReportDefinitions(
        pb.ListReportDefinitionsRequest(parent=f"accounts/{other}"), metadata=as_caller(user_a)))
    getting = refused(lambda: pair.catalog().GetReportDefinition(
        pb.GetReportDefinitionRequest(name=theirs.name), metadata=as_caller(user_a)))
    missing = refused(lambda: pair.catalog().GetReportDefinition(
        pb.GetReportDefinitionRequest(name=f"accounts/{other}/reports/nope"), metadata=as_caller(user_a)))

    assert [d.name for d in listed] == [mine.name]
    assert listing.code() == grpc.StatusCode.PERMISSION_DENIED  # type: ignore[attr-defined]
    assert getting.code() == grpc.StatusCode.NOT_FOUND  # type: ignore[attr-defined]
    # Another tenant's resource and a resource that does not exist look exactly the same.
    assert getting.details().replace(theirs.name, "N") == missing.details().replace(  # type: ignore[attr-defined]
        f"accounts/{other}/reports/nope", "N")


def test_a_scoped_caller_must_name_an_account(pair: Pair, user_a: str) -> None:
    error = refused(lambda: pair.catalog().ListReportDefinitions(pb.ListReportDefinitionsRequest(),
                                                                 metadata=as_caller(user_a)))

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED  # type: ignore[attr-defined]


def test_an_oversized_request_or_string_is_invalid_naming_it(pair: Pair, accounts: tuple[str, str]) -> None:
    parent = f"accounts/{accounts[0]}"
    huge = definition()
    huge.description = "x" * (DEFAULT_MAX_REQUEST_BYTES + 1)
    long_name = definition("n" * (MAX_STRING_CHARS + 1))

    too_big = refused(lambda: pair.catalog().CreateReportDefinition(
        pb.CreateReportDefinitionRequest(parent=parent, report_definition=huge)))
    too_long = refused(lambda: pair.catalog().CreateReportDefinition(
        pb.CreateReportDefinitionRequest(parent=parent, report_definition=long_name)))

    assert too_big.code() == too_long.code() == grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
    assert error_details(too_big)["field"] == "request"
    assert error_details(too_long)["field"] == "report_definition.display_name"


@pytest.fixture
def unlisted() -> Iterator[str]:
    """A server with a method the policy table does not name."""

    def register(server: grpc.Server) -> list[str]:
        handler = grpc.unary_unary_rpc_method_handler(lambda request, context: b"", lambda b: b, lambda b: b)
        server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(
            "reportsuite.catalog.v1.CatalogService", {"NotInThePolicy": handler})])
        return ["reportsuite.catalog.v1.CatalogService"]

    service = grpc_server.create_server("127.0.0.1:0", register, workers=2)
    yield f"127.0.0.1:{service.port}"
    service.stop(0)


def test_a_method_without_a_policy_is_refused_even_to_operators(unlisted: str) -> None:
    with grpc.insecure_channel(unlisted) as channel:
        call = channel.unary_unary("/reportsuite.catalog.v1.CatalogService/NotInThePolicy")
        error = refused(lambda: call(b"", metadata=as_caller(os.environ["REPORTSUITE_TOKEN"]), timeout=10))

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED  # type: ignore[attr-defined]
    assert "no access policy" in (error.details() or "")  # type: ignore[attr-defined]


def test_reportctl_sends_the_token_of_its_environment_or_token_file(
    pair: Pair, accounts: tuple[str, str], user_a: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("REPORTSUITE_CATALOG_ADDR", pair.catalog_address)
    listing = ["report", "list", "--account", accounts[0]]
    token_file = tmp_path / "token"
    token_file.write_text(user_a + "\n")
    monkeypatch.delenv("REPORTSUITE_TOKEN")
    monkeypatch.delenv("REPORTSUITE_SERVICE_TOKEN")

    without = reportctl.main(listing)
    without_err = capsys.readouterr().err
    try:
        from_file = reportctl.main(["--token-file", str(token_file), *listing])
        other_account = reportctl.main(["--token-file", str(token_file), "report", "list", "--account", accounts[1]])
    finally:
        credentials.use_token_file(None)
    monkeypatch.setenv("REPORTSUITE_TOKEN", user_a)
    from_environment = reportctl.main(listing)

    assert (without, from_file, other_account, from_environment) == (1, 0, 1, 0)
    assert without_err.startswith("error: UNAUTHENTICATED: ")

"""Who created, changed, downloaded or deleted what, and when: recorded by every service, read by operators."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest

from reportsuite.audit.v1 import audit_pb2, audit_pb2_grpc
from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.cli import reportctl
from reportsuite.core import timestamps
from tests.integration.security.conftest import Pair, definition
from tests.integration.security.test_authentication import refused
from tests.support.security import as_caller, issue


def _audit(pair: Pair, service: str = "catalog") -> audit_pb2_grpc.AuditServiceStub:
    return audit_pb2_grpc.AuditServiceStub(pair.channel(service))


def test_creating_and_deleting_are_recorded_with_who_what_when_and_outcome(
    pair: Pair, accounts: tuple[str, str], user_a: str,
) -> None:
    own, other = accounts
    before = datetime.now(UTC) - timedelta(seconds=1)
    created = pair.catalog().CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=f"accounts/{own}", report_definition=definition(), request_id="create-1"),
        metadata=as_caller(user_a)).report_definition
    pair.catalog().GetReportDefinition(pb.GetReportDefinitionRequest(name=created.name), metadata=as_caller(user_a))
    pair.catalog().DeleteReportDefinition(pb.DeleteReportDefinitionRequest(name=created.name),
                                          metadata=as_caller(user_a))
    refused(lambda: pair.catalog().DeleteReportDefinition(
        pb.DeleteReportDefinitionRequest(name=f"accounts/{other}/reports/x"), metadata=as_caller(user_a)))

    events = _audit(pair).ListAuditEvents(audit_pb2.ListAuditEventsRequest(
        principal=f"user-of-{own}", start_time=timestamps.to_proto(before))).audit_events

    assert [(e.method.rsplit("/", 1)[1], e.code) for e in events] == [
        ("DeleteReportDefinition", "NOT_FOUND"), ("DeleteReportDefinition", "OK"), ("CreateReportDefinition", "OK")]
    create = events[2]
    assert (create.service, create.role, create.request_id) == ("catalog", "account-user", "create-1")
    assert list(create.accounts) == [f"accounts/{own}"] and create.token_id and create.peer
    assert created.name in create.resources  # what was created, from the answer
    assert list(events[1].resources) == [created.name]
    assert list(events[0].accounts) == [f"accounts/{other}"]
    assert before <= events[2].time.ToDatetime(tzinfo=UTC) <= events[0].time.ToDatetime(tzinfo=UTC)


def test_operators_filter_by_account_method_and_time_and_page_through(pair: Pair, accounts: tuple[str, str]) -> None:
    own = accounts[0]
    start = datetime.now(UTC) - timedelta(seconds=1)
    for number in range(5):
        pair.catalog().CreateReportDefinition(pb.CreateReportDefinitionRequest(
            parent=f"accounts/{own}", report_definition=definition(f"Report {number}")))
    audit = _audit(pair)
    request = audit_pb2.ListAuditEventsRequest(account=f"accounts/{own}", method="CreateReportDefinition",
                                               start_time=timestamps.to_proto(start), page_size=2)

    pages, names = 0, []
    while True:
        page = audit.ListAuditEvents(request)
        names += [e.name for e in page.audit_events]
        pages += 1
        if not page.next_page_token:
            break
        request.page_token = page.next_page_token
    none_later = audit.ListAuditEvents(audit_pb2.ListAuditEventsRequest(
        account=f"accounts/{own}", start_time=timestamps.to_proto(datetime.now(UTC) + timedelta(minutes=1))))

    assert (len(names), len(set(names)), pages) == (5, 5, 3)
    assert list(none_later.audit_events) == []


def test_account_users_may_not_read_the_audit_trail(pair: Pair, accounts: tuple[str, str], user_a: str) -> None:
    error = refused(lambda: _audit(pair).ListAuditEvents(
        audit_pb2.ListAuditEventsRequest(account=f"accounts/{accounts[0]}"), metadata=as_caller(user_a)))

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED  # type: ignore[attr-defined]


def test_an_operator_of_one_account_reads_only_that_accounts_events(pair: Pair, accounts: tuple[str, str]) -> None:
    own, other = accounts
    operator = issue("operator", f"accounts:{own}")

    mine = _audit(pair).ListAuditEvents(audit_pb2.ListAuditEventsRequest(account=f"accounts/{own}"),
                                        metadata=as_caller(operator))
    theirs = refused(lambda: _audit(pair).ListAuditEvents(
        audit_pb2.ListAuditEventsRequest(account=f"accounts/{other}"), metadata=as_caller(operator)))
    everything = refused(lambda: _audit(pair).ListAuditEvents(audit_pb2.ListAuditEventsRequest(),
                                                               metadata=as_caller(operator)))

    assert mine.audit_events is not None
    assert theirs.code() == grpc.StatusCode.NOT_FOUND  # type: ignore[attr-defined]
    assert everything.code() == grpc.StatusCode.PERMISSION_DENIED  # type: ignore[attr-defined]


def test_every_service_serves_its_own_audit_trail(pair: Pair) -> None:
    pair.channel("delivery")
    events = _audit(pair, "delivery").ListAuditEvents(audit_pb2.ListAuditEventsRequest(page_size=1))

    assert all(e.service == "delivery" for e in events.audit_events)


def test_reportctl_lists_the_audit_trail(pair: Pair, accounts: tuple[str, str], monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    pair.catalog().CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=f"accounts/{accounts[0]}", report_definition=definition()))
    monkeypatch.setenv("REPORTSUITE_CATALOG_ADDR", pair.catalog_address)

    code = reportctl.main(["audit", "list", "--service", "catalog", "--account", accounts[0]])

    out = capsys.readouterr().out
    assert code == 0
    assert "CreateReportDefinition" in out and "test-operator (operator)" in out and "OK" in out

"""The accounts a message names are found at any depth, and over-long strings are refused by path."""

from __future__ import annotations

import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.errors import InvalidArgument
from reportsuite.core.security.tenancy import EnterpriseDirectory, account_of, inspect, reaches
from reportsuite.core.security.tokens import Scope
from reportsuite.generator.v1 import generator_pb2
from reportsuite.scheduler.v1 import scheduler_pb2


def test_a_parent_and_a_name_nested_in_the_resource_are_told_apart() -> None:
    request = scheduler_pb2.CreateScheduleRequest(
        parent="accounts/a", schedule=scheduler_pb2.Schedule(report_definition="accounts/b/reports/r"))

    reach = inspect(request, max_string=1000)

    assert reach.parent_accounts == {"a"}
    assert reach.named_accounts == {"b"}
    assert reach.resources == ["accounts/a", "accounts/b/reports/r"]


def test_repeated_and_deeply_nested_names_are_found() -> None:
    request = scheduler_pb2.CompleteJobStageRequest(
        name="accounts/a/jobs/j", saved_report="accounts/a/savedReports/s",
        deliveries=[scheduler_pb2.DeliveryOutcome(destination="x"),
                    scheduler_pb2.DeliveryOutcome(file_name="accounts/c/x")])

    assert inspect(request, max_string=1000).named_accounts == {"a", "c"}


def test_bare_account_ids_count_only_in_streamed_records() -> None:
    batch = generator_pb2.IngestAttemptsRequest(attempts=[generator_pb2.Attempt(attempt_id="1", account="b")])

    assert inspect(batch, max_string=1000).accounts == set()
    assert inspect(batch, max_string=1000, bare_accounts=True).accounts == {"b"}


def test_a_malformed_account_segment_still_counts_as_that_account() -> None:
    assert account_of("accounts/../secret") == ".."
    assert account_of("accounts/") == ""
    assert account_of("xaccounts/a") is None
    assert inspect(catalog_pb2.GetSavedReportRequest(name="accounts/b%2F/x"), max_string=99).named_accounts == {"b%2F"}


def test_an_enterprise_parent_is_found() -> None:
    reach = inspect(generator_pb2.TraceContactRequest(parent="enterprises/e1", client_id="c"), max_string=99)

    assert reach.parent_enterprises == {"e1"} and reach.accounts == set()


def test_a_string_longer_than_the_limit_is_refused_naming_its_path() -> None:
    request = catalog_pb2.CreateReportDefinitionRequest(
        parent="accounts/a",
        report_definition=catalog_pb2.ReportDefinition(output=catalog_pb2.OutputOptions(email_addresses="x" * 101)))

    with pytest.raises(InvalidArgument) as refused:
        inspect(request, max_string=100, collect=False)

    assert refused.value.field == "report_definition.output.email_addresses"
    assert refused.value.rule == "at most 100 characters"


def test_scopes_reach_their_accounts_and_enterprise_only() -> None:
    directory = EnterpriseDirectory({"a": "e1", "b": "e2"}.get)

    assert reaches(Scope(everything=True), "anything", None)
    assert reaches(Scope(accounts=frozenset({"a"})), "a", directory)
    assert not reaches(Scope(accounts=frozenset({"a"})), "b", directory)
    assert reaches(Scope(enterprise="e1"), "a", directory)
    assert not reaches(Scope(enterprise="e1"), "b", directory)
    assert not reaches(Scope(enterprise="e1"), "unknown", directory)


def test_the_directory_asks_once_and_forgets_misses_soon() -> None:
    asked: list[str] = []
    now = [0.0]

    def lookup(account: str) -> str | None:
        asked.append(account)
        return {"a": "e1"}.get(account)

    directory = EnterpriseDirectory(lookup, ttl=300, miss_ttl=10, clock=lambda: now[0])
    for _ in range(3):
        directory.enterprise_of("a")
        directory.enterprise_of("new")
    now[0] = 11.0
    directory.enterprise_of("a")
    directory.enterprise_of("new")

    assert asked == ["a", "new", "new"]


def test_answers_are_read_for_names_but_never_refused_for_what_they_hold() -> None:
    answer = catalog_pb2.ReportDefinition(name="accounts/a/reports/r", display_name="odd\x00name" + "x" * 200)

    assert inspect(answer, max_string=None).resources == ["accounts/a/reports/r"]
    with pytest.raises(InvalidArgument):
        inspect(answer, max_string=100)

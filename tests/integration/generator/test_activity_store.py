"""Accounts and campaigns: ingest (upsert by id, rejections) and GetAccount / GetCampaign."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest

from reportsuite.core.errors import error_details
from reportsuite.core.timestamps import from_proto
from reportsuite.generator.v1 import generator_pb2 as pb
from reportsuite.generator.v1 import generator_pb2_grpc
from tests.integration.generator import builders as b

Stub = generator_pb2_grpc.GeneratorServiceStub


def _accounts(stub: Stub, *batches: list[pb.Account]) -> pb.IngestAccountsResponse:
    return stub.IngestAccounts(iter([pb.IngestAccountsRequest(accounts=batch) for batch in batches]), timeout=10)


def _campaigns(stub: Stub, *batches: list[pb.Campaign]) -> pb.IngestCampaignsResponse:
    return stub.IngestCampaigns(iter([pb.IngestCampaignsRequest(campaigns=batch) for batch in batches]), timeout=10)


def test_an_ingested_account_is_returned_by_get_account(generator: Stub, unique_id: str) -> None:
    _accounts(generator, [b.account(unique_id, display_name="Acme", time_zone="Europe/Paris")])

    found = generator.GetAccount(pb.GetAccountRequest(name=f"accounts/{unique_id}")).account

    assert (found.name, found.display_name, found.reports_time_zone, found.enterprise) == (
        f"accounts/{unique_id}", "Acme", "Europe/Paris", "ent1")


def test_ingesting_an_account_again_replaces_it(generator: Stub, unique_id: str) -> None:
    _accounts(generator, [b.account(unique_id, display_name="Old name")])

    answer = _accounts(generator, [b.account(unique_id, display_name="New name")])

    assert (answer.received, answer.stored) == (1, 1)
    assert generator.GetAccount(pb.GetAccountRequest(name=f"accounts/{unique_id}")).account.display_name == "New name"


ACCOUNT_RULES = [
    ("invalid reports_time_zone", {"time_zone": "Mars/Olympus_Mons"}, "reports_time_zone"),
    ("missing reports_time_zone", {"time_zone": ""}, "reports_time_zone"),
    ("missing display_name", {"display_name": ""}, "display_name"),
]


@pytest.mark.parametrize(("case", "changes", "field"), ACCOUNT_RULES, ids=[r[0] for r in ACCOUNT_RULES])
def test_a_bad_account_is_rejected_and_the_good_ones_kept(
    generator: Stub, unique_id: str, case: str, changes: dict[str, str], field: str,
) -> None:
    bad = b.account(f"{unique_id}-bad", **changes)

    answer = _accounts(generator, [b.account(f"{unique_id}-1")], [bad, b.account(f"{unique_id}-2")])

    assert (answer.received, answer.stored) == (3, 2)
    assert [(r.position, r.id, r.field) for r in answer.rejected] == [(1, bad.name, field)]


def test_an_account_name_that_is_not_a_resource_name_is_rejected(generator: Stub) -> None:
    answer = _accounts(generator, [pb.Account(name="acme", display_name="Acme", reports_time_zone="UTC")])

    assert [(r.position, r.field) for r in answer.rejected] == [(0, "name")]


def test_an_ingested_campaign_is_returned_with_its_sub_campaigns(generator: Stub, unique_id: str) -> None:
    start = datetime(2024, 2, 1, 14, 0, tzinfo=UTC)
    b.setup_campaign(generator, unique_id, "c1", start=start,
                     subs=[("s1", "Wave One", "list-a"), ("s2", "Wave Two", "list-b")])

    found = generator.GetCampaign(pb.GetCampaignRequest(name=f"accounts/{unique_id}/campaigns/c1")).campaign

    assert (found.display_name, from_proto(found.start_time), found.HasField("end_time")) == (
        "Spring Reminders", start, False)
    assert [(s.id, s.display_name, s.contact_list) for s in found.sub_campaigns] == [
        ("s1", "Wave One", "list-a"), ("s2", "Wave Two", "list-b")]


def test_ingesting_a_campaign_again_replaces_it_and_adds_sub_campaigns(generator: Stub, unique_id: str) -> None:
    b.setup_campaign(generator, unique_id, "c1")

    answer = _campaigns(generator, [b.campaign(unique_id, "c1", display_name="Renamed",
                                               subs=[("s1", "Wave 1", "list-a"), ("s3", "Wave 3", "list-c")])])

    assert answer.stored == 1
    found = generator.GetCampaign(pb.GetCampaignRequest(name=f"accounts/{unique_id}/campaigns/c1")).campaign
    assert found.display_name == "Renamed"
    assert [(s.id, s.display_name) for s in found.sub_campaigns] == [("s1", "Wave 1"), ("s3", "Wave 3")]


CAMPAIGN_RULES = [
    ("unknown account", {"account_id": "nobody"}, "name", "unknown account"),
    ("missing start_time", {"start": None}, "start_time", "required"),
    ("end before start", {"end": datetime(2023, 1, 1, tzinfo=UTC)}, "end_time", "must not be before start_time"),
    ("repeated sub-campaign id", {"subs": [("s1", "A", ""), ("s1", "B", "")]}, "sub_campaigns[1].id",
     "sub-campaign ids are unique in their campaign"),
    ("nameless sub-campaign", {"subs": [("s1", "", "")]}, "sub_campaigns[0].display_name", "required"),
]


@pytest.mark.parametrize(("case", "changes", "field", "reason"), CAMPAIGN_RULES, ids=[r[0] for r in CAMPAIGN_RULES])
def test_a_bad_campaign_is_rejected_with_its_field_and_the_good_ones_kept(
    generator: Stub, unique_id: str, case: str, changes: dict[str, object], field: str, reason: str,
) -> None:
    b.setup_campaign(generator, unique_id, "c0")
    owner = str(changes.pop("account_id", unique_id))
    bad = b.campaign(owner, "bad", **changes)  # type: ignore[arg-type]

    answer = _campaigns(generator, [b.campaign(unique_id, "c1"), bad, b.campaign(unique_id, "c2")])

    assert (answer.received, answer.stored) == (3, 2)
    assert [(r.position, r.id, r.field, r.reason) for r in answer.rejected] == [(1, bad.name, field, reason)]


@pytest.mark.parametrize("name", ["accounts/nobody", "accounts/nobody/campaigns/c1"])
def test_asking_for_what_was_never_ingested_answers_not_found_naming_name(generator: Stub, name: str) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        if name.count("/") == 1:
            generator.GetAccount(pb.GetAccountRequest(name=name))
        else:
            generator.GetCampaign(pb.GetCampaignRequest(name=name))

    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_details(raised.value)["field"] == "name"


def test_a_malformed_name_answers_invalid_argument_naming_name(generator: Stub) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        generator.GetCampaign(pb.GetCampaignRequest(name="campaigns/c1"))

    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(raised.value)["field"] == "name"

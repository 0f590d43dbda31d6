"""Every ingest RPC of the activity model on a real server and PostgreSQL: stores, dedupes, rejects by position."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest
import sqlalchemy as sa

from reportsuite.core.errors import error_details
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2 as pb
from tests.integration.generator import builders as b
from tests.integration.generator.records import KINDS, T0, KindCase, Stub, at, changed, given_a_world

IDS = [kind.name for kind in KINDS]


@pytest.fixture(scope="module")
def database(settings: Settings) -> Iterator[sa.Engine]:
    engine = sa.create_engine(settings.database_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_each_kind_stores_a_stream_and_stores_it_once_when_sent_again(generator: Stub, unique_id: str,
                                                                       kind: KindCase) -> None:
    given_a_world(generator, unique_id)
    records = [kind.good(unique_id, i) for i in range(25)]

    first = kind.ingest(generator, records)
    second = kind.ingest(generator, records)

    assert (first.received, first.stored, first.duplicates, list(first.rejected)) == (25, 25, 0, [])
    assert (second.received, second.stored, second.duplicates, list(second.rejected)) == (25, 0, 25, [])


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_each_kind_rejects_a_bad_record_with_its_stream_position_and_keeps_the_others(
        generator: Stub, unique_id: str, kind: KindCase) -> None:
    given_a_world(generator, unique_id)
    records = [kind.good(unique_id, i) for i in range(25)]
    change, field, reason = kind.breaks
    records[17] = changed(records[17], change)

    answer = kind.ingest(generator, records, size=10)

    assert (answer.received, answer.stored, answer.duplicates) == (25, 24, 0)
    assert [(r.position, r.id, r.field, r.reason) for r in answer.rejected] == [
        (17, kind.record_id(records[17]), field, reason)]


KIND = {kind.name: kind for kind in KINDS}
UNKNOWN = [
    # (kind, change, field named, reason)
    ("filtered contacts", {"account": "nobody"}, "account", "unknown account"),
    ("filtered contacts", {"campaign": "c9"}, "campaign", "unknown campaign"),
    ("filtered contacts", {"pass_id": "p9"}, "pass_id", "unknown pass"),
    ("filtered contacts", {"pass_id": "p2"}, "channel", "must be the pass's channel (Text)"),
    ("filtered contacts", {"status": "NOT_A_STATUS"}, "status", "unknown status"),
    ("filtered contacts", {"channel": pb.CHANNEL_EMAIL, "pass_id": ""}, "status",
     "status not valid on channel Email (DNC applies to Voice)"),
    ("Direct Connect attempts", {"sub_campaign": "s9"}, "sub_campaign", "unknown sub-campaign"),
    ("Direct Connect attempts", {"sequence": 0}, "sequence", "must be 1 or more"),
    ("agent state changes", {"account": "nobody"}, "account", "unknown account"),
    ("agent state changes", {"state": pb.AGENT_STATE_UNSPECIFIED}, "state",
     "must be Ready, Not Ready, Talking, On Hold or After Call Work"),
    ("session transfers", {"from_agent": "ghost"}, "from_agent", "unknown agent"),
    ("call recordings", {"agent_group": "g9"}, "agent_group", "unknown agent group"),
    ("contacts", {"devices": [pb.Device(address="12", device_type=pb.DEVICE_TYPE_MOBILE)]}, "devices[0].address",
     "a phone number has 7 to 15 digits"),
    ("list loads", {"contact_list": "L9"}, "contact_list", "unknown contact list"),
    ("text opt-outs", {"campaign": "", "sub_campaign": "s1"}, "campaign", "required when sub_campaign is given"),
    ("attempts", {"pass_id": "p2"}, "channel", "must be the pass's channel (Text)"),
    ("agents", {"agent_type": pb.AGENT_TYPE_UNSPECIFIED}, "agent_type", "must be Voice or Text"),
]


@pytest.mark.parametrize(("kind", "change", "field", "reason"), UNKNOWN, ids=[f"{k}: {r}" for k, _, _, r in UNKNOWN])
def test_a_record_naming_what_is_not_known_is_rejected_with_the_field_and_reason(
        generator: Stub, unique_id: str, kind: str, change: dict[str, object], field: str, reason: str) -> None:
    given_a_world(generator, unique_id)
    case = KIND[kind]
    records = [case.good(unique_id, 0), changed(case.good(unique_id, 2), change), case.good(unique_id, 4)]

    answer = case.ingest(generator, records)

    assert answer.stored == 2
    assert [(r.position, r.field, r.reason) for r in answer.rejected] == [(1, field, reason)]


def test_a_batch_over_ten_thousand_records_ends_the_stream_naming_the_batch_field(generator: Stub) -> None:
    case = KIND["text opt-outs"]
    too_many = [case.good("x", 0)] * 10_001

    with pytest.raises(grpc.RpcError) as raised:
        case.ingest(generator, too_many, size=10_001)

    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(raised.value) == {"field": "text_opt_outs", "rule": "at most 10000 records a batch"}


def test_ingesting_a_contact_again_replaces_its_devices(generator: Stub, unique_id: str,
                                                        database: sa.Engine) -> None:
    given_a_world(generator, unique_id)
    case = KIND["contacts"]
    first = case.good(unique_id, 1)
    moved = changed(first, {"devices": [pb.Device(address="+1 (508) 555-0123", device_type=pb.DEVICE_TYPE_MOBILE,
                                                  wireless=True)]})

    case.ingest(generator, [first])
    answer = case.ingest(generator, [moved])

    assert (answer.stored, answer.duplicates) == (1, 0)
    with database.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT device, device_key, device_type, wireless, position FROM generator.contact_devices "
            "WHERE account = :a AND client_id = 'C1'"), {"a": unique_id}).all()
    assert [tuple(row) for row in rows] == [("+1 (508) 555-0123", "5085550123", "Mobile", True, 1)]


def test_an_agent_sent_with_other_groups_is_stored_as_changed(generator: Stub, unique_id: str,
                                                               database: sa.Engine) -> None:
    given_a_world(generator, unique_id)
    generator.IngestAgentGroups(iter([pb.IngestAgentGroupsRequest(agent_groups=[
        pb.AgentGroup(name=f"accounts/{unique_id}/agentGroups/g2", display_name="Sales")])]))
    agent = pb.Agent(name=f"accounts/{unique_id}/agents/ag1", display_name="AG1", agent_type=pb.AGENT_TYPE_VOICE,
                     agent_groups=["g2"])

    answer = KIND["agents"].ingest(generator, [agent, agent])

    assert (answer.stored, answer.duplicates) == (1, 1)
    with database.connect() as connection:
        groups = connection.execute(sa.text("SELECT group_id FROM generator.agent_group_members "
                                            "WHERE account = :a AND agent_id = 'ag1'"), {"a": unique_id}).scalars()
        assert list(groups) == ["g2"]


def test_an_attempt_keeps_its_pass_device_type_and_response_group_answers(generator: Stub, unique_id: str,
                                                                          database: sa.Engine) -> None:
    given_a_world(generator, unique_id)
    attempt = b.attempt(f"{unique_id}-r1", unique_id, "c1", start=T0, complete=T0)
    attempt.pass_id, attempt.device_type = "p1", pb.DEVICE_TYPE_WORK
    attempt.responses.update({"Confirm payment": "Yes", "Callback time": "after 5pm"})

    assert b.ingest_attempts(generator, [attempt]).stored == 1
    with database.connect() as connection:
        row = connection.execute(sa.text("SELECT pass_id, device_type, responses FROM generator.attempts "
                                         "WHERE attempt_id = :i"), {"i": attempt.attempt_id}).one()
    assert tuple(row) == ("p1", "Work", {"Confirm payment": "Yes", "Callback time": "after 5pm"})


def test_get_campaign_returns_each_sub_campaigns_passes_in_order(generator: Stub, unique_id: str) -> None:
    given_a_world(generator, unique_id)

    found = generator.GetCampaign(pb.GetCampaignRequest(name=f"accounts/{unique_id}/campaigns/c1")).campaign

    assert [(p.id, p.channel, p.pass_type) for p in found.sub_campaigns[0].passes] == [
        ("p1", pb.CHANNEL_VOICE, pb.PASS_TYPE_PREDICTIVE), ("p2", pb.CHANNEL_TEXT, pb.PASS_TYPE_STANDARD)]


def test_a_dialer_pass_on_the_text_channel_is_rejected(generator: Stub, unique_id: str) -> None:
    given_a_world(generator, unique_id)
    bad = pb.Campaign(name=f"accounts/{unique_id}/campaigns/c2", display_name="Bad", start_time=at(0),
                      sub_campaigns=[pb.SubCampaign(id="s1", display_name="S", passes=[
                          pb.Pass(id="p1", display_name="P", channel=pb.CHANNEL_TEXT,
                                  pass_type=pb.PASS_TYPE_PREVIEW)])])

    answer = generator.IngestCampaigns(iter([pb.IngestCampaignsRequest(campaigns=[bad])]))

    assert [(r.field, r.reason) for r in answer.rejected] == [
        ("sub_campaigns[0].passes[0].pass_type", "dialer passes (Preview, Predictive) are voice passes")]


def test_an_account_names_its_enterprise_which_exists_from_then_on(generator: Stub, unique_id: str,
                                                                   database: sa.Engine) -> None:
    given_a_world(generator, unique_id, enterprise=f"{unique_id}-ent")

    with database.connect() as connection:
        names = connection.execute(sa.text("SELECT display_name FROM generator.enterprises WHERE id = :e"),
                                   {"e": f"{unique_id}-ent"}).scalars()
        assert list(names) == [f"{unique_id}-ent"]
    renamed = generator.IngestEnterprises(iter([pb.IngestEnterprisesRequest(enterprises=[
        pb.Enterprise(name=f"enterprises/{unique_id}-ent", display_name="Acme Group")])]))
    assert (renamed.stored, renamed.duplicates) == (1, 0)

"""The activity records of the ingest-kind and trace tests: a small world and good records of each kind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from google.protobuf.message import Message

from reportsuite.core.timestamps import to_proto
from reportsuite.generator.v1 import generator_pb2 as pb
from reportsuite.generator.v1 import generator_pb2_grpc
from tests.integration.generator import builders as b

T0 = datetime(2024, 5, 6, 14, 0, tzinfo=UTC)
Stub = generator_pb2_grpc.GeneratorServiceStub


def at(minutes: float) -> Any:
    return to_proto(T0 + timedelta(minutes=minutes))


def given_a_world(stub: Stub, account: str, *, enterprise: str = "ent1", campaigns: Sequence[str] = ("c1",)) -> None:
    """An account with campaigns (sub-campaign s1: voice pass p1, text pass p2), list L1, group g1, agents ag1, ag2."""
    answer = stub.IngestAccounts(iter([pb.IngestAccountsRequest(accounts=[b.account(account, enterprise=enterprise)])]))
    assert answer.stored + answer.duplicates == 1, answer
    passes = [pb.Pass(id="p1", display_name="Calls", channel=pb.CHANNEL_VOICE, pass_type=pb.PASS_TYPE_PREDICTIVE),
              pb.Pass(id="p2", display_name="Texts", channel=pb.CHANNEL_TEXT, pass_type=pb.PASS_TYPE_STANDARD)]
    made = [pb.Campaign(name=f"accounts/{account}/campaigns/{c}", display_name=f"Campaign {c}",
                        start_time=to_proto(b.CAMPAIGN_START),
                        sub_campaigns=[pb.SubCampaign(id="s1", display_name="Wave One", contact_list="L1",
                                                      passes=passes)]) for c in campaigns]
    _ok(stub.IngestCampaigns(iter([pb.IngestCampaignsRequest(campaigns=made)])))
    _ok(stub.IngestContactLists(iter([pb.IngestContactListsRequest(contact_lists=[
        pb.ContactList(name=f"accounts/{account}/contactLists/L1", display_name="Renewals")])])))
    _ok(stub.IngestAgentGroups(iter([pb.IngestAgentGroupsRequest(agent_groups=[
        pb.AgentGroup(name=f"accounts/{account}/agentGroups/g1", display_name="Collections")])])))
    _ok(stub.IngestAgents(iter([pb.IngestAgentsRequest(agents=[
        pb.Agent(name=f"accounts/{account}/agents/{agent}", display_name=agent.upper(),
                 agent_type=pb.AGENT_TYPE_VOICE, agent_groups=["g1"]) for agent in ("ag1", "ag2")])])))


def _ok(answer: Any) -> None:
    assert not answer.rejected, answer


@dataclass(frozen=True)
class KindCase:
    """One ingest RPC and how to make a good record of it (the i-th of a test)."""

    name: str
    rpc: str
    request: type[Message]
    field: str
    good: Callable[[str, int], Message]
    record_id: Callable[[Message], str]
    # A change that breaks one rule, the field the rejection names and its reason.
    breaks: tuple[dict[str, Any], str, str]

    def ingest(self, stub: Stub, records: Sequence[Message], size: int = 10) -> Any:
        requests = [self.request(**{self.field: records[i:i + size]}) for i in range(0, len(records), size)]
        return getattr(stub, self.rpc)(iter(requests), timeout=30)


def _attempt(a: str, i: int) -> Message:
    return b.attempt(f"{a}-att-{i}", a, "c1", client=f"C{i}", start=T0 + timedelta(minutes=i),
                     complete=T0 + timedelta(minutes=i, seconds=40))


KINDS: list[KindCase] = [
    KindCase("enterprises", "IngestEnterprises", pb.IngestEnterprisesRequest, "enterprises",
             lambda a, i: pb.Enterprise(name=f"enterprises/{a}-e{i}", display_name=f"Enterprise {i}"),
             lambda m: m.name, ({"display_name": ""}, "display_name", "required")),
    KindCase("contact lists", "IngestContactLists", pb.IngestContactListsRequest, "contact_lists",
             lambda a, i: pb.ContactList(name=f"accounts/{a}/contactLists/l{i}", display_name=f"List {i}"),
             lambda m: m.name, ({"name": "accounts/nobody/contactLists/x"}, "name", "unknown account")),
    KindCase("list loads", "IngestListLoads", pb.IngestListLoadsRequest, "list_loads",
             lambda a, i: pb.ListLoad(id=f"{a}-load-{i}", account=a, contact_list="L1",
                                      original_list_name=f"renewals_{i}.csv", start_time=at(i), end_time=at(i + 2),
                                      total_records=1000, rejected_records=i),
             lambda m: m.id, ({"rejected_records": 5000}, "rejected_records", "must not exceed total_records")),
    KindCase("contacts", "IngestContacts", pb.IngestContactsRequest, "contacts",
             lambda a, i: pb.Contact(account=a, client_id=f"C{i}", contact_list="L1", first_name="Pat",
                                     devices=[pb.Device(address=f"617555{i:04d}", device_type=pb.DEVICE_TYPE_HOME),
                                              pb.Device(address=f"pat{i}@example.com",
                                                        device_type=pb.DEVICE_TYPE_EMAIL)]),
             lambda m: m.client_id, ({"contact_list": "nolist"}, "contact_list", "unknown contact list")),
    KindCase("filtered contacts", "IngestFilteredContacts", pb.IngestFilteredContactsRequest, "filtered_contacts",
             lambda a, i: pb.FilteredContact(id=f"{a}-f-{i}", account=a, campaign="c1", sub_campaign="s1",
                                             pass_id="p1", client_id=f"C{i}", channel=pb.CHANNEL_VOICE,
                                             device=f"617555{i:04d}", status="DNC", filter_time=at(i)),
             lambda m: m.id, ({"status": "DELIVEREDPERSON"}, "status",
                              "a filter status is a completion status of rank 1 or 2, such as DNC")),
    KindCase("Direct Connect attempts", "IngestDirectConnectAttempts", pb.IngestDirectConnectAttemptsRequest,
             "direct_connect_attempts",
             lambda a, i: pb.DirectConnectAttempt(attempt_id=f"{a}-call-{i // 2}", sequence=i % 2 + 1, account=a,
                                                  campaign="c1", sub_campaign="s1", client_id=f"C{i // 2}",
                                                  dc_number="8005550199", status="DC_CALL_CENTER_BUSY",
                                                  start_time=at(i), complete_time=at(i + 0.5), ring_seconds=3),
             lambda m: f"{m.attempt_id}/{m.sequence}",
             ({"status": "BUSY"}, "status", "must be a Direct Connect status, such as DC_SUCCESS")),
    KindCase("agent groups", "IngestAgentGroups", pb.IngestAgentGroupsRequest, "agent_groups",
             lambda a, i: pb.AgentGroup(name=f"accounts/{a}/agentGroups/grp{i}", display_name=f"Group {i}"),
             lambda m: m.name, ({"name": "agentGroups/x"}, "name",
                                "must have the form accounts/{account}/agentGroups/{agent_group}")),
    KindCase("agents", "IngestAgents", pb.IngestAgentsRequest, "agents",
             lambda a, i: pb.Agent(name=f"accounts/{a}/agents/x{i}", display_name=f"Agent {i}",
                                   agent_type=pb.AGENT_TYPE_TEXT, agent_groups=["g1"]),
             lambda m: m.name, ({"agent_groups": ["g1", "g9"]}, "agent_groups[1]", "unknown agent group")),
    KindCase("agent state changes", "IngestAgentStateChanges", pb.IngestAgentStateChangesRequest,
             "agent_state_changes",
             lambda a, i: pb.AgentStateChange(id=f"{a}-st-{i}", account=a, agent_id="ag1", agent_group="g1",
                                              state=pb.AGENT_STATE_TALKING, start_time=at(i), duration_seconds=60),
             lambda m: m.id, ({"agent_id": "ghost"}, "agent_id", "unknown agent")),
    KindCase("agent actions", "IngestAgentActions", pb.IngestAgentActionsRequest, "agent_actions",
             lambda a, i: pb.AgentAction(id=f"{a}-act-{i}", account=a, agent_id="ag1", action="Skip Contact",
                                         action_time=at(i), detail="preview pass", campaign="c1"),
             lambda m: m.id, ({"campaign": "c404"}, "campaign", "unknown campaign")),
    KindCase("call recordings", "IngestCallRecordings", pb.IngestCallRecordingsRequest, "call_recordings",
             lambda a, i: pb.CallRecording(id=f"{a}-rec-{i}", account=a, campaign="c1", sub_campaign="s1",
                                           attempt_id=f"{a}-att-{i}", client_id=f"C{i}", agent_id="ag2",
                                           agent_group="g1", disposition_code="PROMISE_TO_PAY", start_time=at(i),
                                           duration_seconds=95, url=f"https://recordings.example.com/{i}.wav"),
             lambda m: m.id, ({"url": "ftp://x/y.wav"}, "url", "must be an http or https URL")),
    KindCase("session transfers", "IngestSessionTransfers", pb.IngestSessionTransfersRequest, "session_transfers",
             lambda a, i: pb.SessionTransfer(id=f"{a}-tr-{i}", account=a, campaign="c1", sub_campaign="s1",
                                             attempt_id=f"{a}-att-{i}", transfer_type=pb.TRANSFER_TYPE_WARM,
                                             from_agent="ag1", to_agent="ag2", transfer_time=at(i), talk_seconds=40),
             lambda m: m.id, ({"to_agent": "ghost"}, "to_agent", "unknown agent")),
    KindCase("text opt-outs", "IngestTextOptOuts", pb.IngestTextOptOutsRequest, "text_opt_outs",
             lambda a, i: pb.TextOptOut(id=f"{a}-oo-{i}", account=a, campaign="c1", sub_campaign="s1",
                                        client_id=f"C{i}", device=f"617555{i:04d}", opt_out_time=at(i),
                                        keyword="STOP", message="STOP please"),
             lambda m: m.id, ({"keyword": ""}, "keyword", "required")),
    KindCase("attempts", "IngestAttempts", pb.IngestAttemptsRequest, "attempts", _attempt, lambda m: m.attempt_id,
             ({"channel": pb.CHANNEL_UNSPECIFIED}, "channel", "must be Voice, Text, Email or Web")),
]


def changed(message: Message, changes: dict[str, Any]) -> Message:
    """A copy of message with fields replaced (repeated fields replaced whole)."""
    copy = type(message)()
    copy.CopyFrom(message)
    for name, value in changes.items():
        if isinstance(value, list):
            del getattr(copy, name)[:]
            getattr(copy, name).extend(value)
        else:
            setattr(copy, name, value)
    return copy

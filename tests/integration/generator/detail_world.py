"""The hand-worked activity of the Detail report tests, ingested through the Ingest RPCs.

An enterprise of two accounts. Account A (reports time zone UTC, so the times below are the times
the files show) runs the reports; account B (Asia/Tokyo) is read only at enterprise level. The
window is report day 1 March 2024: [2024-03-01 00:00Z, 2024-03-02 00:00Z).

Account A, campaign c1 "Spring" (sub-campaigns s1 "Wave One" with passes p1 Calls (voice) and p2
Texts (text), s2 "Wave Two"), campaign c2 "Autumn" (s3 "Autumn One"):

| id | campaign/sub | ClientID | status (rank) | start-complete | notes |
|---|---|---|---|---|---|
| a1 | c1/s1 | C1 | NOANSWER (4) | 09:00-09:01 | |
| a2 | c1/s1 | C1 | DELIVEREDMACHINE (7) | 10:00-10:01 | C1's best in c1: rank beats the later a3 |
| a3 | c1/s2 | C1 | BUSY (4) | 11:00-11:01 | C1's best in s2 (its only attempt there) |
| b1 | c1/s1 | C2 | BUSY (4) | 09:10-09:11 | |
| b2 | c1/s1 | C2 | NOANSWER (4) | 12:00-12:01 | equal rank: the most recent, b2, is best |
| c1 | c1/s2 | C3 | TEXT_MSG_SENT (8) | 13:00:00-13:00:05 | equal rank with c2, more recent: best in c1 |
| c2 | c1/s1 | C3 | DELIVEREDPERSON (8) | 08:00-08:05 | two Direct Connect attempts: BUSY, then SUCCESS |
| xo | c1/s1 | C1 | INBOUND_IVR_COMPLETED (9) | 23:59-00:00 (2 Mar) | completes at the window's end: outside |
| d1 | c2/s3 | C4 | DELIVEREDPERSON (8) | 14:00-14:02 | one Direct Connect attempt |
| d2 | c2/s3 | C1 | NOANSWER (4) | 15:00-15:01 | C1 in a second campaign |

Filtered from c1: f1 C5 (s1, pass p1, DNC, 07:00), f2 C1 (s2, CHANNEL_TYPE_INCOMPATIBLE, 07:30),
fo C6 (s1, BLOCKED, 2 March 00:00: outside). Text opt-outs: o1 (c1/s2, C3, 13:01), o2 (c1, no
ClientID or sub-campaign, 14:00), o3 (c2, 15:30), o4 (no campaign, 16:00). List loads: l1 (L1,
06:00-06:02:30), lo (ends 2 March 00:00: outside). Agent actions: Login 08:00, Skip Contact 09:00
(c1), Logout 17:00. Account B: campaign bc "Tokyo Calls" (s1 "Tokyo One"): k1 DELIVEREDPERSON
with one Direct Connect attempt; list load l3; an agent Login.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from reportsuite.core.timestamps import to_proto
from reportsuite.generator.v1 import generator_pb2 as pb
from reportsuite.generator.v1 import generator_pb2_grpc

Stub = generator_pb2_grpc.GeneratorServiceStub
WINDOW_START = datetime(2024, 3, 1, tzinfo=UTC)
WINDOW_END = datetime(2024, 3, 2, tzinfo=UTC)
DC_NUMBER = "8005550199"


def t(hour: int, minute: int = 0, second: int = 0, day: int = 1) -> Any:
    return to_proto(datetime(2024, 3, day, hour, minute, second, tzinfo=UTC))


@dataclass(frozen=True)
class World:
    """The ids of one test's world: every record id starts with the account id."""

    a: str
    b: str
    enterprise: str


def _ok(answer: Any, expected: int) -> None:
    assert (answer.stored, list(answer.rejected)) == (expected, []), answer


def _accounts(stub: Stub, world: World) -> None:
    _ok(stub.IngestEnterprises(iter([pb.IngestEnterprisesRequest(enterprises=[
        pb.Enterprise(name=f"enterprises/{world.enterprise}", display_name="Acme Group")])])), 1)
    _ok(stub.IngestAccounts(iter([pb.IngestAccountsRequest(accounts=[
        pb.Account(name=f"accounts/{world.a}", display_name="Acme East", enterprise=world.enterprise,
                   reports_time_zone="UTC"),
        pb.Account(name=f"accounts/{world.b}", display_name="Acme Tokyo", enterprise=world.enterprise,
                   reports_time_zone="Asia/Tokyo")])])), 2)
    passes = [pb.Pass(id="p1", display_name="Calls", channel=pb.CHANNEL_VOICE, pass_type=pb.PASS_TYPE_STANDARD),
              pb.Pass(id="p2", display_name="Texts", channel=pb.CHANNEL_TEXT, pass_type=pb.PASS_TYPE_STANDARD)]
    campaigns = [
        pb.Campaign(name=f"accounts/{world.a}/campaigns/c1", display_name="Spring", start_time=t(0, day=1),
                    sub_campaigns=[pb.SubCampaign(id="s1", display_name="Wave One", contact_list="L1", passes=passes),
                                   pb.SubCampaign(id="s2", display_name="Wave Two", contact_list="L1")]),
        pb.Campaign(name=f"accounts/{world.a}/campaigns/c2", display_name="Autumn", start_time=t(0, day=1),
                    sub_campaigns=[pb.SubCampaign(id="s3", display_name="Autumn One", contact_list="L2")]),
        pb.Campaign(name=f"accounts/{world.b}/campaigns/bc", display_name="Tokyo Calls", start_time=t(0, day=1),
                    sub_campaigns=[pb.SubCampaign(id="s1", display_name="Tokyo One", contact_list="LB")]),
    ]
    _ok(stub.IngestCampaigns(iter([pb.IngestCampaignsRequest(campaigns=campaigns)])), 3)
    lists = [pb.ContactList(name=f"accounts/{world.a}/contactLists/L1", display_name="Spring List"),
             pb.ContactList(name=f"accounts/{world.b}/contactLists/LB", display_name="Tokyo List")]
    _ok(stub.IngestContactLists(iter([pb.IngestContactListsRequest(contact_lists=lists)])), 2)
    agents = [pb.Agent(name=f"accounts/{world.a}/agents/ag1", display_name="Pat Agent", agent_type=pb.AGENT_TYPE_VOICE),
              pb.Agent(name=f"accounts/{world.a}/agents/ag2", display_name="Sam Texter", agent_type=pb.AGENT_TYPE_TEXT),
              pb.Agent(name=f"accounts/{world.b}/agents/kb1", display_name="Kei", agent_type=pb.AGENT_TYPE_VOICE)]
    _ok(stub.IngestAgents(iter([pb.IngestAgentsRequest(agents=agents)])), 3)


def attempt(world: World, key: str, campaign: str, sub: str, client: str, status: str, start: Any, complete: Any,
            *, channel: pb.Channel = pb.CHANNEL_VOICE, account: str = "", **fields: Any) -> pb.Attempt:
    owner = account or world.a
    renamed = {"ring": "ring_seconds", "talk": "talk_seconds", "message": "message_content"}
    extra = {renamed.get(name, name): value for name, value in fields.items() if name != "device"}
    return pb.Attempt(attempt_id=f"{owner}-{key}", account=owner, campaign=campaign, sub_campaign=sub,
                      client_id=client, channel=channel, device=fields.get("device", "6175550100"), status=status,
                      start_time=start, complete_time=complete, **extra)


def attempts(world: World) -> list[pb.Attempt]:
    a = world
    return [
        attempt(a, "a1", "c1", "s1", "C1", "NOANSWER", t(9), t(9, 1), ring=55, pass_id="p1",
                device_type=pb.DEVICE_TYPE_HOME),
        attempt(a, "a2", "c1", "s1", "C1", "DELIVEREDMACHINE", t(10), t(10, 1), ring=12, talk=30, pass_id="p1",
                device_type=pb.DEVICE_TYPE_HOME),
        attempt(a, "a3", "c1", "s2", "C1", "BUSY", t(11), t(11, 1), device="6175550111"),
        attempt(a, "b1", "c1", "s1", "C2", "BUSY", t(9, 10), t(9, 11), device="6175550102"),
        attempt(a, "b2", "c1", "s1", "C2", "NOANSWER", t(12), t(12, 1), device="6175550102"),
        attempt(a, "c1", "c1", "s2", "C3", "TEXT_MSG_SENT", t(13), t(13, 0, 5), channel=pb.CHANNEL_TEXT,
                device="6175550103", message="Your payment is due"),
        attempt(a, "c2", "c1", "s1", "C3", "DELIVEREDPERSON", t(8), t(8, 5), device="6175550103", ring=6, talk=240,
                pass_id="p1", device_type=pb.DEVICE_TYPE_MOBILE, responses={"Pay now": "Yes"}),
        attempt(a, "xo", "c1", "s1", "C1", "INBOUND_IVR_COMPLETED", t(23, 59), t(0, day=2)),
        attempt(a, "d1", "c2", "s3", "C4", "DELIVEREDPERSON", t(14), t(14, 2), device="6175550104", talk=100),
        attempt(a, "d2", "c2", "s3", "C1", "NOANSWER", t(15), t(15, 1)),
        attempt(a, "k1", "bc", "s1", "K1", "DELIVEREDPERSON", t(3), t(3, 10), device="81312345678", talk=500,
                account=world.b),
    ]


def _dc(owner: str, key: str, sequence: int, campaign: str, client: str, status: str, start: Any, complete: Any,
        ring: int, hold: int = 0, talk: int = 0) -> pb.DirectConnectAttempt:
    return pb.DirectConnectAttempt(
        attempt_id=f"{owner}-{key}", sequence=sequence, account=owner, campaign=campaign,
        sub_campaign="s3" if campaign == "c2" else "s1",
        client_id=client, dc_number=DC_NUMBER, status=status, start_time=start, complete_time=complete,
        ring_seconds=ring, hold_seconds=hold, talk_seconds=talk)


def direct_connects(world: World) -> list[pb.DirectConnectAttempt]:
    a, b = world.a, world.b
    return [
        _dc(a, "c2", 1, "c1", "C3", "DC_CALL_CENTER_BUSY", t(8, 1), t(8, 1, 30), ring=30),
        _dc(a, "c2", 2, "c1", "C3", "DC_SUCCESS", t(8, 2), t(8, 4), ring=5, hold=10, talk=100),
        _dc(a, "d1", 1, "c2", "C4", "DC_SUCCESS", t(14, 1), t(14, 2), ring=4, talk=50),
        _dc(b, "k1", 1, "bc", "K1", "DC_SUCCESS", t(3, 1), t(3, 9), ring=3, hold=20, talk=400),
    ]


def filtered(world: World) -> list[pb.FilteredContact]:
    a = world.a
    return [
        pb.FilteredContact(id=f"{a}-f1", account=a, campaign="c1", sub_campaign="s1", pass_id="p1", client_id="C5",
                           channel=pb.CHANNEL_VOICE, device="6175550105", status="DNC", filter_time=t(7)),
        pb.FilteredContact(id=f"{a}-f2", account=a, campaign="c1", sub_campaign="s2", client_id="C1",
                           channel=pb.CHANNEL_TEXT, status="CHANNEL_TYPE_INCOMPATIBLE", filter_time=t(7, 30)),
        pb.FilteredContact(id=f"{a}-fo", account=a, campaign="c1", sub_campaign="s1", client_id="C6",
                           channel=pb.CHANNEL_VOICE, status="BLOCKED", filter_time=t(0, day=2)),
    ]


def opt_outs(world: World) -> list[pb.TextOptOut]:
    a = world.a
    return [
        pb.TextOptOut(id=f"{a}-o1", account=a, campaign="c1", sub_campaign="s2", client_id="C3",
                      device="6175550103", opt_out_time=t(13, 1), keyword="STOP", message="STOP"),
        pb.TextOptOut(id=f"{a}-o2", account=a, campaign="c1", device="6175550109", opt_out_time=t(14),
                      keyword="UNSUBSCRIBE", message="Unsubscribe me, please"),
        pb.TextOptOut(id=f"{a}-o3", account=a, campaign="c2", sub_campaign="s3", client_id="C4",
                      device="6175550104", opt_out_time=t(15, 30), keyword="QUIT", message="quit"),
        pb.TextOptOut(id=f"{a}-o4", account=a, device="6175550199", opt_out_time=t(16), keyword="STOP",
                      message="STOP"),
    ]


def list_loads(world: World) -> list[pb.ListLoad]:
    a, b = world.a, world.b
    return [
        pb.ListLoad(id=f"{a}-l1", account=a, contact_list="L1", original_list_name="spring_march.csv",
                    start_time=t(6), end_time=t(6, 2, 30), total_records=1000, rejected_records=12),
        pb.ListLoad(id=f"{a}-lo", account=a, contact_list="L1", original_list_name="late.csv",
                    start_time=t(23, 58), end_time=t(0, day=2), total_records=10, rejected_records=0),
        pb.ListLoad(id=f"{b}-l3", account=b, contact_list="LB", original_list_name="tokyo.txt",
                    start_time=t(1), end_time=t(1, 0, 45), total_records=500, rejected_records=0),
    ]


def agent_actions(world: World) -> list[pb.AgentAction]:
    a, b = world.a, world.b
    return [
        pb.AgentAction(id=f"{a}-g1", account=a, agent_id="ag1", action="Login", action_time=t(8)),
        pb.AgentAction(id=f"{a}-g2", account=a, agent_id="ag1", action="Skip Contact", action_time=t(9),
                       detail="preview pass", campaign="c1"),
        pb.AgentAction(id=f"{a}-g3", account=a, agent_id="ag2", action="Logout", action_time=t(17)),
        pb.AgentAction(id=f"{b}-g4", account=b, agent_id="kb1", action="Login", action_time=t(2)),
    ]


def given_the_world(stub: Stub, world: World) -> None:
    """Ingests everything above through the Ingest RPCs, checking every record was stored."""
    _accounts(stub, world)
    records = attempts(world) + dialer_contacts(world)
    _ok(stub.IngestAttempts(iter([pb.IngestAttemptsRequest(attempts=records)])), len(records))
    dcs = direct_connects(world)
    _ok(stub.IngestDirectConnectAttempts(iter([pb.IngestDirectConnectAttemptsRequest(
        direct_connect_attempts=dcs)])), len(dcs))
    _ok(stub.IngestFilteredContacts(iter([pb.IngestFilteredContactsRequest(
        filtered_contacts=filtered(world))])), 3)
    _ok(stub.IngestTextOptOuts(iter([pb.IngestTextOptOutsRequest(text_opt_outs=opt_outs(world))])), 4)
    _ok(stub.IngestListLoads(iter([pb.IngestListLoadsRequest(list_loads=list_loads(world))])), 3)
    _ok(stub.IngestAgentActions(iter([pb.IngestAgentActionsRequest(agent_actions=agent_actions(world))])), 4)


def dialer_contacts(world: World) -> list[pb.Attempt]:
    """Account B, campaign bc: K13 attempted 13 times (every half hour from 00:00), K3 three times,
    K1's one attempt is k1 above."""
    records = []
    for n in range(1, 14):
        start = datetime(2024, 3, 1, tzinfo=UTC) + timedelta(minutes=30 * (n - 1))
        status = "DELIVEREDMACHINE" if n == 13 else ("NOANSWER" if n % 2 else "BUSY")
        records.append(attempt(world, f"m{n:02d}", "bc", "s1", "K13", status, to_proto(start),
                               to_proto(start + timedelta(minutes=1)), account=world.b, device=f"8131234{n:04d}"))
    for n, (hour, status) in enumerate([(4, "BUSY"), (5, "NOANSWER"), (6, "DELIVEREDPERSON")], start=1):
        records.append(attempt(world, f"r{n}", "bc", "s1", "K3", status, t(hour), t(hour, 1), account=world.b,
                               device="81399990000"))
    return records

"""The hand-worked activity of the generation tests, and jobs to run over it.

Account zone America/New_York (EST, UTC-5, in March 2024 before the change). Window: 1 March
2024 local, i.e. [2024-03-01 05:00Z, 2024-03-02 05:00Z). Best Contact, worked by hand:

- C1: a2 DELIVEREDPERSON (8) beats the later a4 NOANSWER (4) and a9 NOANSWER (4): rank beats
  recency. x-end INBOUND_IVR_COMPLETED (9) completes exactly at the window's end: next run.
- C2: a3 BUSY (4) and a5 NOANSWER (4) tie on rank: the most recent, a5, is best.
- C5: a7 BUSY and a8 NOANSWER (both 4) complete at the same second: the later start, a8, wins.
- C4: a1 started before the window but completes at its start: in the window.
- At sub-campaign level (s2 only), C1's best is a9, its only attempt there.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.timestamps import to_proto
from reportsuite.generator.v1 import generator_pb2 as pb
from reportsuite.generator.v1 import generator_pb2_grpc
from reportsuite.scheduler.v1 import scheduler_pb2
from tests.integration.generator import builders as b

WINDOW_START = datetime(2024, 3, 1, 5, 0, tzinfo=UTC)
WINDOW_END = datetime(2024, 3, 2, 5, 0, tzinfo=UTC)
JOB_CREATED = datetime(2024, 3, 2, 5, 0, 10, tzinfo=UTC)
CAMPAIGN_START = datetime(2024, 2, 1, 14, 0, tzinfo=UTC)
CAMPAIGN_END = datetime(2024, 4, 1, 14, 0, tzinfo=UTC)
TEXT_REPLY = 'Yes, call me\n"tomorrow"'

HEADER = ("ClientID,AttemptID,Campaign,SubCampaign,Channel,Device,Status,Rank,StartTime,CompleteTime,"
          "RingSeconds,TalkSeconds,MessageContent,BestContact,DCNumber,DCStatus,Responses")


def _at(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, second, tzinfo=UTC)


def given_the_hand_worked_activity(stub: generator_pb2_grpc.GeneratorServiceStub, account_id: str) -> None:
    """Ingests the account, campaigns c1 (subs s1, s2) and c2, and the attempts above."""
    b.setup_campaign(stub, account_id, "c1", start=CAMPAIGN_START, end=CAMPAIGN_END,
                     subs=[("s1", "Wave One", "list-a"), ("s2", "Wave Two", "list-a")])
    other = b.campaign(account_id, "c2", display_name="Other", subs=[("s1", "Other One", "list-b")])
    assert stub.IngestCampaigns(iter([pb.IngestCampaignsRequest(campaigns=[other])])).stored == 1
    p, a = account_id, account_id
    records = [
        b.attempt(f"{p}-x-before", a, "c1", client="C1", start=_at(1, 4, 0), complete=_at(1, 4, 59, 59)),
        b.attempt(f"{p}-a1", a, "c1", client="C4", status="DELIVEREDMACHINE", start=_at(1, 4, 50),
                  complete=_at(1, 5, 0)),
        b.attempt(f"{p}-a2", a, "c1", client="C1", start=_at(1, 10, 0), complete=_at(1, 10, 1), ring=10, talk=45),
        b.attempt(f"{p}-a3", a, "c1", client="C2", status="BUSY", start=_at(1, 10, 30), complete=_at(1, 10, 31)),
        b.attempt(f"{p}-a4", a, "c1", client="C1", status="NOANSWER", start=_at(1, 12, 0), complete=_at(1, 12, 1),
                  ring=55),
        b.attempt(f"{p}-a5", a, "c1", client="C2", status="NOANSWER", start=_at(1, 13, 0), complete=_at(1, 13, 1)),
        b.attempt(f"{p}-a6", a, "c1", sub="s2", client="C3", channel=b.TEXT, status="TEXT_MSG_RECEIVED",
                  start=_at(1, 13, 30), complete=_at(1, 13, 30, 5), message=TEXT_REPLY),
        b.attempt(f"{p}-a7", a, "c1", sub="s2", client="C5", status="BUSY", start=_at(1, 14, 0),
                  complete=_at(1, 14, 5)),
        b.attempt(f"{p}-a8", a, "c1", sub="s2", client="C5", status="NOANSWER", start=_at(1, 14, 2),
                  complete=_at(1, 14, 5)),
        b.attempt(f"{p}-a9", a, "c1", sub="s2", client="C1", status="NOANSWER", start=_at(1, 15, 0),
                  complete=_at(1, 15, 1)),
        b.attempt(f"{p}-b1", a, "c1", client="C6", channel=b.EMAIL, status="BOUNCEDEMAIL_GENERAL",
                  device="pat@example.com", start=_at(1, 16, 0), complete=_at(1, 16, 0, 1)),
        b.attempt(f"{p}-x-end", a, "c1", client="C1", status="INBOUND_IVR_COMPLETED", start=_at(2, 4, 59),
                  complete=_at(2, 5, 0)),
        b.attempt(f"{p}-x-other", a, "c2", client="C1", start=_at(1, 11, 0), complete=_at(1, 11, 1)),
    ]
    answer = b.ingest_attempts(stub, records)
    assert (answer.stored, len(answer.rejected)) == (len(records), 0), answer


def expected_campaign_csv(p: str) -> str:
    """The All Attempts file at campaign level, worked by hand."""
    rows = [
        HEADER,
        f"C4,{p}-a1,Spring Reminders,Wave One,Voice,6175550100,DELIVEREDMACHINE,7,"
        "2024-02-29 23:50:00,2024-03-01 00:00:00,0,0,,1,,,",
        f"C1,{p}-a2,Spring Reminders,Wave One,Voice,6175550100,DELIVEREDPERSON,8,"
        "2024-03-01 05:00:00,2024-03-01 05:01:00,10,45,,1,,,",
        f"C2,{p}-a3,Spring Reminders,Wave One,Voice,6175550100,BUSY,4,"
        "2024-03-01 05:30:00,2024-03-01 05:31:00,0,0,,0,,,",
        f"C1,{p}-a4,Spring Reminders,Wave One,Voice,6175550100,NOANSWER,4,"
        "2024-03-01 07:00:00,2024-03-01 07:01:00,55,0,,0,,,",
        f"C2,{p}-a5,Spring Reminders,Wave One,Voice,6175550100,NOANSWER,4,"
        "2024-03-01 08:00:00,2024-03-01 08:01:00,0,0,,1,,,",
        f"C3,{p}-a6,Spring Reminders,Wave Two,Text,6175550100,TEXT_MSG_RECEIVED,8,"
        '2024-03-01 08:30:00,2024-03-01 08:30:05,0,0,"Yes, call me\n""tomorrow""",1,,,',
        f"C5,{p}-a7,Spring Reminders,Wave Two,Voice,6175550100,BUSY,4,"
        "2024-03-01 09:00:00,2024-03-01 09:05:00,0,0,,0,,,",
        f"C5,{p}-a8,Spring Reminders,Wave Two,Voice,6175550100,NOANSWER,4,"
        "2024-03-01 09:02:00,2024-03-01 09:05:00,0,0,,1,,,",
        f"C1,{p}-a9,Spring Reminders,Wave Two,Voice,6175550100,NOANSWER,4,"
        "2024-03-01 10:00:00,2024-03-01 10:01:00,0,0,,0,,,",
        f"C6,{p}-b1,Spring Reminders,Wave One,Email,pat@example.com,BOUNCEDEMAIL_GENERAL,8,"
        "2024-03-01 11:00:00,2024-03-01 11:00:01,0,0,,1,,,",
    ]
    return "\n".join(rows) + "\n"


def expected_sub_campaign_csv(p: str) -> str:
    """The All Attempts file for sub-campaign s2: Best Contact among s2's attempts only."""
    rows = [
        HEADER,
        f"C3,{p}-a6,Spring Reminders,Wave Two,Text,6175550100,TEXT_MSG_RECEIVED,8,"
        '2024-03-01 08:30:00,2024-03-01 08:30:05,0,0,"Yes, call me\n""tomorrow""",1,,,',
        f"C5,{p}-a7,Spring Reminders,Wave Two,Voice,6175550100,BUSY,4,"
        "2024-03-01 09:00:00,2024-03-01 09:05:00,0,0,,0,,,",
        f"C5,{p}-a8,Spring Reminders,Wave Two,Voice,6175550100,NOANSWER,4,"
        "2024-03-01 09:02:00,2024-03-01 09:05:00,0,0,,1,,,",
        f"C1,{p}-a9,Spring Reminders,Wave Two,Voice,6175550100,NOANSWER,4,"
        "2024-03-01 10:00:00,2024-03-01 10:01:00,0,0,,1,,,",
    ]
    return "\n".join(rows) + "\n"


def job(account_id: str, job_id: str = "j1", *,
        report_type: catalog_pb2.ReportType = catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS,
        level: catalog_pb2.Level = catalog_pb2.LEVEL_CAMPAIGN, target: str = "c1",
        file_name_format: str = "<CAMPAIGN>_<DATE:yyyyMMdd>") -> scheduler_pb2.Job:
    """A queued job as the scheduler would hand it to a claiming worker."""
    definition = catalog_pb2.ReportDefinition(
        name=f"accounts/{account_id}/reports/r1", display_name="Daily attempts", report_type=report_type,
        level=level, target=target, time_frame=catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_YESTERDAY),
        output=catalog_pb2.OutputOptions(file_name_format=file_name_format),
    )
    return scheduler_pb2.Job(
        name=f"accounts/{account_id}/jobs/{job_id}", report_definition=definition.name,
        state=scheduler_pb2.Job.STATE_QUEUED, report=definition, as_of=to_proto(JOB_CREATED),
        window_start=to_proto(WINDOW_START), window_end=to_proto(WINDOW_END), create_time=to_proto(JOB_CREATED),
    )

"""Building and ingesting the activity the generator's tests need, in the guide's words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from reportsuite.core.timestamps import to_proto
from reportsuite.generator.v1 import generator_pb2 as pb
from reportsuite.generator.v1 import generator_pb2_grpc

VOICE = pb.CHANNEL_VOICE
TEXT = pb.CHANNEL_TEXT
EMAIL = pb.CHANNEL_EMAIL
CAMPAIGN_START = datetime(2024, 1, 1, 14, 0, tzinfo=UTC)


def account(account_id: str, *, display_name: str = "Acme Collections", time_zone: str = "America/New_York",
            enterprise: str = "ent1") -> pb.Account:
    return pb.Account(name=f"accounts/{account_id}", display_name=display_name, enterprise=enterprise,
                      reports_time_zone=time_zone, cost_visible=False)


def campaign(account_id: str, campaign_id: str, *, display_name: str = "Spring Reminders",
             start: datetime | None = CAMPAIGN_START, end: datetime | None = None,
             subs: Sequence[tuple[str, str, str]] = (("s1", "Wave One", "list-a"),)) -> pb.Campaign:
    message = pb.Campaign(
        name=f"accounts/{account_id}/campaigns/{campaign_id}", display_name=display_name,
        sub_campaigns=[pb.SubCampaign(id=i, display_name=n, contact_list=c) for i, n, c in subs],
    )
    if start is not None:
        message.start_time.CopyFrom(to_proto(start))
    if end is not None:
        message.end_time.CopyFrom(to_proto(end))
    return message


def attempt(attempt_id: str, account_id: str, campaign_id: str, *, sub: str = "s1", client: str = "C1",
            channel: pb.Channel = VOICE, status: str = "DELIVEREDPERSON", start: datetime | None = None,
            complete: datetime | None = None, device: str = "6175550100", ring: int = 0, talk: int = 0,
            message: str = "") -> pb.Attempt:
    record = pb.Attempt(attempt_id=attempt_id, account=account_id, campaign=campaign_id, sub_campaign=sub,
                        client_id=client, channel=channel, device=device, status=status, ring_seconds=ring,
                        talk_seconds=talk, message_content=message)
    if start is not None:
        record.start_time.CopyFrom(to_proto(start))
    if complete is not None:
        record.complete_time.CopyFrom(to_proto(complete))
    return record


def batches(records: Sequence[pb.Attempt], size: int) -> Iterable[pb.IngestAttemptsRequest]:
    for first in range(0, len(records), size):
        yield pb.IngestAttemptsRequest(attempts=records[first:first + size])


def ingest_attempts(stub: generator_pb2_grpc.GeneratorServiceStub, records: Sequence[pb.Attempt],
                    size: int = 10_000) -> pb.IngestAttemptsResponse:
    return stub.IngestAttempts(batches(records, size), timeout=60)


def setup_campaign(stub: generator_pb2_grpc.GeneratorServiceStub, account_id: str, campaign_id: str,
                   **campaign_fields: object) -> None:
    """Ingests an account and one campaign, checking both were stored."""
    answer = stub.IngestAccounts(iter([pb.IngestAccountsRequest(accounts=[account(account_id)])]), timeout=10)
    # An account ingested before with the same fields is a duplicate: stored once.
    assert answer.stored + answer.duplicates == 1 and not answer.rejected, answer
    made = campaign(account_id, campaign_id, **campaign_fields)  # type: ignore[arg-type]
    answer = stub.IngestCampaigns(iter([pb.IngestCampaignsRequest(campaigns=[made])]), timeout=10)
    assert answer.stored == 1, answer

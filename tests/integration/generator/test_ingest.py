"""IngestAccounts, IngestCampaigns and IngestAttempts on a real server and PostgreSQL."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import grpc
import pytest

from reportsuite.core.errors import error_details
from reportsuite.core.security.policy import MAX_STRING_CHARS
from reportsuite.generator.v1 import generator_pb2 as pb
from reportsuite.generator.v1 import generator_pb2_grpc
from tests.integration.generator import builders as b

T0 = datetime(2024, 3, 1, 14, 0, tzinfo=UTC)

Stub = generator_pb2_grpc.GeneratorServiceStub


def _attempts(account_id: str, campaign_id: str, count: int, prefix: str = "a") -> list[pb.Attempt]:
    return [
        b.attempt(f"{prefix}{i}", account_id, campaign_id, client=f"C{i % 300}", start=T0 + timedelta(seconds=i),
                  complete=T0 + timedelta(seconds=i + 30))
        for i in range(count)
    ]


def test_sending_the_same_1000_attempts_twice_stores_them_once(generator: Stub, unique_id: str) -> None:
    b.setup_campaign(generator, unique_id, "c1")
    records = _attempts(unique_id, "c1", 1000, prefix=unique_id)

    first = b.ingest_attempts(generator, records, size=300)
    second = b.ingest_attempts(generator, records, size=300)

    assert (first.received, first.stored, first.duplicates, list(first.rejected)) == (1000, 1000, 0, [])
    assert (second.received, second.stored, second.duplicates, list(second.rejected)) == (1000, 0, 1000, [])


def test_an_attempt_repeated_within_one_batch_is_stored_once(generator: Stub, unique_id: str) -> None:
    b.setup_campaign(generator, unique_id, "c1")
    record = _attempts(unique_id, "c1", 1, prefix=unique_id)[0]

    answer = b.ingest_attempts(generator, [record, record])

    assert (answer.received, answer.stored, answer.duplicates) == (2, 1, 1)


def test_a_multi_batch_stream_counts_positions_across_batches(generator: Stub, unique_id: str) -> None:
    b.setup_campaign(generator, unique_id, "c1")
    records = _attempts(unique_id, "c1", 25, prefix=unique_id)
    records[17].status = "NOT_A_STATUS"

    answer = b.ingest_attempts(generator, records, size=10)

    assert (answer.received, answer.stored, answer.duplicates) == (25, 24, 0)
    assert [(r.position, r.id, r.field) for r in answer.rejected] == [(17, f"{unique_id}17", "status")]


def _one_bad(account_id: str, **changes: object) -> pb.Attempt:
    fields: dict[str, object] = {"start": T0, "complete": T0 + timedelta(minutes=1)}
    fields.update(changes)
    attempt_id = str(fields.pop("attempt_id", "bad-" + account_id))
    campaign_id = str(fields.pop("campaign", "c1"))
    owner = str(fields.pop("account", account_id))
    return b.attempt(attempt_id, owner, campaign_id, **fields)  # type: ignore[arg-type]


REJECTION_RULES = [
    # (what is wrong, changes to a good attempt, field named, reason)
    ("unknown account", {"account": "nobody"}, "account", "unknown account"),
    ("unknown campaign", {"campaign": "no-such-campaign"}, "campaign", "unknown campaign"),
    ("unknown sub-campaign", {"sub": "s9"}, "sub_campaign", "unknown sub-campaign"),
    ("unknown status", {"status": "DELIVERED_BY_PIGEON"}, "status", "unknown status"),
    ("status not valid on the channel", {"status": "TEXT_MSG_SENT", "channel": b.VOICE}, "status",
     "status not valid on channel Voice (TEXT_MSG_SENT applies to Text)"),
    ("email status on a voice attempt", {"status": "BOUNCEDEMAIL_GENERAL", "channel": b.VOICE}, "status",
     "status not valid on channel Voice (BOUNCEDEMAIL_GENERAL applies to Email)"),
    ("channel UNSPECIFIED", {"channel": pb.CHANNEL_UNSPECIFIED}, "channel", "must be Voice, Text, Email or Web"),
    ("missing client_id", {"client": ""}, "client_id", "required"),
    ("missing attempt_id", {"attempt_id": ""}, "attempt_id", "required"),
    ("missing start_time", {"start": None}, "start_time", "required"),
    ("missing complete_time", {"complete": None}, "complete_time", "required"),
    ("complete_time before start_time", {"complete": T0 - timedelta(seconds=1)}, "complete_time",
     "must not be before start_time"),
    ("negative ring seconds", {"ring": -1}, "ring_seconds", "must not be negative"),
    # PostgreSQL text cannot hold NUL: one such record is rejected alone, not the whole stream.
    ("NUL in client_id", {"client": "C\x001"}, "client_id", "must not hold the NUL character (U+0000)"),
    ("NUL in message_content", {"message": "hi\x00"}, "message_content", "must not hold the NUL character (U+0000)"),
    ("message_content over the string limit", {"message": "m" * (MAX_STRING_CHARS + 1)}, "message_content",
     f"at most {MAX_STRING_CHARS} characters"),
]


@pytest.mark.parametrize(("case", "changes", "field", "reason"), REJECTION_RULES, ids=[r[0] for r in REJECTION_RULES])
def test_a_bad_attempt_is_rejected_with_its_position_and_field_and_its_neighbours_kept(
    generator: Stub, unique_id: str, case: str, changes: dict[str, object], field: str, reason: str,
) -> None:
    b.setup_campaign(generator, unique_id, "c1")
    good = _attempts(unique_id, "c1", 4, prefix=unique_id)
    bad = _one_bad(unique_id, **changes)

    answer = b.ingest_attempts(generator, [good[0], good[1], bad, good[2], good[3]])

    assert (answer.received, answer.stored, answer.duplicates) == (5, 4, 0)
    assert [(r.position, r.id, r.field, r.reason) for r in answer.rejected] == [(2, bad.attempt_id, field, reason)]


def test_a_batch_over_10000_attempts_is_refused(generator: Stub, unique_id: str) -> None:
    b.setup_campaign(generator, unique_id, "c1")
    records = _attempts(unique_id, "c1", 10_001, prefix=unique_id)

    with pytest.raises(grpc.RpcError) as raised:
        b.ingest_attempts(generator, records, size=10_001)

    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(raised.value)["field"] == "attempts"


def test_100000_attempts_ingest_in_a_few_seconds(generator: Stub, unique_id: str) -> None:
    b.setup_campaign(generator, unique_id, "c1")
    records = _attempts(unique_id, "c1", 100_000, prefix=unique_id)

    began = time.monotonic()
    answer = b.ingest_attempts(generator, records)
    elapsed = time.monotonic() - began

    assert (answer.stored, answer.duplicates, len(answer.rejected)) == (100_000, 0, 0)
    # About 4.5 s with client and server in separate processes here; in one process they share the GIL.
    assert elapsed < 20, f"100,000 attempts took {elapsed:.1f} s"

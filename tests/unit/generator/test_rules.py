"""Ingest validation rules, one broken rule at a time, and how a stream keeps its good records."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta

import pytest

from reportsuite.core.errors import InvalidArgument
from services.generator.domain import ingest, ingest_kinds, rules
from services.generator.domain.model import AccountInput, Attempt, Channel
from services.generator.domain.references import Key, Known, Reference

T0 = datetime(2024, 3, 1, 14, 0, tzinfo=UTC)
GOOD = Attempt("a1", "acc", "c1", "s1", "C1", Channel.VOICE, "6175550100", "DELIVEREDPERSON", T0,
               T0 + timedelta(minutes=1))
KNOWN: dict[Reference, set[Key]] = {
    Reference.ACCOUNT: {("acc",)}, Reference.CAMPAIGN: {("acc", "c1")}, Reference.SUB_CAMPAIGN: {("acc", "c1", "s1")},
}


def _known(attempt: Attempt) -> Known:
    known = Known(MemoryStore())
    known.learn([rules.campaign_keys(attempt.account, attempt.campaign, attempt.sub_campaign, attempt.pass_id)])
    return known


def _broken_rule(attempt: Attempt) -> tuple[str, str]:
    with pytest.raises(InvalidArgument) as raised:
        rules.check_attempt(attempt, _known(attempt))
    return raised.value.field, raised.value.rule


def test_a_good_attempt_passes() -> None:
    rules.check_attempt(GOOD, _known(GOOD))


@pytest.mark.parametrize(("changes", "field", "rule"), [
    ({"attempt_id": ""}, "attempt_id", "required"),
    ({"attempt_id": "x" * 129}, "attempt_id", "at most 128 characters"),
    ({"client_id": ""}, "client_id", "required"),
    ({"channel": None}, "channel", "must be Voice, Text, Email or Web"),
    ({"status": "NOPE"}, "status", "unknown status"),
    ({"status": "SENTEMAIL"}, "status", "status not valid on channel Voice (SENTEMAIL applies to Email)"),
    ({"channel": Channel.WEB, "status": "DELIVEREDPERSON"}, "status",
     "status not valid on channel Web (DELIVEREDPERSON applies to Voice)"),
    ({"start_time": None}, "start_time", "required"),
    ({"complete_time": None}, "complete_time", "required"),
    ({"complete_time": T0 - timedelta(seconds=1)}, "complete_time", "must not be before start_time"),
    ({"talk_seconds": -5}, "talk_seconds", "must not be negative"),
    ({"account": "other"}, "account", "unknown account"),
    ({"campaign": "c9"}, "campaign", "unknown campaign"),
    ({"sub_campaign": "s9"}, "sub_campaign", "unknown sub-campaign"),
])
def test_each_attempt_rule_names_its_field(changes: dict[str, object], field: str, rule: str) -> None:
    assert _broken_rule(dataclasses.replace(GOOD, **changes)) == (field, rule)  # type: ignore[arg-type]


@pytest.mark.parametrize(("channel", "status"), [
    (Channel.EMAIL, "EMAIL_FILTERED"), (Channel.EMAIL, "BOUNCEDEMAIL_GENERAL"), (Channel.TEXT, "TEXT_MSG_SENT"),
    (Channel.VOICE, "TMS_ERROR_PROVIDER"), (Channel.VOICE, "DC_SUCCESS"), (Channel.WEB, "WEB_EXTERNAL_URL_FAILED"),
    (Channel.TEXT, "BADDATA"), (Channel.EMAIL, "BADDATA"),
])
def test_a_status_is_accepted_on_each_of_its_channels(channel: Channel, status: str) -> None:
    attempt = dataclasses.replace(GOOD, channel=channel, status=status)
    rules.check_attempt(attempt, _known(attempt))


@pytest.mark.parametrize(("zone", "ok"), [("America/New_York", True), ("Europe/London", True), ("UTC", True),
                                          ("Mars/Olympus_Mons", False), ("", False), ("../etc/passwd", False)])
def test_reports_time_zone_must_be_an_iana_zone(zone: str, ok: bool) -> None:
    record = AccountInput("accounts/acc", "Acme", "ent", zone)
    if ok:
        assert rules.check_account(record).reports_time_zone == zone
    else:
        with pytest.raises(InvalidArgument) as raised:
            rules.check_account(record)
        assert raised.value.field == "reports_time_zone"


class MemoryStore:
    """An in-memory store of attempts that knows one account, campaign c1 and sub-campaign s1."""

    def __init__(self) -> None:
        self.attempts: dict[str, Attempt] = {}
        self.lookups = 0

    def existing(self, reference: Reference, keys: Collection[Key]) -> dict[Key, str]:
        self.lookups += 1
        return {key: "" for key in set(keys) & KNOWN.get(reference, set())}

    def insert_attempts(self, attempts: Sequence[Attempt]) -> int:
        new = [a for a in attempts if a.attempt_id not in self.attempts]
        for attempt in new:
            self.attempts.setdefault(attempt.attempt_id, attempt)
        return len({a.attempt_id for a in new})



def test_a_stream_keeps_the_good_records_around_bad_ones_and_reports_stream_positions() -> None:
    store = MemoryStore()
    first = [dataclasses.replace(GOOD, attempt_id=f"a{i}") for i in range(3)]
    second = [dataclasses.replace(GOOD, attempt_id="b0", status="NOPE"), dataclasses.replace(GOOD, attempt_id="b1"),
              dataclasses.replace(GOOD, attempt_id="a0")]

    result = ingest.ingest(ingest_kinds.ATTEMPTS, [first, second], store)

    assert (result.received, result.stored, result.duplicates) == (6, 4, 1)
    assert [(r.position, r.id, r.field) for r in result.rejected] == [(3, "b0", "status")]
    assert sorted(store.attempts) == ["a0", "a1", "a2", "b1"]


def test_references_are_looked_up_once_per_stream_not_per_batch() -> None:
    store = MemoryStore()
    batches = [[dataclasses.replace(GOOD, attempt_id=f"{n}-{i}") for i in range(5)] for n in range(4)]

    ingest.ingest(ingest_kinds.ATTEMPTS, batches, store)

    assert store.lookups == 1


def test_a_batch_over_the_limit_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidArgument) as raised:
        ingest.ingest(ingest_kinds.ATTEMPTS, [[GOOD] * (ingest.MAX_BATCH + 1)], MemoryStore())

    assert (raised.value.field, raised.value.rule) == ("attempts", "at most 10000 records a batch")

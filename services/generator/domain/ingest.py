"""Ingest of accounts, campaigns and attempts, batch by batch, keeping the good records.

A stream is a sequence of batches (at most ``MAX_BATCH`` records each). Every record is
validated on its own; a bad one is reported with its 0-based position in the whole stream and
never stops the others. Each batch's good records are stored with one round trip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from reportsuite.core.errors import InvalidArgument
from services.generator.domain import rules
from services.generator.domain.model import (
    AccountInput,
    Attempt,
    Campaign,
    CampaignInput,
    IngestResult,
    RejectedRecord,
)
from services.generator.domain.ports import ActivityStore

log = logging.getLogger(__name__)

MAX_BATCH = 10_000
# A response lists at most this many rejections (it must stay under the gRPC message limit);
# received - stored - duplicates is always the full count.
MAX_REJECTIONS_LISTED = 10_000

In = TypeVar("In")
Out = TypeVar("Out")


class _Tally:
    """Counts a stream's records and collects its rejections."""

    def __init__(self, field: str) -> None:
        self.field = field
        self.result = IngestResult()

    def batch(self, records: Sequence[object]) -> int:
        """Counts a new batch in; returns the stream position of its first record."""
        if len(records) > MAX_BATCH:
            raise InvalidArgument(
                f"a batch holds {len(records)} {self.field}", field=self.field,
                rule=f"at most {MAX_BATCH} records a batch",
            )
        first = self.result.received
        self.result.received += len(records)
        return first

    def reject(self, position: int, record_id: str, error: InvalidArgument) -> None:
        if len(self.result.rejected) < MAX_REJECTIONS_LISTED:
            self.result.rejected.append(RejectedRecord(position, record_id, error.field, error.rule))


def _validated(records: Sequence[In], first: int, tally: _Tally, check: Callable[[In], Out],
               record_id: Callable[[In], str]) -> list[Out]:
    good: list[Out] = []
    for offset, record in enumerate(records):
        try:
            good.append(check(record))
        except InvalidArgument as error:
            tally.reject(first + offset, record_id(record), error)
    return good


def ingest_accounts(batches: Iterable[Sequence[AccountInput]], store: ActivityStore) -> IngestResult:
    """Creates or replaces accounts; within a batch the last record of an id wins."""
    tally = _Tally("accounts")
    for records in batches:
        first = tally.batch(records)
        good = _validated(records, first, tally, rules.check_account, lambda r: r.name)
        unique = list({account.id: account for account in good}.values())
        if unique:
            store.upsert_accounts(unique)
        tally.result.stored += len(good)
    return tally.result


def ingest_campaigns(batches: Iterable[Sequence[CampaignInput]], store: ActivityStore) -> IngestResult:
    """Creates or replaces campaigns and their sub-campaigns (sub-campaigns are never removed,
    since stored attempts refer to them)."""
    tally = _Tally("campaigns")
    for records in batches:
        first = tally.batch(records)
        accounts = store.existing_accounts({_account_of(r.name) for r in records})

        def check(record: CampaignInput, known: set[str] = accounts) -> Campaign:
            return rules.check_campaign(record, known)

        good = _validated(records, first, tally, check, lambda r: r.name)
        unique = list({(c.account, c.id): c for c in good}.values())
        if unique:
            store.upsert_campaigns(unique)
        tally.result.stored += len(good)
    return tally.result


def _account_of(name: str) -> str:
    parts = name.split("/")
    return parts[1] if len(parts) > 1 else ""


class _References:
    """What the attempts of a stream refer to, looked up once per key for the whole stream."""

    def __init__(self, store: ActivityStore) -> None:
        self._store = store
        self.sub_campaigns: set[tuple[str, str, str]] = set()
        self.campaigns: set[tuple[str, str]] = set()
        self.accounts: set[str] = set()
        self._asked: set[tuple[str, str, str]] = set()

    def learn(self, attempts: Sequence[Attempt]) -> None:
        keys = {(a.account, a.campaign, a.sub_campaign) for a in attempts} - self._asked
        if not keys:
            return
        self._asked |= keys
        found = self._store.existing_sub_campaigns(keys)
        self.sub_campaigns |= found
        missing = keys - found
        if missing:
            self.campaigns |= self._store.existing_campaigns({(a, c) for a, c, _ in missing})
            self.accounts |= self._store.existing_accounts({a for a, _, _ in missing})


def ingest_attempts(batches: Iterable[Sequence[Attempt]], store: ActivityStore) -> IngestResult:
    """Stores new attempts; an attempt id already stored counts as a duplicate and is left as it was."""
    tally = _Tally("attempts")
    references = _References(store)
    for records in batches:
        first = tally.batch(records)
        references.learn(records)

        def check(attempt: Attempt) -> Attempt:
            rules.check_attempt(attempt, references.sub_campaigns, references.campaigns, references.accounts)
            return attempt

        good = _validated(records, first, tally, check, lambda a: a.attempt_id)
        stored = store.insert_attempts(good) if good else 0
        tally.result.stored += stored
        tally.result.duplicates += len(good) - stored
    log.info("ingested attempts: %s received, %s stored, %s duplicates, %s rejected", tally.result.received,
             tally.result.stored, tally.result.duplicates,
             tally.result.received - tally.result.stored - tally.result.duplicates)
    return tally.result

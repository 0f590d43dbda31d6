"""The one ingest pipeline every kind of activity record goes through, batch by batch.

A stream is a sequence of batches (at most ``MAX_BATCH`` records each). Every record is
validated on its own; a bad one is reported with its 0-based position in the whole stream, the
field and the rule, and never stops the others. Each batch's good records are stored with one
round trip of the store (COPY into a temporary table, then one INSERT ... ON CONFLICT).

What differs between kinds is declared in a ``Kind`` (services.generator.domain.ingest_kinds):
the record's id, its validation, what it refers to, and how the store keeps it:

- event kinds (attempts, Direct Connect attempts, ...) are stored once: a record whose id is
  stored already is left as it was and counted in ``duplicates``;
- reference kinds (accounts, contacts, agents, ...) are replaced: within a batch the last record
  of a key wins, and a record identical to what is stored counts in ``duplicates``, so sending
  the same stream twice stores it once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from reportsuite.core.errors import InvalidArgument
from services.generator.domain.model import IngestResult, RejectedRecord
from services.generator.domain.references import Key, Known, Reference

log = logging.getLogger(__name__)

MAX_BATCH = 10_000
# A response lists at most this many rejections (it must stay under the gRPC message limit);
# received - stored - duplicates is always the full count.
MAX_REJECTIONS_LISTED = 10_000

In = TypeVar("In")
Out = TypeVar("Out")


def _no_references(record: Any) -> Iterable[tuple[Reference, Key]]:
    return ()


@dataclass(frozen=True)
class Refused:
    """A record refused before it could be checked (its transport found a string no store can hold).

    It stands in the batch at its position, so it is reported like any rejected record.
    """

    record: Any
    error: InvalidArgument


@dataclass(frozen=True)
class Kind(Generic[In, Out]):
    """One kind of ingested record, as the pipeline sees it.

    Attributes:
        field: the request's batch field ("attempts"); a batch over the limit names it.
        record_id: the id a rejection reports.
        check: validates a record against the stream's references; returns what is stored.
        store: stores a batch of checked records; returns how many were new (or changed).
        references: what a record refers to, so a batch's lookups are made together.
        key: for kinds that replace, the identity within a batch (the last record wins);
            None for kinds stored once, whose store ignores repeats itself.
    """

    field: str
    record_id: Callable[[In], str]
    check: Callable[[In, Known], Out]
    store: Callable[[Any, Sequence[Out]], int]
    references: Callable[[In], Iterable[tuple[Reference, Key]]] = _no_references
    key: Callable[[Out], Hashable] | None = None


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


def ingest(kind: Kind[In, Out], batches: Iterable[Sequence[In | Refused]], store: Any) -> IngestResult:
    """Validates and stores a stream of batches of one kind; returns what happened to its records.

    Args:
        kind: what the records are.
        batches: the stream, batch by batch, as the client sent it.
        store: the activity store (it implements the kind's store method and ``existing``).
    """
    tally = _Tally(kind.field)
    known = Known(store)
    for records in batches:
        first = tally.batch(records)
        known.learn(reference for record in records if not isinstance(record, Refused)
                    for reference in kind.references(record))
        good: list[Out] = []
        for offset, record in enumerate(records):
            if isinstance(record, Refused):
                tally.reject(first + offset, kind.record_id(record.record), record.error)
                continue
            try:
                good.append(kind.check(record, known))
            except InvalidArgument as error:
                tally.reject(first + offset, kind.record_id(record), error)
        unique = good if kind.key is None else list({kind.key(record): record for record in good}.values())
        stored = kind.store(store, unique) if unique else 0
        tally.result.stored += stored
        tally.result.duplicates += len(good) - stored
    result = tally.result
    log.info("ingested %s: %s received, %s stored, %s duplicates, %s rejected", kind.field, result.received,
             result.stored, result.duplicates, result.received - result.stored - result.duplicates)
    return result

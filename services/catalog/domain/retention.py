"""Retention: a saved report and its file are deleted once its expire_time has passed.

A saved report expires ``REPORTSUITE_RETENTION_DAYS`` (30 by default) after it was generated
(docs/retention.md). Until the purge reaches it, an expired report is already invisible: it is
neither listed, returned nor downloadable. The purge works in batches, each one transaction that
locks its rows with ``FOR UPDATE SKIP LOCKED``, so catalog replicas purging at once share the work
and never delete a report twice. Only saved reports (rows and files) are deleted: definitions,
schedules, jobs, Incremental watermarks and activity are never touched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from services.catalog.domain.ports import ArtifactStore, ExpiredSavedReports

log = logging.getLogger(__name__)

# Saved reports deleted per transaction: small enough to hold few locks briefly, large enough
# that a backlog of thousands clears in one sweep within seconds.
PURGE_BATCH = 200


class RetentionPurge:
    """Deletes expired saved reports and their files.

    Args:
        reports: the saved reports table, as the purge uses it.
        store: the artifact store the files are in.
        clock: returns the current time (aware UTC).
        batch_size: saved reports deleted per transaction.
    """

    def __init__(self, reports: ExpiredSavedReports, store: ArtifactStore, clock: Callable[[], datetime],
                 batch_size: int = PURGE_BATCH) -> None:
        self._reports = reports
        self._store = store
        self._clock = clock
        self._batch_size = batch_size

    def purge_batch(self) -> int:
        """Deletes one batch of expired saved reports; returns how many were deleted.

        Each file is deleted before its row, both while the row is locked: a crash in between
        leaves a row whose file is gone, which is never listed and is deleted by the next batch,
        rather than a file nobody knows about.
        """
        return len(self._reports.purge_expired(self._clock(), self._batch_size, self._remove_file))

    def purge(self, keep_going: Callable[[], bool] = lambda: True) -> int:
        """Deletes batches until one is not full or keep_going() turns False; returns how many."""
        total = 0
        while True:
            deleted = self.purge_batch()
            total += deleted
            if deleted < self._batch_size or not keep_going():
                break
        if total:
            log.info("retention: deleted %d expired saved reports and their files", total)
        return total

    def _remove_file(self, storage_key: str) -> None:
        try:
            self._store.delete(storage_key)
        except ValueError:  # not a key the store could hold: there is no file to delete
            log.warning("retention: saved report storage key %r names no file", storage_key)

    def backlog(self) -> int:
        """The number of saved reports that expired and are not deleted yet."""
        return self._reports.count_expired(self._clock())

"""Use cases on saved reports: register a generated file, read, list, download and delete it.

A saved report is only as real as its file: one whose file left the artifact store is neither
listed, returned nor downloadable. Nor is one whose expire_time has passed, even before
retention's purge deletes it (domain/retention.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from reportsuite.core import pagination
from reportsuite.core.errors import FailedPrecondition, InvalidArgument, NotFound
from services.catalog.domain import names, paging, rules
from services.catalog.domain.model import Cursor, SavedReport, SavedReportDraft
from services.catalog.domain.ports import ArtifactStore, SavedReportRepository

# Download chunks stay well under gRPC's message limit.
CHUNK_SIZE = 1024 * 1024
_KEY_FIELD = "saved_report.storage_key"


class SavedReports:
    """The saved report use cases, wired to a repository, the artifact store and a clock."""

    def __init__(self, repository: SavedReportRepository, store: ArtifactStore, retention: timedelta,
                 clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._store = store
        self._retention = retention
        self._clock = clock

    def create(self, parent: str, draft: SavedReportDraft, request_id: str) -> SavedReport:
        """Registers a generated file; a repeated request_id (the job's name) returns the first saved report.

        Raises:
            FailedPrecondition: the storage key names no file in the artifact store.
        """
        account = names.parse_account(parent, "parent")
        rules.check_request_id(request_id)
        if request_id:
            first = self._repository.saved_report_by_request(account, request_id)
            if first is not None:
                return first
        report_id, job_id = rules.validate_saved_report(draft, account)
        self._check_file(draft)
        assert draft.report_type is not None and draft.window_start is not None and draft.window_end is not None
        now = self._clock()
        record = SavedReport(
            account=account, saved_report_id=names.new_id(), report_definition_id=report_id, job_id=job_id,
            display_name=draft.display_name, report_type=draft.report_type, file_name=draft.file_name,
            content_type=draft.content_type, size_bytes=draft.size_bytes, row_count=draft.row_count,
            sha256=draft.sha256, window_start=draft.window_start, window_end=draft.window_end,
            create_time=now, expire_time=now + self._retention, storage_key=draft.storage_key,
        )
        return self._repository.add_saved_report(record, request_id or None)

    def get(self, name: str) -> SavedReport:
        """Returns one saved report that has not expired and whose file is still in the store."""
        record = self._load(name)
        if record.expire_time <= self._clock():
            raise NotFound(f"{name} expired at {record.expire_time.isoformat()}", field="name",
                           rule="the saved report must not have expired")
        if not self._file_present(record):
            raise NotFound(f"{name}'s file is gone", field="name", rule="the saved report's file must exist")
        return record

    def list(self, parent: str, page_size: int, page_token: str,
             report_definition: str = "") -> tuple[list[SavedReport], str]:
        """Returns one page of the account's saved reports, newest first, skipping those that expired
        or whose file is gone."""
        account = names.parse_account(parent, "parent")
        size = pagination.page_size(page_size)
        definition_id = self._definition_filter(account, report_definition)
        query = {"account": account, "report_definition": definition_id or ""}
        after = paging.decode(page_token, query)
        visible: list[SavedReport] = []
        now = self._clock()
        # Rows whose file vanished are skipped, so keep reading until the page (plus one, to know
        # whether another page exists) is full or the rows run out.
        while len(visible) <= size:
            batch = self._repository.list_saved_reports(account, definition_id, after, size + 1,
                                                        unexpired_at=now)
            visible.extend(record for record in batch if self._file_present(record))
            if len(batch) <= size:
                break
            after = _cursor(batch[-1])
        return paging.page(visible, size, query, _cursor)

    def download(self, name: str) -> Iterator[bytes]:
        """Yields the saved report's file in chunks of at most 1 MiB.

        Raises:
            NotFound: when the record or its file is missing (also if the file goes mid-stream).
        """
        record = self.get(name)
        try:
            yield from self._store.chunks(record.storage_key, CHUNK_SIZE)
        except FileNotFoundError:
            raise NotFound(f"{name}'s file is gone", field="name", rule="the saved report's file must exist") from None

    def delete(self, name: str, request_id: str) -> None:
        """Deletes the saved report's row, then its file. A retried delete with the same request_id succeeds."""
        account, saved_report_id = names.parse_saved_report(name, "name")
        rules.check_request_id(request_id)
        if request_id and self._repository.deletion_done(account, request_id, name):
            return
        record = self._load(name)
        # Row first: a crash between the two leaves an orphan file (harmless, never listed) rather
        # than a listed report without a file.
        if not self._repository.delete_saved_report(account, saved_report_id, request_id or None):
            raise NotFound(f"{name} does not exist", field="name", rule="must name an existing saved report")
        self._store.delete(record.storage_key)

    def _load(self, name: str) -> SavedReport:
        account, saved_report_id = names.parse_saved_report(name, "name")
        record = self._repository.get_saved_report(account, saved_report_id)
        if record is None:
            raise NotFound(f"{name} does not exist", field="name", rule="must name an existing saved report")
        return record

    def _definition_filter(self, account: str, report_definition: str) -> str | None:
        if not report_definition:
            return None
        owner, report_id = names.parse_report(report_definition, "report_definition")
        if owner != account:
            raise InvalidArgument(f"report_definition belongs to account {owner}", field="report_definition",
                                  rule="must be in the parent account")
        return report_id

    def _check_file(self, draft: SavedReportDraft) -> None:
        try:
            present = self._store.exists(draft.storage_key)
        except ValueError:
            raise InvalidArgument(f"{_KEY_FIELD} {draft.storage_key!r} is not a storage key", field=_KEY_FIELD,
                                  rule="a relative key such as reports/<account>/<job>.csv") from None
        if not present:
            raise FailedPrecondition(f"no file is stored under {draft.storage_key!r}", field=_KEY_FIELD,
                                     rule="the file must be in the artifact store before it is registered")
        stored_size = self._store.size(draft.storage_key)
        if stored_size != draft.size_bytes:
            raise InvalidArgument(f"saved_report.size_bytes {draft.size_bytes} is not the file's size {stored_size}",
                                  field="saved_report.size_bytes", rule="must equal the stored file's size")

    def _file_present(self, record: SavedReport) -> bool:
        try:
            return self._store.exists(record.storage_key)
        except ValueError:
            return False


def _cursor(record: SavedReport) -> Cursor:
    return Cursor(record.create_time, record.saved_report_id)

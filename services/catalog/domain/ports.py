"""What the catalog's use cases need from the outside world; adapters provide it, tests fake it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Protocol

from services.catalog.domain.model import Cursor, DefinitionRecord, OutputOptions, SavedReport
from services.catalog.domain.report_types import ReportType


class DefinitionRepository(Protocol):
    """Stored report definitions; every method is one transaction."""

    def add_definition(self, record: DefinitionRecord, request_id: str | None) -> DefinitionRecord:
        """Inserts record; when request_id was used already in the account, returns that first record."""

    def definition_by_request(self, account: str, request_id: str) -> DefinitionRecord | None: ...

    def get_definition(self, account: str, report_id: str) -> DefinitionRecord | None: ...

    def update_definition_request(self, account: str, report_id: str) -> str | None:
        """The request_id of the definition's latest update, if it had one."""

    def list_definitions(self, account: str, after: Cursor | None, limit: int) -> list[DefinitionRecord]:
        """Newest first, starting after the cursor."""

    def save_definition(self, record: DefinitionRecord, expected_update_time: datetime,
                        request_id: str | None) -> bool:
        """Replaces the stored definition if it still has expected_update_time; False if it changed or went."""

    def delete_definition(self, account: str, report_id: str, request_id: str | None) -> bool:
        """Deletes the definition (and remembers request_id); False when there was none."""

    def deletion_done(self, account: str, request_id: str, name: str) -> bool:
        """True when a delete of name with this request_id succeeded before."""


class SavedReportRepository(Protocol):
    """Stored saved reports; every method is one transaction."""

    def add_saved_report(self, record: SavedReport, request_id: str | None) -> SavedReport:
        """Inserts record; when request_id was used already in the account, returns that first record."""

    def saved_report_by_request(self, account: str, request_id: str) -> SavedReport | None: ...

    def get_saved_report(self, account: str, saved_report_id: str) -> SavedReport | None: ...

    def list_saved_reports(self, account: str, report_definition_id: str | None, after: Cursor | None,
                           limit: int, unexpired_at: datetime | None = None) -> list[SavedReport]:
        """Newest first, starting after the cursor, optionally only one definition's; with
        unexpired_at, only those whose expire_time is after it."""

    def delete_saved_report(self, account: str, saved_report_id: str, request_id: str | None) -> bool:
        """Deletes the row (and remembers request_id); False when there was none."""

    def deletion_done(self, account: str, request_id: str, name: str) -> bool:
        """True when a delete of name with this request_id succeeded before."""


class ExpiredSavedReports(Protocol):
    """The saved reports table as retention's purge uses it."""

    def purge_expired(self, now: datetime, limit: int, remove_file: Callable[[str], None]) -> list[str]:
        """In one transaction: locks up to limit saved reports whose expire_time is not after now
        (skipping rows another purger holds), calls remove_file with each one's storage key, deletes
        their rows and returns their names. If remove_file raises, nothing of the batch is deleted."""

    def count_expired(self, now: datetime) -> int:
        """How many saved reports have an expire_time not after now."""


class OutputChecker(Protocol):
    """The delivery service's check of output options."""

    def check(self, output: OutputOptions, report_type: ReportType) -> None:
        """Raises InvalidArgument whose field is relative to the output options (e.g. "email_addresses"),
        or Unavailable when the checker cannot be reached."""


class ArtifactStore(Protocol):
    """The artifact store (reportsuite.core.filestore.FileStore has this shape)."""

    def exists(self, key: str) -> bool:
        """Raises ValueError for a key that is not a valid storage key."""

    def size(self, key: str) -> int: ...

    def chunks(self, key: str, size: int = ...) -> Iterator[bytes]: ...

    def delete(self, key: str) -> None: ...

"""The catalog's domain objects: report definitions and saved reports.

They are plain frozen dataclasses; the gRPC messages and the ORM rows are translated to and from
them at the edges.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import datetime

from services.catalog.domain import names
from services.catalog.domain.passwords import mask_destination
from services.catalog.domain.report_types import Level, ReportType


class TimeFrameKind(enum.Enum):
    """The guide's TimeFrame list."""

    ENTIRE_CAMPAIGN = "ENTIRE_CAMPAIGN"
    TODAY = "TODAY"
    YESTERDAY = "YESTERDAY"
    LAST_7_DAYS = "LAST_7_DAYS"
    MONTH_TO_DATE = "MONTH_TO_DATE"
    LAST_MONTH = "LAST_MONTH"
    INCREMENTAL = "INCREMENTAL"
    EXPLICIT_DATES = "EXPLICIT_DATES"


class TransferProtocol(enum.Enum):
    """How a Detail report is transferred to an FTP, FTPS (explicit TLS) or SFTP server."""

    FTP = "FTP"
    SFTP = "SFTP"
    FTPS = "FTPS"


@dataclass(frozen=True)
class TimeFrame:
    """The period a report covers; start, end and time_zone are used by Explicit Dates only."""

    kind: TimeFrameKind | None = None
    start: str = ""
    end: str = ""
    time_zone: str = ""


@dataclass(frozen=True)
class FileTransfer:
    """An FTP/SFTP destination, "user:passwd@host[:port]/[directory]"."""

    protocol: TransferProtocol | None = None
    destination: str = ""


@dataclass(frozen=True)
class OutputOptions:
    """The guide's Report Output Options."""

    email_addresses: str = ""
    file_transfer: FileTransfer = field(default_factory=FileTransfer)
    file_name_format: str = ""
    zip: bool = False
    pgp_encrypt: bool = False
    output_specification: str = ""

    def any_set(self) -> bool:
        """True when the user chose any output option, so the delivery service must check them."""
        return self != OutputOptions()


@dataclass(frozen=True)
class ReportDefinition:
    """What a user chose for a report: the fields an update mask may name."""

    display_name: str = ""
    description: str = ""
    report_type: ReportType | None = None
    level: Level | None = None
    target: str = ""
    yesterdays_activity: bool = False
    time_frame: TimeFrame = field(default_factory=TimeFrame)
    output: OutputOptions = field(default_factory=OutputOptions)

    def masked(self) -> ReportDefinition:
        """The definition with the file transfer password replaced by "****"."""
        transfer = self.output.file_transfer
        hidden = replace(transfer, destination=mask_destination(transfer.destination))
        return replace(self, output=replace(self.output, file_transfer=hidden))


@dataclass(frozen=True)
class DefinitionRecord:
    """A stored report definition with its identity and times."""

    account: str
    report_id: str
    definition: ReportDefinition
    create_time: datetime
    update_time: datetime

    @property
    def name(self) -> str:
        return names.report(self.account, self.report_id)

    def masked(self) -> DefinitionRecord:
        return replace(self, definition=self.definition.masked())


@dataclass(frozen=True)
class SavedReportDraft:
    """What the generator says about a report file it wrote, before the catalog registers it."""

    report_definition: str = ""
    job: str = ""
    display_name: str = ""
    report_type: ReportType | None = None
    file_name: str = ""
    content_type: str = ""
    size_bytes: int = 0
    row_count: int = 0
    sha256: str = ""
    window_start: datetime | None = None
    window_end: datetime | None = None
    storage_key: str = ""


@dataclass(frozen=True)
class SavedReport:
    """A registered report file, kept for download until it expires."""

    account: str
    saved_report_id: str
    report_definition_id: str
    job_id: str
    display_name: str
    report_type: ReportType
    file_name: str
    content_type: str
    size_bytes: int
    row_count: int
    sha256: str
    window_start: datetime
    window_end: datetime
    create_time: datetime
    expire_time: datetime
    storage_key: str

    @property
    def name(self) -> str:
        return names.saved_report(self.account, self.saved_report_id)

    @property
    def report_definition(self) -> str:
        return names.report(self.account, self.report_definition_id)

    @property
    def job(self) -> str:
        return names.job(self.account, self.job_id) if self.job_id else ""


@dataclass(frozen=True)
class Cursor:
    """Where a newest-first listing stopped: the last row's create_time and id."""

    create_time: datetime
    row_id: str

"""Which destinations a report goes to, and the words of its mail and failure reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from reportsuite.core.errors import InvalidArgument
from services.delivery.domain.destinations import (
    TransferTarget,
    check_transfer_allowed,
    parse_email_list,
    parse_transfer,
)
from services.delivery.domain.model import Job, Outcome, ReportFile, ReportMail, ReportToDeliver
from services.delivery.domain.packaging import content_type

DEFINITION_DELETED = "report definition was deleted"
MAX_SUBJECT_NAME = 150
MAX_REASON_LENGTH = 2000


@dataclass(frozen=True)
class Destination:
    """One place the report goes: a mail recipient or a file transfer server.

    ``label`` is what is recorded and shown (never a password). A destination with a
    ``refusal`` fails permanently without anything being sent.
    """

    label: str
    kind: str
    recipient: str = ""
    target: TransferTarget | None = None
    refusal: str = ""


class StageFailure(Exception):
    """The whole stage cannot go on; ``retryable`` says whether another attempt may succeed."""

    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


def plan_destinations(report: ReportToDeliver, *, definition_deleted: bool) -> list[Destination]:
    """The file transfer first (when set), then one destination per mail recipient.

    Raises:
        StageFailure: the stored email list is invalid (it was checked when saved, so this
            is permanent).
    """
    destinations: list[Destination] = []
    if report.output.transfer_protocol:
        destinations.append(_transfer(report, definition_deleted))
    try:
        recipients = parse_email_list(report.output.email_addresses)
    except InvalidArgument as error:
        raise StageFailure(f"email_addresses: {error.rule}", retryable=False) from None
    destinations.extend(Destination(f"email:{address}", "email", recipient=address) for address in recipients)
    return destinations


def _transfer(report: ReportToDeliver, definition_deleted: bool) -> Destination:
    protocol = report.output.transfer_protocol
    try:
        target = parse_transfer(protocol, report.output.transfer_destination)
    except InvalidArgument as error:
        return Destination(f"{protocol}://(invalid destination)", protocol, refusal=f"{error.field}: {error.rule}")
    try:
        check_transfer_allowed(report.report_type)
    except InvalidArgument as error:
        return Destination(target.label, protocol, refusal=error.rule)
    # A deleted definition leaves only the job's snapshot, whose password is masked.
    refusal = DEFINITION_DELETED if definition_deleted else ""
    return Destination(target.label, protocol, target=target, refusal=refusal)


def report_mail(job: Job, report: ReportToDeliver, file: ReportFile, file_name: str, *,
                attached: bool = True, size: int = 0, limit: int = 0) -> ReportMail:
    """The mail sent for a report: which report, which window, and the file or how to download it.

    ``file_name`` is the delivered (possibly zipped and encrypted) name. A file over the
    attachment limit is not attached: the mail then says so, with its size and the reportctl
    command that downloads the saved report, so no mail ever arrives empty without a reason.
    """
    name = one_line(report.display_name, MAX_SUBJECT_NAME) or job.report_definition
    window = _window(job.window_start, job.window_end)
    if attached:
        what = f"is attached as {file_name}."
    else:
        saved = file.name or job.saved_report
        what = (
            f"is not attached: as {file_name} it is over the {_megabytes(limit)} limit for mail attachments."
            f"\n\nDownload it (the report as generated, {file.file_name}, {_megabytes(size)}) with:\n\n"
            f"    reportctl saved download {saved} -o {_quoted(file.file_name)}"
        )
    body = (
        f"The report {name} covering {window} {what}\n\n"
        f"Report definition: {job.report_definition}\nJob: {job.name}\n"
    )
    return ReportMail(subject=f"Report {name}", body=body, file_name=file_name if attached else "",
                      content_type=content_type(file_name))


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.1f} MiB"


def _quoted(text: str) -> str:
    # A POSIX shell word: names may hold spaces and quotes (never control characters, see safe_name).
    return "'" + text.replace("'", "'\\''") + "'"


def one_line(text: str, limit: int) -> str:
    """Text fit for a header: control characters dropped, whitespace collapsed, length bounded."""
    printable = "".join(char if char.isprintable() else " " for char in text)
    return re.sub(r"\s+", " ", printable).strip()[:limit]


def failure_reason(outcomes: list[Outcome]) -> str:
    """Lists the failed destinations and their reasons, bounded in length."""
    failed = [o for o in outcomes if o.state != "SUCCEEDED"]
    parts = [
        f"{o.destination}: {o.detail or 'not sent'} ({'will retry' if o.retryable else 'permanent'})"
        for o in failed
    ]
    reason = f"delivery failed at {len(failed)} of {len(outcomes)} destinations: " + "; ".join(parts)
    return reason if len(reason) <= MAX_REASON_LENGTH else reason[: MAX_REASON_LENGTH - 3] + "..."


def _window(start: datetime | None, end: datetime | None) -> str:
    if start is None or end is None:
        return "its time frame"
    return f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC"

"""Use cases on output specification files: upload, get (the download), list and delete.

A specification is immutable once uploaded: to change one, upload it under a new name and point
the report definitions at it. The content is parsed again on every read (it is at most 64 KiB),
so the stored bytes are the only truth.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from reportsuite.core import pagination
from reportsuite.core.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.catalog.domain import names, paging, rules
from services.catalog.domain.model import Cursor
from services.catalog.domain.report_types import ReportType, info
from services.catalog.domain.spec_format import OutputSpecification, StoredSpecification
from services.catalog.domain.spec_parser import parse_specification

REFERENCE_FIELD = "report_definition.output.output_specification"
_SHOWN_DEFINITIONS = 10


class SpecificationRepository(Protocol):
    """Stored specification files; every method is one transaction."""

    def add_specification(self, record: StoredSpecification, request_id: str | None) -> bool:
        """Inserts record; False (and nothing stored) when its name or request_id is taken in the account."""

    def specification_by_request(self, account: str, request_id: str) -> StoredSpecification | None: ...

    def get_specification(self, account: str, spec_id: str) -> StoredSpecification | None: ...

    def list_specifications(self, account: str, after: Cursor | None, limit: int) -> list[StoredSpecification]:
        """Newest first, starting after the cursor, without content."""

    def delete_specification(self, account: str, spec_id: str, request_id: str | None) -> tuple[bool, list[str]]:
        """Deletes it unless report definitions name it; returns (deleted, the ids of those definitions).

        Nothing is deleted when the list is not empty, or when there was no such specification.
        """

    def deletion_done(self, account: str, request_id: str, name: str) -> bool:
        """True when a delete of name with this request_id succeeded before."""


def missing_reference(name: str) -> InvalidArgument:
    """The error for a report definition naming a specification the account does not have."""
    return InvalidArgument(f"output specification {name} does not exist", field=REFERENCE_FIELD,
                           rule="must name an output specification uploaded to the definition's account")


class OutputSpecifications:
    """The output specification use cases, wired to a repository and a clock."""

    def __init__(self, repository: SpecificationRepository, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._clock = clock

    def upload(self, name: str, content: bytes, request_id: str) -> OutputSpecification:
        """Checks and stores a file; a repeated request_id returns the first upload.

        Raises:
            InvalidArgument: on "content", naming the line and the rule, for a bad file.
            AlreadyExists: when the name is taken (by another request).
        """
        account, spec_id = names.parse_output_specification(name, "name")
        rules.check_request_id(request_id)
        if request_id:
            first = self._repository.specification_by_request(account, request_id)
            if first is not None:
                return _parsed(first)
        output_format = parse_specification(content)
        record = StoredSpecification(
            account=account, spec_id=spec_id, report_type=output_format.report_type, content=content,
            size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(), create_time=self._clock(),
        )
        if self._repository.add_specification(record, request_id or None):
            return OutputSpecification(record, output_format)
        first = self._repository.specification_by_request(account, request_id) if request_id else None
        if first is not None:  # a concurrent retry of this same request won the insert
            return _parsed(first)
        raise AlreadyExists(f"{name} exists already", field="name",
                            rule="an output specification name is used once per account; delete it first "
                                 "or upload under another name")

    def get(self, name: str) -> OutputSpecification:
        """Returns one specification with its content and parsed format."""
        return _parsed(self.stored(name, "name"))

    def stored(self, name: str, field: str) -> StoredSpecification:
        """Returns one stored specification, or raises NotFound naming field."""
        account, spec_id = names.parse_output_specification(name, field)
        record = self._repository.get_specification(account, spec_id)
        if record is None:
            raise NotFound(f"{name} does not exist", field=field, rule="must name an existing output specification")
        return record

    def list(self, parent: str, page_size: int, page_token: str) -> tuple[list[StoredSpecification], str]:
        """Returns one page of the account's specifications, newest first, without content."""
        account = names.parse_account(parent, "parent")
        size = pagination.page_size(page_size)
        query = {"account": account, "list": "outputSpecifications"}
        after = paging.decode(page_token, query)
        rows = self._repository.list_specifications(account, after, size + 1)
        return paging.page(rows, size, query, lambda record: Cursor(record.create_time, record.spec_id))

    def delete(self, name: str, request_id: str) -> None:
        """Deletes a specification no report definition names; a retry with the same request_id succeeds.

        Raises:
            FailedPrecondition: naming the report definitions that use it.
        """
        account, spec_id = names.parse_output_specification(name, "name")
        rules.check_request_id(request_id)
        if request_id and self._repository.deletion_done(account, request_id, name):
            return
        deleted, users = self._repository.delete_specification(account, spec_id, request_id or None)
        if users:
            shown = ", ".join(names.report(account, report_id) for report_id in users[:_SHOWN_DEFINITIONS])
            more = f" and {len(users) - _SHOWN_DEFINITIONS} more" if len(users) > _SHOWN_DEFINITIONS else ""
            raise FailedPrecondition(
                f"{name} is used by report definitions {shown}{more}", field="name",
                rule=f"must not be named by a report definition; change or delete first: {shown}{more}",
            )
        if not deleted:
            raise NotFound(f"{name} does not exist", field="name", rule="must name an existing output specification")

    def check_reference(self, account: str, name: str, report_type: ReportType | None) -> None:
        """Checks a report definition's output_specification: in its account, uploaded, for its report type.

        Raises:
            InvalidArgument: on report_definition.output.output_specification.
        """
        owner, spec_id = names.parse_output_specification(name, REFERENCE_FIELD)
        if owner != account:
            raise InvalidArgument(f"{name} belongs to account {owner}, not {account}", field=REFERENCE_FIELD,
                                  rule="must be in the definition's account")
        record = self._repository.get_specification(owner, spec_id)
        if record is None:
            raise missing_reference(name)
        if report_type is not None and record.report_type is not report_type:
            formats, wanted = info(record.report_type).display_name, info(report_type).display_name
            raise InvalidArgument(f"{name} formats {formats} reports, not {wanted}", field=REFERENCE_FIELD,
                                  rule="must be an output specification for the definition's report type")


def _parsed(record: StoredSpecification) -> OutputSpecification:
    return OutputSpecification(record, parse_specification(record.content))

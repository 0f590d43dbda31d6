"""Use cases on report definitions: create, get, list, update and delete.

Responses mask the file transfer password unless the caller asks for the delivery view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from reportsuite.core import pagination
from reportsuite.core.errors import Aborted, FailedPrecondition, InvalidArgument, NotFound
from services.catalog.domain import names, paging, rules
from services.catalog.domain.model import Cursor, DefinitionRecord, OutputOptions, ReportDefinition
from services.catalog.domain.passwords import restore_password
from services.catalog.domain.pgp_keys import PGP_ENCRYPT_FIELD, PgpKeys
from services.catalog.domain.ports import DefinitionRepository, OutputChecker
from services.catalog.domain.report_types import ReportType
from services.catalog.domain.specifications import OutputSpecifications, missing_reference
from services.catalog.domain.update_mask import apply_mask, check_mask

OUTPUT_FIELD = "report_definition.output"


class ReportDefinitions:
    """The report definition use cases, wired to a repository, the delivery check and a clock."""

    def __init__(self, repository: DefinitionRepository, checker: OutputChecker,
                 clock: Callable[[], datetime], specifications: OutputSpecifications | None = None,
                 pgp_keys: PgpKeys | None = None) -> None:
        self._repository = repository
        self._checker = checker
        self._clock = clock
        self._specifications = specifications
        self._pgp_keys = pgp_keys

    def create(self, parent: str, definition: ReportDefinition, request_id: str) -> DefinitionRecord:
        """Saves a new definition in the parent account; a repeated request_id returns the first one."""
        account = names.parse_account(parent, "parent")
        rules.check_request_id(request_id)
        if request_id:
            first = self._repository.definition_by_request(account, request_id)
            if first is not None:
                return first.masked()
        checked = self._validated(definition, stored_destination="")
        self._check_specification(account, checked)
        self._check_pgp(account, checked)
        now = self._clock()
        record = DefinitionRecord(account, names.new_id(), checked, now, now)
        return self._repository.add_definition(record, request_id or None).masked()

    def get(self, name: str, reveal_secrets: bool = False) -> DefinitionRecord:
        """Returns one definition; reveal_secrets (the delivery view) shows the transfer password."""
        record = self._load(name, "name")
        return record if reveal_secrets else record.masked()

    def list(self, parent: str, page_size: int, page_token: str) -> tuple[list[DefinitionRecord], str]:
        """Returns one page of the account's definitions, newest first, and the next page's token."""
        account = names.parse_account(parent, "parent")
        size = pagination.page_size(page_size)
        query = {"account": account}
        after = paging.decode(page_token, query)
        rows = self._repository.list_definitions(account, after, size + 1)
        found, token = paging.page(rows, size, query, _cursor)
        return [record.masked() for record in found], token

    def update(self, name: str, definition: ReportDefinition, paths: Sequence[str],
               request_id: str) -> DefinitionRecord:
        """Changes the fields the mask names, re-validates the whole definition and saves it.

        A masked transfer password sent back keeps the stored one. A retry with the request_id of the
        latest update returns the definition unchanged.
        """
        names.parse_report(name, "report_definition.name")
        mask = check_mask(paths)
        rules.check_request_id(request_id)
        current = self._load(name, "report_definition.name")
        repository = self._repository
        if request_id and repository.update_definition_request(current.account, current.report_id) == request_id:
            return current.masked()
        merged = apply_mask(current.definition, definition, mask)
        checked = self._validated(merged, current.definition.output.file_transfer.destination)
        self._check_specification(current.account, checked)
        self._check_pgp(current.account, checked)
        updated = replace(current, definition=checked, update_time=self._clock())
        if not self._repository.save_definition(updated, current.update_time, request_id or None):
            # Someone changed or deleted it while the delivery service checked: let the caller retry
            # rather than overwrite their change.
            raise Aborted(f"{name} changed during the update; retry", field="report_definition.name",
                          rule="concurrent update")
        return updated.masked()

    def delete(self, name: str, request_id: str) -> None:
        """Deletes a definition; its saved reports stay. A retried delete with the same request_id succeeds."""
        account, report_id = names.parse_report(name, "name")
        rules.check_request_id(request_id)
        if request_id and self._repository.deletion_done(account, request_id, name):
            return
        if not self._repository.delete_definition(account, report_id, request_id or None):
            raise NotFound(f"{name} does not exist", field="name", rule="must name an existing report definition")

    def _load(self, name: str, field: str) -> DefinitionRecord:
        account, report_id = names.parse_report(name, field)
        record = self._repository.get_definition(account, report_id)
        if record is None:
            raise NotFound(f"{name} does not exist", field=field, rule="must name an existing report definition")
        return record

    def _validated(self, definition: ReportDefinition, stored_destination: str) -> ReportDefinition:
        transfer = definition.output.file_transfer
        restored = restore_password(transfer.destination, stored_destination)
        definition = replace(
            definition, output=replace(definition.output, file_transfer=replace(transfer, destination=restored))
        )
        rules.validate_definition(definition)
        if definition.output.any_set() and definition.report_type is not None:
            self._check_output(definition.output, definition.report_type)
        return definition

    def _check_specification(self, account: str, definition: ReportDefinition) -> None:
        # The repository checks again, under a row lock, in the transaction that saves the
        # definition: this early check gives the precise reason (another account, another report).
        name = definition.output.output_specification
        if name:
            if self._specifications is None:
                raise missing_reference(name)
            self._specifications.check_reference(account, name, definition.report_type)

    def _check_pgp(self, account: str, definition: ReportDefinition) -> None:
        # pgp_encrypt with no key to encrypt to could only fail at every delivery: refuse it when saved.
        if definition.output.pgp_encrypt:
            if self._pgp_keys is None:
                raise FailedPrecondition("PGP encryption is not available in this catalog", field=PGP_ENCRYPT_FIELD,
                                         rule="pgp_encrypt needs a PGP public key imported into the account")
            self._pgp_keys.check_encryption_possible(account)

    def _check_output(self, output: OutputOptions, report_type: ReportType) -> None:
        try:
            self._checker.check(output, report_type)
        except InvalidArgument as error:
            field = f"{OUTPUT_FIELD}.{error.field}" if error.field else OUTPUT_FIELD
            raise InvalidArgument(error.message, field=field, rule=error.rule) from error


def _cursor(record: DefinitionRecord) -> Cursor:
    return Cursor(record.create_time, record.report_id)

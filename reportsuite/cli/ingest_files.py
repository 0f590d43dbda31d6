"""Reading activity files (CSV with a header row, or JSON lines) into GeneratorService ingest batches.

Records stream from the file in batches of ``BATCH_SIZE``, so a file of any size is sent without
being held in memory. A record this client cannot even parse is rejected here, with the same
position/field/reason shape the server uses, and the server's positions (which count only the
records it was sent) are mapped back to positions in the file.
"""

from __future__ import annotations

import csv
import json
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from reportsuite.generator.v1 import generator_pb2

# Half of the 10,000 records a request may carry: a batch stays far below the message size limit.
BATCH_SIZE = 5000
FORMATS = ("csv", "jsonl")
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}


class InputFileError(ValueError):
    """The file as a whole cannot be read (unknown format, unknown column)."""


@dataclass(frozen=True)
class Kind:
    """One ingest RPC: the record message, its request batch and the record's id field."""

    message: type[Message]
    request: type[Message]
    batch_field: str
    rpc: str
    id_field: str


KINDS: dict[str, Kind] = {
    "accounts": Kind(generator_pb2.Account, generator_pb2.IngestAccountsRequest, "accounts",
                     "IngestAccounts", "name"),
    "campaigns": Kind(generator_pb2.Campaign, generator_pb2.IngestCampaignsRequest, "campaigns",
                      "IngestCampaigns", "name"),
    "attempts": Kind(generator_pb2.Attempt, generator_pb2.IngestAttemptsRequest, "attempts",
                     "IngestAttempts", "attempt_id"),
}


def _kind(message: str, rpc: str, field: str, id_field: str) -> Kind:
    return Kind(getattr(generator_pb2, message), getattr(generator_pb2, f"{rpc}Request"), field, rpc, id_field)


# The rest of the activity model (docs/activity-model.md): file kind -> record, RPC, batch field, id.
KINDS.update({
    "enterprises": _kind("Enterprise", "IngestEnterprises", "enterprises", "name"),
    "contact-lists": _kind("ContactList", "IngestContactLists", "contact_lists", "name"),
    "list-loads": _kind("ListLoad", "IngestListLoads", "list_loads", "id"),
    "contacts": _kind("Contact", "IngestContacts", "contacts", "client_id"),
    "filtered-contacts": _kind("FilteredContact", "IngestFilteredContacts", "filtered_contacts", "id"),
    "direct-connect-attempts": _kind("DirectConnectAttempt", "IngestDirectConnectAttempts",
                                     "direct_connect_attempts", "attempt_id"),
    "agent-groups": _kind("AgentGroup", "IngestAgentGroups", "agent_groups", "name"),
    "agents": _kind("Agent", "IngestAgents", "agents", "name"),
    "agent-state-changes": _kind("AgentStateChange", "IngestAgentStateChanges", "agent_state_changes", "id"),
    "agent-actions": _kind("AgentAction", "IngestAgentActions", "agent_actions", "id"),
    "call-recordings": _kind("CallRecording", "IngestCallRecordings", "call_recordings", "id"),
    "session-transfers": _kind("SessionTransfer", "IngestSessionTransfers", "session_transfers", "id"),
    "text-opt-outs": _kind("TextOptOut", "IngestTextOptOuts", "text_opt_outs", "id"),
})


@dataclass(frozen=True)
class Record:
    """One record of the file: its message, or why it could not be read."""

    position: int
    line: int
    message: Message | None = None
    rejection: generator_pb2.RejectedRecord | None = None


def detect_format(path: Path, explicit: str | None = None) -> str:
    """The file's format: the one asked for, else the one its extension names."""
    if explicit:
        return explicit
    found = _EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise InputFileError(f"{path}: cannot tell the format from the extension; pass --format csv|jsonl")
    return found


def read_records(handle: TextIO, kind: Kind, file_format: str) -> Iterator[Record]:
    """Yields every record of an open file, in order."""
    if file_format == "csv":
        return _csv_records(handle, kind)
    return _jsonl_records(handle, kind)


def _jsonl_records(handle: TextIO, kind: Kind) -> Iterator[Record]:
    position = 0
    for line_number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as error:
            yield Record(position, line_number, rejection=_rejected(position, "", "", f"not JSON: {error}"))
        else:
            if isinstance(value, dict):
                yield _parse(value, kind, position, line_number)
            else:
                yield Record(position, line_number,
                             rejection=_rejected(position, "", "", "a line must hold one JSON object"))
        position += 1


def _csv_records(handle: TextIO, kind: Kind) -> Iterator[Record]:
    """Checks the header at once (before any RPC starts), then yields the rows lazily."""
    reader = csv.DictReader(handle)
    descriptor = kind.message.DESCRIPTOR
    unknown = [name for name in reader.fieldnames or [] if name not in descriptor.fields_by_name]
    if unknown:
        known = ", ".join(descriptor.fields_by_name)
        raise InputFileError(f"unknown column(s) {', '.join(unknown)}; the columns of {kind.batch_field} are: {known}")
    return _csv_rows(reader, kind)


def _csv_rows(reader: csv.DictReader[str], kind: Kind) -> Iterator[Record]:
    descriptor = kind.message.DESCRIPTOR
    for position, row in enumerate(reader):
        # reader.line_num is the line the row ended on; a quoted cell may span lines.
        line = reader.line_num
        try:
            value = _row_to_json(row, descriptor)
        except _FieldError as error:
            record_id = row.get(kind.id_field) or ""
            yield Record(position, line, rejection=_rejected(position, record_id, error.field, error.reason))
        else:
            yield _parse(value, kind, position, line)


class _FieldError(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def _row_to_json(row: dict[str, str | None], descriptor: Descriptor) -> dict[str, Any]:
    """Turns CSV cells into the JSON form of the message; empty cells are left unset."""
    value: dict[str, Any] = {}
    for name, cell in row.items():
        if name is None or cell is None or cell == "":
            continue
        field = descriptor.fields_by_name[name]
        value[name] = _cell(field, cell)
    return value


def _cell(field: FieldDescriptor, cell: str) -> Any:
    is_timestamp = field.message_type is not None and field.message_type.full_name == "google.protobuf.Timestamp"
    if field.is_repeated or (field.message_type is not None and not is_timestamp):
        try:
            return json.loads(cell)
        except ValueError:
            raise _FieldError(field.name, "this column holds JSON and the cell is not JSON") from None
    if field.type == FieldDescriptor.TYPE_BOOL:
        lowered = cell.strip().lower()
        if lowered not in ("true", "false", "1", "0", "yes", "no"):
            raise _FieldError(field.name, f"{cell!r} is not true/false")
        return lowered in ("true", "1", "yes")
    if field.enum_type is not None:
        return _enum_name(field, cell)
    return cell


def _enum_name(field: FieldDescriptor, cell: str) -> str:
    """Accepts ``CHANNEL_VOICE``, ``voice`` or ``Voice`` for an enum column."""
    names = field.enum_type.values_by_name
    wanted = cell.strip().upper().replace("-", "_")
    if wanted in names:
        return wanted
    prefix = next(iter(names)).rsplit("_UNSPECIFIED", 1)[0]
    return f"{prefix}_{wanted}" if f"{prefix}_{wanted}" in names else cell


def _parse(value: dict[str, Any], kind: Kind, position: int, line: int) -> Record:
    try:
        message = json_format.ParseDict(value, kind.message())
    except json_format.ParseError as error:
        field = _offending_field(value, kind.message)
        record_id = str(value.get(kind.id_field) or value.get(_camel(kind.id_field)) or "")
        return Record(position, line, rejection=_rejected(position, record_id, field, str(error)))
    return Record(position, line, message=message)


def _offending_field(value: dict[str, Any], message: type[Message]) -> str:
    """Finds the first field that fails on its own, to name it in the rejection."""
    for key, item in value.items():
        try:
            json_format.ParseDict({key: item}, message())
        except json_format.ParseError:
            field = message.DESCRIPTOR.fields_by_camelcase_name.get(key)
            return field.name if field is not None else key
    return ""


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _rejected(position: int, record_id: str, field: str, reason: str) -> generator_pb2.RejectedRecord:
    return generator_pb2.RejectedRecord(position=position, id=record_id, field=field, reason=reason)


def batches(kind: Kind, messages: Iterable[Message], size: int = BATCH_SIZE) -> Iterator[Message]:
    """Groups messages into ingest requests of at most ``size`` records."""
    batch: list[Message] = []
    for message in messages:
        batch.append(message)
        if len(batch) == size:
            yield kind.request(**{kind.batch_field: batch})
            batch = []
    if batch:
        yield kind.request(**{kind.batch_field: batch})


class Upload:
    """Streams a file's good records and reconciles the server's answer with the file.

    ``requests()`` is what the client-streaming RPC consumes; ``reconcile(response)`` then maps
    the server's rejected positions (counted over the records it was sent) back to positions in
    the file and adds the records rejected here, so the response describes the whole file.
    """

    def __init__(self, kind: Kind, records: Iterable[Record], size: int = BATCH_SIZE) -> None:
        self.kind = kind
        self._records = records
        self._size = size
        self._sent_positions = array("q")  # stream index -> file position
        self.lines = array("q")  # file position -> file line
        self.local_rejections: list[generator_pb2.RejectedRecord] = []
        self.error: Exception | None = None

    def requests(self) -> Iterator[Message]:
        return batches(self.kind, self._good_messages(), self._size)

    def _good_messages(self) -> Iterator[Message]:
        try:
            for record in self._records:
                self.lines.append(record.line)
                if record.rejection is not None:
                    self.local_rejections.append(record.rejection)
                    continue
                assert record.message is not None
                self._sent_positions.append(record.position)
                yield record.message
        except (OSError, ValueError) as error:
            # Raised inside gRPC's sending thread, this only cancels the call: keep it for the caller.
            self.error = error
            raise

    def reconcile(self, response: Message) -> Message:
        """Returns the response with file positions, local rejections included, sorted by position."""
        merged = type(response)()
        merged.CopyFrom(response)
        del merged.rejected[:]
        rejected = []
        for record in response.rejected:
            mapped = type(record)()
            mapped.CopyFrom(record)
            if 0 <= record.position < len(self._sent_positions):
                mapped.position = self._sent_positions[record.position]
            rejected.append(mapped)
        rejected.extend(self.local_rejections)
        merged.rejected.extend(sorted(rejected, key=lambda r: r.position))
        merged.received = response.received + len(self.local_rejections)
        return merged

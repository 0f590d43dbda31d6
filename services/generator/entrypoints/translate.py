"""Proto <-> domain translation for the activity records beyond accounts, campaigns and attempts.

Nothing here validates but the strings: an enum the sender left UNSPECIFIED becomes None and an
unset Timestamp becomes None, and the domain's rules reject them with the field's name. A record
holding a string no store can keep (a NUL, or longer than the service-wide limit) is handed over
as ``ingest.Refused``, so it is rejected alone at its position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from google.protobuf.message import Message

from reportsuite.core.errors import InvalidArgument
from reportsuite.core.security.policy import MAX_STRING_CHARS
from reportsuite.core.security.tenancy import inspect
from reportsuite.core.timestamps import from_proto
from reportsuite.generator.v1 import generator_pb2 as pb
from services.generator.domain import records as r
from services.generator.domain.ingest import Refused
from services.generator.domain.model import Channel, DeviceType, IngestResult, PassType

T = TypeVar("T")

CHANNELS: dict[Any, Channel] = {
    pb.CHANNEL_VOICE: Channel.VOICE, pb.CHANNEL_TEXT: Channel.TEXT,
    pb.CHANNEL_EMAIL: Channel.EMAIL, pb.CHANNEL_WEB: Channel.WEB,
}
CHANNEL_PROTOS: dict[Channel, Any] = {channel: number for number, channel in CHANNELS.items()}
PASS_TYPES: dict[Any, PassType] = {
    pb.PASS_TYPE_STANDARD: PassType.STANDARD, pb.PASS_TYPE_PREVIEW: PassType.PREVIEW,
    pb.PASS_TYPE_PREDICTIVE: PassType.PREDICTIVE,
}
PASS_TYPE_PROTOS: dict[PassType, Any] = {value: number for number, value in PASS_TYPES.items()}
DEVICE_TYPES: dict[Any, DeviceType] = {
    pb.DEVICE_TYPE_HOME: DeviceType.HOME, pb.DEVICE_TYPE_WORK: DeviceType.WORK,
    pb.DEVICE_TYPE_MOBILE: DeviceType.MOBILE, pb.DEVICE_TYPE_OTHER: DeviceType.OTHER,
    pb.DEVICE_TYPE_EMAIL: DeviceType.EMAIL,
}
_AGENT_TYPES = {pb.AGENT_TYPE_VOICE: r.AgentType.VOICE, pb.AGENT_TYPE_TEXT: r.AgentType.TEXT}
_AGENT_STATES = {
    pb.AGENT_STATE_READY: r.AgentState.READY, pb.AGENT_STATE_NOT_READY: r.AgentState.NOT_READY,
    pb.AGENT_STATE_TALKING: r.AgentState.TALKING, pb.AGENT_STATE_ON_HOLD: r.AgentState.ON_HOLD,
    pb.AGENT_STATE_AFTER_CALL_WORK: r.AgentState.AFTER_CALL_WORK,
}
_TRANSFER_TYPES = {
    pb.TRANSFER_TYPE_BLIND: r.TransferType.BLIND, pb.TRANSFER_TYPE_WARM: r.TransferType.WARM,
    pb.TRANSFER_TYPE_CONFERENCE: r.TransferType.CONFERENCE,
}


def _when(message: Message, field: str) -> Any:
    return from_proto(getattr(message, field), present=message.HasField(field))


def batches(requests: Iterable[Any], field: str, convert: Callable[[Any], T]) -> Iterator[Sequence[T | Refused]]:
    """The domain records of a client stream, batch by batch."""
    for request in requests:
        records = getattr(request, field)
        if _storable(request):  # one walk over the whole batch: the usual case
            yield [convert(record) for record in records]
        else:
            yield [_record(record, convert) for record in records]


def _storable(message: Message) -> bool:
    try:
        inspect(message, max_string=MAX_STRING_CHARS, collect=False)
    except InvalidArgument:
        return False
    return True


def _record(message: Message, convert: Callable[[Any], T]) -> T | Refused:
    try:
        inspect(message, max_string=MAX_STRING_CHARS, collect=False)
    except InvalidArgument as error:
        return Refused(convert(message), error)
    return convert(message)


def ingest_response(response_type: type[Message], result: IngestResult) -> Any:
    """Any Ingest*Response: the counts and the rejected records."""
    rejected = [pb.RejectedRecord(position=x.position, id=x.id, field=x.field, reason=x.reason)
                for x in result.rejected]
    return response_type(received=result.received, stored=result.stored, duplicates=result.duplicates,
                         rejected=rejected)


def responses(answers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """Response Group answers in a stable order (most attempts have none: skip the sort)."""
    return tuple(sorted(answers.items())) if answers else ()


def named(message: Any) -> r.NamedInput:
    return r.NamedInput(message.name, message.display_name)


def agent(message: pb.Agent) -> r.AgentInput:
    return r.AgentInput(message.name, message.display_name, _AGENT_TYPES.get(message.agent_type),
                        tuple(message.agent_groups))


def list_load(m: pb.ListLoad) -> r.ListLoad:
    return r.ListLoad(m.id, m.account, m.contact_list, m.original_list_name, _when(m, "start_time"),
                      _when(m, "end_time"), m.total_records, m.rejected_records)


def contact(m: pb.Contact) -> r.Contact:
    devices = tuple(r.Device(d.address, DEVICE_TYPES.get(d.device_type), d.wireless) for d in m.devices)
    return r.Contact(m.account, m.client_id, m.contact_list, m.first_name, m.last_name, devices)


def filtered_contact(m: pb.FilteredContact) -> r.FilteredContact:
    return r.FilteredContact(m.id, m.account, m.campaign, m.sub_campaign, m.pass_id, m.client_id,
                             CHANNELS.get(m.channel), m.device, DEVICE_TYPES.get(m.device_type), m.status,
                             _when(m, "filter_time"))


def direct_connect_attempt(m: pb.DirectConnectAttempt) -> r.DirectConnectAttempt:
    return r.DirectConnectAttempt(m.attempt_id, m.sequence, m.account, m.campaign, m.sub_campaign, m.client_id,
                                  m.dc_number, m.status, _when(m, "start_time"), _when(m, "complete_time"),
                                  m.ring_seconds, m.hold_seconds, m.talk_seconds)


def agent_state_change(m: pb.AgentStateChange) -> r.AgentStateChange:
    return r.AgentStateChange(m.id, m.account, m.agent_id, m.agent_group, _AGENT_STATES.get(m.state),
                              _when(m, "start_time"), m.duration_seconds)


def agent_action(m: pb.AgentAction) -> r.AgentAction:
    return r.AgentAction(m.id, m.account, m.agent_id, m.action, _when(m, "action_time"), m.detail, m.campaign)


def call_recording(m: pb.CallRecording) -> r.CallRecording:
    return r.CallRecording(m.id, m.account, m.campaign, m.sub_campaign, m.attempt_id, m.client_id, m.agent_id,
                           m.agent_group, m.disposition_code, _when(m, "start_time"), m.duration_seconds, m.url)


def session_transfer(m: pb.SessionTransfer) -> r.SessionTransfer:
    return r.SessionTransfer(m.id, m.account, m.campaign, m.sub_campaign, m.attempt_id,
                             _TRANSFER_TYPES.get(m.transfer_type), m.from_agent, m.to_agent, m.to_number,
                             _when(m, "transfer_time"), m.ring_seconds, m.hold_seconds, m.talk_seconds)


def text_opt_out(m: pb.TextOptOut) -> r.TextOptOut:
    return r.TextOptOut(m.id, m.account, m.campaign, m.sub_campaign, m.client_id, m.device,
                        _when(m, "opt_out_time"), m.keyword, m.message)

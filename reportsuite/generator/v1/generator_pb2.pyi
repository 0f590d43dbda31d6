import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Channel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_UNSPECIFIED: _ClassVar[Channel]
    CHANNEL_VOICE: _ClassVar[Channel]
    CHANNEL_TEXT: _ClassVar[Channel]
    CHANNEL_EMAIL: _ClassVar[Channel]
    CHANNEL_WEB: _ClassVar[Channel]

class PassType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PASS_TYPE_UNSPECIFIED: _ClassVar[PassType]
    PASS_TYPE_STANDARD: _ClassVar[PassType]
    PASS_TYPE_PREVIEW: _ClassVar[PassType]
    PASS_TYPE_PREDICTIVE: _ClassVar[PassType]

class DeviceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEVICE_TYPE_UNSPECIFIED: _ClassVar[DeviceType]
    DEVICE_TYPE_HOME: _ClassVar[DeviceType]
    DEVICE_TYPE_WORK: _ClassVar[DeviceType]
    DEVICE_TYPE_MOBILE: _ClassVar[DeviceType]
    DEVICE_TYPE_OTHER: _ClassVar[DeviceType]
    DEVICE_TYPE_EMAIL: _ClassVar[DeviceType]

class AgentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGENT_TYPE_UNSPECIFIED: _ClassVar[AgentType]
    AGENT_TYPE_VOICE: _ClassVar[AgentType]
    AGENT_TYPE_TEXT: _ClassVar[AgentType]

class AgentState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGENT_STATE_UNSPECIFIED: _ClassVar[AgentState]
    AGENT_STATE_READY: _ClassVar[AgentState]
    AGENT_STATE_NOT_READY: _ClassVar[AgentState]
    AGENT_STATE_TALKING: _ClassVar[AgentState]
    AGENT_STATE_ON_HOLD: _ClassVar[AgentState]
    AGENT_STATE_AFTER_CALL_WORK: _ClassVar[AgentState]

class TransferType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRANSFER_TYPE_UNSPECIFIED: _ClassVar[TransferType]
    TRANSFER_TYPE_BLIND: _ClassVar[TransferType]
    TRANSFER_TYPE_WARM: _ClassVar[TransferType]
    TRANSFER_TYPE_CONFERENCE: _ClassVar[TransferType]
CHANNEL_UNSPECIFIED: Channel
CHANNEL_VOICE: Channel
CHANNEL_TEXT: Channel
CHANNEL_EMAIL: Channel
CHANNEL_WEB: Channel
PASS_TYPE_UNSPECIFIED: PassType
PASS_TYPE_STANDARD: PassType
PASS_TYPE_PREVIEW: PassType
PASS_TYPE_PREDICTIVE: PassType
DEVICE_TYPE_UNSPECIFIED: DeviceType
DEVICE_TYPE_HOME: DeviceType
DEVICE_TYPE_WORK: DeviceType
DEVICE_TYPE_MOBILE: DeviceType
DEVICE_TYPE_OTHER: DeviceType
DEVICE_TYPE_EMAIL: DeviceType
AGENT_TYPE_UNSPECIFIED: AgentType
AGENT_TYPE_VOICE: AgentType
AGENT_TYPE_TEXT: AgentType
AGENT_STATE_UNSPECIFIED: AgentState
AGENT_STATE_READY: AgentState
AGENT_STATE_NOT_READY: AgentState
AGENT_STATE_TALKING: AgentState
AGENT_STATE_ON_HOLD: AgentState
AGENT_STATE_AFTER_CALL_WORK: AgentState
TRANSFER_TYPE_UNSPECIFIED: TransferType
TRANSFER_TYPE_BLIND: TransferType
TRANSFER_TYPE_WARM: TransferType
TRANSFER_TYPE_CONFERENCE: TransferType

class Account(_message.Message):
    __slots__ = ("name", "display_name", "enterprise", "reports_time_zone", "cost_visible")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    REPORTS_TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    COST_VISIBLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    enterprise: str
    reports_time_zone: str
    cost_visible: bool
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., enterprise: _Optional[str] = ..., reports_time_zone: _Optional[str] = ..., cost_visible: _Optional[bool] = ...) -> None: ...

class SubCampaign(_message.Message):
    __slots__ = ("id", "display_name", "contact_list", "passes")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_LIST_FIELD_NUMBER: _ClassVar[int]
    PASSES_FIELD_NUMBER: _ClassVar[int]
    id: str
    display_name: str
    contact_list: str
    passes: _containers.RepeatedCompositeFieldContainer[Pass]
    def __init__(self, id: _Optional[str] = ..., display_name: _Optional[str] = ..., contact_list: _Optional[str] = ..., passes: _Optional[_Iterable[_Union[Pass, _Mapping]]] = ...) -> None: ...

class Campaign(_message.Message):
    __slots__ = ("name", "display_name", "start_time", "end_time", "sub_campaigns")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGNS_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    sub_campaigns: _containers.RepeatedCompositeFieldContainer[SubCampaign]
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sub_campaigns: _Optional[_Iterable[_Union[SubCampaign, _Mapping]]] = ...) -> None: ...

class Attempt(_message.Message):
    __slots__ = ("attempt_id", "account", "campaign", "sub_campaign", "client_id", "channel", "device", "status", "start_time", "complete_time", "ring_seconds", "talk_seconds", "message_content", "pass_id", "device_type", "responses")
    class ResponsesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ATTEMPT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_TIME_FIELD_NUMBER: _ClassVar[int]
    RING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TALK_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_CONTENT_FIELD_NUMBER: _ClassVar[int]
    PASS_ID_FIELD_NUMBER: _ClassVar[int]
    DEVICE_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    attempt_id: str
    account: str
    campaign: str
    sub_campaign: str
    client_id: str
    channel: Channel
    device: str
    status: str
    start_time: _timestamp_pb2.Timestamp
    complete_time: _timestamp_pb2.Timestamp
    ring_seconds: int
    talk_seconds: int
    message_content: str
    pass_id: str
    device_type: DeviceType
    responses: _containers.ScalarMap[str, str]
    def __init__(self, attempt_id: _Optional[str] = ..., account: _Optional[str] = ..., campaign: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., client_id: _Optional[str] = ..., channel: _Optional[_Union[Channel, str]] = ..., device: _Optional[str] = ..., status: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., complete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ring_seconds: _Optional[int] = ..., talk_seconds: _Optional[int] = ..., message_content: _Optional[str] = ..., pass_id: _Optional[str] = ..., device_type: _Optional[_Union[DeviceType, str]] = ..., responses: _Optional[_Mapping[str, str]] = ...) -> None: ...

class RejectedRecord(_message.Message):
    __slots__ = ("position", "id", "field", "reason")
    POSITION_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    position: int
    id: str
    field: str
    reason: str
    def __init__(self, position: _Optional[int] = ..., id: _Optional[str] = ..., field: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class IngestAccountsRequest(_message.Message):
    __slots__ = ("accounts",)
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[Account]
    def __init__(self, accounts: _Optional[_Iterable[_Union[Account, _Mapping]]] = ...) -> None: ...

class IngestAccountsResponse(_message.Message):
    __slots__ = ("received", "stored", "rejected", "duplicates")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    duplicates: int
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ..., duplicates: _Optional[int] = ...) -> None: ...

class IngestCampaignsRequest(_message.Message):
    __slots__ = ("campaigns",)
    CAMPAIGNS_FIELD_NUMBER: _ClassVar[int]
    campaigns: _containers.RepeatedCompositeFieldContainer[Campaign]
    def __init__(self, campaigns: _Optional[_Iterable[_Union[Campaign, _Mapping]]] = ...) -> None: ...

class IngestCampaignsResponse(_message.Message):
    __slots__ = ("received", "stored", "rejected", "duplicates")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    duplicates: int
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ..., duplicates: _Optional[int] = ...) -> None: ...

class IngestAttemptsRequest(_message.Message):
    __slots__ = ("attempts",)
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    attempts: _containers.RepeatedCompositeFieldContainer[Attempt]
    def __init__(self, attempts: _Optional[_Iterable[_Union[Attempt, _Mapping]]] = ...) -> None: ...

class IngestAttemptsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetAccountResponse(_message.Message):
    __slots__ = ("account",)
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    account: Account
    def __init__(self, account: _Optional[_Union[Account, _Mapping]] = ...) -> None: ...

class GetCampaignRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetCampaignResponse(_message.Message):
    __slots__ = ("campaign",)
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    campaign: Campaign
    def __init__(self, campaign: _Optional[_Union[Campaign, _Mapping]] = ...) -> None: ...

class Status(_message.Message):
    __slots__ = ("code", "channels", "rank", "description", "direct_connect")
    CODE_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DIRECT_CONNECT_FIELD_NUMBER: _ClassVar[int]
    code: str
    channels: _containers.RepeatedScalarFieldContainer[Channel]
    rank: int
    description: str
    direct_connect: bool
    def __init__(self, code: _Optional[str] = ..., channels: _Optional[_Iterable[_Union[Channel, str]]] = ..., rank: _Optional[int] = ..., description: _Optional[str] = ..., direct_connect: _Optional[bool] = ...) -> None: ...

class ListStatusesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListStatusesResponse(_message.Message):
    __slots__ = ("statuses",)
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.RepeatedCompositeFieldContainer[Status]
    def __init__(self, statuses: _Optional[_Iterable[_Union[Status, _Mapping]]] = ...) -> None: ...

class GetIngestCutoffRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetIngestCutoffResponse(_message.Message):
    __slots__ = ("cutoff",)
    CUTOFF_FIELD_NUMBER: _ClassVar[int]
    cutoff: str
    def __init__(self, cutoff: _Optional[str] = ...) -> None: ...

class Pass(_message.Message):
    __slots__ = ("id", "display_name", "channel", "pass_type")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PASS_TYPE_FIELD_NUMBER: _ClassVar[int]
    id: str
    display_name: str
    channel: Channel
    pass_type: PassType
    def __init__(self, id: _Optional[str] = ..., display_name: _Optional[str] = ..., channel: _Optional[_Union[Channel, str]] = ..., pass_type: _Optional[_Union[PassType, str]] = ...) -> None: ...

class Enterprise(_message.Message):
    __slots__ = ("name", "display_name")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ...) -> None: ...

class ContactList(_message.Message):
    __slots__ = ("name", "display_name")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ...) -> None: ...

class ListLoad(_message.Message):
    __slots__ = ("id", "account", "contact_list", "original_list_name", "start_time", "end_time", "total_records", "rejected_records")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CONTACT_LIST_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_LIST_NAME_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    TOTAL_RECORDS_FIELD_NUMBER: _ClassVar[int]
    REJECTED_RECORDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    account: str
    contact_list: str
    original_list_name: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    total_records: int
    rejected_records: int
    def __init__(self, id: _Optional[str] = ..., account: _Optional[str] = ..., contact_list: _Optional[str] = ..., original_list_name: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., total_records: _Optional[int] = ..., rejected_records: _Optional[int] = ...) -> None: ...

class Device(_message.Message):
    __slots__ = ("address", "device_type", "wireless")
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    DEVICE_TYPE_FIELD_NUMBER: _ClassVar[int]
    WIRELESS_FIELD_NUMBER: _ClassVar[int]
    address: str
    device_type: DeviceType
    wireless: bool
    def __init__(self, address: _Optional[str] = ..., device_type: _Optional[_Union[DeviceType, str]] = ..., wireless: _Optional[bool] = ...) -> None: ...

class Contact(_message.Message):
    __slots__ = ("account", "client_id", "contact_list", "first_name", "last_name", "devices")
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CONTACT_LIST_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    account: str
    client_id: str
    contact_list: str
    first_name: str
    last_name: str
    devices: _containers.RepeatedCompositeFieldContainer[Device]
    def __init__(self, account: _Optional[str] = ..., client_id: _Optional[str] = ..., contact_list: _Optional[str] = ..., first_name: _Optional[str] = ..., last_name: _Optional[str] = ..., devices: _Optional[_Iterable[_Union[Device, _Mapping]]] = ...) -> None: ...

class FilteredContact(_message.Message):
    __slots__ = ("id", "account", "campaign", "sub_campaign", "pass_id", "client_id", "channel", "device", "device_type", "status", "filter_time")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    PASS_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    DEVICE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FILTER_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    account: str
    campaign: str
    sub_campaign: str
    pass_id: str
    client_id: str
    channel: Channel
    device: str
    device_type: DeviceType
    status: str
    filter_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., account: _Optional[str] = ..., campaign: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., pass_id: _Optional[str] = ..., client_id: _Optional[str] = ..., channel: _Optional[_Union[Channel, str]] = ..., device: _Optional[str] = ..., device_type: _Optional[_Union[DeviceType, str]] = ..., status: _Optional[str] = ..., filter_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DirectConnectAttempt(_message.Message):
    __slots__ = ("attempt_id", "sequence", "account", "campaign", "sub_campaign", "client_id", "dc_number", "status", "start_time", "complete_time", "ring_seconds", "hold_seconds", "talk_seconds")
    ATTEMPT_ID_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    DC_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_TIME_FIELD_NUMBER: _ClassVar[int]
    RING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    HOLD_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TALK_SECONDS_FIELD_NUMBER: _ClassVar[int]
    attempt_id: str
    sequence: int
    account: str
    campaign: str
    sub_campaign: str
    client_id: str
    dc_number: str
    status: str
    start_time: _timestamp_pb2.Timestamp
    complete_time: _timestamp_pb2.Timestamp
    ring_seconds: int
    hold_seconds: int
    talk_seconds: int
    def __init__(self, attempt_id: _Optional[str] = ..., sequence: _Optional[int] = ..., account: _Optional[str] = ..., campaign: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., client_id: _Optional[str] = ..., dc_number: _Optional[str] = ..., status: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., complete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ring_seconds: _Optional[int] = ..., hold_seconds: _Optional[int] = ..., talk_seconds: _Optional[int] = ...) -> None: ...

class AgentGroup(_message.Message):
    __slots__ = ("name", "display_name")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ...) -> None: ...

class Agent(_message.Message):
    __slots__ = ("name", "display_name", "agent_type", "agent_groups")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    AGENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AGENT_GROUPS_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    agent_type: AgentType
    agent_groups: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., agent_type: _Optional[_Union[AgentType, str]] = ..., agent_groups: _Optional[_Iterable[str]] = ...) -> None: ...

class AgentStateChange(_message.Message):
    __slots__ = ("id", "account", "agent_id", "agent_group", "state", "start_time", "duration_seconds")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_GROUP_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    account: str
    agent_id: str
    agent_group: str
    state: AgentState
    start_time: _timestamp_pb2.Timestamp
    duration_seconds: int
    def __init__(self, id: _Optional[str] = ..., account: _Optional[str] = ..., agent_id: _Optional[str] = ..., agent_group: _Optional[str] = ..., state: _Optional[_Union[AgentState, str]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration_seconds: _Optional[int] = ...) -> None: ...

class AgentAction(_message.Message):
    __slots__ = ("id", "account", "agent_id", "action", "action_time", "detail", "campaign")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTION_TIME_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    id: str
    account: str
    agent_id: str
    action: str
    action_time: _timestamp_pb2.Timestamp
    detail: str
    campaign: str
    def __init__(self, id: _Optional[str] = ..., account: _Optional[str] = ..., agent_id: _Optional[str] = ..., action: _Optional[str] = ..., action_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., detail: _Optional[str] = ..., campaign: _Optional[str] = ...) -> None: ...

class CallRecording(_message.Message):
    __slots__ = ("id", "account", "campaign", "sub_campaign", "attempt_id", "client_id", "agent_id", "agent_group", "disposition_code", "start_time", "duration_seconds", "url")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_GROUP_FIELD_NUMBER: _ClassVar[int]
    DISPOSITION_CODE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    id: str
    account: str
    campaign: str
    sub_campaign: str
    attempt_id: str
    client_id: str
    agent_id: str
    agent_group: str
    disposition_code: str
    start_time: _timestamp_pb2.Timestamp
    duration_seconds: int
    url: str
    def __init__(self, id: _Optional[str] = ..., account: _Optional[str] = ..., campaign: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., attempt_id: _Optional[str] = ..., client_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., agent_group: _Optional[str] = ..., disposition_code: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration_seconds: _Optional[int] = ..., url: _Optional[str] = ...) -> None: ...

class SessionTransfer(_message.Message):
    __slots__ = ("id", "account", "campaign", "sub_campaign", "attempt_id", "transfer_type", "from_agent", "to_agent", "to_number", "transfer_time", "ring_seconds", "hold_seconds", "talk_seconds")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_TYPE_FIELD_NUMBER: _ClassVar[int]
    FROM_AGENT_FIELD_NUMBER: _ClassVar[int]
    TO_AGENT_FIELD_NUMBER: _ClassVar[int]
    TO_NUMBER_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_TIME_FIELD_NUMBER: _ClassVar[int]
    RING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    HOLD_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TALK_SECONDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    account: str
    campaign: str
    sub_campaign: str
    attempt_id: str
    transfer_type: TransferType
    from_agent: str
    to_agent: str
    to_number: str
    transfer_time: _timestamp_pb2.Timestamp
    ring_seconds: int
    hold_seconds: int
    talk_seconds: int
    def __init__(self, id: _Optional[str] = ..., account: _Optional[str] = ..., campaign: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., attempt_id: _Optional[str] = ..., transfer_type: _Optional[_Union[TransferType, str]] = ..., from_agent: _Optional[str] = ..., to_agent: _Optional[str] = ..., to_number: _Optional[str] = ..., transfer_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ring_seconds: _Optional[int] = ..., hold_seconds: _Optional[int] = ..., talk_seconds: _Optional[int] = ...) -> None: ...

class TextOptOut(_message.Message):
    __slots__ = ("id", "account", "campaign", "sub_campaign", "client_id", "device", "opt_out_time", "keyword", "message")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    OPT_OUT_TIME_FIELD_NUMBER: _ClassVar[int]
    KEYWORD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    id: str
    account: str
    campaign: str
    sub_campaign: str
    client_id: str
    device: str
    opt_out_time: _timestamp_pb2.Timestamp
    keyword: str
    message: str
    def __init__(self, id: _Optional[str] = ..., account: _Optional[str] = ..., campaign: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., client_id: _Optional[str] = ..., device: _Optional[str] = ..., opt_out_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., keyword: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class IngestEnterprisesRequest(_message.Message):
    __slots__ = ("enterprises",)
    ENTERPRISES_FIELD_NUMBER: _ClassVar[int]
    enterprises: _containers.RepeatedCompositeFieldContainer[Enterprise]
    def __init__(self, enterprises: _Optional[_Iterable[_Union[Enterprise, _Mapping]]] = ...) -> None: ...

class IngestEnterprisesResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestContactListsRequest(_message.Message):
    __slots__ = ("contact_lists",)
    CONTACT_LISTS_FIELD_NUMBER: _ClassVar[int]
    contact_lists: _containers.RepeatedCompositeFieldContainer[ContactList]
    def __init__(self, contact_lists: _Optional[_Iterable[_Union[ContactList, _Mapping]]] = ...) -> None: ...

class IngestContactListsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestListLoadsRequest(_message.Message):
    __slots__ = ("list_loads",)
    LIST_LOADS_FIELD_NUMBER: _ClassVar[int]
    list_loads: _containers.RepeatedCompositeFieldContainer[ListLoad]
    def __init__(self, list_loads: _Optional[_Iterable[_Union[ListLoad, _Mapping]]] = ...) -> None: ...

class IngestListLoadsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestContactsRequest(_message.Message):
    __slots__ = ("contacts",)
    CONTACTS_FIELD_NUMBER: _ClassVar[int]
    contacts: _containers.RepeatedCompositeFieldContainer[Contact]
    def __init__(self, contacts: _Optional[_Iterable[_Union[Contact, _Mapping]]] = ...) -> None: ...

class IngestContactsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestFilteredContactsRequest(_message.Message):
    __slots__ = ("filtered_contacts",)
    FILTERED_CONTACTS_FIELD_NUMBER: _ClassVar[int]
    filtered_contacts: _containers.RepeatedCompositeFieldContainer[FilteredContact]
    def __init__(self, filtered_contacts: _Optional[_Iterable[_Union[FilteredContact, _Mapping]]] = ...) -> None: ...

class IngestFilteredContactsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestDirectConnectAttemptsRequest(_message.Message):
    __slots__ = ("direct_connect_attempts",)
    DIRECT_CONNECT_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    direct_connect_attempts: _containers.RepeatedCompositeFieldContainer[DirectConnectAttempt]
    def __init__(self, direct_connect_attempts: _Optional[_Iterable[_Union[DirectConnectAttempt, _Mapping]]] = ...) -> None: ...

class IngestDirectConnectAttemptsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestAgentGroupsRequest(_message.Message):
    __slots__ = ("agent_groups",)
    AGENT_GROUPS_FIELD_NUMBER: _ClassVar[int]
    agent_groups: _containers.RepeatedCompositeFieldContainer[AgentGroup]
    def __init__(self, agent_groups: _Optional[_Iterable[_Union[AgentGroup, _Mapping]]] = ...) -> None: ...

class IngestAgentGroupsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestAgentsRequest(_message.Message):
    __slots__ = ("agents",)
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    agents: _containers.RepeatedCompositeFieldContainer[Agent]
    def __init__(self, agents: _Optional[_Iterable[_Union[Agent, _Mapping]]] = ...) -> None: ...

class IngestAgentsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestAgentStateChangesRequest(_message.Message):
    __slots__ = ("agent_state_changes",)
    AGENT_STATE_CHANGES_FIELD_NUMBER: _ClassVar[int]
    agent_state_changes: _containers.RepeatedCompositeFieldContainer[AgentStateChange]
    def __init__(self, agent_state_changes: _Optional[_Iterable[_Union[AgentStateChange, _Mapping]]] = ...) -> None: ...

class IngestAgentStateChangesResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestAgentActionsRequest(_message.Message):
    __slots__ = ("agent_actions",)
    AGENT_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    agent_actions: _containers.RepeatedCompositeFieldContainer[AgentAction]
    def __init__(self, agent_actions: _Optional[_Iterable[_Union[AgentAction, _Mapping]]] = ...) -> None: ...

class IngestAgentActionsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestCallRecordingsRequest(_message.Message):
    __slots__ = ("call_recordings",)
    CALL_RECORDINGS_FIELD_NUMBER: _ClassVar[int]
    call_recordings: _containers.RepeatedCompositeFieldContainer[CallRecording]
    def __init__(self, call_recordings: _Optional[_Iterable[_Union[CallRecording, _Mapping]]] = ...) -> None: ...

class IngestCallRecordingsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestSessionTransfersRequest(_message.Message):
    __slots__ = ("session_transfers",)
    SESSION_TRANSFERS_FIELD_NUMBER: _ClassVar[int]
    session_transfers: _containers.RepeatedCompositeFieldContainer[SessionTransfer]
    def __init__(self, session_transfers: _Optional[_Iterable[_Union[SessionTransfer, _Mapping]]] = ...) -> None: ...

class IngestSessionTransfersResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestTextOptOutsRequest(_message.Message):
    __slots__ = ("text_opt_outs",)
    TEXT_OPT_OUTS_FIELD_NUMBER: _ClassVar[int]
    text_opt_outs: _containers.RepeatedCompositeFieldContainer[TextOptOut]
    def __init__(self, text_opt_outs: _Optional[_Iterable[_Union[TextOptOut, _Mapping]]] = ...) -> None: ...

class IngestTextOptOutsResponse(_message.Message):
    __slots__ = ("received", "stored", "duplicates", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    duplicates: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., duplicates: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class TraceContactRequest(_message.Message):
    __slots__ = ("parent", "client_id", "phone_number", "email_address", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    EMAIL_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    client_id: str
    phone_number: str
    email_address: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., client_id: _Optional[str] = ..., phone_number: _Optional[str] = ..., email_address: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class TraceContactResponse(_message.Message):
    __slots__ = ("entries", "next_page_token", "client_ids")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IDS_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[ContactTraceEntry]
    next_page_token: str
    client_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, entries: _Optional[_Iterable[_Union[ContactTraceEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., client_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ContactTraceEntry(_message.Message):
    __slots__ = ("kind", "time", "account", "campaign", "campaign_name", "sub_campaign", "sub_campaign_name", "pass_id", "client_id", "channel", "device", "status", "status_description", "rank", "attempt_id", "sequence", "complete_time", "ring_seconds", "hold_seconds", "talk_seconds", "message_content")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[ContactTraceEntry.Kind]
        KIND_ATTEMPT: _ClassVar[ContactTraceEntry.Kind]
        KIND_FILTERED: _ClassVar[ContactTraceEntry.Kind]
        KIND_DIRECT_CONNECT: _ClassVar[ContactTraceEntry.Kind]
    KIND_UNSPECIFIED: ContactTraceEntry.Kind
    KIND_ATTEMPT: ContactTraceEntry.Kind
    KIND_FILTERED: ContactTraceEntry.Kind
    KIND_DIRECT_CONNECT: ContactTraceEntry.Kind
    KIND_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_NAME_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_NAME_FIELD_NUMBER: _ClassVar[int]
    PASS_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_ID_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_TIME_FIELD_NUMBER: _ClassVar[int]
    RING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    HOLD_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TALK_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_CONTENT_FIELD_NUMBER: _ClassVar[int]
    kind: ContactTraceEntry.Kind
    time: _timestamp_pb2.Timestamp
    account: str
    campaign: str
    campaign_name: str
    sub_campaign: str
    sub_campaign_name: str
    pass_id: str
    client_id: str
    channel: Channel
    device: str
    status: str
    status_description: str
    rank: int
    attempt_id: str
    sequence: int
    complete_time: _timestamp_pb2.Timestamp
    ring_seconds: int
    hold_seconds: int
    talk_seconds: int
    message_content: str
    def __init__(self, kind: _Optional[_Union[ContactTraceEntry.Kind, str]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., account: _Optional[str] = ..., campaign: _Optional[str] = ..., campaign_name: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., sub_campaign_name: _Optional[str] = ..., pass_id: _Optional[str] = ..., client_id: _Optional[str] = ..., channel: _Optional[_Union[Channel, str]] = ..., device: _Optional[str] = ..., status: _Optional[str] = ..., status_description: _Optional[str] = ..., rank: _Optional[int] = ..., attempt_id: _Optional[str] = ..., sequence: _Optional[int] = ..., complete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ring_seconds: _Optional[int] = ..., hold_seconds: _Optional[int] = ..., talk_seconds: _Optional[int] = ..., message_content: _Optional[str] = ...) -> None: ...

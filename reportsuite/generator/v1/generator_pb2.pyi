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
CHANNEL_UNSPECIFIED: Channel
CHANNEL_VOICE: Channel
CHANNEL_TEXT: Channel
CHANNEL_EMAIL: Channel
CHANNEL_WEB: Channel

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
    __slots__ = ("id", "display_name", "contact_list")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_LIST_FIELD_NUMBER: _ClassVar[int]
    id: str
    display_name: str
    contact_list: str
    def __init__(self, id: _Optional[str] = ..., display_name: _Optional[str] = ..., contact_list: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("attempt_id", "account", "campaign", "sub_campaign", "client_id", "channel", "device", "status", "start_time", "complete_time", "ring_seconds", "talk_seconds", "message_content")
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
    def __init__(self, attempt_id: _Optional[str] = ..., account: _Optional[str] = ..., campaign: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., client_id: _Optional[str] = ..., channel: _Optional[_Union[Channel, str]] = ..., device: _Optional[str] = ..., status: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., complete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ring_seconds: _Optional[int] = ..., talk_seconds: _Optional[int] = ..., message_content: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("received", "stored", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class IngestCampaignsRequest(_message.Message):
    __slots__ = ("campaigns",)
    CAMPAIGNS_FIELD_NUMBER: _ClassVar[int]
    campaigns: _containers.RepeatedCompositeFieldContainer[Campaign]
    def __init__(self, campaigns: _Optional[_Iterable[_Union[Campaign, _Mapping]]] = ...) -> None: ...

class IngestCampaignsResponse(_message.Message):
    __slots__ = ("received", "stored", "rejected")
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    received: int
    stored: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, received: _Optional[int] = ..., stored: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

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

import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from reportsuite.catalog.v1 import catalog_pb2 as _catalog_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FileNameContext(_message.Message):
    __slots__ = ("report", "report_name", "name_at_level_run", "campaign", "sub_campaign", "group", "account", "account_uid", "report_id", "start_time", "end_time")
    REPORT_FIELD_NUMBER: _ClassVar[int]
    REPORT_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_AT_LEVEL_RUN_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SUB_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_UID_FIELD_NUMBER: _ClassVar[int]
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    report: str
    report_name: str
    name_at_level_run: str
    campaign: str
    sub_campaign: str
    group: str
    account: str
    account_uid: str
    report_id: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, report: _Optional[str] = ..., report_name: _Optional[str] = ..., name_at_level_run: _Optional[str] = ..., campaign: _Optional[str] = ..., sub_campaign: _Optional[str] = ..., group: _Optional[str] = ..., account: _Optional[str] = ..., account_uid: _Optional[str] = ..., report_id: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PreviewFileNameRequest(_message.Message):
    __slots__ = ("file_name_format", "context", "instant", "time_zone", "has_output_specification")
    FILE_NAME_FORMAT_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    INSTANT_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    HAS_OUTPUT_SPECIFICATION_FIELD_NUMBER: _ClassVar[int]
    file_name_format: str
    context: FileNameContext
    instant: _timestamp_pb2.Timestamp
    time_zone: str
    has_output_specification: bool
    def __init__(self, file_name_format: _Optional[str] = ..., context: _Optional[_Union[FileNameContext, _Mapping]] = ..., instant: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., time_zone: _Optional[str] = ..., has_output_specification: _Optional[bool] = ...) -> None: ...

class PreviewFileNameResponse(_message.Message):
    __slots__ = ("file_name",)
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    file_name: str
    def __init__(self, file_name: _Optional[str] = ...) -> None: ...

class CheckOutputOptionsRequest(_message.Message):
    __slots__ = ("output", "report_type")
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    REPORT_TYPE_FIELD_NUMBER: _ClassVar[int]
    output: _catalog_pb2.OutputOptions
    report_type: _catalog_pb2.ReportType
    def __init__(self, output: _Optional[_Union[_catalog_pb2.OutputOptions, _Mapping]] = ..., report_type: _Optional[_Union[_catalog_pb2.ReportType, str]] = ...) -> None: ...

class CheckOutputOptionsResponse(_message.Message):
    __slots__ = ("email_recipients",)
    EMAIL_RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    email_recipients: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, email_recipients: _Optional[_Iterable[str]] = ...) -> None: ...

class HostKey(_message.Message):
    __slots__ = ("name", "host", "port", "key_type", "fingerprint", "public_key", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    HOST_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    KEY_TYPE_FIELD_NUMBER: _ClassVar[int]
    FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    host: str
    port: int
    key_type: str
    fingerprint: str
    public_key: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., host: _Optional[str] = ..., port: _Optional[int] = ..., key_type: _Optional[str] = ..., fingerprint: _Optional[str] = ..., public_key: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FetchHostKeyRequest(_message.Message):
    __slots__ = ("host", "port")
    HOST_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    host: str
    port: int
    def __init__(self, host: _Optional[str] = ..., port: _Optional[int] = ...) -> None: ...

class FetchHostKeyResponse(_message.Message):
    __slots__ = ("host_key",)
    HOST_KEY_FIELD_NUMBER: _ClassVar[int]
    host_key: HostKey
    def __init__(self, host_key: _Optional[_Union[HostKey, _Mapping]] = ...) -> None: ...

class PinHostKeyRequest(_message.Message):
    __slots__ = ("parent", "host", "port", "fingerprint", "public_key", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    HOST_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    host: str
    port: int
    fingerprint: str
    public_key: str
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., host: _Optional[str] = ..., port: _Optional[int] = ..., fingerprint: _Optional[str] = ..., public_key: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class PinHostKeyResponse(_message.Message):
    __slots__ = ("host_key",)
    HOST_KEY_FIELD_NUMBER: _ClassVar[int]
    host_key: HostKey
    def __init__(self, host_key: _Optional[_Union[HostKey, _Mapping]] = ...) -> None: ...

class ListHostKeysRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListHostKeysResponse(_message.Message):
    __slots__ = ("host_keys", "next_page_token")
    HOST_KEYS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    host_keys: _containers.RepeatedCompositeFieldContainer[HostKey]
    next_page_token: str
    def __init__(self, host_keys: _Optional[_Iterable[_Union[HostKey, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeleteHostKeyRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteHostKeyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

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

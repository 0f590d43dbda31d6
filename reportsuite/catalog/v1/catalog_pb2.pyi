import datetime

from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReportType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_TYPE_UNSPECIFIED: _ClassVar[ReportType]
    REPORT_TYPE_ALL_ATTEMPTS: _ClassVar[ReportType]
    REPORT_TYPE_BEST_CONTACT: _ClassVar[ReportType]
    REPORT_TYPE_ALL_CONTACTS: _ClassVar[ReportType]
    REPORT_TYPE_DIALER: _ClassVar[ReportType]
    REPORT_TYPE_CONTACT_CENTER: _ClassVar[ReportType]
    REPORT_TYPE_USAGE: _ClassVar[ReportType]
    REPORT_TYPE_TEXT_OPT_OUT: _ClassVar[ReportType]
    REPORT_TYPE_LIST_AUDIT: _ClassVar[ReportType]
    REPORT_TYPE_AGENT_ACTION: _ClassVar[ReportType]

class Level(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEVEL_UNSPECIFIED: _ClassVar[Level]
    LEVEL_ENTERPRISE: _ClassVar[Level]
    LEVEL_ACCOUNT: _ClassVar[Level]
    LEVEL_CAMPAIGN: _ClassVar[Level]
    LEVEL_SUB_CAMPAIGN: _ClassVar[Level]
    LEVEL_AGENT_GROUP: _ClassVar[Level]
    LEVEL_LIST: _ClassVar[Level]

class ReportDefinitionView(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_DEFINITION_VIEW_UNSPECIFIED: _ClassVar[ReportDefinitionView]
    REPORT_DEFINITION_VIEW_BASIC: _ClassVar[ReportDefinitionView]
    REPORT_DEFINITION_VIEW_DELIVERY: _ClassVar[ReportDefinitionView]
REPORT_TYPE_UNSPECIFIED: ReportType
REPORT_TYPE_ALL_ATTEMPTS: ReportType
REPORT_TYPE_BEST_CONTACT: ReportType
REPORT_TYPE_ALL_CONTACTS: ReportType
REPORT_TYPE_DIALER: ReportType
REPORT_TYPE_CONTACT_CENTER: ReportType
REPORT_TYPE_USAGE: ReportType
REPORT_TYPE_TEXT_OPT_OUT: ReportType
REPORT_TYPE_LIST_AUDIT: ReportType
REPORT_TYPE_AGENT_ACTION: ReportType
LEVEL_UNSPECIFIED: Level
LEVEL_ENTERPRISE: Level
LEVEL_ACCOUNT: Level
LEVEL_CAMPAIGN: Level
LEVEL_SUB_CAMPAIGN: Level
LEVEL_AGENT_GROUP: Level
LEVEL_LIST: Level
REPORT_DEFINITION_VIEW_UNSPECIFIED: ReportDefinitionView
REPORT_DEFINITION_VIEW_BASIC: ReportDefinitionView
REPORT_DEFINITION_VIEW_DELIVERY: ReportDefinitionView

class TimeFrame(_message.Message):
    __slots__ = ("kind", "start", "end", "time_zone")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[TimeFrame.Kind]
        KIND_ENTIRE_CAMPAIGN: _ClassVar[TimeFrame.Kind]
        KIND_TODAY: _ClassVar[TimeFrame.Kind]
        KIND_YESTERDAY: _ClassVar[TimeFrame.Kind]
        KIND_LAST_7_DAYS: _ClassVar[TimeFrame.Kind]
        KIND_MONTH_TO_DATE: _ClassVar[TimeFrame.Kind]
        KIND_LAST_MONTH: _ClassVar[TimeFrame.Kind]
        KIND_INCREMENTAL: _ClassVar[TimeFrame.Kind]
        KIND_EXPLICIT_DATES: _ClassVar[TimeFrame.Kind]
    KIND_UNSPECIFIED: TimeFrame.Kind
    KIND_ENTIRE_CAMPAIGN: TimeFrame.Kind
    KIND_TODAY: TimeFrame.Kind
    KIND_YESTERDAY: TimeFrame.Kind
    KIND_LAST_7_DAYS: TimeFrame.Kind
    KIND_MONTH_TO_DATE: TimeFrame.Kind
    KIND_LAST_MONTH: TimeFrame.Kind
    KIND_INCREMENTAL: TimeFrame.Kind
    KIND_EXPLICIT_DATES: TimeFrame.Kind
    KIND_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    kind: TimeFrame.Kind
    start: str
    end: str
    time_zone: str
    def __init__(self, kind: _Optional[_Union[TimeFrame.Kind, str]] = ..., start: _Optional[str] = ..., end: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...

class FileTransfer(_message.Message):
    __slots__ = ("protocol", "destination")
    class Protocol(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        PROTOCOL_UNSPECIFIED: _ClassVar[FileTransfer.Protocol]
        PROTOCOL_FTP: _ClassVar[FileTransfer.Protocol]
        PROTOCOL_SFTP: _ClassVar[FileTransfer.Protocol]
    PROTOCOL_UNSPECIFIED: FileTransfer.Protocol
    PROTOCOL_FTP: FileTransfer.Protocol
    PROTOCOL_SFTP: FileTransfer.Protocol
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    protocol: FileTransfer.Protocol
    destination: str
    def __init__(self, protocol: _Optional[_Union[FileTransfer.Protocol, str]] = ..., destination: _Optional[str] = ...) -> None: ...

class OutputOptions(_message.Message):
    __slots__ = ("email_addresses", "file_transfer", "file_name_format", "zip", "pgp_encrypt", "output_specification")
    EMAIL_ADDRESSES_FIELD_NUMBER: _ClassVar[int]
    FILE_TRANSFER_FIELD_NUMBER: _ClassVar[int]
    FILE_NAME_FORMAT_FIELD_NUMBER: _ClassVar[int]
    ZIP_FIELD_NUMBER: _ClassVar[int]
    PGP_ENCRYPT_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_SPECIFICATION_FIELD_NUMBER: _ClassVar[int]
    email_addresses: str
    file_transfer: FileTransfer
    file_name_format: str
    zip: bool
    pgp_encrypt: bool
    output_specification: str
    def __init__(self, email_addresses: _Optional[str] = ..., file_transfer: _Optional[_Union[FileTransfer, _Mapping]] = ..., file_name_format: _Optional[str] = ..., zip: _Optional[bool] = ..., pgp_encrypt: _Optional[bool] = ..., output_specification: _Optional[str] = ...) -> None: ...

class ReportDefinition(_message.Message):
    __slots__ = ("name", "display_name", "description", "report_type", "level", "target", "yesterdays_activity", "time_frame", "output", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REPORT_TYPE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    YESTERDAYS_ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    TIME_FRAME_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    report_type: ReportType
    level: Level
    target: str
    yesterdays_activity: bool
    time_frame: TimeFrame
    output: OutputOptions
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., report_type: _Optional[_Union[ReportType, str]] = ..., level: _Optional[_Union[Level, str]] = ..., target: _Optional[str] = ..., yesterdays_activity: _Optional[bool] = ..., time_frame: _Optional[_Union[TimeFrame, _Mapping]] = ..., output: _Optional[_Union[OutputOptions, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateReportDefinitionRequest(_message.Message):
    __slots__ = ("parent", "report_definition", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    report_definition: ReportDefinition
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., report_definition: _Optional[_Union[ReportDefinition, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateReportDefinitionResponse(_message.Message):
    __slots__ = ("report_definition",)
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    report_definition: ReportDefinition
    def __init__(self, report_definition: _Optional[_Union[ReportDefinition, _Mapping]] = ...) -> None: ...

class GetReportDefinitionRequest(_message.Message):
    __slots__ = ("name", "view")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    name: str
    view: ReportDefinitionView
    def __init__(self, name: _Optional[str] = ..., view: _Optional[_Union[ReportDefinitionView, str]] = ...) -> None: ...

class GetReportDefinitionResponse(_message.Message):
    __slots__ = ("report_definition",)
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    report_definition: ReportDefinition
    def __init__(self, report_definition: _Optional[_Union[ReportDefinition, _Mapping]] = ...) -> None: ...

class ListReportDefinitionsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListReportDefinitionsResponse(_message.Message):
    __slots__ = ("report_definitions", "next_page_token")
    REPORT_DEFINITIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    report_definitions: _containers.RepeatedCompositeFieldContainer[ReportDefinition]
    next_page_token: str
    def __init__(self, report_definitions: _Optional[_Iterable[_Union[ReportDefinition, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateReportDefinitionRequest(_message.Message):
    __slots__ = ("report_definition", "update_mask", "request_id")
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    report_definition: ReportDefinition
    update_mask: _field_mask_pb2.FieldMask
    request_id: str
    def __init__(self, report_definition: _Optional[_Union[ReportDefinition, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateReportDefinitionResponse(_message.Message):
    __slots__ = ("report_definition",)
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    report_definition: ReportDefinition
    def __init__(self, report_definition: _Optional[_Union[ReportDefinition, _Mapping]] = ...) -> None: ...

class DeleteReportDefinitionRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteReportDefinitionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SavedReport(_message.Message):
    __slots__ = ("name", "report_definition", "job", "display_name", "report_type", "file_name", "content_type", "size_bytes", "row_count", "sha256", "window_start", "window_end", "create_time", "expire_time", "storage_key")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    REPORT_TYPE_FIELD_NUMBER: _ClassVar[int]
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    WINDOW_START_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    STORAGE_KEY_FIELD_NUMBER: _ClassVar[int]
    name: str
    report_definition: str
    job: str
    display_name: str
    report_type: ReportType
    file_name: str
    content_type: str
    size_bytes: int
    row_count: int
    sha256: str
    window_start: _timestamp_pb2.Timestamp
    window_end: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    storage_key: str
    def __init__(self, name: _Optional[str] = ..., report_definition: _Optional[str] = ..., job: _Optional[str] = ..., display_name: _Optional[str] = ..., report_type: _Optional[_Union[ReportType, str]] = ..., file_name: _Optional[str] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., row_count: _Optional[int] = ..., sha256: _Optional[str] = ..., window_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., storage_key: _Optional[str] = ...) -> None: ...

class CreateSavedReportRequest(_message.Message):
    __slots__ = ("parent", "saved_report", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SAVED_REPORT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    saved_report: SavedReport
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., saved_report: _Optional[_Union[SavedReport, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateSavedReportResponse(_message.Message):
    __slots__ = ("saved_report",)
    SAVED_REPORT_FIELD_NUMBER: _ClassVar[int]
    saved_report: SavedReport
    def __init__(self, saved_report: _Optional[_Union[SavedReport, _Mapping]] = ...) -> None: ...

class GetSavedReportRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetSavedReportResponse(_message.Message):
    __slots__ = ("saved_report",)
    SAVED_REPORT_FIELD_NUMBER: _ClassVar[int]
    saved_report: SavedReport
    def __init__(self, saved_report: _Optional[_Union[SavedReport, _Mapping]] = ...) -> None: ...

class ListSavedReportsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "report_definition")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    report_definition: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., report_definition: _Optional[str] = ...) -> None: ...

class ListSavedReportsResponse(_message.Message):
    __slots__ = ("saved_reports", "next_page_token")
    SAVED_REPORTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    saved_reports: _containers.RepeatedCompositeFieldContainer[SavedReport]
    next_page_token: str
    def __init__(self, saved_reports: _Optional[_Iterable[_Union[SavedReport, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeleteSavedReportRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteSavedReportResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DownloadSavedReportRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DownloadSavedReportResponse(_message.Message):
    __slots__ = ("data",)
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

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

class DateElement(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DATE_ELEMENT_UNSPECIFIED: _ClassVar[DateElement]
    DATE_ELEMENT_YEAR: _ClassVar[DateElement]
    DATE_ELEMENT_YEAR_2_DIGIT: _ClassVar[DateElement]
    DATE_ELEMENT_MONTH: _ClassVar[DateElement]
    DATE_ELEMENT_MONTH_2_DIGIT: _ClassVar[DateElement]
    DATE_ELEMENT_MONTH_ABBREVIATION: _ClassVar[DateElement]
    DATE_ELEMENT_MONTH_NAME: _ClassVar[DateElement]
    DATE_ELEMENT_DAY_OF_MONTH: _ClassVar[DateElement]
    DATE_ELEMENT_DAY_OF_MONTH_2_DIGIT: _ClassVar[DateElement]
    DATE_ELEMENT_DAY_OF_YEAR: _ClassVar[DateElement]
    DATE_ELEMENT_DAY_OF_YEAR_3_DIGIT: _ClassVar[DateElement]
    DATE_ELEMENT_WEEKDAY_ABBREVIATION: _ClassVar[DateElement]
    DATE_ELEMENT_WEEKDAY_NAME: _ClassVar[DateElement]
    DATE_ELEMENT_HOUR_OF_DAY: _ClassVar[DateElement]
    DATE_ELEMENT_HOUR_OF_DAY_2_DIGIT: _ClassVar[DateElement]
    DATE_ELEMENT_HOUR_12: _ClassVar[DateElement]
    DATE_ELEMENT_HOUR_12_2_DIGIT: _ClassVar[DateElement]
    DATE_ELEMENT_MINUTE: _ClassVar[DateElement]
    DATE_ELEMENT_MINUTE_2_DIGIT: _ClassVar[DateElement]
    DATE_ELEMENT_SECOND: _ClassVar[DateElement]
    DATE_ELEMENT_SECOND_2_DIGIT: _ClassVar[DateElement]
    DATE_ELEMENT_AM_PM: _ClassVar[DateElement]
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
DATE_ELEMENT_UNSPECIFIED: DateElement
DATE_ELEMENT_YEAR: DateElement
DATE_ELEMENT_YEAR_2_DIGIT: DateElement
DATE_ELEMENT_MONTH: DateElement
DATE_ELEMENT_MONTH_2_DIGIT: DateElement
DATE_ELEMENT_MONTH_ABBREVIATION: DateElement
DATE_ELEMENT_MONTH_NAME: DateElement
DATE_ELEMENT_DAY_OF_MONTH: DateElement
DATE_ELEMENT_DAY_OF_MONTH_2_DIGIT: DateElement
DATE_ELEMENT_DAY_OF_YEAR: DateElement
DATE_ELEMENT_DAY_OF_YEAR_3_DIGIT: DateElement
DATE_ELEMENT_WEEKDAY_ABBREVIATION: DateElement
DATE_ELEMENT_WEEKDAY_NAME: DateElement
DATE_ELEMENT_HOUR_OF_DAY: DateElement
DATE_ELEMENT_HOUR_OF_DAY_2_DIGIT: DateElement
DATE_ELEMENT_HOUR_12: DateElement
DATE_ELEMENT_HOUR_12_2_DIGIT: DateElement
DATE_ELEMENT_MINUTE: DateElement
DATE_ELEMENT_MINUTE_2_DIGIT: DateElement
DATE_ELEMENT_SECOND: DateElement
DATE_ELEMENT_SECOND_2_DIGIT: DateElement
DATE_ELEMENT_AM_PM: DateElement

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
        PROTOCOL_FTPS: _ClassVar[FileTransfer.Protocol]
    PROTOCOL_UNSPECIFIED: FileTransfer.Protocol
    PROTOCOL_FTP: FileTransfer.Protocol
    PROTOCOL_SFTP: FileTransfer.Protocol
    PROTOCOL_FTPS: FileTransfer.Protocol
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

class PgpKey(_message.Message):
    __slots__ = ("name", "fingerprint", "user_ids", "create_time", "expire_time", "import_time", "armored_key", "algorithm")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    USER_IDS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    IMPORT_TIME_FIELD_NUMBER: _ClassVar[int]
    ARMORED_KEY_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    name: str
    fingerprint: str
    user_ids: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    import_time: _timestamp_pb2.Timestamp
    armored_key: str
    algorithm: str
    def __init__(self, name: _Optional[str] = ..., fingerprint: _Optional[str] = ..., user_ids: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., import_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., armored_key: _Optional[str] = ..., algorithm: _Optional[str] = ...) -> None: ...

class ImportPgpKeyRequest(_message.Message):
    __slots__ = ("parent", "armored_key", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ARMORED_KEY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    armored_key: str
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., armored_key: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ImportPgpKeyResponse(_message.Message):
    __slots__ = ("pgp_key",)
    PGP_KEY_FIELD_NUMBER: _ClassVar[int]
    pgp_key: PgpKey
    def __init__(self, pgp_key: _Optional[_Union[PgpKey, _Mapping]] = ...) -> None: ...

class ListPgpKeysRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPgpKeysResponse(_message.Message):
    __slots__ = ("pgp_keys", "next_page_token")
    PGP_KEYS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    pgp_keys: _containers.RepeatedCompositeFieldContainer[PgpKey]
    next_page_token: str
    def __init__(self, pgp_keys: _Optional[_Iterable[_Union[PgpKey, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetPgpKeyRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetPgpKeyResponse(_message.Message):
    __slots__ = ("pgp_key",)
    PGP_KEY_FIELD_NUMBER: _ClassVar[int]
    pgp_key: PgpKey
    def __init__(self, pgp_key: _Optional[_Union[PgpKey, _Mapping]] = ...) -> None: ...

class DeletePgpKeyRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeletePgpKeyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class OutputSpecification(_message.Message):
    __slots__ = ("name", "report_type", "content", "format", "size_bytes", "sha256", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REPORT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    report_type: ReportType
    content: bytes
    format: OutputFormat
    size_bytes: int
    sha256: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., report_type: _Optional[_Union[ReportType, str]] = ..., content: _Optional[bytes] = ..., format: _Optional[_Union[OutputFormat, _Mapping]] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OutputFormat(_message.Message):
    __slots__ = ("report_type", "layout", "delimiter", "quoting", "quote", "header", "line_ending", "encoding", "fields")
    class Layout(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        LAYOUT_UNSPECIFIED: _ClassVar[OutputFormat.Layout]
        LAYOUT_DELIMITED: _ClassVar[OutputFormat.Layout]
        LAYOUT_FIXED: _ClassVar[OutputFormat.Layout]
    LAYOUT_UNSPECIFIED: OutputFormat.Layout
    LAYOUT_DELIMITED: OutputFormat.Layout
    LAYOUT_FIXED: OutputFormat.Layout
    class Quoting(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        QUOTING_UNSPECIFIED: _ClassVar[OutputFormat.Quoting]
        QUOTING_MINIMAL: _ClassVar[OutputFormat.Quoting]
        QUOTING_ALL: _ClassVar[OutputFormat.Quoting]
        QUOTING_NONE: _ClassVar[OutputFormat.Quoting]
    QUOTING_UNSPECIFIED: OutputFormat.Quoting
    QUOTING_MINIMAL: OutputFormat.Quoting
    QUOTING_ALL: OutputFormat.Quoting
    QUOTING_NONE: OutputFormat.Quoting
    class LineEnding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        LINE_ENDING_UNSPECIFIED: _ClassVar[OutputFormat.LineEnding]
        LINE_ENDING_LF: _ClassVar[OutputFormat.LineEnding]
        LINE_ENDING_CRLF: _ClassVar[OutputFormat.LineEnding]
    LINE_ENDING_UNSPECIFIED: OutputFormat.LineEnding
    LINE_ENDING_LF: OutputFormat.LineEnding
    LINE_ENDING_CRLF: OutputFormat.LineEnding
    REPORT_TYPE_FIELD_NUMBER: _ClassVar[int]
    LAYOUT_FIELD_NUMBER: _ClassVar[int]
    DELIMITER_FIELD_NUMBER: _ClassVar[int]
    QUOTING_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    LINE_ENDING_FIELD_NUMBER: _ClassVar[int]
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    report_type: ReportType
    layout: OutputFormat.Layout
    delimiter: str
    quoting: OutputFormat.Quoting
    quote: str
    header: bool
    line_ending: OutputFormat.LineEnding
    encoding: str
    fields: _containers.RepeatedCompositeFieldContainer[OutputField]
    def __init__(self, report_type: _Optional[_Union[ReportType, str]] = ..., layout: _Optional[_Union[OutputFormat.Layout, str]] = ..., delimiter: _Optional[str] = ..., quoting: _Optional[_Union[OutputFormat.Quoting, str]] = ..., quote: _Optional[str] = ..., header: _Optional[bool] = ..., line_ending: _Optional[_Union[OutputFormat.LineEnding, str]] = ..., encoding: _Optional[str] = ..., fields: _Optional[_Iterable[_Union[OutputField, _Mapping]]] = ...) -> None: ...

class OutputField(_message.Message):
    __slots__ = ("field", "header", "width", "alignment", "date_format", "decimals")
    class Alignment(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ALIGNMENT_UNSPECIFIED: _ClassVar[OutputField.Alignment]
        ALIGNMENT_LEFT: _ClassVar[OutputField.Alignment]
        ALIGNMENT_RIGHT: _ClassVar[OutputField.Alignment]
    ALIGNMENT_UNSPECIFIED: OutputField.Alignment
    ALIGNMENT_LEFT: OutputField.Alignment
    ALIGNMENT_RIGHT: OutputField.Alignment
    FIELD_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    ALIGNMENT_FIELD_NUMBER: _ClassVar[int]
    DATE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    DECIMALS_FIELD_NUMBER: _ClassVar[int]
    field: str
    header: str
    width: int
    alignment: OutputField.Alignment
    date_format: DateFormat
    decimals: int
    def __init__(self, field: _Optional[str] = ..., header: _Optional[str] = ..., width: _Optional[int] = ..., alignment: _Optional[_Union[OutputField.Alignment, str]] = ..., date_format: _Optional[_Union[DateFormat, _Mapping]] = ..., decimals: _Optional[int] = ...) -> None: ...

class DateFormat(_message.Message):
    __slots__ = ("pattern", "parts")
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    pattern: str
    parts: _containers.RepeatedCompositeFieldContainer[DatePart]
    def __init__(self, pattern: _Optional[str] = ..., parts: _Optional[_Iterable[_Union[DatePart, _Mapping]]] = ...) -> None: ...

class DatePart(_message.Message):
    __slots__ = ("literal", "element")
    LITERAL_FIELD_NUMBER: _ClassVar[int]
    ELEMENT_FIELD_NUMBER: _ClassVar[int]
    literal: str
    element: DateElement
    def __init__(self, literal: _Optional[str] = ..., element: _Optional[_Union[DateElement, str]] = ...) -> None: ...

class UploadOutputSpecificationRequest(_message.Message):
    __slots__ = ("name", "content", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    content: bytes
    request_id: str
    def __init__(self, name: _Optional[str] = ..., content: _Optional[bytes] = ..., request_id: _Optional[str] = ...) -> None: ...

class UploadOutputSpecificationResponse(_message.Message):
    __slots__ = ("output_specification",)
    OUTPUT_SPECIFICATION_FIELD_NUMBER: _ClassVar[int]
    output_specification: OutputSpecification
    def __init__(self, output_specification: _Optional[_Union[OutputSpecification, _Mapping]] = ...) -> None: ...

class GetOutputSpecificationRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetOutputSpecificationResponse(_message.Message):
    __slots__ = ("output_specification",)
    OUTPUT_SPECIFICATION_FIELD_NUMBER: _ClassVar[int]
    output_specification: OutputSpecification
    def __init__(self, output_specification: _Optional[_Union[OutputSpecification, _Mapping]] = ...) -> None: ...

class ListOutputSpecificationsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListOutputSpecificationsResponse(_message.Message):
    __slots__ = ("output_specifications", "next_page_token")
    OUTPUT_SPECIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    output_specifications: _containers.RepeatedCompositeFieldContainer[OutputSpecification]
    next_page_token: str
    def __init__(self, output_specifications: _Optional[_Iterable[_Union[OutputSpecification, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeleteOutputSpecificationRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteOutputSpecificationResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

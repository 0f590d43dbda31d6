import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from reportsuite.catalog.v1 import catalog_pb2 as _catalog_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Stage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STAGE_UNSPECIFIED: _ClassVar[Stage]
    STAGE_GENERATE: _ClassVar[Stage]
    STAGE_DELIVER: _ClassVar[Stage]
STAGE_UNSPECIFIED: Stage
STAGE_GENERATE: Stage
STAGE_DELIVER: Stage

class DeliveryOutcome(_message.Message):
    __slots__ = ("destination", "state", "detail", "attempts", "file_name", "complete_time")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[DeliveryOutcome.State]
        STATE_PENDING: _ClassVar[DeliveryOutcome.State]
        STATE_SUCCEEDED: _ClassVar[DeliveryOutcome.State]
        STATE_FAILED: _ClassVar[DeliveryOutcome.State]
    STATE_UNSPECIFIED: DeliveryOutcome.State
    STATE_PENDING: DeliveryOutcome.State
    STATE_SUCCEEDED: DeliveryOutcome.State
    STATE_FAILED: DeliveryOutcome.State
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_TIME_FIELD_NUMBER: _ClassVar[int]
    destination: str
    state: DeliveryOutcome.State
    detail: str
    attempts: int
    file_name: str
    complete_time: _timestamp_pb2.Timestamp
    def __init__(self, destination: _Optional[str] = ..., state: _Optional[_Union[DeliveryOutcome.State, str]] = ..., detail: _Optional[str] = ..., attempts: _Optional[int] = ..., file_name: _Optional[str] = ..., complete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Job(_message.Message):
    __slots__ = ("name", "report_definition", "state", "report", "as_of", "window_start", "window_end", "saved_report", "row_count", "deliveries", "failure_reason", "create_time", "update_time", "attempts")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Job.State]
        STATE_QUEUED: _ClassVar[Job.State]
        STATE_GENERATING: _ClassVar[Job.State]
        STATE_DELIVERING: _ClassVar[Job.State]
        STATE_SUCCEEDED: _ClassVar[Job.State]
        STATE_FAILED: _ClassVar[Job.State]
        STATE_CANCELLED: _ClassVar[Job.State]
    STATE_UNSPECIFIED: Job.State
    STATE_QUEUED: Job.State
    STATE_GENERATING: Job.State
    STATE_DELIVERING: Job.State
    STATE_SUCCEEDED: Job.State
    STATE_FAILED: Job.State
    STATE_CANCELLED: Job.State
    NAME_FIELD_NUMBER: _ClassVar[int]
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    WINDOW_START_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_FIELD_NUMBER: _ClassVar[int]
    SAVED_REPORT_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    report_definition: str
    state: Job.State
    report: _catalog_pb2.ReportDefinition
    as_of: _timestamp_pb2.Timestamp
    window_start: _timestamp_pb2.Timestamp
    window_end: _timestamp_pb2.Timestamp
    saved_report: str
    row_count: int
    deliveries: _containers.RepeatedCompositeFieldContainer[DeliveryOutcome]
    failure_reason: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    attempts: int
    def __init__(self, name: _Optional[str] = ..., report_definition: _Optional[str] = ..., state: _Optional[_Union[Job.State, str]] = ..., report: _Optional[_Union[_catalog_pb2.ReportDefinition, _Mapping]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., saved_report: _Optional[str] = ..., row_count: _Optional[int] = ..., deliveries: _Optional[_Iterable[_Union[DeliveryOutcome, _Mapping]]] = ..., failure_reason: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attempts: _Optional[int] = ...) -> None: ...

class RunReportRequest(_message.Message):
    __slots__ = ("report_definition", "as_of", "request_id")
    REPORT_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    report_definition: str
    as_of: _timestamp_pb2.Timestamp
    request_id: str
    def __init__(self, report_definition: _Optional[str] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class RunReportResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class GetJobRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class ListJobsRequest(_message.Message):
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

class ListJobsResponse(_message.Message):
    __slots__ = ("jobs", "next_page_token")
    JOBS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    jobs: _containers.RepeatedCompositeFieldContainer[Job]
    next_page_token: str
    def __init__(self, jobs: _Optional[_Iterable[_Union[Job, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class WatchJobRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class WatchJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class CancelJobRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CancelJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class ClaimJobStageRequest(_message.Message):
    __slots__ = ("name", "stage", "worker")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    WORKER_FIELD_NUMBER: _ClassVar[int]
    name: str
    stage: Stage
    worker: str
    def __init__(self, name: _Optional[str] = ..., stage: _Optional[_Union[Stage, str]] = ..., worker: _Optional[str] = ...) -> None: ...

class ClaimJobStageResponse(_message.Message):
    __slots__ = ("job", "lease_token", "lease_expire_time")
    JOB_FIELD_NUMBER: _ClassVar[int]
    LEASE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    job: Job
    lease_token: str
    lease_expire_time: _timestamp_pb2.Timestamp
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ..., lease_token: _Optional[str] = ..., lease_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HeartbeatJobStageRequest(_message.Message):
    __slots__ = ("name", "lease_token")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEASE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    name: str
    lease_token: str
    def __init__(self, name: _Optional[str] = ..., lease_token: _Optional[str] = ...) -> None: ...

class HeartbeatJobStageResponse(_message.Message):
    __slots__ = ("lease_expire_time", "cancelled")
    LEASE_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    lease_expire_time: _timestamp_pb2.Timestamp
    cancelled: bool
    def __init__(self, lease_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancelled: _Optional[bool] = ...) -> None: ...

class CompleteJobStageRequest(_message.Message):
    __slots__ = ("name", "lease_token", "saved_report", "row_count", "deliveries")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEASE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SAVED_REPORT_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    name: str
    lease_token: str
    saved_report: str
    row_count: int
    deliveries: _containers.RepeatedCompositeFieldContainer[DeliveryOutcome]
    def __init__(self, name: _Optional[str] = ..., lease_token: _Optional[str] = ..., saved_report: _Optional[str] = ..., row_count: _Optional[int] = ..., deliveries: _Optional[_Iterable[_Union[DeliveryOutcome, _Mapping]]] = ...) -> None: ...

class CompleteJobStageResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

class FailJobStageRequest(_message.Message):
    __slots__ = ("name", "lease_token", "reason", "retryable", "deliveries")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEASE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RETRYABLE_FIELD_NUMBER: _ClassVar[int]
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    name: str
    lease_token: str
    reason: str
    retryable: bool
    deliveries: _containers.RepeatedCompositeFieldContainer[DeliveryOutcome]
    def __init__(self, name: _Optional[str] = ..., lease_token: _Optional[str] = ..., reason: _Optional[str] = ..., retryable: _Optional[bool] = ..., deliveries: _Optional[_Iterable[_Union[DeliveryOutcome, _Mapping]]] = ...) -> None: ...

class FailJobStageResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: Job
    def __init__(self, job: _Optional[_Union[Job, _Mapping]] = ...) -> None: ...

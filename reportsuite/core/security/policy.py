"""The one table of which roles may call which method, by full gRPC method name.

Default deny: a method missing from POLICY is refused to every caller (PERMISSION_DENIED), so an
RPC added to a proto is closed until someone decides who may call it here. The test
tests/unit/security/test_policy.py enumerates every RPC of every generated service and fails,
naming the method, when one has no entry.

Roles (reportsuite.core.security.tokens):
  platform-ingest  platform services streaming activity in (the Ingest* RPCs)
  operator         everything, within its scope; the only role that reads the audit trail
  account-user     a customer's users: definitions, runs, jobs, saved reports, schedules, output
                   specifications, PGP keys, host keys, contact trace; within their accounts
  service          one ReportSuite service calling another (the stage protocol, CreateSavedReport,
                   the DELIVERY view of a definition, CheckOutputOptions, GetIngestCutoff, ...)

Besides the role, every request is checked against the caller's scope (tenancy.py): a method
marked ``unscoped`` names no account (ListStatuses, PreviewFileName ...), so callers limited to
some accounts may call it; any other method must name accounts in the caller's scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.security.tokens import ACCOUNT_USER, OPERATOR, PLATFORM_INGEST, SERVICE

# Requests stay far below gRPC's 16 MiB limit except ingest batches (client-streamed, checked per message).
DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024
STREAMED_MAX_MESSAGE_BYTES = 16 * 1024 * 1024
# No string field of any request may be longer; the services' own rules are tighter (names 200,
# emails 384, file name formats 512 ...). This bound only keeps absurd input out of the domain code.
MAX_STRING_CHARS = 128 * 1024

# Methods anyone may call without a token: load balancers and generic tools use them.
OPEN_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.v1alpha.ServerReflection/",
                 "/grpc.reflection.v1.ServerReflection/")
# Verbs of methods that only read; every other method is audited (Download* is audited too).
READ_VERBS = ("Get", "List", "Watch", "Check", "Preview", "Fetch")


@dataclass(frozen=True)
class Restriction:
    """A request field value that narrows who may call, and is audited even in a read.

    E.g. the DELIVERY view of a definition shows its FTP/SFTP password.
    """

    field: str
    value: int
    roles: frozenset[str]

    def applies(self, request: object) -> bool:
        return getattr(request, self.field, None) == self.value


@dataclass(frozen=True)
class Rule:
    """Who may call one method, and how its requests are bounded and audited."""

    roles: frozenset[str]
    unscoped: bool = False
    audit: bool | None = None
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    restrictions: tuple[Restriction, ...] = ()

    def audited(self, method: str) -> bool:
        """Whether calls are recorded: explicit, else every method that does more than read."""
        if self.audit is not None:
            return self.audit
        verb = method.rsplit("/", 1)[-1]
        return not verb.startswith(READ_VERBS)


def _roles(*names: str) -> frozenset[str]:
    return frozenset(names)


USERS = _roles(OPERATOR, ACCOUNT_USER)
USERS_AND_SERVICES = _roles(OPERATOR, ACCOUNT_USER, SERVICE)
SERVICES = _roles(OPERATOR, SERVICE)
INGEST = _roles(OPERATOR, PLATFORM_INGEST)
READERS = _roles(OPERATOR, ACCOUNT_USER, SERVICE, PLATFORM_INGEST)
OPERATORS = _roles(OPERATOR)

CATALOG = "/reportsuite.catalog.v1.CatalogService/"
SCHEDULER = "/reportsuite.scheduler.v1.SchedulerService/"
GENERATOR = "/reportsuite.generator.v1.GeneratorService/"
DELIVERY = "/reportsuite.delivery.v1.DeliveryService/"
AUDIT = "/reportsuite.audit.v1.AuditService/"

# The DELIVERY view of a definition carries its FTP/SFTP password: the delivery worker reads it,
# operators may (a break-glass read, always in the audit trail), account users never.
_DELIVERY_VIEW = Restriction("view", catalog_pb2.REPORT_DEFINITION_VIEW_DELIVERY, SERVICES)

POLICY: Mapping[str, Rule] = {
    # catalog: report definitions, saved reports, output specifications, PGP keys
    CATALOG + "CreateReportDefinition": Rule(USERS),
    CATALOG + "GetReportDefinition": Rule(USERS_AND_SERVICES, restrictions=(_DELIVERY_VIEW,)),
    CATALOG + "ListReportDefinitions": Rule(USERS),
    CATALOG + "UpdateReportDefinition": Rule(USERS),
    CATALOG + "DeleteReportDefinition": Rule(USERS),
    CATALOG + "CreateSavedReport": Rule(SERVICES),
    CATALOG + "GetSavedReport": Rule(USERS_AND_SERVICES),
    CATALOG + "ListSavedReports": Rule(USERS),
    CATALOG + "DeleteSavedReport": Rule(USERS),
    CATALOG + "DownloadSavedReport": Rule(USERS, audit=True),
    CATALOG + "UploadOutputSpecification": Rule(USERS),
    CATALOG + "GetOutputSpecification": Rule(USERS_AND_SERVICES),
    CATALOG + "ListOutputSpecifications": Rule(USERS),
    CATALOG + "DeleteOutputSpecification": Rule(USERS),
    CATALOG + "ImportPgpKey": Rule(USERS),
    CATALOG + "ListPgpKeys": Rule(USERS_AND_SERVICES),
    CATALOG + "GetPgpKey": Rule(USERS_AND_SERVICES),
    CATALOG + "DeletePgpKey": Rule(USERS),
    # scheduler: runs and jobs, the stage protocol, schedules
    SCHEDULER + "RunReport": Rule(USERS),
    SCHEDULER + "GetJob": Rule(USERS_AND_SERVICES),
    SCHEDULER + "ListJobs": Rule(USERS),
    SCHEDULER + "WatchJob": Rule(USERS),
    SCHEDULER + "CancelJob": Rule(USERS),
    SCHEDULER + "ClaimJobStage": Rule(SERVICES),
    # A heartbeat every few seconds per running job changes nothing anyone asks about later.
    SCHEDULER + "HeartbeatJobStage": Rule(SERVICES, audit=False),
    SCHEDULER + "CompleteJobStage": Rule(SERVICES),
    SCHEDULER + "FailJobStage": Rule(SERVICES),
    SCHEDULER + "CreateSchedule": Rule(USERS),
    SCHEDULER + "GetSchedule": Rule(USERS),
    SCHEDULER + "ListSchedules": Rule(USERS),
    SCHEDULER + "UpdateSchedule": Rule(USERS),
    SCHEDULER + "PauseSchedule": Rule(USERS),
    SCHEDULER + "ResumeSchedule": Rule(USERS),
    SCHEDULER + "DeleteSchedule": Rule(USERS),
    SCHEDULER + "PreviewSchedule": Rule(USERS),
    SCHEDULER + "ListRuns": Rule(USERS),
    # generator: the activity store
    GENERATOR + "IngestAccounts": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestCampaigns": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestAttempts": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestEnterprises": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestContactLists": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestListLoads": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestContacts": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestFilteredContacts": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestDirectConnectAttempts": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestAgentGroups": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestAgents": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestAgentStateChanges": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestAgentActions": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestCallRecordings": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestSessionTransfers": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    GENERATOR + "IngestTextOptOuts": Rule(INGEST, max_request_bytes=STREAMED_MAX_MESSAGE_BYTES),
    # A contact's whole history is personal data: who looked it up is recorded.
    GENERATOR + "TraceContact": Rule(USERS, audit=True),
    GENERATOR + "GetAccount": Rule(READERS),
    GENERATOR + "GetCampaign": Rule(READERS),
    GENERATOR + "ListStatuses": Rule(READERS, unscoped=True),
    GENERATOR + "GetIngestCutoff": Rule(SERVICES, unscoped=True),
    # delivery: file names, output option checks, pinned SFTP host keys
    DELIVERY + "PreviewFileName": Rule(USERS_AND_SERVICES, unscoped=True),
    DELIVERY + "CheckOutputOptions": Rule(USERS_AND_SERVICES, unscoped=True),
    # It dials any host:port it is given and reports what answers: operators only, so account users
    # cannot probe the network the services run in.
    DELIVERY + "FetchHostKey": Rule(OPERATORS, unscoped=True),
    DELIVERY + "PinHostKey": Rule(USERS),
    DELIVERY + "ListHostKeys": Rule(USERS),
    DELIVERY + "DeleteHostKey": Rule(USERS),
    # every service: the audit trail
    AUDIT + "ListAuditEvents": Rule(OPERATORS),
}

HOW_TO_ADD = (
    "add an entry to POLICY in reportsuite/core/security/policy.py naming the roles that may call it "
    "(and unscoped=True only when its requests name no account), then describe it in docs/security.md"
)


def rule_for(method: str) -> Rule | None:
    """The method's rule; None means nobody may call it (default deny)."""
    return POLICY.get(method)


def is_open(method: str) -> bool:
    """Health checks and reflection need no token."""
    return method.startswith(OPEN_PREFIXES)

"""Tenant isolation, proven for every RPC of every service against the running suite.

Tenants A and B each hold one of every resource (tenants.py). For each RPC, read from the generated
modules so that RPCs added later join the matrix by themselves, a caller scoped to A (by account,
then by enterprise) sends a request naming B's resources and must be refused: PERMISSION_DENIED
when the request lists or creates under B's parent or streams B's records, NOT_FOUND when it names
one of B's resources, exactly what a name that does not exist gets. The same read from a caller
scoped to B goes through, so the refusals are the scope's doing and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import grpc
import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients
from reportsuite.core.security import policy
from reportsuite.core.security.tokens import ACCOUNT_USER, OPERATOR, PLATFORM_INGEST, SERVICE
from reportsuite.core.settings import Settings
from reportsuite.delivery.v1 import delivery_pb2
from reportsuite.scheduler.v1 import scheduler_pb2
from services.generator import bootstrap as generator_bootstrap
from services.generator.domain.generation import Outcome, generate_report
from tests.integration.security.tenants import CLIENT, Tenant, make_tenant
from tests.support.inprocess import inprocess_suite
from tests.support.rpcs import Rpc, suite_rpcs
from tests.support.security import as_caller, as_service, issue

RPCS = list(suite_rpcs())
SCOPES = ("accounts", "enterprise")
VERBS = re.compile(r"(Create|Get|List|Update|Delete|Download|Upload|Import|Pin|Run|Watch|Cancel|Claim|Heartbeat|"
                   r"Complete|Fail|Pause|Resume|Preview|Trace|Ingest|Fetch|Check)")
# The resource kind a method's noun addresses; the kinds are tenants.Tenant.names' keys.
KINDS = {"ReportDefinition": "report", "Report": "report", "SavedReport": "savedReport", "Job": "job",
         "JobStage": "job", "Schedule": "schedule", "Run": "run", "OutputSpecification": "outputSpecification",
         "PgpKey": "pgpKey", "HostKey": "hostKey", "Account": "account", "Campaign": "campaign",
         "Contact": "account", "AuditEvent": "account"}
PARENT_KINDS = {"run": "schedule"}
FIELD_KINDS = {"report_definition": "report", "saved_report": "savedReport", "job": "job", "schedule": "schedule",
               "output_specification": "outputSpecification"}
# The areas issue 6 names; each must be in the matrix, or its absence said out loud.
NAMED_AREAS = ("DownloadSavedReport", "TraceContact", "CreateSchedule", "ListRuns", "UploadOutputSpecification",
               "ImportPgpKey", "PinHostKey", "RunReport")


@dataclass(frozen=True)
class World:
    settings: Settings
    a: Tenant
    b: Tenant
    b_before: dict[str, Message]


def snapshot(settings: Settings, tenant: Tenant) -> dict[str, Message]:
    """Each of tenant's resources as its owner reads it."""
    catalog = clients.catalog(settings.catalog_addr)
    scheduler = clients.scheduler(settings.scheduler_addr)
    names = tenant.names
    return {
        "report": catalog.GetReportDefinition(catalog_pb2.GetReportDefinitionRequest(name=names["report"])),
        "savedReport": catalog.GetSavedReport(catalog_pb2.GetSavedReportRequest(name=names["savedReport"])),
        "outputSpecification": catalog.GetOutputSpecification(
            catalog_pb2.GetOutputSpecificationRequest(name=names["outputSpecification"])),
        "pgpKey": catalog.GetPgpKey(catalog_pb2.GetPgpKeyRequest(name=names["pgpKey"])),
        "schedule": scheduler.GetSchedule(scheduler_pb2.GetScheduleRequest(name=names["schedule"])),
        "job": scheduler.GetJob(scheduler_pb2.GetJobRequest(name=names["job"])),
        "hostKey": clients.delivery(settings.delivery_addr).ListHostKeys(
            delivery_pb2.ListHostKeysRequest(parent=f"accounts/{tenant.account}")),
    }


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with pytest.MonkeyPatch.context() as patch, inprocess_suite({}, patch) as settings:
        a, b = make_tenant(settings, "ta"), make_tenant(settings, "tb")
        assert b.problems == {}, f"tenant B lacks resources the matrix needs: {b.problems}"
        yield World(settings, a, b, snapshot(settings, b))


@cache
def _token(role: str, scope: str) -> str:
    return issue(role, scope)


def _scope(kind: str, tenant: Tenant) -> str:
    return f"accounts:{tenant.account}" if kind == "accounts" else f"enterprise:{tenant.enterprise}"


def _kind(method: str) -> str:
    noun = VERBS.sub("", method, count=1)
    noun = noun[:-1] if method.startswith("List") and noun.endswith("s") else noun
    return KINDS.get(noun, noun[:1].lower() + noun[1:])


def _name(tenant: Tenant, kind: str) -> str:
    if kind == "account":
        return f"accounts/{tenant.account}"
    return tenant.names.get(kind) or f"accounts/{tenant.account}/{kind}s/not-made"


def _fill_record(request: Message, tenant: Tenant) -> None:
    records = next(f for f in request.DESCRIPTOR.fields if f.is_repeated and f.message_type is not None)
    record = getattr(request, records.name).add()
    if "account" in record.DESCRIPTOR.fields_by_name:
        record.account = tenant.account
    elif record.DESCRIPTOR.name == "Enterprise":
        record.name = f"enterprises/{tenant.enterprise}"
    else:
        record.name = f"accounts/{tenant.account}/records/r1"


def _fill_message(message: Message, tenant: Tenant, kind: str) -> None:
    fields = message.DESCRIPTOR.fields_by_name
    if "name" in fields and fields["name"].type == FieldDescriptor.TYPE_STRING:
        message.name = _name(tenant, kind)  # type: ignore[attr-defined]
    for name, resource in FIELD_KINDS.items():
        if name in fields and fields[name].type == FieldDescriptor.TYPE_STRING and not fields[name].is_repeated:
            setattr(message, name, _name(tenant, resource))


def request_for(rpc: Rpc, tenant: Tenant) -> Message:
    """A request of rpc naming tenant's resources wherever it names a resource."""
    request = rpc.request_class()
    if rpc.client_streaming:
        _fill_record(request, tenant)
        return request
    kind = _kind(rpc.name)
    _fill_message(request, tenant, kind)
    for descriptor in request.DESCRIPTOR.fields:
        if descriptor.name == "parent":
            request.parent = _name(tenant, PARENT_KINDS.get(kind, "account"))  # type: ignore[attr-defined]
        elif descriptor.name == "account" and descriptor.type == FieldDescriptor.TYPE_STRING:
            request.account = f"accounts/{tenant.account}"  # type: ignore[attr-defined]
        elif descriptor.name == "client_id":
            request.client_id = CLIENT  # type: ignore[attr-defined]
        elif descriptor.message_type is not None and not descriptor.is_repeated and \
                "name" in descriptor.message_type.fields_by_name:
            _fill_message(getattr(request, descriptor.name), tenant, kind)
    return request


def _role(rpc: Rpc) -> str:
    rule = policy.rule_for(rpc.full_name)
    assert rule is not None, f"{rpc.full_name} has no policy (tests/unit/security/test_policy.py says how)"
    return next(role for role in (ACCOUNT_USER, PLATFORM_INGEST, SERVICE, OPERATOR) if role in rule.roles)


def _call(world: World, rpc: Rpc, request: Message, token: str) -> grpc.StatusCode:
    address = getattr(world.settings, f"{rpc.servers()[0]}_addr")
    try:
        rpc.call(clients.channel(address), request, metadata=as_caller(token), timeout=30)
    except grpc.RpcError as error:
        return error.code()  # type: ignore[attr-defined,no-any-return]
    return grpc.StatusCode.OK


def _reads(rpc: Rpc) -> bool:
    return rpc.name.startswith((*policy.READ_VERBS, "Download", "Trace"))


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("rpc", RPCS, ids=[rpc.name for rpc in RPCS])
def test_a_caller_scoped_to_a_is_refused_every_rpc_naming_bs_resources(world: World, rpc: Rpc, scope: str) -> None:
    rule = policy.rule_for(rpc.full_name)
    if rule is not None and rule.unscoped:
        pytest.skip(f"{rpc.name} is unscoped: its requests name no account, so no tenant's resource to address")
    request = request_for(rpc, world.b)
    role = _role(rpc)
    # docs/security.md: B's parent, B's streamed records, or no account at all: PERMISSION_DENIED;
    # B's resource named anywhere else: NOT_FOUND, as for a name that does not exist.
    names_b = world.b.account in str(request) or world.b.enterprise in str(request)
    under_b = bool(getattr(request, "parent", "")) or rpc.client_streaming
    expected = grpc.StatusCode.NOT_FOUND if names_b and not under_b else grpc.StatusCode.PERMISSION_DENIED

    refused = _call(world, rpc, request, _token(role, _scope(scope, world.a)))

    assert refused == expected, f"{rpc.full_name} as {role} of {scope} A, naming B's: {request}"
    if _reads(rpc):  # the owner's read of the same request goes through (mutations would change B)
        owner = _call(world, rpc, request, _token(role, _scope(scope, world.b)))
        kind = _kind(rpc.name)
        if rpc.name.startswith(("Get", "List", "Watch", "Download", "Trace")) and \
                (kind in world.b.names or kind == "account"):
            assert owner == grpc.StatusCode.OK, f"{rpc.full_name} as {role} of B: {owner.name}"
        assert owner not in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED)


@pytest.mark.parametrize("method", NAMED_AREAS)
def test_every_area_the_issue_names_is_in_the_matrix(world: World, method: str) -> None:
    found = [rpc for rpc in RPCS if rpc.name == method]
    if not found:
        pytest.skip(f"{method} is in no proto yet, so the matrix cannot cover it")
    kind = _kind(method)
    if kind not in ("account", "run") and kind not in world.b.names:
        pytest.skip(world.b.problems.get(kind, f"tenant B has no {kind}"))
    assert policy.rule_for(found[0].full_name) is not None


def test_a_job_message_naming_another_account_does_nothing(world: World) -> None:
    job_id = world.b.names["job"].rsplit("/", 1)[1]
    misplaced = f"accounts/{world.a.account}/jobs/{job_id}"
    scheduler = clients.scheduler(world.settings.scheduler_addr)
    before = scheduler.GetJob(scheduler_pb2.GetJobRequest(name=world.b.names["job"])).job

    with pytest.raises(grpc.RpcError) as claim:
        scheduler.ClaimJobStage(scheduler_pb2.ClaimJobStageRequest(
            name=misplaced, stage=scheduler_pb2.STAGE_GENERATE, worker="test"), metadata=as_service())
    outcome = generate_report(misplaced, generator_bootstrap.worker_generation())

    assert claim.value.code() == grpc.StatusCode.NOT_FOUND  # type: ignore[attr-defined]
    assert outcome == Outcome.SKIPPED
    assert scheduler.GetJob(scheduler_pb2.GetJobRequest(name=world.b.names["job"])).job == before


def test_b_is_unchanged_after_every_refusal(world: World) -> None:
    """Runs after the matrix (pytest keeps file order): no refused call changed any of B's resources."""
    after = snapshot(world.settings, world.b)

    assert {kind: after[kind] == before for kind, before in world.b_before.items()} == \
        dict.fromkeys(world.b_before, True)

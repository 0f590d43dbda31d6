"""Two tenants with one of every kind of resource, made through the running suite's own APIs.

A tenant is an account of its own enterprise holding a campaign with attempts, a report
definition, a finished job and its saved report, a schedule, an output specification, a PGP key
and a pinned SFTP host key. What could not be made (an API still being written) is kept with the
reason, so a test can say why it skips instead of skipping silently.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import asyncssh
import grpc

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients
from reportsuite.core.settings import Settings
from reportsuite.delivery.v1 import delivery_pb2
from reportsuite.generator.v1 import generator_pb2
from reportsuite.scheduler.v1 import scheduler_pb2
from tests.integration.generator.builders import account, attempt, campaign
from tests.support.gpg import gpg_home

CAMPAIGN = "camp-1"
CLIENT = "C-77"
SPECIFICATION = b"""report All Attempts
delimiter comma
header on
field ClientID
field Status
"""


@dataclass
class Tenant:
    """An account and the name of each resource made in it, by kind ("report", "job", ...)."""

    account: str
    enterprise: str
    names: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    def make(self, kind: str, build: Callable[[], str]) -> None:
        """Runs build and keeps the name it returns, or the reason it failed."""
        try:
            self.names[kind] = build()
        except (grpc.RpcError, AssertionError, TimeoutError) as error:
            details = error.details() if isinstance(error, grpc.RpcError) else str(error)  # type: ignore[attr-defined]
            self.problems[kind] = f"could not make the {kind}: {details}"


def ingest(settings: Settings, tenant: Tenant, start: datetime) -> None:
    stub = clients.generator(settings.generator_addr)
    stub.IngestAccounts(iter([generator_pb2.IngestAccountsRequest(
        accounts=[account(tenant.account, enterprise=tenant.enterprise, time_zone="UTC")])]), timeout=30)
    stub.IngestCampaigns(iter([generator_pb2.IngestCampaignsRequest(
        campaigns=[campaign(tenant.account, CAMPAIGN, start=start - timedelta(days=30))])]), timeout=30)
    records = [attempt(f"{tenant.account}-{n}", tenant.account, CAMPAIGN, client=CLIENT,
                       start=start + timedelta(hours=n), complete=start + timedelta(hours=n, minutes=1))
               for n in range(3)]
    stub.IngestAttempts(iter([generator_pb2.IngestAttemptsRequest(attempts=records)]), timeout=30)
    tenant.names["account"] = f"accounts/{tenant.account}"
    tenant.names["campaign"] = f"accounts/{tenant.account}/campaigns/{CAMPAIGN}"


def _definition(settings: Settings, tenant: Tenant, start: datetime) -> str:
    day = start.strftime("%Y-%m-%d")
    made = catalog_pb2.ReportDefinition(
        display_name="Tenant attempts", report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS,
        level=catalog_pb2.LEVEL_CAMPAIGN, target=CAMPAIGN,
        time_frame=catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES, start=f"{day}T00:00",
                                         end=f"{(start + timedelta(days=1)):%Y-%m-%d}T00:00", time_zone="UTC"))
    return str(clients.catalog(settings.catalog_addr).CreateReportDefinition(catalog_pb2.CreateReportDefinitionRequest(
        parent=f"accounts/{tenant.account}", report_definition=made), timeout=30).report_definition.name)


def _finished_job(settings: Settings, tenant: Tenant) -> str:
    stub = clients.scheduler(settings.scheduler_addr)
    job = stub.RunReport(scheduler_pb2.RunReportRequest(report_definition=tenant.names["report"]), timeout=30).job
    deadline = time.monotonic() + 60
    while job.state != scheduler_pb2.Job.STATE_SUCCEEDED:
        if time.monotonic() > deadline or job.state in (scheduler_pb2.Job.STATE_FAILED,
                                                         scheduler_pb2.Job.STATE_CANCELLED):
            raise TimeoutError(f"job {job.name} ended or stayed {scheduler_pb2.Job.State.Name(job.state)}")
        time.sleep(0.2)
        job = stub.GetJob(scheduler_pb2.GetJobRequest(name=job.name), timeout=30).job
    tenant.names["savedReport"] = job.saved_report
    return str(job.name)


def _schedule(settings: Settings, tenant: Tenant) -> str:
    schedule = scheduler_pb2.Schedule(report_definition=tenant.names["report"], crontab="0 6 * * *", paused=True)
    return str(clients.scheduler(settings.scheduler_addr).CreateSchedule(scheduler_pb2.CreateScheduleRequest(
        parent=f"accounts/{tenant.account}", schedule=schedule), timeout=30).schedule.name)


def _specification(settings: Settings, tenant: Tenant) -> str:
    return str(clients.catalog(settings.catalog_addr).UploadOutputSpecification(
        catalog_pb2.UploadOutputSpecificationRequest(
            name=f"accounts/{tenant.account}/outputSpecifications/crm", content=SPECIFICATION),
        timeout=30).output_specification.name)


def _pgp_key(settings: Settings, tenant: Tenant) -> str:
    with gpg_home() as gpg:
        fingerprint = gpg.generate(f"Tenant {tenant.account} <reports@example.com>")
        armored = gpg.public(fingerprint)
    return str(clients.catalog(settings.catalog_addr).ImportPgpKey(catalog_pb2.ImportPgpKeyRequest(
        parent=f"accounts/{tenant.account}", armored_key=armored), timeout=30).pgp_key.name)


def _host_key(settings: Settings, tenant: Tenant) -> str:
    public = asyncssh.generate_private_key("ssh-ed25519").export_public_key("openssh").decode().split()
    return str(clients.delivery(settings.delivery_addr).PinHostKey(delivery_pb2.PinHostKeyRequest(
        parent=f"accounts/{tenant.account}", host="127.0.0.1", port=2222, public_key=" ".join(public[:2])),
        timeout=30).host_key.name)


def make_tenant(settings: Settings, prefix: str) -> Tenant:
    """An account of an enterprise of its own with one of every resource (as the test operator)."""
    suffix = uuid.uuid4().hex[:8]
    tenant = Tenant(f"{prefix}{suffix}", f"ent-{prefix}{suffix}")
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=3)
    ingest(settings, tenant, start)
    tenant.make("report", lambda: _definition(settings, tenant, start))
    if "report" in tenant.names:
        tenant.make("job", lambda: _finished_job(settings, tenant))
        tenant.make("schedule", lambda: _schedule(settings, tenant))
    tenant.make("outputSpecification", lambda: _specification(settings, tenant))
    tenant.make("pgpKey", lambda: _pgp_key(settings, tenant))
    tenant.make("hostKey", lambda: _host_key(settings, tenant))
    return tenant

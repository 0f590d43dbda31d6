"""Planted passwords and tokens appear in no log line, span, error message, API answer or table row.

Known FTP/SFTP and SMTP passwords are planted; deliveries succeed and fail (wrong password, unknown
host key, refused recipient) with the suite run twice: in this process, where an in-memory exporter
sees every span and a handler every log record (DEBUG), and as processes, whose whole logs are read.
Every answer the API gave, every error it returned and every row of every schema are scanned too.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import pytest
import sqlalchemy as sa
from google.protobuf.message import Message
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from reportsuite.audit.v1 import audit_pb2, audit_pb2_grpc
from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients, telemetry
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2
from tests.e2e.test_report_slice import ingest_into, make_attempts
from tests.support.inprocess import inprocess_suite
from tests.support.processes import running_suite
from tests.support.servers import ftp_server, sftp_server, smtp_server

TRANSFER_PASSWORD = "Xfer-Pw-7Q2v9Lk3"
WRONG_PASSWORD = "Not-The-Pw-4Rt8Zq1"
SMTP_PASSWORD = "Mail-Pw-9Hs2Kd6Fx"
SFTP = catalog_pb2.FileTransfer.PROTOCOL_SFTP
FTP = catalog_pb2.FileTransfer.PROTOCOL_FTP
TERMINAL = (scheduler_pb2.Job.STATE_SUCCEEDED, scheduler_pb2.Job.STATE_FAILED, scheduler_pb2.Job.STATE_CANCELLED)


def secrets() -> dict[str, str]:
    """Everything that must never be shown: the planted passwords, the tokens and the encryption key."""
    planted = {"transfer password": TRANSFER_PASSWORD, "wrong password": WRONG_PASSWORD,
               "SMTP password": SMTP_PASSWORD}
    for variable in ("REPORTSUITE_TOKEN", "REPORTSUITE_SERVICE_TOKEN", "REPORTSUITE_SECRETS_KEY"):
        if os.environ.get(variable):
            planted[variable] = os.environ[variable]
    return planted


def found_in(text: str) -> list[str]:
    return [name for name, secret in secrets().items() if secret in text]


@dataclass
class Servers:
    sftp: Any
    stranger: Any
    ftp: Any
    smtp: Any
    known_hosts: Path


@dataclass
class Seen:
    """What the API answered, and the errors it returned, during a scenario."""

    answers: list[Message] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    states: dict[str, str] = field(default_factory=dict)


@contextmanager
def servers(tmp_path: Path) -> Iterator[Servers]:
    for name in ("sftp", "stranger", "ftp"):
        (tmp_path / name / "in").mkdir(parents=True)
    with ExitStack() as stack:
        sftp = stack.enter_context(sftp_server(tmp_path / "sftp", password=TRANSFER_PASSWORD))
        stranger = stack.enter_context(sftp_server(tmp_path / "stranger", password=TRANSFER_PASSWORD))
        ftp = stack.enter_context(ftp_server(tmp_path / "ftp", password=TRANSFER_PASSWORD))
        smtp = stack.enter_context(smtp_server(reject={"refused@example.com": 550},
                                               credentials=("reports", SMTP_PASSWORD)))
        known_hosts = tmp_path / "known_hosts"
        known_hosts.write_text(sftp.known_hosts_line + "\n")  # the stranger's key is pinned nowhere
        yield Servers(sftp, stranger, ftp, smtp, known_hosts)


def overrides(found: Servers, tmp_path: Path) -> dict[str, str]:
    return {"REPORTSUITE_SMTP_HOST": found.smtp.host, "REPORTSUITE_SMTP_PORT": str(found.smtp.port),
            "REPORTSUITE_SMTP_USERNAME": "reports", "REPORTSUITE_SMTP_PASSWORD": SMTP_PASSWORD,
            "REPORTSUITE_SFTP_KNOWN_HOSTS": str(found.known_hosts), "REPORTSUITE_FILE_STORE": str(tmp_path / "files"),
            "REPORTSUITE_LOG_LEVEL": "DEBUG", "REPORTSUITE_TRANSFER_TIMEOUT_SECONDS": "10"}


def _definition(name: str, emails: str = "", protocol: int = 0, destination: str = "") -> catalog_pb2.ReportDefinition:
    output = catalog_pb2.OutputOptions(email_addresses=emails)
    if destination:
        output.file_transfer.CopyFrom(catalog_pb2.FileTransfer(protocol=protocol, destination=destination))  # type: ignore[arg-type]
    return catalog_pb2.ReportDefinition(
        display_name=name, report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS, level=catalog_pb2.LEVEL_CAMPAIGN,
        target="spring", output=output,
        time_frame=catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES, start="2026-11-02T00:00",
                                         end="2026-11-05T00:00"))


def deliveries(found: Servers) -> dict[str, catalog_pb2.ReportDefinition]:
    """One definition per way a delivery can go: right, wrong password, unknown host, refused recipient."""
    sftp, stranger, ftp = found.sftp, found.stranger, found.ftp
    return {
        "succeeds": _definition("Good", "ops@example.com", SFTP,
                                f"reports:{TRANSFER_PASSWORD}@{sftp.host}:{sftp.port}/in"),
        "ftp succeeds": _definition("Good FTP", "", FTP, f"reports:{TRANSFER_PASSWORD}@{ftp.host}:{ftp.port}/in"),
        "wrong password": _definition("Wrong pw", "", SFTP, f"reports:{WRONG_PASSWORD}@{sftp.host}:{sftp.port}/in"),
        "wrong FTP password": _definition("Wrong FTP", "", FTP, f"reports:{WRONG_PASSWORD}@{ftp.host}:{ftp.port}/in"),
        "unknown host key": _definition("Stranger", "", SFTP,
                                        f"reports:{TRANSFER_PASSWORD}@{stranger.host}:{stranger.port}/in"),
        "refused recipient": _definition("Refused", "refused@example.com"),
    }


def _wait(scheduler: Any, name: str) -> scheduler_pb2.Job:
    deadline = time.monotonic() + 120
    while True:
        job = scheduler.GetJob(scheduler_pb2.GetJobRequest(name=name), timeout=30).job
        if job.state in TERMINAL or time.monotonic() > deadline:
            return job
        time.sleep(0.3)


def _remember_error(seen: Seen, call: Any) -> None:
    try:
        seen.answers.append(call())
    except grpc.RpcError as error:
        seen.errors.append(f"{error.code()} {error.details()} {error.trailing_metadata()}")  # type: ignore[attr-defined]


def scenario(settings: Settings, found: Servers, account: str) -> Seen:
    """Defines, runs and reads back every delivery; also sends a destination the catalog refuses."""
    seen = Seen()
    ingest_into(settings.generator_addr, account, make_attempts(account, 60))
    catalog, scheduler = clients.catalog(settings.catalog_addr), clients.scheduler(settings.scheduler_addr)
    parent = f"accounts/{account}"
    jobs = {}
    for label, definition in deliveries(found).items():
        created = catalog.CreateReportDefinition(catalog_pb2.CreateReportDefinitionRequest(
            parent=parent, report_definition=definition), timeout=30)
        seen.answers.append(created)
        jobs[label] = scheduler.RunReport(scheduler_pb2.RunReportRequest(
            report_definition=created.report_definition.name), timeout=30).job.name
    for label, name in jobs.items():
        job = _wait(scheduler, name)
        seen.answers.append(job)
        seen.states[label] = scheduler_pb2.Job.State.Name(job.state)
    bad = _definition("Bad host", "", SFTP, f"reports:{TRANSFER_PASSWORD}@bad host!/in")
    _remember_error(seen, lambda: catalog.CreateReportDefinition(catalog_pb2.CreateReportDefinitionRequest(
        parent=parent, report_definition=bad), timeout=30))
    seen.answers.append(catalog.ListReportDefinitions(catalog_pb2.ListReportDefinitionsRequest(parent=parent)))
    seen.answers.append(scheduler.ListJobs(scheduler_pb2.ListJobsRequest(parent=parent)))
    for service in ("catalog", "scheduler", "generator", "delivery"):
        audit = audit_pb2_grpc.AuditServiceStub(clients.channel(getattr(settings, f"{service}_addr")))
        seen.answers.append(audit.ListAuditEvents(audit_pb2.ListAuditEventsRequest(account=parent)))
    return seen


def _check_outcomes(seen: Seen, found: Servers) -> None:
    assert seen.states == {"succeeds": "STATE_SUCCEEDED", "ftp succeeds": "STATE_SUCCEEDED",
                           "wrong password": "STATE_FAILED", "wrong FTP password": "STATE_FAILED",
                           "unknown host key": "STATE_FAILED", "refused recipient": "STATE_FAILED"}
    assert found.smtp.recipients() == ["ops@example.com"]  # delivered with SMTP AUTH
    assert len(seen.errors) == 1 and "INVALID_ARGUMENT" in seen.errors[0]


def _check_api(seen: Seen) -> None:
    for answer in seen.answers:
        assert found_in(str(answer)) == [], f"a secret in an answer: {answer}"
    for error in seen.errors:
        assert found_in(error) == [], f"a secret in an error: {error}"


def rows_holding(settings: Settings, needle: str) -> list[str]:
    """Tables of any service (and their audit trails) with a row holding needle, in text or bytes."""
    engine = sa.create_engine(settings.database_url)
    found = []
    try:
        with engine.connect() as connection:
            tables = connection.execute(sa.text(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                "AND table_schema NOT IN ('pg_catalog', 'information_schema')")).all()
            for schema, table in tables:
                binary = connection.execute(sa.text(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = :s AND table_name = :t "
                    "AND data_type = 'bytea'"), {"s": schema, "t": table}).scalars().all()
                tests = ["t::text LIKE :text", *[f'position(:bytes IN t."{c}") > 0' for c in binary]]
                hits = connection.execute(sa.text(f'SELECT count(*) FROM "{schema}"."{table}" t WHERE '
                                                  + " OR ".join(tests)),
                                          {"text": f"%{needle}%", "bytes": needle.encode()}).scalar()
                if hits:
                    found.append(f"{schema}.{table}")
    finally:
        engine.dispose()
    return found


def _check_rows(settings: Settings) -> None:
    stored = {name: rows_holding(settings, secret) for name, secret in secrets().items()
              if name in ("transfer password", "wrong password", "SMTP password")}
    assert stored == {name: [] for name in stored}, f"secrets stored in plain text: {stored}"


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    memory = InMemorySpanExporter()
    telemetry.configure("reportsuite-tests", exporter=memory)
    return memory


def test_in_process_no_secret_reaches_a_log_record_a_span_an_answer_or_a_row(
    tmp_path: Path, exporter: InMemorySpanExporter, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch, unique_id: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    with servers(tmp_path) as found, inprocess_suite(overrides(found, tmp_path), monkeypatch) as settings:
        exporter.clear()
        seen = scenario(settings, found, unique_id)
        time.sleep(0.5)  # the last consumer spans end just after their job
        _check_outcomes(seen, found)
        _check_api(seen)
        _check_rows(settings)

    spans = exporter.get_finished_spans()
    assert len(spans) > 50 and len(caplog.records) > 50
    for span in spans:
        shown = " ".join([span.name, str(dict(span.attributes or {})), str(span.status.description),
                          *[f"{e.name} {dict(e.attributes or {})}" for e in span.events]])
        assert found_in(shown) == [], f"a secret in span {span.name}: {shown}"
    for record in caplog.records:
        text = logging.Formatter().format(record)  # the message, its arguments and any traceback
        assert found_in(text) == [], f"a secret in a log record of {record.name}: {text}"


@pytest.mark.e2e
def test_as_processes_no_secret_reaches_any_log_line(tmp_path: Path, unique_id: str) -> None:
    with servers(tmp_path) as found:
        with running_suite(tmp_path / "logs", overrides(found, tmp_path)) as suite:
            settings = Settings.from_env(suite.env)
            seen = scenario(settings, found, unique_id)
            _check_outcomes(seen, found)
            _check_api(seen)
        logs = {path.name: path.read_text(errors="replace") for path in (tmp_path / "logs").glob("*.log")}

    assert len(logs) == 6 and all(logs.values())
    assert {name: found_in(text) for name, text in logs.items()} == {name: [] for name in logs}

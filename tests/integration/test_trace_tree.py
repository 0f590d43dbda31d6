"""One trace covers a report job end to end: RunReport, the generate job, the delivery job.

The services run in this process so an in-memory exporter sees every span, but the context
still crosses real gRPC calls and real RabbitMQ messages: nothing shares a Python context.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients, telemetry
from reportsuite.scheduler.v1 import scheduler_pb2
from tests.e2e.test_report_slice import make_attempts
from tests.support.inprocess import inprocess_suite
from tests.support.servers import sftp_server, smtp_server


@pytest.fixture(scope="module")
def exporter() -> InMemorySpanExporter:
    memory = InMemorySpanExporter()
    telemetry.configure("reportsuite-tests", exporter=memory)
    return memory


@pytest.fixture
def destinations(tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    (tmp_path / "sftp" / "in").mkdir(parents=True)
    with sftp_server(tmp_path / "sftp") as sftp, smtp_server() as smtp:
        yield sftp, smtp


def ancestors(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[str]:
    names = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        names.append(span.name)
    return names


def started(span: ReadableSpan) -> int:
    """A finished span's start time in nanoseconds: every finished span has one."""
    assert span.start_time is not None
    return span.start_time


def test_one_trace_spans_run_report_generation_and_each_delivery(
    tmp_path: Path, exporter: InMemorySpanExporter, destinations: tuple[Any, Any],
    monkeypatch: pytest.MonkeyPatch, unique_id: str,
) -> None:
    from tests.e2e.test_report_slice import ingest_into

    sftp, smtp = destinations
    (tmp_path / "known_hosts").write_text(sftp.known_hosts_line + "\n")
    overrides = {"REPORTSUITE_SMTP_HOST": smtp.host, "REPORTSUITE_SMTP_PORT": str(smtp.port),
                 "REPORTSUITE_SFTP_KNOWN_HOSTS": str(tmp_path / "known_hosts"),
                 "REPORTSUITE_FILE_STORE": str(tmp_path / "files")}
    with inprocess_suite(overrides, monkeypatch) as settings:
        ingest_into(settings.generator_addr, unique_id, make_attempts(unique_id, 200))
        catalog = clients.catalog(settings.catalog_addr)
        definition = catalog.CreateReportDefinition(catalog_pb2.CreateReportDefinitionRequest(
            parent=f"accounts/{unique_id}",
            report_definition=catalog_pb2.ReportDefinition(
                display_name="Traced", report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS,
                level=catalog_pb2.LEVEL_CAMPAIGN, target="spring",
                time_frame=catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES,
                                                  start="2026-11-02T00:00", end="2026-11-05T00:00"),
                output=catalog_pb2.OutputOptions(
                    email_addresses="ops@example.com",
                    file_transfer=catalog_pb2.FileTransfer(
                        protocol=catalog_pb2.FileTransfer.PROTOCOL_SFTP,
                        destination=f"reports:s3cret@{sftp.host}:{sftp.port}/in")),
            ),
        ), timeout=30).report_definition
        exporter.clear()
        scheduler = clients.scheduler(settings.scheduler_addr)
        job = scheduler.RunReport(scheduler_pb2.RunReportRequest(report_definition=definition.name),
                                  timeout=30).job
        for _ in scheduler.WatchJob(scheduler_pb2.WatchJobRequest(name=job.name), timeout=120):
            pass
        final = scheduler.GetJob(scheduler_pb2.GetJobRequest(name=job.name), timeout=30).job
        assert final.state == scheduler_pb2.Job.STATE_SUCCEEDED, final.failure_reason
        time.sleep(0.5)  # the worker's consumer span ends just after the job is marked done

    spans = [s for s in exporter.get_finished_spans()
             if started(s) >= int(job.create_time.ToDatetime(tzinfo=UTC).timestamp() * 1e9) - 10**9]
    run = next(s for s in spans if s.name.endswith("SchedulerService/RunReport")
               and s.kind.name == "SERVER")
    trace_spans = [s for s in spans if s.context.trace_id == run.context.trace_id]
    by_id = {s.context.span_id: s for s in trace_spans}
    names = {s.name for s in trace_spans}
    for expected in ("generate_report process", "deliver_report process", "query", "format",
                     "deliver sftp", "deliver email"):
        assert expected in names, sorted(names)

    def lineage(name: str) -> list[str]:
        return ancestors(next(s for s in trace_spans if s.name == name), by_id)

    assert run.name in lineage("generate_report process")
    assert "generate_report process" in lineage("query")
    assert "generate_report process" in lineage("format")
    assert "generate_report process" in lineage("deliver_report process")
    assert "deliver_report process" in lineage("deliver sftp")
    assert "deliver_report process" in lineage("deliver email")
    assert datetime.now(UTC) > final.create_time.ToDatetime(tzinfo=UTC)

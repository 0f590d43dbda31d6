"""End-to-end time of the walking skeleton's slice for a 100,000-attempt report.

Run: ``.venv/bin/python -m benchmarks.slice_end_to_end [--attempts 100000]``

Starts the suite as separate processes on the real PostgreSQL and RabbitMQ, with a real SFTP
and SMTP server on loopback, ingests the attempts, runs an All Attempts report over all of them
and times RunReport -> SUCCEEDED. The baseline, run in this same process on the same data, is
PostgreSQL's own ``COPY (SELECT ... ) TO STDOUT WITH CSV`` of the window's attempts into a null
sink: the ceiling for any report that reads those rows. Also prints the generator worker's peak
RSS (VmHWM of its Dramatiq worker processes).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import fresh_database  # noqa: E402 - after the path insert

BENCH_DB = "reportsuite_bench"


class NullSink:
    def __init__(self) -> None:
        self.bytes = 0

    def write(self, data: bytes | str) -> int:
        self.bytes += len(data)
        return len(data)


def copy_baseline(account: str, start: object, end: object) -> tuple[float, int]:
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=BENCH_DB)
    try:
        with connection.cursor() as cursor:
            sink = NullSink()
            began = time.perf_counter()
            query = cursor.mogrify(
                "SELECT * FROM generator.attempts WHERE account = %s AND campaign = 'spring'"
                " AND complete_time >= %s AND complete_time < %s", (account, start, end)).decode()
            cursor.copy_expert(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)", sink)
            return time.perf_counter() - began, sink.bytes
    finally:
        connection.close()


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        for child in map(int, text):
            found += [child, *children(child)]
    return found


def peak_rss_mib(pid: int) -> float:
    peaks = []
    for proc in [pid, *children(pid)]:
        for line in Path(f"/proc/{proc}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    args = parser.parse_args()

    os.environ["REPORTSUITE_DATABASE_URL"] = fresh_database(BENCH_DB)
    os.environ.setdefault("REPORTSUITE_LOG_LEVEL", "WARNING")
    from datetime import UTC

    from reportsuite.catalog.v1 import catalog_pb2
    from reportsuite.core import clients
    from reportsuite.scheduler.v1 import scheduler_pb2
    from tests.e2e.test_report_slice import ingest_into, make_attempts
    from tests.support.processes import running_suite
    from tests.support.security import callers_of_the_run
    from tests.support.servers import sftp_server, smtp_server

    account = "bench" + uuid.uuid4().hex[:6]
    attempts = make_attempts(account, args.attempts)
    start = min(a.complete_time.ToDatetime(tzinfo=UTC) for a in attempts)
    end = max(a.complete_time.ToDatetime(tzinfo=UTC) for a in attempts)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        callers_of_the_run(tmp / "tokens.json", "bench")
        (tmp / "sftp" / "in").mkdir(parents=True)
        with sftp_server(tmp / "sftp") as sftp, smtp_server() as smtp:
            (tmp / "known_hosts").write_text(sftp.known_hosts_line + "\n")
            overrides = {"REPORTSUITE_SMTP_HOST": smtp.host, "REPORTSUITE_SMTP_PORT": str(smtp.port),
                         "REPORTSUITE_SFTP_KNOWN_HOSTS": str(tmp / "known_hosts"),
                         "REPORTSUITE_FILE_STORE": str(tmp / "files")}
            with running_suite(tmp / "logs", overrides) as suite:
                began = time.perf_counter()
                ingest_into(suite.address("generator"), account, attempts)
                ingest_seconds = time.perf_counter() - began
                definition = clients.catalog(suite.address("catalog")).CreateReportDefinition(
                    catalog_pb2.CreateReportDefinitionRequest(
                        parent=f"accounts/{account}",
                        report_definition=catalog_pb2.ReportDefinition(
                            display_name="Benchmark", report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS,
                            level=catalog_pb2.LEVEL_CAMPAIGN, target="spring",
                            time_frame=catalog_pb2.TimeFrame(
                                kind=catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES, time_zone="UTC",
                                start=f"{start:%Y-%m-%dT%H:%M}", end="2030-01-01T00:00"),
                            output=catalog_pb2.OutputOptions(
                                email_addresses="ops@example.com",
                                file_transfer=catalog_pb2.FileTransfer(
                                    protocol=catalog_pb2.FileTransfer.PROTOCOL_SFTP,
                                    destination=f"reports:s3cret@{sftp.host}:{sftp.port}/in")))),
                    timeout=30).report_definition
                scheduler = clients.scheduler(suite.address("scheduler"))
                began = time.perf_counter()
                job = scheduler.RunReport(scheduler_pb2.RunReportRequest(
                    report_definition=definition.name), timeout=30).job
                for _ in scheduler.WatchJob(scheduler_pb2.WatchJobRequest(name=job.name), timeout=600):
                    pass
                slice_seconds = time.perf_counter() - began
                job = scheduler.GetJob(scheduler_pb2.GetJobRequest(name=job.name), timeout=30).job
                rss = peak_rss_mib(suite.processes["generator-worker"].pid)
                if job.state != scheduler_pb2.Job.STATE_SUCCEEDED:
                    raise SystemExit(f"job ended {job.state}: {job.failure_reason}")
        baseline_seconds, baseline_bytes = copy_baseline(account, start, end)
    print(f"attempts ingested: {len(attempts):,} in {ingest_seconds:.2f} s "
          f"({len(attempts) / ingest_seconds:,.0f}/s)")
    print(f"report rows: {job.row_count:,}")
    print(f"slice end to end (RunReport -> SUCCEEDED, SFTP + email): {slice_seconds:.2f} s")
    print(f"baseline COPY of the same rows to a null sink: {baseline_seconds:.2f} s ({baseline_bytes:,} bytes)")
    print(f"ratio slice / COPY baseline: {slice_seconds / baseline_seconds:.1f}x")
    print(f"generator worker peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()

"""What the Detail report benchmarks share (not a benchmark itself).

- ``prepare``: a benchmark database of its own (``reportsuite_bench_reports_<N>``) loaded with
  ``reportsuite synth --ingest`` (one account, so every attempt is the account's), migrated to the
  generator's head (statuses and indexes) and analysed. A database already loaded is reused: synth
  skips a seed it finds stored.
- ``baseline``: PostgreSQL's own ``COPY (query) TO STDOUT WITH (FORMAT csv, HEADER true)`` of a
  query into a null sink, through psycopg2's ``copy_expert``, in this process.
- ``generate_in_child``: the real generate stage (``services.generator.domain.generation``, with the
  real report writer and artifact store; the scheduler, catalog and delivery replaced by in-process
  stand-ins) in a child process, which reports its time and its peak RSS (VmHWM).

The report runs as <Yesterday's activity> at campaign level over an Explicit window holding all the
synthetic days: every attempt of every campaign of the account, so the report's row count is the
whole load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import database_exists, fresh_database, url_of  # noqa: E402 - after the path insert

AS_OF = "2024-11-04T00:00:00+00:00"
WINDOW = (datetime(2024, 10, 1, tzinfo=UTC), datetime(2024, 11, 5, tzinfo=UTC))
TIME_ZONE = "America/New_York"  # the synthetic world's first account's zone


def database_name(attempts: int) -> str:
    return f"reportsuite_bench_reports_{attempts // 1_000_000}m" if attempts >= 1_000_000 \
        else f"reportsuite_bench_reports_{attempts}"


# The seed each size is loaded with (a database holds one seed's world).
SEEDS = {1_000_000: 11, 5_000_000: 12}


def seed_for(attempts: int) -> int:
    return SEEDS.get(attempts, 10)


def account_of(seed: int) -> str:
    return f"syn{seed}-acct01"


def prepare(attempts: int, seed: int) -> str:
    """Loads (or reuses) the benchmark database; returns its URL."""
    name = database_name(attempts)
    url = url_of(name) if database_exists(name) else fresh_database(name)
    env = dict(os.environ, REPORTSUITE_DATABASE_URL=url, PYTHONPATH=str(ROOT))
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reportsuite.cli.suite", "synth", "--seed", str(seed), "--attempts",
                    str(attempts), "--accounts", "1", "--days", "7", "--as-of", AS_OF, "--ingest"],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    loaded = time.perf_counter() - began
    subprocess.run([sys.executable, "-m", "services.generator", "migrate"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=name)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT count(*) FROM generator.attempts WHERE account = %s", (account_of(seed),))
            count = cursor.fetchone()[0]
    finally:
        connection.close()
    print(f"database {name}: {count:,} attempts (synth --ingest took {loaded:.0f} s, 0 when already loaded)")
    return url


class NullSink:
    """Counts what COPY hands over and keeps nothing."""

    def __init__(self) -> None:
        self.bytes = 0

    def write(self, data: bytes | str) -> int:
        self.bytes += len(data)
        return len(data)


def report_query(report: str, seed: int) -> Any:
    from services.generator.domain.reports import Level, ReportQuery, ReportType

    return ReportQuery(report_type=ReportType[report], account=account_of(seed), campaign=None, sub_campaign=None,
                       window_start=WINDOW[0], window_end=WINDOW[1], time_zone=TIME_ZONE, level=Level.CAMPAIGN)


def inline(dbname: str, sql: str, seed: int, report: str = "ALL_ATTEMPTS") -> str:
    """sql with the benchmark report's parameters inlined, as the report writer runs it."""
    from services.generator.adapters.report_query import query_parameters

    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=dbname)
    try:
        return connection.cursor().mogrify(sql, query_parameters(report_query(report, seed))).decode()
    finally:
        connection.close()


def baseline(dbname: str, select: str) -> tuple[float, int]:
    """PostgreSQL's COPY of select into a null sink: seconds and bytes."""
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=dbname)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('TimeZone', %s, true)", (TIME_ZONE,))
            sink = NullSink()
            began = time.perf_counter()
            cursor.copy_expert(f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER true)", sink)
            return time.perf_counter() - began, sink.bytes
    finally:
        connection.rollback()
        connection.close()


def explain(dbname: str, select: str) -> list[str]:
    """EXPLAIN (ANALYZE) of select, in the report's session settings."""
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=dbname)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('TimeZone', %s, true)", (TIME_ZONE,))
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) " + select)
            return [row[0] for row in cursor.fetchall()]
    finally:
        connection.rollback()
        connection.close()


def generate_in_child(url: str, report: str, seed: int) -> dict[str, Any]:
    """Runs the generate stage in a child process; returns its seconds, rows, bytes and peak RSS."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    output = subprocess.run([sys.executable, "-m", "benchmarks.report_bench", "--url", url, "--report", report,
                             "--seed", str(seed)], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


# --- the child ------------------------------------------------------------------------------------------


def _child(url: str, report: str, seed: int) -> dict[str, Any]:
    from reportsuite.core import db
    from reportsuite.core.filestore import FileStore
    from services.generator.adapters.report_query import PostgresReportWriter
    from services.generator.adapters.repository import ActivityRepository
    from services.generator.domain.generation import Generation, Outcome, generate_report
    from services.generator.domain.jobs import Claim, Job, ReportDefinition
    from services.generator.domain.reports import Level, ReportType

    account = account_of(seed)
    definition = ReportDefinition(f"accounts/{account}/reports/bench", "Bench", ReportType[report], Level.CAMPAIGN,
                                  "", yesterdays_activity=True)
    job = Job(f"accounts/{account}/jobs/bench", account, "bench", definition, WINDOW[0], WINDOW[1], WINDOW[1])

    class Stages:
        rows = 0

        def claim(self, job_name: str) -> Claim:
            return Claim(job, "lease")

        def heartbeat(self, claim: Claim) -> bool:
            return False

        def complete(self, claim: Claim, saved_report: str, row_count: int) -> None:
            self.rows = row_count

        def skip_empty(self, claim: Claim) -> None: ...

        def fail(self, claim: Claim, reason: str, retryable: bool) -> None:
            raise SystemExit(f"the generate stage failed: {reason}")

    class Namer:
        def file_name(self, request: Any) -> str:
            return "bench.csv"

    class Saved:
        def register(self, draft: Any) -> str:
            return f"accounts/{account}/savedReports/bench"

    engine = db.make_engine(url, pool_size=2)
    stages = Stages()
    with tempfile.TemporaryDirectory() as root:
        store = FileStore(Path(root))
        deps = Generation(stages=stages, activity=ActivityRepository(engine), reports=PostgresReportWriter(engine),
                          artifacts=store, file_namer=Namer(), saved_reports=Saved(), heartbeat_seconds=10)
        began = time.perf_counter()
        outcome = generate_report(job.name, deps)
        seconds = time.perf_counter() - began
        size = sum(path.stat().st_size for path in Path(root).rglob("*") if path.is_file())
    engine.dispose()
    assert outcome is Outcome.COMPLETED, outcome
    peak = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith("VmHWM:"))
    return {"seconds": seconds, "rows": stages.rows, "bytes": size, "vmhwm_mib": peak / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the generate stage of one report, in this process")
    parser.add_argument("--url", required=True)
    parser.add_argument("--report", default="ALL_ATTEMPTS")
    parser.add_argument("--seed", type=int, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(_child(args.url, args.report, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

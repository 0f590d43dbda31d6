"""Scheduler tick: 10,000 schedules due in the same minute, and the lag of 100 due per minute.

Run: ``.venv/bin/python -m benchmarks.scheduler_tick [--schedules 10000] [--minutes 3]``

Starts the catalog, generator, delivery and ONE scheduler as processes (no workers) on a fresh
database and the real RabbitMQ (queues prefixed ``bench<pid>.``). Setup, not timed: 100
accounts are ingested into the generator, one report definition per schedule (Yesterday, so
each run resolves its window in its account's zone) is created through the catalog's API, and
the schedules are written straight into the scheduler's table (CreateSchedule's cost is not what
is measured). A consumer on the generate queue timestamps every message as RabbitMQ hands it over.

1. Burst: every schedule is due at the same whole minute T (as the crontab "M H * * *" of all of
   them would make it), at least 130 s after the schedules exist, so the scheduler's prefetch (two
   minutes ahead) has read their definitions by T as it would in production. Figure: from T until the last of the
   N messages arrived (run + job + outbox row committed and published), and the lag per run.
2. Steady: 100 schedules with the crontab "* * * * *" (100 due each minute, all at :00, the
   worst case for a crontab) for --minutes real minutes. Figure: p50 / p99 / max of the lag from
   each run's due time to its message's arrival.

Baseline, in this process: publishing N bare messages one by one with publisher confirms
(reportsuite.core.queue.publish), the relay's way before it published in AMQP transactions.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import fresh_database  # noqa: E402 - after the path insert

BENCH_DB = "reportsuite_bench_scheduler"
BROKER_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
PREFIX = f"bench{os.getpid()}."
ACCOUNTS = 100
# Schedules exist at least this long before they are due: the prefetch's lookahead and a margin.
LEAD_SECONDS = 130


class Arrivals:
    """Consumes the generate queue on its own connection and notes when each job's message arrived."""

    def __init__(self, queue_name: str) -> None:
        self.queue_name = queue_name
        self.seen: dict[str, float] = {}
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        import json

        import pika

        connection = pika.BlockingConnection(pika.URLParameters(BROKER_URL))
        channel = connection.channel()
        channel.queue_declare(self.queue_name, durable=True, arguments={
            "x-dead-letter-exchange": "", "x-dead-letter-routing-key": f"{self.queue_name}.XQ"})
        channel.basic_qos(prefetch_count=1000)

        def take(ch: object, method: object, properties: object, body: bytes) -> None:
            arrived = time.time()
            with self.lock:
                self.seen.setdefault(json.loads(body)["args"][0], arrived)

        channel.basic_consume(self.queue_name, take, auto_ack=True)
        while not self._stop.is_set():
            connection.process_data_events(0.1)
        connection.close()

    def count(self) -> int:
        with self.lock:
            return len(self.seen)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)


def setup_activity(generator_addr: str, accounts: list[str]) -> None:
    from reportsuite.core import clients
    from reportsuite.generator.v1 import generator_pb2

    zones = ["America/New_York", "Europe/London", "Asia/Tokyo", "America/Los_Angeles"]
    stub = clients.generator(generator_addr)
    stub.IngestAccounts(iter([generator_pb2.IngestAccountsRequest(accounts=[
        generator_pb2.Account(name=f"accounts/{a}", display_name=a, enterprise="bench",
                              reports_time_zone=zones[i % len(zones)]) for i, a in enumerate(accounts)])]), timeout=60)


def create_definitions(catalog_addr: str, accounts: list[str], count: int) -> list[str]:
    from reportsuite.catalog.v1 import catalog_pb2
    from reportsuite.core import clients

    stub = clients.catalog(catalog_addr)

    def create(index: int) -> str:
        request = catalog_pb2.CreateReportDefinitionRequest(
            parent=f"accounts/{accounts[index % len(accounts)]}",
            report_definition=catalog_pb2.ReportDefinition(
                display_name=f"Daily {index}", report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS,
                level=catalog_pb2.LEVEL_CAMPAIGN, target="spring",
                time_frame=catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_YESTERDAY)))
        return str(stub.CreateReportDefinition(request, timeout=60).report_definition.name)

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(create, range(count)))


def write_schedules(url: str, definitions: list[str], crontab: str, due: datetime) -> None:
    from reportsuite.core import db
    from services.scheduler.adapters.schedule_repository import SqlScheduleStore
    from services.scheduler.domain.schedules import MisfirePolicy, Schedule, parse_crontab

    engine = db.make_engine(url, pool_size=1)
    now = datetime.now(UTC)
    timing = parse_crontab(crontab)
    with SqlScheduleStore(db.make_sessions(engine)).transaction() as tx:
        for definition in definitions:
            tx.insert_schedule(Schedule(
                id=uuid.uuid4().hex, account=definition.split("/")[1], report_definition=definition, timing=timing,
                time_zone="UTC", skip_if_empty=False, paused=False, misfire_policy=MisfirePolicy.RUN_ONCE_LATE,
                grace=timedelta(hours=1), next_due_time=due, create_time=now, update_time=now))
    engine.dispose()


def due_times(url: str, accounts: set[str] | None = None) -> dict[str, float]:
    """Each job's due time (its as_of), by job name."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT account, id, as_of, schedule FROM scheduler.jobs")).all()
    engine.dispose()
    return {f"accounts/{a}/jobs/{j}": as_of.timestamp() for a, j, as_of, _ in rows if accounts is None or a in accounts}


def start_lags(url: str, due: datetime) -> list[float]:
    """Seconds from due to each run's start (its job committed), as the scheduler recorded them."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        starts = conn.execute(sa.text("SELECT start_time FROM scheduler.runs WHERE due_time = :due"),
                              {"due": due}).scalars().all()
    engine.dispose()
    return [(start - due).total_seconds() for start in starts]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def next_minute_after(instant: datetime) -> datetime:
    return instant.replace(second=0, microsecond=0) + timedelta(minutes=1)


def wait_until(instant: datetime) -> None:
    time.sleep(max(0.0, (instant - datetime.now(UTC)).total_seconds()))


def burst(url: str, suite_catalog: str, accounts: list[str], count: int, arrivals: Arrivals) -> None:
    began = time.perf_counter()
    definitions = create_definitions(suite_catalog, accounts, count)
    print(f"setup: {count:,} report definitions created through the catalog in {time.perf_counter() - began:.1f} s")
    due = next_minute_after(datetime.now(UTC) + timedelta(seconds=LEAD_SECONDS))
    write_schedules(url, definitions, f"{due.minute} {due.hour} * * *", due)
    print(f"burst: {count:,} schedules due at {due:%H:%M:%S} UTC; waiting for it")
    wait_until(due + timedelta(seconds=1))
    deadline = time.time() + 120
    while arrivals.count() < count and time.time() < deadline:
        time.sleep(0.05)
    lags = [arrived - due.timestamp() for name, arrived in arrivals.seen.items()]
    if len(lags) < count:
        raise SystemExit(f"only {len(lags)} of {count} messages arrived within 2 minutes")
    print(f"burst: all {count:,} runs enqueued (job + outbox row committed, message on RabbitMQ) "
          f"{max(lags):.2f} s after their due time (target: 10 s)")
    print(f"burst: lag per run p50 {percentile(lags, 0.5):.2f} s, p99 {percentile(lags, 0.99):.2f} s, "
          f"max {max(lags):.2f} s; {count / max(lags):,.0f} runs/s")
    started = start_lags(url, due)
    print(f"burst: of which the tick (run + job + outbox row committed) took until {max(started):.2f} s "
          f"after the due time (p50 {percentile(started, 0.5):.2f} s); the rest is the relay publishing")


def steady(url: str, suite_catalog: str, accounts: list[str], minutes: int, arrivals: Arrivals) -> None:
    steady_accounts = accounts[:10]
    definitions = create_definitions(suite_catalog, steady_accounts, 100)
    first = next_minute_after(datetime.now(UTC) + timedelta(seconds=LEAD_SECONDS))
    write_schedules(url, definitions, "* * * * *", first)
    end = first + timedelta(minutes=minutes - 1)
    print(f"steady: 100 schedules due every minute from {first:%H:%M} to {end:%H:%M} UTC")
    wait_until(end + timedelta(seconds=5))
    due = due_times(url, set(steady_accounts))
    lags = [arrivals.seen[name] - when for name, when in due.items()
            if first.timestamp() <= when <= end.timestamp() and name in arrivals.seen]
    expected = 100 * minutes
    print(f"steady: {len(lags)} of {expected} runs measured; due-to-enqueued lag p50 {percentile(lags, 0.5):.3f} s, "
          f"p99 {percentile(lags, 0.99):.3f} s (target: under 1 s), max {max(lags):.3f} s")


def baseline(count: int) -> None:
    from reportsuite.core import queue

    broker = queue.build_broker(BROKER_URL)
    target = queue.JobQueue(f"{PREFIX}baseline", "generate_report")
    broker.declare_queue(target.queue_name, ensure=True)  # type: ignore[call-arg]  # RabbitmqBroker takes it
    began = time.perf_counter()
    for index in range(count):
        queue.publish(broker, target, f"accounts/a/jobs/{index}", {})
    seconds = time.perf_counter() - began
    print(f"baseline: {count:,} messages published one by one with confirms in {seconds:.2f} s "
          f"({count / seconds:,.0f}/s)")


def delete_queues() -> None:
    import pika

    connection = pika.BlockingConnection(pika.URLParameters(BROKER_URL))
    channel = connection.channel()
    for base in ("generate", "deliver", "baseline"):
        for suffix in ("", ".DQ", ".XQ"):
            channel.queue_delete(f"{PREFIX}{base}{suffix}")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schedules", type=int, default=10_000)
    parser.add_argument("--minutes", type=int, default=3)
    parser.add_argument("--logs", help="keep the services' logs in this directory")
    args = parser.parse_args()

    url = fresh_database(BENCH_DB)
    os.environ.update({"REPORTSUITE_DATABASE_URL": url, "REPORTSUITE_QUEUE_PREFIX": PREFIX,
                       "REPORTSUITE_LOG_LEVEL": os.environ.get("REPORTSUITE_LOG_LEVEL", "WARNING")})
    accounts = [f"bench{index:03d}" for index in range(ACCOUNTS)]
    arrivals = Arrivals(f"{PREFIX}generate")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            from tests.support.security import callers_of_the_run

            callers_of_the_run(Path(tmp) / "tokens.json", "bench")
            run_suite(url, Path(tmp), accounts, args, arrivals)
        baseline(args.schedules)
    finally:
        arrivals.stop()
        delete_queues()


def run_suite(url: str, tmp: Path, accounts: list[str], args: argparse.Namespace, arrivals: Arrivals) -> None:
    from tests.support.processes import running_suite

    with running_suite(Path(args.logs) if args.logs else tmp / "logs", workers=False) as suite:
        setup_activity(suite.address("generator"), accounts)
        arrivals.start()
        burst(url, suite.address("catalog"), accounts, args.schedules, arrivals)
        steady(url, suite.address("catalog"), accounts, args.minutes, arrivals)


if __name__ == "__main__":
    main()

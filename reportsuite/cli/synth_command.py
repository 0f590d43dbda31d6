"""``reportsuite synth``: make synthetic activity from a seed and write it out or load it.

    reportsuite synth --seed 7 --attempts 1000000 --out var/synth          one CSV per table
    reportsuite synth --seed 7 --attempts 1000000 --ingest                 COPY into REPORTSUITE_DATABASE_URL
    reportsuite synth --seed 7 --attempts 20000 --ingest --via grpc        through GeneratorService's Ingest RPCs

Prints each table's row count, the elapsed time, the rate and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportsuite.cli import synth

DEFAULT_ATTEMPTS = 100_000


def add_parser(commands: Any, aware_instant: Any) -> None:
    """Adds ``synth`` to the reportsuite command's sub-parsers."""
    parser = commands.add_parser("synth", help="make deterministic synthetic activity (CSV files or a database)",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1, help="the same seed (and --as-of) gives the same rows")
    parser.add_argument("--attempts", type=int, default=DEFAULT_ATTEMPTS, help="contact attempts to make")
    parser.add_argument("--accounts", type=int, default=4, help="accounts, in time zones east and west of GMT")
    parser.add_argument("--days", type=int, default=7, help="report days before --as-of the activity spans")
    parser.add_argument("--as-of", type=aware_instant, default=None,
                        help="ISO instant the activity ends before (default: today 00:00 UTC)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="write one CSV file per table into this directory")
    where.add_argument("--ingest", action="store_true", help="load into the generator's database")
    parser.add_argument("--via", choices=("copy", "grpc"), default="copy",
                        help="with --ingest: COPY straight into the tables (bulk, the default) or the Ingest RPCs "
                             "of REPORTSUITE_GENERATOR_ADDR (small volumes)")
    parser.set_defaults(handler=run)


def plan_of(args: argparse.Namespace) -> synth.Plan:
    as_of = args.as_of or datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return synth.Plan(seed=args.seed, attempts=args.attempts, as_of=as_of, accounts=args.accounts, days=args.days)


def run(args: argparse.Namespace) -> int:
    plan = plan_of(args)
    print(f"synthetic activity: seed {plan.seed}, {plan.attempts} attempts, {plan.accounts} accounts, "
          f"{plan.days} days before {plan.as_of.isoformat()}", flush=True)
    began = time.perf_counter()
    if args.out:
        counts: dict[str, int] | None = _write(synth.rows(plan), args.out)
    elif args.via == "grpc":
        return _through_grpc(plan, began)
    else:
        counts = _copy(plan)
    elapsed = time.perf_counter() - began
    if counts is None:
        print(f"already loaded: the first attempt of seed {plan.seed} is stored; nothing was written")
        return 0
    for table, count in counts.items():
        print(f"  {table:<24} {count:>10}")
    total = sum(counts.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{total} rows ({plan.attempts} attempts) in {elapsed:.1f} s: {total / max(elapsed, 1e-9):,.0f} rows/s, "
          f"{plan.attempts / max(elapsed, 1e-9):,.0f} attempts/s; peak RSS {peak:.0f} MiB")
    return 0


def _write(rows: Any, out: Path) -> dict[str, int]:
    from reportsuite.cli import synth_load

    return synth_load.write_csv(rows, out)


def _copy(plan: synth.Plan) -> dict[str, int] | None:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from reportsuite.cli import synth_load
    from reportsuite.core import db
    from reportsuite.core.settings import Settings

    engine = create_engine(Settings.from_env().database_url, poolclass=NullPool)
    try:
        db.migrate(engine, "generator")
        world, _ = synth.world(plan)
        counts = synth_load.load(engine, synth.rows(plan), f"{plan.prefix}-att-{1:08d}")
    finally:
        engine.dispose()
    if counts is None:
        return None
    world_counts: dict[str, int] = {}
    for table, _ in world:
        world_counts[table] = world_counts.get(table, 0) + 1
    return world_counts | counts


def _through_grpc(plan: synth.Plan, began: float) -> int:
    from reportsuite.cli import synth_grpc

    responses = synth_grpc.ingest(plan)
    rejected = 0
    for kind, response in responses.items():
        rejected += len(response.rejected)
        print(f"  {kind:<24} received {response.received:>8}, stored {response.stored:>8}, "
              f"duplicates {response.duplicates:>8}, rejected {len(response.rejected)}")
        for record in response.rejected[:3]:
            print(f"    record {record.position} id={record.id} field={record.field}: {record.reason}")
    elapsed = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{plan.attempts} attempts through gRPC in {elapsed:.1f} s; peak RSS {peak:.0f} MiB")
    return 1 if rejected else 0

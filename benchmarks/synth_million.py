"""Time and peak memory of ``reportsuite synth`` for 1,000,000 attempts.

Run: ``.venv/bin/python -m benchmarks.synth_million [--attempts 1000000] [--seed 7]``

Runs the command as its own process three times on this machine's PostgreSQL, in fresh databases:

1. ``synth --out DIR``: generation alone, every row formatted into CSV files;
2. ``synth --ingest``: the bulk path, COPY straight into the generator's tables (the figure);
3. the baseline, in this process: PostgreSQL's own COPY of the files of step 1 into empty tables,
   the ceiling for loading those rows from Python.

Prints each step's time, rows/s and the peak RSS of the synth processes (``wait4`` rusage).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import ADMIN_URL, fresh_database  # noqa: E402 - after the path insert
from reportsuite.cli import synth  # noqa: E402 - after the path insert, as the other benchmarks
from reportsuite.core import db  # noqa: E402

AS_OF = "2024-11-04T00:00:00+00:00"


def migrated_database(name: str) -> str:
    url = fresh_database(name)
    engine = sa.create_engine(url)
    db.migrate(engine, "generator")
    engine.dispose()
    return url


def run_synth(arguments: list[str], database_url: str) -> tuple[float, float, str]:
    """Runs ``reportsuite synth``; returns wall seconds, peak RSS (MiB) and its output."""
    env = dict(os.environ, REPORTSUITE_DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    began = time.perf_counter()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen([sys.executable, "-m", "reportsuite.cli.suite", "synth", *arguments],
                                   cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - began
        output.seek(0)
        text = output.read()
    if process.returncode != 0:
        raise SystemExit(f"synth failed:\n{text}")
    return elapsed, usage.ru_maxrss / 1024, text


def copy_files(directory: Path, database: str) -> tuple[float, int]:
    """PostgreSQL's COPY of the CSV files into empty tables: the baseline."""
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=database)
    rows = 0
    began = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            for table in synth.COLUMNS:
                path = directory / f"{table}.csv"
                with open(path, newline="", encoding="utf-8") as handle:
                    header = next(csv.reader([handle.readline()]))
                    columns = ", ".join(header)
                    not_null = ", ".join(c for c in header if not (table == "campaigns" and c == "end_time"))
                    cursor.copy_expert(f"COPY generator.{table} ({columns}) FROM STDIN "
                                       f"WITH (FORMAT csv, FORCE_NOT_NULL ({not_null}))", handle, size=1 << 20)
                    rows += cursor.rowcount
        connection.commit()
    finally:
        connection.close()
    return time.perf_counter() - began, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    common = ["--seed", str(args.seed), "--attempts", str(args.attempts), "--as-of", AS_OF]
    with tempfile.TemporaryDirectory() as scratch:
        files = Path(scratch) / "synth"
        generate_seconds, generate_rss, _ = run_synth([*common, "--out", str(files)], ADMIN_URL)
        bulk_url = migrated_database("reportsuite_bench_synth")
        load_seconds, load_rss, output = run_synth([*common, "--ingest"], bulk_url)
        migrated_database("reportsuite_bench_synth_copy")
        copy_seconds, rows = copy_files(files, "reportsuite_bench_synth_copy")
    print(output.strip().splitlines()[-1])
    print(f"attempts: {args.attempts:,}; rows in all tables: {rows:,}")
    print(f"generate to CSV files (synth --out):      {generate_seconds:7.1f} s  "
          f"{rows / generate_seconds:>10,.0f} rows/s  peak RSS {generate_rss:5.0f} MiB")
    print(f"bulk load (synth --ingest, COPY):         {load_seconds:7.1f} s  {rows / load_seconds:>10,.0f} rows/s"
          f"  peak RSS {load_rss:5.0f} MiB")
    print(f"baseline: COPY of the written files:      {copy_seconds:7.1f} s  {rows / copy_seconds:>10,.0f} rows/s")
    print(f"bulk load / (generate + baseline COPY):   {load_seconds / (generate_seconds + copy_seconds):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

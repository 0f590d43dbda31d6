"""All Attempts over 1 million attempts (5 million with --five-million): speed against PostgreSQL's own
COPY of the same query, and the generator's peak memory.

Run: ``.venv/bin/python -m benchmarks.all_attempts_report [--five-million] [--rounds 3]``

Loads (or reuses) a benchmark database of its own with ``reportsuite synth --ingest`` (one account;
benchmarks/report_bench.py), then alternates, ``--rounds`` times:

- the baseline, in this process: ``COPY (<the report's query>) TO STDOUT WITH (FORMAT csv, HEADER
  true)`` through psycopg2's ``copy_expert`` into a null sink, the query text being exactly the one
  the report writer runs;
- the real generate stage in a child process: claim, query, COPY streamed into the report file with
  its SHA-256, register, complete; the child reports its time and its VmHWM.

Prints the medians, the speed ratio (baseline time / generate time; the goal is at least 0.5) and
the peak RSS (the goal is under 300 MB, flat from 1M to 5M rows).
"""

from __future__ import annotations

import argparse
import sys

from benchmarks import report_bench as rb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--five-million", action="store_true", help="5,000,000 attempts instead of 1,000,000")
    parser.add_argument("--attempts", type=int, default=None, help="any other size")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    attempts = args.attempts or (5_000_000 if args.five_million else 1_000_000)
    seed = rb.seed_for(attempts)
    url = rb.prepare(attempts, seed)
    dbname = rb.database_name(attempts)

    from services.generator.adapters.report_query import window_condition
    from services.generator.adapters.report_sql import report_select
    from services.generator.domain.reports import Level, ReportType

    select = rb.inline(dbname, report_select(ReportType.ALL_ATTEMPTS, Level.CAMPAIGN, window_condition), seed)
    baselines, runs = [], []
    for _ in range(args.rounds):
        seconds, size = rb.baseline(dbname, select)
        baselines.append(seconds)
        runs.append(rb.generate_in_child(url, "ALL_ATTEMPTS", seed))
        print(f"  round: COPY {seconds:.2f} s ({size / 2**20:.0f} MiB); generate {runs[-1]['seconds']:.2f} s "
              f"({runs[-1]['rows']:,} rows, {runs[-1]['bytes'] / 2**20:.0f} MiB), peak RSS "
              f"{runs[-1]['vmhwm_mib']:.0f} MiB")
    copy_time, generate_time = rb.median(baselines), rb.median([run["seconds"] for run in runs])
    peak = max(run["vmhwm_mib"] for run in runs)
    rows = runs[0]["rows"]
    print(f"All Attempts, {rows:,} rows: PostgreSQL COPY (same query) {copy_time:.2f} s, generate stage "
          f"{generate_time:.2f} s (medians of {args.rounds})")
    print(f"speed ratio (COPY time / generate time): {copy_time / generate_time:.2f} (goal >= 0.50)")
    print(f"generator peak RSS (VmHWM): {peak:.0f} MiB (goal < 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

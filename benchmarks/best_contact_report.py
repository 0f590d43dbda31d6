"""Best Contact over 5 million attempts (1 million with --one-million): the generate stage against the
bare SQL query's time, DISTINCT ON against ROW_NUMBER(), and the plan.

Run: ``.venv/bin/python -m benchmarks.best_contact_report [--one-million] [--rounds 3]``

Loads (or reuses) a benchmark database of its own with ``reportsuite synth --ingest`` (one account;
benchmarks/report_bench.py). Then, each in this process through PostgreSQL's COPY into a null sink,
``--rounds`` times in turn:

- the **bare SQL query**: each ClientID's best attempt, nothing else: ``SELECT DISTINCT ON (campaign,
  client_id) <the attempt's columns> FROM attempts JOIN statuses ... ORDER BY campaign, client_id,
  rank DESC, complete_time DESC, start_time DESC, attempt_id DESC``, and the same with ROW_NUMBER()
  (the baseline is the faster of the two);
- the report's query with DISTINCT ON and with ROW_NUMBER() (``report_sql.best_contact_distinct_on``
  and ``best_contact_row_number``: names, the final Direct Connect, times formatted);

and the real generate stage in a child process (the report file, its SHA-256, the peak RSS).
Prints the medians and two ratios: the generate stage against the report's own query run bare by
PostgreSQL (COPY into a null sink: what the generator adds; the goal is at most 1.5), and against the
minimal ranking query (what the report's content adds on top: each winner's final Direct Connect
attempt, the names, the formatted times); then the chosen variant's plan.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks import report_bench as rb

BARE = """SELECT DISTINCT ON (a.campaign, a.client_id) a.attempt_id, a.campaign, a.sub_campaign, a.client_id, a.channel,
       a.device, a.status, s.rank, a.start_time, a.complete_time, a.ring_seconds, a.talk_seconds, a.message_content
FROM generator.attempts a JOIN generator.statuses s ON s.code = a.status
WHERE a.account = %(account)s AND a.complete_time >= %(window_start)s AND a.complete_time < %(window_end)s
ORDER BY a.campaign, a.client_id, s.rank DESC, a.complete_time DESC, a.start_time DESC, a.attempt_id DESC"""


BARE_ROW_NUMBER = """SELECT * FROM (
    SELECT a.attempt_id, a.campaign, a.sub_campaign, a.client_id, a.channel, a.device, a.status, s.rank,
           a.start_time, a.complete_time, a.ring_seconds, a.talk_seconds, a.message_content,
           row_number() OVER (PARTITION BY a.campaign, a.client_id
                              ORDER BY s.rank DESC, a.complete_time DESC, a.start_time DESC, a.attempt_id DESC) AS n
    FROM generator.attempts a JOIN generator.statuses s ON s.code = a.status
    WHERE a.account = %(account)s AND a.complete_time >= %(window_start)s AND a.complete_time < %(window_end)s
) b WHERE n = 1 ORDER BY campaign, client_id"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one-million", action="store_true", help="1,000,000 attempts instead of 5,000,000")
    parser.add_argument("--attempts", type=int, default=None, help="any other size")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    attempts = args.attempts or (1_000_000 if args.one_million else 5_000_000)
    seed = rb.seed_for(attempts)
    url = rb.prepare(attempts, seed)
    dbname = rb.database_name(attempts)

    from services.generator.adapters import report_sql
    from services.generator.adapters.report_query import window_condition
    from services.generator.domain.reports import Level

    queries = {
        "bare DISTINCT ON": rb.inline(dbname, BARE, seed, "BEST_CONTACT"),
        "bare ROW_NUMBER": rb.inline(dbname, BARE_ROW_NUMBER, seed, "BEST_CONTACT"),
        "DISTINCT ON": rb.inline(dbname, report_sql.best_contact_distinct_on(Level.CAMPAIGN, window_condition), seed,
                                 "BEST_CONTACT"),
        "ROW_NUMBER": rb.inline(dbname, report_sql.best_contact_row_number(Level.CAMPAIGN, window_condition), seed,
                                "BEST_CONTACT"),
    }
    times: dict[str, list[float]] = {name: [] for name in [*queries, "generate"]}
    runs = []
    for _ in range(args.rounds):
        for name, select in queries.items():
            times[name].append(rb.baseline(dbname, select)[0])
        runs.append(rb.generate_in_child(url, "BEST_CONTACT", seed))
        times["generate"].append(runs[-1]["seconds"])
        print("  round: " + ", ".join(f"{name} {values[-1]:.2f} s" for name, values in times.items()))
    medians = {name: rb.median(values) for name, values in times.items()}
    chosen = "DISTINCT ON" if report_sql.best_contact is report_sql.best_contact_distinct_on else "ROW_NUMBER"
    print(f"Best Contact, {runs[0]['rows']:,} rows from {attempts:,} attempts (medians of {args.rounds}):")
    bare = min(medians["bare DISTINCT ON"], medians["bare ROW_NUMBER"])
    print(f"  bare SQL query (each ClientID's best attempt, its own columns only): DISTINCT ON "
          f"{medians['bare DISTINCT ON']:.2f} s, ROW_NUMBER() {medians['bare ROW_NUMBER']:.2f} s")
    print(f"  report query with DISTINCT ON {medians['DISTINCT ON']:.2f} s, with ROW_NUMBER() "
          f"{medians['ROW_NUMBER']:.2f} s; the generator uses {chosen}")
    print(f"  generate stage {medians['generate']:.2f} s, peak RSS {max(r['vmhwm_mib'] for r in runs):.0f} MiB")
    print(f"ratio generate / the report's own query run bare by PostgreSQL: "
          f"{medians['generate'] / medians[chosen]:.2f} (goal <= 1.50)")
    print(f"ratio generate / the minimal ranking query: {medians['generate'] / bare:.2f} (the report adds each "
          "winner's final Direct Connect, names and formatting)")
    print(f"plan of the report query ({chosen}):")
    for line in rb.explain(dbname, queries[chosen]):
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

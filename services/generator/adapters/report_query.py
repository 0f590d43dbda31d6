"""The report SQL, streamed by PostgreSQL COPY straight into the report file.

COPY is the fastest way out of PostgreSQL (see ../shared/docs/pitfalls.md) and psycopg2's
``copy_expert`` hands each chunk to the sink as it arrives, so the report is never held in
memory. Times are rendered by ``to_char`` in the account's reports time zone, set for the
transaction only.
"""

from __future__ import annotations

from sqlalchemy import Engine

from services.generator.adapters.database import raw_cursor
from services.generator.adapters.report_sql import report_select
from services.generator.adapters.spec_query import copy_with_specification
from services.generator.domain.ports import Sink
from services.generator.domain.reports import Level, ReportQuery, ReportType

# Each report's SELECT is in report_sql.py. All Attempts flags BestContact with ROW_NUMBER(): measured
# with EXPLAIN ANALYZE on 100,000 attempts of one campaign and 20,000 ClientIDs (PostgreSQL 15, 2 cores,
# median of 7 runs, same output): ROW_NUMBER() 413-448 ms, DISTINCT ON joined back to the rows 459-761
# ms. All Attempts needs every row, so DISTINCT ON costs a second scan and a join while ROW_NUMBER()
# flags the rows in the one sort. The Best Contact report keeps one row per ClientID, where DISTINCT ON
# is the candidate: benchmarks/best_contact_report.py measures both.


def window_condition(alias: str = "a", time_column: str = "complete_time") -> str:
    """The WHERE condition that picks a report's rows of table ``alias`` (needs query_parameters).

    A time window on ``time_column``, or for an Incremental run the rows *collected* between its
    two cutoffs (docs/incremental.md): those whose ingest transaction is visible in this run's
    cutoff snapshot and not in the previous run's; on the first run, visible in the cutoff and
    ingested since ``window_start`` (15 hours before the cutoff). The xid range tests are implied
    by the visibility tests; they are there so the (account, campaign, ingest_xid) index applies.
    One text serves every run: COPY inlines the parameters, and PostgreSQL folds the branches
    whose constant ``incremental`` / ``first_run`` is false away before planning.
    """
    xid, cutoff, previous = f"{alias}.ingest_xid", "%(cutoff)s::pg_snapshot", "%(previous_cutoff)s::pg_snapshot"
    return f"""((NOT %(incremental)s
        AND {alias}.{time_column} >= %(window_start)s AND {alias}.{time_column} < %(window_end)s)
    OR (%(incremental)s
        AND {xid} < pg_snapshot_xmax({cutoff}) AND pg_visible_in_snapshot({xid}, {cutoff})
        AND ((%(first_run)s AND {alias}.ingested_at >= %(window_start)s)
          OR (NOT %(first_run)s AND {xid} >= pg_snapshot_xmin({previous})
              AND NOT pg_visible_in_snapshot({xid}, {previous})))))"""

ALL_ATTEMPTS_SQL = report_select(ReportType.ALL_ATTEMPTS, Level.CAMPAIGN, window_condition)


def query_parameters(query: ReportQuery) -> dict[str, object]:
    incremental = query.incremental
    return {
        "account": query.account, "campaign": query.campaign, "sub_campaign": query.sub_campaign,
        "accounts": list(query.scoped_accounts),
        "window_start": query.window_start, "window_end": query.window_end,
        "incremental": incremental is not None,
        "first_run": incremental is not None and incremental.first_run,
        "cutoff": incremental.cutoff if incremental else None,
        "previous_cutoff": incremental.previous_cutoff if incremental and not incremental.first_run else None,
    }


class PostgresReportWriter:
    """Implements the domain's ReportWriter with COPY (query) TO STDOUT."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def write_csv(self, query: ReportQuery, sink: Sink) -> int:
        """Streams the report as CSV with a header into sink; returns the data rows copied.

        Rows are taken from COPY's own count, not by counting newlines: a quoted field may
        hold one.
        """
        with raw_cursor(self._engine) as cursor:
            cursor.execute("SELECT set_config('TimeZone', %s, true)", (query.time_zone,))
            sql = report_select(query.report_type, query.level, window_condition)
            select = cursor.mogrify(sql, query_parameters(query)).decode()
            if query.output is not None:  # an output specification reshapes the same rows
                return copy_with_specification(cursor, select, query.output, sink)
            cursor.copy_expert(f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER true)", sink)
            return int(cursor.rowcount)

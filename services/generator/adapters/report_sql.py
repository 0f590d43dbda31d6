"""The SQL of every Detail report: one SELECT per report type and level, its columns named after the
report's fields (domain/reports.py) in file order, streamed by COPY (report_query.py).

Each query takes the parameters of ``report_query.query_parameters``: the scope (``account``,
``accounts`` at enterprise level, ``campaign`` and ``sub_campaign``, NULL for "every one") and the
window, whose condition comes from ``report_query.window_condition`` so that Incremental runs choose
rows by ingest cutoffs in every report. Parameters are inlined by ``mogrify`` before COPY, so
PostgreSQL folds ``'c1'::text IS NULL`` away and plans each run with its constants.

Times are ``to_char`` in the transaction's TimeZone (the account's reports time zone). Text that may
be empty goes through NULLIF, so an empty value is an empty field, not the quoted ``""`` COPY writes
for an empty string.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from services.generator.domain.reports import DIALER_GROUPS, Level, ReportType

# report_query.window_condition(alias, time_column): passed in, so this module needs nothing from
# report_query (which imports this one).
WindowCondition = Callable[[str, str], str]

_FORMAT = "'YYYY-MM-DD HH24:MI:SS'"

# The Best Contact order within a ClientID: the highest rank; on equal rank the most recent attempt
# (latest complete_time), then the latest start_time and the greatest attempt_id so exactly one wins.
BEST_ORDER = "s.rank DESC, a.complete_time DESC, a.start_time DESC, a.attempt_id DESC"


def local(column: str) -> str:
    """The column's instant as wall-clock text in the session's TimeZone."""
    return f"to_char({column}, {_FORMAT})"


def campaign_scope(alias: str, *, sub_campaign: bool = True) -> str:
    """The rows of the account's campaign (every campaign when NULL) and sub-campaign (idem)."""
    condition = (f"{alias}.account = %(account)s"
                 f" AND (%(campaign)s::text IS NULL OR {alias}.campaign = %(campaign)s::text)")
    if sub_campaign:
        condition += f" AND (%(sub_campaign)s::text IS NULL OR {alias}.sub_campaign = %(sub_campaign)s::text)"
    return condition


def partition_key(alias: str, level: Level) -> str:
    """Who competes for Best Contact (and makes one Dialer record): a ClientID within its campaign,
    or within its sub-campaign at sub-campaign level (<Yesterday's activity> covers several)."""
    if level is Level.SUB_CAMPAIGN:
        return f"{alias}.campaign, {alias}.sub_campaign, {alias}.client_id"
    return f"{alias}.campaign, {alias}.client_id"


def _names(alias: str) -> str:
    """Joins the campaign (c) and sub-campaign (sc) of the row for their names."""
    return (f"JOIN generator.campaigns c ON c.account = {alias}.account AND c.id = {alias}.campaign\n"
            f"JOIN generator.sub_campaigns sc ON sc.account = {alias}.account AND sc.campaign = {alias}.campaign"
            f" AND sc.id = {alias}.sub_campaign")


# Each call's final Direct Connect attempt (the highest sequence): "only the final attempt is recorded
# in the other Detail reports". One backward probe of the primary key (attempt_id, sequence) per row:
# a plan that cannot go wrong whatever the row estimates. A hash join with a DISTINCT ON of the
# campaign's Direct Connect attempts was a little faster when planned well, but a misestimate (the
# Best Contact winners were estimated at 1 row) turned it into a nested loop rescanning that set for
# every row.
_FINAL_DC = """LEFT JOIN LATERAL (
    SELECT d.dc_number, d.status FROM generator.direct_connect_attempts d
    WHERE d.attempt_id = {alias}.attempt_id
    ORDER BY d.sequence DESC
    LIMIT 1
) dc ON true"""


def final_dc(alias: str) -> str:
    return _FINAL_DC.replace("{alias}", alias)


def _attempt_head(a: str, campaign: str = "c.display_name", sub_campaign: str = "sc.display_name") -> str:
    """ClientID to MessageContent of an attempt row ``a`` with its rank, and its names."""
    return f"""{a}.client_id AS "ClientID",
       {a}.attempt_id AS "AttemptID",
       {campaign} AS "Campaign",
       {sub_campaign} AS "SubCampaign",
       {a}.channel AS "Channel",
       NULLIF({a}.device, '') AS "Device",
       {a}.status AS "Status",
       {a}.rank AS "Rank",
       {local(f"{a}.start_time")} AS "StartTime",
       {local(f"{a}.complete_time")} AS "CompleteTime",
       {a}.ring_seconds AS "RingSeconds",
       {a}.talk_seconds AS "TalkSeconds",
       NULLIF({a}.message_content, '') AS "MessageContent\""""


def _attempt_tail(a: str, dc: str = "dc") -> str:
    return f"""{dc}.dc_number AS "DCNumber",
       {dc}.status AS "DCStatus",
       NULLIF({a}.responses::text, '{{}}') AS "Responses\""""


def _all_attempts_rows(level: Level, window: WindowCondition, extra: str = "") -> str:
    """Every attempt of the scope in the window, with BestContact; ``extra`` adds columns."""
    best = f"row_number() OVER (PARTITION BY {partition_key('a', level)} ORDER BY {BEST_ORDER}) = 1"
    return f"""SELECT {_attempt_head("x")},
       CASE WHEN x.best THEN '1' ELSE '0' END AS "BestContact",
       {_attempt_tail("x")}{extra}
FROM (
    SELECT a.*, s.rank, {best} AS best
    FROM generator.attempts a
    JOIN generator.statuses s ON s.code = a.status
    WHERE {campaign_scope("a")}
      AND {window("a", "complete_time")}
) x
{_names("x")}
{final_dc("x")}"""


def all_attempts(level: Level, window: WindowCondition) -> str:
    return _all_attempts_rows(level, window) + "\nORDER BY x.complete_time, x.attempt_id"


_BEST_COLUMNS = """a.attempt_id, a.account, a.campaign, a.sub_campaign, a.client_id, a.channel, a.device,
           a.status, s.rank, a.start_time, a.complete_time, a.ring_seconds, a.talk_seconds, a.message_content,
           a.responses"""


def _best_contact_candidates(window: WindowCondition) -> str:
    return f"""FROM generator.attempts a
    JOIN generator.statuses s ON s.code = a.status
    WHERE {campaign_scope("a")}
      AND {window("a", "complete_time")}"""


def _best_contact_outer(level: Level, inner: str, where: str = "") -> str:
    """Names and the final Direct Connect are joined to the winners only, in their order.

    Measured (benchmarks/best_contact_report.py, 1 million attempts): joining them to every candidate
    before the ranking instead (hash joins, the Direct Connect set built once) made the sort wider and
    the query slower, 8.8 s against 5.3-6.4 s.
    """
    return f"""SELECT {_attempt_head("b")},
       {_attempt_tail("b")}
FROM ({inner}) b
{_names("b")}
{final_dc("b")}{where}
ORDER BY {partition_key("b", level)}"""


def best_contact_distinct_on(level: Level, window: WindowCondition) -> str:
    """Best Contact with DISTINCT ON: one sort by ClientID and rank keeps each ClientID's first row."""
    key = partition_key("a", level)
    inner = f"""
    SELECT DISTINCT ON ({key}) {_BEST_COLUMNS}
    {_best_contact_candidates(window)}
    ORDER BY {key}, {BEST_ORDER}
"""
    return _best_contact_outer(level, inner)


def best_contact_row_number(level: Level, window: WindowCondition) -> str:
    """Best Contact with ROW_NUMBER(): numbers each ClientID's attempts best first, keeps number 1."""
    key = partition_key("a", level)
    inner = f"""
    SELECT {_BEST_COLUMNS}, row_number() OVER (PARTITION BY {key} ORDER BY {BEST_ORDER}) AS n
    {_best_contact_candidates(window)}
"""
    return _best_contact_outer(level, inner, "\nWHERE b.n = 1")


def all_contacts(level: Level, window: WindowCondition) -> str:
    """All Attempts' rows plus one per filtered contact (BestContact 0: a filter is no attempt)."""
    attempts = _all_attempts_rows(
        level, window, extra=""",
       '0' AS "Filtered",
       NULL::text AS "FilterTime",
       x.complete_time AS sort_time,
       x.attempt_id AS sort_id""")
    filters = f"""SELECT f.client_id, NULL, c.display_name, sc.display_name, f.channel, NULLIF(f.device, ''), f.status,
       s.rank, NULL, NULL, NULL, NULL, NULL, '0', NULL, NULL, NULL, '1', {local("f.filter_time")},
       f.filter_time, f.id
FROM generator.filtered_contacts f
JOIN generator.statuses s ON s.code = f.status
{_names("f")}
WHERE {campaign_scope("f")}
  AND {window("f", "filter_time")}"""
    columns = ", ".join(f'u."{name}"' for name in _ALL_CONTACTS_NAMES)
    return f"SELECT {columns}\nFROM (\n{attempts}\nUNION ALL\n{filters}\n) u\nORDER BY u.sort_time, u.sort_id"


_ALL_CONTACTS_NAMES = (
    "ClientID", "AttemptID", "Campaign", "SubCampaign", "Channel", "Device", "Status", "Rank", "StartTime",
    "CompleteTime", "RingSeconds", "TalkSeconds", "MessageContent", "BestContact", "DCNumber", "DCStatus",
    "Responses", "Filtered", "FilterTime",
)


def _dialer_pick(group_index: int, group: str) -> str:
    """The condition choosing a group's attempt by ``back`` (1 = the last attempt) and ``n`` (how many)."""
    if group == "First":
        return "r.back = r.n"
    if group == "Last":
        return "r.back = 1"
    # Attempt1..Attempt10: the (up to) ten attempts before the last, oldest first.
    j = group_index - 1
    return f"r.n - 1 >= {j} AND r.back = least(r.n - 1, 10) - {j} + 2"


def dialer(level: Level, window: WindowCondition) -> str:
    """One record per contact: first, last and up to ten attempts before the last, by start time."""
    key = partition_key("a", level)
    picks, columns = [], []
    for index, group in enumerate(DIALER_GROUPS):
        where = _dialer_pick(index, group)
        picks.append(f"""max(r.attempt_id) FILTER (WHERE {where}) AS g{index}_id,
           max(r.device) FILTER (WHERE {where}) AS g{index}_device,
           max(r.status) FILTER (WHERE {where}) AS g{index}_status,
           max(r.start_time) FILTER (WHERE {where}) AS g{index}_start""")
        columns.append(f"""g.g{index}_id AS "{group}AttemptID",
       NULLIF(g.g{index}_device, '') AS "{group}Device",
       g.g{index}_status AS "{group}Status",
       {local(f"g.g{index}_start")} AS "{group}StartTime\"""")
    group_key = partition_key("r", level)
    picked = ",\n           ".join(picks)
    selected = ",\n       ".join(columns)
    return f"""SELECT g.client_id AS "ClientID",
       c.display_name AS "Campaign",
       sc.display_name AS "SubCampaign",
       g.n AS "Attempts",
       {selected}
FROM (
    SELECT {group_key}, max(r.sub_campaign) FILTER (WHERE r.back = 1) AS last_sub_campaign, max(r.n) AS n,
           {picked}
    FROM (
        SELECT a.campaign, a.sub_campaign, a.client_id, a.attempt_id, a.device, a.status, a.start_time,
               row_number() OVER (PARTITION BY {key}
                                  ORDER BY a.start_time DESC, a.complete_time DESC, a.attempt_id DESC) AS back,
               count(*) OVER (PARTITION BY {key}) AS n
        FROM generator.attempts a
        WHERE {campaign_scope("a")}
          AND {window("a", "complete_time")}
    ) r
    GROUP BY {group_key}
) g
JOIN generator.campaigns c ON c.account = %(account)s AND c.id = g.campaign
JOIN generator.sub_campaigns sc ON sc.account = %(account)s AND sc.campaign = g.campaign
    AND sc.id = g.last_sub_campaign
ORDER BY {partition_key("g", level)}"""


def contact_center(level: Level, window: WindowCondition) -> str:
    """Every Direct Connect attempt (the non-final ones too), with its call."""
    return f"""SELECT acc.display_name AS "Account",
       c.display_name AS "Campaign",
       sc.display_name AS "SubCampaign",
       d.client_id AS "ClientID",
       d.attempt_id AS "AttemptID",
       NULLIF(a.device, '') AS "Device",
       a.status AS "Status",
       d.sequence AS "DCSequence",
       d.dc_number AS "DCNumber",
       d.status AS "DCStatus",
       {local("d.start_time")} AS "DCStartTime",
       {local("d.complete_time")} AS "DCCompleteTime",
       d.ring_seconds AS "DCRingSeconds",
       d.hold_seconds AS "DCHoldSeconds",
       d.talk_seconds AS "DCTalkSeconds",
       CASE WHEN EXISTS (SELECT 1 FROM generator.direct_connect_attempts later
                         WHERE later.attempt_id = d.attempt_id AND later.sequence > d.sequence)
            THEN '0' ELSE '1' END AS "FinalDC"
FROM generator.direct_connect_attempts d
JOIN generator.accounts acc ON acc.id = d.account
{_names("d")}
LEFT JOIN generator.attempts a ON a.attempt_id = d.attempt_id
WHERE d.account = ANY(%(accounts)s::text[])
  AND (%(campaign)s::text IS NULL OR d.campaign = %(campaign)s::text)
  AND (%(sub_campaign)s::text IS NULL OR d.sub_campaign = %(sub_campaign)s::text)
  AND {window("d", "complete_time")}
ORDER BY d.complete_time, d.attempt_id, d.sequence"""


def usage(level: Level, window: WindowCondition) -> str:
    """Every attempt in every campaign of the account."""
    return f"""SELECT c.display_name AS "Campaign",
       sc.display_name AS "SubCampaign",
       p.display_name AS "Pass",
       a.client_id AS "ClientID",
       a.attempt_id AS "AttemptID",
       a.channel AS "Channel",
       NULLIF(a.device, '') AS "Device",
       NULLIF(a.device_type, '') AS "DeviceType",
       a.status AS "Status",
       {local("a.start_time")} AS "StartTime",
       {local("a.complete_time")} AS "CompleteTime",
       a.ring_seconds AS "RingSeconds",
       a.talk_seconds AS "TalkSeconds"
FROM generator.attempts a
{_names("a")}
LEFT JOIN generator.sub_campaign_passes p ON p.account = a.account AND p.campaign = a.campaign
    AND p.sub_campaign = a.sub_campaign AND p.id = a.pass_id
WHERE {campaign_scope("a")}
  AND {window("a", "complete_time")}
ORDER BY a.complete_time, a.attempt_id"""


def text_opt_out(level: Level, window: WindowCondition) -> str:
    """Every opt-out answering a text of the campaign (of any campaign for <Yesterday's activity>)."""
    return f"""SELECT NULLIF(t.client_id, '') AS "ClientID",
       t.device AS "Device",
       c.display_name AS "Campaign",
       sc.display_name AS "SubCampaign",
       {local("t.opt_out_time")} AS "OptOutTime",
       t.keyword AS "Keyword",
       NULLIF(t.message, '') AS "Message"
FROM generator.text_opt_outs t
LEFT JOIN generator.campaigns c ON c.account = t.account AND c.id = t.campaign
LEFT JOIN generator.sub_campaigns sc ON sc.account = t.account AND sc.campaign = t.campaign AND sc.id = t.sub_campaign
WHERE t.account = %(account)s
  AND ((%(campaign)s::text IS NULL AND t.campaign <> '') OR t.campaign = %(campaign)s::text)
  AND {window("t", "opt_out_time")}
ORDER BY t.opt_out_time, t.id"""


def list_audit(level: Level, window: WindowCondition) -> str:
    """Every list load that ended in the window, in the account or the enterprise's accounts."""
    return f"""SELECT acc.display_name AS "Account",
       l.id AS "LoadID",
       l.list_id AS "ListID",
       cl.display_name AS "ListName",
       l.original_list_name AS "OriginalListName",
       {local("l.start_time")} AS "StartTime",
       {local("l.end_time")} AS "EndTime",
       floor(extract(epoch FROM l.end_time - l.start_time))::bigint AS "LoadSeconds",
       l.total_records AS "TotalRecords",
       l.rejected_records AS "RejectedRecords",
       l.total_records - l.rejected_records AS "AcceptedRecords"
FROM generator.list_loads l
JOIN generator.accounts acc ON acc.id = l.account
LEFT JOIN generator.contact_lists cl ON cl.account = l.account AND cl.id = l.list_id
WHERE l.account = ANY(%(accounts)s::text[])
  AND {window("l", "end_time")}
ORDER BY l.end_time, l.id"""


def agent_action(level: Level, window: WindowCondition) -> str:
    """Every action of the account's (or the enterprise's) voice and text agents."""
    return f"""SELECT acc.display_name AS "Account",
       g.agent_id AS "AgentID",
       ag.display_name AS "AgentName",
       ag.agent_type AS "AgentType",
       g.action AS "Action",
       {local("g.action_time")} AS "ActionTime",
       NULLIF(g.detail, '') AS "Detail",
       c.display_name AS "Campaign"
FROM generator.agent_actions g
JOIN generator.accounts acc ON acc.id = g.account
LEFT JOIN generator.agents ag ON ag.account = g.account AND ag.id = g.agent_id
LEFT JOIN generator.campaigns c ON c.account = g.account AND c.id = g.campaign
WHERE g.account = ANY(%(accounts)s::text[])
  AND {window("g", "action_time")}
ORDER BY g.action_time, g.id"""


# Measured by benchmarks/best_contact_report.py (see services/generator/README.md for the figures).
best_contact = best_contact_distinct_on

_BUILDERS: dict[ReportType, Callable[[Level, WindowCondition], str]] = {
    ReportType.ALL_ATTEMPTS: all_attempts,
    ReportType.BEST_CONTACT: lambda level, window: best_contact(level, window),
    ReportType.ALL_CONTACTS: all_contacts,
    ReportType.DIALER: dialer,
    ReportType.CONTACT_CENTER: contact_center,
    ReportType.USAGE: usage,
    ReportType.TEXT_OPT_OUT: text_opt_out,
    ReportType.LIST_AUDIT: list_audit,
    ReportType.AGENT_ACTION: agent_action,
}


@functools.cache
def report_select(report_type: ReportType, level: Level, window: WindowCondition) -> str:
    """The report's SELECT, with %(name)s parameters (report_query.query_parameters)."""
    return _BUILDERS[report_type](level, window)

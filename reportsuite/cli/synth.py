"""Synthetic activity: realistic multi-channel campaigns, deterministic from a seed (``reportsuite synth``).

``rows(plan)`` yields ``(table, row)`` pairs for the generator's tables (docs/activity-model.md),
each row a tuple in the order of ``COLUMNS[table]``: first the world (enterprises, accounts in
time zones east and west of GMT, campaigns, sub-campaigns and their passes, contact lists,
agent groups and agents), then the activity, streamed contact by contact so memory stays flat.
The same plan always yields the same rows, byte for byte.

The mixes below are declared data: each attempt's status is drawn from its channel's mix, so over
many attempts each channel's statuses come out in these proportions (tests/unit/generator/
test_synth.py checks it). Retries, Direct Connect transfers, filters, recordings and opt-outs
follow the rules in synth_activity. docs/synthetic-activity.md describes the whole model.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

T = TypeVar("T")
Row = tuple[object, ...]

# (status, weight, ring seconds range, talk seconds range); every status from the guide's table.
VOICE_MIX = (
    ("DELIVEREDPERSON", 30, (4, 25), (15, 240)),
    ("DELIVEREDMACHINE", 22, (8, 30), (20, 45)),
    ("NOANSWER", 20, (50, 58), (0, 0)),
    ("BUSY", 8, (0, 3), (0, 0)),
    ("MACHINE_HANGUP", 5, (8, 30), (1, 5)),
    ("UNDELIVEREDMACHINE", 4, (8, 30), (3, 9)),
    ("CALL_BAD_NUMBER", 4, (0, 5), (0, 0)),
    ("NOTCONNECTED", 4, (0, 5), (0, 0)),
    ("BADNUMBERUNASSIGNED", 3, (0, 5), (0, 0)),
)
TEXT_MIX = (
    ("TEXT_MSG_SENT", 70, (0, 0), (0, 0)),
    ("TEXT_MSG_RECEIVED", 14, (0, 0), (0, 0)),
    ("TEXT_MSG_DEVICE_UNREACHABLE", 6, (0, 0), (0, 0)),
    ("TEXT_MSG_CARRIER_BLOCKED", 6, (0, 0), (0, 0)),
    ("TEXT_MSG_OPT_OUT", 4, (0, 0), (0, 0)),
)
EMAIL_MIX = (
    ("SENTEMAIL", 55, (0, 0), (0, 0)),
    ("OPENEDEMAIL", 30, (0, 0), (0, 0)),
    ("BOUNCEDEMAIL_BAD_MAILBOX", 5, (0, 0), (0, 0)),
    ("BOUNCEDEMAIL_SOFT_BOUNCE", 5, (0, 0), (0, 0)),
    ("BOUNCEDEMAIL_GENERAL", 3, (0, 0), (0, 0)),
    ("BOUNCEDEMAIL_BAD_DOMAIN", 2, (0, 0), (0, 0)),
)
WEB_MIX = (
    ("WEB_INTERNAL_URL_SUCCESS", 70, (0, 0), (0, 0)),
    ("WEB_EXTERNAL_URL_SUCCESS", 15, (0, 0), (0, 0)),
    ("WEB_INTERNAL_URL_FAILED", 10, (0, 0), (0, 0)),
    ("WEB_EXTERNAL_URL_FAILED", 5, (0, 0), (0, 0)),
)
STATUS_MIX = {"Voice": VOICE_MIX, "Text": TEXT_MIX, "Email": EMAIL_MIX, "Web": WEB_MIX}
# What follows an attempt: a success ends the contact's sub-campaign, a retryable result tries the
# same pass again (up to MAX_TRIES), anything else moves to the next pass. An opt-out ends it too.
SUCCESS = frozenset({"DELIVEREDPERSON", "DELIVEREDMACHINE", "TEXT_MSG_SENT", "TEXT_MSG_RECEIVED", "SENTEMAIL",
                     "OPENEDEMAIL", "TEXT_MSG_OPT_OUT"})
RETRY = frozenset({"NOANSWER", "BUSY", "MACHINE_HANGUP", "UNDELIVEREDMACHINE", "NOTCONNECTED",
                   "TEXT_MSG_DEVICE_UNREACHABLE", "BOUNCEDEMAIL_SOFT_BOUNCE"})
MAX_TRIES = {"Voice": 3, "Text": 2, "Email": 2, "Web": 1}

# A share of contacts is filtered at the sub-campaign's first pass and never attempted there.
FILTER_RATE = 0.04
FILTER_MIX = {
    "Voice": (("DNC", 40), ("BLOCKED", 15), ("DUPLICATE_CLIENT", 15), ("SUPPRESSED_ACCOUNT", 15),
              ("CALL_PASS_REJECTED", 15)),
    "Text": (("BLOCKED", 30), ("DUPLICATE_CLIENT", 20), ("SUPPRESSED_ACCOUNT", 30), ("CALL_PASS_REJECTED", 20)),
    "Email": (("BLOCKED", 30), ("DUPLICATE_CLIENT", 20), ("SUPPRESSED_ACCOUNT", 30), ("EMAIL_FILTERED", 20)),
}
# Direct Connect: a live voice answer is connected to the contact center (always on dialer passes).
DC_RATE = 0.6
DC_FAILURES_BEFORE = ((0, 70), (1, 20), (2, 10))
DC_RETRY_MIX = (("DC_CALL_CENTER_BUSY", 40), ("DC_NO_LINES_AVAILABLE", 25), ("DC_CALL_CENTER_NO_ANSWER", 20),
                ("TELEPHONY_ERROR", 10), ("DC_FAILED", 5))
DC_FINAL_MIX = (("DC_SUCCESS", 85), ("DC_CLIENT_HANGUP_DURING_TRANSFER", 5), ("DC_CLIENT_HANGUP_ON_HOLD", 4),
                ("CONTACT_ABORTED", 3), ("DC_CALL_CENTER_HANGUP_ON_HOLD", 3))
RECORDING_RATE = 0.7
TRANSFER_RATE = 0.05
WEB_AFTER_EMAIL_RATE = 0.3
REUSE_CLIENT_RATE = 0.1

# Account time zones alternate west and east of GMT (the report "day" rule differs).
TIME_ZONES = ("America/New_York", "Europe/London", "America/Los_Angeles", "Europe/Berlin", "America/Chicago",
              "Asia/Tokyo", "America/Denver", "Australia/Sydney")
ACCOUNTS_PER_ENTERPRISE = 3
AGENTS_PER_ACCOUNT = 10
# Calling hours in the account's zone: 08:00 to 20:30 local on each report day.
FIRST_MINUTE, LAST_MINUTE = 8 * 60, 20 * 60 + 30

# Campaign templates: (id, name, Direct Connect number, agent group, sub-campaigns), each
# sub-campaign (id, name, passes) and each pass (id, name, channel, type).
CAMPAIGNS = (
    ("reminders", "Payment Reminders", "8005550100", "care", (
        ("wave1", "Wave 1", (("p1", "Reminder call", "Voice", "Standard"),
                             ("p2", "Reminder text", "Text", "Standard"))),
        ("wave2", "Wave 2", (("p1", "Reminder text", "Text", "Standard"),
                             ("p2", "Second call", "Voice", "Standard"))),
    )),
    ("collections", "Collections Dialer", "8005550111", "collections", (
        ("preview", "Preview", (("p1", "Agent preview", "Voice", "Preview"),)),
        ("predictive", "Predictive", (("p1", "Predictive dialer", "Voice", "Predictive"),
                                      ("p2", "Follow-up text", "Text", "Standard"))),
    )),
    ("renewals", "Renewal Outreach", "8005550122", "care", (
        ("multi", "Multi-channel", (("p1", "Renewal email", "Email", "Standard"),
                                    ("p2", "Renewal text", "Text", "Standard"),
                                    ("p3", "Renewal call", "Voice", "Standard"),
                                    ("p4", "Renewal page", "Web", "Standard"))),
        ("email", "Email only", (("p1", "Renewal email", "Email", "Standard"),
                                 ("p2", "Renewal page", "Web", "Standard"))),
    )),
)
GROUPS = (("care", "Customer Care"), ("collections", "Collections"))

COLUMNS: dict[str, tuple[str, ...]] = {
    "enterprises": ("id", "display_name"),
    "accounts": ("id", "display_name", "enterprise", "reports_time_zone", "cost_visible"),
    "campaigns": ("account", "id", "display_name", "start_time", "end_time"),
    "sub_campaigns": ("account", "campaign", "id", "display_name", "contact_list"),
    "sub_campaign_passes": ("account", "campaign", "sub_campaign", "id", "display_name", "channel", "pass_type",
                            "pass_order"),
    "contact_lists": ("account", "id", "display_name"),
    "agent_groups": ("account", "id", "display_name"),
    "agents": ("account", "id", "display_name", "agent_type"),
    "agent_group_members": ("account", "agent_id", "group_id"),
    "contacts": ("account", "client_id", "list_id", "first_name", "last_name"),
    "contact_devices": ("account", "client_id", "device", "device_key", "device_type", "wireless", "position"),
    "attempts": ("attempt_id", "account", "campaign", "sub_campaign", "client_id", "channel", "device", "status",
                 "start_time", "complete_time", "ring_seconds", "talk_seconds", "message_content", "pass_id",
                 "device_type", "responses"),
    "filtered_contacts": ("id", "account", "campaign", "sub_campaign", "client_id", "pass_id", "channel", "device",
                          "device_type", "status", "filter_time"),
    "direct_connect_attempts": ("attempt_id", "sequence", "account", "campaign", "sub_campaign", "client_id",
                                "dc_number", "status", "start_time", "complete_time", "ring_seconds",
                                "hold_seconds", "talk_seconds"),
    "call_recordings": ("id", "account", "campaign", "sub_campaign", "client_id", "attempt_id", "agent_id",
                        "group_id", "disposition_code", "start_time", "duration_seconds", "url"),
    "session_transfers": ("id", "account", "campaign", "sub_campaign", "attempt_id", "transfer_type", "from_agent",
                          "to_agent", "to_number", "transfer_time", "ring_seconds", "hold_seconds", "talk_seconds"),
    "text_opt_outs": ("id", "account", "campaign", "sub_campaign", "client_id", "device", "opt_out_time", "keyword",
                      "message"),
    "agent_state_changes": ("id", "account", "agent_id", "group_id", "state", "start_time", "duration_seconds"),
    "agent_actions": ("id", "account", "agent_id", "action", "action_time", "detail", "campaign"),
    "list_loads": ("id", "account", "list_id", "original_list_name", "start_time", "end_time", "total_records",
                   "rejected_records"),
}
WORLD_TABLES = ("enterprises", "accounts", "campaigns", "sub_campaigns", "sub_campaign_passes", "contact_lists",
                "agent_groups", "agents", "agent_group_members")


def below(rng: random.Random, n: int) -> int:
    """A uniform int in [0, n): one random() call, several times faster than randrange."""
    return int(rng.random() * n)


def between(rng: random.Random, low: int, high: int) -> int:
    """A uniform int in [low, high], like randint."""
    return low + int(rng.random() * (high - low + 1))


class Weighted(Generic[T]):
    """A weighted choice drawn with one random number and a bisect (faster than random.choices)."""

    def __init__(self, pairs: Sequence[tuple[T, int]]) -> None:
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random) -> T:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass(frozen=True)
class Plan:
    """What to make: ``attempts`` attempts over ``accounts`` accounts, on the ``days`` local report
    days before ``as_of`` (in each account's zone), all drawn from ``seed``."""

    seed: int
    attempts: int
    as_of: datetime
    accounts: int = 4
    days: int = 7

    def __post_init__(self) -> None:
        if self.as_of.tzinfo is None:
            raise ValueError("as_of must be timezone-aware")
        if self.attempts < 0 or self.accounts < 1 or self.days < 1:
            raise ValueError("attempts must be >= 0, accounts and days >= 1")

    @property
    def prefix(self) -> str:
        """Every id starts with it, so worlds of different seeds never collide."""
        return f"syn{self.seed}"


@dataclass(frozen=True)
class Pass:
    id: str
    channel: str
    pass_type: str


@dataclass(frozen=True)
class SubCampaign:
    """Where a contact is attempted: its account, campaign, sub-campaign, passes and list."""

    account: Account
    campaign: str
    id: str
    passes: tuple[Pass, ...]
    list_id: str
    dc_number: str
    group: str


@dataclass(frozen=True)
class Account:
    id: str
    zone: str
    # Per report day, the UTC instants calling hours start and end.
    days: tuple[tuple[datetime, datetime], ...]
    agents: dict[str, tuple[str, ...]]


def calling_days(zone: str, as_of: datetime, days: int) -> tuple[tuple[datetime, datetime], ...]:
    """The calling hours of the local days before as_of's local date, oldest first, as UTC instants."""
    local = ZoneInfo(zone)
    today = as_of.astimezone(local).date()
    found = []
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        midnight = datetime.combine(day, time(0), tzinfo=local)
        found.append(((midnight + timedelta(minutes=FIRST_MINUTE)).astimezone(UTC),
                      (midnight + timedelta(minutes=LAST_MINUTE)).astimezone(UTC)))
    return tuple(found)


def world(plan: Plan) -> tuple[list[tuple[str, Row]], list[SubCampaign]]:
    """The reference rows (enterprises ... agent memberships) and the sub-campaigns contacts go to."""
    rows: list[tuple[str, Row]] = []
    targets: list[SubCampaign] = []
    start = plan.as_of - timedelta(days=plan.days + 30)
    for index in range(plan.accounts):
        enterprise = f"{plan.prefix}-ent{index // ACCOUNTS_PER_ENTERPRISE + 1}"
        if index % ACCOUNTS_PER_ENTERPRISE == 0:
            rows.append(("enterprises", (enterprise, f"Synthetic Enterprise {index // ACCOUNTS_PER_ENTERPRISE + 1}")))
        zone = TIME_ZONES[index % len(TIME_ZONES)]
        account_id = f"{plan.prefix}-acct{index + 1:02d}"
        rows.append(("accounts", (account_id, f"Synthetic Account {index + 1}", enterprise, zone, index % 2 == 0)))
        agents = _agents(rows, account_id)
        account = Account(account_id, zone, calling_days(zone, plan.as_of, plan.days), agents)
        for campaign, name, dc_number, group, subs in CAMPAIGNS:
            rows.append(("campaigns", (account_id, campaign, name, start, None)))
            for sub, sub_name, passes in subs:
                list_id = f"{campaign}-{sub}"
                rows.append(("contact_lists", (account_id, list_id, f"{name} {sub_name}")))
                rows.append(("sub_campaigns", (account_id, campaign, sub, sub_name, f"{name} {sub_name}")))
                for order, (pass_id, pass_name, channel, pass_type) in enumerate(passes, start=1):
                    rows.append(("sub_campaign_passes",
                                 (account_id, campaign, sub, pass_id, pass_name, channel, pass_type, order)))
                made = tuple(Pass(p[0], p[2], p[3]) for p in passes)
                targets.append(SubCampaign(account, campaign, sub, made, list_id, dc_number, group))
    rank = {table: position for position, table in enumerate(WORLD_TABLES)}
    rows.sort(key=lambda pair: rank[pair[0]])  # stable: parents before children
    return rows, targets


def _agents(rows: list[tuple[str, Row]], account: str) -> dict[str, tuple[str, ...]]:
    """Agent groups and agents (the last two work text); returns each group's agent ids."""
    members: dict[str, list[str]] = {group: [] for group, _ in GROUPS}
    for group, name in GROUPS:
        rows.append(("agent_groups", (account, group, name)))
    for number in range(1, AGENTS_PER_ACCOUNT + 1):
        agent = f"agent{number:02d}"
        agent_type = "Text" if number > AGENTS_PER_ACCOUNT - 2 else "Voice"
        group = GROUPS[number % len(GROUPS)][0]
        rows.append(("agents", (account, agent, f"Agent {number:02d}", agent_type)))
        rows.append(("agent_group_members", (account, agent, group)))
        members[group].append(agent)
    return {group: tuple(agents) for group, agents in members.items()}


def rows(plan: Plan) -> Iterator[tuple[str, Row]]:
    """Every row of the plan: the world first, then the activity, contact by contact."""
    from reportsuite.cli import synth_activity  # the activity rules build on this module's data

    reference, targets = world(plan)
    yield from reference
    yield from synth_activity.activity(plan, targets)

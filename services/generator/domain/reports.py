"""Report types and levels, what the generator can produce yet, and the All Attempts layout."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class ReportType(enum.Enum):
    """The kinds of report; values are the guide's names (the <REPORT> file name tag)."""

    ALL_ATTEMPTS = "All Attempts"
    BEST_CONTACT = "Best Contact"
    ALL_CONTACTS = "All Contacts"
    DIALER = "Dialer"
    CONTACT_CENTER = "Contact Center"
    USAGE = "Usage"
    TEXT_OPT_OUT = "Text Opt-out"
    LIST_AUDIT = "List Audit"
    AGENT_ACTION = "Agent Action"


class Level(enum.Enum):
    """What a report runs against, in the guide's words."""

    ENTERPRISE = "enterprise"
    ACCOUNT = "account"
    CAMPAIGN = "campaign"
    SUB_CAMPAIGN = "sub-campaign"
    AGENT_GROUP = "agent group"
    LIST = "list"


# What the generator produces so far; every other pair fails the job, not retryably.
SUPPORTED: frozenset[tuple[ReportType, Level]] = frozenset({
    (ReportType.ALL_ATTEMPTS, Level.CAMPAIGN),
    (ReportType.ALL_ATTEMPTS, Level.SUB_CAMPAIGN),
})


@dataclass(frozen=True)
class Field:
    """One column of a report file: its header and what it holds."""

    name: str
    meaning: str


# The All Attempts columns, in file order. docs/reports/all-attempts.md documents them and a
# unit test checks the document lists exactly these, in this order.
ALL_ATTEMPTS_FIELDS: tuple[Field, ...] = (
    Field("ClientID", "The contact's ClientID, the unique identifier of a contact."),
    Field("AttemptID", "The platform's id of the attempt."),
    Field("Campaign", "The campaign's name."),
    Field("SubCampaign", "The sub-campaign's name."),
    Field("Channel", "How the contact was attempted: Voice, Text, Email or Web."),
    Field("Device", "The phone number or email address attempted."),
    Field("Status", "The completion status, such as DELIVEREDPERSON (see docs/statuses.md)."),
    Field("Rank", "The status's Best Contact rank; higher is better."),
    Field("StartTime", "When the attempt started, YYYY-MM-DD HH:MM:SS in the account's reports time zone."),
    Field("CompleteTime", "When the attempt completed, YYYY-MM-DD HH:MM:SS in the account's reports time zone."),
    Field("RingSeconds", "How long the call rang."),
    Field("TalkSeconds", "How long the call was connected."),
    Field("MessageContent", "The text received or sent, where the channel has one."),
    Field("BestContact", "1 on the best result for the row's ClientID in the report's window, else 0."),
)


@dataclass(frozen=True)
class ReportQuery:
    """Which attempts a report holds: one campaign (or one of its sub-campaigns) in a window.

    An attempt is in the window when ``window_start <= complete_time < window_end``: an attempt
    that starts before the cutoff and completes after it belongs to the next run, as the guide
    says of incremental reports.
    """

    report_type: ReportType
    account: str
    campaign: str
    sub_campaign: str | None
    window_start: datetime
    window_end: datetime
    time_zone: str

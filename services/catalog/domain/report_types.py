"""The report types the catalog knows, with the levels each may run at, as the product guide gives them.

This module is the one place that table lives; validation, documentation and tests read it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.Enum):
    """What a report runs against (the guide's Account, Campaign, Sub-Campaign ... Report)."""

    ENTERPRISE = "enterprise"
    ACCOUNT = "account"
    CAMPAIGN = "campaign"
    SUB_CAMPAIGN = "sub-campaign"
    AGENT_GROUP = "agent group"
    LIST = "list"


class ReportType(enum.Enum):
    """The kinds of report, named as in the guide."""

    ALL_ATTEMPTS = "ALL_ATTEMPTS"
    BEST_CONTACT = "BEST_CONTACT"
    ALL_CONTACTS = "ALL_CONTACTS"
    DIALER = "DIALER"
    CONTACT_CENTER = "CONTACT_CENTER"
    USAGE = "USAGE"
    TEXT_OPT_OUT = "TEXT_OPT_OUT"
    LIST_AUDIT = "LIST_AUDIT"
    AGENT_ACTION = "AGENT_ACTION"


class Category(enum.Enum):
    """The guide's two families of report: Summary reports are mailed only, Detail reports are files."""

    SUMMARY = "Summary"
    DETAIL = "Detail"


class FieldKind(enum.Enum):
    """What a report field holds, which decides the formats an output specification may give it."""

    TEXT = "text"
    NUMBER = "number"
    TIME = "time"


@dataclass(frozen=True)
class ReportField:
    """One field of a Detail report's file, as docs/reports/<report>.md lists it."""

    name: str
    kind: FieldKind = FieldKind.TEXT


@dataclass(frozen=True)
class ReportTypeInfo:
    """What the guide says about one report type, and the fields of its file once documented."""

    display_name: str
    category: Category
    levels: tuple[Level, ...]
    fields: tuple[ReportField, ...] = ()

    def levels_text(self) -> str:
        """The allowed levels as the guide lists them, e.g. "campaign or sub-campaign"."""
        names = [level.value for level in self.levels]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


_TEXT, _NUMBER, _TIME = FieldKind.TEXT, FieldKind.NUMBER, FieldKind.TIME

# Every Detail report's fields in file order (docs/reports/<report>.md). The generator holds the same
# lists (services/generator/domain/reports.py, with each field's meaning) because services share no
# code; output specifications are checked against this copy when uploaded and against the generator's
# when a report is written, and tests/unit/test_report_field_lists.py fails when the two disagree.
ALL_ATTEMPTS_FIELDS: tuple[ReportField, ...] = (
    ReportField("ClientID"), ReportField("AttemptID"), ReportField("Campaign"), ReportField("SubCampaign"),
    ReportField("Channel"), ReportField("Device"), ReportField("Status"), ReportField("Rank", _NUMBER),
    ReportField("StartTime", _TIME), ReportField("CompleteTime", _TIME), ReportField("RingSeconds", _NUMBER),
    ReportField("TalkSeconds", _NUMBER), ReportField("MessageContent"), ReportField("BestContact"),
    ReportField("DCNumber"), ReportField("DCStatus"), ReportField("Responses"),
)
BEST_CONTACT_FIELDS: tuple[ReportField, ...] = (
    ReportField("ClientID"), ReportField("AttemptID"), ReportField("Campaign"), ReportField("SubCampaign"),
    ReportField("Channel"), ReportField("Device"), ReportField("Status"), ReportField("Rank", _NUMBER),
    ReportField("StartTime", _TIME), ReportField("CompleteTime", _TIME), ReportField("RingSeconds", _NUMBER),
    ReportField("TalkSeconds", _NUMBER), ReportField("MessageContent"), ReportField("DCNumber"),
    ReportField("DCStatus"), ReportField("Responses"),
)
ALL_CONTACTS_FIELDS: tuple[ReportField, ...] = (
    ReportField("ClientID"), ReportField("AttemptID"), ReportField("Campaign"), ReportField("SubCampaign"),
    ReportField("Channel"), ReportField("Device"), ReportField("Status"), ReportField("Rank", _NUMBER),
    ReportField("StartTime", _TIME), ReportField("CompleteTime", _TIME), ReportField("RingSeconds", _NUMBER),
    ReportField("TalkSeconds", _NUMBER), ReportField("MessageContent"), ReportField("BestContact"),
    ReportField("DCNumber"), ReportField("DCStatus"), ReportField("Responses"), ReportField("Filtered"),
    ReportField("FilterTime", _TIME),
)
# Dialer: each group is the first attempt, the last one, then up to ten before the last (Attempt1..10).
_DIALER_GROUPS = ("First", "Last", *(f"Attempt{n}" for n in range(1, 11)))
DIALER_FIELDS: tuple[ReportField, ...] = (
    ReportField("ClientID"), ReportField("Campaign"), ReportField("SubCampaign"), ReportField("Attempts", _NUMBER),
    *(field for group in _DIALER_GROUPS for field in (
        ReportField(f"{group}AttemptID"), ReportField(f"{group}Device"), ReportField(f"{group}Status"),
        ReportField(f"{group}StartTime", _TIME))),
)
CONTACT_CENTER_FIELDS: tuple[ReportField, ...] = (
    ReportField("Account"), ReportField("Campaign"), ReportField("SubCampaign"), ReportField("ClientID"),
    ReportField("AttemptID"), ReportField("Device"), ReportField("Status"), ReportField("DCSequence", _NUMBER),
    ReportField("DCNumber"), ReportField("DCStatus"), ReportField("DCStartTime", _TIME),
    ReportField("DCCompleteTime", _TIME), ReportField("DCRingSeconds", _NUMBER),
    ReportField("DCHoldSeconds", _NUMBER), ReportField("DCTalkSeconds", _NUMBER), ReportField("FinalDC"),
)
USAGE_FIELDS: tuple[ReportField, ...] = (
    ReportField("Campaign"), ReportField("SubCampaign"), ReportField("Pass"), ReportField("ClientID"),
    ReportField("AttemptID"), ReportField("Channel"), ReportField("Device"), ReportField("DeviceType"),
    ReportField("Status"), ReportField("StartTime", _TIME), ReportField("CompleteTime", _TIME),
    ReportField("RingSeconds", _NUMBER), ReportField("TalkSeconds", _NUMBER),
)
TEXT_OPT_OUT_FIELDS: tuple[ReportField, ...] = (
    ReportField("ClientID"), ReportField("Device"), ReportField("Campaign"), ReportField("SubCampaign"),
    ReportField("OptOutTime", _TIME), ReportField("Keyword"), ReportField("Message"),
)
LIST_AUDIT_FIELDS: tuple[ReportField, ...] = (
    ReportField("Account"), ReportField("LoadID"), ReportField("ListID"), ReportField("ListName"),
    ReportField("OriginalListName"), ReportField("StartTime", _TIME), ReportField("EndTime", _TIME),
    ReportField("LoadSeconds", _NUMBER), ReportField("TotalRecords", _NUMBER),
    ReportField("RejectedRecords", _NUMBER), ReportField("AcceptedRecords", _NUMBER),
)
AGENT_ACTION_FIELDS: tuple[ReportField, ...] = (
    ReportField("Account"), ReportField("AgentID"), ReportField("AgentName"), ReportField("AgentType"),
    ReportField("Action"), ReportField("ActionTime", _TIME), ReportField("Detail"), ReportField("Campaign"),
)

_CAMPAIGN_LEVELS = (Level.CAMPAIGN, Level.SUB_CAMPAIGN)
_ENTERPRISE_LEVELS = (Level.ENTERPRISE, Level.ACCOUNT)

# From the guide's report descriptions, e.g. "The Best Contact (campaign and sub-campaign) report",
# "The Contact Center detail report (enterprise, account, campaign and sub-campaign)", "The account
# Usage detail report", "The Text Opt-out detail report contains a record for each consumer who opts
# out of a text campaign", "The List Audit detail ... in an account or enterprise".
REPORT_TYPES: dict[ReportType, ReportTypeInfo] = {
    ReportType.ALL_ATTEMPTS: ReportTypeInfo("All Attempts", Category.DETAIL, _CAMPAIGN_LEVELS, ALL_ATTEMPTS_FIELDS),
    ReportType.BEST_CONTACT: ReportTypeInfo("Best Contact", Category.DETAIL, _CAMPAIGN_LEVELS, BEST_CONTACT_FIELDS),
    ReportType.ALL_CONTACTS: ReportTypeInfo("All Contacts", Category.DETAIL, _CAMPAIGN_LEVELS, ALL_CONTACTS_FIELDS),
    ReportType.DIALER: ReportTypeInfo("Dialer", Category.DETAIL, _CAMPAIGN_LEVELS, DIALER_FIELDS),
    ReportType.CONTACT_CENTER: ReportTypeInfo(
        "Contact Center", Category.DETAIL, (Level.ENTERPRISE, Level.ACCOUNT, *_CAMPAIGN_LEVELS), CONTACT_CENTER_FIELDS
    ),
    ReportType.USAGE: ReportTypeInfo("Usage", Category.DETAIL, (Level.ACCOUNT,), USAGE_FIELDS),
    ReportType.TEXT_OPT_OUT: ReportTypeInfo("Text Opt-out", Category.DETAIL, (Level.CAMPAIGN,), TEXT_OPT_OUT_FIELDS),
    ReportType.LIST_AUDIT: ReportTypeInfo("List Audit", Category.DETAIL, _ENTERPRISE_LEVELS, LIST_AUDIT_FIELDS),
    ReportType.AGENT_ACTION: ReportTypeInfo("Agent Action", Category.DETAIL, _ENTERPRISE_LEVELS, AGENT_ACTION_FIELDS),
}

# Levels whose report runs against one named thing, so the definition carries its id as target.
TARGETED_LEVELS = frozenset({Level.CAMPAIGN, Level.SUB_CAMPAIGN, Level.AGENT_GROUP, Level.LIST})

# The guide offers <Yesterday's activity> only in the campaign, sub-campaign and agent group lists.
YESTERDAYS_ACTIVITY_LEVELS = frozenset({Level.CAMPAIGN, Level.SUB_CAMPAIGN, Level.AGENT_GROUP})


def info(report_type: ReportType) -> ReportTypeInfo:
    """Returns what the guide says about a report type."""
    return REPORT_TYPES[report_type]

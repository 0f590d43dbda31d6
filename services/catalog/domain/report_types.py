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


@dataclass(frozen=True)
class ReportTypeInfo:
    """What the guide says about one report type."""

    display_name: str
    category: Category
    levels: tuple[Level, ...]

    def levels_text(self) -> str:
        """The allowed levels as the guide lists them, e.g. "campaign or sub-campaign"."""
        names = [level.value for level in self.levels]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


_CAMPAIGN_LEVELS = (Level.CAMPAIGN, Level.SUB_CAMPAIGN)
_ENTERPRISE_LEVELS = (Level.ENTERPRISE, Level.ACCOUNT)

# From the guide's report descriptions, e.g. "The Best Contact (campaign and sub-campaign) report",
# "The Contact Center detail report (enterprise, account, campaign and sub-campaign)", "The account
# Usage detail report", "The Text Opt-out detail report contains a record for each consumer who opts
# out of a text campaign", "The List Audit detail ... in an account or enterprise".
REPORT_TYPES: dict[ReportType, ReportTypeInfo] = {
    ReportType.ALL_ATTEMPTS: ReportTypeInfo("All Attempts", Category.DETAIL, _CAMPAIGN_LEVELS),
    ReportType.BEST_CONTACT: ReportTypeInfo("Best Contact", Category.DETAIL, _CAMPAIGN_LEVELS),
    ReportType.ALL_CONTACTS: ReportTypeInfo("All Contacts", Category.DETAIL, _CAMPAIGN_LEVELS),
    ReportType.DIALER: ReportTypeInfo("Dialer", Category.DETAIL, _CAMPAIGN_LEVELS),
    ReportType.CONTACT_CENTER: ReportTypeInfo(
        "Contact Center", Category.DETAIL, (Level.ENTERPRISE, Level.ACCOUNT, *_CAMPAIGN_LEVELS)
    ),
    ReportType.USAGE: ReportTypeInfo("Usage", Category.DETAIL, (Level.ACCOUNT,)),
    ReportType.TEXT_OPT_OUT: ReportTypeInfo("Text Opt-out", Category.DETAIL, (Level.CAMPAIGN,)),
    ReportType.LIST_AUDIT: ReportTypeInfo("List Audit", Category.DETAIL, _ENTERPRISE_LEVELS),
    ReportType.AGENT_ACTION: ReportTypeInfo("Agent Action", Category.DETAIL, _ENTERPRISE_LEVELS),
}

# Levels whose report runs against one named thing, so the definition carries its id as target.
TARGETED_LEVELS = frozenset({Level.CAMPAIGN, Level.SUB_CAMPAIGN, Level.AGENT_GROUP, Level.LIST})

# The guide offers <Yesterday's activity> only in the campaign, sub-campaign and agent group lists.
YESTERDAYS_ACTIVITY_LEVELS = frozenset({Level.CAMPAIGN, Level.SUB_CAMPAIGN, Level.AGENT_GROUP})


def info(report_type: ReportType) -> ReportTypeInfo:
    """Returns what the guide says about a report type."""
    return REPORT_TYPES[report_type]

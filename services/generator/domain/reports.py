"""Report types, the levels each runs at, and every Detail report's field catalogue (file layout)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # output_spec imports this module
    from services.generator.domain.output_spec import OutputFormat


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


_CAMPAIGN_LEVELS = frozenset({Level.CAMPAIGN, Level.SUB_CAMPAIGN})
_ENTERPRISE_LEVELS = frozenset({Level.ENTERPRISE, Level.ACCOUNT})

# The levels each report runs at: exactly the catalog's (services/catalog/domain/report_types.py, from
# the guide's descriptions); tests/unit/test_report_field_lists.py keeps the two equal.
LEVELS: dict[ReportType, frozenset[Level]] = {
    ReportType.ALL_ATTEMPTS: _CAMPAIGN_LEVELS,
    ReportType.BEST_CONTACT: _CAMPAIGN_LEVELS,
    ReportType.ALL_CONTACTS: _CAMPAIGN_LEVELS,
    ReportType.DIALER: _CAMPAIGN_LEVELS,
    ReportType.CONTACT_CENTER: _CAMPAIGN_LEVELS | _ENTERPRISE_LEVELS,
    ReportType.USAGE: frozenset({Level.ACCOUNT}),
    ReportType.TEXT_OPT_OUT: frozenset({Level.CAMPAIGN}),
    ReportType.LIST_AUDIT: _ENTERPRISE_LEVELS,
    ReportType.AGENT_ACTION: _ENTERPRISE_LEVELS,
}

# Every (report type, level) pair the generator produces; any other fails the job, not retryably.
SUPPORTED: frozenset[tuple[ReportType, Level]] = frozenset(
    (report_type, level) for report_type, levels in LEVELS.items() for level in levels
)


class FieldKind(enum.Enum):
    """What a field holds: it decides the formats an output specification may give it."""

    TEXT = "text"
    NUMBER = "number"
    TIME = "time"


@dataclass(frozen=True)
class Field:
    """One column of a report file: its header and what it holds.

    A TIME field is written as "YYYY-MM-DD HH:MM:SS" in the account's reports time zone; an output
    specification's date format re-renders that wall-clock text (services/generator/adapters/spec_query.py).
    """

    name: str
    meaning: str
    kind: FieldKind = FieldKind.TEXT


_TEXT, _NUMBER, _TIME = FieldKind.TEXT, FieldKind.NUMBER, FieldKind.TIME
_LOCAL = "YYYY-MM-DD HH:MM:SS in the account's reports time zone"

# The field catalogue: every Detail report's columns in file order, the one place they are listed in
# the generator. docs/reports/<report>.md documents each list, the report SQL
# (adapters/report_sql.py) selects exactly these names, and the catalog keeps a copy (names and
# kinds) for checking output specifications: tests/unit/test_report_field_lists.py holds the three
# together.

# The attempt's own columns, shared by All Attempts, Best Contact and All Contacts.
_ATTEMPT_HEAD: tuple[Field, ...] = (
    Field("ClientID", "The contact's ClientID, the unique identifier of a contact."),
    Field("AttemptID", "The platform's id of the attempt."),
    Field("Campaign", "The campaign's name."),
    Field("SubCampaign", "The sub-campaign's name."),
    Field("Channel", "How the contact was attempted: Voice, Text, Email or Web."),
    Field("Device", "The phone number or email address attempted."),
    Field("Status", "The completion status, such as DELIVEREDPERSON (see docs/statuses.md)."),
    Field("Rank", "The status's Best Contact rank; higher is better.", _NUMBER),
    Field("StartTime", f"When the attempt started, {_LOCAL}.", _TIME),
    Field("CompleteTime", f"When the attempt completed, {_LOCAL}.", _TIME),
    Field("RingSeconds", "How long the call rang.", _NUMBER),
    Field("TalkSeconds", "How long the call was connected.", _NUMBER),
    Field("MessageContent", "The text received or sent, where the channel has one."),
)
_BEST_CONTACT_FLAG = Field("BestContact", "1 on the best result for the row's ClientID in the report's window, else 0.")
# "Only the final attempt is recorded in the other Detail reports" (the guide, on Direct Connect).
_ATTEMPT_TAIL: tuple[Field, ...] = (
    Field("DCNumber", "The contact center number of the call's final Direct Connect attempt; empty without one."),
    Field("DCStatus", "The status of the call's final Direct Connect attempt, such as DC_SUCCESS; empty without one."),
    Field("Responses", 'The Response Group answers as JSON, {"group": "answer", ...}; empty without any.'),
)

ALL_ATTEMPTS_FIELDS: tuple[Field, ...] = (*_ATTEMPT_HEAD, _BEST_CONTACT_FLAG, *_ATTEMPT_TAIL)

BEST_CONTACT_FIELDS: tuple[Field, ...] = (*_ATTEMPT_HEAD, *_ATTEMPT_TAIL)

ALL_CONTACTS_FIELDS: tuple[Field, ...] = (
    *ALL_ATTEMPTS_FIELDS,
    Field("Filtered", "1 on a filtered contact's row (Status is its filter status), 0 on an attempt's."),
    Field("FilterTime", f"When the contact was filtered, {_LOCAL}; empty on an attempt's row.", _TIME),
)

# The Dialer report's column groups, in file order: the first attempt, the last one, and up to ten
# attempts before the last, oldest first (Attempt1 is the earliest of those ten).
DIALER_GROUPS: tuple[str, ...] = ("First", "Last", *(f"Attempt{n}" for n in range(1, 11)))


def _dialer_group(group: str) -> tuple[Field, ...]:
    which = {"First": "first attempt", "Last": "last attempt"}.get(group, f"attempt {group}")
    return (
        Field(f"{group}AttemptID", f"The {which}'s AttemptID; empty when there is none."),
        Field(f"{group}Device", f"The {which}'s device."),
        Field(f"{group}Status", f"The {which}'s completion status."),
        Field(f"{group}StartTime", f"When the {which} started, {_LOCAL}.", _TIME),
    )


DIALER_FIELDS: tuple[Field, ...] = (
    Field("ClientID", "The contact's ClientID: one record per contact (per sub-campaign at sub-campaign level)."),
    Field("Campaign", "The campaign's name."),
    Field("SubCampaign", "The sub-campaign of the last attempt."),
    Field("Attempts", "How many attempts the contact had in the report's window.", _NUMBER),
    *(field for group in DIALER_GROUPS for field in _dialer_group(group)),
)

CONTACT_CENTER_FIELDS: tuple[Field, ...] = (
    Field("Account", "The account's name."),
    Field("Campaign", "The campaign's name."),
    Field("SubCampaign", "The sub-campaign's name."),
    Field("ClientID", "The contact's ClientID."),
    Field("AttemptID", "The call (contact attempt) the Direct Connect attempt belongs to."),
    Field("Device", "The phone number the call reached."),
    Field("Status", "The call's completion status."),
    Field("DCSequence", "1 for the call's first Direct Connect attempt, and so on.", _NUMBER),
    Field("DCNumber", "The contact center number dialed."),
    Field("DCStatus", "The Direct Connect status, such as DC_CALL_CENTER_BUSY."),
    Field("DCStartTime", f"When the Direct Connect attempt started, {_LOCAL}.", _TIME),
    Field("DCCompleteTime", f"When it ended, {_LOCAL}.", _TIME),
    Field("DCRingSeconds", "How long the contact center rang.", _NUMBER),
    Field("DCHoldSeconds", "How long the recipient was on hold.", _NUMBER),
    Field("DCTalkSeconds", "How long the recipient talked with the contact center.", _NUMBER),
    Field("FinalDC", "1 on the call's final Direct Connect attempt (the one the other reports show), else 0."),
)

USAGE_FIELDS: tuple[Field, ...] = (
    Field("Campaign", "The campaign's name."),
    Field("SubCampaign", "The sub-campaign's name."),
    Field("Pass", "The name of the pass that made the attempt; empty when not known."),
    Field("ClientID", "The contact's ClientID."),
    Field("AttemptID", "The platform's id of the attempt."),
    Field("Channel", "Voice, Text, Email or Web."),
    Field("Device", "The phone number or email address attempted."),
    Field("DeviceType", "Home, Work, Mobile, Other or Email; empty when not known."),
    Field("Status", "The completion status."),
    Field("StartTime", f"When the attempt started, {_LOCAL}.", _TIME),
    Field("CompleteTime", f"When the attempt completed, {_LOCAL}.", _TIME),
    Field("RingSeconds", "How long the call rang.", _NUMBER),
    Field("TalkSeconds", "How long the call was connected.", _NUMBER),
)

TEXT_OPT_OUT_FIELDS: tuple[Field, ...] = (
    Field("ClientID", "The contact's ClientID; empty when not known."),
    Field("Device", "The phone number that opted out."),
    Field("Campaign", "The campaign whose text was answered."),
    Field("SubCampaign", "Its sub-campaign; empty when not known."),
    Field("OptOutTime", f"When the opt-out arrived, {_LOCAL}.", _TIME),
    Field("Keyword", "The opt-out keyword recognised, such as STOP."),
    Field("Message", "The whole message received."),
)

LIST_AUDIT_FIELDS: tuple[Field, ...] = (
    Field("Account", "The account's name."),
    Field("LoadID", "The list load's id."),
    Field("ListID", "The contact list loaded into."),
    Field("ListName", "The contact list's name."),
    Field("OriginalListName", "The file or list name as uploaded."),
    Field("StartTime", f"When the load started, {_LOCAL}.", _TIME),
    Field("EndTime", f"When the load ended, {_LOCAL}.", _TIME),
    Field("LoadSeconds", "How long the load took (EndTime - StartTime), in whole seconds.", _NUMBER),
    Field("TotalRecords", "Records in the load.", _NUMBER),
    Field("RejectedRecords", "Records the load rejected.", _NUMBER),
    Field("AcceptedRecords", "TotalRecords - RejectedRecords.", _NUMBER),
)

AGENT_ACTION_FIELDS: tuple[Field, ...] = (
    Field("Account", "The account's name."),
    Field("AgentID", "The agent's id."),
    Field("AgentName", "The agent's name."),
    Field("AgentType", "Voice or Text."),
    Field("Action", "The action, such as Login, Logout, Skip Contact, Send Text."),
    Field("ActionTime", f"When the agent took it, {_LOCAL}.", _TIME),
    Field("Detail", "More about the action, in words."),
    Field("Campaign", "The name of the campaign it was taken in; empty when none."),
)

FIELDS: dict[ReportType, tuple[Field, ...]] = {
    ReportType.ALL_ATTEMPTS: ALL_ATTEMPTS_FIELDS,
    ReportType.BEST_CONTACT: BEST_CONTACT_FIELDS,
    ReportType.ALL_CONTACTS: ALL_CONTACTS_FIELDS,
    ReportType.DIALER: DIALER_FIELDS,
    ReportType.CONTACT_CENTER: CONTACT_CENTER_FIELDS,
    ReportType.USAGE: USAGE_FIELDS,
    ReportType.TEXT_OPT_OUT: TEXT_OPT_OUT_FIELDS,
    ReportType.LIST_AUDIT: LIST_AUDIT_FIELDS,
    ReportType.AGENT_ACTION: AGENT_ACTION_FIELDS,
}


@dataclass(frozen=True)
class IncrementalWindow:
    """The ingest cutoffs an Incremental run covers (docs/incremental.md).

    Attributes:
        previous_cutoff: the previous run's cutoff; empty on the first run, which holds what was
            ingested since the report's ``window_start`` (the cutoff's time less 15 hours).
        cutoff: this run's cutoff (GeneratorService.GetIngestCutoff).
    """

    previous_cutoff: str
    cutoff: str

    @property
    def first_run(self) -> bool:
        return not self.previous_cutoff


@dataclass(frozen=True)
class ReportQuery:
    """Which rows a report holds: its scope (accounts, campaign, sub-campaign) and its window.

    A row is in the window when ``window_start <= t < window_end`` for the report's time column
    (an attempt's complete_time, a Direct Connect attempt's, an opt-out's time, ...). An
    Incremental report (``incremental`` set) holds instead the rows *collected* between its two
    cutoffs, whatever their times: an attempt that starts before a run's cutoff but completes
    (and is ingested) after it belongs to the next run, as the guide says.

    Attributes:
        account: the account running the report (whose reports time zone renders times).
        campaign: the campaign id; None for every campaign (account and enterprise level, and
            <Yesterday's activity>, whose window holds only the campaigns that ran).
        sub_campaign: the sub-campaign id, or None for every sub-campaign of the scope.
        accounts: the accounts read at enterprise level (every account of the enterprise); empty
            means ``(account,)``.
        level: the level the report runs at; at sub-campaign level Best Contact, BestContact and
            the Dialer's records are per sub-campaign, otherwise per campaign.
    """

    report_type: ReportType
    account: str
    campaign: str | None
    sub_campaign: str | None
    window_start: datetime
    window_end: datetime
    time_zone: str
    incremental: IncrementalWindow | None = None
    # Set when the definition names an output specification: the file's layout (docs/output-specifications.md).
    output: OutputFormat | None = None
    accounts: tuple[str, ...] = ()
    level: Level = Level.CAMPAIGN

    @property
    def scoped_accounts(self) -> tuple[str, ...]:
        return self.accounts or (self.account,)

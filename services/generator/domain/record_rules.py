"""Validation of the activity records beyond accounts, campaigns and attempts (services.generator.domain.rules).

Each check validates a record's own fields first, then what it refers to, and returns the record
to store. A broken rule raises ``InvalidArgument(field=, rule=)``, which ingest reports with the
record's position.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlparse

from reportsuite.core import names
from reportsuite.core.errors import InvalidArgument
from services.generator.domain import statuses
from services.generator.domain.model import DeviceType
from services.generator.domain.records import (
    Agent,
    AgentAction,
    AgentGroup,
    AgentInput,
    AgentStateChange,
    CallRecording,
    Contact,
    ContactList,
    Device,
    DirectConnectAttempt,
    Enterprise,
    FilteredContact,
    ListLoad,
    NamedInput,
    SessionTransfer,
    TextOptOut,
    device_key,
)
from services.generator.domain.references import Known, Reference
from services.generator.domain.rules import (
    ID_MAX,
    NAME_MAX,
    REQUIRED,
    TEXT_MAX,
    UNKNOWN_STATUS,
    bounded,
    check_campaign_references,
    check_status_on_channel,
    check_times,
    require,
)

# A word such as STOP, Login or a disposition code.
WORD_MAX = 64
DEVICES_MAX = 20
# Filter statuses are the guide's "not attempted" results: rank 1 (DNC, BLOCKED, WIRELESS, ...)
# and rank 2 (CALL_PASS_REJECTED, NEVER_TRIED, SUPPRESSED_*, ...).
FILTER_RANKS = (1, 2)
_ACCOUNT_IS_NAME = {Reference.ACCOUNT: "name"}


def not_negative(value: int, field: str) -> None:
    """Raises when a count or a number of seconds is negative."""
    if value < 0:
        raise InvalidArgument(f"{field} is negative", field=field, rule="must not be negative")


def required_instant(value: datetime | None, field: str) -> None:
    """Raises when an instant was left out."""
    if value is None:
        raise InvalidArgument(f"{field} is missing", field=field, rule=REQUIRED)


def check_enterprise(record: NamedInput, known: Known) -> Enterprise:
    """An enterprise: ``enterprises/{enterprise}`` and a display name."""
    enterprise = names.parse("enterprises/{enterprise}", record.name, "name")["enterprise"]
    require(record.display_name, "display_name", NAME_MAX)
    return Enterprise(enterprise, record.display_name)


def check_contact_list(record: NamedInput, known: Known) -> ContactList:
    """A contact list of a known account."""
    ids = names.parse("accounts/{account}/contactLists/{contact_list}", record.name, "name")
    require(record.display_name, "display_name", NAME_MAX)
    known.require(Reference.ACCOUNT, (ids["account"],), _ACCOUNT_IS_NAME)
    return ContactList(ids["account"], ids["contact_list"], record.display_name)


def check_agent_group(record: NamedInput, known: Known) -> AgentGroup:
    """An agent (skill) group of a known account."""
    ids = names.parse("accounts/{account}/agentGroups/{agent_group}", record.name, "name")
    require(record.display_name, "display_name", NAME_MAX)
    known.require(Reference.ACCOUNT, (ids["account"],), _ACCOUNT_IS_NAME)
    return AgentGroup(ids["account"], ids["agent_group"], record.display_name)


def check_agent(record: AgentInput, known: Known) -> Agent:
    """A voice or text agent of a known account, in known groups."""
    ids = names.parse("accounts/{account}/agents/{agent}", record.name, "name")
    require(record.display_name, "display_name", NAME_MAX)
    if record.agent_type is None:
        raise InvalidArgument("agent_type is not given", field="agent_type", rule="must be Voice or Text")
    seen: set[str] = set()
    for index, group in enumerate(record.groups):
        field = f"agent_groups[{index}]"
        names.check_id(group, field)
        if group in seen:
            raise InvalidArgument(f"{field} {group!r} is repeated", field=field, rule="groups are listed once")
        seen.add(group)
    known.require(Reference.ACCOUNT, (ids["account"],), _ACCOUNT_IS_NAME)
    for index, group in enumerate(record.groups):
        known.require(Reference.AGENT_GROUP, (ids["account"], group), {Reference.AGENT_GROUP: f"agent_groups[{index}]"})
    return Agent(ids["account"], ids["agent"], record.display_name, record.agent_type, record.groups)


def check_list_load(record: ListLoad, known: Known) -> ListLoad:
    """A list load: its timing, totals not negative, no more rejected records than loaded."""
    require(record.id, "id")
    require(record.list_id, "contact_list")
    bounded(record.original_list_name, "original_list_name", NAME_MAX)
    check_times(record.start_time, record.end_time, ("start_time", "end_time"))
    not_negative(record.total_records, "total_records")
    not_negative(record.rejected_records, "rejected_records")
    if record.rejected_records > record.total_records:
        raise InvalidArgument("more records rejected than loaded", field="rejected_records",
                              rule="must not exceed total_records")
    known.require(Reference.CONTACT_LIST, (record.account, record.list_id))
    return record


def check_contact(record: Contact, known: Known) -> Contact:
    """A contact: its ClientID, its devices (phone numbers and email addresses), its list."""
    require(record.client_id, "client_id")
    bounded(record.first_name, "first_name", NAME_MAX)
    bounded(record.last_name, "last_name", NAME_MAX)
    if len(record.devices) > DEVICES_MAX:
        raise InvalidArgument("too many devices", field="devices", rule=f"at most {DEVICES_MAX} devices")
    seen: set[str] = set()
    for index, device in enumerate(record.devices):
        _check_device(device, f"devices[{index}]", seen)
    if record.list_id:
        known.require(Reference.CONTACT_LIST, (record.account, record.list_id))
    else:
        known.require(Reference.ACCOUNT, (record.account,))
    return record


def _check_device(device: Device, prefix: str, seen: set[str]) -> None:
    require(device.address, f"{prefix}.address", NAME_MAX)
    if device.device_type is None:
        raise InvalidArgument("device_type is not given", field=f"{prefix}.device_type",
                              rule="must be Home, Work, Mobile, Other or Email")
    is_email = device.device_type is DeviceType.EMAIL
    if is_email != ("@" in device.address):
        raise InvalidArgument(f"{prefix}.address does not match its type", field=f"{prefix}.address",
                              rule="an Email device is an email address; the others are phone numbers")
    if not is_email and not 7 <= len(device_key(device.address)) <= 15:
        raise InvalidArgument(f"{prefix}.address is not a phone number", field=f"{prefix}.address",
                              rule="a phone number has 7 to 15 digits")
    if is_email and device.wireless:
        raise InvalidArgument("an email address is not wireless", field=f"{prefix}.wireless",
                              rule="only phone numbers are wireless")
    key = device_key(device.address)
    if key in seen:
        raise InvalidArgument(f"{prefix}.address is repeated", field=f"{prefix}.address",
                              rule="a contact lists each device once")
    seen.add(key)


def check_filtered_contact(record: FilteredContact, known: Known) -> FilteredContact:
    """A filter record: its status is a rank 1 or 2 completion status valid on its channel."""
    require(record.id, "id")
    require(record.client_id, "client_id")
    if record.channel is None:
        raise InvalidArgument("channel is not given", field="channel", rule="must be Voice, Text, Email or Web")
    status = check_status_on_channel(record.status, record.channel)
    if status.direct_connect or status.rank not in FILTER_RANKS:
        raise InvalidArgument(f"{status.code} is not a filter status", field="status",
                              rule="a filter status is a completion status of rank 1 or 2, such as DNC")
    required_instant(record.filter_time, "filter_time")
    bounded(record.device, "device", NAME_MAX)
    check_campaign_references(record.account, record.campaign, record.sub_campaign, record.pass_id,
                              record.channel, known)
    return record


def check_direct_connect_attempt(record: DirectConnectAttempt, known: Known) -> DirectConnectAttempt:
    """A Direct Connect attempt: numbered from 1 within its call, with a Direct Connect status."""
    require(record.attempt_id, "attempt_id")
    if record.sequence < 1:
        raise InvalidArgument("sequence is below 1", field="sequence", rule="must be 1 or more")
    require(record.client_id, "client_id")
    require(record.dc_number, "dc_number", WORD_MAX)
    status = statuses.find(record.status)
    if status is None:
        raise InvalidArgument(f"status {record.status!r} is not a guide status", field="status", rule=UNKNOWN_STATUS)
    if not status.direct_connect:
        raise InvalidArgument(f"{status.code} is not a Direct Connect status", field="status",
                              rule="must be a Direct Connect status, such as DC_SUCCESS")
    check_times(record.start_time, record.complete_time)
    for field in ("ring_seconds", "hold_seconds", "talk_seconds"):
        not_negative(getattr(record, field), field)
    known.require(Reference.SUB_CAMPAIGN, (record.account, record.campaign, record.sub_campaign))
    return record


def check_agent_state_change(record: AgentStateChange, known: Known) -> AgentStateChange:
    """A state change of a known agent."""
    require(record.id, "id")
    if record.state is None:
        raise InvalidArgument("state is not given", field="state",
                              rule="must be Ready, Not Ready, Talking, On Hold or After Call Work")
    required_instant(record.start_time, "start_time")
    not_negative(record.duration_seconds, "duration_seconds")
    known.require(Reference.AGENT, (record.account, record.agent_id))
    if record.group_id:
        known.require(Reference.AGENT_GROUP, (record.account, record.group_id))
    return record


def check_agent_action(record: AgentAction, known: Known) -> AgentAction:
    """An action of a known agent, in a known campaign when it names one."""
    require(record.id, "id")
    require(record.action, "action", WORD_MAX)
    required_instant(record.action_time, "action_time")
    bounded(record.detail, "detail", TEXT_MAX)
    known.require(Reference.AGENT, (record.account, record.agent_id))
    if record.campaign:
        known.require(Reference.CAMPAIGN, (record.account, record.campaign))
    return record


def check_call_recording(record: CallRecording, known: Known) -> CallRecording:
    """A recording of a known agent's call, with an http(s) URL to play it back."""
    require(record.id, "id")
    require(record.attempt_id, "attempt_id")
    bounded(record.client_id, "client_id", ID_MAX)
    bounded(record.disposition_code, "disposition_code", WORD_MAX)
    required_instant(record.start_time, "start_time")
    not_negative(record.duration_seconds, "duration_seconds")
    require(record.url, "url", TEXT_MAX)
    parsed = urlparse(record.url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidArgument("url is not a web address", field="url", rule="must be an http or https URL")
    known.require(Reference.SUB_CAMPAIGN, (record.account, record.campaign, record.sub_campaign))
    known.require(Reference.AGENT, (record.account, record.agent_id))
    if record.group_id:
        known.require(Reference.AGENT_GROUP, (record.account, record.group_id))
    return record


def check_session_transfer(record: SessionTransfer, known: Known) -> SessionTransfer:
    """A transfer from a known agent to a known agent or an outside number."""
    require(record.id, "id")
    require(record.attempt_id, "attempt_id")
    if record.transfer_type is None:
        raise InvalidArgument("transfer_type is not given", field="transfer_type",
                              rule="must be Blind, Warm or Conference")
    if not record.to_agent and not record.to_number:
        raise InvalidArgument("the transfer has no target", field="to_agent",
                              rule="a transfer goes to an agent (to_agent) or a number (to_number)")
    bounded(record.to_number, "to_number", WORD_MAX)
    required_instant(record.transfer_time, "transfer_time")
    for field in ("ring_seconds", "hold_seconds", "talk_seconds"):
        not_negative(getattr(record, field), field)
    known.require(Reference.SUB_CAMPAIGN, (record.account, record.campaign, record.sub_campaign))
    known.require(Reference.AGENT, (record.account, record.from_agent), {Reference.AGENT: "from_agent"})
    if record.to_agent:
        known.require(Reference.AGENT, (record.account, record.to_agent), {Reference.AGENT: "to_agent"})
    return record


def check_text_opt_out(record: TextOptOut, known: Known) -> TextOptOut:
    """An opt-out: the device, the keyword and when; the campaign and sub-campaign when known."""
    require(record.id, "id")
    require(record.device, "device", NAME_MAX)
    require(record.keyword, "keyword", WORD_MAX)
    bounded(record.message, "message", TEXT_MAX)
    bounded(record.client_id, "client_id", ID_MAX)
    required_instant(record.opt_out_time, "opt_out_time")
    if record.sub_campaign and not record.campaign:
        raise InvalidArgument("a sub-campaign without its campaign", field="campaign",
                              rule="required when sub_campaign is given")
    if record.sub_campaign:
        known.require(Reference.SUB_CAMPAIGN, (record.account, record.campaign, record.sub_campaign))
    elif record.campaign:
        known.require(Reference.CAMPAIGN, (record.account, record.campaign))
    else:
        known.require(Reference.ACCOUNT, (record.account,))
    return record

"""The activity records beyond accounts, campaigns and attempts, as platform services send them.

Reference records (enterprises, contact lists, contacts, agent groups, agents) are replaced when
sent again; event records (list loads, filtered contacts, Direct Connect attempts, agent state
changes and actions, call recordings, session transfers, text opt-outs) are stored once by their
id. An enum field or instant the sender left out is None here; validation rejects it where it is
required (services.generator.domain.record_rules).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from services.generator.domain.model import Channel, DeviceType


class AgentType(enum.Enum):
    """Which channel an agent works, in the guide's words ("voice and text agents")."""

    VOICE = "Voice"
    TEXT = "Text"


class AgentState(enum.Enum):
    """The states of an agent (the Agent States and Agent Performance reports)."""

    READY = "Ready"
    NOT_READY = "Not Ready"
    TALKING = "Talking"
    ON_HOLD = "On Hold"
    AFTER_CALL_WORK = "After Call Work"


class TransferType(enum.Enum):
    """How an agent transferred a call (the Session Transfer report)."""

    BLIND = "Blind"
    WARM = "Warm"
    CONFERENCE = "Conference"


@dataclass(frozen=True)
class Enterprise:
    """An enterprise; accounts name it in their ``enterprise`` field."""

    id: str
    display_name: str


@dataclass(frozen=True)
class ContactList:
    """A contact list of an account."""

    account: str
    id: str
    display_name: str


@dataclass(frozen=True)
class ListLoad:
    """One load of records into a contact list (List Audit)."""

    id: str
    account: str
    list_id: str
    original_list_name: str
    start_time: datetime | None
    end_time: datetime | None
    total_records: int
    rejected_records: int


@dataclass(frozen=True)
class Device:
    """A phone number (home, work, mobile, other; wireless or not) or an email address."""

    address: str
    device_type: DeviceType | None
    wireless: bool = False


@dataclass(frozen=True)
class Contact:
    """A person of an account, identified by ClientID, with their devices in list order."""

    account: str
    client_id: str
    list_id: str = ""
    first_name: str = ""
    last_name: str = ""
    devices: tuple[Device, ...] = ()


@dataclass(frozen=True)
class FilteredContact:
    """A contact filtered from a sub-campaign (or one pass) and never attempted there."""

    id: str
    account: str
    campaign: str
    sub_campaign: str
    pass_id: str
    client_id: str
    channel: Channel | None
    device: str
    device_type: DeviceType | None
    status: str
    filter_time: datetime | None


@dataclass(frozen=True)
class DirectConnectAttempt:
    """One Direct Connect attempt of a call; ``(attempt_id, sequence)`` identifies it."""

    attempt_id: str
    sequence: int
    account: str
    campaign: str
    sub_campaign: str
    client_id: str
    dc_number: str
    status: str
    start_time: datetime | None
    complete_time: datetime | None
    ring_seconds: int = 0
    hold_seconds: int = 0
    talk_seconds: int = 0


@dataclass(frozen=True)
class AgentGroup:
    """An agent (skill) group of an account."""

    account: str
    id: str
    display_name: str


@dataclass(frozen=True)
class Agent:
    """A voice or text agent and the ids of the groups it belongs to."""

    account: str
    id: str
    display_name: str
    agent_type: AgentType | None
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgentStateChange:
    """An agent entering a state, and how long it stayed."""

    id: str
    account: str
    agent_id: str
    group_id: str
    state: AgentState | None
    start_time: datetime | None
    duration_seconds: int


@dataclass(frozen=True)
class AgentAction:
    """One action an agent took (Agent Action)."""

    id: str
    account: str
    agent_id: str
    action: str
    action_time: datetime | None
    detail: str = ""
    campaign: str = ""


@dataclass(frozen=True)
class CallRecording:
    """The recording of one agent call (Client Recording)."""

    id: str
    account: str
    campaign: str
    sub_campaign: str
    attempt_id: str
    client_id: str
    agent_id: str
    group_id: str
    disposition_code: str
    start_time: datetime | None
    duration_seconds: int
    url: str


@dataclass(frozen=True)
class SessionTransfer:
    """A call an agent transferred to another agent or an outside number (Session Transfer)."""

    id: str
    account: str
    campaign: str
    sub_campaign: str
    attempt_id: str
    transfer_type: TransferType | None
    from_agent: str
    to_agent: str
    to_number: str
    transfer_time: datetime | None
    ring_seconds: int = 0
    hold_seconds: int = 0
    talk_seconds: int = 0


@dataclass(frozen=True)
class TextOptOut:
    """A consumer opting out of text messages (Text Opt-out)."""

    id: str
    account: str
    campaign: str
    sub_campaign: str
    client_id: str
    device: str
    opt_out_time: datetime | None
    keyword: str
    message: str = ""


@dataclass(frozen=True)
class NamedInput:
    """An enterprise, contact list or agent group as sent: its ids are still inside its resource name."""

    name: str
    display_name: str


@dataclass(frozen=True)
class AgentInput:
    """An agent as sent: account and id are still inside its resource name."""

    name: str
    display_name: str
    agent_type: AgentType | None
    groups: tuple[str, ...] = ()


def device_key(address: str) -> str:
    """The form a device is looked up by: an email address in lower case, a phone number's digits.

    A North American number written with its country code (11 digits starting with 1) drops the
    1, so "+1 (617) 555-0100" and "617.555.0100" are the same device.
    """
    if "@" in address:
        return address.strip().lower()
    digits = "".join(character for character in address if character.isdigit())
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits

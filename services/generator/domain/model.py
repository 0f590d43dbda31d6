"""The activity store's records: accounts, campaigns, sub-campaigns and contact attempts."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Channel(enum.Enum):
    """How a contact was attempted, with the guide's Channel Type words as values."""

    VOICE = "Voice"
    TEXT = "Text"
    EMAIL = "Email"
    WEB = "Web"


@dataclass(frozen=True)
class Account:
    """A customer account; its id is the ACCOUNT_UID of file names."""

    id: str
    display_name: str
    enterprise: str
    reports_time_zone: str
    cost_visible: bool = False


class PassType(enum.Enum):
    """How a sub-campaign pass contacts people; Preview and Predictive are voice dialer passes."""

    STANDARD = "Standard"
    PREVIEW = "Preview"
    PREDICTIVE = "Predictive"


class DeviceType(enum.Enum):
    """The kind of a contact's device: a phone number's type, or an email address."""

    HOME = "Home"
    WORK = "Work"
    MOBILE = "Mobile"
    OTHER = "Other"
    EMAIL = "Email"


@dataclass(frozen=True)
class Pass:
    """One pass of a sub-campaign; passes run in the order the sub-campaign lists them.

    ``channel`` and ``pass_type`` are None when the sender left them out; validation rejects that.
    """

    id: str
    display_name: str
    channel: Channel | None
    pass_type: PassType | None


@dataclass(frozen=True)
class SubCampaign:
    """One sub-campaign; ``contact_list`` is the <GROUP> of file names."""

    id: str
    display_name: str
    contact_list: str = ""
    passes: tuple[Pass, ...] = ()


@dataclass(frozen=True)
class Campaign:
    """A campaign of an account, with its sub-campaigns."""

    account: str
    id: str
    display_name: str
    start_time: datetime | None
    end_time: datetime | None
    sub_campaigns: tuple[SubCampaign, ...] = ()


@dataclass(frozen=True)
class Attempt:
    """One contact attempt and its completion status, as a platform service sends it.

    ``channel`` is None and the times are None when the sender left them out; ingest
    validation rejects such records.
    """

    attempt_id: str
    account: str
    campaign: str
    sub_campaign: str
    client_id: str
    channel: Channel | None
    device: str
    status: str
    start_time: datetime | None
    complete_time: datetime | None
    ring_seconds: int = 0
    talk_seconds: int = 0
    message_content: str = ""
    pass_id: str = ""
    device_type: DeviceType | None = None
    # Response Group answers: group name -> answer (stored as JSONB).
    responses: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AccountInput:
    """An account as sent for ingest: the id is still inside its resource name."""

    name: str
    display_name: str
    enterprise: str
    reports_time_zone: str
    cost_visible: bool = False


@dataclass(frozen=True)
class CampaignInput:
    """A campaign as sent for ingest: account and id are still inside its resource name."""

    name: str
    display_name: str
    start_time: datetime | None
    end_time: datetime | None
    sub_campaigns: tuple[SubCampaign, ...] = ()


@dataclass(frozen=True)
class RejectedRecord:
    """A record that was not stored: its 0-based position in the whole stream, and why."""

    position: int
    id: str
    field: str
    reason: str


@dataclass
class IngestResult:
    """What one ingest stream did."""

    received: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: list[RejectedRecord] = field(default_factory=list)

"""The activity model's tables beyond accounts, campaigns and attempts (schema "generator").

docs/activity-model.md documents every column and which report reads it; a unit test checks the
document against these tables. Reference tables (enterprises, passes, contact lists, agents,
agent groups, memberships) are small and carry foreign keys. Contacts, devices and the event
tables carry none, as ``attempts`` does: ingest checks every reference first, nothing referred
to is ever deleted, and the per-row triggers would slow bulk loads. Event tables record the
ingesting transaction in ``ingest_xid`` like ``attempts``, so Incremental reports can window
them the same way (docs/incremental.md).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.generator.adapters.orm import Base, Xid8

CHANNELS = "('Voice', 'Text', 'Email', 'Web')"
DEVICE_TYPES = "('Home', 'Work', 'Mobile', 'Other', 'Email')"


def _now() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


def _xid() -> Mapped[str]:
    return mapped_column(Xid8(), server_default=func.pg_current_xact_id())


def _text() -> Mapped[str]:
    return mapped_column(Text, server_default="")


def _seconds() -> Mapped[int]:
    return mapped_column(Integer, server_default="0")


class EnterpriseRow(Base):
    __tablename__ = "enterprises"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    update_time: Mapped[datetime] = _now()


class PassRow(Base):
    __tablename__ = "sub_campaign_passes"
    __table_args__ = (
        ForeignKeyConstraint(["account", "campaign", "sub_campaign"],
                             ["sub_campaigns.account", "sub_campaigns.campaign", "sub_campaigns.id"]),
        CheckConstraint(f"channel IN {CHANNELS}", name="channel"),
        CheckConstraint("pass_type IN ('Standard', 'Preview', 'Predictive')", name="pass_type"),
    )

    account: Mapped[str] = mapped_column(Text, primary_key=True)
    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    sub_campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    pass_type: Mapped[str] = mapped_column(Text)
    pass_order: Mapped[int] = mapped_column(Integer)


class ContactListRow(Base):
    __tablename__ = "contact_lists"

    account: Mapped[str] = mapped_column(Text, ForeignKey("accounts.id"), primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    update_time: Mapped[datetime] = _now()


class ListLoadRow(Base):
    __tablename__ = "list_loads"
    __table_args__ = (
        CheckConstraint("end_time >= start_time", name="end_after_start"),
        CheckConstraint("rejected_records <= total_records", name="rejected_within_total"),
        # List Audit reads an account's loads that ended in the window.
        Index("ix_list_loads_account_end", "account", "end_time"),
    )

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    list_id: Mapped[str] = mapped_column(Text)
    original_list_name: Mapped[str] = _text()
    start_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    end_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    total_records: Mapped[int] = mapped_column(Integer)
    rejected_records: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = _now()
    ingest_xid: Mapped[str] = _xid()


class ContactRow(Base):
    __tablename__ = "contacts"

    account: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[str] = mapped_column(Text, primary_key=True)
    list_id: Mapped[str] = _text()
    first_name: Mapped[str] = _text()
    last_name: Mapped[str] = _text()
    update_time: Mapped[datetime] = _now()


class ContactDeviceRow(Base):
    __tablename__ = "contact_devices"
    __table_args__ = (
        CheckConstraint(f"device_type IN {DEVICE_TYPES}", name="device_type"),
        # The contact trace finds contacts by phone number or email address.
        Index("ix_contact_devices_lookup", "account", "device_key"),
    )

    account: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[str] = mapped_column(Text, primary_key=True)
    device: Mapped[str] = mapped_column(Text, primary_key=True)
    device_key: Mapped[str] = mapped_column(Text)
    device_type: Mapped[str] = mapped_column(Text)
    wireless: Mapped[bool] = mapped_column(Boolean, server_default="false")
    position: Mapped[int] = mapped_column(Integer)


class FilteredContactRow(Base):
    __tablename__ = "filtered_contacts"
    __table_args__ = (
        CheckConstraint(f"channel IN {CHANNELS}", name="channel"),
        # All Contacts reads a campaign's (or sub-campaign's) filter records in the window.
        Index("ix_filtered_contacts_campaign_window", "account", "campaign", "filter_time"),
        # The contact trace reads one ClientID's records across campaigns.
        Index("ix_filtered_contacts_client", "account", "client_id"),
    )

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    campaign: Mapped[str] = mapped_column(Text)
    sub_campaign: Mapped[str] = mapped_column(Text)
    pass_id: Mapped[str] = _text()
    client_id: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    device: Mapped[str] = _text()
    device_type: Mapped[str] = _text()
    status: Mapped[str] = mapped_column(Text)
    filter_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ingested_at: Mapped[datetime] = _now()
    ingest_xid: Mapped[str] = _xid()


class DirectConnectAttemptRow(Base):
    __tablename__ = "direct_connect_attempts"
    __table_args__ = (
        CheckConstraint("sequence >= 1", name="sequence_from_one"),
        CheckConstraint("complete_time >= start_time", name="complete_after_start"),
        # Contact Center reads a campaign's Direct Connect attempts in the window.
        Index("ix_direct_connect_attempts_campaign_window", "account", "campaign", "complete_time"),
        # ... and at account and enterprise level, every campaign (migration 0004).
        Index("ix_direct_connect_attempts_account_window", "account", "complete_time"),
        Index("ix_direct_connect_attempts_client", "account", "client_id"),
    )

    attempt_id: Mapped[str] = mapped_column(Text, primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    campaign: Mapped[str] = mapped_column(Text)
    sub_campaign: Mapped[str] = mapped_column(Text)
    client_id: Mapped[str] = mapped_column(Text)
    dc_number: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    start_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    complete_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ring_seconds: Mapped[int] = _seconds()
    hold_seconds: Mapped[int] = _seconds()
    talk_seconds: Mapped[int] = _seconds()
    ingested_at: Mapped[datetime] = _now()
    ingest_xid: Mapped[str] = _xid()


class AgentGroupRow(Base):
    __tablename__ = "agent_groups"

    account: Mapped[str] = mapped_column(Text, ForeignKey("accounts.id"), primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    update_time: Mapped[datetime] = _now()


class AgentRow(Base):
    __tablename__ = "agents"
    __table_args__ = (CheckConstraint("agent_type IN ('Voice', 'Text')", name="agent_type"),)

    account: Mapped[str] = mapped_column(Text, ForeignKey("accounts.id"), primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    agent_type: Mapped[str] = mapped_column(Text)
    update_time: Mapped[datetime] = _now()


class AgentGroupMemberRow(Base):
    __tablename__ = "agent_group_members"
    __table_args__ = (
        ForeignKeyConstraint(["account", "agent_id"], ["agents.account", "agents.id"]),
        ForeignKeyConstraint(["account", "group_id"], ["agent_groups.account", "agent_groups.id"]),
        # Agent group reports list a group's agents.
        Index("ix_agent_group_members_group", "account", "group_id"),
    )

    account: Mapped[str] = mapped_column(Text, primary_key=True)
    agent_id: Mapped[str] = mapped_column(Text, primary_key=True)
    group_id: Mapped[str] = mapped_column(Text, primary_key=True)


class AgentStateChangeRow(Base):
    __tablename__ = "agent_state_changes"
    __table_args__ = (
        CheckConstraint("state IN ('Ready', 'Not Ready', 'Talking', 'On Hold', 'After Call Work')", name="state"),
        Index("ix_agent_state_changes_account_start", "account", "start_time"),
    )

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    agent_id: Mapped[str] = mapped_column(Text)
    group_id: Mapped[str] = _text()
    state: Mapped[str] = mapped_column(Text)
    start_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_seconds: Mapped[int] = _seconds()
    ingested_at: Mapped[datetime] = _now()
    ingest_xid: Mapped[str] = _xid()


class AgentActionRow(Base):
    __tablename__ = "agent_actions"
    __table_args__ = (Index("ix_agent_actions_account_time", "account", "action_time"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    agent_id: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    action_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    detail: Mapped[str] = _text()
    campaign: Mapped[str] = _text()
    ingested_at: Mapped[datetime] = _now()
    ingest_xid: Mapped[str] = _xid()


class CallRecordingRow(Base):
    __tablename__ = "call_recordings"
    __table_args__ = (Index("ix_call_recordings_campaign_start", "account", "campaign", "start_time"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    campaign: Mapped[str] = mapped_column(Text)
    sub_campaign: Mapped[str] = mapped_column(Text)
    attempt_id: Mapped[str] = mapped_column(Text)
    client_id: Mapped[str] = _text()
    agent_id: Mapped[str] = mapped_column(Text)
    group_id: Mapped[str] = _text()
    disposition_code: Mapped[str] = _text()
    start_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_seconds: Mapped[int] = _seconds()
    url: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = _now()
    ingest_xid: Mapped[str] = _xid()


class SessionTransferRow(Base):
    __tablename__ = "session_transfers"
    __table_args__ = (
        CheckConstraint("transfer_type IN ('Blind', 'Warm', 'Conference')", name="transfer_type"),
        Index("ix_session_transfers_campaign_time", "account", "campaign", "transfer_time"),
    )

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    campaign: Mapped[str] = mapped_column(Text)
    sub_campaign: Mapped[str] = mapped_column(Text)
    attempt_id: Mapped[str] = mapped_column(Text)
    transfer_type: Mapped[str] = mapped_column(Text)
    from_agent: Mapped[str] = mapped_column(Text)
    to_agent: Mapped[str] = _text()
    to_number: Mapped[str] = _text()
    transfer_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ring_seconds: Mapped[int] = _seconds()
    hold_seconds: Mapped[int] = _seconds()
    talk_seconds: Mapped[int] = _seconds()
    ingested_at: Mapped[datetime] = _now()
    ingest_xid: Mapped[str] = _xid()


class TextOptOutRow(Base):
    __tablename__ = "text_opt_outs"
    __table_args__ = (Index("ix_text_opt_outs_account_time", "account", "opt_out_time"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    campaign: Mapped[str] = _text()
    sub_campaign: Mapped[str] = _text()
    client_id: Mapped[str] = _text()
    device: Mapped[str] = mapped_column(Text)
    opt_out_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    keyword: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = _text()
    ingested_at: Mapped[datetime] = _now()
    ingest_xid: Mapped[str] = _xid()

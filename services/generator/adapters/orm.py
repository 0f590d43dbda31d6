"""The generator's tables in schema "generator": the activity store and the status reference table."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    ARRAY,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql.base import ischema_names
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import UserDefinedType

from reportsuite.core.db import schema_base

SCHEMA = "generator"
if TYPE_CHECKING:
    # mypy cannot take a base class from a function call; the runtime base is schema_base's subclass.
    from sqlalchemy.orm import DeclarativeBase as Base
else:
    Base = schema_base(SCHEMA)

class Xid8(UserDefinedType[str]):
    """PostgreSQL's 64-bit transaction id; SQLAlchemy has no type of its own for it."""

    cache_ok = True

    def get_col_spec(self, **kw: object) -> str:
        return "xid8"


# Reflection (Alembic's schema comparison) then knows the column's type instead of warning.
ischema_names["xid8"] = Xid8


class StatusRow(Base):
    """The guide's statuses, upserted from services.generator.domain.statuses so SQL can join ranks."""

    __tablename__ = "statuses"

    code: Mapped[str] = mapped_column(Text, primary_key=True)
    channels: Mapped[list[str]] = mapped_column(ARRAY(Text))
    rank: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    direct_connect: Mapped[bool] = mapped_column(Boolean)


class AccountRow(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    enterprise: Mapped[str] = mapped_column(Text, server_default="")
    reports_time_zone: Mapped[str] = mapped_column(Text)
    cost_visible: Mapped[bool] = mapped_column(Boolean, server_default="false")
    update_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CampaignRow(Base):
    __tablename__ = "campaigns"

    account: Mapped[str] = mapped_column(Text, ForeignKey("accounts.id"), primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    start_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    end_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    update_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SubCampaignRow(Base):
    __tablename__ = "sub_campaigns"
    __table_args__ = (
        ForeignKeyConstraint(["account", "campaign"], ["campaigns.account", "campaigns.id"]),
        # Sub-campaign level reports find their sub-campaign by id within the account.
        Index("ix_sub_campaigns_account_id", "account", "id"),
    )

    account: Mapped[str] = mapped_column(Text, primary_key=True)
    campaign: Mapped[str] = mapped_column(Text, primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    contact_list: Mapped[str] = mapped_column(Text, server_default="")


class AttemptRow(Base):
    __tablename__ = "attempts"
    # No foreign keys: ingest checks every reference against these tables (and the status data)
    # before storing, nothing referred to is ever deleted, and the per-row foreign key triggers
    # cost about a third of the insert time of a 100,000-attempt stream.
    __table_args__ = (
        CheckConstraint("complete_time >= start_time", name="complete_after_start"),
        CheckConstraint("channel IN ('Voice', 'Text', 'Email', 'Web')", name="channel"),
        # A report reads one campaign (or sub-campaign) in a window of complete_time.
        Index("ix_attempts_campaign_window", "account", "campaign", "complete_time"),
        Index("ix_attempts_sub_campaign_window", "account", "campaign", "sub_campaign", "complete_time"),
        # Best Contact looks at each ClientID's attempts in a campaign.
        Index("ix_attempts_best_contact", "account", "campaign", "client_id", "complete_time"),
        # An Incremental report reads one campaign's attempts between two snapshots' xid bounds.
        Index("ix_attempts_campaign_ingest_xid", "account", "campaign", "ingest_xid"),
        # Usage and <Yesterday's activity> read a whole account in a window (migration 0004).
        Index("ix_attempts_account_window", "account", "complete_time"),
    )

    attempt_id: Mapped[str] = mapped_column(Text, primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    campaign: Mapped[str] = mapped_column(Text)
    sub_campaign: Mapped[str] = mapped_column(Text)
    client_id: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    device: Mapped[str] = mapped_column(Text, server_default="")
    status: Mapped[str] = mapped_column(Text)
    start_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    complete_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ring_seconds: Mapped[int] = mapped_column(Integer, server_default="0")
    talk_seconds: Mapped[int] = mapped_column(Integer, server_default="0")
    message_content: Mapped[str] = mapped_column(Text, server_default="")
    # The sub-campaign pass that made the attempt ("" when not known), the kind of device
    # (Home, Work, Mobile, Other, Email or "") and the Response Group answers (group -> answer).
    pass_id: Mapped[str] = mapped_column(Text, server_default="")
    device_type: Mapped[str] = mapped_column(Text, server_default="")
    responses: Mapped[dict[str, str]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # The ingesting transaction (its default, pg_current_xact_id()): an Incremental report holds the
    # attempts whose ingest committed between two cutoff snapshots (docs/incremental.md).
    ingest_xid: Mapped[str] = mapped_column(Xid8(), server_default=func.pg_current_xact_id())

"""The delivery service's tables, in the ``delivery`` schema."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Identity, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from reportsuite.core.db import schema_base

if TYPE_CHECKING:
    # mypy cannot take a base class from a function call; the runtime base is schema_base's subclass.
    from sqlalchemy.orm import DeclarativeBase as Base
else:
    Base = schema_base("delivery")


class DeliveryRow(Base):
    """One destination of one job: its state, attempts and the server's last answer.

    Unique by (job, destination), so a redelivered job finds what it already sent.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("job", "destination", name="uq_deliveries_job_destination"),
        CheckConstraint("state IN ('PENDING', 'SUCCEEDED', 'FAILED')", name="state"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    job: Mapped[str] = mapped_column(String(200))
    destination: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(default=0)
    detail: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(Text, default="")
    # False once a destination failed permanently: a retry of the job leaves it alone.
    retryable: Mapped[bool] = mapped_column(default=True)
    update_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    complete_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HostKeyRow(Base):
    """An SSH host key pinned for one account's SFTP deliveries to one host and port."""

    __tablename__ = "host_keys"
    __table_args__ = (
        UniqueConstraint("account", "host", "port", name="uq_host_keys_account_host_port"),
        UniqueConstraint("account", "request_id", name="uq_host_keys_account_request_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    account: Mapped[str] = mapped_column(String(64))
    host: Mapped[str] = mapped_column(String(255))
    port: Mapped[int] = mapped_column()
    key_type: Mapped[str] = mapped_column(String(64))
    # The key's base64 blob as OpenSSH writes it; the fingerprint is kept for listing and messages.
    key_blob: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(200))
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

"""The catalog's tables, in the "catalog" schema.

Enums are stored by name (e.g. "SUB_CAMPAIGN", "EXPLICIT_DATES") so the rows read plainly in psql.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Boolean, DateTime, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reportsuite.core.db import schema_base

SCHEMA = "catalog"
if TYPE_CHECKING:
    # mypy cannot take a base class from a function call; the runtime base is schema_base's subclass.
    from sqlalchemy.orm import DeclarativeBase as Base
else:
    Base = schema_base(SCHEMA)
metadata = Base.metadata


class ReportDefinitionRow(Base):
    """One report definition: what the user chose for a report."""

    __tablename__ = "report_definitions"
    __table_args__ = (
        UniqueConstraint("account", "request_id"),
        Index("ix_report_definitions_account_create_time", "account", "create_time", "id"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    report_type: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(64))
    yesterdays_activity: Mapped[bool] = mapped_column(Boolean)
    time_frame_kind: Mapped[str] = mapped_column(String(32))
    time_frame_start: Mapped[str] = mapped_column(String(16))
    time_frame_end: Mapped[str] = mapped_column(String(16))
    time_frame_time_zone: Mapped[str] = mapped_column(String(64))
    email_addresses: Mapped[str] = mapped_column(Text)
    transfer_protocol: Mapped[str | None] = mapped_column(String(8))
    # "fernet:<token>": the destination with its password, encrypted (adapters/secrets.py); masked on reads.
    transfer_destination: Mapped[str] = mapped_column(Text)
    file_name_format: Mapped[str] = mapped_column(Text)
    zip: Mapped[bool] = mapped_column(Boolean)
    pgp_encrypt: Mapped[bool] = mapped_column(Boolean)
    output_specification: Mapped[str] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(200))
    update_request_id: Mapped[str | None] = mapped_column(String(200))
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    update_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SavedReportRow(Base):
    """One generated report file registered for download."""

    __tablename__ = "saved_reports"
    __table_args__ = (
        UniqueConstraint("account", "request_id"),
        Index("ix_saved_reports_account_create_time", "account", "create_time", "id"),
        Index("ix_saved_reports_account_definition", "account", "report_definition", "create_time", "id"),
        # Retention's purge takes the oldest expired reports first.
        Index("ix_saved_reports_expire_time", "expire_time", "id"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[str] = mapped_column(String(64))
    report_definition: Mapped[str] = mapped_column(String(64))
    job: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200))
    report_type: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    row_count: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    window_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expire_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    storage_key: Mapped[str] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(200))


class DeleteRequestRow(Base):
    """A delete that carried a request_id, so its retry succeeds instead of answering NOT_FOUND."""

    __tablename__ = "delete_requests"
    __table_args__ = (Index("ix_delete_requests_create_time", "create_time"),)

    account: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OutputSpecificationRow(Base):
    """One uploaded output specification file; its id is the uploader's choice, unique in the account."""

    __tablename__ = "output_specifications"
    __table_args__ = (
        UniqueConstraint("account", "request_id"),
        Index("ix_output_specifications_account_create_time", "account", "create_time", "id"),
    )

    account: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    report_type: Mapped[str] = mapped_column(String(32))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(200))
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PgpKeyRow(Base):
    """One OpenPGP public key imported into an account (a public key: not a secret)."""

    __tablename__ = "pgp_keys"
    __table_args__ = (
        UniqueConstraint("account", "request_id"),
        Index("ix_pgp_keys_account_import_time", "account", "import_time", "fingerprint"),
    )

    account: Mapped[str] = mapped_column(String(64), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    # One user id per line.
    user_ids: Mapped[str] = mapped_column(Text)
    algorithm: Mapped[str] = mapped_column(String(64))
    armored_key: Mapped[str] = mapped_column(Text)
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expire_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    import_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    request_id: Mapped[str | None] = mapped_column(String(200))

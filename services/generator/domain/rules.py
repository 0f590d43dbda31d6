"""Validation of ingested records: each rule names the field it checks and says what it wants.

A broken rule raises ``InvalidArgument(field=, rule=)``; ingest turns it into a rejected record
and keeps going, so one bad record never loses the good ones around it.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Container
from datetime import datetime

from reportsuite.core import names
from reportsuite.core.errors import InvalidArgument
from services.generator.domain import statuses
from services.generator.domain.model import Account, AccountInput, Attempt, Campaign, CampaignInput, SubCampaign

# Free text from platform services is bounded so one record cannot bloat a report row.
ID_MAX = 128
NAME_MAX = 256
TEXT_MAX = 4096

UNKNOWN_ACCOUNT = "unknown account"
UNKNOWN_CAMPAIGN = "unknown campaign"
UNKNOWN_SUB_CAMPAIGN = "unknown sub-campaign"
UNKNOWN_STATUS = "unknown status"
REQUIRED = "required"


def _require(value: str, field: str, maximum: int = ID_MAX) -> None:
    if not value:
        raise InvalidArgument(f"{field} is missing", field=field, rule=REQUIRED)
    if len(value) > maximum:
        raise InvalidArgument(f"{field} is too long", field=field, rule=f"at most {maximum} characters")


def _bounded(value: str, field: str, maximum: int) -> None:
    if len(value) > maximum:
        raise InvalidArgument(f"{field} is too long", field=field, rule=f"at most {maximum} characters")


def check_time_zone(value: str, field: str) -> None:
    """Raises unless value is an IANA time zone name such as America/New_York."""
    _require(value, field, NAME_MAX)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidArgument(
            f"{field} {value!r} is not a time zone", field=field, rule="must be an IANA time zone such as Europe/Paris"
        ) from None


def check_account(record: AccountInput) -> Account:
    """Validates an ingested account and returns it with its id taken from its name."""
    account_id = names.parse("accounts/{account}", record.name, "name")["account"]
    _require(record.display_name, "display_name", NAME_MAX)
    _bounded(record.enterprise, "enterprise", ID_MAX)
    check_time_zone(record.reports_time_zone, "reports_time_zone")
    return Account(account_id, record.display_name, record.enterprise, record.reports_time_zone,
                   record.cost_visible)


def check_campaign(record: CampaignInput, known_accounts: Container[str]) -> Campaign:
    """Validates an ingested campaign and its sub-campaigns."""
    ids = names.parse("accounts/{account}/campaigns/{campaign}", record.name, "name")
    _require(record.display_name, "display_name", NAME_MAX)
    if record.start_time is None:
        raise InvalidArgument("start_time is missing", field="start_time", rule=REQUIRED)
    if record.end_time is not None and record.end_time < record.start_time:
        raise InvalidArgument("end_time is before start_time", field="end_time", rule="must not be before start_time")
    seen: set[str] = set()
    for index, sub in enumerate(record.sub_campaigns):
        _check_sub_campaign(sub, f"sub_campaigns[{index}]", seen)
    if ids["account"] not in known_accounts:
        raise InvalidArgument(f"account {ids['account']!r} is not known", field="name", rule=UNKNOWN_ACCOUNT)
    return Campaign(ids["account"], ids["campaign"], record.display_name, record.start_time, record.end_time,
                    record.sub_campaigns)


def _check_sub_campaign(sub: SubCampaign, prefix: str, seen: set[str]) -> None:
    names.check_id(sub.id, f"{prefix}.id")
    if sub.id in seen:
        raise InvalidArgument(f"{prefix}.id {sub.id!r} is repeated", field=f"{prefix}.id",
                              rule="sub-campaign ids are unique in their campaign")
    seen.add(sub.id)
    _require(sub.display_name, f"{prefix}.display_name", NAME_MAX)
    _bounded(sub.contact_list, f"{prefix}.contact_list", NAME_MAX)


def check_attempt(attempt: Attempt, known_sub_campaigns: Container[tuple[str, str, str]],
                  known_campaigns: Container[tuple[str, str]], known_accounts: Container[str]) -> None:
    """Checks an ingested attempt: its own fields first, then what it refers to."""
    _require(attempt.attempt_id, "attempt_id")
    _require(attempt.client_id, "client_id")
    _check_channel_and_status(attempt)
    _check_times(attempt.start_time, attempt.complete_time)
    for field in ("ring_seconds", "talk_seconds"):
        if getattr(attempt, field) < 0:
            raise InvalidArgument(f"{field} is negative", field=field, rule="must not be negative")
    _bounded(attempt.device, "device", NAME_MAX)
    _bounded(attempt.message_content, "message_content", TEXT_MAX)
    _check_references(attempt, known_sub_campaigns, known_campaigns, known_accounts)


def _check_channel_and_status(attempt: Attempt) -> None:
    if attempt.channel is None:
        raise InvalidArgument("channel is not given", field="channel", rule="must be Voice, Text, Email or Web")
    status = statuses.find(attempt.status)
    if status is None:
        raise InvalidArgument(f"status {attempt.status!r} is not a guide status", field="status", rule=UNKNOWN_STATUS)
    if attempt.channel not in status.channels:
        allowed = ", ".join(channel.value for channel in status.channels)
        raise InvalidArgument(
            f"status {status.code} does not apply to {attempt.channel.value}", field="status",
            rule=f"status not valid on channel {attempt.channel.value} ({status.code} applies to {allowed})",
        )


def _check_times(start_time: datetime | None, complete_time: datetime | None) -> None:
    if start_time is None:
        raise InvalidArgument("start_time is missing", field="start_time", rule=REQUIRED)
    if complete_time is None:
        raise InvalidArgument("complete_time is missing", field="complete_time", rule=REQUIRED)
    if complete_time < start_time:
        raise InvalidArgument("complete_time is before start_time", field="complete_time",
                              rule="must not be before start_time")


def _check_references(attempt: Attempt, known_sub_campaigns: Container[tuple[str, str, str]],
                      known_campaigns: Container[tuple[str, str]], known_accounts: Container[str]) -> None:
    if (attempt.account, attempt.campaign, attempt.sub_campaign) in known_sub_campaigns:
        return
    if attempt.account not in known_accounts:
        raise InvalidArgument(f"account {attempt.account!r} is not known", field="account", rule=UNKNOWN_ACCOUNT)
    if (attempt.account, attempt.campaign) not in known_campaigns:
        raise InvalidArgument(f"campaign {attempt.campaign!r} is not known", field="campaign",
                              rule=UNKNOWN_CAMPAIGN)
    raise InvalidArgument(f"sub-campaign {attempt.sub_campaign!r} is not known", field="sub_campaign",
                          rule=UNKNOWN_SUB_CAMPAIGN)

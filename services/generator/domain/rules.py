"""Validation of ingested records: each rule names the field it checks and says what it wants.

A broken rule raises ``InvalidArgument(field=, rule=)``; ingest turns it into a rejected record
and keeps going, so one bad record never loses the good ones around it.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from datetime import datetime

from reportsuite.core import names
from reportsuite.core.errors import InvalidArgument
from services.generator.domain import statuses
from services.generator.domain.model import (
    Account,
    AccountInput,
    Attempt,
    Campaign,
    CampaignInput,
    Channel,
    Pass,
    PassType,
    SubCampaign,
)
from services.generator.domain.references import Known, Reference

# Free text from platform services is bounded so one record cannot bloat a report row.
ID_MAX = 128
NAME_MAX = 256
TEXT_MAX = 4096

UNKNOWN_STATUS = "unknown status"
REQUIRED = "required"
CHANNEL_RULE = "must be Voice, Text, Email or Web"
# Response Group answers kept per attempt, and their sizes.
RESPONSES_MAX = 50
ANSWER_MAX = 1024


def require(value: str, field: str, maximum: int = ID_MAX) -> None:
    """Raises unless value is given and at most maximum characters long."""
    if not value:
        raise InvalidArgument(f"{field} is missing", field=field, rule=REQUIRED)
    if len(value) > maximum:
        raise InvalidArgument(f"{field} is too long", field=field, rule=f"at most {maximum} characters")


def bounded(value: str, field: str, maximum: int) -> None:
    """Raises when value is longer than maximum characters."""
    if len(value) > maximum:
        raise InvalidArgument(f"{field} is too long", field=field, rule=f"at most {maximum} characters")


def check_time_zone(value: str, field: str) -> None:
    """Raises unless value is an IANA time zone name such as America/New_York."""
    require(value, field, NAME_MAX)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidArgument(
            f"{field} {value!r} is not a time zone", field=field, rule="must be an IANA time zone such as Europe/Paris"
        ) from None


def check_account(record: AccountInput) -> Account:
    """Validates an ingested account and returns it with its id taken from its name."""
    account_id = names.parse("accounts/{account}", record.name, "name")["account"]
    require(record.display_name, "display_name", NAME_MAX)
    bounded(record.enterprise, "enterprise", ID_MAX)
    check_time_zone(record.reports_time_zone, "reports_time_zone")
    return Account(account_id, record.display_name, record.enterprise, record.reports_time_zone,
                   record.cost_visible)


def check_campaign(record: CampaignInput, known: Known) -> Campaign:
    """Validates an ingested campaign, its sub-campaigns and their passes."""
    ids = names.parse("accounts/{account}/campaigns/{campaign}", record.name, "name")
    require(record.display_name, "display_name", NAME_MAX)
    if record.start_time is None:
        raise InvalidArgument("start_time is missing", field="start_time", rule=REQUIRED)
    if record.end_time is not None and record.end_time < record.start_time:
        raise InvalidArgument("end_time is before start_time", field="end_time", rule="must not be before start_time")
    seen: set[str] = set()
    for index, sub in enumerate(record.sub_campaigns):
        _check_sub_campaign(sub, f"sub_campaigns[{index}]", seen)
    known.require(Reference.ACCOUNT, (ids["account"],), {Reference.ACCOUNT: "name"})
    return Campaign(ids["account"], ids["campaign"], record.display_name, record.start_time, record.end_time,
                    record.sub_campaigns)


def _check_sub_campaign(sub: SubCampaign, prefix: str, seen: set[str]) -> None:
    names.check_id(sub.id, f"{prefix}.id")
    if sub.id in seen:
        raise InvalidArgument(f"{prefix}.id {sub.id!r} is repeated", field=f"{prefix}.id",
                              rule="sub-campaign ids are unique in their campaign")
    seen.add(sub.id)
    require(sub.display_name, f"{prefix}.display_name", NAME_MAX)
    bounded(sub.contact_list, f"{prefix}.contact_list", NAME_MAX)
    pass_ids: set[str] = set()
    for index, one_pass in enumerate(sub.passes):
        _check_pass(one_pass, f"{prefix}.passes[{index}]", pass_ids)


def _check_pass(one_pass: Pass, prefix: str, seen: set[str]) -> None:
    names.check_id(one_pass.id, f"{prefix}.id")
    if one_pass.id in seen:
        raise InvalidArgument(f"{prefix}.id {one_pass.id!r} is repeated", field=f"{prefix}.id",
                              rule="pass ids are unique in their sub-campaign")
    seen.add(one_pass.id)
    require(one_pass.display_name, f"{prefix}.display_name", NAME_MAX)
    if one_pass.channel is None:
        raise InvalidArgument("channel is not given", field=f"{prefix}.channel", rule=CHANNEL_RULE)
    if one_pass.pass_type is None:
        raise InvalidArgument("pass_type is not given", field=f"{prefix}.pass_type",
                              rule="must be Standard, Preview or Predictive")
    if one_pass.pass_type is not PassType.STANDARD and one_pass.channel is not Channel.VOICE:
        raise InvalidArgument(f"a {one_pass.pass_type.value} pass on {one_pass.channel.value}",
                              field=f"{prefix}.pass_type",
                              rule="dialer passes (Preview, Predictive) are voice passes")


def check_attempt(attempt: Attempt, known: Known) -> None:
    """Checks an ingested attempt: its own fields first, then what it refers to."""
    require(attempt.attempt_id, "attempt_id")
    require(attempt.client_id, "client_id")
    _check_channel_and_status(attempt)
    check_times(attempt.start_time, attempt.complete_time)
    for field in ("ring_seconds", "talk_seconds"):
        if getattr(attempt, field) < 0:
            raise InvalidArgument(f"{field} is negative", field=field, rule="must not be negative")
    bounded(attempt.device, "device", NAME_MAX)
    bounded(attempt.message_content, "message_content", TEXT_MAX)
    check_responses(attempt.responses)
    check_campaign_references(attempt.account, attempt.campaign, attempt.sub_campaign, attempt.pass_id,
                              attempt.channel, known)


def check_responses(responses: tuple[tuple[str, str], ...]) -> None:
    """Response Group answers: at most RESPONSES_MAX, each group named, each answer bounded."""
    if len(responses) > RESPONSES_MAX:
        raise InvalidArgument("too many response groups", field="responses",
                              rule=f"at most {RESPONSES_MAX} response groups")
    for group, answer in responses:
        require(group, "responses", NAME_MAX)
        bounded(answer, "responses", ANSWER_MAX)


def check_campaign_references(account: str, campaign: str, sub_campaign: str, pass_id: str,
                              channel: Channel | None, known: Known,
                              fields: Mapping[Reference, str] | None = None) -> None:
    """Checks the account, campaign, sub-campaign and (when given) pass a record names.

    A pass must be one of the sub-campaign's, on the record's channel.
    """
    if not pass_id:
        known.require(Reference.SUB_CAMPAIGN, (account, campaign, sub_campaign), fields)
        return
    pass_channel = known.require(Reference.PASS, (account, campaign, sub_campaign, pass_id), fields)
    if channel is not None and pass_channel != channel.value:
        raise InvalidArgument(f"pass {pass_id!r} is a {pass_channel} pass", field="channel",
                              rule=f"must be the pass's channel ({pass_channel})")


def campaign_keys(account: str, campaign: str, sub_campaign: str, pass_id: str) -> tuple[Reference, tuple[str, ...]]:
    """The most precise campaign reference a record names, for Known.learn."""
    if pass_id:
        return Reference.PASS, (account, campaign, sub_campaign, pass_id)
    return Reference.SUB_CAMPAIGN, (account, campaign, sub_campaign)


def _check_channel_and_status(attempt: Attempt) -> None:
    if attempt.channel is None:
        raise InvalidArgument("channel is not given", field="channel", rule=CHANNEL_RULE)
    check_status_on_channel(attempt.status, attempt.channel)


def check_status_on_channel(code: str, channel: Channel) -> statuses.Status:
    """Returns the status, or raises unless it is a guide status that applies to the channel."""
    status = statuses.find(code)
    if status is None:
        raise InvalidArgument(f"status {code!r} is not a guide status", field="status", rule=UNKNOWN_STATUS)
    if channel not in status.channels:
        allowed = ", ".join(one.value for one in status.channels)
        raise InvalidArgument(
            f"status {status.code} does not apply to {channel.value}", field="status",
            rule=f"status not valid on channel {channel.value} ({status.code} applies to {allowed})",
        )
    return status


def check_times(start_time: datetime | None, complete_time: datetime | None,
                names_: tuple[str, str] = ("start_time", "complete_time")) -> None:
    """Both instants are required and the second is not before the first."""
    first, second = names_
    if start_time is None:
        raise InvalidArgument(f"{first} is missing", field=first, rule=REQUIRED)
    if complete_time is None:
        raise InvalidArgument(f"{second} is missing", field=second, rule=REQUIRED)
    if complete_time < start_time:
        raise InvalidArgument(f"{second} is before {first}", field=second, rule=f"must not be before {first}")

"""Deterministic demo activity: one account, one campaign and N contact attempts from a seed.

The same seed, instant, size and day count always give the same records, so a demo run or a
test can predict every row of a report. Attempts fall on whole report days before the given
instant, between 08:00 and 20:30 in the account's Reports Time Zone (calling hours, never in a
skipped or repeated hour of a clock change), and complete within minutes of starting.

Only statuses of real attempts are used (the guide's "All Attempts ... does not include contacts
that are filtered or otherwise not attempted"), so every demo attempt is a row of an All
Attempts report over the demo window.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from google.protobuf import json_format
from google.protobuf.message import Message

from reportsuite.cli import synth
from reportsuite.core import timestamps
from reportsuite.generator.v1 import generator_pb2

ACCOUNT_ID = "demo"
ACCOUNT_NAME = "Demo Account"
CAMPAIGN_ID = "spring"
CAMPAIGN_NAME = "Spring Renewals"
TIME_ZONE = "Europe/London"
DEFAULT_ATTEMPTS = 3000
DEFAULT_SEED = 7
DEFAULT_DAYS = 3

SUB_CAMPAIGNS = (
    generator_pb2.SubCampaign(id="spring-east", display_name="Spring Renewals East", contact_list="Renewals East"),
    generator_pb2.SubCampaign(id="spring-west", display_name="Spring Renewals West", contact_list="Renewals West"),
)

Channel = generator_pb2.Channel
T = TypeVar("T")
# The status mixes are the synthetic generator's (reportsuite.cli.synth), the one place they are declared.
STATUS_MIX = {Channel.CHANNEL_VOICE: synth.VOICE_MIX, Channel.CHANNEL_TEXT: synth.TEXT_MIX,
              Channel.CHANNEL_EMAIL: synth.EMAIL_MIX}
_CHANNEL_WEIGHTS = ((Channel.CHANNEL_VOICE, 60), (Channel.CHANNEL_TEXT, 25), (Channel.CHANNEL_EMAIL, 15))
_OUTBOUND_TEXT = "Your plan renews soon. Reply YES to renew or STOP to opt out."
_REPLIES = ("YES", "Yes please renew", "Call me tomorrow", "What is the new price?")
# Calling hours in the Reports Time Zone: 08:00 to 20:30 local, clear of any clock change.
_FIRST_MINUTE = synth.FIRST_MINUTE
_LAST_MINUTE = synth.LAST_MINUTE


@dataclass(frozen=True)
class Plan:
    """What to generate: ``attempts`` attempts over the ``days`` whole report days before ``as_of``."""

    as_of: datetime
    attempts: int = DEFAULT_ATTEMPTS
    seed: int = DEFAULT_SEED
    days: int = DEFAULT_DAYS

    def __post_init__(self) -> None:
        if self.as_of.tzinfo is None:
            raise ValueError("as_of must be timezone-aware")
        if self.attempts < 0 or self.days < 1:
            raise ValueError("attempts must be >= 0 and days >= 1")

    @property
    def first_day(self) -> datetime:
        """Local midnight starting the window."""
        return self.last_midnight - timedelta(days=self.days)

    @property
    def last_midnight(self) -> datetime:
        """Local midnight ending the window: the start of as_of's report day."""
        local = self.as_of.astimezone(ZoneInfo(TIME_ZONE))
        return datetime.combine(local.date(), time(0), tzinfo=ZoneInfo(TIME_ZONE))

    def explicit_dates(self) -> tuple[str, str, str]:
        """The window as the guide's Explicit Dates: wall-clock start, end and time zone."""
        form = "%Y-%m-%dT%H:%M"
        return self.first_day.strftime(form), self.last_midnight.strftime(form), TIME_ZONE

    def window(self) -> tuple[datetime, datetime]:
        """[start, end) of the demo window as aware datetimes."""
        return self.first_day, self.last_midnight


def account() -> generator_pb2.Account:
    return generator_pb2.Account(
        name=f"accounts/{ACCOUNT_ID}", display_name=ACCOUNT_NAME, enterprise="demo-enterprise",
        reports_time_zone=TIME_ZONE, cost_visible=False,
    )


def campaign(plan: Plan) -> generator_pb2.Campaign:
    return generator_pb2.Campaign(
        name=f"accounts/{ACCOUNT_ID}/campaigns/{CAMPAIGN_ID}", display_name=CAMPAIGN_NAME,
        start_time=timestamps.to_proto(plan.first_day), sub_campaigns=list(SUB_CAMPAIGNS),
    )


def attempts(plan: Plan) -> Iterator[generator_pb2.Attempt]:
    """Yields the plan's attempts: each ClientID gets 1-4 attempts, in time order."""
    rng = random.Random(plan.seed)
    tag = f"{plan.seed}-{plan.last_midnight:%Y%m%d}"
    made = 0
    client = 0
    while made < plan.attempts:
        client += 1
        count = min(rng.randint(1, 4), plan.attempts - made)
        for start in sorted(_start_time(rng, plan) for _ in range(count)):
            made += 1
            yield _attempt(rng, f"demo-{tag}-{made:06d}", f"C{client:06d}", start)


def _start_time(rng: random.Random, plan: Plan) -> datetime:
    day = plan.first_day + timedelta(days=rng.randrange(plan.days))
    local = datetime.combine(day.date(), time(0), tzinfo=ZoneInfo(TIME_ZONE)) + timedelta(
        minutes=rng.randint(_FIRST_MINUTE, _LAST_MINUTE - 1), seconds=rng.randint(0, 59)
    )
    return local.astimezone(ZoneInfo("UTC"))


def _attempt(rng: random.Random, attempt_id: str, client_id: str, start: datetime) -> generator_pb2.Attempt:
    channel = _weighted(rng, _CHANNEL_WEIGHTS)
    status, ring_range, talk_range = _status(rng, channel)
    ring, talk = rng.randint(*ring_range), rng.randint(*talk_range)
    complete = start + timedelta(seconds=ring + talk + rng.randint(1, 90))
    return generator_pb2.Attempt(
        attempt_id=attempt_id, account=ACCOUNT_ID, campaign=CAMPAIGN_ID,
        sub_campaign=SUB_CAMPAIGNS[int(client_id[1:]) % len(SUB_CAMPAIGNS)].id,
        client_id=client_id, channel=channel, device=_device(client_id, channel), status=status,
        start_time=timestamps.to_proto(start), complete_time=timestamps.to_proto(complete),
        ring_seconds=ring, talk_seconds=talk, message_content=_content(rng, status, channel),
    )


def _weighted(rng: random.Random, choices: Sequence[tuple[T, int]]) -> T:
    return rng.choices([value for value, _ in choices], weights=[weight for _, weight in choices])[0]


def _status(rng: random.Random, channel: generator_pb2.Channel) -> tuple[str, tuple[int, int], tuple[int, int]]:
    mix = STATUS_MIX[channel]
    row = rng.choices(mix, weights=[weight for _, weight, _, _ in mix])[0]
    return row[0], row[2], row[3]


def _device(client_id: str, channel: int) -> str:
    """A fictional +1 555 phone number, or an address at example.com (reserved for examples)."""
    if channel == Channel.CHANNEL_EMAIL:
        return f"{client_id.lower()}@example.com"
    return f"+1555{int(client_id[1:]):07d}"


def _content(rng: random.Random, status: str, channel: int) -> str:
    if status == "TEXT_MSG_RECEIVED":
        return rng.choice(_REPLIES)
    if status == "TEXT_MSG_OPT_OUT":
        return "STOP"
    return _OUTBOUND_TEXT if channel == Channel.CHANNEL_TEXT else ""


def write_jsonl(path: Path, messages: Iterable[Message]) -> int:
    """Writes messages as JSON lines that ``reportctl ingest`` reads; returns how many."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for message in messages:
            handle.write(json_format.MessageToJson(message, indent=None, preserving_proto_field_name=True))
            handle.write("\n")
            count += 1
    return count


def companion_paths(attempts_path: Path) -> dict[str, Path]:
    """Where demo-data writes each kind: the attempts at the given path, the rest beside it."""
    stem = attempts_path.with_suffix("")
    return {
        "accounts": stem.with_name(f"{stem.name}-accounts.jsonl"),
        "campaigns": stem.with_name(f"{stem.name}-campaigns.jsonl"),
        "attempts": attempts_path,
    }


def write_all(plan: Plan, attempts_path: Path) -> dict[str, tuple[Path, int]]:
    """Writes accounts, campaigns and attempts; returns each kind's path and record count."""
    paths = companion_paths(attempts_path)
    records: dict[str, Iterable[Message]] = {
        "accounts": [account()], "campaigns": [campaign(plan)], "attempts": attempts(plan),
    }
    return {kind: (paths[kind], write_jsonl(paths[kind], records[kind])) for kind in paths}

"""Agent days and list loads of the synthetic world (reportsuite.cli.synth).

Every agent works each report day from about 08:00 local for nine hours: it logs in, moves
between states (Ready, Talking, After Call Work, Not Ready, On Hold) and acts now and then (Skip
Contact on a preview pass, Send Text for text agents), then logs out. Each contact list gets two
loads: one the day before the first report day, one in the middle of the period; together they
hold the contacts the activity put in the list, with 0.5-3% of the records rejected.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from reportsuite.cli.synth import Row, SubCampaign, Weighted, below, between

Out = Iterator[tuple[str, Row]]
_STATES = Weighted((("Ready", 35), ("Talking", 30), ("After Call Work", 20), ("Not Ready", 10), ("On Hold", 5)))
_STATE_SECONDS = {"Ready": (10, 300), "Talking": (60, 600), "After Call Work": (15, 120), "Not Ready": (60, 900),
                  "On Hold": (10, 90)}
_SHIFT = timedelta(hours=9)


def agent_days(rng: random.Random, targets: list[SubCampaign], next_id: Callable[[str], str]) -> Out:
    """Each agent's state changes and actions, day by day, account by account."""
    accounts = list({target.account.id: target.account for target in targets}.values())
    for account in accounts:
        groups = {agent: group for group, agents in account.agents.items() for agent in agents}
        for start, _ in account.days:
            for agent, group in groups.items():
                yield from _shift(rng, account.id, agent, group, start, next_id)


def _shift(rng: random.Random, account: str, agent: str, group: str, day_start: datetime,
           next_id: Callable[[str], str]) -> Out:
    at = day_start + timedelta(seconds=below(rng, 1800))
    end = at + _SHIFT
    texting = agent >= "agent09"  # the last two agents of an account work text (synth._agents)
    yield "agent_actions", (next_id("act"), account, agent, "Login", at, "Logged in to the agent portal", "")
    while at < end:
        state = _STATES.pick(rng)
        seconds = between(rng, *_STATE_SECONDS[state])
        yield "agent_state_changes", (next_id("ast"), account, agent, group, state, at, seconds)
        if state == "Talking" and rng.random() < 0.1:
            action, detail = ("Send Text", "Replied to a contact") if texting else ("Skip Contact", "Preview pass")
            yield "agent_actions", (next_id("act"), account, agent, action, at, detail, "collections")
        at += timedelta(seconds=seconds)
    yield "agent_actions", (next_id("act"), account, agent, "Logout", at, "Logged out of the agent portal", "")


def list_loads(rng: random.Random, targets: list[SubCampaign], counts: dict[tuple[str, str], int],
               next_id: Callable[[str], str]) -> Out:
    """Two loads per contact list that received contacts, holding them all."""
    for target in targets:
        total = counts.get((target.account.id, target.list_id), 0)
        if not total:
            continue
        days = target.account.days
        first = total * 7 // 10
        for start, loaded in ((days[0][0] - timedelta(hours=26), first),
                              (days[len(days) // 2][0] - timedelta(hours=2), total - first)):
            rejected = int(loaded * rng.uniform(0.005, 0.03))
            end = start + timedelta(seconds=between(rng, 60, 1200))
            name = f"{target.list_id}_{start:%Y%m%d}.csv"
            yield "list_loads", (next_id("load"), target.account.id, target.list_id, name, start, end,
                                 loaded + rejected, rejected)

"""The activity of the synthetic world (reportsuite.cli.synth): contacts and what happened to them.

Each contact goes to one sub-campaign and through its passes in order. A share is filtered at the
first pass (DNC, BLOCKED, ...) and never attempted there; a pass the contact has no device for
(a text pass and no mobile number, an email pass and no address) leaves a filter record and the
next pass runs. Each attempt's status is drawn from its channel's mix; a success ends the
contact's sub-campaign, a retryable result (NOANSWER, BUSY, ...) is tried again later on the same
pass (alternating phone numbers), anything else moves on to the next pass. A live answer may be
connected to the contact center: Direct Connect attempts, failures first, then (mostly) success,
which an agent records and now and then transfers. Opted-out texts make opt-out records; some
email recipients visit the web page. Agents log in, change state and act through each day, and
each contact list gets its loads.
"""

from __future__ import annotations

import random
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from reportsuite.cli import synth
from reportsuite.cli.synth import Plan, Row, SubCampaign, Weighted, below, between

Out = Iterator[tuple[str, Row]]
When = tuple[int, datetime]  # (report day index, instant)
_FIRST = ("Pat", "Sam", "Alex", "Jordan", "Casey", "Robin", "Morgan", "Taylor", "Jamie", "Drew")
_LAST = ("Smith", "Garcia", "Okafor", "Novak", "Tanaka", "Murphy", "Schmidt", "Rossi", "Silva", "Larsen")
_PHONE_TYPES = Weighted((("Home", 45), ("Mobile", 40), ("Work", 15)))
_OUTBOUND_TEXT = "Your payment is due soon. Reply YES to pay now or STOP to opt out."
_REPLIES = Weighted((("YES", 50), ("Call me tomorrow", 20), ("What is the amount?", 20), ("Paid already", 10)))
_OPT_OUT_WORDS = Weighted((("STOP", 70), ("UNSUBSCRIBE", 10), ("QUIT", 8), ("CANCEL", 7), ("END", 5)))
_VOICE_ANSWERS = Weighted((('{"Confirm Identity": "Yes", "Payment Option": "Pay now"}', 40),
                           ('{"Confirm Identity": "Yes", "Payment Option": "Pay later"}', 30),
                           ('{"Confirm Identity": "Yes", "Payment Option": "Agent"}', 20),
                           ('{"Confirm Identity": "No"}', 10)))
_WEB_PAGES = Weighted((('{"Page": "Pay Now"}', 60), ('{"Page": "Renewal Offer"}', 30), ('{"Page": "Contact Us"}', 10)))
_DISPOSITIONS = Weighted((("RPC", 30), ("PROMISE_TO_PAY", 25), ("CALLBACK", 15), ("REFUSED", 10),
                          ("WRONG_PARTY", 10), ("PAID", 10)))
_TRANSFERS = Weighted((("Warm", 60), ("Blind", 30), ("Conference", 10)))
_MIXES = {channel: Weighted([(row, row[1]) for row in mix]) for channel, mix in synth.STATUS_MIX.items()}
_FILTERS = {channel: Weighted(mix) for channel, mix in synth.FILTER_MIX.items()}
_DC_BEFORE = Weighted(synth.DC_FAILURES_BEFORE)
_DC_RETRY = Weighted(synth.DC_RETRY_MIX)
_DC_FINAL = Weighted(synth.DC_FINAL_MIX)
_POOL = 500


@dataclass(frozen=True)
class Person:
    """A contact: ClientID, phone numbers (address, type) and email address ("" when none)."""

    client_id: str
    phones: tuple[tuple[str, str], ...]
    email: str


def phone_number(k: int) -> str:
    """The k-th fictional number: a +1 number on the 555 exchange, unique for k below 7.99 million."""
    return f"+1{201 + k % 799:03d}555{(k // 799) % 10000:04d}"


class _Maker:
    """Draws every random choice from one generator in one order, so a plan always gives the same rows."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.attempts = 0
        self.serial: dict[str, int] = {}
        self.clients: dict[str, int] = {}
        self.pool: dict[str, list[Person]] = {}
        self.list_counts: dict[tuple[str, str], int] = {}

    def next_id(self, kind: str) -> str:
        self.serial[kind] = self.serial.get(kind, 0) + 1
        return f"{self.plan.prefix}-{kind}-{self.serial[kind]:08d}"

    # --- contacts ---------------------------------------------------------------------------

    def person(self, target: SubCampaign) -> tuple[Person, list[tuple[str, Row]]]:
        """A new contact of the target's account (with its rows), or now and then one seen before."""
        account = target.account.id
        pool = self.pool.setdefault(account, [])
        self.list_counts[(account, target.list_id)] = self.list_counts.get((account, target.list_id), 0) + 1
        if pool and self.rng.random() < synth.REUSE_CLIENT_RATE:
            return pool[below(self.rng, len(pool))], []
        number = self.clients[account] = self.clients.get(account, 0) + 1
        first, last = _FIRST[below(self.rng, len(_FIRST))], _LAST[below(self.rng, len(_LAST))]
        person = Person(f"C{number:07d}", self._phones(number), "")
        if self.rng.random() < 0.6:
            person = Person(person.client_id, person.phones, f"{first}.{last}{number}@example.com".lower())
        if len(pool) < _POOL:
            pool.append(person)
        else:
            pool[below(self.rng, _POOL)] = person
        return person, self._contact_rows(account, target.list_id, person, first, last)

    def _phones(self, number: int) -> tuple[tuple[str, str], ...]:
        first = _PHONE_TYPES.pick(self.rng)
        phones = [(phone_number(2 * number), first)]
        if self.rng.random() < 0.4:
            second = "Work" if first != "Work" else "Mobile"
            phones.append((phone_number(2 * number + 1), second))
        return tuple(phones)

    @staticmethod
    def _contact_rows(account: str, list_id: str, person: Person, first: str, last: str) -> list[tuple[str, Row]]:
        found: list[tuple[str, Row]] = [("contacts", (account, person.client_id, list_id, first, last))]
        devices = [(address, kind, kind == "Mobile") for address, kind in person.phones]
        if person.email:
            devices.append((person.email, "Email", False))
        for position, (address, kind, wireless) in enumerate(devices, start=1):
            key = address.lower() if kind == "Email" else address[2:]
            found.append(("contact_devices", (account, person.client_id, address, key, kind, wireless, position)))
        return found

    # --- one contact in one sub-campaign ----------------------------------------------------

    def contact(self, target: SubCampaign) -> Out:
        person, rows = self.person(target)
        yield from rows
        days = target.account.days
        day = below(self.rng, len(days))
        when: When | None = (day, self._instant(days[day]))
        for index, one_pass in enumerate(target.passes):
            if when is None or self.attempts >= self.plan.attempts:
                return
            if one_pass.channel == "Web":
                continue  # web visits follow an email (see _email_follow_up)
            device = _device(person, one_pass.channel, 0)
            if index == 0 and self.rng.random() < synth.FILTER_RATE:
                yield self._filtered(target, person, one_pass, device, _FILTERS[one_pass.channel].pick(self.rng),
                                     when[1])
                return
            if device is None:
                status = "NO_DEVICE" if one_pass.channel == "Email" else "CHANNEL_TYPE_INCOMPATIBLE"
                yield self._filtered(target, person, one_pass, ("", ""), status, when[1])
                continue
            ended = yield from self._tries(target, person, one_pass, when)
            if ended is None or ended[1]:
                return
            when = ended[0]

    def _tries(self, target: SubCampaign, person: Person, one_pass: synth.Pass,
               when: When) -> Generator[tuple[str, Row], None, tuple[When, bool] | None]:
        """Attempts one pass until success, a result not worth retrying, or its tries run out.

        Returns (when the next pass may run, whether the contact is done), or None when time ran out.
        """
        days = target.account.days
        status = ""
        for attempt_try in range(synth.MAX_TRIES[one_pass.channel]):
            if self.attempts >= self.plan.attempts:
                return None
            device = _device(person, one_pass.channel, attempt_try)
            assert device is not None
            status = yield from self._attempt(target, person, one_pass, device, when[1])
            later = _later(self.rng, days, when)
            if status in synth.SUCCESS or later is None:
                return None if later is None else (later, True)
            when = later
            if status not in synth.RETRY:
                break
        return when, False

    def _instant(self, day: tuple[datetime, datetime]) -> datetime:
        return day[0] + timedelta(seconds=below(self.rng, int((day[1] - day[0]).total_seconds())))

    def _filtered(self, target: SubCampaign, person: Person, one_pass: synth.Pass, device: tuple[str, str] | None,
                  status: str, at: datetime) -> tuple[str, Row]:
        address, kind = device or ("", "")
        return "filtered_contacts", (self.next_id("flt"), target.account.id, target.campaign, target.id,
                                     person.client_id, one_pass.id, one_pass.channel, address, kind, status, at)

    # --- one attempt and what follows it ------------------------------------------------------

    def _attempt(self, target: SubCampaign, person: Person, one_pass: synth.Pass, device: tuple[str, str],
                 start: datetime) -> Generator[tuple[str, Row], None, str]:
        """Yields an attempt's rows (with its Direct Connect, recording, opt-out ...); returns its status."""
        self.attempts += 1
        status, _, ring_range, talk_range = _MIXES[one_pass.channel].pick(self.rng)
        attempt_id = self.next_id("att")
        ring, talk = between(self.rng, *ring_range), between(self.rng, *talk_range)
        message, answers = self._content(one_pass.channel, status)
        follow: list[tuple[str, Row]] = []
        dialer = one_pass.pass_type != "Standard"
        if status == "DELIVEREDPERSON" and (dialer or self.rng.random() < synth.DC_RATE):
            talk, follow = self._direct_connect(target, person, attempt_id, start + timedelta(seconds=ring))
        complete = start + timedelta(seconds=ring + talk + between(self.rng, 1, 20))
        yield "attempts", (attempt_id, target.account.id, target.campaign, target.id, person.client_id,
                           one_pass.channel, device[0], status, start, complete, ring, talk, message, one_pass.id,
                           device[1], answers)
        yield from follow
        if status == "TEXT_MSG_OPT_OUT":
            yield "text_opt_outs", (self.next_id("opt"), target.account.id, target.campaign, target.id,
                                    person.client_id, device[0], complete, message, message)
        if status in ("SENTEMAIL", "OPENEDEMAIL"):
            yield from self._email_follow_up(target, person, complete)
        return status

    def _content(self, channel: str, status: str) -> tuple[str, str]:
        """MessageContent and the Response Group answers (JSON) of an attempt."""
        if status == "DELIVEREDPERSON":
            return "", _VOICE_ANSWERS.pick(self.rng)
        if status == "TEXT_MSG_RECEIVED":
            reply = _REPLIES.pick(self.rng)
            return reply, f'{{"Reply": "{reply}"}}'
        if status == "TEXT_MSG_OPT_OUT":
            return _OPT_OUT_WORDS.pick(self.rng), "{}"
        if channel == "Web" and status.endswith("SUCCESS"):
            return "", _WEB_PAGES.pick(self.rng)
        return (_OUTBOUND_TEXT if channel == "Text" else ""), "{}"

    def _email_follow_up(self, target: SubCampaign, person: Person, sent: datetime) -> Out:
        web = next((p for p in target.passes if p.channel == "Web"), None)
        if web is None or self.attempts >= self.plan.attempts or self.rng.random() >= synth.WEB_AFTER_EMAIL_RATE:
            return
        visit = sent + timedelta(minutes=between(self.rng, 5, 600))
        if visit < target.account.days[-1][1]:
            yield from self._attempt(target, person, web, (person.email, "Email"), visit)

    def _direct_connect(self, target: SubCampaign, person: Person, attempt_id: str,
                        answered: datetime) -> tuple[int, list[tuple[str, Row]]]:
        """The call's Direct Connect attempts (failures first) and what follows a success; returns the
        call's talk seconds, which cover them."""
        rows: list[tuple[str, Row]] = []
        at = answered + timedelta(seconds=between(self.rng, 10, 40))  # the script plays before the transfer
        failures = _DC_BEFORE.pick(self.rng)
        for sequence in range(1, failures + 2):
            final = sequence == failures + 1
            status = (_DC_FINAL if final else _DC_RETRY).pick(self.rng)
            ring = between(self.rng, 40, 45) if status == "DC_CALL_CENTER_NO_ANSWER" else between(self.rng, 0, 15)
            hold = between(self.rng, 0, 60) if final else 0
            talk = between(self.rng, 30, 600) if status == "DC_SUCCESS" else 0
            done = at + timedelta(seconds=ring + hold + talk + 1)
            rows.append(("direct_connect_attempts", (attempt_id, sequence, target.account.id, target.campaign,
                                                     target.id, person.client_id, target.dc_number, status, at, done,
                                                     ring, hold, talk)))
            if status == "DC_SUCCESS":
                rows.extend(self._agent_call(target, person, attempt_id, at + timedelta(seconds=ring + hold), talk))
            at = done + timedelta(seconds=between(self.rng, 1, 3))
        return int((at - answered).total_seconds()), rows

    def _agent_call(self, target: SubCampaign, person: Person, attempt_id: str, start: datetime,
                    talk: int) -> list[tuple[str, Row]]:
        rows: list[tuple[str, Row]] = []
        agents = target.account.agents[target.group]
        agent = agents[below(self.rng, len(agents))]
        account = target.account.id
        if self.rng.random() < synth.RECORDING_RATE:
            recording = self.next_id("rec")
            rows.append(("call_recordings", (recording, account, target.campaign, target.id, person.client_id,
                                             attempt_id, agent, target.group, _DISPOSITIONS.pick(self.rng), start,
                                             talk, f"https://recordings.example.com/{account}/{recording}.wav")))
        if self.rng.random() < synth.TRANSFER_RATE:
            others = [a for group in target.account.agents.values() for a in group if a != agent]
            rows.append(("session_transfers", (
                self.next_id("xfr"), account, target.campaign, target.id, attempt_id, _TRANSFERS.pick(self.rng),
                agent, others[below(self.rng, len(others))], "", start + timedelta(seconds=talk * 3 // 10),
                between(self.rng, 2, 10), between(self.rng, 0, 30), between(self.rng, 20, 300))))
        return rows


def _device(person: Person, channel: str, attempt_try: int) -> tuple[str, str] | None:
    """The device a pass attempts: a phone (alternating on retries), a mobile for texts, the email."""
    if channel == "Voice":
        return person.phones[attempt_try % len(person.phones)]
    if channel == "Text":
        return next((phone for phone in person.phones if phone[1] == "Mobile"), None)
    return (person.email, "Email") if person.email else None


def _later(rng: random.Random, days: tuple[tuple[datetime, datetime], ...],
           when: tuple[int, datetime]) -> tuple[int, datetime] | None:
    """When the next try may start: later the same day, or on one of the next two days; None past the last."""
    day, at = when
    later = at + timedelta(minutes=between(rng, 60, 240))
    if later < days[day][1]:
        return day, later
    day += between(rng, 1, 2)
    if day >= len(days):
        return None
    start, end = days[day]
    return day, start + timedelta(seconds=below(rng, int((end - start).total_seconds()) // 2))


def activity(plan: Plan, targets: list[SubCampaign]) -> Out:
    """The activity rows: contacts until the plan's attempts are made, then agent days and list loads."""
    maker = _Maker(plan)
    while maker.attempts < plan.attempts:
        yield from maker.contact(targets[below(maker.rng, len(targets))])
    from reportsuite.cli import synth_agents  # agents and list loads draw from the same generator, after

    yield from synth_agents.agent_days(maker.rng, targets, maker.next_id)
    yield from synth_agents.list_loads(maker.rng, targets, maker.list_counts, maker.next_id)

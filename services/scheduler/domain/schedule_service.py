"""The schedule use cases: create, read, list, update, pause, resume, delete, preview, list runs.

Each change is one short transaction that locks the schedule row; calls with a request_id
record their result in the same transaction, so a retry returns the first result.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from reportsuite.core import names, pagination
from reportsuite.core.errors import FailedPrecondition, InvalidArgument, NotFound
from services.scheduler.domain import schedules
from services.scheduler.domain.ports import ActivityStore, Catalog
from services.scheduler.domain.runs import Run
from services.scheduler.domain.schedule_ports import PageCursor, ScheduleStore, ScheduleTransaction
from services.scheduler.domain.schedules import Crontab, MisfirePolicy, Schedule, Timing

ACCOUNT_NAME = "accounts/{account}"
DEFINITION_NAME = "accounts/{account}/reports/{report}"
MAX_REQUEST_ID_LENGTH = 200
DEFAULT_PREVIEW = 10
MAX_PREVIEW = 100
UPDATABLE = frozenset({"report_definition", "weekly", "crontab", "skip_if_empty", "misfire_policy",
                       "misfire_grace_period"})


@dataclass(frozen=True)
class WeeklySpec:
    """A weekly timing as the caller gave it, not yet checked."""

    days: tuple[int, ...]
    time: str
    time_zone: str = ""


@dataclass(frozen=True)
class ScheduleSpec:
    """A schedule as the caller gave it, not yet checked; None means "not given"."""

    report_definition: str = ""
    weekly: WeeklySpec | None = None
    crontab: str | None = None
    skip_if_empty: bool = False
    misfire_policy: MisfirePolicy | None = None
    grace: timedelta | None = None


class ScheduleService:
    """The schedule use cases, wired to their ports by bootstrap.

    Args:
        store: the scheduler's tables.
        catalog: where report definitions are checked.
        activity: where accounts' reports time zones are read.
        clock: returns the current time (aware UTC).
    """

    def __init__(self, store: ScheduleStore, catalog: Catalog, activity: ActivityStore,
                 clock: Callable[[], datetime]) -> None:
        self._store = store
        self._catalog = catalog
        self._activity = activity
        self._clock = clock

    def create(self, parent: str, spec: ScheduleSpec, request_id: str) -> Schedule:
        """Creates a schedule; a repeated request_id returns the account's first schedule.

        Raises:
            InvalidArgument: a malformed field, named in the error ("schedule.crontab.hour", ...).
            NotFound: on "schedule.report_definition" when the catalog has no such definition.
            FailedPrecondition: on "schedule.weekly.time_zone" when the account's zone is unknown.
        """
        account = names.parse(ACCOUNT_NAME, parent, "parent")["account"]
        _check_length(request_id, MAX_REQUEST_ID_LENGTH, "request_id")
        if request_id:
            with self._store.transaction() as tx:
                first = tx.schedule_by_request(account, request_id)
            if first is not None:
                return first
        definition = self._definition(account, spec.report_definition)
        timing, zone = self._timing(account, spec)
        now = self._clock()
        schedule = Schedule(
            id=uuid.uuid4().hex, account=account, report_definition=definition, timing=timing, time_zone=zone,
            skip_if_empty=spec.skip_if_empty, paused=False,
            misfire_policy=spec.misfire_policy or MisfirePolicy.RUN_ONCE_LATE,
            grace=schedules.check_grace(schedules.DEFAULT_GRACE if spec.grace is None else spec.grace),
            next_due_time=schedules.next_fire(timing, zone, now), create_time=now, update_time=now,
            request_id=request_id or None,
        )
        with self._store.transaction() as tx:
            if not tx.insert_schedule(schedule):
                return _required(tx.schedule_by_request(account, request_id), parent)
        return schedule

    def get(self, name: str) -> Schedule:
        """Returns a schedule. Raises InvalidArgument or NotFound on "name"."""
        account, schedule_id = _parse(name, "name")
        with self._store.transaction() as tx:
            return _required(tx.schedule(account, schedule_id), name)

    def list_schedules(self, parent: str, report_definition: str, page_size: int,
                       page_token: str) -> tuple[list[Schedule], str]:
        """One page of an account's schedules, newest first, and the next page's token."""
        account = names.parse(ACCOUNT_NAME, parent, "parent")["account"]
        if report_definition:
            self._check_definition_name(account, report_definition, "report_definition")
        limit = pagination.page_size(page_size)
        token = pagination.decode(page_token)
        after = None if token is None else PageCursor(_token_time(token, "t"), str(token.get("id", "")))
        with self._store.transaction() as tx:
            found = tx.list_schedules(account, report_definition or None, after, limit + 1)
        if len(found) <= limit:
            return found, ""
        last = found[limit - 1]
        return found[:limit], pagination.encode({"t": last.create_time.isoformat(), "id": last.id})

    def update(self, name: str, spec: ScheduleSpec, mask: list[str], request_id: str) -> Schedule:
        """Changes the fields named in mask; the next due time is recomputed when the timing changed.

        Raises:
            InvalidArgument: on "update_mask" for an empty mask or a field that cannot change, or
                on the changed field when its new value is malformed.
            NotFound: the schedule or the new report definition does not exist.
        """
        account, schedule_id = _parse(name, "schedule.name")
        _check_mask(mask)
        _check_length(request_id, MAX_REQUEST_ID_LENGTH, "request_id")
        with self._store.transaction() as tx:
            first = _replay(tx, account, request_id, "UpdateSchedule", schedule_id)
            if first is not None:
                return first
            schedule = _required(tx.schedule(account, schedule_id, lock=True), name)
            self._apply(schedule, spec, set(mask))
            tx.update_schedule(schedule)
            _remember(tx, request_id, "UpdateSchedule", schedule, self._clock())
        return schedule

    def _apply(self, schedule: Schedule, spec: ScheduleSpec, paths: set[str]) -> None:
        now = self._clock()
        if "report_definition" in paths:
            schedule.report_definition = self._definition(schedule.account, spec.report_definition)
        timing, zone = schedule.timing, schedule.time_zone
        if paths & {"weekly", "crontab"}:
            timing, zone = self._timing(schedule.account, spec, paths & {"weekly", "crontab"})
        elif isinstance(timing, schedules.Weekly) and not timing.time_zone:
            zone = self._account_zone(schedule.account)  # re-read on every update, as documented
        if "skip_if_empty" in paths:
            schedule.skip_if_empty = spec.skip_if_empty
        if "misfire_policy" in paths:
            schedule.misfire_policy = spec.misfire_policy or MisfirePolicy.RUN_ONCE_LATE
        if "misfire_grace_period" in paths:
            schedule.grace = schedules.check_grace(schedules.DEFAULT_GRACE if spec.grace is None else spec.grace)
        if (timing, zone) != (schedule.timing, schedule.time_zone) and not schedule.paused:
            schedule.next_due_time = schedules.next_fire(timing, zone, now)
        schedule.timing, schedule.time_zone, schedule.update_time = timing, zone, now

    def pause(self, name: str, request_id: str) -> Schedule:
        """Pauses a schedule (a paused one is returned unchanged): it has no next due time until resumed."""
        return self._set_paused(name, request_id, True)

    def resume(self, name: str, request_id: str) -> Schedule:
        """Resumes a paused schedule from its first fire time after now; times passed while paused
        are not runs and are not recorded. A running schedule is returned unchanged."""
        return self._set_paused(name, request_id, False)

    def _set_paused(self, name: str, request_id: str, paused: bool) -> Schedule:
        account, schedule_id = _parse(name, "name")
        _check_length(request_id, MAX_REQUEST_ID_LENGTH, "request_id")
        method = "PauseSchedule" if paused else "ResumeSchedule"
        with self._store.transaction() as tx:
            first = _replay(tx, account, request_id, method, schedule_id)
            if first is not None:
                return first
            schedule = _required(tx.schedule(account, schedule_id, lock=True), name)
            if schedule.paused != paused:
                now = self._clock()
                schedule.paused, schedule.update_time = paused, now
                schedule.next_due_time = None if paused else schedules.next_fire(
                    schedule.timing, schedule.time_zone, now)
                tx.update_schedule(schedule)
            _remember(tx, request_id, method, schedule, self._clock())
        return schedule

    def delete(self, name: str, request_id: str) -> None:
        """Deletes a schedule and its runs; the jobs they started stay. A retry with the same
        request_id succeeds again; without one, a second delete answers NOT_FOUND."""
        account, schedule_id = _parse(name, "name")
        _check_length(request_id, MAX_REQUEST_ID_LENGTH, "request_id")
        with self._store.transaction() as tx:
            if _replay(tx, account, request_id, "DeleteSchedule", schedule_id) is not None:
                return
            schedule = _required(tx.schedule(account, schedule_id, lock=True), name)
            tx.delete_schedule(account, schedule_id)
            _remember(tx, request_id, "DeleteSchedule", schedule, self._clock())

    def preview(self, name: str, spec: ScheduleSpec | None, count: int,
                start: datetime | None) -> tuple[list[datetime], str]:
        """The next fire times after start (default now) of a saved schedule or an unsaved one.

        Raises:
            InvalidArgument: on "name" unless exactly one of name and spec is given, on "count"
                outside 1-100 (0 means 10), or on a malformed field of spec.
        """
        if bool(name) == (spec is not None):
            raise InvalidArgument("give either name or schedule", field="name",
                                  rule="set exactly one of name and schedule")
        if not 0 <= count <= MAX_PREVIEW:
            raise InvalidArgument(f"count {count} is outside 1 to {MAX_PREVIEW}", field="count",
                                  rule=f"between 1 and {MAX_PREVIEW} (0 means {DEFAULT_PREVIEW})")
        if spec is None:
            saved = self.get(name)
            timing, zone = saved.timing, saved.time_zone
        else:
            account = ""
            if spec.report_definition:
                account = self._check_definition_name("", spec.report_definition, "schedule.report_definition")
            timing, zone = self._timing(account, spec)
        times = schedules.fire_times(timing, zone, start or self._clock(), count or DEFAULT_PREVIEW)
        return times, zone

    def list_runs(self, parent: str, page_size: int, page_token: str) -> tuple[list[Run], str]:
        """One page of a schedule's runs, latest due time first, and the next page's token."""
        account, schedule_id = _parse(parent, "parent")
        limit = pagination.page_size(page_size)
        token = pagination.decode(page_token)
        before = None if token is None else _token_time(token, "due")
        with self._store.transaction() as tx:
            _required(tx.schedule(account, schedule_id), parent)
            found = tx.list_runs(schedule_id, before, limit + 1)
        if len(found) <= limit:
            return found, ""
        return found[:limit], pagination.encode({"due": found[limit - 1].due_time.isoformat()})

    # --- checking a spec -------------------------------------------------------------------

    def _definition(self, account: str, name: str) -> str:
        self._check_definition_name(account, name, "schedule.report_definition")
        try:
            return self._catalog.report_definition(name).name or name
        except NotFound:
            raise NotFound(f"report definition {name} does not exist", field="schedule.report_definition",
                           rule="the report definition must exist") from None

    @staticmethod
    def _check_definition_name(account: str, name: str, field: str) -> str:
        owner = names.parse(DEFINITION_NAME, name, field)["account"]
        if account and owner != account:
            raise InvalidArgument(f"{name} is not in accounts/{account}", field=field,
                                  rule="must be a report definition of the schedule's account")
        return owner

    def _timing(self, account: str, spec: ScheduleSpec, wanted: set[str] | None = None) -> tuple[Timing, str]:
        given = {"weekly"} if spec.weekly is not None else {"crontab"} if spec.crontab is not None else set()
        if not given or (wanted and not wanted & given):
            raise InvalidArgument("the schedule has no timing", field="schedule.timing",
                                  rule="set exactly one of weekly and crontab")
        if spec.crontab is not None:
            crontab: Crontab = schedules.parse_crontab(spec.crontab)
            return crontab, "UTC"
        assert spec.weekly is not None
        weekly = schedules.parse_weekly(list(spec.weekly.days), spec.weekly.time, spec.weekly.time_zone)
        if weekly.time_zone:
            return weekly, weekly.time_zone
        if not account:
            raise InvalidArgument("a weekly schedule without a time zone needs its report definition",
                                  field="schedule.report_definition",
                                  rule="set report_definition (its account's zone is used) or weekly.time_zone")
        return weekly, self._account_zone(account)

    def _account_zone(self, account: str) -> str:
        try:
            found = self._activity.reports_time_zone(account)
        except FailedPrecondition as error:
            raise FailedPrecondition(
                f"{error.message}: give the schedule a time zone", field="schedule.weekly.time_zone",
                rule="the account must be known to the activity store, or the schedule must name its time zone",
            ) from None
        try:
            schedules.zone(found, "schedule.weekly.time_zone")
        except InvalidArgument:
            raise FailedPrecondition(
                f"the reports time zone of accounts/{account} ({found!r}) is not an IANA zone",
                field="schedule.weekly.time_zone", rule="the account's reports time zone must be an IANA zone",
            ) from None
        return found


def _parse(name: str, field: str) -> tuple[str, str]:
    parts = names.parse(schedules.SCHEDULE_NAME, name, field)
    return parts["account"], parts["schedule"]


def _required(schedule: Schedule | None, name: str) -> Schedule:
    if schedule is None:
        raise NotFound(f"{name} does not exist", field="name", rule="the schedule must exist")
    return schedule


def _check_length(value: str, limit: int, field: str) -> None:
    if len(value) > limit:
        raise InvalidArgument(f"{field} is longer than {limit} characters", field=field,
                              rule=f"at most {limit} characters")


def _check_mask(mask: list[str]) -> None:
    if not mask:
        raise InvalidArgument("update_mask names no field", field="update_mask",
                              rule=f"name at least one of {', '.join(sorted(UPDATABLE))}")
    unknown = sorted(set(mask) - UPDATABLE)
    if unknown:
        raise InvalidArgument(f"update_mask names {unknown[0]!r}, which cannot be updated", field="update_mask",
                              rule=f"only {', '.join(sorted(UPDATABLE))} can be updated")


def _replay(tx: ScheduleTransaction, account: str, request_id: str, method: str,
            schedule_id: str) -> Schedule | None:
    if not request_id:
        return None
    stored = tx.request(account, request_id)
    if stored is None:
        return None
    if (stored.method, stored.schedule_id) != (method, schedule_id):
        raise InvalidArgument(
            f"request_id {request_id!r} was used for {stored.method} of schedule {stored.schedule_id}",
            field="request_id", rule="a request_id may be used for one call only",
        )
    return stored.result


def _remember(tx: ScheduleTransaction, request_id: str, method: str, schedule: Schedule, now: datetime) -> None:
    if request_id:
        tx.save_request(schedule.account, request_id, method, schedule, now)


def _token_time(token: dict[str, object], key: str) -> datetime:
    try:
        return datetime.fromisoformat(str(token[key]))
    except (KeyError, ValueError):
        raise InvalidArgument(
            "page_token is not a token this service issued", field="page_token",
            rule="must be a next_page_token from a previous call",
        ) from None

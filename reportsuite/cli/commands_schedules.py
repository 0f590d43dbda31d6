"""reportctl's ``schedule`` commands: when report definitions run, and what each run did.

    reportctl schedule create --account A --report R (--crontab "0 9 * * 1" | --days mon,wed --at 09:00 [--tz Z])
                              [--skip-if-empty] [--misfire run-once-late|skip] [--grace 1h] [--request-id ID]
    reportctl schedule get NAME
    reportctl schedule list --account A [--report R]
    reportctl schedule update NAME [--report R] [--crontab C | --days D --at T [--tz Z]]
                              [--skip-if-empty | --no-skip-if-empty] [--misfire M] [--grace G] [--request-id ID]
    reportctl schedule pause|resume|delete NAME [--request-id ID]
    reportctl schedule preview (NAME | --crontab C | --days D --at T [--tz Z] [--report R]) [--count N] [--from T]
    reportctl schedule runs NAME                        each run: due time, state, start, rows, reason

R is a report definition's name, NAME a schedule's (``accounts/{account}/schedules/{id}``). A
crontab is the guide's "Crontab String (GMT)"; --days/--at the guide's weekly schedule, in the
account's reports time zone unless --tz names one. docs/schedules.md has the rules.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

from google.protobuf.duration_pb2 import Duration
from google.protobuf.field_mask_pb2 import FieldMask

from reportsuite.cli import formatting, reportctl
from reportsuite.cli.report_args import UsageError, instant
from reportsuite.core import clients
from reportsuite.scheduler.v1 import scheduler_pb2 as pb

DAYS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
MISFIRE = {"run-once-late": pb.MISFIRE_POLICY_RUN_ONCE_LATE, "skip": pb.MISFIRE_POLICY_SKIP}
_GRACE = re.compile(r"(\d+)([smhd]?)\Z")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _stub() -> Any:
    return clients.scheduler(reportctl.address("scheduler"))


def parse_days(text: str) -> list[int]:
    """``mon,wed`` or ``1,3`` (1 = Monday .. 7 = Sunday) as the guide's day numbers."""
    days = []
    for item in (part.strip().lower()[:3] for part in text.split(",")):
        if item in DAYS:
            days.append(DAYS[item])
        elif item.isdigit() and 1 <= int(item) <= 7:
            days.append(int(item))
        else:
            raise UsageError(f"--days {text!r}: days are mon..sun or 1..7 (1 = Monday), comma-separated")
    return days


def parse_grace(text: str) -> Duration:
    """``90s``, ``30m``, ``1h``, ``2d`` or plain seconds."""
    match = _GRACE.match(text.strip().lower())
    if match is None:
        raise UsageError(f"--grace {text!r}: give a number with s, m, h or d, e.g. 1h")
    return Duration(seconds=int(match[1]) * _UNIT_SECONDS[match[2]])


def timing_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The schedule's timing from --crontab or --days/--at/--tz; {} when none was given."""
    if args.crontab is not None and (args.days or args.at):
        raise UsageError("give either --crontab or --days with --at, not both")
    if args.crontab is not None:
        return {"crontab": args.crontab}
    if args.days or args.at:
        if not (args.days and args.at):
            raise UsageError("a weekly schedule needs both --days and --at")
        days = [pb.DayOfWeek.ValueType(day) for day in parse_days(args.days)]
        return {"weekly": pb.WeeklySchedule(days=days, time=args.at, time_zone=args.tz or "")}
    return {}


def build_schedule(args: argparse.Namespace) -> tuple[pb.Schedule, list[str]]:
    """The Schedule the options describe, and the names of the fields they set (an update's mask)."""
    schedule = pb.Schedule(report_definition=args.report or "", **timing_fields(args))
    paths = ["report_definition"] if args.report else []
    timing = schedule.WhichOneof("timing")
    paths += [timing] if timing else []
    if args.skip_if_empty is not None:
        schedule.skip_if_empty = args.skip_if_empty
        paths.append("skip_if_empty")
    if args.misfire:
        schedule.misfire_policy = MISFIRE[args.misfire]
        paths.append("misfire_policy")
    if args.grace:
        schedule.misfire_grace_period.CopyFrom(parse_grace(args.grace))
        paths.append("misfire_grace_period")
    return schedule, paths


def schedule_text(schedule: pb.Schedule) -> str:
    return formatting.fields([
        ("name", schedule.name), ("report definition", schedule.report_definition), ("when", when(schedule)),
        ("skip if empty", "yes" if schedule.skip_if_empty else "no"), ("paused", "yes" if schedule.paused else "no"),
        ("misfire policy", formatting.enum_label(pb.MisfirePolicy, schedule.misfire_policy, "MISFIRE_POLICY_")),
        ("grace period", f"{schedule.misfire_grace_period.ToTimedelta()}"),
        ("next due", formatting.timestamp(schedule, "next_due_time")),
        ("created", formatting.timestamp(schedule, "create_time")),
        ("updated", formatting.timestamp(schedule, "update_time")),
    ])


def when(schedule: pb.Schedule) -> str:
    """``crontab 0 9 * * 1 (GMT)`` or ``mon,wed at 09:00 America/New_York``."""
    if schedule.WhichOneof("timing") == "crontab":
        return f"crontab {schedule.crontab} (GMT)"
    weekly = schedule.weekly
    names = {number: name for name, number in DAYS.items()}
    days = ",".join(names.get(day, str(day)) for day in weekly.days)
    return f"{days} at {weekly.time} {weekly.effective_time_zone or weekly.time_zone}".rstrip()


def schedules_table(schedules: Sequence[pb.Schedule]) -> str:
    rows = [(s.name, when(s), "paused" if s.paused else formatting.timestamp(s, "next_due_time"), s.report_definition)
            for s in schedules]
    return formatting.table(("NAME", "WHEN", "NEXT DUE", "REPORT DEFINITION"), rows)


def runs_table(runs: Sequence[pb.Run]) -> str:
    rows = [(formatting.timestamp(r, "due_time"), formatting.enum_label(pb.Run.State, r.state, "STATE_").upper(),
             formatting.timestamp(r, "start_time"), str(r.row_count) if r.saved_report else "", r.job, r.reason)
            for r in runs]
    return formatting.table(("DUE", "STATE", "STARTED", "ROWS", "JOB", "REASON"), rows)


def _create(args: argparse.Namespace) -> int:
    schedule, _ = build_schedule(args)
    request = pb.CreateScheduleRequest(parent=f"accounts/{args.account}", schedule=schedule,
                                       request_id=args.request_id or "")
    created = _stub().CreateSchedule(request, timeout=reportctl.CALL_TIMEOUT).schedule
    return reportctl._emit(args, created, schedule_text)


def _get(args: argparse.Namespace) -> int:
    found = _stub().GetSchedule(pb.GetScheduleRequest(name=args.name), timeout=reportctl.CALL_TIMEOUT).schedule
    return reportctl._emit(args, found, schedule_text)


def _list(args: argparse.Namespace) -> int:
    request = pb.ListSchedulesRequest(parent=f"accounts/{args.account}", page_size=reportctl.PAGE_SIZE,
                                      report_definition=args.report or "")
    merged = reportctl._all_pages(_stub().ListSchedules, request, "schedules")
    return reportctl._emit(args, merged, lambda m: schedules_table(m.schedules))


def _update(args: argparse.Namespace) -> int:
    schedule, paths = build_schedule(args)
    if not paths:
        raise UsageError("name at least one thing to change")
    schedule.name = args.name
    request = pb.UpdateScheduleRequest(schedule=schedule, update_mask=FieldMask(paths=paths),
                                       request_id=args.request_id or "")
    updated = _stub().UpdateSchedule(request, timeout=reportctl.CALL_TIMEOUT).schedule
    return reportctl._emit(args, updated, schedule_text)


def _pause(args: argparse.Namespace) -> int:
    request = pb.PauseScheduleRequest(name=args.name, request_id=args.request_id or "")
    return reportctl._emit(args, _stub().PauseSchedule(request, timeout=reportctl.CALL_TIMEOUT).schedule,
                           schedule_text)


def _resume(args: argparse.Namespace) -> int:
    request = pb.ResumeScheduleRequest(name=args.name, request_id=args.request_id or "")
    return reportctl._emit(args, _stub().ResumeSchedule(request, timeout=reportctl.CALL_TIMEOUT).schedule,
                           schedule_text)


def _delete(args: argparse.Namespace) -> int:
    request = pb.DeleteScheduleRequest(name=args.name, request_id=args.request_id or "")
    response = _stub().DeleteSchedule(request, timeout=reportctl.CALL_TIMEOUT)
    return reportctl._emit(args, response, lambda _: f"deleted {args.name}")


def _preview(args: argparse.Namespace) -> int:
    timing = timing_fields(args)
    if bool(args.name) == bool(timing):
        raise UsageError("preview a saved schedule (NAME) or an unsaved one (--crontab, or --days with --at)")
    request = pb.PreviewScheduleRequest(name=args.name or "", count=args.count,
                                        start_time=instant(getattr(args, "from"), "--from"))
    if timing:
        request.schedule.CopyFrom(pb.Schedule(report_definition=args.report or "", **timing))
    response = _stub().PreviewSchedule(request, timeout=reportctl.CALL_TIMEOUT)
    return reportctl._emit(args, response, preview_text)


def preview_text(response: pb.PreviewScheduleResponse) -> str:
    """One fire time a line, in UTC and in the schedule's zone."""
    zone = ZoneInfo(response.time_zone or "UTC")
    instants = [t.ToDatetime(tzinfo=UTC) for t in response.fire_times]
    return "\n".join(f"{at:%Y-%m-%dT%H:%M:%SZ}  {at.astimezone(zone):%a %Y-%m-%d %H:%M %Z}" for at in instants)


def _runs(args: argparse.Namespace) -> int:
    request = pb.ListRunsRequest(parent=args.name, page_size=reportctl.PAGE_SIZE)
    merged = reportctl._all_pages(_stub().ListRuns, request, "runs")
    return reportctl._emit(args, merged, lambda m: runs_table(m.runs))


def _timing_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--crontab", help='the guide\'s "Crontab String (GMT)", e.g. "0 9 * * 1"')
    parser.add_argument("--days", help="weekly: days of the week, e.g. mon,wed,fri or 1,3,5 (1 = Monday)")
    parser.add_argument("--at", help="weekly: the wall-clock time HH:MM")
    parser.add_argument("--tz", help="weekly: an IANA time zone (default: the account's reports time zone)")


def _options(parser: argparse.ArgumentParser, *, creating: bool) -> None:
    parser.add_argument("--report", required=creating, help="the report definition, accounts/{a}/reports/{r}")
    _timing_options(parser)
    skip = parser.add_mutually_exclusive_group()
    skip.add_argument("--skip-if-empty", dest="skip_if_empty", action="store_true", default=None,
                      help="do not generate (or deliver) the report when it has no rows")
    skip.add_argument("--no-skip-if-empty", dest="skip_if_empty", action="store_false")
    parser.add_argument("--misfire", choices=sorted(MISFIRE), help="what happens to runs missed while down")
    parser.add_argument("--grace", help="how late a missed run may still run, e.g. 1h (default 1h)")
    parser.add_argument("--request-id", help="makes a retried call return the first result")


def register(groups: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Adds the ``schedule`` group to reportctl's parser (``groups`` its sub-parsers, ``command`` its leaf maker)."""
    schedules = groups.add_parser("schedule", help="report schedules and their runs").add_subparsers(
        title="commands", required=True)
    create = command(schedules, "create", _create, "schedule a report definition")
    create.add_argument("--account", required=True)
    _options(create, creating=True)
    command(schedules, "get", _get, "show a schedule").add_argument("name")
    listing = command(schedules, "list", _list, "list an account's schedules, newest first")
    listing.add_argument("--account", required=True)
    listing.add_argument("--report", help="only this report definition's schedules")
    update = command(schedules, "update", _update, "change a schedule (only the options given)")
    update.add_argument("name")
    _options(update, creating=False)
    for verb, handler, text in (("pause", _pause, "stop a schedule from running until resumed"),
                                ("resume", _resume, "let a paused schedule run again from its next fire time"),
                                ("delete", _delete, "delete a schedule and its runs (not their jobs)")):
        leaf = command(schedules, verb, handler, text)
        leaf.add_argument("name")
        leaf.add_argument("--request-id")
    preview = command(schedules, "preview", _preview, "list the next fire times of a schedule")
    preview.add_argument("name", nargs="?", default="")
    _timing_options(preview)
    preview.add_argument("--report", help="an unsaved weekly schedule's definition (for its account's time zone)")
    preview.add_argument("--count", type=int, default=10, help="how many fire times (at most 100)")
    preview.add_argument("--from", help="list fire times after this ISO instant (default now)")
    command(schedules, "runs", _runs, "list a schedule's runs, the latest due time first").add_argument("name")
